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


def test_records_written_before_the_upgrade_survive_it(tmp_path, monkeypatch):
    lab = Lab(tmp_path)
    a = lab.authority
    a.put("incident", "i1", title="滑坡", category="landslide", status="open")
    url = f"sqlite:///{tmp_path}/old.db"
    old = create_engine(url)
    migrate(old, "0001")
    old.dispose()
    # write with the old schema: the same apply, in a store whose migration stops at 0001
    import app.store.store as store_module

    with monkeypatch.context() as m:
        m.setattr(store_module, "migrate", lambda engine, revision="head": migrate(engine, "0001"))
        s = Store(url, anchor=lab.anchor)
        s.apply(a.raws())
        before = s.dump()
        s.close()
    s = Store(url, anchor=lab.anchor)
    assert s.dump() == before
    s.close()
    lab.close()


def test_the_models_and_the_migrations_agree(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path}/m.db")
    migrate(engine)
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), metadata)
    assert diff == []
