"""Plugins in the window: a broken plugin does not stop it from starting and is shown in the
plugin manager with its error; switching a plugin off is kept for the post; a CSV is imported
through the column-mapping dialog."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
from broken_plugins import write_plugins  # noqa: E402

SHOTS = Path("/tmp/zhijiu-shots")


def test_a_broken_plugin_is_named_in_the_manager_and_the_window_starts(post, make_main_window) -> None:
    write_plugins(post.folder.path / "plugins")
    window = make_main_window(post)
    assert window.isVisible()
    dialog = window.plugin_menu.show_manager()
    rows = {r[1]: r for r in dialog.row_texts()}
    assert rows["register_raises"][4] == "加载失败：register failed: RuntimeError: the dongle is not plugged in"
    assert rows["import_error"][4].startswith("加载失败：ModuleNotFoundError")
    assert rows["A good plugin"][4] == "已加载"
    assert rows["TAK / CoT 互通"][4] == "已加载"
    assert dialog.tree.topLevelItem(0).text(4).startswith("加载失败")  # failures first
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "plugin_manager.png"))

    item = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                if dialog.tree.topLevelItem(i).text(1) == "CAP 1.2 预警")
    item.setCheckState(0, Qt.CheckState.Unchecked)
    host = window.plugin_menu.service.host
    assert not host.plugins["cap"].loaded and "cap" not in host.formats("exporters")
    assert '"cap"' in (post.folder.path / "plugins.json").read_text()


def test_csv_import_through_the_column_mapping(post, make_main_window, tmp_path, qtbot) -> None:
    from plugins.formats.csv_io import guess_mapping, read_table
    from ui.plugins.transfer import CsvMappingDialog

    window = make_main_window(post)
    csv = tmp_path / "shelters.csv"
    csv.write_text("编号,场所,东经,北纬,可容纳人数\nS1,大田湾体育馆,106.55,29.55,900\nS2,坏行,abc,29.5,10\n",
                   encoding="utf-8")
    header, rows = read_table(csv.read_bytes())
    dialog = CsvMappingDialog(header, rows, guess_mapping(header), window)
    assert dialog.combos["id"].currentData() == "编号" and dialog.combos["capacity"].currentData() == "可容纳人数"
    assert dialog.combos["lon"].currentData() is None  # "东经" is not a name it knows: a person says
    dialog.combos["name"].setCurrentIndex(dialog.combos["name"].findData("场所"))
    dialog.combos["lon"].setCurrentIndex(dialog.combos["lon"].findData("东经"))
    dialog.combos["lat"].setCurrentIndex(dialog.combos["lat"].findData("北纬"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("shelter"))
    dialog.show()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "csv_mapping.png"))
    mapping = dialog.mapping()
    dialog.close()
    dialog.deleteLater()
    with qtbot.waitSignal(window.plugin_menu.transfer.importFinished, timeout=60_000) as done:
        assert window.plugin_menu.transfer.import_path(csv, mapping=mapping) is not None
    report = done.args[0]
    assert report.created == 1
    assert [str(p) for p in report.problems] == ["line 3: longitude 'abc' is not a number"]
    shelter = next(f for f in post.store.entities("feature") if f.get("name") == "大田湾体育馆")
    assert (shelter.get("symbol"), shelter.get("capacity")) == ("shelter", 900)
    box = window.plugin_menu.transfer.last_message
    assert box is not None and "跳过 1" in box.text()
    box.close()


def test_a_configured_feed_runs_with_the_window_and_stops_with_its_plugin(post, make_main_window) -> None:
    import json

    (post.folder.path / "feeds.json").write_text(json.dumps(
        {"tak": {"multicast": None, "listen": "127.0.0.1:0", "send": True}}), "utf-8")
    window = make_main_window(post)
    service = window.plugin_menu.service
    bridge = service.feeds["tak/tak"]
    assert bridge.bound_port and not bridge._stop.is_set()
    dialog = window.plugin_menu.show_manager()
    item = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                if dialog.tree.topLevelItem(i).text(1) == "TAK / CoT 互通")
    dialog.tree.setCurrentItem(item)
    assert dialog.dock_button.isEnabled()
    dialog.dock_button.click()
    dock = service.docks[("tak", "status")]
    assert dock.isVisible() and "收到 0" in dock.widget().summary.text()
    assert "TCP 链路 0 条（TAK 协议 v1：0 条）；组播发送：未开启" in dock.widget().summary.text()
    assert dock.windowTitle() == "TAK 互通状态"
    SHOTS.mkdir(exist_ok=True)
    dock.grab().save(str(SHOTS / "tak_status.png"))
    item.setCheckState(0, Qt.CheckState.Unchecked)  # unload: the feed stops, the dock goes
    assert bridge._stop.is_set() and not service.feeds and not service.docks
    item = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                if dialog.tree.topLevelItem(i).text(1) == "TAK / CoT 互通")
    item.setCheckState(0, Qt.CheckState.Checked)  # load again: it starts again
    assert service.feeds["tak/tak"] is not bridge and service.feeds["tak/tak"].bound_port


def test_the_feeds_panorama_follows_its_plugin(post, make_main_window) -> None:
    window = make_main_window(post)
    host = window.plugin_menu.service.host
    key = next(k for k in host.plugins if "panorama" in k)
    assert window.feeds_dock.find_stitcher() is not None  # through the plugin host
    host.set_enabled(key, False)
    assert window.feeds_dock.find_stitcher() is None  # switched off: the dock says so, stitches nothing
    host.set_enabled(key, True)
