"""Settings from the environment (prefix PARAAF_), one object per process."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PARAAF_", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'data' / 'paraaf.db'}"
    # A token that is a beheerder from the first request on (see API.md).
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


@lru_cache
def get_settings() -> Settings:
    return Settings()
