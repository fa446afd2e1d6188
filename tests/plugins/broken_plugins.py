"""Plugin packages written into a test's temporary folder: good ones and every kind of broken."""

from __future__ import annotations

from pathlib import Path

GOOD = '''
PLUGIN = {
    "id": "goodone",
    "name": "A good plugin",
    "version": "2.1",
    "register": ".core:register",
    "unregister": ".core:unregister",
    "contributes": {
        "importers": [{"format": "lines", "extensions": [".lines"], "function": ".core:read"}],
        "commands": [{"id": "hello", "title": "Say hello", "function": ".core:hello"}],
    },
}
'''
GOOD_CORE = '''
import sys
from plugins.api import Parsed, Record, point, stable_id

EVENTS = sys.modules.setdefault("goodone_events", type(sys)("goodone_events"))
EVENTS.log = getattr(EVENTS, "log", [])


def register(ctx):
    EVENTS.log.append("register")
    ctx.on_unload(lambda: EVENTS.log.append("cleanup"))


def unregister(ctx):
    EVENTS.log.append("unregister")


def read(ctx, data, name=""):
    parsed = Parsed()
    for n, line in enumerate(data.decode().splitlines(), 1):
        lon, lat, label = line.split(",")
        parsed.records.append(Record("feature", stable_id("lines", label), {
            "symbol": "other", "name": label, "geom": point(float(lon), float(lat))}, f"line {n}"))
    return parsed


def hello(ctx):
    return f"hello from {ctx.post_id}"
'''
BROKEN = {
    "import_error": 'import no_such_module_anywhere\nPLUGIN = {"id": "import_error"}\n',
    "syntax_error": 'PLUGIN = {"id": "syntax_error",\n',
    "bad_manifest": 'PLUGIN = {"id": "bad_manifest", "contributes": {"spells": []}}\n',
    "no_manifest": '"""A package without a PLUGIN."""\n',
    "register_raises": (
        'PLUGIN = {"id": "register_raises", "register": ".core:register"}\n',
        'def register(ctx):\n    raise RuntimeError("the dongle is not plugged in")\n',
    ),
}


def write_plugins(root: Path, *, good: bool = True, broken: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if good:
        (root / "goodone").mkdir()
        (root / "goodone" / "__init__.py").write_text(GOOD)
        (root / "goodone" / "core.py").write_text(GOOD_CORE)
    if broken:
        for name, text in BROKEN.items():
            (root / name).mkdir()
            if isinstance(text, tuple):
                (root / name / "__init__.py").write_text(text[0])
                (root / name / "core.py").write_text(text[1])
            else:
                (root / name / "__init__.py").write_text(text)
    return root
