"""The beslispunten of a beslisnota: what the minister is asked to decide.

docs/api.md: the list items of the nota's section whose heading starts with "Aan de" and contains
"wordt gevraagd" (the seed: "Aan de minister van VRO wordt gevraagd:") are its beslispunten,
numbered from 1. Only the outermost items are points; nested items belong to the point above
them. The renderer and the API both ask this module, so a point has the same number everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workflow import markdown as md

BESLUITEN = ("akkoord", "niet_akkoord", "akkoord_met_aantekening")
BESLUIT_NL = {
    "akkoord": "akkoord",
    "niet_akkoord": "niet akkoord",
    "akkoord_met_aantekening": "akkoord met aantekening",
}

_BEGIN = re.compile(r"^\s*aan\s+de\b", re.IGNORECASE)
_GEVRAAGD = re.compile(r"\bwordt\s+gevraagd\b", re.IGNORECASE)


@dataclass(frozen=True)
class Beslispunt:
    nummer: int
    tekst: str  # the point's visible text (markup and footnotes left out), whitespace collapsed


def is_vraagkop(kop: str | None) -> bool:
    """Is this the heading of the section with the beslispunten?"""
    if not kop:
        return False
    return bool(_BEGIN.match(kop)) and bool(_GEVRAAGD.search(kop))


def is_punt(item: md.Lijstitem) -> bool:
    return item.niveau == 0


def punttekst(item: md.Lijstitem) -> str:
    return " ".join(md.platte_tekst(item.inhoud).split())


def uit_tekst(tekst: str) -> list[Beslispunt]:
    """The points of one section's text, numbered from 1 across its lists."""
    punten: list[Beslispunt] = []
    for blok in md.parse(tekst):
        if isinstance(blok, md.Lijst):
            for item in blok.items:
                if is_punt(item):
                    punten.append(Beslispunt(len(punten) + 1, punttekst(item)))
    return punten


def uit_secties(secties: Iterable[tuple[str | None, str]]) -> list[Beslispunt]:
    """The beslispunten of a nota given its sections (kop, tekst) in order: those of the first
    section whose heading asks for decisions."""
    for kop, tekst in secties:
        if is_vraagkop(kop):
            return uit_tekst(tekst)
    return []


def geldig_besluit(besloten_tekst: str, huidige_tekst: str) -> bool:
    """A besluit holds for the point as it was worded when decided: when the nota's text of
    the point changes afterwards, the minister must decide it again."""
    return " ".join(besloten_tekst.split()) == " ".join(huidige_tekst.split())
