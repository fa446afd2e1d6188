"""The parent column: children found through an index — a task's feedback, a depot's stock
movements, a shelter's occupancy movements, a message's receipts — instead of a scan of all.

Existing rows are filled from their data, so a store made before this revision answers the same.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copy of the specs' parent fields at this revision (a migration never imports the domain).
PARENT_FIELDS = {
    "feedback": "task_id",
    "stock": "depot_id",
    "occupancy": "shelter_id",
    "message": "to",
    "receipt": "message_id",
}


def upgrade() -> None:
    op.add_column("entity", sa.Column("parent_id", sa.String(64), nullable=True))
    op.create_index("ix_entity_parent", "entity", ["etype", "parent_id"])
    entity = sa.table(
        "entity",
        sa.column("etype", sa.String),
        sa.column("eid", sa.String),
        sa.column("data", sa.Text),
        sa.column("parent_id", sa.String),
    )
    conn = op.get_bind()
    for etype, name in PARENT_FIELDS.items():
        rows = conn.execute(
            sa.select(entity.c.eid, entity.c.data).where(entity.c.etype == etype)
        ).all()
        updates = []
        for eid, data in rows:
            parent = json.loads(data).get(name)
            if isinstance(parent, str):
                updates.append({"k_eid": eid, "parent": parent})
        if updates:
            conn.execute(
                sa.update(entity)
                .where(entity.c.etype == etype, entity.c.eid == sa.bindparam("k_eid"))
                .values(parent_id=sa.bindparam("parent")),
                updates,
            )


def downgrade() -> None:
    op.drop_index("ix_entity_parent", "entity")
    op.drop_column("entity", "parent_id")
