"""A mixed, concurrent workload against a real server, shared by the load and crash tests.

`Opzet.maak(basis, admin)` creates the cast (three opstellers of VRO; two afstemmers each of
DEF, IenW, EZ and KGG), imports a kamerbrief with sections for each kind of work, opens a
ronde for the four departments and files a few proposals (two pairs of them competing for
the same word). Every request of every worker is recorded as an `Antwoord`.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

AFSTEMMERS = ("DEF", "IenW", "EZ", "KGG")
REGELS = 6
LOS = 4
WOORDEN = 60


@dataclass
class Antwoord:
    draad: str
    actie: str
    methode: str
    pad: str
    status: int | str  # an int, or the exception's name when there was no answer
    body: object
    verzoek: dict | None
    departement: str
    begin: float
    eind: float

    @property
    def gelukt(self) -> bool:
        return isinstance(self.status, int) and 200 <= self.status < 300


def _markdown() -> str:
    delen = ["# Gedeeld", "", "De gedeelde zin is ZZZ0 en verder niets.", ""]
    delen += ["# Regels", ""] + [f"regel {i}: begin" for i in range(REGELS)] + [""]
    for i in range(LOS):
        delen += [f"# Los {i}", "", f"Losse sectie {i}, stand 0.", ""]
    delen += ["# Voorstellen", "", " ".join(f"w{i:02d}" for i in range(WOORDEN)), ""]
    return "\n".join(delen)


@dataclass
class Opzet:
    basis: str
    admin: str
    doc_id: int = 0
    secties: dict[str, int] = field(default_factory=dict)
    ronde_id: int = 0
    opstellers: list[dict] = field(default_factory=list)
    afstemmers: list[dict] = field(default_factory=list)  # each has "departement"
    gezaaid: list[dict] = field(default_factory=list)  # proposals filed during set-up

    @classmethod
    def maak(cls, basis: str, admin: str) -> Opzet:
        o = cls(basis=basis, admin=admin)
        with httpx.Client(base_url=basis + "/api/v1", timeout=60) as c:
            beheer = {"Authorization": f"Bearer {admin}"}

            def gebruiker(dep: str, rol: str, i: int) -> dict:
                r = c.post(
                    "/gebruikers",
                    headers=beheer,
                    json={
                        "naam": f"{rol} {dep} {i}",
                        "email": f"{rol}{i}.{dep.lower()}.{time.time_ns()}@rijk.test",
                        "departement": dep,
                        "rollen": [rol],
                    },
                )
                assert r.status_code == 201, r.text
                return {**r.json(), "departement": dep}

            o.opstellers = [gebruiker("VRO", "opsteller", i) for i in range(3)]
            o.afstemmers = [gebruiker(dep, "afstemmer", i) for dep in AFSTEMMERS for i in range(2)]
            kop = {"Authorization": f"Bearer {o.opstellers[0]['token']}"}
            r = c.post(
                "/documenten/import",
                headers=kop,
                files={"bestand": ("belasting.md", _markdown().encode(), "text/markdown")},
                data={"soort": "kamerbrief", "titel": "Belasting", "penvoerder": "VRO", "mede_namens": ",".join(AFSTEMMERS)},
            )
            assert r.status_code == 201, r.text
            doc = r.json()
            o.doc_id = doc["id"]
            o.secties = {s["kop"]: s["id"] for s in doc["secties"]}
            r = c.post(
                f"/documenten/{o.doc_id}/afstemmingsrondes",
                headers=kop,
                json={"departementen": list(AFSTEMMERS), "termijn": (datetime.now(UTC) + timedelta(days=5)).isoformat()},
            )
            assert r.status_code == 201, r.text
            o.ronde_id = r.json()["id"]
            tekst = next(s["tekst"] for s in doc["secties"] if s["kop"] == "Voorstellen")
            # Two pairs competing for one word each, and two on their own.
            for dep_index, woord in ((0, "w05"), (2, "w05"), (4, "w20"), (6, "w20"), (1, "w33"), (3, "w47")):
                a = o.afstemmers[dep_index]
                r = c.post(
                    f"/documenten/{o.doc_id}/secties/{o.secties['Voorstellen']}/tekstvoorstellen",
                    headers={"Authorization": f"Bearer {a['token']}"},
                    json={
                        "basisversie": 1,
                        "oorspronkelijk": woord,
                        "positie": tekst.index(woord),
                        "voorgesteld": f"{woord}-{a['departement']}-gezaaid",
                    },
                )
                assert r.status_code == 201, r.text
                o.gezaaid.append(r.json())
        return o


class Werklast:
    """24 threads of mixed work on one document; `stappen` actions per thread."""

    def __init__(
        self, o: Opzet, *, stappen: int, zaad: int = 1, stop: threading.Event | None = None, verdraag_uitval: bool = False
    ):
        """`verdraag_uitval`: a server that is away (killed) is waited for instead of failing."""
        self.o = o
        self.verdraag_uitval = verdraag_uitval
        self.onbereikbaar = 0
        self.stappen = stappen
        self.zaad = zaad
        self.antwoorden: list[Antwoord] = []
        self.fouten: list[str] = []
        self.slot = threading.Lock()
        self.stop = stop or threading.Event()
        self.teller = 0

    # --- recording ---------------------------------------------------------------------------

    def _uniek(self) -> int:
        with self.slot:
            self.teller += 1
            return self.teller

    def vraag(
        self, c: httpx.Client, draad: str, actie: str, methode: str, pad: str, dep: str, json: dict | None = None
    ) -> Antwoord:
        begin = time.monotonic()
        try:
            r = c.request(methode, pad, json=json)
            try:
                body = r.json()
            except ValueError:
                body = r.text[:500]
            status = r.status_code
            soort = r.headers.get("content-type", "").split(";")[0]
            if status >= 400 and soort != "application/problem+json":
                body = {"_geen_problem_json": soort, "tekst": str(body)[:300]}
        except httpx.HTTPError as e:
            status, body = type(e).__name__, str(e)[:300]
        a = Antwoord(draad, actie, methode, pad, status, body, json, dep, begin, time.monotonic())
        with self.slot:
            self.antwoorden.append(a)
        return a

    # --- the kinds of work ---------------------------------------------------------------------

    def _sectie(self, c, naam: str) -> dict | None:
        r = c.get(f"/documenten/{self.o.doc_id}/secties/{self.o.secties[naam]}")
        return r.json() if r.status_code == 200 else None

    def botser(self, c, draad: str, rng: random.Random):
        """Everyone edits the same word of the same section (conflicts and merges)."""
        s = self._sectie(c, "Gedeeld")
        if s is None:
            return
        nieuw = f"{draad.upper()}x{self._uniek()}"
        tekst = " ".join(nieuw if w.startswith(("ZZZ", "B")) else w for w in s["tekst"].split(" "))
        self.vraag(
            c,
            draad,
            "wijzig",
            "PUT",
            f"/documenten/{self.o.doc_id}/secties/{s['id']}",
            "VRO",
            {"tekst": tekst, "basisversie": s["versie"]},
        )

    def eigen(self, c, draad: str, rng: random.Random, regel: int):
        """One line of a shared section each (stale bases that merge)."""
        s = self._sectie(c, "Regels")
        if s is None:
            return
        regels = s["tekst"].split("\n")
        regels[regel] = f"regel {regel}: {self._uniek()}"
        self.vraag(
            c,
            draad,
            "wijzig",
            "PUT",
            f"/documenten/{self.o.doc_id}/secties/{s['id']}",
            "VRO",
            {"tekst": "\n".join(regels), "basisversie": s["versie"]},
        )

    def los(self, c, draad: str, rng: random.Random, nummer: int):
        """A section of one's own; now and then from a stale base."""
        s = self._sectie(c, f"Los {nummer}")
        if s is None:
            return
        basis = s["versie"]
        if rng.random() < 0.2 and basis > 1:
            basis -= 1  # stale: the section moved on since (our own edit): overlap -> 409
        self.vraag(
            c,
            draad,
            "wijzig",
            "PUT",
            f"/documenten/{self.o.doc_id}/secties/{s['id']}",
            "VRO",
            {"tekst": f"Losse sectie {nummer}, stand {self._uniek()}.", "basisversie": basis},
        )

    def _open_voorstellen(self, c) -> list[dict]:
        # Filtered by status: the unfiltered list costs a word diff per pair of proposals
        # (see docs/reliability.md) and would make the readers, not the writers, the load.
        uit = []
        for status in ("ingediend", "tegenvoorstel_gedaan"):
            r = c.get("/tekstvoorstellen", params={"document": self.o.doc_id, "status": status})
            if r.status_code == 200:
                uit += r.json()
        return uit

    def afstemmer(self, c, draad: str, rng: random.Random, wie: dict):
        dep = wie["departement"]
        keuze = rng.random()
        if keuze < 0.5:
            kandidaten = [v for v in self._open_voorstellen(c) if v["departement"] != dep]
            if not kandidaten:
                return
            # Several departments react to the same few proposals: prefer the oldest ones.
            v = rng.choice(sorted(kandidaten, key=lambda x: x["id"])[:3])
            oordeel = rng.choices(["akkoord", "niet_akkoord", "tegenvoorstel"], [0.6, 0.2, 0.2])[0]
            body = {"oordeel": oordeel}
            if oordeel == "tegenvoorstel":
                body["voorgesteld"] = f"{v['oorspronkelijk']}-{dep}-t{self._uniek()}"
            self.vraag(c, draad, "reageer", "POST", f"/tekstvoorstellen/{v['id']}/reacties", dep, body)
        elif keuze < 0.75:
            s = self._sectie(c, "Voorstellen")
            if s is None:
                return
            woorden = [w for w in s["tekst"].split(" ") if len(w) == 3 and w.startswith("w")]
            if not woorden:
                return
            woord = rng.choice(woorden)
            positie = (" " + s["tekst"] + " ").index(f" {woord} ")
            self.vraag(
                c,
                draad,
                "dien_in",
                "POST",
                f"/documenten/{self.o.doc_id}/secties/{s['id']}/tekstvoorstellen",
                dep,
                {
                    "basisversie": s["versie"],
                    "oorspronkelijk": woord,
                    "positie": positie,
                    "voorgesteld": f"{woord}-{dep}-{self._uniek()}",
                },
            )
        elif keuze < 0.85:
            eigen = [v for v in self._open_voorstellen(c) if v["departement"] == dep]
            if eigen:
                v = rng.choice(eigen)
                self.vraag(c, draad, "intrekken", "POST", f"/tekstvoorstellen/{v['id']}/intrekken", dep)
        else:
            oordeel = rng.choice(["akkoord", "akkoord_met_opmerkingen", "niet_akkoord"])
            self.vraag(
                c,
                draad,
                "oordeel",
                "POST",
                f"/afstemmingsrondes/{self.o.ronde_id}/oordelen",
                dep,
                {"oordeel": oordeel, "opmerkingen": f"opm {self._uniek()}"},
            )

    def overnemer(self, c, draad: str, rng: random.Random):
        kandidaten = self._open_voorstellen(c)
        if not kandidaten:
            return
        v = rng.choice(kandidaten)
        if rng.random() < 0.7:
            self.vraag(c, draad, "overnemen", "POST", f"/tekstvoorstellen/{v['id']}/overnemen", "VRO")
        else:
            self.vraag(c, draad, "afwijzen", "POST", f"/tekstvoorstellen/{v['id']}/afwijzen", "VRO")

    # --- running -------------------------------------------------------------------------------

    def taken(self) -> list[tuple[str, str, object]]:
        o = self.o
        t = []
        for i in range(4):
            t.append((f"botser{i}", o.opstellers[i % 3]["token"], lambda c, d, rng: self.botser(c, d, rng)))
        for i in range(REGELS):
            t.append((f"eigen{i}", o.opstellers[i % 3]["token"], lambda c, d, rng, i=i: self.eigen(c, d, rng, i)))
        for i in range(LOS):
            t.append((f"los{i}", o.opstellers[(i + 1) % 3]["token"], lambda c, d, rng, i=i: self.los(c, d, rng, i)))
        for i, wie in enumerate(o.afstemmers):
            t.append(
                (f"afstemmer{i}-{wie['departement']}", wie["token"], lambda c, d, rng, wie=wie: self.afstemmer(c, d, rng, wie))
            )
        for i in range(2):
            t.append((f"overnemer{i}", o.opstellers[(i + 2) % 3]["token"], lambda c, d, rng: self.overnemer(c, d, rng)))
        assert len(t) == 24
        return t

    def draai(self, timeout: float = 600) -> float:
        begin = time.monotonic()
        start = threading.Barrier(24)

        def werker(n: int, naam: str, token: str, taak):
            rng = random.Random(self.zaad * 1000 + n)
            try:
                with httpx.Client(
                    base_url=self.o.basis + "/api/v1", timeout=60, headers={"Authorization": f"Bearer {token}"}
                ) as c:
                    start.wait(timeout=60)
                    for _ in range(self.stappen):
                        if self.stop.is_set():
                            return
                        try:
                            taak(c, naam, rng)
                        except httpx.HTTPError:
                            if not self.verdraag_uitval:
                                raise
                            with self.slot:
                                self.onbereikbaar += 1
                            time.sleep(0.05)
            except Exception as e:  # noqa: BLE001 - reported by the test
                with self.slot:
                    self.fouten.append(f"{naam}: {type(e).__name__}: {e}")

        draden = [threading.Thread(target=werker, args=(n, *taak), daemon=True) for n, taak in enumerate(self.taken())]
        for d in draden:
            d.start()
        for d in draden:
            d.join(timeout=max(1.0, timeout - (time.monotonic() - begin)))
        if any(d.is_alive() for d in draden):
            self.fouten.append("draden hangen na de time-out")
        return time.monotonic() - begin

    # --- summaries -----------------------------------------------------------------------------

    def per_actie(self) -> dict[str, Counter]:
        uit: dict[str, Counter] = {}
        for a in self.antwoorden:
            uit.setdefault(a.actie, Counter())[a.status] += 1
        return uit
