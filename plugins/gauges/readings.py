"""What a hydrological source sends, as reading rows for ``PluginContext.record_readings``.

JSON: a list of records, or an object holding one under ``readings`` / ``data`` / ``rows``.
CSV: a header line, then one reading a line (UTF-8 or GB18030). Column names, either case:

* the gauge: ``gauge`` (our id or name), ``station`` or ``stcd`` (测站编码, matched against the
  gauge's ``props.station_code``);
* the time: ``measured_at``, ``time``, ``tm`` (epoch milliseconds, or ISO 8601 — Beijing time
  when no zone is given);
* the value: ``value`` (the gauge's own quantity, or ``quantity``: ``level_m`` / ``rain_mm``),
  or, as in the SL 323 real-time tables, ``z`` (水位, m) or ``drp`` (时段降水量, mm).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from plugins.api import InputError

GAUGE_KEYS = ("gauge", "station", "stcd")
TIME_KEYS = ("measured_at", "time", "tm")
VALUE_KEYS = (("value", None), ("z", "level_m"), ("drp", "rain_mm"))
LIST_KEYS = ("readings", "data", "rows")


def row_of(record: Any) -> Any:
    """One source record as a reading row (what it lacks is left for the service to name)."""
    if not isinstance(record, dict):
        return record
    low = {str(k).strip().lower(): v for k, v in record.items()}
    row: dict[str, Any] = {}
    row["gauge"] = next((low[k] for k in GAUGE_KEYS if low.get(k) not in (None, "")), None)
    row["measured_at"] = next((low[k] for k in TIME_KEYS if low.get(k) not in (None, "")), None)
    for key, quantity in VALUE_KEYS:
        if low.get(key) not in (None, ""):
            row["value"] = low[key]
            if quantity:
                row["quantity"] = quantity
            break
    if low.get("quantity"):
        row["quantity"] = low["quantity"]
    if low.get("note"):
        row["note"] = low["note"]
    if isinstance(row.get("measured_at"), str) and row["measured_at"].strip().isdigit():
        row["measured_at"] = int(row["measured_at"].strip())
    return row


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")  # what a Chinese desktop's spreadsheet saves
        except UnicodeDecodeError:
            raise InputError(f"{name}: not UTF-8 or GB18030 text") from None


def parse(data: bytes, name: str) -> list[Any]:
    """The reading rows of a JSON or CSV document; InputError when it is neither."""
    text = decode(data, name).strip()
    if not text:
        raise InputError(f"{name}: empty")
    if text[0] in "[{":
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise InputError(f"{name}: not valid JSON ({exc})") from None
        if isinstance(doc, dict):
            doc = next((doc[k] for k in LIST_KEYS if isinstance(doc.get(k), list)), None)
        if not isinstance(doc, list):
            raise InputError(f"{name}: JSON without a list of readings "
                             f"(a list, or one under {', '.join(LIST_KEYS)})")
        return [row_of(r) for r in doc]
    if text.lstrip().startswith("<"):
        raise InputError(f"{name}: HTML or XML, not JSON or CSV readings")
    reader = csv.DictReader(io.StringIO(text))
    header = [str(h).strip().lower() for h in (reader.fieldnames or [])]
    if not any(k in header for k in GAUGE_KEYS) or not any(k in header for k in TIME_KEYS):
        raise InputError(f"{name}: a CSV header must name the gauge ({'/'.join(GAUGE_KEYS)}) "
                         f"and the time ({'/'.join(TIME_KEYS)})")
    return [row_of(r) for r in reader]
