"""A throwaway PostgreSQL cluster on 127.0.0.1, for the test set-up and the benchmarks.

    cluster = PgCluster()
    cluster.start()                      # → URL of its `postgres` database
    url = cluster.create_database("b1")  # → a SQLAlchemy URL (postgresql+psycopg://…)
    …
    cluster.stop()                       # stops the server and deletes the cluster

The server binaries are Debian's (/usr/lib/postgresql/*/bin, newest first) or the ones on PATH.
The cluster is tuned for speed, not durability (fsync, synchronous_commit and full_page_writes
off): it lives for one test session or one benchmark run. As root, the cluster belongs to the
`postgres` user and every server command runs through `runuser -u postgres --` (PostgreSQL
refuses to run as root); as any other user it runs as that user. Anything that keeps it from
running raises ``PostgresUnavailable`` with the reason.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_USER = "postgres"  # the cluster's superuser (and, as root, the OS user that runs it)
START_ATTEMPTS = 3  # a free port can be taken by someone else before the server binds it


class PostgresUnavailable(Exception):
    """PostgreSQL cannot run here; the message says why."""


class PgCluster:
    """One throwaway cluster: ``start`` it, make databases in it, ``stop`` it (idempotent)."""

    host = "127.0.0.1"
    user = PG_USER

    def __init__(self, bindir: Path | None = None) -> None:
        self._bindir = bindir
        self.root: Path | None = None  # owns data/, server.log and the unix socket
        self.run_as: str | None = None
        self.port = 0
        self._running = False
        self._atexit = False

    # ------------------------------------------------------------------ what it is

    @property
    def bindir(self) -> Path:
        if self._bindir is None:
            self._bindir = find_bindir()
        return self._bindir

    @property
    def running(self) -> bool:
        return self._running

    @property
    def datadir(self) -> Path:
        assert self.root is not None, "the cluster is not started"
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        assert self.root is not None, "the cluster is not started"
        return self.root / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    # ------------------------------------------------------------------ databases

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) in the `postgres` db."""
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str) -> str:
        """A new, empty database; returns its URL."""
        _check_name(name)
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any connection still open to it."""
        _check_name(name)
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    # ------------------------------------------------------------------ life cycle

    def start(self, tmpdir: Path | str | None = None) -> str:
        """Create the cluster in a new folder under ``tmpdir`` (default: the system's temporary
        folder) and start the server; returns the URL of its `postgres` database."""
        if self._running:
            return self.url()
        bindir = self.bindir
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
            self.run_as, owner = PG_USER, (pg.pw_uid, pg.pw_gid)
        self.root = self._make_root(tmpdir, owner)
        if not self._atexit:  # a second line of defence: callers stop it normally
            atexit.register(self.stop)
            self._atexit = True
        try:
            self._init(bindir)
            self._start()
        except BaseException:
            self.stop()
            raise
        return self.url()

    def stop(self) -> None:
        """Stop the server and delete the cluster. Safe to call more than once."""
        if self._running:
            res = self.run(
                "pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "-t", "60", "stop"
            )
            if res.returncode != 0:
                self.run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
            self._running = False
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run one of the server's programs (as the `postgres` user when we are root)."""
        assert self.root is not None, "the cluster is not started"
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

    def _make_root(self, tmpdir: Path | str | None, owner: tuple[int, int] | None) -> Path:
        root = Path(tempfile.mkdtemp(prefix="zhijiu-pg-", dir=tmpdir))
        if owner is None:
            return root
        os.chown(root, *owner)
        if self._reachable(root):
            return root
        # a folder the postgres user cannot enter (pytest's tmp folders are 0700 for root)
        shutil.rmtree(root, ignore_errors=True)
        root = Path(tempfile.mkdtemp(prefix="zhijiu-pg-", dir="/tmp"))
        os.chown(root, *owner)
        return root

    def _reachable(self, root: Path) -> bool:
        assert self.run_as is not None
        res = subprocess.run(
            ["runuser", "-u", self.run_as, "--", "test", "-w", str(root), "-a", "-x", str(root)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=30,
            check=False,
        )
        return res.returncode == 0

    def _init(self, bindir: Path) -> None:
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
                "\n# zhijiu throwaway cluster\n"
                f"listen_addresses = '{self.host}'\n"
                f"unix_socket_directories = '{self.root}'\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )

    def _start(self) -> None:
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


def find_bindir() -> Path:
    """The newest PostgreSQL server binaries: /usr/lib/postgresql/*/bin, then PATH."""
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


def _check_name(name: str) -> None:
    if not (name and name[0].isalpha() and name.replace("_", "").isalnum() and name.isascii()):
        raise ValueError(f"not a plain database name: {name!r}")


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
