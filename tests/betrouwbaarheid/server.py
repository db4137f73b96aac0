"""A real `uvicorn app.main:app` process for the reliability tests: free port, environment
(PARAAF_DATABASE_URL, PARAAF_ADMIN_TOKEN), optional `--workers N`, waiting for
/api/v1/gezondheid, a polite stop and a `kill -9` of the whole process group.

Self-contained on purpose (the same approach as tests/helpers_fundament.server, but with a
restartable object, since the crash tests kill and restart the same service many times).
Only processes this module started are ever signalled, by their own process group id.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
PG_BASIS_URL = os.environ.get("PARAAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_reden() -> str | None:
    """None when PostgreSQL answers, else the reason to skip (a clear message)."""
    try:
        engine = create_engine(PG_BASIS_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as c:
            c.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as e:  # noqa: BLE001 - any failure means: unreachable
        return f"PostgreSQL op {PG_BASIS_URL} is niet bereikbaar ({type(e).__name__}); deze PostgreSQL-test is overgeslagen"


def _pg_url(schema: str) -> str:
    return f"{PG_BASIS_URL}?options=-csearch_path%3D{schema}"


@contextmanager
def database(backend: str, map_: Path):
    """A freshly migrated database of our own: an SQLite file in `map_`, or a PostgreSQL schema
    with a unique name (dropped afterwards). Yields its SQLAlchemy URL."""
    from app.db import maak_engine

    schema = None
    if backend == "postgres":
        schema = f"paraaf_betr_{uuid.uuid4().hex[:10]}"
        basis = create_engine(PG_BASIS_URL)
        with basis.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        basis.dispose()
        url = _pg_url(schema)
    else:
        url = f"sqlite:///{map_ / f'paraaf-{uuid.uuid4().hex[:6]}.db'}"
    engine = maak_engine(url)
    migreer(engine)
    engine.dispose()
    try:
        yield url
    finally:
        if schema:
            basis = create_engine(PG_BASIS_URL)
            with basis.begin() as c:
                c.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            basis.dispose()


def migreer(engine) -> None:
    """`alembic upgrade head` on `engine` (the only way the schema is made, as in production)."""
    from alembic.config import Config

    from alembic import command

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["configure_logger"] = False
    with engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        command.upgrade(config, "head")


class Server:
    """One uvicorn service; `start()` may be called again after `stop()` or `kill9()`."""

    def __init__(
        self,
        database_url: str,
        admin_token: str,
        *,
        log: Path,
        workers: int = 1,
        extra_env: dict[str, str] | None = None,
        log_level: str | None = None,
    ):
        self.database_url = database_url
        self.admin_token = admin_token
        self.log = log
        self.workers = workers
        self.extra_env = extra_env or {}
        self.log_level = log_level
        self.poort = vrije_poort()
        self.proces: subprocess.Popen | None = None
        self.starts = 0

    @property
    def basis(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    @property
    def api(self) -> str:
        return self.basis + "/api/v1"

    def start(self, timeout: float = 60) -> None:
        assert self.proces is None or self.proces.poll() is not None, "draait al"
        env = {
            **os.environ,
            "PARAAF_DATABASE_URL": self.database_url,
            "PARAAF_ADMIN_TOKEN": self.admin_token,
            **self.extra_env,
        }
        cmd = [str(VENV_BIN / "uvicorn"), "app.main:app", "--host", "127.0.0.1", "--port", str(self.poort)]
        if self.workers > 1:
            cmd += ["--workers", str(self.workers)]
        if self.log_level:
            cmd += ["--log-level", self.log_level]
        with open(self.log, "ab") as uit:
            uit.write(f"\n=== start {self.starts + 1}: {' '.join(cmd[1:])}\n".encode())
            uit.flush()
            # A session of its own: its process group holds uvicorn and all its workers.
            self.proces = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True)
        self.starts += 1
        einde = time.monotonic() + timeout
        while True:
            if self.proces.poll() is not None:
                raise RuntimeError(f"uvicorn stopte (code {self.proces.returncode}):\n{self.log_tekst()[-3000:]}")
            try:
                if httpx.get(f"{self.api}/gezondheid", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > einde:
                self.kill9()
                raise RuntimeError(f"uvicorn kwam niet op binnen {timeout} s:\n{self.log_tekst()[-3000:]}")
            time.sleep(0.05)
        if self.workers > 1:
            # /gezondheid answered from one worker; give the others a moment to be ready too.
            self._wacht_op_workers(einde)

    def _wacht_op_workers(self, einde: float) -> None:
        gezien = 0
        while gezien < 3 * self.workers and time.monotonic() < einde:
            try:
                with httpx.Client(timeout=2) as c:  # a new connection each time
                    if c.get(f"{self.api}/gezondheid").status_code == 200:
                        gezien += 1
            except httpx.HTTPError:
                time.sleep(0.05)

    def draait(self) -> bool:
        return self.proces is not None and self.proces.poll() is None

    def stop(self, timeout: float = 15) -> None:
        if self.proces is None:
            return
        if self.proces.poll() is None:
            try:
                os.killpg(self.proces.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proces.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill9()
        self._ruim_groep_op()

    def kill9(self) -> None:
        """kill -9 of the process group we started (uvicorn and every worker at once)."""
        if self.proces is None:
            return
        try:
            os.killpg(self.proces.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self._ruim_groep_op()

    def _ruim_groep_op(self) -> None:
        # Workers of a killed supervisor may linger a moment; they are in our group.
        if self.proces is None:
            return
        einde = time.monotonic() + 10
        while time.monotonic() < einde:
            try:
                os.killpg(self.proces.pid, 0)
            except ProcessLookupError:
                return
            except PermissionError:
                return
            try:
                os.killpg(self.proces.pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    def log_tekst(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
