"""Pure ASGI middleware: the API-Version header, no caching of API answers, the request body
limit; and the security headers every page carries."""

from __future__ import annotations

from app import API_VERSION

# Every page (the web UI's, and a document's /html): no framing (clickjacking), scripts and
# styles only from /static (htmx is vendored there), no MIME sniffing, never stored by a cache
# (drafts are confidential); the Referer stays on this site (it brings a user back to the page
# a form was on after logging in again).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
KOPREGELS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def kopregels(*, extra_stijl: str | None = None) -> dict[str, str]:
    """The page headers; `extra_stijl` adds one CSP source (a hash) for an inline style sheet."""
    if extra_stijl is None:
        return dict(KOPREGELS)
    return {**KOPREGELS, "Content-Security-Policy": CSP.replace("style-src 'self'", f"style-src 'self' {extra_stijl}")}


# API answers carry drafts, renders, names and tokens: no cache may keep them. Only the
# contract itself (OpenAPI document, docs) may be cached.
_CACHEBAAR = ("/api/v1/openapi.json", "/api/v1/docs")


class ApiVersie:
    """API-Version on every answer; `Cache-Control: no-store` on every API answer that does
    not set its own."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        pad = scope.get("path", "")
        niet_bewaren = pad.startswith("/api/") and not pad.startswith(_CACHEBAAR)

        async def met_versie(message):
            if message["type"] == "http.response.start":
                koppen = [*message.get("headers", []), (b"api-version", API_VERSION.encode())]
                if niet_bewaren and not any(k.lower() == b"cache-control" for k, _ in koppen):
                    koppen.append((b"cache-control", b"no-store"))
                message["headers"] = koppen
            await send(message)

        return await self.app(scope, receive, met_versie)


class BodyLimiet:
    """Bodies over the limit are never read in full. The request goes on with an empty body
    and `state.te_groot` set, so authentication, 404 and 403 still come first (docs/api.md's
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
