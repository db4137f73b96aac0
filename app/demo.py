"""Demo data for `make run`: the seed Kamerbrief and its beslisnota as one set (the nota's two
beslispunten, NB 2 as an afhankelijkheid on IenW's MIRT-brief), the NB 1 dispute under way, and
one user per role.

The demo tokens are fixed, readable strings so a demo can be followed from the README; they
are stored hashed like any other token. Never load the demo into a real database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from app.afstemming import service as afstemming
from app.afstemming import toestand
from app.db import Klok, schrijfsessie
from app.documenten import importeren
from app.documenten import service as documenten
from app.documenten.models import Document
from app.documenten.schemas import DocumentVelden
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.schemas import AMSTERDAM
from app.stukken import service as stukken
from app.tekstvoorstellen import service as tekstvoorstellen
from workflow.importeren import lijst_veld


@dataclass(frozen=True)
class DemoGebruiker:
    token: str
    naam: str
    email: str
    departement: str
    rollen: tuple[str, ...]
    paraafniveau: str | None = None


DEMO_GEBRUIKERS = (
    DemoGebruiker("demo-beheerder", "Bram Beheer", "beheer@demo.paraaf", "VRO", ("beheerder",)),
    DemoGebruiker("demo-opsteller-vro", "Sanne Visser", "sanne.visser@minvro.demo", "VRO", ("opsteller",)),
    DemoGebruiker("demo-afstemmer-def", "Pieter Bakker", "pieter.bakker@mindef.demo", "DEF", ("afstemmer",)),
    DemoGebruiker("demo-afstemmer-ienw", "Fatima el Amrani", "fatima.elamrani@minienw.demo", "IenW", ("afstemmer",)),
    DemoGebruiker("demo-afstemmer-ez", "Koen de Graaf", "koen.degraaf@minez.demo", "EZ", ("afstemmer",)),
    DemoGebruiker("demo-afstemmer-kgg", "Lotte Meijer", "lotte.meijer@minkgg.demo", "KGG", ("afstemmer",)),
    DemoGebruiker("demo-afstemmer-lvvn", "Henk Mulder", "henk.mulder@minlvvn.demo", "LVVN", ("afstemmer",)),
    DemoGebruiker("demo-afstemmer-ocw", "Noor Hendriks", "noor.hendriks@minocw.demo", "OCW", ("afstemmer",)),
    DemoGebruiker("demo-afstemmer-bzk", "Daan Vos", "daan.vos@minbzk.demo", "BZK", ("afstemmer",)),
    DemoGebruiker("demo-afdelingshoofd", "Jeroen de Wit", "jeroen.dewit@minvro.demo", "VRO", ("parafeerder",), "afdelingshoofd"),
    DemoGebruiker("demo-directeur", "Ingrid Smit", "ingrid.smit@minvro.demo", "VRO", ("parafeerder",), "directeur"),
    DemoGebruiker("demo-dg", "Mark Jansen", "mark.jansen@minvro.demo", "VRO", ("parafeerder",), "dg"),
    DemoGebruiker("demo-sg", "Annemieke de Boer", "annemieke.deboer@minvro.demo", "VRO", ("parafeerder",), "sg"),
    DemoGebruiker("demo-minister-vro", "Mona Keijzer", "minister@minvro.demo", "VRO", ("bewindspersoon",)),
    DemoGebruiker("demo-opsteller-ienw", "Ruben Hoekstra", "ruben.hoekstra@minienw.demo", "IenW", ("opsteller",)),
)

KAMERBRIEF = "kamerbrief-uitkomsten-bo-leefomgeving-2025.md"
BESLISNOTA = "beslisnota-kamerbrief-bo-leefomgeving-2025.md"


def _importeer(sessie, door: Gebruiker, pad: Path, **extra) -> Document:
    ingelezen = importeren.lees(pad.name, pad.read_bytes(), max_uitgepakt=10 * 1024 * 1024)
    velden = dict(ingelezen.velden)
    for lijstveld in ("mede_namens", "parafenlijn", "bijlagen"):
        if lijstveld in velden:
            velden[lijstveld] = lijst_veld(velden[lijstveld])
    velden.update(extra)
    return documenten.maak(
        sessie,
        door,
        gebruikers.als_actor(door),
        DocumentVelden(**velden),
        Klok(),
        secties_invoer=ingelezen.secties,
        bron=pad.name,
    )


DEF_FORMULERING = (
    " Het ministerie van Defensie, het Ministerie van Infrastructuur en Waterstaat, de provincie Overijssel en "
    "gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan voor een veilige verkeersontsluiting "
    "van de grootschalige munitieopslag."
)
IENW_FORMULERING = (
    " Het ministerie van Defensie, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke "
    "inspanningsverplichting aan voor een veilige verkeersontsluiting van de grootschalige munitieopslag. "
    "Het Ministerie van Infrastructuur en Waterstaat participeert waar nodig in het onderzoek."
)


def _speel_dispuut(sessie, brief: Document, opsteller: Gebruiker) -> None:
    """Bring the demo to the seed's morning, on today's timeline: a ronde is open (termijn in
    two days), Defensie proposed its sentence, IenW countered; Defensie still has to answer."""
    klok = Klok()

    def wie(email: str) -> Gebruiker:
        return sessie.exec(select(Gebruiker).where(Gebruiker.email == email)).one()

    def vergrendeld() -> Document:
        return documenten.vergrendel(sessie, brief.id)

    nu = klok.nu(sessie)
    afstemming.open_ronde(
        sessie,
        opsteller,
        vergrendeld(),
        departementen=["IenW", "EZ", "KGG", "LVVN", "DEF", "OCW", "BZK"],
        termijn=nu + timedelta(days=2),
        stilzwijgend_akkoord=False,
        klok=klok,
    )
    defensie = next(s for s in documenten.secties(sessie, brief.id) if s.kop == "Defensie")
    anker = "in overleg met hen uit te werken."
    voorstel = tekstvoorstellen.dien_in(
        sessie,
        wie("pieter.bakker@mindef.demo"),
        vergrendeld(),
        defensie,
        basisversie=defensie.versie,
        oorspronkelijk="",
        voorgesteld=DEF_FORMULERING,
        positie=defensie.tekst.index(anker) + len(anker),
        toelichting="Afspraak uit het BO met de provincie Overijssel.",
        reactietermijn=nu + timedelta(days=1),
        klok=klok,
    )
    tekstvoorstellen.reageer(
        sessie,
        wie("fatima.elamrani@minienw.demo"),
        vergrendeld(),
        voorstel,
        oordeel="tegenvoorstel",
        toelichting="IenW committeert zich niet aan een inspanningsverplichting; wel participatie in het onderzoek.",
        voorgesteld=IENW_FORMULERING,
        reactietermijn=None,
        klok=klok,
    )
    for email in ("koen.degraaf@minez.demo", "lotte.meijer@minkgg.demo", "noor.hendriks@minocw.demo"):
        ronde = toestand.laatste_ronde(sessie, brief.id)
        afstemming.geef_oordeel(sessie, wie(email), vergrendeld(), ronde, oordeel="akkoord", opmerkingen=None, klok=klok)


NB2 = (
    "De finale versie van de MIRT-brief en afsprakenlijst volgt op 12-6 in de ochtend na verwerking van de "
    "uitkomsten van het BO Leefomgeving Zuid op 11-6."
)


def _maak_stukken(sessie, brief: Document, nota: Document, opsteller: Gebruiker) -> None:
    """NB 2 of the seed as what it is: the letter cannot go before IenW's MIRT-brief (mede
    namens VRO) is vastgesteld. Tracked as an afhankelijkheid, so the nota's static NB text goes."""
    klok = Klok()
    ienw = sessie.exec(select(Gebruiker).where(Gebruiker.email == "ruben.hoekstra@minienw.demo")).one()
    mirt = documenten.maak(
        sessie,
        ienw,
        gebruikers.als_actor(ienw),
        DocumentVelden(soort="kamerbrief", titel="MIRT-brief voorjaar 2025", penvoerder="IenW", mede_namens=["VRO"]),
        klok,
    )
    morgen = (klok.nu(sessie).astimezone(AMSTERDAM) + timedelta(days=1)).date()
    stukken.voeg_afhankelijkheid_toe(
        sessie,
        opsteller,
        gebruikers.als_actor(opsteller),
        documenten.vergrendel(sessie, brief.id),
        omschrijving=NB2,
        doel_id=mirt.id,
        vereiste_status="vastgesteld",
        verwacht_op=morgen,
        klok=klok,
    )
    vergrendeld = documenten.vergrendel(sessie, nota.id)
    nb = next(s for s in documenten.secties(sessie, nota.id) if s.kop == "NB-punten")
    documenten.wijzig_sectie(
        sessie,
        opsteller,
        vergrendeld,
        nb,
        tekst="",
        kop=nb.kop,
        kop_meegegeven=False,
        basisversie=nb.versie,
        reden="NB 2 wordt bijgehouden als afhankelijkheid op de MIRT-brief",
        klok=klok,
    )


def laad_demo(engine: Engine, drafts: Path) -> list[str]:
    """Create what is missing of the demo; returns lines to print (tokens, documents)."""
    regels = []
    with schrijfsessie(engine) as sessie:
        for demo in DEMO_GEBRUIKERS:
            if sessie.exec(select(Gebruiker).where(Gebruiker.email == demo.email)).first() is None:
                gebruikers.maak_gebruiker(
                    sessie,
                    None,
                    naam=demo.naam,
                    email=demo.email,
                    departement=demo.departement,
                    rollen=list(demo.rollen),
                    paraafniveau=demo.paraafniveau,
                    klok=Klok(),
                    token=demo.token,
                )
        opsteller = sessie.exec(select(Gebruiker).where(Gebruiker.email == "sanne.visser@minvro.demo")).one()
        brief = sessie.exec(select(Document).where(Document.soort == "kamerbrief").order_by(Document.id)).first()
        if brief is None:
            # One timeline: the drafts' own dates (June 2025) would sit next to termijnen counted
            # from today; undated, the letter and nota get their date when they are vastgesteld.
            brief = _importeer(sessie, opsteller, drafts / KAMERBRIEF, datum=None)
            nota = _importeer(sessie, opsteller, drafts / BESLISNOTA, gekoppeld_aan=brief.id, datum=None)
            _maak_stukken(sessie, brief, nota, opsteller)
            _speel_dispuut(sessie, brief, opsteller)
        documenten_lijst = list(sessie.exec(select(Document).order_by(Document.id)))
    regels.append("Demogebruikers (token — naam, departement, rol):")
    for demo in DEMO_GEBRUIKERS:
        rol = ", ".join(demo.rollen) + (f" ({demo.paraafniveau})" if demo.paraafniveau else "")
        regels.append(f"  {demo.token:<22} {demo.naam}, {demo.departement}, {rol}")
    regels.append("Documenten:")
    for d in documenten_lijst:
        regels.append(f"  {d.id:>3}  {d.soort:<11} {d.status:<14} {d.titel}")
    return regels
