"""A Word package (.docx) opened defensively: the zip and every XML part inside it are bounded
before and while they are read, and nothing a part declares is ever fetched or expanded.

Bounds (each a Dutch 422 when crossed; docs/reliability.md, "Word-bestanden"):
- the zip: at most MAX_DELEN entries; the declared unpacked size of all entries at most
  `max_uitgepakt`; per entry a compression ratio of at most MAX_VERHOUDING once it unpacks to
  more than 1 MB (real Word XML packs 5-30x; a bomb packs 1000x); reading stops at the declared
  size (zipfile checks it), so a lying header cannot unpack more;
- every XML part: UTF-8 or UTF-16 only; no DOCTYPE and no entity declaration anywhere (refused,
  not expanded); lxml parses with resolve_entities=False, no_network=True, load_dtd=False and
  without huge_tree (libxml2 then caps one text node or attribute at 10 MB and nesting at 256);
  at most MAX_ELEMENTEN elements over all parts read and a depth of MAX_DIEPTE, counted while
  parsing so a huge part stops early instead of being built first.

Both OOXML flavours are read: Strict parts use other namespace URIs (purl.oclc.org); they are
mapped to the transitional ones on parsing, so the rest of the reader sees one vocabulary. The
main part is found through the package relationships (its name is free), not by a fixed name.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from workflow.importeren import ImportFout

MAX_DELEN = 1000
MAX_VERHOUDING = 200
MAX_ELEMENTEN = 500_000
MAX_DIEPTE = 128

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

# Strict OOXML namespace -> transitional namespace (ISO/IEC 29500-1 Annex A vs -4).
STRIKT = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": W,
    "http://purl.oclc.org/ooxml/officeDocument/relationships": R,
    "http://purl.oclc.org/ooxml/drawingml/main": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://purl.oclc.org/ooxml/drawingml/picture": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://purl.oclc.org/ooxml/officeDocument/math": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/customProperties": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
_REL_STRIKT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class WordFout(ImportFout):
    """The file is not a Word document that can be read; the message (Dutch) says why."""


def reltype(naam: str) -> str:
    return _REL + naam


@dataclass
class Relatie:
    soort: str  # transitional relationship type URI
    doel: str  # part name (no leading slash) or the external target
    extern: bool


@dataclass
class Pakket:
    archief: zipfile.ZipFile
    namen: set[str]
    elementen: int = 0
    gelezen: dict[str, etree._Element] = field(default_factory=dict)

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, inhoud: bytes, *, max_uitgepakt: int) -> Pakket:
        try:
            archief = zipfile.ZipFile(io.BytesIO(inhoud))
            infos = archief.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
            raise WordFout("het bestand is geen geldig Word-document (.docx is een zip-archief)") from None
        if len(infos) > MAX_DELEN:
            raise WordFout(f"het Word-document bestaat uit te veel delen ({len(infos)}; hoogstens {MAX_DELEN})")
        totaal = sum(i.file_size for i in infos)
        if totaal > max_uitgepakt:
            raise WordFout(f"het Word-document is uitgepakt te groot ({totaal} bytes; hoogstens {max_uitgepakt})")
        for info in infos:
            if info.file_size > 1_000_000 and info.file_size > MAX_VERHOUDING * max(info.compress_size, 1):
                raise WordFout(
                    f"deel '{info.filename}' van het Word-document is verdacht sterk gecomprimeerd "
                    f"({info.file_size} bytes uit {info.compress_size}); zo'n bestand wordt niet uitgepakt"
                )
        return cls(archief, {i.filename for i in infos})

    def bytes(self, naam: str) -> bytes:
        try:
            info = self.archief.getinfo(naam)
            # Read no more than the declared size: a header that understates it stops here (the
            # CRC then fails) instead of unpacking everything behind it.
            with self.archief.open(info) as f:
                data = f.read(info.file_size)
                if f.read(1):
                    raise WordFout(f"deel '{naam}' van het Word-document is groter dan het archief opgeeft")
            return data
        except KeyError:
            raise WordFout(f"deel '{naam}' ontbreekt in het Word-document") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError, RuntimeError):
            raise WordFout(f"deel '{naam}' van het Word-document is beschadigd of versleuteld") from None

    # --- XML -----------------------------------------------------------------------------

    def xml(self, naam: str) -> etree._Element:
        """A part parsed under the bounds above, Strict namespaces mapped to transitional."""
        if naam in self.gelezen:
            return self.gelezen[naam]
        ruw = self.bytes(naam)
        wortel = self._parse(naam, ruw)
        self.gelezen[naam] = wortel
        return wortel

    def _parse(self, naam: str, ruw: bytes) -> etree._Element:
        kop = ruw[:4]
        if kop.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                tekst = ruw.decode("utf-16")
            except UnicodeDecodeError:
                raise WordFout(f"deel '{naam}' is geen geldige XML (tekencodering)") from None
        else:
            tekst = None
        zoek = tekst if tekst is not None else ruw
        for verboden in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"):
            if (verboden if tekst is not None else verboden.encode()) in zoek:
                raise WordFout(
                    f"deel '{naam}' bevat een DOCTYPE- of entiteitsdeclaratie; die zijn in Word-documenten "
                    "niet toegestaan en worden niet verwerkt"
                )
        bron = io.BytesIO(tekst.encode("utf-8") if tekst is not None else ruw)
        if tekst is not None:
            bron = io.BytesIO(tekst.encode("utf-8").replace(b'encoding="UTF-16"', b'encoding="UTF-8"', 1))
        diepte = 0
        wortel = None
        try:
            for gebeurtenis, element in etree.iterparse(
                bron,
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            ):
                if gebeurtenis == "end":
                    diepte -= 1
                    continue
                if wortel is None:
                    wortel = element
                diepte += 1
                self.elementen += 1
                if diepte > MAX_DIEPTE:
                    raise WordFout(f"deel '{naam}' is te diep genest (meer dan {MAX_DIEPTE} niveaus)")
                if self.elementen > MAX_ELEMENTEN:
                    raise WordFout(f"het Word-document heeft te veel XML-elementen (meer dan {MAX_ELEMENTEN})")
        except etree.XMLSyntaxError as e:
            raise WordFout(f"deel '{naam}' is geen geldige XML ({_kort(str(e))})") from None
        if wortel is None:
            raise WordFout(f"deel '{naam}' is leeg")
        if wortel.getroottree().docinfo.doctype:
            raise WordFout(f"deel '{naam}' bevat een DOCTYPE-declaratie; die wordt niet verwerkt")
        if any(isinstance(e, etree._Entity) for e in wortel.iter(etree.Entity)):
            raise WordFout(f"deel '{naam}' bevat een entiteit; die wordt niet verwerkt")
        return _transitioneel(wortel)

    # --- relationships -----------------------------------------------------------------------

    def relaties(self, deel: str | None) -> list[Relatie]:
        """The relationships of a part (None: of the package), targets resolved to part names."""
        if deel is None:
            map_, rels = "", "_rels/.rels"
        else:
            map_ = posixpath.dirname(deel)
            rels = posixpath.join(map_, "_rels", posixpath.basename(deel) + ".rels")
        if rels not in self.namen:
            return []
        uit = []
        for rel in self.xml(rels).iter(f"{{{PKG_REL}}}Relationship"):
            soort = (rel.get("Type") or "").replace(_REL_STRIKT, _REL)
            soort = soort.replace("/extendedProperties", "/extended-properties")
            doel = rel.get("Target") or ""
            extern = rel.get("TargetMode") == "External"
            if not extern:
                pad = doel[1:] if doel.startswith("/") else posixpath.join(map_, doel)
                doel = posixpath.normpath(pad) if pad else pad
                if doel.startswith("../") or doel == "..":
                    doel = ""
            uit.append(Relatie(soort, doel, extern))
        return uit

    def doel(self, deel: str | None, soort: str, wat: str, *, verplicht: bool = False) -> str | None:
        """The part a relationship of `soort` points to; external targets are refused."""
        for rel in self.relaties(deel):
            if rel.soort == reltype(soort) or rel.soort.endswith("/" + soort):
                if rel.extern:
                    raise WordFout(f"{wat} verwijzen naar een extern bestand ({_kort(rel.doel)}); dat wordt niet opgehaald")
                if rel.doel not in self.namen:
                    raise WordFout(f"{wat} ontbreken in het Word-document (verwijzing naar '{_kort(rel.doel)}')")
                return rel.doel
        if verplicht:
            raise WordFout(f"{wat} ontbreken in het Word-document")
        return None

    def hoofddeel(self) -> str:
        """The main document part, by relationship (any name), else by content type."""
        gevonden = None
        for rel in self.relaties(None):
            if rel.soort.endswith("/officeDocument"):
                if rel.extern or rel.doel not in self.namen:
                    raise WordFout("het hoofddeel van het Word-document ontbreekt")
                gevonden = rel.doel
                break
        if gevonden is None and "[Content_Types].xml" in self.namen:
            for override in self.xml("[Content_Types].xml").iter(f"{{{CT}}}Override"):
                if (override.get("ContentType") or "").endswith("wordprocessingml.document.main+xml"):
                    gevonden = (override.get("PartName") or "").lstrip("/")
                    break
        if gevonden is None and "word/document.xml" in self.namen:
            gevonden = "word/document.xml"
        if gevonden is None or gevonden not in self.namen:
            raise WordFout("het zip-archief is geen Word-document (het hoofddeel ontbreekt)")
        wortel = self.xml(gevonden)
        if wortel.tag != f"{{{W}}}document":
            raise WordFout("het hoofddeel van het zip-archief is geen Word-tekst (w:document)")
        return gevonden

    def eigenschappen(self) -> dict[str, str]:
        """Custom document properties (docProps/custom.xml), name -> text value."""
        deel = None
        for rel in self.relaties(None):
            if rel.soort.endswith("/custom-properties") and not rel.extern and rel.doel in self.namen:
                deel = rel.doel
        if deel is None:
            deel = "docProps/custom.xml" if "docProps/custom.xml" in self.namen else None
        if deel is None:
            return {}
        uit = {}
        for prop in self.xml(deel):
            naam = prop.get("name")
            if naam and len(prop):
                uit[naam] = "".join(prop[0].itertext())[:1000]
        return uit


def _kort(tekst: str, lengte: int = 120) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _transitioneel(wortel: etree._Element) -> etree._Element:
    """Rename Strict namespaces to transitional ones (tags and attributes), in place."""
    strikt = any(ns in STRIKT for ns in wortel.nsmap.values())
    if not strikt:
        return wortel
    for element in wortel.iter():
        if not isinstance(element.tag, str):
            continue
        ns, _, lokaal = element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
        if ns in STRIKT:
            element.tag = f"{{{STRIKT[ns]}}}{lokaal}"
        for sleutel in list(element.attrib):
            if sleutel.startswith("{"):
                ans, _, alokaal = sleutel[1:].partition("}")
                if ans in STRIKT:
                    element.attrib[f"{{{STRIKT[ans]}}}{alokaal}"] = element.attrib.pop(sleutel)
    return wortel
