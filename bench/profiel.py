"""Where an edit's time goes: pyinstrument over N happy-path edits, in-process (no HTTP).

    .venv/bin/python -m bench.profiel [--backend sqlite|postgres] [--aantal 300]

Edits the seed Kamerbrief's ~500-word section through `documenten.service.wijzig_sectie` (as
bench/groei.py does) and prints pyinstrument's call tree. Needs `pyinstrument` (not in the
`bench` extra: `.venv/bin/python -m pip install pyinstrument`).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import gemeenschappelijk as g  # noqa: E402
from bench import groei


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--aantal", type=int, default=300)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from pyinstrument import Profiler

    database = g.sqlite_database(g.ROOT / "bench" / "results" / "tmp") if args.backend == "sqlite" else g.postgres_database()
    try:
        engine = database.engine()
        opsteller = g.maak_opsteller(engine)
        document_id = g.maak_document(engine, opsteller, g.seed_secties(), "Profielbrief")
        sectie_id = g.doelsectie(engine, document_id).id
        meter = groei.Meter(engine, opsteller, 1, None)
        for _ in range(20):
            meter.bewerken(document_id, sectie_id)
        profiel = Profiler(interval=0.0005)
        profiel.start()
        for _ in range(args.aantal):
            meter.bewerken(document_id, sectie_id)
        profiel.stop()
        print(profiel.output_text(unicode=False, color=False))
        engine.dispose()
    finally:
        database.opruimen()
    return 0


if __name__ == "__main__":
    sys.exit(main())
