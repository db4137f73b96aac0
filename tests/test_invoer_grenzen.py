"""Issue 11, item 1: imports are bounded in sections and lines whatever their format (413
naming the bound, nothing written; the CLI says the same without a traceback), and so are a
section's text (422) and the number of sections of a document (422)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from tests.conftest import nieuw_document
from tests.helpers_fundament import probleem
from workflow.importeren import MAX_REGELS, MAX_REGELS_PER_SECTIE, MAX_SECTIES

VELDEN = {"soort": "kamerbrief", "titel": "Groot", "penvoerder": "VRO"}


def _docx(alineas: list[tuple[str, str]]) -> bytes:
    from docx import Document

    d = Document()
    for stijl, tekst in alineas:
        d.add_paragraph(tekst, style=stijl)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _aantal_documenten(engine) -> int:
    with engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM document")).scalar_one()


GEVALLEN = {
    "secties_md": ("x.md", "".join(f"# Kop {i}\n\ntekst\n\n" for i in range(MAX_SECTIES + 1)).encode(), str(MAX_SECTIES)),
    "regels_per_sectie_txt": (
        "x.txt",
        ("# Kop\n\n" + "- punt\n" * (MAX_REGELS_PER_SECTIE + 1)).encode(),
        str(MAX_REGELS_PER_SECTIE),
    ),
    "regels_totaal_md": ("x.md", "".join(f"# K{i}\n\n" + "regel\n" * 4000 for i in range(6)).encode(), str(MAX_REGELS)),
    "secties_docx": ("x.docx", None, str(MAX_SECTIES)),
}


@pytest.mark.parametrize("geval", sorted(GEVALLEN))
def test_te_grote_import_is_413_met_de_grens(api, opsteller, engine, geval):
    naam, inhoud, grens = GEVALLEN[geval]
    if inhoud is None:
        inhoud = _docx([("Heading 1", f"Kop {i}") for i in range(MAX_SECTIES + 1)])
    voor = _aantal_documenten(engine)
    r = api.als(opsteller).post("/documenten/import", files={"bestand": (naam, inhoud, "application/octet-stream")}, data=VELDEN)
    body = probleem(r, 413)
    assert grens in body["detail"] and body["invalid_params"][0]["name"] == "bestand"
    assert _aantal_documenten(engine) == voor


def test_import_op_de_grens_lukt(api, opsteller):
    inhoud = "".join(f"# Kop {i}\n\nregel\n" for i in range(MAX_SECTIES)).encode()
    r = api.als(opsteller).post("/documenten/import", files={"bestand": ("x.md", inhoud, "text/markdown")}, data=VELDEN)
    assert r.status_code == 201 and len(r.json()["secties"]) == MAX_SECTIES


def test_cli_import_noemt_de_grens(settings, engine, monkeypatch, tmp_path, api, opsteller):
    import app.db
    from app import cli
    from app.config import get_settings

    monkeypatch.setenv("PARAAF_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    app.db.engine.cache_clear()
    bestand = tmp_path / "groot.md"
    bestand.write_bytes(GEVALLEN["secties_md"][1])
    try:
        r = CliRunner().invoke(
            cli.cli,
            [
                "import",
                str(bestand),
                "--door",
                "gebruiker1.vro@minvro.test",
                "--titel",
                "T",
                "--soort",
                "kamerbrief",
                "--penvoerder",
                "VRO",
            ],
        )
    finally:
        get_settings.cache_clear()
        app.db.engine.cache_clear()
    assert r.exit_code == 1 and str(MAX_SECTIES) in r.output and "Traceback" not in r.output


def test_sectietekst_en_aantal_secties_zijn_begrensd(api, opsteller):
    doc = nieuw_document(api, opsteller, ("Kop", "Tekst."))
    sid = doc["secties"][0]["id"]
    te_veel = "\n".join("- punt" for _ in range(MAX_REGELS_PER_SECTIE + 1))
    body = probleem(
        api.als(opsteller).put(f"/documenten/{doc['id']}/secties/{sid}", json={"tekst": te_veel, "basisversie": 1}),
        422,
        veld="tekst",
    )
    assert str(MAX_REGELS_PER_SECTIE) in body["detail"]
    probleem(api.als(opsteller).post(f"/documenten/{doc['id']}/secties", json={"tekst": te_veel}), 422, veld="tekst")
    precies = "\n".join("- punt" for _ in range(MAX_REGELS_PER_SECTIE))
    assert (
        api.als(opsteller).put(f"/documenten/{doc['id']}/secties/{sid}", json={"tekst": precies, "basisversie": 1}).status_code
        == 200
    )
    # A merge whose result would exceed the bound is refused too.
    half = "\n".join("- a" for _ in range(MAX_REGELS_PER_SECTIE // 2 + 10))
    doc2 = nieuw_document(api, opsteller, ("Kop", "begin\n\neinde"))
    s2 = doc2["secties"][0]["id"]
    assert (
        api.als(opsteller)
        .put(f"/documenten/{doc2['id']}/secties/{s2}", json={"tekst": "begin\n\n" + half + "\n\neinde", "basisversie": 1})
        .status_code
        == 200
    )
    probleem(
        api.als(opsteller).put(
            f"/documenten/{doc2['id']}/secties/{s2}", json={"tekst": "begin\n\neinde\n\n" + half, "basisversie": 1}
        ),
        422,
        veld="tekst",
    )


def test_niet_meer_secties_dan_de_grens(api, opsteller, engine):
    inhoud = "".join(f"# Kop {i}\n\nregel\n" for i in range(MAX_SECTIES)).encode()
    doc = api.als(opsteller).post("/documenten/import", files={"bestand": ("x.md", inhoud, "text/markdown")}, data=VELDEN).json()
    body = probleem(api.als(opsteller).post(f"/documenten/{doc['id']}/secties", json={"tekst": "nog een"}), 422, veld="secties")
    assert str(MAX_SECTIES) in body["detail"]
