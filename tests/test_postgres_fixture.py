"""The test set-up's PostgreSQL server and store URLs work (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

TEXT = "重庆市应急管理局指挥中心：Ⅰ级响应，任务已下达 — 渝北区 🚒"


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = create_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.mark.postgres
def test_server_answers_on_loopback(pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        version = conn.execute(text("SELECT version()")).scalar_one()
        listen = conn.execute(text("SHOW listen_addresses")).scalar_one()
        encoding = conn.execute(text("SHOW server_encoding")).scalar_one()
    assert version.startswith("PostgreSQL ")
    assert listen == "127.0.0.1"
    assert encoding == "UTF8"


@pytest.mark.postgres
def test_each_test_gets_a_fresh_database(pg_url: str, pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        current = conn.execute(text("SELECT current_database()")).scalar_one()
        tables = conn.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar_one()
    assert pg_url.endswith("/" + current)
    assert current.startswith("t_")
    assert tables == 0


@pytest.mark.postgres
def test_chinese_text_round_trips(pg_engine: Engine) -> None:
    with pg_engine.begin() as conn:
        conn.execute(text("CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL)"))
        conn.execute(text("INSERT INTO note VALUES (1, :body)"), {"body": TEXT})
    with pg_engine.connect() as conn:
        body = conn.execute(text("SELECT body FROM note WHERE id = 1")).scalar_one()
        found = conn.execute(
            text("SELECT id FROM note WHERE body LIKE :p"), {"p": "%指挥中心%"}
        ).scalar_one()
    assert body == TEXT
    assert found == 1


def test_store_url_opens_a_working_database(store_url: str) -> None:
    """Both parametrizations (sqlite, postgres) give a URL SQLAlchemy opens and writes to."""
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL)"))
            conn.execute(text("INSERT INTO note VALUES (1, :body)"), {"body": TEXT})
        with engine.connect() as conn:
            assert conn.execute(text("SELECT body FROM note")).scalar_one() == TEXT
    finally:
        engine.dispose()
