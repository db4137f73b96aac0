"""Sealing a PDF/A with the organisation's seal (PAdES, pyHanko), and where the seal comes from.

The seal is one of, in this order (README, "Het zegel"):
1. a PKCS#11 token (`PARAAF_ZEGEL_PKCS11_MODULE` and friends): the key never leaves the token;
2. a key file with its certificate and chain (`PARAAF_ZEGEL_SLEUTEL`, `_CERTIFICAAT`, `_KETEN`);
3. otherwise a development seal, made on first use and kept in the database, whose certificate
   names it "Paraaf ontwikkelzegel — niet voor productie".

With `PARAAF_TSA_URL` the signature gets an RFC 3161 timestamp from that server (PAdES B-T),
without it the level is B-B. The signature is an incremental update: the PDF/A identification
and everything LibreOffice wrote stay as they were, byte for byte, before the signature.

Security-critical code, kept plain: no key material is logged, the development key is only
ever used when no real seal is configured.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.config import Settings
from app.db import leessessie, schrijfsessie
from app.gebeurtenissen import service as gebeurtenissen
from app.problemen import NietBeschikbaar
from app.zegel.models import Ontwikkelzegel

if TYPE_CHECKING:  # pyHanko takes a second to import: only loaded when something is sealed
    from pyhanko.sign import signers

log = logging.getLogger("paraaf.zegel")

ONTWIKKELZEGEL_NAAM = "Paraaf ontwikkelzegel — niet voor productie"
VELDNAAM = "Zegel"


@dataclass
class Zegelaar:
    """What signs: a pyHanko signer, the name and certificate of the seal, the TSA if any."""

    signer: signers.Signer
    naam: str
    certificaat: asn1_x509.Certificate
    tsa_url: str | None = None
    tsa_tijdslimiet_s: float = 10.0
    ontwikkeling: bool = False
    sessie: object | None = None  # an open PKCS#11 session, closed by `sluit`

    def sluit(self) -> None:
        if self.sessie is not None:
            sessie, self.sessie = self.sessie, None
            sessie.close()

    @property
    def certificaat_sha256(self) -> str:
        return hashlib.sha256(self.certificaat.dump()).hexdigest()

    @property
    def niveau(self) -> str:
        return "PAdES-B-T" if self.tsa_url else "PAdES-B-B"


def _gewone_naam(certificaat: asn1_x509.Certificate) -> str:
    return certificaat.subject.native.get("common_name") or certificaat.subject.human_friendly


# --- where the seal comes from --------------------------------------------------------------------


def zegelaar(settings: Settings, engine: Engine, *, nu: datetime | None = None) -> Zegelaar:
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    sessie = None
    if settings.zegel_pkcs11_module:
        signer, sessie = _pkcs11_signer(settings)
        certificaat = signer.signing_cert
        ontwikkeling = False
    elif settings.zegel_sleutel or settings.zegel_certificaat:
        if not (settings.zegel_sleutel and settings.zegel_certificaat):
            raise NietBeschikbaar(
                "Het zegel is half ingesteld: PARAAF_ZEGEL_SLEUTEL en PARAAF_ZEGEL_CERTIFICAAT horen bij elkaar.",
                retry_after=3600,
            )
        wachtwoord = settings.zegel_sleutel_wachtwoord.encode() if settings.zegel_sleutel_wachtwoord else None
        signer = signers.SimpleSigner.load(
            settings.zegel_sleutel,
            settings.zegel_certificaat,
            ca_chain_files=(settings.zegel_keten,) if settings.zegel_keten else None,
            key_passphrase=wachtwoord,
        )
        if signer is None:
            raise NietBeschikbaar("De sleutel of het certificaat van het zegel kon niet worden gelezen.", retry_after=3600)
        certificaat = signer.signing_cert
        ontwikkeling = False
    else:
        rij = ontwikkelzegel(engine, nu=nu)
        sleutel = asn1_keys.PrivateKeyInfo.load(
            serialization.load_pem_private_key(rij.sleutel_pem.encode(), password=None).private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        certificaat = asn1_x509.Certificate.load(
            x509.load_pem_x509_certificate(rij.certificaat_pem.encode()).public_bytes(serialization.Encoding.DER)
        )
        signer = signers.SimpleSigner(signing_cert=certificaat, signing_key=sleutel, cert_registry=SimpleCertificateStore())
        ontwikkeling = True
    return Zegelaar(
        signer=signer,
        naam=_gewone_naam(certificaat),
        certificaat=certificaat,
        tsa_url=settings.tsa_url,
        tsa_tijdslimiet_s=settings.tsa_tijdslimiet_s,
        ontwikkeling=ontwikkeling,
        sessie=sessie,
    )


def _pkcs11_signer(settings: Settings) -> tuple[signers.Signer, object]:
    # python-pkcs11 is only needed with a token: imported here, not at start-up.
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    try:
        sessie = pkcs11.open_pkcs11_session(
            settings.zegel_pkcs11_module,
            token_criteria=TokenCriteria(label=settings.zegel_pkcs11_token),
            user_pin=settings.zegel_pkcs11_pin,
        )
    except Exception as e:
        log.error("PKCS#11-token niet te openen: %s", type(e).__name__)
        raise NietBeschikbaar("Het zegel op de PKCS#11-token kan nu niet worden gebruikt.", retry_after=60) from None
    try:
        signer = pkcs11.PKCS11Signer(
            sessie,
            key_label=settings.zegel_pkcs11_sleutel,
            cert_label=settings.zegel_pkcs11_certificaat or settings.zegel_pkcs11_sleutel,
        )
        signer.signing_cert  # noqa: B018 - reads the certificate now: a wrong label fails here
    except Exception as e:
        sessie.close()
        log.error("zegel op de PKCS#11-token niet gevonden: %s", type(e).__name__)
        raise NietBeschikbaar(
            "Sleutel of certificaat van het zegel niet gevonden op de PKCS#11-token.", retry_after=3600
        ) from None
    return signer, sessie


def maak_ontwikkelsleutel(nu: datetime) -> tuple[str, str]:
    """A fresh key and a self-signed certificate (PEM) that names itself a development seal."""
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    naam = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, ONTWIKKELZEGEL_NAAM),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Paraaf (ontwikkelomgeving)"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        ]
    )
    certificaat = (
        x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - timedelta(minutes=5))
        .not_valid_after(nu + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(sleutel.public_key()), critical=False)
        .sign(sleutel, hashes.SHA256())
    )
    sleutel_pem = sleutel.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return sleutel_pem, certificaat.public_bytes(serialization.Encoding.PEM).decode()


def ontwikkelzegel(engine: Engine, *, nu: datetime | None = None) -> Ontwikkelzegel:
    """The development seal, made once: two workers that both find none race on the primary
    key, and the loser reads the winner's."""
    with leessessie(engine) as s:
        rij = s.get(Ontwikkelzegel, 1)
        if rij is not None:
            return rij
    moment = nu or datetime.now(UTC)
    sleutel_pem, certificaat_pem = maak_ontwikkelsleutel(moment)
    try:
        with schrijfsessie(engine) as s:
            if (rij := s.get(Ontwikkelzegel, 1)) is not None:
                return rij
            rij = Ontwikkelzegel(
                id=1, naam=ONTWIKKELZEGEL_NAAM, sleutel_pem=sleutel_pem, certificaat_pem=certificaat_pem, aangemaakt_op=moment
            )
            s.add(rij)
            vingerafdruk = hashlib.sha256(
                x509.load_pem_x509_certificate(certificaat_pem.encode()).public_bytes(serialization.Encoding.DER)
            ).hexdigest()
            gebeurtenissen.voeg_toe(
                s,
                keten=gebeurtenissen.SYSTEEM_KETEN,
                soort="ontwikkelzegel_aangemaakt",
                gegevens={"zegel": ONTWIKKELZEGEL_NAAM, "certificaat_sha256": vingerafdruk},
                actor=gebeurtenissen.SYSTEEM_ACTOR,
                tijdstip=moment,
            )
            s.commit()
            log.warning("Ontwikkelzegel aangemaakt: niet voor productie (stel PARAAF_ZEGEL_* in)")
            return rij
    except IntegrityError:
        with leessessie(engine) as s:
            return s.get(Ontwikkelzegel, 1)


def ontwikkelcertificaat(session: Session) -> asn1_x509.Certificate | None:
    rij = session.get(Ontwikkelzegel, 1)
    if rij is None:
        return None
    return asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(rij.certificaat_pem.encode()).public_bytes(serialization.Encoding.DER)
    )


# --- sealing ----------------------------------------------------------------------------------------


def verzegel(pdf: bytes, z: Zegelaar, *, reden: str = "Verzonden aan de Staten-Generaal") -> bytes:
    """`pdf` with a PAdES seal added as an incremental update (B-T with a TSA, else B-B)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    metadata = signers.PdfSignatureMetadata(
        field_name=VELDNAAM,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reden,
        name=z.naam,
    )
    tijdstempelaar = timestamps.HTTPTimeStamper(z.tsa_url, timeout=z.tsa_tijdslimiet_s) if z.tsa_url else None
    schrijver = IncrementalPdfFileWriter(io.BytesIO(pdf))
    try:
        uit = signers.sign_pdf(schrijver, metadata, signer=z.signer, timestamper=tijdstempelaar)
    except Exception as e:
        # The timestamp server (or a token) did not answer as it should: nothing is sent.
        log.error("verzegelen mislukt: %s: %s", type(e).__name__, e)
        if z.tsa_url:
            raise NietBeschikbaar(
                "Het zegel kon niet worden gezet: de tijdstempeldienst antwoordde niet of niet goed. Er is niets verzonden.",
                retry_after=30,
            ) from None
        raise
    return uit.getvalue()
