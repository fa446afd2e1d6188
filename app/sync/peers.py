"""The peers this post connects to (local configuration, not replicated): ``peers.json``.

Each peer: the endpoint to connect to, the CURVE public key its server must prove, a bandwidth
budget for the link (bits per second; None = unlimited) and a name for the operator.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from app.sync.keys import valid_public_key

RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(bit|bps|b)?(?:/s)?\s*$", re.IGNORECASE)


class PeerError(ValueError):
    pass


@dataclass(frozen=True)
class Peer:
    endpoint: str
    server_key: str
    rate_bps: int | None = None
    name: str = ""


def parse_rate(text: str) -> int:
    """'256kbit', '2Mbit', '64k', '1000000' -> bits per second."""
    m = RATE.match(text)
    if not m:
        raise PeerError(f"not a rate: {text!r} (use e.g. 256kbit or 2Mbit)")
    scale = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[m.group(2).lower()]
    rate = int(float(m.group(1)) * scale)
    if rate < 1_000:
        raise PeerError("a link slower than 1 kbit/s is not usable")
    return rate


def check_endpoint(endpoint: str) -> None:
    if not re.match(r"^tcp://[^:/\s]+:\d{1,5}$", endpoint):
        raise PeerError(f"not an endpoint: {endpoint!r} (use tcp://HOST:PORT)")


def load_peers(path: Path) -> list[Peer]:
    try:
        items = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    except ValueError as exc:
        raise PeerError(f"{path} is damaged: {exc}") from None
    return [Peer(**item) for item in items]


def save_peers(path: Path, peers: list[Peer]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps([asdict(p) for p in peers], ensure_ascii=False, indent=2), "utf-8")
    os.replace(tmp, path)


def add_peer(path: Path, peer: Peer) -> list[Peer]:
    check_endpoint(peer.endpoint)
    if not valid_public_key(peer.server_key):
        raise PeerError("the key must be the peer's 40-character CURVE public key (Z85)")
    peers = [p for p in load_peers(path) if p.endpoint != peer.endpoint]
    peers.append(peer)
    save_peers(path, peers)
    return peers


def remove_peer(path: Path, endpoint: str) -> list[Peer]:
    peers = load_peers(path)
    kept = [p for p in peers if p.endpoint != endpoint]
    if len(kept) == len(peers):
        raise PeerError(f"no peer {endpoint}")
    save_peers(path, kept)
    return kept
