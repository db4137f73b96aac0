"""A malformed [[woo:..]] marker is a 422 on every write of section text, not a silent literal
(issue 11, item 3), and the Woo version through the API withholds what a reader recognises.

The check parses text exactly as the renderer does (workflow.woo.markeringsfouten), so the
property test at the top shows, on generated texts, that "accepted" means "every marker-like
spot is a marker with a known ground". Then each write path: POST/PUT sections (text and
heading), tekstvoorstel, tegenvoorstel, the bewindspersoon's own wording, import (.md, .txt,
.docx) through the API and the CLI, and the web forms; each refusal names the field and the
position, in Dutch, and writes nothing. Writes derived from earlier input (a proposal applied
to its base, an adoption, a merge) must not break a marker either.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql
from typer.testing import CliRunner

from app import config, db
from app.cli import cli
from tests.conftest import nieuw_document
from tests.helpers_fundament import noemt_positie, probleem
from tests.weergave.woo_hulp import lekken_docx, lekken_html
from workflow import dialect
from workflow import markdown as md
from workflow.woo import GRONDEN, markeringsfouten

# --- the check agrees with the parser ------------------------------------------------------------------

STUKJES = [
    "[[woo:5.2|",
    "[[woo:5.1.2e|",
    "[[woo:5.1.2x|",
    "[[WOO:5.2|",
    "[[woo:5.2 ",
    "[[ woo:5.2|",
    "[woo:5.2|",
    "[ [woo:",
    "woo",
    "]]",
    "]",
    "[",
    "^[",
    "**",
    "*",
    "geheim",
    " ",
    "\n",
    "\n\n",
    "\n- ",
    "\n1. ",
    "|",
    "^",
]


def _letterlijk_of_onbekend(inhoud) -> bool:
    """The oracle, from the parse tree alone (texts without backslashes): literal text holding
    two adjacent opening brackets and "woo", a footnote whose source opens so, or an unknown ground."""
    for deel in inhoud:
        if isinstance(deel, md.Tekst) and re.search(r"\[\[[ \t]*woo\b", deel.tekst, re.IGNORECASE):
            return True
        if isinstance(deel, md.Woo) and (deel.code not in GRONDEN or _letterlijk_of_onbekend(deel.inhoud)):
            return True
        if isinstance(deel, md.Voetnoot) and re.match(r"\[[ \t]*(?:\n[ \t]*)?woo\b", deel.bron, re.I):
            return True  # "^[[woo..": the source's first bracket opened the footnote
        if isinstance(deel, md.Voetnoot | md.Woo) and _letterlijk_of_onbekend(deel.inhoud):
            return True
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(STUKJES), max_size=14).map("".join))
def test_controle_en_parser_zijn_het_eens(tekst):
    fouten = markeringsfouten(tekst)
    blokken = md.parse(tekst)
    reeksen = [b.inhoud for b in blokken if isinstance(b, md.Alinea)] + [
        i.inhoud for b in blokken if isinstance(b, md.Lijst) for i in b.items
    ]
    fout_in_boom = any(_letterlijk_of_onbekend(r) for r in reeksen)
    assert bool(fouten) == fout_in_boom, (tekst, fouten)
    for fout in fouten:
        assert tekst[fout.positie] == "[" and fout.regel == tekst.count("\n", 0, fout.positie) + 1
        assert fout.reden != "wordt niet als Woo-markering herkend"  # the fallback never needed
    kop = tekst.replace("\n", " ")
    assert bool(markeringsfouten(kop, kop=True)) == _letterlijk_of_onbekend(md.parse_inline(kop))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.sampled_from(STUKJES + ["\\", "\\[[woo:5.2|", "tekst"]), max_size=8).map("".join), min_size=1, max_size=3
    )
)
def test_letterlijke_word_tekst_wordt_altijd_aanvaard(alineas):
    """What the Word reader writes (workflow.dialect escapes literal text) is never refused
    and never becomes a marker: Word text with "[[woo:" in it is just text."""
    tekst, _ = dialect.schrijf([dialect.Blok([dialect.Stuk(a)]) for a in alineas if a.strip()])
    assert markeringsfouten(tekst) == [], tekst
    for blok in md.parse(tekst):
        for inhoud in [blok.inhoud] if isinstance(blok, md.Alinea) else [i.inhoud for i in blok.items]:
            assert not any(isinstance(d, md.Woo) for d in inhoud), tekst


def test_ontsnapte_markering_is_letterlijke_tekst(api, wereld):
    tekst = "Schrijf \\[[woo:5.2|tekst]] om iets weg te laten, of [woo: los."
    w, opsteller = wereld, wereld["m"]["opsteller"]
    r = api.als(opsteller).post(f"/documenten/{w['doc']['id']}/secties", json={"kop": "Uitleg", "tekst": tekst})
    assert r.status_code == 201, r.text
    html = api.als(opsteller).get(f"/documenten/{w['doc']['id']}/html?variant=woo").text
    assert "Schrijf [[woo:5.2|tekst]] om iets weg te laten, of [woo: los." in html
    assert "Een mening." not in html  # the real marker of the first section still withholds


FOUTEN = [
    ("Zie [[woo:5.1.2x|geheim]] nu.", 4, "onbekende Woo-grond"),
    ("Zie [[woo:5.2 geheim]] nu.", 4, "mist '|'"),
    ("Zie [[woo:5.2|geheim nu.", 4, "niet afgesloten"),
    ("Zie [[woo:5.2|a [[woo:5.1.2e|b]] c]] nu.", 16, "binnen een andere Woo-markering"),
    ("Zie [[WOO:5.2|geheim]] nu.", 4, "precies '[[woo:'"),
    ("Zie ^[[woo:5.2|geheim]] nu.", 5, "voetnoot"),
    ("Zie [[woo:5.2|geheim\n\nen meer]] nu.", 4, "alinea- of lijstgrens"),
]
ENKELREGELIG = [f for f in FOUTEN if "\n" not in f[0]]


# --- through the API ------------------------------------------------------------------------------------


@pytest.fixture
def wereld(api):
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller", naam="Olga Opsteller"),
        "DEF": api.gebruiker("DEF", "afstemmer", naam="Dirk Defensie"),
        "IenW": api.gebruiker("IenW", "afstemmer", naam="Ilse Waterstaat"),
        "minister": api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer"),
    }
    doc = nieuw_document(
        api, m["opsteller"], ("Inleiding", "Eerste zin. Tweede zin. [[woo:5.2|Een mening.]] Slot."), mede_namens=["DEF", "IenW"]
    )
    return {"m": m, "doc": doc, "sectie": doc["secties"][0]}


def _stand(api, w) -> tuple[int, int, list]:
    doc = api.als(w["m"]["opsteller"]).get(f"/documenten/{w['doc']['id']}").json()
    voorstellen = api.als(w["m"]["opsteller"]).get(f"/tekstvoorstellen?document={w['doc']['id']}").json()
    return doc["revisie"], len(voorstellen), [(s["kop"], s["tekst"]) for s in doc["secties"]]


def _geweigerd(antwoord, veld: str, positie: int, reden: str) -> None:
    body = probleem(antwoord, 422, veld=veld)
    assert noemt_positie(body, veld, positie), body
    assert reden in body["detail"] and "Woo-markering" in body["detail"], body
    assert "De invoer is ongeldig" in body["detail"] or "Het bestand kan niet worden ingelezen" in body["detail"]


def _voorstel(api, w, wie="DEF", **velden):
    s = w["sectie"]
    return api.als(w["m"][wie]).post(
        f"/documenten/{w['doc']['id']}/secties/{s['id']}/tekstvoorstellen",
        json={"basisversie": s["versie"], "oorspronkelijk": "Tweede zin.", "voorgesteld": "Een tweede zin.", **velden},
    )


@pytest.mark.parametrize(("tekst", "positie", "reden"), FOUTEN)
def test_secties_schrijven_weigert_misvormde_markering(api, wereld, tekst, positie, reden):
    w, opsteller = wereld, wereld["m"]["opsteller"]
    voor = _stand(api, w)
    pad = f"/documenten/{w['doc']['id']}/secties"
    _geweigerd(api.als(opsteller).post(pad, json={"kop": "Nieuw", "tekst": tekst}), "tekst", positie, reden)
    _geweigerd(
        api.als(opsteller).put(f"{pad}/{w['sectie']['id']}", json={"tekst": tekst, "basisversie": 1}), "tekst", positie, reden
    )
    if "\n" not in tekst:
        _geweigerd(api.als(opsteller).post(pad, json={"kop": tekst, "tekst": "x"}), "kop", positie, reden)
        _geweigerd(
            api.als(opsteller).put(f"{pad}/{w['sectie']['id']}", json={"tekst": "x", "kop": tekst, "basisversie": 1}),
            "kop",
            positie,
            reden,
        )
    assert _stand(api, w) == voor
    # A well-formed marker with a known ground is fine, and stays in the text as written.
    goed = api.als(opsteller).post(
        pad, json={"kop": "Goed [[woo:5.1.2e|Jan]]", "tekst": "[[woo:5.1.2E|Jan]] en ^[noot [[woo:5.2|x]]]"}
    )
    assert goed.status_code == 201, goed.text


def test_platte_velden_houden_een_misvormde_markering_letterlijk(api, wereld):
    """Fields that are not the Markdown dialect (titel, reden, toelichting, opmerkingen) are
    not parsed: there the text is stored exactly as sent (and redacted as a plain string)."""
    w, m = wereld, wereld["m"]
    kapot = "Half **vet en [[woo:5.1.2e|nooit gesloten"
    doc = api.als(m["opsteller"]).post("/documenten", json={"soort": "kamerbrief", "titel": kapot, "penvoerder": "VRO"})
    assert doc.status_code == 201 and doc.json()["titel"] == kapot
    r = _voorstel(api, w, toelichting=kapot)
    assert r.status_code == 201 and r.json()["toelichting"] == kapot
    s = w["sectie"]
    r = api.als(m["opsteller"]).put(
        f"/documenten/{w['doc']['id']}/secties/{s['id']}",
        json={"tekst": s["tekst"] + " Erbij.", "basisversie": 1, "reden": kapot},
    )
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(("tekst", "positie", "reden"), ENKELREGELIG)
def test_voorstellen_en_besluit_weigeren_misvormde_markering(api, wereld, tekst, positie, reden):
    w, m = wereld, wereld["m"]
    voor = _stand(api, w)
    _geweigerd(_voorstel(api, w, voorgesteld=tekst), "voorgesteld", positie, reden)
    assert _stand(api, w) == voor
    root = _voorstel(api, w)
    assert root.status_code == 201, root.text
    voor = _stand(api, w)
    r = api.als(m["IenW"]).post(
        f"/tekstvoorstellen/{root.json()['id']}/reacties", json={"oordeel": "tegenvoorstel", "voorgesteld": tekst}
    )
    _geweigerd(r, "voorgesteld", positie, reden)
    assert _stand(api, w) == voor
    tegen = api.als(m["IenW"]).post(
        f"/tekstvoorstellen/{root.json()['id']}/reacties", json={"oordeel": "tegenvoorstel", "voorgesteld": "Zin twee."}
    )
    assert tegen.status_code == 201, tegen.text
    assert api.als(m["opsteller"]).post(f"/tekstvoorstellen/{root.json()['id']}/escaleren").status_code == 200
    voor = _stand(api, w)
    r = api.als(m["minister"]).post(f"/tekstvoorstellen/{root.json()['id']}/besluit", json={"tekst": tekst})
    _geweigerd(r, "tekst", positie, reden)
    assert _stand(api, w) == voor
    r = api.als(m["minister"]).post(f"/tekstvoorstellen/{root.json()['id']}/besluit", json={"tekst": "Zin [[woo:5.1.2e|twee]]."})
    assert r.status_code == 200, r.text


def test_formulering_die_een_markering_van_de_tekst_breekt(api, wereld):
    """Each wording is well-formed on its own, but not where it goes."""
    w, m = wereld, wereld["m"]
    voor = _stand(api, w)
    # The passage takes half of the marker with it.
    r = _voorstel(api, w, oorspronkelijk="Een mening.]] Slot.", voorgesteld="Slot.")
    body = probleem(r, 422, veld="voorgesteld")
    assert "ongeldige Woo-markering" in body["detail"] and "positie" in body["detail"]
    # A marker inside the marked passage: nested.
    r = _voorstel(api, w, oorspronkelijk="Een mening.", voorgesteld="[[woo:5.1.2e|Een]] mening.")
    assert "binnen een andere Woo-markering" in probleem(r, 422, veld="voorgesteld")["detail"]
    assert _stand(api, w) == voor
    # A counter-proposal on a passage inside a marker may not bring a marker of its own.
    root = _voorstel(api, w, oorspronkelijk="Een mening.", voorgesteld="Een andere mening.")
    assert root.status_code == 201, root.text
    r = api.als(m["IenW"]).post(
        f"/tekstvoorstellen/{root.json()['id']}/reacties",
        json={"oordeel": "tegenvoorstel", "voorgesteld": "[[woo:5.2|Geen]] mening."},
    )
    assert "binnen een andere Woo-markering" in probleem(r, 422, veld="voorgesteld")["detail"]


def test_overnemen_en_samenvoegen_breken_geen_markering(api, wereld):
    """Well-formed each, broken together: adopting is 409, a merge is 409, nothing written."""
    w, m = wereld, wereld["m"]
    opsteller, s = m["opsteller"], w["sectie"]
    pad = f"/documenten/{w['doc']['id']}/secties/{s['id']}"
    # DEF proposes a marker of its own around "Tweede", outside any marker in version 1.
    voorstel = _voorstel(api, w, oorspronkelijk="Tweede zin.", voorgesteld="[[woo:5.1.2e|Tweede]] zin.").json()
    # Meanwhile the opsteller puts the whole passage inside a marker.
    r = api.als(opsteller).put(
        pad, json={"tekst": s["tekst"].replace("Tweede zin.", "[[woo:5.2|Tweede zin.]]"), "basisversie": 1}
    )
    assert r.status_code == 200, r.text
    voor = _stand(api, w)
    r = api.als(opsteller).post(f"/tekstvoorstellen/{voorstel['id']}/overnemen")
    assert "ongeldige Woo-markering" in probleem(r, 409)["detail"]
    assert _stand(api, w) == voor
    # Two edits of one version at different places: one wraps it all, one wraps a word.
    nieuw = api.als(opsteller).post(f"/documenten/{w['doc']['id']}/secties", json={"kop": "Apart", "tekst": "Alfa beta gamma."})
    pad = f"/documenten/{w['doc']['id']}/secties/{nieuw.json()['id']}"
    r = api.als(opsteller).put(pad, json={"tekst": "[[woo:5.2|Alfa beta gamma.]]", "basisversie": 1})
    assert r.status_code == 200, r.text
    voor = _stand(api, w)
    r = api.als(opsteller).put(pad, json={"tekst": "Alfa [[woo:5.1.2e|beta]] gamma.", "basisversie": 1})
    body = probleem(r, 409)
    assert "ongeldige Woo-markering" in body["detail"] and body["actuele_versie"] == 2
    assert _stand(api, w) == voor


def test_al_opgeslagen_misvormde_tekst_blokkeert_afgeleide_schrijfacties_niet(api, wereld, engine):
    """Text stored before the check existed: proposals elsewhere still work; the publication
    withholds the rest of the paragraph from the broken marker on."""
    w, m = wereld, wereld["m"]
    kapot = "Eerste zin. Tweede zin. [[woo:5.2|Een mening. Slot."
    with engine.begin() as c:
        c.execute(sql("UPDATE sectie SET tekst = :t WHERE id = :i"), {"t": kapot, "i": w["sectie"]["id"]})
        c.execute(sql("UPDATE sectieversie SET tekst = :t WHERE sectie_id = :i"), {"t": kapot, "i": w["sectie"]["id"]})
    r = _voorstel(api, w)
    assert r.status_code == 201, r.text
    woo = api.als(m["opsteller"]).get(f"/documenten/{w['doc']['id']}/docx?variant=woo")
    assert woo.status_code == 200
    assert lekken_docx(woo.content, ["Een mening", "Slot."]) == []


# --- import: API and CLI --------------------------------------------------------------------------------


def _word_bestand(*alineas: str) -> bytes:
    document = docx.Document()
    document.add_heading("Inleiding", level=1)
    for a in alineas:
        document.add_paragraph(a)
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


@pytest.mark.parametrize("soort", [".md", ".txt"])
def test_import_weigert_misvormde_markering(api, wereld, soort):
    opsteller = wereld["m"]["opsteller"]
    tekst = "Zie [[woo:5.2 geheim]] nu."
    voor = api.als(opsteller).get("/documenten").json()
    r = api.als(opsteller).post(
        "/documenten/import",
        files={"bestand": (f"brief{soort}", f"# Inleiding\n\nEerste.\n\n{tekst}\n".encode())},
        data={"soort": "kamerbrief", "titel": "Brief", "penvoerder": "VRO"},
    )
    body = probleem(r, 422, veld="bestand")
    assert "sectie 1 ('Inleiding')" in body["detail"] and "mist '|'" in body["detail"] and "positie" in body["detail"]
    assert api.als(opsteller).get("/documenten").json() == voor


def test_word_import_houdt_markering_letterlijk(api, wereld):
    """Word text is literal text: the Word reader escapes it, so "[[woo:" typed in Word is
    stored escaped, accepted, and published as written (it marks nothing)."""
    opsteller = wereld["m"]["opsteller"]
    tekst = "Zie [[woo:5.2 geheim]] en [[woo:5.2|ook dit]] nu."
    r = api.als(opsteller).post(
        "/documenten/import",
        files={"bestand": ("brief.docx", _word_bestand("Eerste alinea.", tekst))},
        data={"soort": "kamerbrief", "titel": "Brief", "penvoerder": "VRO"},
    )
    assert r.status_code == 201, r.text
    assert "\\[[woo:5.2 geheim]]" in r.json()["secties"][0]["tekst"]
    assert tekst in api.als(opsteller).get(f"/documenten/{r.json()['id']}/html?variant=woo").text


@pytest.fixture
def paraaf_cli(monkeypatch, settings):
    monkeypatch.setenv("PARAAF_DATABASE_URL", settings.database_url)

    def leeg() -> None:
        if db.engine.cache_info().currsize:
            db.engine().dispose()
        db.engine.cache_clear()
        config.get_settings.cache_clear()

    leeg()
    yield lambda *args: CliRunner().invoke(cli, list(args))
    leeg()


def test_cli_import_weigert_misvormde_markering(api, wereld, paraaf_cli, tmp_path):
    email = api.als(wereld["m"]["opsteller"]).get("/gebruikers/ik").json()["email"]
    bestand = tmp_path / "brief.md"
    bestand.write_text(
        "---\nsoort: kamerbrief\ntitel: Brief\npenvoerder: VRO\n---\n# Kop\n\nZie [[woo:9.9|x]].\n", encoding="utf-8"
    )
    voor = len(api.als(wereld["m"]["opsteller"]).get("/documenten").json())
    uitkomst = paraaf_cli("import", str(bestand), "--door", email)
    assert uitkomst.exit_code != 0
    assert "onbekende Woo-grond '9.9'" in uitkomst.output and "positie 4" in uitkomst.output
    assert "Traceback" not in uitkomst.output
    assert len(api.als(wereld["m"]["opsteller"]).get("/documenten").json()) == voor


# --- the web forms ----------------------------------------------------------------------------------------


def test_webformulieren_weigeren_misvormde_markering(app, api, wereld):
    from tests.web.conftest import Browser

    w, m = wereld, wereld["m"]
    doc, s = w["doc"]["id"], w["sectie"]["id"]
    voor = _stand(api, w)
    opsteller = Browser(app, m["opsteller"])
    assert opsteller.inloggen().status_code == 303
    opsteller.get(f"/documenten/{doc}/secties/{s}/bewerken")
    r = opsteller.post(
        f"/documenten/{doc}/secties/{s}/bewerken",
        data={"tekst": "Zie [[woo:5.2 geheim]].", "kop": "Inleiding", "basisversie": "1"},
    )
    assert r.status_code == 422 and ("mist &#39;|&#39;" in r.text or "mist '|'" in r.text)
    defensie = Browser(app, m["DEF"])
    assert defensie.inloggen().status_code == 303
    defensie.get(f"/documenten/{doc}/secties/{s}/voorstel")
    r = defensie.post(
        f"/documenten/{doc}/secties/{s}/tekstvoorstellen",
        data={"basisversie": "1", "oorspronkelijk": "Tweede zin.", "voorgesteld": "[[woo:5.1.2x|Zin]]"},
    )
    assert r.status_code == 422 and "onbekende Woo-grond" in r.text
    assert _stand(api, w) == voor


# --- the Woo version through the API ------------------------------------------------------------------------

AMBTENAAR_TEKST = (
    "Contact: **Gert** van der Veen (g.vdveen@minvro.nl, 06 - 12 34 56 78) en Van der Veen^[Notitie van 3 juni, "
    "zie ook de mail van A. Jansen, +31 (0)70 123 45 67.]s notitie. Ook Van der\u00adVeens memo, G.J. van der Veen, "
    "de heer Van der Veen, mevrouw *Jan*sen en de afdeling van Jansen (070 – 123 45 67, anne.jansen+woo@post.minvro.nl).\n\n"
    "- Vraag het Veen of mw. Jansen; [[woo:5.1.2i|de interne afweging]].\n\n"
    "De motie van het lid Mooiman en de brief van minister Keijzer; Keijzer zelf tekent."
)
GEHEIMEN = ["Veen", "Jansen", "g.vdveen", "12 34 56 78", "123 45 67", "anne.jansen", "interne afweging", "Gert"]


def test_woo_versie_via_api_en_web_laat_niets_achter(app, api):
    from tests.web.conftest import Browser

    gert = api.gebruiker("VRO", "opsteller", naam="Gert van der Veen")
    api.gebruiker("DEF", "afstemmer", naam="Anne Jansen")
    api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer")
    doc = nieuw_document(
        api,
        gert,
        ("Contact met Gert van der Veen", AMBTENAAR_TEKST),
        titel="Brief over G. van der Veen",
        kenmerk="2025-17 (Jansen)",
        ondertekenaar="Mona Keijzer",
        bijlagen=["Notitie van Gert van der Veen"],
    )
    r = api.als(gert).get(f"/documenten/{doc['id']}/docx?variant=woo")
    assert r.status_code == 200
    assert lekken_docx(r.content, GEHEIMEN) == []
    assert not any(g.lower() in r.headers["content-disposition"].lower() for g in GEHEIMEN)
    html = api.als(gert).get(f"/documenten/{doc['id']}/html?variant=woo")
    assert html.status_code == 200 and lekken_html(html.text, GEHEIMEN) == []
    for publiek in ("het lid Mooiman", "minister Keijzer", "Keijzer zelf", "Mona Keijzer"):
        assert publiek in html.text
    browser = Browser(app, gert)
    assert browser.inloggen().status_code == 303
    web = browser.get(f"/documenten/{doc['id']}/download/word?variant=woo")
    assert web.status_code == 200 and lekken_docx(web.content, GEHEIMEN) == []
    # The internal version still shows everything.
    intern = api.als(gert).get(f"/documenten/{doc['id']}/html").text
    assert "Jansen" in intern and "interne afweging" in intern
