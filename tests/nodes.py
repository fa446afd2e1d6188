"""Real posts in real processes for sync tests: `zhijiu serve` and `zhijiu sync` as subprocesses.

``Net(tmp_path)`` makes a city authority; ``net.enroll(name, role, level, via)`` enrolls a post
that connects to ``via`` (the city or a relay). ``net.serve(post)`` starts its node and returns
once it listens; every process is stopped when the test ends (``net.close()``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*args: str, data: Path, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "app", "--data", str(data), *args], capture_output=True,
                       text=True, cwd=ROOT, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"zhijiu {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


@dataclass
class Post:
    name: str
    data: Path
    port: int
    proc: subprocess.Popen[str] | None = None

    @property
    def endpoint(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    @property
    def curve_key(self) -> str:
        return (self.data / "curve.key").read_text("ascii").split()[0]

    def export(self) -> str:
        return run("export", "--format", "json", data=self.data).stdout

    def status(self) -> dict:
        return json.loads(run("status", "--json", data=self.data).stdout)

    def python(self, code: str) -> None:
        """Run code against this post's folder in a separate process (the node must be stopped):
        ``folder`` and ``store`` are bound; writes go through services, as in the app."""
        script = (
            "from app.datadir import PostFolder\n"
            f"folder = PostFolder({str(self.data)!r}); folder.lock(); store = folder.open_store()\n"
            + code + "\nstore.close()\n"
        )
        r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
        if r.returncode != 0:
            raise AssertionError(r.stderr)


class Net:
    def __init__(self, root: Path, city_db: str | None = None) -> None:
        """``city_db``: a PostgreSQL URL for the city's store (a rear node on a server)."""
        self.root = root
        self.posts: dict[str, Post] = {}
        self.city = self._add("city")
        db = ["--db", city_db] if city_db else []
        run(*db, "init", "--name", "重庆市应急管理局指挥中心", "--role", "rear", data=self.city.data)

    def _add(self, key: str) -> Post:
        post = Post(key, self.root / key, free_port())
        self.posts[key] = post
        return post

    def enroll(self, key: str, name: str, role: str, level: str, via: Post) -> Post:
        post = self._add(key)
        pkg = self.root / f"{key}.pkg"
        run("enroll", "create", "--name", name, "--role", role, "--level", level, "--endpoint", via.endpoint,
            "--key", via.curve_key, "-o", str(pkg), data=self.city.data)
        run("enroll", "import", str(pkg), data=post.data)
        return post

    def serve(self, post: Post) -> Post:
        post.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "--data", str(post.data), "serve", "--listen", post.endpoint],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert post.proc.stdout is not None
        line = post.proc.stdout.readline()
        if "serving" not in line:
            raise AssertionError(f"{post.name} did not start: {line}{post.proc.stderr.read() if post.proc.stderr else ''}")
        return post

    def stop(self, post: Post, *, hard: bool = False) -> None:
        if post.proc is None:
            return
        if post.proc.poll() is None:
            post.proc.send_signal(signal.SIGKILL if hard else signal.SIGTERM)
            post.proc.wait(30)
        for stream in (post.proc.stdout, post.proc.stderr):
            if stream:
                stream.close()
        post.proc = None

    def sync_once(self, post: Post, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return run("sync", "--once", "--timeout", str(timeout), data=post.data, check=False, timeout=timeout + 30)

    def wait_until(self, check, timeout: float = 60, what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")

    def close(self) -> None:
        for post in self.posts.values():
            self.stop(post, hard=True)
