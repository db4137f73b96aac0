"""The seed's NB 1 dispute, played end to end through the API (DOMAIN.md).

Defensie adds a sentence committing IenW; IenW is niet akkoord and counters; the termijn
passes; the thread escalates; the minister decides a third wording — the one in the letter as
sent; every department agrees; the parafenlijn initials; the minister signs; it is sent. The
record shows who proposed, objected, countered, decided and signed what, and when.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import importeer

DEF_WORDING = (
    " Het ministerie van Defensie, het Ministerie van Infrastructuur en Waterstaat, de provincie Overijssel en "
    "gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan voor een veilige verkeersontsluiting "
    "van de grootschalige munitieopslag."
)
IENW_WORDING = (
    " Het ministerie van Defensie, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke "
    "inspanningsverplichting aan voor een veilige verkeersontsluiting van de grootschalige munitieopslag. "
    "Het Ministerie van Infrastructuur en Waterstaat participeert waar nodig in het onderzoek."
)
BESLUIT_WORDING = (
    " Het Rijk, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan "
    "voor een veilige verkeersontsluiting van de grootschalige munitieopslag."
)
RONDE = ["IenW", "EZ", "KGG", "LVVN", "DEF", "OCW", "BZK"]
ANKER = "in overleg met hen uit te werken."


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


@pytest.fixture
def mensen(api):
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller", naam="Sanne Visser"),
        "minister": api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer"),
    }
    for dep in RONDE:
        m[dep] = api.gebruiker(dep, "afstemmer", naam=f"Afstemmer {dep}")
    for niveau in ("afdelingshoofd", "directeur", "dg", "sg"):
        m[niveau] = api.gebruiker("VRO", "parafeerder", paraafniveau=niveau, naam=f"Parafeerder {niveau}")
    return m


def seed_zin() -> str:
    """The paragraph of the letter as sent, straight from the seed text."""
    from pathlib import Path

    seed = Path(__file__).parent / "data" / "seeds" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.txt"
    tekst = re.sub(r"\s+", " ", seed.read_text(encoding="utf-8"))
    start = tekst.index("Het Rijk, de Provincie Overijssel")
    return tekst[start : tekst.index("munitieopslag.", start) + len("munitieopslag.")]


def test_nb1_dispuut_van_voorstel_tot_verzending(api, mensen, klok):
    m = mensen
    brief = importeer(api, m["opsteller"])
    doc_id = brief["id"]
    assert brief["status"] == "concept" and brief["revisie"] == 1
    defensie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    assert "munitieopslag" not in defensie["tekst"]
    nu = datetime.now(UTC)

    # The round of consultation opens for the seven departments, termijn in three days.
    r = api.als(m["opsteller"]).post(
        f"/documenten/{doc_id}/afstemmingsrondes",
        json={"departementen": RONDE, "termijn": _iso(nu + timedelta(days=3))},
    )
    assert r.status_code == 201, r.text
    ronde = r.json()
    assert ronde["status"] == "open" and [d["code"] for d in ronde["departementen"]] == RONDE
    assert api.als(m["DEF"]).get(f"/documenten/{doc_id}").json()["status"] == "in_afstemming"

    # Defensie proposes its sentence right after the anchor, answer wanted within a day.
    positie = defensie["tekst"].index(ANKER) + len(ANKER)
    r = api.als(m["DEF"]).post(
        f"/documenten/{doc_id}/secties/{defensie['id']}/tekstvoorstellen",
        json={
            "basisversie": defensie["versie"],
            "oorspronkelijk": "",
            "positie": positie,
            "voorgesteld": DEF_WORDING,
            "toelichting": "Afspraak uit het BO met Overijssel.",
            "reactietermijn": _iso(nu + timedelta(days=1)),
        },
    )
    assert r.status_code == 201, r.text
    def_voorstel = r.json()
    assert def_voorstel["departement"] == "DEF" and def_voorstel["status"] == "ingediend"
    assert def_voorstel["concurrerend_met"] == []

    # DEF cannot react to its own proposal; IenW counters with its own wording.
    eigen = api.als(m["DEF"]).post(f"/tekstvoorstellen/{def_voorstel['id']}/reacties", json={"oordeel": "akkoord"})
    assert eigen.status_code == 403
    r = api.als(m["IenW"]).post(
        f"/tekstvoorstellen/{def_voorstel['id']}/reacties",
        json={
            "oordeel": "tegenvoorstel",
            "voorgesteld": IENW_WORDING,
            "toelichting": "IenW committeert zich niet aan een inspanningsverplichting.",
        },
    )
    assert r.status_code == 201, r.text
    ienw_voorstel = r.json()
    assert ienw_voorstel["reactie_op"] == def_voorstel["id"] and ienw_voorstel["departement"] == "IenW"
    assert ienw_voorstel["concurrerend_met"] == [def_voorstel["id"]]
    def_nu = api.als(m["opsteller"]).get(f"/tekstvoorstellen/{def_voorstel['id']}").json()
    assert def_nu["status"] == "tegenvoorstel_gedaan"
    assert def_nu["concurrerend_met"] == [ienw_voorstel["id"]]
    assert [(x["departement"], x["oordeel"]) for x in def_nu["reacties"]] == [("IenW", "tegenvoorstel")]

    # With an objection open, the penvoerder cannot adopt either wording.
    for voorstel in (def_voorstel, ienw_voorstel):
        r = api.als(m["opsteller"]).post(f"/tekstvoorstellen/{voorstel['id']}/overnemen")
        assert r.status_code == 409, r.text

    # The termijn passes without Defensie's answer: the thread escalates by itself.
    klok.verzet(days=1, hours=2)
    for voorstel in (def_voorstel, ienw_voorstel):
        assert api.als(m["minister"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["status"] == "geescaleerd"

    # The minister decides a third wording: the sentence of the letter as sent.
    r = api.als(m["DEF"]).post(f"/tekstvoorstellen/{def_voorstel['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 403
    r = api.als(m["minister"]).post(f"/tekstvoorstellen/{ienw_voorstel['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "besloten"
    for voorstel in (def_voorstel, ienw_voorstel):
        assert api.als(m["opsteller"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["status"] == "besloten"
    na_besluit = api.als(m["opsteller"]).get(f"/documenten/{doc_id}").json()
    defensie_nu = next(s for s in na_besluit["secties"] if s["id"] == defensie["id"])
    assert seed_zin() in defensie_nu["tekst"]
    assert f"{ANKER}{BESLUIT_WORDING} Koppelkansen" in defensie_nu["tekst"]
    assert defensie_nu["versie"] == defensie["versie"] + 1
    assert na_besluit["revisie"] == 2

    # Every department agrees with the text as it now stands.
    for dep in RONDE:
        r = api.als(m[dep]).post(f"/afstemmingsrondes/{ronde['id']}/oordelen", json={"oordeel": "akkoord"})
        assert r.status_code == 201, r.text
    ronde_nu = r.json()
    assert ronde_nu["status"] == "afgerond"
    assert all(d["geldig"] and d["oordeel"] == "akkoord" for d in ronde_nu["departementen"])
    assert api.als(m["opsteller"]).get(f"/documenten/{doc_id}").json()["status"] == "afgestemd"

    # Parafen in order: a DG out of turn is refused, then the chain goes through.
    assert api.als(m["dg"]).post(f"/documenten/{doc_id}/parafen").status_code == 409
    for niveau in ("afdelingshoofd", "directeur", "dg", "sg"):
        r = api.als(m[niveau]).post(f"/documenten/{doc_id}/parafen")
        assert r.status_code == 201, r.text
        assert r.json()["niveau"] == niveau and r.json()["geldig"] is True
        assert r.json()["inhoudshash"] == na_besluit["inhoudshash"]
    assert api.als(m["opsteller"]).get(f"/documenten/{doc_id}").json()["status"] == "in_parafering"

    # The minister signs; from then on the text is frozen.
    assert api.als(m["opsteller"]).post(f"/documenten/{doc_id}/vaststellen").status_code == 403
    r = api.als(m["minister"]).post(f"/documenten/{doc_id}/vaststellen")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "vastgesteld"
    r = api.als(m["opsteller"]).put(
        f"/documenten/{doc_id}/secties/{defensie['id']}", json={"tekst": "Iets anders.", "basisversie": defensie_nu["versie"]}
    )
    assert r.status_code == 409
    r = api.als(m["EZ"]).post(
        f"/documenten/{doc_id}/secties/{defensie['id']}/tekstvoorstellen",
        json={"basisversie": defensie_nu["versie"], "oorspronkelijk": "Koppelkansen", "voorgesteld": "Kansen"},
    )
    assert r.status_code == 409

    r = api.als(m["opsteller"]).post(f"/documenten/{doc_id}/verzenden")
    assert r.status_code == 200 and r.json()["status"] == "verzonden"

    # The record: who proposed, countered, escalated (the system, at the termijn), decided, agreed,
    # initialled, signed and sent — and the chain is intact.
    gebeurtenissen = api.als(m["opsteller"]).get(f"/documenten/{doc_id}/gebeurtenissen").json()
    soorten = [g["soort"] for g in gebeurtenissen]
    volgorde = [
        "document_geimporteerd",
        "ronde_geopend",
        "tekstvoorstel_ingediend",
        "reactie_gegeven",
        "draad_geescaleerd",
        "besluit_genomen",
    ]
    posities = [soorten.index(s) for s in volgorde]
    assert posities == sorted(posities), soorten
    assert soorten.count("oordeel_gegeven") == 7 and soorten.count("geparafeerd") == 4
    assert soorten[-3:] == ["vastgesteld", "verzonden", "verzegeld"]
    wie = {g["soort"]: g["actor"] for g in gebeurtenissen}
    assert wie["tekstvoorstel_ingediend"] == f"gebruiker/{m['DEF'].id}"
    assert wie["reactie_gegeven"] == f"gebruiker/{m['IenW'].id}"
    assert wie["draad_geescaleerd"] == "systeem"
    assert wie["besluit_genomen"] == f"gebruiker/{m['minister'].id}"
    assert wie["vastgesteld"] == f"gebruiker/{m['minister'].id}"
    besluit = next(g for g in gebeurtenissen if g["soort"] == "besluit_genomen")
    assert besluit["gegevens"]["formulering"] == BESLUIT_WORDING
    assert [g["volgnummer"] for g in gebeurtenissen] == list(range(1, len(gebeurtenissen) + 1))
    assert api.als(m["opsteller"]).get(f"/documenten/{doc_id}/gebeurtenissen/verificatie").json()["geldig"] is True


# --- the seed as a set (issue 12 item 6) -------------------------------------------------------------

NB2 = (
    "De finale versie van de MIRT-brief en afsprakenlijst volgt op 12-6 in de ochtend na verwerking van de "
    "uitkomsten van het BO Leefomgeving Zuid op 11-6."
)
# Civil servants of the departments in the ronde (RONDE's order).
AFSTEMMERS = ["Fatima el Amrani", "Koen de Graaf", "Lotte Meijer", "Henk Mulder", "Pieter Bakker", "Noor Hendriks", "Daan Vos"]
PARAFEERDERS = {"afdelingshoofd": "Jeroen de Wit", "directeur": "Ingrid Smit", "dg": "Mark Jansen", "sg": "Annemieke de Boer"}


def _seed_nota() -> str:
    from pathlib import Path

    seed = Path(__file__).parent / "data" / "seeds" / "beslisnota-kamerbrief-bo-leefomgeving-2025.txt"
    return re.sub(r"\s+", " ", seed.read_text(encoding="utf-8"))


def _seed_passage(begin: str, eind: str) -> str:
    tekst = _seed_nota()
    start = tekst.index(begin)
    return tekst[start : tekst.index(eind, start) + len(eind)].strip()


def _docx_alineas(inhoud: bytes) -> list[str]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    uit = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        t = re.sub(r"\s+", " ", t.replace("&amp;", "&")).strip()
        if t:
            uit.append(t)
    return uit


def _html_tekst(html: str) -> str:
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def cast(api):
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller", naam="Sanne Visser"),
        "minister": api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer"),
        "VRO": api.gebruiker("VRO", "afstemmer", naam="Thijs van Dam"),
        "IenW-opsteller": api.gebruiker("IenW", "opsteller", naam="Ruben Hoekstra"),
        "IenW-minister": api.gebruiker("IenW", "bewindspersoon", naam="Barry Madlener"),
    }
    for dep, naam in zip(RONDE, AFSTEMMERS, strict=True):
        m[dep] = api.gebruiker(dep, "afstemmer", naam=naam)
    for niveau, naam in PARAFEERDERS.items():
        m[niveau] = api.gebruiker("VRO", "parafeerder", paraafniveau=niveau, naam=naam)
    return m


def test_de_stukken_van_de_seed_van_import_tot_vastgestelde_nota(api, cast, klok):
    from tests.conftest import BESLISNOTA_MD

    m = cast
    als = api.als
    nu = datetime.now(UTC)
    brief = importeer(api, m["opsteller"])
    nota = importeer(api, m["opsteller"], BESLISNOTA_MD, gekoppeld_aan=str(brief["id"]))
    assert nota["status"] == "concept" and nota["gekoppeld_aan"] == brief["id"]
    b, n = brief["id"], nota["id"]

    # NB 2 is what must come first: IenW's MIRT-brief, mede namens VRO. The opsteller models it as
    # an afhankelijkheid on that document, so the static NB text of the draft goes.
    mirt = (
        als(m["IenW-opsteller"])
        .post(
            "/documenten",
            json={"soort": "kamerbrief", "titel": "MIRT-brief voorjaar 2025", "penvoerder": "IenW", "mede_namens": ["VRO"]},
        )
        .json()
    )
    afh = als(m["opsteller"]).post(
        f"/documenten/{b}/afhankelijkheden",
        json={
            "omschrijving": NB2,
            "document": mirt["id"],
            "verwacht_op": (nu + timedelta(days=1)).date().isoformat(),
        },
    )
    assert afh.status_code == 201, afh.text
    nb_sectie = next(s for s in nota["secties"] if s["kop"] == "NB-punten")
    r = als(m["opsteller"]).put(
        f"/documenten/{n}/secties/{nb_sectie['id']}",
        json={
            "tekst": "",
            "basisversie": nb_sectie["versie"],
            "reden": "NB 2 wordt bijgehouden als afhankelijkheid",
        },
    )
    assert r.status_code == 200, r.text

    # The dispute of NB 1: ronde, Defensie's sentence, IenW's counter-proposal, escalation.
    ronde = (
        als(m["opsteller"])
        .post(f"/documenten/{b}/afstemmingsrondes", json={"departementen": RONDE, "termijn": _iso(nu + timedelta(days=3))})
        .json()
    )
    defensie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    def_voorstel = (
        als(m["DEF"])
        .post(
            f"/documenten/{b}/secties/{defensie['id']}/tekstvoorstellen",
            json={
                "basisversie": defensie["versie"],
                "oorspronkelijk": "",
                "positie": defensie["tekst"].index(ANKER) + len(ANKER),
                "voorgesteld": DEF_WORDING,
                "reactietermijn": _iso(nu + timedelta(days=1)),
            },
        )
        .json()
    )
    ienw_voorstel = (
        als(m["IenW"])
        .post(
            f"/tekstvoorstellen/{def_voorstel['id']}/reacties",
            json={
                "oordeel": "tegenvoorstel",
                "voorgesteld": IENW_WORDING,
            },
        )
        .json()
    )
    assert als(m["opsteller"]).post(f"/tekstvoorstellen/{def_voorstel['id']}/escaleren").json()["status"] == "geescaleerd"
    # With the minister now: the opsteller cannot make it go away.
    assert als(m["opsteller"]).post(f"/tekstvoorstellen/{ienw_voorstel['id']}/afwijzen").status_code == 409
    geescaleerd = _docx_alineas(als(m["opsteller"]).get(f"/documenten/{n}/docx").content)
    nb1 = next(t for t in geescaleerd if t.startswith("NB 1 "))
    assert "Het geschil is aan u voorgelegd ter besluitvorming." in nb1 and "reactietermijn" not in nb1
    assert any(t.startswith(f"NB 2 {NB2} Wacht op: MIRT-brief voorjaar 2025 (IenW) moet vastgesteld zijn") for t in geescaleerd)

    # The minister decides the third wording: the letter as sent.
    r = als(m["minister"]).post(f"/tekstvoorstellen/{def_voorstel['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 200, r.text
    assert (
        seed_zin()
        in next(s for s in als(m["opsteller"]).get(f"/documenten/{b}").json()["secties"] if s["kop"] == "Defensie")["tekst"]
    )

    # Every department agrees; the parafen go on the set.
    for dep in RONDE:
        assert als(m[dep]).post(f"/afstemmingsrondes/{ronde['id']}/oordelen", json={"oordeel": "akkoord"}).status_code == 201
    for niveau in PARAFEERDERS:
        r = als(m[niveau]).post(f"/documenten/{b}/parafen")
        assert r.status_code == 201, r.text
    stukken = als(m["opsteller"]).get(f"/documenten/{b}/stukken").json()
    assert [p["sethash"] for p in als(m["opsteller"]).get(f"/documenten/{n}/parafen").json()] == [stukken["sethash"]] * 4
    bezwaren = als(m["minister"]).post(f"/documenten/{b}/vaststellen").json()["detail"]
    assert f"‘{NB2}’" in bezwaren and "beslispunten 1, 2" in bezwaren

    # The MIRT-brief is signed by IenW (VRO's akkoord as mede namens): NB 2 is vervuld.
    mirt_ronde = (
        als(m["IenW-opsteller"])
        .post(
            f"/documenten/{mirt['id']}/afstemmingsrondes",
            json={"departementen": ["VRO"], "termijn": _iso(nu + timedelta(days=1))},
        )
        .json()
    )
    assert als(m["VRO"]).post(f"/afstemmingsrondes/{mirt_ronde['id']}/oordelen", json={"oordeel": "akkoord"}).status_code == 201
    assert als(m["IenW-minister"]).post(f"/documenten/{mirt['id']}/vaststellen").json()["status"] == "vastgesteld"
    assert als(m["opsteller"]).get(f"/documenten/{b}/afhankelijkheden").json()[0]["status"] == "vervuld"

    # The minister answers both beslispunten and signs the set.
    for nummer in (1, 2):
        r = als(m["minister"]).post(f"/documenten/{n}/beslispunten/{nummer}/besluit", json={"besluit": "akkoord"})
        assert r.status_code == 201 and r.json()["door"] == "Mona Keijzer", r.text
    r = als(m["minister"]).post(f"/documenten/{b}/vaststellen")
    assert r.status_code == 200, r.text
    assert [als(m["opsteller"]).get(f"/documenten/{d}").json()["status"] for d in (b, n)] == ["vastgesteld", "vastgesteld"]

    # The nota as archived reads like the seed nota after the minister's decisions.
    alineas = _docx_alineas(als(m["opsteller"]).get(f"/documenten/{n}/docx").content)
    tekst = " ".join(alineas)
    koppen = [
        "Aanleiding",
        "Aan de minister wordt gevraagd",
        "Kern",
        "Inhoud van de Kamerbrief Uitkomsten BO’s Leefomgeving 2025",
        "Proces van afstemming",
        "MIRT-brief voorjaar 2025",
        "Communicatie",
        "Informatie die niet openbaar gemaakt kan worden",
        "Motivering",
    ]
    posities = [alineas.index(k) for k in koppen]
    assert posities == sorted(posities), alineas
    vraag = alineas.index("Aan de minister wordt gevraagd")
    datum = r"\d{1,2} \w+ \d{4}"
    assert alineas[vraag + 1].startswith("In te stemmen met ondertekening en verzending aan de Tweede Kamer")
    assert re.fullmatch(rf"Besluit: akkoord \(Mona Keijzer, {datum}\)", alineas[vraag + 2]), alineas[vraag + 2]
    assert alineas[vraag + 3].startswith(
        "In te stemmen met verzending aan de Tweede Kamer van de MIRT-brief voorjaar 2025, mede namens u."
    )
    assert re.fullmatch(rf"Besluit: akkoord \(Mona Keijzer, {datum}\)", alineas[vraag + 4])
    nb1 = alineas[vraag + 5]
    assert nb1.startswith("NB 1 Tussen Defensie en IenW bestond verschil van inzicht over een passage. IenW was niet akkoord")
    assert alineas[vraag + 6] == "(…) " + _seed_passage(
        "In het ruimtelijk arrangement", "in overleg met hen uit te werken."
    ).replace(
        "In het ruimtelijk arrangement hebben Rijk en de provincies", "In het Ruimtelijk Arrangement hebben Rijk en de provincies"
    )
    # Both wordings as the seed's nota quotes them, then the decision, quoted.
    assert alineas[vraag + 7 : vraag + 11] == [
        "Tekstvoorstel Defensie",
        _seed_passage("Het ministerie van Defensie, het Ministerie", "munitieopslag."),
        "Tekstvoorstel IenW",
        _seed_passage("Het ministerie van Defensie, de Provincie", "in het onderzoek."),
    ]
    assert alineas[vraag + 11] == "Besluit"
    assert re.fullmatch(
        rf"Mona Keijzer heeft op {datum}, \d\d\.\d\d uur besloten tot een eigen formulering:", alineas[vraag + 12]
    )
    assert alineas[vraag + 13] == seed_zin()
    assert alineas[vraag + 14].startswith(f"NB 2 {NB2} Vervuld: MIRT-brief voorjaar 2025 (IenW) is vastgesteld")
    assert alineas[vraag + 15] == "Kern"
    # Proces van afstemming: every department akkoord; the parafenlijn with names and dates.
    for dep, naam in (("IenW", "Infrastructuur en Waterstaat"), ("DEF", "Defensie"), ("OCW", "Onderwijs, Cultuur en Wetenschap")):
        assert f"{naam} ({dep}) Akkoord" in tekst
    for niveau, naam in PARAFEERDERS.items():
        label = {"dg": "DG", "sg": "SG"}.get(niveau, niveau.capitalize())
        assert re.search(rf"{label} {naam} {datum}, \d\d\.\d\d uur geparafeerd", tekst), (niveau, tekst[:800])
    # The rest of the seed nota's own text is there, as written.
    for begin, eind in [
        ("Op 2, 10 en 11 juni heeft het kabinet", "om een ruimtelijke vertaling vragen."),
        ("Na verzending aan de Tweede Kamer van de Kamerbrief", "sociale mediakanalen."),
        ("In de openbaar gemaakte versie van deze nota", "geanonimiseerd."),
    ]:
        assert _seed_passage(begin, eind) in tekst, begin
    html = _html_tekst(als(m["opsteller"]).get(f"/documenten/{n}/html").text)
    for stuk in ("Besluit: akkoord (Mona Keijzer", seed_zin(), "Tekstvoorstel IenW", f"NB 2 {NB2} Vervuld", "Jeroen de Wit"):
        assert stuk in html, stuk

    # The Woo version keeps the decisions and the minister's name, and withholds the civil servants.
    woo_docx = als(m["opsteller"]).get(f"/documenten/{n}/docx?variant=woo").content
    woo = " ".join(_docx_alineas(woo_docx))
    woo_html = _html_tekst(als(m["opsteller"]).get(f"/documenten/{n}/html?variant=woo").text)
    for publiek in (woo, woo_html):
        assert re.search(rf"Besluit: akkoord \(Mona Keijzer, {datum}\)", publiek)
        assert re.search(r"Mona Keijzer heeft op .* besloten tot een eigen formulering", publiek)
        assert seed_zin() in publiek and "Tekstvoorstel Defensie" in publiek
        for ambtenaar in ("Sanne Visser", "Thijs van Dam", "Ruben Hoekstra", *PARAFEERDERS.values(), *AFSTEMMERS):
            assert ambtenaar not in publiek, ambtenaar
        assert "5.1.2e" in publiek
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(woo_docx)) as z:
        pakket = "".join(z.read(naam).decode("utf-8", "replace") for naam in z.namelist() if naam.endswith((".xml", ".rels")))
    for ambtenaar in ("Sanne Visser", *PARAFEERDERS.values()):
        assert ambtenaar not in pakket, ambtenaar
