"""Shared fixtures.

Every API test runs on SQLite and, when the server is reachable, on PostgreSQL (`backend`
fixture). Schemas always come from `alembic upgrade head`, so migrations are tested by every
test. SQLite: a migrated template file is copied per test. PostgreSQL: one migrated schema per
test worker, emptied between tests.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from alembic import command
from app.config import PROJECT_ROOT, Settings
from app.db import Klok, database_nu, maak_engine
from app.main import maak_app

PG_BASIS_URL = os.environ.get("PARAAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BEHEER_TOKEN = "test-beheerder-token"


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["configure_logger"] = False
    return config


def migreer(engine: Engine) -> None:
    """`alembic upgrade head` on the engine's database, as the command line does it."""
    config = alembic_config()
    config.attributes["url"] = engine.url.render_as_string(hide_password=False)
    command.upgrade(config, "head")


def _postgres_bereikbaar() -> str | None:
    try:
        engine = create_engine(PG_BASIS_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as c:
            c.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as e:  # noqa: BLE001 - any failure means: not reachable
        return f"PostgreSQL op {PG_BASIS_URL} is niet bereikbaar ({type(e).__name__}); PostgreSQL-tests overgeslagen"


_PG_REDEN = _postgres_bereikbaar()


def pg_url(schema: str) -> str:
    return f"{PG_BASIS_URL}?options=-csearch_path%3D{schema}"


def pg_schema_aanmaken(naam: str) -> str:
    engine = create_engine(PG_BASIS_URL)
    with engine.begin() as c:
        c.execute(text(f'DROP SCHEMA IF EXISTS "{naam}" CASCADE'))
        c.execute(text(f'CREATE SCHEMA "{naam}"'))
    engine.dispose()
    return pg_url(naam)


def pg_schema_verwijderen(naam: str) -> None:
    engine = create_engine(PG_BASIS_URL)
    with engine.begin() as c:
        c.execute(text(f'DROP SCHEMA IF EXISTS "{naam}" CASCADE'))
    engine.dispose()


def tabellen(engine: Engine) -> list[str]:
    from app.models import metadata

    return [t.name for t in metadata.sorted_tables]


def basisrijen(engine: Engine) -> dict[str, list[dict]]:
    """The rows the migrations themselves insert (e.g. the head of the system chain)."""
    with engine.connect() as c:
        return {t: [dict(r._mapping) for r in c.execute(text(f'SELECT * FROM "{t}"'))] for t in tabellen(engine)}


def leegmaken(engine: Engine, rijen: dict[str, list[dict]]) -> None:
    """Empty every table and restore the rows the migrations inserted."""
    with engine.begin() as c:
        c.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tabellen(engine)) + " RESTART IDENTITY CASCADE"))
        for tabel, inhoud in rijen.items():
            for rij in inhoud:
                kolommen = ", ".join(f'"{k}"' for k in rij)
                waarden = ", ".join(f":{k}" for k in rij)
                c.execute(text(f'INSERT INTO "{tabel}" ({kolommen}) VALUES ({waarden})'), rij)


@pytest.fixture(scope="session")
def sqlite_sjabloon(tmp_path_factory) -> Path:
    pad = tmp_path_factory.mktemp("sjabloon") / "paraaf.db"
    engine = maak_engine(f"sqlite:///{pad}")
    migreer(engine)
    engine.dispose()
    return pad


@pytest.fixture(scope="session")
def pg_worker_schema(worker_id) -> Iterator[tuple[str, dict]]:
    if _PG_REDEN:
        pytest.skip(_PG_REDEN)
    naam = f"paraaf_test_{worker_id}_{uuid.uuid4().hex[:6]}"
    url = pg_schema_aanmaken(naam)
    engine = maak_engine(url)
    migreer(engine)
    rijen = basisrijen(engine)
    engine.dispose()
    yield url, rijen
    pg_schema_verwijderen(naam)


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "hoofd")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(backend, request, tmp_path) -> str:
    if backend == "sqlite":
        pad = tmp_path / "paraaf.db"
        shutil.copy(request.getfixturevalue("sqlite_sjabloon"), pad)
        return f"sqlite:///{pad}"
    url, rijen = request.getfixturevalue("pg_worker_schema")
    engine = maak_engine(url)
    leegmaken(engine, rijen)
    engine.dispose()
    return url


class TestKlok(Klok):
    """The database clock, moved forward by tests instead of sleeping."""

    def __init__(self):
        self.verschuiving = timedelta()

    def nu(self, session):
        return database_nu(session) + self.verschuiving

    def verzet(self, **delta: float) -> None:
        self.verschuiving += timedelta(**delta)


@pytest.fixture
def klok() -> TestKlok:
    return TestKlok()


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url, admin_token=BEHEER_TOKEN, session_secret="test-sessiesleutel")


@pytest.fixture
def engine(settings) -> Iterator[Engine]:
    engine = maak_engine(settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings, engine, klok):
    return maak_app(settings, engine=engine, klok=klok)


@dataclass
class Gebruiker:
    id: int
    token: str
    departement: str
    naam: str

    @property
    def kop(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Api:
    """A TestClient that speaks as a given user: api.als(opsteller).post(...)."""

    def __init__(self, client: TestClient):
        self.client = client
        self._teller = 0

    def als(self, wie: Gebruiker | str | None) -> _Als:
        return _Als(self.client, wie)

    @property
    def beheerder(self) -> _Als:
        return _Als(self.client, BEHEER_TOKEN)

    def gebruiker(self, departement: str, *rollen: str, paraafniveau: str | None = None, naam: str | None = None) -> Gebruiker:
        self._teller += 1
        naam = naam or f"{'/'.join(rollen)} {departement} {self._teller}"
        antwoord = self.beheerder.post(
            "/gebruikers",
            json={
                "naam": naam,
                "email": f"gebruiker{self._teller}.{departement.lower()}@minvro.test",
                "departement": departement,
                "rollen": list(rollen),
                "paraafniveau": paraafniveau,
            },
        )
        assert antwoord.status_code == 201, antwoord.text
        data = antwoord.json()
        return Gebruiker(id=data["id"], token=data["token"], departement=departement, naam=naam)


class _Als:
    def __init__(self, client: TestClient, wie):
        self.client = client
        token = wie.token if isinstance(wie, Gebruiker) else wie
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _pad(self, pad: str) -> str:
        return pad if pad.startswith("/api/") else "/api/v1" + pad

    def get(self, pad, **kw):
        return self.client.get(self._pad(pad), headers={**self.headers, **kw.pop("headers", {})}, **kw)

    def post(self, pad, **kw):
        return self.client.post(self._pad(pad), headers={**self.headers, **kw.pop("headers", {})}, **kw)

    def put(self, pad, **kw):
        return self.client.put(self._pad(pad), headers={**self.headers, **kw.pop("headers", {})}, **kw)

    def delete(self, pad, **kw):
        return self.client.delete(self._pad(pad), headers={**self.headers, **kw.pop("headers", {})}, **kw)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def api(client) -> Api:
    return Api(client)


@pytest.fixture
def opsteller(api) -> Gebruiker:
    return api.gebruiker("VRO", "opsteller", naam="Olga Opsteller")


KAMERBRIEF_MD = Path(PROJECT_ROOT / "drafts" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.md")
BESLISNOTA_MD = Path(PROJECT_ROOT / "drafts" / "beslisnota-kamerbrief-bo-leefomgeving-2025.md")


def importeer(api: Api, wie: Gebruiker, pad: Path = KAMERBRIEF_MD, **velden) -> dict:
    antwoord = api.als(wie).post(
        "/documenten/import", files={"bestand": (pad.name, pad.read_bytes(), "text/markdown")}, data=velden
    )
    assert antwoord.status_code == 201, antwoord.text
    return antwoord.json()


def nieuw_document(api: Api, wie: Gebruiker, *secties: tuple[str | None, str], **velden) -> dict:
    velden = {"soort": "kamerbrief", "titel": "Testbrief", "penvoerder": wie.departement, **velden}
    antwoord = api.als(wie).post("/documenten", json=velden)
    assert antwoord.status_code == 201, antwoord.text
    document = antwoord.json()
    for kop, tekst in secties:
        r = api.als(wie).post(f"/documenten/{document['id']}/secties", json={"kop": kop, "tekst": tekst})
        assert r.status_code == 201, r.text
    return api.als(wie).get(f"/documenten/{document['id']}").json()
