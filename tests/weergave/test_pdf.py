"""PDF/A renders (issue 17, item 1) through the API: PDF/A-2 identification and language in the
XMP packet, tagging, the title, no civil servant's name in the Woo variant's metadata, every
font embedded (DejaVu Sans, on purpose), the text as pdftotext reads it against the document;
and the bounded queue: 503 with Retry-After when busy, a time limit that kills LibreOffice,
no temporary files left behind.

LibreOffice is slow: one module-wide set per backend, and its PDFs are fetched once and shared.
The queue tests use a stand-in for soffice (a shell script) and need no LibreOffice.
"""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from pathlib import Path

import pytest

from app.problemen import NietBeschikbaar
from app.weergave.pdf import Omzetter, PdfBezet, PdfInstellingen, PdfMislukt, omzetter
from tests.helpers_afstemming import gedeelde_wereld, ok, probleem
from tests.publicatie.set_hulp import (
    AMBTENAAR,
    AMBTENAAR_EMAIL,
    BELEIDSOPVATTING,
    OPENBARE_NAMEN,
    bouw_set,
    genormaliseerd,
    importeer,
    info,
    pdffonts,
    pdftekst,
    xmp,
    xmp_waarden,
)
from workflow import markdown as md

pytestmark = pytest.mark.traag


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def pdfs(request, tmp_path_factory):
    """The set, and the PDFs of the letter (internal and Woo) and of the nota (Woo)."""
    with gedeelde_wereld(request.param, tmp_path_factory.mktemp("pdf")) as w:
        s = bouw_set(w, vaststellen=False)
        # A document whose title names a civil servant: the Woo PDF's metadata must not.
        notitie = importeer(
            w,
            f"# Inhoud\n\nDe notitie van {AMBTENAAR} over de planning.\n",
            soort="bijlage",
            titel=f"Notitie van {AMBTENAAR}",
            penvoerder="VRO",
        )
        uit = {"w": w, "set": s, "tmp": tmp_path_factory.mktemp("pdf-uit")}
        for naam, doc, variant in (
            ("brief", s.brief, "intern"),
            ("brief_woo", s.brief, "woo"),
            ("nota_woo", s.nota, "woo"),
            ("notitie", notitie, "intern"),
            ("notitie_woo", notitie, "woo"),
        ):
            r = w.als(w.opsteller).get(f"/documenten/{doc['id']}/pdf", params={"variant": variant})
            assert r.status_code == 200, r.text[:500]
            assert r.headers["content-type"] == "application/pdf"
            assert r.headers["cache-control"] == "no-store"
            assert r.headers["content-disposition"].endswith('.pdf"')
            uit[naam] = r.content
        uit["notitie_doc"] = notitie
        yield uit


def test_pdfa2_getagd_en_nederlands_volgens_de_xmp(pdfs):
    for naam in ("brief", "brief_woo", "nota_woo"):
        waarden = xmp_waarden(pdfs[naam])
        assert waarden["part"] == ["2"] and waarden["conformance"] in (["A"], ["B"]), (naam, waarden)
        assert waarden["language"] == ["nl-NL"], (naam, waarden)
        pdf = pdfs[naam]
        assert b"/Lang(nl-NL)" in pdf or b"/Lang (nl-NL)" in pdf
        # Tagged: a structure tree, marked content.
        assert b"/StructTreeRoot" in pdf and b"/Marked true" in pdf
        assert pdf.startswith(b"%PDF-")


def test_titel_uit_het_document(pdfs):
    titel = pdfs["set"].brief["titel"]
    for naam in ("brief", "brief_woo"):
        assert xmp_waarden(pdfs[naam])["title"] == [titel]
        assert info(pdfs[naam])["/Title"] == titel
        assert b"/DisplayDocTitle true" in pdfs[naam]


def test_woo_metadata_zonder_namen_van_ambtenaren(pdfs):
    """The title named a civil servant: the internal PDF keeps it (control), the Woo PDF's XMP
    and Info dictionary hold no name, e-mail address or phone number of any civil servant."""
    intern = xmp(pdfs["notitie"]) + repr(info(pdfs["notitie"]))
    assert AMBTENAAR in intern
    w = pdfs["w"]
    ambtenaren = [g for g in ok(w.api.beheerder.get("/gebruikers")) if "bewindspersoon" not in g["rollen"]]
    assert any(g["naam"] == AMBTENAAR for g in ambtenaren)
    for naam in ("notitie_woo", "brief_woo", "nota_woo"):
        metadata = xmp(pdfs[naam]) + repr(info(pdfs[naam]))
        for g in ambtenaren:
            assert g["naam"] not in metadata, (naam, g["naam"])
            assert g["email"] not in metadata, (naam, g["email"])
        assert "5.1.2e" in xmp(pdfs["notitie_woo"])  # the title as published: the ground in place
    # The author is the organisation, never a person.
    assert info(pdfs["brief_woo"])["/Author"] == "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"


def test_alle_lettertypen_ingebed_dejavu_sans_bewust(pdfs):
    for naam in ("brief", "brief_woo", "nota_woo"):
        fonts = pdffonts(pdfs[naam], pdfs["tmp"])
        assert fonts, naam
        for f in fonts:
            assert f["emb"] == "yes" and f["uni"] == "yes", (naam, f)
            # Verdana is mapped to DejaVu Sans by our fontconfig file, not to whatever is installed.
            assert re.fullmatch(r"[A-Z]{6}\+DejaVuSans(-Bold|-Oblique|-BoldOblique)?", f["naam"]), (naam, f)


def _woorden(tekst: str) -> list[str]:
    return re.findall(r"\w+", genormaliseerd(tekst).lower())


def _subreeks(bron: list[str], doel: list[str]) -> str | None:
    """None when `bron` occurs in order within `doel` (which may hold more: page headers and
    footers, footnote numbers glued to a word); else the first word not found. pdftotext joins
    a word that ends a line with a hyphen to the next ("vertaling-" + "afspraken"): such a
    joined word stands for both."""
    i, j = 0, 0
    while i < len(bron):
        woord = bron[i]
        volgend = bron[i + 1] if i + 1 < len(bron) else None
        while j < len(doel) and doel[j] not in (woord, woord + (volgend or "")) and doel[j].rstrip("0123456789") != woord:
            j += 1
        if j == len(doel):
            return f"{woord!r} (woord {i} van {len(bron)}; context: {' '.join(bron[max(0, i - 8) : i + 3])})"
        i += 2 if volgend is not None and doel[j] == woord + volgend else 1
        j += 1
    return None


def test_tekst_van_de_brief_volgens_pdftotext(pdfs):
    w, s = pdfs["w"], pdfs["set"]
    tekst = pdftekst(pdfs["brief"], pdfs["tmp"])
    brief = ok(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}"))
    lichaam: list[str] = []
    noten: list[str] = []
    for sectie in brief["secties"]:
        bron = (sectie["kop"] or "") + "\n\n" + sectie["tekst"]
        noten += [n for n in re.findall(r"\^\[([^\]]*)\]", bron)]
        lichaam += _woorden(md.platte_tekst(md.parse_inline(re.sub(r"\^\[[^\]]*\]", " ", bron))))
    pdf_woorden = _woorden(tekst)
    assert len(lichaam) > 3000
    assert _subreeks(lichaam, pdf_woorden) is None, _subreeks(lichaam, pdf_woorden)
    assert _subreeks(_woorden(" ".join(noten)), pdf_woorden) is None
    for regel in (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Postbus 20018",
        "2500 EA Den Haag",
        "Betreft",
        "Uitkomsten BO's Leefomgeving 2025",
        "Mona Keijzer",
        "12 juni 2025",
    ):
        assert genormaliseerd(regel) in genormaliseerd(tekst), regel
    assert re.search(r"Pagina 1 van \d+", tekst)


def test_woo_pdf_toont_de_grond_op_de_plek(pdfs):
    tekst = genormaliseerd(pdftekst(pdfs["nota_woo"], pdfs["tmp"]))
    assert "Voor vragen: 5.1.2e, 5.1.2e, telefoon 5.1.2e." in tekst
    for geheim in (AMBTENAAR, AMBTENAAR_EMAIL, BELEIDSOPVATTING, "3456789"):
        assert geheim not in tekst
    brief = genormaliseerd(pdftekst(pdfs["brief_woo"], pdfs["tmp"]))
    for naam in OPENBARE_NAMEN:
        assert naam in brief


def test_pdf_fouten_van_de_invoer(pdfs):
    w, s = pdfs["w"], pdfs["set"]
    probleem(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/pdf", params={"variant": "geheim"}), 422)
    probleem(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/pdf", params={"getekend": "true", "variant": "woo"}), 422)
    probleem(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/pdf", params={"getekend": "true"}), 409)  # not sent yet
    probleem(w.als(w.opsteller).get("/documenten/999999/pdf"), 404)
    probleem(w.als(None).get(f"/documenten/{s.brief['id']}/pdf"), 401)
    vreemd = w.api.gebruiker("SZW", "opsteller")
    probleem(w.als(vreemd).get(f"/documenten/{s.brief['id']}/pdf"), 403)


def test_bezet_geeft_503_met_retry_after_via_de_api(pdfs, monkeypatch):
    """While this worker's converter is taken, a request waits at most pdf_wachttijd_s and then
    gets 503 with Retry-After; nothing hangs."""
    w, s = pdfs["w"], pdfs["set"]
    o = omzetter(w.api.client.app.state.settings)
    monkeypatch.setattr(o, "instellingen", PdfInstellingen(wachttijd_s=0.2))
    monkeypatch.setattr(o, "_cache", type(o._cache)())  # no cached answer
    assert o._beurt.acquire(timeout=30)
    try:
        r = w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/pdf")
    finally:
        o._beurt.release()
    body = probleem(r, 503)
    assert int(r.headers["retry-after"]) >= 1
    assert "bezet" in body["detail"]


# --- the queue, the time limit and the clean-up, with a stand-in for soffice -------------------------------


def _nep_soffice(map_: Path, script: str) -> str:
    pad = map_ / "soffice"
    pad.write_text("#!/bin/sh\n" + script)
    pad.chmod(pad.stat().st_mode | stat.S_IEXEC)
    return str(pad)


def _tijdelijke_mappen(tmpdir: Path) -> set[str]:
    return {p.name for p in tmpdir.glob("paraaf-pdf-*")}


@pytest.fixture
def eigen_tmpdir(tmp_path, monkeypatch) -> Path:
    """A TMPDIR of this test's own: other tests running in parallel leave their temporary
    files elsewhere, so what is found here was left by the code under test."""
    map_ = tmp_path / "tmp"
    map_.mkdir()
    monkeypatch.setenv("TMPDIR", str(map_))
    return map_


def test_tijdslimiet_stopt_libreoffice_en_ruimt_op(tmp_path, eigen_tmpdir):
    pidbestand = tmp_path / "pid"
    argumenten = tmp_path / "argumenten"
    soffice = _nep_soffice(tmp_path, f'echo $$ > {pidbestand}\necho "$@" > {argumenten}\nsleep 30 &\nwait\n')
    o = Omzetter(PdfInstellingen(soffice=soffice, tijdslimiet_s=0.5, profielmap=str(tmp_path / "profielen")))
    voor = _tijdelijke_mappen(eigen_tmpdir)
    with pytest.raises(PdfMislukt) as e:
        o.naar_pdf(b"docx-1")
    assert e.value.status == 503 and "afgebroken" in e.value.detail and int(e.value.headers["Retry-After"]) >= 1
    pid = int(pidbestand.read_text())
    for _ in range(50):  # the whole process group was killed, the shell and its sleep
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("soffice draait nog na de tijdslimiet")
    assert voor == set() and _tijdelijke_mappen(eigen_tmpdir) == set()
    # The work directory was made under this test's TMPDIR (so the check above sees it).
    uitmap = Path(re.search(r"--outdir (\S+)", argumenten.read_text()).group(1))
    assert uitmap.parent.parent == eigen_tmpdir and uitmap.parent.name.startswith("paraaf-pdf-")
    # A private profile for this worker, under the configured directory.
    profiel = re.search(r"-env:UserInstallation=file://(\S+)", argumenten.read_text()).group(1)
    assert Path(profiel).parent == tmp_path / "profielen" and Path(profiel).name.startswith(f"profiel-{os.getpid()}-")


def test_mislukte_omzetting_is_503_en_laat_niets_achter(tmp_path, eigen_tmpdir):
    o = Omzetter(PdfInstellingen(soffice=_nep_soffice(tmp_path, "exit 3\n"), profielmap=str(tmp_path)))
    voor = _tijdelijke_mappen(eigen_tmpdir)
    with pytest.raises(PdfMislukt):
        o.naar_pdf(b"docx-2")
    assert voor == set() and _tijdelijke_mappen(eigen_tmpdir) == set()
    onbekend = Omzetter(PdfInstellingen(soffice=str(tmp_path / "bestaat-niet"), profielmap=str(tmp_path)))
    with pytest.raises(PdfMislukt) as e:
        onbekend.naar_pdf(b"docx-3")
    assert isinstance(e.value, NietBeschikbaar) and e.value.status == 503


def test_een_tegelijk_en_een_begrensde_wachtrij(tmp_path):
    """One conversion at a time; `wachtrij` requests may wait (each at most `wachttijd_s`);
    the next is refused at once with Retry-After."""
    bezig = tmp_path / "bezig"
    soffice = _nep_soffice(tmp_path, f"touch {bezig}\nsleep 4\nexit 1\n")
    o = Omzetter(PdfInstellingen(soffice=soffice, wachttijd_s=2, wachtrij=1, profielmap=str(tmp_path)))
    uitkomsten: dict[str, BaseException] = {}

    def vraag(naam: str, inhoud: bytes) -> None:
        try:
            o.naar_pdf(inhoud)
        except BaseException as e:  # noqa: BLE001 - collected for the assertions
            uitkomsten[naam] = e

    eerste = threading.Thread(target=vraag, args=("eerste", b"a"))
    eerste.start()
    for _ in range(100):
        if bezig.exists():
            break
        time.sleep(0.05)
    tweede = threading.Thread(target=vraag, args=("tweede", b"b"))
    tweede.start()
    for _ in range(200):  # until the second stands in line (it waits at most 2 s there)
        if o._wachtend == 2:
            break
        time.sleep(0.005)
    # One converting, one waiting: the third is refused without waiting (the line is full),
    # the second after waiting its 2 s (the converter stayed taken).
    with pytest.raises(PdfBezet) as e:
        o.naar_pdf(b"c")
    assert "Er wachten al 1 PDF-omzettingen" in e.value.detail
    assert int(e.value.headers["Retry-After"]) >= 1
    tweede.join()
    eerste.join()
    assert isinstance(uitkomsten["tweede"], PdfBezet) and "bezet" in uitkomsten["tweede"].detail
    assert isinstance(uitkomsten["eerste"], PdfMislukt)  # the stand-in makes no PDF
    assert o._wachtend == 0 and o._beurt.acquire(blocking=False)
