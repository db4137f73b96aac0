"""The meldingen sender against a real SMTP server on loopback (aiosmtpd): what the messages
say, per-person preferences, termijn meldingen, two workers at once, a relay that is down,
STARTTLS with login, and `paraaf meldingen --eenmalig`."""

from __future__ import annotations

import datetime as dt
import email
import ssl
import threading
from email.policy import default as standaardbeleid

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from app.meldingen.verzenden import verstuur_ronde
from tests.helpers_afstemming import IENW_WORDING, Wereld, nu_volgens, ok, over
from tests.test_meldingen_uitgaand import uitbak
from tests.web.test_browser import _vrije_poort
from workflow.werkdagen import AMSTERDAM, termijn_in_werkdagen, werkdag_voor

BASIS = "https://paraaf.example.nl"


class Postvak:
    """What the SMTP server received."""

    def __init__(self):
        self.berichten: list[email.message.EmailMessage] = []
        self.enveloppen: list[tuple[str, list[str], bool]] = []
        self._slot = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._slot:
            self.berichten.append(email.message_from_bytes(envelope.content, policy=standaardbeleid))
            self.enveloppen.append((envelope.mail_from, list(envelope.rcpt_tos), session.ssl is not None))
        return "250 OK"

    def aan(self, adres: str) -> list:
        return [b for b in self.berichten if adres in b["To"]]


@pytest.fixture
def postvak():
    vak = Postvak()
    controller = Controller(vak, hostname="127.0.0.1", port=_vrije_poort())
    controller.start()
    yield vak, controller.port
    controller.stop()


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


@pytest.fixture
def instellingen(settings, postvak):
    _, poort = postvak
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": poort,
            "smtp_starttls": False,
            "basis_url": BASIS,
            "meldingen_afzender": "Paraaf <paraaf@minvro.example>",
        }
    )


def ronde(engine, instellingen, klok, werker="w1"):
    return verstuur_ronde(engine, instellingen, klok, werker=werker)


def email_van(w, wie) -> str:
    return ok(w.als(wie).get("/gebruikers/ik"))["email"]


def inhoud(bericht) -> str:
    return bericht.get_content()


def test_bericht_zegt_wat_welk_document_tot_wanneer_en_linkt(w, engine, instellingen, postvak, klok):
    vak, _ = postvak
    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    p = w.voorstel(doc, reactietermijn_werkdagen=3)
    uitslag = ronde(engine, instellingen, klok)
    assert uitslag.fouten == []
    (bericht,) = vak.aan(email_van(w, w.IenW))
    assert bericht["Subject"] == "Paraaf: reageren op een tekstvoorstel – Testbrief"
    assert bericht["From"] == "Paraaf <paraaf@minvro.example>" and bericht["Auto-Submitted"] == "auto-generated"
    tekst = inhoud(bericht)
    termijn = termijn_in_werkdagen(3, nu_volgens(klok)).astimezone(AMSTERDAM)
    maand = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert f"Termijn: tot {termijn.day} {maand[termijn.month - 1]} {termijn.year}, 17.00 uur" in tekst
    assert "Wat: Reageren op een tekstvoorstel — Tekstvoorstel van DEF" in tekst
    assert "Document: Testbrief" in tekst
    assert f"Openen: {BASIS}/tekstvoorstellen/{p['id']}" in tekst
    assert f"{BASIS}/instellingen" in tekst and tekst.startswith(f"Beste {w.IenW.naam},")
    # The opsteller is told too (a proposal to handle); sent once: a second round sends nothing.
    assert len(vak.aan(email_van(w, w.opsteller))) == 1
    aantal = len(vak.berichten)
    assert ronde(engine, instellingen, klok).verzonden == 0 and len(vak.berichten) == aantal
    assert {r["status"] for r in uitbak(engine)} == {"verzonden"}


def test_voorkeuren_direct_dagelijks_uit(w, api, engine, instellingen, postvak, klok):
    vak, _ = postvak
    ienw_dagelijks = api.gebruiker("IenW", "afstemmer")
    ienw_uit = api.gebruiker("IenW", "afstemmer")
    ok(w.als(ienw_dagelijks).put("/gebruikers/ik/meldingen", json={"voorkeur": "dagelijks"}))
    ok(w.als(ienw_uit).put("/gebruikers/ik/meldingen", json={"voorkeur": "uit"}))
    # Start just after a digest moment, so the digest is due the next morning.
    nu = nu_volgens(klok).astimezone(AMSTERDAM)
    doel = dt.datetime.combine(nu.date() + dt.timedelta(days=1), dt.time(9, 0), tzinfo=AMSTERDAM)
    klok.verzet(seconds=(doel - nu).total_seconds())
    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    w.voorstel(doc)
    w.voorstel(doc, oorspronkelijk="Het Rijk draagt bij", voorgesteld="Het Rijk draagt ruim bij")
    ronde(engine, instellingen, klok)
    assert len(vak.aan(email_van(w, w.IenW))) == 2  # direct: one per melding
    assert vak.aan(email_van(w, ienw_uit)) == []
    assert vak.aan(email_van(w, ienw_dagelijks)) == []  # waits for the digest
    assert {r["status"] for r in uitbak(engine) if r["ontvanger_id"] == ienw_uit.id} == {"overgeslagen"}
    klok.verzet(hours=22, minutes=30)  # 07:30 the next day: not yet
    ronde(engine, instellingen, klok)
    assert vak.aan(email_van(w, ienw_dagelijks)) == []
    klok.verzet(minutes=45)  # 08:15: the digest, one message with both
    ronde(engine, instellingen, klok)
    (overzicht,) = vak.aan(email_van(w, ienw_dagelijks))
    assert "(2 meldingen)" in overzicht["Subject"]
    tekst = inhoud(overzicht)
    assert tekst.count("Tekstvoorstel van DEF") == 2 and "1. " in tekst and "2. " in tekst
    assert vak.aan(email_van(w, ienw_uit)) == []


def test_herinnering_een_werkdag_voor_de_termijn_en_melding_als_hij_verstrijkt(w, engine, instellingen, postvak, klok):
    vak, _ = postvak
    doc = w.document(parafenlijn=())
    w.IenW, w.DEF  # noqa: B018
    ronde_ = w.ronde(doc, ("DEF", "IenW"), days=10)
    ok(w.oordeel(ronde_, w.DEF), 201)  # DEF answered: no reminder for DEF
    ronde(engine, instellingen, klok)
    vak.berichten.clear()
    termijn = dt.datetime.fromisoformat(ronde_["termijn"])
    klok.verzet(seconds=(werkdag_voor(termijn) - nu_volgens(klok)).total_seconds() - 60)
    assert ronde(engine, instellingen, klok).termijnmeldingen == 0 and vak.berichten == []
    klok.verzet(minutes=2)
    uitslag = ronde(engine, instellingen, klok)
    assert uitslag.termijnmeldingen == 1
    (herinnering,) = vak.berichten
    assert email_van(w, w.IenW) in herinnering["To"]
    assert herinnering["Subject"].startswith("Paraaf: Herinnering: oordeel geven")
    assert "Herinnering: de termijn verloopt op" in inhoud(herinnering)
    assert ronde(engine, instellingen, klok).termijnmeldingen == 0  # once
    klok.verzet(days=3)  # past the termijn
    ronde(engine, instellingen, klok)
    (verlopen,) = vak.berichten[1:]
    assert verlopen["Subject"].startswith("Paraaf: Termijn verstreken:") and "De termijn is verstreken op" in inhoud(verlopen)
    klok.verzet(days=10)  # long past: nothing more
    assert ronde(engine, instellingen, klok).termijnmeldingen == 0 and len(vak.berichten) == 2


def test_twee_werkers_tegelijk_versturen_alles_precies_eenmaal(w, api, engine, instellingen, postvak, klok):
    vak, _ = postvak
    afstemmers = [api.gebruiker("IenW", "afstemmer") for _ in range(6)]
    doc = w.document(parafenlijn=())
    for i in range(5):
        w.voorstel(doc, oorspronkelijk="Het Rijk draagt bij", voorgesteld=f"Het Rijk draagt {'veel ' * (i + 1)}bij")
    verwacht = len(uitbak(engine))
    assert verwacht >= 30
    fouten = []

    def werk(naam):
        try:
            for _ in range(3):
                ronde(engine, instellingen, klok, werker=naam)
        except Exception as e:  # noqa: BLE001 - reported below
            fouten.append(e)

    draden = [threading.Thread(target=werk, args=(f"w{i}",)) for i in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(120)
    assert fouten == []
    sleutels = [(b["To"], inhoud(b).split("Openen: ")[1].split()[0]) for b in vak.berichten]
    assert len(sleutels) == len(set(sleutels)) == verwacht, "een melding is dubbel of niet verstuurd"
    assert {r["status"] for r in uitbak(engine)} == {"verzonden"}
    assert all(len(vak.aan(email_van(w, a))) == 5 for a in afstemmers)


def test_relay_onbereikbaar_dan_later_toch(w, engine, instellingen, postvak, klok):
    vak, _ = postvak
    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    w.voorstel(doc)
    dicht = instellingen.model_copy(update={"smtp_port": _vrije_poort()})
    uitslag = ronde(engine, dicht, klok)
    assert uitslag.verzonden == 0 and uitslag.fouten
    rijen = uitbak(engine)
    assert {r["status"] for r in rijen} == {"wachtend"} and all(r["pogingen"] == 1 and r["fout"] for r in rijen)
    assert ronde(engine, instellingen, klok).verzonden == len(rijen)
    assert len(vak.berichten) == len(rijen)


@pytest.fixture
def tls_postvak(tmp_path):
    """An SMTP relay that requires STARTTLS and a login, with a certificate of its own."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    sleutel = ec.generate_private_key(ec.SECP256R1())
    naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    nu = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - dt.timedelta(days=1))
        .not_valid_after(nu + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(sleutel, hashes.SHA256())
    )
    cert_pad, sleutel_pad = tmp_path / "relay.pem", tmp_path / "relay.key"
    cert_pad.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    sleutel_pad.write_bytes(
        sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_pad, sleutel_pad)

    def inloggen(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == b"paraaf" and auth_data.password == b"geheim")

    vak = Postvak()
    controller = Controller(
        vak,
        hostname="127.0.0.1",
        port=_vrije_poort(),
        tls_context=context,
        require_starttls=True,
        authenticator=inloggen,
        auth_required=True,
        server_hostname="localhost",
    )
    controller.start()
    yield vak, controller.port, str(cert_pad)
    controller.stop()


def test_starttls_met_inloggen(w, engine, settings, tls_postvak, klok):
    vak, poort, ca = tls_postvak
    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    w.voorstel(doc)
    basis = settings.model_copy(update={"smtp_host": "localhost", "smtp_port": poort, "smtp_ca_bestand": ca, "basis_url": BASIS})
    # Without STARTTLS the relay refuses (it requires it): nothing is lost, nothing sent.
    zonder = ronde(
        engine, basis.model_copy(update={"smtp_starttls": False, "smtp_gebruiker": "paraaf", "smtp_wachtwoord": "geheim"}), klok
    )
    assert zonder.verzonden == 0 and zonder.fouten
    goed = ronde(engine, basis.model_copy(update={"smtp_gebruiker": "paraaf", "smtp_wachtwoord": "geheim"}), klok)
    assert goed.verzonden == len(uitbak(engine)) and goed.fouten == []
    assert vak.enveloppen and all(over_tls for _, _, over_tls in vak.enveloppen)


def test_cli_meldingen_eenmalig(w, engine, monkeypatch, settings, postvak, klok):
    from typer.testing import CliRunner

    from app.cli import cli
    from tests.test_cli_wachtend import _caches_legen

    vak, poort = postvak
    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    w.voorstel(doc, reactietermijn=over(klok, days=4))
    for sleutel, waarde in {
        "DATABASE_URL": settings.database_url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(poort),
        "SMTP_STARTTLS": "false",
        "BASIS_URL": BASIS,
    }.items():
        monkeypatch.setenv(f"PARAAF_{sleutel}", waarde)
    _caches_legen()
    try:
        uit = CliRunner().invoke(cli, ["meldingen", "--eenmalig"])
        assert uit.exit_code == 0, uit.output
        assert "2 verzonden" in uit.output
        assert len(vak.berichten) == 2
        monkeypatch.delenv("PARAAF_SMTP_HOST")
        _caches_legen()
        zonder = CliRunner().invoke(cli, ["meldingen", "--eenmalig"])
        assert zonder.exit_code == 1 and "PARAAF_SMTP_HOST" in zonder.output
    finally:
        _caches_legen()


def test_tegenvoorstel_bericht_voor_de_indiener(w, engine, instellingen, postvak, klok):
    vak, _ = postvak
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc)
    ronde(engine, instellingen, klok)
    vak.berichten.clear()
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    ronde(engine, instellingen, klok)
    (bericht,) = vak.aan(email_van(w, w.DEF))
    assert "Tegenvoorstel van IenW op uw voorstel" in inhoud(bericht)
    assert f"{BASIS}/tekstvoorstellen/{t['id']}" in inhoud(bericht)
