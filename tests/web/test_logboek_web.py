"""The logboek page (issue 14, item 4): the document's whole event log (who, what, when, which
revisie), filterable, with the chain's verification result; the footer links to it."""

from __future__ import annotations

from sqlmodel import Session, select

from app.gebeurtenissen.models import Gebeurtenis
from tests.web.conftest import dien_def_voorstel_in, tekst


def test_logboek_toont_alles_filtert_en_verifieert(app, api, engine, seed, browser):
    voorstel = dien_def_voorstel_in(api, seed)
    doc = seed["brief"]["id"]
    opsteller = browser(seed["m"]["opsteller"])
    documentpagina = opsteller.get(f"/documenten/{doc}").text
    assert f'href="/documenten/{doc}/logboek"' in documentpagina
    pagina = opsteller.get(f"/documenten/{doc}/logboek")
    assert pagina.status_code == 200
    zichtbaar = tekst(pagina.text)
    assert "De keten is intact" in zichtbaar
    api_log = api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}/gebeurtenissen").json()
    assert f"Alle {len(api_log)} gebeurtenissen zijn gecontroleerd" in zichtbaar
    assert "Document geïmporteerd" in zichtbaar and "Afstemmingsronde geopend" in zichtbaar
    assert "Tekstvoorstel ingediend" in zichtbaar and f"tekstvoorstel {voorstel['id']}" in zichtbaar
    assert "Pieter Bakker (DEF)" in zichtbaar and "Sanne Visser (VRO)" in zichtbaar
    # No internal identifiers in the Dutch text.
    for intern in ("tekstvoorstel_ingediend", "ronde_geopend", "gebruiker/"):
        assert intern not in zichtbaar
    # Filter on kind and on person.
    gefilterd = tekst(opsteller.get(f"/documenten/{doc}/logboek", params={"soort": "tekstvoorstel_ingediend"}).text)
    assert "1 van" in gefilterd and "Afstemmingsronde geopend Sanne" not in gefilterd
    def_id = seed["m"]["DEF"].id
    door_def = tekst(opsteller.get(f"/documenten/{doc}/logboek", params={"wie": f"gebruiker/{def_id}"}).text)
    assert "Pieter Bakker (DEF)" in door_def and "Sanne Visser (VRO) Document" not in door_def
    # Another department may read the letter, and so its log; a tampered event shows.
    with Session(engine) as s:
        eerste = s.exec(select(Gebeurtenis).where(Gebeurtenis.keten == f"document/{doc}", Gebeurtenis.volgnummer == 2)).one()
        eerste.gegevens = eerste.gegevens.replace("{", '{"x":1,', 1)
        s.add(eerste)
        s.commit()
    kapot = tekst(browser(seed["m"]["IenW"]).get(f"/documenten/{doc}/logboek").text)
    assert "De keten is niet intact" in kapot and "gebeurtenis 2" in kapot


def test_logboek_van_een_onleesbaar_document_zoals_de_api(api, seed, browser):
    # A user of an uninvolved department cannot read the letter: the same answer as the API.
    szw = browser(seed["m"]["SZW"])
    doc = seed["brief"]["id"]
    verwacht = api.als(seed["m"]["SZW"]).get(f"/documenten/{doc}/gebeurtenissen").status_code
    assert verwacht in (403, 404)
    assert szw.get(f"/documenten/{doc}/logboek").status_code == verwacht
