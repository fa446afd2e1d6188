"""A post's sync node: the engine wired to its folder — keys, peers, blobs, status file.

``serve``, ``sync`` and the window all start their engine here, so a laptop with the app open
syncs exactly like a headless node.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from app.datadir import PostFolder
from app.store.store import Store
from app.sync.blobs import BlobStore
from app.sync.engine import DEAD_S, PING_S, SyncEngine
from app.sync.peers import load_peers

STATE_FRESH_S = 5.0


def blob_policy(store: Store, blobs: BlobStore, role: str, requested: set[str]) -> Callable[[], set[str]]:
    """Which blobs this post pulls: a rear post everything; others what their operators open."""
    cache: dict[str, Any] = {"at": -1, "shas": set()}

    def wanted() -> set[str]:
        count = store.op_count()
        if cache["at"] != count:
            shas = {str(m.get("sha256")) for m in store.entities("media") if m.get("sha256")}
            cache["at"], cache["shas"] = count, shas
        pool = cache["shas"] if role == "rear" else cache["shas"] & requested
        return {s for s in pool if not blobs.has(s)}

    return wanted


def make_engine(folder: PostFolder, store: Store, *, listen: str | None = None,
                requested: set[str] | None = None, ping_s: float = PING_S,
                dead_s: float = DEAD_S) -> SyncEngine:
    cfg = folder.config()
    blobs = BlobStore(folder.blobs)
    return SyncEngine(
        store, keys=folder.curve_keys(), name=cfg.name, listen=listen,
        peers=load_peers(folder.peers_path), blobs=blobs,
        wanted_blobs=blob_policy(store, blobs, cfg.role, requested if requested is not None else set()),
        state_path=folder.link_state_path, ping_s=ping_s, dead_s=dead_s,
    )


def link_state(folder: PostFolder) -> dict[str, Any]:
    """The running node's figures (from its status file), or the configured peers as offline."""
    try:
        doc = json.loads(folder.link_state_path.read_text("utf-8"))
        alive = doc.get("running") and time.time() - float(doc.get("updated", 0)) < STATE_FRESH_S
        if alive and _pid_alive(int(doc.get("pid", 0))):
            return {"node": "running", "listen": doc.get("listen"), "peers": doc.get("peers", [])}
    except (OSError, ValueError, TypeError):
        pass
    peers = [{"name": p.endpoint, "direction": "out", "state": "offline", "rate_bps": p.rate_bps}
             for p in load_peers(folder.peers_path)]
    return {"node": "stopped", "listen": None, "peers": peers}


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
