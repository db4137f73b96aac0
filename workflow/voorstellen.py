"""Rules for tekstvoorstellen: where a passage is, which proposals compete, and writing a
wording into the current text of a section that may have moved on since the proposal."""

from __future__ import annotations

from workflow import diff


class PassageFout(ValueError):
    """The passage cannot be found (or not unambiguously) in the base text."""


def vind_passage(tekst: str, oorspronkelijk: str, positie: int | None) -> int:
    """Start of `oorspronkelijk` in `tekst`. An empty passage is an insertion at `positie`."""
    if oorspronkelijk == "":
        if positie is None:
            raise PassageFout("geef 'positie' mee voor een invoeging (oorspronkelijk is leeg)")
        if not 0 <= positie <= len(tekst):
            raise PassageFout(f"positie {positie} ligt buiten de tekst (lengte {len(tekst)})")
        return positie
    if positie is not None:
        if tekst[positie : positie + len(oorspronkelijk)] != oorspronkelijk:
            raise PassageFout(f"de passage staat niet op positie {positie} van de basisversie")
        return positie
    start = tekst.find(oorspronkelijk)
    if start < 0:
        raise PassageFout("de passage komt niet voor in de basisversie")
    if tekst.find(oorspronkelijk, start + 1) >= 0:
        raise PassageFout("de passage komt meer dan eens voor in de basisversie; geef 'positie' mee")
    return start


def als_wijziging(positie: int, oorspronkelijk: str, voorgesteld: str) -> diff.Wijziging:
    return diff.Wijziging(positie, positie + len(oorspronkelijk), voorgesteld)


def concurreren(a: diff.Wijziging, b: diff.Wijziging) -> bool:
    """Two proposals compete when their passages overlap; two insertions compete when they
    insert at the same place (unlike in a merge, both cannot simply be kept: they are
    alternatives for the same spot)."""
    if a.is_invoeging and b.is_invoeging:
        return a.start == b.start
    return diff.overlappen(a, b)


def in_actuele_tekst(basis: str, actueel: str, wijziging: diff.Wijziging) -> diff.Wijziging | None:
    """The proposal's passage in the current text, or None when it was changed meanwhile."""
    try:
        return diff.verplaats(basis, actueel, wijziging)
    except diff.Conflict:
        return None


def schrijf_in(actueel: str, plek: diff.Wijziging) -> str:
    return actueel[: plek.start] + plek.tekst + actueel[plek.eind :]
