"""API throughput and latency: Paraaf against the bare baseline (bench/baseline.py), side by side.

    .venv/bin/python -m bench.load [--snel] [--backends sqlite,postgres] [--rondes 5] [--duur 8]

One asyncio process (aiohttp on uvloop) keeps 32 clients busy, each with one keep-alive
connection and at most one request in flight (closed loop). Per scenario: a warm-up, then a fixed
measuring window; throughput counts the responses that completed inside the window, latency is
measured per request from send to the last byte. Paraaf and the baseline run alternately
(Paraaf, baseline, Paraaf, baseline, ...), each round on a freshly started server process, so
both see the same machine state; the summary gives medians over the rounds and the ratio
Paraaf / baseline.

Scenarios
- lezen: GET the seed Kamerbrief (27 sections, ~7,100 words) — Paraaf: GET /api/v1/documenten/{id}
  with a bearer token; baseline: GET /doc/{id}.
- bewerken: every client edits its own ~500-word section (in its own copy of the seed document)
  with its current basisversie, so every edit is the happy path (no merge).
- bewerken_een_document (full run only): 32 clients, 32 sections of one document: Paraaf's
  document lock serialises them; the baseline locks only the section row.
- hete_sectie: all 32 clients edit one section, each from the version it last saw (a random word
  replaced): Paraaf merges three-way or answers 409 (the client then takes the current text and
  goes on); the baseline simply overwrites. The 409 share is reported.

SQLite runs with one worker: SQLite has a single writer lock per database file, so more worker
processes only add lock waits for writes. PostgreSQL runs with 4 workers (the README's
production shape). The machine has 2 cores: the load generator, the server's workers and
PostgreSQL share them, so absolute numbers are lower than on a dedicated server; the CPU the
load generator itself uses is reported per run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import gemeenschappelijk as g  # noqa: E402

KLANTEN = 32
DOEL = {"lezen": 0.50, "bewerken": 0.35}
_WOORD = re.compile(r"\w{4,}")


# --- workloads --------------------------------------------------------------------------------


def vervang_woord(tekst: str, rng: random.Random, nieuw: str) -> str:
    kandidaten = [m.span() for m in _WOORD.finditer(tekst)]
    start, eind = kandidaten[rng.randrange(len(kandidaten))]
    return tekst[:start] + nieuw + tekst[eind:]


class Werk:
    """What client `i` sends next, and what it learns from the answer."""

    def verzoek(self, i: int) -> tuple[str, str, bytes | None]:
        raise NotImplementedError

    def antwoord(self, i: int, status: int, inhoud: bytes) -> str | None:
        """Learn from the answer; may return a tag that is counted (e.g. "samengevoegd")."""
        return None


class Lezen(Werk):
    def __init__(self, pad: str):
        self.pad = pad

    def verzoek(self, i):
        return "GET", self.pad, None


class EigenSectie(Werk):
    """Each client its own section, always from its current version (the happy path)."""

    def __init__(self, paraaf: bool, doelen: list[tuple[int, int, int, str]], seed: int):
        self.paraaf = paraaf
        self.doelen = doelen  # per client: (document id, section id, versie, tekst)
        self.versie = [d[2] for d in doelen]
        self.seed = seed
        self.rng = [random.Random(seed * 1000 + i) for i in range(len(doelen))]
        self.teller = [0] * len(doelen)

    def verzoek(self, i):
        document_id, sectie_id, _, tekst = self.doelen[i]
        self.teller[i] += 1
        # Tokens unique over the whole run (seed differs per round and server): never a no-op edit.
        nieuw = vervang_woord(tekst, self.rng[i], f"k{self.seed}x{i}x{self.teller[i]}")
        if self.paraaf:
            body = {"tekst": nieuw, "basisversie": self.versie[i]}
            return "PUT", f"/api/v1/documenten/{document_id}/secties/{sectie_id}", json.dumps(body).encode()
        return "POST", f"/edit/{sectie_id}", json.dumps({"tekst": nieuw}).encode()

    def antwoord(self, i, status, inhoud):
        if status == 200:
            self.versie[i] = json.loads(inhoud)["versie"]


class HeteSectie(Werk):
    """All clients one section; each edits the text of the version it last saw."""

    def __init__(self, paraaf: bool, document_id: int, sectie_id: int, versie: int, tekst: str, seed: int):
        self.paraaf = paraaf
        self.document_id, self.sectie_id = document_id, sectie_id
        self.basis = [(versie, tekst)] * KLANTEN
        self.seed = seed
        self.rng = [random.Random(seed * 1000 + i) for i in range(KLANTEN)]
        self.teller = [0] * KLANTEN

    def verzoek(self, i):
        versie, tekst = self.basis[i]
        self.teller[i] += 1
        nieuw = vervang_woord(tekst, self.rng[i], f"h{self.seed}x{i}x{self.teller[i]}")
        if self.paraaf:
            body = {"tekst": nieuw, "basisversie": versie}
            return "PUT", f"/api/v1/documenten/{self.document_id}/secties/{self.sectie_id}", json.dumps(body).encode()
        return "POST", f"/edit/{self.sectie_id}", json.dumps({"tekst": nieuw}).encode()

    def antwoord(self, i, status, inhoud):
        if status == 200:
            data = json.loads(inhoud)
            self.basis[i] = (data["versie"], data["tekst"])
            return "samengevoegd" if data.get("samengevoegd") else None
        if status == 409:
            data = json.loads(inhoud)
            self.basis[i] = (data["actuele_versie"], data["actuele_tekst"])
        return None


# --- the load generator -----------------------------------------------------------------------


@dataclass
class Meting:
    scenario: str
    server: str
    ronde: int
    duur_s: float
    aantal: int
    per_status: dict[str, int]
    rps: float
    p50_ms: float
    p99_ms: float
    gemiddeld_ms: float
    client_cpu_kernen: float
    server_cpu_kernen: float
    # PostgreSQL backends serving this server's connections (0 on SQLite: it runs in the server).
    postgres_cpu_kernen: float
    postgres_cpu_ms_per_verzoek: float
    # Everything else that ran on the machine meanwhile: PostgreSQL, other users' processes.
    overig_cpu_kernen: float
    server_cpu_ms_per_verzoek: float
    samengevoegd: int = 0
    extra: dict = field(default_factory=dict)


async def _belast(basis: str, werk: Werk, headers: dict, opwarmen: float, duur: float, server: g.Server):
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0, ttl_dns_cache=None)
    latenties: list[float] = []
    statussen: dict[int, int] = {}
    labels: dict[str, int] = {}
    venster: dict[str, float] = {}
    async with aiohttp.ClientSession(basis, connector=connector, timeout=aiohttp.ClientTimeout(total=300)) as sessie:
        begin = time.perf_counter()
        eind = begin + opwarmen + duur

        async def klok() -> None:
            # Snapshots of time and CPU at the window's edges, taken by the clock, not by a client.
            await asyncio.sleep(opwarmen)
            venster.update(t0=time.perf_counter(), cpu0=time.process_time(), server0=server.cpu(), machine0=g.machine_cpu()[0])
            venster["pg0"] = server.pg_cpu()
            await asyncio.sleep(max(0.0, eind - time.perf_counter()))
            venster.update(t1=time.perf_counter(), cpu1=time.process_time(), server1=server.cpu(), machine1=g.machine_cpu()[0])
            venster["pg1"] = server.pg_cpu()

        async def klant(i: int) -> None:
            while time.perf_counter() < eind:
                methode, pad, body = werk.verzoek(i)
                kop = headers if body is None else {**headers, "Content-Type": "application/json"}
                t0 = time.perf_counter()
                async with sessie.request(methode, pad, data=body, headers=kop) as r:
                    inhoud = await r.read()
                    status = r.status
                t1 = time.perf_counter()
                label = werk.antwoord(i, status, inhoud)
                if "t0" in venster and "t1" not in venster:
                    latenties.append((t1 - t0) * 1000)
                    statussen[status] = statussen.get(status, 0) + 1
                    if label:
                        labels[label] = labels.get(label, 0) + 1

        await asyncio.gather(klok(), *(klant(i) for i in range(KLANTEN)))
    return (
        latenties,
        statussen,
        labels,
        venster["t1"] - venster["t0"],
        venster["cpu1"] - venster["cpu0"],
        venster["server1"] - venster["server0"],
        venster["machine1"] - venster["machine0"],
        # Backends that existed at both edges: their CPU in the window (new ones: all of theirs).
        sum(cpu - venster["pg0"].get(pid, 0.0) for pid, cpu in venster["pg1"].items()),
    )


def _draai_async(coroutine):
    try:
        import uvloop

        fabriek = uvloop.new_event_loop
    except ImportError:  # pragma: no cover
        fabriek = None
    with asyncio.Runner(loop_factory=fabriek) as runner:
        return runner.run(coroutine)


def meet(scenario: str, server: g.Server, werk: Werk, headers: dict, ronde: int, opwarmen: float, duur: float) -> Meting:
    latenties, statussen, labels, venster, cpu_client, cpu_server, cpu_machine, cpu_pg = _draai_async(
        _belast(server.basis, werk, headers, opwarmen, duur, server)
    )
    n = len(latenties)
    return Meting(
        scenario=scenario,
        server=server.naam,
        ronde=ronde,
        duur_s=round(venster, 3),
        aantal=n,
        per_status={str(k): v for k, v in sorted(statussen.items())},
        rps=n / venster,
        p50_ms=g.percentiel(latenties, 50),
        p99_ms=g.percentiel(latenties, 99),
        gemiddeld_ms=sum(latenties) / n if n else float("nan"),
        client_cpu_kernen=cpu_client / venster,
        server_cpu_kernen=cpu_server / venster,
        postgres_cpu_kernen=cpu_pg / venster,
        postgres_cpu_ms_per_verzoek=1000 * cpu_pg / n if n else float("nan"),
        overig_cpu_kernen=max(0.0, cpu_machine - cpu_client - cpu_server - cpu_pg) / venster,
        server_cpu_ms_per_verzoek=1000 * cpu_server / n if n else float("nan"),
        samengevoegd=labels.get("samengevoegd", 0),
    )


# --- data for one backend ---------------------------------------------------------------------


@dataclass
class Gegevens:
    lees_document: int
    eigen: dict[str, list[tuple[int, int]]]  # server -> per client (document, section)
    een_document: dict[str, list[tuple[int, int]]]
    heet: dict[str, tuple[int, int]]


def zaai(engine, met_een_document: bool, servers: tuple[str, ...] = ("paraaf", "baseline")) -> Gegevens:
    opsteller = g.maak_opsteller(engine)
    secties = g.seed_secties()
    lees = g.maak_document(engine, opsteller, secties, "Leesbrief")
    eigen, een, heet = {}, {}, {}
    for server in servers:
        eigen[server] = []
        for k in range(KLANTEN):
            d = g.maak_document(engine, opsteller, secties, f"Bewerkbrief {server} {k}")
            eigen[server].append((d, g.doelsectie(engine, d).id))
        d = g.maak_document(engine, opsteller, secties, f"Hete brief {server}")
        heet[server] = (d, g.doelsectie(engine, d).id)
        if met_een_document:
            groot = g.secties_van_woorden(KLANTEN * 700)[:KLANTEN]
            assert len(groot) == KLANTEN, len(groot)
            d = g.maak_document(engine, opsteller, groot, f"Gedeelde brief {server}")
            with g.schrijfsessie(engine) as s:
                een[server] = [(d, x.id) for x in g.documenten.secties(s, d)]
    return Gegevens(lees, eigen, een, heet)


def sectie_nu(engine, sectie_id: int) -> tuple[int, str]:
    with g.schrijfsessie(engine) as s:
        sectie = s.get(g.Sectie, sectie_id)
        return sectie.versie, sectie.tekst


# --- one backend ------------------------------------------------------------------------------


def draai_backend(
    database: g.Database, *, workers: int, rondes: int, opwarmen: float, duur: float, scenarios: list[str],
    schrijfslot: bool = False, zonder_schrijfrij: bool = False, log=print,
) -> dict:  # fmt: skip
    engine = database.engine()
    begin = time.perf_counter()
    servers = {
        "paraaf": g.Server("paraaf", "app.main:app", database.url, workers=workers, pg_naam="paraaf_bench_paraaf"),
        "baseline": g.Server(
            "baseline", "bench.baseline:app", database.url, workers=workers, gezondheid="/health", pg_naam="paraaf_bench_baseline"
        ),
    }
    if zonder_schrijfrij:
        # Paraaf as before issue 16: SQLite writers in the busy handler instead of in arrival order.
        servers["paraaf_zonder_rij"] = g.Server(
            "paraaf_zonder_rij", "bench.zonder_schrijfrij:app", database.url, workers=workers, pg_naam="paraaf_bench_zonder"
        )
    if schrijfslot:
        # The experiment behind a proposed fix: the baseline with its writers queued on a mutex.
        servers["baseline_schrijfslot"] = g.Server(
            "baseline_schrijfslot", "bench.baseline:app", database.url, workers=workers, gezondheid="/health",
            extra_env={"BENCH_SCHRIJFSLOT": "1"},
        )  # fmt: skip
    gegevens = zaai(engine, "bewerken_een_document" in scenarios, tuple(servers))
    log(f"  [{database.soort}] gegevens aangemaakt in {time.perf_counter() - begin:.1f} s")
    metingen: list[Meting] = []
    opstarttijden: dict[str, list[float]] = {naam: [] for naam in servers}
    for ronde in range(1, rondes + 1):
        for naam, server in servers.items():  # A B A B ...: alternating, each on a fresh process
            opstarttijden[naam].append(server.start())
            try:
                paraaf = naam.startswith("paraaf")
                headers = {"Authorization": f"Bearer {g.TOKEN}"} if paraaf else {}
                for scenario in scenarios:
                    seed = ronde * 100 + list(servers).index(naam) * 10 + scenarios.index(scenario)
                    if scenario == "lezen":
                        pad = f"/api/v1/documenten/{gegevens.lees_document}" if paraaf else f"/doc/{gegevens.lees_document}"
                        werk: Werk = Lezen(pad)
                    elif scenario in ("bewerken", "bewerken_een_document"):
                        doelen = gegevens.eigen[naam] if scenario == "bewerken" else gegevens.een_document[naam]
                        werk = EigenSectie(paraaf, [(d, s, *sectie_nu(engine, s)) for d, s in doelen], seed)
                    elif scenario == "hete_sectie":
                        d, s = gegevens.heet[naam]
                        werk = HeteSectie(paraaf, d, s, *sectie_nu(engine, s), seed)
                    else:
                        raise ValueError(scenario)
                    m = meet(scenario, server, werk, headers, ronde, opwarmen, duur)
                    metingen.append(m)
                    log(
                        f"  [{database.soort}] ronde {ronde} {naam:<8} {scenario:<22} {m.rps:7.1f} req/s  "
                        f"p50 {m.p50_ms:6.1f} ms  p99 {m.p99_ms:7.1f} ms  statussen {m.per_status}  "
                        f"CPU-kernen client {m.client_cpu_kernen:.2f} server {m.server_cpu_kernen:.2f} pg {m.postgres_cpu_kernen:.2f} "
                        f"overig {m.overig_cpu_kernen:.2f}  CPU/verzoek server {m.server_cpu_ms_per_verzoek:.2f} ms"
                        + (f" pg {m.postgres_cpu_ms_per_verzoek:.2f} ms" if m.postgres_cpu_kernen else "")
                    )
            finally:
                server.stop()
    engine.dispose()
    return {
        "backend": database.soort,
        "workers": workers,
        "klanten": KLANTEN,
        "rondes": rondes,
        "opwarmen_s": opwarmen,
        "duur_s": duur,
        "opstarttijd_s": {k: g.mediaan(v) for k, v in opstarttijden.items()},
        "serverfouten": {k: s.fouten for k, s in servers.items()},
        "metingen": [m.__dict__ for m in metingen],
        "samenvatting": vat_samen(metingen, scenarios, list(servers)),
    }


def vat_samen(metingen: list[Meting], scenarios: list[str], servers: list[str] = ("paraaf", "baseline")) -> dict:
    uit = {}
    for scenario in scenarios:
        per = {}
        for server in servers:
            rij = [m for m in metingen if m.scenario == scenario and m.server == server]
            totaal = sum(m.aantal for m in rij)
            statussen: dict[str, int] = {}
            for m in rij:
                for k, v in m.per_status.items():
                    statussen[k] = statussen.get(k, 0) + v
            per[server] = {
                "rps": g.mediaan([m.rps for m in rij]),
                "p50_ms": g.mediaan([m.p50_ms for m in rij]),
                "p99_ms": g.mediaan([m.p99_ms for m in rij]),
                "rps_per_ronde": [round(m.rps, 1) for m in rij],
                "server_cpu_ms_per_verzoek": g.mediaan([m.server_cpu_ms_per_verzoek for m in rij]),
                "client_cpu_kernen": g.mediaan([m.client_cpu_kernen for m in rij]),
                "server_cpu_kernen": g.mediaan([m.server_cpu_kernen for m in rij]),
                "postgres_cpu_kernen": g.mediaan([m.postgres_cpu_kernen for m in rij]),
                "postgres_cpu_ms_per_verzoek": g.mediaan([m.postgres_cpu_ms_per_verzoek for m in rij]),
                "overig_cpu_kernen": g.mediaan([m.overig_cpu_kernen for m in rij]),
                "verzoeken": totaal,
                "statussen": statussen,
                "aandeel_409": statussen.get("409", 0) / totaal if totaal else 0.0,
                "aandeel_fout": sum(v for k, v in statussen.items() if k not in ("200", "409")) / totaal if totaal else 0.0,
                "samengevoegd": sum(m.samengevoegd for m in rij),
            }
        paren = [
            a.rps / b.rps
            for a, b in zip(
                [m for m in metingen if m.scenario == scenario and m.server == "paraaf"],
                [m for m in metingen if m.scenario == scenario and m.server == "baseline"],
                strict=False,
            )
            if b.rps
        ]
        verhouding = per["paraaf"]["rps"] / per["baseline"]["rps"] if per["baseline"]["rps"] else float("nan")
        # The rounds of a pair run back to back, so their ratio is the least touched by load from
        # other processes that comes and goes; the verdict asks both ratios to reach the target.
        gepaard = g.mediaan(paren)
        uit[scenario] = {
            **per,
            "verhouding_rps": verhouding,
            "verhouding_rps_gepaard": gepaard,
            "verhouding_rps_per_ronde": [round(x, 3) for x in paren],
            "verhouding_cpu_per_verzoek": per["paraaf"]["server_cpu_ms_per_verzoek"]
            / per["baseline"]["server_cpu_ms_per_verzoek"],
            "doel": DOEL.get(scenario),
            "gehaald": (min(verhouding, gepaard) >= DOEL[scenario]) if scenario in DOEL else None,
        }
    return uit


def draai(
    *, snel: bool, backends: list[str], rondes: int | None = None, duur: float | None = None, opwarmen: float | None = None,
    werkmap: Path, scenarios: list[str] | None = None, schrijfslot: bool = False, zonder_schrijfrij: bool = False,
    log=print,
) -> dict:  # fmt: skip
    rondes = rondes or (3 if snel else 5)
    duur = duur or (1.0 if snel else 8.0)
    opwarmen = opwarmen if opwarmen is not None else (0.5 if snel else 2.0)
    scenarios = scenarios or ["lezen", "bewerken", "hete_sectie"] + ([] if snel else ["bewerken_een_document"])
    uit: dict = {}
    for backend in backends:
        if backend == "postgres" and (reden := g.postgres_reden()):
            log(f"  PostgreSQL overgeslagen: {reden}")
            uit[backend] = {"overgeslagen": reden}
            continue
        database = g.sqlite_database(werkmap) if backend == "sqlite" else g.postgres_database()
        try:
            uit[backend] = draai_backend(
                database,
                workers=1 if backend == "sqlite" else 4,
                rondes=rondes,
                opwarmen=opwarmen,
                duur=duur,
                scenarios=scenarios,
                schrijfslot=schrijfslot and backend == "sqlite",
                zonder_schrijfrij=zonder_schrijfrij and backend == "sqlite",
                log=log,
            )
        finally:
            database.opruimen()
    return uit


def druk_af(resultaat: dict, log=print) -> None:
    for backend, r in resultaat.items():
        if "overgeslagen" in r:
            log(f"{backend}: overgeslagen ({r['overgeslagen']})")
            continue
        log(f"{backend} ({r['workers']} worker(s), {r['klanten']} clients, {r['rondes']} rondes x {r['duur_s']} s, medianen):")
        log(
            f"  {'scenario':<22} {'paraaf req/s':>12} {'p50':>7} {'p99':>8} | {'baseline req/s':>14} {'p50':>7} {'p99':>8} | {'ratio':>6}  doel"
        )
        for scenario, s in r["samenvatting"].items():
            p, b = s["paraaf"], s["baseline"]
            doel = f">= {s['doel']:.2f} {'GEHAALD' if s['gehaald'] else 'NIET GEHAALD'}" if s["doel"] else ""
            log(
                f"  {scenario:<22} {p['rps']:12.1f} {p['p50_ms']:7.1f} {p['p99_ms']:8.1f} | {b['rps']:14.1f} {b['p50_ms']:7.1f} "
                f"{b['p99_ms']:8.1f} | {s['verhouding_rps']:6.3f}  gepaard {s['verhouding_rps_gepaard']:.3f}  {doel}"
            )
            if scenario == "hete_sectie":
                log(
                    f"  {'':<22} paraaf: 409-aandeel {p['aandeel_409']:.1%}, samengevoegd {p['samengevoegd']} van {p['verzoeken']}"
                )
            if p["aandeel_fout"] or b["aandeel_fout"]:
                log(f"  {'':<22} FOUTEN: paraaf {p['statussen']}, baseline {b['statussen']}")
            if "paraaf_zonder_rij" in s:
                x = s["paraaf_zonder_rij"]
                log(
                    f"  {'':<22} paraaf zonder schrijfrij: {x['rps']:.1f} req/s  p50 {x['p50_ms']:.1f}  p99 {x['p99_ms']:.1f}"
                    f"  (p99/p50 {x['p99_ms'] / x['p50_ms']:.2f}; met rij {p['p99_ms'] / p['p50_ms']:.2f})"
                )
            if "baseline_schrijfslot" in s:
                x = s["baseline_schrijfslot"]
                log(
                    f"  {'':<22} experiment baseline met schrijfslot: {x['rps']:.1f} req/s  p50 {x['p50_ms']:.1f}  p99 {x['p99_ms']:.1f}"
                )
        fouten = {k: len(v) for k, v in r.get("serverfouten", {}).items() if v}
        if fouten:
            log(f"  serverfouten (tracebacks in de JSON): {fouten}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Paraaf vs baseline: doorvoer en latentie")
    parser.add_argument("--snel", action="store_true")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--rondes", type=int)
    parser.add_argument("--duur", type=float)
    parser.add_argument("--opwarmen", type=float)
    parser.add_argument("--scenarios", help="lezen,bewerken,hete_sectie,bewerken_een_document")
    parser.add_argument("--schrijfslot", action="store_true", help="SQLite: ook de baseline met een schrijf-mutex (experiment)")
    parser.add_argument("--zonder-schrijfrij", action="store_true", help="SQLite: ook Paraaf zonder schrijfrij, ter vergelijking")
    args = parser.parse_args()
    resultaat = draai(
        snel=args.snel, backends=args.backends.split(","), rondes=args.rondes, duur=args.duur, opwarmen=args.opwarmen,
        werkmap=g.ROOT / "bench" / "results" / "tmp", scenarios=args.scenarios.split(",") if args.scenarios else None,
        schrijfslot=args.schrijfslot, zonder_schrijfrij=args.zonder_schrijfrij,
    )  # fmt: skip
    g.schrijf_json(g.ROOT / "bench" / "results" / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json", resultaat)
    druk_af(resultaat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
