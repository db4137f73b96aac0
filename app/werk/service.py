"""What waits for whom: the first thing a civil servant looks at in the morning.

One list for a user (by their roles) or for a department's afstemmers, with termijnen,
overdue items first. The CLI (`paraaf wachtend`) and the web UI's "Mijn werk" both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from app.afstemming import service as afstemming
from app.afstemming import toestand
from app.documenten import service as documenten
from app.documenten.models import Document
from app.gebruikers.models import Gebruiker
from app.gebruikers.service import als_actor
from app.schemas import AMSTERDAM
from app.stukken import leden as setleden
from app.stukken import service as stukken
from workflow import handelingen
from workflow.autorisatie import Rol, ziet
from workflow.handelingen import Handeling, Stand
from workflow.statussen import BEVROREN, OPEN_VOORSTEL, DocStatus, RondeStatus, VoorstelStatus


@dataclass(frozen=True)
class Werk:
    soort: str  # reageren | oordeel_geven | paraferen | behandelen | besluiten | vaststellen | afhankelijkheid | beslispunten
    document_id: int
    document_titel: str
    omschrijving: str
    termijn: datetime | None
    verlopen: bool
    tekstvoorstel_id: int | None = None
    ronde_id: int | None = None
    # Identifies this piece of work: the same key is the same thing waiting (meldingen are
    # sent once per person and key); new work, e.g. a paraaf due again after a text change,
    # gets a new key.
    sleutel: str = ""
    # {id, naam} of the absent person this item waits for, when shown to their vervanger.
    namens: dict | None = None
    verwacht_op: date | None = None  # an afhankelijkheid's expected date (its termijn: that day's end)
    afhankelijkheid_id: int | None = None

    @property
    def pad(self) -> str:
        """The web page where this work is done."""
        if self.soort in ("reageren", "behandelen", "besluiten") and self.tekstvoorstel_id:
            return f"/tekstvoorstellen/{self.tekstvoorstel_id}"
        if self.soort == "afhankelijkheid":
            return f"/documenten/{self.document_id}/stukken#afhankelijkheid-{self.afhankelijkheid_id}"
        if self.soort == "beslispunten":
            return f"/documenten/{self.document_id}/stukken"
        return f"/documenten/{self.document_id}/afstemming"


_ZONDER_TERMIJN = datetime.max.replace(tzinfo=UTC)


def oordeel_sleutel(ronde_id: int, vervallen_oordeel_id: int | None) -> str:
    """The key of "give your oordeel": per ronde, and again per oordeel a text change voided."""
    return f"oordeel_geven:{ronde_id}:{vervallen_oordeel_id or 0}"


def _sorteer(items: list[Werk]) -> list[Werk]:
    # Overdue first (oldest termijn first), then by termijn, then what has no termijn.
    return sorted(items, key=lambda w: (not w.verlopen, w.termijn or _ZONDER_TERMIJN, w.document_id))


def _wil(soorten: frozenset[str] | None, soort: str) -> bool:
    return soorten is None or soort in soorten


def _voor_afstemmer(
    session: Session, departement: str, doc: Document, nu: datetime, soorten: frozenset[str] | None = None
) -> list[Werk]:
    items = []
    for leden in toestand.draden(session, doc.id).values() if _wil(soorten, "reageren") else ():
        reacties = toestand.actuele_reacties(session, [v.id for v in leden])
        for v in leden:
            if v.status not in (VoorstelStatus.INGEDIEND, VoorstelStatus.TEGENVOORSTEL_GEDAAN) or v.departement == departement:
                continue
            if any(r.departement == departement for r in reacties.get(v.id, [])):
                continue
            antwoord_op_eigen = v.reactie_op is not None and any(
                o.id == v.reactie_op and o.departement == departement for o in leden
            )
            items.append(
                Werk(
                    "reageren",
                    doc.id,
                    doc.titel,
                    ("Tegenvoorstel van " if antwoord_op_eigen else "Tekstvoorstel van ")
                    + f"{v.departement}"
                    + (" op uw voorstel" if antwoord_op_eigen else "")
                    + f": “{_kort(v.voorgesteld)}”",
                    v.reactietermijn,
                    v.reactietermijn is not None and v.reactietermijn <= nu,
                    tekstvoorstel_id=v.id,
                    sleutel=f"reageren:{v.id}",
                )
            )
    ronde = toestand.laatste_ronde(session, doc.id) if _wil(soorten, "oordeel_geven") else None
    if ronde is not None and departement in ronde.departementen:
        oordelen = {o.departement: o for o in toestand.actuele_oordelen(session, ronde.id)}
        eigen = oordelen.get(departement)
        if eigen is None or not toestand.oordeel_geldig(eigen, doc):
            status = toestand.rondestatus(ronde, list(oordelen.values()), doc, nu)
            if status != RondeStatus.AFGEROND:
                items.append(
                    Werk(
                        "oordeel_geven",
                        doc.id,
                        doc.titel,
                        "Oordeel gevraagd" + (" (tekst gewijzigd sinds uw oordeel)" if eigen else ""),
                        ronde.termijn,
                        ronde.termijn <= nu,
                        ronde_id=ronde.id,
                        # Asked again when the text voids the oordeel given: a new key per voided oordeel.
                        sleutel=oordeel_sleutel(ronde.id, eigen.id if eigen else None),
                    )
                )
    return items


def _kort(tekst: str, lengte: int = 80) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _voor_penvoerder(
    session: Session, gebruiker: Gebruiker, doc: Document, nu: datetime, soorten: frozenset[str] | None = None
) -> list[Werk]:
    items = []
    actor, ctx = als_actor(gebruiker), documenten.context(session, doc)

    def mag(handeling: Handeling, stand: Stand) -> bool:
        # The one answer of workflow.handelingen, as the buttons and the API give it.
        return handelingen.waarom_niet(handeling, actor, ctx, stand) is None

    draden = toestand.draden(session, doc.id) if _wil(soorten, "behandelen") or _wil(soorten, "besluiten") else {}
    for draad_id, leden in draden.items():
        open_leden = [v for v in leden if v.status in OPEN_VOORSTEL]
        if not open_leden:
            continue
        termijnen = [v.reactietermijn for v in open_leden if v.reactietermijn]
        termijn = min(termijnen) if termijnen else None
        geescaleerd = any(v.status == VoorstelStatus.GEESCALEERD for v in open_leden)
        deps = ", ".join(sorted({v.departement for v in open_leden}))
        if geescaleerd and mag(Handeling.BESLUITEN, Stand(doc.status, VoorstelStatus.GEESCALEERD)):
            # An escalated dispute is overdue by nature: its termijn passed or the penvoerder
            # gave up waiting.
            items.append(
                Werk(
                    "besluiten",
                    doc.id,
                    doc.titel,
                    f"Geëscaleerd geschil ({deps}): besluit gevraagd",
                    termijn,
                    True,
                    tekstvoorstel_id=draad_id,
                    sleutel=f"besluiten:{draad_id}",
                )
            )
        elif not geescaleerd and mag(Handeling.AFWIJZEN, Stand(doc.status, open_leden[-1].status)):
            bezwaren = toestand.draad_bezwaren(session, leden)
            omschrijving = f"Tekstvoorstel(len) van {deps}" + (
                f": {bezwaren[0]}" if bezwaren else ": klaar om over te nemen of af te wijzen"
            )
            items.append(
                Werk(
                    "behandelen",
                    doc.id,
                    doc.titel,
                    omschrijving,
                    termijn,
                    termijn is not None and termijn <= nu,
                    tekstvoorstel_id=open_leden[-1].id,
                    sleutel=f"behandelen:{open_leden[-1].id}",
                )
            )
    # Initialling may start early, but it is only due once the text is afgestemd.
    if (
        _wil(soorten, "paraferen")
        and doc.status in (DocStatus.AFGESTEMD, DocStatus.IN_PARAFERING)
        and handelingen.wie_niet(Handeling.PARAFEREN, actor, ctx) is None
        and handelingen.paraafniveau_bezwaar(gebruiker.paraafniveau, doc.parafenlijn) is None
    ):
        geldig = toestand.geldige_parafen(session, doc)
        volgend = toestand.volgend_niveau(doc, geldig)
        beurt = handelingen.paraafbeurt_bezwaren(gebruiker.paraafniveau, doc.parafenlijn, geldig)
        if mag(Handeling.PARAFEREN, Stand(doc.status, bezwaren=beurt)):
            items.append(
                Werk(
                    "paraferen",
                    doc.id,
                    doc.titel,
                    f"Paraaf gevraagd ({volgend}); status: {doc.status}",
                    None,
                    False,
                    sleutel=f"paraferen:{doc.id}:{volgend}:{doc.revisie}",
                )
            )
    if setleden.is_lid(doc):
        return items  # the set's own work (afhankelijkheden, beslispunten, vaststellen) is on its letter
    if _wil(soorten, "afhankelijkheid") and mag(Handeling.AFHANKELIJKHEID_BEHEREN, Stand(doc.status)):
        for a in stukken.open_afhankelijkheden(session, doc):
            termijn = (
                datetime.combine(a.verwacht_op + timedelta(days=1), time(0), AMSTERDAM) if a.verwacht_op is not None else None
            )
            items.append(
                Werk(
                    "afhankelijkheid",
                    doc.id,
                    doc.titel,
                    f"Afhankelijkheid open: {_kort(a.omschrijving)}",
                    termijn,
                    termijn is not None and termijn <= nu,
                    verwacht_op=a.verwacht_op,
                    afhankelijkheid_id=a.id,
                    sleutel=f"afhankelijkheid:{a.id}",
                )
            )
    # Who may sign; whether it can be signed now is what the bezwaren below say.
    if (_wil(soorten, "vaststellen") or _wil(soorten, "beslispunten")) and handelingen.wie_niet(
        Handeling.VASTSTELLEN, actor, ctx
    ) is None:
        bezwaren = afstemming.bezwaren_tegen_vaststellen(session, doc, nu)
        if not bezwaren:
            items.append(
                Werk(
                    "vaststellen",
                    doc.id,
                    doc.titel,
                    "Klaar om vast te stellen",
                    None,
                    False,
                    sleutel=f"vaststellen:{doc.id}:{doc.revisie}",
                )
            )
        elif set(bezwaren) == set(punten := stukken.open_beslispunten(session, doc)):
            # Everything else is ready: the nota's decision points wait for the minister.
            items.append(
                Werk(
                    "beslispunten",
                    doc.id,
                    doc.titel,
                    "Beslisnota: " + "; ".join(punten),
                    None,
                    False,
                    sleutel=f"beslispunten:{doc.id}:{setleden.stand(session, doc).setstand}",
                )
            )
    return items


def in_document(
    session: Session,
    doc: Document,
    nu: datetime,
    *,
    gebruiker: Gebruiker | None = None,
    departement: str | None = None,
    soorten: frozenset[str] | None = None,
) -> list[Werk]:
    """What waits in one document for `gebruiker` (by role) or for `departement`'s afstemmers;
    with `soorten`, only work of those kinds (and only the queries they need)."""
    departement = departement or gebruiker.departement
    if doc.status in BEVROREN or not ziet(departement, documenten.context(session, doc)):
        return []
    items: list[Werk] = []
    if gebruiker is None or Rol.AFSTEMMER in gebruiker.rollen:
        items += _voor_afstemmer(session, departement, doc, nu, soorten)
    if gebruiker is not None and doc.penvoerder == gebruiker.departement:
        items += _voor_penvoerder(session, gebruiker, doc, nu, soorten)
    return [w for w in items if _wil(soorten, w.soort)]


def wachtend(session: Session, *, gebruiker: Gebruiker | None = None, departement: str | None = None, nu: datetime) -> list[Werk]:
    """What waits for `gebruiker` (by role) or, with `departement`, for its afstemmers."""
    items: list[Werk] = []
    for doc in session.exec(select(Document).order_by(Document.id)):
        items += in_document(session, doc, nu, gebruiker=gebruiker, departement=departement)
    return _sorteer(items)


def met_vervanging(eigen: list[Werk], afwezigen: list[tuple[Gebruiker, list[Werk]]]) -> list[Werk]:
    """A vervanger's own items plus those of the absent people he stands in for (marked
    `namens`), each piece of work once."""
    items, gezien = list(eigen), {w.sleutel for w in eigen}
    for afwezige, werk in afwezigen:
        for w in werk:
            if w.sleutel not in gezien:
                gezien.add(w.sleutel)
                items.append(replace(w, namens={"id": afwezige.id, "naam": afwezige.naam}))
    return _sorteer(items)


def wachtend_voor(session: Session, gebruiker: Gebruiker, nu: datetime) -> list[Werk]:
    """Mijn werk: what waits for `gebruiker`, and for the absent people they stand in for today."""
    from app.gebruikers import afwezigheid

    afwezigen = afwezigheid.vervangen_door(session, gebruiker, afwezigheid.vandaag(nu))
    return met_vervanging(
        wachtend(session, gebruiker=gebruiker, nu=nu), [(a, wachtend(session, gebruiker=a, nu=nu)) for a in afwezigen]
    )
