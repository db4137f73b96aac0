"""The rule for joining a wording into a text at a passage boundary (workflow.aaneenvoegen),
tested as a class of inputs: any text, any passage in it, any wording."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workflow import aaneenvoegen as av

# Texts from a small alphabet that hits every class the rule knows: letters, digits, spaces,
# newlines, closing and opening punctuation, quotes and the footnote caret.
TEKENS = st.sampled_from(list("abcXY09 \n.,;:!?()“”'\"^[]-"))
TEKST = st.text(TEKENS, max_size=30)
WOORDEN = st.text(st.sampled_from(list("abcXY09 .,()“”^[]")), min_size=1, max_size=15)


@st.composite
def plek(draw):
    tekst = draw(TEKST)
    start = draw(st.integers(0, len(tekst)))
    eind = draw(st.integers(start, len(tekst)))
    return tekst, start, tekst[start:eind]


@given(plek(), WOORDEN)
def test_alleen_spaties_erbij_en_hooguit_een_per_kant(p, formulering):
    tekst, start, oud = p
    uit = av.in_tekst(tekst, start, oud, formulering)
    assert uit in {formulering, " " + formulering, formulering + " ", " " + formulering + " "}


@given(plek(), WOORDEN)
def test_idempotent(p, formulering):
    tekst, start, oud = p
    eens = av.in_tekst(tekst, start, oud, formulering)
    assert av.in_tekst(tekst, start, oud, eens) == eens


@given(plek(), WOORDEN)
def test_nooit_een_dubbele_spatie_aan_de_grens(p, formulering):
    tekst, start, oud = p
    uit = av.in_tekst(tekst, start, oud, formulering)
    voor, na = tekst[:start], tekst[start + len(oud) :]
    if uit.startswith(" ") and not formulering.startswith(" "):
        assert voor and not voor[-1].isspace()
    if uit.endswith(" ") and not formulering.endswith(" "):
        assert na and not na[0].isspace()


@given(plek(), WOORDEN)
def test_binnen_een_woord_of_getal_wordt_niets_toegevoegd(p, formulering):
    """Where the text had no whitespace across a boundary, the writer changes part of a token."""
    tekst, start, oud = p
    voor, na = tekst[:start], tekst[start + len(oud) :]
    uit = av.in_tekst(tekst, start, oud, formulering)
    links_oud = (oud or na)[:1]
    if voor and links_oud and not voor[-1].isspace() and not links_oud.isspace():
        assert not (uit.startswith(" ") and not formulering.startswith(" "))
    rechts_oud = (oud or voor)[-1:]
    if na and rechts_oud and not na[0].isspace() and not rechts_oud.isspace():
        assert not (uit.endswith(" ") and not formulering.endswith(" "))


@given(
    st.text(st.sampled_from(list("abc XY")), max_size=20),
    st.sampled_from([".", "!", "?", ":", ";", ","]),
    st.sampled_from(["", " Vervolg.", "\nVolgende alinea.", " (tussen haakjes)"]),
    st.text(st.sampled_from(list("abc XY")), min_size=1, max_size=20).filter(lambda w: not w[0].isspace()),
)
def test_een_zin_na_een_leesteken_krijgt_een_spatie(voor, leesteken, na, zin):
    """The seed's trap: 'uit te werken.' + 'Het Rijk…' inserted must read 'werken. Het Rijk…'."""
    tekst = voor + leesteken + na
    start = len(voor) + 1
    nieuw = av.resultaat(tekst, start, "", zin + ".")
    assert nieuw.startswith(voor + leesteken + " " + zin + ".")
    assert "  " not in nieuw[len(voor) :] or "  " in zin


@given(
    st.text(st.sampled_from(list("abc XY")), max_size=20).filter(lambda t: not t.endswith(" ")),
    st.sampled_from([",", ".", ")", "^[noot]", "”", ";"]),
)
def test_geen_spatie_voor_sluitend_leesteken_of_voetnoot(voor, formulering):
    assert av.in_tekst(voor + " rest", len(voor), "", formulering) == formulering


def test_het_voorbeeld_uit_het_geschil():
    tekst = "in overleg met hen uit te werken. Koppelkansen, bijvoorbeeld met natuur,"
    start = tekst.index("werken.") + len("werken.")
    nieuw = av.resultaat(tekst, start, "", "Het Rijk gaat een inspanningsverplichting aan.")
    assert (
        nieuw
        == "in overleg met hen uit te werken. Het Rijk gaat een inspanningsverplichting aan. Koppelkansen, bijvoorbeeld met natuur,"
    )
    # With the leading space typed, as the old hint advised: the same sentence.
    assert av.resultaat(tekst, start, "", " Het Rijk gaat een inspanningsverplichting aan.") == nieuw


def test_lege_formulering_blijft_leeg():
    assert av.in_tekst("a. b", 2, "b", "") == ""
