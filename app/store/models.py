"""The tables. The op log is the truth; entities are the merged state built from it.

| table      | holds                                                                      |
|------------|----------------------------------------------------------------------------|
| oplog      | every op held here, exactly as signed: applied, refused (with the reason)  |
|            | or of a future format version (kept and relayed, applied after upgrade)    |
| entity     | the merged state of each entity: current values (JSON) and merge state     |
| held       | ops waiting for their origin's roster entry or for an earlier op of theirs |
| quarantine | input that is not a genuine op (malformed, bad signature), with the reason |
| meta       | small local facts (schema notes, settings of the store)                    |

Columns hold portable types only, so the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

oplog = Table(
    "oplog",
    metadata,
    Column("origin", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("hlc", BigInteger, nullable=False),
    Column("etype", String(32), nullable=True),
    Column("eid", String(64), nullable=True),
    Column("status", String(8), nullable=False),  # applied | refused | future
    Column("reason", Text, nullable=True),
    Column("received_ms", BigInteger, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Index("ix_oplog_hlc", "hlc"),
    Index("ix_oplog_entity", "etype", "eid"),
    Index("ix_oplog_received", "received_ms"),
)

entity = Table(
    "entity",
    metadata,
    Column("etype", String(32), primary_key=True),
    Column("eid", String(64), primary_key=True),
    Column("incident_id", String(64), nullable=True),
    Column("parent_id", String(64), nullable=True),  # the spec's parent_field: feedback → task …
    Column("deleted", Boolean, nullable=False, default=False),
    Column("conflicted", Boolean, nullable=False, default=False),
    Column("created_hlc", BigInteger, nullable=False),
    Column("created_origin", String(64), nullable=False),
    Column("created_by", String(64), nullable=False),  # operator of the earliest op
    Column("updated_hlc", BigInteger, nullable=False),
    Column("data", Text, nullable=False),  # JSON of the current values
    Column("mstate", LargeBinary, nullable=False),  # merge state (heads, pending bases)
    Index("ix_entity_incident", "etype", "incident_id"),
    Index("ix_entity_conflicted", "conflicted"),
    Index("ix_entity_updated", "etype", "updated_hlc"),
    Index("ix_entity_parent", "etype", "parent_id"),
)

held = Table(
    "held",
    metadata,
    Column("origin", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("reason", Text, nullable=False),
    Column("awaits", String(100), nullable=True),  # "etype/eid" a rule needs before judging it
    Column("received_ms", BigInteger, nullable=False),
    Column("raw", LargeBinary, nullable=False),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("received_ms", BigInteger, nullable=False),
    Column("source", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("origin", String(64), nullable=True),
    Column("seq", BigInteger, nullable=True),
    Column("raw", LargeBinary, nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
