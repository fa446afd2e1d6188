"""Upgrades: a store made by the first schema revision opens, migrates and keeps every record;
the models and the migrations describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from oplab import Lab
from sqlalchemy import create_engine, inspect

from app.store.models import metadata
from app.store.store import Store, migrate


def test_a_first_revision_store_migrates_and_keeps_every_record(tmp_path, store_url):
    lab = Lab(tmp_path)
    a = lab.authority
    a.put("incident", "i1", title="长江洪峰过境", category="flood", status="open", response_level=3)
    a.put("task", "t1", title="转移群众", status="issued", issuer=a.post_id, assignee="u1", assignee_kind="unit")
    ops = a.raws()

    old = create_engine(store_url)
    migrate(old, "0001")  # what the first released version created
    old.dispose()
    first = Store(store_url, anchor=lab.anchor)  # opening upgrades it to head
    assert first.apply(ops).applied == len(ops)
    dump = first.dump()
    first.close()

    insp = inspect(create_engine(store_url))
    assert "ix_oplog_received" in {i["name"] for i in insp.get_indexes("oplog")}
    again = Store(store_url, anchor=lab.anchor)
    assert again.dump() == dump and again.op_count() == len(ops)
    again.close()
    lab.close()


def _old_store(tmp_path, revision: str, lab: Lab, raws: list[bytes]) -> str:
    """A store at an old schema revision holding these ops, as that version wrote them: the rows
    are made by today's apply elsewhere and copied over, column by column the old schema has."""
    from sqlalchemy import MetaData, insert, select

    new = Store(f"sqlite:///{tmp_path}/made-now.db", anchor=lab.anchor)
    assert new.apply(raws).applied == len(raws)
    url = f"sqlite:///{tmp_path}/old-{revision}.db"
    old = create_engine(url)
    migrate(old, revision)
    old_meta = MetaData()
    old_meta.reflect(old)
    with new.engine.connect() as src, old.begin() as dst:
        for name in ("oplog", "entity"):
            cols = [c.name for c in old_meta.tables[name].columns]
            rows = [dict(r._mapping) for r in src.execute(select(*(metadata.tables[name].c[c] for c in cols)))]
            dst.execute(insert(old_meta.tables[name]), rows)
    new.close()
    old.dispose()
    return url


def test_records_written_before_the_upgrade_survive_it(tmp_path):
    lab = Lab(tmp_path)
    a = lab.authority
    a.put("incident", "i1", title="滑坡", category="landslide", status="open")
    url = _old_store(tmp_path, "0001", lab, a.raws())
    reference = Store(f"sqlite:///{tmp_path}/made-now.db", anchor=lab.anchor)
    before = reference.dump()
    reference.close()
    s = Store(url, anchor=lab.anchor)
    assert s.dump() == before and "滑坡" in before
    s.close()
    lab.close()


def test_the_parent_column_is_filled_for_records_made_before_it(tmp_path):
    from app.store.store import Draft

    lab = Lab(tmp_path)
    a = lab.authority
    a.put("task", "t1", title="转移群众", status="issued", issuer=a.post_id, assignee="u1", assignee_kind="unit")
    a.write(Draft("feedback", "f1", "add", {"task_id": "t1", "text": "已出发"}))
    url = _old_store(tmp_path, "0002", lab, a.raws())
    s = Store(url, anchor=lab.anchor)  # upgrades to head and fills the column
    assert [f.eid for f in s.entities("feedback", parent_id="t1")] == ["f1"]
    s.close()
    lab.close()


def test_the_models_and_the_migrations_agree(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path}/m.db")
    migrate(engine)
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), metadata)
    assert diff == []

