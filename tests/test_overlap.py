"""The one overlap rule (workflow.voorstellen.Overlap) over random edit histories, as
tests/test_diff.py does for the diff: `concurrerend_met` and lapsing both ask it.

The histories are built from tokens that each occur once (one mathematical symbol per token,
each a word of its own to the word diff), so which words survive an edit is known without a
diff, and the rule can be checked against an oracle that never diffs: two passages compete when
they share a word and there is a version in which both still stand whole — their common
basisversie, else the current text, else (when only one of them is still there) the other's
basisversie. A passage stands whole in a version when its words are all there, in one run.
"""

from __future__ import annotations

import pytest

from workflow.voorstellen import Overlap, Passage, concurreren

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

INSTELLINGEN = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Mathematical operators: neither word characters nor spaces, so each is a token of its own.
_TEKENS = [chr(c) for c in range(0x2200, 0x2300)]


def _tekst(versie: tuple[int, ...]) -> str:
    return "".join(_TEKENS[t] for t in versie)


@st.composite
def geschiedenis(draw) -> list[tuple[int, ...]]:
    """Versions 1..n of a section: each a replacement of one range by fresh tokens."""
    volgende = draw(st.integers(3, 14))
    versies = [tuple(range(volgende))]
    for _ in range(draw(st.integers(0, 4))):
        vorige = versies[-1]
        i = draw(st.integers(0, len(vorige)))
        j = draw(st.integers(i, min(len(vorige), i + 4)))
        n = draw(st.integers(0 if j > i else 1, 3))
        versies.append(vorige[:i] + tuple(range(volgende, volgende + n)) + vorige[j:])
        volgende += n
    return versies


@st.composite
def passage(draw, versies: list[tuple[int, ...]], invoeging: bool = False) -> Passage:
    nummer = draw(st.integers(1, len(versies)))
    lengte = len(versies[nummer - 1])
    if lengte == 0:
        return Passage(nummer, 0, 0)
    start = draw(st.integers(0, lengte if invoeging else lengte - 1))
    if invoeging and draw(st.booleans()):
        return Passage(nummer, start, start)
    eind = draw(st.integers(min(start + 1, lengte), lengte))
    return Passage(nummer, start, eind)


def _overlap(versies: list[tuple[int, ...]]) -> Overlap:
    return Overlap(len(versies), lambda n: _tekst(versies[n - 1]))


def _woorden(versies, p: Passage) -> tuple[int, ...]:
    return versies[p.basisversie - 1][p.start : p.eind]


def _heel(woorden: tuple[int, ...], versie: tuple[int, ...]) -> bool:
    """All of `woorden`, in one run, in `versie`."""
    n = len(woorden)
    return any(versie[i : i + n] == woorden for i in range(len(versie) - n + 1))


def orakel(versies, a: Passage, b: Passage) -> bool:
    wa, wb = _woorden(versies, a), _woorden(versies, b)
    if not set(wa) & set(wb):
        return False
    if a.basisversie == b.basisversie:
        return True
    actueel = versies[-1]
    a_nu, b_nu = _heel(wa, actueel), _heel(wb, actueel)
    if a_nu and b_nu:
        return True
    if a_nu:
        return _heel(wa, versies[b.basisversie - 1])
    if b_nu:
        return _heel(wb, versies[a.basisversie - 1])
    return False


@INSTELLINGEN
@given(st.data())
def test_overlap_volgt_het_orakel(data):
    versies = data.draw(geschiedenis())
    a = data.draw(passage(versies))
    b = data.draw(passage(versies))
    assume(a.start < a.eind and b.start < b.eind)  # an emptied version (insertions: below)
    assert _overlap(versies).concurreren(a, b) == orakel(versies, a, b), (versies, a, b)


@INSTELLINGEN
@given(st.data())
def test_overlap_is_symmetrisch_ook_voor_invoegingen(data):
    versies = data.draw(geschiedenis())
    a = data.draw(passage(versies, invoeging=True))
    b = data.draw(passage(versies, invoeging=True))
    overlap = _overlap(versies)
    assert overlap.concurreren(a, b) == overlap.concurreren(b, a)
    # Asking twice (the second time from what it kept) gives the same answer.
    assert overlap.concurreren(a, b) == _overlap(versies).concurreren(a, b)
    # Neither passage in the current text any more and not on one version: no competition
    # (neither can be written, so neither can lapse the other).
    weg = a.basisversie != b.basisversie and overlap.in_actueel(a) is None and overlap.in_actueel(b) is None
    assert not (weg and overlap.concurreren(a, b))


@INSTELLINGEN
@given(st.data())
def test_op_dezelfde_basisversie_telt_waar_ze_zijn_voorgesteld(data):
    """Whatever happened to the text since: two proposals on one version compete exactly when
    their ranges there do (two insertions: at the same place)."""
    versies = data.draw(geschiedenis())
    a = data.draw(passage(versies, invoeging=True))
    b = data.draw(passage(versies, invoeging=True).filter(lambda p: p.basisversie == a.basisversie))
    assert _overlap(versies).concurreren(a, b) == concurreren(a.wijziging, b.wijziging)
