"""The seal on a sent letter (issue 17, item 2): PAdES B-T with a timestamp server, B-B without,
the development seal without configuration; validated by pyHanko's validator and by poppler's
pdfsig (with an NSS trust store holding the throwaway root); the PDF/A declaration survives
because the signature is an incremental update; GET .../pdf?getekend=true and the event log.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import text

from app.config import Settings
from app.problemen import NietBeschikbaar
from app.weergave.docx import document_docx
from app.weergave.pdf import Omzetter, PdfInstellingen
from app.weergave.voorbeeld import document_uit_markdown
from app.zegel import service as zegel
from tests.helpers_afstemming import gedeelde_wereld, ok, probleem
from tests.publicatie.set_hulp import bouw_set, xmp_waarden
from tests.zegel.pki import ZEGEL_NAAM, maak_pki

pytestmark = pytest.mark.traag


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    p = maak_pki(tmp_path_factory.mktemp("pki"))
    yield p
    p.stop()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    """A small letter as PDF/A (one LibreOffice run for the unit tests of this module)."""
    doc = document_uit_markdown(
        "---\nsoort: kamerbrief\ntitel: Verzegelde testbrief\npenvoerder: VRO\ndatum: 2025-06-12\n---\n"
        "# Aanleiding\n\nDe minister zegt toe de Kamer te informeren.\n"
    )
    return Omzetter(PdfInstellingen()).naar_pdf(document_docx(doc))


def _instellingen(pki, **extra) -> Settings:
    return Settings(
        zegel_sleutel=str(pki.zegel_sleutel),
        zegel_sleutel_wachtwoord="geheim",
        zegel_certificaat=str(pki.zegel_certificaat),
        zegel_keten=str(pki.root_pem),
        **extra,
    )


def valideer(getekend: bytes, root):
    lezer = PdfFileReader(io.BytesIO(getekend))
    assert len(lezer.embedded_signatures) == 1
    handtekening = lezer.embedded_signatures[0]
    assert handtekening.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    return validate_pdf_signature(handtekening, context, ts_validation_context=context)


def pdfsig(getekend: bytes, map_: Path, root_pem: Path | None = None) -> str:
    pad = map_ / "getekend.pdf"
    pad.write_bytes(getekend)
    opdracht = ["pdfsig"]
    if root_pem is not None:
        nss = map_ / "nss"
        if not nss.exists():
            nss.mkdir()
            subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
            subprocess.run(
                ["certutil", "-A", "-d", f"sql:{nss}", "-n", "paraaf-test-root", "-t", "CT,C,C", "-i", str(root_pem)],
                check=True,
                capture_output=True,
            )
        opdracht += ["-nssdir", f"sql:{nss}"]
    return subprocess.run([*opdracht, str(pad)], capture_output=True, text=True, timeout=60).stdout


def test_b_t_met_tijdstempel_geldig_voor_pyhanko_en_pdfsig(pki, pdf, tmp_path):
    z = zegel.zegelaar(_instellingen(pki, tsa_url=pki.tsa_url), engine=None)
    assert z.naam == ZEGEL_NAAM and z.niveau == "PAdES-B-T" and not z.ontwikkeling
    voor = len(pki.verzoeken)
    getekend = zegel.verzegel(pdf, z)
    # pyHanko asks once to size the signature's placeholder, then for the real token.
    assert len(pki.verzoeken) > voor and pki.verzoeken[-1] == "application/timestamp-query"
    # An incremental update: every byte LibreOffice and pikepdf wrote is still there, unchanged.
    assert getekend.startswith(pdf) and len(getekend) > len(pdf)
    status = valideer(getekend, pki.root)
    assert status.intact and status.valid and status.trusted and status.bottom_line, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE" and status.modification_level.name == "NONE"
    assert status.timestamp_validity is not None and status.timestamp_validity.valid and status.timestamp_validity.trusted
    # The PDF/A identification and the language survive the signature.
    waarden = xmp_waarden(getekend)
    assert waarden["part"] == ["2"] and waarden["language"] == ["nl-NL"]
    uit = pdfsig(getekend, tmp_path, pki.root_pem)
    assert "Signature Validation: Signature is Valid." in uit, uit
    assert "Certificate Validation: Certificate is Trusted." in uit, uit
    assert ZEGEL_NAAM in uit and "ETSI.CAdES.detached" in uit


def test_b_b_zonder_tijdstempeldienst(pki, pdf, tmp_path):
    z = zegel.zegelaar(_instellingen(pki), engine=None)
    assert z.niveau == "PAdES-B-B"
    getekend = zegel.verzegel(pdf, z)
    status = valideer(getekend, pki.root)
    assert status.bottom_line and status.timestamp_validity is None
    assert "Signature is Valid." in pdfsig(getekend, tmp_path)


def test_onbereikbare_tijdstempeldienst_is_503(pki, pdf):
    z = zegel.zegelaar(_instellingen(pki, tsa_url="http://127.0.0.1:9/tsa", tsa_tijdslimiet_s=2), engine=None)
    with pytest.raises(NietBeschikbaar) as e:
        zegel.verzegel(pdf, z)
    assert e.value.status == 503 and "tijdstempeldienst" in e.value.detail


def test_half_ingesteld_zegel_wordt_niet_stil_vervangen(pki):
    with pytest.raises(NietBeschikbaar):
        zegel.zegelaar(Settings(zegel_sleutel=str(pki.zegel_sleutel)), engine=None)


# --- through the API ----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def met_zegel(request, tmp_path_factory, pki):
    """An app whose seal is the throwaway organisation key, with the loopback TSA."""
    with gedeelde_wereld(
        request.param,
        tmp_path_factory.mktemp("zegel"),
        zegel_sleutel=str(pki.zegel_sleutel),
        zegel_sleutel_wachtwoord="geheim",
        zegel_certificaat=str(pki.zegel_certificaat),
        zegel_keten=str(pki.root_pem),
        tsa_url=pki.tsa_url,
    ) as w:
        yield w


def test_verzenden_verzegelt_de_brief(met_zegel, pki, tmp_path):
    w = met_zegel
    s = bouw_set(w)
    brief = s.brief
    probleem(w.als(w.opsteller).get(f"/documenten/{brief['id']}/pdf", params={"getekend": "true"}), 409)
    verzonden = ok(w.als(w.opsteller).post(f"/documenten/{brief['id']}/verzenden"))
    assert verzonden["status"] == "verzonden"
    r = w.als(w.DEF).get(f"/documenten/{brief['id']}/pdf", params={"getekend": "true"})  # any reader
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].endswith('-getekend.pdf"')
    getekend = r.content
    status = valideer(getekend, pki.root)
    assert status.bottom_line and status.timestamp_validity is not None and status.timestamp_validity.valid
    assert xmp_waarden(getekend)["part"] == ["2"]
    uit = pdfsig(getekend, tmp_path, pki.root_pem)
    assert "Signature is Valid." in uit and "Certificate is Trusted." in uit, uit
    # The event log names the seal and the PDF's hash.
    log = w.gebeurtenissen(brief)
    assert [g["soort"] for g in log][-3:] == ["vastgesteld", "verzonden", "verzegeld"]
    gegevens = log[-1]["gegevens"]
    assert gegevens["zegel"] == ZEGEL_NAAM and gegevens["niveau"] == "PAdES-B-T"
    assert gegevens["pdf_sha256"] == hashlib.sha256(getekend).hexdigest()
    assert gegevens["tijdstempeldienst"] == pki.tsa_url and gegevens["ontwikkelzegel"] is False
    assert ok(w.als(w.opsteller).get(f"/documenten/{brief['id']}/gebeurtenissen/verificatie"))["geldig"] is True
    # Sent and frozen: the same sealed file on every read; no second verzending.
    assert w.als(w.opsteller).get(f"/documenten/{brief['id']}/pdf", params={"getekend": "true"}).content == getekend
    probleem(w.als(w.opsteller).post(f"/documenten/{brief['id']}/verzenden"), 409)


def test_tijdstempeldienst_weg_dan_wordt_niets_verzonden(tmp_path_factory, pki):
    with gedeelde_wereld(
        "sqlite",
        tmp_path_factory.mktemp("zonder-tsa"),
        zegel_sleutel=str(pki.zegel_sleutel),
        zegel_sleutel_wachtwoord="geheim",
        zegel_certificaat=str(pki.zegel_certificaat),
        tsa_url="http://127.0.0.1:9/tsa",
        tsa_tijdslimiet_s=2,
    ) as w:
        brief = bouw_set(w).brief
        aantal = len(w.gebeurtenissen(brief))
        r = w.als(w.opsteller).post(f"/documenten/{brief['id']}/verzenden")
        probleem(r, 503)
        assert int(r.headers["retry-after"]) >= 1
        assert w.status(brief) == "vastgesteld" and len(w.gebeurtenissen(brief)) == aantal
        with w.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM verzegeling")).scalar_one() == 0


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def zonder_zegel(request, tmp_path_factory):
    with gedeelde_wereld(request.param, tmp_path_factory.mktemp("ontwikkel")) as w:
        yield w


def test_ontwikkelzegel_bij_eerste_gebruik_en_daarna_hetzelfde(zonder_zegel, tmp_path):
    w = zonder_zegel
    with w.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM ontwikkelzegel")).scalar_one() == 0
    vingerafdrukken = []
    for _ in range(2):
        brief = bouw_set(w).brief
        ok(w.als(w.minister).post(f"/documenten/{brief['id']}/verzenden"))
        getekend = w.als(w.opsteller).get(f"/documenten/{brief['id']}/pdf", params={"getekend": "true"}).content
        lezer = PdfFileReader(io.BytesIO(getekend))
        certificaat = lezer.embedded_signatures[0].signer_cert
        assert certificaat.subject.native["common_name"] == "Paraaf ontwikkelzegel — niet voor productie"
        vingerafdrukken.append(hashlib.sha256(certificaat.dump()).hexdigest())
        gegevens = w.gebeurtenissen(brief)[-1]["gegevens"]
        assert gegevens["ontwikkelzegel"] is True and gegevens["niveau"] == "PAdES-B-B"
        assert gegevens["certificaat_sha256"] == vingerafdrukken[-1]
        status = valideer(getekend, certificaat)  # self-signed: it is its own root
        assert status.intact and status.valid
        assert "Signature is Valid." in pdfsig(getekend, tmp_path)
    assert vingerafdrukken[0] == vingerafdrukken[1]
    with w.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM ontwikkelzegel")).scalar_one() == 1
        soorten = [r[0] for r in c.execute(text("SELECT soort FROM gebeurtenis WHERE keten = 'systeem'"))]
    assert soorten.count("ontwikkelzegel_aangemaakt") == 1


# --- PKCS#11: the key on a token (SoftHSM) ----------------------------------------------------------

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"


def test_zegel_op_een_pkcs11_token(pki, pdf, tmp_path, monkeypatch):
    """The key never leaves the token: SoftHSM (Debian's softhsm2) holds it, python-pkcs11 and
    pyHanko's PKCS11Signer sign through it; the result validates like the key-file seal."""
    import pkcs11
    from cryptography import x509 as cx509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    conf = tmp_path / "softhsm2.conf"
    (tmp_path / "tokens").mkdir()
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    omgeving = {"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "paraaf", "--pin", "1234", "--so-pin", "5678"],
        check=True,
        capture_output=True,
        env=omgeving,
    )
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(pki.map / "hsm-sleutel.pem"),
            "--token",
            "paraaf",
            "--label",
            "zegel",
            "--id",
            "01",
            "--pin",
            "1234",
        ],
        check=True,
        capture_output=True,
        env=omgeving,
    )
    der = (pki.map / "hsm.der").read_bytes()
    # SoftHSM reads SOFTHSM2_CONF when the library initialises: this process's first use.
    with pkcs11.lib(SOFTHSM).get_token(token_label="paraaf").open(rw=True, user_pin="1234") as sessie:
        sessie.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.VALUE: der,
                Attribute.SUBJECT: cx509.load_der_x509_certificate(der).subject.public_bytes(),
                Attribute.LABEL: "zegel",
                Attribute.ID: b"\x01",
                Attribute.TOKEN: True,
            }
        )
    instellingen = Settings(
        zegel_pkcs11_module=SOFTHSM,
        zegel_pkcs11_token="paraaf",
        zegel_pkcs11_sleutel="zegel",
        zegel_pkcs11_pin="1234",
        tsa_url=pki.tsa_url,
    )
    z = zegel.zegelaar(instellingen, engine=None)
    try:
        assert z.naam == "Ministerie van VRO (HSM-testzegel)" and z.niveau == "PAdES-B-T" and not z.ontwikkeling
        getekend = zegel.verzegel(pdf, z)
    finally:
        z.sluit()
    status = valideer(getekend, pki.root)
    assert status.bottom_line and status.timestamp_validity.valid, status.pretty_print_details()
    assert "Certificate is Trusted." in pdfsig(getekend, tmp_path, pki.root_pem)
    # A wrong PIN or label: 503 that says so, never the development seal instead.
    with pytest.raises(NietBeschikbaar):
        zegel.zegelaar(instellingen.model_copy(update={"zegel_pkcs11_pin": "0000"}), engine=None)
    with pytest.raises(NietBeschikbaar):
        zegel.zegelaar(instellingen.model_copy(update={"zegel_pkcs11_sleutel": "bestaat-niet"}), engine=None)
