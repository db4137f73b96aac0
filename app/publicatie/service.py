"""Building the Woo publication package of a set.

`GET /documenten/{brief}/woo-pakket.zip` -> a zip with
- `documenten/NN-<soort>-<titel>.pdf`: the Woo version of each member as PDF/A, made from the
  Word Woo variant (so redaction is one mechanism: withheld text is replaced by its ground in the
  text itself, never covered by a box over text that is still there);
- `metadata/NN-<soort>-<titel>.diwoo.xml`: DiWoo metadata per published document;
- `inventarislijst.csv` and `inventarislijst.xlsx`: number, title, kind, date, kenmerk,
  beoordeling, the grounds applied and where;
- `manifest-sha256.txt`: the SHA-256 of every other file (`sha256sum -c`).

The slow part (LibreOffice, all documents in one run) happens after the read transaction ended.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from app.deps import Verzoek
from app.documenten.models import Document
from app.problemen import Conflict
from app.publicatie.xlsx import inventaris_xlsx
from app.stukken import leden as setleden
from app.weergave import service as weergave
from app.weergave.docx import document_docx
from app.weergave.model import DocumentWeergave, WooContext
from app.weergave.opbouw import gepubliceerde_tekst
from app.weergave.pdf import omzetter
from workflow import diwoo
from workflow.departementen import DEPARTEMENTEN
from workflow.statussen import DocStatus
from workflow.statussen import label as statuslabel
from workflow.woo import redigeer
from workflow.woo_pakket import (
    Inventarisregel,
    alles_weggelakt,
    bestandsnaam_deel,
    inventaris_csv,
    manifest,
    voeg_vindplaats_toe,
)

SOORT_VOLGORDE = {"kamerbrief": 0, "beslisnota": 1, "bijlage": 2}
SOORT_NAAM = {"kamerbrief": "Kamerbrief", "beslisnota": "Beslisnota", "bijlage": "Bijlage"}
PUBLICEERBAAR = frozenset({DocStatus.VASTGESTELD.value, DocStatus.VERZONDEN.value})


# --- the set ----------------------------------------------------------------------------------------


def brief_van(session: Session, document: Document) -> Document:
    """The letter whose set `document` belongs to (the document itself for a kamerbrief): the
    head of its set (app.stukken.leden), which must be a kamerbrief."""
    brief = setleden.hoofd(session, document)
    if brief is not None and brief.soort == "kamerbrief":
        return brief
    raise Conflict(f"Een Woo-pakket hoort bij een Kamerbrief; document {document.id} is niet aan een Kamerbrief gekoppeld.")


def leden_van_set(session: Session, brief: Document) -> list[Document]:
    """The members of the set: the letter, then its beslisnota and bijlagen (every document
    whose `gekoppeld_aan` is the letter, app.stukken.leden), in that order."""
    return [brief, *sorted(setleden.stukken(session, brief), key=lambda d: (SOORT_VOLGORDE.get(d.soort, 9), d.id))]


# --- where the grounds were applied -------------------------------------------------------------------


def _teksten(waarde) -> list[str]:
    """Every string inside a value of the render model (dataclasses, lists, tuples)."""
    if isinstance(waarde, str):
        return [waarde]
    if isinstance(waarde, list | tuple):
        return [t for v in waarde for t in _teksten(v)]
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return [t for f in dataclasses.fields(waarde) for t in _teksten(getattr(waarde, f.name))]
    return []


BLOK_NAMEN = {"nb_punten": "NB-punten", "afstemming": "Proces van afstemming", "parafen": "Parafenlijn"}


def onderdelen(doc: DocumentWeergave) -> list[tuple[str, list[str]]]:
    """The parts of a document by the name a reader finds them under, with their texts."""
    delen: list[tuple[str, list[str]]] = [("Titel en kenmerk", [doc.titel, doc.kenmerk or ""])]
    for i, sectie in enumerate(doc.secties):
        naam = sectie.kop or ("Aanhef" if i == 0 else f"Sectie {i + 1}")
        delen.append((naam, [sectie.kop or "", sectie.tekst]))
    delen.append(("Ondertekening", [doc.ondertekenaar or "", doc.ondertekenaar_functie]))
    delen.append(("Bijlagen", list(doc.bijlagen)))
    if doc.blokken is not None:
        for f in dataclasses.fields(doc.blokken):
            naam = BLOK_NAMEN.get(f.name, "Beslisnota: " + f.name.replace("_", " "))
            delen.append((naam, _teksten(getattr(doc.blokken, f.name))))
    return delen


def beoordeel(doc: DocumentWeergave, woo: WooContext) -> tuple[dict[str, list[str]], bool]:
    """Per Woo ground, the parts where the publication version applies it; and whether nothing
    of the document's own text is left (niet openbaar). Uses the same redaction as the Word
    Woo variant (section text as laid out: app.weergave.opbouw.gepubliceerde_tekst)."""
    vindplaatsen: dict[str, list[str]] = {}
    for naam, teksten in onderdelen(doc):
        for tekst in teksten:
            _, gronden = redigeer(tekst, woo)
            voeg_vindplaats_toe(vindplaatsen, gronden, naam)
    # Section text and headings as laid out (a name half in bold, across a footnote reference):
    # what the published PDF withholds, so the inventory and the PDF cannot disagree.
    inhoud = []
    for i, sectie in enumerate(doc.secties):
        naam = sectie.kop or ("Aanhef" if i == 0 else f"Sectie {i + 1}")
        tekst, gronden = gepubliceerde_tekst(sectie.tekst, woo)
        voeg_vindplaats_toe(vindplaatsen, gronden | gepubliceerde_tekst(sectie.kop or "", woo, kop=True)[1], naam)
        inhoud.append(tekst)
    return vindplaatsen, alles_weggelakt(inhoud)


# --- the package --------------------------------------------------------------------------------------


@dataclass
class Lid:
    document: Document
    weergave: DocumentWeergave
    regel: Inventarisregel
    docx: bytes | None  # the Word Woo variant; None when nothing is published
    naam: str  # file name without extension
    identifier: str
    titel: str  # as published


def _identifier(document: Document) -> str:
    return f"urn:paraaf:{document.penvoerder}:document:{document.id}"


def woo_pakket(v: Verzoek, document: Document) -> tuple[bytes, str]:
    s = v.sessie
    brief = brief_van(s, document)
    if brief.status not in PUBLICEERBAAR:
        raise Conflict(
            f"De Kamerbrief (document {brief.id}) heeft de status '{statuslabel(brief.status)}': een Woo-pakket wordt gemaakt van een "
            "vastgestelde of verzonden brief."
        )
    nu = v.klok.nu(s)
    woo = weergave.woo_context(s)
    leden: list[Lid] = []
    for nummer, lid in enumerate(leden_van_set(s, brief), start=1):
        w = weergave.document_weergave(s, lid, nu)
        vindplaatsen, niet_openbaar = beoordeel(w, woo)
        titel = redigeer(w.titel, woo)[0]
        naam = f"{nummer:02d}-{lid.soort}-{bestandsnaam_deel(titel)}"
        regel = Inventarisregel(
            nummer=nummer,
            titel=titel,
            soort=SOORT_NAAM.get(lid.soort, lid.soort),
            datum=w.datum,
            kenmerk=redigeer(w.kenmerk, woo)[0] or None,
            vindplaatsen=vindplaatsen,
            niet_openbaar=niet_openbaar,
            bestand=None if niet_openbaar else f"documenten/{naam}.pdf",
        )
        docx = None if niet_openbaar else document_docx(w, woo)
        leden.append(Lid(lid, w, regel, docx, naam, _identifier(lid), titel))
    vastgesteld_op = brief.vastgesteld_op
    # LibreOffice takes seconds: the read transaction ends first.
    v.sluit()

    gepubliceerd = [lid for lid in leden if lid.docx is not None]
    pdfs = omzetter(v.settings).naar_pdfs([lid.docx for lid in gepubliceerd])
    bestanden: dict[str, bytes] = {}
    brief_lid = leden[0]
    for lid, pdf in zip(gepubliceerd, pdfs, strict=True):
        bestanden[f"documenten/{lid.naam}.pdf"] = pdf
        d = lid.document
        metadata = diwoo.DiwooDocument(
            identifiers=[lid.identifier] + ([lid.regel.kenmerk] if lid.regel.kenmerk else []),
            titel=lid.titel,
            soort=d.soort,
            penvoerder=d.penvoerder,
            mede_namens=list(d.mede_namens),
            creatiedatum=lid.weergave.datum,
            vastgesteld_op=d.vastgesteld_op or vastgesteld_op,
            omschrijving=f"{lid.regel.soort}, {lid.regel.beoordeling}"
            + (f" (weigeringsgronden Woo: {', '.join(lid.regel.gronden)})" if lid.regel.gronden else ""),
            onderdeel_van=None if lid is brief_lid else diwoo.Verwijzing(brief_lid.identifier, brief_lid.titel),
            bijlagen=[diwoo.Verwijzing(x.identifier, x.titel) for x in gepubliceerd if x is not brief_lid]
            if lid is brief_lid
            else [],
        )
        bestanden[f"metadata/{lid.naam}.diwoo.xml"] = diwoo.diwoo_xml(metadata)
    regels = [lid.regel for lid in leden]
    organisatie = DEPARTEMENTEN.get(brief.penvoerder, brief.penvoerder)
    moment = datetime.combine(brief_lid.weergave.datum, datetime.min.time(), tzinfo=UTC)
    bestanden["inventarislijst.csv"] = inventaris_csv(regels)
    bestanden["inventarislijst.xlsx"] = inventaris_xlsx(
        regels, titel=f"Inventarislijst {brief_lid.titel}", organisatie=organisatie, moment=moment
    )
    bestanden["manifest-sha256.txt"] = manifest(bestanden)
    return _zip(bestanden), f"woo-pakket-kamerbrief-{brief.id}.zip"


def _zip(bestanden: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for naam in sorted(bestanden, key=lambda n: (n == "manifest-sha256.txt", n)):
            info = zipfile.ZipInfo(naam, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, bestanden[naam])
    return buffer.getvalue()
