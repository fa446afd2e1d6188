"""Indexes for "what changed since": ops by arrival time (replay by receipt, the offline digest)
and entities by last change (views that refresh only what moved).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_oplog_received", "oplog", ["received_ms"])
    op.create_index("ix_entity_updated", "entity", ["etype", "updated_hlc"])


def downgrade() -> None:
    op.drop_index("ix_entity_updated", "entity")
    op.drop_index("ix_oplog_received", "oplog")
