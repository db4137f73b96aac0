"""What a paraaf or vaststelling signs, as the confirmation page shows it: every member of the
set with its revisie, a short form of its hash and links to its Word file and HTML, and what
changed since this person's own previous paraaf (or else since the afstemmingsronde) as a
readable diff per section."""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy import func
from sqlmodel import col, select

from app.afstemming import toestand
from app.afstemming.models import Paraaf
from app.deps import Verzoek
from app.documenten import service as documenten
from app.documenten.models import Document, Sectie, SectieVersie
from app.stukken import leden as setleden
from app.web.hulp import mag
from workflow import diff
from workflow.autorisatie import Actie

KORT = 12  # hex digits of a hash shown


def kort(hash_: str) -> str:
    """The start of a hash as people compare it: "sha256:" left off, 12 hex digits."""
    return hash_.split(":", 1)[-1][:KORT]


def _noten(tekst: str) -> str:
    """Footnotes (^[…], nested brackets allowed) written as readable notes: "[voetnoot: …]"."""
    uit, i = [], 0
    while True:
        begin = tekst.find("^[", i)
        if begin < 0:
            uit.append(tekst[i:])
            return "".join(uit)
        diepte, j = 0, begin + 1
        while j < len(tekst):
            if tekst[j] == "[":
                diepte += 1
            elif tekst[j] == "]":
                diepte -= 1
                if diepte == 0:
                    break
            j += 1
        if j >= len(tekst):  # unclosed: leave as is
            uit.append(tekst[i:])
            return "".join(uit)
        uit.append(tekst[i:begin] + "[voetnoot: " + tekst[begin + 2 : j] + "]")
        i = j + 1


def leesbaar_verschil(oud_kop: str | None, oud: str, nieuw_kop: str | None, nieuw: str) -> Markup:
    """A section diff people can read: the heading on its own line (never glued to the text),
    paragraphs kept (the .diff block keeps line breaks), footnotes as notes."""
    delen = []
    if (oud_kop or "") != (nieuw_kop or ""):
        delen.append(
            '<p class="diff-kop"><strong>Kop:</strong> '
            + diff.diff_html(diff.woord_diff(oud_kop or "", nieuw_kop or ""))
            + "</p>"
        )
    elif nieuw_kop:
        delen.append(f'<p class="diff-kop"><strong>{Markup.escape(nieuw_kop)}</strong></p>')
    delen.append('<div class="diff-tekst">' + diff.diff_html(diff.woord_diff(_noten(oud), _noten(nieuw))) + "</div>")
    return Markup("".join(delen))


def _revisie_op(v: Verzoek, document: Document, moment) -> int:
    """The document's revisie at `moment` (0: it did not exist yet)."""
    hoogste = v.sessie.exec(
        select(func.max(SectieVersie.revisie))
        .join(Sectie, col(Sectie.id) == col(SectieVersie.sectie_id))
        .where(Sectie.document_id == document.id, SectieVersie.tijdstip <= moment)
    ).one()
    return int(hoogste or 0)


def _wijzigingen(v: Verzoek, document: Document, van: int) -> list[dict]:
    """Per section changed between revisie `van` and now: its readable diff."""
    toen = {s.sectie_id: s for s in documenten.secties_op_revisie(v.sessie, document, van)} if van >= 1 else {}
    uit = []
    for sectie in documenten.secties(v.sessie, document.id):
        oud = toen.get(sectie.id)
        oud_kop, oud_tekst = (oud.kop, oud.tekst) if oud else (None, "")
        if oud is not None and oud_kop == sectie.kop and oud_tekst == sectie.tekst:
            continue
        uit.append(
            {
                "kop": sectie.kop or "Inleiding",
                "nieuw": oud is None,
                "html": leesbaar_verschil(oud_kop, oud_tekst, sectie.kop, sectie.tekst),
            }
        )
    return uit


def ondertekening(v: Verzoek, document: Document) -> dict:
    """What signing `document`'s set means now, for this user."""
    kop = setleden.hoofd(v.sessie, document)
    stand = setleden.stand(v.sessie, kop)
    eigen = v.sessie.exec(
        select(Paraaf).where(Paraaf.document_id == kop.id, Paraaf.gebruiker_id == v.gebruiker.id).order_by(col(Paraaf.id).desc())
    ).first()
    ronde = toestand.laatste_ronde(v.sessie, kop.id)
    if eigen is not None:
        toen = {int(i): int(r) for i, r in (x.split(":") for x in eigen.setstand.split(",") if x)}
        sinds = {"soort": "paraaf", "tijdstip": eigen.tijdstip}
    elif ronde is not None:
        toen = None
        sinds = {"soort": "ronde", "tijdstip": ronde.geopend_op}
    else:
        toen, sinds = None, None
    leden = []
    for lid in setleden.leden(v.sessie, kop):
        if not mag(v, Actie.DOCUMENT_LEZEN, lid):
            continue
        if sinds is None:
            van = lid.revisie
        elif toen is not None:
            van = toen.get(lid.id, 0)
        else:
            van = _revisie_op(v, lid, sinds["tijdstip"])
        leden.append(
            {
                "document": lid,
                "revisie": lid.revisie,
                "hash": kort(lid.inhoudshash),
                "van": van,
                "wijzigingen": _wijzigingen(v, lid, van) if van < lid.revisie else [],
            }
        )
    return {"kop": kop, "leden": leden, "sethash": stand.sethash, "sethash_kort": kort(stand.sethash), "sinds": sinds}
