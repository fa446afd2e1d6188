"""`zhijiu serve` runs the post's feeds without a window: a real node process with the TAK bridge
its feeds.json configures, a pytak client (pytak_peer.py, its own process) sending position
reports over TCP, and the teams in the node's store; a feed that fails is named and the node
serves all the same; SIGTERM stops the bridge and the node cleanly."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
N = 3

BROKEN_FEED = '''PLUGIN = {"id": "radio", "name": "Radio gateway",
          "contributes": {"feeds": [{"id": "radio", "factory": ".feed:make"}]}}
'''


def zhijiu(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "app", "--data", str(data), *args], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return r


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lines:
    """A process's output lines as they come (a thread reads the pipe; nothing is lost)."""

    def __init__(self, stream) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(x.rstrip("\n")) for x in stream], daemon=True).start()

    def next(self, timeout: float = 60) -> str:
        return self.lines.get(timeout=timeout)

    def until(self, prefix: str, timeout: float = 60) -> str:
        while not (line := self.next(timeout)).startswith(prefix):
            pass
        return line


def teams(post: Path) -> dict[str, list[float]]:
    """The TAK teams in the node's store, read while it serves (export reads without the lock)."""
    doc = json.loads(zhijiu("export", "--format", "geojson", data=post).stdout)
    return {f["properties"].get("callsign"): f["geometry"]["coordinates"] for f in doc["features"]
            if str(f["properties"].get("callsign", "")).startswith("PYTAK-")}


def test_serve_runs_the_tak_bridge_and_names_a_failing_feed(tmp_path: Path) -> None:
    post = tmp_path / "post"
    zhijiu("init", "--name", "前方指挥车", "--role", "rear", data=post)
    radio = tmp_path / "extra" / "radio"
    radio.mkdir(parents=True)
    (radio / "__init__.py").write_text(BROKEN_FEED, "utf-8")
    (radio / "feed.py").write_text("def make(ctx, **options):\n    raise RuntimeError('no radio attached')\n")
    tak_port = free_port()
    (post / "feeds.json").write_text(json.dumps({
        "tak": {"multicast": f"127.0.0.1:{free_port(socket.SOCK_DGRAM)}", "listen": f"127.0.0.1:{tak_port}"},
        "radio": {}}), "utf-8")
    node = subprocess.Popen(
        [sys.executable, "-m", "app", "--data", str(post), "serve", "--listen", f"tcp://127.0.0.1:{free_port()}",
         "--operator", "车载节点"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "ZHIJIU_PLUGIN_PATH": str(radio.parent)})
    try:
        assert node.stdout is not None and node.stderr is not None
        out, err = Lines(node.stdout), Lines(node.stderr)
        assert out.next().startswith("serving 前方指挥车")
        assert out.next() == "feeds running: tak/tak"
        assert err.until("feed ") == "feed radio/radio did not start: plugin radio: radio failed: " \
                                     "RuntimeError: no radio attached"
        sender = subprocess.run([sys.executable, str(HERE / "pytak_peer.py"), f"tcp://127.0.0.1:{tak_port}",
                                 str(N)], capture_output=True, text=True, timeout=120)
        assert sender.returncode == 0, sender.stderr[-2000:]
        got = wait_until(lambda: len(found := teams(post)) == N and found, 60, "pytak's teams in the node")
        assert got["PYTAK-2"] == [106.502, 29.502]
        assert node.poll() is None  # the failing feed did not stop the node
        node.send_signal(signal.SIGTERM)
        assert node.wait(60) == 0
    finally:
        if node.poll() is None:
            node.kill()
            node.wait(30)
        for stream in (node.stdout, node.stderr):
            if stream:
                stream.close()
    log = (post / "logs" / "zhijiu.log").read_text("utf-8")
    assert "feed tak/tak started" in log and "TAK bridge started" in log
    assert "feed radio/radio did not start" in log and "node stopped" in log
    assert 0 < log.index("TAK bridge stopped: ") < log.index("node stopped")  # before the store closed
