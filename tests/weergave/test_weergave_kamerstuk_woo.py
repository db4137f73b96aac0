"""Kamerstuk citations and their URLs; Woo redaction of strings."""

from __future__ import annotations

import pytest

from app.weergave.model import WooContext
from workflow.kamerstuk import kamerstuk_url, vind_kamerstukken
from workflow.woo import GRONDEN, Redacteur, redigeer, sorteer_gronden

BASIS = "https://zoek.officielebekendmakingen.nl/"


@pytest.mark.parametrize(
    ("citaat", "url"),
    [
        ("Tweede Kamer, vergaderjaar 2024-2025, 36592, nr. 17", "kst-36592-17.html"),
        ("Kamerstukken II 2024/25, 35334, nr. 362", "kst-35334-362.html"),
        ("Tweede Kamer, vergaderjaar 2022-2023, 36200-XII, nr. 33", "kst-36200-XII-33.html"),
        ("Tweede Kamer, vergaderjaar 2024-2025, 36600 XXII, nr. 26", "kst-36600-XXII-26.html"),
        ("Tweede Kamer, vergaderjaar 2022-2023, 36200-A, nr. 78", "kst-36200-A-78.html"),
        ("Kamerstuk 36592, nr. 17", "kst-36592-17.html"),
        ("Kamerstukken I 2020/21, 33 328, nr. N", "kst-33328-N.html"),
    ],
)
def test_kamerstuk_citaten_en_urls(citaat, url):
    tekst = f"Zie {citaat}. Verder niets."
    (gevonden,) = vind_kamerstukken(tekst)
    assert gevonden.url == BASIS + url
    assert tekst[gevonden.start : gevonden.eind] == citaat


def test_geen_kamerstuk_in_gewone_tekst_en_url_functie():
    assert vind_kamerstukken("Op 12 juni 2025 is 36592 keer nr. 17 genoemd; € 2,5 mld.") == []
    assert kamerstuk_url("36600 XXII", "26") == BASIS + "kst-36600-XXII-26.html"


def test_meerdere_citaten_in_volgorde():
    tekst = "Kamerstukken II 2024/25, 35334, nr. 362 en Tweede Kamer, vergaderjaar 2022-2023, 36200-A, nr. 78"
    assert [k.url.removeprefix(BASIS) for k in vind_kamerstukken(tekst)] == ["kst-35334-362.html", "kst-36200-A-78.html"]


CONTEXT = WooContext(
    ambtenaren_namen=["Jan de Vries", "Fatima El Amrani"],
    ambtenaren_emails=["j.devries@minvro.nl"],
    ambtenaren_telefoons=["+31 6 11122233"],
)


@pytest.mark.parametrize(
    "nummer",
    [
        "06-12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "0612345678",
        "+31 6 12345678",
        "+31612345678",
        "070-1234567",
        "(070) 123 45 67",
        "070 123 45 67",
        "0031 6 12345678",
        "0031612345678",
        "+31 (0)70 123 45 67",
        "010-1234567",
        "06-111 222 33",
    ],
)
def test_nederlandse_telefoonnummers_worden_weggelakt(nummer):
    tekst, gronden = redigeer(f"Bel {nummer}, graag.", WooContext())
    assert tekst == "Bel 5.1.2e, graag."
    assert gronden == {"5.1.2e"}


@pytest.mark.parametrize(
    "onschuldig",
    [
        "kenmerk 2025-0000123456",
        "Postbus 20018",
        "2500 EA Den Haag",
        "36592, nr. 17",
        "€ 2,5 mld",
        "12-06-2025",
        "op 12-6 in de ochtend",
        "5.1.2e",
        "1.234.567 woningen",
    ],
)
def test_geen_vals_positieve_telefoonnummers(onschuldig):
    assert redigeer(onschuldig, WooContext()) == (onschuldig, set())


def test_namen_heel_woord_hoofdletterongevoelig_en_ministers_en_kamerleden_blijven():
    tekst, gronden = redigeer(
        "Contact: JAN DE   VRIES (j.devries@minvro.nl) en fatima el amrani; Jan de Vriesje niet. "
        "De motie van het lid Mooiman; minister Keijzer; mail info@rijksoverheid.nl, tel. 06 11122233.",
        CONTEXT,
    )
    assert tekst == (
        "Contact: 5.1.2e (5.1.2e) en 5.1.2e; Jan de Vriesje niet. "
        "De motie van het lid Mooiman; minister Keijzer; mail 5.1.2e, tel. 5.1.2e."
    )
    assert gronden == {"5.1.2e"}


def test_woo_passages_worden_hun_code():
    tekst, gronden = redigeer("Zie [[woo:5.2|mijn [persoonlijke] mening]] en [[woo:5.1.2i|x]] maar niet y.", WooContext())
    assert tekst == "Zie 5.2 en 5.1.2i maar niet y."
    assert gronden == {"5.2", "5.1.2i"}


def test_onleesbare_markering_houdt_de_rest_achter():
    # Only text stored before markers were checked on write can hold one: fail closed.
    assert redigeer("Open [[woo:x|y]] en meer.", WooContext())[0] == "Open [onleesbare Woo-markering]"
    assert redigeer("Open [[woo:5.2|y en meer.", WooContext()) == ("Open 5.2", {"5.2"})


def test_gronden_tabel_en_volgorde():
    assert set(GRONDEN) == {f"5.1.1{c}" for c in "abcde"} | {f"5.1.2{c}" for c in "abcdefghi"} | {"5.1.5", "5.2"}
    assert GRONDEN["5.1.2e"] == "de eerbiediging van de persoonlijke levenssfeer"
    assert sorteer_gronden({"5.2", "5.1.2e", "5.1.1c"}) == ["5.1.1c", "5.1.2e", "5.2"]


def test_redacteur_verzamelt_gronden_over_meerdere_teksten():
    r = Redacteur.voor(CONTEXT)
    assert r.redigeer("Fatima El Amrani") == "5.1.2e"
    assert r.redigeer("[[woo:5.1.2b|bedrag]]") == "5.1.2b"
    assert r.redigeer("") == ""
    assert r.gebruikt == {"5.1.2e", "5.1.2b"}
