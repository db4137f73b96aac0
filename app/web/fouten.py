"""Errors on the web UI's paths: the same problems the API answers as problem+json, shown as
pages in Dutch (app.problemen calls `app.state.web_fout` for every non-/api path)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.db import leessessie
from app.gebruikers.models import Gebruiker
from app.web.hulp import KOPREGELS, basiscontext, is_htmx, omgeving, veilig_volgende


def _terugweg(request: Request) -> str | None:
    """Where the user came from (same site only), for the 'back' link."""
    verwijzer = request.headers.get("referer")
    if not verwijzer:
        return None
    delen = urlsplit(verwijzer)
    if delen.netloc and delen.netloc != request.url.netloc:
        return None
    pad = delen.path + (f"?{delen.query}" if delen.query else "")
    return pad if pad.startswith("/") and not pad.startswith("//") else None


def _inlogadres(request: Request) -> str:
    if request.method == "GET":
        volgende = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    else:
        # After a POST, come back to the page the form was on, not to the POST's path.
        volgende = _terugweg(request) or "/werk"
    return "/inloggen?" + urlencode({"volgende": veilig_volgende(volgende), "reden": "sessie"})


def _gebruiker(request: Request) -> Gebruiker | None:
    gebruiker_id = getattr(request.state, "gebruiker_id", None)
    if gebruiker_id is None:
        return None
    with leessessie(request.app.state.engine) as sessie:
        return sessie.get(Gebruiker, gebruiker_id)


def web_fout(request: Request, status: int, titel: str, detail: str, extra: dict[str, Any] | None) -> Response:
    """401: to the login page (then back). Otherwise an error page with the right status, or
    for htmx a fragment retargeted into the page's message area."""
    extra = extra or {}
    if status == 401:
        doel = _inlogadres(request)
        if is_htmx(request):
            return Response(status_code=401, headers={"HX-Redirect": doel})
        antwoord = RedirectResponse(doel, status_code=303)
        return antwoord
    ctx = basiscontext(request, _gebruiker(request)) | {
        "status": status,
        "titel": titel,
        "detail": detail,
        "velden": extra.get("invalid_params") or [],
        "bezwaren": extra.get("bezwaren") or extra.get("open_bezwaren") or [],
        "terugweg": _terugweg(request),
    }
    env = omgeving()
    headers = dict(KOPREGELS)
    if is_htmx(request):
        html = env.get_template("web/_fout.html").render(ctx)
        headers |= {"HX-Retarget": "#meldingen", "HX-Reswap": "innerHTML"}
        return HTMLResponse(html, status_code=status, headers=headers)
    return HTMLResponse(env.get_template("web/fout.html").render(ctx), status_code=status, headers=headers)
