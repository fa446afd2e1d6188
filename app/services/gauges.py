"""Monitoring points (雨情, 水情): gauges, their readings over time and threshold alerts.

A gauge is a feature with symbol ``gauge``; its thresholds are in its ``props``
(``warning_level_m`` 警戒水位, ``guarantee_level_m`` 保证水位 for a river gauge; ``warning_mm``,
``guarantee_mm`` for a rain gauge). Readings are append-only records entered by hand, imported
from CSV or fed by a plugin. A gauge's alert is the highest threshold its latest reading is at or
above: ``"warning"`` (超警戒) or ``"guarantee"`` (超保证); ``None`` below both.

Fed readings (``record_readings``, what a feed plugin calls through ``plugins.api``): rows that
name their gauge by id, name or station code (``props.station_code``, 测站编码), checked one by
one — a bad row is named and skipped, the good ones are written in one go. A reading's id comes
from its gauge, quantity, time and value, so a reading fed twice (a source that repeats its last
hour, two posts polling the same station) is one reading.

CSV import: a header line ``gauge,measured_at,value[,quantity][,note]`` where ``gauge`` is the
gauge's name or id and ``measured_at`` is ISO 8601 (a time without a zone is Beijing time) or
epoch milliseconds. The whole file is checked first; any bad line refuses the import with the
line numbers and reasons, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cst import CST
from app.domain import SPECS
from app.domain.gauge import QUANTITIES, THRESHOLDS
from app.services.common import create, new_id, now_ms
from app.services.interop import stable_id
from app.store.store import Draft, Entity, Refused, Store

MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_ERRORS_SHOWN = 10


class GaugeImportError(Refused):
    """A CSV file that cannot be imported; ``problems`` are (line number, reason)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        shown = "; ".join(f"line {n}: {why}" for n, why in problems[:MAX_ERRORS_SHOWN])
        more = len(problems) - MAX_ERRORS_SHOWN
        super().__init__(shown + (f"; and {more} more" if more > 0 else ""))


@dataclass(frozen=True)
class GaugeStatus:
    gauge: Entity
    quantity: str
    latest: float | None
    measured_at: int | None
    warning: float | None  # 警戒
    guarantee: float | None  # 保证
    alert: str | None  # None | "warning" | "guarantee"


def gauges(store: Any) -> list[Entity]:
    return [e for e in store.entities("feature") if e.get("symbol") == "gauge"]


def quantity_of(gauge: Entity) -> str:
    q = (gauge.get("props") or {}).get("quantity")
    return q if q in QUANTITIES else "level_m"


def thresholds(gauge: Entity) -> tuple[float | None, float | None]:
    props = gauge.get("props") or {}
    names = THRESHOLDS[quantity_of(gauge)]
    found = [props.get(n) for n in names]
    return tuple(float(v) if isinstance(v, int | float) else None for v in found)  # type: ignore[return-value]


def alert_for(value: float | None, warning: float | None, guarantee: float | None) -> str | None:
    if value is None:
        return None
    if guarantee is not None and value >= guarantee:
        return "guarantee"
    if warning is not None and value >= warning:
        return "warning"
    return None


def readings(store: Any, gauge_id: str) -> list[Entity]:
    """The gauge's readings in order of measurement."""
    rows = [r for r in store.entities("reading") if r.get("gauge_id") == gauge_id]
    return sorted(rows, key=lambda r: (r.get("measured_at"), r.created_hlc))


def status(store: Any, gauge: Entity) -> GaugeStatus:
    rows = readings(store, gauge.eid)
    warning, guarantee = thresholds(gauge)
    last = rows[-1] if rows else None
    value = float(last.get("value")) if last is not None else None
    return GaugeStatus(
        gauge,
        quantity_of(gauge),
        value,
        int(last.get("measured_at")) if last is not None else None,
        warning,
        guarantee,
        alert_for(value, warning, guarantee),
    )


def statuses(store: Any) -> list[GaugeStatus]:
    return [status(store, g) for g in sorted(gauges(store), key=lambda g: str(g.get("name")))]


def add_reading(
    store: Store,
    operator: str,
    gauge_id: str,
    value: float,
    *,
    measured_at: int | None = None,
    source: str = "hand",
    note: str | None = None,
) -> str:
    gauge = store.get("feature", gauge_id)
    if gauge is None or gauge.deleted or gauge.get("symbol") != "gauge":
        raise Refused(f"no gauge {gauge_id}")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Refused("invalid: a reading must be a number")
    return create(
        store,
        operator,
        "reading",
        {
            "gauge_id": gauge_id,
            "quantity": quantity_of(gauge),
            "value": float(value),
            "measured_at": measured_at if measured_at is not None else now_ms(),
            "source": source,
            "note": note,
        },
    )


# ----------------------------------------------------------------------------- CSV


def parse_time(text: str) -> int:
    text = text.strip()
    if text.isdigit():
        return int(text)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CST)
    return int(moment.timestamp() * 1000)


def _find_gauge(by_name: dict[str, Entity], by_id: dict[str, Entity], key: str) -> Entity | None:
    return by_id.get(key) or by_name.get(key)


def parse_csv(store: Any, text: str) -> list[dict[str, Any]]:
    """The readings of a CSV text, checked; raises ``GaugeImportError`` naming every bad line."""
    known = gauges(store)
    by_id = {g.eid: g for g in known}
    by_name = {str(g.get("name")): g for g in known}
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or not any(c.strip() for c in rows[0]):
        raise GaugeImportError([(1, "the file is empty; the first line must name the columns")])
    header = [c.strip().lower() for c in rows[0]]
    missing = [c for c in ("gauge", "measured_at", "value") if c not in header]
    if missing:
        raise GaugeImportError([(1, f"missing column(s): {', '.join(missing)}")])
    col = {name: header.index(name) for name in header}
    out: list[dict[str, Any]] = []
    problems: list[tuple[int, str]] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < len(header):
            problems.append((n, f"{len(row)} values, the header names {len(header)}"))
            continue
        cell = {name: row[i].strip() for name, i in col.items()}
        gauge = _find_gauge(by_name, by_id, cell["gauge"])
        if gauge is None:
            problems.append((n, f"no gauge named {cell['gauge']!r}"))
            continue
        try:
            measured = parse_time(cell["measured_at"])
        except ValueError:
            problems.append((n, f"measured_at {cell['measured_at']!r} is not a time"))
            continue
        try:
            value = float(cell["value"])
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            problems.append((n, f"value {cell['value']!r} is not a number"))
            continue
        quantity = cell.get("quantity") or quantity_of(gauge)
        if quantity not in QUANTITIES:
            problems.append((n, f"quantity must be one of {', '.join(QUANTITIES)}"))
            continue
        fields = {
            "gauge_id": gauge.eid,
            "quantity": quantity,
            "value": value,
            "measured_at": measured,
            "source": "csv",
        }
        if cell.get("note"):
            fields["note"] = cell["note"]
        problem = SPECS["reading"].check_fields(fields, creating=True)
        if problem:
            problems.append((n, problem))
            continue
        out.append(fields)
    if problems:
        raise GaugeImportError(problems)
    return out


def import_csv(store: Store, operator: str, path: str | Path) -> int:
    """Import readings from a CSV file: all of them in one write, or none; returns how many."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_CSV_BYTES:
            raise Refused(f"{p.name}: larger than {MAX_CSV_BYTES // (1024 * 1024)} MB")
        raw = p.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read {p}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")  # what a spreadsheet saved on a Chinese desktop gives
        except UnicodeDecodeError:
            raise Refused(f"{p.name}: not UTF-8 or GB18030 text") from None
    found = parse_csv(store, text)
    if found:
        store.write([Draft("reading", new_id(), "add", f) for f in found], operator=operator)
    return len(found)


def crossings(values: Iterable[float], warning: float | None) -> int:
    """How many times a series of readings rose to or above a threshold."""
    n, above = 0, False
    for v in values:
        now_above = warning is not None and v >= warning
        n += now_above and not above
        above = now_above
    return n


# ----------------------------------------------------------------------------- fed by a plugin


@dataclass
class FedReadings:
    """What ``record_readings`` did: readings written, readings already held, rows skipped."""

    added: int = 0
    already: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (gauge eid, "warning" | "guarantee")


def gauge_index(store: Any) -> dict[str, Entity]:
    """Every way a source may name a gauge: its id, its name, its station code (测站编码)."""
    index: dict[str, Entity] = {}
    for g in gauges(store):
        if g.deleted:
            continue
        index.setdefault(str(g.get("name")), g)
        code = (g.get("props") or {}).get("station_code")
        if isinstance(code, str | int) and str(code).strip():
            index[str(code).strip()] = g
        index[g.eid] = g
    return index


def reading_id(gauge_id: str, quantity: str, measured_at: int, value: float) -> str:
    """The same reading fed twice, by this post or another, gets the same id."""
    return stable_id("gauge-reading", f"{gauge_id}|{quantity}|{measured_at}|{value!r}")


def _fed_fields(index: dict[str, Entity], row: Any) -> dict[str, Any] | str:
    """The fields of one fed row, or why it cannot be a reading."""
    if not isinstance(row, dict):
        return "not a record"
    key = str(row.get("gauge", "")).strip()
    gauge = index.get(key)
    if gauge is None:
        return f"no gauge named {key!r}" if key else "no gauge named"
    when = row.get("measured_at")
    try:
        if isinstance(when, bool) or when is None:
            raise ValueError
        measured = int(when) if isinstance(when, int | float) else parse_time(str(when))
    except (ValueError, OverflowError):
        return f"measured_at {when!r} is not a time"
    value = row.get("value")
    try:
        if isinstance(value, bool) or value is None:
            raise ValueError
        number = float(value)
        if not math.isfinite(number):
            raise ValueError
    except (TypeError, ValueError):
        return f"value {value!r} is not a number"
    quantity = row.get("quantity") or quantity_of(gauge)
    if quantity not in QUANTITIES:
        return f"quantity must be one of {', '.join(QUANTITIES)}"
    fields: dict[str, Any] = {"gauge_id": gauge.eid, "quantity": quantity, "value": number,
                              "measured_at": measured, "source": "plugin"}
    if row.get("note"):
        fields["note"] = str(row["note"])[:1000]
    return SPECS["reading"].check_fields(fields, creating=True) or fields


def record_readings(store: Store, operator: str, rows: Iterable[Any], *,
                    where: str = "row") -> FedReadings:
    """Write the readings a feed brought (each row: ``gauge`` — id, name or station code —,
    ``measured_at`` — epoch ms or ISO 8601, Beijing time without a zone —, ``value``, optional
    ``quantity`` and ``note``): bad rows are skipped and named, readings already held are left
    alone, the new ones are written in one go. ``alerts`` names the gauges whose latest reading
    crossed a threshold with this batch."""
    out = FedReadings()
    index = gauge_index(store)
    drafts: dict[str, Draft] = {}
    for n, row in enumerate(rows, start=1):
        fields = _fed_fields(index, row)
        if isinstance(fields, str):
            out.problems.append((f"{where} {n}", fields))
            continue
        eid = reading_id(fields["gauge_id"], fields["quantity"], fields["measured_at"], fields["value"])
        if eid in drafts or store.get("reading", eid) is not None:
            out.already += 1
            continue
        drafts[eid] = Draft("reading", eid, "add", fields)
    if not drafts:
        return out
    touched = {d.fields["gauge_id"]: index[d.fields["gauge_id"]] for d in drafts.values()}
    before = _alerts(store, touched)
    store.write(list(drafts.values()), operator=operator)
    out.added = len(drafts)
    for gid, now in sorted(_alerts(store, touched).items()):
        if now is not None and now != before[gid]:
            out.alerts.append((gid, now))
    return out


def _alerts(store: Any, gauges_by_id: dict[str, Entity]) -> dict[str, str | None]:
    """The alert of each of these gauges, from one pass over the readings (``status`` per
    gauge would read them all once per gauge)."""
    latest: dict[str, Entity] = {}
    for r in store.entities("reading"):
        gid = r.get("gauge_id")
        if gid in gauges_by_id:
            best = latest.get(gid)
            if best is None or (r.get("measured_at"), r.created_hlc) > (best.get("measured_at"), best.created_hlc):
                latest[gid] = r
    out: dict[str, str | None] = {}
    for gid, gauge in gauges_by_id.items():
        last = latest.get(gid)
        out[gid] = alert_for(float(last.get("value")) if last is not None else None, *thresholds(gauge))
    return out
