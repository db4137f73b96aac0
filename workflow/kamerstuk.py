"""Recognising citations of parliamentary papers (Kamerstukken) and their public URL.

Seen in letters: "Tweede Kamer, vergaderjaar 2024-2025, 36592, nr. 17",
"Kamerstukken II 2024/25, 35334, nr. 362", "Kamerstuk 36592, nr. 17"; a dossier number can
carry a suffix ("36200-XII", "36600 XXII", "36200-A"). The paper's page on
officielebekendmakingen.nl is kst-{dossier}-{nr}.html with the suffix joined by "-".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BASIS_URL = "https://zoek.officielebekendmakingen.nl"

# Linear time on any text: every run of white space is taken possessively (`\s++`, `\s*+`), so
# a citation that fails after a long run of spaces fails once, not once per way of splitting the
# run between neighbouring `\s*`s ("Kamerstuk" and 2 MiB of spaces took hours before). What
# follows each run is never white space, so the possessive forms match exactly what the
# backtracking ones did.
_KAMERSTUK = re.compile(
    r"""
    (?:
        (?:Tweede|Eerste)\s++Kamer,?\s++vergaderjaar\s++\d{4}\s*+[-–/]\s*+\d{2,4}
      | Kamerstuk(?:ken)?(?:\s++I{1,2})?(?:\s++\d{4}\s*+[-–/]\s*+\d{2,4})?
    )
    \s*+,?\s*+
    (?P<dossier>\d{2}\s?\d{3})
    (?:(?:\s*+[-–]\s*+|\s++)(?P<suffix>[IVXLC]+|[A-Z])\b|(?P<letter>[A-Z])\b)?
    \s*+,\s*+nr\.?\s*+
    (?P<nr>\d+|[A-Z]{1,3}\b)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Kamerstuk:
    dossier: str  # "36600-XXII"
    nummer: str  # "26"
    start: int  # the citation's span in the text it was found in
    eind: int

    @property
    def url(self) -> str:
        return kamerstuk_url(self.dossier, self.nummer)


def normaliseer_dossier(dossier: str, suffix: str | None = None) -> str:
    """'36 600', 'XXII' -> '36600-XXII'."""
    kern = re.sub(r"\s", "", dossier)
    return f"{kern}-{suffix}" if suffix else kern


def kamerstuk_url(dossier: str, nummer: str) -> str:
    """https://zoek.officielebekendmakingen.nl/kst-36600-XXII-26.html"""
    dossier = re.sub(r"[\s–]+", "-", dossier.strip())
    return f"{BASIS_URL}/kst-{dossier}-{nummer.strip()}.html"


def vind_kamerstukken(tekst: str) -> list[Kamerstuk]:
    """Every Kamerstuk citation in `tekst`, in order."""
    uit = []
    for m in _KAMERSTUK.finditer(tekst):
        dossier = normaliseer_dossier(m.group("dossier"), m.group("suffix") or m.group("letter"))
        uit.append(Kamerstuk(dossier, m.group("nr"), m.start(), m.end()))
    return uit
