"""Splitting an imported text into sections.

The import format is the Markdown dialect of docs/api.md with an optional front matter block:

    ---
    soort: kamerbrief
    titel: Uitkomsten BO's Leefomgeving 2025
    mede_namens: IenW, KGG
    ---
    Text before the first heading (a section without kop).

    # Heading            (niveau 1; '##' is 2, '###' is 3)
    Section text ...

Every ATX heading of level 1 to 3 starts a section; deeper ones stay in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.tekst import normaliseer

# The opening of an ATX heading; its text and closing hashes are split off in `_kop`, without a
# regex: "(.+?)[ \t]*#*[ \t]*$" backtracked cubically over a heading followed by many spaces.
_KOP = re.compile(r"(#{1,3})[ \t]+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_REGEL = re.compile(r"^([a-z_]+)[ \t]*:[ \t]*(.*)$")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class SectieInvoer:
    kop: str | None
    niveau: int
    tekst: str


class ImportFout(ValueError):
    """The file cannot be read as the import format; the message says where."""


# Bounds on a document's structure (issue 11): the body limit bounds bytes, these bound the
# work per byte, so that no import, list or render of one document grows without bound. A
# "regel" is a non-blank line: a paragraph line or a list item (cheap to count on any input).
MAX_SECTIES = 500  # sections of one document (the seed letter has 26)
MAX_REGELS_PER_SECTIE = 5_000  # non-blank lines of one section's text
MAX_REGELS = 20_000  # non-blank lines of one import (the seed letter has 125)


class ImportTeGroot(ImportFout):
    """The file is readable but exceeds a bound on sections or lines (413 naming the bound)."""


def tel_regels(tekst: str) -> int:
    """The number of non-blank lines (paragraph lines and list items) of a text."""
    return sum(1 for regel in tekst.split("\n") if regel.strip())


def regels_fout(tekst: str, *, waarvan: str = "de tekst") -> str | None:
    """Why a section text is too long in lines, or None."""
    aantal = tel_regels(tekst)
    if aantal > MAX_REGELS_PER_SECTIE:
        return f"{waarvan} heeft {aantal} regels (alinea's en lijstitems); hoogstens {MAX_REGELS_PER_SECTIE} per sectie"
    return None


def controleer_omvang(secties: list[SectieInvoer]) -> None:
    """Raise ImportTeGroot when an import has more sections or lines than a document may."""
    if len(secties) > MAX_SECTIES:
        raise ImportTeGroot(f"het bestand heeft {len(secties)} secties; hoogstens {MAX_SECTIES} per document")
    totaal = 0
    for nummer, sectie in enumerate(secties, start=1):
        aantal = tel_regels(sectie.tekst)
        if aantal > MAX_REGELS_PER_SECTIE:
            naam = f"'{sectie.kop[:60]}'" if sectie.kop else f"{nummer}"
            raise ImportTeGroot(
                f"sectie {naam} heeft {aantal} regels (alinea's en lijstitems); hoogstens {MAX_REGELS_PER_SECTIE} per sectie"
            )
        totaal += aantal
    if totaal > MAX_REGELS:
        raise ImportTeGroot(f"het bestand heeft {totaal} regels (alinea's en lijstitems); hoogstens {MAX_REGELS} per import")


def lees_front_matter(tekst: str) -> tuple[dict[str, str], str]:
    """Front matter fields (as raw strings) and the rest of the text."""
    m = _FRONT_MATTER.match(tekst)
    if not m:
        return {}, tekst
    velden: dict[str, str] = {}
    for nummer, regel in enumerate(m.group(1).splitlines(), start=2):
        if not regel.strip() or regel.lstrip().startswith("#"):
            continue
        veld = _FRONT_MATTER_REGEL.match(regel.strip())
        if not veld:
            raise ImportFout(f"regel {nummer} van de kopgegevens is geen 'veld: waarde'")
        velden[veld.group(1)] = veld.group(2).strip().strip('"').strip("'")
    return velden, tekst[m.end() :]


def splits_in_secties(tekst: str) -> list[SectieInvoer]:
    """Split Markdown at its headings. Empty text before the first heading is dropped."""
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    secties: list[SectieInvoer] = []
    kop: str | None = None
    niveau = 1
    regels: list[str] = []
    in_fence = False

    def sluit() -> None:
        inhoud = normaliseer("\n".join(regels))
        if kop is not None or inhoud:
            secties.append(SectieInvoer(kop=kop, niveau=niveau, tekst=inhoud))

    for regel in tekst.split("\n"):
        if _FENCE.match(regel):
            in_fence = not in_fence
        gevonden = None if in_fence else _kop(regel)
        if gevonden:
            sluit()
            niveau, tekst = gevonden
            kop, regels = normaliseer(tekst), []
        else:
            regels.append(regel)
    sluit()
    return secties


def _kop(regel: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line of level 1-3, or None. A closing run of hashes is
    dropped when a space or tab precedes it ("# Kop ##" -> "Kop"; "# C#" keeps its hash)."""
    m = _KOP.match(regel)
    if not m:
        return None
    tekst = regel[m.end() :].rstrip(" \t")
    zonder = tekst.rstrip("#")
    if zonder != tekst and zonder and zonder[-1] in " \t":
        tekst = zonder.rstrip(" \t")
    if not tekst:
        return None
    return len(m.group(1)), tekst


def lijst_veld(waarde: str | None) -> list[str]:
    """'IenW, KGG' -> ['IenW', 'KGG'] (form fields and front matter carry lists this way)."""
    if not waarde:
        return []
    return [deel.strip() for deel in waarde.split(",") if deel.strip()]
