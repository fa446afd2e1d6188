"""Importing a file from the window runs on a worker thread: the window keeps answering while the
plugin reads and the store writes, a progress dialog counts the records written, and the end is
one clear message — the report, or why the file could not be taken."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QProgressDialog

N = 1200  # three chunks of the import write path
SHOTS = Path("/tmp/zhijiu-shots")

GATED = '''
PLUGIN = {"id": "gated", "name": "Gated reader",
          "contributes": {"importers": [{"format": "gated", "extensions": [".gated"], "function": ".core:read"}]}}
'''
GATED_CORE = '''
import threading
from plugins.api import InputError, Parsed, Record, point, stable_id

STARTED = threading.Event()
GATE = threading.Event()


def read(ctx, data, name=""):
    STARTED.set()
    if not GATE.wait(120):
        raise RuntimeError("the test never opened the gate")
    if not data.strip():
        raise InputError("the file is empty")
    parsed = Parsed()
    for n, line in enumerate(data.decode().splitlines(), 1):
        lon, lat, label = line.split(",")
        parsed.records.append(Record("feature", stable_id("gated", label), {
            "symbol": "hazard", "name": label, "geom": point(float(lon), float(lat))}, f"line {n}"))
    return parsed
'''


def write_gated(root: Path) -> None:
    pkg = root / "gated"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(GATED, "utf-8")
    (pkg / "core.py").write_text(GATED_CORE, "utf-8")


def gate_module(window):
    host = window.plugin_menu.service.host
    fn = host.resolve(host.find("importers", "gated"))
    return sys.modules[fn.__module__]


def test_the_window_answers_while_an_import_runs_and_progress_is_shown(post, make_main_window, tmp_path,
                                                                       qtbot) -> None:
    write_gated(post.folder.path / "plugins")
    window = make_main_window(post)
    transfer = window.plugin_menu.transfer
    gated = gate_module(window)
    path = tmp_path / "risks.gated"
    path.write_text("\n".join(f"{106.4 + i / 10000:.5f},29.5,险情点{i}" for i in range(N)), "utf-8")
    progress: list[tuple[int, int]] = []
    job = transfer.import_path(path)
    assert job is not None
    job.progressed.connect(lambda done, total: progress.append((done, total)))
    qtbot.waitUntil(gated.STARTED.is_set, timeout=30_000)
    dialog = window.findChild(QProgressDialog, "import_progress")
    assert dialog is not None and dialog.isVisible() and "risks.gated" in dialog.labelText()
    # the plugin is still reading (held at the gate) and the window answers: a second import is
    # refused with a message, the manager opens
    with qtbot.waitSignal(transfer.importFailed) as refused:
        assert transfer.import_path(path) is None
    assert refused.args[0] == "另一个导入仍在进行：请等它完成。"
    manager = window.plugin_menu.show_manager()
    assert manager.isVisible()
    manager.close()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "import_progress.png"))
    with qtbot.waitSignal(transfer.importFinished, timeout=120_000) as done:
        gated.GATE.set()
    report = done.args[0]
    assert (report.created, report.problems) == (N, [])
    assert progress[-1] == (N, N) and len(progress) == 3
    assert len(post.store.entities("feature")) >= N
    assert window.findChild(QProgressDialog, "import_progress") is None or not dialog.isVisible()
    box = transfer.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Information
    assert box.text() == f"risks.gated：新增 {N}，更新 0，未变 0，跳过 0。"
    box.close()


def test_an_import_that_fails_on_the_worker_says_why(post, make_main_window, tmp_path, qtbot) -> None:
    write_gated(post.folder.path / "plugins")
    window = make_main_window(post)
    transfer = window.plugin_menu.transfer
    gate_module(window).GATE.set()
    empty = tmp_path / "empty.gated"
    empty.write_text("\n", "utf-8")
    with qtbot.waitSignal(transfer.importFailed, timeout=60_000) as failed:
        assert transfer.import_path(empty) is not None
    assert failed.args[0] == "empty.gated 无法导入：the file is empty"
    assert transfer.last_message.icon() == QMessageBox.Icon.Warning
    with qtbot.waitSignal(transfer.importFailed, timeout=60_000) as failed:
        transfer.import_path(tmp_path / "missing.gated")
    assert failed.args[0].startswith("无法读取 missing.gated：")
    assert transfer.job is None and not post.store.entities("feature")
