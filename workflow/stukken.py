"""The set (stukken): a kamerbrief with its beslisnota and bijlagen, initialled and signed as one.

A document is a member of the set of the kamerbrief named by its `gekoppeld_aan`; the letter
heads the set. Parafen are pinned to the whole set:

- `sethash` identifies what the set says: a hash over the members' ids and inhoudshashes in id
  order (docs/api.md). Two sets with the same members and texts have the same sethash.
- `setstand` identifies which revisies the paraaf saw (member id and revisie, in id order). A
  paraaf is valid while the setstand is unchanged: any change of any member's text, even one
  that is later undone, or a member added, voids it (as a paraaf on one document always did).

Also here: the order of document statuses that afhankelijkheden are measured against, and the
rules for what may link to what.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from workflow.statussen import DocStatus
from workflow.tekst import canonieke_json

# The order of the document lifecycle (docs/api.md): an afhankelijkheid on a document is vervuld once
# the document reaches its vereiste_status or any later one.
STATUSVOLGORDE: tuple[str, ...] = (
    DocStatus.CONCEPT,
    DocStatus.IN_AFSTEMMING,
    DocStatus.AFGESTEMD,
    DocStatus.IN_PARAFERING,
    DocStatus.VASTGESTELD,
    DocStatus.VERZONDEN,
)

AFHANKELIJKHEID_OPEN = "open"
AFHANKELIJKHEID_VERVULD = "vervuld"
AFHANKELIJKHEID_VERVALLEN = "vervallen"


def sethash(leden: Iterable[tuple[int, str]]) -> str:
    """The hash over (id, inhoudshash) of every member, in id order."""
    paren = sorted((int(i), h) for i, h in leden)
    return "sha256:" + hashlib.sha256(canonieke_json([[i, h] for i, h in paren]).encode("utf-8")).hexdigest()


def setstand(leden: Iterable[tuple[int, int]]) -> str:
    """Which revisie of which member: "12:3,13:1" (id:revisie in id order)."""
    return ",".join(f"{i}:{r}" for i, r in sorted((int(i), int(r)) for i, r in leden))


def bereikt(status: str, vereiste_status: str) -> bool:
    """Has a document with `status` reached `vereiste_status` (or a later one)?"""
    return STATUSVOLGORDE.index(status) >= STATUSVOLGORDE.index(vereiste_status)


def afhankelijkheid_status(*, opgeslagen: str, doel_status: str | None, vereiste_status: str, bevroren: bool = False) -> str:
    """An afhankelijkheid's status now. Ticked off or dropped by hand: as stored. On a document:
    vervuld as soon as that document has reached the required status (recomputed on read),
    until the set is signed: then the stored status (written at vaststelling) is the record."""
    if opgeslagen != AFHANKELIJKHEID_OPEN or bevroren or doel_status is None:
        return opgeslagen
    return AFHANKELIJKHEID_VERVULD if bereikt(doel_status, vereiste_status) else AFHANKELIJKHEID_OPEN


def koppel_bezwaar(*, soort: str, doel_soort: str, doel_gekoppeld: bool) -> str | None:
    """Why a document of `soort` cannot be linked to a document of `doel_soort` (422), or None.
    A set has one level: a letter heads it; a letter is never a member of another's set."""
    if soort == "kamerbrief":
        return "een Kamerbrief hoort niet bij een ander document: hij is zelf het hoofd van zijn stukken"
    if doel_soort != "kamerbrief" or doel_gekoppeld:
        return "alleen een Kamerbrief kan stukken (beslisnota, bijlagen) hebben"
    return None
