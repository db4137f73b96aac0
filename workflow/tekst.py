"""Rules about text itself: what may be stored, and how a document's content is identified."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable

# Characters XML 1.0 forbids: most C0 controls, U+FFFE/U+FFFF and (unpaired) surrogates.
_XML_VERBODEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_fout(tekst: str) -> str | None:
    """The reason `tekst` cannot be stored, or None.

    Text holding a character XML 1.0 forbids would produce a Word file that no longer opens,
    so it is refused at the door.
    """
    m = _XML_VERBODEN.search(tekst)
    if m is None:
        return None
    return f"ongeldig teken U+{ord(m.group()):04X} op positie {m.start()}"


def normaliseer(tekst: str) -> str:
    """Canonical form of stored text: NFC, Unix line ends, no trailing blanks at the ends."""
    tekst = unicodedata.normalize("NFC", tekst.replace("\r\n", "\n").replace("\r", "\n"))
    return tekst.strip()


def canonieke_json(waarde: object) -> str:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sectie_hash(kop: str | None, tekst: str) -> str:
    return hashlib.sha256(canonieke_json([kop or "", tekst]).encode("utf-8")).hexdigest()


def combineer(sectie_hashes: Iterable[str]) -> str:
    """The document's inhoudshash from its sections' hashes, in order: a section edit then
    needs the stored hashes of the other sections, not their texts."""
    return "sha256:" + hashlib.sha256("\n".join(sectie_hashes).encode("ascii")).hexdigest()


def inhoudshash(secties: Iterable[tuple[str | None, str]]) -> str:
    """Identifies what a department or parafeerder agreed to: the ordered headings and texts."""
    return combineer(sectie_hash(kop, tekst) for kop, tekst in secties)
