"""One answer per action (workflow.handelingen): the thread page shows a usable button exactly
when the API lets that person do it, for every proposal action x role x proposal status.

Each case builds the state afresh, reads the page as the person, then does the action through
the API: a usable button and a 2xx go together, and a button disabled by a guard (or no button)
goes with a refusal (403 or 409).
"""

from __future__ import annotations

import re

import pytest

from tests.helpers_afstemming import BESLUIT_WORDING, Wereld

STATUSSEN = ["ingediend", "ingediend_met_bezwaar", "tegenvoorstel_gedaan", "geescaleerd", "overgenomen", "afgewezen"]
ROLLEN = ["opsteller", "minister", "DEF", "IenW"]  # DEF filed the proposal; IenW is the other department
HANDELINGEN = {
    # name: (path after /tekstvoorstellen/{id}/, API body)
    "reageren": ("reacties", {"oordeel": "akkoord"}),
    "overnemen": ("overnemen", None),
    "afwijzen": ("afwijzen", None),
    "intrekken": ("intrekken", None),
    "escaleren": ("escaleren", None),
    "besluit": ("besluit", {"tekst": BESLUIT_WORDING}),
}


def _knop(html: str, voorstel_id: int, pad: str) -> str:
    """'bruikbaar', 'uitgeschakeld' or 'geen': the page's form for this action on this proposal."""
    formulier = re.search(rf'<form method="post" action="/tekstvoorstellen/{voorstel_id}/{pad}"(.*?)</form>', html, re.S)
    if formulier is None:
        return "geen"
    return "uitgeschakeld" if re.search(r'<button[^>]*type="submit"[^>]*\bdisabled\b', formulier.group(1)) else "bruikbaar"


# The rules, not the storage: SQLite only (the API tests run both backends).
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("handeling", list(HANDELINGEN))
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("status", STATUSSEN)
def test_knop_op_de_pagina_en_de_api_geven_hetzelfde_antwoord(api, klok, browser, status, rol, handeling):
    w = Wereld(api, klok)
    staat = w.voorstel_in(status.removesuffix("_met_bezwaar"), bezwaar=status.endswith("_met_bezwaar"))
    p = staat["p"]
    wie = getattr(w, rol)
    pad, body = HANDELINGEN[handeling]

    pagina = browser(wie).get(f"/tekstvoorstellen/{p['id']}")
    assert pagina.status_code == 200, pagina.text[:500]
    knop = _knop(pagina.text, p["id"], pad)

    antwoord = w.als(wie).post(f"/tekstvoorstellen/{p['id']}/{pad}", json=body)
    assert antwoord.status_code in (200, 201, 403, 409), antwoord.text
    gelukt = antwoord.status_code < 300
    assert (knop == "bruikbaar") == gelukt, (knop, antwoord.status_code, antwoord.text[:300])
    if knop == "uitgeschakeld":
        assert antwoord.status_code == 409  # only a guard disables a button; who and when hide it
