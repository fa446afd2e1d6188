"""Root test configuration: a real PostgreSQL server for the session, and store URLs.

Fixtures
  postgres_server  (session)  a throwaway PostgreSQL cluster on 127.0.0.1, started from the
                              Debian binaries in /usr/lib/postgresql/*/bin and removed at the end.
                              If it cannot run, the tests that use it are skipped — or fail when
                              ZHIJIU_REQUIRE_PG=1 (as `make test` and CI set it).
  pg_url           (function) a fresh database on that server, as a SQLAlchemy URL; dropped after.
  store_url        (function) parametrized: `sqlite` (a file in tmp_path) and `postgres` (pg_url,
                              marked `postgres`).

As root, the cluster belongs to the `postgres` user and every server command runs through
`runuser -u postgres --` (PostgreSQL refuses to run as root); as any other user it runs as that user.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_PG_ENV = "ZHIJIU_REQUIRE_PG"
PG_USER = "postgres"  # the cluster's superuser (and, as root, the OS user that runs it)
START_ATTEMPTS = 3  # a free port can be taken by someone else before the server binds it


class PostgresUnavailable(Exception):
    """PostgreSQL cannot run here; the message says why."""


class PostgresServer:
    """A running throwaway cluster: `url(dbname)` gives a SQLAlchemy URL for one database."""

    host = "127.0.0.1"
    user = PG_USER

    def __init__(self, bindir: Path, root: Path, run_as: str | None) -> None:
        self.bindir = bindir
        self.root = root  # owns data/, server.log and the unix socket
        self.run_as = run_as
        self.port = 0
        self._running = False

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) in the `postgres` db."""
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ life cycle

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"
        return subprocess.run(
            cmd,
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def init(self) -> None:
        res = self.run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            PG_USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        if res.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {_tail(res.stdout + res.stderr)}")
        with open(self.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# zhijiu test cluster\n"
                f"listen_addresses = '{self.host}'\n"
                f"unix_socket_directories = '{self.root}'\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )

    def start(self) -> None:
        last = ""
        for _ in range(START_ATTEMPTS):
            self.port = _free_port()
            res = self.run(
                "pg_ctl",
                "-D",
                str(self.datadir),
                "-l",
                str(self.logfile),
                "-o",
                f"-p {self.port}",
                "-w",
                "-t",
                "60",
                "start",
            )
            if res.returncode == 0:
                self._running = True
                return
            last = _tail(res.stdout + res.stderr + _read(self.logfile))
            self.run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        raise PostgresUnavailable(f"the server did not start: {last}")

    def stop(self) -> None:
        """Stop the server and delete the cluster. Safe to call more than once."""
        if self._running:
            res = self.run(
                "pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "-t", "60", "stop"
            )
            if res.returncode != 0:
                self.run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
            self._running = False
        shutil.rmtree(self.root, ignore_errors=True)


def _start_server() -> PostgresServer:
    bindir = _find_bindir()
    run_as: str | None = None
    parent: str | None = None
    owner: tuple[int, int] | None = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise PostgresUnavailable("running as root and `runuser` is not installed")
        try:
            pg = pwd.getpwnam(PG_USER)
        except KeyError:
            raise PostgresUnavailable(
                f"running as root and there is no `{PG_USER}` user to run the server"
            ) from None
        run_as, owner = PG_USER, (pg.pw_uid, pg.pw_gid)
        parent = "/tmp"  # TMPDIR may be a folder the postgres user cannot enter
    root = Path(tempfile.mkdtemp(prefix="zhijiu-pg-", dir=parent))
    if owner:
        os.chown(root, *owner)
    server = PostgresServer(bindir, root, run_as)
    atexit.register(server.stop)  # a second line of defence: the fixture stops it normally
    try:
        server.init()
        server.start()
    except BaseException:
        server.stop()
        raise
    return server


def _find_bindir() -> Path:
    needed = ("initdb", "pg_ctl", "postgres")

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in p.parent.name.split(".") if x.isdigit())

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for bindir in candidates:
        if all((bindir / name).is_file() for name in needed):
            return bindir
    raise PostgresUnavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/*/bin "
        "or on PATH; install Debian's `postgresql` package (scripts/setup_system.sh does)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError:
        return ""


def _tail(text: str, lines: int = 15) -> str:
    return " | ".join(line for line in text.strip().splitlines()[-lines:] if line.strip())


def _pg_required() -> bool:
    return os.environ.get(REQUIRE_PG_ENV, "").strip().lower() not in ("", "0", "no", "false")


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    why = ""
    try:
        server = _start_server()
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
def pg_url(postgres_server: PostgresServer) -> Iterator[str]:
    name = f"t_{next(_database_numbers)}"
    postgres_server.admin(f"CREATE DATABASE {name}")
    try:
        yield postgres_server.url(name)
    finally:
        with contextlib.suppress(Exception):  # the server may be gone if the test killed it
            postgres_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.db"
    return str(request.getfixturevalue("pg_url"))
