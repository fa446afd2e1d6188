"""CURVE keys for the sync sockets: each post has one keypair; its public half is in the roster.

Keys are Z85 text (40 characters). The secret half lives in the post folder (``curve.key``,
mode 0600); the public half goes into the post's roster entry so other posts admit it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import zmq
from zmq.utils import z85


@dataclass(frozen=True)
class CurveKeys:
    public: str
    secret: str

    @property
    def fingerprint(self) -> str:
        """What two operators read to each other to check a link: 4 groups of 4 hex digits."""
        return fingerprint(self.public)


def fingerprint(public: str) -> str:
    h = hashlib.sha256(public.encode()).hexdigest()[:16].upper()
    return "-".join(h[i : i + 4] for i in range(0, 16, 4))


def new_keys() -> CurveKeys:
    public, secret = zmq.curve_keypair()
    return CurveKeys(public.decode(), secret.decode())


def save_keys(path: Path, keys: CurveKeys) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(f"{keys.public}\n{keys.secret}\n")


def load_keys(path: Path) -> CurveKeys:
    public, secret = path.read_text("ascii").split()[:2]
    if len(public) != 40 or len(secret) != 40:
        raise ValueError(f"{path} does not hold a CURVE keypair")
    return CurveKeys(public, secret)


def valid_public_key(text: str) -> bool:
    try:
        return len(text) == 40 and len(z85.decode(text)) == 32
    except (ValueError, KeyError, TypeError):
        return False
