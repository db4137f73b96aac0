"""The section-text dialect: blocks, inlines, malformed and hostile input."""

from __future__ import annotations

import gc
import time

import pytest

from workflow.markdown import Alinea, Lijst, Tekst, Voetnoot, Woo, parse, parse_inline, platte_tekst, voetnoten, woo_passages


def test_alineas_gescheiden_door_lege_regel_en_zachte_afbreking_wordt_spatie():
    blokken = parse("Eerste regel\ntweede regel.\n\n\nNieuwe alinea.")
    assert blokken == [Alinea((Tekst("Eerste regel tweede regel."),)), Alinea((Tekst("Nieuwe alinea."),))]


def test_opsommingen_genummerd_en_geneste_niveaus():
    blokken = parse("Vooraf:\n- een\n• twee\n  - twee a\n    1. diep\n- drie\n\n1. eerste\n2. tweede")
    assert isinstance(blokken[0], Alinea)
    lijst, genummerd = blokken[1], blokken[2]
    assert isinstance(lijst, Lijst) and not lijst.genummerd
    assert [(i.niveau, i.genummerd, platte_tekst(i.inhoud)) for i in lijst.items] == [
        (0, False, "een"),
        (0, False, "twee"),
        (1, False, "twee a"),
        (2, True, "diep"),
        (0, False, "drie"),
    ]
    assert isinstance(genummerd, Lijst) and genummerd.genummerd
    assert [i.nummer for i in genummerd.items] == [1, 2]


def test_andere_soort_lijst_begint_nieuwe_lijst_en_inspringing_springt_niet_twee_niveaus():
    blokken = parse("- a\n1. b\n\n- c\n      - te diep")
    assert [type(b).__name__ for b in blokken] == ["Lijst", "Lijst", "Lijst"]
    assert blokken[2].items[1].niveau == 1


def test_doorlopende_regel_hoort_bij_het_item():
    (lijst,) = parse("- een lange\n  regel die doorloopt\n- twee")
    assert platte_tekst(lijst.items[0].inhoud) == "een lange regel die doorloopt"


def test_vet_cursief_en_combinaties():
    assert parse_inline("a **b** *c* ***d***") == (
        Tekst("a "),
        Tekst("b", vet=True),
        Tekst(" "),
        Tekst("c", cursief=True),
        Tekst(" "),
        Tekst("d", vet=True, cursief=True),
    )
    assert parse_inline("*a **b** c*") == (
        Tekst("a ", cursief=True),
        Tekst("b", vet=True, cursief=True),
        Tekst(" c", cursief=True),
    )


@pytest.mark.parametrize(
    "tekst",
    [
        "lone ** here",
        "5 * 3 * 2",
        "**",
        "*",
        "a ** b",
        "^[niet gesloten",
        "[[woo:5.1.2e|geen einde",
        "[[woo:",
        "]]",
        "^[",
        "[[woo:5.1.2e geen streep]]",
    ],
)
def test_misvormde_opmaak_blijft_letterlijke_tekst(tekst):
    assert platte_tekst(parse_inline(tekst)) == tekst
    assert all(isinstance(d, Tekst) and not d.vet and not d.cursief for d in parse_inline(tekst))


def test_voetnoot_met_cursief_en_geneste_haken():
    (voor, noot, na) = parse_inline("tekst^[Zie *Nota Ruimte* [concept] en [a [b]] c.] verder")
    assert voor == Tekst("tekst") and na == Tekst(" verder")
    assert isinstance(noot, Voetnoot)
    assert noot.bron == "Zie *Nota Ruimte* [concept] en [a [b]] c."
    assert Tekst("Nota Ruimte", cursief=True) in noot.inhoud
    assert platte_tekst(noot.inhoud) == "Zie Nota Ruimte [concept] en [a [b]] c."


def test_voetnoot_in_voetnoot_blijft_tekst_en_ongebalanceerd_blijft_letterlijk():
    (noot,) = parse_inline("^[a ^[b] c]")
    assert platte_tekst(noot.inhoud) == "a ^[b] c"
    assert platte_tekst(parse_inline("^[a [b c")) == "^[a [b c"


def test_woo_passage_met_opmaak_en_code():
    (vet, woo, rest) = parse_inline("**x [[woo:5.1.2E|Jan *de* Vries]]** y")
    assert vet == Tekst("x ", vet=True)
    assert isinstance(woo, Woo) and woo.code == "5.1.2e"
    assert woo.inhoud == (Tekst("Jan ", vet=True), Tekst("de", vet=True, cursief=True), Tekst(" Vries", vet=True))
    assert rest == Tekst(" y")


def test_woo_passages_vindt_buitenste_welgevormde():
    tekst = "a [[woo:5.2|x [y] z]] b [[woo:oops]] ^[noot [[woo:5.1.2e|Piet]]]"
    assert [(tekst[s:e], c) for s, e, c in woo_passages(tekst)] == [
        ("[[woo:5.2|x [y] z]]", "5.2"),
        ("[[woo:5.1.2e|Piet]]", "5.1.2e"),
    ]


def test_voetnoten_in_leesvolgorde():
    blokken = parse("a^[een] b^[twee]\n\n- c^[drie [[woo:5.2|vier]]]")
    assert [platte_tekst(v.inhoud) for v in voetnoten(blokken)] == ["een", "twee", "drie vier"]


@pytest.mark.parametrize(
    "vijandig",
    [
        "^[" * 100_000,
        "*a " * 100_000,
        "[" * 200_000 + "]" * 200_000,
        "[[woo:5.1.2e|" * 30_000 + "x" + "]]" * 30_000,
        ("woord **vet** ^[noot *c*] *cursief* " * 20_000),
        "- " + "  - x\n" * 50_000,
    ],
    ids=["open-voetnoten", "sterretjes", "haken", "geneste-woo", "groot", "diepe-lijst"],
)
def test_vijandige_invoer_is_snel_en_verliest_geen_tekst(vijandig):
    # A guard against quadratic parsing (which takes minutes here), not a speed target: this
    # thread's CPU time, so a busy machine (the other test worker, LibreOffice) or another thread
    # of the worker process (execnet's) cannot fail it; ~0.5 s usually. The garbage collector is
    # off while measuring: its passes walk the whole heap of the test worker (8 s were seen under
    # a full suite), which says nothing about the parser.
    gc.collect()
    gc.disable()
    try:
        begin = time.thread_time()
        blokken = parse(vijandig)
        duur = time.thread_time() - begin
    finally:
        gc.enable()
    assert duur < 5, f"parse kostte {duur:.1f} s CPU"
    assert blokken
    for blok in blokken:
        items = [blok] if isinstance(blok, Alinea) else list(blok.items)
        assert all(i.niveau <= 8 for i in items if not isinstance(i, Alinea))


def test_geneste_woo_wordt_niet_recursief_verwerkt():
    (woo,) = parse_inline("[[woo:5.1.2e|a [[woo:5.2|b]] c]]")
    assert isinstance(woo, Woo) and woo.code == "5.1.2e"
    assert platte_tekst(woo.inhoud) == "a [[woo:5.2|b]] c"
