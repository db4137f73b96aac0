"""index op wekker

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 07:53:35.692462
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Lists catch up on passed termijnen with "WHERE wekker <= now" (app.afstemming.toestand).
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_wekker"), ["wekker"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_wekker"))
