"""The plugin host: discovery (built-in folder, extra folders, entry points), lazy contributions,
symmetric load and unload, enable/disable remembered per post, and broken plugins contained."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from broken_plugins import write_plugins

from app.plugin_host import ManifestError, PluginHost, parse_manifest

LAZY = """
import json, sys
from app.plugin_host import PluginHost
mine = lambda: sorted(m for m in sys.modules if m.startswith(("plugins.tak.", "plugins.cap.", "plugins.formats.")))
host = PluginHost(entry_points=False)
host.discover()
host.load_enabled()
before = mine()
fn = host.resolve(host.find("importers", "kml"))
print(json.dumps({"loaded": sorted(k for k, p in host.plugins.items() if p.loaded and not p.error),
                  "before": before, "module": fn.__module__, "after": mine(),
                  "importers": host.formats("importers"), "exporters": host.formats("exporters")}))
"""


def test_builtin_plugins_are_found_and_their_code_is_not_imported_until_used() -> None:
    out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, timeout=120,
                         check=True).stdout  # a fresh interpreter: nothing of the plugins imported yet
    r = json.loads(out.strip().splitlines()[-1])
    assert {"tak", "cap", "formats"} <= set(r["loaded"])
    assert r["before"] == []  # only the manifests were read
    assert r["module"] == "plugins.formats.kml"
    assert r["after"] == ["plugins.formats.kml", "plugins.formats.records"]
    assert {"geojson", "kml", "kmz", "csv", "cap", "cot"} <= set(r["importers"])
    assert {"geojson", "kml", "csv", "cap", "cot"} <= set(r["exporters"])


def test_broken_plugins_are_named_with_their_error_and_the_rest_still_loads(host_for, tmp_path: Path, caplog) -> None:
    folder = write_plugins(tmp_path / "extra")
    host = host_for(folders=[folder])
    host.discover()
    host.load_enabled()  # must not raise, whatever the plugins do
    plugins = host.plugins
    assert plugins["goodone"].loaded and plugins["goodone"].error is None
    assert "ModuleNotFoundError" in plugins["import_error"].error
    assert "no_such_module_anywhere" in plugins["import_error"].error
    assert "SyntaxError" in plugins["syntax_error"].error
    assert "unknown contribution kind 'spells'" in plugins["bad_manifest"].error
    assert "has no PLUGIN manifest" in plugins["no_manifest"].error
    assert plugins["register_raises"].error == "register failed: RuntimeError: the dongle is not plugged in"
    assert not any(plugins[k].loaded for k in ("import_error", "syntax_error", "bad_manifest",
                                               "no_manifest", "register_raises"))
    assert plugins["tak"].loaded  # the built-ins are not held up by them
    assert "register_raises" in caplog.text  # and every failure is in the log


def test_load_and_unload_are_symmetric(host_for, tmp_path: Path) -> None:
    host = host_for(folders=[write_plugins(tmp_path / "extra", broken=False)], builtin=False)
    host.discover()
    assert host.load("goodone")
    events = sys.modules["goodone_events"].log
    events.clear()
    command = host.find("commands", "hello")
    assert host.call(command).startswith("hello from ")
    host.unload("goodone")
    assert events == ["unregister", "cleanup"]
    assert host.contributions("commands") == [] and host.contributions("importers") == []
    assert host.load("goodone") and events[-1] == "register"
    assert host.find("commands", "hello") is not None


def test_disabled_plugins_stay_disabled_for_this_post(host_for, rear, tmp_path: Path) -> None:
    host = host_for()
    host.discover()
    host.load_enabled()
    host.set_enabled("cap", False)
    assert not host.plugins["cap"].loaded and "cap" not in host.formats("exporters")
    again = host_for()
    again.discover()
    again.load_enabled()
    assert not again.plugins["cap"].enabled and not again.plugins["cap"].loaded
    assert again.plugins["tak"].loaded
    assert (rear.folder.path / "plugins.json").exists()
    again.set_enabled("cap", True)
    assert again.plugins["cap"].loaded


def test_entry_point_plugins_are_found(tmp_path: Path, monkeypatch, rear) -> None:
    site = tmp_path / "site"
    pkg = site / "zj_ep_plugin"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(
        'PLUGIN = {"id": "ep", "name": "From an entry point", "contributes": {"commands": '
        '[{"id": "ping", "function": ".work:ping"}]}}\n')
    (pkg / "work.py").write_text("def ping(ctx):\n    return 'pong'\n")
    dist = site / "zj_ep_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zj-ep-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[zhijiu.plugins]\nep = zj_ep_plugin\n")
    monkeypatch.syspath_prepend(str(site))
    host = PluginHost(builtin=False, entry_points=True)
    host.discover()
    host.load_enabled()
    assert host.plugins["ep"].source == "entry point" and host.plugins["ep"].loaded
    assert host.call(host.find("commands", "ping")) == "pong"


@pytest.mark.parametrize("raw, message", [
    ({"id": "Bad Id"}, "'id' must be a lower-case name"),
    ({"id": "x", "api": 99}, "written for plugin API 99"),
    ({"id": "x", "colour": "red"}, "unknown key(s) colour"),
    ({"id": "x", "contributes": {"importers": [{"format": "A B", "function": "m:f"}]}}, "'format' must be"),
    ({"id": "x", "contributes": {"docks": [{"id": "d", "function": "not a target"}]}}, "must be 'module:attribute'"),
])
def test_a_bad_manifest_says_which_key_is_wrong(raw, message) -> None:
    with pytest.raises(ManifestError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_manifest(raw, "pkg")


def test_a_panorama_style_package_fits_the_manifest() -> None:
    """Another branch writes plugins/panorama/: a package with a PLUGIN dict and a stitch function."""
    m = parse_manifest({
        "id": "panorama", "name": "全景图拼接", "version": "1.0",
        "contributes": {"commands": [{"id": "stitch", "title": "Stitch a panorama",
                                      "function": ".stitch:stitch"}]},
    }, "plugins.panorama")
    assert m.contributions[0].kind == "commands" and m.contributions[0].target == ".stitch:stitch"


PANORAMA = {  # plugins/panorama/__init__.py as the feeds branch wrote it (merged on main)
    "id": "zhijiu.panorama",
    "name": "Panorama stitching",
    "name_zh": "全景拼接",
    "version": "1.0.0",
    "requires": ["opencv-python-headless>=4.8,<5"],
    "contributions": {
        "media_actions": [{
            "id": "stitch_panorama",
            "title": "Stitch panorama",
            "title_zh": "拼接全景",
            "accepts": {"kind": "photo", "min_items": 2},
            "produces": {"kind": "panorama"},
            "callable": "plugins.panorama.stitch:stitch_panorama",
        }],
    },
}


def test_the_panorama_package_as_written_on_the_other_branch_fits(tmp_path: Path) -> None:
    import importlib.metadata

    m = parse_manifest(PANORAMA, "plugins.panorama")
    assert (m.id, m.name_in("zh_CN"), m.version) == ("zhijiu.panorama", "全景拼接", "1.0.0")
    (c,) = m.contributions
    assert (c.kind, c.id, c.title_in("zh_CN"), c.target) == (
        "media_actions", "stitch_panorama", "拼接全景", "plugins.panorama.stitch:stitch_panorama")
    assert c.options["accepts"] == {"kind": "photo", "min_items": 2}
    folder = tmp_path / "extra" / "panorama"
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(f"PLUGIN = {PANORAMA!r}\n")
    host = PluginHost(builtin=False, entry_points=False, folders=[tmp_path / "extra"])
    host.discover()
    host.load_enabled()
    info = host.plugins["zhijiu.panorama"]
    try:
        importlib.metadata.distribution("opencv-python-headless")
        assert info.loaded and info.error is None and host.contributions("media_actions")
    except importlib.metadata.PackageNotFoundError:  # "requires" names a Python package here
        assert not info.loaded
        assert info.error == ("needs the Python package opencv-python-headless>=4.8,<5, "
                              "which is not installed")
