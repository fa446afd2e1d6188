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

# The status file is the engine's heartbeat (a thread of its own rewrites it every `every_s`,
# however busy the sync loop is): a file five beats old means the process is gone or frozen.
# How long ago the loop last finished a turn is a separate figure: a loop stuck that long is
# reported "stalled", not "stopped".
STATE_FRESH_BEATS = 5
STATE_FRESH_MIN_S = 5.0
STALLED_S = 30.0


# The link scheduler's order among blobs (ops always go before any blob): small pictures first,
# video last, and the smaller of two of a kind first, so a marker's photo is not stuck behind a clip.
# Every item's thumbnail goes before any full item, then the screen-size previews.
KIND_RANK = {"thumbnail": 0, "preview": 1, "photo": 2, "panorama": 3, "video": 4}


def blob_policy(store: Store, blobs: BlobStore, role: str, requested: set[str]) -> Callable[[], list[str]]:
    """Which blobs this post pulls, in the order to pull them: a rear post everything; other
    posts every thumbnail and what their operators open."""
    cache: dict[str, Any] = {"at": -1, "order": [], "small": set()}

    def wanted() -> list[str]:
        count = store.op_count()
        if cache["at"] != count:
            ranked: list[tuple[int, int, str]] = []
            small: set[str] = set()
            for m in store.entities("media"):
                if m.get("sha256"):
                    ranked.append((KIND_RANK.get(str(m.get("kind")), 9), m.get("size") or 0, str(m.get("sha256"))))
                for part in ("thumb", "preview"):
                    if m.get(f"{part}_sha256"):
                        ranked.append((KIND_RANK["thumbnail" if part == "thumb" else "preview"], 0,
                                       str(m.get(f"{part}_sha256"))))
                if m.get("thumb_sha256"):
                    small.add(str(m.get("thumb_sha256")))
            ranked.sort()
            order = list(dict.fromkeys(s for _, _, s in ranked))  # a shared thumbnail once
            cache["at"], cache["order"], cache["small"] = count, order, small
        return [s for s in cache["order"]
                if (role == "rear" or s in requested or s in cache["small"]) and not blobs.has(s)]

    return wanted


def make_engine(folder: PostFolder, store: Store, *, listen: str | None = None,
                requested: set[str] | None = None, ping_s: float = PING_S,
                dead_s: float = DEAD_S) -> SyncEngine:
    from app.services.duty import hook_delivery_receipts

    cfg = folder.config()
    blobs = BlobStore(folder.blobs)
    hook_delivery_receipts(store)  # messages to this post are acknowledged as they arrive
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
        now = time.time()
        fresh_s = max(STATE_FRESH_MIN_S, STATE_FRESH_BEATS * float(doc.get("every_s", 1.0)))
        alive = doc.get("running") and now - float(doc.get("updated", 0)) < fresh_s
        if alive and _pid_alive(int(doc.get("pid", 0))):
            loop_s = max(0.0, now - float(doc.get("loop_at", now)))
            return {"node": "stalled" if loop_s > STALLED_S else "running", "loop_s": round(loop_s, 1),
                    "listen": doc.get("listen"), "peers": doc.get("peers", [])}
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    peers = [{"name": p.endpoint, "direction": "out", "state": "offline", "rate_bps": p.rate_bps}
             for p in load_peers(folder.peers_path)]
    return {"node": "stopped", "loop_s": None, "listen": None, "peers": peers}


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
