"""Every regular expression and scan of workflow/woo.py runs in linear time on hostile input
(each pattern of the module is reached by `Redacteur.vind` or `markeringsfouten`).

2 MiB (the request body limit) of what makes backtracking engines slow: long runs of digits,
blanks and dashes that almost make a phone number, "a@" over and over, dotted local parts and
domains without a top-level domain, brackets that never close, marker starts, name parts
without a surname. The bound is CPU time of this thread (time.thread_time), generous (a
quadratic pattern would take minutes to hours here, a linear one well under a second per
MiB); never wall time.
"""

from __future__ import annotations

import random
import time

import pytest

from workflow import woo
from workflow.woo import VOETNOOT, Redacteur, markeringsfouten

MIB = 1024 * 1024
GRENS_CPU = 20.0  # seconds of CPU for 2 MiB, for all work on one input together


def _tot(patroon: str, lengte: int = 2 * MIB) -> str:
    return (patroon * (lengte // len(patroon) + 1))[:lengte]


def _mengsel(tekens: str, seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(tekens) for _ in range(2 * MIB))


VIJANDIG = {
    "cijfers": _tot("0"),
    "cijfers_spaties": _tot("0 "),
    "bijna_nummer": _tot("06-1234567 "),
    "bijna_nummer_zonder_spatie": _tot("06 12 34 56 7"),
    "netnummers": _tot("(070) 123 45 6"),
    "internationaal": _tot("+31 (0)6 1234 567 "),
    "plus_cijfers": _tot("+1 2 3 4 5 6 7 8 "),
    "streepjes": _tot("-–—"),
    "cijfers_spaties_streepjes": _mengsel("0123456789 -–—/.()", 11),
    "a_at": _tot("a@"),
    "punten_lokaal": _tot("a.") + "@",
    "domein_zonder_tld": "x@" + _tot("a."),
    "domein_cijfers": "x@" + _tot("a1."),
    "at_at": _tot("@a."),
    "lange_lokaal": _tot("a") + "@minvro.nl",
    "at_tekst": _tot("a [at] "),
    "haken": _tot("["),
    "haken_sluiten": _tot("[]"),
    "markering_open": _tot("[[woo:5.2|"),
    "markering_kandidaat": _tot("[ woo "),
    "voetnoten": _tot("^["),
    "tussenvoegsels": _tot("Van der "),
    "initialen": _tot("G. "),
    "titels": _tot("de heer "),
    "achternaam_herhaald": _tot("Veen"),
    "achternaam_s": _tot("Veens Veen’s "),
    "onzichtbaar": _tot("V\u00ade\u200be\u2060n "),
    "zinnen": _tot("Jansen. "),
    "woorden": _mengsel("abcdefghij klmnop.,", 7),
    # Footnote references inside words (the view reads through them) and glued name parts.
    "noten_in_woorden": _tot("Ve\ue000en\ue000s "),
    # Name parts with a megabyte of blanks or dashes between them (the gap checks).
    "lange_gaten": "Gert" + " " * MIB + "van der" + "–" * (MIB - 20) + "Veen",
    "lijm_zonder_naam": _tot("a\ue002b\ue000"),
}

CONTEXT = Redacteur(
    namen=[f"Voornaam{i} van der Achternaam{i}" for i in range(200)] + ["Gert van der Veen", "Anne Jansen"],
    emails=[f"persoon{i}@minvro.nl" for i in range(200)],
    telefoons=[f"06-{i:08d}" for i in range(200)] + ["+31 70 123 45 67"],
    publieke_namen=["Mona Keijzer"],
)


def _cpu(functie) -> float:
    begin = time.thread_time()
    functie()
    return time.thread_time() - begin


@pytest.fixture(scope="module", autouse=True)
def _tabellen_opgebouwd():
    # The Unicode tables are built once per process (about 0.2 s); not part of a measurement.
    woo.Beeld.van("x\u00ad")


@pytest.mark.parametrize("naam", sorted(VIJANDIG))
def test_redactie_en_markeringscontrole_lineair(naam):
    tekst = VIJANDIG[naam]
    redacteur = Redacteur(CONTEXT.namen, CONTEXT.emails, CONTEXT.telefoons, CONTEXT.publieke_namen)
    verbruikt = _cpu(lambda: (redacteur.vind(tekst), markeringsfouten(tekst), markeringsfouten(tekst[:50000], kop=True)))
    assert verbruikt < GRENS_CPU, f"{naam}: {verbruikt:.1f} s CPU voor {len(tekst)} tekens"


@pytest.mark.parametrize("naam", ["cijfers_spaties_streepjes", "a_at", "tussenvoegsels", "onzichtbaar"])
def test_runs_van_een_alinea_lineair(naam):
    """The run mapping: many runs and many matches in one paragraph."""
    tekst = VIJANDIG[naam]
    delen = []
    for i in range(0, len(tekst), 64):
        delen.append(tekst[i : i + 64])
        if i % 1024 == 0:
            delen.append(VOETNOOT)
    redacteur = Redacteur(CONTEXT.namen, CONTEXT.emails, CONTEXT.telefoons)
    verbruikt = _cpu(lambda: redacteur.redigeer_delen(delen))
    assert verbruikt < GRENS_CPU, f"{naam}: {verbruikt:.1f} s CPU"
