"""`zhijiu import` / `export` with the plugins' formats, as an operator runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def zhijiu(*args: str, data: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "app", "--data", str(data), *args], capture_output=True,
                       text=True, cwd=ROOT, timeout=120, env={**os.environ, "ZHIJIU_OPERATOR": "值班员"})
    if check and r.returncode != 0:
        raise AssertionError(f"{args} failed: {r.stderr}")
    return r


def test_import_and_export_every_format(tmp_path: Path) -> None:
    post = tmp_path / "post"
    zhijiu("init", "--name", "市指挥中心", "--role", "rear", data=post)
    zhijiu("demo", data=post)
    for fmt in ("geojson", "kml", "kmz", "cot", "cap", "csv", "datapackage"):
        out = tmp_path / f"all.{fmt}"
        zhijiu("export", "--format", fmt, "-o", str(out), data=post)
        assert out.stat().st_size > 0, fmt
    doc = json.loads((tmp_path / "all.geojson").read_text("utf-8"))
    assert len(doc["features"]) > 20
    with zipfile.ZipFile(tmp_path / "all.cap") as zf:
        assert zf.namelist()
    for fmt, name in (("geojson", "all.geojson"), ("kml", "all.kml"), ("kmz", "all.kmz"),
                      ("cot", "all.cot"), ("cap", "all.cap")):
        r = zhijiu("import", str(tmp_path / name), "--format", fmt, data=post)
        assert r.stdout.startswith("imported: 0 created, 0 updated"), (fmt, r.stdout, r.stderr)

    other = tmp_path / "other"
    zhijiu("init", "--name", "区指挥部", "--role", "rear", "--level", "district", data=other)
    r = zhijiu("import", str(tmp_path / "all.kml"), data=other)  # the format from the extension
    assert r.stdout.startswith(f"imported: {len(doc['features'])} created"), r.stdout


def test_folders_bad_files_and_bad_rows(tmp_path: Path) -> None:
    post = tmp_path / "post"
    zhijiu("init", "--name", "市指挥中心", "--role", "rear", data=post)
    folder = tmp_path / "alerts"
    folder.mkdir()
    (folder / "a.xml").write_text("""<?xml version="1.0"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X-1</identifier><sender>s@x</sender>
<sent>2026-07-01T08:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
<info><category>Geo</category><event>滑坡</event><urgency>Immediate</urgency><severity>Extreme</severity>
<certainty>Observed</certainty><headline>地质灾害红色预警</headline></info></alert>""", "utf-8")
    (folder / "b.xml").write_text("<alert>oops", "utf-8")
    r = zhijiu("import", str(folder), "--format", "cap", data=post)
    assert r.stdout.strip() == "imported: 1 created, 0 updated, 0 unchanged, 1 skipped"
    assert "skipped b.xml: line 1: not well-formed XML" in r.stderr and "Traceback" not in r.stderr

    rows = tmp_path / "teams.csv"
    rows.write_text("id,name,lon,lat,entity,type\nT1,蓝天救援队,106.5,29.5,unit,volunteer\nT2,x,999,29.5,unit,volunteer\n", "utf-8")
    r = zhijiu("import", str(rows), data=post)
    assert r.stdout.strip().endswith("1 skipped") and "line 3: position 999.0, 29.5 is out of range" in r.stderr

    for args, message in (
        (["import", str(tmp_path / "missing.kml")], "cannot read"),
        (["import", str(rows), "--format", "kml"], "not well-formed XML"),
        (["import", str(tmp_path / "teams.unknown")], "cannot tell the format"),
    ):
        if args[1].endswith(".unknown"):
            Path(args[1]).write_text("x")
        r = zhijiu(*args, data=post, check=False)
        assert r.returncode == 1 and message in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1
