"""What the benchmarks share: databases (migrated exactly as the tests do it, via tests/conftest.py),
seed data built through the service layer, servers started as real uvicorn processes, statistics
and a description of the machine."""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402

from app.db import Klok, maak_engine, schrijfsessie  # noqa: E402
from app.documenten import service as documenten  # noqa: E402
from app.documenten.models import Document, Sectie  # noqa: E402
from app.documenten.schemas import DocumentVelden  # noqa: E402
from app.gebruikers import service as gebruikers  # noqa: E402
from app.gebruikers.models import Gebruiker  # noqa: E402
from workflow.importeren import SectieInvoer, lees_front_matter, splits_in_secties  # noqa: E402

SEED = ROOT / "drafts" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.md"
VENV_BIN = Path(sys.executable).parent
TOKEN = "bench-opsteller-vro-token"
# The seed section the edit benchmarks write to: about 500 words with a footnote.
DOELSECTIE_KOP = "NOVEX-landelijke gebieden"


# --- reuse of the test fixtures' helpers ------------------------------------------------------


@lru_cache
def conftest():
    """tests/conftest.py as a module (tests/ is not a package): migreer, pg_schema_aanmaken, ..."""
    spec = importlib.util.spec_from_file_location("paraaf_tests_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's TestClient deprecation notice
        spec.loader.exec_module(module)
    return module


@dataclass
class Database:
    soort: str  # "sqlite" | "postgres"
    url: str
    opruimen: Callable[[], None]

    def engine(self) -> Engine:
        return maak_engine(self.url)


def sqlite_database(map_: Path, naam: str = "paraaf-bench") -> Database:
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / f"{naam}-{uuid.uuid4().hex[:6]}.db"
    url = f"sqlite:///{pad}"
    engine = maak_engine(url)
    conftest().migreer(engine)
    engine.dispose()

    def opruimen() -> None:
        for p in map_.glob(pad.name + "*"):
            p.unlink(missing_ok=True)

    return Database("sqlite", url, opruimen)


def postgres_reden() -> str | None:
    """None when PostgreSQL is reachable, else why not."""
    return conftest()._PG_REDEN


def postgres_database(naam: str = "paraaf_bench") -> Database:
    """A schema of our own in the `test` database (never `public`), dropped by `opruimen`."""
    schema = f"{naam}_{uuid.uuid4().hex[:8]}"
    url = conftest().pg_schema_aanmaken(schema)
    engine = maak_engine(url)
    conftest().migreer(engine)
    engine.dispose()
    return Database("postgres", url, lambda: conftest().pg_schema_verwijderen(schema))


# --- seed data --------------------------------------------------------------------------------


def maak_opsteller(engine: Engine, token: str = TOKEN) -> Gebruiker:
    with schrijfsessie(engine) as s:
        gebruiker, _ = gebruikers.maak_gebruiker(
            s,
            None,
            naam="Bench Opsteller",
            email=f"bench.{uuid.uuid4().hex[:6]}@minvro.test",
            departement="VRO",
            rollen=["opsteller"],
            paraafniveau=None,
            klok=Klok(),
            token=token,
        )
        return gebruiker


def seed_velden() -> dict[str, str]:
    velden, _ = lees_front_matter(SEED.read_text(encoding="utf-8"))
    return velden


def seed_secties() -> list[SectieInvoer]:
    _, rest = lees_front_matter(SEED.read_text(encoding="utf-8"))
    return splits_in_secties(rest)


def seed_alineas() -> list[str]:
    """The seed's paragraphs (bullets, footnotes and all) in order, headings left out."""
    return [a.strip() for s in seed_secties() for a in s.tekst.split("\n\n") if a.strip()]


def woorden(tekst: str) -> int:
    return len(tekst.split())


def tekst_van_woorden(n: int) -> str:
    """At least `n` words of the seed's paragraphs, repeated from the start when it runs out."""
    uit, totaal, alineas, i = [], 0, seed_alineas(), 0
    while totaal < n:
        alinea = alineas[i % len(alineas)]
        uit.append(alinea)
        totaal += woorden(alinea)
        i += 1
    return "\n\n".join(uit)


def secties_van_woorden(n: int, per_sectie: int = 500) -> list[SectieInvoer]:
    """A document of about `n` words: the seed's paragraphs repeated, cut into sections of about
    `per_sectie` words (whole paragraphs, so footnotes and bullets stay as in the seed)."""
    secties: list[SectieInvoer] = []
    huidig: list[str] = []
    in_sectie = totaal = 0
    alineas, i = seed_alineas(), 0
    while totaal < n:
        alinea = alineas[i % len(alineas)]
        i += 1
        huidig.append(alinea)
        in_sectie += woorden(alinea)
        totaal += woorden(alinea)
        if in_sectie >= per_sectie or totaal >= n:
            secties.append(SectieInvoer(kop=f"Onderdeel {len(secties) + 1}", niveau=1, tekst="\n\n".join(huidig)))
            huidig, in_sectie = [], 0
    return secties


def maak_document(
    engine: Engine, gebruiker: Gebruiker, secties: list[SectieInvoer], titel: str, *, bron: str = "bench.md"
) -> int:
    """Create a document with its sections the way an import does (service.maak: revisie 1)."""
    seed = seed_velden()
    velden = DocumentVelden(
        soort="kamerbrief",
        titel=titel,
        penvoerder="VRO",
        ondertekenaar=seed.get("ondertekenaar"),
        mede_namens=[c.strip() for c in seed.get("mede_namens", "").split(",") if c.strip()],
        parafenlijn=[c.strip() for c in seed.get("parafenlijn", "").split(",") if c.strip()],
    )
    with schrijfsessie(engine) as s:
        document = documenten.maak(
            s, gebruiker, gebruikers.als_actor(gebruiker), velden, Klok(), secties_invoer=secties, bron=bron
        )
        return document.id


def doelsectie(engine: Engine, document_id: int) -> Sectie:
    with schrijfsessie(engine) as s:
        for sectie in documenten.secties(s, document_id):
            if sectie.kop == DOELSECTIE_KOP:
                return sectie
    raise LookupError(DOELSECTIE_KOP)


def document(engine: Engine, document_id: int) -> Document:
    with schrijfsessie(engine) as s:
        return s.get(Document, document_id)


# --- servers ----------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kinderen(pid: int) -> list[int]:
    try:
        tekst = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    uit = []
    for kind in map(int, tekst.split()):
        uit += [kind, *_kinderen(kind)]
    return uit


def cpu_seconden(pids: list[int]) -> float:
    """User + system CPU time of the given live processes (from /proc)."""
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0
    for pid in pids:
        try:
            velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        totaal += int(velden[11]) + int(velden[12])  # utime, stime
    return totaal / tik


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    tik = os.sysconf("SC_CLK_TCK")
    velden = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    totaal = sum(velden[:8])
    return (totaal - velden[3] - velden[4]) / tik, totaal / tik


@dataclass
class Server:
    """A uvicorn process (with its workers) that we started; stopped by its own process group id."""

    naam: str
    doel: str  # "app.main:app" or "bench.baseline:app"
    database_url: str
    workers: int = 1
    gezondheid: str = "/api/v1/gezondheid"
    extra_env: dict[str, str] = field(default_factory=dict)
    poort: int = 0
    proces: subprocess.Popen | None = None
    logmap: Path = ROOT / "bench" / "results" / "tmp"
    logpad: Path | None = None
    fouten: list[str] = field(default_factory=list)  # tracebacks the server logged, over all its starts
    # PostgreSQL: the server's connections carry this application_name, so the CPU of their
    # backend processes can be counted (pg_stat_activity -> /proc/<pid>/stat).
    pg_naam: str | None = None
    _pg_engine: object = None

    @property
    def basis(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def start(self, timeout: float = 60.0) -> float:
        """Start and wait until every worker answers; returns the seconds that took."""
        self.poort = vrije_poort()
        url = self.database_url
        if self.pg_naam and url.startswith("postgresql"):
            url += ("&" if "?" in url else "?") + f"application_name={self.pg_naam}"
        env = {
            **os.environ,
            "PARAAF_DATABASE_URL": url,
            "PARAAF_ADMIN_TOKEN": "bench-beheer-" + uuid.uuid4().hex,
            "PARAAF_SESSION_SECRET": "bench-sessiesleutel",
            "PARAAF_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT),
            **self.extra_env,
        }
        opdracht = [
            str(VENV_BIN / "uvicorn"), self.doel, "--host", "127.0.0.1", "--port", str(self.poort),
            "--workers", str(self.workers), "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        begin = time.perf_counter()
        self.logmap.mkdir(parents=True, exist_ok=True)
        self.logpad = self.logmap / f"{self.naam}-{self.poort}.log"
        with open(self.logpad, "wb") as logbestand:
            self.proces = subprocess.Popen(
                opdracht, cwd=ROOT, env=env, start_new_session=True, stdout=logbestand, stderr=subprocess.STDOUT
            )
        import httpx

        while time.perf_counter() - begin < timeout:
            if self.proces.poll() is not None:
                raise RuntimeError(f"{self.naam} stopte: {self.logpad.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(self.basis + self.gezondheid, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError(f"{self.naam} startte niet binnen {timeout} s")
        # With several workers the first answer comes from one of them; wait for all of them.
        while len(self.worker_pids()) < self.workers and time.perf_counter() - begin < timeout:
            time.sleep(0.1)
        if self.workers > 1:
            time.sleep(1.0)  # the last worker to fork still imports the app
        return time.perf_counter() - begin

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: uvicorn itself with one worker, else its spawned children."""
        if self.proces is None:
            return []
        if self.workers == 1:
            return [self.proces.pid]
        return [p for p in _kinderen(self.proces.pid) if "spawn_main" in _cmdline(p)]

    def pg_cpu(self) -> dict[int, float]:
        """CPU seconds per PostgreSQL backend serving this server's connections (empty on SQLite)."""
        if not self.pg_naam or not self.database_url.startswith("postgresql"):
            return {}
        from sqlalchemy import create_engine, text

        if self._pg_engine is None:
            self._pg_engine = create_engine(conftest().PG_BASIS_URL, pool_size=1, max_overflow=0)
        with self._pg_engine.connect() as c:
            pids = (
                c.execute(text("SELECT pid FROM pg_stat_activity WHERE application_name = :n"), {"n": self.pg_naam})
                .scalars()
                .all()
            )
        return {pid: cpu_seconden([pid]) for pid in pids}

    def alle_pids(self) -> list[int]:
        return [self.proces.pid, *_kinderen(self.proces.pid)] if self.proces else []

    def cpu(self) -> float:
        return cpu_seconden(self.alle_pids())

    def stop(self) -> None:
        if self.proces is None or self.proces.poll() is not None:
            return
        try:
            os.killpg(self.proces.pid, signal.SIGTERM)  # our own process group (start_new_session)
            self.proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait(timeout=5)
        except ProcessLookupError:
            pass
        if self._pg_engine is not None:
            self._pg_engine.dispose()
            self._pg_engine = None
        self._lees_fouten()

    def _lees_fouten(self) -> None:
        """Keep the tracebacks the server logged (a 500 is a finding, not noise), drop the log."""
        if self.logpad is None or not self.logpad.exists():
            return
        tekst = self.logpad.read_text(errors="replace")
        for blok in re.split(r"(?m)^(?=ERROR|Traceback)", tekst):
            if blok.strip() and ("Traceback" in blok or blok.startswith("ERROR")):
                self.fouten.append(blok[:6000])
        self.logpad.unlink()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


# --- statistics -------------------------------------------------------------------------------


def mediaan(waarden: list[float]) -> float:
    return statistics.median(waarden) if waarden else float("nan")


def percentiel(waarden: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not waarden:
        return float("nan")
    rij = sorted(waarden)
    k = (len(rij) - 1) * p / 100
    onder = int(k)
    boven = min(onder + 1, len(rij) - 1)
    return rij[onder] + (rij[boven] - rij[onder]) * (k - onder)


def tijd_ms(functie: Callable[[], object], herhalingen: int, opwarmen: int = 1) -> dict:
    """Median (and min/max) wall time of `functie` in ms over `herhalingen` calls after warm-up."""
    for _ in range(opwarmen):
        functie()
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - begin) * 1000)
    return {"mediaan_ms": mediaan(tijden), "min_ms": min(tijden), "max_ms": max(tijden), "n": len(tijden)}


def verweven_ms(functies: dict, herhalingen: int, opwarmen: int = 1) -> dict:
    """Time several functions in interleaved rounds (f1, f2, ..., f1, f2, ...), so a burst of load
    from other processes hits all of them alike: per key the median, min and max wall time in ms,
    and the median CPU time of this process (in-process work only; PostgreSQL's is not in it)."""
    for functie in functies.values():
        for _ in range(opwarmen):
            functie()
    wand: dict = {k: [] for k in functies}
    cpu: dict = {k: [] for k in functies}
    for _ in range(herhalingen):
        for k, functie in functies.items():
            c, t = time.process_time(), time.perf_counter()
            functie()
            wand[k].append((time.perf_counter() - t) * 1000)
            cpu[k].append((time.process_time() - c) * 1000)
    return {
        k: {"mediaan_ms": mediaan(wand[k]), "min_ms": min(wand[k]), "max_ms": max(wand[k]), "cpu_mediaan_ms": mediaan(cpu[k]),
            "n": herhalingen}
        for k in functies
    }  # fmt: skip


# --- the machine ------------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1) if m else ""
    except OSError:
        pass
    geheugen = ""
    try:
        m = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M)
        geheugen = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB" if m else ""
    except OSError:
        pass
    import sqlite3
    from importlib.metadata import version

    pakketten = {}
    for naam in ("fastapi", "starlette", "uvicorn", "uvloop", "httptools", "SQLAlchemy", "sqlmodel", "psycopg",
                 "pydantic", "python-docx", "diff-match-patch", "aiohttp", "matplotlib"):  # fmt: skip
        try:
            pakketten[naam] = version(naam)
        except Exception:  # noqa: BLE001
            pakketten[naam] = None
    pg = None
    if postgres_reden() is None:
        try:
            from sqlalchemy import create_engine, text

            e = create_engine(conftest().PG_BASIS_URL)
            with e.connect() as c:
                pg = c.execute(text("SHOW server_version")).scalar_one()
            e.dispose()
        except Exception:  # noqa: BLE001
            pg = None
    belasting = os.getloadavg()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "geheugen": geheugen,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg,
        "pakketten": pakketten,
        "loadavg_bij_start": [round(x, 2) for x in belasting],
    }


def schrijf_json(pad: Path, data: dict) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
