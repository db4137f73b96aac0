"""The Woo publication version withholds what a reader would recognise (issue 11, item 3).

Generated, not picked: phone numbers in the forms Dutch text and Word's autocorrect produce,
e-mail addresses with any top-level domain, and registered civil servants' names in every form
a reader recognises (full, initials, title, possessive, surname alone, any case and spacing),
split by bold or italic runs, footnote references, soft hyphens and zero-width characters, and
placed in body text, list items, headings, footnotes, the nota's generated blocks and the
document's plain fields. Each example is rendered to Word and HTML and every part of the
package is searched (tests/weergave/woo_hulp.py); public names must stay.
"""

from __future__ import annotations

import dataclasses
import io
import re

import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.weergave.docx import document_docx
from app.weergave.html import document_html
from app.weergave.model import NbVoorstel, SectieWeergave, WooContext
from app.weergave.voorbeeld import document_uit_bestand
from tests.weergave.weergave_hulp import BRIEF_MD, nb_punt_defensie
from tests.weergave.woo_hulp import docx_tekst, html_tekst, leesbaar, lekken_docx, lekken_html
from workflow.woo import VOETNOOT, Redacteur, Vast, redigeer

INSTELLINGEN = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODE = "5.1.2e"
PUBLIEK = "De motie van het lid Mooiman en de brief van minister Keijzer blijven."

# --- phone numbers ------------------------------------------------------------------------------------

# What people and Word put between groups of digits: blanks (also non-breaking and narrow),
# hyphens and the dashes autocorrect makes of them, with or without blanks around, slashes, dots.
SCHEIDINGEN = [" ", "  ", "-", " - ", "–", " – ", "\u00a0–\u00a0", "—", " — ", "/", " / ", ".", "\u00a0", "\u202f", "", "\u2011"]
NETNUMMERS = ["010", "020", "030", "040", "050", "070", "071", "0111", "0172", "0318", "0596", "085", "088"]


def _groepen(draw, cijfers: str) -> str:
    """`cijfers` in groups of 1 to 4 with a separator between them."""
    uit, i = [], 0
    while i < len(cijfers):
        n = draw(st.integers(1, 4))
        uit.append(cijfers[i : i + n])
        i += n
    tekst = uit[0]
    for groep in uit[1:]:
        tekst += draw(st.sampled_from(SCHEIDINGEN)) + groep
    return tekst


@st.composite
def telefoonnummers(draw) -> str:
    soort = draw(st.sampled_from(["mobiel", "vast", "internationaal"]))
    if soort == "mobiel":
        rest = draw(st.text("0123456789", min_size=8, max_size=8))
        vorm = draw(st.sampled_from(["06{s}{r}", "(06){s}{r}", "06{s}{r}"]))
        return vorm.format(s=draw(st.sampled_from(SCHEIDINGEN)), r=_groepen(draw, rest))
    netnummer = draw(st.sampled_from(NETNUMMERS))
    rest = draw(st.text("0123456789", min_size=10 - len(netnummer), max_size=10 - len(netnummer)))
    if soort == "vast":
        kop = draw(st.sampled_from([netnummer, f"({netnummer})"]))
        return kop + draw(st.sampled_from(SCHEIDINGEN)) + _groepen(draw, rest)
    land = draw(st.sampled_from(["+31", "0031", "+31 ", "0031 ", "+ 31"]))
    nul = draw(st.sampled_from(["", "(0)", " (0)", "(0) "]))
    mobiel = draw(st.booleans())
    kern = ("6" + draw(st.text("0123456789", min_size=8, max_size=8))) if mobiel else netnummer[1:] + rest
    return land + nul + draw(st.sampled_from(["", " ", "-", "\u00a0"])) + _groepen(draw, kern)


@INSTELLINGEN
@given(
    nummer=telefoonnummers(),
    voor=st.sampled_from(["Bel ", "tel. ", "T: ", "(", "Telefoon\u00a0"]),
    na=st.sampled_from([" graag.", ".", ")", ", of mail.", ""]),
)
def test_elk_telefoonnummer_wordt_weggelakt(nummer, voor, na):
    tekst, gronden = redigeer(voor + nummer + na, WooContext())
    assert tekst == voor + CODE + na, (nummer, tekst)
    assert gronden == {CODE}


@INSTELLINGEN
@given(nummer=telefoonnummers(), splitsing=st.integers(1, 30), teken=st.sampled_from(["\u00ad", "\u200b", "\u2060"]))
def test_telefoonnummer_over_runs_en_onzichtbare_tekens(nummer, splitsing, teken):
    """Split over two runs (a bold part) and with an invisible character inside: one ground."""
    i = min(splitsing, len(nummer) - 1)
    delen = Redacteur().redigeer_delen(["Bel ", nummer[:i], teken + nummer[i:], " nu."])
    assert "".join(d for d in delen if isinstance(d, str)) == f"Bel {CODE} nu."


@pytest.mark.parametrize(
    "nummer",
    [
        "06 - 12 34 56 78",
        "06-12345678",
        "070 – 123 45 67",
        "(070) 123 4567",
        "+31 (0)70 123 45 67",
        "0031 6 1234 5678",
        "06\u00a0–\u00a012345678",
        "070/1234567",
        "070.123.45.67",
        "+31-6-12345678",
        "+31(0)6-1234 5678",
        "0031 (0)70 1234567",
        "+32 2 123 45 67",
        "+44 20 7946 0958",
        "０６-１２３４５６７８",
    ],
)
def test_voorbeelden_uit_de_praktijk(nummer):
    assert redigeer(f"Bereikbaar op {nummer}.", WooContext())[0] == f"Bereikbaar op {CODE}."


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
        "een toename van +5.000.000 euro",
        "VRO-0612345678",
        "artikel 5.1, lid 2, onder e",
        "2024-2025",
        "Kamerstukken II 2024/25, 35334, nr. 362",
        "+12 %",
        "0,5 1,0 2,5 3,0",
        "BSN volgt",
        "tussen 2020 en 2030 2.000.000 woningen",
    ],
)
def test_geen_vals_positieve_telefoonnummers(onschuldig):
    assert redigeer(onschuldig, WooContext()) == (onschuldig, set())


# --- e-mail addresses ------------------------------------------------------------------------------------

_LABEL = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,12}[a-z0-9])?", fullmatch=True)


@st.composite
def emailadressen(draw) -> str:
    lokaal = draw(st.from_regex(r"[a-z0-9](?:[a-z0-9._%-]{0,20}[a-z0-9])?", fullmatch=True))
    if draw(st.booleans()):
        lokaal += "+" + draw(st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True))  # plus-addressing
    labels = draw(st.lists(_LABEL, min_size=1, max_size=4))  # subdomains
    tld = draw(
        st.one_of(
            st.from_regex(r"[a-z]{2,24}", fullmatch=True),  # nl, amsterdam, travelersinsurance
            st.from_regex(r"xn--[a-z0-9]{2,20}", fullmatch=True),  # punycode IDN
            st.sampled_from(["nl", "com", "frl", "amsterdam", "international", "рф", "இந்தியா"]),
        )
    )
    adres = f"{lokaal}@{'.'.join(labels)}.{tld}"
    return draw(st.sampled_from([adres, adres.upper(), adres.capitalize()]))


@INSTELLINGEN
@given(adres=emailadressen(), na=st.sampled_from([".", " vandaag.", ")", ", of bel", ""]))
def test_elk_emailadres_wordt_weggelakt(adres, na):
    tekst, gronden = redigeer(f"Mail (of {adres}{na}", WooContext())
    assert tekst == f"Mail (of {CODE}{na}", (adres, tekst)
    assert gronden == {CODE}


@pytest.mark.parametrize(
    "adres",
    [
        "j.devries@minvro.nl",
        "j.de.vries+woo@post.minvro.nl",
        "info@xn--bcher-kva.xn--p1ai",
        "a@b.travelersinsurance",
        "g.vdveen [at] minvro.nl",
        "g.vdveen(at)minvro.nl",
        "x＠minvro.nl",
        "J.DeVries@MinVRO.NL",
    ],
)
def test_emailadressen_uit_de_praktijk(adres):
    assert redigeer(f"Schrijf naar {adres} vandaag.", WooContext())[0] == f"Schrijf naar {CODE} vandaag."


def test_emailadres_over_runs_en_met_zacht_afbreekstreepje():
    delen = Redacteur().redigeer_delen(["Mail ", "j.de", "\u00advries@minvro", ".nl", " nu."])
    assert "".join(d for d in delen if isinstance(d, str)) == f"Mail {CODE} nu."


# --- names: the worked examples of the issue ---------------------------------------------------------------

AMBTENAREN = WooContext(
    ambtenaren_namen=["Gert van der Veen", "Anne Jansen", "Pieter de Boer", "Fatima El Amrani", "Jan-Willem Smits"],
    ambtenaren_emails=["g.vanderveen@minvro.nl"],
    ambtenaren_telefoons=["+31 6 11122233"],
    publieke_namen=["Mona Keijzer"],
)


@pytest.mark.parametrize(
    ("bron", "verwacht"),
    [
        ("**Gert** van der Veen schreef.", f"{CODE} schreef."),
        ("Zie Van der Veen^[Notitie van 3 juni.]s notitie.", f"Zie {CODE} notitie."),
        ("Zie Van der\u00adVeen en Van der Ve\u00aden.", f"Zie {CODE} en {CODE}."),
        ("Van der Veens notitie is helder.", f"{CODE} notitie is helder."),
        ("Lees Veens notitie.", f"Lees {CODE} notitie."),
        ("G. van der Veen en G.J. van der Veen tekenden.", f"{CODE} en {CODE} tekenden."),
        ("De heer Van der Veen en mevrouw Van der Veen kwamen.", f"De heer {CODE} en mevrouw {CODE} kwamen."),
        ("GERT VAN DER VEEN en gert   van der veen.", f"{CODE} en {CODE}."),
        ("Volgens *Van der* **Veen** klopt het.", f"Volgens {CODE} klopt het."),
        ("Mw. Jansen, dhr. Jansen, Jansen's memo en Jansen gaf aan.", f"Mw. {CODE}, dhr. {CODE}, {CODE} memo en {CODE} gaf aan."),
        ("Volgens De Boer, niet de boer.", f"Volgens {CODE}, niet de boer."),
        ("Fatima el Amrani en El Amrani.", f"{CODE} en {CODE}."),
        ("Jan-Willem Smits en J.W. Smits.", f"{CODE} en {CODE}."),
        ("Van der Vееn (Cyrillische e's).", f"{CODE} (Cyrillische e's)."),
    ],
)
def test_namen_zoals_een_lezer_ze_herkent(bron, verwacht):
    doc = _document(SectieWeergave("Contact", 1, bron + " " + PUBLIEK))
    for tekst in (_alinea(document_docx(doc, AMBTENAREN), "blijven"), _html_alinea(document_html(doc, AMBTENAREN))):
        assert tekst == verwacht + " " + PUBLIEK


@pytest.mark.parametrize(
    "gewoon",
    [
        "Een groot deel van de woningen.",
        "Meer dan tien provincies; de boer en de bakker.",
        "Groot is de kans dat het lukt. Post komt per post.",
        "2500 EA Den Haag en de gemeente Den Haag.",
        "De motie van het lid Mooiman; minister Keijzer; staatssecretaris De Boer.",
        "Toen sprak Peter de Boer, een ander.",
        "Minister Keijzer en Keijzer zelf.",
        "De Vissers van het Wad.",
    ],
)
def test_gewone_tekst_en_publieke_namen_blijven(gewoon):
    context = dataclasses.replace(
        AMBTENAREN,
        ambtenaren_namen=[
            *AMBTENAREN.ambtenaren_namen,
            "Peter de Groot",
            "Anne Bakker",
            "Jan van der Meer",
            "Kees Post",
            "Mark Visser",
            "Sanne den Haag",
            "Karel Keijzer",
        ],
    )
    assert redigeer(gewoon, context)[0] == gewoon


# --- names: generated -------------------------------------------------------------------------------------------

_MEDE, _KLINKERS = "bdfgklmnprstvz", "aeiou"
_GREPEN = st.builds(lambda m, k: m + k, st.sampled_from(_MEDE), st.sampled_from(_KLINKERS))


def _naamwoord(voorvoegsel: str):
    # A prefix no template text contains, so a hit in the package can only be a leak.
    return st.lists(_GREPEN, min_size=2, max_size=3).map(lambda g: voorvoegsel + "".join(g))


@dataclasses.dataclass(frozen=True)
class Persoon:
    voornaam: str
    tussen: str
    achternaam: str

    @property
    def naam(self) -> str:
        return " ".join(d for d in (self.voornaam, self.tussen, self.achternaam) if d)

    @property
    def Tussen(self) -> str:  # noqa: N802 (the capitalised tussenvoegsel, as written without a given name)
        return self.tussen[:1].upper() + self.tussen[1:]


personen = st.builds(
    Persoon,
    _naamwoord("Zw"),
    st.sampled_from(["", "van", "de", "van der", "van den", "ter", "den", "in 't"]),
    _naamwoord("Xq"),
)


@st.composite
def naamvormen(draw, p: Persoon) -> tuple[str, list[str]]:
    """A form of `p`'s name a reader recognises, and the strings it must not leave behind."""
    achter = " ".join(d for d in (p.Tussen, p.achternaam) if d)
    vorm = draw(st.sampled_from(["vol", "initialen", "titel", "bezit", "kaal", "kern"]))
    if vorm == "vol":
        tekst = draw(st.sampled_from([str, str.upper, str.lower, str.title]))(p.naam)
        geheim = [p.achternaam, p.voornaam]
    elif vorm == "initialen":
        tweede = draw(st.sampled_from(["", "J.", "K.", "Th."]))
        tekst = f"{p.voornaam[0]}.{draw(st.sampled_from(['', ' ']))}{tweede} {' '.join(d for d in (p.tussen, p.achternaam) if d)}"
        geheim = [p.achternaam]
    elif vorm == "titel":
        tekst = f"{draw(st.sampled_from(['de heer', 'mevrouw', 'mw.', 'dhr.', 'De heer', 'Mevrouw']))} {achter}"
        geheim = [p.achternaam]
    elif vorm == "bezit":
        tekst = draw(st.sampled_from([f"{achter}s", f"{achter}'s", f"{achter}’s", f"{p.naam}s", f"{p.achternaam}s"]))
        geheim = [p.achternaam]
    elif vorm == "kaal":
        tekst, geheim = achter, [p.achternaam]
    else:
        tekst, geheim = p.achternaam, [p.achternaam]
    # Spacing as typed: double blanks, non-breaking and narrow no-break spaces.
    tekst = "".join(draw(st.sampled_from([" ", "  ", "\u00a0", "\u202f"])) if c == " " else c for c in tekst)
    return tekst, geheim


@st.composite
def gesplitst(draw, tekst: str) -> str:
    """`tekst` split the way real documents split names: part bold or italic, a footnote
    reference after or inside a word, a soft hyphen or zero-width character inside a word or
    instead of a blank. Up to two splits."""
    for _ in range(draw(st.integers(0, 2))):
        letters = [i for i, c in enumerate(tekst) if c.isalpha()]
        soort = draw(st.sampled_from(["vet", "cursief", "noot", "onzichtbaar", "onzichtbaar_spatie"]))
        if soort in ("vet", "cursief"):
            a = draw(st.sampled_from(letters))
            b = draw(st.sampled_from([i for i in letters if i >= a])) + 1
            teken = "**" if soort == "vet" else "*"
            if "*" in tekst[max(a - 2, 0) : b + 2] or "^" in tekst:
                continue  # no emphasis touching emphasis or around a footnote's source
            tekst = tekst[:a] + teken + tekst[a:b] + teken + tekst[b:]
        elif soort == "noot":
            i = draw(st.sampled_from(letters)) + 1
            if "*" in tekst or "^" in tekst:
                continue
            tekst = tekst[:i] + "^[Zie de notitie.]" + tekst[i:]
        elif soort == "onzichtbaar":
            binnen = [i for i in letters if i + 1 in letters]
            if binnen:
                i = draw(st.sampled_from(binnen)) + 1
                tekst = tekst[:i] + draw(st.sampled_from(["\u00ad", "\u200b", "\u2060", "\u200c"])) + tekst[i:]
        else:
            spaties = [i for i, c in enumerate(tekst) if c == " "]
            if spaties:
                i = draw(st.sampled_from(spaties))
                tekst = tekst[:i] + draw(st.sampled_from(["\u00ad", "\u200b"])) + tekst[i + 1 :]
    return tekst


def _document(*secties: SectieWeergave, soort: str = "kamerbrief", **velden):
    doc = document_uit_bestand(BRIEF_MD)
    return dataclasses.replace(doc, soort=soort, secties=[*secties, *doc.secties[:2]], **velden)


def _alinea(data: bytes, met: str) -> str:
    return next(t for t in docx_tekst(data).split("\n") if met in t)


def _html_alinea(pagina: str) -> str:
    zonder_verwijzingen = re.sub(r'<sup class="voetnootverwijzing">.*?</sup>', "", pagina)
    return next(r.strip() for r in html_tekst(zonder_verwijzingen).split("\n") if "blijven" in r)


@INSTELLINGEN
@given(
    data=st.data(),
    persoon=personen,
    plek=st.sampled_from(["alinea", "zinsbegin", "lijst", "kop", "voetnoot", "nb-voorstel", "opmerkingen", "titel"]),
)
def test_gegenereerde_naamvormen_nergens_in_pakket_of_html(data, persoon, plek, nota):
    tekst, geheimen = data.draw(naamvormen(persoon))
    context = dataclasses.replace(AMBTENAREN, ambtenaren_namen=[*AMBTENAREN.ambtenaren_namen, persoon.naam])
    if plek in ("opmerkingen", "titel"):
        tekst = tekst.replace("\u00a0", " ")  # plain fields: no markup, but invisible characters
        tekst = data.draw(gesplitst(tekst).filter(lambda t: "*" not in t and "^" not in t))
    else:
        tekst = data.draw(gesplitst(tekst))
    zin = f"Volgens de notitie van {tekst} is het besluit genomen. {PUBLIEK}"
    if plek == "zinsbegin":
        zin = f"{tekst} schreef dat het besluit genomen is. {PUBLIEK}"
    if plek == "alinea" or plek == "zinsbegin":
        doc = _document(SectieWeergave("Contact", 1, zin))
    elif plek == "lijst":
        doc = _document(SectieWeergave("Contact", 1, f"Inleiding.\n\n- Eerste punt.\n- {zin}"))
    elif plek == "kop":
        doc = _document(SectieWeergave(f"Reactie van {tekst}", 1, PUBLIEK))
    elif plek == "voetnoot":
        assume("^" not in tekst)
        doc = _document(SectieWeergave("Contact", 1, f"{PUBLIEK}^[{zin}]"))
    elif plek == "titel":
        doc = _document(
            SectieWeergave("Contact", 1, PUBLIEK),
            titel=f"Brief over {tekst}",
            kenmerk=f"2025-1 {tekst}",
            bijlagen=[f"Mail van {tekst}"],
        )
    else:
        punt = nb_punt_defensie()
        if plek == "nb-voorstel":
            punt = dataclasses.replace(
                punt,
                voorstellen=[NbVoorstel("DEF", "Ministerie van Defensie", zin, "ingediend", None)],
                context_voor=f"Eerder schreef {tekst} dat. ",
            )
        blokken = dataclasses.replace(nota.blokken, nb_punten=[punt])
        if plek == "opmerkingen":
            regel = dataclasses.replace(blokken.afstemming[0], opmerkingen=zin)
            blokken = dataclasses.replace(
                blokken,
                afstemming=[regel, *blokken.afstemming[1:]],
                parafen=[dataclasses.replace(blokken.parafen[0], naam=persoon.naam)],
            )
        doc = dataclasses.replace(nota, blokken=blokken, secties=[SectieWeergave("Contact", 1, PUBLIEK), *nota.secties])
    pakket = document_docx(doc, context)
    docx.Document(io.BytesIO(pakket))  # still a valid Word file
    assert lekken_docx(pakket, geheimen) == [], (tekst, plek)
    pagina = document_html(doc, context)
    assert lekken_html(pagina, geheimen) == [], (tekst, plek)
    # What is public stays, and the ground says why the rest is gone.
    for tekst_ in (leesbaar(docx_tekst(pakket)), leesbaar(html_tekst(pagina))):
        assert leesbaar(PUBLIEK) in tekst_
        assert CODE in tekst_


def test_een_ground_per_naam_ook_over_runs():
    """A match across runs is replaced as a whole, in the run where it starts."""
    r = Redacteur.voor(AMBTENAREN)
    assert r.redigeer_delen(["Zie **", "Gert", " van der ", "Veen", " en ", "06-", "1112", "2233", "."]) == [
        "Zie **",
        CODE,
        "",
        "",
        " en ",
        CODE,
        "",
        "",
        ".",
    ]
    assert r.redigeer_delen(["Van der Veen", VOETNOOT, "s notitie", Vast("5.2"), " en Jansen."]) == [
        CODE,
        VOETNOOT,
        " notitie",
        Vast("5.2"),
        f" en {CODE}.",
    ]


def test_woo_passage_met_voetnoot_gaat_in_zijn_geheel(nota):
    doc = _document(
        SectieWeergave("Contact", 1, "Open [[woo:5.2|mijn **mening**^[met een noot van Anne Jansen]]] en verder. " + PUBLIEK)
    )
    pakket = document_docx(doc, AMBTENAREN)
    assert _alinea(pakket, "blijven") == "Open 5.2 en verder. " + PUBLIEK
    assert lekken_docx(pakket, ["mening", "met een noot", "Jansen"]) == []
    assert "Open 5.2 en verder." in html_tekst(document_html(doc, AMBTENAREN))


@pytest.mark.parametrize(
    ("bron", "zichtbaar", "weg"),
    [
        ("Open [[woo:5.2|geheim en meer. " + PUBLIEK, "Open 5.2", ["geheim", "Mooiman"]),
        ("Open [[woo:x|geheim]] en meer. " + PUBLIEK, "Open [onleesbare Woo-markering]", ["geheim"]),
        ("Open [[woo:5.2|a [[woo:5.2|geheim]] b]] en meer. " + PUBLIEK, "Open 5.2 en meer. " + PUBLIEK, ["geheim"]),
        ("Open^[[woo:5.1.2i|geheim]] en meer. " + PUBLIEK, "Open en meer. " + PUBLIEK, ["geheim"]),
    ],
)
def test_misvormde_markering_uit_oude_tekst_faalt_dicht(bron, zichtbaar, weg):
    """Refused on write since markers are checked; text stored before is published fail-closed:
    from the marker to the end of its paragraph, under its ground if it names one."""
    doc = _document(SectieWeergave("Contact", 1, bron))
    pakket = document_docx(doc, AMBTENAREN)
    assert lekken_docx(pakket, weg) == []
    assert any(t.startswith(zichtbaar) for t in docx_tekst(pakket).split("\n"))
    assert lekken_html(document_html(doc, AMBTENAREN), weg) == []


def test_woo_pakket_beoordeelt_zoals_de_publicatie_leest():
    """The Woo package's inventory (grounds per part, 'niet openbaar') comes from the same
    layout-level redaction as the published PDF: a name split by bold or a footnote counts."""
    from app.publicatie.service import beoordeel

    doc = _document(
        SectieWeergave("Contact", 1, "Vraag **Gert** van der Veen^[Notitie.]s notitie. " + PUBLIEK),
        SectieWeergave("Intern", 1, "[[woo:5.2|Alles **hier** is^[ook dit] intern.]]"),
    )
    vindplaatsen, niet_openbaar = beoordeel(doc, AMBTENAREN)
    assert "Contact" in vindplaatsen["5.1.2e"] and "Intern" in vindplaatsen["5.2"]
    assert not niet_openbaar
    alleen_intern = dataclasses.replace(doc, secties=[doc.secties[1]])
    assert beoordeel(alleen_intern, AMBTENAREN)[1] is True
