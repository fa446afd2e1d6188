"""CoT files and TAK data packages in and out (the importers and exporters of the TAK plugin).

A ``.cot`` / ``.xml`` file holds one event or several one after another. A data package is a
zip with ``MANIFEST/manifest.xml`` listing its entries; a photo entry names the marker it
belongs to with ``<Parameter name="uid">``, and becomes a media item at that marker's place.
Zips are read with bounds (entries, sizes) and never extracted to disk.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

from defusedxml import ElementTree as SafeET

from plugins.api import InputError, Parsed, PluginContext, Problem, Record, now_ms, stable_id

from . import cot, proto

MAX_ENTRIES = 2000
MAX_ENTRY_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
OUT_TYPES = ("unit", "task", "feature")


def import_cot(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    """A CoT file: every event in it (XML one after another, or TAK protocol v1 frames)."""
    if proto.is_protobuf(data):
        try:
            return cot_parsed([data], ctx)
        except cot.CotError as exc:
            raise InputError(str(exc)) from None
    buffer = bytearray(data)
    chunks = list(cot.split_stream(buffer))
    if not chunks:
        raise InputError("no CoT <event> in the file")
    return cot_parsed(chunks, ctx)


def cot_parsed(chunks: list[bytes], ctx: PluginContext | None) -> Parsed:
    parsed = Parsed()
    for n, chunk in enumerate(chunks, 1):
        try:
            ev = proto.decode(chunk) if proto.is_protobuf(chunk) else cot.parse_event(chunk)
        except cot.CotError as exc:
            parsed.problems.append(Problem(f"event {n}", str(exc)))
            continue
        if ctx is not None and ev.ours.get("post") == ctx.post_id:
            continue  # our own export coming home: this post holds it already
        for rec in cot.records_for(ev, ctx.put_blob if ctx else None):
            if rec.etype == "unit" and ctx is not None:
                rec = Record(rec.etype, rec.eid, rec.fields, rec.where,
                             {**rec.create_only, "post_id": ctx.post_id})
            parsed.records.append(rec)
    return parsed


def export_cot(ctx: PluginContext) -> bytes:
    """Our units, tasks and hazards as CoT events, one per line."""
    entities = [e for t in OUT_TYPES for e in ctx.store.entities(t)]
    return cot.export_events(entities, ctx.post_id, now_ms())


# ----------------------------------------------------------------------------- data packages


def _manifest(zf: zipfile.ZipFile) -> ET.Element | None:
    for info in zf.infolist():
        if info.filename.lower() == "manifest/manifest.xml":
            if info.file_size > 1024 * 1024:
                raise InputError("MANIFEST/manifest.xml is larger than 1 MiB")
            try:
                return SafeET.fromstring(zf.read(info), forbid_dtd=True)  # type: ignore[no-any-return]
            except ET.ParseError as exc:
                raise InputError(f"MANIFEST/manifest.xml line {exc.position[0]}: not well-formed") from None
    return None


def import_datapackage(ctx: PluginContext | None, data: bytes, name: str = "") -> Parsed:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a zip file (a TAK data package is a zip)") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"more than {MAX_ENTRIES} entries")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise InputError(f"unpacks to more than {MAX_TOTAL_BYTES >> 20} MiB")
    manifest = _manifest(zf)
    if manifest is None:
        raise InputError("no MANIFEST/manifest.xml: not a TAK data package")
    attach: dict[str, str] = {}  # zip entry -> marker uid
    listed: list[str] = []
    for content in manifest.iter("Content"):
        entry = content.get("zipEntry")
        if not entry or content.get("ignore") == "true":
            continue
        listed.append(entry)
        for param in content.iter("Parameter"):
            if param.get("name") == "uid" and param.get("value"):
                attach[entry] = str(param.get("value"))
    parsed = Parsed()
    markers: dict[str, cot.CotEvent] = {}
    names = {i.filename: i for i in infos}
    for entry in listed:
        info = names.get(entry)
        if info is None:
            parsed.problems.append(Problem(entry, "listed in the manifest but not in the zip"))
            continue
        if info.file_size > MAX_ENTRY_BYTES:
            parsed.problems.append(Problem(entry, f"larger than {MAX_ENTRY_BYTES >> 20} MiB"))
            continue
        lower = entry.lower()
        if lower.endswith((".cot", ".xml")):
            try:
                ev = cot.parse_event(zf.read(info))
            except cot.CotError as exc:
                parsed.problems.append(Problem(entry, str(exc)))
                continue
            markers[ev.uid] = ev
            for rec in cot.records_for(ev, ctx.put_blob if ctx else None):
                if rec.etype == "unit" and ctx is not None:
                    rec = Record(rec.etype, rec.eid, rec.fields, rec.where,
                                 {**rec.create_only, "post_id": ctx.post_id})
                parsed.records.append(rec)
    for entry, uid in attach.items():
        ext = "." + entry.rsplit(".", 1)[-1].lower() if "." in entry else ""
        if ext not in IMAGE_TYPES or entry not in names:
            continue
        marker = markers.get(uid)
        if marker is None:
            parsed.problems.append(Problem(entry, f"attached to marker {uid!r}, which the package does not hold"))
            continue
        image = zf.read(names[entry])
        sha = ctx.put_blob(image) if ctx is not None else None
        if sha is None:
            import hashlib

            sha = hashlib.sha256(image).hexdigest()
            parsed.blobs.append(image)
        parsed.records.append(Record("media", stable_id("datapackage", f"{uid}/{entry}"), {
            "sha256": sha, "kind": "photo", "mime": IMAGE_TYPES[ext], "size": len(image),
            "captured_at": marker.time_ms, "geom": cot.point(marker.lon, marker.lat),
            "caption": (marker.callsign or marker.remarks or uid)[:1000],
        }, entry))
    return parsed


def export_datapackage(ctx: PluginContext) -> bytes:
    """Our units, tasks and hazards as a TAK data package (one .cot per item, photos beside
    the marker nearest to where they were taken are not guessed: media go as their own markers)."""
    now = now_ms()
    buf = io.BytesIO()
    manifest = ET.Element("MissionPackageManifest", {"version": "2"})
    config = ET.SubElement(manifest, "Configuration")
    ET.SubElement(config, "Parameter", {"name": "uid", "value": stable_id("datapackage", f"{ctx.post_id}:{now}")})
    ET.SubElement(config, "Parameter", {"name": "name", "value": "zhijiu.zip"})
    contents = ET.SubElement(manifest, "Contents")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for etype in OUT_TYPES:
            for e in ctx.store.entities(etype):
                ev = cot.event_for(e, ctx.post_id, now)
                if ev is None:
                    continue
                entry = f"{e.eid}/{e.eid}.cot"
                zf.writestr(entry, cot.to_bytes(ev))
                ET.SubElement(contents, "Content", {"ignore": "false", "zipEntry": entry})
        blobs = ctx.blobs
        for m in ctx.store.entities("media"):
            if blobs is None or not m.get("geom") or not blobs.has(m.get("sha256", "")):
                continue
            ev = _image_marker(m, ctx.post_id, now)
            ext = {"image/png": ".png"}.get(m.get("mime", ""), ".jpg")
            zf.writestr(f"{m.eid}/{m.eid}.cot", cot.to_bytes(ev))
            zf.write(blobs.path(m.get("sha256")), f"{m.eid}/photo{ext}")
            ET.SubElement(contents, "Content", {"ignore": "false", "zipEntry": f"{m.eid}/{m.eid}.cot"})
            c = ET.SubElement(contents, "Content", {"ignore": "false", "zipEntry": f"{m.eid}/photo{ext}"})
            ET.SubElement(c, "Parameter", {"name": "uid", "value": m.eid})
        zf.writestr("MANIFEST/manifest.xml", ET.tostring(manifest, encoding="utf-8", xml_declaration=True))
    return buf.getvalue()


def _image_marker(m: Any, post_id: str, now: int) -> ET.Element:
    lon, lat = m.get("geom")["coordinates"]
    ev = ET.Element("event", {"version": "2.0", "uid": m.eid, "type": "b-m-p-s-m", "how": "h-e",
                              "time": cot._iso(now), "start": cot._iso(now), "stale": cot._iso(now + 86_400_000)})
    ET.SubElement(ev, "point", {"lat": f"{lat:.7f}", "lon": f"{lon:.7f}", "hae": "9999999.0",
                                "ce": "9999999.0", "le": "9999999.0"})
    detail = ET.SubElement(ev, "detail")
    ET.SubElement(detail, "contact", {"callsign": (m.get("caption") or "photo")[:64]})
    ET.SubElement(detail, "zhijiu", {"post": post_id, "etype": "media"})
    return ev
