"""`zhijiu report file|list|sitrep`: 首报/续报/终报 from scripts, the incident's totals, and the
situation report as one self-contained HTML file or its PDF (by the output's extension).

A 续报/终报's figures not given carry over from this post's latest report (``file_report``);
reports out of order (a second 首报, a 续报 before the 首报, anything after the 终报) are refused."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from app.cli import Parser, UserError, _operator, _write_out, from_window
from app.cli_tasks import emit, iso, open_store, parse_point, resolve
from app.domain.report import CATEGORIES, FIGURES, KINDS
from app.ops import hlc_ms
from app.services.common import now_ms


def report_doc(r: Any) -> dict[str, Any]:
    return {"id": r.eid, **r.data, "filed_at": iso(hlc_ms(r.created_hlc)), "origin": r.created_origin}


def cmd_report_file(args: argparse.Namespace) -> int:
    from app.services.reports import file_report

    with open_store(args, write=True) as store:
        incident = resolve(store, "incident", args.incident).eid
        figures = {name: getattr(args, name) for name in FIGURES if getattr(args, name) is not None}
        rid = file_report(
            store, _operator(args), incident_id=incident, kind=args.kind, category=args.category,
            text=args.text, reporter=args.reporter, geom=parse_point(args.at) if args.at else None,
            media=args.photo or None, loss_10k_yuan=args.loss, **figures,
        )  # fmt: skip
        report = store.get("report", rid)
        assert report is not None
        emit(report_doc(report), args.json, lambda: f"filed {args.kind} report {rid}")
    return 0


def cmd_report_list(args: argparse.Namespace) -> int:
    from app.services.reports import incident_totals, report_due, reports_of

    with open_store(args, write=False) as store:
        incidents = [resolve(store, "incident", args.incident)] if args.incident else store.entities("incident")
        docs = []
        for inc in incidents:
            reports = reports_of(store, inc.eid)
            due = report_due(inc.data, reports)
            docs.append({
                "incident": inc.eid,
                "title": inc.get("title"),
                "totals": incident_totals(store, inc.eid),
                "next_due": {"kind": due[0], "at": iso(due[1]), "late": due[1] < now_ms()} if due else None,
                "reports": [report_doc(r) for r in reports],
            })  # fmt: skip

        def text() -> str:
            lines = []
            for d in docs:
                t = d["totals"]
                lines.append(f"{d['incident'][:8]}  {d['title']}: " + ", ".join(
                    f"{k} {v:g}" for k, v in t.items() if v))  # fmt: skip
                if d["next_due"]:
                    late = " LATE" if d["next_due"]["late"] else ""
                    lines.append(f"  next: {d['next_due']['kind']} due {d['next_due']['at']}{late}")
                for r in d["reports"]:
                    lines.append(f"  {r['filed_at']}  {r['kind']:<8} {r.get('category') or '':<8} {r.get('text', '')[:60]}")
            return "\n".join(lines) or "no incidents"

        emit(docs, args.json, text)
    return 0


SITREP_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


def sitrep_format(output: str | None) -> str:
    """HTML or PDF by the output's extension; standard output gets HTML."""
    if output is None or output == "-":
        return "html"
    fmt = SITREP_FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        raise UserError(f"{output}: the situation report is written as .pdf, .html or .htm")
    return fmt


def write_pdf(html: str, output: str) -> None:
    """Print the report to PDF as the window does (QtWebEngine), from a temporary HTML file."""
    print_pdf = from_window("print_pdf")
    out = Path(output)
    if not out.parent.is_dir():
        raise UserError(f"cannot write {output}: no such directory")
    with tempfile.TemporaryDirectory(prefix="zhijiu-sitrep-") as tmp:
        page, pdf = Path(tmp) / "sitrep.html", Path(tmp) / "sitrep.pdf"
        page.write_text(html, "utf-8")
        problem = print_pdf(page, pdf)
        if problem is not None:
            raise UserError(problem)
        try:
            _write_bytes(pdf.read_bytes(), out)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None


def _write_bytes(data: bytes, out: Path) -> None:
    tmp = out.with_name(out.name + ".partial")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def cmd_report_sitrep(args: argparse.Namespace) -> int:
    from app.services.sitrep import sitrep_html

    fmt = sitrep_format(args.output)
    png = None
    if args.map:
        try:
            png = Path(args.map).read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {args.map}: {exc.strerror or exc}") from None
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise UserError(f"{args.map} is not a PNG image")
    with open_store(args, write=False) as store:
        incident = resolve(store, "incident", args.incident).eid
        html = sitrep_html(store, incident, map_png=png)
    if fmt == "pdf":
        write_pdf(html, args.output)
    else:
        _write_out(html, args.output)
    if args.output and args.output != "-":
        print(f"situation report written to {args.output}")
    return 0


def add_report_verbs(sub: Any) -> None:
    sp: Parser = sub.add_parser(
        "report", help="file and list reports (信息报送); the situation report",
        description="file and list reports; write the situation report",
    )  # fmt: skip
    rsub = sp.add_subparsers(dest="report_verb", required=True, metavar="file|list|sitrep", parser_class=Parser)

    p = rsub.add_parser(
        "file", help="file a 首报 (first), 续报 (followup) or 终报 (final)",
        description="File a report from this post. A post files one 首报 (first) per incident, then "
                    "续报 (followup), and its 终报 (final) ends its reporting: a second first report, a "
                    "followup or final before the first, and any report after the final are refused. "
                    "Figures not given on a followup or final carry over from this post's latest "
                    "report on the incident (give 0 to clear one).",
    )  # fmt: skip
    p.set_defaults(func=cmd_report_file)
    p.add_argument("--incident", required=True, metavar="ID")
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--category", choices=CATEGORIES, help="七情: rain water flood hazard disaster works opinion")
    for name in FIGURES:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, type=int, metavar="N")
    p.add_argument("--loss", type=float, metavar="10K_YUAN", help="direct economic loss in 万元")
    p.add_argument("--text")
    p.add_argument("--reporter")
    p.add_argument("--at", metavar="LON,LAT")
    p.add_argument("--photo", action="append", metavar="MEDIA_ID")
    p.add_argument("--operator")
    p.add_argument("--json", action="store_true")

    p = rsub.add_parser("list", help="reports, totals and the next report due, per incident")
    p.set_defaults(func=cmd_report_list)
    p.add_argument("--incident", metavar="ID")
    p.add_argument("--json", action="store_true")

    p = rsub.add_parser("sitrep", help="the situation report of INCIDENT as self-contained HTML or PDF")
    p.set_defaults(func=cmd_report_sitrep)
    p.add_argument("incident", metavar="INCIDENT", help="id, unique prefix or title")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="FILE.pdf: PDF; FILE.html or .htm: HTML; default: HTML on standard output")
    p.add_argument("--map", metavar="PNG", help="a map snapshot to include")
