"""`termijn_werkdagen` / `reactietermijn_werkdagen` through the API (docs/api.md "werkdagen"):
the answer shows the computed moment; bad combinations are 422 and write nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers_afstemming import IENW_WORDING, Wereld, nu_volgens, ok, probleem
from workflow.werkdagen import AMSTERDAM, termijn_in_werkdagen


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def _zet_klok_op(klok, moment: datetime) -> None:
    klok.verzet(seconds=(moment - nu_volgens(klok)).total_seconds())


def _tijd(waarde: str) -> datetime:
    return datetime.fromisoformat(waarde)


def test_ronde_in_werkdagen_over_pinksteren(w, klok):
    # Thursday 5 June 2025, 10:00: Friday 6, (weekend, Tweede Pinksterdag 9 June) Tuesday 10, Wednesday 11.
    _zet_klok_op(klok, datetime(2025, 6, 5, 10, 0, tzinfo=AMSTERDAM))
    doc = w.document(parafenlijn=())
    ronde = ok(
        w.als(w.opsteller).post(
            f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["DEF"], "termijn_werkdagen": 3}
        ),
        201,
    )
    assert _tijd(ronde["termijn"]) == datetime(2025, 6, 11, 17, 0, tzinfo=AMSTERDAM)
    assert ronde["termijn"] == "2025-06-11T17:00:00+02:00"
    # Read back: the same stored moment.
    assert ok(w.als(w.opsteller).get(f"/afstemmingsrondes/{ronde['id']}"))["termijn"] == ronde["termijn"]


def test_reactietermijn_in_werkdagen_voor_voorstel_en_tegenvoorstel(w, klok):
    doc = w.document(parafenlijn=())
    v = w.voorstel(doc, reactietermijn_werkdagen=2)
    nu = nu_volgens(klok)
    assert _tijd(v["reactietermijn"]) == termijn_in_werkdagen(2, nu)
    t = ok(w.reageer(v, w.IenW, "tegenvoorstel", IENW_WORDING, reactietermijn_werkdagen=5), 201)
    assert _tijd(t["reactietermijn"]) == termijn_in_werkdagen(5, nu)
    assert _tijd(t["reactietermijn"]).astimezone(AMSTERDAM).hour == 17


@pytest.mark.parametrize(
    "body, veld",
    [
        ({"termijn_werkdagen": 0}, "termijn_werkdagen"),
        ({"termijn_werkdagen": -3}, "termijn_werkdagen"),
        ({"termijn_werkdagen": 401}, "termijn_werkdagen"),
        ({"termijn_werkdagen": "drie"}, "termijn_werkdagen"),
        ({"termijn_werkdagen": 1.5}, "termijn_werkdagen"),
        ({}, "termijn"),
        ({"termijn_werkdagen": 3, "termijn": (datetime.now(UTC) + timedelta(days=3)).isoformat()}, "termijn_werkdagen"),
    ],
)
def test_ongeldige_werkdagen_zijn_422_en_schrijven_niets(w, body, veld):
    doc = w.document(parafenlijn=())
    r = w.als(w.opsteller).post(f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["DEF"], **body})
    fout = probleem(r, 422)
    assert veld in [p["name"] for p in fout["invalid_params"]], fout
    assert ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/afstemmingsrondes")) == []
    assert w.status(doc) == "concept"


def test_voorstel_met_beide_termijnen_is_422(w):
    doc = w.document(parafenlijn=())
    r = w.dien_in(doc, reactietermijn_werkdagen=2, reactietermijn=(datetime.now(UTC) + timedelta(days=2)).isoformat())
    assert "reactietermijn_werkdagen" in [p["name"] for p in probleem(r, 422)["invalid_params"]]
    assert ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}")) == []
