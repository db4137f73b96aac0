"""The `paraaf` command line: users, import, demo data, and what waits for whom."""

from __future__ import annotations

from pathlib import Path

import typer
from pydantic import ValidationError
from sqlmodel import select

# Every table, before the first query: a command that touches a model whose foreign keys name a
# table of another package (tekstvoorstel -> retour) needs that table in the metadata too.
import app.models  # noqa: F401
from app.config import PROJECT_ROOT
from app.db import Klok, engine, leessessie, schrijfsessie
from app.documenten import importeren
from app.documenten import service as documenten
from app.documenten.schemas import DocumentVelden
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.gebruikers.schemas import GebruikerNieuw
from app.problemen import Probleem
from workflow.importeren import ImportFout, lijst_veld

cli = typer.Typer(help="Paraaf: afstemming, parafering en vaststelling van Kamerbrieven.", no_args_is_help=True)
gebruiker_cli = typer.Typer(help="Gebruikers beheren.", no_args_is_help=True)
demo_cli = typer.Typer(help="Demogegevens.", no_args_is_help=True)
cli.add_typer(gebruiker_cli, name="gebruiker")
cli.add_typer(demo_cli, name="demo")


def _fout(bericht: str) -> None:
    typer.secho(bericht, fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@gebruiker_cli.command("toevoegen")
def gebruiker_toevoegen(
    naam: str = typer.Option(..., help="Volledige naam"),
    email: str = typer.Option(...),
    departement: str = typer.Option(..., help="Departementcode, bijvoorbeeld VRO"),
    rol: list[str] = typer.Option(
        ..., "--rol", help="opsteller, afstemmer, parafeerder, bewindspersoon of beheerder (herhaalbaar)"
    ),
    paraafniveau: str | None = typer.Option(None, help="Voor parafeerders: afdelingshoofd, directeur, dg, sg, ..."),
) -> None:
    """Voeg een gebruiker toe en toon diens token (eenmalig)."""
    try:
        invoer = GebruikerNieuw(naam=naam, email=email, departement=departement, rollen=rol, paraafniveau=paraafniveau)
    except ValidationError as e:
        _fout("Ongeldige invoer: " + "; ".join(f"{'.'.join(map(str, f['loc']))}: {f['msg']}" for f in e.errors()))
    with schrijfsessie() as sessie:
        try:
            gebruiker, token = gebruikers.maak_gebruiker(sessie, None, **invoer.model_dump(), klok=Klok())
        except Probleem as e:
            _fout(e.detail)
    typer.echo(f"Gebruiker {gebruiker.id} ({gebruiker.naam}, {gebruiker.departement}) aangemaakt.")
    typer.echo(f"Token (wordt niet opnieuw getoond): {token}")


@gebruiker_cli.command("lijst")
def gebruiker_lijst() -> None:
    """Toon alle gebruikers."""
    with leessessie() as sessie:
        for g in gebruikers.lijst(sessie):
            niveau = f" [{g.paraafniveau}]" if g.paraafniveau else ""
            typer.echo(f"{g.id:>4}  {g.departement:<5} {', '.join(g.rollen):<28}{niveau}  {g.naam} <{g.email}>")


def _gebruiker_bij_email(sessie, email: str) -> Gebruiker:
    gebruiker = sessie.exec(select(Gebruiker).where(Gebruiker.email == email)).first()
    if gebruiker is None:
        _fout(f"Geen gebruiker met e-mailadres {email}.")
    return gebruiker


@cli.command("import")
def importeer(
    bestand: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    door: str = typer.Option(..., help="E-mailadres van de opsteller die importeert"),
    soort: str | None = typer.Option(None),
    titel: str | None = typer.Option(None),
    kenmerk: str | None = typer.Option(None),
    penvoerder: str | None = typer.Option(None),
    ondertekenaar: str | None = typer.Option(None),
    mede_namens: str | None = typer.Option(None, help="Departementcodes, gescheiden door komma's"),
    parafenlijn: str | None = typer.Option(None, help="Niveaus in volgorde, gescheiden door komma's"),
    gekoppeld_aan: int | None = typer.Option(None, help="Id van de Kamerbrief bij een beslisnota"),
) -> None:
    """Importeer een .md-, .txt- of .docx-bestand als nieuw document."""
    document = _importeer(
        bestand,
        door,
        soort=soort,
        titel=titel,
        kenmerk=kenmerk,
        penvoerder=penvoerder,
        ondertekenaar=ondertekenaar,
        mede_namens=mede_namens,
        parafenlijn=parafenlijn,
        gekoppeld_aan=gekoppeld_aan,
    )
    typer.echo(f"Document {document.id} ({document.soort}, '{document.titel}') geïmporteerd, status {document.status}.")


def _importeer(bestand: Path, door: str, **opties) -> object:
    from app.config import get_settings

    try:
        ingelezen = importeren.lees(
            bestand.name, bestand.read_bytes(), max_uitgepakt=get_settings().max_import_uncompressed_bytes
        )
    except ImportFout as e:
        _fout(f"{bestand}: {e}")
    velden = dict(ingelezen.velden)
    velden.update({k: w for k, w in opties.items() if w is not None})
    for lijstveld in ("mede_namens", "parafenlijn", "bijlagen"):
        if isinstance(velden.get(lijstveld), str):
            velden[lijstveld] = lijst_veld(velden[lijstveld])
    try:
        documentvelden = DocumentVelden(**velden)
    except ValidationError as e:
        _fout("Ongeldige documentgegevens: " + "; ".join(f"{'.'.join(map(str, f['loc']))}: {f['msg']}" for f in e.errors()))
    with schrijfsessie() as sessie:
        gebruiker = _gebruiker_bij_email(sessie, door)
        try:
            return documenten.maak(
                sessie,
                gebruiker,
                gebruikers.als_actor(gebruiker),
                documentvelden,
                Klok(),
                secties_invoer=ingelezen.secties,
                bron=bestand.name,
            )
        except Probleem as e:
            _fout(e.detail)


@cli.command("verifieer")
def verifieer(document_id: int) -> None:
    """Controleer de hash-keten van de gebeurtenissen van een document."""
    from app.gebeurtenissen import service as gebeurtenissen

    with leessessie() as sessie:
        uitkomst = gebeurtenissen.verifieer_keten(sessie, gebeurtenissen.document_keten(document_id))
    if uitkomst.geldig:
        typer.echo(f"Keten van document {document_id} is intact ({uitkomst.aantal} gebeurtenissen).")
    else:
        _fout(f"Keten van document {document_id} is NIET intact bij gebeurtenis {uitkomst.eerste_fout}: {uitkomst.reden}.")


@cli.command("wachtend")
def wachtend(
    departement: str | None = typer.Option(None, help="Wat wacht op de afstemmers van dit departement"),
    gebruiker: str | None = typer.Option(None, help="Wat wacht op deze gebruiker (e-mailadres), naar diens rollen"),
) -> None:
    """Toon wat er wacht (tekstvoorstellen, oordelen, parafen, besluiten) met termijnen; verlopen eerst."""
    from app.afstemming import toestand
    from app.schemas import AMSTERDAM
    from app.werk.service import wachtend as werk_wachtend
    from app.werk.service import wachtend_voor
    from workflow.departementen import DEPARTEMENTEN

    if (departement is None) == (gebruiker is None):
        _fout("Geef --departement of --gebruiker.")
    if departement is not None and departement not in DEPARTEMENTEN:
        _fout(f"Onbekend departement {departement}; bekend zijn: {', '.join(DEPARTEMENTEN)}.")
    with leessessie() as sessie:
        toestand.actualiseer_verlopen(engine(), sessie, Klok())
        persoon = _gebruiker_bij_email(sessie, gebruiker) if gebruiker else None
        nu = Klok().nu(sessie)
        # A person's list includes what waits for the absent people they stand in for.
        items = wachtend_voor(sessie, persoon, nu) if persoon else werk_wachtend(sessie, departement=departement, nu=nu)
    wie = persoon.naam if persoon else departement
    if not items:
        typer.echo(f"Er wacht niets op {wie}.")
        return
    typer.echo(f"Wacht op {wie} ({len(items)}):")
    for item in items:
        termijn = item.termijn.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M") if item.termijn else "geen termijn"
        vlag = "VERLOPEN " if item.verlopen and item.termijn else ""
        verwijzing = (
            f" [voorstel {item.tekstvoorstel_id}]"
            if item.tekstvoorstel_id
            else f" [ronde {item.ronde_id}]"
            if item.ronde_id
            else ""
        )
        namens = f" (namens {item.namens['naam']})" if item.namens else ""
        typer.echo(
            f"  {vlag}{termijn:<16}  {item.soort:<13} document {item.document_id} '{item.document_titel}': "
            f"{item.omschrijving}{namens}{verwijzing}"
        )


@cli.command("meldingen")
def meldingen(
    eenmalig: bool = typer.Option(False, "--eenmalig", help="Verstuur wat nu klaarstaat en stop (voor cron)."),
) -> None:
    """Verstuur de meldingen per e-mail: blijft draaien, of met --eenmalig één ronde."""
    import signal
    import threading

    from app.config import get_settings
    from app.meldingen.verzenden import verstuur_ronde, werker_id

    settings = get_settings()
    if not settings.smtp_host:
        _fout("PARAAF_SMTP_HOST is niet ingesteld: er is geen mailserver om meldingen mee te versturen.")
    werker = werker_id()
    stop = threading.Event()
    if not eenmalig:
        for sein in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sein, lambda *_: stop.set())
    while True:
        uitslag = verstuur_ronde(engine(), settings, Klok(), werker=werker)
        typer.echo(
            f"Meldingen: {uitslag.verzonden} verzonden in {uitslag.berichten} berichten, "
            f"{uitslag.overgeslagen} overgeslagen (voorkeur 'uit'), {uitslag.termijnmeldingen} termijnmeldingen aangemaakt"
            + (f", fout: {uitslag.fouten[-1]}" if uitslag.fouten else "")
            + "."
        )
        if eenmalig:
            if uitslag.fouten:
                raise typer.Exit(code=1)
            return
        if stop.wait(settings.meldingen_interval):
            return


@demo_cli.command("laden")
def demo_laden() -> None:
    """Laad de demogegevens (eenmalig) en toon de demotokens."""
    from app.demo import laad_demo

    for regel in laad_demo(engine(), PROJECT_ROOT / "drafts"):
        typer.echo(regel)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
