"""Splitting an imported text into sections.

The import format is the Markdown dialect of API.md with an optional front matter block:

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

_KOP = re.compile(r"^(#{1,3})[ \t]+(.+?)[ \t]*#*[ \t]*$")
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
        m = None if in_fence else _KOP.match(regel)
        if m:
            sluit()
            kop, niveau, regels = normaliseer(m.group(2)), len(m.group(1)), []
        else:
            regels.append(regel)
    sluit()
    return secties


def lijst_veld(waarde: str | None) -> list[str]:
    """'IenW, KGG' -> ['IenW', 'KGG'] (form fields and front matter carry lists this way)."""
    if not waarde:
        return []
    return [deel.strip() for deel in waarde.split(",") if deel.strip()]
