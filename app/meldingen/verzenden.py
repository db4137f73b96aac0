"""The sender of meldingen (`paraaf meldingen`): outside any request, any number of workers.

One round:
1. catch up on termijnen that passed (the same `actualiseer_verlopen` every list read does),
   so an escalation nobody looked at is written, and with it its melding;
2. write the termijn meldingen that are due (one working day before a termijn, and when it
   passed), found from the data; their keys make a second worker's finds no-ops;
3. claim what is due (one short write transaction: PostgreSQL SELECT ... FOR UPDATE SKIP
   LOCKED, SQLite's single write lock), mail it over SMTP outside any transaction, mark it
   sent. A claim is a lease: if a worker dies between claiming and marking, the rows come free
   again after LEASE (then, and only then, a message may go out twice; SMTP has no way to make
   a send and a database write one act). Two healthy workers never send the same row.

Per person: `direct` (one message per melding), `dagelijks` (one digest a day, at
PARAAF_MELDINGEN_DAGELIJKS_UUR Dutch time, of everything since the previous one) or `uit`
(rows are marked `overgeslagen`, nothing is sent).
"""

from __future__ import annotations

import json
import logging
import secrets
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from sqlalchemy import Engine, and_, or_, update
from sqlmodel import Session, col, select

from app.afstemming import toestand
from app.afstemming.models import Afstemmingsronde
from app.config import Settings
from app.db import Klok, leessessie, schrijfsessie
from app.documenten.models import Document
from app.gebruikers.models import Gebruiker
from app.meldingen import aanmaken
from app.meldingen.models import Melding
from app.schemas import AMSTERDAM
from app.tekstvoorstellen.models import Tekstvoorstel
from app.weergave.opbouw import datum_nl, tijdstip_nl
from workflow import meldingen as regels
from workflow.statussen import BEVROREN, OPEN_VOORSTEL

log = logging.getLogger("paraaf.meldingen")

LEASE = timedelta(minutes=10)
MAX_POGINGEN = 5
PARTIJ = 200

WERK = {
    "reageren": "Reageren op een tekstvoorstel",
    "oordeel_geven": "Oordeel geven over de tekst",
    "paraferen": "Paraferen",
    "behandelen": "Tekstvoorstellen behandelen",
    "besluiten": "Besluiten over een geëscaleerd geschil",
    "vaststellen": "Vaststellen",
    "afhankelijkheid": "Een afhankelijkheid afhandelen",
    "beslispunten": "Besluiten over de beslispunten van een beslisnota",
}


@dataclass
class Uitslag:
    termijnmeldingen: int = 0
    verzonden: int = 0
    berichten: int = 0
    overgeslagen: int = 0
    mislukt: int = 0
    fouten: list[str] = field(default_factory=list)


# --- termijnen ---------------------------------------------------------------------------------


def _documenten_met_termijn(sessie: Session, nu: datetime) -> list[Document]:
    """Documents with a ronde termijn or an open proposal's reactietermijn in the window in
    which a termijn melding can be due (a reminder is due at most a few days ahead, across a
    long weekend; a passed termijn is announced within VERLOPEN_VENSTER)."""
    van, tot = nu - regels.VERLOPEN_VENSTER, nu + timedelta(days=7)
    ids = set(
        sessie.exec(select(Afstemmingsronde.document_id).where(Afstemmingsronde.termijn >= van, Afstemmingsronde.termijn <= tot))
    )
    ids |= set(
        sessie.exec(
            select(Tekstvoorstel.document_id).where(
                Tekstvoorstel.reactietermijn >= van,
                Tekstvoorstel.reactietermijn <= tot,
                col(Tekstvoorstel.status).in_(list(OPEN_VOORSTEL)),
            )
        )
    )
    if not ids:
        return []
    return [
        d
        for d in sessie.exec(select(Document).where(col(Document.id).in_(ids)).order_by(Document.id))
        if d.status not in BEVROREN
    ]


_TERMIJNGROEPEN = (
    regels.Doelgroep("afstemmer", regels.BETROKKEN, frozenset({"reageren", "oordeel_geven"})),
    regels.Doelgroep("opsteller", regels.PENVOERDER, frozenset({"behandelen"})),
)


def schrijf_termijnmeldingen(engine: Engine, klok: Klok) -> int:
    """Outbox rows for the termijn meldingen due now (each once per person, termijn and kind)."""
    alle: list[dict] = []
    with leessessie(engine) as sessie:
        nu = klok.nu(sessie)
        for document in _documenten_met_termijn(sessie, nu):
            paren = aanmaken.werk_per_persoon(sessie, document, _TERMIJNGROEPEN, set(), nu)
            for aanleiding in ("herinnering", "verlopen"):
                due = [
                    (mens, w)
                    for mens, w in paren
                    if w.soort in regels.MET_TERMIJN
                    and w.termijn is not None
                    and regels.termijnmelding(w.termijn, nu) == aanleiding
                ]
                alle += aanmaken.rijen(
                    sessie,
                    document,
                    due,
                    nu,
                    aanleiding=aanleiding,
                    sleutel=lambda w, a=aanleiding: f"{a}:{w.sleutel}:{w.termijn.isoformat()}",
                )
    if not alle:
        return 0
    with schrijfsessie(engine) as sessie:
        voor = sessie.exec(select(Melding.id).order_by(col(Melding.id).desc())).first() or 0
        aanmaken.voeg_in(sessie, alle)
        nieuw = len(sessie.exec(select(Melding.id).where(Melding.id > voor)).all())
        sessie.commit()
    return nieuw


# --- claiming and marking ----------------------------------------------------------------------


def dagelijkse_grens(nu: datetime, uur: int) -> datetime:
    """The last digest moment at or before `nu` (uur:00 Dutch time)."""
    lokaal = nu.astimezone(AMSTERDAM)
    grens = datetime.combine(lokaal.date(), time(uur), tzinfo=AMSTERDAM)
    if grens > lokaal:
        grens -= timedelta(days=1)
        grens = datetime.combine(grens.date(), time(uur), tzinfo=AMSTERDAM)
    return grens


def claim(engine: Engine, klok: Klok, settings: Settings, werker: str) -> tuple[str, list[tuple[Melding, Gebruiker]]]:
    """Claim the meldingen that are due, for this worker only."""
    token = f"{werker}/{secrets.token_hex(6)}"
    with schrijfsessie(engine) as sessie:
        nu = klok.nu(sessie)
        grens = dagelijkse_grens(nu, settings.meldingen_dagelijks_uur)
        ids = list(
            sessie.exec(
                select(Melding.id)
                .join(Gebruiker, Gebruiker.id == Melding.ontvanger_id)
                .where(
                    or_(Melding.status == "wachtend", and_(Melding.status == "bezig", Melding.geclaimd_op < nu - LEASE)),
                    or_(Gebruiker.meldingen_voorkeur != "dagelijks", Melding.aangemaakt_op < grens),
                )
                .order_by(Melding.ontvanger_id, Melding.id)
                .limit(PARTIJ)
                .with_for_update(skip_locked=True, of=Melding)
            )
        )
        if not ids:
            return token, []
        sessie.execute(
            update(Melding)
            .where(col(Melding.id).in_(ids))
            .values(status="bezig", claim=token, geclaimd_op=nu, pogingen=Melding.pogingen + 1)
        )
        sessie.commit()
    with leessessie(engine) as sessie:
        rijen = sessie.exec(
            select(Melding, Gebruiker)
            .join(Gebruiker, Gebruiker.id == Melding.ontvanger_id)
            .where(Melding.claim == token)
            .order_by(Melding.ontvanger_id, Melding.id)
        ).all()
        return token, [(m, g) for m, g in rijen]


def markeer(engine: Engine, klok: Klok, token: str, ids: list[int], status: str, fout: str | None = None) -> None:
    if not ids:
        return
    with schrijfsessie(engine) as sessie:
        nu = klok.nu(sessie)
        waarden: dict = {"status": status, "fout": fout}
        if status == "verzonden":
            waarden["verzonden_op"] = nu
        if status == "wachtend":
            waarden["claim"] = None
        # Only rows this claim still holds (a lease that ran out belongs to someone else now).
        sessie.execute(update(Melding).where(col(Melding.id).in_(ids), Melding.claim == token).values(**waarden))
        sessie.commit()


# --- messages ----------------------------------------------------------------------------------


def _link(settings: Settings, pad: str) -> str:
    return settings.basis_url.rstrip("/") + pad


def _regels(melding: Melding, settings: Settings) -> list[str]:
    g = json.loads(melding.gegevens)
    termijn = datetime.fromisoformat(g["termijn"]) if g.get("termijn") else None
    if melding.aanleiding == "herinnering":
        kop = f"Herinnering: de termijn verloopt op {tijdstip_nl(termijn)}"
    elif melding.aanleiding == "verlopen":
        kop = f"De termijn is verstreken op {tijdstip_nl(termijn)}"
    else:
        kop = "Er wacht iets op u"
    document = g["titel"] + (f" (kenmerk {g['kenmerk']})" if g.get("kenmerk") else "")
    uit = [
        kop,
        f"Wat: {WERK.get(melding.werk, melding.werk)} — {g['omschrijving']}",
        f"Document: {document}",
        f"Termijn: {'tot ' + tijdstip_nl(termijn) if termijn else 'geen termijn'}",
    ]
    if g.get("namens"):
        tot = g["namens"].get("tot")
        uit.append(
            f"Namens: u ontvangt dit als vervanger van {g['namens']['naam']}"
            + (f" (afwezig tot en met {datum_nl(datetime.fromisoformat(tot).date())})" if tot else "")
            + "."
        )
    uit.append(f"Openen: {_link(settings, g['pad'])}")
    return uit


def _onderwerp(melding: Melding) -> str:
    g = json.loads(melding.gegevens)
    voor = {"herinnering": "Herinnering: ", "verlopen": "Termijn verstreken: "}.get(melding.aanleiding, "")
    return f"Paraaf: {voor}{WERK.get(melding.werk, melding.werk).lower()} – {g['titel']}"


def _slot(settings: Settings) -> list[str]:
    return [
        "",
        "—",
        "Dit bericht is automatisch verstuurd door Paraaf. U kunt het niet beantwoorden.",
        f"Hoe en wanneer u meldingen krijgt, stelt u in op {_link(settings, '/instellingen')}.",
    ]


def bericht(ontvanger: Gebruiker, meldingen: list[Melding], settings: Settings, nu: datetime) -> EmailMessage:
    """One message: a single melding, or the digest of several."""
    msg = EmailMessage()
    msg["From"] = settings.meldingen_afzender
    msg["To"] = formataddr((ontvanger.naam, ontvanger.email))
    msg["Date"] = format_datetime(nu.astimezone(AMSTERDAM))
    msg["Message-ID"] = make_msgid("paraaf")
    # RFC 3834: no out-of-office replies to a machine.
    msg["Auto-Submitted"] = "auto-generated"
    tekst = [f"Beste {ontvanger.naam},", ""]
    if len(meldingen) == 1:
        msg["Subject"] = _onderwerp(meldingen[0])
        tekst += _regels(meldingen[0], settings)
    else:
        msg["Subject"] = f"Paraaf: overzicht van {datum_nl(nu.astimezone(AMSTERDAM).date())} ({len(meldingen)} meldingen)"
        tekst.append(f"Dit is uw overzicht van wat er sinds het vorige overzicht op u is gaan wachten ({len(meldingen)}).")
        for nummer, melding in enumerate(meldingen, start=1):
            tekst += ["", f"{nummer}. {_onderwerp(melding).removeprefix('Paraaf: ')}"]
            tekst += ["   " + r for r in _regels(melding, settings)]
    msg.set_content("\n".join(tekst + _slot(settings)) + "\n")
    return msg


# --- SMTP --------------------------------------------------------------------------------------


def verbind(settings: Settings) -> smtplib.SMTP:
    if not settings.smtp_host:
        raise RuntimeError("PARAAF_SMTP_HOST is niet ingesteld: er is geen mailserver om meldingen mee te versturen.")
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30, local_hostname=socket.getfqdn() or "localhost")
    try:
        smtp.ehlo()
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context(cafile=settings.smtp_ca_bestand))
            smtp.ehlo()
        if settings.smtp_gebruiker:
            smtp.login(settings.smtp_gebruiker, settings.smtp_wachtwoord or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _verstuur_claim(engine: Engine, klok: Klok, settings: Settings, token: str, rijen, uitslag: Uitslag) -> None:
    per_ontvanger: dict[int, tuple[Gebruiker, list[Melding]]] = {}
    for melding, ontvanger in rijen:
        per_ontvanger.setdefault(ontvanger.id, (ontvanger, []))[1].append(melding)
    berichten: list[tuple[EmailMessage, list[int]]] = []
    overgeslagen: list[int] = []
    with leessessie(engine) as sessie:
        nu = klok.nu(sessie)
    for ontvanger, meldingen in per_ontvanger.values():
        if ontvanger.meldingen_voorkeur == "uit":
            overgeslagen += [m.id for m in meldingen]
        elif ontvanger.meldingen_voorkeur == "dagelijks":
            berichten.append((bericht(ontvanger, meldingen, settings, nu), [m.id for m in meldingen]))
        else:
            berichten += [(bericht(ontvanger, [m], settings, nu), [m.id]) for m in meldingen]
    markeer(engine, klok, token, overgeslagen, "overgeslagen")
    uitslag.overgeslagen += len(overgeslagen)
    if not berichten:
        return
    try:
        smtp = verbind(settings)
    except (OSError, smtplib.SMTPException) as e:
        _mislukt(engine, klok, token, rijen, [i for _, ids in berichten for i in ids], f"verbinding: {e}", uitslag)
        return
    try:
        for plaats, (msg, ids) in enumerate(berichten):
            try:
                smtp.send_message(msg)
            except smtplib.SMTPServerDisconnected as e:
                # The connection is gone: this message and the rest wait for the next round.
                _mislukt(engine, klok, token, rijen, [i for _, rest in berichten[plaats:] for i in rest], str(e), uitslag)
                return
            except smtplib.SMTPException as e:  # this recipient or message refused
                _mislukt(engine, klok, token, rijen, ids, str(e), uitslag)
                continue
            markeer(engine, klok, token, ids, "verzonden")
            uitslag.verzonden += len(ids)
            uitslag.berichten += 1
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _mislukt(engine, klok, token, rijen, ids: list[int], fout: str, uitslag: Uitslag) -> None:
    """Back to wachtend for a next round, or mislukt after MAX_POGINGEN tries."""
    pogingen = {m.id: m.pogingen for m, _ in rijen}
    opgeven = [i for i in ids if pogingen.get(i, 0) >= MAX_POGINGEN]
    opnieuw = [i for i in ids if i not in opgeven]
    markeer(engine, klok, token, opnieuw, "wachtend", fout[:500])
    markeer(engine, klok, token, opgeven, "mislukt", fout[:500])
    uitslag.mislukt += len(opgeven)
    uitslag.fouten.append(fout)
    log.warning("meldingen niet verzonden (%d): %s", len(ids), fout)


def verstuur_ronde(engine: Engine, settings: Settings, klok: Klok, *, werker: str) -> Uitslag:
    """One round of the sender (see the module docstring)."""
    uitslag = Uitslag()
    with leessessie(engine) as sessie:
        toestand.actualiseer_verlopen(engine, sessie, klok)
    uitslag.termijnmeldingen = schrijf_termijnmeldingen(engine, klok)
    while True:
        token, rijen = claim(engine, klok, settings, werker)
        if not rijen:
            break
        _verstuur_claim(engine, klok, settings, token, rijen, uitslag)
        if uitslag.fouten:
            break  # the relay is in trouble: try again next round
    return uitslag


def werker_id() -> str:
    return f"{socket.gethostname()}:{secrets.token_hex(4)}"
