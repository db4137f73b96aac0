"""CPU per request of two commits, side by side: this checkout against an earlier one.

    .venv/bin/python -m bench.zij_aan_zij <git-ref> [--rondes 5]

For a change to the request path, where the question is "how much did this commit save", not
"how does Paraaf compare to a bare endpoint" (that is bench/load.py). Checks <git-ref> out into a
temporary worktree, then alternates (old, new, old, new, ...) fresh processes that each drive
their own checkout's app in-process, through the ASGI interface with FastAPI's threadpool and
all middleware, one request at a time: 160 happy-path edits of a ~500-word section and 100
reads of the seed Kamerbrief per measurement, on a SQLite file of their own. Prints each
round, then the medians of the process's CPU time per request and the ratio new / old.

CPU time of the whole process, so another process on the machine changes little; the HTTP
client (httpx) runs in the same process and is counted on both sides alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One measurement, run with `python -c` inside the checkout being measured (its own bench and
# app packages), so both sides measure with the same code of their own era.
METING = r"""
import asyncio, json, statistics, sys, time, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, ".")
import httpx
from bench import gemeenschappelijk as g, load
from app.config import Settings
from app.main import maak_app
import app as _app, os
assert _app.__file__.startswith(os.getcwd()), ("app comes from elsewhere", _app.__file__)

database = g.sqlite_database(g.ROOT / "bench" / "results" / "tmp", "zij-aan-zij")
engine = database.engine()
gegevens = load.zaai(engine, False, ("paraaf",))
app = maak_app(Settings(database_url=database.url, log_level="warning", session_secret="zij-aan-zij"))
doelen = [(d, s, *load.sectie_nu(engine, s)) for d, s in gegevens.eigen["paraaf"]]
koppen = {"Authorization": f"Bearer {g.TOKEN}", "content-type": "application/json"}
lees = f"/api/v1/documenten/{gegevens.lees_document}"

async def main():
    werk = load.EigenSectie(True, doelen, 7)
    uit = {"bewerken": [], "lezen": []}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://paraaf") as c:
        for _ in range(4):  # the first of each is warm-up
            begin, n = time.process_time(), 0
            for _ in range(5):
                for i in range(len(doelen)):
                    methode, pad, body = werk.verzoek(i)
                    r = await c.request(methode, pad, content=body, headers=koppen)
                    assert r.status_code == 200, r.text
                    werk.antwoord(i, r.status_code, r.content)
                    n += 1
            uit["bewerken"].append((time.process_time() - begin) / n * 1000)
            begin = time.process_time()
            for _ in range(100):
                assert (await c.get(lees, headers=koppen)).status_code == 200
            uit["lezen"].append((time.process_time() - begin) / 100 * 1000)
    print(json.dumps({k: statistics.median(v[1:]) for k, v in uit.items()}))

try:
    asyncio.run(main())
finally:
    engine.dispose()
    database.opruimen()
"""


def meet(checkout: Path) -> dict[str, float]:
    uit = subprocess.run(
        [sys.executable, "-c", METING], cwd=checkout, capture_output=True, text=True, check=False
    )  # fmt: skip
    if uit.returncode != 0:
        raise SystemExit(f"meting in {checkout} mislukt:\n{uit.stderr[-3000:]}")
    return json.loads(uit.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.zij_aan_zij", description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="de oudere commit (bijvoorbeeld HEAD~3 of een hash)")
    parser.add_argument("--rondes", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paraaf-zij-aan-zij-") as tmp:
        oud = Path(tmp) / "oud"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(oud), args.ref], cwd=ROOT, check=True)
        try:
            resultaten: dict[str, list[dict]] = {"oud": [], "nieuw": []}
            for ronde in range(1, args.rondes + 1):
                for naam, checkout in (("oud", oud), ("nieuw", ROOT)):
                    resultaten[naam].append(meet(checkout))
                    waarden = ", ".join(f"{k} {v:.2f} ms" for k, v in resultaten[naam][-1].items())
                    print(f"ronde {ronde} {naam:<5} CPU per verzoek: {waarden}", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(oud)], cwd=ROOT, check=False)
    print(f"\n{args.ref} (oud) tegen deze checkout (nieuw), medianen over {args.rondes} rondes:")
    for soort in ("bewerken", "lezen"):
        o = statistics.median(r[soort] for r in resultaten["oud"])
        n = statistics.median(r[soort] for r in resultaten["nieuw"])
        print(f"  {soort:<9} oud {o:5.2f} ms CPU   nieuw {n:5.2f} ms CPU   nieuw / oud {n / o:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
