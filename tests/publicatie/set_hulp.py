"""A vastgestelde set built through the API, for the PDF, seal and Woo package tests: the seed
Kamerbrief (its body as in drafts/, with a shorter mede-namens list and parafenlijn so that it
can be vastgesteld in a few calls), the seed beslisnota linked to it with a civil servant's
name, e-mail address and phone number and a 5.2 passage in it, and a bijlage whose whole text
is withheld (5.1.2i). Also the PDF helpers (poppler) the tests share.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers_afstemming import Wereld, ok

ROOT = Path(__file__).resolve().parents[2]
BRIEF_MD = ROOT / "drafts" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.md"
NOTA_MD = ROOT / "drafts" / "beslisnota-kamerbrief-bo-leefomgeving-2025.md"

# A civil servant of VRO (registered, not a bewindspersoon): the Woo version withholds all three.
AMBTENAAR = "Sanne Visser"
AMBTENAAR_EMAIL = "s.visser@minvro.nl"
AMBTENAAR_TELEFOON = "070-3456789"
# Withheld by the author's own markup.
BELEIDSOPVATTING = "De ambtelijke voorkeur gaat uit naar een snellere invoering dan het kabinet wil."
BIJLAGE_GEHEIM = "Interne planning: de afsprakenlijst gaat op 12 juni om 07.30 uur naar het Catshuis."
# Public, and must stay in the Woo version (a member of parliament, the minister).
OPENBARE_NAMEN = ("Mooiman", "Mona Keijzer")

NOTA_EXTRA = (
    "\n\n# Contact\n\n"
    f"Voor vragen: {AMBTENAAR}, {AMBTENAAR_EMAIL}, telefoon {AMBTENAAR_TELEFOON}.\n\n"
    f"[[woo:5.2|{BELEIDSOPVATTING}]]\n"
)


def _front_matter(tekst: str, **velden: str) -> str:
    for naam, waarde in velden.items():
        tekst = re.sub(rf"^{naam}:.*$", f"{naam}: {waarde}", tekst, count=1, flags=re.MULTILINE)
    return tekst


def brief_markdown() -> str:
    return _front_matter(BRIEF_MD.read_text(encoding="utf-8"), mede_namens="DEF", parafenlijn="afdelingshoofd")


@dataclass
class Set:
    wereld: Wereld
    brief: dict
    nota: dict
    bijlage: dict
    ambtenaar: object = None
    extra: dict = field(default_factory=dict)


def importeer(w: Wereld, markdown: str, **velden) -> dict:
    return ok(
        w.als(w.opsteller).post(
            "/documenten/import", files={"bestand": ("stuk.md", markdown.encode("utf-8"), "text/markdown")}, data=velden
        ),
        201,
    )


def bouw_set(w: Wereld, *, vaststellen: bool = True) -> Set:
    """The seed set, the letter vastgesteld (its afstemming with DEF, one paraaf, the minister's
    besluiten on the nota's beslispunten, her signature: the whole set is vastgesteld)."""
    ambtenaar = w.api.beheerder.post(
        "/gebruikers",
        json={
            "naam": AMBTENAAR,
            "email": AMBTENAAR_EMAIL,
            "telefoon": AMBTENAAR_TELEFOON,
            "departement": "VRO",
            "rollen": ["parafeerder"],
            "paraafniveau": "afdelingshoofd",
        },
    )
    assert ambtenaar.status_code in (201, 409, 422), ambtenaar.text  # created once per database
    brief = importeer(w, brief_markdown())
    nota = importeer(w, NOTA_MD.read_text(encoding="utf-8") + NOTA_EXTRA, gekoppeld_aan=str(brief["id"]))
    bijlage = importeer(
        w,
        "# Planning\n\n" + f"[[woo:5.1.2i|{BIJLAGE_GEHEIM}]]\n",
        soort="bijlage",
        titel="Planning van de afspraken",
        penvoerder="VRO",
        gekoppeld_aan=str(brief["id"]),
    )
    if vaststellen:
        ronde = w.ronde(brief, ("DEF",))
        ok(w.oordeel(ronde, w.DEF), 201)
        ok(w.paraaf(brief, w.afdelingshoofd), 201)
        # The minister answers the nota's beslispunten with the signature (issue 12).
        for nummer in (1, 2):
            ok(
                w.als(w.minister).post(f"/documenten/{nota['id']}/beslispunten/{nummer}/besluit", json={"besluit": "akkoord"}),
                201,
            )
        brief = ok(w.als(w.minister).post(f"/documenten/{brief['id']}/vaststellen"))
        assert brief["status"] == "vastgesteld", brief
    return Set(w, brief, nota, bijlage, ambtenaar.json() if ambtenaar.status_code == 201 else None)


# --- reading PDFs back (poppler, as a person's viewer would) -------------------------------------------


def poppler(opdracht: list[str], pdf: bytes, tmp: Path, naam: str = "d.pdf") -> str:
    pad = tmp / naam
    pad.write_bytes(pdf)
    uit = subprocess.run([*opdracht, str(pad)], capture_output=True, text=True, timeout=60)
    return uit.stdout + uit.stderr


def pdftekst(pdf: bytes, tmp: Path) -> str:
    pad = tmp / "t.pdf"
    pad.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pad), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout


def pdffonts(pdf: bytes, tmp: Path) -> list[dict]:
    regels = poppler(["pdffonts"], pdf, tmp).splitlines()[2:]
    fonts = []
    for regel in regels:
        delen = regel.split()
        # name type... encoding emb sub uni object ID: the three yes/no columns before the id.
        fonts.append({"naam": delen[0], "emb": delen[-5], "sub": delen[-4], "uni": delen[-3]})
    return fonts


def xmp(pdf: bytes) -> str:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as p:
        return bytes(p.Root.Metadata.read_bytes()).decode("utf-8")


XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def xmp_waarden(pdf: bytes) -> dict[str, list[str]]:
    """pdfaid:part / conformance (element or attribute form), dc:language, dc:title, dc:creator."""
    from lxml import etree

    tekst = xmp(pdf)
    wortel = etree.fromstring(tekst[tekst.index("<x:xmpmeta") : tekst.rindex("</x:xmpmeta>") + len("</x:xmpmeta>")].encode())
    uit: dict[str, list[str]] = {}
    for veld in ("part", "conformance"):
        waarden = [e.text for e in wortel.iterfind(f".//pdfaid:{veld}", XMP_NS)]
        waarden += [d.get(f"{{{XMP_NS['pdfaid']}}}{veld}") for d in wortel.iterfind(".//rdf:Description", XMP_NS)]
        uit[veld] = [w for w in waarden if w]
    for veld in ("language", "title", "creator"):
        uit[veld] = [li.text for li in wortel.iterfind(f".//dc:{veld}//rdf:li", XMP_NS)]
    return uit


def info(pdf: bytes) -> dict[str, str]:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as p:
        return {str(k): str(v) for k, v in p.docinfo.items()}


def genormaliseerd(tekst: str) -> str:
    """Text as pdftotext and the source compare: one space for any whitespace, no soft hyphens,
    straight and curly quotes alike."""
    tekst = tekst.replace("\u00ad", "").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", tekst).strip()
