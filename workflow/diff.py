"""Word-level diffs and three-way merges with diff-match-patch, bounded in time and kept.

Diffing characters of a long text is slow (about 100 ms for 5,000 words); diffing words, each
mapped to one character, is an order of magnitude faster. A merge needs exact ranges, so each
changed word run is then refined character by character, which is cheap because runs are short.

Bounded work. diff-match-patch's Myers bisection costs O(N·D): two unrelated texts of 2,500
words took 7 s, and 2 MiB texts would take hours. Every diff here therefore runs against a
budget of CPU time (`BUDGET`, this thread's CPU time, so a busy machine does not make diffs
coarser): past it, the bisection stops and returns what it has, which is still a valid diff (it
rebuilds both texts) with coarser ranges (a whole run replaced). A coarse diff keeps a merge
exactly correct — ranges only grow, so edits can only overlap more, never less: the worst case is
a 409, never a wrong merge. Long texts are first diffed by lines (diff-match-patch's line mode,
on our tokens), so scattered edits in a long text stay fine-grained within the budget.

Kept. Versions are immutable, so a diff of two texts never changes: results are kept in one
bounded in-process cache (`GEHEUGEN`), keyed by the SHA-256 of both texts (docs/reliability.md
says why not a table). Pages and renders ask for the same version pairs again and again.

The merge never trusts `patch_apply` (it is fuzzy and can drop a concurrent edit): it decides
overlap from the ranges of the base text that each side changed and splices deterministically.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from diff_match_patch import diff_match_patch

VERWIJDERD, GELIJK, INGEVOEGD = -1, 0, 1

# CPU seconds one diff may spend in diff-match-patch's bisection (word stage and character
# refinement together). A merge makes two diffs. Measured: realistic sections (a few thousand
# words, a few dozen edits) need a few milliseconds; only unrelated or hostile texts reach it.
BUDGET = 0.5
# Texts longer than this (characters, both together) are diffed by lines first.
REGELMODUS_VANAF = 20_000

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Private-use planes give over 130,000 code points, none of them surrogates.
_EERSTE_TEKEN = 0xF0000
_LAATSTE_TEKEN = 0x10FFFD


class Frist:
    """A deadline in this thread's CPU time, handed to diff-match-patch as its `deadline`.

    diff-match-patch (pinned in pyproject.toml) checks `time.time() > deadline` once per
    bisection step; Python then asks `deadline.__lt__(now)`, which answers from the thread's CPU
    clock instead. `verlopen` tells afterwards whether the diff was cut short (coarse).
    `stappen` (tests): expire after that many bisection steps instead, deterministically."""

    def __init__(self, seconden: float = BUDGET, *, stappen: int | None = None):
        self.einde = time.thread_time() + seconden
        self.stappen = stappen
        self.verlopen = seconden <= 0 or stappen == 0

    def __lt__(self, _ander: object) -> bool:
        if self.verlopen:
            return True
        if self.stappen is not None:
            self.stappen -= 1
            self.verlopen = self.stappen <= 0
        elif time.thread_time() > self.einde:
            self.verlopen = True
        return self.verlopen

    def __gt__(self, _ander: object) -> bool:
        return not self.__lt__(_ander)


Budget = float | Frist | None  # None: BUDGET, and the result is kept in GEHEUGEN


def _frist(budget: Budget) -> Frist:
    if isinstance(budget, Frist):
        return budget
    return Frist(BUDGET if budget is None else budget)


# diff-match-patch's semantic cleanup compares the ends of every adjacent deletion and
# insertion (diff_commonOverlap): quadratic in their length, seconds for two 30,000-character
# runs. Overlaps longer than this are not looked for (a readability aid, never correctness).
_MAX_OVERLAP = 256
# Above this many operations the semantic cleanup is skipped (it can revisit earlier ones).
_MAX_OPS_OPSCHONEN = 20_000


Bewerkingen = list[tuple[int, str]]


class _Dmp(diff_match_patch):  # type: ignore[misc]  # diff-match-patch has no type information
    def diff_commonOverlap(self, text1: str, text2: str) -> int:
        return int(super().diff_commonOverlap(text1[-_MAX_OVERLAP:], text2[:_MAX_OVERLAP]))

    def diff_cleanupSemantic(self, diffs: Bewerkingen) -> None:
        if len(diffs) <= _MAX_OPS_OPSCHONEN:
            super().diff_cleanupSemantic(diffs)


def _dmp() -> diff_match_patch:
    dmp = _Dmp()
    # No timeout of its own: that would also switch on its half-match shortcut, which gives
    # non-minimal diffs even for small texts. Our Frist bounds the bisection instead.
    dmp.Diff_Timeout = 0
    return dmp


# --- the cache ------------------------------------------------------------------------------------


Sleutel = tuple[str, bytes, bytes]


class Geheugen:
    """A bounded LRU of diff results, keyed by content hashes: results never go stale, so there
    is nothing to invalidate. Bounded by the characters it holds, not by entries."""

    def __init__(self, max_tekens: int):
        self.max_tekens = max_tekens
        self._data: OrderedDict[Sleutel, tuple[Any, int]] = OrderedDict()
        self._gewicht = 0
        self._slot = threading.Lock()
        self.treffers = self.missers = 0

    @staticmethod
    def sleutel(soort: str, a: str, b: str) -> Sleutel:
        def h(t: str) -> bytes:
            return hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest()

        return (soort, h(a), h(b))

    def haal(self, sleutel: Sleutel) -> Any:
        with self._slot:
            gevonden = self._data.get(sleutel)
            if gevonden is None:
                self.missers += 1
                return None
            self._data.move_to_end(sleutel)
            self.treffers += 1
            return gevonden[0]

    def bewaar(self, sleutel: Sleutel, waarde: object, gewicht: int) -> None:
        gewicht += 100  # the key and the list itself
        if gewicht > self.max_tekens // 8:
            return  # one huge pair must not flush everything else
        with self._slot:
            oud = self._data.pop(sleutel, None)
            if oud is not None:
                self._gewicht -= oud[1]
            self._data[sleutel] = (waarde, gewicht)
            self._gewicht += gewicht
            while self._gewicht > self.max_tekens and self._data:
                _, (_, weg) = self._data.popitem(last=False)
                self._gewicht -= weg

    def leeg(self) -> None:
        with self._slot:
            self._data.clear()
            self._gewicht = 0

    def __len__(self) -> int:
        return len(self._data)


GEHEUGEN = Geheugen(16 * 1024 * 1024)


# --- word diffs -----------------------------------------------------------------------------------


def _tokens_naar_tekens(a: str, b: str) -> tuple[str, str, list[str]] | None:
    """Map every distinct word, space run or punctuation mark to one private-use character;
    None when there are more distinct tokens than private-use characters."""
    tabel: dict[str, str] = {}
    tokens: list[str] = []
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    if len(set(ta) | set(tb)) > _LAATSTE_TEKEN - _EERSTE_TEKEN:
        return None

    def codeer(delen: list[str]) -> str:
        uit = []
        for token in delen:
            teken = tabel.get(token)
            if teken is None:
                teken = chr(_EERSTE_TEKEN + len(tokens))
                tabel[token] = teken
                tokens.append(token)
            uit.append(teken)
        return "".join(uit)

    return codeer(ta), codeer(tb), tokens


def _diff_codes(dmp: diff_match_patch, ca: str, cb: str, regeleinden: frozenset[str], frist: Frist) -> Bewerkingen:
    """Diff two token-code strings; long ones by lines first (what diff-match-patch's line
    mode does for characters): lines are diffed as units, then each replaced run of lines by
    tokens. Every character of a code string is a whole token, so nothing splits a word."""
    if len(ca) + len(cb) < REGELMODUS_VANAF // 4 or not regeleinden:
        return list(dmp.diff_main(ca, cb, False, frist))
    nummers: dict[str, str] = {}
    regels: list[str] = []

    def als_regels(codes: str) -> str | None:
        uit, begin = [], 0
        for i, teken in enumerate(codes):
            if teken in regeleinden or i == len(codes) - 1:
                regel = codes[begin : i + 1]
                begin = i + 1
                nummer = nummers.get(regel)
                if nummer is None:
                    if len(regels) >= 0x10FFFF:
                        return None
                    nummer = nummers[regel] = chr(len(regels))
                    regels.append(regel)
                uit.append(nummer)
        return "".join(uit)

    la, lb = als_regels(ca), als_regels(cb)
    if la is None or lb is None:
        return list(dmp.diff_main(ca, cb, False, frist))
    uit: list[tuple[int, str]] = []
    weg: list[str] = []
    erbij: list[str] = []

    def sluit_run() -> None:
        if weg and erbij:
            uit.extend(dmp.diff_main("".join(weg), "".join(erbij), False, frist))
        elif weg:
            uit.append((VERWIJDERD, "".join(weg)))
        elif erbij:
            uit.append((INGEVOEGD, "".join(erbij)))
        weg.clear()
        erbij.clear()

    for op, nummers_tekst in dmp.diff_main(la, lb, False, frist):
        codes = "".join(regels[ord(n)] for n in nummers_tekst)
        if op == GELIJK:
            sluit_run()
            uit.append((GELIJK, codes))
        else:
            (weg if op == VERWIJDERD else erbij).append(codes)
    sluit_run()
    dmp.diff_cleanupMerge(uit)
    return uit


def _woord_diff(a: str, b: str, semantisch: bool, frist: Frist) -> list[tuple[int, str]]:
    dmp = _dmp()
    gecodeerd = _tokens_naar_tekens(a, b)
    if gecodeerd is None:
        bewerkingen = dmp.diff_main(a, b, False, frist)
        if semantisch:
            dmp.diff_cleanupSemantic(bewerkingen)
        return [(op, tekst) for op, tekst in bewerkingen if tekst]
    ca, cb, tokens = gecodeerd
    regeleinden = frozenset(chr(_EERSTE_TEKEN + i) for i, t in enumerate(tokens) if "\n" in t)
    ruw = _diff_codes(dmp, ca, cb, regeleinden, frist)
    if semantisch:
        # Clean up while each character still stands for a whole word, so the cleanup can
        # merge runs but never split a word ("kat" -> "kater" stays one replaced word).
        dmp.diff_cleanupSemantic(ruw)
    return [(op, "".join(tokens[ord(c) - _EERSTE_TEKEN] for c in tekst)) for op, tekst in ruw if tekst]


def woord_diff(
    a: str, b: str, *, semantisch: bool = True, budget: Budget = None, onthouden: bool = True
) -> list[tuple[int, str]]:
    """Diff of `a` to `b` by words: a list of (-1|0|1, text) that rebuilds both texts.

    Bounded by `budget` CPU seconds (default BUDGET; then coarser, still exact). Kept in
    GEHEUGEN unless `onthouden` is false or a budget of one's own is given."""
    bewaren = onthouden and budget is None
    sleutel = Geheugen.sleutel("woord" if semantisch else "woord-ruw", a, b) if bewaren else None
    if sleutel is not None:
        gevonden = GEHEUGEN.haal(sleutel)
        if gevonden is not None:
            return list(gevonden)
    uit = _woord_diff(a, b, semantisch, _frist(budget))
    if sleutel is not None:
        GEHEUGEN.bewaar(sleutel, tuple(uit), sum(len(t) for _, t in uit))
    return uit


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


def wijzigingen(basis: str, nieuw: str, *, budget: Budget = None, onthouden: bool = True) -> list[Wijziging]:
    """The minimal ranges of `basis` that `nieuw` changed, character-precise, in order (coarser
    when the budget ran out: still exactly `nieuw` when applied to `basis`)."""
    return list(_wijzigingen(basis, nieuw, budget, onthouden)[0])


def _wijzigingen(basis: str, nieuw: str, budget: Budget, onthouden: bool) -> tuple[tuple[Wijziging, ...], bool]:
    """(changes, grof): `grof` when the budget ran out and the ranges may be coarser."""
    bewaren = onthouden and budget is None
    sleutel = Geheugen.sleutel("wijzigingen", basis, nieuw) if bewaren else None
    if sleutel is not None:
        gevonden = GEHEUGEN.haal(sleutel)
        if gevonden is not None:
            return gevonden  # type: ignore[no-any-return]  # what this function stored under this key
    frist = _frist(budget)
    dmp = _dmp()
    uit: list[Wijziging] = []
    positie = 0
    woorden = _woord_diff(basis, nieuw, False, frist)
    i = 0
    while i < len(woorden):
        op, tekst = woorden[i]
        if op == GELIJK:
            positie += len(tekst)
            i += 1
            continue
        # Gather one run of deletions and insertions between two equalities.
        oud: list[str] = []
        erbij: list[str] = []
        while i < len(woorden) and woorden[i][0] != GELIJK:
            (oud if woorden[i][0] == VERWIJDERD else erbij).append(woorden[i][1])
            i += 1
        oud_tekst, nieuw_tekst = "".join(oud), "".join(erbij)
        uit.extend(_verfijn(dmp, positie, oud_tekst, nieuw_tekst, frist))
        positie += len(oud_tekst)
    resultaat = (tuple(uit), frist.verlopen)
    if sleutel is not None:
        GEHEUGEN.bewaar(sleutel, resultaat, sum(len(w.tekst) + 16 for w in uit))
    return resultaat


def _verfijn(dmp: diff_match_patch, start: int, oud: str, nieuw: str, frist: Frist) -> list[Wijziging]:
    if not oud or not nieuw:
        return [Wijziging(start, start + len(oud), nieuw)]
    uit: list[Wijziging] = []
    positie = start
    open_start: int | None = None
    open_tekst: list[str] = []
    for op, tekst in dmp.diff_main(oud, nieuw, False, frist):
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
    """The two sides changed the same part of the base text. `grof`: a diff ran out of its
    budget, so the ranges compared were coarser than the edits (the merge could not be
    computed in time; with more time it might have merged)."""

    def __init__(self, eerste: Wijziging, tweede: Wijziging, *, grof: bool = False):
        super().__init__(f"overlappende wijzigingen bij positie {eerste.start} en {tweede.start}")
        self.eerste, self.tweede = eerste, tweede
        self.grof = grof


def pas_toe(basis: str, *zijden: list[Wijziging], grof: tuple[bool, ...] = ()) -> str:
    """Apply the non-overlapping changes of several sides to `basis`.

    Earlier sides go first where two insert at one position. Raises Conflict on overlap;
    identical changes made on two sides count once. `grof[i]`: side i's ranges are coarse (its
    diff ran out of budget); then another side's insertion at either edge of one of its ranges
    is a conflict too, because the coarse range may hide an insertion of its own at that edge,
    and the order of the two would then differ from the fine merge's.
    """
    _randen_van_grove_zijden(zijden, grof)
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
        for j in range(i + 1, len(alle)):
            _, _, vb, b = alle[j]
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


def _randen_van_grove_zijden(zijden: tuple[list[Wijziging], ...], grof: tuple[bool, ...]) -> None:
    if not any(grof):
        return
    invoegingen: dict[int, set[int]] = {}
    for volgorde, zijde in enumerate(zijden):
        for w in zijde:
            if w.is_invoeging:
                invoegingen.setdefault(w.start, set()).add(volgorde)
    for volgorde, zijde in enumerate(zijden):
        if volgorde >= len(grof) or not grof[volgorde]:
            continue
        for w in zijde:
            if w.is_invoeging:
                continue  # a coarse insertion hides only insertions at its own place: same order
            for rand in (w.start, w.eind):
                if invoegingen.get(rand, set()) - {volgorde}:
                    raise Conflict(w, Wijziging(rand, rand, ""), grof=True)


def drieweg(basis: str, actueel: str, mijn: str, *, budget: Budget = None) -> str:
    """Merge `mijn` (made on `basis`) into `actueel` (also made on `basis`).

    Raises Conflict when both changed an intersecting range of `basis` (also when a diff ran
    out of its budget and the coarse ranges intersect: `Conflict.grof`). Never a wrong merge.
    """
    if actueel == basis:
        return mijn
    if mijn == basis or mijn == actueel:
        return actueel
    # The current text is a stored version (kept); the caller's own text is not worth keeping.
    hun, hun_grof = _wijzigingen(basis, actueel, budget, budget is None)
    eigen, eigen_grof = _wijzigingen(basis, mijn, budget, False)
    try:
        return pas_toe(basis, list(hun), list(eigen), grof=(hun_grof, eigen_grof))
    except Conflict as e:
        e.grof = hun_grof or eigen_grof
        raise


def verplaats(basis: str, actueel: str, wijziging: Wijziging, *, budget: Budget = None) -> Wijziging:
    """Rebase one change on `basis` onto `actueel`, or raise Conflict when the passage it
    replaces was itself changed meanwhile (or seems to be, in a coarse diff: `Conflict.grof`)."""
    verschuiving = 0
    lijst, grof = _wijzigingen(basis, actueel, budget, budget is None)
    for w in lijst:
        if overlappen(w, wijziging):
            raise Conflict(w, wijziging, grof=grof)
        if grof and {w.start, w.eind} & {wijziging.start, wijziging.eind}:
            # A coarse range touching the passage may hide an edit right at its edge.
            raise Conflict(w, wijziging, grof=True)
        voor = w.eind <= wijziging.start if not w.is_invoeging else w.start <= wijziging.start
        if voor:
            verschuiving += len(w.tekst) - (w.eind - w.start)
    return Wijziging(wijziging.start + verschuiving, wijziging.eind + verschuiving, wijziging.tekst)
