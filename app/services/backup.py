"""Backup and restore that keep the original ops and signatures.

A backup file holds the post's settings, its signing and sync keys encrypted with a passphrase
(scrypt + ChaCha20-Poly1305), its operators (PIN hashes), and every op of its op log exactly as signed,
plus the ops it holds for later — zstd-compressed msgpack, streamed so a large store never has
to fit in memory. A restored post gets a new epoch, so it never reuses a sequence number even
when the backup is older than ops it already sent to its peers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import msgpack
import zstandard
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.datadir import PostConfig, PostFolder
from app.identity import new_epoch, private_bytes
from app.secretbox import WrongPassphrase, open_sealed, seal
from app.store import models as m
from app.store.store import Store
from app.sync.keys import CurveKeys

MAGIC = b"ZHIJIU-BACKUP1\n"
RESTORE_BATCH = 2000


class BackupError(Exception):
    """A backup that cannot be written or read; the message says why."""


@dataclass
class BackupReport:
    ops: int
    held: int
    path: Path


def write_backup(folder: PostFolder, store: Store, path: Path, passphrase: str) -> BackupReport:
    if len(passphrase) < 8:
        raise BackupError("the backup passphrase must have at least 8 characters")
    cfg = folder.config()
    ident = folder.identity()
    curve = folder.curve_keys()
    header = {
        "format": "zhijiu-backup",
        "version": 1,
        "post": {k: v for k, v in cfg.to_json().items() if k not in ("epoch", "db_url")},
        "key": seal(
            msgpack.packb(
                {"sign": private_bytes(ident.key), "curve": [curve.public, curve.secret]},
                use_bin_type=True,
            ),
            passphrase,
            b"zhijiu-backup",
        ),
        "operators": folder.operators(),
    }
    tmp = path.with_name(path.name + ".partial")
    ops = held = 0
    try:
        with open(tmp, "wb") as raw_out:
            raw_out.write(MAGIC)
            with zstandard.ZstdCompressor(level=6).stream_writer(raw_out, closefd=False) as out:
                out.write(msgpack.packb(header, use_bin_type=True))
                for *_key, raw in store.oplog_rows():
                    out.write(msgpack.packb(["op", raw], use_bin_type=True))
                    ops += 1
                with store.engine.connect() as c:
                    for (raw,) in c.execute(
                        select(m.held.c.raw).order_by(m.held.c.origin, m.held.c.seq)
                    ):
                        out.write(msgpack.packb(["held", bytes(raw)], use_bin_type=True))
                        held += 1
                out.write(msgpack.packb(["end", ops + held], use_bin_type=True))
            raw_out.flush()
            os.fsync(raw_out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"cannot write {path}: {exc.strerror or exc}") from None
    return BackupReport(ops, held, path)


def _read(f: BinaryIO) -> Iterator[Any]:
    if f.read(len(MAGIC)) != MAGIC:
        raise BackupError("not a zhijiu backup file")
    reader = zstandard.ZstdDecompressor().stream_reader(f)
    try:
        yield from msgpack.Unpacker(reader, raw=False, max_buffer_size=64 << 20)
    except (zstandard.ZstdError, ValueError, msgpack.UnpackException) as exc:
        raise BackupError(f"the backup is damaged: {exc}") from None


@dataclass
class RestoreReport:
    applied: int
    held: int
    refused: int
    quarantined: int
    complete: bool


def restore_backup(
    path: Path, target: PostFolder, passphrase: str, db_url: str | None = None
) -> RestoreReport:
    """Make ``target`` (a new folder) the post of the backup, with its original ops."""
    if target.exists():
        raise BackupError(f"a post already exists in {target.path}; restore into a new folder")
    try:
        f = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
    with f:
        items = _read(f)
        header = next(items, None)
        if not isinstance(header, dict) or header.get("format") != "zhijiu-backup":
            raise BackupError("the backup is damaged: its header cannot be read (it may end early)")
        try:
            secrets = msgpack.unpackb(open_sealed(header["key"], passphrase, b"zhijiu-backup"), raw=False)
        except WrongPassphrase as exc:
            raise BackupError(str(exc)) from None
        post = dict(header["post"])
        post.pop("version", None)
        cfg = PostConfig.from_json({**post, "epoch": new_epoch(), "db_url": db_url})
        target.create(
            cfg,
            Ed25519PrivateKey.from_private_bytes(secrets["sign"]),
            CurveKeys(*secrets["curve"]),
        )
        operators = header.get("operators") or {}
        if operators:
            target.operators_path.write_text(json.dumps(operators, ensure_ascii=False), "utf-8")
            os.chmod(target.operators_path, 0o600)
        store = target.open_store()
        report = RestoreReport(0, 0, 0, 0, complete=False)
        try:
            batch: list[bytes] = []

            def flush() -> None:
                r = store.apply(batch, source="restore")
                report.applied += r.applied + r.future
                report.refused += len(r.refused)
                report.quarantined += len(r.quarantined)
                batch.clear()

            for item in items:
                if not isinstance(item, list) or not item:
                    raise BackupError("the backup is damaged: unexpected record")
                if item[0] == "end":
                    report.complete = True
                    break
                batch.append(bytes(item[1]))
                if len(batch) >= RESTORE_BATCH:
                    flush()
            flush()
            report.held = store.held_count()
        finally:
            store.close()
    return report
