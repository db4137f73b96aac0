"""Markdown tables from a results file, for docs/performance.md (no numbers are typed by hand).

.venv/bin/python -m bench.rapport bench/results/<timestamp>.json
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

NAMEN = {
    "lezen": "read document (GET)",
    "bewerken": "edit own section (PUT, happy path)",
    "hete_sectie": "32 clients, one section (merge / 409)",
    "bewerken_een_document": "32 sections of one document",
}


def f(x: float, n: int = 1) -> str:
    return f"{x:,.{n}f}"


def load_tabellen(data: dict) -> list[str]:
    uit = []
    for backend, r in data.get("load", {}).items():
        if "overgeslagen" in r:
            uit.append(f"{backend}: skipped ({r['overgeslagen']})\n")
            continue
        uit.append(
            f"**{backend}**, {r['workers']} worker(s), {r['klanten']} clients, {r['rondes']} rounds per server "
            f"(alternating), {r['opwarmen_s']} s warm-up + {r['duur_s']} s measured per scenario; medians over the rounds.\n"
        )
        uit.append(
            "| scenario | Paraaf req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | ratio of medians | paired ratio (median) | target | server CPU ms/req Paraaf / baseline (= baseline ÷ Paraaf) | PostgreSQL CPU ms/req Paraaf / baseline | other load (cores) |"
        )
        uit.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
        for scenario, s in r["samenvatting"].items():
            p, b = s["paraaf"], s["baseline"]
            doel = f"≥ {s['doel']:.2f}: {'met' if s['gehaald'] else '**missed**'}" if s.get("doel") else "–"
            uit.append(
                f"| {NAMEN.get(scenario, scenario)} | {f(p['rps'])} | {f(p['p50_ms'])} | {f(p['p99_ms'])} | {f(b['rps'])} | "
                f"{f(b['p50_ms'])} | {f(b['p99_ms'])} | **{s['verhouding_rps']:.2f}** | {s.get('verhouding_rps_gepaard', statistics.median(s['verhouding_rps_per_ronde'] or [float('nan')])):.2f} | {doel} | "
                f"{p['server_cpu_ms_per_verzoek']:.2f} / {b['server_cpu_ms_per_verzoek']:.2f} (= {1 / s['verhouding_cpu_per_verzoek']:.2f}) | "
                + (
                    f"{p['postgres_cpu_ms_per_verzoek']:.2f} / {b['postgres_cpu_ms_per_verzoek']:.2f} | "
                    if p.get("postgres_cpu_kernen")
                    else "– | "
                )
                + f"{p['overig_cpu_kernen']:.2f} / {b['overig_cpu_kernen']:.2f} |"
            )
        for scenario, s in r["samenvatting"].items():
            if "baseline_schrijfslot" in s:
                x = s["baseline_schrijfslot"]
                uit.append(
                    f"| {NAMEN.get(scenario, scenario)}: baseline **with write mutex** | | | | {f(x['rps'])} | {f(x['p50_ms'])} | "
                    f"{f(x['p99_ms'])} | | | | {x['server_cpu_ms_per_verzoek']:.2f} | – | {x['overig_cpu_kernen']:.2f} |"
                )
        uit.append("")
        for scenario, s in r["samenvatting"].items():
            p = s["paraaf"]
            uit.append(
                f"- {NAMEN.get(scenario, scenario)}: per-round ratios {s['verhouding_rps_per_ronde']}; Paraaf statuses {p['statussen']}"
                + (f", merged (samengevoegd) {p['samengevoegd']}, 409 share {p['aandeel_409']:.1%}" if scenario == "hete_sectie" else "")
                + (f"; baseline with write mutex: {s['baseline_schrijfslot']['rps']:.1f} req/s, p50 {s['baseline_schrijfslot']['p50_ms']:.1f} ms, "
                   f"p99 {s['baseline_schrijfslot']['p99_ms']:.1f} ms" if "baseline_schrijfslot" in s else "")
            )  # fmt: skip
        fouten = {k: len(v) for k, v in r.get("serverfouten", {}).items() if v}
        uit.append(f"- server tracebacks logged: {fouten or 'none'}\n")
    return uit


def groei_tabellen(data: dict) -> list[str]:
    uit = []
    for backend, r in data.get("groei", {}).items():
        rijen = r["historie"]["rijen"]
        metrieken = [k for k, v in rijen[0].items() if isinstance(v, dict) and "mediaan_ms" in v]
        uit.append(f"**{backend} — history** (median ms; interleaved rounds of {rijen[0]['lezen']['n']})\n")
        uit.append(
            "| metric | " + " | ".join(f"{x['versies']:,} versions" for x in rijen) + " | ratio (judged on) | slope | flat? |"
        )
        uit.append("|---|" + "---:|" * len(rijen) + "---:|---:|---|")
        for m in metrieken:
            a = r["historie"]["analyse"][m]
            uit.append(
                f"| {m} | "
                + " | ".join(f(x[m]["mediaan_ms"], 2) for x in rijen)
                + f" | x{a['oordeel_verhouding']} ({a['oordeel_op']}) | {a['oordeel_helling']:+.3f} | {'yes' if a['vlak'] else '**grows**'} |"
            )
        uit.append("")
        rijen = r["grootte"]["rijen"]
        metrieken = [k for k, v in rijen[0].items() if isinstance(v, dict) and "mediaan_ms" in v]
        uit.append(f"**{backend} — document size** (median ms)\n")
        uit.append(
            "| metric | "
            + " | ".join(f"{x['woorden']:,} w ({x['secties']} s)" for x in rijen)
            + " | ratio (judged on) | slope | slope at top | ≤ linear? |"
        )
        uit.append("|---|" + "---:|" * len(rijen) + "---:|---:|---:|---|")
        for m in metrieken:
            a = r["grootte"]["analyse"][m]
            uit.append(
                f"| {m} | "
                + " | ".join(f(x[m]["mediaan_ms"], 2) for x in rijen)
                + f" | x{a['oordeel_verhouding']} ({a['oordeel_op']}) | {a['oordeel_helling']:+.3f} | {a['oordeel_helling_bovenkant']:+.3f} | "
                f"{'yes' if a['hoogstens_lineair'] else '**no**'} |"
            )
        uit.append("| .docx bytes | " + " | ".join(f"{x['docx_bytes']:,}" for x in rijen) + " | | | | |")
        uit.append("")
    return uit


def merge_tabel(data: dict) -> list[str]:
    m = data.get("merge")
    if not m:
        return []
    uit = [f"{m['woorden']:,} words ({m['tokens']:,} tokens), {m['bewerkingen_per_zijde']} edits per side, {m['herhalingen']} interleaved calls, "
           f"merges correct: {m['samenvoegingen_correct']}\n"]  # fmt: skip
    uit.append("| function | median ms |")
    uit.append("|---|---:|")
    for k, v in m["mediaan_ms"].items():
        uit.append(f"| {k} | {v:.2f} |")
    uit.append("")
    uit.append("| ratio | value |")
    uit.append("|---|---:|")
    for k, v in m["verhouding"].items():
        uit.append(f"| {k} | {v:.3f} |")
    uit.append("")
    return uit


def main() -> int:
    pad = Path(sys.argv[1])
    data = json.loads(pad.read_text(encoding="utf-8"))
    if "machine" not in data:  # a file of `python -m bench.load` alone
        for regel in load_tabellen({"load": data}):
            print(regel)
        return 0
    m = data["machine"]
    print(f"Run {data['tijdstip']} ({pad.name}): `{data['opdracht']}`, {data['duur_s']}, nproc {m['nproc']} ({m['cpu']}), "
          f"Python {m['python']}, SQLite {m['sqlite']}, PostgreSQL {m['postgresql']}, load average at start {m['loadavg_bij_start']}, "
          f"at end {data.get('loadavg_bij_einde')}\n")  # fmt: skip
    try:
        groei = groei_tabellen(data)
    except KeyError:
        groei = ["(growth analysis of an older format: see the JSON)\n"]
    for regel in merge_tabel(data) + groei + load_tabellen(data):
        print(regel)
    print("Targets:")
    for d in data.get("doelen", []):
        print(f"- {'met' if d['gehaald'] else '**missed**'}: {d['doel']} — {d['waarde']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
