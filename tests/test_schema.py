"""Alembic owns the schema: the migrated schema is exactly the SQLModel metadata (autogenerate
finds nothing to do), on SQLite and on PostgreSQL; downgrade to base and upgrade again works on
a fresh database; the `alembic upgrade head` command itself works from the environment; and
SQLite's batch mode can alter the constraints because they all have names.
"""

from __future__ import annotations

import ast
import os
import subprocess
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from alembic import command
from app.config import PROJECT_ROOT
from app.db import maak_engine
from app.models import metadata
from tests.conftest import _PG_REDEN, alembic_config, pg_schema_aanmaken, pg_schema_verwijderen
from tests.helpers_fundament import NUL_HASH, VENV_BIN

ENV_PY = PROJECT_ROOT / "alembic" / "env.py"


def _env_hooks() -> dict:
    """The hook functions of alembic/env.py (`_compare_type`, `_render_item`), taken from its
    source, so this test compares exactly as `alembic revision --autogenerate` would."""
    boom = ast.parse(ENV_PY.read_text())
    delen = [n for n in boom.body if isinstance(n, (ast.Import, ast.ImportFrom)) and "alembic" not in ast.unparse(n)]
    delen += [n for n in boom.body if isinstance(n, ast.FunctionDef) and n.name in ("_compare_type", "_render_item")]
    namen: dict = {}
    exec(compile(ast.Module(body=delen, type_ignores=[]), str(ENV_PY), "exec"), namen)
    assert "_compare_type" in namen, "alembic/env.py heeft geen _compare_type-hook meer; pas deze test aan"
    return namen


def _verschillen(verbinding) -> list:
    hooks = _env_hooks()
    opties = {"compare_type": hooks["_compare_type"], "render_as_batch": verbinding.dialect.name == "sqlite"}
    if "_render_item" in hooks:
        opties["render_item"] = hooks["_render_item"]
    context = MigrationContext.configure(connection=verbinding, opts=opties)
    return compare_metadata(context, metadata)


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_gemigreerd_schema_is_de_metadata(engine, backend):
    with engine.connect() as verbinding:
        diff = _verschillen(verbinding)
        assert diff == [], f"autogenerate vindt verschillen tussen migraties en modellen ({backend}): {diff}"
        assert MigrationContext.configure(verbinding).get_current_revision() == _head()


def test_metadata_dekt_elke_tabel_en_geen_extra(engine):
    # compare_metadata also reports tables only in the database; say it plainly as well.
    in_db = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert in_db == set(metadata.tables)


def test_migratie_zet_de_kop_van_de_systeemketen(engine):
    with engine.connect() as c:
        rijen = c.execute(text("SELECT keten, volgnummer, hash FROM ketenkop")).all()
    assert [tuple(r) for r in rijen] == [("systeem", 0, NUL_HASH)]


def test_elke_constraint_heeft_een_naam_in_de_database(engine, backend):
    """SQLite's batch mode can only drop or alter what has a name: every primary key, foreign
    key and unique constraint the migrations create must carry the naming convention's name."""
    insp = inspect(engine)
    verwacht = {}
    for tabel in metadata.tables.values():
        for constraint in tabel.constraints:
            if constraint.name is not None and type(constraint).__name__ != "CheckConstraint":
                verwacht.setdefault(tabel.name, set()).add(str(constraint.name))
    gevonden = {}
    for tabel in metadata.tables:
        namen = {insp.get_pk_constraint(tabel).get("name")}
        namen |= {fk.get("name") for fk in insp.get_foreign_keys(tabel)}
        namen |= {uq.get("name") for uq in insp.get_unique_constraints(tabel)}
        gevonden[tabel] = {n for n in namen if n}
    ontbreekt = {t: sorted(namen - gevonden.get(t, set())) for t, namen in verwacht.items() if namen - gevonden.get(t, set())}
    assert not ontbreekt, f"constraints zonder (de juiste) naam in de database ({backend}): {ontbreekt}"
    assert all(constraint for constraint in verwacht.values())


def test_batchmodus_kan_een_benoemde_constraint_verwijderen_op_sqlite(tmp_path):
    engine = maak_engine(f"sqlite:///{tmp_path / 'batch.db'}")
    config = alembic_config()
    with engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        command.upgrade(config, "head")
    with engine.begin() as verbinding:
        ops = Operations(MigrationContext.configure(verbinding, opts={"render_as_batch": True}))
        with ops.batch_alter_table("token") as batch:
            batch.drop_constraint("uq_token_hash", type_="unique")
        with ops.batch_alter_table("sectieversie") as batch:
            batch.drop_constraint("fk_sectieversie_auteur_id_gebruiker", type_="foreignkey")
    insp = inspect(engine)
    assert "uq_token_hash" not in {u["name"] for u in insp.get_unique_constraints("token")}
    assert "fk_sectieversie_auteur_id_gebruiker" not in {f["name"] for f in insp.get_foreign_keys("sectieversie")}
    engine.dispose()


def _heen_en_weer(url: str) -> None:
    engine = maak_engine(url)
    config = alembic_config()
    try:
        with engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.upgrade(config, "head")
        with engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.downgrade(config, "base")
        over = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert over == set(), f"na 'downgrade base' staan er nog tabellen: {over}"
        with engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.upgrade(config, "head")
        with engine.connect() as verbinding:
            assert _verschillen(verbinding) == []
            assert MigrationContext.configure(verbinding).get_current_revision() == _head()
            assert verbinding.execute(text("SELECT COUNT(*) FROM ketenkop WHERE keten = 'systeem'")).scalar_one() == 1
    finally:
        engine.dispose()


def test_downgrade_en_upgrade_op_nieuw_sqlite_bestand(tmp_path):
    _heen_en_weer(f"sqlite:///{tmp_path / 'heen-en-weer.db'}")


@pytest.mark.postgres
def test_downgrade_en_upgrade_op_nieuw_postgres_schema():
    if _PG_REDEN:
        pytest.skip(_PG_REDEN)
    naam = f"paraaf_schema_{uuid.uuid4().hex[:8]}"
    url = pg_schema_aanmaken(naam)
    try:
        _heen_en_weer(url)
    finally:
        pg_schema_verwijderen(naam)


def _alembic_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARAAF_DATABASE_URL": url}
    return subprocess.run(
        [str(VENV_BIN / "alembic"), *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_alembic_upgrade_head_commando_op_sqlite(tmp_path):
    """`alembic upgrade head` from the repository root, URL from PARAAF_DATABASE_URL, into a
    directory that does not exist yet (as `make run` does with ./data)."""
    pad = tmp_path / "nieuw" / "paraaf.db"
    url = f"sqlite:///{pad}"
    uitkomst = _alembic_cli(url, "upgrade", "head")
    assert uitkomst.returncode == 0, uitkomst.stderr
    engine = maak_engine(url)
    try:
        with engine.connect() as verbinding:
            assert _verschillen(verbinding) == []
            assert MigrationContext.configure(verbinding).get_current_revision() == _head()
    finally:
        engine.dispose()
