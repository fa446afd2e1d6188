"""`zhijiu timeline` and `zhijiu readings import`: the board's headless verbs.

``timeline INCIDENT --format csv|html [-o FILE]`` writes an incident's timeline (复盘) as CSV or as
a readable Chinese page with the indicators; INCIDENT is its id or its exact title.
``readings import FILE`` imports gauge readings (雨情, 水情) from CSV: all or nothing, with the
numbers of the bad lines.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.store.store import Store


def _incident_id(store: Store, wanted: str) -> str:
    for e in store.entities("incident"):
        if wanted in (e.eid, e.get("title")):
            return e.eid
    raise LookupError(f"no incident {wanted!r} (give its id or its exact title)")


def cmd_timeline(args: argparse.Namespace, folder: Any, write_out: Callable[[str, str | None], None],
                 user_error: type[Exception]) -> int:
    from app.services import timeline

    store = folder.open_store(args.db)
    try:
        try:
            incident = _incident_id(store, args.incident)
        except LookupError as exc:
            raise user_error(str(exc)) from None
        events = timeline.timeline(store, incident)
        names = {p.eid: str(p.get("name", p.eid)) for p in store.entities("post")}
        if args.format == "csv":
            text = timeline.to_csv(events, names)
        else:
            found = store.get("incident", incident)
            title = str(found.get("title", "")) if found is not None else ""
            text = timeline.to_html(events, names, title, timeline.indicators(store, incident))
    finally:
        store.close()
    write_out(text, args.output)
    return 0


def cmd_readings_import(args: argparse.Namespace, folder: Any, operator: str) -> int:
    from app.services.gauges import import_csv

    folder.lock()
    store = folder.open_store(args.db)
    try:
        n = import_csv(store, operator, args.file)
    finally:
        store.close()
    print(f"imported {n} reading(s)")
    return 0
