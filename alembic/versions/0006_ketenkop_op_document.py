"""ketenkop op document: a document's event chain keeps its head on the document row

Every write to a document already holds that row's lock, so the head there costs no extra
lock and no extra statement. The heads of existing document chains move from `ketenkop`
(which keeps only chains without a document, such as "systeem").

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BEGIN_HASH = "sha256:" + "0" * 64


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keten_volgnummer", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("keten_hash", sa.String(), nullable=False, server_default=BEGIN_HASH))
    verbinding = op.get_bind()
    document = sa.table(
        "document", sa.column("id", sa.Integer), sa.column("keten_volgnummer", sa.Integer), sa.column("keten_hash", sa.String)
    )
    ketenkop = sa.table(
        "ketenkop", sa.column("keten", sa.String), sa.column("volgnummer", sa.Integer), sa.column("hash", sa.String)
    )
    for rij in verbinding.execute(sa.select(ketenkop).where(ketenkop.c.keten.like("document/%"))).all():
        document_id = int(rij.keten.removeprefix("document/"))
        verbinding.execute(
            document.update().where(document.c.id == document_id).values(keten_volgnummer=rij.volgnummer, keten_hash=rij.hash)
        )
    verbinding.execute(ketenkop.delete().where(ketenkop.c.keten.like("document/%")))
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.alter_column("keten_volgnummer", server_default=None)
        batch_op.alter_column("keten_hash", server_default=None)


def downgrade() -> None:
    verbinding = op.get_bind()
    document = sa.table(
        "document", sa.column("id", sa.Integer), sa.column("keten_volgnummer", sa.Integer), sa.column("keten_hash", sa.String)
    )
    ketenkop = sa.table(
        "ketenkop", sa.column("keten", sa.String), sa.column("volgnummer", sa.Integer), sa.column("hash", sa.String)
    )
    for rij in verbinding.execute(sa.select(document)).all():
        verbinding.execute(
            ketenkop.insert().values(keten=f"document/{rij.id}", volgnummer=rij.keten_volgnummer, hash=rij.keten_hash)
        )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("keten_hash")
        batch_op.drop_column("keten_volgnummer")
