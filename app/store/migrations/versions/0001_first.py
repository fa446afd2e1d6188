"""The first schema: op log, entities, held ops, quarantine, meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oplog",
        sa.Column("origin", sa.String(64), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hlc", sa.BigInteger, nullable=False),
        sa.Column("etype", sa.String(32), nullable=True),
        sa.Column("eid", sa.String(64), nullable=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("received_ms", sa.BigInteger, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_oplog_hlc", "oplog", ["hlc"])
    op.create_index("ix_oplog_entity", "oplog", ["etype", "eid"])
    op.create_table(
        "entity",
        sa.Column("etype", sa.String(32), primary_key=True),
        sa.Column("eid", sa.String(64), primary_key=True),
        sa.Column("incident_id", sa.String(64), nullable=True),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("conflicted", sa.Boolean, nullable=False),
        sa.Column("created_hlc", sa.BigInteger, nullable=False),
        sa.Column("created_origin", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_hlc", sa.BigInteger, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("mstate", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_entity_incident", "entity", ["etype", "incident_id"])
    op.create_index("ix_entity_conflicted", "entity", ["conflicted"])
    op.create_table(
        "held",
        sa.Column("origin", sa.String(64), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("awaits", sa.String(100), nullable=True),
        sa.Column("received_ms", sa.BigInteger, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("received_ms", sa.BigInteger, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("origin", sa.String(64), nullable=True),
        sa.Column("seq", sa.BigInteger, nullable=True),
        sa.Column("raw", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("meta", "quarantine", "held", "entity", "oplog"):
        op.drop_table(name)
