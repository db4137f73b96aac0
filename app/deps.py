"""Request context: who is asking (bearer token or web session), a database session, the clock.

Reads get a read session (one snapshot), writes a write session (SQLite: BEGIN IMMEDIATE).

Each threadpool hop costs about 0.1 ms of CPU, more under load (docs/performance.md,
"Threadpool hops"), so the context takes none of its own: `leesverzoek`/`schrijfverzoek` are
async and do no I/O; authentication and the session start on first use, in the sync dependency
or endpoint that needs them, in a hop that is taken anyway. Every use of the session
authenticates first, so nothing reaches the database for a caller who is not logged in.

Error order (docs/api.md: 401 before 404 before 403 before 413/422/428 before 409): a missing or
malformed bearer token is refused before anything else; an unknown or revoked one when the
first sync dependency touches the context. Route dependencies that find the document or section
(app/documenten/deps.py, app/tekstvoorstellen/views.py) do that before the body is validated.
Routes without one use `lezer`/`schrijver`, which authenticate in a sync dependency of their
own; tests/betrouwbaarheid/test_autorisatie_sweep.py checks the order on every route.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.config import Settings
from app.db import Klok, SchrijfSessie, leessessie, nieuwe_leessessie, nieuwe_schrijfsessie
from app.gebruikers.models import Gebruiker
from app.gebruikers.service import als_actor, gebruiker_bij_token
from app.problemen import NietIngelogd
from app.web.sessie import controleer_csrf, gebruiker_uit_cookie
from workflow.autorisatie import Actor, namens

ONVEILIG = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def bearer_token(request: Request) -> str:
    kop = request.headers.get("authorization", "")
    soort, _, token = kop.partition(" ")
    if soort.lower() != "bearer" or not token.strip():
        raise NietIngelogd("Geef een token mee: 'Authorization: Bearer <token>'.")
    return token.strip()


class Verzoek:
    """One request's caller, database session and clock. `gebruiker` and `sessie` are made on
    first use and must be used from sync code (the threadpool), never on the event loop."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        klok: Klok,
        schrijven: bool = False,
        request: Request | None = None,
        sessie: Session | None = None,
        gebruiker: Gebruiker | None = None,
    ):
        self.engine, self.settings, self.klok = engine, settings, klok
        self.schrijven = schrijven
        self._request = request
        self._sessie = sessie
        self._lezen: Session | None = None
        self._gebruiker = gebruiker
        self._eigen_sessie = sessie is None
        # The absent person in whose place the caller acts in this request (see handel_namens).
        self._namens: Gebruiker | None = None
        # API writes commit once their answer is built (app.routing.ParaafRoute, app.db.SchrijfSessie).
        self.uitstellen = request is not None and bool(request.state._state.get("commit_uitstellen"))
        if request is not None and schrijven:
            request.state.verzoek = self

    @classmethod
    def voor(cls, request: Request, klok: Klok, *, schrijven: bool) -> Verzoek:
        if is_api(request):
            bearer_token(request)  # 401 before a database connection is taken
        state = request.app.state
        return cls(engine=state.engine, settings=state.settings, klok=klok, schrijven=schrijven, request=request)

    @property
    def gebruiker(self) -> Gebruiker:
        """Who the request acts as: the caller, or the absent person they stand in for."""
        if self._gebruiker is None:
            self._gebruiker = self._aanmelden()
        return self._namens or self._gebruiker

    @property
    def door(self) -> Gebruiker:
        """Who is really acting: always the caller."""
        self.gebruiker  # noqa: B018
        return self._gebruiker

    @property
    def actor(self) -> Actor:
        if self._namens is not None:
            return namens(als_actor(self._namens))
        return als_actor(self.gebruiker)

    def handel_namens(self, kan: Callable[[Gebruiker, Actor], bool]) -> None:
        """When the caller cannot do this himself but can in the place of an absent person whom
        he stands in for today (workflow.autorisatie.vervangt), act in that person's place for
        the rest of the request. The event log then names the caller as actor and the absent
        person under "namens" (app.gebeurtenissen.service.bij_document)."""
        from app.gebruikers import afwezigheid

        if self._namens is not None or kan(self.gebruiker, self.actor):
            return
        dag = afwezigheid.vandaag(self.klok.nu(self.sessie))
        for afwezige in afwezigheid.vervangen_door(self.sessie, self._gebruiker, dag):
            if kan(afwezige, namens(als_actor(afwezige))):
                self._namens = afwezige
                self.sessie.info["namens"] = (self._gebruiker, afwezige)
                return

    @property
    def sessie(self) -> Session:
        if self._sessie is None:
            self.gebruiker  # noqa: B018 - authenticate before the first query, always
            if self._sessie is None:
                self._sessie = self._nieuwe_sessie()
        return self._sessie

    @property
    def lezen(self) -> Session:
        """A read snapshot beside a write request's session, for the lookups and the expensive
        work (diffs, merges) done before the write transaction takes its lock. In a read
        request it is the request's own session."""
        if not self.schrijven:
            return self.sessie
        if self._lezen is None:
            self.gebruiker  # noqa: B018 - authenticate before the first query, always
            self._lezen = nieuwe_leessessie(self.engine)
        return self._lezen

    def _nieuwe_sessie(self) -> Session:
        if self.schrijven:
            return nieuwe_schrijfsessie(self.engine, uitstellen=self.uitstellen)
        return nieuwe_leessessie(self.engine)

    def bevestig(self) -> None:
        """The deferred commit of an API write, after its answer was built."""
        if self._sessie is not None and isinstance(self._sessie, SchrijfSessie):
            self._sessie.bevestig()

    @property
    def moet_bevestigen(self) -> bool:
        return isinstance(self._sessie, SchrijfSessie) and self._sessie.te_bevestigen

    def _aanmelden(self) -> Gebruiker:
        request = self._request
        if request is None:
            raise RuntimeError("a Verzoek made outside a request needs its gebruiker given")
        if self.schrijven and self.engine.dialect.name == "sqlite":
            # SQLite has one write lock for the whole database, taken when a write transaction
            # begins: authenticate in a read transaction of its own, so the lock is held only
            # for the write itself.
            with leessessie(self.engine) as lezen:
                gebruiker = _gebruiker(request, lezen)
        else:
            self._sessie = self._nieuwe_sessie()
            gebruiker = _gebruiker(request, self._sessie)
        request.state.gebruiker_id = gebruiker.id
        return gebruiker

    @property
    def heeft_open_transactie(self) -> bool:
        return any(s is not None and s.in_transaction() for s in (self._sessie, self._lezen))

    def sluit(self) -> None:
        """Close the sessions this context opened (a rollback if a transaction is still open:
        a deferred commit that was never confirmed is rolled back)."""
        if self._lezen is not None:
            lezen, self._lezen = self._lezen, None
            lezen.close()
        if self._sessie is not None and self._eigen_sessie:
            sessie, self._sessie = self._sessie, None
            sessie.close()


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


async def get_klok(request: Request) -> Klok:
    return request.app.state.klok


async def _sluit(v: Verzoek) -> None:
    # After a commit the session holds no connection and closing it does no I/O; a transaction
    # still open (a read, or a write that failed) is rolled back off the event loop.
    if v.heeft_open_transactie:
        await run_in_threadpool(v.sluit)
    else:
        v.sluit()


async def leesverzoek(request: Request, klok: Klok = Depends(get_klok)) -> AsyncIterator[Verzoek]:
    """The read context, authenticated on first use (for route dependencies and the routes
    that have one)."""
    v = Verzoek.voor(request, klok, schrijven=False)
    try:
        yield v
    finally:
        await _sluit(v)


async def schrijfverzoek(request: Request, klok: Klok = Depends(get_klok)) -> AsyncIterator[Verzoek]:
    """The write context, authenticated on first use."""
    v = Verzoek.voor(request, klok, schrijven=True)
    try:
        yield v
    finally:
        await _sluit(v)


def lezer(v: Verzoek = Depends(leesverzoek)) -> Verzoek:
    """The read context, authenticated before the body and query are validated."""
    v.gebruiker  # noqa: B018
    return v


def schrijver(v: Verzoek = Depends(schrijfverzoek)) -> Verzoek:
    """The write context, authenticated before the body and query are validated."""
    v.gebruiker  # noqa: B018
    return v
