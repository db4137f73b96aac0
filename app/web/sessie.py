"""The web UI's session: a signed, HttpOnly, SameSite=Strict cookie.

The cookie holds the id of the token row the user logged in with and a random CSRF secret;
nothing else. Every request re-reads that token row, so a revoked token ends the session at
once, and the user's roles are always the current ones. The signing key comes from
PARAAF_SESSION_SECRET or, by default, from the `instelling` table (created by a migration),
so every worker signs and checks with the same key.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session, select

from app.gebruikers.models import Gebruiker, Token
from app.gebruikers.service import gebruiker_bij_token, token_hash
from app.problemen import NietIngelogd, Verboden
from app.web.models import Instelling

COOKIE = "paraaf_sessie"
LOGIN_COOKIE = "paraaf_login_csrf"
GELDIGHEID_SECONDEN = 12 * 3600  # a working day; then log in again


def _sleutel(request: Request, sessie: Session) -> str:
    settings = request.app.state.settings
    if settings.session_secret:
        return settings.session_secret
    rij = sessie.get(Instelling, "sessiesleutel")
    if rij is None:
        raise RuntimeError("geen sessiesleutel: voer 'alembic upgrade head' uit of zet PARAAF_SESSION_SECRET")
    return rij.waarde


def _ondertekenaar(request: Request, sessie: Session) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_sleutel(request, sessie), salt="paraaf-sessie")


def _lees(request: Request, sessie: Session) -> dict | None:
    ruw = request.cookies.get(COOKIE)
    if not ruw:
        return None
    try:
        return _ondertekenaar(request, sessie).loads(ruw, max_age=GELDIGHEID_SECONDEN)
    except BadSignature:
        return None


def gebruiker_uit_cookie(request: Request, sessie: Session) -> Gebruiker:
    """The logged-in user, or NietIngelogd (the web UI answers that with the login page)."""
    inhoud = _lees(request, sessie)
    if not inhoud:
        raise NietIngelogd("U bent niet ingelogd.")
    rij = sessie.exec(
        select(Gebruiker, Token).join(Token, Token.gebruiker_id == Gebruiker.id).where(Token.id == inhoud.get("t"))
    ).first()
    if rij is None or rij[1].ingetrokken_op is not None:
        raise NietIngelogd("Uw sessie is verlopen of uw token is ingetrokken; log opnieuw in.")
    request.state.csrf = inhoud.get("c")
    return rij[0]


def log_in(request: Request, antwoord: Response, sessie: Session, token: str) -> Gebruiker | None:
    """Check `token`; on success set the session cookie on `antwoord`."""
    gebruiker = gebruiker_bij_token(sessie, token, request.app.state.settings, request.app.state.engine)
    if gebruiker is None:
        return None
    tok = sessie.exec(select(Token).where(Token.hash == token_hash(token))).first()
    waarde = _ondertekenaar(request, sessie).dumps({"t": tok.id, "c": secrets.token_urlsafe(24)})
    antwoord.set_cookie(
        COOKIE,
        waarde,
        max_age=GELDIGHEID_SECONDEN,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    antwoord.delete_cookie(LOGIN_COOKIE, path="/")
    return gebruiker


def log_uit(antwoord: Response) -> None:
    antwoord.delete_cookie(COOKIE, path="/")


def csrf_token(request: Request) -> str:
    """The token every form of this session carries (hidden field `csrf`, or the
    X-CSRF-Token header on htmx requests)."""
    return getattr(request.state, "csrf", None) or ""


def controleer_csrf(request: Request, ingezonden: str | None) -> None:
    verwacht = csrf_token(request)
    if not verwacht or not ingezonden or not hmac.compare_digest(verwacht, ingezonden):
        raise Verboden("Het formulier is verlopen of niet van deze site afkomstig (CSRF). Laad de pagina opnieuw.")


def login_csrf(request: Request, antwoord: Response) -> str:
    """Before login there is no session: a double-submit cookie protects the login form."""
    waarde = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    antwoord.set_cookie(LOGIN_COOKIE, waarde, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/")
    return waarde


def controleer_login_csrf(request: Request, ingezonden: str | None) -> None:
    verwacht = request.cookies.get(LOGIN_COOKIE)
    if not verwacht or not ingezonden or not hmac.compare_digest(verwacht, ingezonden):
        raise Verboden("Het inlogformulier is verlopen. Laad de pagina opnieuw.")
