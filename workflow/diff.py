"""Word-level diffs and three-way merges with diff-match-patch.

Diffing characters of a long text is slow (about 100 ms for 5,000 words); diffing words, each
mapped to one character, is an order of magnitude faster. A merge needs exact ranges, so each
changed word run is then refined character by character, which is cheap because runs are short.

The merge never trusts `patch_apply` (it is fuzzy and can drop a concurrent edit): it decides
overlap from the ranges of the base text that each side changed and splices deterministically.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

VERWIJDERD, GELIJK, INGEVOEGD = -1, 0, 1

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Private-use planes give over 130,000 code points, none of them surrogates.
_EERSTE_TEKEN = 0xF0000


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact diffs; texts here are at most tens of thousands of words
    return dmp


_LAATSTE_TEKEN = 0x10FFFD


def _tokens_naar_tekens(a: str, b: str) -> tuple[str, str, list[str]] | None:
    """Map every distinct word, space run or punctuation mark to one private-use character;
    None when there are more distinct tokens than private-use characters."""
    tabel: dict[str, str] = {}
    tokens: list[str] = []

    def codeer(tekst: str) -> str:
        uit = []
        for token in _TOKEN.findall(tekst):
            teken = tabel.get(token)
            if teken is None:
                teken = chr(_EERSTE_TEKEN + len(tokens))
                tabel[token] = teken
                tokens.append(token)
            uit.append(teken)
        return "".join(uit)

    if len(set(_TOKEN.findall(a)) | set(_TOKEN.findall(b))) > _LAATSTE_TEKEN - _EERSTE_TEKEN:
        return None
    return codeer(a), codeer(b), tokens


def woord_diff(a: str, b: str, *, semantisch: bool = True) -> list[tuple[int, str]]:
    """Diff of `a` to `b` by words: a list of (-1|0|1, text) that rebuilds both texts."""
    dmp = _dmp()
    gecodeerd = _tokens_naar_tekens(a, b)
    if gecodeerd is None:
        bewerkingen = dmp.diff_main(a, b, False)
        if semantisch:
            dmp.diff_cleanupSemantic(bewerkingen)
        return [(op, tekst) for op, tekst in bewerkingen if tekst]
    ca, cb, tokens = gecodeerd
    ruw = dmp.diff_main(ca, cb, False)
    if semantisch:
        # Clean up while each character still stands for a whole word, so the cleanup can
        # merge runs but never split a word ("kat" -> "kater" stays one replaced word).
        dmp.diff_cleanupSemantic(ruw)
    return [(op, "".join(tokens[ord(c) - _EERSTE_TEKEN] for c in tekst)) for op, tekst in ruw if tekst]


def diff_html(bewerkingen: list[tuple[int, str]]) -> str:
    """Readable diff: deletions in <del>, insertions in <ins>, everything escaped."""
    delen = []
    for op, tekst in bewerkingen:
        veilig = html.escape(tekst)
        if op == INGEVOEGD:
            delen.append(f"<ins>{veilig}</ins>")
        elif op == VERWIJDERD:
            delen.append(f"<del>{veilig}</del>")
        else:
            delen.append(f"<span>{veilig}</span>")
    return "".join(delen)


@dataclass(frozen=True)
class Wijziging:
    """Replace base[start:eind] by `tekst` (start == eind: a pure insertion)."""

    start: int
    eind: int
    tekst: str

    @property
    def is_invoeging(self) -> bool:
        return self.start == self.eind


def wijzigingen(basis: str, nieuw: str) -> list[Wijziging]:
    """The minimal ranges of `basis` that `nieuw` changed, character-precise, in order."""
    dmp = _dmp()
    uit: list[Wijziging] = []
    positie = 0
    woorden = woord_diff(basis, nieuw, semantisch=False)
    i = 0
    while i < len(woorden):
        op, tekst = woorden[i]
        if op == GELIJK:
            positie += len(tekst)
            i += 1
            continue
        # Gather one run of deletions and insertions between two equalities.
        oud, erbij = [], []
        while i < len(woorden) and woorden[i][0] != GELIJK:
            (oud if woorden[i][0] == VERWIJDERD else erbij).append(woorden[i][1])
            i += 1
        oud_tekst, nieuw_tekst = "".join(oud), "".join(erbij)
        uit.extend(_verfijn(dmp, positie, oud_tekst, nieuw_tekst))
        positie += len(oud_tekst)
    return uit


def _verfijn(dmp: diff_match_patch, start: int, oud: str, nieuw: str) -> list[Wijziging]:
    if not oud or not nieuw:
        return [Wijziging(start, start + len(oud), nieuw)]
    uit: list[Wijziging] = []
    positie = start
    open_start: int | None = None
    open_tekst: list[str] = []
    for op, tekst in dmp.diff_main(oud, nieuw, False):
        if op == GELIJK:
            if open_start is not None:
                uit.append(Wijziging(open_start, positie, "".join(open_tekst)))
                open_start, open_tekst = None, []
            positie += len(tekst)
            continue
        if open_start is None:
            open_start = positie
        if op == VERWIJDERD:
            positie += len(tekst)
        else:
            open_tekst.append(tekst)
    if open_start is not None:
        uit.append(Wijziging(open_start, positie, "".join(open_tekst)))
    return uit


def overlappen(a: Wijziging, b: Wijziging) -> bool:
    """Two changes overlap when the base ranges they change intersect.

    Two insertions at one position do not overlap; an insertion overlaps a replaced range only
    when it falls strictly inside it.
    """
    if a.is_invoeging and b.is_invoeging:
        return False
    if a.is_invoeging:
        return b.start < a.start < b.eind
    if b.is_invoeging:
        return a.start < b.start < a.eind
    return a.start < b.eind and b.start < a.eind


class Conflict(Exception):
    """The two sides changed the same part of the base text."""

    def __init__(self, eerste: Wijziging, tweede: Wijziging):
        super().__init__(f"overlappende wijzigingen bij positie {eerste.start} en {tweede.start}")
        self.eerste, self.tweede = eerste, tweede


def pas_toe(basis: str, *zijden: list[Wijziging]) -> str:
    """Apply the non-overlapping changes of several sides to `basis`.

    Earlier sides go first where two insert at one position. Raises Conflict on overlap;
    identical changes made on two sides count once.
    """
    alle: list[tuple[int, int, int, Wijziging]] = []
    gezien: set[Wijziging] = set()
    for volgorde, zijde in enumerate(zijden):
        for w in zijde:
            if w in gezien and not w.is_invoeging:
                continue
            alle.append((w.start, 0 if w.is_invoeging else 1, volgorde, w))
            gezien.add(w)
    alle.sort(key=lambda t: t[:3])
    # Sorted by start, a range can only overlap what starts before its end; an insertion is
    # checked by the ranges sorted before it.
    for i, (_, _, va, a) in enumerate(alle):
        if a.is_invoeging:
            continue
        for _, _, vb, b in alle[i + 1 :]:
            if b.start >= a.eind:
                break
            if va != vb and overlappen(a, b):
                raise Conflict(a, b)
    delen, positie = [], 0
    for _, _, _, w in alle:
        delen.append(basis[positie : w.start])
        delen.append(w.tekst)
        positie = max(positie, w.eind)
    delen.append(basis[positie:])
    return "".join(delen)


def drieweg(basis: str, actueel: str, mijn: str) -> str:
    """Merge `mijn` (made on `basis`) into `actueel` (also made on `basis`).

    Raises Conflict when both changed an intersecting range of `basis`.
    """
    if actueel == basis:
        return mijn
    if mijn == basis or mijn == actueel:
        return actueel
    return pas_toe(basis, wijzigingen(basis, actueel), wijzigingen(basis, mijn))


def verplaats(basis: str, actueel: str, wijziging: Wijziging) -> Wijziging:
    """Rebase one change on `basis` onto `actueel`, or raise Conflict when the passage it
    replaces was itself changed meanwhile."""
    verschuiving = 0
    for w in wijzigingen(basis, actueel):
        if overlappen(w, wijziging):
            raise Conflict(w, wijziging)
        voor = w.eind <= wijziging.start if not w.is_invoeging else w.start <= wijziging.start
        if voor:
            verschuiving += len(w.tekst) - (w.eind - w.start)
    return Wijziging(wijziging.start + verschuiving, wijziging.eind + verschuiving, wijziging.tekst)
