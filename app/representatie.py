"""Representations reused while nothing they show has changed: the service's one cache.

The rule, the only one: **a representation is cached under the data it is made from**, read
from the database in the same request, after authentication and authorisation ran as always.
Nothing is ever invalidated, because nothing can go stale: when what a representation shows
changes, its key changes with it, and the old entry simply ages out of the LRU.

- A document's JSON (`GET /documenten/{id}`): the document row's shown fields. Its `revisie`
  is among them, and every change of a section (text, heading, level, position, a section
  added) raises the revisie in the same transaction (app.documenten.service), so the sections
  are a function of (id, revisie).
- A render (`/docx`, `/html`): the render model itself (app.weergave.model.DocumentWeergave,
  with the nota's NB points, Proces van afstemming, parafenlijn and besluiten taken from its
  letter's live workflow state, and only for a caller who may read that letter) plus the Woo
  context (who is a civil servant). The renderers are pure functions of those, so the key
  names everything the render shows and a stale render cannot be served. The model is still
  built on every request (a few queries); what is reused is the expensive part, the Word or
  HTML writer.

The ETag is a hash of the bytes served: equal bytes give equal ETags in every worker, and a
changed body always has a new one. `If-None-Match` is answered with 304 only after the route's
own dependencies authenticated and authorised the caller: a revoked token is 401 and a reader
who lost access 404/403, exactly as without the header. API answers keep `Cache-Control:
no-store` (drafts are confidential; no shared or browser cache may keep them): the ETag serves
a client that keeps its own copy (private semantics) and asks whether it is still current.

The cache is per process, bounded by the bytes it holds (least recently used goes first), and
thread-safe (routes run in the threadpool).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.requests import Request
from starlette.responses import Response

MAX_BYTES = 64 * 1024 * 1024


class Cache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.treffers = 0
        self.missers = 0

    def haal(self, sleutel: Hashable, maak: Callable[[], bytes]) -> tuple[bytes, str]:
        """The bytes under `sleutel` and their ETag; `maak` builds them when they are not kept."""
        with self._lock:
            gevonden = self._items.get(sleutel)
            if gevonden is not None:
                self._items.move_to_end(sleutel)
                self.treffers += 1
                return gevonden
        inhoud = maak()
        waarde = (inhoud, etag(inhoud))
        with self._lock:
            self.missers += 1
            if sleutel not in self._items and len(inhoud) <= self.max_bytes // 4:
                self._items[sleutel] = waarde
                self._bytes += len(inhoud)
                while self._bytes > self.max_bytes:
                    _, (oud, _) = self._items.popitem(last=False)
                    self._bytes -= len(oud)
        return waarde

    def leeg(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


cache = Cache()


def etag(inhoud: bytes) -> str:
    return '"' + hashlib.blake2b(inhoud, digest_size=16).hexdigest() + '"'


def model_sleutel(*delen: object) -> bytes:
    """A compact key for a render model: a digest of its repr (frozen dataclasses of plain
    values, so the repr names every field)."""
    return hashlib.blake2b(repr(delen).encode(), digest_size=32).digest()


def past(request: Request, huidig: str) -> bool:
    """Does the request's If-None-Match name the current ETag (weak comparison, RFC 9110)?"""
    kop = request.headers.get("if-none-match")
    if not kop:
        return False
    if kop.strip() == "*":
        return True
    return any(deel.strip().removeprefix("W/") == huidig for deel in kop.split(","))


def antwoord(request: Request, inhoud: bytes, tag: str, media_type: str, headers: dict[str, str] | None = None) -> Response:
    """200 with the bytes and their ETag, or 304 when the caller already has them."""
    koppen = {**(headers or {}), "ETag": tag}
    if past(request, tag):
        koppen.pop("Content-Disposition", None)
        return Response(status_code=304, headers=koppen)
    return Response(inhoud, media_type=media_type, headers=koppen)
