"""Pure ASGI middleware: the API-Version header and the request body limit."""

from __future__ import annotations

from app import API_VERSION


class ApiVersie:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def met_versie(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"api-version", API_VERSION.encode())]
            await send(message)

        return await self.app(scope, receive, met_versie)


class BodyLimiet:
    """Bodies over the limit are never read in full. The request goes on with an empty body
    and `state.te_groot` set, so authentication, 404 and 403 still come first (API.md's
    order); the validation error that the empty body causes is then answered as 413, and a
    route without a body answers 413 before it runs (see app.routing.ParaafRoute)."""

    def __init__(self, app, limiet: int):
        self.app = app
        self.limiet = limiet

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        state = scope.setdefault("state", {})
        state["limiet"] = self.limiet
        lengte = dict(scope.get("headers") or []).get(b"content-length")
        if lengte is not None and lengte.isdigit() and int(lengte) > self.limiet:
            state["te_groot"] = True

            async def leeg():
                return {"type": "http.request", "body": b"", "more_body": False}

            return await self.app(scope, leeg, send)

        ontvangen = 0

        async def tellend():
            nonlocal ontvangen
            if state.get("te_groot"):
                return {"type": "http.request", "body": b"", "more_body": False}
            bericht = await receive()
            if bericht["type"] == "http.request":
                ontvangen += len(bericht.get("body", b""))
                if ontvangen > self.limiet:
                    state["te_groot"] = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return bericht

        return await self.app(scope, tellend, send)
