"""A throwaway PKI for the seal tests, made offline: a root CA, a seal certificate for the
organisation, and an RFC 3161 timestamp authority served over HTTP on loopback (pyHanko's
DummyTimeStamper answers the requests; the HTTP part is ours, so the service's real
HTTPTimeStamper client is what talks to it)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

ZEGEL_NAAM = "Ministerie van VRO (testzegel)"


def _naam(cn: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Paraaf test-PKI")]
    )


def _gebruik(**aan: bool) -> x509.KeyUsage:
    velden = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    velden.update(aan)
    return x509.KeyUsage(**velden)


def _cert(naam: str, sleutel, uitgever: x509.Name, uitgever_sleutel, *, ca: bool, extra=()) -> x509.Certificate:
    nu = datetime.now(UTC)
    bouwer = (
        x509.CertificateBuilder()
        .subject_name(_naam(naam))
        .issuer_name(uitgever)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - timedelta(days=1))
        .not_valid_after(nu + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(sleutel.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(uitgever_sleutel.public_key()), critical=False)
    )
    for uitbreiding, kritiek in extra:
        bouwer = bouwer.add_extension(uitbreiding, critical=kritiek)
    return bouwer.sign(uitgever_sleutel, hashes.SHA256())


def _asn1_cert(c: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))


def _asn1_sleutel(k) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(
        k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


@dataclass
class Pki:
    map: Path
    root: asn1_x509.Certificate
    root_pem: Path
    zegel_sleutel: Path
    zegel_certificaat: Path
    tsa_url: str
    _server: ThreadingHTTPServer
    verzoeken: list

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def maak_pki(map_: Path) -> Pki:
    root_sleutel = ec.generate_private_key(ec.SECP256R1())
    root = _cert(
        "Paraaf test-root",
        root_sleutel,
        _naam("Paraaf test-root"),
        root_sleutel,
        ca=True,
        extra=[(_gebruik(key_cert_sign=True, crl_sign=True), True)],
    )
    zegel_sleutel = ec.generate_private_key(ec.SECP256R1())
    zegel = _cert(
        ZEGEL_NAAM,
        zegel_sleutel,
        root.subject,
        root_sleutel,
        ca=False,
        extra=[(_gebruik(digital_signature=True, content_commitment=True), True)],
    )
    # pyHanko's DummyTimeStamper signs with RSA only.
    tsa_sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa = _cert(
        "Paraaf test-TSA",
        tsa_sleutel,
        root.subject,
        root_sleutel,
        ca=False,
        extra=[(_gebruik(digital_signature=True), True), (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)],
    )

    # A second seal certificate, for the key that the PKCS#11 test puts on a SoftHSM token.
    hsm_sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    hsm = _cert(
        "Ministerie van VRO (HSM-testzegel)",
        hsm_sleutel,
        root.subject,
        root_sleutel,
        ca=False,
        extra=[(_gebruik(digital_signature=True, content_commitment=True), True)],
    )

    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "hsm-sleutel.pem").write_bytes(
        hsm_sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (map_ / "hsm.der").write_bytes(hsm.public_bytes(serialization.Encoding.DER))
    pem = serialization.Encoding.PEM
    (map_ / "root.pem").write_bytes(root.public_bytes(pem))
    (map_ / "zegel-sleutel.pem").write_bytes(
        zegel_sleutel.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"geheim"))
    )
    (map_ / "zegel.pem").write_bytes(zegel.public_bytes(pem))

    stempelaar = DummyTimeStamper(tsa_cert=_asn1_cert(tsa), tsa_key=_asn1_sleutel(tsa_sleutel))
    verzoeken: list = []

    class Tsa(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            lengte = int(self.headers.get("Content-Length", 0))
            verzoek = tsp.TimeStampReq.load(self.rfile.read(lengte))
            verzoeken.append(self.headers.get("Content-Type"))
            antwoord = stempelaar.request_tsa_response(verzoek).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(antwoord)))
            self.end_headers()
            self.wfile.write(antwoord)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tsa)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Pki(
        map=map_,
        root=_asn1_cert(root),
        root_pem=map_ / "root.pem",
        zegel_sleutel=map_ / "zegel-sleutel.pem",
        zegel_certificaat=map_ / "zegel.pem",
        tsa_url=f"http://127.0.0.1:{server.server_address[1]}/tsa",
        _server=server,
        verzoeken=verzoeken,
    )
