"""The map page's web assets: which files of which npm package, copied where, served at which URL.

The packages are pinned in ``package.json`` / ``package-lock.json`` at the repository root and
installed by ``npm ci`` at set-up and packaging time — never fetched from a CDN at run time.
``vendor()`` copies exactly the files the page needs (and each package's licence) from
``node_modules/`` into ``resources/web/vendor/``, a stable folder that the ``zhijiu://`` scheme
serves and PyInstaller bundles; the page refers to them as ``zhijiu://web/vendor/…``. Relative
references inside the stylesheets (Leaflet's ``images/``, Font Awesome's ``../webfonts/``) keep
working because each package keeps its own layout below its folder.

Run ``python -m ui.map.assets`` (``make web`` does, when the lockfile or this manifest changed).
This module uses the standard library only: it runs before anything else is set up.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "resources" / "web"
VENDOR = WEB / "vendor"
NODE_MODULES = ROOT / "node_modules"
LOCKFILE = ROOT / "package-lock.json"
STAMP = VENDOR / ".stamp.json"
URL = "zhijiu://web/vendor/"

# vendor folder -> (npm package, {path below vendor/<folder>: path below node_modules/<package>})
MANIFEST: dict[str, tuple[str, dict[str, str]]] = {
    "leaflet": ("leaflet", {
        "leaflet.js": "dist/leaflet.js",
        "leaflet.css": "dist/leaflet.css",
        "images/layers.png": "dist/images/layers.png",
        "images/layers-2x.png": "dist/images/layers-2x.png",
        "images/marker-icon.png": "dist/images/marker-icon.png",
        "images/marker-icon-2x.png": "dist/images/marker-icon-2x.png",
        "images/marker-shadow.png": "dist/images/marker-shadow.png",
        "LICENSE": "LICENSE",
    }),
    "jquery": ("jquery", {
        "jquery.min.js": "dist/jquery.min.js",
        "LICENSE.txt": "LICENSE.txt",
    }),
    "bootstrap": ("bootstrap", {
        "bootstrap.bundle.min.js": "dist/js/bootstrap.bundle.min.js",
        "bootstrap.min.css": "dist/css/bootstrap.min.css",
        "LICENSE": "LICENSE",
    }),
    "awesome-markers": ("leaflet.awesome-markers", {
        "leaflet.awesome-markers.js": "dist/leaflet.awesome-markers.min.js",
        "leaflet.awesome-markers.css": "dist/leaflet.awesome-markers.css",
        "images/markers-soft.png": "dist/images/markers-soft.png",
        "images/markers-soft@2x.png": "dist/images/markers-soft@2x.png",
        "images/markers-shadow.png": "dist/images/markers-shadow.png",
        "images/markers-shadow@2x.png": "dist/images/markers-shadow@2x.png",
        "LICENSE": "LICENSE",
    }),
    "fontawesome": ("@fortawesome/fontawesome-free", {
        "css/all.min.css": "css/all.min.css",
        "webfonts/fa-solid-900.woff2": "webfonts/fa-solid-900.woff2",
        "webfonts/fa-solid-900.ttf": "webfonts/fa-solid-900.ttf",
        "webfonts/fa-regular-400.woff2": "webfonts/fa-regular-400.woff2",
        "webfonts/fa-regular-400.ttf": "webfonts/fa-regular-400.ttf",
        "webfonts/fa-brands-400.woff2": "webfonts/fa-brands-400.woff2",
        "webfonts/fa-brands-400.ttf": "webfonts/fa-brands-400.ttf",
        "webfonts/fa-v4compatibility.woff2": "webfonts/fa-v4compatibility.woff2",
        "webfonts/fa-v4compatibility.ttf": "webfonts/fa-v4compatibility.ttf",
        "LICENSE.txt": "LICENSE.txt",
    }),
    "markercluster": ("leaflet.markercluster", {
        "leaflet.markercluster.js": "dist/leaflet.markercluster.js",
        "MarkerCluster.css": "dist/MarkerCluster.css",
        "MarkerCluster.Default.css": "dist/MarkerCluster.Default.css",
        "MIT-LICENCE.txt": "MIT-LICENCE.txt",
    }),
    "leaflet-draw": ("leaflet-draw", {
        "leaflet.draw.js": "dist/leaflet.draw.js",
        "leaflet.draw.css": "dist/leaflet.draw.css",
        "images/spritesheet.png": "dist/images/spritesheet.png",
        "images/spritesheet-2x.png": "dist/images/spritesheet-2x.png",
        "images/spritesheet.svg": "dist/images/spritesheet.svg",
        "images/layers.png": "dist/images/layers.png",
        "images/layers-2x.png": "dist/images/layers-2x.png",
        "images/marker-icon.png": "dist/images/marker-icon.png",
        "images/marker-icon-2x.png": "dist/images/marker-icon-2x.png",
        "images/marker-shadow.png": "dist/images/marker-shadow.png",
        "package.json": "package.json",  # MIT (the package ships no licence file)
    }),
}


def url(folder: str, path: str) -> str:
    """The ``zhijiu://`` URL of one vendored file (checked against the manifest)."""
    if path not in MANIFEST[folder][1]:
        raise KeyError(f"{folder}/{path} is not in the web asset manifest")
    return f"{URL}{folder}/{path}"


def expected() -> list[Path]:
    """Every file ``vendor()`` writes."""
    return [VENDOR / folder / rel for folder, (_pkg, files) in MANIFEST.items() for rel in files]


def _fingerprint() -> str:
    """The lockfile and this manifest: when either changes, the vendored copy is stale."""
    h = hashlib.sha256()
    h.update(LOCKFILE.read_bytes() if LOCKFILE.exists() else b"")
    h.update(json.dumps(MANIFEST, sort_keys=True).encode())
    return h.hexdigest()


def missing() -> list[str]:
    """What is wrong with the vendored copy, in words; empty when the page can be served."""
    gone = [str(p.relative_to(ROOT)) for p in expected() if not p.is_file()]
    if gone:
        return [f"missing web asset {g}" for g in gone[:5]] + (
            [f"… and {len(gone) - 5} more"] if len(gone) > 5 else [])
    return []


def up_to_date() -> bool:
    try:
        stamp = json.loads(STAMP.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("fingerprint") == _fingerprint() and not missing()


def vendor(node_modules: Path = NODE_MODULES, dest: Path = VENDOR) -> list[Path]:
    """Copy the manifest's files from ``node_modules`` into ``dest`` (replacing what was there)."""
    problems = []
    for package, files in MANIFEST.values():
        for src in files.values():
            if not (node_modules / package / src).is_file():
                problems.append(f"{package}/{src}")
    if problems:
        raise SystemExit(
            "web assets missing from node_modules (run `npm ci` in the repository root): "
            + ", ".join(problems)
        )
    if dest.exists():
        shutil.rmtree(dest)
    written = []
    versions = {}
    for folder, (package, files) in MANIFEST.items():
        meta = json.loads((node_modules / package / "package.json").read_text("utf-8"))
        versions[package] = meta.get("version", "")
        for rel, src in files.items():
            target = dest / folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(node_modules / package / src, target)
            written.append(target)
    (dest / ".stamp.json").write_text(
        json.dumps({"fingerprint": _fingerprint(), "versions": versions}, indent=1, sort_keys=True),
        "utf-8",
    )
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        problems = missing()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    written = vendor()
    size = sum(p.stat().st_size for p in written)
    print(f"web assets: {len(written)} files, {size / 1e6:.1f} MB in {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
