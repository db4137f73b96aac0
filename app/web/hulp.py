"""Shared helpers of the web UI: the Jinja2 environment, Dutch labels, page responses (whole
page, or one block for htmx), Post/Redirect/Get with a flash message, and the small checks
that decide which buttons a user sees (always via the authorisation matrix and the
transition tables, never a rule of our own)."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup
from pydantic import BaseModel, ValidationError

from app.config import PROJECT_ROOT
from app.deps import Verzoek
from app.documenten import service as documenten
from app.documenten.models import Document
from app.middleware import KOPREGELS  # noqa: F401 - the security headers of every page, used by the web modules
from app.schemas import AMSTERDAM
from app.web.sessie import csrf_token
from app.weergave.html import tekst_html
from app.weergave.opbouw import datum_nl, tijdstip_nl
from workflow import handelingen
from workflow.autorisatie import Actie, Rol, reden_tegen
from workflow.departementen import DEPARTEMENTEN
from workflow.handelingen import Handeling, Stand
from workflow.labels import labels
from workflow.statussen import DocStatus, Oordeelwaarde, RondeStatus, Soort, VoorstelStatus

SJABLONEN = PROJECT_ROOT / "templates"
HTMX = "htmx-2.0.11.min.js"

# Labels come with the enums (workflow.labels): one list of values per concept.
DOCSTATUS = labels(DocStatus)
VOORSTELSTATUS = labels(VoorstelStatus)
OORDEEL = labels(Oordeelwaarde)
RONDESTATUS = labels(RondeStatus)
SOORT = labels(Soort)
ROL = labels(Rol)
WERKSOORT = {
    "reageren": "Reageren op tekstvoorstel",
    "oordeel_geven": "Oordeel geven",
    "paraferen": "Paraferen",
    "behandelen": "Tekstvoorstellen behandelen",
    "besluiten": "Besluiten over geschil",
    "vaststellen": "Vaststellen",
    "afhankelijkheid": "Afhankelijkheid afhandelen",
    "beslispunten": "Besluiten over beslispunten",
}

# Flash messages travel as a code in ?melding=..., never as free text (no content spoofing
# through a crafted link), and no server-side state is needed.
MELDINGEN = {
    "uitgelogd": "U bent uitgelogd.",
    "meldingen": "Uw keuze voor meldingen is opgeslagen.",
    "afwezig": "Uw afwezigheid is vastgelegd; uw vervanger krijgt uw werk en meldingen.",
    "aanwezig": "Uw afwezigheid is beëindigd.",
    "voorstel": "Uw tekstvoorstel is ingediend.",
    "akkoord": "Uw reactie ‘akkoord’ is vastgelegd.",
    "niet_akkoord": "Uw reactie ‘niet akkoord’ is vastgelegd.",
    "tegenvoorstel": "Uw tegenvoorstel is ingediend.",
    "overgenomen": "Het tekstvoorstel is overgenomen in de tekst.",
    "afgewezen": "Het tekstvoorstel is afgewezen.",
    "ingetrokken": "Het tekstvoorstel is ingetrokken.",
    "geescaleerd": "De draad is geëscaleerd naar de bewindspersoon.",
    "besloten": "Uw besluit is vastgelegd en in de tekst verwerkt.",
    "opgeslagen": "De sectie is opgeslagen.",
    "samengevoegd": "De sectie is opgeslagen, samengevoegd met wijzigingen van anderen.",
    "ongewijzigd": "Niets opgeslagen: de tekst is gelijk aan de actuele versie.",
    "ronde": "De afstemmingsronde is geopend.",
    "oordeel": "Uw oordeel is vastgelegd.",
    "geparafeerd": "Uw paraaf is vastgelegd.",
    "vastgesteld": "Het document is vastgesteld.",
    "verzonden": "Het document is verzonden.",
    "retour": "Het Word-bestand is verwerkt: de wijzigingen staan als tekstvoorstellen bij de secties.",
    "beslispunt": "Uw besluit over het beslispunt is vastgelegd.",
    "afhankelijkheid": "De afhankelijkheid is toegevoegd.",
    "afhankelijkheid_vervuld": "De afhankelijkheid is afgevinkt.",
    "afhankelijkheid_vervallen": "De afhankelijkheid is vervallen.",
    "afwijking": "Het bezwaar is terzijde gelegd; de reden staat in de beslisnota.",
    "rollen": "De rollen en het paraafniveau zijn opgeslagen.",
    "token_ingetrokken": "Het token is ingetrokken; wie ermee was ingelogd, is uitgelogd.",
    "document": "Het document is aangemaakt.",
    "geimporteerd": "Het bestand is ingelezen als nieuw document.",
}


def _tijdstip(moment: datetime | None) -> str:
    return tijdstip_nl(moment) if moment else "—"


def _datum(moment) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, datetime):
        moment = moment.astimezone(AMSTERDAM).date()
    return datum_nl(moment)


def _invoer_tijdstip(moment: datetime | None) -> str:
    """Value for <input type="datetime-local">, in Dutch time."""
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M") if moment else ""


def _departement(code: str | None) -> str:
    return DEPARTEMENTEN.get(code or "", code or "—")


@functools.cache
def omgeving() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SJABLONEN),
        autoescape=jinja2.select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        tijdstip=_tijdstip,
        datum=_datum,
        invoertijd=_invoer_tijdstip,
        docstatus=lambda s: DOCSTATUS.get(s, s),
        voorstelstatus=lambda s: VOORSTELSTATUS.get(s, s),
        oordeel=lambda s: OORDEEL.get(s, s) if s else "Nog geen oordeel",
        rondestatus=lambda s: RONDESTATUS.get(s, s),
        soort=lambda s: SOORT.get(s, s),
        rol=lambda s: ROL.get(s, s),
        werksoort=lambda s: WERKSOORT.get(s, s),
        departement=_departement,
        markdown=lambda tekst, voorvoegsel="": tekst_html(tekst or "", voorvoegsel=voorvoegsel),
    )
    env.globals.update(HTMX=HTMX, DEPARTEMENTEN=DEPARTEMENTEN)
    return env


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true" and not request.headers.get("hx-history-restore-request")


def basiscontext(request: Request, gebruiker=None) -> dict:
    code = request.query_params.get("melding")
    return {
        "request": request,
        "gebruiker": gebruiker,
        "csrf": csrf_token(request) if gebruiker is not None else "",
        "melding": MELDINGEN.get(code or ""),
        "pad": request.url.path,
    }


def render_block(env: jinja2.Environment, sjabloon: str, blok: str, ctx: dict) -> str:
    """One block of a page template, with the page's context (what jinja2-fragments does)."""
    template = env.get_template(sjabloon)
    return env.concat(template.blocks[blok](template.new_context(ctx)))  # type: ignore[attr-defined]


# htmx targets (element ids) and the template block that fills each.
_BLOKKEN = {"inhoud": "inhoud", "verschil": "verschil"}


def pagina(request: Request, sjabloon: str, v: Verzoek | None, *, status: int = 200, **context) -> HTMLResponse:
    """A whole page; for an htmx request aimed at #inhoud only that block, plus the flash
    message as an out-of-band swap into the live region."""
    ctx = basiscontext(request, v.gebruiker if v else None) | context
    env = omgeving()
    doel = request.headers.get("hx-target") if is_htmx(request) else None
    if doel in _BLOKKEN and _BLOKKEN[doel] in env.get_template(sjabloon).blocks:
        html = render_block(env, sjabloon, _BLOKKEN[doel], ctx)
        if doel == "inhoud":
            meldingen = env.get_template("web/_meldingen.html").render(ctx)
            html += f'<div id="meldingen" hx-swap-oob="innerHTML">{meldingen}</div>'
    else:
        html = env.get_template(sjabloon).render(ctx)
    return HTMLResponse(html, status_code=status, headers={**KOPREGELS, "Vary": "HX-Request"})


def terug(pad: str, melding: str | None = None, anker: str | None = None, **params) -> RedirectResponse:
    """Post/Redirect/Get: 303 to `pad` with a flash message code."""
    query = {k: w for k, w in params.items() if w is not None}
    if melding:
        query["melding"] = melding
    url = pad + ("?" + urlencode(query) if query else "") + (f"#{anker}" if anker else "")
    return RedirectResponse(url, status_code=303)


Schema = TypeVar("Schema", bound=BaseModel)


def valideer(model: type[Schema], **velden) -> Schema:
    """Validate form input with the API's own schema; errors become the same 422."""
    try:
        return model(**velden)
    except ValidationError as e:
        raise RequestValidationError([{**f, "loc": ("body", *f["loc"])} for f in e.errors()]) from None


def leeg_is_niets(waarde: str | None) -> str | None:
    return None if waarde is None or waarde.strip() == "" else waarde


def tijdstip_uit_formulier(waarde: str | None) -> datetime | None:
    """<input type="datetime-local"> gives local time without offset: Dutch time is meant.
    Unparseable input is passed on as text, so the API's schema names the field."""
    waarde = leeg_is_niets(waarde)
    if waarde is None:
        return None
    try:
        moment = datetime.fromisoformat(waarde)
    except ValueError:
        return waarde  # type: ignore[return-value]
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def mag(v: Verzoek, actie: Actie, document: Document, **extra) -> bool:
    return reden_tegen(actie, v.actor, documenten.context(v.sessie, document, **extra)) is None


def waarom_niet(v: Verzoek, actie: Actie, document: Document, **extra) -> str | None:
    return reden_tegen(actie, v.actor, documenten.context(v.sessie, document, **extra))


def weigering(
    v: Verzoek, handeling: Handeling, document: Document, stand: Stand | None = None, **extra
) -> handelingen.Weigering | None:
    """The one answer of workflow.handelingen for a button: None (shown), a guard's refusal
    (shown disabled, with its reason), or a refusal of who or when (not shown)."""
    stand = stand or Stand(document.status)
    return handelingen.waarom_niet(handeling, v.actor, documenten.context(v.sessie, document, **extra), stand)


def kan(v: Verzoek, handeling: Handeling, document: Document, stand: Stand | None = None, **extra) -> bool:
    """A button that is shown and enabled."""
    return weigering(v, handeling, document, stand, **extra) is None


def knop(v: Verzoek, handeling: Handeling, document: Document, stand: Stand | None = None, **extra) -> bool:
    """A button that is shown (perhaps disabled by a guard)."""
    w = weigering(v, handeling, document, stand, **extra)
    return w is None or w.bewaking


def statisch_pad() -> Path:
    return PROJECT_ROOT / "static"


def veilig_volgende(waarde: str | None) -> str:
    """Only a local path (no scheme, no host, not the API) is followed after login."""
    if not waarde or not waarde.startswith("/") or waarde.startswith("//") or "\\" in waarde:
        return "/werk"
    if waarde.startswith("/api/") or waarde.startswith("/inloggen") or any(ord(c) < 32 for c in waarde):
        return "/werk"
    return waarde


__all__ = ["Markup"]
