"""Helpers shared by the "Foundation" test modules (test_schema, test_documenten, test_import,
test_gebruikers, test_gebeurtenissen, test_invoer, test_diff, test_gelijktijdig).

Everything here re-implements what it checks from docs/api.md and plain SQL, never by calling the
service's own code, so a bug in the service cannot hide behind the same bug in a helper.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine, text

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"

PROBLEM_JSON = "application/problem+json"
NUL_HASH = "sha256:" + "0" * 64

# RFC 3339 date-time with a numeric offset or Z (docs/api.md: RFC 3339 with an offset).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")

# The department codes of docs/api.md, literally.
API_DEPARTEMENTEN = "AZ BZ BZK DEF EZ FIN IenW JenV KGG LVVN OCW SZW VRO VWS AenM".split()

# Characters XML 1.0 forbids (docs/api.md), except the unpaired surrogates, which JSON can only carry
# as a raw escape (see `json_met_ruwe_escape`).
VERBODEN_TEKENS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)]
# Unpaired surrogates as JSON escapes: a lone high, a lone low, and a low before a high.
RUWE_SURROGATEN = ["\\ud800", "\\udfff", "\\udc00\\ud800"]


# --- problems -----------------------------------------------------------------------------------


def probleem(antwoord: httpx.Response, status: int, *, veld: str | None = None) -> dict:
    """Assert that `antwoord` is an RFC 9457 problem with `status`; return its body.

    With `veld`: invalid_params must name that field (docs/api.md: on 400/422)."""
    assert antwoord.status_code == status, f"verwacht {status}, kreeg {antwoord.status_code}: {antwoord.text[:500]}"
    soort = antwoord.headers.get("content-type", "").split(";")[0].strip()
    assert soort == PROBLEM_JSON, f"content-type {soort!r} in plaats van {PROBLEM_JSON}: {antwoord.text[:300]}"
    body = antwoord.json()
    for sleutel, type_ in (("type", str), ("title", str), ("status", int), ("detail", str)):
        assert sleutel in body, f"problem mist {sleutel!r}: {body}"
        assert isinstance(body[sleutel], type_), f"problem {sleutel!r} is geen {type_.__name__}: {body}"
    assert body["status"] == status, body
    assert body["title"].strip() and body["detail"].strip(), body
    assert "Traceback" not in antwoord.text and 'File "' not in antwoord.text, antwoord.text
    if status in (400, 422):
        assert isinstance(body.get("invalid_params"), list) and body["invalid_params"], body
        for p in body["invalid_params"]:
            assert isinstance(p.get("name"), str) and isinstance(p.get("reason"), str), body
    if veld is not None:
        namen = [p["name"] for p in body.get("invalid_params", [])]
        assert veld in namen, f"invalid_params noemt {veld!r} niet: {namen} ({body})"
    return body


def reden_voor(body: dict, veld: str) -> str:
    return " ".join(p["reason"] for p in body.get("invalid_params", []) if p["name"] == veld)


def noemt_positie(body: dict, veld: str, positie: int) -> bool:
    """Whether the problem names `positie` for `veld` (in the reason or the detail)."""
    patroon = re.compile(rf"(?<![\w+]){positie}(?!\w)")
    return bool(patroon.search(reden_voor(body, veld)) or patroon.search(body.get("detail", "")))


# --- the database, read with plain SQL ----------------------------------------------------------


def tabelnamen(engine: Engine) -> list[str]:
    """Every table of the models (the schema test proves the database has exactly these)."""
    from app.models import metadata

    return sorted(metadata.tables)


def momentopname(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, as sorted tuples of strings: "nothing was written" means equal."""
    uit = {}
    with engine.connect() as c:
        for tabel in tabelnamen(engine):
            rijen = c.execute(text(f'SELECT * FROM "{tabel}"')).all()
            uit[tabel] = sorted(tuple("" if v is None else str(v) for v in r) for r in rijen)
    return uit


def verschil_momentopnamen(voor: dict, na: dict) -> dict[str, tuple[int, int]]:
    return {t: (len(voor.get(t, [])), len(na.get(t, []))) for t in set(voor) | set(na) if voor.get(t) != na.get(t)}


def alle_waarden(engine: Engine) -> list[tuple[str, str, str]]:
    """(table, column, value as text) for every non-null value of every column of every table."""
    uit = []
    with engine.connect() as c:
        for tabel in tabelnamen(engine):
            res = c.execute(text(f'SELECT * FROM "{tabel}"'))
            kolommen = list(res.keys())
            for rij in res:
                for kolom, waarde in zip(kolommen, rij, strict=True):
                    if waarde is not None:
                        uit.append((tabel, kolom, waarde if isinstance(waarde, str) else str(waarde)))
    return uit


def gebeurtenis_rijen(engine: Engine, keten: str) -> list[dict]:
    with engine.connect() as c:
        return [
            dict(r._mapping)
            for r in c.execute(text("SELECT * FROM gebeurtenis WHERE keten = :k ORDER BY volgnummer"), {"k": keten})
        ]


def aantal_gebeurtenissen(engine: Engine, keten: str | None = None) -> int:
    with engine.connect() as c:
        if keten is None:
            return c.execute(text("SELECT COUNT(*) FROM gebeurtenis")).scalar_one()
        return c.execute(text("SELECT COUNT(*) FROM gebeurtenis WHERE keten = :k"), {"k": keten}).scalar_one()


def document_keten(document_id: int) -> str:
    return f"document/{document_id}"


def actor_van(gebruiker) -> str:
    """How an event names the user who caused it (not in docs/api.md: the implementation's format)."""
    return f"gebruiker/{gebruiker.id}"


# --- the hash chain, re-implemented from workflow/keten.py's documented format ------------------


def canoniek(waarde: object) -> str:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def utc_stempel(tijdstip: datetime | str) -> str:
    if isinstance(tijdstip, str):
        tijdstip = datetime.fromisoformat(tijdstip.replace("Z", "+00:00"))
    if tijdstip.tzinfo is None:  # SQLite hands back naive UTC
        tijdstip = tijdstip.replace(tzinfo=UTC)
    return tijdstip.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def ketenhash(vorige: str, *, keten: str, volgnummer: int, tijdstip, actor: str, soort: str, gegevens: str) -> str:
    inhoud = canoniek(
        {
            "keten": keten,
            "volgnummer": volgnummer,
            "tijdstip": utc_stempel(tijdstip),
            "actor": actor,
            "soort": soort,
            "gegevens": gegevens,
        }
    )
    return "sha256:" + hashlib.sha256(f"{vorige}\n{inhoud}".encode()).hexdigest()


# --- a real server process ----------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(database_url: str, admin_token: str, *, workers: int = 1, extra_env: dict | None = None, log: Path):
    """`uvicorn app.main:app` as a subprocess; yields its base URL. Stopped by its own pid."""
    poort = vrije_poort()
    env = {
        **os.environ,
        "PARAAF_DATABASE_URL": database_url,
        "PARAAF_ADMIN_TOKEN": admin_token,
        **(extra_env or {}),
    }
    cmd = [str(VENV_BIN / "uvicorn"), "app.main:app", "--host", "127.0.0.1", "--port", str(poort)]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    with open(log, "wb") as uit:
        proces = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True)
    basis = f"http://127.0.0.1:{poort}"
    try:
        einde = time.monotonic() + 30
        while True:
            if proces.poll() is not None:
                raise RuntimeError(f"uvicorn stopte (code {proces.returncode}):\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{basis}/api/v1/gezondheid", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > einde:
                raise RuntimeError(f"uvicorn kwam niet op:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        yield basis
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGTERM)  # the group of the process we started
            try:
                proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
                proces.wait(timeout=5)
