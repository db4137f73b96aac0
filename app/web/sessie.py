"""The web UI's session: a row on the server and a signed, HttpOnly, SameSite=Strict cookie
that names it.

Every login (with a token or by single sign-on) opens a session row of its own (a `token` row
of soort "sessie", whose hash is of no token anyone holds, so it can never be presented as a
bearer token); the cookie holds that row's id and a random CSRF secret, nothing else. Every
request re-reads the row: logging out revokes it, so an old cookie and its CSRF token are dead
at once on every worker; revoking the person's tokens revokes their session rows too; and the
user's roles are always the current ones. The signing key comes from
PARAAF_SESSION_SECRET or, by default, from the `instelling` table (created by a migration),
so every worker signs and checks with the same key.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session, select

from app.gebruikers.models import Gebruiker, Token
from app.gebruikers.service import gebruiker_bij_token
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
    if rij[1].verloopt_op is not None and rij[1].verloopt_op <= datetime.now(UTC):
        raise NietIngelogd("Uw sessie is verlopen; log opnieuw in.")
    request.state.csrf = inhoud.get("c")
    request.state.sessie_token_id = rij[1].id
    return rij[0]


def open_sessie(
    request: Request, antwoord: Response, sessie: Session, token_id: int, *, geldig_seconden: int = GELDIGHEID_SECONDEN
) -> None:
    """The one way a web session begins (token login and single sign-on alike): a signed cookie
    naming the token row it stands on, and a fresh CSRF secret."""
    waarde = _ondertekenaar(request, sessie).dumps({"t": token_id, "c": secrets.token_urlsafe(24)})
    antwoord.set_cookie(
        COOKIE,
        waarde,
        max_age=max(1, min(geldig_seconden, GELDIGHEID_SECONDEN)),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    antwoord.delete_cookie(LOGIN_COOKIE, path="/")


def log_in(request: Request, antwoord: Response, sessie: Session, token: str) -> Gebruiker | None:
    """Check `token`; on success open a session row of its own (committed here: `sessie` is a
    write session) and set its cookie on `antwoord`. Logging out revokes that row only, never
    the token itself (API clients keep working)."""
    gebruiker = gebruiker_bij_token(sessie, token, request.app.state.settings, request.app.state.engine)
    if gebruiker is None:
        return None
    nu = datetime.now(UTC)  # the cookie's own expiry is on this clock too
    tok = Token(
        gebruiker_id=gebruiker.id,
        hash="sessie:" + secrets.token_hex(32),
        uitgegeven_op=nu,
        soort="sessie",
        verloopt_op=nu + timedelta(seconds=GELDIGHEID_SECONDEN),
    )
    sessie.add(tok)
    sessie.commit()
    open_sessie(request, antwoord, sessie, tok.id)
    return gebruiker


def log_in_na_aanmelding(
    request: Request, antwoord: Response, sessie: Session, gebruiker: Gebruiker, verloopt_op: datetime, nu: datetime
) -> None:
    """After single sign-on: a session row of its own that ends with the provider's session
    (the ID token's exp). Its hash is of no token anyone holds ("sessie:" is no sha256), so it
    can never be presented as a bearer token; revoking the person's tokens ends it too."""
    tok = Token(
        gebruiker_id=gebruiker.id,
        hash="sessie:" + secrets.token_hex(32),
        uitgegeven_op=nu,
        soort="sessie",
        verloopt_op=verloopt_op,
    )
    sessie.add(tok)
    sessie.flush()
    open_sessie(request, antwoord, sessie, tok.id, geldig_seconden=int((verloopt_op - nu).total_seconds()))


def log_uit(antwoord: Response) -> None:
    antwoord.delete_cookie(COOKIE, path="/")


def beeindig_sessie(request: Request, sessie: Session, nu: datetime) -> None:
    """Logging out revokes the session's row (token login and single sign-on alike): the
    cookie and the CSRF token it carries are worthless after, on every worker."""
    token_id = getattr(request.state, "sessie_token_id", None)
    if token_id is None:
        return
    tok = sessie.get(Token, token_id)
    if tok is not None and tok.soort == "sessie" and tok.ingetrokken_op is None:
        tok.ingetrokken_op = nu
        sessie.add(tok)
        sessie.commit()


OIDC_COOKIE = "paraaf_oidc"


def onderteken_aanmelding(request: Request, sessie: Session, toestand: dict) -> str:
    return URLSafeTimedSerializer(_sleutel(request, sessie), salt="paraaf-oidc").dumps(toestand)


def lees_aanmelding(request: Request, sessie: Session) -> dict | None:
    """The state, nonce and verifier kept for the callback (ten minutes), or None."""
    ruw = request.cookies.get(OIDC_COOKIE)
    if not ruw:
        return None
    try:
        return URLSafeTimedSerializer(_sleutel(request, sessie), salt="paraaf-oidc").loads(ruw, max_age=600)
    except BadSignature:
        return None


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
