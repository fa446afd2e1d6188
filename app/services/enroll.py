"""Enrollment: the authority makes a package for a new post; the new post imports it.

The package holds the new post's identity (signing and sync keys — sealed with a passphrase
when one is given), the authority it trusts, the endpoint and server key it connects to, and
the roster ops signed so far, so the new post can write from its first minute, before any sync.
Both operators compare the endpoint's key fingerprint (shown as text and QR code) before
trusting the link.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgpack
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.datadir import FolderError, PostConfig, PostFolder
from app.domain.post import LEVELS, ROLES
from app.identity import new_epoch, private_bytes, public_bytes
from app.ops import post_id_of
from app.secretbox import WrongPassphrase, open_sealed, seal
from app.store import models as m
from app.store.store import Draft, Store
from app.sync.keys import CurveKeys, fingerprint, new_keys, valid_public_key
from app.sync.peers import Peer, add_peer, check_endpoint

FORMAT = "zhijiu-enrollment"
CONTEXT = b"zhijiu-enrollment"


class EnrollError(ValueError):
    pass


@dataclass(frozen=True)
class Package:
    name: str
    role: str
    level: str
    post_id: str
    endpoint: str
    server_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.server_key)


def roster_ops(store: Store) -> list[bytes]:
    from sqlalchemy import select

    with store.engine.connect() as c:
        q = select(m.oplog.c.raw).where(m.oplog.c.etype == "post").order_by(m.oplog.c.origin, m.oplog.c.seq)
        return [bytes(r) for (r,) in c.execute(q)]


def create_package(
    folder: PostFolder, store: Store, *, name: str, role: str, level: str, endpoint: str,
    out: Path, server_key: str | None = None, passphrase: str | None = None, operator: str = "system",
) -> Package:
    """On the authority post: enroll a new post in the roster and write its package."""
    ident = folder.identity()
    if not ident.is_authority:
        raise EnrollError("only the roster authority (the city rear post) can enroll a post")
    if role not in ROLES or level not in LEVELS or not name.strip():
        raise EnrollError("a post needs a name, a role (rear/forward/observer) and a level")
    check_endpoint(endpoint)
    server_key = server_key or folder.curve_keys().public
    if not valid_public_key(server_key):
        raise EnrollError("the server key must be a 40-character CURVE public key")
    key, curve = Ed25519PrivateKey.generate(), new_keys()
    post_id = post_id_of(public_bytes(key))
    store.write([Draft("post", post_id, "put", {
        "name": name.strip(), "role": role, "level": level, "sign_key": public_bytes(key).hex(),
        "curve_key": curve.public, "parent": ident.post_id,
    })], operator=operator)
    secrets = msgpack.packb({"sign": private_bytes(key), "curve": [curve.public, curve.secret]}, use_bin_type=True)
    doc: dict[str, Any] = {
        "format": FORMAT, "version": 1,
        "post": {"name": name.strip(), "role": role, "level": level, "id": post_id},
        "anchor": {"post_id": ident.anchor.post_id, "sign_key": ident.anchor.sign_key.hex()},
        "peer": {"endpoint": endpoint, "server_key": server_key},
        "roster": roster_ops(store),
    }
    if passphrase:
        doc["sealed"] = seal(secrets, passphrase, CONTEXT)
    else:
        doc["secrets"] = secrets
    tmp = out.with_name(out.name + ".partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(msgpack.packb(doc, use_bin_type=True))
    os.replace(tmp, out)
    return Package(name.strip(), role, level, post_id, endpoint, server_key)


def read_package(path: Path) -> dict[str, Any]:
    try:
        doc = msgpack.unpackb(path.read_bytes(), raw=False)
    except OSError as exc:
        raise EnrollError(f"cannot read {path}: {exc.strerror or exc}") from None
    except Exception:
        raise EnrollError(f"{path} is not an enrollment package") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise EnrollError(f"{path} is not an enrollment package")
    return doc


def import_package(path: Path, target: PostFolder, passphrase: str | None = None,
                   db_url: str | None = None) -> Package:
    """On the new post: become the enrolled post, with its peer configured."""
    doc = read_package(path)
    if target.exists():
        raise FolderError(f"a post already exists in {target.path}; it is never overwritten")
    if "sealed" in doc:
        if not passphrase:
            raise EnrollError("this package is sealed: give its passphrase")
        try:
            raw = open_sealed(doc["sealed"], passphrase, CONTEXT)
        except WrongPassphrase as exc:
            raise EnrollError(str(exc)) from None
    else:
        raw = doc["secrets"]
    secrets = msgpack.unpackb(raw, raw=False)
    post, anchor, peer = doc["post"], doc["anchor"], doc["peer"]
    cfg = PostConfig(name=post["name"], role=post["role"], level=post["level"], epoch=new_epoch(),
                     anchor_post_id=anchor["post_id"], anchor_sign_key=anchor["sign_key"], db_url=db_url)
    target.create(cfg, Ed25519PrivateKey.from_private_bytes(secrets["sign"]), CurveKeys(*secrets["curve"]))
    add_peer(target.peers_path, Peer(peer["endpoint"], peer["server_key"], None, "enrolled"))
    store = target.open_store()
    try:
        result = store.apply(list(doc["roster"]), source="enrollment")
        if result.quarantined or store.get("post", post["id"]) is None:
            raise EnrollError("the package's roster does not verify against its authority")
    finally:
        store.close()
    return Package(post["name"], post["role"], post["level"], post["id"], peer["endpoint"], peer["server_key"])


def describe(path: Path) -> Package:
    doc = read_package(path)
    post, peer = doc["post"], doc["peer"]
    return Package(post["name"], post["role"], post["level"], post["id"], peer["endpoint"], peer["server_key"])


def qr_payload(endpoint: str | None, key: str) -> str:
    """The text a link's QR code carries: the endpoint and the server key."""
    return json.dumps({"endpoint": endpoint or "", "key": key}, separators=(",", ":"))


def link_card(folder: PostFolder, endpoint: str | None) -> dict[str, str]:
    """What an operator reads out to check a link: endpoint, key and fingerprint."""
    keys = folder.curve_keys()
    return {"endpoint": endpoint or "", "server_key": keys.public, "fingerprint": keys.fingerprint,
            "qr": qr_payload(endpoint, keys.public)}
