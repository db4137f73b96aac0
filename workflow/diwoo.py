"""DiWoo metadata (KOOP, version 0.9.8): the per-document metadata of a Woo publication package,
in the format the Woo-index harvests. Pure: plain values in, XML bytes out.

The schema is kept in docs/standaarden/diwoo-0.9.8/ and the tests validate every file against it.
Values that come from TOOI value lists (organisations, categories, kinds of document and of
action, language, format) are the lists' URIs with their labels, as the schema requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import etree

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
SCHEMA_VERSIE = "0.9.8"
_TOOI_MINISTERIE = "https://identifier.overheid.nl/tooi/id/ministerie/"
_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"

# Department code -> TOOI ministerie (rwc_ministeries_compleet, version 4) and its label there.
MINISTERIES: dict[str, tuple[str, str]] = {
    "AZ": ("mnre1010", "ministerie van Algemene Zaken"),
    "AenM": ("mnre1162", "ministerie van Asiel en Migratie"),
    "BZK": ("mnre1034", "ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
    "BZ": ("mnre1013", "ministerie van Buitenlandse Zaken"),
    "DEF": ("mnre1018", "ministerie van Defensie"),
    # TOOI lists two "Economische Zaken": mnre1045 continues the ministry that was EZK until 2024.
    "EZ": ("mnre1045", "ministerie van Economische Zaken"),
    "FIN": ("mnre1090", "ministerie van Financiën"),
    "IenW": ("mnre1130", "ministerie van Infrastructuur en Waterstaat"),
    "JenV": ("mnre1058", "ministerie van Justitie en Veiligheid"),
    "KGG": ("mnre1182", "ministerie van Klimaat en Groene Groei"),
    "LVVN": ("mnre1153", "ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur"),
    "OCW": ("mnre1109", "ministerie van Onderwijs, Cultuur en Wetenschap"),
    "SZW": ("mnre1073", "ministerie van Sociale Zaken en Werkgelegenheid"),
    "VWS": ("mnre1025", "ministerie van Volksgezondheid, Welzijn en Sport"),
    "VRO": ("mnre1171", "ministerie van Volkshuisvesting en Ruimtelijke Ordening"),
}

# A Kamerbrief, its beslisnota and bijlagen are sent to (and published with) the letter to the
# Tweede Kamer: Woo art. 3.3 lid 2 sub c, "bij vertegenwoordigende organen ingekomen stukken".
INFORMATIECATEGORIE = (_KERN + "c_8c840238", "bij vertegenwoordigende organen ingekomen stukken")
# ccw_plooi_documentsoorten: a bijlage has no kind of its own in the list; it gets none.
DOCUMENTSOORTEN: dict[str, tuple[str, str]] = {
    "kamerbrief": (_KERN + "c_7652d853", "brief"),
    "beslisnota": (_KERN + "c_2977c34f", "beslisnota"),
}
VASTSTELLING = (_KERN + "c_641ecd76", "vaststelling")
ONDERTEKENING = (_KERN + "c_e1ec050e", "ondertekening")
HEEFT_BIJLAGE = (_KERN + "c_05f4a5f3", "heeft bijlage")
NEDERLANDS = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")


@dataclass(frozen=True)
class Verwijzing:
    identifier: str
    titel: str


@dataclass(frozen=True)
class DiwooDocument:
    identifiers: list[str]
    titel: str
    soort: str  # kamerbrief | beslisnota | bijlage
    penvoerder: str  # department code
    mede_namens: list[str] = field(default_factory=list)
    creatiedatum: date | None = None
    vastgesteld_op: datetime | None = None
    omschrijving: str | None = None
    onderdeel_van: Verwijzing | None = None  # the set (the letter) this document belongs to
    bijlagen: list[Verwijzing] = field(default_factory=list)  # for the letter: the other members
    trefwoorden: list[str] = field(default_factory=list)


def _e(ouder: etree._Element, naam: str, tekst: str | None = None, **attributen: str) -> etree._Element:
    element = etree.SubElement(ouder, f"{{{NS}}}{naam}", attributen)
    if tekst is not None:
        element.text = tekst
    return element


def _organisatie(ouder: etree._Element, naam: str, code: str) -> None:
    if code in MINISTERIES:
        tooi, label = MINISTERIES[code]
        _e(ouder, naam, label, resource=_TOOI_MINISTERIE + tooi)
    else:
        _e(ouder, naam, code)


def _tijd(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def diwoo_xml(d: DiwooDocument) -> bytes:
    """One `diwoo:Document` with its DiWoo block (the schema's elements are an xs:all: any order)."""
    wortel = etree.Element(f"{{{NS}}}Document", nsmap={"diwoo": NS})
    b = _e(wortel, "DiWoo")
    if d.identifiers:
        ids = _e(b, "identifiers")
        for identifier in d.identifiers:
            _e(ids, "identifier", identifier)
    _organisatie(b, "publisher", d.penvoerder)
    _organisatie(b, "verantwoordelijke", d.penvoerder)
    if d.mede_namens:
        mede = _e(b, "medeverantwoordelijken")
        for code in d.mede_namens:
            _organisatie(mede, "medeverantwoordelijke", code)
    _organisatie(b, "opsteller", d.penvoerder)
    titels = _e(b, "titelcollectie")
    _e(titels, "officieleTitel", d.titel)
    if d.omschrijving:
        _e(_e(b, "omschrijvingen"), "omschrijving", d.omschrijving)
    klassen = _e(b, "classificatiecollectie")
    _e(_e(klassen, "informatiecategorieen"), "informatiecategorie", INFORMATIECATEGORIE[1], resource=INFORMATIECATEGORIE[0])
    if d.soort in DOCUMENTSOORTEN:
        uri, label = DOCUMENTSOORTEN[d.soort]
        _e(_e(klassen, "documentsoorten"), "documentsoort", label, resource=uri)
    if d.trefwoorden:
        woorden = _e(klassen, "trefwoorden")
        for woord in d.trefwoorden:
            _e(woorden, "trefwoord", woord)
    if d.creatiedatum:
        _e(b, "creatiedatum", d.creatiedatum.isoformat())
    _e(b, "language", NEDERLANDS[1], resource=NEDERLANDS[0])
    _e(b, "format", PDF[1], resource=PDF[0])
    if d.onderdeel_van is not None:
        _e(b, "isPartOf", d.onderdeel_van.titel, resource=d.onderdeel_van.identifier)
    handelingen = _e(b, "documenthandelingen")
    if d.vastgesteld_op is not None:
        for soort in (VASTSTELLING,) + ((ONDERTEKENING,) if d.soort == "kamerbrief" else ()):
            h = _e(handelingen, "documenthandeling")
            _e(h, "soortHandeling", soort[1], resource=soort[0])
            _e(h, "atTime", _tijd(d.vastgesteld_op))
            _organisatie(h, "wasAssociatedWith", d.penvoerder)
    if len(handelingen) == 0:
        raise ValueError("DiWoo vraagt minstens één documenthandeling: het document is niet vastgesteld")
    if d.bijlagen:
        relaties = _e(b, "documentrelaties")
        for bijlage in d.bijlagen:
            r = _e(relaties, "documentrelatie")
            _e(r, "role", HEEFT_BIJLAGE[1], resource=HEEFT_BIJLAGE[0])
            _e(r, "relation", bijlage.titel, resource=bijlage.identifier)
    return bytes(etree.tostring(wortel, xml_declaration=True, encoding="UTF-8", pretty_print=True))
