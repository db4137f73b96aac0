"""Schemathesis against the app's own OpenAPI document (issue item 4).

Every operation of /api/v1/openapi.json gets generated requests — valid ones (positive) and
invalid ones (negative), half of them aimed at the ids of seeded data (a document with
sections, a proposal with a counter-proposal, a ronde) so the bodies reach the services —
authenticated as an opsteller of the penvoerder and, in a second run, as an afstemmer of
another department. Checks on every response:

- no 5xx (schemathesis' not_a_server_error; an exception inside the app counts too);
- every 4xx is application/problem+json with type/title/status/detail (invalid_params on 400/422);
- 2xx answers conform to the schema and content type the OpenAPI document declares.

Afterwards the database is consistent: every event chain verifies, versions have no gaps, and
the rest of tests/betrouwbaarheid/controle.py.

The normal suite runs 10 examples per operation and mode (so ~20 per operation) with a fixed
seed on SQLite; with PARAAF_LANG=1 (`make belasting`) it runs 100 per operation and mode, on
PostgreSQL as well (PARAAF_SCHEMATHESIS_VOORBEELDEN overrides the number).
"""

from __future__ import annotations

import os
import time
from collections import defaultdict

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance  # noqa: E402

from . import controle  # noqa: E402
from .wereld import PROBLEM_JSON, bouw  # noqa: E402

LANG = os.environ.get("PARAAF_LANG") == "1"
VOORBEELDEN = int(os.environ.get("PARAAF_SCHEMATHESIS_VOORBEELDEN", "100" if LANG else "10"))


def _probleemfout(response) -> str | None:
    soort = response.headers.get("content-type", [""])
    soort = (soort[0] if isinstance(soort, list) else soort).split(";")[0].strip()
    if soort != PROBLEM_JSON:
        return f"content-type {soort!r} in plaats van {PROBLEM_JSON}"
    try:
        body = response.json()
    except Exception:  # noqa: BLE001
        return "geen JSON"
    for sleutel, type_ in (("type", str), ("title", str), ("status", int), ("detail", str)):
        if not isinstance(body.get(sleutel), type_):
            return f"problem mist {sleutel!r}: {str(body)[:200]}"
    if body["status"] != response.status_code:
        return f"status {body['status']} in het lijf, {response.status_code} in het antwoord"
    if response.status_code in (400, 422) and not body.get("invalid_params"):
        return "400/422 zonder invalid_params"
    return None


class Verslag:
    """Failures per (operation, kind), with one reproduction each; counts of statuses."""

    def __init__(self):
        self.fouten: dict[tuple[str, str], str] = {}
        self.statussen: dict[int, int] = defaultdict(int)
        self.verzoeken = 0
        self.tijden: dict[str, float] = defaultdict(float)

    def fout(self, case, soort: str, uitleg: str) -> None:
        sleutel = (f"{case.method.upper()} {case.operation.path}", soort)
        if sleutel not in self.fouten:
            try:
                curl = case.as_curl_command()
            except Exception:  # noqa: BLE001
                curl = f"{case.method} {case.formatted_path} body={str(case.body)[:200]}"
            self.fouten[sleutel] = f"{uitleg[:400]}\n    {curl[:400]}"

    def regels(self, soorten: set[str] | None = None) -> list[str]:
        return [
            f"{op} [{soort}]: {tekst}"
            for (op, soort), tekst in sorted(self.fouten.items())
            if soorten is None or soort in soorten
        ]


def _draai(app, token: str, ids: dict[str, int], verslag: Verslag, voorbeelden: int) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    kop = {"Authorization": f"Bearer {token}"}
    for resultaat in schema.get_all_operations():
        op = resultaat.ok()
        namen = [p.name for p in op.path_parameters]
        vast = {n: str(ids[n]) for n in namen if n in ids}
        # Path ids are plain strings in the schema: nothing about them can be made invalid, so
        # an operation without query parameters or body has no negative cases (hypothesis would
        # only search for seconds and give up).
        heeft_invoer = len(list(op.query)) > 0 or len(list(op.body)) > 0
        modi = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if heeft_invoer else (GenerationMode.POSITIVE,)
        for modus in modi:
            strategie = op.as_strategy(generation_mode=modus)
            if vast and len(vast) == len(namen):
                strategie = st.one_of(strategie, op.as_strategy(generation_mode=modus, path_parameters=vast))

            @settings(
                max_examples=voorbeelden,
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.generate],
                report_multiple_bugs=False,
            )
            @given(case=strategie)
            def een(case):
                verslag.verzoeken += 1
                try:
                    response = case.call(headers=kop)
                except Exception as e:  # noqa: BLE001 - an exception inside the app is a 500
                    verslag.fout(case, "5xx", f"uitzondering in de app: {type(e).__name__}: {e}")
                    return
                verslag.statussen[response.status_code] += 1
                for naam, check in (("5xx", not_a_server_error),):
                    try:
                        case.validate_response(response, checks=[check], headers=kop)
                    except BaseException as e:  # noqa: BLE001 - schemathesis raises failure groups
                        verslag.fout(case, naam, f"{response.status_code}: {e}")
                if 400 <= response.status_code < 500:
                    uitleg = _probleemfout(response)
                    if uitleg:
                        verslag.fout(case, "problem+json", f"{response.status_code}: {uitleg}")
                if 200 <= response.status_code < 300:
                    for naam, check in (("schema", response_schema_conformance), ("content-type", content_type_conformance)):
                        try:
                            case.validate_response(response, checks=[check], headers=kop)
                        except BaseException as e:  # noqa: BLE001
                            verslag.fout(case, naam, f"{response.status_code}: {e}")

            begin = time.monotonic()
            try:
                een()
            except Unsatisfiable:
                # Nothing to make invalid (an operation without parameters or body).
                assert modus == GenerationMode.NEGATIVE, f"{op.method} {op.path}: geen geldige verzoeken te maken"
            verslag.tijden[f"{op.method.upper()} {op.path} {modus.value}"] += time.monotonic() - begin


# Not ours: schemathesis 4.32 rewrites the (valid OpenAPI 3.1) `prefixItems` of
# VerschilUit.bewerkingen into an array-valued `items` and then calls its own result invalid.
ONGELDIG_SCHEMA = "Invalid Schema Object in response definition"


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def uitslag(request, tmp_path_factory):
    """One schemathesis run per backend (PostgreSQL only in the long run), shared by the tests
    of this module: seeded data, then the opsteller's and the afstemmer's runs."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import maak_engine
    from app.main import maak_app
    from tests.conftest import BEHEER_TOKEN, Api

    from .server import database, postgres_reden

    if request.param == "postgres":
        if not LANG:
            pytest.skip("schemathesis op PostgreSQL alleen in de lange run (PARAAF_LANG=1, make belasting)")
        if reden := postgres_reden():
            pytest.skip(reden)
    with database(request.param, tmp_path_factory.mktemp("schemathesis")) as url:
        engine = maak_engine(url)
        app = maak_app(Settings(database_url=url, admin_token=BEHEER_TOKEN, session_secret="s"), engine=engine)
        with TestClient(app) as client:
            w = bouw(Api(client))
        ids = {
            "document_id": w.doc["id"],
            "sectie_id": w.sectie["id"],
            "tekstvoorstel_id": w.voorstel["id"],
            "ronde_id": w.ronde["id"],
            "gebruiker_id": w.mensen["DEF"].id,
        }
        verslag = Verslag()
        begin = time.monotonic()
        _draai(app, w.mensen["opsteller"].token, ids, verslag, VOORBEELDEN)
        _draai(app, w.mensen["IenW"].token, ids, verslag, max(VOORBEELDEN // 2, 3))
        verslag.duur = time.monotonic() - begin
        verslag.inconsistenties = controle.inconsistenties(engine)
        if os.environ.get("PARAAF_SCHEMATHESIS_TIJDEN"):
            for naam, t in sorted(verslag.tijden.items(), key=lambda x: -x[1])[:15]:
                print(f"  {t:6.2f} s  {naam}")
        print(
            f"\nschemathesis ({request.param}): {verslag.verzoeken} verzoeken in {verslag.duur:.1f} s, statussen {dict(sorted(verslag.statussen.items()))}"
        )
        engine.dispose()
        yield verslag


def _is_bekend(regel: str) -> bool:
    # A limitation of schemathesis itself, not of the app.
    return ONGELDIG_SCHEMA in regel


def test_de_run_oefent_iets(uitslag):
    assert uitslag.verzoeken > 300, uitslag.verzoeken
    geslaagd = sum(n for s, n in uitslag.statussen.items() if 200 <= s < 300)
    assert geslaagd > 20, dict(uitslag.statussen)
    assert sum(n for s, n in uitslag.statussen.items() if s == 422) > 20, dict(uitslag.statussen)


def test_geen_5xx(uitslag):
    fouten = uitslag.regels({"5xx"})
    assert fouten == [], "\n".join(fouten)


def test_elke_4xx_is_problem_json(uitslag):
    fouten = uitslag.regels({"problem+json"})
    assert fouten == [], "\n".join(fouten)


def test_2xx_volgen_het_schema(uitslag):
    fouten = [r for r in uitslag.regels({"schema", "content-type"}) if not _is_bekend(r)]
    assert fouten == [], "\n".join(fouten)


def test_database_consistent_na_de_run(uitslag):
    assert uitslag.inconsistenties == []


def test_foutantwoorden_staan_in_het_openapi_document():
    from app.main import app

    document = app.openapi()
    fouten = []
    for pad, methoden in document["paths"].items():
        if not pad.startswith("/api/v1/") or pad.endswith(("/openapi.json", "/docs", "/gezondheid")):
            continue
        for methode, operatie in methoden.items():
            antwoorden = operatie.get("responses", {})
            for status, antwoord in antwoorden.items():
                if status.startswith("4") and PROBLEM_JSON not in antwoord.get("content", {}):
                    fouten.append(f"{methode.upper()} {pad} {status}: {sorted(antwoord.get('content', {}))}")
            if not any(s.startswith("4") for s in antwoorden):
                fouten.append(f"{methode.upper()} {pad}: geen enkel foutantwoord gedocumenteerd")
    assert fouten == [], "\n".join(fouten[:20])
