"""workflow.dialect: Word text written as section text is read back as exactly that content
(markup characters in the text stay literal), and the canonical form is stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workflow import dialect
from workflow import markdown as md
from workflow.dialect import Blok, Noot, Stuk

# Text full of what the dialect treats as markup, plus ordinary words.
_STUKJES = st.sampled_from(
    [
        "a",
        "woord",
        " ",
        "  ",
        "*",
        "**",
        "^[",
        "[",
        "]",
        "[[woo:5.1.2e|",
        "]]",
        "\\",
        "- ",
        "1. ",
        "# ",
        "•",
        ".",
        "é",
        "\\*",
        "x\\",
    ]
)
_TEKST = st.lists(_STUKJES, min_size=1, max_size=8).map("".join)


def _stuk(woo: bool = True):
    return st.builds(
        Stuk,
        _TEKST,
        st.booleans(),
        st.booleans(),
        st.sampled_from([None, None, "5.1.2e", "5.1.1c"]) if woo else st.none(),
    )


_NOOT = st.builds(Noot, st.lists(_stuk(), min_size=1, max_size=3))
_INHOUD = st.lists(st.one_of(_stuk(), _stuk(), _NOOT), min_size=1, max_size=5)
_BLOK = st.one_of(
    st.builds(Blok, _INHOUD),
    st.builds(Blok, _INHOUD, st.just(True), st.booleans(), st.integers(0, 2)),
)


def _zichtbaar(blokken: list[Blok]) -> list:
    """What a reader sees: per block its non-blank characters with formatting and Woo ground,
    footnotes with theirs; blanks collapse to one (their formatting is invisible)."""
    uit = []
    for blok in blokken:
        tekens: list = []

        def voeg(stukken, in_noot=False, tekens=tekens):
            for deel in stukken:
                if isinstance(deel, Noot):
                    tekens.append(("noot", tuple(_tekens(deel.inhoud))))
                    continue
                for t in deel.tekst:
                    t = " " if t in " \t\n" else t
                    if t == " ":
                        if tekens and tekens[-1] != " ":
                            tekens.append(" ")
                    else:
                        tekens.append((t, deel.vet, deel.cursief, deel.woo))

        voeg(blok.inhoud)
        while tekens and tekens[-1] == " ":
            tekens.pop()
        while tekens and tekens[0] == " ":
            tekens.pop(0)
        if tekens:
            uit.append((blok.lijst, blok.genummerd if blok.lijst else None, tuple(tekens)))
    return uit


def _tekens(stukken):
    uit = []
    for s in stukken:
        for t in s.tekst:
            t = " " if t in " \t\n" else t
            if t == " ":
                if uit and uit[-1] != " ":
                    uit.append(" ")
            else:
                uit.append((t, s.vet, s.cursief))  # a footnote in a Woo passage is withheld with it
    while uit and uit[-1] == " ":
        uit.pop()
    while uit and uit[0] == " ":
        uit.pop(0)
    return uit


@settings(max_examples=400, deadline=None)
@given(st.lists(_BLOK, min_size=1, max_size=4))
def test_geschreven_tekst_leest_terug_als_dezelfde_inhoud(blokken):
    tekst, _ = dialect.schrijf(blokken)
    terug = dialect.blokken(tekst)
    assert _zichtbaar(terug) == _zichtbaar(blokken), tekst
    # Canonical: writing what was read gives the same text again.
    assert dialect.canoniek(tekst) == tekst


@settings(max_examples=200, deadline=None)
@given(st.lists(_BLOK, min_size=1, max_size=3))
def test_bron_per_teken(blokken):
    """Every text character carries its tag; markup carries none."""
    teller = 0
    for blok in blokken:
        for deel in blok.inhoud:
            stukken = deel.inhoud if isinstance(deel, Noot) else [deel]
            if isinstance(deel, Noot):
                deel.bron = teller
                teller += 1
            for s in stukken:
                s.bron = teller
                teller += len(s.tekst)
    tekst, bron = dialect.schrijf(blokken, met_bron=True)
    assert len(bron) == len(tekst)
    alle = {}
    for blok in blokken:
        for deel in blok.inhoud:
            for s in deel.inhoud if isinstance(deel, Noot) else [deel]:
                for i, t in enumerate(s.tekst):
                    alle[s.bron + i] = " " if t in "\t\n" else t
    for teken, b in zip(tekst, bron, strict=True):
        if b is not None and b in alle:
            assert alle[b] == teken


def test_voorbeelden():
    schrijf = lambda *b: dialect.schrijf(list(b))[0]  # noqa: E731
    assert schrijf(Blok([Stuk("# Geen kop")])) == "\\# Geen kop"
    assert schrijf(Blok([Stuk("1. Geen lijst")])) == "1\\. Geen lijst"
    assert schrijf(Blok([Stuk("zie ^[noot] en [[woo:5.1.2e|x]]")])) == "zie \\^[noot] en \\[[woo:5.1.2e|x]]"
    assert schrijf(Blok([Stuk("vet", vet=True), Stuk(" en "), Stuk("schuin", cursief=True)])) == "**vet** en *schuin*"
    assert schrijf(Blok([Stuk("a", True), Stuk("b", False, True)])) == "**a***b*"
    assert schrijf(Blok([Stuk("een", vet=True)], True), Blok([Stuk("twee")], True, False, 1)) == "- **een**\n  - twee"
    assert schrijf(Blok([Stuk("a")], True, True, 0, 3), Blok([Stuk("b")], True, True)) == "3. a\n4. b"
    assert schrijf(Blok([Stuk("tekst"), Noot([Stuk("Kamerstukken II [x")])])) == "tekst^[Kamerstukken II \\[x]"
    assert md.parse("\\# x")[0].inhoud[0].tekst == "# x"
    assert (
        dialect.canoniek("• een\n• twee\nlopend\n\nAlinea\nover twee regels") == "- een\n- twee lopend\n\nAlinea over twee regels"
    )
