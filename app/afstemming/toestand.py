"""The document's workflow state, kept in step with text changes and with time.

Nothing runs on a timer. Every write calls `bijwerken` after taking the document lock; it
escalates threads whose reactietermijn passed with an objection open, derives the document
status from the facts (workflow.statussen), and sets `document.wekker` to the next moment at
which time alone could change anything. A read whose clock is past the wekker first catches
up in a short write transaction (`actualiseer`). So several workers, and a restart, agree.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.afstemming.models import Afstemmingsronde, Paraaf, RondeOordeel
from app.db import Klok, schrijfsessie
from app.documenten.models import Document
from app.gebeurtenissen import service as gebeurtenissen
from app.stukken import leden as stukken
from app.tekstvoorstellen.models import Reactie, Tekstvoorstel
from workflow import handelingen
from workflow.keten import tijdstempel
from workflow.statussen import (
    OPEN_VOORSTEL,
    TEKSTVOORSTEL,
    Afstemmingsfeiten,
    DocStatus,
    DraadLid,
    Oordeel,
    RondeStatus,
    VoorstelGebeurtenis,
    VoorstelStatus,
    afgeleide_documentstatus,
    afgeleide_rondestatus,
    moet_escaleren,
    open_bezwaren,
    ronde_nodig,
)
from workflow.statussen import (
    Reactie as ReactieFeit,
)

# --- rondes and parafen -----------------------------------------------------------------------


def laatste_ronde(session: Session, document_id: int) -> Afstemmingsronde | None:
    return session.exec(
        select(Afstemmingsronde).where(Afstemmingsronde.document_id == document_id).order_by(col(Afstemmingsronde.id).desc())
    ).first()


def actuele_oordelen(session: Session, ronde_id: int) -> list[RondeOordeel]:
    return list(
        session.exec(
            select(RondeOordeel).where(RondeOordeel.ronde_id == ronde_id, RondeOordeel.actueel == True)  # noqa: E712
        )
    )


def oordeel_geldig(oordeel: RondeOordeel, document: Document) -> bool:
    # Any later change of the text voids an oordeel, even one that is later undone.
    return oordeel.revisie == document.revisie


def rondestatus(ronde: Afstemmingsronde, oordelen: list[RondeOordeel], document: Document, nu: datetime) -> str:
    return afgeleide_rondestatus(
        ronde.departementen,
        [Oordeel(o.departement, o.oordeel, oordeel_geldig(o, document)) for o in oordelen],
        ronde.termijn,
        nu,
        ronde.stilzwijgend_akkoord,
    )


def parafen(session: Session, document_id: int) -> list[Paraaf]:
    return list(session.exec(select(Paraaf).where(Paraaf.document_id == document_id).order_by(Paraaf.id)))


def paraaf_geldig(paraaf: Paraaf, stand: stukken.Stand) -> bool:
    """A paraaf covers the whole set as it was (workflow.stukken): any member's text changed
    since, or a member added, voids it."""
    return paraaf.setstand == stand.setstand


def geldige_parafen(session: Session, document: Document, stand: stukken.Stand | None = None) -> dict[str, Paraaf]:
    """Per level of the parafenlijn the valid paraaf, if any. Parafen go on the head of a set
    (the letter); a member has none of its own."""
    if stukken.is_lid(document):
        return {}
    stand = stand or stukken.stand(session, document)
    return {p.niveau: p for p in parafen(session, document.id) if paraaf_geldig(p, stand)}


def volgend_niveau(document: Document, geldig: dict[str, Paraaf]) -> str | None:
    return handelingen.volgend_niveau(document.parafenlijn, geldig)


# --- threads ------------------------------------------------------------------------------------


def draden(session: Session, document_id: int) -> dict[int, list[Tekstvoorstel]]:
    """Every thread of the document: root id -> members in order of filing."""
    uit: dict[int, list[Tekstvoorstel]] = defaultdict(list)
    for voorstel in session.exec(
        select(Tekstvoorstel).where(Tekstvoorstel.document_id == document_id).order_by(Tekstvoorstel.id)
    ):
        uit[voorstel.draad_id].append(voorstel)
    return dict(uit)


def actuele_reacties(session: Session, voorstel_ids: list[int]) -> dict[int, list[Reactie]]:
    uit: dict[int, list[Reactie]] = defaultdict(list)
    if not voorstel_ids:
        return uit
    for reactie in session.exec(
        select(Reactie)
        .where(col(Reactie.tekstvoorstel_id).in_(voorstel_ids), Reactie.actueel == True)  # noqa: E712
        .order_by(Reactie.id)
    ):
        uit[reactie.tekstvoorstel_id].append(reactie)
    return uit


def als_draadleden(leden: list[Tekstvoorstel], reacties: dict[int, list[Reactie]]) -> list[DraadLid]:
    return [
        DraadLid(
            id=v.id,
            status=v.status,
            departement=v.departement,
            reactie_op=v.reactie_op,
            reacties=tuple(ReactieFeit(r.departement, r.oordeel) for r in reacties.get(v.id, [])),
            reactietermijn=v.reactietermijn,
        )
        for v in leden
    ]


def draad_is_open(leden: list[Tekstvoorstel]) -> bool:
    return any(v.status in OPEN_VOORSTEL for v in leden)


def draad_bezwaren(session: Session, leden: list[Tekstvoorstel]) -> list[str]:
    reacties = actuele_reacties(session, [v.id for v in leden])
    return open_bezwaren(als_draadleden(leden, reacties))


def zet_status(session: Session, voorstel: Tekstvoorstel, gebeurtenis: VoorstelGebeurtenis, nu: datetime) -> None:
    voorstel.status = TEKSTVOORSTEL.volgende(voorstel.status, gebeurtenis)
    voorstel.gewijzigd_op = nu
    session.add(voorstel)


# --- keeping in step --------------------------------------------------------------------------


def _escaleer_verlopen(
    session: Session, document: Document, open_draden: dict[int, list[Tekstvoorstel]], reacties, nu: datetime
) -> None:
    for draad_id, leden in open_draden.items():
        feiten = als_draadleden(leden, reacties)
        if not moet_escaleren(feiten, nu):
            continue
        geescaleerd = []
        for voorstel in leden:
            if TEKSTVOORSTEL.mag(voorstel.status, VoorstelGebeurtenis.TERMIJN_VERSTREKEN):
                zet_status(session, voorstel, VoorstelGebeurtenis.TERMIJN_VERSTREKEN, nu)
                geescaleerd.append(voorstel.id)
        verstreken = min(v.reactietermijn for v in leden if v.reactietermijn is not None and v.reactietermijn <= nu)
        gebeurtenissen.bij_document(
            session,
            document,
            None,
            "draad_geescaleerd",
            nu,
            draad=draad_id,
            voorstellen=geescaleerd,
            reden="reactietermijn verstreken met open bezwaar",
            reactietermijn=tijdstempel(verstreken),
            bezwaren=open_bezwaren(feiten),
        )


def feiten(
    session: Session,
    document: Document,
    nu: datetime,
    alle: dict[int, list[Tekstvoorstel]] | None = None,
    ronde: Afstemmingsronde | None | bool = False,
) -> Afstemmingsfeiten:
    """The facts the document status follows from (`ronde` False: look it up)."""
    ronde = laatste_ronde(session, document.id) if ronde is False else ronde
    alle = draden(session, document.id) if alle is None else alle
    afgerond = ronde is not None and rondestatus(ronde, actuele_oordelen(session, ronde.id), document, nu) == RondeStatus.AFGEROND
    open_draden = sum(1 for leden in alle.values() if draad_is_open(leden))
    nodig = ronde_nodig(document.soort, stukken.is_lid(document))
    return Afstemmingsfeiten(
        heeft_ronde=ronde is not None,
        ronde_afgerond=afgerond,
        open_draden=open_draden,
        # Parafen only count once the document is afgestemd (in_parafering); skip the query before.
        geldige_parafen=len(geldige_parafen(session, document))
        if (afgerond or (ronde is None and not nodig)) and not open_draden
        else 0,
        ronde_nodig=nodig,
    )


def _wekker(
    ronde: Afstemmingsronde | None, open_draden: dict[int, list[Tekstvoorstel]], reacties, nu: datetime
) -> datetime | None:
    momenten = []
    for leden in open_draden.values():
        lopend = [
            v.reactietermijn
            for v in leden
            if v.status in (VoorstelStatus.INGEDIEND, VoorstelStatus.TEGENVOORSTEL_GEDAAN)
            and v.reactietermijn is not None
            and v.reactietermijn > nu
        ]
        # Only a thread with an objection escalates when its termijn passes; a new objection
        # is a write, which sets the wekker again.
        if lopend and open_bezwaren(als_draadleden(leden, reacties)):
            momenten.append(min(lopend))
    if ronde is not None and ronde.stilzwijgend_akkoord and ronde.termijn > nu:
        momenten.append(ronde.termijn)
    return min(momenten) if momenten else None


def na_tekstwijziging(session: Session, document: Document, nu: datetime) -> None:
    """`bijwerken` after a change of the text only. A concept document has no ronde, so its
    status stays concept; its wekker depends on proposals' termijnen and objections, which a
    text change does not touch: unless that wekker has passed there is nothing to do.

    A member's text is part of what the letter's parafen cover: the letter (locked with its
    member, see documenten.vergrendel) is brought up to date too."""
    if stukken.is_lid(document):
        kop = stukken.hoofd(session, document)
        if kop.status in (DocStatus.IN_PARAFERING,):
            bijwerken(session, kop, nu)
    if document.status == DocStatus.CONCEPT and (document.wekker is None or document.wekker > nu):
        return
    bijwerken(session, document, nu)


def bijwerken(session: Session, document: Document, nu: datetime) -> None:
    """Bring a locked document's workflow state up to `nu` (no commit)."""
    alle = draden(session, document.id)
    open_draden = {d: leden for d, leden in alle.items() if draad_is_open(leden)}
    reacties = actuele_reacties(session, [v.id for leden in open_draden.values() for v in leden])
    _escaleer_verlopen(session, document, open_draden, reacties, nu)
    ronde = laatste_ronde(session, document.id)
    nieuw = afgeleide_documentstatus(document.status, feiten(session, document, nu, alle, ronde))
    if nieuw != document.status:
        gebeurtenissen.bij_document(
            session, document, None, "documentstatus_gewijzigd", nu, van=document.status, naar=nieuw, revisie=document.revisie
        )
        document.status = nieuw
    document.wekker = _wekker(ronde, open_draden, reacties, nu)
    session.add(document)


def _haal_bij(engine: Engine, document_id: int, klok: Klok) -> None:
    with schrijfsessie(engine) as schrijf:
        vergrendeld = schrijf.exec(select(Document).where(Document.id == document_id).with_for_update()).one()
        nu = klok.nu(schrijf)
        if vergrendeld.wekker is not None and vergrendeld.wekker <= nu:
            bijwerken(schrijf, vergrendeld, nu)
            schrijf.commit()


def actualiseer(engine: Engine, sessie: Session, document: Document, klok: Klok) -> Document:
    """For reads: when the document's wekker has passed, catch up in a write transaction of
    its own, then let the read session see the result."""
    if document.wekker is None or document.wekker > klok.nu(sessie):
        return document
    _haal_bij(engine, document.id, klok)
    # End the read snapshot so the next query sees what was just committed.
    sessie.rollback()
    return sessie.exec(select(Document).where(Document.id == document.id).execution_options(populate_existing=True)).one()


def actualiseer_verlopen(engine: Engine, sessie: Session, klok: Klok) -> None:
    """For lists (documents, proposals, Mijn werk): catch up every document whose wekker has
    passed. Usually there is none, and this is one indexed query."""
    verlopen = sessie.exec(select(Document.id).where(col(Document.wekker) <= klok.nu(sessie))).all()
    if not verlopen:
        return
    for document_id in verlopen:
        _haal_bij(engine, document_id, klok)
    sessie.rollback()
