"""The node's status file is a heartbeat of its own: a sync loop busy with one long turn (a push
into a slow database) never makes `zhijiu status` call a live node stopped; a stuck loop shows."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

import app.sync.engine as engine_mod
from app.services.node import STALLED_S, link_state, make_engine
from app.services.posts import init_post


def wait_until(check, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached")


def read(path):
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def test_a_long_turn_of_the_sync_loop_leaves_the_node_running(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_mod, "STATE_EVERY_S", 0.1)
    folder = init_post(tmp_path / "rear", name="重庆市应急管理局指挥中心", role="rear")
    folder.lock()
    store = folder.open_store()
    engine = make_engine(folder, store, listen="tcp://127.0.0.1:0")
    release = threading.Event()
    blocked = threading.Event()
    pump = engine._pump

    def slow_pump(*args):  # one turn that lasts, as a PostgreSQL push under load did (6 s)
        if not release.is_set():
            blocked.set()
            release.wait(10)
        return pump(*args)

    monkeypatch.setattr(engine, "_pump", slow_pump)
    engine.start()
    try:
        assert blocked.wait(5)
        path = folder.link_state_path
        # the file goes on being rewritten while the loop is stuck in its turn
        wait_until(lambda: (d := read(path)) and d["updated"] - d["loop_at"] > 1.0)
        state = link_state(folder)
        assert state["node"] == "running" and state["loop_s"] >= 1.0
        assert state["listen"] == engine.bound_endpoint
        release.set()
        wait_until(lambda: link_state(folder)["loop_s"] < 0.5)
    finally:
        release.set()
        engine.stop()
        store.close()
        folder.unlock()
    assert link_state(folder)["node"] == "stopped"  # the engine's last word


def test_the_file_rules_stopped_stalled_running(tmp_path):
    folder = init_post(tmp_path / "rear", name="区指挥部", role="rear")
    now = time.time()

    def state(**doc):
        base = {"pid": os.getpid(), "running": True, "every_s": 1.0, "updated": now, "loop_at": now,
                "listen": "tcp://127.0.0.1:1", "peers": []}
        folder.link_state_path.write_text(json.dumps({**base, **doc}), "utf-8")
        return link_state(folder)

    assert state()["node"] == "running"
    assert state(updated=now - 6)["node"] == "stopped"  # five heartbeats missed: gone or frozen
    assert state(updated=now - 6, every_s=2.0)["node"] == "running"  # its own cadence counts
    assert state(loop_at=now - STALLED_S - 1)["node"] == "stalled"
    assert state(running=False)["node"] == "stopped"
    assert state(pid=2**22 + 7)["node"] == "stopped"  # no such process


@pytest.mark.parametrize("doc", ["{", "[]", '{"running": true, "updated": "x"}'])
def test_a_damaged_status_file_means_stopped(tmp_path, doc):
    folder = init_post(tmp_path / "rear", name="区指挥部", role="rear")
    folder.link_state_path.write_text(doc, "utf-8")
    assert link_state(folder)["node"] == "stopped"
