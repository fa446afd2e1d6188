"""`zhijiu media …`: photos and clips from the command line — add files, watch a folder (a
camera card on a headless forward post), and print each incident's timing figures."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any


class MediaUsageError(Exception):
    """A wrong argument: one line on stderr."""


def _position(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    try:
        lon, lat = (float(x) for x in text.replace("，", ",").split(","))
    except ValueError:
        raise MediaUsageError(f"--position wants LON,LAT in degrees, not {text!r}") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise MediaUsageError(f"--position {text!r} is not on the Earth")
    return lon, lat


def cmd_media(args: argparse.Namespace, folder: Any, operator: str) -> int:
    from app.media.ingest import ingest_many  # Pillow and the rest only when the verb runs
    from app.media.timing import all_timings
    from app.media.watch import FolderWatcher
    from app.sync.blobs import BlobStore

    folder.lock()
    store = folder.open_store(args.db)
    blobs = BlobStore(folder.blobs)
    try:
        if args.media_verb == "add":
            outcomes = ingest_many(store, blobs, operator, [Path(f) for f in args.files],
                                   incident_id=args.incident, caption=args.caption,
                                   position=_position(args.position))
            for o in outcomes:
                if o.error:
                    print(f"zhijiu: {o.error}", file=sys.stderr)
                elif o.item:
                    print(f"{o.path.name}: {'already here as' if o.item.duplicate else 'added as'} {o.item.media_id}")
            return 1 if any(o.error for o in outcomes) else 0
        if args.media_verb == "watch":
            dirs = [Path(d) for d in args.folders]
            for d in dirs:
                if not d.is_dir():
                    raise MediaUsageError(f"{d}: not a folder")
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())

            def said(o: Any) -> None:
                print(f"zhijiu: {o.error}" if o.error else f"{o.path.name}: added as {o.item.media_id}",
                      file=sys.stderr if o.error else sys.stdout, flush=True)

            watcher = FolderWatcher(store, blobs, operator, dirs, incident_id=args.incident,
                                    poll_s=args.poll, on_outcome=said)
            print(f"watching {', '.join(map(str, dirs))}", flush=True)
            watcher.start()
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait(args.duration if args.duration else None)
            watcher.stop()
            return 0
        rows: list[dict[str, Any]] = [{"incident": t.incident_id, "arrived_at": t.arrived_at, "unit": t.arrived_unit,
                 "to_first_image_s": t.to_first_image_s, "to_first_panorama_s": t.to_first_panorama_s}
                for t in all_timings(store, args.radius)]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for r in rows:
                def m(s: float | None) -> str:
                    return "-" if s is None else f"{s / 60:.1f} min"
                print(f"{r['incident']}  arrival→first image {m(r['to_first_image_s'])}  "
                      f"arrival→first panorama {m(r['to_first_panorama_s'])}")
        return 0
    finally:
        store.close()


def add_parser(sub: Any, parser_class: Any, func: Any) -> None:
    sp = sub.add_parser("media", help="photos and clips: add files, watch folders, timing figures",
                        description="photos and clips: add files, watch folders, timing figures")
    sp.set_defaults(func=func)
    msub = sp.add_subparsers(dest="media_verb", required=True, metavar="add|watch|timing",
                             parser_class=parser_class)
    for name, help_text in (("add", "add photos and clips as media items"),
                            ("watch", "ingest new photos and clips appearing in folders until stopped")):
        a = msub.add_parser(name, help=help_text)
        a.add_argument("files" if name == "add" else "folders", nargs="+", metavar="FILE" if name == "add" else "DIR")
        a.add_argument("--incident", metavar="ID", help="the incident the items belong to")
        a.add_argument("--operator", help="who adds them (default: $ZHIJIU_OPERATOR or the login name)")
        if name == "add":
            a.add_argument("--caption")
            a.add_argument("--position", metavar="LON,LAT", help="for files without a GPS position")
        else:
            a.add_argument("--poll", type=float, default=2.0, metavar="S")
            a.add_argument("--duration", type=float, metavar="S", help="stop after S seconds")
    t = msub.add_parser("timing", help="per incident: arrival to first image and first panorama")
    t.add_argument("--radius", type=float, default=500.0, metavar="M",
                   help="a team within M metres of the incident's point has arrived")
    t.add_argument("--json", action="store_true")
    t.add_argument("--operator", help=argparse.SUPPRESS)


