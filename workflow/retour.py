"""The retour: what a department changed in the Word file of a section, as passages of the
exported section text and their new wording.

Three texts of one section, all in the canonical spelling of workflow.dialect:
- C, the exported version (`canoniek(T)`, T as stored);
- O, the returned file as it was before its tracked changes ("reject all");
- N, the returned file with every tracked change accepted.
O and N are written from the same Word characters, each tagged with its place in the file, so
they are aligned exactly by the characters present in both (anchors): whatever differs between
two anchors is a tracked change (or a formatting change). C and O are aligned by a word diff:
what differs there was changed without tracking. Overlapping or adjacent differences (only
spaces between them) make one region; a move is one region from where its text left to where
it arrived. Each region is widened to whole words, then to the spelling differences between T
and C it touches, and becomes (T passage, N wording).

Pure: no database, no Word parsing (app.retour feeds it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from diff_match_patch import diff_match_patch

from workflow import diff
from workflow.dialect import canoniek

_WOORDTEKEN = re.compile(r"\w")
_WOO_OPEN = re.compile(r"\[\[woo:[^|\]]*\|")


@dataclass
class Gebied:
    """One difference between the exported section text and the returned one."""

    t_start: int  # passage in T (the stored exported version)
    t_eind: int
    oorspronkelijk: str
    voorgesteld: str
    o_start: int  # the same region in O and N (for comments)
    o_eind: int
    n_start: int
    n_eind: int
    wijzigingen: set[int] = field(default_factory=set)  # tracked changes in it (indices)
    zonder_bijhouden: bool = False  # (also) changed without tracking
    soort: str = "voorstel"  # voorstel | opmaak (formatting only) | woo (only a Woo mark lost)


@dataclass
class Uitlijning:
    """A section's texts aligned; maps between their positions."""

    T: str
    C: str
    O: str
    N: str
    gebieden: list[Gebied]
    o2c: list[int]  # per O position its C position (-1: inside a difference)
    c2t_hunks: list[tuple[int, int, int, int]]  # (c_start, c_end, t_start, t_end) spelling differences
    c2t_eq: list[tuple[int, int, int]]  # (c_start, c_end, t_start) equal stretches

    def c_naar_t(self, c: int) -> int:
        for cs, ce, ts in self.c2t_eq:
            if cs <= c <= ce:
                return ts + (c - cs)
        for cs, ce, ts, te in self.c2t_hunks:
            if cs <= c <= ce:
                return ts if c - cs < ce - c else te
        return len(self.T)

    def passage(self, o_start: int, o_eind: int) -> tuple[int, int, str]:
        """A range of O as a passage of T, widened to whole words."""
        c1 = _links(self.o2c, o_start)
        c2 = _rechts(self.o2c, o_eind)
        while c1 > 0 and _WOORDTEKEN.match(self.C[c1 - 1]) and c1 < len(self.C) and _WOORDTEKEN.match(self.C[c1]):
            c1 -= 1
        while 0 < c2 < len(self.C) and _WOORDTEKEN.match(self.C[c2]) and _WOORDTEKEN.match(self.C[c2 - 1]):
            c2 += 1
        t1, t2 = self.c_naar_t(c1), self.c_naar_t(c2)
        return t1, max(t1, t2), self.T[t1 : max(t1, t2)]


def _links(kaart: list[int], p: int) -> int:
    while p > 0 and kaart[p] < 0:
        p -= 1
    return max(kaart[p], 0)


def _rechts(kaart: list[int], p: int) -> int:
    while p < len(kaart) - 1 and kaart[p] < 0:
        p += 1
    return kaart[p] if kaart[p] >= 0 else kaart[-1]


def _teken_diff(a: str, b: str) -> list[tuple[int, str]]:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    bewerkingen = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(bewerkingen)
    return list(bewerkingen)


def _kaart(
    bewerkingen: list[tuple[int, str]], lengte_a: int
) -> tuple[list[int], list[tuple[int, int, int, int]], list[tuple[int, int, int]]]:
    """Per position of text a its position in text b (-1 strictly inside a difference), the
    differences (a_start, a_end, b_start, b_end) and the equal stretches (a_start, a_end, b_start)."""
    kaart = [-1] * (lengte_a + 1)
    verschillen: list[tuple[int, int, int, int]] = []
    gelijk: list[tuple[int, int, int]] = []
    pa = pb = 0
    i = 0
    while i < len(bewerkingen):
        op, tekst = bewerkingen[i]
        if op == diff.GELIJK:
            for k in range(len(tekst) + 1):
                kaart[pa + k] = pb + k
            gelijk.append((pa, pa + len(tekst), pb))
            pa += len(tekst)
            pb += len(tekst)
            i += 1
            continue
        sa, sb = pa, pb
        while i < len(bewerkingen) and bewerkingen[i][0] != diff.GELIJK:
            op, tekst = bewerkingen[i]
            if op == diff.VERWIJDERD:
                pa += len(tekst)
            else:
                pb += len(tekst)
            i += 1
        kaart[sa], kaart[pa] = sb, pb
        verschillen.append((sa, pa, sb, pb))
    return kaart, verschillen, gelijk


def zichtbaar(tekst: str) -> str:
    """The text a reader sees (emphasis delimiters, Woo marks and escapes left out)."""
    tekst = _WOO_OPEN.sub("", tekst).replace("]]", "")
    uit, i = [], 0
    while i < len(tekst):
        t = tekst[i]
        if t == "\\" and i + 1 < len(tekst):
            uit.append(tekst[i + 1])
            i += 2
            continue
        if t != "*":
            uit.append(t)
        i += 1
    return " ".join("".join(uit).split())


def _zonder_woo(tekst: str) -> str:
    return _WOO_OPEN.sub("", tekst).replace("]]", "")


def lijn_uit(
    T: str,
    O: str,
    o_bron: list[int | None],
    N: str,
    n_bron: list[int | None],
    staat: list[int],
    groepen: dict[int, object] | None = None,
) -> Uitlijning:
    """Align a section's exported text T with the returned views O and N (see the module doc).

    `staat[tag]` is the tracked change a tagged character belongs to (-1: none); `groepen`
    maps tracked changes that belong together (the two halves of a move) to a shared key: their
    regions become one, with everything between them."""
    C = canoniek(T)
    groepen = groepen or {}
    # O <-> N through the anchors: tagged characters present in both.
    in_n = {b: i for i, b in enumerate(n_bron) if b is not None}
    ankers = [(i, in_n[b]) for i, b in enumerate(o_bron) if b is not None and b in in_n]
    o2n = [-1] * (len(O) + 1)
    regios: list[list[Any]] = []  # [o1, o2, n1, n2, wijzigingen, bijgehouden, onbijgehouden]
    vorige_o = vorige_n = 0
    for oi, ni in [*ankers, (len(O), len(N))]:
        o_seg, n_seg = O[vorige_o:oi], N[vorige_n:ni]
        if o_seg == n_seg:
            for k in range(len(o_seg) + 1):
                o2n[vorige_o + k] = vorige_n + k
        else:
            # The changed part is what remains after the common beginning and end (a paragraph
            # break after an inserted sentence is not part of the insertion).
            voor = 0
            while (
                voor < min(len(o_seg), len(n_seg))
                and o_seg[voor] == n_seg[voor]
                and o_bron[vorige_o + voor] is None
                and n_bron[vorige_n + voor] is None
            ):
                voor += 1
            na = 0
            while (
                na < min(len(o_seg), len(n_seg)) - voor
                and o_seg[-1 - na] == n_seg[-1 - na]
                and o_bron[oi - 1 - na] is None
                and n_bron[ni - 1 - na] is None
            ):
                na += 1
            o1, o2, n1, n2 = vorige_o + voor, oi - na, vorige_n + voor, ni - na
            for k in range(voor):
                o2n[vorige_o + k] = vorige_n + k
            for k in range(na):
                o2n[oi - k] = ni - k
            # At the region's own bounds O and N differ (an insertion point has two places in N):
            # the region keeps its N range itself; o2n there says where a region ending
            # (o2) or starting (o1) lands only when nothing was inserted.
            if o1 != o2:
                o2n[o1], o2n[o2] = n1, n2
            for p1, p2, q1, q2 in _per_alinea(O, o_bron, o1, o2, N, n_bron, n1, n2):
                wijz = {staat[b] for b in o_bron[p1:p2] if b is not None and staat[b] >= 0}
                wijz |= {staat[b] for b in n_bron[q1:q2] if b is not None and staat[b] >= 0}
                regios.append([p1, p2, wijz, True, q1, q2])
        if oi < len(O):
            o2n[oi] = ni
            o2n[oi + 1] = ni + 1
        vorige_o, vorige_n = oi + 1, ni + 1
    # C <-> O by a word diff: untracked changes.
    co = diff.woord_diff(C, O)
    c2o, hunks_co, _ = _kaart(co, len(C))
    o2c_bew = [(-op if op != diff.GELIJK else op, tekst) for op, tekst in co]
    o2c, _, _ = _kaart(o2c_bew, len(O))
    for _cs, _ce, os_, oe in hunks_co:
        regios.append([os_, oe, set(), False, None, None])
    # Moves and other grouped changes: one region from the first to the last.
    per_groep: dict[object, list[int]] = {}
    for index, regio in enumerate(regios):
        for wijziging in regio[2]:
            if wijziging in groepen:
                per_groep.setdefault(groepen[wijziging], []).append(index)
    for leden in per_groep.values():
        if len(leden) > 1:
            begin = min(regios[i][0] for i in leden)
            eind = max(regios[i][1] for i in leden)
            n_begin = min((regios[i][4] for i in leden if regios[i][0] == begin and regios[i][4] is not None), default=None)
            n_eind = max((regios[i][5] for i in leden if regios[i][1] == eind and regios[i][5] is not None), default=None)
            regios.append([begin, eind, set().union(*(regios[i][2] for i in leden)), True, n_begin, n_eind])
    # Merge overlapping or adjacent regions (only spaces between them, same paragraph).
    regios.sort(key=lambda r: (r[0], r[1]))
    samen: list[dict[str, Any]] = []
    for o1, o2, wijz, bijgehouden, n1, n2 in regios:
        if samen:
            open_ = samen[-1]
            tussen = O[open_["o2"] : o1] if o1 > open_["o2"] else ""
            if o1 <= open_["o2"] or (tussen.strip(" ") == "" and "\n" not in tussen):
                if o2 > open_["o2"] or (o2 == open_["o2"] and n2 is not None):
                    open_["n2"] = n2 if o2 >= open_["o2"] else open_["n2"]
                open_["o2"] = max(open_["o2"], o2)
                open_["wijz"] |= wijz
                open_["bijgehouden"].append(bijgehouden)
                if o1 == open_["o1"] and n1 is not None and (open_["n1"] is None or n1 < open_["n1"]):
                    open_["n1"] = n1
                continue
        samen.append({"o1": o1, "o2": o2, "n1": n1, "n2": n2, "wijz": set(wijz), "bijgehouden": [bijgehouden]})
    # T <-> C spelling differences.
    tc = _teken_diff(C, T)
    _, c2t_hunks, c2t_eq = _kaart(tc, len(C))
    uitlijning = Uitlijning(T, C, O, N, [], o2c, c2t_hunks, c2t_eq)
    for samengevoegd in samen:
        n1 = samengevoegd["n1"] if samengevoegd["n1"] is not None else o2n[samengevoegd["o1"]]
        n2 = samengevoegd["n2"] if samengevoegd["n2"] is not None else o2n[samengevoegd["o2"]]
        if n1 is None or n2 is None or n1 < 0 or n2 < 0:
            continue
        gebied = _gebied(uitlijning, o2n, samengevoegd["o1"], samengevoegd["o2"], n1, n2, samengevoegd["wijz"])
        if gebied is None:
            continue
        gebied.zonder_bijhouden = not all(samengevoegd["bijgehouden"]) or not samengevoegd["wijz"]
        vorige = uitlijning.gebieden[-1] if uitlijning.gebieden else None
        if vorige is not None and vorige.soort == gebied.soort == "opmaak" and "\n" not in N[vorige.n_eind : gebied.n_start]:
            # Bold switched on for a phrase is two delimiter changes: one formatting change.
            vorige.t_eind, vorige.o_eind, vorige.n_eind = gebied.t_eind, gebied.o_eind, gebied.n_eind
            vorige.oorspronkelijk = T[vorige.t_start : vorige.t_eind]
            vorige.voorgesteld = N[vorige.n_start : vorige.n_eind]
            continue
        uitlijning.gebieden.append(gebied)
    return uitlijning


def _breuken(tekst: str, bron: list[int | None], begin: int, eind: int) -> list[tuple[int, int]]:
    """Paragraph breaks (untagged newline runs) in [begin, eind)."""
    uit, i = [], begin
    while i < eind:
        if tekst[i] == "\n" and bron[i] is None:
            j = i
            while j < eind and tekst[j] == "\n" and bron[j] is None:
                j += 1
            uit.append((i, j))
            i = j
        else:
            i += 1
    return uit


def _per_alinea(
    O: str, o_bron: list[int | None], o1: int, o2: int, N: str, n_bron: list[int | None], n1: int, n2: int
) -> list[tuple[int, int, int, int]]:
    """A difference between two anchors split at the paragraph breaks both sides keep (an
    insertion at the end of one paragraph and one at the start of the next are two changes)."""
    ob, nb = _breuken(O, o_bron, o1, o2), _breuken(N, n_bron, n1, n2)
    if len(ob) != len(nb) or not ob:
        return [(o1, o2, n1, n2)]
    delen, vo, vn = [], o1, n1
    for (a, b), (c, d) in zip(ob, nb, strict=True):
        delen.append((vo, a, vn, c))
        vo, vn = b, d
    delen.append((vo, o2, vn, n2))
    return [d for d in delen if O[d[0] : d[1]] != N[d[2] : d[3]]]


def _gebied(u: Uitlijning, o2n: list[int], o1: int, o2: int, n1: int, n2: int, wijzigingen: set[int]) -> Gebied | None:
    O, N, C = u.O, u.N, u.C

    def woord(t: str) -> bool:
        return bool(t) and _WOORDTEKEN.match(t) is not None

    # Widen to whole words: the characters around the region are the same in O, N and C.
    binnen_o, binnen_n = O[o1:o2], N[n1:n2]
    if woord(binnen_o[:1]) or woord(binnen_n[:1]):
        while o1 > 0 and n1 > 0 and woord(O[o1 - 1]) and O[o1 - 1] == N[n1 - 1] and u.o2c[o1 - 1] >= 0:
            o1 -= 1
            n1 -= 1
    if woord(binnen_o[-1:]) or woord(binnen_n[-1:]):
        while o2 < len(O) and n2 < len(N) and woord(O[o2]) and O[o2] == N[n2] and u.o2c[o2 + 1] >= 0:
            o2 += 1
            n2 += 1

    def n(p: int) -> int:
        return n1 if p == o1 else n2 if p == o2 else o2n[p]

    c1, c2 = _links(u.o2c, o1), _rechts(u.o2c, o2)
    # Widen to spelling differences between T and C that the region touches.
    veranderd = True
    while veranderd:
        veranderd = False
        for cs, ce, _, _ in u.c2t_hunks:
            if cs < c2 and ce > c1 or (cs == ce and c1 < cs < c2):
                if cs < c1 or ce > c2:
                    nieuw1, nieuw2 = min(c1, cs), max(c2, ce)
                    o_nieuw1 = _c_naar_o(u, nieuw1, o1)
                    o_nieuw2 = _c_naar_o(u, nieuw2, o2)
                    if o_nieuw1 is None or o_nieuw2 is None or n(o_nieuw1) < 0 or n(o_nieuw2) < 0:
                        return None
                    n1, n2 = n(o_nieuw1), n(o_nieuw2)
                    c1, c2, o1, o2 = nieuw1, nieuw2, o_nieuw1, o_nieuw2
                    veranderd = True
    t1, t2 = u.c_naar_t(c1), u.c_naar_t(c2)
    oorspronkelijk = u.T[t1:t2]
    voorgesteld = N[n1:n2]
    if zichtbaar(C[c1:c2]) == zichtbaar(voorgesteld):
        soort = "woo" if _zonder_woo(C[c1:c2]) == _zonder_woo(voorgesteld) else "opmaak"
    else:
        soort = "voorstel"
    return Gebied(t1, t2, oorspronkelijk, voorgesteld, o1, o2, n1, n2, set(wijzigingen), soort=soort)


def _c_naar_o(u: Uitlijning, c: int, anders: int) -> int | None:
    """The O position of C position c, where both texts are equal there."""
    for o, cc in enumerate(u.o2c):
        if cc == c:
            return o
    return None
