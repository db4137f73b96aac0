"""Documents and versioned sections: creation, import, reading, editing with three-way merge.

Every write works on a document its route dependency has locked (`vergrendel`: one writer per
document at a time, on every worker) and authorised; it writes an immutable section version, bumps the document's revisie and appends an event, all
in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, or_, select

from app.afstemming import toestand
from app.db import Klok
from app.documenten.models import Document, DocumentRevisie, Sectie, SectieVersie
from app.documenten.schemas import DocumentVelden
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.problemen import Conflict, NietGevonden, OngeldigeInvoer, Verboden, eis_basisversie
from app.tekstvoorstellen.models import Tekstvoorstel
from workflow import diff
from workflow import voorstellen as voorstelregels
from workflow.autorisatie import Actie, Actor, Context, reden_tegen, verborgen
from workflow.importeren import MAX_SECTIES, SectieInvoer, regels_fout
from workflow.statussen import (
    DOCUMENT,
    Afstemmingsfeiten,
    DocGebeurtenis,
    DocStatus,
    Overgang,
    VoorstelStatus,
    afgeleide_documentstatus,
    ronde_nodig,
)
from workflow.stukken import koppel_bezwaar
from workflow.tekst import combineer, inhoudshash, sectie_hash
from workflow.woo import markeringsfout, nieuwe_markeringsfout

# --- access -----------------------------------------------------------------------------------


def betrokken(session: Session, document: Document) -> frozenset[str]:
    """The departments involved: for a member of a letter's set also those of the letter (a
    bijlage goes with the letter to whoever is consulted on it). A beslisnota is internal
    whatever this says (workflow.autorisatie.ziet)."""
    if document.gekoppeld_aan is not None:
        brief = session.get(Document, document.gekoppeld_aan)
        if brief is not None:
            return frozenset(document.betrokken) | frozenset(brief.betrokken)
    return frozenset(document.betrokken)


def context(session: Session, document: Document, **extra) -> Context:
    return Context(
        penvoerder=document.penvoerder,
        betrokken=betrokken(session, document),
        intern=document.soort == "beslisnota",
        **extra,
    )


def eis(actie: Actie, actor: Actor, ctx: Context, wat: str = "Het document") -> None:
    """403 with the matrix's reason; for reading an internal document of another department,
    404: for them it does not exist (docs/api.md, Stukken), so the answer must not say otherwise."""
    if actie == Actie.DOCUMENT_LEZEN and verborgen(actor, ctx):
        raise NietGevonden(f"{wat} bestaat niet.")
    reden = reden_tegen(actie, actor, ctx)
    if reden:
        raise Verboden(reden)


def leesbaar(session: Session, actor: Actor, document: Document) -> bool:
    return reden_tegen(Actie.DOCUMENT_LEZEN, actor, context(session, document)) is None


def haal(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NietGevonden(f"Document {document_id} bestaat niet.")
    return document


def haal_leesbaar(session: Session, actor: Actor, document_id: int, wat: str | None = None) -> Document:
    document = haal(session, document_id)
    eis(Actie.DOCUMENT_LEZEN, actor, context(session, document), wat or f"Document {document_id}")
    return document


def vergrendel(session: Session, document_id: int) -> Document:
    """Load a document for writing, holding its row lock until commit.

    A member of a letter's set is locked together with its letter, the letter first (its id is
    always the lower one, and every writer locks in id order): a member's write can void the
    letter's parafen, and the letter's vaststelling freezes every member, so neither may run
    beside the other."""
    lid_van = select(Document.gekoppeld_aan).where(Document.id == document_id).scalar_subquery()
    rijen = session.exec(
        select(Document)
        .where(or_(Document.id == document_id, Document.id == lid_van))
        .order_by(Document.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    document = next((d for d in rijen if d.id == document_id), None)
    if document is None:
        raise NietGevonden(f"Document {document_id} bestaat niet.")
    return document


def overgang(document: Document, gebeurtenis: DocGebeurtenis) -> str:
    """Ask the document table whether `gebeurtenis` may happen now (409 otherwise)."""
    try:
        return DOCUMENT.volgende(document.status, gebeurtenis)
    except Overgang as e:
        raise Conflict(str(e), status_document=document.status, toegestaan=e.toegestaan) from e


# --- reading ----------------------------------------------------------------------------------


def secties(session: Session, document_id: int) -> list[Sectie]:
    return list(session.exec(select(Sectie).where(Sectie.document_id == document_id).order_by(Sectie.positie)))


def lijst(
    session: Session, actor: Actor, *, soort: str | None, status: str | None, vanaf: int = 1, limiet: int | None = None
) -> list[Document]:
    """The documents `actor` may read, by id from `vanaf`; with `limiet` at most that many (a
    page: the rows are read in id order and reading stops once the page is full)."""
    query = select(Document).order_by(Document.id)
    if soort:
        query = query.where(Document.soort == soort)
    if status:
        query = query.where(Document.status == status)
    if limiet is None:
        query = query.where(Document.id >= vanaf)
        return [d for d in session.exec(query) if reden_tegen(Actie.DOCUMENT_LEZEN, actor, context(session, d)) is None]
    uit: list[Document] = []
    volgende = vanaf
    while len(uit) < limiet:
        blok = list(session.exec(query.where(Document.id >= volgende).limit(2 * limiet)))
        for d in blok:
            if reden_tegen(Actie.DOCUMENT_LEZEN, actor, context(session, d)) is None:
                uit.append(d)
                if len(uit) == limiet:
                    break
        if len(blok) < 2 * limiet:
            break
        volgende = blok[-1].id + 1
    return uit


def haal_sectie(session: Session, document: Document, sectie_id: int) -> Sectie:
    sectie = session.get(Sectie, sectie_id)
    if sectie is None or sectie.document_id != document.id:
        raise NietGevonden(f"Sectie {sectie_id} bestaat niet in document {document.id}.")
    return sectie


def versies(session: Session, sectie: Sectie, *, vanaf: int = 1, limiet: int | None = None) -> list[SectieVersie]:
    """The versions from `vanaf` on, oldest first; `limiet` bounds a page (a long history
    would otherwise be megabytes)."""
    query = (
        select(SectieVersie)
        .where(SectieVersie.sectie_id == sectie.id, SectieVersie.versie >= vanaf)
        .order_by(SectieVersie.versie)
    )
    if limiet is not None:
        query = query.limit(limiet)
    return list(session.exec(query))


def versies_uit(session: Session, sectie: Sectie, *, vanaf: int = 1, limiet: int | None = None) -> list[dict]:
    rijen = versies(session, sectie, vanaf=vanaf, limiet=limiet)
    auteurs = gebruikers.bij_ids(session, {r.auteur_id for r in rijen if r.auteur_id is not None})
    return [{**r.model_dump(), "auteur": gebruikers.persoon(auteurs.get(r.auteur_id))} for r in rijen]


def versie(session: Session, sectie: Sectie, nummer: int) -> SectieVersie:
    gevonden = session.exec(
        select(SectieVersie).where(SectieVersie.sectie_id == sectie.id, SectieVersie.versie == nummer)
    ).first()
    if gevonden is None:
        raise NietGevonden(f"Sectie {sectie.id} heeft geen versie {nummer} (de laatste is {sectie.versie}).")
    return gevonden


def secties_op_revisie(session: Session, document: Document, revisie: int) -> list[SectieVersie]:
    """The document as it was at `revisie`: per section its last version up to then."""
    if not 1 <= revisie <= document.revisie:
        raise NietGevonden(f"Document {document.id} heeft geen revisie {revisie} (de laatste is {document.revisie}).")
    rijen = session.exec(
        select(SectieVersie)
        .join(Sectie, Sectie.id == SectieVersie.sectie_id)
        .where(Sectie.document_id == document.id, SectieVersie.revisie <= revisie)
        .order_by(SectieVersie.sectie_id, SectieVersie.versie)
    )
    laatste: dict[int, SectieVersie] = {}
    for rij in rijen:
        laatste[rij.sectie_id] = rij
    # Positions only ever shift all later sections together, so the current order of the
    # sections that existed then is the order they had then.
    huidig = {s.id: s.positie for s in secties(session, document.id)}
    return sorted(laatste.values(), key=lambda v: huidig[v.sectie_id])


def verschil(session: Session, sectie: Sectie, van: int, tot: int) -> dict:
    oud, nieuw = versie(session, sectie, van), versie(session, sectie, tot)
    bewerkingen = diff.woord_diff(_volledig(oud.kop, oud.tekst), _volledig(nieuw.kop, nieuw.tekst))
    return {"van": van, "tot": tot, "bewerkingen": bewerkingen, "html": diff.diff_html(bewerkingen)}


def _volledig(kop: str | None, tekst: str) -> str:
    return f"{kop}\n\n{tekst}" if kop else tekst


# --- writing ----------------------------------------------------------------------------------


def _tekst_sha(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def _koppel_doel(session: Session, actor: Actor, velden: DocumentVelden) -> Document | None:
    """The letter a new document joins, after the checks of docs/api.md, Stukken: it must exist and
    be visible (422), the caller must be an opsteller of its penvoerder (403), only a letter
    heads a set (422). The caller then locks it: a signed letter takes no new member (409)."""
    if velden.gekoppeld_aan is None:
        return None
    doel = session.get(Document, velden.gekoppeld_aan)
    if doel is None or reden_tegen(Actie.DOCUMENT_LEZEN, actor, context(session, doel)):
        raise OngeldigeInvoer(f"Document {velden.gekoppeld_aan} bestaat niet of is voor u niet zichtbaar.", veld="gekoppeld_aan")
    eis(Actie.STUK_KOPPELEN, actor, context(session, doel))
    bezwaar = koppel_bezwaar(soort=velden.soort, doel_soort=doel.soort, doel_gekoppeld=doel.gekoppeld_aan is not None)
    if bezwaar:
        raise OngeldigeInvoer(f"Koppelen aan document {doel.id} kan niet: {bezwaar}.", veld="gekoppeld_aan")
    return doel


# Append-only rows (versions, revisies, events) go in as plain table inserts: the ORM's unit of
# work would cost more than the statement, and these rows are never changed afterwards.
_VERSIE_INSERT = SectieVersie.__table__.insert()
_REVISIE_INSERT = DocumentRevisie.__table__.insert()


def _nieuwe_revisie(
    session: Session, document: Document, actor_id: int | None, nu: datetime, gewijzigd: Sectie | None = None
) -> None:
    # Only the sections' stored hashes are read, not their texts: an edit costs the same in a
    # long document as in a short one. The changed section's new hash is taken from memory, so
    # nothing needs flushing first and the document row is written once, at commit.
    with session.no_autoflush:
        rijen = session.exec(
            select(Sectie.id, Sectie.inhoudshash).where(Sectie.document_id == document.id).order_by(Sectie.positie)
        ).all()
    document.inhoudshash = combineer(
        gewijzigd.inhoudshash if gewijzigd is not None and sectie_id == gewijzigd.id else h for sectie_id, h in rijen
    )
    session.connection().execute(
        _REVISIE_INSERT,
        {
            "document_id": document.id,
            "revisie": document.revisie,
            "inhoudshash": document.inhoudshash,
            "tijdstip": nu,
            "actor_id": actor_id,
        },
    )
    session.add(document)


def maak(
    session: Session,
    gebruiker: Gebruiker,
    actor: Actor,
    velden: DocumentVelden,
    klok: Klok,
    *,
    secties_invoer: list[SectieInvoer] = (),
    bron: str | None = None,
) -> Document:
    """Create a document, optionally with its sections (an import): revisie 1 either way."""
    eis(Actie.DOCUMENT_AANMAKEN, actor, Context(gevraagde_penvoerder=velden.penvoerder))
    brief = _koppel_doel(session, actor, velden)
    _controleer_markeringen(secties_invoer)
    if brief is not None:
        brief = vergrendel(session, brief.id)
        overgang(brief, DocGebeurtenis.STUK_KOPPELEN)  # a signed letter takes no new member (409)
    nu = klok.nu(session)
    # No ronde and no proposal yet: concept, or for a beslisnota of its own (which needs no
    # ronde) already as far as the table goes without parafen.
    begin = afgeleide_documentstatus(
        DocStatus.CONCEPT, Afstemmingsfeiten(False, False, 0, 0, ronde_nodig(velden.soort, brief is not None))
    )
    document = Document(
        **velden.model_dump(),
        status=begin,
        revisie=1,
        inhoudshash=inhoudshash([]),
        betrokken=sorted({velden.penvoerder, *velden.mede_namens}),
        aangemaakt_op=nu,
        aangemaakt_door=gebruiker.id,
    )
    session.add(document)
    session.flush()
    for positie, invoer in enumerate(secties_invoer, start=1):
        sectie = Sectie(
            document_id=document.id,
            positie=positie,
            niveau=invoer.niveau,
            kop=invoer.kop,
            tekst=invoer.tekst,
            versie=1,
            inhoudshash=sectie_hash(invoer.kop, invoer.tekst),
        )
        session.add(sectie)
        session.flush()
        _schrijf_versie(session, sectie, revisie=1, auteur_id=gebruiker.id, reden=None, tijdstip=nu)
    session.flush()
    _nieuwe_revisie(session, document, gebruiker.id, nu)
    gegevens = {
        "soort": document.soort,
        "titel": document.titel,
        "penvoerder": document.penvoerder,
        "revisie": 1,
        "inhoudshash": document.inhoudshash,
        "secties": [
            {"sectie": s.id, "versie": 1, "kop": s.kop, "tekst_sha256": _tekst_sha(s.tekst)}
            for s in secties(session, document.id)
        ],
    }
    if bron is not None:
        gegevens["bron"] = bron
    soort = "document_geimporteerd" if bron is not None else "document_aangemaakt"
    gebeurtenissen.bij_document(session, document, gebruiker, soort, nu, **gegevens)
    if brief is not None:
        # The letter's set grew: recorded on the letter, and its parafen no longer cover the set.
        gebeurtenissen.bij_document(
            session, brief, gebruiker, "stuk_gekoppeld", nu, document=document.id, soort=document.soort, titel=document.titel
        )
        toestand.bijwerken(session, brief, nu)
    session.commit()
    return document


def _controleer_markeringen(secties_invoer: list[SectieInvoer]) -> None:
    """An import (API, web, CLI) holds the same section text as a direct write: every
    [[woo:..]] marker well-formed with a known ground, else 422 naming section and position."""
    for nummer, invoer in enumerate(secties_invoer, start=1):
        for tekst, kop in ((invoer.kop or "", True), (invoer.tekst, False)):
            fout = markeringsfout(tekst, kop=kop)
            if fout is not None:
                waar = f"sectie {nummer}" + (f" ('{invoer.kop[:80]}')" if invoer.kop else "") + (", kop" if kop else "")
                raise OngeldigeInvoer(
                    f"Het bestand kan niet worden ingelezen: {waar}: {fout}.", veld="bestand", reden=f"{waar}: {fout}"
                )


def _schrijf_versie(
    session: Session, sectie: Sectie, *, revisie: int, auteur_id: int | None, reden: str | None, tijdstip: datetime
) -> None:
    """Record the section as it now is as an immutable version."""
    session.connection().execute(
        _VERSIE_INSERT,
        {
            "sectie_id": sectie.id,
            "versie": sectie.versie,
            "revisie": revisie,
            "positie": sectie.positie,
            "niveau": sectie.niveau,
            "kop": sectie.kop,
            "tekst": sectie.tekst,
            "auteur_id": auteur_id,
            "reden": reden,
            "tijdstip": tijdstip,
        },
    )


def voeg_sectie_toe(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    *,
    kop: str | None,
    tekst: str,
    niveau: int,
    na: int | None,
    klok: Klok,
) -> Sectie:
    bestaande = secties(session, document.id)
    if len(bestaande) >= MAX_SECTIES:
        raise OngeldigeInvoer(
            f"Document {document.id} heeft al {len(bestaande)} secties; hoogstens {MAX_SECTIES} per document.",
            veld="secties",
        )
    overgang(document, DocGebeurtenis.TEKST_WIJZIGEN)
    if na is None:
        positie = len(bestaande) + 1
    else:
        voorganger = next((s for s in bestaande if s.id == na), None)
        if voorganger is None:
            raise OngeldigeInvoer(f"Sectie {na} bestaat niet in document {document.id}.", veld="na")
        positie = voorganger.positie + 1
        session.execute(
            update(Sectie)
            .where(col(Sectie.document_id) == document.id, col(Sectie.positie) >= positie)
            .values(positie=Sectie.positie + 1)
        )
    nu = klok.nu(session)
    document.revisie += 1
    sectie = Sectie(
        document_id=document.id,
        positie=positie,
        niveau=niveau,
        kop=kop,
        tekst=tekst,
        versie=1,
        inhoudshash=sectie_hash(kop, tekst),
    )
    session.add(sectie)
    session.flush()
    _schrijf_versie(session, sectie, revisie=document.revisie, auteur_id=gebruiker.id, reden=None, tijdstip=nu)
    _nieuwe_revisie(session, document, gebruiker.id, nu)
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "sectie_toegevoegd",
        nu,
        sectie=sectie.id,
        versie=1,
        positie=positie,
        kop=kop,
        tekst_sha256=_tekst_sha(tekst),
        revisie=document.revisie,
        inhoudshash=document.inhoudshash,
    )
    toestand.na_tekstwijziging(session, document, nu)
    session.commit()
    return sectie


def schrijf_sectie(
    session: Session,
    document: Document,
    sectie: Sectie,
    *,
    kop: str | None,
    tekst: str,
    gebruiker: Gebruiker | None,
    reden: str | None,
    nu: datetime,
    soort: str,
    gegevens: dict,
) -> None:
    """Write a new version of a locked document's section and record it (no commit).

    Shared by direct edits, adopted proposals and decisions, so all three leave the same trail.
    """
    overgang(document, DocGebeurtenis.TEKST_WIJZIGEN)
    document.revisie += 1
    sectie.versie += 1
    sectie.kop, sectie.tekst, sectie.inhoudshash = kop, tekst, sectie_hash(kop, tekst)
    session.add(sectie)
    _schrijf_versie(
        session, sectie, revisie=document.revisie, auteur_id=gebruiker.id if gebruiker else None, reden=reden, tijdstip=nu
    )
    _nieuwe_revisie(session, document, gebruiker.id if gebruiker else None, nu, gewijzigd=sectie)
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        soort,
        nu,
        sectie=sectie.id,
        versie=sectie.versie,
        kop=kop,
        tekst_sha256=_tekst_sha(tekst),
        revisie=document.revisie,
        inhoudshash=document.inhoudshash,
        **gegevens,
    )
    toestand.na_tekstwijziging(session, document, nu)


@dataclass(frozen=True)
class Bewerking:
    """A section edit worked out against the section at `versie`: what to write then."""

    versie: int
    tekst: str
    kop: str | None
    samengevoegd: bool


def bereken_wijziging(
    session: Session,
    document: Document,
    sectie: Sectie,
    *,
    tekst: str,
    kop: str | None,
    kop_meegegeven: bool,
    basisversie: int,
) -> Bewerking:
    """The edit against `basisversie` as it would be written now: a stale base is merged
    three-way (bounded: workflow.diff), else 409 with the current text and the caller's own.
    Reads only, so it runs in a read snapshot before the write transaction takes its lock."""
    eis_basisversie(basisversie, "de versie van de sectie waarop uw wijziging is gemaakt", sectie.versie)
    overgang(document, DocGebeurtenis.TEKST_WIJZIGEN)
    nieuwe_kop = kop if kop_meegegeven else None
    if basisversie == sectie.versie:
        return Bewerking(sectie.versie, tekst, nieuwe_kop if kop_meegegeven else sectie.kop, False)
    basis = versie(session, sectie, basisversie)
    try:
        resultaat_tekst = diff.drieweg(basis.tekst, sectie.tekst, tekst)
        resultaat_kop = _kop_samenvoegen(basis.kop, sectie.kop, nieuwe_kop) if kop_meegegeven else sectie.kop
    except diff.Conflict as e:
        if e.grof:
            detail = (
                f"Sectie {sectie.id} is sinds versie {basisversie} gewijzigd (nu versie {sectie.versie}) en de "
                "wijzigingen zijn te groot of te verspreid om binnen de tijd samen te voegen. Uw wijziging is niet "
                "opgeslagen; neem haar over in de actuele tekst."
            )
        else:
            detail = (
                f"Sectie {sectie.id} is sinds versie {basisversie} gewijzigd (nu versie {sectie.versie}) "
                "op dezelfde plaats als uw wijziging. Uw wijziging is niet opgeslagen; neem haar over in de actuele tekst."
            )
        raise Conflict(
            detail,
            actuele_versie=sectie.versie,
            actuele_tekst=sectie.tekst,
            actuele_kop=sectie.kop,
            eigen_tekst=tekst,
            eigen_kop=nieuwe_kop if kop_meegegeven else None,
            basisversie=basisversie,
            te_complex=e.grof,
        ) from e
    fout = regels_fout(resultaat_tekst, waarvan="de samengevoegde tekst")
    if fout:
        raise OngeldigeInvoer(f"De wijziging kan niet worden opgeslagen: {fout}.", veld="tekst", reden=fout)
    fout = nieuwe_markeringsfout(sectie.tekst, resultaat_tekst)
    if fout is not None:
        raise Conflict(
            f"Sectie {sectie.id} is sinds versie {basisversie} gewijzigd (nu versie {sectie.versie}); samengevoegd met "
            f"uw wijziging krijgt de tekst een ongeldige Woo-markering ({fout}). Uw wijziging is niet opgeslagen; "
            "neem haar over in de actuele tekst.",
            actuele_versie=sectie.versie,
            actuele_tekst=sectie.tekst,
            actuele_kop=sectie.kop,
            eigen_tekst=tekst,
            eigen_kop=nieuwe_kop if kop_meegegeven else None,
            basisversie=basisversie,
            te_complex=False,
        )
    return Bewerking(sectie.versie, resultaat_tekst, resultaat_kop, True)


def wijzig_sectie(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    sectie: Sectie,
    *,
    tekst: str,
    kop: str | None,
    kop_meegegeven: bool,
    basisversie: int,
    reden: str | None,
    klok: Klok,
    lezen: Session | None = None,
) -> tuple[Sectie, bool, bool]:
    """Edit a section against `basisversie`; returns (section, samengevoegd, gewijzigd).

    With `lezen` (a read snapshot holding `document` and `sectie`), the merge is worked out
    there first, without any lock; then the document is locked in `session` and the edit is
    written if the section is still at the version merged against, else merged again (bounded
    by the diff budget). Without `lezen`, `document` is already locked in `session`.
    Identical content writes nothing (it would void oordelen and parafen for nothing).
    """
    invoer = dict(tekst=tekst, kop=kop, kop_meegegeven=kop_meegegeven, basisversie=basisversie)
    plan = bereken_wijziging(lezen or session, document, sectie, **invoer)
    if lezen is not None:
        document_id, sectie_id = document.id, sectie.id
        lezen.rollback()  # the snapshot is done with
        document = vergrendel(session, document_id)
        sectie = haal_sectie(session, document, sectie_id)
        if sectie.versie != plan.versie:
            plan = bereken_wijziging(session, document, sectie, **invoer)
        else:
            overgang(document, DocGebeurtenis.TEKST_WIJZIGEN)  # the status may have moved on
    if plan.tekst == sectie.tekst and plan.kop == sectie.kop:
        # Nothing to write; the transaction ends, unused, with the request.
        return sectie, plan.samengevoegd, False
    _laat_geescaleerde_passages_staan(session, sectie, plan.tekst)
    schrijf_sectie(
        session,
        document,
        sectie,
        kop=plan.kop,
        tekst=plan.tekst,
        gebruiker=gebruiker,
        reden=reden,
        nu=klok.nu(session),
        soort="sectie_gewijzigd",
        gegevens={"basisversie": basisversie, "samengevoegd": plan.samengevoegd, "reden": reden},
    )
    session.commit()
    return sectie, plan.samengevoegd, True


def _laat_geescaleerde_passages_staan(session: Session, sectie: Sectie, nieuwe_tekst: str) -> None:
    """An escalated thread is the bewindspersoon's alone (docs/api.md, issue 12): an edit that
    rewrites its passage would take the decision away from her, so it is refused (409)."""
    geescaleerd = session.exec(
        select(Tekstvoorstel).where(Tekstvoorstel.sectie_id == sectie.id, Tekstvoorstel.status == VoorstelStatus.GEESCALEERD)
    ).all()
    for voorstel in geescaleerd:
        plek = voorstelregels.als_wijziging(voorstel.positie, voorstel.oorspronkelijk, voorstel.voorgesteld)
        if voorstel.basisversie != sectie.versie:
            plek = voorstelregels.in_actuele_tekst(versie(session, sectie, voorstel.basisversie).tekst, sectie.tekst, plek)
        if plek is not None and voorstelregels.in_actuele_tekst(sectie.tekst, nieuwe_tekst, plek) is None:
            raise Conflict(
                f"De passage van tekstvoorstel {voorstel.id} ligt ter besluitvorming bij de bewindspersoon "
                f"(draad {voorstel.draad_id} is geëscaleerd); u kunt haar niet wijzigen tot er een besluit is. "
                "Er is niets opgeslagen.",
                draad=voorstel.draad_id,
            )


def _kop_samenvoegen(basis: str | None, actueel: str | None, mijn: str | None) -> str | None:
    if mijn == basis or mijn == actueel:
        return actueel
    if actueel == basis:
        return mijn
    raise diff.Conflict(diff.Wijziging(0, 0, actueel or ""), diff.Wijziging(0, 0, mijn or ""))
