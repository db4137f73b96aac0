"""SQL statements per request, Paraaf against the baseline (in-process, one request each).

    .venv/bin/python -m bench.sql_tellen [--backend sqlite|postgres]

Counts what reaches the database driver (SQLAlchemy `before_cursor_execute`), for a read of the
seed Kamerbrief and for a happy-path edit of its ~500-word section; BEGIN is counted, COMMIT
(a driver call, not a statement) is not. Prints every statement's first line.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402

from bench import gemeenschappelijk as g  # noqa: E402


def tel(engine, doe) -> list[str]:
    regels: list[str] = []

    def luister(conn, cursor, statement, params, context, executemany):
        regels.append(" ".join(statement.split())[:100])

    event.listen(engine, "before_cursor_execute", luister)
    try:
        doe()
    finally:
        event.remove(engine, "before_cursor_execute", luister)
    return regels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import maak_app

    database = g.sqlite_database(g.ROOT / "bench" / "results" / "tmp") if args.backend == "sqlite" else g.postgres_database()
    try:
        engine = database.engine()
        opsteller = g.maak_opsteller(engine)
        document_id = g.maak_document(engine, opsteller, g.seed_secties(), "Telbrief")
        sectie = g.doelsectie(engine, document_id)
        paraaf = TestClient(maak_app(Settings(database_url=database.url), engine=engine))
        kop = {"Authorization": f"Bearer {g.TOKEN}"}
        os.environ["PARAAF_DATABASE_URL"] = database.url
        baseline_module = importlib.import_module("bench.baseline")
        baseline = TestClient(baseline_module.app)
        paraaf.get(f"/api/v1/documenten/{document_id}", headers=kop)  # warm: caches, first connection
        baseline.get(f"/doc/{document_id}")

        uitkomst = {
            "paraaf lezen": tel(engine, lambda: paraaf.get(f"/api/v1/documenten/{document_id}", headers=kop)),
            "baseline lezen": tel(baseline_module.engine, lambda: baseline.get(f"/doc/{document_id}")),
            "paraaf bewerken": tel(
                engine,
                lambda: paraaf.put(
                    f"/api/v1/documenten/{document_id}/secties/{sectie.id}",
                    headers=kop,
                    json={"tekst": sectie.tekst + " Aangevuld.", "basisversie": sectie.versie},
                ).raise_for_status(),
            ),
            "baseline bewerken": tel(
                baseline_module.engine,
                lambda: baseline.post(f"/edit/{sectie.id}", json={"tekst": sectie.tekst + " Nogmaals."}).raise_for_status(),
            ),
        }
        for naam, regels in uitkomst.items():
            print(f"{naam}: {len(regels)} statements (+ COMMIT)" if "bewerken" in naam else f"{naam}: {len(regels)} statements")
            for regel in regels:
                print(f"    {regel}")
        baseline_module.engine.dispose()
        engine.dispose()
    finally:
        database.opruimen()
    return 0


if __name__ == "__main__":
    sys.exit(main())
