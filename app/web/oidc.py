"""The web side of single sign-on: GET /inloggen/oidc starts it, GET /inloggen/oidc/terug is
the redirect URI (app.aanmelden has the protocol and its checks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app import aanmelden
from app.db import leessessie, schrijfsessie
from app.gebruikers import service as gebruikers
from app.problemen import NietGevonden
from app.web import sessie as websessie
from app.web.hulp import KOPREGELS, omgeving, veilig_volgende

router = APIRouter()

# A session never outlasts a working day, whatever the provider says.
_MAX = timedelta(seconds=websessie.GELDIGHEID_SECONDEN)


def _geweigerd(request: Request, fout: aanmelden.Geweigerd, volgende: str = "/werk") -> HTMLResponse:
    from app.web.views import _inlogpagina

    return _inlogpagina(request, volgende=volgende, fout=fout.detail, status=fout.status)


@router.get("/inloggen/oidc")
def oidc_begin(request: Request, volgende: str | None = Query(None)):
    settings = request.app.state.settings
    if not aanmelden.aan(settings):
        raise NietGevonden("Inloggen met een rijksaccount is hier niet ingesteld.")
    doel = veilig_volgende(volgende)
    try:
        url, toestand = aanmelden.begin(settings)
    except aanmelden.Geweigerd as e:
        return _geweigerd(request, e, doel)
    with leessessie(request.app.state.engine) as sessie:
        waarde = websessie.onderteken_aanmelding(request, sessie, {**toestand, "volgende": doel})
    antwoord = RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})
    # SameSite=Lax: the provider's redirect back is a top-level navigation from another site.
    antwoord.set_cookie(
        websessie.OIDC_COOKIE,
        waarde,
        max_age=600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/inloggen/oidc",
    )
    return antwoord


def _verder(doel: str) -> HTMLResponse:
    """A page that moves on by itself. The session cookie is SameSite=Strict, and a browser
    does not send it on a redirect chain that another site (the provider) started; a
    navigation from our own page does."""
    ctx = {"doel": doel}
    html = omgeving().get_template("web/verder.html").render(ctx)
    return HTMLResponse(html, headers=KOPREGELS)


@router.get("/inloggen/oidc/terug")
def oidc_terug(request: Request):
    settings = request.app.state.settings
    if not aanmelden.aan(settings):
        raise NietGevonden("Inloggen met een rijksaccount is hier niet ingesteld.")
    engine, klok = request.app.state.engine, request.app.state.klok
    with leessessie(engine) as sessie:
        toestand = websessie.lees_aanmelding(request, sessie)
    doel = veilig_volgende((toestand or {}).get("volgende"))
    try:
        claims = aanmelden.terug(settings, dict(request.query_params), toestand)
        gegevens = aanmelden.persoonsgegevens(settings, claims)
        antwoord = _verder(doel)
        with schrijfsessie(engine) as sessie:
            gebruiker = gebruikers.bij_aanmelding(sessie, gegevens, settings, klok)
            nu = klok.nu(sessie)
            verloopt_op = datetime.fromtimestamp(int(claims["exp"]), UTC)
            websessie.log_in_na_aanmelding(request, antwoord, sessie, gebruiker, min(verloopt_op, nu + _MAX), nu)
            sessie.commit()
    except aanmelden.Geweigerd as e:
        antwoord = _geweigerd(request, e, doel)
    # The state is spent, whatever the outcome: a second callback with it is refused.
    antwoord.delete_cookie(websessie.OIDC_COOKIE, path="/inloggen/oidc")
    return antwoord
