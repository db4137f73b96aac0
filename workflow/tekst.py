"""Rules about text itself: what may be stored, and how a document's content is identified."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable


def xml_fout(tekst: str) -> str | None:
    """The reason `tekst` cannot be stored, or None.

    XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and unpaired surrogates; text holding them
    would produce a Word file that no longer opens, so it is refused at the door.
    """
    for positie, teken in enumerate(tekst):
        c = ord(teken)
        if (
            c < 0x20 and teken not in "\t\n\r"
            or 0xD800 <= c <= 0xDFFF
            or c in (0xFFFE, 0xFFFF)
        ):
            return f"ongeldig teken U+{c:04X} op positie {positie}"
    return None


def normaliseer(tekst: str) -> str:
    """Canonical form of stored text: NFC, Unix line ends, no trailing blanks at the ends."""
    tekst = unicodedata.normalize("NFC", tekst.replace("\r\n", "\n").replace("\r", "\n"))
    return tekst.strip()


def canonieke_json(waarde: object) -> str:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def inhoudshash(secties: Iterable[tuple[str | None, str]]) -> str:
    """Identifies what a department or parafeerder agreed to: the ordered headings and texts."""
    inhoud = canonieke_json([[kop or "", tekst] for kop, tekst in secties])
    return "sha256:" + hashlib.sha256(inhoud.encode("utf-8")).hexdigest()
