"""The `zhijiu` command as scripts and operators use it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def zhijiu(*args, data=None, check=True, env=None):
    cmd = [sys.executable, "-m", "app", *(["--data", str(data)] if data else []), *args]
    r = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
        timeout=120,
    )
    if check and r.returncode != 0:
        raise AssertionError(f"{cmd} failed: {r.stderr}")
    return r


def test_init_status_export_import_round_trip(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    zhijiu("init", "--name", "重庆市应急管理局指挥中心", "--role", "rear", data=a)
    status = json.loads(zhijiu("status", "--json", data=a).stdout)
    assert status["post"]["role"] == "rear" and status["post"]["authority"] and status["ops"] == 1
    zhijiu("demo", data=a)
    demo_ops = json.loads(zhijiu("status", "--json", data=a).stdout)["ops"]
    assert zhijiu("demo", data=a).stdout.strip().endswith("nothing added")
    assert json.loads(zhijiu("status", "--json", data=a).stdout)["ops"] == demo_ops
    zhijiu("export", "--format", "json", "-o", str(tmp_path / "a.json"), data=a)
    dump = (tmp_path / "a.json").read_text("utf-8")
    assert zhijiu("export", "--format", "json", data=a).stdout == dump
    zhijiu("init", "--name", "另一指挥中心", "--role", "rear", data=b)
    out = zhijiu("import", str(tmp_path / "a.json"), "--operator", "张伟", data=b).stdout
    assert "created" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["init", "--name", "x", "--role", "captain"], "invalid choice"),
        (["export", "--format", "json"], "no post in"),
        (["frobnicate"], "invalid choice"),
        (["import", "/nonexistent.json"], "cannot read"),
    ],
)
def test_a_users_mistake_is_one_clear_line_and_a_non_zero_exit(tmp_path, args, message):
    r = zhijiu(*args, data=tmp_path / "none", check=False)
    assert r.returncode != 0
    assert message in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_init_never_overwrites_and_a_second_process_is_told_the_folder_is_in_use(tmp_path):
    from app.datadir import FolderError, PostFolder

    zhijiu("init", "--name", "前指", "--role", "forward", "--level", "scene", data=tmp_path / "p")
    r = zhijiu("init", "--name", "前指", "--role", "forward", data=tmp_path / "p", check=False)
    assert r.returncode == 1 and "never overwritten" in r.stderr
    holder = PostFolder(tmp_path / "p")
    holder.lock()
    try:
        with pytest.raises(FolderError, match="in use"):
            PostFolder(tmp_path / "p").lock()
        r = zhijiu("demo", data=tmp_path / "p", check=False)
        assert r.returncode == 1 and "in use" in r.stderr
    finally:
        holder.unlock()


def test_backup_and_restore_from_the_command_line(tmp_path):
    zhijiu("init", "--name", "市指挥中心", "--role", "rear", data=tmp_path / "p")
    pw = tmp_path / "pw"
    pw.write_text("a long passphrase\n", "utf-8")
    zhijiu(
        "backup", "-o", str(tmp_path / "p.zjb"), "--passphrase-file", str(pw), data=tmp_path / "p"
    )
    out = zhijiu(
        "restore", str(tmp_path / "p.zjb"), "--passphrase-file", str(pw), data=tmp_path / "r"
    ).stdout
    assert "1 ops applied" in out
    assert (
        zhijiu("export", "--format", "json", data=tmp_path / "r").stdout
        == zhijiu("export", "--format", "json", data=tmp_path / "p").stdout
    )


def test_a_key_that_begins_with_a_dash_is_taken_as_the_keys_value(tmp_path):
    # Z85 (CURVE keys) has "-" in its alphabet: one key in 85 begins with it
    key = "-" + "A" * 39
    zhijiu("init", "--name", "前方指挥部", "--role", "forward", data=tmp_path / "p")
    zhijiu("peer", "add", "tcp://127.0.0.1:5999", "--key", key, data=tmp_path / "p")
    assert key in zhijiu("peer", "list", data=tmp_path / "p").stdout


def test_the_headless_command_says_what_needs_the_window_layer(tmp_path):
    """`python -m app` is the core alone (no Qt): the window's verbs and a PDF say so in one line;
    the installed `zhijiu` (ui.main) lends them."""
    d = tmp_path / "post"
    zhijiu("init", "--name", "区指挥中心", "--role", "rear", "--level", "district", data=d)
    zhijiu("demo", data=d)
    inc = json.loads(zhijiu("report", "list", "--json", data=d).stdout)[0]["incident"]
    for args in (["smoke"], ["report", "sitrep", inc, "-o", str(tmp_path / "x.pdf")]):
        r = zhijiu(*args, data=d, check=False)
        assert r.returncode == 1 and r.stderr.strip().startswith("zhijiu: this needs the window layer"), r.stderr
    assert not (tmp_path / "x.pdf").exists()

    # the installed command lends them, and loads no Qt for a headless verb
    probe = ("import sys; from ui.main import main; code = main(['--data', sys.argv[1], 'status']); "
             "print(code, 'PySide6' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", probe, str(d)], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "0 False", r.stderr
