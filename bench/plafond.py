"""Reads against the ceiling: Paraaf, the same-work baseline and a bare in-memory endpoint, side by side.

    .venv/bin/python -m bench.plafond [--snel] [--backends sqlite,postgres] [--rondes 3] [--duur 5]

The ceiling (bench/plafond_app.py) is a bare FastAPI endpoint that returns, from memory, exactly
the bytes Paraaf answers for `GET /api/v1/documenten/{id}` (and its ETag): no database, no auth.
The same-work baseline (bench/baseline.py) reads the same rows from the same database. All three
are driven by wrk (Debian's, installed by scripts/bench-tools.sh) with 32 connections and 2
threads, alternating in one run (Paraaf, ceiling, baseline, Paraaf, ...), each round on a freshly
started server process; a warm-up run precedes every measured one. Scenarios:

- lezen: GET the document (a letter of a few sections, or `--document seed` for the whole seed
  letter, 27 sections).
- niet_gewijzigd: the same GET with `If-None-Match` set to the ETag it answered: 304.

SQLite runs with one worker, PostgreSQL with four (as bench/load.py). The summary gives medians
over the rounds of requests/s, p50 and p99 (wrk's latency distribution), and the ratios
Paraaf / ceiling and Paraaf / baseline of the medians and per round (paired).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import gemeenschappelijk as g  # noqa: E402

VERBINDINGEN = 32
DOEL = {"lezen": 0.5, "niet_gewijzigd": 0.8}
_EENHEID = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_pad() -> str:
    pad = shutil.which("wrk")
    if pad is None:
        subprocess.run([str(g.ROOT / "scripts" / "bench-tools.sh")], check=True)
        pad = shutil.which("wrk")
    if pad is None:
        raise RuntimeError("wrk ontbreekt: scripts/bench-tools.sh installeert het")
    return pad


def _ms(waarde: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", waarde.strip())
    if not m:
        raise ValueError(waarde)
    return float(m.group(1)) * _EENHEID[m.group(2)]


def wrk(url: str, koppen: dict[str, str], duur: float, server: g.Server) -> dict:
    opdracht = [wrk_pad(), "-t2", f"-c{VERBINDINGEN}", f"-d{max(1, round(duur))}s", "--latency", "--timeout", "30s"]
    for k, w in koppen.items():
        opdracht += ["-H", f"{k}: {w}"]
    cpu0 = server.cpu()
    uit = subprocess.run([*opdracht, url], capture_output=True, text=True, check=True).stdout
    cpu1 = server.cpu()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1))
    aantal = int(re.search(r"(\d+) requests in", uit).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", uit, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", uit, re.M).group(1))
    fout = re.search(r"Non-2xx or 3xx responses: (\d+)", uit)
    fouten = int(fout.group(1)) if fout else 0
    sockfout = re.search(r"Socket errors: (.*)", uit)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "aantal": aantal,
        "fouten": fouten,
        "socketfouten": sockfout.group(1) if sockfout else "",
        "server_cpu_ms_per_verzoek": 1000 * (cpu1 - cpu0) / aantal if aantal else float("nan"),
    }


def _document(engine, soort: str) -> int:
    opsteller = g.maak_opsteller(engine)
    secties = g.seed_secties()
    if soort == "klein":
        secties = secties[:4]
    return g.maak_document(engine, opsteller, secties, "Plafondbrief")


def draai_backend(database: g.Database, *, workers: int, rondes: int, opwarmen: float, duur: float, document: str, log=print):
    import httpx

    engine = database.engine()
    doc_id = _document(engine, document)
    engine.dispose()
    werkmap = g.ROOT / "bench" / "results" / "tmp"
    werkmap.mkdir(parents=True, exist_ok=True)
    bestand = werkmap / f"plafond-{database.soort}-{doc_id}.bin"
    auth = {"Authorization": f"Bearer {g.TOKEN}"}
    pad = f"/api/v1/documenten/{doc_id}"
    # The bytes the ceiling serves: exactly Paraaf's answer (taken from a Paraaf server).
    with g.Server("paraaf", "app.main:app", database.url, workers=1) as s:
        r = httpx.get(s.basis + pad, headers=auth)
        r.raise_for_status()
        etag = r.headers.get("etag", '"geen"')
    bestand.write_bytes(etag.encode() + b"\n" + r.content)
    log(f"  [{database.soort}] document {doc_id}: {len(r.content)} bytes, ETag {etag}")
    servers = {
        "paraaf": g.Server("paraaf", "app.main:app", database.url, workers=workers),
        "plafond": g.Server(
            "plafond", "bench.plafond_app:app", database.url, workers=workers, gezondheid="/health",
            extra_env={"PLAFOND_BESTAND": str(bestand)},
        ),
        "baseline": g.Server("baseline", "bench.baseline:app", database.url, workers=workers, gezondheid="/health"),
    }  # fmt: skip
    scenarios = {
        "paraaf": {"lezen": (pad, auth), "niet_gewijzigd": (pad, {**auth, "If-None-Match": etag})},
        "plafond": {"lezen": ("/doc", {}), "niet_gewijzigd": ("/doc", {"If-None-Match": etag})},
        "baseline": {"lezen": (f"/doc/{doc_id}", {})},
    }
    metingen: list[dict] = []
    try:
        for ronde in range(1, rondes + 1):
            for naam, server in servers.items():
                server.start()
                try:
                    for scenario, (p, koppen) in scenarios[naam].items():
                        wrk(server.basis + p, koppen, opwarmen, server)
                        m = {"ronde": ronde, "server": naam, "scenario": scenario, **wrk(server.basis + p, koppen, duur, server)}
                        metingen.append(m)
                        log(
                            f"  [{database.soort}] ronde {ronde} {naam:<8} {scenario:<15} {m['rps']:8.1f} req/s  "
                            f"p50 {m['p50_ms']:7.2f} ms  p99 {m['p99_ms']:7.2f} ms  CPU/verzoek {m['server_cpu_ms_per_verzoek']:.3f} ms"
                            + (f"  FOUTEN {m['fouten']}" if m["fouten"] else "")
                        )
                finally:
                    server.stop()
    finally:
        bestand.unlink(missing_ok=True)
    return {
        "backend": database.soort,
        "workers": workers,
        "verbindingen": VERBINDINGEN,
        "document": document,
        "bytes": len(r.content),
        "rondes": rondes,
        "duur_s": duur,
        "metingen": metingen,
        "samenvatting": vat_samen(metingen),
    }


def vat_samen(metingen: list[dict]) -> dict:
    uit: dict = {}
    for scenario in DOEL:
        per: dict = {}
        for server in ("paraaf", "plafond", "baseline"):
            rij = [m for m in metingen if m["scenario"] == scenario and m["server"] == server]
            if rij:
                per[server] = {
                    k: g.mediaan([m[k] for m in rij]) for k in ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_verzoek")
                } | {"rps_per_ronde": [round(m["rps"], 1) for m in rij], "fouten": sum(m["fouten"] for m in rij)}
        if "paraaf" not in per:
            continue

        def gepaard(ander: str, scenario: str = scenario) -> float:
            a = {m["ronde"]: m["rps"] for m in metingen if m["scenario"] == scenario and m["server"] == "paraaf"}
            b = {m["ronde"]: m["rps"] for m in metingen if m["scenario"] == scenario and m["server"] == ander}
            return g.mediaan([a[r] / b[r] for r in a if b.get(r)]) if b else float("nan")

        uit[scenario] = {
            **per,
            "plafond_ratio": per["paraaf"]["rps"] / per["plafond"]["rps"],
            "plafond_ratio_gepaard": gepaard("plafond"),
            "baseline_ratio": per["paraaf"]["rps"] / per["baseline"]["rps"] if "baseline" in per else None,
            "baseline_ratio_gepaard": gepaard("baseline") if "baseline" in per else None,
            "doel": DOEL[scenario],
        }
        uit[scenario]["gehaald"] = min(uit[scenario]["plafond_ratio"], uit[scenario]["plafond_ratio_gepaard"]) >= DOEL[scenario]
    return uit


def draai(*, snel: bool, backends: list[str], rondes=None, duur=None, opwarmen=None, document="klein", werkmap: Path, log=print):
    rondes = rondes or (2 if snel else 3)
    duur = duur or (2.0 if snel else 5.0)
    opwarmen = opwarmen or 1.0
    uit: dict = {}
    for backend in backends:
        if backend == "postgres" and (reden := g.postgres_reden()):
            log(f"  PostgreSQL overgeslagen: {reden}")
            uit[backend] = {"overgeslagen": reden}
            continue
        database = g.sqlite_database(werkmap) if backend == "sqlite" else g.postgres_database()
        try:
            uit[backend] = draai_backend(
                database, workers=1 if backend == "sqlite" else 4, rondes=rondes, opwarmen=opwarmen, duur=duur,
                document=document, log=log,
            )  # fmt: skip
        finally:
            database.opruimen()
    return uit


def druk_af(resultaat: dict, log=print) -> None:
    for backend, r in resultaat.items():
        if "overgeslagen" in r:
            log(f"{backend}: overgeslagen ({r['overgeslagen']})")
            continue
        log(
            f"{backend} ({r['workers']} worker(s), wrk -c{r['verbindingen']}, {r['rondes']} rondes x {r['duur_s']} s, "
            f"document '{r['document']}' {r['bytes']} bytes; medianen):"
        )
        log(
            f"  {'scenario':<15} {'paraaf req/s':>12} {'p50':>7} {'p99':>7} | {'plafond req/s':>13} {'p50':>6} {'p99':>6} | "
            f"{'baseline req/s':>14} | {'/plafond':>8} {'gepaard':>7} | {'/baseline':>9}  doel"
        )
        for scenario, s in r["samenvatting"].items():
            p, c = s["paraaf"], s["plafond"]
            b = s.get("baseline")
            log(
                f"  {scenario:<15} {p['rps']:12.1f} {p['p50_ms']:7.2f} {p['p99_ms']:7.2f} | {c['rps']:13.1f} {c['p50_ms']:6.2f} "
                f"{c['p99_ms']:6.2f} | {(b['rps'] if b else float('nan')):14.1f} | {s['plafond_ratio']:8.3f} "
                f"{s['plafond_ratio_gepaard']:7.3f} | {(s['baseline_ratio'] or float('nan')):9.3f}  "
                f">= {s['doel']:.2f} {'GEHAALD' if s['gehaald'] else 'NIET GEHAALD'}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description="Paraaf tegen het plafond (kale endpoint uit het geheugen) en de baseline")
    parser.add_argument("--snel", action="store_true")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--rondes", type=int)
    parser.add_argument("--duur", type=float)
    parser.add_argument("--document", choices=["klein", "seed"], default="klein")
    args = parser.parse_args()
    resultaat = draai(
        snel=args.snel, backends=args.backends.split(","), rondes=args.rondes, duur=args.duur, document=args.document,
        werkmap=g.ROOT / "bench" / "results" / "tmp",
    )  # fmt: skip
    g.schrijf_json(g.ROOT / "bench" / "results" / f"plafond-{time.strftime('%Y%m%d-%H%M%S')}.json", resultaat)
    druk_af(resultaat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
