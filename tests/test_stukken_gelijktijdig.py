"""The set under concurrent writes, against a real server process (SQLite; PostgreSQL with two
workers): the minister signs the letter while, at the same moment, the opsteller edits the nota
or links a new bijlage. Exactly one of the two may win. Signing and then changing a member is
refused (the member is frozen); changing a member and then signing is refused (the parafen no
longer cover the set). Never both, never a 500, never a deadlock: a member's write locks its
letter first (app.documenten.service.vergrendel)."""

from __future__ import annotations

import secrets
import threading
import uuid
from datetime import UTC, datetime, timedelta
from functools import partial

import httpx
import pytest

from app.db import maak_engine
from tests.conftest import _PG_REDEN, BESLISNOTA_MD, migreer, pg_schema_aanmaken, pg_schema_verwijderen
from tests.helpers_fundament import server

pytestmark = pytest.mark.traag

RONDES = 6


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(("sqlite", 1), id="sqlite"),
        pytest.param(("postgres", 2), id="postgres-2-workers", marks=pytest.mark.postgres),
    ],
)
def dienst(request, tmp_path_factory):
    backend, workers = request.param
    map_ = tmp_path_factory.mktemp(f"stukken-{backend}")
    schema = None
    if backend == "postgres":
        if _PG_REDEN:
            pytest.skip(_PG_REDEN)
        schema = f"paraaf_stukken_{uuid.uuid4().hex[:8]}"
        url = pg_schema_aanmaken(schema)
    else:
        url = f"sqlite:///{map_ / 'paraaf.db'}"
    engine = maak_engine(url)
    migreer(engine)
    engine.dispose()
    admin = "admin-" + secrets.token_urlsafe(24)
    try:
        with server(url, admin, workers=workers, log=map_ / "uvicorn.log") as basis:
            yield basis, admin, map_ / "uvicorn.log"
    finally:
        if schema:
            pg_schema_verwijderen(schema)


def _mensen(c: httpx.Client, admin: str) -> dict:
    mensen = {}
    for sleutel, dep, rollen, niveau in [
        ("opsteller", "VRO", ["opsteller"], None),
        ("minister", "VRO", ["bewindspersoon"], None),
        ("afdelingshoofd", "VRO", ["parafeerder"], "afdelingshoofd"),
        ("DEF", "DEF", ["afstemmer"], None),
    ]:
        r = c.post(
            "/gebruikers",
            headers={"Authorization": f"Bearer {admin}"},
            json={
                "naam": sleutel,
                "email": f"{sleutel}.{uuid.uuid4().hex[:6]}@gelijk.test",
                "departement": dep,
                "rollen": rollen,
                "paraafniveau": niveau,
            },
        )
        assert r.status_code == 201, r.text
        mensen[sleutel] = {"Authorization": f"Bearer {r.json()['token']}"}
    return mensen


def _klaar(c: httpx.Client, m: dict) -> tuple[dict, dict]:
    """A letter with its nota, ready to be signed."""
    brief = c.post(
        "/documenten",
        headers=m["opsteller"],
        json={
            "soort": "kamerbrief",
            "titel": "Brief",
            "penvoerder": "VRO",
            "mede_namens": ["DEF"],
            "parafenlijn": ["afdelingshoofd"],
        },
    ).json()
    assert (
        c.post(f"/documenten/{brief['id']}/secties", headers=m["opsteller"], json={"kop": "K", "tekst": "Tekst."}).status_code
        == 201
    )
    nota = c.post(
        "/documenten/import",
        headers=m["opsteller"],
        files={"bestand": ("nota.md", BESLISNOTA_MD.read_bytes(), "text/markdown")},
        data={"gekoppeld_aan": str(brief["id"])},
    ).json()
    termijn = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    ronde = c.post(
        f"/documenten/{brief['id']}/afstemmingsrondes",
        headers=m["opsteller"],
        json={"departementen": ["DEF"], "termijn": termijn},
    ).json()
    assert c.post(f"/afstemmingsrondes/{ronde['id']}/oordelen", headers=m["DEF"], json={"oordeel": "akkoord"}).status_code == 201
    assert c.post(f"/documenten/{brief['id']}/parafen", headers=m["afdelingshoofd"]).status_code == 201
    for nummer in (1, 2):
        assert (
            c.post(
                f"/documenten/{nota['id']}/beslispunten/{nummer}/besluit", headers=m["minister"], json={"besluit": "akkoord"}
            ).status_code
            == 201
        )
    return brief, nota


def _tegelijk(*acties) -> list[httpx.Response]:
    start = threading.Barrier(len(acties))
    uit: list = [None] * len(acties)

    def draai(i, actie):
        start.wait(timeout=30)
        uit[i] = actie()

    draden = [threading.Thread(target=draai, args=(i, a)) for i, a in enumerate(acties)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    return uit


def test_vaststellen_tegen_een_wijziging_van_een_lid(dienst):
    basis, admin, log = dienst
    with httpx.Client(base_url=basis + "/api/v1", timeout=60) as c:
        m = _mensen(c, admin)
        for ronde in range(RONDES):
            brief, nota = _klaar(c, m)
            sectie = next(s for s in nota["secties"] if s["kop"] == "Communicatie")
            if ronde % 2 == 0:
                wijzig = partial(
                    c.put,
                    f"/documenten/{nota['id']}/secties/{sectie['id']}",
                    headers=m["opsteller"],
                    json={"tekst": sectie["tekst"] + " Nog een zin.", "basisversie": sectie["versie"]},
                )
            else:
                wijzig = partial(
                    c.post,
                    "/documenten",
                    headers=m["opsteller"],
                    json={"soort": "bijlage", "titel": "Late bijlage", "penvoerder": "VRO", "gekoppeld_aan": brief["id"]},
                )
            vast, lid = _tegelijk(partial(c.post, f"/documenten/{brief['id']}/vaststellen", headers=m["minister"]), wijzig)
            codes = (vast.status_code, lid.status_code)
            assert codes in {(200, 409), (409, 200), (409, 201)}, (codes, vast.text[:300], lid.text[:300])
            status = c.get(f"/documenten/{brief['id']}", headers=m["opsteller"]).json()["status"]
            stukken = c.get(f"/documenten/{brief['id']}/stukken", headers=m["opsteller"]).json()
            parafen = c.get(f"/documenten/{brief['id']}/parafen", headers=m["opsteller"]).json()
            if vast.status_code == 200:
                # Signed: every member frozen as the paraaf saw it.
                assert status == "vastgesteld" and {d["status"] for d in stukken["documenten"]} == {"vastgesteld"}
                assert parafen[-1]["geldig"] is True and parafen[-1]["sethash"] == stukken["sethash"]
            else:
                assert status == "afgestemd" and parafen[-1]["geldig"] is False
                assert "paraaf" in vast.json()["detail"]
    assert "Traceback" not in log.read_text()
