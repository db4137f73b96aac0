"""Alembic environment: the URL comes from the settings (PARAAF_DATABASE_URL) unless the
caller passes a connection (tests do, see tests/conftest.py)."""

from logging.config import fileConfig
from pathlib import Path

from alembic import context
from app.config import get_settings
from app.db import UTCDateTime, maak_engine
from app.models import metadata

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _render_item(type_, obj, autogen_context):
    # Our own column type renders as its plain SQLAlchemy equivalent, so migrations do not
    # import application code that may change later.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _compare_type(context_, inspected_column, metadata_column, inspected_type, metadata_type):
    if isinstance(metadata_type, UTCDateTime):
        return False
    return None


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=_render_item,
        compare_type=_compare_type,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            # Foreign keys are off while batch mode copies tables; prove nothing broke.
            fouten = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if fouten:
                raise RuntimeError(f"migratie laat ongeldige verwijzingen achter: {fouten[:5]}")


def migreer_url(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = maak_engine(url, voor_migraties=True)
    with engine.connect() as verbinding:
        run_migrations(verbinding)
        verbinding.commit()
    engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    migreer_url(config.attributes.get("url") or get_settings().database_url)
