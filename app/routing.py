"""Small helpers shared by the routers."""

from app.problemen import NietGevonden

_MAX_ID = 2**31 - 1  # ids are INTEGER columns


def id_uit_pad(waarde: str, wat: str) -> int:
    """Ids in paths are positive integers; anything else names nothing, so 404 (API.md)."""
    if not waarde.isascii() or not waarde.isdigit() or not 0 < int(waarde) <= _MAX_ID:
        raise NietGevonden(f"{wat} '{waarde[:40]}' bestaat niet.")
    return int(waarde)


from fastapi.routing import APIRoute  # noqa: E402

from app.problemen import probleem_antwoord  # noqa: E402


class ParaafRoute(APIRoute):
    """A route that answers an oversized body with 413 when it takes no body at all (routes
    with a body answer it after authentication, via the validation error handler)."""

    def get_route_handler(self):
        handler = super().get_route_handler()
        if self.body_field is not None:
            return handler

        async def zonder_body(request):
            if request.state._state.get("te_groot"):
                limiet = request.state._state.get("limiet")
                return probleem_antwoord(413, f"Het verzoek is groter dan de toegestane {limiet} bytes.")
            return await handler(request)

        return zonder_body
