"""POST /documenten/import: .md, .txt and .docx split into sections at headings (docs/api.md), with
front matter and form fields, bullets, numbered items and inline footnotes kept; bad files are a
422 problem and write nothing; a zip bomb is refused quickly.
"""

from __future__ import annotations

import functools
import inspect
import io
import re
import struct
import time
import zipfile

import pytest
from docx import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.conftest import BESLISNOTA_MD, KAMERBRIEF_MD, importeer
from tests.helpers_fundament import momentopname, noemt_positie, probleem, verschil_momentopnamen

MD = "text/markdown"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(api, wie, naam: str, inhoud: bytes | str, mime: str = MD, **velden):
    if isinstance(inhoud, str):
        inhoud = inhoud.encode("utf-8")
    return api.als(wie).post("/documenten/import", files={"bestand": (naam, inhoud, mime)}, data=velden)


def ok(r) -> dict:
    assert r.status_code == 201, r.text
    return r.json()


def secties(doc: dict) -> list[tuple]:
    return [(s["kop"], s.get("niveau"), s["tekst"]) for s in doc["secties"]]


VELDEN = {"soort": "kamerbrief", "titel": "Geïmporteerd", "penvoerder": "VRO"}


# --- Markdown and text --------------------------------------------------------------------------


def _md_met_front_matter(api, opsteller):
    tekst = (
        "---\n"
        "soort: beslisnota\n"
        "titel: Nota over iets\n"
        "kenmerk: 2025-42\n"
        "penvoerder: VRO\n"
        "ondertekenaar: Mona Keijzer\n"
        "mede_namens: IenW, KGG\n"
        "parafenlijn: afdelingshoofd, directeur\n"
        "---\n"
        "# Aanleiding\n\nDe aanleiding.\n\n# Kern\n\nDe kern.\n"
    )
    doc = ok(upload(api, opsteller, "nota.md", tekst))
    assert (doc["soort"], doc["titel"], doc["kenmerk"], doc["penvoerder"], doc["ondertekenaar"]) == (
        "beslisnota",
        "Nota over iets",
        "2025-42",
        "VRO",
        "Mona Keijzer",
    )
    assert doc["mede_namens"] == ["IenW", "KGG"]
    assert doc["parafenlijn"] == ["afdelingshoofd", "directeur"]
    assert secties(doc) == [("Aanleiding", 1, "De aanleiding."), ("Kern", 1, "De kern.")]
    assert doc["revisie"] == 1 and all(s["versie"] == 1 for s in doc["secties"])
    # Front matter is not text of the document.
    assert all("soort:" not in s["tekst"] and "---" not in s["tekst"] for s in doc["secties"])
    # What the import answered is what is stored.
    gelezen = api.als(opsteller).get(f"/documenten/{doc['id']}").json()
    assert secties(gelezen) == secties(doc) and gelezen["revisie"] == 1


def _md_zonder_front_matter_met_formuliervelden(api, opsteller):
    doc = ok(upload(api, opsteller, "brief.md", "# Een\n\neen\n\n## Twee\n\ntwee\n\n### Drie\n\ndrie\n", **VELDEN))
    assert (doc["soort"], doc["titel"], doc["penvoerder"]) == ("kamerbrief", "Geïmporteerd", "VRO")
    assert secties(doc) == [("Een", 1, "een"), ("Twee", 2, "twee"), ("Drie", 3, "drie")]


def _txt_wordt_als_dezelfde_dialect_gelezen(api, opsteller):
    doc = ok(upload(api, opsteller, "brief.txt", "Aanhef.\n\n# Kop\n\n- punt\n", "text/plain", **VELDEN))
    assert secties(doc) == [(None, secties(doc)[0][1], "Aanhef."), ("Kop", 1, "- punt")]


def _tekst_voor_de_eerste_kop_is_een_sectie_zonder_kop(api, opsteller):
    doc = ok(upload(api, opsteller, "b.md", "\n\nEerste alinea.\n\nTweede alinea.\n\n# Kop\n\nTekst.\n", **VELDEN))
    assert [s["kop"] for s in doc["secties"]] == [None, "Kop"]
    assert doc["secties"][0]["tekst"] == "Eerste alinea.\n\nTweede alinea."


def _koppen_op_drie_niveaus_en_diepere_blijven_tekst(api, opsteller):
    bron = "# Een\n\n## Twee\n\ntekst\n\n#### Vier blijft tekst\n\n#Geen kop zonder spatie\n\n### Drie ###\n\nslot\n"
    doc = ok(upload(api, opsteller, "b.md", bron, **VELDEN))
    assert [(s["kop"], s["niveau"]) for s in doc["secties"]] == [("Een", 1), ("Twee", 2), ("Drie", 3)]
    assert doc["secties"][0]["tekst"] == ""
    assert "#### Vier blijft tekst" in doc["secties"][1]["tekst"]
    assert "#Geen kop zonder spatie" in doc["secties"][1]["tekst"]
    posities = [s["positie"] for s in doc["secties"]]
    assert posities == sorted(posities) and len(set(posities)) == 3


def _opsommingen_nummering_en_voetnoten_blijven_letterlijk(api, opsteller):
    lichaam = (
        "Inleiding met een voetnoot.^[Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362] En **vet** en *schuin*.\n"
        "\n"
        "- eerste punt\n"
        "- tweede punt met noot^[Kamerstukken II 2024/25, 36200-XII, nr. 33]\n"
        "  - ingesprongen punt\n"
        "• punt met bolletje\n"
        "\n"
        "1. eerste stap\n"
        "2. tweede stap\n"
        "\n"
        "Woo: [[woo:5.1.2e|Jan Ambtenaar]]."
    )
    doc = ok(upload(api, opsteller, "b.md", f"# Kop\n\n{lichaam}\n", **VELDEN))
    assert doc["secties"][0]["tekst"] == lichaam


def _crlf_en_bom_worden_gelezen(api, opsteller):
    inhoud = "\ufeff# Kop\r\n\r\nregel een\r\nregel twee\r\n\r\n## Sub\r\n\r\ntekst\r\n".encode("utf-8")
    doc = ok(upload(api, opsteller, "windows.txt", inhoud, "text/plain", **VELDEN))
    assert secties(doc) == [("Kop", 1, "regel een\nregel twee"), ("Sub", 2, "tekst")]


def _formuliervelden_gaan_voor_front_matter(api, opsteller):
    tekst = "---\nsoort: beslisnota\ntitel: Uit front matter\npenvoerder: VRO\nmede_namens: IenW\nkenmerk: FM-1\n---\n# K\n\nt\n"
    doc = ok(upload(api, opsteller, "b.md", tekst, titel="Uit formulier", mede_namens="KGG, EZ", parafenlijn="dg,sg"))
    assert doc["titel"] == "Uit formulier"
    assert doc["mede_namens"] == ["KGG", "EZ"]
    assert doc["parafenlijn"] == ["dg", "sg"]
    assert (doc["soort"], doc["kenmerk"], doc["penvoerder"]) == ("beslisnota", "FM-1", "VRO")


def _lijstvelden_zijn_kommagescheiden(api, opsteller):
    doc = ok(
        upload(
            api,
            opsteller,
            "b.md",
            "# K\n\nt\n",
            **VELDEN,
            mede_namens=" IenW ,KGG,  DEF ",
            parafenlijn="afdelingshoofd, directeur, dg, sg",
        )
    )
    assert doc["mede_namens"] == ["IenW", "KGG", "DEF"]
    assert doc["parafenlijn"] == ["afdelingshoofd", "directeur", "dg", "sg"]


# --- the seed drafts ----------------------------------------------------------------------------


def _eigen_splitsing(pad) -> list[tuple[str | None, int, str]]:
    """An independent reading of drafts/*.md: front matter off, split at lines '#', '##', '###'."""
    tekst = pad.read_text(encoding="utf-8")
    if tekst.startswith("---\n"):
        tekst = tekst[tekst.index("\n---\n", 4) + 5 :]
    uit, kop, niveau, regels = [], None, 1, []
    for regel in tekst.split("\n"):
        m = re.match(r"^(#{1,3}) (.+)$", regel)
        if m:
            if kop is not None or "\n".join(regels).strip():
                uit.append((kop, niveau, "\n".join(regels).strip()))
            kop, niveau, regels = m.group(2).strip(), len(m.group(1)), []
        else:
            regels.append(regel)
    uit.append((kop, niveau, "\n".join(regels).strip()))
    return uit


def _kamerbrief_uit_drafts(api, opsteller):
    doc = importeer(api, opsteller, KAMERBRIEF_MD)
    assert len(doc["secties"]) == 27
    assert doc["soort"] == "kamerbrief" and doc["penvoerder"] == "VRO" and doc["revisie"] == 1
    assert doc["titel"] == "Uitkomsten BO’s Leefomgeving 2025"
    assert doc["mede_namens"] == ["IenW", "KGG", "DEF", "LVVN", "EZ", "OCW", "BZK"]
    assert doc["parafenlijn"] == ["afdelingshoofd", "directeur", "dg", "sg"]
    verwacht = _eigen_splitsing(KAMERBRIEF_MD)
    assert [(s["kop"], s["niveau"]) for s in doc["secties"]] == [(k, n) for k, n, _ in verwacht]
    assert [s["tekst"] for s in doc["secties"]] == [t for _, _, t in verwacht]
    assert doc["secties"][0]["kop"] is None
    voetnoten = [n for s in doc["secties"] for n in re.findall(r"\^\[([^\]]*)\]", s["tekst"])]
    assert len(voetnoten) == 9
    assert voetnoten[0] == "Tweede Kamer, vergaderjaar 2024-2025, 36592, nr. 17"
    assert voetnoten[-1] == "Tweede Kamer, vergaderjaar 2022-2023, 36200-A, nr. 78"
    alles = "\n".join(s["tekst"] for s in doc["secties"])
    assert "1. Regionale grootschalige woningbouwlocaties" in alles
    assert "- Metropoolkernen : een ondergrens van 2000 woningen." in alles


def _beslisnota_uit_drafts(api, opsteller):
    doc = importeer(api, opsteller, BESLISNOTA_MD)
    verwacht = _eigen_splitsing(BESLISNOTA_MD)
    assert doc["soort"] == "beslisnota"
    assert [(s["kop"], s["niveau"], s["tekst"]) for s in doc["secties"]] == verwacht
    assert [s["kop"] for s in doc["secties"]][:4] == ["Aanleiding", "Aan de minister wordt gevraagd", "NB-punten", "Kern"]
    assert "Motivering" in [s["kop"] for s in doc["secties"]]
    assert any("  - Eerste Ruimtelijk Arrangement" in s["tekst"] for s in doc["secties"])


# --- Word ---------------------------------------------------------------------------------------


def _docx_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _niet_leeg(tekst: str) -> list[str]:
    return [r for r in tekst.split("\n") if r.strip()]


def _docx_koppen_lijsten_en_opmaak(api, opsteller):
    w = WordDocument()
    w.add_paragraph("Inleidende alinea.")
    w.add_heading("Eerste kop", level=1)
    p = w.add_paragraph("Gewone ")
    p.add_run("vette").bold = True
    p.add_run(" en ")
    p.add_run("schuine").italic = True
    p.add_run(" tekst.")
    w.add_paragraph("punt een", style="List Bullet")
    w.add_paragraph("punt twee", style="List Bullet")
    w.add_heading("Tweede kop", level=2)
    w.add_paragraph("stap een", style="List Number")
    w.add_paragraph("stap twee", style="List Number")
    w.add_paragraph("Slotalinea.")
    doc = ok(upload(api, opsteller, "brief.docx", _docx_bytes(w), DOCX, **VELDEN))
    assert [(s["kop"], s["niveau"]) for s in doc["secties"]][1:] == [("Eerste kop", 1), ("Tweede kop", 2)]
    assert doc["secties"][0]["kop"] is None and doc["secties"][0]["tekst"] == "Inleidende alinea."
    eerste = _niet_leeg(doc["secties"][1]["tekst"])
    assert eerste[0] == "Gewone **vette** en *schuine* tekst."
    assert [re.sub(r"^(- |• )", "", r) for r in eerste[1:]] == ["punt een", "punt twee"]
    assert all(re.match(r"^(- |• )", r) for r in eerste[1:]), eerste
    tweede = _niet_leeg(doc["secties"][2]["tekst"])
    assert len(tweede) == 3 and tweede[2] == "Slotalinea."
    assert re.fullmatch(r"\d+\. stap een", tweede[0]) and re.fullmatch(r"\d+\. stap twee", tweede[1]), tweede


FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Tweede Kamer, vergaderjaar 2024-2025, 36600 XXII, nr. 26</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _voetnootverwijzing(alinea, nummer: int) -> None:
    run = alinea.add_run()
    rpr = OxmlElement("w:rPr")
    stijl = OxmlElement("w:rStyle")
    stijl.set(qn("w:val"), "FootnoteReference")
    rpr.append(stijl)
    run._r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(nummer))
    run._r.append(ref)


def _docx_met_echte_voetnoten(api, opsteller):
    w = WordDocument()
    deel = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, FOOTNOTES_XML.encode("utf-8"), w.part.package)
    w.part.relate_to(deel, RT.FOOTNOTES)
    w.add_heading("Kop", level=1)
    p = w.add_paragraph("Het startpakket")
    _voetnootverwijzing(p, 1)
    p.add_run(" is verstuurd en de woningbouwlocatie")
    _voetnootverwijzing(p, 2)
    p.add_run(" ook.")
    doc = ok(upload(api, opsteller, "noten.docx", _docx_bytes(w), DOCX, **VELDEN))
    assert doc["secties"][-1]["kop"] == "Kop"
    assert doc["secties"][-1]["tekst"] == (
        "Het startpakket^[Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362] is verstuurd en de "
        "woningbouwlocatie^[Tweede Kamer, vergaderjaar 2024-2025, 36600 XXII, nr. 26] ook."
    )


# --- bad files: 422, fast, nothing written ------------------------------------------------------


def _geweigerd(api, wie, engine, naam, inhoud, mime=DOCX, veld="bestand", **velden) -> dict:
    voor = momentopname(engine)
    body = probleem(upload(api, wie, naam, inhoud, mime, **{**VELDEN, **velden}), 422, veld=veld)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    return body


def _docx_die_geen_zip_is(api, opsteller, engine):
    _geweigerd(api, opsteller, engine, "kapot.docx", b"Dit is geen zip-bestand maar platte tekst.")
    _geweigerd(api, opsteller, engine, "leeg.docx", b"")


def _zip_zonder_word_document(api, opsteller, engine):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("iets.txt", "hallo")
    _geweigerd(api, opsteller, engine, "geen-word.docx", buf.getvalue())


def _docx_met_kapotte_xml(api, opsteller, engine):
    geldig = _docx_bytes(WordDocument())
    bron = zipfile.ZipFile(io.BytesIO(geldig))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in bron.infolist():
            data = bron.read(info.filename)
            z.writestr(info.filename, b"<w:document><niet-gesloten>" if info.filename == "word/document.xml" else data)
    _geweigerd(api, opsteller, engine, "kapot-xml.docx", buf.getvalue())


@functools.cache
def _zipbom(liegt: bool) -> bytes:
    """A .docx-shaped zip whose word/document.xml unpacks to 200 MB of zeros (about 200 kB
    packed). With `liegt`, its headers declare 1,000 bytes instead."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        with z.open("word/document.xml", "w") as f:
            blok = b"\0" * (1 << 20)
            for _ in range(200):
                f.write(blok)
    data = bytearray(buf.getvalue())
    if liegt:
        # Local header (offset 22) and central directory entry (offset 24): uncompressed size.
        naam = b"word/document.xml"
        lokaal = data.find(b"PK\x03\x04")
        while lokaal != -1:
            if data[lokaal + 30 : lokaal + 30 + len(naam)] == naam:
                struct.pack_into("<I", data, lokaal + 22, 1000)
            lokaal = data.find(b"PK\x03\x04", lokaal + 4)
        centraal = data.find(b"PK\x01\x02")
        while centraal != -1:
            if data[centraal + 46 : centraal + 46 + len(naam)] == naam:
                struct.pack_into("<I", data, centraal + 24, 1000)
            centraal = data.find(b"PK\x01\x02", centraal + 4)
    return bytes(data)


def test_zipbom_wordt_snel_geweigerd(api, opsteller, engine):
    for liegt in (False, True):  # declared size honest (200 MB) or a lie (1,000 bytes)
        bom = _zipbom(liegt)
        assert len(bom) < 1_000_000  # well under the 2 MiB body limit: the 413 is not what stops it
        # CPU time of this process (the app runs in its threads), not the wall clock.
        begin = time.process_time()
        _geweigerd(api, opsteller, engine, "bom.docx", bom)
        assert time.process_time() - begin < 5.0, liegt


def test_onbekende_extensie(api, opsteller, engine):
    for naam in ("brief.pdf", "brief.odt", "brief", "brief.md.exe", "brief.doc"):
        _geweigerd(api, opsteller, engine, naam, b"# Kop\n\ntekst\n", "application/octet-stream")


def _ongeldige_penvoerder(api, opsteller, engine):
    _geweigerd(api, opsteller, engine, "b.md", "# K\n\nt\n", MD, veld="penvoerder", penvoerder="XYZ")
    body = _geweigerd(api, opsteller, engine, "b.md", "# K\n\nt\n", MD, veld=None, mede_namens="IenW, NEP")
    assert any(p["name"].startswith("mede_namens") for p in body["invalid_params"]), body
    _geweigerd(api, opsteller, engine, "b.md", "---\npenvoerder: NEP\n---\n# K\n\nt\n", MD, veld="penvoerder", penvoerder="")
    _geweigerd(api, opsteller, engine, "b.md", "# K\n\nt\n", MD, veld="soort", soort="roman")


def _verplicht_veld_ontbreekt(api, opsteller, engine):
    voor = momentopname(engine)
    probleem(upload(api, opsteller, "b.md", "# K\n\nt\n", titel="Zonder soort", penvoerder="VRO"), 422, veld="soort")
    probleem(api.als(opsteller).post("/documenten/import", data=VELDEN), 422, veld="bestand")
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_stuurteken_in_bestand_noemt_de_positie(api, opsteller, engine):
    for teken in ("\x01", "\x0b", "\x1f", "\ufffe", "\uffff"):
        inhoud = f"# Kop\n\nabcde{teken}fgh\n"
        positie = inhoud.index(teken)  # 12: ASCII before it, so characters and bytes agree
        body = _geweigerd(api, opsteller, engine, "b.md", inhoud, MD)
        assert noemt_positie(body, "bestand", positie), (repr(teken), body)


def _stuurteken_in_docx_wordt_geweigerd(api, opsteller, engine):
    """XML 1.0 cannot carry these characters, not even as &#x1;: such a package is refused (422,
    never a 500) and nothing is written."""
    w = WordDocument()
    w.add_heading("Kop", level=1)
    w.add_paragraph("abc")
    bron = zipfile.ZipFile(io.BytesIO(_docx_bytes(w)))
    for verboden in (b"&#x1;", "\uffff".encode("utf-8")):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for info in bron.infolist():
                inhoud = bron.read(info.filename)
                if info.filename == "word/document.xml":
                    assert b">abc<" in inhoud
                    inhoud = inhoud.replace(b">abc<", b">abc" + verboden + b"<")
                z.writestr(info.filename, inhoud)
        _geweigerd(api, opsteller, engine, "stuur.docx", buf.getvalue())


def test_import_alleen_door_opsteller_van_de_penvoerder(api, opsteller, engine):
    afstemmer = api.gebruiker("VRO", "afstemmer")
    voor = momentopname(engine)
    probleem(upload(api, afstemmer, "b.md", "# K\n\nt\n", **VELDEN), 403)
    probleem(upload(api, opsteller, "b.md", "# K\n\nt\n", **{**VELDEN, "penvoerder": "IenW"}), 403)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


# --- grouped: one database per group keeps the suite fast on both backends ---


# --- the command line ---------------------------------------------------------------------------


def test_cli_import(tmp_path, sqlite_sjabloon):
    """`paraaf import FILE --door EMAIL` does what POST /documenten/import does."""
    import os
    import shutil
    import subprocess

    from fastapi.testclient import TestClient

    from app.config import PROJECT_ROOT, Settings
    from app.db import maak_engine
    from app.main import maak_app
    from tests.conftest import BEHEER_TOKEN, Api
    from tests.helpers_fundament import VENV_BIN

    pad = tmp_path / "cli.db"
    shutil.copy(sqlite_sjabloon, pad)
    url = f"sqlite:///{pad}"
    engine = maak_engine(url)
    env = {**os.environ, "PARAAF_DATABASE_URL": url}
    try:
        app = maak_app(Settings(database_url=url, admin_token=BEHEER_TOKEN), engine=engine)
        with TestClient(app) as client:
            api = Api(client)
            opsteller = api.gebruiker("VRO", "opsteller")
            email = api.als(opsteller).get("/gebruikers/ik").json()["email"]
            uit = subprocess.run(
                [str(VENV_BIN / "paraaf"), "import", str(KAMERBRIEF_MD), "--door", email],
                cwd=PROJECT_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert uit.returncode == 0, uit.stderr
            lijst = api.als(opsteller).get("/documenten").json()
            assert len(lijst) == 1
            doc = api.als(opsteller).get(f"/documenten/{lijst[0]['id']}").json()
            assert (doc["soort"], doc["revisie"], len(doc["secties"])) == ("kamerbrief", 1, 27)
            via_api = importeer(api, opsteller, KAMERBRIEF_MD)
            assert [(s["kop"], s["tekst"]) for s in doc["secties"]] == [(s["kop"], s["tekst"]) for s in via_api["secties"]]
            assert doc["inhoudshash"] == via_api["inhoudshash"]
            gebeurtenissen = api.als(opsteller).get(f"/documenten/{doc['id']}/gebeurtenissen").json()
            assert [g["actor"] for g in gebeurtenissen] == [f"gebruiker/{opsteller.id}"]

            # A bad file: an error exit, and nothing is written.
            voor = momentopname(engine)
            kapot = tmp_path / "kapot.md"
            kapot.write_bytes(b"# Kop\n\nabc\x01def\n")
            fout = subprocess.run(
                [
                    str(VENV_BIN / "paraaf"),
                    "import",
                    str(kapot),
                    "--door",
                    email,
                    "--soort",
                    "kamerbrief",
                    "--titel",
                    "T",
                    "--penvoerder",
                    "VRO",
                ],
                cwd=PROJECT_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert fout.returncode != 0
            assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    finally:
        engine.dispose()


# --- the checks above, one test per rule ---

REGELS = [
    _md_zonder_front_matter_met_formuliervelden,
    _txt_wordt_als_dezelfde_dialect_gelezen,
    _tekst_voor_de_eerste_kop_is_een_sectie_zonder_kop,
    _koppen_op_drie_niveaus_en_diepere_blijven_tekst,
    _opsommingen_nummering_en_voetnoten_blijven_letterlijk,
    _crlf_en_bom_worden_gelezen,
    _md_met_front_matter,
    _formuliervelden_gaan_voor_front_matter,
    _lijstvelden_zijn_kommagescheiden,
    _kamerbrief_uit_drafts,
    _beslisnota_uit_drafts,
    _docx_koppen_lijsten_en_opmaak,
    _docx_met_echte_voetnoten,
    _docx_die_geen_zip_is,
    _zip_zonder_word_document,
    _docx_met_kapotte_xml,
    _stuurteken_in_docx_wordt_geweigerd,
    _ongeldige_penvoerder,
    _verplicht_veld_ontbreekt,
]


@pytest.mark.parametrize("regel", REGELS, ids=lambda regel: regel.__name__.lstrip("_"))
def test_regel(regel, api, request):
    """One test per rule (the test id names it), with the fixtures the rule asks for (`api`
    named here, so the test runs on every backend)."""
    regel(**{naam: api if naam == "api" else request.getfixturevalue(naam) for naam in inspect.signature(regel).parameters})
