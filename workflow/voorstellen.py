"""Rules for tekstvoorstellen: where a passage is, which proposals compete, and writing a
wording into the current text of a section that may have moved on since the proposal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Passage:
    """A proposal's passage where it was proposed: `start:eind` of section version
    `basisversie` (start == eind: an insertion at that place)."""

    basisversie: int
    start: int
    eind: int

    @property
    def wijziging(self) -> diff.Wijziging:
        return diff.Wijziging(self.start, self.eind, "")


class Overlap:
    """The one overlap rule for proposals on one section: `concurrerend_met` and lapsing (a
    wording written into a passage makes the competing proposals vervallen) both ask it.

    Judged against section version `actueel` (the current text; for a write, the text just
    before it), whose text and every earlier one `tekst(n)` gives. Two proposals compete when
    their passages overlap (`concurreren`):

    - on the same basisversie: where they were proposed, even when a later edit touched one of
      the passages;
    - otherwise, each followed into the text of `actueel` when its passage is still there; when
      only one of them is, that one is followed back into the other's basisversie and compared
      there (the other's passage was edited, but the two were still about the same words);
    - when neither passage is still there, they do not compete: neither can be written any more
      (adopting either answers 409), so neither can lapse the other.

    Where each passage stands in `actueel` is computed once (a list compares every pair). The
    diffs behind it are kept in workflow.diff.GEHEUGEN, so a dry run warms them for the write.
    """

    def __init__(self, actueel: int, tekst: Callable[[int], str]):
        self.actueel = actueel
        self.tekst = tekst
        self._in_actueel: dict[Passage, diff.Wijziging | None] = {}

    def in_actueel(self, p: Passage) -> diff.Wijziging | None:
        """`p` as a range of the text of `actueel`, or None when its passage changed since."""
        if p not in self._in_actueel:
            if p.basisversie == self.actueel:
                plek: diff.Wijziging | None = p.wijziging
            else:
                plek = in_actuele_tekst(self.tekst(p.basisversie), self.tekst(self.actueel), p.wijziging)
            self._in_actueel[p] = plek
        return self._in_actueel[p]

    def concurreren(self, a: Passage, b: Passage) -> bool:
        if a.basisversie == b.basisversie:
            return concurreren(a.wijziging, b.wijziging)
        a_nu, b_nu = self.in_actueel(a), self.in_actueel(b)
        if a_nu is not None and b_nu is not None:
            return concurreren(a_nu, b_nu)
        if a_nu is None and b_nu is None:
            return False
        nu, ander = (a_nu, b) if a_nu is not None else (b_nu, a)
        assert nu is not None
        terug = in_actuele_tekst(self.tekst(self.actueel), self.tekst(ander.basisversie), nu)
        return terug is not None and concurreren(terug, ander.wijziging)


def schrijf_in(actueel: str, plek: diff.Wijziging) -> str:
    return actueel[: plek.start] + plek.tekst + actueel[plek.eind :]
