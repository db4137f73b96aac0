"""Small helpers shared by the routers."""

import functools
import inspect

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from app.problemen import NietGevonden, probleem_antwoord

_MAX_ID = 2**31 - 1  # ids are INTEGER columns


def id_uit_pad(waarde: str, wat: str) -> int:
    """Ids in paths are positive integers; anything else names nothing, so 404 (docs/api.md)."""
    if not waarde.isascii() or not waarde.isdigit() or not 0 < int(waarde) <= _MAX_ID:
        raise NietGevonden(f"{wat} '{waarde[:40]}' bestaat niet.")
    return int(waarde)


def in_een_sprong(endpoint):
    """A sync endpoint as an async one that runs it in the threadpool. FastAPI runs a sync
    endpoint in the threadpool too, but then takes a second hop to validate and serialise its
    response; for an async endpoint it does that on the event loop. One hop less per request
    (docs/performance.md, "Threadpool hops"); the serialisation is the same CPU either way."""
    if inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)  # FastAPI reads the parameters through __wrapped__
    async def eindpunt(*args, **kwargs):
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return eindpunt


class ParaafRoute(APIRoute):
    """A route whose sync endpoint costs one threadpool hop (`in_een_sprong`), that answers an
    oversized body with 413 when it takes no body at all (routes with a body answer it after
    authentication, via the validation error handler), and that commits a write only after
    its answer is built and serialised: a service's commit() is deferred (app.db.SchrijfSessie)
    until the response exists, so an answer that fails leaves nothing committed, and nothing
    runs after the commit that could still fail."""

    def __init__(self, path, endpoint, **kwargs):
        super().__init__(path, in_een_sprong(endpoint), **kwargs)

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def met_uitgestelde_commit(request):
            request.state.commit_uitstellen = True
            antwoord = await handler(request)
            verzoek = request.state._state.get("verzoek")
            if verzoek is not None and verzoek.moet_bevestigen:
                await run_in_threadpool(verzoek.bevestig)
            return antwoord

        if self.body_field is not None:
            return met_uitgestelde_commit

        async def zonder_body(request):
            if request.state._state.get("te_groot"):
                limiet = request.state._state.get("limiet")
                return probleem_antwoord(413, f"Het verzoek is groter dan de toegestane {limiet} bytes.")
            return await met_uitgestelde_commit(request)

        return zonder_body
