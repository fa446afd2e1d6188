"""The rear node's systemd unit: it passes `systemd-analyze verify`, and its command line, run as
the unit would run it, serves a post, answers the health check, logs JSON lines for the journal
and stops cleanly on SIGTERM."""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from nodes import free_port

from app.services.posts import init_post

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "systemd" / "zhijiu-node.service"
ZHIJIU = str(Path(sys.executable).parent / "zhijiu")


def unit() -> configparser.ConfigParser:
    cp = configparser.ConfigParser(strict=False, interpolation=None)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(UNIT, encoding="utf-8")
    return cp


def test_the_unit_passes_systemd_analyze_verify(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    local = tmp_path / "zhijiu-node.service"
    local.write_text(UNIT.read_text("utf-8").replace("/opt/zhijiu/zhijiu", ZHIJIU), "utf-8")
    r = subprocess.run(["systemd-analyze", "verify", str(local)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "zhijiu-node.service" not in r.stderr, r.stderr  # no warning about our unit


def test_the_units_command_line_serves_and_stops_cleanly(tmp_path):
    folder = init_post(tmp_path / "post", name="重庆市应急管理局指挥中心", role="rear")
    service = unit()["Service"]
    env = dict(line.split("=", 1) for line in service.get("Environment").splitlines() if line)
    env.update(ZHIJIU_DATA=str(folder.path), ZHIJIU_LISTEN=f"tcp://127.0.0.1:{free_port()}", ZHIJIU_DB="")
    # systemd's ${VAR} expansion, on the unit's own ExecStart
    argv = [re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], a) for a in shlex.split(service["ExecStart"])]
    argv[0] = ZHIJIU
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env})
    try:
        assert "serving" in proc.stdout.readline()
        status = subprocess.run([ZHIJIU, "--data", str(folder.path), "status", "--json"],
                                capture_output=True, text=True, timeout=60)
        doc = json.loads(status.stdout)
        assert doc["node"] == "running" and doc["listen"] == env["ZHIJIU_LISTEN"]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        # structured logs for the journal: one JSON object per line, the post on each
        lines = [json.loads(line) for line in proc.stderr.read().splitlines() if line.strip()]
        said = {d["msg"]: d for d in lines}
        assert said["node serving"]["listen"] == env["ZHIJIU_LISTEN"]
        assert said["node serving"]["post"] == "重庆市应急管理局指挥中心" and said["node serving"]["store"] == "sqlite"
        assert said["node stopped"]["level"] == "info" and said["node stopped"]["ops"] >= 1
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
