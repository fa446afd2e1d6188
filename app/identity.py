"""A post's identity: its signing key, post id, epoch and the roster authority it trusts.

The post id is derived from the signing key. The epoch is chosen at random when the post is
created or restored; ops are numbered per ``<post id>.<epoch>``, so a restored post never reuses
a sequence number even when its backup is older than ops it already sent. The authority numbers
its roster ops apart, as ``<post id>.<epoch>r``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.ops import post_id_of


@dataclass(frozen=True)
class Anchor:
    """The roster authority a post trusts: its post id and Ed25519 public key."""

    post_id: str
    sign_key: bytes


@dataclass(frozen=True)
class Identity:
    key: Ed25519PrivateKey
    epoch: str
    anchor: Anchor

    @property
    def sign_key(self) -> bytes:
        return public_bytes(self.key)

    @property
    def post_id(self) -> str:
        return post_id_of(self.sign_key)

    @property
    def origin(self) -> str:
        return f"{self.post_id}.{self.epoch}"

    @property
    def roster_origin(self) -> str:
        """Roster ops are numbered apart from the rest, so the roster can travel on its own."""
        return f"{self.post_id}.{self.epoch}r"

    @property
    def is_authority(self) -> bool:
        return self.anchor.post_id == self.post_id

    def with_new_epoch(self) -> Identity:
        return Identity(self.key, new_epoch(), self.anchor)


def new_epoch() -> str:
    return os.urandom(4).hex()


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def private_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def new_authority() -> Identity:
    """A fresh post that is its own roster authority."""
    key = Ed25519PrivateKey.generate()
    pub = public_bytes(key)
    return Identity(key, new_epoch(), Anchor(post_id_of(pub), pub))
