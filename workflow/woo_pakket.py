"""The Woo publication package of a set (letter, beslisnota, bijlagen): the inventarislijst, the
beoordeling per document and the manifest. Pure: the app layer renders the documents and
collects, per part of each document, which Woo grounds its redaction applied (workflow.woo).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date

from workflow.woo import GRONDEN, sorteer_gronden

OPENBAAR = "openbaar"
DEELS_OPENBAAR = "deels openbaar"
NIET_OPENBAAR = "niet openbaar"

KOLOMMEN = (
    "Nummer",
    "Documentnaam",
    "Soort",
    "Datum",
    "Kenmerk",
    "Beoordeling",
    "Weigeringsgronden",
    "Vindplaats",
    "Bestand",
)


@dataclass
class Inventarisregel:
    nummer: int
    titel: str
    soort: str
    datum: date
    kenmerk: str | None
    # ground -> the parts of the document where it was applied, in document order
    vindplaatsen: dict[str, list[str]] = field(default_factory=dict)
    niet_openbaar: bool = False
    bestand: str | None = None  # the PDF in the package; None when nothing is published

    @property
    def gronden(self) -> list[str]:
        return sorteer_gronden(self.vindplaatsen)

    @property
    def beoordeling(self) -> str:
        if self.niet_openbaar:
            return NIET_OPENBAAR
        return DEELS_OPENBAAR if self.vindplaatsen else OPENBAAR

    def vindplaats_tekst(self) -> str:
        """'5.1.2e: Parafenlijn, Kern; 5.2: Toelichting'"""
        return "; ".join(f"{g}: {', '.join(self.vindplaatsen[g])}" for g in self.gronden)

    def rij(self) -> list[str]:
        return [
            str(self.nummer),
            self.titel,
            self.soort,
            self.datum.isoformat(),
            self.kenmerk or "",
            self.beoordeling,
            ", ".join(self.gronden),
            self.vindplaats_tekst(),
            self.bestand or "",
        ]


def voeg_vindplaats_toe(vindplaatsen: dict[str, list[str]], gronden: set[str], plaats: str) -> None:
    for grond in sorteer_gronden(gronden):
        plaatsen = vindplaatsen.setdefault(grond, [])
        if plaats not in plaatsen:
            plaatsen.append(plaats)


_GROND = re.compile("|".join(re.escape(c) for c in sorted(GRONDEN, key=len, reverse=True)))


def alles_weggelakt(teksten: list[str]) -> bool:
    """True when the published text holds nothing but grounds: no word of the document's own
    content is left (then it is 'niet openbaar' and no PDF is published)."""
    rest = "".join(_GROND.sub("", t) for t in teksten)
    heeft_inhoud = any(t.strip() for t in teksten)
    return heeft_inhoud and not re.search(r"\w", rest)


def inventaris_csv(regels: list[Inventarisregel]) -> bytes:
    """Semicolon-separated, UTF-8 with a byte order mark: what Dutch Excel opens as columns."""
    buffer = io.StringIO(newline="")
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    for regel in regels:
        schrijver.writerow(regel.rij())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def manifest(bestanden: dict[str, bytes]) -> bytes:
    """`sha256sum` format (`sha256sum -c manifest-sha256.txt` checks an unpacked package)."""
    regels = [f"{hashlib.sha256(inhoud).hexdigest()}  {naam}\n" for naam, inhoud in sorted(bestanden.items())]
    return "".join(regels).encode("utf-8")


def bestandsnaam_deel(tekst: str, lengte: int = 60) -> str:
    """A title as part of a file name: lower case ASCII words joined by '-'."""
    import unicodedata

    plat = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().lower()
    woorden = re.findall(r"[a-z0-9]+", plat)
    naam = "-".join(woorden)[:lengte].strip("-")
    return naam or "document"
