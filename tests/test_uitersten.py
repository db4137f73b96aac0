"""Issue 11, item 2: nothing that is accepted may make a later read fail. Accepted-but-extreme
values (termijnen at both ends of their range with unusual offsets, dates at the ends of the
calendar, every text field at its maximum with astral, combining, right-to-left and XML-special
characters, the most lines a section may have) are written through the API, and then every
list, page (web UI, as several users) and render (Word, Word Woo, HTML, HTML Woo, tracked
changes) is read: never a 5xx. Values just outside the ranges are 422 and write nothing."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.helpers_fundament import probleem
from tests.web.conftest import Browser

MOEILIJK = "😀\u202eA\u0301<&>\"'\u00a0ß\u200b𝔘"  # astral, bidi override, combining, XML specials, nbsp, zero width


def _tekst(lengte: int, rnd: random.Random) -> str:
    uit = "".join(rnd.choice(["a", " ", MOEILIJK, "é", "ü", "-", "9"]) for _ in range(lengte))
    return ("X" + uit)[: lengte - 1].rstrip() + "Z" if lengte > 1 else "Z"


def _moment(nu: datetime, delta: timedelta, uren: float) -> str:
    return (nu + delta).astimezone(timezone(timedelta(hours=uren))).isoformat()


PROFIELEN = {
    # the earliest termijn (one hour and a bit, in UTC+14), the first day of the calendar
    "vroeg": {"termijn": (timedelta(hours=1, minutes=1), 14), "datum": "0001-01-01", "seed": 1},
    # the latest termijn (730 days, in UTC-12), the last day of the calendar
    "laat": {"termijn": (timedelta(days=730) - timedelta(minutes=1), -12), "datum": "9999-12-31", "seed": 2},
}


@pytest.mark.parametrize("profiel", sorted(PROFIELEN))
def test_uiterste_waarden_breken_geen_enkele_lezing(app, api, klok, backend, profiel):
    p = PROFIELEN[profiel]
    rnd = random.Random(p["seed"])
    nu = datetime.now(UTC) + klok.verschuiving
    termijn = _moment(nu, *p["termijn"])
    naam = lambda: _tekst(255, rnd)  # noqa: E731
    opsteller = api.gebruiker("VRO", "opsteller", naam=naam())
    minister = api.gebruiker("VRO", "bewindspersoon", naam=naam())
    hoofd = api.gebruiker("VRO", "parafeerder", paraafniveau="a" * 50, naam=naam())
    defensie = api.gebruiker("DEF", "afstemmer", naam=naam())
    ienw = api.gebruiker("IenW", "afstemmer", naam=naam())
    r = api.beheerder.post(
        "/gebruikers",
        json={
            "naam": naam(),
            "email": "t@" + "d" * 300 + ".nl",
            "departement": "EZ",
            "rollen": ["afstemmer"],
            "telefoon": "+31 (0)6-1234 5678 9012 3456 7890 1234"[:40],
        },
    )
    assert r.status_code == 201, r.text

    velden = {
        "soort": "kamerbrief",
        "titel": _tekst(500, rnd),
        "kenmerk": _tekst(500, rnd),
        "penvoerder": "VRO",
        "ondertekenaar": naam(),
        "ondertekenaar_functie": _tekst(500, rnd),
        "mede_namens": ["DEF"],
        "parafenlijn": ["a" * 50],
        "bijlagen": [_tekst(500, rnd) for _ in range(50)],
        "datum": p["datum"],
    }
    doc = api.als(opsteller).post("/documenten", json=velden)
    assert doc.status_code == 201, doc.text
    doc_id = doc.json()["id"]
    regels = [
        f"- {_tekst(30, rnd)} ^[Kamerstuk 36 600 XXII, nr. 26 {MOEILIJK}] [[woo:5.1.2e|{_tekst(40, rnd)}]]" for _ in range(1000)
    ]
    tekst = "\n".join(regels)
    s = api.als(opsteller).post(f"/documenten/{doc_id}/secties", json={"kop": _tekst(500, rnd), "tekst": tekst})
    assert s.status_code == 201, s.text
    sid = s.json()["id"]
    assert (
        api.als(opsteller)
        .put(
            f"/documenten/{doc_id}/secties/{sid}",
            json={"tekst": tekst + "\n\n" + _tekst(3000, rnd), "basisversie": 1, "reden": _tekst(2000, rnd)},
        )
        .status_code
        == 200
    )
    nota = api.als(opsteller).post("/documenten", json={**velden, "soort": "beslisnota", "gekoppeld_aan": doc_id})
    assert nota.status_code == 201, nota.text

    ronde = api.als(opsteller).post(
        f"/documenten/{doc_id}/afstemmingsrondes",
        json={"departementen": ["DEF", "IenW"], "termijn": termijn, "stilzwijgend_akkoord": True},
    )
    assert ronde.status_code == 201, ronde.text
    oorspronkelijk = regels[0][2:32]
    v = api.als(defensie).post(
        f"/documenten/{doc_id}/secties/{sid}/tekstvoorstellen",
        json={
            "basisversie": 2,
            "oorspronkelijk": oorspronkelijk,
            "positie": 2,
            "voorgesteld": _tekst(1000, rnd),
            "toelichting": _tekst(5000, rnd),
            "reactietermijn": termijn,
        },
    )
    assert v.status_code == 201, v.text
    t = api.als(ienw).post(
        f"/tekstvoorstellen/{v.json()['id']}/reacties",
        json={
            "oordeel": "tegenvoorstel",
            "voorgesteld": _tekst(1000, rnd),
            "toelichting": _tekst(5000, rnd),
            "reactietermijn": termijn,
        },
    )
    assert t.status_code == 201, t.text
    assert (
        api.als(defensie)
        .post(
            f"/afstemmingsrondes/{ronde.json()['id']}/oordelen",
            json={"oordeel": "akkoord_met_opmerkingen", "opmerkingen": _tekst(10000, rnd)},
        )
        .status_code
        == 201
    )
    assert api.als(opsteller).post(f"/tekstvoorstellen/{v.json()['id']}/escaleren").status_code == 200

    # Just outside the ranges: 422, naming the field, nothing written.
    for buiten in (
        _moment(nu, timedelta(minutes=50), 14),
        _moment(nu, timedelta(days=731), -12),
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+14:00",
    ):
        probleem(
            api.als(opsteller).post(
                f"/documenten/{doc_id}/afstemmingsrondes", json={"departementen": ["DEF"], "termijn": buiten}
            ),
            422,
            veld="termijn",
        )
        probleem(
            api.als(defensie).post(
                f"/documenten/{doc_id}/secties/{sid}/tekstvoorstellen",
                json={
                    "basisversie": 2,
                    "oorspronkelijk": oorspronkelijk,
                    "positie": 2,
                    "voorgesteld": "x",
                    "reactietermijn": buiten,
                },
            ),
            422,
            veld="reactietermijn",
        )

    # Every read, as every kind of user: no 5xx.
    api_paden = [
        "/documenten",
        f"/documenten/{doc_id}",
        f"/documenten/{doc_id}/secties/{sid}",
        f"/documenten/{doc_id}/secties/{sid}/versies",
        f"/documenten/{doc_id}/secties/{sid}/verschil?van=1&tot=2",
        f"/documenten/{doc_id}/afstemmingsrondes",
        f"/afstemmingsrondes/{ronde.json()['id']}",
        f"/documenten/{doc_id}/parafen",
        f"/documenten/{doc_id}/vaststellen",
        f"/documenten/{doc_id}/gebeurtenissen",
        f"/documenten/{doc_id}/gebeurtenissen/verificatie",
        f"/tekstvoorstellen?document={doc_id}",
        "/tekstvoorstellen",
        f"/tekstvoorstellen/{v.json()['id']}",
        "/gebruikers/ik",
    ]
    renders = []
    for d in (doc_id, nota.json()["id"]):
        renders += [
            f"/documenten/{d}/docx",
            f"/documenten/{d}/docx?variant=woo",
            f"/documenten/{d}/html",
            f"/documenten/{d}/html?variant=woo",
            f"/documenten/{d}/wijzigingen.docx?van=1",
        ]
    for pad in renders:
        r = api.als(opsteller).get(pad)
        assert r.status_code == 200, (pad, r.status_code, r.text[:300])
        if "docx" in pad:
            assert zipfile.ZipFile(io.BytesIO(r.content)).testzip() is None
    for wie in (opsteller, minister, defensie, ienw, hoofd):
        for pad in api_paden:
            r = api.als(wie).get(pad)
            assert r.status_code < 500, (pad, r.status_code, r.text[:300])
    assert api.beheerder.get("/gebruikers").status_code == 200
    web_paden = [
        "/werk",
        "/documenten",
        f"/documenten/{doc_id}",
        f"/documenten/{doc_id}/secties/{sid}",
        f"/documenten/{doc_id}/secties/{sid}?van=1&tot=2",
        f"/documenten/{doc_id}/secties/{sid}/bewerken",
        f"/documenten/{doc_id}/secties/{sid}/voorstel",
        f"/tekstvoorstellen/{v.json()['id']}",
        f"/tekstvoorstellen/{t.json()['id']}",
        f"/documenten/{doc_id}/afstemming",
        f"/documenten/{nota.json()['id']}",
    ]
    for wie in (opsteller, defensie):
        b = Browser(app, wie)
        assert b.inloggen().status_code == 303
        for pad in web_paden:
            r = b.get(pad)
            assert r.status_code < 500, (pad, r.status_code, r.text[:300])
        b.client.close()
    # And after time passes beyond every termijn (escalation and stilzwijgend akkoord catch up on read).
    klok.verzet(days=731)
    for pad in api_paden[:12]:
        assert api.als(opsteller).get(pad).status_code < 500, pad
