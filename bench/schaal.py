"""Flat at a ministry's scale? Pages against the number of documents.

    .venv/bin/python -m bench.schaal [--groottes 100,1000,10000] [--backends sqlite,postgres] [--rondes 3]

The generator fills a database with what a ministry has after a year or two: sets of a
kamerbrief, its beslisnota and a bijlage (so `n` documents are n/3 sets), ten tekstvoorstellen
per document on average (100,000 at 10,000 documents: open, countered, escalated, adopted,
rejected, in threads), an afstemmingsronde on the letters in afstemming, and 500 users over
the departments. It writes through the models' tables with SQLAlchemy Core `executemany`
(the service layer would take hours for this), exactly as the services leave rows that pages
read: section hashes and the document's `inhoudshash` from `workflow.tekst`, a version and a
revisie row per section, `betrokken` holding penvoerder, mede namens and invited departments,
threads with `draad_id`, the set's `gekoppeld_aan`. The event chains are left empty (no page
reads them).

Then, in-process through the ASGI app (TestClient: the whole request path, middleware,
authentication and all, without a socket), per size, alternating the sizes each round:

- documenten: `GET /api/v1/documenten` (the list; `?limiet=50` a page of it)
- mijn_werk_afstemmer, mijn_werk_minister: the web page `/werk` of DEF's busiest afstemmer and
  of VRO's minister
- tekstvoorstellen: `GET /api/v1/tekstvoorstellen?document=<letter>`
- document: `GET /api/v1/documenten/<letter>`, and the web page `/documenten/<letter>`
- draad: the web page of a thread `/tekstvoorstellen/<root>`

with p50 and p99 of the wall time and the SQL statements per request. A page is flat when its
p50 at the largest size is within 2x its p50 at the smallest.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert  # noqa: E402

from bench import gemeenschappelijk as g  # noqa: E402

GEBRUIKERS = 500
VOORSTELLEN_PER_DOCUMENT = 10
DEPS = ["VRO", "DEF", "IenW", "EZ", "FIN", "BZK", "OCW", "VWS", "SZW", "JenV", "LVVN", "BZ", "AZ", "KGG"]
TEKST = (
    "Het kabinet werkt samen met gemeenten en provincies aan de uitvoering van de afspraken. "
    "De minister neemt maatregelen om de woningbouw te versnellen en de leefomgeving te verbeteren. "
    "In de komende maanden wordt de Kamer nader geïnformeerd over de voortgang van deze afspraken."
)
PASSAGES = ["werkt samen", "neemt maatregelen", "te versnellen", "nader geïnformeerd", "de voortgang"]
TOKENS = {"afstemmer": "schaal-afstemmer-def", "minister": "schaal-minister-vro", "opsteller": "schaal-opsteller-vro"}


def vul(engine, n_documenten: int, seed: int = 16) -> dict:
    """Fill an empty (migrated) database; returns the ids the measurements use."""
    from app.afstemming.models import Afstemmingsronde
    from app.documenten.models import Document, DocumentRevisie, Sectie, SectieVersie
    from app.gebruikers.models import Gebruiker, Token
    from app.gebruikers.service import token_hash
    from app.tekstvoorstellen.models import Tekstvoorstel
    from workflow.keten import BEGIN_HASH
    from workflow.tekst import combineer, sectie_hash

    rng = random.Random(seed)
    nu = datetime.now(UTC).replace(microsecond=0)
    termijn = nu + timedelta(days=60)

    # Users: per department opstellers, afstemmers, parafeerders; a minister for each.
    gebruikers, per_dep = [], {d: {} for d in DEPS}
    gid = 0
    bijzonder = {("DEF", "afstemmer"): "afstemmer", ("VRO", "bewindspersoon"): "minister", ("VRO", "opsteller"): "opsteller"}
    rollen_rij = ["opsteller", "afstemmer", "parafeerder", "bewindspersoon"]
    while gid < GEBRUIKERS:
        dep = DEPS[gid % len(DEPS)]
        rol = rollen_rij[(gid // len(DEPS)) % len(rollen_rij)]
        if rol == "bewindspersoon" and "bewindspersoon" in per_dep[dep]:
            rol = "afstemmer"
        gid += 1
        gebruikers.append({
            "id": gid, "naam": f"Persoon{gid} Achternaam{gid}", "email": f"p{gid}@{dep.lower()}.schaal.test", "departement": dep,
            "rollen": [rol], "paraafniveau": "afdelingshoofd" if rol == "parafeerder" else None, "aangemaakt_op": nu,
            "meldingen_voorkeur": "uit",
        })  # fmt: skip
        per_dep[dep].setdefault(rol, gid)
    tokens = [
        {"gebruiker_id": per_dep[dep][rol], "hash": token_hash(TOKENS[naam]), "uitgegeven_op": nu}
        for (dep, rol), naam in bijzonder.items()
    ]

    documenten, secties, versies, revisies, rondes, voorstellen = [], [], [], [], [], []
    did = sid = vid = 0
    letters = []
    for s in range(max(1, n_documenten // 3)):
        penvoerder = "VRO" if s % 3 == 0 else DEPS[rng.randrange(len(DEPS))]
        mede = sorted({d for d in rng.sample(DEPS, 2) if d != penvoerder})
        if s % 3 == 0 and "DEF" not in mede and penvoerder != "DEF":
            mede = sorted({*mede, "DEF"})  # DEF's afstemmer is busy: a third of the letters
        status = "in_afstemming" if s % 2 == 0 else "concept"
        opsteller = per_dep[penvoerder]["opsteller"]
        brief_id = did + 1
        for soort in ("kamerbrief", "beslisnota", "bijlage"):
            did += 1
            teksten = [(f"Paragraaf {k + 1}", TEKST) for k in range(3 if soort == "kamerbrief" else 1)]
            hashes = []
            for positie, (kop, tekst) in enumerate(teksten, start=1):
                sid += 1
                h = sectie_hash(kop, tekst)
                hashes.append(h)
                secties.append({"id": sid, "document_id": did, "positie": positie, "niveau": 1, "kop": kop, "tekst": tekst,
                                "versie": 1, "inhoudshash": h})  # fmt: skip
                versies.append({"sectie_id": sid, "versie": 1, "revisie": 1, "positie": positie, "niveau": 1, "kop": kop,
                                "tekst": tekst, "auteur_id": opsteller, "reden": None, "tijdstip": nu})  # fmt: skip
            inhoud = combineer(hashes)
            brief = soort == "kamerbrief"
            betrokken = sorted({penvoerder, *mede}) if brief else [penvoerder]
            if brief and status == "in_afstemming":
                uitgenodigd = sorted({*mede, DEPS[rng.randrange(len(DEPS))]} - {penvoerder})
                betrokken = sorted({*betrokken, *uitgenodigd})
                rondes.append({"document_id": did, "departementen": uitgenodigd, "termijn": termijn,
                               "stilzwijgend_akkoord": False, "geopend_door": opsteller, "geopend_op": nu})  # fmt: skip
            documenten.append({
                "id": did, "soort": soort, "titel": f"{soort.capitalize()} {s + 1}", "kenmerk": f"{penvoerder}-{s + 1}",
                "status": status if brief else "concept", "penvoerder": penvoerder, "ondertekenaar": None,
                "ondertekenaar_functie": None, "mede_namens": mede if brief else [],
                "gekoppeld_aan": None if brief else brief_id, "parafenlijn": ["afdelingshoofd"] if brief else [],
                "bijlagen": [], "datum": None, "revisie": 1, "inhoudshash": inhoud, "betrokken": betrokken, "wekker": None,
                "keten_volgnummer": 0, "keten_hash": BEGIN_HASH, "aangemaakt_op": nu, "aangemaakt_door": opsteller,
            })  # fmt: skip
            revisies.append({"document_id": did, "revisie": 1, "inhoudshash": inhoud, "tijdstip": nu, "actor_id": opsteller})
            if brief:
                letters.append((did, penvoerder, betrokken, [sid - 2, sid - 1, sid]))

    # Proposals: ten per document on average, on the letters, by the departments involved.
    aantal = VOORSTELLEN_PER_DOCUMENT * n_documenten
    per_letter = max(1, aantal // len(letters))
    statussen = ["ingediend"] * 4 + [
        "overgenomen",
        "afgewezen",
        "ingetrokken",
        "vervallen",
        "tegenvoorstel_gedaan",
        "geescaleerd",
    ]
    for did_, penvoerder, betrokken, sectie_ids in letters:
        anderen = [d for d in betrokken if d != penvoerder] or ["DEF"]
        for k in range(per_letter):
            vid += 1
            passage = PASSAGES[k % len(PASSAGES)]
            status = statussen[rng.randrange(len(statussen))]
            dep = anderen[k % len(anderen)]
            if status in ("tegenvoorstel_gedaan", "geescaleerd") and len(voorstellen) and k:
                root = vid - 1  # a counter-proposal on the previous one: a thread of two
            else:
                root = None
            voorstellen.append({
                "id": vid, "document_id": did_, "sectie_id": sectie_ids[k % 3], "departement": dep,
                "indiener_id": per_dep[dep].get("afstemmer", per_dep[dep]["opsteller"]), "status": status, "basisversie": 1,
                "positie": TEKST.index(passage), "oorspronkelijk": passage, "voorgesteld": passage + " (voorstel)",
                "toelichting": None, "reactietermijn": None, "reactie_op": root,
                "draad_id": voorstellen[root - 1]["draad_id"] if root else vid, "aangemaakt_op": nu, "gewijzigd_op": nu,
                "zonder_bijhouden": False,
            })  # fmt: skip

    with engine.begin() as c:
        for model, rijen in (
            (Gebruiker, gebruikers), (Token, tokens), (Document, documenten), (Sectie, secties), (SectieVersie, versies),
            (DocumentRevisie, revisies), (Afstemmingsronde, rondes), (Tekstvoorstel, voorstellen),
        ):  # fmt: skip
            for i in range(0, len(rijen), 5000):
                c.execute(insert(model.__table__), rijen[i : i + 5000])
        if engine.dialect.name == "postgresql":
            from sqlalchemy import text

            for tabel in ("gebruiker", "document", "sectie", "tekstvoorstel"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), (SELECT max(id) FROM {tabel}))"))
    vro_brief = next(d for d, p, _, _ in letters if p == "VRO")
    draad = next(v["id"] for v in voorstellen if v["document_id"] == vro_brief and v["reactie_op"] is None)
    return {"documenten": len(documenten), "voorstellen": len(voorstellen), "gebruikers": len(gebruikers),
            "brief": vro_brief, "draad": draad}  # fmt: skip


class Meter:
    """One size: its database, app and logged-in clients; counts SQL statements per request."""

    def __init__(self, database: g.Database, n: int, log=print):
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from app.config import Settings
        from app.main import maak_app

        self.database = database
        self.engine = database.engine()
        begin = time.perf_counter()
        self.ids = vul(self.engine, n)
        log(f"  [{database.soort}] {self.ids['documenten']} documenten, {self.ids['voorstellen']} tekstvoorstellen, "
            f"{self.ids['gebruikers']} gebruikers in {time.perf_counter() - begin:.1f} s")  # fmt: skip
        self.statements = 0

        @event.listens_for(self.engine, "before_cursor_execute")
        def _tel(*_):
            self.statements += 1

        settings = Settings(
            database_url=database.url, session_secret="schaal-" + "x" * 40, admin_token="schaal-beheer-" + "y" * 40
        )
        self.app = maak_app(settings, engine=self.engine)
        self.web: dict[str, TestClient] = {}
        for naam in ("afstemmer", "minister", "opsteller"):
            c = TestClient(self.app, follow_redirects=False)
            import re
            from html import unescape

            pagina = c.get("/inloggen").text
            csrf = unescape(re.search(r'name="csrf" value="([^"]+)"', pagina).group(1))
            r = c.post("/inloggen", data={"token": TOKENS[naam], "csrf": csrf, "volgende": "/werk"})
            assert r.status_code == 303, r.text[:500]
            self.web[naam] = c
        self.api = TestClient(self.app)
        b, d = self.ids["brief"], self.ids["draad"]
        kop = {"Authorization": f"Bearer {TOKENS['opsteller']}"}
        self.paginas = {
            "documenten": lambda: self.api.get("/api/v1/documenten", headers=kop),
            "documenten_pagina": lambda: self.api.get("/api/v1/documenten?limiet=50", headers=kop),
            "mijn_werk_afstemmer": lambda: self.web["afstemmer"].get("/werk"),
            "mijn_werk_minister": lambda: self.web["minister"].get("/werk"),
            "tekstvoorstellen": lambda: self.api.get(f"/api/v1/tekstvoorstellen?document={b}", headers=kop),
            "document": lambda: self.api.get(f"/api/v1/documenten/{b}", headers=kop),
            "documentpagina": lambda: self.web["opsteller"].get(f"/documenten/{b}"),
            "draad": lambda: self.web["opsteller"].get(f"/tekstvoorstellen/{d}"),
        }

    def meet(self, naam: str, herhalingen: int) -> tuple[list[float], int]:
        tijden, statements = [], 0
        for i in range(herhalingen + 1):
            voor = self.statements
            t0 = time.perf_counter()
            r = self.paginas[naam]()
            t1 = time.perf_counter()
            assert r.status_code == 200, (naam, r.status_code, r.text[:500])
            if i:  # the first is a warm-up
                tijden.append((t1 - t0) * 1000)
                statements = self.statements - voor
        return tijden, statements

    def sluit(self) -> None:
        self.api.close()
        for c in self.web.values():
            c.close()
        self.engine.dispose()
        self.database.opruimen()


def draai(*, groottes: list[int], backends: list[str], rondes: int, herhalingen: int, werkmap: Path, log=print) -> dict:
    uit: dict = {}
    for backend in backends:
        if backend == "postgres" and (reden := g.postgres_reden()):
            log(f"  PostgreSQL overgeslagen: {reden}")
            uit[backend] = {"overgeslagen": reden}
            continue
        meters: dict[int, Meter] = {}
        try:
            for n in groottes:
                db = (
                    g.sqlite_database(werkmap, f"schaal-{n}")
                    if backend == "sqlite"
                    else g.postgres_database(f"paraaf_schaal_{n}")
                )
                meters[n] = Meter(db, n, log)
            paginas = list(next(iter(meters.values())).paginas)
            tijden = {p: {n: [] for n in groottes} for p in paginas}
            statements = {p: {} for p in paginas}
            for _ in range(rondes):
                for p in paginas:
                    for n in groottes:  # sizes alternate within a round, page by page
                        t, s = meters[n].meet(p, herhalingen)
                        tijden[p][n] += t
                        statements[p][n] = s
            uit[backend] = {
                "groottes": groottes,
                "aantallen": {n: m.ids for n, m in meters.items()},
                "paginas": {
                    p: {
                        n: {
                            "p50_ms": g.percentiel(tijden[p][n], 50),
                            "p99_ms": g.percentiel(tijden[p][n], 99),
                            "statements": statements[p][n],
                        }
                        for n in groottes
                    }
                    for p in paginas
                },  # fmt: skip
            }
            for per in uit[backend]["paginas"].values():
                klein, groot = per[groottes[0]]["p50_ms"], per[groottes[-1]]["p50_ms"]
                per["verhouding"] = groot / klein
                per["vlak"] = groot <= 2 * klein
        finally:
            for m in meters.values():
                m.sluit()
    return uit


def druk_af(resultaat: dict, log=print) -> None:
    for backend, r in resultaat.items():
        if "overgeslagen" in r:
            log(f"{backend}: overgeslagen ({r['overgeslagen']})")
            continue
        groottes = r["groottes"]
        log(f"{backend}: p50 / p99 ms (statements) per aantal documenten")
        log(f"  {'pagina':<22}" + "".join(f"{n:>26,}" for n in groottes) + "   groot/klein  vlak (<= 2x)?")
        for p, per in r["paginas"].items():
            cellen = "".join(
                f"{per[n]['p50_ms']:>11.1f} / {per[n]['p99_ms']:>7.1f} ({per[n]['statements']:>3})" for n in groottes
            )
            log(f"  {p:<22}{cellen}   x{per['verhouding']:<10.2f}  {'ja' if per['vlak'] else 'NEE'}")


def plot(resultaat: dict, pad: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    backends = [b for b, r in resultaat.items() if "overgeslagen" not in r]
    if not backends:
        return
    fig, assen = plt.subplots(1, len(backends), figsize=(6.5 * len(backends), 4.5), squeeze=False)
    for as_, backend in zip(assen[0], backends, strict=True):
        r = resultaat[backend]
        for p, per in r["paginas"].items():
            x = r["groottes"]
            lijn = as_.plot(x, [per[n]["p50_ms"] for n in x], marker="o", label=f"{p} p50")[0]
            as_.plot(x, [per[n]["p99_ms"] for n in x], linestyle=":", color=lijn.get_color())
        as_.set_xscale("log")
        as_.set_yscale("log")
        as_.set_xlabel("documenten (x10 tekstvoorstellen, 500 gebruikers)")
        as_.set_ylabel("ms (p50 doorgetrokken, p99 gestippeld)")
        as_.set_title(f"{backend}: pagina's tegen de omvang")
        as_.grid(True, which="both", alpha=0.3)
        as_.legend(fontsize=7)
    fig.tight_layout()
    pad.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(pad, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description="Pagina's tegen het aantal documenten")
    parser.add_argument("--groottes", default="100,1000,10000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--plot", type=Path, default=g.ROOT / "docs" / "img" / "perf-schaal.png")
    args = parser.parse_args()
    resultaat = draai(
        groottes=[int(x) for x in args.groottes.split(",")], backends=args.backends.split(","), rondes=args.rondes,
        herhalingen=args.herhalingen, werkmap=g.ROOT / "bench" / "results" / "tmp",
    )  # fmt: skip
    g.schrijf_json(g.ROOT / "bench" / "results" / f"schaal-{time.strftime('%Y%m%d-%H%M%S')}.json", resultaat)
    druk_af(resultaat)
    plot(resultaat, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
