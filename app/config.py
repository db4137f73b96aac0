"""Settings from the environment (prefix PARAAF_), one object per process."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PARAAF_", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'data' / 'paraaf.db'}"
    # A token that is a beheerder from the first request on (see docs/api.md).
    admin_token: str | None = None
    # Department of the beheerder created from admin_token.
    admin_departement: str = "BZK"
    max_body_bytes: int = 2 * 1024 * 1024
    # Imported .docx files are zip archives: bound what we unpack.
    max_import_uncompressed_bytes: int = 50 * 1024 * 1024
    # Signing key of the web UI session cookie; must be set when several workers run.
    session_secret: str | None = None
    # Hours added to the database clock: demo and test aid, never set in production.
    klok_verschuiving_uren: float = 0.0
    log_level: str = "info"

    # --- Single sign-on (OpenID Connect, docs/api.md "Aanmelden"); off while no issuer is set ---
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    # A PEM private key: the client authenticates with private_key_jwt instead of a secret.
    oidc_private_key_file: str | None = None
    oidc_email_claim: str = "email"
    oidc_departement_claim: str | None = None
    oidc_groepen_claim: str = "groups"
    # JSON: group -> list of Paraaf roles, for people created at their first login.
    oidc_rollen: dict[str, list[str]] = {}
    oidc_nieuwe_gebruikers: bool = False
    oidc_scope: str = "openid email profile"

    # --- Meldingen by e-mail (docs/api.md "meldingen") ---
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_gebruiker: str | None = None
    smtp_wachtwoord: str | None = None
    # CA bundle for the relay's certificate when it is not signed by a public CA.
    smtp_ca_bestand: str | None = None
    meldingen_afzender: str = "Paraaf <paraaf@localhost>"
    # Links in messages and the OIDC redirect URI are made from this address.
    basis_url: str = "http://127.0.0.1:8000"
    # `paraaf meldingen`: seconds between rounds; the hour (Dutch time) of the daily digest.
    meldingen_interval: float = 60.0
    meldingen_dagelijks_uur: int = 8

    # PDF/A via LibreOffice (app/weergave/pdf.py, docs/pdf.md).
    soffice: str = "soffice"
    pdf_tijdslimiet_s: float = 60.0  # per converted file
    pdf_wachttijd_s: float = 20.0  # how long a request waits for its turn before 503
    pdf_wachtrij: int = 4  # requests waiting at most, per worker; more get 503 at once
    pdf_profielmap: str | None = None  # LibreOffice user profiles (default: the temp directory)
    pdf_cache: int = 16  # converted files kept in memory per worker

    # The organisation's seal on a sent letter (app/zegel, README "Het zegel"). Either a key file
    # with its certificate (and chain), or a PKCS#11 token; without either, a development seal.
    zegel_sleutel: str | None = None  # PEM or DER private key
    zegel_sleutel_wachtwoord: str | None = None
    zegel_certificaat: str | None = None  # PEM or DER
    zegel_keten: str | None = None  # PEM file with the intermediate certificates
    zegel_pkcs11_module: str | None = None  # path of the PKCS#11 library
    zegel_pkcs11_token: str | None = None  # token label
    zegel_pkcs11_sleutel: str | None = None  # key label
    zegel_pkcs11_certificaat: str | None = None  # certificate label (default: the key label)
    zegel_pkcs11_pin: str | None = None
    # RFC 3161 timestamp server: with it the seal is PAdES B-T, without it B-B.
    tsa_url: str | None = None
    tsa_tijdslimiet_s: float = 10.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
