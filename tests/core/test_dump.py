"""The canonical dump: a golden file pins its format; equal op sets print equal bytes; import
turns a dump's differences into new ops of the importing post."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from oplab import Lab

from app.identity import Anchor, public_bytes
from app.ops import encode, hlc_of_ms, post_id_of
from app.services.dump_import import import_dump
from app.store.store import Store

GOLDEN = Path(__file__).with_name("golden") / "dump.json"
T0 = 1_782_000_000_000  # 2026-06-21T00:00:00Z


def fixed_key(name: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(name.encode()).digest())


def golden_store(tmp_path: Path) -> Store:
    """A store holding a fixed set of ops: every kind of value the dump must print."""
    city, fwd = fixed_key("golden-city"), fixed_key("golden-forward")
    cid, fid = post_id_of(public_bytes(city)), post_id_of(public_bytes(fwd))
    co, fo = f"{cid}.00000001", f"{fid}.00000001"
    store = Store(f"sqlite:///{tmp_path}/golden.db", anchor=Anchor(cid, public_bytes(city)))

    def op(key, origin, seq, minute, etype, eid, kind, fields, bases=None, who="李明"):
        return encode(
            key,
            origin=origin,
            seq=seq,
            hlc=hlc_of_ms(T0 + minute * 60_000),
            operator=who,
            etype=etype,
            eid=eid,
            kind=kind,
            fields=fields,
            bases=bases or {},
        )

    ops = [
        op(
            city,
            co,
            1,
            0,
            "post",
            cid,
            "put",
            {
                "name": "重庆市应急管理局指挥中心",
                "role": "rear",
                "level": "city",
                "sign_key": public_bytes(city).hex(),
                "authority": True,
            },
        ),
        op(
            city,
            co,
            2,
            1,
            "post",
            fid,
            "put",
            {
                "name": "菜园坝现场前方指挥部",
                "role": "forward",
                "level": "scene",
                "sign_key": public_bytes(fwd).hex(),
            },
        ),
        op(
            city,
            co,
            3,
            2,
            "incident",
            "inc-1",
            "put",
            {
                "title": "长江嘉陵江洪峰过境",
                "category": "flood",
                "status": "open",
                "response_level": 4,
                "opened_at": T0,
                "geom": {"type": "Point", "coordinates": [106.5421234567891, 29.5461234567891]},
            },
        ),
        op(
            city,
            co,
            4,
            30,
            "incident",
            "inc-1",
            "put",
            {"response_level": 3},
            {"response_level": [[co, 3]]},
        ),
        op(
            city,
            co,
            5,
            31,
            "task",
            "task-1",
            "put",
            {
                "title": "组织菜园坝低洼区群众转移",
                "status": "issued",
                "issuer": cid,
                "assignee": fid,
                "assignee_kind": "post",
                "incident_id": "inc-1",
                "deadline": T0 + 3_600_000,
                "priority": "urgent",
            },
        ),
        op(
            fwd,
            fo,
            1,
            35,
            "task",
            "task-1",
            "put",
            {"status": "in_progress"},
            {"status": [[co, 5]]},
            "王强",
        ),
        op(
            city,
            co,
            6,
            36,
            "task",
            "task-1",
            "put",
            {"status": "acknowledged"},
            {"status": [[co, 5]]},
        ),
        op(
            fwd,
            fo,
            2,
            40,
            "report",
            "rep-1",
            "add",
            {
                "incident_id": "inc-1",
                "kind": "first",
                "trapped": 12,
                "evacuated": 340,
                "loss_10k_yuan": 85.5,
                "text": "菜园坝片区积水1.2米",
            },
            None,
            "王强",
        ),
        op(
            fwd,
            fo,
            3,
            41,
            "feature",
            "feat-1",
            "put",
            {
                "symbol": "shelter",
                "name": "大田湾体育场避难点",
                "capacity": 2000,
                "geom": {"type": "Point", "coordinates": [106.543, 29.556]},
            },
            None,
            "王强",
        ),
        op(fwd, fo, 4, 42, "feature", "feat-1", "del", {}, {"deleted": []}, "王强"),
    ]
    result = store.apply(ops, source="golden")
    assert result.applied == len(ops), result
    return store


def test_the_dump_format_is_pinned_by_a_golden_file(tmp_path):
    store = golden_store(tmp_path)
    text = store.dump()
    if not GOLDEN.exists():  # first run writes it; review it by eye and commit it
        GOLDEN.write_text(text, "utf-8")
    assert text == GOLDEN.read_text("utf-8")
    doc = json.loads(text)
    inc = next(e for e in doc["entities"] if e["id"] == "inc-1")
    assert inc["fields"]["opened_at"] == "2026-06-21T00:00:00.000Z"
    assert inc["fields"]["geom"]["coordinates"] == [106.5421235, 29.5461235]
    assert [c["field"] for c in doc["conflicts"]] == ["status"]
    assert [p["fields"]["name"] for p in doc["roster"]][0] in {
        "重庆市应急管理局指挥中心",
        "菜园坝现场前方指挥部",
    }
    store.close()


def test_posts_holding_the_same_ops_print_the_same_bytes_on_sqlite_and_postgres(
    tmp_path, store_url
):
    a = golden_store(tmp_path)
    b = Store(store_url, anchor=a.anchor)
    b.apply(list(reversed(list(a.ops_missing_from({})))), source="a")
    assert b.dump() == a.dump()
    a.close()
    b.close()


def test_import_of_a_dump_makes_the_differences_into_ops_of_this_post(tmp_path):
    lab = Lab(tmp_path)
    src, dst = lab.authority, lab.post("区指挥中心", "rear")
    lab.authority.send_to(dst)
    src.put(
        "incident",
        "i1",
        title="滑坡",
        category="landslide",
        status="open",
        opened_at=1_782_000_000_000,
    )
    src.put(
        "feature",
        "f1",
        symbol="hazard",
        name="鹅岭坡体裂缝",
        geom={"type": "Point", "coordinates": [106.55, 29.55]},
    )
    dump = src.store.dump()
    report = import_dump(dst.store, "张伟", dump)
    assert (report.created, report.updated, report.skipped) == (2, 0, [])
    assert dst.store.get("incident", "i1").data["opened_at"] == 1_782_000_000_000
    ops = dst.store.history("feature", "f1")
    assert [op.origin for op, _s, _r in ops] == [dst.identity.origin]  # new ops of the importer
    again = import_dump(dst.store, "张伟", dump)
    assert again.created == again.updated == 0 and again.unchanged >= 2
    lab.close()
