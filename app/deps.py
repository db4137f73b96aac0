"""Request context: who is asking (bearer token), a database session, and the clock.

Reads get a read session (one snapshot), writes a write session (SQLite: BEGIN IMMEDIATE).
The authentication dependency runs before the body is validated, which gives the order of
API.md: 401 before 404 before 403 before 422/428/413 before 409.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import Settings
from app.db import Klok, leessessie, schrijfsessie
from app.gebruikers.models import Gebruiker
from app.gebruikers.service import als_actor, gebruiker_bij_token
from app.problemen import NietIngelogd
from app.web.sessie import controleer_csrf, gebruiker_uit_cookie
from workflow.autorisatie import Actor


@dataclass
class Verzoek:
    sessie: Session
    gebruiker: Gebruiker
    klok: Klok
    settings: Settings
    engine: Engine

    @property
    def actor(self) -> Actor:
        return als_actor(self.gebruiker)


async def get_klok(request: Request) -> Klok:
    # async: it only reads app state, and a sync dependency would cost a threadpool hop.
    return request.app.state.klok


def bearer_token(request: Request) -> str:
    kop = request.headers.get("authorization", "")
    soort, _, token = kop.partition(" ")
    if soort.lower() != "bearer" or not token.strip():
        raise NietIngelogd("Geef een token mee: 'Authorization: Bearer <token>'.")
    return token.strip()


ONVEILIG = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _gebruiker(request: Request, sessie: Session) -> Gebruiker:
    """API: the bearer token. Web UI: the session cookie, and for writes its CSRF token, so
    every page runs through the same dependencies, and thus the same checks, as the API."""
    settings: Settings = request.app.state.settings
    if is_api(request):
        gebruiker = gebruiker_bij_token(sessie, bearer_token(request), settings, request.app.state.engine)
        if gebruiker is None:
            raise NietIngelogd("Het token is onbekend of ingetrokken.")
        return gebruiker
    gebruiker = gebruiker_uit_cookie(request, sessie)
    if request.method in ONVEILIG:
        controleer_csrf(request, getattr(request.state, "csrf_ingezonden", None))
    return gebruiker


def _verzoek(request: Request, sessie: Session, klok: Klok) -> Verzoek:
    gebruiker = _gebruiker(request, sessie)
    request.state.gebruiker_id = gebruiker.id
    return Verzoek(
        sessie=sessie, gebruiker=gebruiker, klok=klok, settings=request.app.state.settings, engine=request.app.state.engine
    )


def lezer(request: Request, klok: Klok = Depends(get_klok)) -> Iterator[Verzoek]:
    if is_api(request):
        bearer_token(request)  # 401 before a database connection is taken
    with leessessie(request.app.state.engine) as sessie:
        yield _verzoek(request, sessie, klok)


def schrijver(request: Request, klok: Klok = Depends(get_klok)) -> Iterator[Verzoek]:
    if is_api(request):
        bearer_token(request)
    engine = request.app.state.engine
    if engine.dialect.name != "sqlite":
        with schrijfsessie(engine) as sessie:
            yield _verzoek(request, sessie, klok)
        return
    # SQLite has one write lock for the whole database, taken when a write transaction begins:
    # authenticate in a read transaction first, so the lock is held only for the write itself.
    with leessessie(engine) as lezen:
        gebruiker = _gebruiker(request, lezen)
    request.state.gebruiker_id = gebruiker.id
    with schrijfsessie(engine) as sessie:
        yield Verzoek(sessie=sessie, gebruiker=gebruiker, klok=klok, settings=request.app.state.settings, engine=engine)
