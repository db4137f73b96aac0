"""Issue 11, item 1: every parser, diff, merge and render does bounded work on hostile input.

The inputs are bench/adversarieel.py's (runs of spaces after "Kamerstuk", headings followed by
spaces, nested brackets, unrelated texts, ...). Bounds are in this thread's CPU time and
generous; the parsers are also checked for growth: four times the input may cost at most
about four times the time (a quadratic regex would cost sixteen), so a regression shows even
on a fast machine. The full 2 MiB run is `python -m bench --alleen adversarieel`.
"""

from __future__ import annotations

import gc

import pytest

from bench import adversarieel as adv
from workflow import diff

KIB = 1024
PARSERS = {
    "markdown.parse",
    "markdown.parse_inline",
    "markdown.woo_passages",
    "kamerstuk",
    "front_matter",
    "splits_in_secties",
    "import .md",
    "import .txt",
}
DIFFS = {"woord_diff", "woord_diff tegen woorden", "wijzigingen", "drieweg", "verplaats"}
DOELEN = {d.naam: d for d in adv.DOELEN}


@pytest.fixture(scope="module")
def klein():
    return adv.invoer(96 * KIB)


@pytest.fixture(scope="module")
def weergave_invoer():
    return adv.invoer(48 * KIB)


@pytest.fixture(scope="module")
def groot():
    return adv.invoer(384 * KIB)


def test_elk_doel_wordt_getest():
    assert set(DOELEN) == PARSERS | DIFFS | {
        "import .docx",
        "docx",
        "docx woo",
        "docx beslisnota",
        "html",
        "html woo",
        "tekst_html (webpagina's)",
        "wijzigingen.docx",
    }


@pytest.mark.parametrize("naam", sorted(PARSERS))
def test_parsers_zijn_lineair(naam, klein, groot):
    doel = DOELEN[naam]
    for invoer, tekst in groot.items():
        t_groot = adv.meet(doel.functie, tekst)
        assert t_groot < 5.0, f"{naam} on {invoer}: {t_groot:.2f} s CPU for {len(tekst)} characters"
        if t_groot > 0.3:
            # Best of two with the garbage collector off: its passes are noise here, not the
            # algorithm's growth.
            gc.collect()
            gc.disable()
            try:
                t_groot = min(t_groot, adv.meet(doel.functie, tekst))
                t_klein = max(min(adv.meet(doel.functie, klein[invoer]) for _ in range(2)), 0.01)
            finally:
                gc.enable()
            # Linear is x4; quadratic would be x16.
            assert t_groot / t_klein < 10, f"{naam} on {invoer}: x{t_groot / t_klein:.1f} for x4 input (not linear)"


@pytest.mark.parametrize("naam", sorted(DIFFS))
def test_diffs_en_samenvoegingen_stoppen_bij_hun_budget(naam, klein, monkeypatch):
    monkeypatch.setattr(diff, "BUDGET", 0.05)
    doel = DOELEN[naam]
    for invoer, tekst in klein.items():
        diff.GEHEUGEN.leeg()
        t = adv.meet(lambda x: doel.functie(x), tekst)
        # A merge diffs twice; the rest is linear work (tokenising, hashing) on 96 KiB.
        assert t < 4 * diff.BUDGET + 2.0, f"{naam} on {invoer}: {t:.2f} s CPU"


@pytest.mark.parametrize("naam", sorted(set(DOELEN) - PARSERS - DIFFS))
def test_weergaven_en_docx_import_zijn_begrensd(naam, weergave_invoer, monkeypatch):
    """Renders cost about 40 µs (Word) to 160 µs (tracked changes) per line: linear, measured
    at 2 MiB by the benchmark; here 48 KiB (up to 12,000 list items) within a generous bound."""
    monkeypatch.setattr(diff, "BUDGET", 0.05)
    doel = DOELEN[naam]
    for invoer, tekst in weergave_invoer.items():
        diff.GEHEUGEN.leeg()
        t = adv.meet(doel.functie, tekst)
        assert t < 10.0, f"{naam} on {invoer}: {t:.2f} s CPU for {len(tekst)} characters"
