"""Single sign-on with OpenID Connect (docs/api.md "Aanmelden"; the Dutch government profile, OpenID
NLGov: authorization code flow with PKCE S256).

The steps, each refused with a Dutch page when it fails (docs/aanmelden.md has the sequence):
1. `begin`: state, nonce and PKCE verifier are made here and kept in a signed, HttpOnly
   cookie of ten minutes that only the callback path sees; the browser goes to the provider.
2. `terug`: the state must equal the cookie's (else nothing is exchanged), the cookie is
   spent, the code is exchanged at the token endpoint with the verifier (the provider refuses a
   replayed code), client authentication by secret or private_key_jwt.
3. The ID token is checked: signature against the provider's published keys (RS256, PS256 or
   ES256 only), issuer, audience (and azp), expiry, issued-at, nonce, at_hash.
4. Claims: the ID token's, overlaid by the userinfo endpoint's where it gives them (ADFS gives
   only `sub` there: the ID token's claims are kept); a userinfo `sub` that differs is refused.
5. The person: by (issuer, sub); else the first login of a known e-mail address links the
   account; else a clear Dutch page, or, with PARAAF_OIDC_NIEUWE_GEBRUIKERS, a new account with
   the roles PARAAF_OIDC_ROLLEN maps the groups to (a groups claim that is absent, e.g. Entra
   ID's overage with many groups, never means "no groups": such a person is not created).
6. The Paraaf session is opened the same way as a token login (app.web.sessie.open_sessie),
   on a session row that ends with the ID token's `exp` (the provider's session).

Authlib does the OAuth client work (code exchange, client authentication, PKCE challenge,
ID token claim checks); this module decides, in plain steps, what is accepted.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import httpx
from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey

from app.config import Settings

with warnings.catch_warnings():
    # Authlib 1.9 announces a move to "httpx2"; its httpx client is the supported one today.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client

log = logging.getLogger("paraaf.aanmelden")

TERUG_PAD = "/inloggen/oidc/terug"
ALGORITMEN = ["RS256", "PS256", "ES256"]  # never "none", never a shared-secret HS256
SPEELRUIMTE = 60  # seconds of clock difference allowed with the provider


class Geweigerd(Exception):
    """A login that must not succeed; `detail` is shown to the person (Dutch), `status` is the page's."""

    def __init__(self, detail: str, status: int = 401):
        super().__init__(detail)
        self.detail, self.status = detail, status


def aan(settings: Settings) -> bool:
    return bool(settings.oidc_issuer and settings.oidc_client_id)


def redirect_uri(settings: Settings) -> str:
    return settings.basis_url.rstrip("/") + TERUG_PAD


# --- the provider's metadata and keys, cached per process ------------------------------------


@dataclass
class _Cache:
    tot: float
    waarde: dict


_cache: dict[str, _Cache] = {}
_slot = threading.Lock()
BEWAARTIJD = 3600.0


def _haal_json(url: str, *, vers: bool = False) -> dict:
    with _slot:
        bewaard = _cache.get(url)
        if bewaard and not vers and bewaard.tot > time.monotonic():
            return bewaard.waarde
    try:
        antwoord = httpx.get(url, timeout=10, follow_redirects=False)
        antwoord.raise_for_status()
        waarde = antwoord.json()
    except (httpx.HTTPError, ValueError) as e:
        raise Geweigerd("De identiteitsprovider is nu niet bereikbaar. Probeer het later opnieuw.", 502) from e
    with _slot:
        _cache[url] = _Cache(time.monotonic() + BEWAARTIJD, waarde)
    return waarde


def metadata(settings: Settings) -> dict:
    issuer = settings.oidc_issuer.rstrip("/")
    gegevens = _haal_json(issuer + "/.well-known/openid-configuration")
    # OpenID Connect Discovery 4.3: the issuer in the document is exactly the one configured.
    if gegevens.get("issuer") != settings.oidc_issuer:
        raise Geweigerd("De identiteitsprovider noemt een andere issuer dan ingesteld; inloggen is uitgeschakeld.", 502)
    return gegevens


def sleutels(settings: Settings, *, vers: bool = False) -> KeySet:
    return KeySet.import_key_set(_haal_json(metadata(settings)["jwks_uri"], vers=vers))


# --- step 1 --------------------------------------------------------------------------------


def begin(settings: Settings) -> tuple[str, dict]:
    """The provider's authorization URL and what the callback must find back (for the cookie)."""
    meta = metadata(settings)
    toestand = {"state": generate_token(32), "nonce": generate_token(32), "verifier": generate_token(64)}
    client = OAuth2Client(client_id=settings.oidc_client_id, redirect_uri=redirect_uri(settings), scope=settings.oidc_scope)
    url, _ = client.create_authorization_url(
        meta["authorization_endpoint"],
        state=toestand["state"],
        nonce=toestand["nonce"],
        code_challenge=create_s256_code_challenge(toestand["verifier"]),
        code_challenge_method="S256",
    )
    return url, toestand


# --- steps 2 to 4 --------------------------------------------------------------------------


def _client(settings: Settings, meta: dict) -> OAuth2Client:
    if settings.oidc_private_key_file:
        pem = Path(settings.oidc_private_key_file).read_text()
        sleutel = ECKey.import_key(pem) if _is_ec(pem) else RSAKey.import_key(pem)
        client = OAuth2Client(
            client_id=settings.oidc_client_id,
            client_secret=sleutel,
            token_endpoint_auth_method="private_key_jwt",
            redirect_uri=redirect_uri(settings),
            timeout=15,
        )
        client.register_client_auth_method(PrivateKeyJWT(meta["token_endpoint"], alg="ES256" if _is_ec(pem) else "RS256"))
        return client
    methode = "client_secret_basic"
    if "client_secret_basic" not in meta.get("token_endpoint_auth_methods_supported", ["client_secret_basic"]):
        methode = "client_secret_post"
    return OAuth2Client(
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        token_endpoint_auth_method=methode,
        redirect_uri=redirect_uri(settings),
        timeout=15,
    )


def _is_ec(pem: str) -> bool:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    return isinstance(load_pem_private_key(pem.encode(), password=None), ec.EllipticCurvePrivateKey)


def controleer_id_token(
    settings: Settings, id_token: str, *, nonce: str, access_token: str | None, nu: float | None = None
) -> dict:
    """The ID token's claims, or Geweigerd. Every check named in the module docstring."""
    try:
        try:
            gedecodeerd = jwt.decode(id_token, sleutels(settings), algorithms=ALGORITMEN)
        except JoseError:
            # The provider may have rolled its keys: fetch them once more.
            gedecodeerd = jwt.decode(id_token, sleutels(settings, vers=True), algorithms=ALGORITMEN)
        claims = CodeIDToken(
            gedecodeerd.claims,
            gedecodeerd.header,
            options={
                "iss": {"essential": True, "value": settings.oidc_issuer},
                "aud": {"essential": True, "value": settings.oidc_client_id},
                "exp": {"essential": True},
                "iat": {"essential": True},
                "sub": {"essential": True},
            },
            params={"nonce": nonce, "client_id": settings.oidc_client_id, "access_token": access_token},
        )
        claims.validate(now=int(nu if nu is not None else time.time()), leeway=SPEELRUIMTE)
    except (JoseError, ValueError) as e:
        log.warning("ID token geweigerd: %s", e)
        raise Geweigerd(f"Het bewijs van inloggen van de identiteitsprovider is ongeldig ({_reden(e)}). Log opnieuw in.") from e
    # The checks that matter most, once more in plain words (keep security-critical code plain).
    aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if settings.oidc_client_id not in aud or claims["iss"] != settings.oidc_issuer or claims.get("nonce") != nonce:
        raise Geweigerd("Het bewijs van inloggen is niet voor Paraaf bestemd. Log opnieuw in.")
    if claims["exp"] + SPEELRUIMTE < (nu if nu is not None else time.time()):
        raise Geweigerd("Het bewijs van inloggen is verlopen. Log opnieuw in.")
    return dict(claims)


def _reden(fout: Exception) -> str:
    naam = getattr(fout, "claim", None) or getattr(fout, "error", None) or type(fout).__name__
    return f"{naam}"


def terug(settings: Settings, params: dict, toestand: dict | None) -> dict:
    """Steps 2 to 4: the callback's query parameters and the cookie's content -> the claims."""
    if params.get("error"):
        raise Geweigerd(f"De identiteitsprovider meldt: {params.get('error_description') or params['error']}.", 401)
    if not toestand or not isinstance(toestand, dict):
        raise Geweigerd("Het inloggen is verlopen of niet in deze browser begonnen. Begin opnieuw.", 400)
    if not params.get("state") or not hmac.compare_digest(str(params["state"]), str(toestand.get("state", ""))):
        raise Geweigerd("Het inloggen klopt niet (state). Begin opnieuw.", 400)
    # RFC 9207: a provider that names itself in the response must be ours (mix-up attacks).
    if params.get("iss") is not None and params["iss"] != settings.oidc_issuer:
        raise Geweigerd("Het antwoord komt van een andere identiteitsprovider dan ingesteld.", 400)
    if not params.get("code"):
        raise Geweigerd("De identiteitsprovider gaf geen code terug. Begin opnieuw.", 400)
    meta = metadata(settings)
    client = _client(settings, meta)
    try:
        token = client.fetch_token(
            meta["token_endpoint"],
            grant_type="authorization_code",
            code=params["code"],
            code_verifier=toestand["verifier"],
            redirect_uri=redirect_uri(settings),
        )
    except Exception as e:  # noqa: BLE001 - any refusal by the provider (invalid_grant for a replayed code, ...)
        log.warning("code niet ingewisseld: %s", e)
        raise Geweigerd("De identiteitsprovider weigerde de inlogcode (al gebruikt of verlopen). Begin opnieuw.") from e
    finally:
        client.close()
    if not token.get("id_token"):
        raise Geweigerd("De identiteitsprovider gaf geen ID token terug.")
    claims = controleer_id_token(settings, token["id_token"], nonce=toestand["nonce"], access_token=token.get("access_token"))
    return _met_userinfo(settings, meta, claims, token.get("access_token"))


def _met_userinfo(settings: Settings, meta: dict, claims: dict, access_token: str | None) -> dict:
    eindpunt = meta.get("userinfo_endpoint")
    if not eindpunt or not access_token:
        return claims
    try:
        antwoord = httpx.get(eindpunt, headers={"Authorization": f"Bearer {access_token}"}, timeout=10)
        antwoord.raise_for_status()
        info = antwoord.json()
    except (httpx.HTTPError, ValueError) as e:
        log.info("userinfo niet gelezen (%s); de claims van het ID token gelden", e)
        return claims
    if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
        raise Geweigerd("De gegevens van de identiteitsprovider horen niet bij dit inloggen (sub).")
    # ADFS answers only {"sub"}: nothing to overlay, the ID token's claims stay.
    return {**claims, **{k: v for k, v in info.items() if v not in (None, "", [])}}


# --- step 5: what the claims say ---------------------------------------------------------------


@dataclass(frozen=True)
class Persoonsgegevens:
    issuer: str
    sub: str
    email: str | None
    email_geverifieerd: bool | None
    naam: str | None
    departement: str | None
    # None: the provider did not say (absent, or Entra ID's overage); [] : no groups.
    groepen: list[str] | None


def persoonsgegevens(settings: Settings, claims: dict) -> Persoonsgegevens:
    email = claims.get(settings.oidc_email_claim)
    groepen_claim = settings.oidc_groepen_claim
    groepen = claims.get(groepen_claim)
    if groepen is None or groepen_claim in (claims.get("_claim_names") or {}):
        groepen = None
    elif isinstance(groepen, str):
        groepen = [groepen]
    elif isinstance(groepen, list):
        groepen = [str(g) for g in groepen]
    else:
        groepen = None
    departement = claims.get(settings.oidc_departement_claim) if settings.oidc_departement_claim else None
    return Persoonsgegevens(
        issuer=settings.oidc_issuer,
        sub=str(claims["sub"]),
        email=str(email).strip() if isinstance(email, str) and email.strip() else None,
        email_geverifieerd=claims.get("email_verified") if isinstance(claims.get("email_verified"), bool) else None,
        naam=str(claims.get("name")).strip() if claims.get("name") else None,
        departement=str(departement) if departement else None,
        groepen=groepen,
    )


def rollen_uit_groepen(settings: Settings, groepen: list[str]) -> tuple[list[str], str | None]:
    """Roles (and a paraafniveau, written "parafeerder:directeur") for the person's groups."""
    rollen, niveau = set(), None
    for groep in groepen:
        for rol in settings.oidc_rollen.get(groep, []):
            naam, _, rolniveau = rol.partition(":")
            rollen.add(naam)
            if naam == "parafeerder" and rolniveau:
                niveau = rolniveau
    return sorted(rollen), niveau
