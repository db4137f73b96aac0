"""Cost growth: with the length of a section's history, and with the size of a document.

    .venv/bin/python -m bench.groei [--snel] [--backends sqlite,postgres]

History. The seed Kamerbrief is imported (27 sections), then its ~500-word section
"NOVEX-landelijke gebieden" gets 10 / 100 / 1,000 / 10,000 versions. Versions 2..N-1 are
inserted in bulk, through the same models' tables (SQLAlchemy Core executemany on
`sectieversie`, `documentrevisie` and `gebeurtenis`), exactly as `schrijf_sectie` would have left
them: one version row, one revisie row (with the document's inhoudshash at that revisie) and one
`sectie_gewijzigd` event per step, the events hash-chained with workflow.keten.bereken_hash; then
the section row, the document row (revisie, inhoudshash) and the chain head are updated. The last
version N is a real edit through `documenten.service.wijzig_sectie`, and the chain is verified
(`verifieer_keten`), so the bulk rows are checked to be what the service expects.

Timed per history length (median of repeated calls, warm): reading the document (the route's
own functions: leesbaar_document + document_uit + response model, in-process) and the same via
HTTP; the version list (the API has no pagination: it returns every version, so it must grow;
a `LIMIT 20` query shows what a paginated variant would cost); rendering .docx
(app.weergave.views.render_docx: document_weergave + document_docx) in-process and via HTTP; the
verschil between the two latest versions; and a happy-path edit.

Document size. Documents of 1,000 / 3,000 / 10,000 / 30,000 / 100,000 words: the seed's paragraphs
(with its footnotes and bullets) repeated and cut into sections of about 500 words, created
through `documenten.service.maak` as an import. Timed: read (in-process and HTTP), render .docx
(in-process and HTTP), and an edit of one section.

Plots (log-log, with a linear reference line) go to docs/img/perf-historie.png and
docs/img/perf-documentgrootte.png.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402
from sqlalchemy import insert, select, update  # noqa: E402

from app.config import get_settings  # noqa: E402
from app.db import Klok, leessessie, schrijfsessie  # noqa: E402
from app.deps import Verzoek  # noqa: E402
from app.documenten import service as documenten  # noqa: E402
from app.documenten.deps import leesbaar_document, leesbare_sectie  # noqa: E402
from app.documenten.models import Document, DocumentRevisie, Sectie, SectieVersie  # noqa: E402
from app.documenten.schemas import DocumentUit, VerschilUit, VersieUit  # noqa: E402
from app.documenten.views import document_uit  # noqa: E402
from app.gebeurtenissen import service as gebeurtenissen  # noqa: E402
from app.gebeurtenissen.models import Gebeurtenis  # noqa: E402
from app.weergave.views import render_docx  # noqa: E402
from bench import gemeenschappelijk as g  # noqa: E402
from workflow.keten import bereken_hash  # noqa: E402
from workflow.tekst import canonieke_json, inhoudshash, sectie_hash  # noqa: E402

HISTORIE = [10, 100, 1_000, 10_000]
GROOTTES = [1_000, 3_000, 10_000, 30_000, 100_000]
VERSIES = TypeAdapter(list[VersieUit])


# --- building a history in bulk -----------------------------------------------------------------


def variant(basis: str, v: int) -> str:
    """Version v of a section: the base text with one word (which one depends on v) replaced."""
    woorden = basis.split(" ")
    i = (v * 7) % len(woorden)
    woorden[i] = f"v{v}"
    return " ".join(woorden)


def bouw_historie(engine, gebruiker, document_id: int, sectie_id: int, aantal: int) -> None:
    """Give the section `aantal` versions: 2..aantal-1 in bulk, the last one through the service."""
    keten = gebeurtenissen.document_keten(document_id)
    with schrijfsessie(engine) as s:
        document = documenten.vergrendel(s, document_id)
        sectie = s.get(Sectie, sectie_id)
        alle = documenten.secties(s, document_id)
        index = next(i for i, x in enumerate(alle) if x.id == sectie_id)
        inhoud = [(x.kop, x.tekst) for x in alle]
        basis = sectie.tekst
        begin = Klok().nu(s) - timedelta(seconds=aantal + 10)
        actor = gebeurtenissen.actor_van(gebruiker)
        versies, revisies, events = [], [], []
        vorige_hash, volgnummer, revisie = document.keten_hash, document.keten_volgnummer, document.revisie
        tekst = basis
        for v in range(sectie.versie + 1, aantal):
            tekst = variant(basis, v)
            revisie += 1
            volgnummer += 1
            tijdstip = begin + timedelta(seconds=v)
            inhoud[index] = (sectie.kop, tekst)
            hash_ = inhoudshash(inhoud)
            versies.append(
                dict(sectie_id=sectie_id, versie=v, revisie=revisie, positie=sectie.positie, niveau=sectie.niveau,
                     kop=sectie.kop, tekst=tekst, auteur_id=gebruiker.id, reden=None, tijdstip=tijdstip)
            )  # fmt: skip
            revisies.append(
                dict(document_id=document_id, revisie=revisie, inhoudshash=hash_, tijdstip=tijdstip, actor_id=gebruiker.id)
            )
            gegevens = canonieke_json(
                {"sectie": sectie_id, "versie": v, "kop": sectie.kop, "tekst_sha256": documenten._tekst_sha(tekst),
                 "revisie": revisie, "inhoudshash": hash_, "basisversie": v - 1, "samengevoegd": False, "reden": None}
            )  # fmt: skip
            nieuwe_hash = bereken_hash(
                vorige_hash, keten=keten, volgnummer=volgnummer, tijdstip=tijdstip, actor=actor, soort="sectie_gewijzigd",
                gegevens=gegevens,
            )  # fmt: skip
            events.append(
                dict(keten=keten, volgnummer=volgnummer, document_id=document_id, tijdstip=tijdstip, actor=actor,
                     soort="sectie_gewijzigd", gegevens=gegevens, vorige_hash=vorige_hash, hash=nieuwe_hash)
            )  # fmt: skip
            vorige_hash = nieuwe_hash
        for tabel, rijen in ((SectieVersie, versies), (DocumentRevisie, revisies), (Gebeurtenis, events)):
            for i in range(0, len(rijen), 2000):
                s.execute(insert(tabel.__table__), rijen[i : i + 2000])
        if versies:
            s.execute(
                update(Sectie.__table__)
                .where(Sectie.__table__.c.id == sectie_id)
                .values(versie=aantal - 1, tekst=tekst, inhoudshash=sectie_hash(sectie.kop, tekst))
            )
            s.execute(
                update(Document.__table__)
                .where(Document.__table__.c.id == document_id)
                .values(
                    revisie=revisie,
                    inhoudshash=revisies[-1]["inhoudshash"],
                    keten_volgnummer=volgnummer,
                    keten_hash=vorige_hash,
                )
            )
        s.commit()
    # The last version through the service itself: it must accept what the bulk insert left.
    with schrijfsessie(engine) as s:
        document = documenten.vergrendel(s, document_id)
        sectie = documenten.haal_sectie(s, document, sectie_id)
        assert sectie.versie == aantal - 1, (sectie.versie, aantal)
        _, _, gewijzigd = documenten.wijzig_sectie(
            s, gebruiker, document, sectie, tekst=variant(basis, aantal), kop=None, kop_meegegeven=False,
            basisversie=aantal - 1, reden="bench", klok=Klok(),
        )  # fmt: skip
        assert gewijzigd and sectie.versie == aantal
    with leessessie(engine) as s:
        verificatie = gebeurtenissen.verifieer_keten(s, keten)
        assert verificatie.geldig, verificatie
        n = len(list(s.exec(select(SectieVersie.id).where(SectieVersie.sectie_id == sectie_id))))
        assert n == aantal, (n, aantal)


# --- timing through the route functions ---------------------------------------------------------


class Meter:
    def __init__(self, engine, gebruiker, herhalingen: int, server: g.Server | None):
        self.engine, self.gebruiker, self.herhalingen = engine, gebruiker, herhalingen
        self.settings = get_settings()
        self.http = (
            httpx.Client(base_url=server.basis, headers={"Authorization": f"Bearer {g.TOKEN}"}, timeout=120) if server else None
        )

    def verzoek(self, s) -> Verzoek:
        return Verzoek(sessie=s, gebruiker=self.gebruiker, klok=Klok(), settings=self.settings, engine=self.engine)

    def tijd(self, functie, herhalingen: int | None = None) -> dict:
        return g.tijd_ms(functie, herhalingen or self.herhalingen, opwarmen=1)

    def lezen(self, document_id: int) -> bytes:
        with leessessie(self.engine) as s:
            v = self.verzoek(s)
            document = leesbaar_document(str(document_id), v)
            return DocumentUit.model_validate(document_uit(v, document)).model_dump_json().encode()

    def versies(self, document_id: int, sectie_id: int) -> bytes:
        with leessessie(self.engine) as s:
            v = self.verzoek(s)
            sectie = leesbare_sectie(str(document_id), str(sectie_id), v)
            return VERSIES.dump_json(VERSIES.validate_python(documenten.versies_uit(s, sectie)))

    def laatste_versies(self, sectie_id: int, limiet: int = 20) -> list:
        """Not in the API: what a paginated version list (newest first, `limiet` rows) would read."""
        with leessessie(self.engine) as s:
            return list(
                s.exec(
                    select(SectieVersie)
                    .where(SectieVersie.sectie_id == sectie_id)
                    .order_by(SectieVersie.versie.desc())
                    .limit(limiet)
                )
            )

    def docx(self, document_id: int) -> bytes:
        with leessessie(self.engine) as s:
            v = self.verzoek(s)
            document = leesbaar_document(str(document_id), v)
            return render_docx(v, document, "intern", None)[0]

    def verschil(self, document_id: int, sectie_id: int) -> bytes:
        with leessessie(self.engine) as s:
            v = self.verzoek(s)
            sectie = leesbare_sectie(str(document_id), str(sectie_id), v)
            return VerschilUit.model_validate(documenten.verschil(s, sectie, sectie.versie - 1, sectie.versie)).model_dump_json()

    def bewerken(self, document_id: int, sectie_id: int) -> None:
        with schrijfsessie(self.engine) as s:
            document = documenten.vergrendel(s, document_id)
            sectie = documenten.haal_sectie(s, document, sectie_id)
            tekst = variant(sectie.tekst, sectie.versie + 1)
            documenten.wijzig_sectie(
                s, self.gebruiker, document, sectie, tekst=tekst, kop=None, kop_meegegeven=False,
                basisversie=sectie.versie, reden=None, klok=Klok(),
            )  # fmt: skip

    def get(self, pad: str) -> bytes:
        r = self.http.get(pad)
        r.raise_for_status()
        return r.content


def helling(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) against log(x): 0 = flat, 1 = linear."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


# --- the two series ------------------------------------------------------------------------------


def historie_reeks(engine, gebruiker, meter: Meter, lengtes: list[int], log) -> dict:
    """Build every history first, then time all lengths in interleaved rounds."""
    doelen, opbouw = {}, {}
    for n in lengtes:
        document_id = g.maak_document(engine, gebruiker, g.seed_secties(), f"Historie {n}")
        sectie_id = g.doelsectie(engine, document_id).id
        begin = time.perf_counter()
        bouw_historie(engine, gebruiker, document_id, sectie_id, n)
        opbouw[n] = time.perf_counter() - begin
        doelen[n] = (document_id, sectie_id)
        log(f"  historie {n:>6} versies opgebouwd in {opbouw[n]:5.1f} s (versie {n} via wijzig_sectie; keten geverifieerd)")

    def functies(n: int, d: int, s_: int) -> dict:
        uit = {
            "lezen": lambda: meter.lezen(d),
            "versielijst": lambda: meter.versies(d, s_),
            "versielijst_laatste_20_hypothetisch": lambda: meter.laatste_versies(s_),
            "docx": lambda: meter.docx(d),
            "verschil": lambda: meter.verschil(d, s_),
        }
        if meter.http:
            uit["http_lezen"] = lambda: meter.get(f"/api/v1/documenten/{d}")
            uit["http_versielijst"] = lambda: meter.get(f"/api/v1/documenten/{d}/secties/{s_}/versies")
            uit["http_docx"] = lambda: meter.get(f"/api/v1/documenten/{d}/docx")
        uit["bewerken"] = lambda: meter.bewerken(d, s_)  # adds a version per call: a few on thousands
        return uit

    alle = {(n, k): f for n, (d, s_) in doelen.items() for k, f in functies(n, d, s_).items()}
    tijden = g.verweven_ms(alle, meter.herhalingen)
    rijen = []
    for n, (d, s_) in doelen.items():
        rij: dict = {"versies": n, "opbouw_s": round(opbouw[n], 2)}
        rij.update({k: tijden[(m, k)] for (m, k) in tijden if m == n})
        if meter.http:
            rij["versielijst_bytes"] = len(meter.get(f"/api/v1/documenten/{d}/secties/{s_}/versies"))
        rijen.append(rij)
        log(
            f"  historie {n:>6} versies: lezen {rij['lezen']['mediaan_ms']:6.2f} ms  "
            f"versielijst {rij['versielijst']['mediaan_ms']:8.1f} ms  docx {rij['docx']['mediaan_ms']:6.1f} ms  "
            f"verschil {rij['verschil']['mediaan_ms']:5.2f} ms  bewerken {rij['bewerken']['mediaan_ms']:5.2f} ms"
            + (f"  http lezen {rij['http_lezen']['mediaan_ms']:6.2f} ms" if meter.http else "")
        )
    return {"rijen": rijen, "analyse": analyse(rijen, "versies", vlak=True)}


def grootte_reeks(engine, gebruiker, meter: Meter, groottes: list[int], log) -> dict:
    """Create every document first, then time all sizes in interleaved rounds."""
    doelen, info = {}, {}
    for n in groottes:
        secties = g.secties_van_woorden(n)
        begin = time.perf_counter()
        document_id = g.maak_document(engine, gebruiker, secties, f"Omvang {n}")
        aanmaken = time.perf_counter() - begin
        with leessessie(engine) as s:
            sectie_id = documenten.secties(s, document_id)[len(secties) // 2].id
        doelen[n] = (document_id, sectie_id)
        info[n] = {
            "woorden": sum(g.woorden(s.tekst) for s in secties),
            "secties": len(secties),
            "voetnoten": sum(s.tekst.count("^[") for s in secties),
            "aanmaken_s": round(aanmaken, 2),
            "docx_bytes": len(meter.docx(document_id)),
        }

    alle = {}
    for n, (d, s_) in doelen.items():
        alle[(n, "lezen")] = lambda d=d: meter.lezen(d)
        alle[(n, "docx")] = lambda d=d: meter.docx(d)
        if meter.http:
            alle[(n, "http_lezen")] = lambda d=d: meter.get(f"/api/v1/documenten/{d}")
            alle[(n, "http_docx")] = lambda d=d: meter.get(f"/api/v1/documenten/{d}/docx")
        alle[(n, "bewerken")] = lambda d=d, s_=s_: meter.bewerken(d, s_)
    tijden = g.verweven_ms(alle, meter.herhalingen)
    rijen = []
    for n in groottes:
        rij = {**info[n], **{k: tijden[(m, k)] for (m, k) in tijden if m == n}}
        rijen.append(rij)
        log(
            f"  omvang {rij['woorden']:>7} woorden ({rij['secties']} secties): lezen {rij['lezen']['mediaan_ms']:7.2f} ms  "
            f"docx {rij['docx']['mediaan_ms']:7.1f} ms  bewerken {rij['bewerken']['mediaan_ms']:6.2f} ms"
            + (
                f"  http lezen {rij['http_lezen']['mediaan_ms']:7.2f} ms  http docx {rij['http_docx']['mediaan_ms']:7.1f} ms"
                if meter.http
                else ""
            )
        )
    return {"rijen": rijen, "analyse": analyse(rijen, "woorden", vlak=False)}


def analyse(rijen: list[dict], as_: str, *, vlak: bool) -> dict:
    """Per metric: ratio last/first, the size ratio, the log-log slope overall and at the top end,
    for the median wall times, the minimum wall times and (in-process metrics) the median CPU time
    of the benchmark process.

    The verdict uses, for in-process metrics, the CPU time: the work done, which other processes
    on this shared 2-core machine cannot inflate the way they inflate wall time; for HTTP metrics
    (the server's CPU is not ours to count) the minimum wall time, which other load can only make
    slower, never faster."""
    uit = {}
    xs = [r[as_] for r in rijen]
    if len(xs) < 2:
        return uit
    for metriek in [k for k, v in rijen[0].items() if isinstance(v, dict) and "mediaan_ms" in v]:
        med = [r[metriek]["mediaan_ms"] for r in rijen]
        mins = [r[metriek]["min_ms"] for r in rijen]
        cpu = [max(r[metriek].get("cpu_mediaan_ms", 0.0), 1e-3) for r in rijen]
        basis = mins if metriek.startswith("http_") else cpu
        a = uit[metriek] = {
            "verhouding": round(med[-1] / med[0], 3),
            "verhouding_min": round(mins[-1] / mins[0], 3),
            "verhouding_cpu": round(cpu[-1] / cpu[0], 3),
            "omvang_verhouding": round(xs[-1] / xs[0], 1),
            "helling": round(helling(xs, med), 3),
            "helling_min": round(helling(xs, mins), 3),
            "helling_cpu": round(helling(xs, cpu), 3),
            "helling_bovenkant": round(helling(xs[-2:], med[-2:]), 3),
            "helling_bovenkant_min": round(helling(xs[-2:], mins[-2:]), 3),
            "helling_bovenkant_cpu": round(helling(xs[-2:], cpu[-2:]), 3),
            "oordeel_op": "min_wand" if metriek.startswith("http_") else "cpu",
        }
        a["oordeel_verhouding"] = round(basis[-1] / basis[0], 3)
        a["oordeel_helling"] = round(helling(xs, basis), 3)
        a["oordeel_helling_bovenkant"] = round(helling(xs[-2:], basis[-2:]), 3)
        if vlak:
            # "Does not grow with history": a log-log slope of at most 0.1, i.e. at most x2 over
            # three decades of history (linear growth would be x1000). A slope fitted through every
            # point is not thrown by one noisy sub-millisecond point as a ratio is.
            a["vlak"] = a["oordeel_helling"] <= 0.1
        else:
            # "At most linear": the local slope at the large end is not above 1 (+ noise margin).
            a["hoogstens_lineair"] = a["oordeel_helling_bovenkant"] <= 1.15
    return uit


# --- plots ---------------------------------------------------------------------------------------


LABELS = {
    "lezen": "document lezen (in-process)",
    "http_lezen": "GET /documenten/{id} (HTTP)",
    "versielijst": "versielijst (in-process)",
    "http_versielijst": "GET …/versies (HTTP)",
    "versielijst_laatste_20_hypothetisch": "laatste 20 versies (query, niet in API)",
    "docx": ".docx renderen (in-process)",
    "http_docx": "GET …/docx (HTTP)",
    "verschil": "verschil laatste twee versies",
    "bewerken": "sectie bewerken (happy path)",
}


def plot(resultaat: dict, reeks: str, as_: str, pad: Path, titel: str, referentie: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    backends = [b for b, r in resultaat.items() if reeks in r]
    fig, assen = plt.subplots(1, len(backends), figsize=(6.4 * len(backends), 6.2), squeeze=False, sharey=True)
    for as_plot, backend in zip(assen[0], backends, strict=True):
        rijen = resultaat[backend][reeks]["rijen"]
        xs = [r[as_] for r in rijen]
        for metriek, label in LABELS.items():
            if metriek not in rijen[0]:
                continue
            ys = [r[metriek]["mediaan_ms"] for r in rijen]
            as_plot.plot(xs, ys, marker="o", label=label, linestyle="--" if metriek.startswith("http_") else "-")
        y0 = rijen[0][referentie]["mediaan_ms"]
        as_plot.plot(
            xs, [y0 * x / xs[0] for x in xs], color="grey", linestyle=":", linewidth=1.5, label="lineair (∝ n), vanaf eerste punt"
        )
        as_plot.set_xscale("log")
        as_plot.set_yscale("log")
        as_plot.set_xlabel("versies van de sectie" if as_ == "versies" else "woorden in het document")
        as_plot.set_title(f"{titel} — {backend}")
        as_plot.grid(True, which="both", alpha=0.3)
    assen[0][0].set_ylabel("mediaan (ms)")
    handles, labels = assen[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    pad.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(pad, dpi=110)
    plt.close(fig)


# --- running -------------------------------------------------------------------------------------


def draai_backend(database: g.Database, *, snel: bool, log=print) -> dict:
    engine = database.engine()
    gebruiker = g.maak_opsteller(engine)
    server = g.Server("paraaf", "app.main:app", database.url, workers=1)
    server.start()
    try:
        meter = Meter(engine, gebruiker, herhalingen=5 if snel else 15, server=server)
        historie = historie_reeks(engine, gebruiker, meter, HISTORIE[:3] if snel else HISTORIE, log)
        grootte = grootte_reeks(engine, gebruiker, meter, [1_000, 10_000, 100_000] if snel else GROOTTES, log)
    finally:
        server.stop()
        engine.dispose()
    return {"historie": historie, "grootte": grootte}


def draai(*, snel: bool, backends: list[str], werkmap: Path, plotmap: Path, log=print) -> dict:
    uit: dict = {}
    for backend in backends:
        if backend == "postgres" and (reden := g.postgres_reden()):
            log(f"  PostgreSQL overgeslagen: {reden}")
            continue
        log(f"  [{backend}]")
        database = g.sqlite_database(werkmap) if backend == "sqlite" else g.postgres_database()
        try:
            uit[backend] = draai_backend(database, snel=snel, log=log)
        finally:
            database.opruimen()
    if uit:
        plot(uit, "historie", "versies", plotmap / "perf-historie.png", "Kosten tegen lengte van de historie", "versielijst")
        plot(uit, "grootte", "woorden", plotmap / "perf-documentgrootte.png", "Kosten tegen documentgrootte", "docx")
        log(f"  grafieken: {plotmap / 'perf-historie.png'}, {plotmap / 'perf-documentgrootte.png'}")
    return uit


def druk_af(resultaat: dict, log=print) -> None:
    for backend, r in resultaat.items():
        log(
            f"{backend}: groei met de historie ({r['historie']['rijen'][0]['versies']} -> {r['historie']['rijen'][-1]['versies']} versies)"
        )
        for metriek, a in r["historie"]["analyse"].items():
            oordeel = "vlak" if a["vlak"] else "GROEIT"
            log(
                f"  {metriek:<38} mediaan x{a['verhouding']:<8} min x{a['verhouding_min']:<8} cpu x{a['verhouding_cpu']:<8} "
                f"helling ({a['oordeel_op']}) {a['oordeel_helling']:+.3f}  {oordeel}"
            )
        rijen = r["grootte"]["rijen"]
        log(
            f"{backend}: groei met de documentgrootte ({rijen[0]['woorden']} -> {rijen[-1]['woorden']} woorden, x{rijen[-1]['woorden'] / rijen[0]['woorden']:.0f})"
        )
        for metriek, a in r["grootte"]["analyse"].items():
            oordeel = "hoogstens lineair" if a["hoogstens_lineair"] else "SUPERLINEAIR"
            log(
                f"  {metriek:<38} mediaan x{a['verhouding']:<8} ({a['oordeel_op']} x{a['oordeel_verhouding']}) "
                f"helling {a['oordeel_helling']:+.3f}, bovenkant {a['oordeel_helling_bovenkant']:+.3f}  {oordeel}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description="Kostengroei met historie en documentgrootte")
    parser.add_argument("--snel", action="store_true")
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--plots", type=Path)
    args = parser.parse_args()
    plotmap = args.plots or (g.ROOT / "bench" / "results" if args.snel else g.ROOT / "docs" / "img")
    resultaat = draai(
        snel=args.snel, backends=args.backends.split(","), werkmap=g.ROOT / "bench" / "results" / "tmp", plotmap=plotmap
    )
    druk_af(resultaat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
