"""The set (docs/api.md, Stukken): what it holds, the minister's besluiten on the nota's
beslispunten, the afhankelijkheden of the letter, dissent set aside, and everything that stands
between the set and its vaststelling.

Writes work on a document their route has locked (documenten.vergrendel locks a member with
its letter), ask the document table whether the step may happen now, append an event to the
document's chain and commit; a refused step writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from app.afstemming import toestand
from app.afstemming.models import Afstemmingsronde, RondeOordeel
from app.db import Klok
from app.documenten import service as documenten
from app.documenten.models import Document
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.problemen import Conflict, NietGevonden, OngeldigeInvoer
from app.schemas import AMSTERDAM
from app.stukken import leden as setleden
from app.stukken.models import Afhankelijkheid, Afwijking, BeslispuntBesluit
from app.tekstvoorstellen.models import Tekstvoorstel
from workflow import beslispunten as puntregels
from workflow import stukken as regels
from workflow.autorisatie import Actor
from workflow.statussen import BEVROREN, OPEN_VOORSTEL, Dissent, DocGebeurtenis, OordeelFeit, standhoudend_bezwaar

MAX_VOORUIT = timedelta(days=730)  # docs/api.md: dates lie at most two years ahead

SOORT_NL = {"kamerbrief": "Kamerbrief", "beslisnota": "beslisnota", "bijlage": "bijlage"}


def eis_hoofd(session: Session, document: Document, wat: str) -> None:
    """`wat` happens on the letter, for the whole set: on a member it is 409 naming the letter."""
    if setleden.is_lid(document):
        raise Conflict(
            f"{wat} gebeurt op de stukken als geheel, via Kamerbrief {document.gekoppeld_aan} "
            f"(dit is een {SOORT_NL.get(document.soort, document.soort)} bij die brief).",
            brief=document.gekoppeld_aan,
        )


def _stap(document: Document, gebeurtenis: DocGebeurtenis) -> None:
    documenten.overgang(document, gebeurtenis)


# --- beslispunten -------------------------------------------------------------------------------


def punten(session: Session, nota: Document) -> list[puntregels.Beslispunt]:
    if nota.soort != "beslisnota":
        return []
    return puntregels.uit_secties((s.kop, s.tekst) for s in documenten.secties(session, nota.id))


def actuele_besluiten(session: Session, nota_id: int) -> dict[int, BeslispuntBesluit]:
    rijen = session.exec(
        select(BeslispuntBesluit)
        .where(BeslispuntBesluit.document_id == nota_id, BeslispuntBesluit.actueel == True)  # noqa: E712
        .order_by(BeslispuntBesluit.id)
    )
    return {b.nummer: b for b in rijen}


def beslispunten_uit(session: Session, nota: Document) -> list[dict]:
    """Each point with its besluit; a besluit given on a point worded differently then is no
    longer a besluit on this point (the minister decides it again)."""
    lijst = punten(session, nota)
    besluiten = actuele_besluiten(session, nota.id)
    personen = gebruikers.bij_ids(session, {b.gebruiker_id for b in besluiten.values()})
    uit = []
    for punt in lijst:
        b = besluiten.get(punt.nummer)
        if b is not None and not puntregels.geldig_besluit(b.tekst, punt.tekst):
            b = None
        persoon = personen.get(b.gebruiker_id) if b else None
        uit.append(
            {
                "document": nota.id,
                "nummer": punt.nummer,
                "tekst": punt.tekst,
                "besluit": b.besluit if b else None,
                "aantekening": b.aantekening if b else None,
                "door": persoon.naam if persoon else None,
                "gebruiker": gebruikers.persoon(persoon) if persoon else None,
                "tijdstip": b.tijdstip if b else None,
            }
        )
    return uit


def besluit_beslispunt(
    session: Session, gebruiker: Gebruiker, nota: Document, nummer: int, *, besluit: str, aantekening: str | None, klok: Klok
) -> dict:
    """The bewindspersoon's besluit on one point; a later one replaces it (both are recorded)."""
    punt = next((p for p in punten(session, nota) if p.nummer == nummer), None)
    if punt is None:
        raise NietGevonden(f"Beslispunt {nummer} bestaat niet in document {nota.id}.")
    _stap(nota, DocGebeurtenis.BESLISPUNT_BESLUITEN)
    nu = klok.nu(session)
    for eerder in session.exec(
        select(BeslispuntBesluit).where(
            BeslispuntBesluit.document_id == nota.id,
            BeslispuntBesluit.nummer == nummer,
            BeslispuntBesluit.actueel == True,  # noqa: E712
        )
    ):
        eerder.actueel = False
        session.add(eerder)
    session.add(
        BeslispuntBesluit(
            document_id=nota.id,
            nummer=nummer,
            tekst=punt.tekst,
            besluit=besluit,
            aantekening=aantekening,
            gebruiker_id=gebruiker.id,
            tijdstip=nu,
        )
    )
    session.flush()
    gebeurtenissen.bij_document(
        session,
        nota,
        gebruiker,
        "beslispunt_besloten",
        nu,
        nummer=nummer,
        tekst=punt.tekst,
        besluit=besluit,
        aantekening=aantekening,
    )
    session.commit()
    return next(p for p in beslispunten_uit(session, nota) if p["nummer"] == nummer)


def open_beslispunten(session: Session, kop: Document, actor: Actor | None = None) -> list[str]:
    """Why the set waits for the minister: every beslispunt of its nota(s) without besluit.
    For a reader who may not see the nota, without naming it."""
    uit = []
    for nota in setleden.leden(session, kop):
        if nota.soort != "beslisnota":
            continue
        open_ = [p["nummer"] for p in beslispunten_uit(session, nota) if p["besluit"] is None]
        if not open_:
            continue
        if actor is not None and not documenten.leesbaar(session, actor, nota):
            uit.append("de bewindspersoon heeft nog niet over alle beslispunten besloten")
            continue
        nummers = ", ".join(str(n) for n in open_)
        uit.append(
            f"beslispunt{'en' if len(open_) > 1 else ''} {nummers} van beslisnota {nota.id} {'hebben' if len(open_) > 1 else 'heeft'} nog geen besluit"
        )
    return uit


# --- afhankelijkheden ---------------------------------------------------------------------------


def haal_afhankelijkheid(session: Session, afhankelijkheid_id: int) -> Afhankelijkheid:
    a = session.get(Afhankelijkheid, afhankelijkheid_id)
    if a is None:
        raise NietGevonden(f"Afhankelijkheid {afhankelijkheid_id} bestaat niet.")
    return a


def afhankelijkheden(session: Session, kop: Document) -> list[Afhankelijkheid]:
    return list(session.exec(select(Afhankelijkheid).where(Afhankelijkheid.document_id == kop.id).order_by(Afhankelijkheid.id)))


def status_van(session: Session, a: Afhankelijkheid, kop: Document) -> str:
    doel = session.get(Document, a.doel_document_id) if a.doel_document_id is not None else None
    return regels.afhankelijkheid_status(
        opgeslagen=a.status,
        doel_status=doel.status if doel is not None else None,
        vereiste_status=a.vereiste_status,
        bevroren=kop.status in BEVROREN,
    )


def afhankelijkheid_uit(session: Session, a: Afhankelijkheid, kop: Document, actor: Actor | None) -> dict:
    doel = session.get(Document, a.doel_document_id) if a.doel_document_id is not None else None
    zichtbaar = doel is not None and (actor is None or documenten.leesbaar(session, actor, doel))
    personen = gebruikers.bij_ids(session, {i for i in (a.aangemaakt_door, a.afgehandeld_door) if i is not None})
    return {
        "id": a.id,
        "brief": a.document_id,
        "omschrijving": a.omschrijving,
        "document": a.doel_document_id,
        "document_titel": doel.titel if zichtbaar else None,
        "document_status": doel.status if zichtbaar else None,
        "vereiste_status": a.vereiste_status,
        "verwacht_op": a.verwacht_op,
        "status": status_van(session, a, kop),
        "toelichting": a.toelichting,
        "aangemaakt_door": gebruikers.persoon(personen.get(a.aangemaakt_door)),
        "aangemaakt_op": a.aangemaakt_op,
        "afgehandeld_door": gebruikers.persoon(personen.get(a.afgehandeld_door)) if a.afgehandeld_door else None,
        "afgehandeld_op": a.afgehandeld_op,
    }


def _controleer_verwacht_op(verwacht_op: date | None, nu: datetime) -> None:
    if verwacht_op is None:
        return
    vandaag = nu.astimezone(AMSTERDAM).date()
    if not vandaag <= verwacht_op <= (nu + MAX_VOORUIT).astimezone(AMSTERDAM).date():
        raise OngeldigeInvoer(
            f"'verwacht_op' ligt tussen vandaag ({vandaag.isoformat()}) en twee jaar vooruit; {verwacht_op.isoformat()} valt daarbuiten.",
            veld="verwacht_op",
        )


def voeg_afhankelijkheid_toe(
    session: Session,
    gebruiker: Gebruiker,
    actor: Actor,
    kop: Document,
    *,
    omschrijving: str,
    doel_id: int | None,
    vereiste_status: str,
    verwacht_op: date | None,
    klok: Klok,
) -> Afhankelijkheid:
    eis_hoofd(session, kop, "Een afhankelijkheid toevoegen")
    nu = klok.nu(session)
    _controleer_verwacht_op(verwacht_op, nu)
    if doel_id is not None:
        doel = session.get(Document, doel_id)
        if doel is None or not documenten.leesbaar(session, actor, doel):
            raise OngeldigeInvoer(f"Document {doel_id} bestaat niet of is voor u niet zichtbaar.", veld="document")
        if doel.id == kop.id or doel.gekoppeld_aan == kop.id:
            raise OngeldigeInvoer(
                f"Document {doel_id} hoort zelf bij deze stukken; het wordt met de brief vastgesteld.", veld="document"
            )
    _stap(kop, DocGebeurtenis.AFHANKELIJKHEID_BIJWERKEN)
    a = Afhankelijkheid(
        document_id=kop.id,
        omschrijving=omschrijving,
        doel_document_id=doel_id,
        vereiste_status=vereiste_status,
        verwacht_op=verwacht_op,
        aangemaakt_door=gebruiker.id,
        aangemaakt_op=nu,
    )
    session.add(a)
    session.flush()
    gebeurtenissen.bij_document(
        session,
        kop,
        gebruiker,
        "afhankelijkheid_toegevoegd",
        nu,
        afhankelijkheid=a.id,
        omschrijving=omschrijving,
        document=doel_id,
        vereiste_status=vereiste_status,
        verwacht_op=verwacht_op.isoformat() if verwacht_op else None,
    )
    session.commit()
    return a


def handel_af(
    session: Session, gebruiker: Gebruiker, kop: Document, a: Afhankelijkheid, *, status: str, toelichting: str, klok: Klok
) -> Afhankelijkheid:
    """Tick a free afhankelijkheid off (vervuld) or drop one (vervallen), with a toelichting."""
    _stap(kop, DocGebeurtenis.AFHANKELIJKHEID_BIJWERKEN)
    huidig = status_van(session, a, kop)
    if huidig != regels.AFHANKELIJKHEID_OPEN:
        raise Conflict(f"Afhankelijkheid {a.id} is al {huidig}.", status_afhankelijkheid=huidig)
    if status == regels.AFHANKELIJKHEID_VERVULD and a.doel_document_id is not None:
        raise Conflict(
            f"Afhankelijkheid {a.id} is vervuld zodra document {a.doel_document_id} de status "
            f"'{a.vereiste_status}' bereikt; afvinken kan niet (wel laten vervallen).",
            document=a.doel_document_id,
        )
    nu = klok.nu(session)
    a.status, a.toelichting = status, toelichting
    a.afgehandeld_door, a.afgehandeld_op = gebruiker.id, nu
    session.add(a)
    gebeurtenissen.bij_document(
        session,
        kop,
        gebruiker,
        f"afhankelijkheid_{status}",
        nu,
        afhankelijkheid=a.id,
        omschrijving=a.omschrijving,
        toelichting=toelichting,
    )
    session.commit()
    return a


def open_afhankelijkheden(session: Session, kop: Document) -> list[Afhankelijkheid]:
    return [a for a in afhankelijkheden(session, kop) if status_van(session, a, kop) == regels.AFHANKELIJKHEID_OPEN]


def leg_afhankelijkheden_vast(session: Session, kop: Document, nu: datetime) -> None:
    """At vaststelling: what each afhankelijkheid on a document was becomes its record."""
    for a in afhankelijkheden(session, kop):
        if a.status == regels.AFHANKELIJKHEID_OPEN and a.doel_document_id is not None:
            a.status = status_van(session, a, kop)
            a.afgehandeld_op = nu
            session.add(a)


# --- afstemming that stands: dissent and afwijkingen ----------------------------------------------


def afwijkingen(session: Session, kop: Document) -> list[Afwijking]:
    return list(session.exec(select(Afwijking).where(Afwijking.document_id == kop.id).order_by(Afwijking.id)))


def afwijking_uit(session: Session, a: Afwijking) -> dict:
    persoon = gebruikers.bij_ids(session, {a.gebruiker_id}).get(a.gebruiker_id)
    return {
        **a.model_dump(),
        "document": a.document_id,
        "door": persoon.naam if persoon else None,
        "gebruiker": gebruikers.persoon(persoon),
    }


def dissent(session: Session, kop: Document) -> list[Dissent]:
    """Dissent that blocks vaststellen (workflow.statussen.standhoudend_bezwaar)."""
    if kop.soort == "beslisnota":
        return []  # internal: nobody is consulted on it, so nobody's akkoord is missing
    rondes = {r.id: r for r in session.exec(select(Afstemmingsronde).where(Afstemmingsronde.document_id == kop.id))}
    if not rondes and not kop.mede_namens:
        return []
    oordelen = session.exec(select(RondeOordeel).where(col(RondeOordeel.ronde_id).in_(list(rondes)))).all() if rondes else []
    laatste = max(rondes) if rondes else None
    laatst_per_dep: dict[str, datetime] = {}
    for a in afwijkingen(session, kop):
        laatst_per_dep[a.departement] = max(a.tijdstip, laatst_per_dep.get(a.departement, a.tijdstip))
    return standhoudend_bezwaar(
        oordelen=[
            OordeelFeit(o.departement, o.oordeel, o.tijdstip, o.id, o.ronde_id, toestand.oordeel_geldig(o, kop)) for o in oordelen
        ],
        laatste_ronde=laatste,
        mede_namens=kop.mede_namens,
        penvoerder=kop.penvoerder,
        afwijkingen=laatst_per_dep,
    )


def wijk_af(session: Session, gebruiker: Gebruiker, kop: Document, *, departement: str, reden: str, klok: Klok) -> Afwijking:
    """The bewindspersoon sets a department's dissent (or missing akkoord) aside, with a reden."""
    eis_hoofd(session, kop, "Een bezwaar terzijde leggen")
    if departement == kop.penvoerder:
        raise OngeldigeInvoer(f"{departement} is de penvoerder van dit document.", veld="departement")
    _stap(kop, DocGebeurtenis.AFWIJKEN)
    if not any(d.departement == departement for d in dissent(session, kop)):
        raise Conflict(
            f"{departement} heeft geen bezwaar of ontbrekend akkoord dat de vaststelling tegenhoudt; er is niets terzijde te leggen.",
            departement=departement,
        )
    nu = klok.nu(session)
    a = Afwijking(document_id=kop.id, departement=departement, reden=reden, gebruiker_id=gebruiker.id, tijdstip=nu)
    session.add(a)
    session.flush()
    gebeurtenissen.bij_document(
        session, kop, gebruiker, "bezwaar_terzijde_gelegd", nu, afwijking=a.id, departement=departement, reden=reden
    )
    session.commit()
    return a


# --- the set as a whole -------------------------------------------------------------------------------


def leden_met_open_draden(session: Session, kop: Document) -> list[str]:
    uit = []
    for lid in setleden.stukken(session, kop):
        open_ = session.exec(
            select(Tekstvoorstel.id).where(
                Tekstvoorstel.document_id == lid.id, col(Tekstvoorstel.status).in_(list(OPEN_VOORSTEL))
            )
        ).first()
        if open_ is not None:
            uit.append(f"{SOORT_NL.get(lid.soort, lid.soort)} {lid.id}")
    return uit


def stukken_uit(session: Session, actor: Actor, document: Document, bezwaren: list[str]) -> dict:
    kop = setleden.hoofd(session, document)
    alle = setleden.leden(session, kop)
    stand = setleden.stand(session, kop)
    zichtbaar = [d for d in alle if documenten.leesbaar(session, actor, d)]
    return {
        "brief": kop.id if kop.soort == "kamerbrief" else None,
        "hoofd": kop.id,
        "documenten": [
            {
                "id": d.id,
                "soort": d.soort,
                "titel": d.titel,
                "status": d.status,
                "revisie": d.revisie,
                "inhoudshash": d.inhoudshash,
            }
            for d in zichtbaar
        ],
        "sethash": stand.sethash,
        "afhankelijkheden": [afhankelijkheid_uit(session, a, kop, actor) for a in afhankelijkheden(session, kop)],
        "beslispunten": [p for d in zichtbaar if d.soort == "beslisnota" for p in beslispunten_uit(session, d)],
        "afwijkingen": [afwijking_uit(session, a) for a in afwijkingen(session, kop)],
        "bezwaren": bezwaren,
    }
