"""The plugin host: finds plugins, reads their manifests, loads and unloads them, and hands out
their contributions — imported only when first used. A failing plugin never takes the app down.

Plugins come from the built-in ``plugins/`` folder, from extra folders (each sub-folder with an
``__init__.py`` is a plugin package) and from the ``zhijiu.plugins`` entry-point group of the
installed distributions. Every step that runs a plugin's code — importing its package, reading
its manifest, its ``register`` / ``unregister``, importing a contribution — is guarded: what
goes wrong is logged and kept as the plugin's ``error``, which the plugin manager shows.
Which plugins are disabled is remembered per post (``plugins.json`` in the post's folder).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import pkgutil
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import plugins as builtin_plugins
from plugins.api import API_VERSION, CONTRIBUTION_KINDS, PluginContext

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "zhijiu.plugins"
SETTINGS_FILE = "plugins.json"
_ID = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_FORMAT = re.compile(r"^[a-z0-9][a-z0-9_+-]{0,31}$")
_PACKAGE = re.compile(r".*[<>=!~;\[ ]")  # "opencv-python-headless>=4.8,<5": a Python requirement


def _missing_package(requirement: str) -> str | None:
    """Why a plugin's Python requirement is not met (the distribution is not installed), or None."""
    name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip()
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return f"needs the Python package {requirement}, which is not installed"
    return None


class ManifestError(ValueError):
    """The manifest is not one this version understands; the message says which key is wrong."""


class PluginError(RuntimeError):
    """A plugin's code failed (import, register, a contribution); the message names the plugin."""


@dataclass(frozen=True)
class Contribution:
    kind: str  # one of CONTRIBUTION_KINDS
    id: str
    title: str
    target: str | Callable[..., Any]  # "module:attribute" (".mod" is relative) or a callable
    plugin_id: str
    package: str
    options: Mapping[str, Any] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)  # language -> title

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get(lang.split("_")[0]) or self.title

    @property
    def format(self) -> str:
        return str(self.options.get("format", self.id))

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(self.options.get("extensions", ()))


@dataclass(frozen=True)
class Manifest:
    id: str
    name: str
    version: str
    description: str
    requires: tuple[str, ...]
    contributions: tuple[Contribution, ...]
    register: str | Callable[..., Any] | None = None
    unregister: str | Callable[..., Any] | None = None
    names: Mapping[str, str] = field(default_factory=dict)  # language -> name
    descriptions: Mapping[str, str] = field(default_factory=dict)

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get(lang.split("_")[0]) or self.name

    def description_in(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get(lang.split("_")[0]) or self.description


def _words(value: Any, key: str, default: str, zh: Any = None) -> tuple[str, dict[str, str]]:
    """A manifest text: one string, or {"en": …, "zh_CN": …} (the first is the default); ``zh``
    is the Chinese given beside it as ``<key>_zh``."""
    if zh is not None and not isinstance(zh, str):
        raise ManifestError(f"'{key}_zh' must be text")
    if value is None:
        return default, ({"zh_CN": zh} if zh else {})
    if isinstance(value, str):
        return value, ({"zh_CN": zh} if zh else {})
    if isinstance(value, Mapping) and value and all(isinstance(k, str) and isinstance(v, str)
                                                    for k, v in value.items()):
        words = {str(k): str(v) for k, v in value.items()}
        return words.get("en", next(iter(words.values()))), words
    raise ManifestError(f"'{key}' must be text or a dict of language -> text")


def _target(value: Any, where: str) -> str | Callable[..., Any]:
    if callable(value):
        return value  # type: ignore[no-any-return]
    if isinstance(value, str) and re.match(r"^\.?[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$", value):
        return value
    raise ManifestError(f"{where} must be 'module:attribute' or a callable, not {value!r}")


def parse_manifest(raw: Any, package: str) -> Manifest:
    """Check a ``PLUGIN`` dict and turn it into a Manifest (ManifestError says what is wrong)."""
    if not isinstance(raw, Mapping):
        raise ManifestError("PLUGIN must be a dict")
    pid = raw.get("id")
    if not isinstance(pid, str) or not _ID.match(pid):
        raise ManifestError(f"'id' must be a lower-case name, not {pid!r}")
    api = raw.get("api", API_VERSION)
    if api != API_VERSION:
        raise ManifestError(f"written for plugin API {api!r}; this version offers {API_VERSION}")
    unknown = set(raw) - {"id", "name", "name_zh", "version", "description", "description_zh",
                          "api", "requires", "contributes", "contributions", "register",
                          "unregister"}
    if unknown:
        raise ManifestError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if "contributes" in raw and "contributions" in raw:
        raise ManifestError("give 'contributes' or 'contributions', not both")
    requires = raw.get("requires", [])
    if not isinstance(requires, list | tuple) or not all(isinstance(r, str) for r in requires):
        raise ManifestError("'requires' must be a list of plugin ids or Python requirements")
    contributes = raw.get("contributes", raw.get("contributions", {}))
    if not isinstance(contributes, Mapping):
        raise ManifestError("'contributes' must be a dict of lists")
    out: list[Contribution] = []
    for kind, items in contributes.items():
        if kind not in CONTRIBUTION_KINDS:
            raise ManifestError(f"unknown contribution kind {kind!r} ({', '.join(CONTRIBUTION_KINDS)})")
        if not isinstance(items, list | tuple):
            raise ManifestError(f"'contributes.{kind}' must be a list")
        for n, item in enumerate(items):
            where = f"contributes.{kind}[{n}]"
            if not isinstance(item, Mapping):
                raise ManifestError(f"{where} must be a dict")
            cid = item.get("id", item.get("format"))
            if not isinstance(cid, str) or not cid:
                raise ManifestError(f"{where} needs an 'id'")
            fn = item.get("function", item.get("factory", item.get("callable")))
            if fn is None:
                raise ManifestError(f"{where} needs a 'function'")
            options = {k: v for k, v in item.items()
                       if k not in ("id", "title", "title_zh", "function", "factory", "callable")}
            if kind in ("importers", "exporters"):
                fmt = options.setdefault("format", cid)
                if not isinstance(fmt, str) or not _FORMAT.match(fmt):
                    raise ManifestError(f"{where}: 'format' must be a short lower-case name")
                exts = options.get("extensions", [])
                if not isinstance(exts, list | tuple) or not all(isinstance(e, str) for e in exts):
                    raise ManifestError(f"{where}: 'extensions' must be a list like ['.kml']")
            title, titles = _words(item.get("title"), f"{where}.title", cid, item.get("title_zh"))
            out.append(Contribution(kind, cid, title, _target(fn, where), pid, package, options,
                                    titles))
    hooks = {k: _target(raw[k], k) if raw.get(k) is not None else None
             for k in ("register", "unregister")}
    name, names = _words(raw.get("name"), "name", pid, raw.get("name_zh"))
    description, descriptions = _words(raw.get("description"), "description", "",
                                       raw.get("description_zh"))
    return Manifest(
        id=pid,
        name=name,
        names=names,
        descriptions=descriptions,
        version=str(raw.get("version", "0")),
        description=description,
        requires=tuple(requires),
        contributions=tuple(out),
        register=hooks["register"],
        unregister=hooks["unregister"],
    )


@dataclass
class PluginInfo:
    """A plugin as the manager shows it."""

    key: str  # the id from the manifest, or where it was found when the manifest is unreadable
    source: str  # builtin | folder | entry point
    origin: str  # a path or the entry point's "name = value"
    manifest: Manifest | None = None
    enabled: bool = True
    loaded: bool = False
    error: str | None = None
    context: PluginContext | None = None

    @property
    def name(self) -> str:
        return self.manifest.name if self.manifest else self.key

    @property
    def version(self) -> str:
        return self.manifest.version if self.manifest else ""


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class PluginHost:
    def __init__(
        self,
        make_context: Callable[[str], PluginContext] | None = None,
        *,
        folders: Iterable[Path] = (),
        builtin: bool = True,
        entry_points: bool = True,
        settings_dir: Path | None = None,
    ) -> None:
        self._make_context = make_context
        self._folders = [Path(f) for f in folders]
        self._builtin = builtin
        self._entry_points = entry_points
        self._settings_path = settings_dir / SETTINGS_FILE if settings_dir else None
        self.plugins: dict[str, PluginInfo] = {}
        self._resolved: dict[tuple[str, str, str], Callable[..., Any]] = {}
        self._listeners: list[Callable[[], None]] = []
        self._reported: dict[str, str] = {}  # plugin -> the problem it reported (report)
        self._report_lock = threading.Lock()

    # ------------------------------------------------------------------ settings

    def _disabled(self) -> set[str]:
        if self._settings_path is None or not self._settings_path.exists():
            return set()
        try:
            doc = json.loads(self._settings_path.read_text("utf-8"))
            return {str(x) for x in doc.get("disabled", [])}
        except (OSError, ValueError, AttributeError):
            log.warning("unreadable %s: every plugin enabled", self._settings_path)
            return set()

    def _save_disabled(self) -> None:
        if self._settings_path is None:
            return
        doc = {"version": 1, "disabled": sorted(k for k, p in self.plugins.items() if not p.enabled)}
        tmp = self._settings_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, indent=2), "utf-8")
        os.replace(tmp, self._settings_path)

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Hear when plugins are found, loaded, unloaded or fail (the manager redraws)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # ------------------------------------------------------------------ discovery

    def discover(self) -> list[PluginInfo]:
        """Find every plugin and read its manifest (only the package's ``__init__`` runs)."""
        disabled = self._disabled()
        found: list[tuple[str, str, Callable[[], tuple[Any, str]]]] = []
        if self._builtin:
            root = Path(builtin_plugins.__file__).parent
            # iter_modules, not the folder: in the PyInstaller bundle the packages live in an archive
            for mod in sorted(pkgutil.iter_modules(builtin_plugins.__path__), key=lambda m: m.name):
                if mod.ispkg and not mod.name.startswith("_"):
                    name = f"{builtin_plugins.__name__}.{mod.name}"
                    found.append(("builtin", str(root / mod.name),
                                  functools.partial(_builtin_manifest, name)))
        for folder in self._folders:
            for sub in sorted(folder.iterdir()) if folder.is_dir() else []:
                if (sub / "__init__.py").exists() and not sub.name.startswith("_"):
                    found.append(("folder", str(sub), functools.partial(_folder_manifest, sub)))
        if self._entry_points:
            for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                found.append(("entry point", f"{ep.name} = {ep.value}", functools.partial(_entry_manifest, ep)))
        for source, origin, read in found:
            key = Path(origin).name if source != "entry point" else origin.split(" = ")[0]
            info = PluginInfo(key=key, source=source, origin=origin)
            try:
                raw, package = read()
                info.manifest = parse_manifest(raw, package)
                info.key = info.manifest.id
            except Exception as exc:
                info.error = _describe(exc)
                log.warning("plugin %s (%s) cannot be read: %s", key, origin, info.error, exc_info=True)
            if info.key in self.plugins and self.plugins[info.key].origin != origin:
                info.error = info.error or f"another plugin with id {info.key!r} is already loaded"
                info.key = f"{info.key}@{origin}"
            info.enabled = info.key not in disabled
            old = self.plugins.get(info.key)
            if old is not None and old.loaded:
                continue  # found again: keep the loaded one as it is
            self.plugins[info.key] = info
        self._changed()
        return list(self.plugins.values())

    # ------------------------------------------------------------------ load / unload

    def load_enabled(self) -> None:
        for key in list(self.plugins):
            info = self.plugins[key]
            if info.enabled and not info.loaded and info.manifest is not None:
                self.load(key)

    def load(self, key: str, _chain: tuple[str, ...] = ()) -> bool:
        """Register the plugin's contributions and run its ``register``; False (with the error
        kept on the plugin) when it fails. Required plugins are loaded first."""
        info = self.plugins[key]
        if info.loaded:
            return True
        if info.manifest is None:
            return False
        for dep in info.manifest.requires:
            if dep not in self.plugins:  # not a plugin: a Python requirement ("opencv-python>=4")
                missing = _missing_package(dep)
                if missing:
                    info.error = missing if _PACKAGE.match(dep) else \
                        f"needs {dep!r}: no such plugin, and no such Python package installed"
                    self._changed()
                    return False
                continue
            other = self.plugins.get(dep)
            if dep in _chain or other is None or not other.enabled or not self.load(dep, (*_chain, key)):
                info.error = f"needs plugin {dep!r}, which is missing, disabled or failing"
                self._changed()
                return False
        info.error = None
        ctx = self._make_context(key) if self._make_context else None
        if ctx is not None:
            ctx.problem_listener = functools.partial(self.report, key)
        if info.manifest.register is not None:
            try:
                fn = self._import(info.manifest.register, info.manifest.id, info.origin)
                fn(ctx)
            except Exception as exc:
                info.error = f"register failed: {_describe(exc)}"
                log.warning("plugin %s: %s", key, info.error, exc_info=True)
                if ctx is not None:
                    ctx.run_cleanups()  # whatever it started before failing
                self._changed()
                return False
        info.context = ctx
        info.loaded = True
        log.info("plugin %s %s loaded", key, info.version)
        self._changed()
        return True

    def unload(self, key: str) -> None:
        """The reverse of ``load``: plugins that need this one first, then its ``unregister``, its
        cleanups, and every callable of it imported so far."""
        info = self.plugins[key]
        if not info.loaded:
            return
        for other in self.plugins.values():
            if other.loaded and other.manifest and key in other.manifest.requires:
                self.unload(other.key)
        manifest = info.manifest
        assert manifest is not None
        if manifest.unregister is not None:
            try:
                self._import(manifest.unregister, manifest.id, info.origin)(info.context)
            except Exception as exc:
                info.error = f"unregister failed: {_describe(exc)}"
                log.warning("plugin %s: %s", key, info.error, exc_info=True)
        if info.context is not None:
            errors = info.context.run_cleanups()
            if errors:
                info.error = f"cleanup failed: {errors[0]}"
        for k in [k for k in self._resolved if k[0] == manifest.id]:
            del self._resolved[k]
        info.loaded = False
        info.context = None
        log.info("plugin %s unloaded", key)
        self._changed()

    def report(self, key: str, problem: str | None) -> None:
        """A loaded plugin's running part (a feed, a map layer) says what is wrong now, or that
        it works again (``None``: clears only a problem it reported); shown as its error. May be
        called from a plugin's thread: listeners must not assume the GUI thread."""
        info = self.plugins.get(key)
        if info is None:
            return
        with self._report_lock:
            old = self._reported.pop(key, None)
            if problem is None:
                if info.error is None or info.error != old:
                    return
                info.error = None
            else:
                if info.error == problem:
                    self._reported[key] = problem
                    return
                info.error = self._reported[key] = problem
                log.warning("plugin %s: %s", key, problem)
        self._changed()

    def unload_all(self) -> None:
        for key in list(self.plugins):
            self.unload(key)

    def set_enabled(self, key: str, enabled: bool) -> bool:
        """Enable (and load) or disable (and unload) a plugin; remembered for this post."""
        info = self.plugins[key]
        info.enabled = enabled
        self._save_disabled()
        if enabled:
            return self.load(key)
        self.unload(key)
        self._changed()
        return True

    # ------------------------------------------------------------------ contributions

    def contributions(self, kind: str) -> list[Contribution]:
        """What the loaded plugins contribute of ``kind`` (nothing is imported yet)."""
        return [c for p in self.plugins.values() if p.loaded and p.manifest
                for c in p.manifest.contributions if c.kind == kind]

    def find(self, kind: str, fmt: str) -> Contribution | None:
        for c in self.contributions(kind):
            if c.format == fmt or c.id == fmt:
                return c
        return None

    def formats(self, kind: str) -> list[str]:
        return sorted({c.format for c in self.contributions(kind)})

    def context(self, plugin_id: str) -> PluginContext | None:
        info = self.plugins.get(plugin_id)
        return info.context if info else None

    def resolve(self, contribution: Contribution) -> Callable[..., Any]:
        """The contribution's callable, imported now if it was not yet; PluginError when that
        fails (the error is also kept on the plugin for the manager)."""
        key = (contribution.plugin_id, contribution.kind, contribution.id)
        if key not in self._resolved:
            info = self.plugins.get(contribution.plugin_id)
            try:
                self._resolved[key] = self._import(contribution.target, contribution.plugin_id,
                                                   info.origin if info else "")
            except Exception as exc:
                message = f"{contribution.kind} {contribution.id!r}: {_describe(exc)}"
                if info is not None:
                    info.error = message
                    self._changed()
                log.warning("plugin %s: %s", contribution.plugin_id, message, exc_info=True)
                raise PluginError(f"plugin {contribution.plugin_id}: {message}") from exc
        return self._resolved[key]

    def call(self, contribution: Contribution, *args: Any, **kwargs: Any) -> Any:
        """Run a contribution with its plugin's context first; a crash becomes PluginError."""
        fn = self.resolve(contribution)
        ctx = self.context(contribution.plugin_id)
        try:
            return fn(ctx, *args, **kwargs)
        except Exception as exc:
            if getattr(exc, "user_error", False) or type(exc).__name__ == "InputError":
                raise
            log.exception("plugin %s: %s %s failed", contribution.plugin_id, contribution.kind,
                          contribution.id)
            raise PluginError(f"plugin {contribution.plugin_id}: {contribution.id} failed: "
                              f"{_describe(exc)}") from exc

    def _import(self, target: str | Callable[..., Any], plugin_id: str, origin: str) -> Callable[..., Any]:
        if callable(target):
            return target
        module_name, _, attr = target.partition(":")
        package = _packages.get(origin)
        module = importlib.import_module(module_name, package if module_name.startswith(".") else None)
        obj: Any = module
        for part in attr.split("."):
            obj = getattr(obj, part)
        if not callable(obj):
            raise TypeError(f"{target} is not callable")
        return obj  # type: ignore[no-any-return]


_packages: dict[str, str] = {}  # plugin origin -> its package name, for relative targets


def _module_manifest(module: ModuleType) -> tuple[Any, str]:
    if not hasattr(module, "PLUGIN"):
        where = Path(module.__file__).parent.name if module.__file__ else module.__name__
        raise ManifestError(f"{where}/__init__.py has no PLUGIN manifest")
    package = module.__name__ if hasattr(module, "__path__") else (module.__package__ or "")
    origin = str(Path(module.__file__ or "").parent) if module.__file__ else module.__name__
    _packages[origin] = package
    return module.PLUGIN, package


def _builtin_manifest(name: str) -> tuple[Any, str]:
    return _module_manifest(importlib.import_module(name))


def _folder_manifest(path: Path) -> tuple[Any, str]:
    return _module_manifest(_import_folder(path))


def _import_folder(path: Path) -> ModuleType:
    """Import a plugin package from a folder outside the application, under a private name."""
    tag = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]  # two folders, two plugins
    name = f"_zhijiu_plugin_{re.sub(r'[^0-9A-Za-z_]', '_', path.name)}_{tag}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, path / "__init__.py", submodule_search_locations=[str(path)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _entry_manifest(ep: importlib.metadata.EntryPoint) -> tuple[Any, str]:
    obj = ep.load()
    origin = f"{ep.name} = {ep.value}"
    if isinstance(obj, ModuleType):
        raw, package = _module_manifest(obj)
    else:
        raw, package = obj, ep.module
    _packages[origin] = package
    return raw, package
