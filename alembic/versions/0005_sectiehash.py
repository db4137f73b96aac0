"""sectiehash: each section keeps the hash of its heading and text

The document's inhoudshash becomes the hash of its sections' hashes in order, so an edit no
longer reads every section's text. Existing sections get their hash here and each document's
current inhoudshash (and that of its latest revisie) is recomputed with the new definition.

Revision ID: 0005
Revises: 0004
"""

import hashlib
import json

import sqlalchemy as sa

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _sectie_hash(kop, tekst) -> str:
    # workflow.tekst.sectie_hash, frozen here as it was when this migration was written.
    inhoud = json.dumps([kop or "", tekst], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(inhoud.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("sectie", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inhoudshash", sa.String(), nullable=True))
    verbinding = op.get_bind()
    sectie = sa.table(
        "sectie",
        sa.column("id", sa.Integer),
        sa.column("document_id", sa.Integer),
        sa.column("positie", sa.Integer),
        sa.column("kop", sa.String),
        sa.column("tekst", sa.Text),
        sa.column("inhoudshash", sa.String),
    )
    document = sa.table(
        "document", sa.column("id", sa.Integer), sa.column("revisie", sa.Integer), sa.column("inhoudshash", sa.String)
    )
    revisie = sa.table(
        "documentrevisie",
        sa.column("document_id", sa.Integer),
        sa.column("revisie", sa.Integer),
        sa.column("inhoudshash", sa.String),
    )
    per_document: dict[int, list[tuple[int, str]]] = {}
    for rij in verbinding.execute(
        sa.select(sectie.c.id, sectie.c.document_id, sectie.c.positie, sectie.c.kop, sectie.c.tekst)
    ).all():
        h = _sectie_hash(rij.kop, rij.tekst)
        verbinding.execute(sectie.update().where(sectie.c.id == rij.id).values(inhoudshash=h))
        per_document.setdefault(rij.document_id, []).append((rij.positie, h))
    for rij in verbinding.execute(sa.select(document.c.id, document.c.revisie)).all():
        hashes = [h for _, h in sorted(per_document.get(rij.id, []))]
        totaal = "sha256:" + hashlib.sha256("\n".join(hashes).encode("ascii")).hexdigest()
        verbinding.execute(document.update().where(document.c.id == rij.id).values(inhoudshash=totaal))
        verbinding.execute(
            revisie.update().where(revisie.c.document_id == rij.id, revisie.c.revisie == rij.revisie).values(inhoudshash=totaal)
        )
    with op.batch_alter_table("sectie", schema=None) as batch_op:
        batch_op.alter_column("inhoudshash", existing_type=sa.String(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("sectie", schema=None) as batch_op:
        batch_op.drop_column("inhoudshash")
