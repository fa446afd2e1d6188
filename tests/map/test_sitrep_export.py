"""The situation report exported from the window's exporter: the core's HTML rendered to PDF by
QtWebEngine with the map dock's snapshot in it, fonts embedded; the PDF rendered back to PNG with
``pdftoppm`` (saved to /tmp for a person to look at) and its text read with ``pdftotext``.

Here, not in tests/ui: QtWebEngine pages run in this pytest process of their own (Makefile)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from map_scenario import OPERATOR, MapPost, pump_until, run_js

from app.services import reports
from app.services.sitrep import beijing_time

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def test_one_click_gives_a_chinese_pdf_and_html_with_the_map(make_map_dock, new_post, tmp_path: Path) -> None:
    from map_scenario import fill_map

    from ui.sitrep_export import SitrepExporter

    post: MapPost = new_post("sitrep")
    fill_map(post)
    flood = post.ids["flood"]
    reports.file_report(post.store, OPERATOR, incident_id=flood, kind="first", category="flood",
                        dead=1, missing=3, trapped=27, evacuated=4860, relocated=1320,
                        houses_damaged=56, loss_10k_yuan=1280.5, text="洪峰过境，储奇门码头漫堤。")
    dock = make_map_dock(post)
    exporter = SitrepExporter(dock.session, map_view=dock)
    printed: list[dict] = []
    dock.bridge.channel.printed.connect(printed.append)
    steps: list[tuple[int, str]] = []
    done: list[tuple[str, str]] = []
    exporter.progress.connect(lambda p, s: steps.append((p, s)))
    exporter.finished.connect(lambda pdf, html: done.append((pdf, html)))
    failures: list[str] = []
    exporter.failed.connect(failures.append)

    # the person was looking closely at one spot: the report frames the incident all the same
    run_js(dock.page, "Zhijiu.setView(106.60, 29.60, 18)")
    before = json.loads(run_js(dock.page, "JSON.stringify(Zhijiu.view())"))
    assert exporter.export(flood, tmp_path / "out")
    assert pump_until(lambda: bool(done or failures), 60_000), "the export never ended"
    assert not failures
    shown = printed[-1]
    w, s, e, n = dock.items.incident_bounds(flood)
    bw, bs, be, bn = shown["bbox"]
    assert bw <= w and bs <= s and be >= e and bn >= n and shown["zoom"] < 18, shown
    assert shown["legendRows"] == 0  # no legend laid over the report's map
    assert pump_until(lambda: json.loads(run_js(dock.page, "JSON.stringify(Zhijiu.view())"))["zoom"] == 18)
    after = json.loads(run_js(dock.page, "JSON.stringify(Zhijiu.view())"))
    assert after["center"] == pytest.approx(before["center"], abs=1e-6)  # and back to the person's view
    pdf, html = map(Path, done[0])
    assert [s for _p, s in steps] == ["map", "html", "layout", "pdf", "done"]
    assert [p for p, _s in steps] == sorted(p for p, _s in steps)
    assert exporter.map_png is not None and exporter.map_png.startswith(b"\x89PNG")
    dock.bridge.channel.printed.disconnect(printed.append)
    # the map's caption gives the time as the report does: Beijing time, labelled
    assert printed and printed[-1]["subtitle"].startswith(beijing_time(exporter._now))
    page = html.read_text(encoding="utf-8")
    assert "长江洪峰过境渝中区" in page and "data:image/png;base64," in page

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for words in ("长江洪峰过境渝中区", "情况报告", "4860", "1280.5"):
        assert words in text, words
    out = Path("/tmp/zhijiu_sitrep")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out)], check=True)
    assert Path("/tmp/zhijiu_sitrep-1.png").is_file()


def test_the_reports_dock_exports_with_a_progress_dialog_and_no_map(qapp, map_translations, new_post,
                                                                    tmp_path: Path) -> None:
    from map_scenario import fill_map

    from ui.docks.reports import ReportsDock
    from ui.session import Session

    post: MapPost = new_post("dock")
    fill_map(post)
    session = Session(post.folder, post.store, OPERATOR)
    dock = ReportsDock(session)
    try:
        dock.show()
        exporter = dock.export_sitrep(post.ids["flood"], tmp_path / "out")
        assert exporter is not None and dock.export_progress is not None
        assert pump_until(lambda: not exporter.running, 60_000)
        assert dock.export_progress.value() in (100, -1)  # it reached the end (then closed)
        text = subprocess.run(["pdftotext", str(exporter.pdf_path), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "本报告未附态势图" in text  # no map view given: the report says so
        assert dock.last_message is not None and str(exporter.pdf_path) in dock.last_message.text()
        dock.last_message.close()
    finally:
        dock.cleanup()
        dock.close()
        session.cleanup()
        dock.deleteLater()
        session.deleteLater()


def test_the_command_line_writes_a_real_pdf_for_a_pdf_name(tmp_path: Path) -> None:
    """`zhijiu report sitrep -o x.pdf` prints the PDF as the window does (not HTML in a .pdf)."""
    import os
    import sys

    root = Path(__file__).resolve().parents[2]

    def zhijiu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui", "--data", str(tmp_path / "post"), *args],
                              capture_output=True, text=True, cwd=root, timeout=180,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)

    zhijiu("init", "--name", "区指挥中心", "--role", "rear", "--level", "district")
    zhijiu("demo")
    inc = json.loads(zhijiu("report", "list", "--json").stdout)[0]["incident"]
    pdf, page = tmp_path / "sitrep.PDF", tmp_path / "sitrep.htm"
    assert zhijiu("report", "sitrep", inc, "-o", str(pdf)).stderr == ""  # one line out, no noise
    zhijiu("report", "sitrep", inc, "-o", str(page))
    assert pdf.read_bytes().startswith(b"%PDF-") and page.read_text("utf-8").startswith("<!DOCTYPE html>")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "情况报告" in text and "灾情统计" in text
    assert not list(tmp_path.glob("*.partial"))
