"""Own wording that reads right (issue 14, item 3): a wording typed without its leading space
is joined to the sentence before it by the domain rule (workflow.aaneenvoegen), in the API and
in the forms; both forms show the resulting sentence in context before anything is written."""

from __future__ import annotations

from tests.web.conftest import ANKER, BESLUIT_FORMULERING, DEF_FORMULERING, IENW_FORMULERING, dien_def_voorstel_in, tekst


def test_voorstel_zonder_spatie_leest_goed_en_het_voorbeeld_toont_de_zin(api, seed, browser):
    brief, defensie = seed["brief"], seed["defensie"]
    def_ = browser(seed["m"]["DEF"])
    pad = f"/documenten/{brief['id']}/secties/{defensie['id']}"
    def_.get(f"{pad}/voorstel")
    velden = {
        "basisversie": str(defensie["versie"]),
        "oorspronkelijk": "",
        "invoegen_na": ANKER,
        "voorgesteld": DEF_FORMULERING.strip(),  # no leading space: the old trap
    }
    # The preview: the sentence in context, nothing written.
    voorbeeld = def_.post(f"{pad}/tekstvoorstellen", {**velden, "actie": "voorbeeld"})
    assert voorbeeld.status_code == 200, voorbeeld.text
    zichtbaar = tekst(voorbeeld.text)
    assert "Zo komt de tekst te staan" in zichtbaar
    assert f"uit te werken. {DEF_FORMULERING.strip()[:40]}" in zichtbaar
    assert "Nog niets is opgeslagen" in zichtbaar
    assert DEF_FORMULERING.strip() in voorbeeld.text  # the form keeps what was typed
    assert api.als(seed["m"]["opsteller"]).get(f"/tekstvoorstellen?document={brief['id']}").json() == []
    # Filed: the stored wording carries the separator, so the sentence reads right once adopted.
    r = def_.post(f"{pad}/tekstvoorstellen", velden)
    assert r.status_code == 303, r.text
    voorstellen = api.als(seed["m"]["opsteller"]).get(f"/tekstvoorstellen?document={brief['id']}").json()
    assert [v["voorgesteld"] for v in voorstellen] == [DEF_FORMULERING]


def test_api_voegt_dezelfde_spatie_toe(api, seed):
    """The API uses the same rule: no leading space sent, the same wording stored."""
    voorstel = dien_def_voorstel_in(api, seed, voorgesteld=DEF_FORMULERING.strip())
    assert voorstel["voorgesteld"] == DEF_FORMULERING


def test_besluit_met_eigen_formulering_zonder_spatie(api, seed, browser):
    eerste = dien_def_voorstel_in(api, seed)
    r = api.als(seed["m"]["IenW"]).post(
        f"/tekstvoorstellen/{eerste['id']}/reacties", json={"oordeel": "tegenvoorstel", "voorgesteld": IENW_FORMULERING}
    )
    assert r.status_code in (200, 201), r.text
    assert api.als(seed["m"]["opsteller"]).post(f"/tekstvoorstellen/{eerste['id']}/escaleren").status_code == 200
    minister = browser(seed["m"]["minister"])
    minister.get(f"/tekstvoorstellen/{eerste['id']}")
    eigen = BESLUIT_FORMULERING.strip()
    voorbeeld = minister.post(
        f"/tekstvoorstellen/{eerste['id']}/besluit", {"keuze": "eigen", "tekst": eigen, "actie": "voorbeeld"}
    )
    assert voorbeeld.status_code == 200, voorbeeld.text
    assert f"uit te werken. {eigen[:30]}" in tekst(voorbeeld.text)
    assert "Besluit nemen" in voorbeeld.text  # nothing decided yet
    r = minister.post(f"/tekstvoorstellen/{eerste['id']}/besluit", {"keuze": "eigen", "tekst": eigen, "bevestigd": "1"})
    assert r.status_code == 303, r.text
    sectie = api.als(seed["m"]["opsteller"]).get(f"/documenten/{seed['brief']['id']}/secties/{seed['defensie']['id']}").json()
    assert f"{ANKER} {eigen} Koppelkansen" in sectie["tekst"]
