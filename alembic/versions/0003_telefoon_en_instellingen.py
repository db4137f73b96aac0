"""telefoon en instellingen

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 06:51:41.173610
"""

import secrets

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instelling",
        sa.Column("naam", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("waarde", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("naam", name=op.f("pk_instelling")),
    )
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("telefoon", sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    # The web UI's session signing key: generated once, here, so every worker shares it.
    op.bulk_insert(
        sa.table("instelling", sa.column("naam", sa.String), sa.column("waarde", sa.String)),
        [{"naam": "sessiesleutel", "waarde": secrets.token_urlsafe(48)}],
    )


def downgrade() -> None:
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_column("telefoon")

    op.drop_table("instelling")
