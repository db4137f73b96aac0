"""No lost update, against a real server process (`uvicorn app.main:app`), on SQLite and on
PostgreSQL (also with two worker processes).

Twelve threads each own one line of a shared section and edit it ten times, every time reading
the section first and sending the whole text with the version they read as `basisversie`; most
of those edits are stale by the time they arrive and must be merged. Four more threads edit the
same word, in rounds: all four read, then all four write, so exactly one of them wins each round
and the other three must get a 409 with the current text. Afterwards the version history must
account for every accepted edit exactly once, with gapless versions, and nothing else.

Also: the first requests with PARAAF_ADMIN_TOKEN arrive at the same time, and no token ever
appears in the server's log.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from app.db import maak_engine
from tests.conftest import _PG_REDEN, migreer, pg_schema_aanmaken, pg_schema_verwijderen
from tests.helpers_fundament import server

pytestmark = pytest.mark.traag

EIGEN = 12  # threads with a line of their own
BOTSERS = 4  # threads that all edit the same word
RONDES = 10  # edits per thread


@dataclass
class Dienst:
    basis: str
    admin: str
    log: Path
    backend: str
    workers: int
    eerste: list = field(default_factory=list)
    tokens: list = field(default_factory=list)


def _eerste_verzoeken(basis: str, admin: str, n: int = 8) -> list:
    """n simultaneous first requests with the admin token (before it was ever used)."""
    uitkomsten, slot, start = [], threading.Lock(), threading.Barrier(n)

    def vraag():
        with httpx.Client(base_url=basis, timeout=30) as c:
            start.wait(timeout=10)
            try:
                r = c.get("/api/v1/gebruikers/ik", headers={"Authorization": f"Bearer {admin}"})
                uitkomst = (r.status_code, r.json().get("id") if r.status_code == 200 else r.text[:200])
            except httpx.HTTPError as e:
                uitkomst = (type(e).__name__, str(e))
        with slot:
            uitkomsten.append(uitkomst)

    draden = [threading.Thread(target=vraag) for _ in range(n)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    return uitkomsten


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(("sqlite", 1), id="sqlite"),
        pytest.param(("postgres", 2), id="postgres-2-workers", marks=pytest.mark.postgres),
    ],
)
def dienst(request, tmp_path_factory):
    backend, workers = request.param
    map_ = tmp_path_factory.mktemp(f"dienst-{backend}-{workers}")
    schema = None
    if backend == "postgres":
        if _PG_REDEN:
            pytest.skip(_PG_REDEN)
        schema = f"paraaf_gelijk_{uuid.uuid4().hex[:8]}"
        url = pg_schema_aanmaken(schema)
    else:
        url = f"sqlite:///{map_ / 'paraaf.db'}"
    engine = maak_engine(url)
    migreer(engine)
    engine.dispose()
    admin = "admin-" + secrets.token_urlsafe(24)
    try:
        with server(url, admin, workers=workers, log=map_ / "uvicorn.log") as basis:
            dienst = Dienst(basis=basis, admin=admin, log=map_ / "uvicorn.log", backend=backend, workers=workers)
            dienst.eerste = _eerste_verzoeken(basis, admin)
            yield dienst
    finally:
        if schema:
            pg_schema_verwijderen(schema)


def test_gelijktijdige_eerste_verzoeken_met_admin_token(dienst):
    assert len(dienst.eerste) == 8
    assert all(status == 200 for status, _ in dienst.eerste), dienst.eerste
    assert len({id_ for _, id_ in dienst.eerste}) == 1, dienst.eerste


def test_geen_verloren_wijziging(dienst):
    admin = {"Authorization": f"Bearer {dienst.admin}"}
    with httpx.Client(base_url=dienst.basis + "/api/v1", timeout=60) as c:
        opstellers = []
        for i in range(4):
            r = c.post(
                "/gebruikers",
                headers=admin,
                json={
                    "naam": f"Opsteller {i}",
                    "email": f"opsteller{i}.{dienst.backend}{dienst.workers}@minvro.test",
                    "departement": "VRO",
                    "rollen": ["opsteller"],
                },
            )
            assert r.status_code == 201, r.text
            opstellers.append(r.json()["token"])
        dienst.tokens.extend(opstellers)
        kop0 = {"Authorization": f"Bearer {opstellers[0]}"}
        doc = c.post("/documenten", headers=kop0, json={"soort": "kamerbrief", "titel": "Gelijktijdig", "penvoerder": "VRO"})
        assert doc.status_code == 201, doc.text
        doc_id = doc.json()["id"]
        regels = [f"regel {i:02d}: begin" for i in range(EIGEN)] + ["gedeeld: ZZZ"]
        s = c.post(f"/documenten/{doc_id}/secties", headers=kop0, json={"kop": "Kop", "tekst": "\n".join(regels)})
        assert s.status_code == 201, s.text
        sid = s.json()["id"]

    antwoorden: list[dict] = []  # {"draad", "ronde", "waarde", "regel", "status", "body"}
    slot = threading.Lock()
    fouten: list[str] = []
    lezen, schrijven = threading.Barrier(BOTSERS), threading.Barrier(BOTSERS)

    def lees(c) -> tuple[int, str]:
        r = c.get(f"/documenten/{doc_id}")
        assert r.status_code == 200, r.text
        sectie = next(x for x in r.json()["secties"] if x["id"] == sid)
        return sectie["versie"], sectie["tekst"]

    def schrijf(c, draad, ronde, regel, waarde, versie, tekst):
        regels = tekst.split("\n")
        regels[regel] = waarde
        r = c.put(
            f"/documenten/{doc_id}/secties/{sid}",
            json={"tekst": "\n".join(regels), "basisversie": versie, "reden": f"{draad}/{ronde}"},
        )
        with slot:
            antwoorden.append(
                {"draad": draad, "ronde": ronde, "regel": regel, "waarde": waarde, "status": r.status_code, "body": r.json()}
            )

    def eigen_regel(i: int):
        try:
            with httpx.Client(
                base_url=dienst.basis + "/api/v1", timeout=60, headers={"Authorization": f"Bearer {opstellers[i % 4]}"}
            ) as c:
                for k in range(RONDES):
                    versie, tekst = lees(c)
                    schrijf(c, f"eigen{i}", k, i, f"regel {i:02d}: t{i:02d}e{k}", versie, tekst)
        except Exception as e:  # noqa: BLE001 - reported below
            fouten.append(f"eigen{i}: {type(e).__name__}: {e}")

    def botser(j: int):
        letter = "ABCD"[j]
        try:
            with httpx.Client(
                base_url=dienst.basis + "/api/v1", timeout=60, headers={"Authorization": f"Bearer {opstellers[j]}"}
            ) as c:
                for k in range(RONDES):
                    lezen.wait(timeout=60)
                    versie, tekst = lees(c)
                    schrijven.wait(timeout=60)  # everyone has read before anyone writes
                    schrijf(c, f"botser{j}", k, EIGEN, f"gedeeld: {letter * 3}{k}", versie, tekst)
        except Exception as e:  # noqa: BLE001
            fouten.append(f"botser{j}: {type(e).__name__}: {e}")
            lezen.abort()
            schrijven.abort()

    draden = [threading.Thread(target=eigen_regel, args=(i,)) for i in range(EIGEN)]
    draden += [threading.Thread(target=botser, args=(j,)) for j in range(BOTSERS)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not any(d.is_alive() for d in draden), "draden hangen"
    assert fouten == [], fouten
    assert len(antwoorden) == (EIGEN + BOTSERS) * RONDES

    with httpx.Client(base_url=dienst.basis + "/api/v1", timeout=60, headers=kop0) as c:
        versies = c.get(f"/documenten/{doc_id}/secties/{sid}/versies").json()
        document = c.get(f"/documenten/{doc_id}").json()
        verificatie = c.get(f"/documenten/{doc_id}/gebeurtenissen/verificatie").json()
        gebeurtenissen = c.get(f"/documenten/{doc_id}/gebeurtenissen").json()

    # Every answer is a 200 or a 409 with the current text; nothing else (no 5xx, no other 4xx).
    anders = [(a["draad"], a["ronde"], a["status"], str(a["body"])[:200]) for a in antwoorden if a["status"] not in (200, 409)]
    assert anders == [], anders
    # Line owners never overlap anyone: all their edits are accepted (merged when stale).
    eigen_geweigerd = [
        (a["draad"], a["ronde"], a["body"]) for a in antwoorden if a["draad"].startswith("eigen") and a["status"] != 200
    ]
    assert eigen_geweigerd == [], eigen_geweigerd[:3]
    samengevoegd = sum(1 for a in antwoorden if a["status"] == 200 and a["body"].get("samengevoegd"))
    assert samengevoegd > 0, "geen enkele verouderde wijziging: de test oefent het samenvoegen niet"
    # The same-word writers: exactly one winner per round, the other three refused.
    for k in range(RONDES):
        ronde = sorted(a["status"] for a in antwoorden if a["draad"].startswith("botser") and a["ronde"] == k)
        assert ronde == [200, 409, 409, 409], (k, ronde)

    # Versions 1..N without gaps; the accepted edits are exactly versions 2..N, each once.
    nummers = [v["versie"] for v in versies]
    assert nummers == list(range(1, len(nummers) + 1))
    tekst_van = {v["versie"]: v["tekst"] for v in versies}
    geaccepteerd = [a for a in antwoorden if a["status"] == 200 and a["body"].get("gewijzigd", True) is not False]
    assert sorted(a["body"]["versie"] for a in geaccepteerd) == list(range(2, len(nummers) + 1))
    assert len(geaccepteerd) == len(nummers) - 1

    # Each accepted edit is in its version, and that version differs from the one before only
    # in the writer's line: nothing lost, nothing extra, nothing undone.
    for a in geaccepteerd:
        v = a["body"]["versie"]
        assert a["body"]["tekst"] == tekst_van[v], (a["draad"], a["ronde"], v)
        nu, ervoor = tekst_van[v].split("\n"), tekst_van[v - 1].split("\n")
        assert len(nu) == len(ervoor) == EIGEN + 1, v
        assert nu[a["regel"]] == a["waarde"], (a["draad"], a["ronde"], v, nu[a["regel"]])
        assert [r for i, r in enumerate(nu) if i != a["regel"]] == [r for i, r in enumerate(ervoor) if i != a["regel"]], (
            f"versie {v} van {a['draad']}/{a['ronde']} wijzigde meer dan regel {a['regel']}"
        )
    # The final text holds every line owner's last edit.
    slot_tekst = tekst_van[nummers[-1]].split("\n")
    for i in range(EIGEN):
        assert slot_tekst[i] == f"regel {i:02d}: t{i:02d}e{RONDES - 1}"

    # Every refusal carried the current version and text as they were at that moment.
    for a in antwoorden:
        if a["status"] == 409:
            body = a["body"]
            assert isinstance(body.get("actuele_versie"), int) and isinstance(body.get("actuele_tekst"), str), body
            assert tekst_van[body["actuele_versie"]] == body["actuele_tekst"], body

    # The document and its event log agree.
    assert document["secties"][0]["versie"] == nummers[-1]
    assert document["secties"][0]["tekst"] == tekst_van[nummers[-1]]
    assert document["revisie"] == 2 + len(geaccepteerd)
    assert verificatie["geldig"] is True, verificatie
    assert verificatie["aantal"] == len(gebeurtenissen) == 2 + len(geaccepteerd)
    assert [g["volgnummer"] for g in gebeurtenissen] == list(range(1, len(gebeurtenissen) + 1))


def test_te_grote_body_aan_de_echte_server(dienst):
    """413 from a real server, for a declared Content-Length and for a chunked body."""
    with httpx.Client(base_url=dienst.basis + "/api/v1", timeout=60, headers={"Authorization": f"Bearer {dienst.admin}"}) as c:
        groot = b'{"naam": "' + b"x" * (3 * 1024 * 1024) + b'"}'
        r = c.post("/gebruikers", content=groot, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.headers["content-type"].startswith("application/problem+json"), r.text[:200]

        def stukken():
            for i in range(0, len(groot), 256 * 1024):
                yield groot[i : i + 256 * 1024]

        r = c.post("/gebruikers", content=stukken(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["status"] == 413, r.text[:200]


def test_geen_tokens_in_het_serverlog(dienst):
    with httpx.Client(base_url=dienst.basis + "/api/v1", timeout=30) as c:
        c.get("/gebruikers/ik", headers={"Authorization": "Bearer onbekend-" + "q" * 30})
    log = dienst.log.read_text(errors="replace")
    assert "/api/v1/" in log or "Uvicorn" in log or "uvicorn" in log.lower(), "leeg serverlog: de controle zegt niets"
    for token in (dienst.admin, *dienst.tokens, "onbekend-" + "q" * 30):
        assert token not in log
