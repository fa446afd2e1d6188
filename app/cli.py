"""The `zhijiu` command: headless verbs for operators and scripts; `gui` (the default) opens the window.

A user's mistake gets one clear line on stderr and a non-zero exit (2: the command line is
wrong; 1: the command could not be carried out), never a traceback.

The core never imports Qt or ui/: what needs them (the window, the install's smoke test, a PDF)
is lent by the window layer through ``WINDOW`` — ``ui.main``, the installed `zhijiu` command,
fills it before calling ``main``. ``python -m app`` is the headless command alone.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.exc import OperationalError

from app.datadir import FolderError, PostFolder, default_data_dir
from app.domain.post import LEVELS, ROLES
from app.services.backup import BackupError
from app.services.firstrun import DEMO_OPERATOR, DEMO_PIN
from app.store.store import Refused

log = logging.getLogger(__name__)

EXPORT_FORMATS = ("json", "geojson", "kml", "cot", "cap", "csv", "kmz", "datapackage")
IMPORT_FORMATS = EXPORT_FORMATS  # all but json come from plugins (app/cli_interop.py)


class UserError(Exception):
    """Something the user can fix; printed as one line."""


# what the window layer lends the command line: "gui", "smoke" (args -> exit code) and
# "print_pdf" (html path, pdf path -> None or why not); filled by ui.main
WINDOW: dict[str, Callable[..., Any]] = {}


def from_window(part: str) -> Callable[..., Any]:
    """A part only the window layer has; a clear error where it is not there (`python -m app`)."""
    found = WINDOW.get(part)
    if found is None:
        raise UserError("this needs the window layer (Qt): run the `zhijiu` command, not `python -m app`")
    return found


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"zhijiu: {message} (see `zhijiu --help`)\n")


def _folder(args: argparse.Namespace) -> PostFolder:
    return PostFolder(args.data or default_data_dir())


def _operator(args: argparse.Namespace) -> str:
    return str(args.operator or os.environ.get("ZHIJIU_OPERATOR") or getpass.getuser())


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text("utf-8").rstrip("\n")
        except OSError as exc:
            raise UserError(f"cannot read {args.passphrase_file}: {exc.strerror}") from None
    env = os.environ.get("ZHIJIU_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError("give the passphrase with --passphrase-file FILE or ZHIJIU_PASSPHRASE")
    first = getpass.getpass("passphrase: ")
    if confirm and getpass.getpass("again: ") != first:
        raise UserError("the two passphrases differ")
    return first


# ----------------------------------------------------------------------------- verbs


def cmd_init(args: argparse.Namespace) -> int:
    from app.services.posts import init_post

    folder = init_post(
        _folder(args).path, name=args.name, role=args.role, level=args.level, db_url=args.db
    )
    ident = folder.identity()
    print(
        f"created post {args.name} ({args.role}, {args.level}) id {ident.post_id} in {folder.path}"
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import load_demo

    folder = _folder(args)
    folder.lock()
    store = folder.open_store(args.db)
    try:
        added = load_demo(store)
    finally:
        store.close()
    if not folder.operators():
        folder.set_operator(DEMO_OPERATOR, DEMO_PIN)
        print(f"demo operator: {DEMO_OPERATOR}, PIN {DEMO_PIN}")
    print(
        f"demo scenario: {added} new ops"
        if added
        else "demo scenario already loaded: nothing added"
    )
    return 0


def status_doc(folder: PostFolder, db_url: str | None) -> dict[str, Any]:
    from app.services.node import link_state

    cfg = folder.config()
    ident = folder.identity()
    link = link_state(folder)
    store = folder.open_store(db_url)
    try:
        return {
            "post": {
                "id": ident.post_id,
                "name": cfg.name,
                "role": cfg.role,
                "level": cfg.level,
                "origin": ident.origin,
                "authority": ident.is_authority,
            },
            "store": {"dialect": store.dialect(), "folder": str(folder.path)},
            "ops": store.op_count(),
            "version_vector": store.version_vector(),
            "held": store.held_count(),
            "refused": len(store.refused()),
            "quarantined": len(store.quarantined()),
            "conflicts": len(store.conflicts()),
            "roster": len(store.entities("post", include_deleted=True)),
            "node": link["node"],  # running | stalled (its sync loop stuck > 30 s) | stopped
            "loop_s": link["loop_s"],  # since the running node's sync loop last turned
            "listen": link["listen"],
            "peers": link["peers"],
        }
    finally:
        store.close()


def cmd_status(args: argparse.Namespace) -> int:
    doc = status_doc(_folder(args), args.db)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2))
        return 0
    p = doc["post"]
    print(
        f"post      {p['name']} ({p['role']}, {p['level']}){'  roster authority' if p['authority'] else ''}"
    )
    print(f"id        {p['id']}   origin {p['origin']}")
    print(f"store     {doc['store']['dialect']}  {doc['store']['folder']}")
    print(
        f"ops       {doc['ops']} from {len(doc['version_vector'])} origins; "
        f"held {doc['held']}, refused {doc['refused']}, quarantined {doc['quarantined']}"
    )
    print(f"conflicts {doc['conflicts']}   roster {doc['roster']} posts   node {doc['node']}"
          + (f" listening on {doc['listen']}" if doc["listen"] else ""))
    for p in doc["peers"]:
        rtt = f"rtt {p['rtt_ms']:.0f} ms" if p.get("rtt_ms") is not None else ""
        print(f"peer      {p['name']}  {p['state']}  queued {p.get('queued_ops', '?')} ops  {rtt}")
    return 0


def _write_out(text: str, path: str | None) -> None:
    if path is None or path == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    out = Path(path)
    tmp = out.with_name(out.name + ".partial")
    try:
        tmp.write_text(text, "utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None


def cmd_export(args: argparse.Namespace) -> int:
    if args.format != "json":
        return _interop(args, export=True)
    store = _folder(args).open_store(args.db)
    try:
        _write_out(store.dump(), args.output)
    finally:
        store.close()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.dump_import import DumpError, import_dump

    fmt = args.format or ("json" if args.file.endswith(".json") else None)
    if fmt != "json":
        return _interop(args, export=False)
    try:
        text = Path(args.file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    folder = _folder(args)
    folder.lock()
    store = folder.open_store(args.db)
    try:
        report = import_dump(store, _operator(args), text)
    except DumpError as exc:
        raise UserError(f"{args.file}: {exc}") from None
    finally:
        store.close()
    print(
        f"imported: {report.created} created, {report.updated} updated, {report.deleted} deleted, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
    )
    for etype, eid, reason in report.skipped[:20]:
        print(f"  skipped {etype} {eid}: {reason}", file=sys.stderr)
    return 0


def _interop(args: argparse.Namespace, *, export: bool) -> int:
    from app import cli_interop as io

    folder = _folder(args)
    if not export:
        folder.lock()
    store = folder.open_store(args.db)
    try:
        host = io.make_host(folder, store, _operator(args))
        if export:
            io.write_bytes(io.run_export(host, args.format), args.output)
        else:
            io.print_report(io.run_import(host, args.file, args.format))
        host.unload_all()
    except io.InteropError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.backup import write_backup

    folder = _folder(args)
    store = folder.open_store(args.db)
    try:
        report = write_backup(folder, store, Path(args.output), _passphrase(args, confirm=True))
    finally:
        store.close()
    print(f"backup: {report.ops} ops and {report.held} held ops written to {report.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.backup import restore_backup

    folder = _folder(args)
    report = restore_backup(Path(args.file), folder, _passphrase(args, confirm=False), args.db)
    print(
        f"restored into {folder.path}: {report.applied} ops applied, {report.held} held, "
        f"{report.refused} refused, {report.quarantined} quarantined"
    )
    if not report.complete:
        raise UserError(
            "the backup file ends early: what it held was restored, the rest is missing"
        )
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    from app.services.epoch import start_new_epoch

    folder = _folder(args)
    folder.lock()
    old, new = start_new_epoch(folder)
    print(f"this post now signs as {new} (was {old}): no sequence number is reused")
    return 0


def _wait_for_signal() -> None:
    import signal
    import threading

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(1.0):
        pass


def _start_feeds(folder: PostFolder, store: Any, operator: str) -> Any:
    """The feeds this post's feeds.json configures (the TAK bridge …), as the window runs them;
    one that fails is logged and named, and the node serves all the same."""
    from app.feeds import FeedRunner, feed_config, post_host

    if not feed_config(folder.path):
        return None
    try:
        runner = FeedRunner(post_host(folder.path, store, operator), folder.path)
        failed = runner.start()
    except Exception:  # the plugins themselves cannot be read: the node still serves
        log.exception("feeds not started")
        print("feeds not started (see the log)", file=sys.stderr, flush=True)
        return None
    for key in failed:
        print(f"feed {key} did not start: {runner.failed[key]}", file=sys.stderr, flush=True)
    if runner.feeds:
        print(f"feeds running: {', '.join(sorted(runner.feeds))}", flush=True)
    return runner


def cmd_serve(args: argparse.Namespace) -> int:
    from app.services.node import make_engine
    from app.sync.keys import fingerprint
    from app.sync.peers import check_endpoint

    check_endpoint(args.listen.replace("*", "0.0.0.0"))
    folder = _folder(args)
    folder.lock()
    folder.start_logging()
    if args.log_json or os.environ.get("ZHIJIU_LOG") == "json":
        from app.logjson import log_json_to_stderr

        log_json_to_stderr(post=folder.config().name, post_id=folder.identity().post_id)
    store = folder.open_store(args.db)
    engine = make_engine(folder, store, listen=args.listen)
    try:
        engine.start()
    except RuntimeError as exc:
        store.close()
        raise UserError(str(exc)) from None
    from app.services.autobackup import AutoBackup

    backups = AutoBackup(folder, store)
    backups.start()
    key = folder.curve_keys().public
    print(f"serving {folder.config().name} on {engine.bound_endpoint}; key {key} "
          f"(fingerprint {fingerprint(key)}); {len(engine.peers)} outgoing peer(s)", flush=True)
    log.info("node serving", extra={"listen": engine.bound_endpoint, "store": store.dialect(),
                                    "ops": store.op_count(), "peers": len(engine.peers)})
    runner = _start_feeds(folder, store, _operator(args))
    try:
        _wait_for_signal()
    finally:
        if runner is not None:
            runner.stop()  # the feeds write through the store: they stop before it closes
        backups.stop()
        engine.stop()
        log.info("node stopped", extra={"ops": store.op_count()})
        store.close()
        folder.unlock()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    import time

    from app.services.node import make_engine

    folder = _folder(args)
    folder.lock()
    store = folder.open_store(args.db)
    engine = make_engine(folder, store)
    if not engine.peers:
        store.close()
        raise UserError("no peers configured: add one with `zhijiu peer add ENDPOINT --key KEY`")
    engine.start()
    try:
        if not args.once:
            _wait_for_signal()
            return 0
        deadline = time.monotonic() + args.timeout
        quiet_since = None
        while time.monotonic() < deadline:
            idle = engine.idle()
            blobs_left = bool(args.blobs and engine.wanted_blobs())
            if all(idle.values()) and not blobs_left:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 0.5:  # idle both ways for a moment
                    break
            else:
                quiet_since = None
            time.sleep(0.1)
        idle = engine.idle()
        missing = [p for p, ok in idle.items() if not ok]
        figures = {f["name"]: f for f in engine.snapshot()}
    finally:
        engine.stop()
        store.close()
    for p in idle:
        f = figures.get(p, {})
        print(f"{p}: {'done' if p not in missing else 'NOT done'}; sent {f.get('ops_tx', 0)} ops, "
              f"received {f.get('ops_rx', 0)} ops")
    if missing:
        raise UserError(f"not reached or not finished within {args.timeout:g} s: {', '.join(missing)}")
    return 0


def cmd_peer(args: argparse.Namespace) -> int:
    from app.sync.peers import Peer, PeerError, add_peer, load_peers, parse_rate, remove_peer

    folder = _folder(args)
    folder.config()  # a post must exist
    try:
        if args.peer_verb == "add":
            rate = parse_rate(args.rate) if args.rate else None
            add_peer(folder.peers_path, Peer(args.endpoint, args.key, rate, args.name or ""))
            print(f"peer {args.endpoint} added" + (f" at {rate} bit/s" if rate else ""))
        elif args.peer_verb == "remove":
            remove_peer(folder.peers_path, args.endpoint)
            print(f"peer {args.endpoint} removed")
        else:
            for p in load_peers(folder.peers_path):
                print(f"{p.endpoint}  key {p.server_key}  rate {p.rate_bps or 'unlimited'}  {p.name}")
    except PeerError as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    from app.services.enroll import EnrollError, create_package, import_package

    folder = _folder(args)
    passphrase = _passphrase(args, confirm=False) if args.passphrase_file else None
    try:
        if args.enroll_verb == "create":
            folder.lock()
            store = folder.open_store(args.db)
            try:
                pkg = create_package(folder, store, name=args.name, role=args.role, level=args.level,
                                     endpoint=args.endpoint, out=Path(args.output), server_key=args.key,
                                     passphrase=passphrase, operator=_operator(args))
            finally:
                store.close()
            print(f"enrolled {pkg.name} ({pkg.role}, {pkg.level}) id {pkg.post_id}; package {args.output}")
        else:
            pkg = import_package(Path(args.package), folder, passphrase, args.db)
            print(f"this is now post {pkg.name} ({pkg.role}, {pkg.level}) id {pkg.post_id} in {folder.path}")
        print(f"it connects to {pkg.endpoint}, server key fingerprint {pkg.fingerprint}: "
              "check it with the other operator before trusting the link")
    except EnrollError as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from app.cli_board import cmd_timeline as run

    return run(args, _folder(args), _write_out, UserError)


def cmd_readings(args: argparse.Namespace) -> int:
    from app.cli_board import cmd_readings_import

    return cmd_readings_import(args, _folder(args), _operator(args))


def cmd_gui(args: argparse.Namespace) -> int:
    return int(from_window("gui")(_folder(args), args.db, lang=args.lang, listen=args.listen))


def cmd_media(args: argparse.Namespace) -> int:
    from app.cli_media import MediaUsageError
    from app.cli_media import cmd_media as run

    try:
        return run(args, _folder(args), _operator(args))
    except MediaUsageError as exc:
        raise UserError(str(exc)) from None


def cmd_smoke(args: argparse.Namespace) -> int:
    screenshot = Path(args.screenshot) if args.screenshot else None
    return int(from_window("smoke")(_folder(args), screenshot=screenshot))


def cmd_bench(args: argparse.Namespace) -> int:
    if getattr(sys, "frozen", False):
        raise UserError("benchmarks run from a source checkout (make setup), not from the bundle")
    from benchmarks import run_benchmarks

    return run_benchmarks(args.names, as_json=args.json, size=args.size)


# ----------------------------------------------------------------------------- parser


def build_parser() -> Parser:
    p = Parser(prog="zhijiu", description="智救指挥所 Zhijiu command post")
    p.add_argument(
        "--data",
        metavar="DIR",
        help="the post's folder (default: $ZHIJIU_DATA or the per-user data folder)",
    )
    p.add_argument(
        "--db", metavar="URL", help="a PostgreSQL URL to use instead of the folder's SQLite store"
    )
    p.add_argument("--verbose", "-v", action="store_true", help="log to stderr")
    sub = p.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)

    def verb(name: str, func: Callable[[argparse.Namespace], int], help: str) -> Parser:
        sp: Parser = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(func=func)
        return sp

    sp = verb("gui", cmd_gui, "open the desktop app (the default verb)")
    sp.add_argument("--lang", choices=("zh_CN", "en"), help="interface language for this run")
    sp.add_argument("--listen", metavar="tcp://ADDR:PORT", help="also accept peers here while the window is open")

    sp = verb("init", cmd_init, "create a new post in the data folder (never overwrites one)")
    sp.add_argument("--name", required=True, help="the post's name, e.g. 重庆市应急管理局指挥中心")
    sp.add_argument(
        "--role", required=True, choices=ROLES, help="rear creates the roster authority"
    )
    sp.add_argument("--level", default="city", choices=LEVELS)

    verb("demo", cmd_demo, "load the demo scenario (running it twice adds nothing)")

    sp = verb("status", cmd_status, "post, role, op count, version vector, peers and link state")
    sp.add_argument("--json", action="store_true")

    sp = verb("export", cmd_export, "export the state; json is the canonical full-state dump")
    sp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    sp.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    sp.add_argument("--operator", help="who is exporting (default: $ZHIJIU_OPERATOR or the login name)")

    sp = verb("import", cmd_import, "import a file, a folder or a feed URL; its changes become ops of this post")
    sp.add_argument("file")
    sp.add_argument("--format", choices=IMPORT_FORMATS)
    sp.add_argument(
        "--operator", help="who is importing (default: $ZHIJIU_OPERATOR or the login name)"
    )

    sp = verb("backup", cmd_backup, "write a backup that keeps the original ops and signatures")
    sp.add_argument("-o", "--output", required=True, metavar="FILE")
    sp.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="protects the post's key (else $ZHIJIU_PASSPHRASE or a prompt)",
    )

    sp = verb(
        "restore",
        cmd_restore,
        "make a new post folder from a backup (a fresh epoch: no sequence number reused)",
    )
    sp.add_argument("file")
    sp.add_argument("--passphrase-file", metavar="FILE")

    verb("new-epoch", cmd_new_epoch,
         "after restoring the store from a database dump: sign under a new epoch from now on")

    sp = verb("serve", cmd_serve, "headless node: accept peers, sync, relay; stops cleanly on SIGTERM")
    sp.add_argument("--listen", required=True, metavar="tcp://ADDR:PORT")
    sp.add_argument("--log-json", action="store_true", help="log JSON lines on stderr (also ZHIJIU_LOG=json)")
    sp.add_argument("--operator", help="who the feeds' changes are made by (default: $ZHIJIU_OPERATOR or the "
                                       "login name)")

    sp = verb("sync", cmd_sync, "connect to every configured peer and exchange until each link is idle")
    sp.add_argument("--once", action="store_true", help="stop when every link is idle both ways")
    sp.add_argument("--timeout", type=float, default=60.0, metavar="S")
    sp.add_argument("--blobs", action="store_true", help="also wait for the photos and clips this post pulls")

    sp = verb("peer", cmd_peer, "the peers this post connects to")
    psub = sp.add_subparsers(dest="peer_verb", required=True, metavar="add|list|remove", parser_class=Parser)
    pa = psub.add_parser("add", help="connect to ENDPOINT, whose server must prove KEY")
    pa.add_argument("endpoint", metavar="ENDPOINT")
    pa.add_argument("--key", required=True, metavar="SERVER_KEY", help="the peer's CURVE public key")
    pa.add_argument("--rate", metavar="RATE", help="bandwidth budget, e.g. 256kbit")
    pa.add_argument("--name", help="a name for the operator")
    psub.add_parser("list", help="list the peers")
    pr = psub.add_parser("remove", help="forget a peer")
    pr.add_argument("endpoint", metavar="ENDPOINT")

    sp = verb("enroll", cmd_enroll, "enroll a new post (on the authority) or become one (import)")
    esub = sp.add_subparsers(dest="enroll_verb", required=True, metavar="create|import", parser_class=Parser)
    ec = esub.add_parser("create", help="on the authority: a package for a new post")
    ec.add_argument("--name", required=True)
    ec.add_argument("--role", required=True, choices=ROLES)
    ec.add_argument("--level", default="scene", choices=LEVELS)
    ec.add_argument("--endpoint", required=True, metavar="tcp://ADDR:PORT", help="where the new post connects")
    ec.add_argument("--key", metavar="SERVER_KEY", help="that endpoint's key (default: this post's)")
    ec.add_argument("-o", "--output", required=True, metavar="PACKAGE")
    ec.add_argument("--passphrase-file", metavar="FILE", help="seal the new post's secrets")
    ec.add_argument("--operator")
    ei = esub.add_parser("import", help="become the post of PACKAGE")
    ei.add_argument("package", metavar="PACKAGE")
    ei.add_argument("--passphrase-file", metavar="FILE")

    from app.cli_reports import add_report_verbs
    from app.cli_tasks import add_task_verbs

    add_task_verbs(sub)  # task issue|update|list|show
    add_report_verbs(sub)  # report file|list|sitrep
    from app.cli_media import add_parser as add_media_parser

    add_media_parser(sub, Parser, cmd_media)
    sp = verb("timeline", cmd_timeline, "an incident's timeline (复盘) as CSV or a readable page")
    sp.add_argument("incident", metavar="INCIDENT", help="the incident's id or exact title")
    sp.add_argument("--format", required=True, choices=("csv", "html"))
    sp.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    sp = verb("readings", cmd_readings, "gauge readings (雨情, 水情)")
    rsub = sp.add_subparsers(dest="readings_verb", required=True, metavar="import", parser_class=Parser)
    ri = rsub.add_parser("import", help="import readings from a CSV file: all of them or none")
    ri.add_argument("file", metavar="FILE")
    ri.add_argument("--operator")
    sp = verb("smoke", cmd_smoke, "check this install: first run (demo), window, offline map; JSON")
    sp.add_argument("--screenshot", metavar="PNG", help="also save the map as drawn")

    sp = verb("bench", cmd_bench, "run benchmarks and print figures and ratios against baselines")
    sp.add_argument("names", nargs="*", metavar="NAME", help="which benchmarks (default: all)")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--size", type=int, help="override the benchmark's op count")
    return p


KEY_OPTIONS = ("--key", "--deadline")


def glue_key_values(argv: Sequence[str]) -> list[str]:
    """``--key VALUE`` as ``--key=VALUE``: a CURVE key is Z85 text and a deadline may be ``-2h``
    (then refused as past, in words); both may begin with "-", and argparse would take such a
    value for an option ("expected one argument")."""
    out: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        value = next(tokens, None) if token in KEY_OPTIONS else None
        out.append(f"{token}={value}" if value is not None else token)
    return out


# A field refused by the schema, said in the terms of the option that set it: (option, unit, the
# field's units per option unit). Fields named like their option need no entry.
FIELD_OPTIONS = {
    "ack_within_s": ("--ack-within", "minutes", 60),
    "loss_10k_yuan": ("--loss", "万元", 1),
    "progress": ("--progress", "%", 1),
}
_FIELD_RANGE = re.compile(r"field '(\w+)' must be between (\S+) and (\S+)$")


def in_option_terms(reason: str) -> str:
    """``invalid: field 'loss_10k_yuan' must be between 0 and …`` as ``--loss must be between …``."""
    m = _FIELD_RANGE.search(reason)
    if m is None or m.group(1) not in FIELD_OPTIONS:
        return reason
    option, unit, scale = FIELD_OPTIONS[m.group(1)]
    lo, hi = (float(x) / scale for x in m.group(2, 3))
    return f"{option} must be between {lo:g} and {hi:g} ({unit})"


def _quiet_broken_pipe() -> int:
    """The reader went away (`zhijiu task list | head`): stop quietly, as Unix tools do; stdout
    points at /dev/null so the interpreter's last flush does not complain either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a tool the pipe stopped


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = glue_key_values(argv if argv is not None else sys.argv[1:])
    args = parser.parse_args(argv)
    if args.verb is None:
        args = parser.parse_args([*argv, "gui"])
    args.db = args.db or os.environ.get("ZHIJIU_DB") or None
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except Refused as exc:
        print(f"zhijiu: {in_option_terms(str(exc))}", file=sys.stderr)
        return 1
    except (UserError, FolderError, BackupError) as exc:
        print(f"zhijiu: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except OperationalError as exc:
        print(f"zhijiu: cannot use the store: {exc.orig or exc}".splitlines()[0], file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"zhijiu: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
