"""Helpers shared by the afstemming test modules (test_statussen, test_autorisatie,
test_tekstvoorstellen, test_termijnen, test_afstemming, test_cli_wachtend).

Everything goes through the public HTTP API (docs/api.md) with the `api` fixture of conftest; the
builders bring a document, a tekstvoorstel or a ronde into a given status with the fewest
calls, and assert on the way that each step did what the contract says, so a broken builder
cannot make a later assertion pass by accident. Expected values are written down here from
docs/api.md, never computed with the service's own code.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from workflow.statussen import label

PROBLEM_JSON = "application/problem+json"

# One section; the passages the tests use each occur exactly once.
TEKST = (
    "De minister neemt maatregelen voor de woningbouw. "
    "Gemeenten en provincies werken samen aan de uitvoering. "
    "Het Rijk draagt bij aan de kosten."
)
PASSAGE = "werken samen"  # what DEF proposes to change in the builders
DEF_WORDING = "werken nauw samen"
IENW_WORDING = "werken waar nodig samen"
BESLUIT_WORDING = "werken intensief samen"
# Overlaps PASSAGE (shares "samen") and still exists after any of the wordings above.
CONCURRENT_PASSAGE = "samen aan de uitvoering"
CONCURRENT_WORDING = "samen aan de snelle uitvoering"

PARAFENLIJN = ("afdelingshoofd", "directeur")


# --- problems and times ----------------------------------------------------------------------


def probleem(antwoord, status: int) -> dict:
    """Assert an RFC 9457 problem with `status`; return its body."""
    assert antwoord.status_code == status, f"verwacht {status}, kreeg {antwoord.status_code}: {antwoord.text[:800]}"
    soort = antwoord.headers.get("content-type", "").split(";")[0].strip()
    assert soort == PROBLEM_JSON, f"content-type {soort!r}: {antwoord.text[:300]}"
    body = antwoord.json()
    for sleutel in ("type", "title", "status", "detail"):
        assert sleutel in body, body
    assert body["status"] == status and isinstance(body["detail"], str) and body["detail"].strip(), body
    if status in (400, 422):
        assert body.get("invalid_params"), body
    return body


def ok(antwoord, status: int = 200) -> dict:
    assert antwoord.status_code == status, f"verwacht {status}, kreeg {antwoord.status_code}: {antwoord.text[:800]}"
    return antwoord.json()


def nu_volgens(klok=None) -> datetime:
    """'Now' as the app sees it: the real (database) time plus the test clock's offset."""
    return datetime.now(UTC) + (klok.verschuiving if klok is not None else timedelta())


def over(klok=None, **delta: float) -> str:
    """An RFC 3339 moment `delta` after the app's now."""
    return (nu_volgens(klok) + timedelta(**delta)).isoformat()


def status_in_db(engine: Engine, voorstel_id: int) -> str:
    """A proposal's stored status, read straight from the database (no API read involved)."""
    with engine.connect() as c:
        return c.execute(text("SELECT status FROM tekstvoorstel WHERE id = :id"), {"id": voorstel_id}).scalar_one()


def document_status_in_db(engine: Engine, document_id: int) -> str:
    with engine.connect() as c:
        return c.execute(text("SELECT status FROM document WHERE id = :id"), {"id": document_id}).scalar_one()


# --- the people and the builders --------------------------------------------------------------


class Wereld:
    """The cast of NB 1 (VRO holds the pen; DEF and IenW dispute; EZ stands by), created
    lazily so a test only pays for the people it uses, plus builders for every status."""

    def __init__(self, api, klok=None):
        self.api = api
        self.klok = klok

    # people (one POST /gebruikers each, on first use)
    @cached_property
    def opsteller(self):
        return self.api.gebruiker("VRO", "opsteller")

    @cached_property
    def minister(self):
        return self.api.gebruiker("VRO", "bewindspersoon")

    @cached_property
    def DEF(self):
        return self.api.gebruiker("DEF", "afstemmer")

    @cached_property
    def IenW(self):
        return self.api.gebruiker("IenW", "afstemmer")

    @cached_property
    def EZ(self):
        return self.api.gebruiker("EZ", "afstemmer")

    @cached_property
    def afdelingshoofd(self):
        return self.api.gebruiker("VRO", "parafeerder", paraafniveau="afdelingshoofd")

    @cached_property
    def directeur(self):
        return self.api.gebruiker("VRO", "parafeerder", paraafniveau="directeur")

    def parafeerder(self, niveau: str):
        return getattr(self, niveau)

    def als(self, wie):
        return self.api.als(wie)

    # documents
    def document(
        self,
        tekst: str = TEKST,
        *,
        parafenlijn=PARAFENLIJN,
        mede_namens=("DEF", "IenW"),
        markdown: str | None = None,
    ) -> dict:
        """One import call: a kamerbrief of VRO, one section without kop (or `markdown`)."""
        velden = {"soort": "kamerbrief", "titel": "Testbrief", "penvoerder": "VRO"}
        if parafenlijn:
            velden["parafenlijn"] = ",".join(parafenlijn)
        if mede_namens:
            velden["mede_namens"] = ",".join(mede_namens)
        inhoud = (markdown if markdown is not None else tekst + "\n").encode("utf-8")
        doc = ok(
            self.als(self.opsteller).post(
                "/documenten/import", files={"bestand": ("brief.md", inhoud, "text/markdown")}, data=velden
            ),
            201,
        )
        assert doc["status"] == "concept" and doc["revisie"] == 1, doc
        return doc

    def lees(self, doc: dict | int, wie=None) -> dict:
        doc_id = doc if isinstance(doc, int) else doc["id"]
        return ok(self.als(wie or self.opsteller).get(f"/documenten/{doc_id}"))

    def status(self, doc, wie=None) -> str:
        return self.lees(doc, wie)["status"]

    def sectie(self, doc: dict | int, index: int = 0, wie=None) -> dict:
        """The section as it is now (one GET)."""
        return self.lees(doc, wie)["secties"][index]

    def wijzig(self, doc: dict, tekst: str, *, sectie: dict | None = None, basisversie: int | None = None):
        sectie = sectie or self.sectie(doc)
        return self.als(self.opsteller).put(
            f"/documenten/{doc['id']}/secties/{sectie['id']}",
            json={"tekst": tekst, "basisversie": basisversie or sectie["versie"]},
        )

    def wijzig_ok(self, doc: dict, tekst: str, **kw) -> dict:
        return ok(self.wijzig(doc, tekst, **kw))

    # rondes, oordelen, parafen
    def ronde(self, doc: dict, departementen=("DEF",), *, stilzwijgend: bool = False, **termijn) -> dict:
        termijn = termijn or {"days": 3}
        ronde = ok(
            self.als(self.opsteller).post(
                f"/documenten/{doc['id']}/afstemmingsrondes",
                json={
                    "departementen": list(departementen),
                    "termijn": over(self.klok, **termijn),
                    "stilzwijgend_akkoord": stilzwijgend,
                },
            ),
            201,
        )
        assert ronde["status"] == "open", ronde
        return ronde

    def oordeel(self, ronde: dict | int, wie, oordeel: str = "akkoord", **extra):
        rid = ronde if isinstance(ronde, int) else ronde["id"]
        return self.als(wie).post(f"/afstemmingsrondes/{rid}/oordelen", json={"oordeel": oordeel, **extra})

    def paraaf(self, doc: dict, wie):
        return self.als(wie).post(f"/documenten/{doc['id']}/parafen")

    # tekstvoorstellen
    def dien_in(
        self,
        doc: dict,
        wie=None,
        oorspronkelijk: str = PASSAGE,
        voorgesteld: str = DEF_WORDING,
        *,
        sectie: dict | None = None,
        basisversie: int | None = None,
        **extra,
    ):
        sectie = sectie or doc["secties"][0]
        body = {
            "basisversie": basisversie if basisversie is not None else sectie["versie"],
            "oorspronkelijk": oorspronkelijk,
            "voorgesteld": voorgesteld,
            **extra,
        }
        return self.als(wie or self.DEF).post(f"/documenten/{doc['id']}/secties/{sectie['id']}/tekstvoorstellen", json=body)

    def voorstel(self, doc: dict, wie=None, oorspronkelijk: str = PASSAGE, voorgesteld: str = DEF_WORDING, **kw) -> dict:
        v = ok(self.dien_in(doc, wie, oorspronkelijk, voorgesteld, **kw), 201)
        assert v["status"] == "ingediend", v
        return v

    def reageer(self, voorstel: dict | int, wie, oordeel: str, voorgesteld: str | None = None, **extra):
        vid = voorstel if isinstance(voorstel, int) else voorstel["id"]
        body = {"oordeel": oordeel, **extra}
        if voorgesteld is not None:
            body["voorgesteld"] = voorgesteld
        return self.als(wie).post(f"/tekstvoorstellen/{vid}/reacties", json=body)

    def actie(self, voorstel: dict | int, naam: str, wie=None, **body):
        """POST /tekstvoorstellen/{id}/{naam} as the actor the contract names by default."""
        vid = voorstel if isinstance(voorstel, int) else voorstel["id"]
        if wie is None:
            wie = {"intrekken": self.DEF, "besluit": self.minister}.get(naam, self.opsteller)
        if naam == "besluit" and not body:
            body = {"tekst": BESLUIT_WORDING}
        return self.als(wie).post(f"/tekstvoorstellen/{vid}/{naam}", json=body if body else None)

    def lees_voorstel(self, voorstel: dict | int, wie=None) -> dict:
        vid = voorstel if isinstance(voorstel, int) else voorstel["id"]
        return ok(self.als(wie or self.opsteller).get(f"/tekstvoorstellen/{vid}"))

    def gebeurtenissen(self, doc: dict) -> list[dict]:
        return ok(self.als(self.opsteller).get(f"/documenten/{doc['id']}/gebeurtenissen"))

    # --- documents in a status ----------------------------------------------------------------

    def document_in(self, status: str, *, parafenlijn=PARAFENLIJN, compleet: bool = False, mede_namens=("DEF",)) -> dict:
        """A document in `status` (docs/api.md's document statuses), with what the walk needs:
        {"doc", "ronde"?}. `compleet` gives in_parafering every paraaf of its parafenlijn.
        Mede namens DEF only: DEF is the one department invited, and a mede-namens department
        needs its own akkoord in the latest ronde before the document can be signed."""
        doc = self.document(parafenlijn=parafenlijn, mede_namens=mede_namens)
        uit = {"doc": doc}
        if status == "concept":
            return uit
        uit["ronde"] = self.ronde(doc)
        if status == "in_afstemming":
            assert self.status(doc) == "in_afstemming"
            return uit
        r = ok(self.oordeel(uit["ronde"], self.DEF), 201)
        assert r["status"] == "afgerond", r
        if status == "afgestemd":
            assert self.status(doc) == "afgestemd"
            return uit
        assert parafenlijn, "in_parafering en verder vragen een parafenlijn"
        niveaus = list(parafenlijn) if (compleet or status in ("vastgesteld", "verzonden")) else list(parafenlijn[:1])
        for niveau in niveaus:
            ok(self.paraaf(doc, self.parafeerder(niveau)), 201)
        if status == "in_parafering":
            assert self.status(doc) == "in_parafering"
            return uit
        vast = ok(self.als(self.minister).post(f"/documenten/{doc['id']}/vaststellen"))
        assert vast["status"] == "vastgesteld", vast
        if status == "vastgesteld":
            return uit
        verzonden = ok(self.als(self.opsteller).post(f"/documenten/{doc['id']}/verzenden"))
        assert verzonden["status"] == "verzonden", verzonden
        assert status == "verzonden", status
        return uit

    # --- proposals in a status ----------------------------------------------------------------

    def voorstel_in(self, status: str, *, reactietermijn: str | None = None, bezwaar: bool = False) -> dict:
        """A DEF proposal P (on PASSAGE) in `status`, on a concept document that DEF and IenW
        see (mede namens). Returns {"doc", "p", "t"?}; `t` is IenW's tegenvoorstel.
        `bezwaar`: IenW is niet akkoord with P first (an open objection)."""
        doc = self.document(parafenlijn=())
        extra = {"reactietermijn": reactietermijn} if reactietermijn else {}
        p = self.voorstel(doc, **extra)
        uit = {"doc": doc, "p": p}
        if bezwaar:
            ok(self.reageer(p, self.IenW, "niet_akkoord"), 201)
        if status == "ingediend":
            pass
        elif status == "tegenvoorstel_gedaan":
            t = ok(self.reageer(p, self.IenW, "tegenvoorstel", IENW_WORDING), 201)
            assert t["reactie_op"] == p["id"] and t["status"] == "ingediend", t
            uit["t"] = t
        elif status == "geescaleerd":
            ok(self.actie(p, "escaleren"))
        elif status == "overgenomen":
            ok(self.actie(p, "overnemen"))
        elif status == "afgewezen":
            ok(self.actie(p, "afwijzen"))
        elif status == "ingetrokken":
            ok(self.actie(p, "intrekken"))
        elif status == "vervallen":
            # A competing wording from the penvoerder is adopted over the same passage.
            y = self.voorstel(doc, self.opsteller, CONCURRENT_PASSAGE, CONCURRENT_WORDING)
            assert y["concurrerend_met"] == [p["id"]], y
            ok(self.actie(y, "overnemen"))
            uit["y"] = y
        elif status == "besloten":
            ok(self.actie(p, "escaleren"))
            ok(self.actie(p, "besluit"))
        else:
            raise AssertionError(f"onbekende status {status}")
        gelezen = self.lees_voorstel(p)
        assert gelezen["status"] == status, gelezen
        uit["p"] = gelezen
        return uit


def toegestaan_uit(detail: str, status: str, toegestaan: list[str]) -> None:
    """The 409 detail names the current status and every event allowed from there, by their Dutch
    labels (the identifiers are the answer's fields)."""
    assert label(status) in detail, f"detail noemt de status {label(status)!r} niet: {detail}"
    for gebeurtenis in toegestaan:
        assert label(gebeurtenis) in detail, f"detail noemt toegestane {label(gebeurtenis)!r} niet: {detail}"


# --- one app for a whole module ------------------------------------------------------------------


@contextmanager
def gedeelde_wereld(backend: str, map: Path, **instellingen) -> Iterator[Wereld]:
    """A migrated database of its own, an app with a TestKlok and a Wereld whose people are
    created once, for a module whose tests each build their own documents (the walk): it
    saves the per-test database setup and user creation. Same backends as conftest's
    `backend` fixture; the clock only ever moves forward, and every termijn a test sets is
    relative to it (`over(klok, ...)`), so the tests do not disturb each other. `instellingen`
    are extra Settings (e.g. a seal configuration)."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import maak_engine
    from app.main import maak_app
    from tests import conftest as cf

    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{map / 'paraaf.db'}"
    else:
        if cf._PG_REDEN:
            pytest.skip(cf._PG_REDEN)
        schema = f"paraaf_afstemming_{uuid.uuid4().hex[:10]}"
        url = cf.pg_schema_aanmaken(schema)
    engine = maak_engine(url)
    try:
        cf.migreer(engine)
        settings = Settings(database_url=url, admin_token=cf.BEHEER_TOKEN, session_secret="test-sessiesleutel", **instellingen)
        klok = cf.TestKlok()
        with TestClient(maak_app(settings, engine=engine, klok=klok)) as client:
            wereld = Wereld(cf.Api(client), klok)
            wereld.engine = engine
            yield wereld
    finally:
        engine.dispose()
        if schema is not None:
            cf.pg_schema_verwijderen(schema)
