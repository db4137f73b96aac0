"""Afstemmingsrondes and oordelen, parafen, vaststellen and verzenden."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.afstemming import toestand
from app.afstemming.models import Afstemmingsronde, Paraaf, RondeOordeel
from app.db import Klok
from app.documenten import service as documenten
from app.documenten.models import Document
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.problemen import Conflict, NietGevonden, OngeldigeInvoer, Probleem, Verboden
from app.schemas import AMSTERDAM
from app.stukken import leden as setleden
from app.stukken import service as stukken
from workflow import handelingen
from workflow.autorisatie import Actie, Actor, reden_tegen
from workflow.keten import tijdstempel
from workflow.statussen import (
    DOCUMENT,
    RONDE,
    DocGebeurtenis,
    DocStatus,
    Overgang,
    RondeGebeurtenis,
    ronde_nodig,
    vaststellen_bezwaren,
)
from workflow.statussen import label as statuslabel
from workflow.termijn import termijn_fout

# --- rondes -------------------------------------------------------------------------------------


def haal_ronde(session: Session, ronde_id: int) -> Afstemmingsronde:
    ronde = session.get(Afstemmingsronde, ronde_id)
    if ronde is None:
        raise NietGevonden(f"Afstemmingsronde {ronde_id} bestaat niet.")
    return ronde


def rondes(session: Session, document: Document) -> list[Afstemmingsronde]:
    return list(
        session.exec(select(Afstemmingsronde).where(Afstemmingsronde.document_id == document.id).order_by(Afstemmingsronde.id))
    )


def ronde_uit(session: Session, ronde: Afstemmingsronde, document: Document, nu: datetime, laatste_id: int | None = None) -> dict:
    oordelen = toestand.actuele_oordelen(session, ronde.id)
    per_dep = {o.departement: o for o in oordelen}
    personen = gebruikers.bij_ids(session, {o.gebruiker_id for o in oordelen})
    if laatste_id is None:
        laatste = toestand.laatste_ronde(session, document.id)
        laatste_id = laatste.id if laatste else None
    return {
        "id": ronde.id,
        "document": document.id,
        "status": toestand.rondestatus(ronde, oordelen, document, nu),
        "termijn": ronde.termijn,
        "stilzwijgend_akkoord": ronde.stilzwijgend_akkoord,
        "geopend_op": ronde.geopend_op,
        "laatste": ronde.id == laatste_id,
        "departementen": [
            {
                "code": code,
                "oordeel": o.oordeel if (o := per_dep.get(code)) else None,
                "tijdstip": o.tijdstip if o else None,
                "geldig": bool(o) and toestand.oordeel_geldig(o, document),
                "opmerkingen": o.opmerkingen if o else None,
                "gebruiker": gebruikers.persoon(personen.get(o.gebruiker_id)) if o else None,
                "inhoudshash": o.inhoudshash if o else None,
            }
            for code in ronde.departementen
        ],
    }


def open_ronde(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    *,
    departementen: list[str],
    termijn: datetime,
    stilzwijgend_akkoord: bool,
    klok: Klok,
) -> Afstemmingsronde:
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    fout = termijn_fout(termijn, nu)
    if fout:  # 422 before 409 (docs/api.md)
        raise OngeldigeInvoer(f"De termijn van de afstemmingsronde kan niet: {fout}.", veld="termijn", reden=fout)
    documenten.overgang(document, DocGebeurtenis.RONDE_OPENEN)
    bezwaren = handelingen.ronde_openen_bezwaren(document.soort)
    if bezwaren:
        raise Conflict(" ".join(bezwaren))
    ronde = Afstemmingsronde(
        document_id=document.id,
        departementen=departementen,
        termijn=termijn,
        stilzwijgend_akkoord=stilzwijgend_akkoord,
        geopend_door=gebruiker.id,
        geopend_op=nu,
    )
    session.add(ronde)
    # Invited departments see the document from now on.
    document.betrokken = sorted({*document.betrokken, *departementen})
    session.add(document)
    session.flush()
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "ronde_geopend",
        nu,
        ronde=ronde.id,
        departementen=departementen,
        termijn=tijdstempel(termijn),
        stilzwijgend_akkoord=stilzwijgend_akkoord,
        inhoudshash=document.inhoudshash,
    )
    toestand.bijwerken(session, document, nu)
    session.commit()
    return ronde


def geef_oordeel(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    ronde: Afstemmingsronde,
    *,
    oordeel: str,
    opmerkingen: str | None,
    klok: Klok,
) -> Afstemmingsronde:
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    documenten.overgang(document, DocGebeurtenis.OORDEEL_GEVEN)
    laatste = toestand.laatste_ronde(session, document.id)
    if laatste.id != ronde.id:
        raise Conflict(
            f"Afstemmingsronde {ronde.id} is vervangen door ronde {laatste.id}; geef uw oordeel in die ronde.",
            laatste_ronde=laatste.id,
        )
    status = toestand.rondestatus(ronde, toestand.actuele_oordelen(session, ronde.id), document, nu)
    try:
        RONDE.volgende(status, RondeGebeurtenis.OORDEEL_GEVEN)
    except Overgang as e:
        raise Conflict(str(e), status_ronde=status, toegestaan=e.toegestaan) from e
    for eerder in session.exec(
        select(RondeOordeel).where(
            RondeOordeel.ronde_id == ronde.id,
            RondeOordeel.departement == gebruiker.departement,
            RondeOordeel.actueel == True,  # noqa: E712
        )
    ):
        eerder.actueel = False
        session.add(eerder)
    session.add(
        RondeOordeel(
            ronde_id=ronde.id,
            departement=gebruiker.departement,
            gebruiker_id=gebruiker.id,
            oordeel=oordeel,
            opmerkingen=opmerkingen,
            inhoudshash=document.inhoudshash,
            revisie=document.revisie,
            tijdstip=nu,
        )
    )
    session.flush()
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "oordeel_gegeven",
        nu,
        ronde=ronde.id,
        departement=gebruiker.departement,
        oordeel=oordeel,
        opmerkingen=opmerkingen,
        inhoudshash=document.inhoudshash,
        revisie=document.revisie,
    )
    toestand.bijwerken(session, document, nu)
    session.commit()
    return ronde


# --- parafen ------------------------------------------------------------------------------------


def parafen_uit(session: Session, document: Document) -> list[dict]:
    """The parafen of the set `document` belongs to (a member's are its letter's)."""
    kop = setleden.hoofd(session, document)
    stand = setleden.stand(session, kop)
    alle = toestand.parafen(session, kop.id)
    personen = gebruikers.bij_ids(session, {p.gebruiker_id for p in alle})
    return [paraaf_uit(p, stand, gebruikers.persoon(personen.get(p.gebruiker_id))) for p in alle]


def paraaf_uit(paraaf: Paraaf, stand: setleden.Stand, persoon: dict | None) -> dict:
    return {
        **paraaf.model_dump(),
        "document": paraaf.document_id,
        "gebruiker": persoon,
        "geldig": toestand.paraaf_geldig(paraaf, stand),
    }


def paraaf_bezwaar(session: Session, gebruiker: Gebruiker, document: Document) -> Probleem | None:
    """Why `gebruiker` cannot initial `document` now (as the problem to raise), or None.
    The API raises it; the web UI shows its detail next to a disabled button."""
    if setleden.is_lid(document):
        try:
            stukken.eis_hoofd(session, document, "Paraferen")
        except Conflict as e:
            return e
    niveau = gebruiker.paraafniveau
    buiten_lijn = handelingen.paraafniveau_bezwaar(niveau, document.parafenlijn)
    if buiten_lijn is not None:
        return Verboden(buiten_lijn)
    if not DOCUMENT.mag(document.status, DocGebeurtenis.PARAFEREN):
        try:
            documenten.overgang(document, DocGebeurtenis.PARAFEREN)
        except Conflict as e:
            return e
    geldig = toestand.geldige_parafen(session, document)
    beurt = handelingen.paraafbeurt_bezwaren(niveau, document.parafenlijn, geldig)
    if beurt:
        return Conflict(" ".join(beurt), volgend_niveau=toestand.volgend_niveau(document, geldig))
    return None


def eis_gezien(stand: setleden.Stand, gezien: str | None) -> None:
    """Sign what you saw: with `gezien` (the sethash the signer was shown), a set that changed
    since is a 409 and nothing is signed."""
    if gezien is not None and gezien != stand.sethash:
        raise Conflict(
            "De stukken zijn gewijzigd sinds u ze bekeek; er is niets vastgelegd. Bekijk ze opnieuw.",
            sethash=stand.sethash,
        )


def paraferen(session: Session, gebruiker: Gebruiker, document: Document, klok: Klok, gezien: str | None = None) -> Paraaf:
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    bezwaar = paraaf_bezwaar(session, gebruiker, document)
    if bezwaar is not None:
        raise bezwaar
    niveau = gebruiker.paraafniveau
    # Pinned to the whole set: the letter and every member as they are now.
    stand = setleden.stand(session, document)
    eis_gezien(stand, gezien)
    paraaf = Paraaf(
        document_id=document.id,
        niveau=niveau,
        gebruiker_id=gebruiker.id,
        inhoudshash=document.inhoudshash,
        revisie=document.revisie,
        sethash=stand.sethash,
        setstand=stand.setstand,
        tijdstip=nu,
    )
    session.add(paraaf)
    session.flush()
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "geparafeerd",
        nu,
        niveau=niveau,
        inhoudshash=document.inhoudshash,
        revisie=document.revisie,
        sethash=stand.sethash,
        setstand=stand.setstand,
    )
    toestand.bijwerken(session, document, nu)
    session.commit()
    return paraaf


# --- vaststellen en verzenden -------------------------------------------------------------------


def bezwaren_tegen_vaststellen(session: Session, document: Document, nu: datetime, actor: Actor | None = None) -> list[str]:
    """Everything that stands between the set headed by `document` and its vaststelling
    (workflow.statussen.vaststellen_bezwaren); `actor`: phrase it for that reader."""
    ronde = toestand.laatste_ronde(session, document.id)
    stand = setleden.stand(session, document)
    geldig = toestand.geldige_parafen(session, document, stand)
    open_draden = sum(1 for leden in toestand.draden(session, document.id).values() if toestand.draad_is_open(leden))
    return vaststellen_bezwaren(
        ronde_status=toestand.rondestatus(ronde, toestand.actuele_oordelen(session, ronde.id), document, nu) if ronde else None,
        open_draden=open_draden,
        ontbrekende_parafen=[n for n in document.parafenlijn if n not in geldig],
        ronde_nodig=ronde_nodig(document.soort, setleden.is_lid(document)),
        afwijkend=[d.tekst for d in stukken.dissent(session, document)],
        open_beslispunten=stukken.open_beslispunten(session, document, actor),
        open_afhankelijkheden=[a.omschrijving for a in stukken.open_afhankelijkheden(session, document)],
        leden_met_open_draden=stukken.leden_met_open_draden(session, document),
    )


def vaststellen_status(session: Session, actor: Actor, document: Document, nu: datetime) -> dict:
    """Can `actor` sign `document` now, and if not, why not (API GET .../vaststellen, web UI)."""
    if setleden.is_lid(document):
        kop = setleden.hoofd(session, document)
        return {
            "kan": False,
            "bezwaren": [f"vaststellen gebeurt op de stukken als geheel, via Kamerbrief {kop.id}"],
            "volgend_paraafniveau": toestand.volgend_niveau(kop, toestand.geldige_parafen(session, kop)),
        }
    bezwaren = bezwaren_tegen_vaststellen(session, document, nu, actor)
    if not DOCUMENT.mag(document.status, DocGebeurtenis.VASTSTELLEN) and not bezwaren:
        bezwaren = [f"het document heeft de status '{statuslabel(document.status)}'"]
    rol = reden_tegen(Actie.VASTSTELLEN, actor, documenten.context(session, document))
    return {
        "kan": not bezwaren and not rol,
        "bezwaren": bezwaren + ([rol] if rol else []),
        "volgend_paraafniveau": toestand.volgend_niveau(document, toestand.geldige_parafen(session, document)),
    }


def stel_vast(session: Session, gebruiker: Gebruiker, document: Document, klok: Klok, gezien: str | None = None) -> Document:
    """Sign the set: the letter and every member become vastgesteld, frozen, at once."""
    stukken.eis_hoofd(session, document, "Vaststellen")
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    bezwaren = bezwaren_tegen_vaststellen(session, document, nu)
    try:
        # The table first (its 409 names the status and what is allowed), then the guards.
        volgende = documenten.overgang(document, DocGebeurtenis.VASTSTELLEN)
    except Conflict as e:
        if bezwaren:
            e.detail += " Bovendien: " + "; ".join(bezwaren) + "."
            e.extra["bezwaren"] = bezwaren
        raise
    if bezwaren:
        raise Conflict(
            f"Het document (status '{statuslabel(document.status)}') kan nog niet worden vastgesteld: "
            + "; ".join(bezwaren)
            + ".",
            bezwaren=bezwaren,
            status_document=document.status,
        )
    stand = setleden.stand(session, document)
    eis_gezien(stand, gezien)
    stukken.leg_afhankelijkheden_vast(session, document, nu)
    document.status = volgende
    document.vastgesteld_op = nu
    if document.datum is None:
        document.datum = nu.astimezone(AMSTERDAM).date()
    session.add(document)
    leden = [d for d in setleden.leden(session, document, vergrendelen=True) if d.id != document.id]
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "vastgesteld",
        nu,
        inhoudshash=document.inhoudshash,
        revisie=document.revisie,
        datum=document.datum.isoformat(),
        sethash=stand.sethash,
        setstand=stand.setstand,
        stukken=[d.id for d in leden],
    )
    for lid in leden:
        lid.status = documenten.overgang(lid, DocGebeurtenis.VASTSTELLEN_MET_BRIEF)
        lid.vastgesteld_op = nu
        if lid.datum is None:
            lid.datum = document.datum
        session.add(lid)
        gebeurtenissen.bij_document(
            session,
            lid,
            gebruiker,
            "vastgesteld",
            nu,
            inhoudshash=lid.inhoudshash,
            revisie=lid.revisie,
            brief=document.id,
            sethash=stand.sethash,
        )
    session.commit()
    return document


def eis_verzendbaar(session: Session, document: Document) -> None:
    """Only a letter (or a document of its own) is sent: a bijlage goes with its letter, a
    beslisnota is never sent (409 naming why)."""
    stukken.eis_hoofd(session, document, "Verzenden")
    if document.soort == "beslisnota":
        raise Conflict(
            "Een beslisnota wordt niet verzonden: zij is intern voor de penvoerder "
            "(en wordt met de Kamerbrief openbaar gemaakt onder de Woo)."
        )


def verzend(session: Session, gebruiker: Gebruiker, document: Document, klok: Klok, *, commit: bool = True) -> Document:
    """Send the letter; its bijlagen go with it. The beslisnota stays (internal) as vastgesteld.
    The sealed PDF that goes with it is app.zegel.verzenden's, which calls this inside its own
    transaction (`commit=False`)."""
    eis_verzendbaar(session, document)
    nu = klok.nu(session)
    document.status = documenten.overgang(document, DocGebeurtenis.VERZENDEN)
    document.verzonden_op = nu
    session.add(document)
    gebeurtenissen.bij_document(
        session, document, gebruiker, "verzonden", nu, inhoudshash=document.inhoudshash, revisie=document.revisie
    )
    for lid in setleden.leden(session, document, vergrendelen=True):
        if lid.id == document.id or lid.soort != "bijlage" or lid.status != DocStatus.VASTGESTELD:
            continue
        lid.status = documenten.overgang(lid, DocGebeurtenis.VERZENDEN)
        lid.verzonden_op = nu
        session.add(lid)
        gebeurtenissen.bij_document(session, lid, gebruiker, "verzonden", nu, brief=document.id)
    if commit:
        session.commit()
    return document
