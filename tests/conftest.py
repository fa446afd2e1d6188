"""Root test configuration: a real PostgreSQL server for the session, and store URLs.

Fixtures
  postgres_server  (session)  a throwaway PostgreSQL cluster on 127.0.0.1 (``PgCluster`` from
                              benchmarks/pgcluster.py, started from the Debian binaries in
                              /usr/lib/postgresql/*/bin and removed at the end). If it cannot run,
                              the tests that use it are skipped — or fail when ZHIJIU_REQUIRE_PG=1
                              (as `make test` and CI set it).
  pg_url           (function) a fresh database on that server, as a SQLAlchemy URL; dropped after.
  store_url        (function) parametrized: `sqlite` (a file in tmp_path) and `postgres` (pg_url,
                              marked `postgres`).

Marker
  own_process  the test runs in a fresh Python process of its own (a child pytest), for what a
               process can do only once: QtWebEngine tears its profile down when the
               application's event loop quits, so each test that runs ``app.exec()`` with a map
               page needs its own process (as the real app has).

As root, the cluster belongs to the `postgres` user and every server command runs through
`runuser -u postgres --` (PostgreSQL refuses to run as root); as any other user it runs as that user.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.pgcluster import PgCluster, PostgresUnavailable

REQUIRE_PG_ENV = "ZHIJIU_REQUIRE_PG"
OWN_PROCESS_ENV = "ZHIJIU_OWN_PROCESS"  # set in the child: the node id it runs
OWN_PROCESS_TIMEOUT_S = 300


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run an ``own_process`` test in a child pytest and take its verdict as this test's."""
    if pyfuncitem.get_closest_marker("own_process") is None:
        return None
    if os.environ.get(OWN_PROCESS_ENV) == pyfuncitem.nodeid:
        return None  # the child: run the test body here
    env = {**os.environ, OWN_PROCESS_ENV: pyfuncitem.nodeid}
    root = Path(str(pyfuncitem.config.rootpath))
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--no-header", pyfuncitem.nodeid],
        cwd=root, env=env, capture_output=True, text=True, timeout=OWN_PROCESS_TIMEOUT_S, check=False,
    )
    if child.returncode != 0:
        pytest.fail(f"in its own process, exit {child.returncode}:\n{child.stdout[-6000:]}\n{child.stderr[-3000:]}",
                    pytrace=False)
    return True

PostgresServer = PgCluster  # the fixture's type, under the name tests knew it by


def _pg_required() -> bool:
    return os.environ.get(REQUIRE_PG_ENV, "").strip().lower() not in ("", "0", "no", "false")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgCluster]:
    server = PgCluster()
    why = ""
    try:
        server.start()
    except PostgresUnavailable as exc:
        why = str(exc)  # skip or fail outside the except block: no chained traceback
    if why and _pg_required():
        pytest.fail(f"PostgreSQL is required ({REQUIRE_PG_ENV}=1) but {why}", pytrace=False)
    if why:
        pytest.skip(f"PostgreSQL is unavailable: {why}")
    try:
        yield server
    finally:
        server.stop()


_database_numbers = itertools.count(1)


@pytest.fixture
def pg_url(postgres_server: PgCluster) -> Iterator[str]:
    name = f"t_{next(_database_numbers)}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        with contextlib.suppress(Exception):  # the server may be gone if the test killed it
            postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.db"
    return str(request.getfixturevalue("pg_url"))
