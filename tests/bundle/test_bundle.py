"""The built Linux bundle (``make bundle``: dist/zhijiu/ and its .tar.gz), run as a person would
run it on a new machine: from its own folder, with a fresh home, offscreen, without this
checkout or its virtualenv anywhere in sight (and, as root, in a network namespace with no
network at all).

``make test`` builds the bundle and then runs this file as a step of its own; a plain ``pytest``
does not collect ``tests/bundle`` (pyproject ``norecursedirs``). Run alone it builds the bundle
first when there is none or a source is newer than it.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import tarfile
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BINARY = DIST / "zhijiu" / "zhijiu"
SOURCES = ("app", "ui", "plugins", "resources", "packaging")


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def archive() -> Path:
    return DIST / f"zhijiu-{version()}-linux-{platform.machine()}.tar.gz"


def stale() -> bool:
    if not BINARY.exists() or not archive().exists():
        return True
    built = BINARY.stat().st_mtime
    return any(p.stat().st_mtime > built for d in SOURCES for p in (ROOT / d).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and "build" not in p.parts)


@pytest.fixture(scope="module")
def bundle() -> Path:
    if stale():
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True, cwd=ROOT, timeout=1800)
    return BINARY


def offline_prefix() -> list[str]:
    """As root: run in a new network namespace (not even loopback is up)."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or not unshare:
        return []
    probe = subprocess.run([unshare, "--net", "true"], capture_output=True)
    return [unshare, "--net"] if probe.returncode == 0 else []


def frozen(binary: Path, home: Path, *args: str, timeout: float = 180, prefix: list[str] | None = None,
           ) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([*(prefix or []), str(binary), *args], capture_output=True, text=True, cwd=home,
                          env=env, timeout=timeout)


def demo_op_count(tmp: Path) -> int:
    """The demo's op count from the source tree: the frozen app must load the same."""
    from app.services.firstrun import open_demo

    return open_demo(tmp / "reference")


def test_the_archive_has_the_version_in_its_name_and_the_bundle_inside(bundle: Path) -> None:
    with tarfile.open(archive(), "r:gz") as tar:
        first = tar.next()
        assert first is not None and first.name.split("/")[0] == f"zhijiu-{version()}-linux-{platform.machine()}"
    internal = bundle.parent / "_internal"
    must = ["resources/translations/zhijiu_zh_CN.qm", "resources/web/vendor/.stamp.json",
            "resources/web/app/map.js", "resources/basemap/chongqing_districts.geojson",
            "app/store/migrations/env.py", "PySide6/Qt/libexec/QtWebEngineProcess",
            "PySide6/Qt/resources/qtwebengine_resources.pak", "PySide6/Qt/lib/libQt6Multimedia.so.6",
            "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "PySide6/Qt/lib/libQt6Svg.so.6",
            "PySide6/Qt/translations/qtbase_zh_CN.qm"]
    assert [m for m in must if not (internal / m).exists()] == []
    libs = {p.name.split(".so")[0] for p in (internal / "PySide6" / "Qt" / "lib").iterdir()}
    unused = {"libQt63DCore", "libQt6Charts", "libQt6Pdf", "libQt6Quick3D", "libQt6Sql", "libQt6Test",
              "libQt6Designer", "libQt6Bluetooth", "libQt6TextToSpeech", "libQt6QuickControls2"}
    assert libs & unused == set()
    assert not (internal / "PySide6" / "Qt" / "qml").exists()


def test_the_frozen_app_first_run_demo_window_and_offline_map(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    prefix = offline_prefix()
    r = frozen(bundle, home, "smoke", "--screenshot", str(tmp_path / "map.png"), prefix=prefix)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    doc = json.loads(r.stdout.strip().splitlines()[-1])
    assert doc["frozen"] is True and doc["bundle"] == str(bundle.parent / "_internal")
    assert doc["first_run"] == {"choice": "demo", "error": ""}
    assert doc["ops"] == demo_op_count(tmp_path)
    assert doc["signed_in"] and doc["map_ready"]
    assert doc["map_drawn"] == doc["map_expected"] and doc["map_features"] >= 50
    assert {"incidents", "units", "tasks", "shelters", "plotted"} <= set(doc["map_drawn"])
    assert doc["blocked"] == [] and doc["map_errors"] == []
    assert (tmp_path / "map.png").stat().st_size > 50_000  # a drawn map, not a blank page
    # the data went to the per-user folder, and the frozen CLI reads it back
    post = home / ".local" / "share" / "zhijiu" / "post"
    assert (post / "post.json").exists() and (post / "store.db").exists()
    status = frozen(bundle, home, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["ops"] == doc["ops"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_frozen_node_serves_reports_running_and_stops_cleanly(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = str(tmp_path / "node")
    r = frozen(bundle, home, "--data", data, "init", "--name", "渝中区应急管理局", "--role", "rear",
               "--level", "district")
    assert r.returncode == 0, r.stderr
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    node = subprocess.Popen([str(bundle), "--data", data, "serve", "--listen", endpoint], cwd=home, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert node.stdout is not None
        line = node.stdout.readline()
        assert line.startswith("serving 渝中区应急管理局 on " + endpoint), line
        deadline = time.monotonic() + 30
        while True:
            doc = json.loads(frozen(bundle, home, "--data", data, "status", "--json").stdout)
            if doc["node"] == "running" or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert doc["node"] == "running" and doc["listen"] == endpoint
        node.send_signal(signal.SIGTERM)
        assert node.wait(30) == 0
    finally:
        if node.poll() is None:
            node.kill()
            node.wait()
    assert "Traceback" not in (node.stderr.read() if node.stderr else "")
    assert json.loads(frozen(bundle, home, "--data", data, "status", "--json").stdout)["node"] == "stopped"


def test_a_mistake_gets_one_line_not_a_traceback(bundle: Path, tmp_path: Path) -> None:
    r = frozen(bundle, tmp_path, "--data", str(tmp_path / "none"), "status")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and r.stderr.startswith("zhijiu: no post in")
    r = frozen(bundle, tmp_path, "frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = frozen(bundle, tmp_path, "bench", "store")
    assert r.returncode == 1 and "source checkout" in r.stderr
