"""Issue 16, item 3: the document list pages (`?vanaf=&limiet=`); walking the pages gives the
same documents as the whole list, for readers who may read all, some or few of them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def lezers(api):
    vro, ez = api.gebruiker("VRO", "opsteller"), api.gebruiker("EZ", "opsteller")
    for i in range(7):
        wie = vro if i % 3 else ez
        r = api.als(wie).post("/documenten", json={"soort": "kamerbrief", "titel": f"Brief {i}", "penvoerder": wie.departement})
        assert r.status_code == 201, r.text
        if i % 4 == 0:
            nota = {"soort": "beslisnota", "titel": f"Nota {i}", "penvoerder": wie.departement, "gekoppeld_aan": r.json()["id"]}
            assert api.als(wie).post("/documenten", json=nota).status_code == 201
    return [vro, ez, api.gebruiker("DEF", "afstemmer")]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limiet=st.integers(1, 4), wie=st.integers(0, 2), soort=st.sampled_from([None, "kamerbrief", "beslisnota"]))
def test_bladeren_geeft_de_hele_lijst(api, lezers, limiet, wie, soort):
    als = api.als(lezers[wie])
    filter_ = f"&soort={soort}" if soort else ""
    alles = als.get(f"/documenten?{filter_}").json()
    gezien, vanaf = [], 1
    while True:
        pagina = als.get(f"/documenten?vanaf={vanaf}&limiet={limiet}{filter_}").json()
        assert len(pagina) <= limiet
        gezien += pagina
        if len(pagina) < limiet:
            break
        vanaf = pagina[-1]["id"] + 1
    assert gezien == alles
