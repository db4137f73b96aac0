"""Engine, sessions and the database clock.

Writes are serialised per document by locking its row (PostgreSQL: SELECT ... FOR UPDATE;
SQLite: every write transaction starts with BEGIN IMMEDIATE, which takes the database's
single write lock up front, so a read-then-write transaction can never see a stale snapshot).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import DateTime, Engine, create_engine, event, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

from app.config import get_settings


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Schrijfrij:
    """SQLite's single write lock, taken in arrival order.

    A writer that finds SQLite's lock taken sleeps in SQLite's busy handler and retries
    (1 ms .. 100 ms), so late writers overtake early ones: with 32 editors the p99 of an edit
    was seconds. Here the writers of this process wait, before `BEGIN IMMEDIATE`, in a first
    come, first served queue, and the lock is handed to the next waiter when a write
    transaction has ended (its connection goes back to the pool after commit or rollback). Waiting blocks a threadpool thread exactly as the
    busy handler did (the transaction's commit comes in a later hop, so a queue of more waiting
    writers than the pool has threads stalls until the timeout, as it did with the busy
    handler's 60 s); after the timeout a writer goes on without its turn, to the busy handler.
    Other processes (more workers, the CLI) still meet in the busy handler."""

    def __init__(self) -> None:
        self._slot = threading.Lock()
        self._bezet = False
        self._wachtenden: deque[threading.Event] = deque()

    def neem(self, timeout: float) -> bool:
        with self._slot:
            if not self._bezet:
                self._bezet = True
                return True
            beurt = threading.Event()
            self._wachtenden.append(beurt)
        if beurt.wait(timeout):
            return True
        with self._slot:
            if beurt.is_set():  # handed over just as the wait timed out
                return True
            self._wachtenden.remove(beurt)
            return False

    def geef(self) -> None:
        with self._slot:
            if self._wachtenden:
                self._wachtenden.popleft().set()  # the lock passes straight to the next in line
            else:
                self._bezet = False


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def maak_engine(url: str, *, voor_migraties: bool = False) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record):
            # We emit BEGIN ourselves (below), so pysqlite must not.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Alembic's batch mode recreates a table by copy-and-drop, which foreign keys to
            # it would refuse; migrations run without them and check them afterwards.
            cursor.execute(f"PRAGMA foreign_keys={'OFF' if voor_migraties else 'ON'}")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.close()

        rij = Schrijfrij()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            if mode == "IMMEDIATE" and rij.neem(timeout=60):
                conn.info["schrijfrij"] = True
            conn.exec_driver_sql(f"BEGIN {mode}")

        @event.listens_for(engine.pool, "reset")
        def _terug_in_pool(dbapi_connection, record, reset_state):
            # The transaction has ended (committed, rolled back, or abandoned: the pool rolls it
            # back now): SQLite's lock is free, so the next writer's BEGIN finds it free. (The
            # engine's own commit event would come before the commit itself.)
            if record is not None and record.info.pop("schrijfrij", False):
                rij.geef()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@lru_cache
def engine() -> Engine:
    return maak_engine(get_settings().database_url)


def _lees_engine(eng: Engine) -> Engine:
    if eng.dialect.name == "postgresql":
        # One snapshot for the whole read: a document's revisie and its sections agree.
        return eng.execution_options(isolation_level="REPEATABLE READ")
    return eng


def _schrijf_engine(eng: Engine) -> Engine:
    if eng.dialect.name == "sqlite":
        return eng.execution_options(sqlite_begin="IMMEDIATE")
    return eng


def nieuwe_leessessie(eng: Engine) -> Session:
    """A session for reads; opening it does no I/O (its transaction begins on first use)."""
    return Session(_lees_engine(eng), expire_on_commit=False)


class SchrijfSessie(Session):
    """A write session. With `uitstellen` set (an API request, app.routing.ParaafRoute), a
    service's `commit()` only flushes: the real commit follows once the answer is built and
    serialised (`bevestig`), so nothing that can fail runs after a commit and no answer is
    built from a second transaction. Elsewhere (CLI, demo, catch-up) it commits as usual."""

    uitstellen = False
    te_bevestigen = False

    def commit(self) -> None:
        if self.uitstellen:
            self.flush()
            self.te_bevestigen = True
            return
        super().commit()

    def rollback(self) -> None:
        self.te_bevestigen = False
        super().rollback()

    def bevestig(self) -> None:
        """The deferred commit (a no-op when nothing was committed)."""
        if self.te_bevestigen:
            self.te_bevestigen = False
            super().commit()


def nieuwe_schrijfsessie(eng: Engine, *, uitstellen: bool = False) -> SchrijfSessie:
    sessie = SchrijfSessie(_schrijf_engine(eng), expire_on_commit=False)
    sessie.uitstellen = uitstellen
    return sessie


@contextmanager
def leessessie(eng: Engine | None = None) -> Iterator[Session]:
    with nieuwe_leessessie(eng or engine()) as s:
        yield s


@contextmanager
def schrijfsessie(eng: Engine | None = None) -> Iterator[Session]:
    with nieuwe_schrijfsessie(eng or engine()) as s:
        yield s


def database_nu(session: Session) -> datetime:
    """The database's clock (UTC): one clock for every worker process.

    SQLite is a file opened by the workers themselves, on this machine: its 'now' is this
    machine's clock, read here without a statement (one statement less per write)."""
    if session.get_bind().dialect.name == "sqlite":
        nu = datetime.now(UTC)
    else:
        nu = session.execute(text("SELECT clock_timestamp()")).scalar_one().astimezone(UTC)
    verschuiving = get_settings().klok_verschuiving_uren
    return nu + timedelta(hours=verschuiving) if verschuiving else nu


class Klok:
    """Where 'now' comes from. Services ask it after taking their locks, so event times follow
    the order of the hash chain. Tests replace it with a fixed clock instead of sleeping."""

    def nu(self, session: Session) -> datetime:
        return database_nu(session)


# Named constraints: Alembic's batch mode on SQLite can only alter what has a name.
from sqlmodel import SQLModel  # noqa: E402

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
