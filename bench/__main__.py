"""All benchmarks in one command:

    .venv/bin/python -m bench            # the full run (about 20 minutes on 2 cores)
    .venv/bin/python -m bench --snel     # a short version (about 2 minutes)
    make bench                           # the full run; make bench ARGS=--snel for the short one

Options: --alleen merge,groei,plafond,load,adversarieel   --backends sqlite,postgres   (PostgreSQL is skipped with a
message when it is unreachable at PARAAF_TEST_POSTGRES_URL / 127.0.0.1:5432).

Writes bench/results/<timestamp>[-snel].json (machine, settings, every measurement) and, for the
full run, the plots docs/img/perf-historie.png and docs/img/perf-documentgrootte.png (the short
run puts its plots beside its JSON). Prints the ratios and whether each target is met. Exit
status 0 unless --streng is given and a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import gemeenschappelijk as g  # noqa: E402

ONDERDELEN = ("merge", "groei", "plafond", "load", "adversarieel")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Paraaf-benchmarks")
    parser.add_argument("--snel", action="store_true", help="korte versie (ongeveer 2 minuten)")
    parser.add_argument("--alleen", default=",".join(ONDERDELEN), help="merge,groei,plafond,load,adversarieel")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--streng", action="store_true", help="exit 1 als een doel niet gehaald is")
    parser.add_argument("--uitvoer", type=Path, help="JSON-bestand (standaard bench/results/<tijd>.json)")
    args = parser.parse_args(argv)
    ontbrekend = [m for m in ("aiohttp", "matplotlib", "httpx") if importlib.util.find_spec(m) is None]
    if ontbrekend:
        parser.exit(2, f"ontbrekende pakketten: {', '.join(ontbrekend)}; installeer ze met "
                       f"`.venv/bin/python -m pip install -e '.[test,bench]'`\n")  # fmt: skip

    onderdelen = [o for o in args.alleen.split(",") if o]
    for o in onderdelen:
        if o not in ONDERDELEN:
            parser.error(f"onbekend onderdeel {o!r}; kies uit {', '.join(ONDERDELEN)}")
    backends = [b for b in args.backends.split(",") if b]
    stempel = datetime.now().strftime("%Y%m%d-%H%M%S")
    resultaten = g.ROOT / "bench" / "results"
    uitvoer = args.uitvoer or resultaten / f"{stempel}{'-snel' if args.snel else ''}.json"
    werkmap = resultaten / "tmp"
    plotmap = resultaten / f"{stempel}-snel" if args.snel else g.ROOT / "docs" / "img"

    def log(regel: str = "") -> None:
        print(regel, flush=True)

    machine = g.machine()
    log(f"Paraaf-benchmarks {'(snel) ' if args.snel else ''}{stempel}: {machine['nproc']} kernen ({machine['cpu']}), "
        f"Python {machine['python']}, SQLite {machine['sqlite']}, PostgreSQL {machine['postgresql'] or '-'}, "
        f"load {machine['loadavg_bij_start']}")  # fmt: skip
    data: dict = {
        "tijdstip": stempel,
        "snel": args.snel,
        "opdracht": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine,
    }
    duur: dict[str, float] = {}
    begin_alles = time.perf_counter()

    if "merge" in onderdelen:
        from bench import merge

        log("\n== Drieweg-samenvoeging en woorddiff (5.000 woorden) ==")
        begin = time.perf_counter()
        data["merge"] = merge.draai(snel=args.snel, log=log)
        duur["merge"] = time.perf_counter() - begin
        merge.druk_af(data["merge"], log)

    if "groei" in onderdelen:
        from bench import groei

        log("\n== Kostengroei: historie en documentgrootte ==")
        begin = time.perf_counter()
        groei_backends = ["sqlite"] if args.snel else backends
        data["groei"] = groei.draai(snel=args.snel, backends=groei_backends, werkmap=werkmap, plotmap=plotmap, log=log)
        duur["groei"] = time.perf_counter() - begin
        groei.druk_af(data["groei"], log)

    if "plafond" in onderdelen:
        from bench import plafond

        log("\n== Lezen tegen het plafond (kale endpoint uit het geheugen) en de baseline, wrk -c32 ==")
        begin = time.perf_counter()
        data["plafond"] = plafond.draai(snel=args.snel, backends=backends, werkmap=werkmap, log=log)
        duur["plafond"] = time.perf_counter() - begin
        log("")
        plafond.druk_af(data["plafond"], log)

    if "load" in onderdelen:
        from bench import load

        log("\n== API-doorvoer en latentie: Paraaf tegen de baseline (32 clients) ==")
        begin = time.perf_counter()
        data["load"] = load.draai(snel=args.snel, backends=backends, werkmap=werkmap, log=log)
        duur["load"] = time.perf_counter() - begin
        log("")
        load.druk_af(data["load"], log)

    if "adversarieel" in onderdelen:
        from bench import adversarieel

        grootte = (256 if args.snel else 2048) * 1024
        log(f"\n== Vijandige invoer ({grootte // 1024} KiB): slechtste CPU-tijd per parser, diff en weergave ==")
        begin = time.perf_counter()
        data["adversarieel"] = adversarieel.draai(grootte=grootte, log=log)
        duur["adversarieel"] = time.perf_counter() - begin
        adversarieel.druk_af(data["adversarieel"], log)

    duur["totaal"] = time.perf_counter() - begin_alles
    data["loadavg_bij_einde"] = [round(x, 2) for x in __import__("os").getloadavg()]
    data["duur_s"] = {k: round(v, 1) for k, v in duur.items()}
    data["doelen"] = doelen(data)
    g.schrijf_json(uitvoer, data)

    log("\n== Doelen ==")
    for d in data["doelen"]:
        log(f"  {'GEHAALD     ' if d['gehaald'] else 'NIET GEHAALD'}  {d['doel']}: {d['waarde']}")
    log(f"\nResultaten: {uitvoer}  (duur {duur['totaal']:.0f} s)")
    if args.streng and not all(d["gehaald"] for d in data["doelen"]):
        return 1
    return 0


def doelen(data: dict) -> list[dict]:
    uit = []
    for naam, r in data.get("adversarieel", {}).items():
        uit.append({"doel": f"vijandige invoer: {naam} begrensd", "waarde": f"{r['slechtste_s']} s CPU ({r['invoer']})",
                    "gehaald": bool(r["begrensd"])})  # fmt: skip
    for backend, r in data.get("plafond", {}).items():
        for scenario, s in r.get("samenvatting", {}).items():
            uit.append({
                "doel": f"{backend}: {scenario} >= {s['doel']:.0%} van het plafond",
                "waarde": f"{s['plafond_ratio']:.1%} gepaard {s['plafond_ratio_gepaard']:.1%} "
                          f"({s['paraaf']['rps']:.0f} / {s['plafond']['rps']:.0f} req/s)",
                "gehaald": bool(s["gehaald"]),
            })  # fmt: skip
    for backend, r in data.get("load", {}).items():
        for scenario, s in r.get("samenvatting", {}).items():
            if scenario == "bewerken_een_document":  # issue 16: fair writes
                p = s["paraaf"]
                uit.append({
                    "doel": f"{backend}: {scenario} p99 <= 5 x p50 (eerlijke schrijvers)",
                    "waarde": f"p99 {p['p99_ms']:.0f} ms / p50 {p['p50_ms']:.0f} ms = {p['p99_ms'] / p['p50_ms']:.2f}",
                    "gehaald": p["p99_ms"] <= 5 * p["p50_ms"],
                })  # fmt: skip
            if s.get("doel"):
                uit.append({
                    "doel": f"{backend}: {scenario} >= {s['doel']:.0%} van de baseline-doorvoer",
                    "waarde": f"{s['verhouding_rps']:.1%} ({s['paraaf']['rps']:.0f} / {s['baseline']['rps']:.0f} req/s)",
                    "gehaald": bool(s["gehaald"]),
                })  # fmt: skip
    for backend, r in data.get("groei", {}).items():
        for metriek in ("lezen", "http_lezen", "docx", "http_docx"):
            a = r["historie"]["analyse"].get(metriek)
            if a:
                uit.append({
                    "doel": f"{backend}: {metriek} groeit niet met de historie",
                    "waarde": f"x{a['oordeel_verhouding']} ({a['oordeel_op']}), x{a['verhouding']} (mediaan) bij "
                              f"x{a['omvang_verhouding']:.0f} versies, helling {a['oordeel_helling']:+.3f}",
                    "gehaald": bool(a["vlak"]),
                })  # fmt: skip
        for metriek in ("docx", "http_docx"):
            a = r["grootte"]["analyse"].get(metriek)
            if a:
                uit.append({
                    "doel": f"{backend}: {metriek} groeit hoogstens lineair met de documentgrootte",
                    "waarde": f"x{a['oordeel_verhouding']} ({a['oordeel_op']}), x{a['verhouding']} (mediaan) bij "
                              f"x{a['omvang_verhouding']:.0f} woorden (helling {a['oordeel_helling']:+.3f}, "
                              f"bovenkant {a['oordeel_helling_bovenkant']:+.3f})",
                    "gehaald": bool(a["hoogstens_lineair"]),
                })  # fmt: skip
    return uit


if __name__ == "__main__":
    sys.exit(main())
