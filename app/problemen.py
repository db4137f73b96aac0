"""Errors as application/problem+json (RFC 9457), in Dutch, never with a stack trace.

Service functions raise the Probleem subclasses below; the handlers in `installeer` turn them,
and every framework error, into problem responses.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("paraaf")

PROBLEM_JSON = "application/problem+json"


class Probleem(Exception):
    status = 400
    titel = "Ongeldig verzoek"
    soort = "about:blank"

    def __init__(self, detail: str, **extra: Any):
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NietIngelogd(Probleem):
    status, titel = 401, "Niet ingelogd"


class Verboden(Probleem):
    status, titel = 403, "Niet toegestaan"


class NietGevonden(Probleem):
    status, titel = 404, "Niet gevonden"


class Conflict(Probleem):
    status, titel = 409, "Conflict met de huidige toestand"


class TeGroot(Probleem):
    status, titel = 413, "Verzoek te groot"


class OngeldigeInvoer(Probleem):
    status, titel = 422, "Ongeldige invoer"

    def __init__(self, detail: str, *, veld: str, reden: str | None = None, **extra: Any):
        super().__init__(detail, invalid_params=[{"name": veld, "reason": reden or detail}], **extra)


class VoorwaardeOntbreekt(Probleem):
    status, titel = 428, "Voorwaarde ontbreekt"


class NietBeschikbaar(Probleem):
    """503: the service cannot do this right now (a busy or failing helper such as LibreOffice);
    `retry_after` seconds go out as the Retry-After header."""

    status, titel = 503, "Tijdelijk niet beschikbaar"

    def __init__(self, detail: str, *, retry_after: int, **extra: Any):
        super().__init__(detail, **extra)
        self.headers = {"Retry-After": str(max(1, int(retry_after)))}


def eis_basisversie(basisversie: int | None, waarvan: str, actuele_versie: int | None = None) -> int:
    """The one basisversie check of every write against a section version (API, web forms, a
    returned Word file): missing is 428 (docs/api.md: the precondition of every such write);
    with `actuele_versie` (under the write's lock), a number that is not a version of the
    section is 422. Never replaced by another version."""
    if basisversie is None:
        raise VoorwaardeOntbreekt(
            f"Geef 'basisversie' mee: {waarvan}.", invalid_params=[{"name": "basisversie", "reason": "verplicht"}]
        )
    if actuele_versie is not None and not 1 <= basisversie <= actuele_versie:
        raise OngeldigeInvoer(
            f"Basisversie {basisversie} bestaat niet; de actuele versie is {actuele_versie}.", veld="basisversie"
        )
    return basisversie


_TITELS = {
    400: "Ongeldig verzoek",
    401: "Niet ingelogd",
    403: "Niet toegestaan",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict met de huidige toestand",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Ongeldige invoer",
    428: "Voorwaarde ontbreekt",
    500: "Interne fout",
    503: "Tijdelijk niet beschikbaar",
}


def probleem_antwoord(status: int, detail: str, titel: str | None = None, **extra: Any) -> JSONResponse:
    inhoud = {"type": "about:blank", "title": titel or _TITELS.get(status, "Fout"), "status": status, "detail": detail}
    inhoud.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(inhoud, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _veldnaam(loc: tuple | list, soort: str = "") -> str:
    if soort == "json_invalid":
        return "body"
    # ("body", "secties", 0, "kop") -> "secties[0].kop"; the location kind is left off.
    delen = list(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header", "cookie") else list(loc)
    naam = ""
    for deel in delen:
        if isinstance(deel, int):
            naam += f"[{deel}]"
        else:
            naam += ("." if naam else "") + str(deel)
    return naam or str(loc[0] if loc else "body")


_REDENEN = {
    "missing": "verplicht veld ontbreekt",
    "int_parsing": "geen geheel getal",
    "int_type": "geen geheel getal",
    "string_type": "geen tekst",
    "bool_parsing": "geen ja/nee-waarde",
    "bool_type": "geen ja/nee-waarde",
    "list_type": "geen lijst",
    "dict_type": "geen object",
    "model_attributes_type": "geen object",
    "datetime_parsing": "geen geldig tijdstip (RFC 3339, bijvoorbeeld 2025-06-12T09:00:00+02:00)",
    "datetime_type": "geen geldig tijdstip (RFC 3339, bijvoorbeeld 2025-06-12T09:00:00+02:00)",
    "datetime_from_date_parsing": "geen geldig tijdstip (RFC 3339, bijvoorbeeld 2025-06-12T09:00:00+02:00)",
    "timezone_aware": "tijdstip zonder tijdzone; geef de offset mee, bijvoorbeeld +02:00",
    "date_parsing": "geen geldige datum (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "geen geldige datum (JJJJ-MM-DD)",
    "json_invalid": "geen geldige JSON",
    "extra_forbidden": "onbekend veld",
    "string_too_long": "tekst te lang",
    "string_too_short": "tekst te kort",
    "too_long": "te veel elementen",
    "greater_than_equal": "waarde te klein",
    "greater_than": "waarde te klein",
    "less_than_equal": "waarde te groot",
    "literal_error": "geen toegestane waarde",
    "enum": "geen toegestane waarde",
    "string_unicode": "ongeldige tekens (geen geldige Unicode)",
    "int_from_float": "geen geheel getal",
    "model_type": "geen object",
    "value_error": "ongeldige waarde",
}


def _reden(fout: dict) -> str:
    soort = fout.get("type", "")
    if soort == "value_error":
        # Our own validators say it in Dutch already ("Value error, <reason>").
        bericht = str(fout.get("msg", ""))
        return bericht.removeprefix("Value error, ")
    if soort in ("literal_error", "enum"):
        verwacht = (fout.get("ctx") or {}).get("expected")
        return f"geen toegestane waarde; toegestaan: {verwacht}" if verwacht else _REDENEN[soort]
    if soort in ("string_too_long", "too_long"):
        maximum = (fout.get("ctx") or {}).get("max_length")
        return f"te lang (hoogstens {maximum})" if maximum is not None else _REDENEN[soort]
    return _REDENEN.get(soort, "ongeldige waarde")


def _voor_web(request: Request) -> bool:
    # Pages of the web UI answer problems as pages (app.web.fouten), the API as problem+json.
    return not request.url.path.startswith("/api/") and getattr(request.app.state, "web_fout", None) is not None


def installeer(app: FastAPI) -> None:
    @app.exception_handler(Probleem)
    async def _probleem(request: Request, exc: Probleem):
        if _voor_web(request):
            antwoord = request.app.state.web_fout(request, exc.status, exc.titel, exc.detail, exc.extra)
        else:
            antwoord = probleem_antwoord(exc.status, exc.detail, exc.titel, **exc.extra)
        for naam, waarde in getattr(exc, "headers", {}).items():
            antwoord.headers[naam] = waarde
        return antwoord

    @app.exception_handler(RequestValidationError)
    async def _validatie(request: Request, exc: RequestValidationError) -> JSONResponse:
        if getattr(request.state, "te_groot", False):
            # The body was cut off at the size limit (see app.main): that is the real problem.
            return probleem_antwoord(413, _te_groot_detail(request))
        velden = [{"name": _veldnaam(f.get("loc", ()), f.get("type", "")), "reason": _reden(f)} for f in exc.errors()]
        detail = "; ".join(f"{v['name']}: {v['reason']}" for v in velden[:5])
        if _voor_web(request):
            return request.app.state.web_fout(
                request, 422, _TITELS[422], f"De invoer is ongeldig ({detail}).", {"invalid_params": velden}
            )
        return probleem_antwoord(422, f"De invoer is ongeldig ({detail}).", invalid_params=velden)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and getattr(request.state, "te_groot", False):
            return probleem_antwoord(413, _te_groot_detail(request))
        if exc.status_code == 404:
            detail = f"Er is niets op {request.url.path}."
        elif exc.status_code == 405:
            detail = f"De methode {request.method} is hier niet toegestaan."
        elif exc.status_code == 400:
            # The framework's own parse errors (JSON nested too deep, a broken multipart form).
            detail = (
                "De inhoud van het verzoek kan niet worden gelezen: ongeldige of te diep geneste JSON, of een ongeldig formulier."
            )
        else:
            detail = str(exc.detail)
        if _voor_web(request):
            return request.app.state.web_fout(request, exc.status_code, _TITELS.get(exc.status_code, "Fout"), detail, {})
        extra = {"invalid_params": [{"name": "body", "reason": "onleesbaar"}]} if exc.status_code == 400 else {}
        antwoord = probleem_antwoord(exc.status_code, detail, **extra)
        for naam, waarde in (exc.headers or {}).items():
            antwoord.headers[naam] = waarde
        return antwoord

    @app.exception_handler(Exception)
    async def _onverwacht(request: Request, exc: Exception) -> JSONResponse:
        log.exception("onverwachte fout bij %s %s", request.method, request.url.path)
        detail = "Er ging iets mis aan onze kant. De wijziging is niet opgeslagen."
        if _voor_web(request):
            return request.app.state.web_fout(request, 500, _TITELS[500], detail, {})
        return probleem_antwoord(500, detail)


def _te_groot_detail(request: Request) -> str:
    limiet = getattr(request.state, "limiet", None)
    return f"Het verzoek is groter dan de toegestane {limiet} bytes." if limiet else "Het verzoek is te groot."


# --- the errors in the OpenAPI document ---------------------------------------------------------

PROBLEEM_SCHEMA = {
    "title": "Probleem",
    "description": "Een fout volgens RFC 9457 (application/problem+json).",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
    "additionalProperties": True,
}

_BESCHRIJVING = {
    "400": "Onleesbaar verzoek",
    "401": "Geen of onbekend token",
    "403": "Niet toegestaan",
    "404": "Onbekend id",
    "409": "Conflict met de huidige toestand",
    "413": "Verzoek te groot",
    "422": "Ongeldige invoer",
    "428": "Basisversie ontbreekt",
}


def documenteer(app: FastAPI, vrij: set[str]) -> None:
    """Describe every error answer in the OpenAPI document as problem+json (FastAPI would
    describe only its own 422, as plain JSON). `vrij` are the paths that need no token."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        schema.setdefault("components", {}).setdefault("schemas", {})["Probleem"] = PROBLEEM_SCHEMA
        for schemas in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(schemas, None)
        verwijzing = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Probleem"}}}
        for pad, operaties in schema.get("paths", {}).items():
            for methode, operatie in operaties.items():
                codes = {"422"}
                if pad not in vrij:
                    codes |= {"401", "403", "404"}
                if methode in ("post", "put", "patch", "delete"):
                    codes |= {"400", "409", "413"}
                if methode == "put" or pad.endswith("/tekstvoorstellen"):
                    codes.add("428")
                antwoorden = operatie.setdefault("responses", {})
                for code in sorted(codes):
                    antwoorden[code] = {"description": _BESCHRIJVING[code], "content": verwijzing}
                for code, antwoord in antwoorden.items():  # errors a route declares itself
                    if code.isdigit() and int(code) >= 400:
                        antwoord["content"] = verwijzing
                if "503" in antwoorden:  # LibreOffice or a timestamp server busy or failing
                    antwoorden["503"].setdefault("headers", {})["Retry-After"] = {
                        "description": "Seconden tot een nieuwe poging zin heeft",
                        "schema": {"type": "integer"},
                    }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
