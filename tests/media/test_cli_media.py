"""`zhijiu media`: files added from the command line (a bad one named on one line, non-zero exit,
the good ones kept), a wrong argument refused in one line, a watched folder, timing figures."""

from __future__ import annotations

import json

from nodes import run

from media.mediafiles import corrupt_jpeg, jpeg


def test_media_add_watch_and_timing_from_the_command_line(tmp_path):
    data = tmp_path / "post"
    run("init", "--name", "菜园坝前指", "--role", "rear", data=data)
    good = jpeg(tmp_path / "a.jpg", seed=1, lon=106.5, lat=29.5)
    bad = corrupt_jpeg(tmp_path / "b.jpg", jpeg(tmp_path / "src.jpg", seed=2))
    r = run("media", "add", str(good), str(bad), data=data, check=False)
    assert r.returncode == 1 and "a.jpg: added as" in r.stdout
    assert r.stderr.count("\n") == 1 and "b.jpg" in r.stderr and "Traceback" not in r.stderr
    r = run("media", "add", str(good), "--position", "east", data=data, check=False)
    assert r.returncode != 0 and r.stderr.startswith("zhijiu: --position") and r.stderr.count("\n") == 1
    card = tmp_path / "card"
    card.mkdir()
    jpeg(card / "c.jpg", seed=3)
    r = run("media", "watch", str(card), "--poll", "0.2", "--duration", "3", data=data)
    assert "c.jpg: added as" in r.stdout
    r = run("media", "timing", "--json", data=data)
    assert json.loads(r.stdout) == []
