"""Reading an uploaded file into document fields and sections.

.md and .txt are the Markdown dialect of docs/api.md (optionally with front matter); .docx is read by
the one Word reader (app.word): Heading 1-3 (by style or outline level) start sections, Word
lists become '- ' and '1. ' items, bold/italic runs ** and *, foot- and endnotes ^[...], and
literal text is escaped so it is never read as markup (workflow.dialect).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app import word
from app.word import WordFout
from workflow import dialect
from workflow.dialect import Blok, schrijf
from workflow.importeren import ImportFout, SectieInvoer, controleer_omvang, lees_front_matter, splits_in_secties
from workflow.tekst import normaliseer, xml_fout

EXTENSIES = (".md", ".markdown", ".txt", ".docx")


@dataclass(frozen=True)
class Ingelezen:
    velden: dict[str, str]  # from front matter; form fields override them
    secties: list[SectieInvoer]
    # What was read in another form than it had (endnotes as footnotes, a table as paragraphs,
    # the accepted view of tracked changes): [{"soort", "tekst"}].
    meldingen: list[dict] = field(default_factory=list)
    # What the text model cannot hold and was left out (images, a table's shape, comments).
    niet_verwerkt: list[dict] = field(default_factory=list)


def lees(bestandsnaam: str, inhoud: bytes, *, max_uitgepakt: int) -> Ingelezen:
    """The fields and sections of an uploaded file, whatever its format, within the bounds on
    sections and lines of a document (ImportTeGroot otherwise; every format passes here)."""
    ingelezen = _lees(bestandsnaam, inhoud, max_uitgepakt)
    controleer_omvang(ingelezen.secties)
    return ingelezen


def _lees(bestandsnaam: str, inhoud: bytes, max_uitgepakt: int) -> Ingelezen:
    naam = bestandsnaam.lower()
    if naam.endswith(".docx"):
        return _lees_docx(inhoud, max_uitgepakt)
    if naam.endswith((".md", ".markdown", ".txt")):
        tekst = _decodeer(inhoud)
        velden, rest = lees_front_matter(tekst)
        return Ingelezen(velden, splits_in_secties(rest))
    raise ImportFout(f"bestandstype van '{bestandsnaam}' wordt niet ondersteund; gebruik .md, .txt of .docx")


def _decodeer(inhoud: bytes) -> str:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word's "Save as text" on Windows writes cp1252.
        tekst = inhoud.decode("cp1252", errors="strict") if _is_cp1252(inhoud) else None
        if tekst is None:
            raise ImportFout("het bestand is geen UTF-8-tekst") from None
    fout = xml_fout(tekst)
    if fout:
        regel = tekst[: int(fout.rsplit(" ", 1)[1])].count("\n") + 1
        raise ImportFout(f"{fout} (regel {regel})")
    return tekst


def _is_cp1252(inhoud: bytes) -> bool:
    try:
        inhoud.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _lees_docx(inhoud: bytes, max_uitgepakt: int) -> Ingelezen:
    """A Word file through the one Word reader (app.word): the accepted text, split at its
    headings; what was read in another form or could not be held is said in the answer."""
    try:
        lezing = word.lees(inhoud, max_uitgepakt=max_uitgepakt)
    except WordFout:
        raise
    secties: list[SectieInvoer] = []
    kop: str | None = None
    niveau = 1
    blokken: list[Blok] = []

    def sluit() -> None:
        tekst = normaliseer(schrijf(blokken)[0])
        if kop is not None or tekst:
            secties.append(SectieInvoer(kop=kop, niveau=niveau, tekst=tekst))

    for alinea, blok in word.weergave(lezing, "nieuw"):
        if alinea.kopniveau:
            tekst = dialect.kop(blok.inhoud)
            if not tekst:
                continue
            sluit()
            kop, niveau, blokken = tekst, alinea.kopniveau, []
        else:
            blokken.append(blok)
    sluit()
    meldingen = [{"soort": m.soort, "tekst": m.tekst} for m in lezing.meldingen]
    if any(w.soort in ("ins", "del", "moveFrom", "moveTo") for w in lezing.wijzigingen):
        meldingen.append(
            {
                "soort": "bijgehouden_wijzigingen",
                "tekst": "het bestand bevat bijgehouden wijzigingen: de tekst met alle wijzigingen geaccepteerd is ingelezen",
            }
        )
    niet_verwerkt = _uniek([{"soort": m.soort, "reden": m.reden, "tekst": m.tekst} for m in lezing.niet_verwerkt])
    if lezing.commentaren:
        niet_verwerkt.append(
            {
                "soort": "opmerkingen",
                "reden": f"{len(lezing.commentaren)} opmerking(en) in de marge zijn niet ingelezen",
                "tekst": "",
            }
        )
    for sectie in secties:
        fout = xml_fout(sectie.tekst) or xml_fout(sectie.kop or "")
        if fout:
            raise ImportFout(fout)
    return Ingelezen({}, secties, _uniek(meldingen), niet_verwerkt)


def _uniek(meldingen: list[dict]) -> list[dict]:
    uit: list[dict] = []
    for m in meldingen:
        if m not in uit:
            uit.append(m)
    return uit
