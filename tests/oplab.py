"""A laboratory of posts for core tests: an authority and enrolled posts, each with a real store.

``Lab(tmp_path)`` makes the roster authority; ``lab.post(name, role)`` enrolls another post
(the authority writes its roster entry) with its own store that trusts the same authority.
Stores are real SQLite files (or a URL the test gives), written only through ``Store.write`` and
``Store.apply``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.identity import Anchor, Identity, new_authority, new_epoch
from app.store.store import Draft, Store

_TEMPLATE: dict[str, Path] = {}


@dataclass
class LabPost:
    name: str
    role: str
    identity: Identity
    store: Store

    @property
    def post_id(self) -> str:
        return self.identity.post_id

    def write(self, *drafts: Draft, operator: str = "测试员") -> None:
        self.store.write(list(drafts), operator=operator)

    def put(
        self, etype: str, eid: str, bases: dict[str, list[Any]] | None = None, **fields: Any
    ) -> None:
        self.write(Draft(etype, eid, "put", fields, bases))

    def raws(self) -> list[bytes]:
        return list(self.store.ops_missing_from({}))

    def own_raws(self) -> list[bytes]:
        """The ops this post wrote itself, in order."""
        from app.ops import open_envelope

        return [r for r in self.raws() if open_envelope(r)[0].origin == self.identity.origin]

    def send_to(self, other: LabPost) -> None:
        """Deliver every op this post holds that the other lacks (one sync, one direction)."""
        missing = list(self.store.ops_missing_from(other.store.version_vector()))
        if missing:
            other.store.apply(missing, source=self.name)


class Lab:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.authority_identity = new_authority()
        self.anchor: Anchor = self.authority_identity.anchor
        self.posts: list[LabPost] = []
        self.authority = self._open("authority", "rear", self.authority_identity)
        self.authority.put(
            "post",
            self.authority_identity.post_id,
            name="市指挥中心",
            role="rear",
            level="city",
            sign_key=self.authority_identity.sign_key.hex(),
            authority=True,
        )

    def _db_url(self, name: str) -> str:
        template = _TEMPLATE.get("sqlite")
        if template is None or not template.exists():
            template = self.root / "_template.db"
            Store(f"sqlite:///{template}", anchor=self.anchor).close()  # runs the migrations once
            _TEMPLATE["sqlite"] = template
        path = self.root / f"{name}.db"
        shutil.copy(template, path)
        return f"sqlite:///{path}"

    def _open(self, name: str, role: str, identity: Identity | None) -> LabPost:
        store = Store(self._db_url(name), anchor=self.anchor, identity=identity)
        post = LabPost(name, role, identity or self.authority_identity, store)
        self.posts.append(post)
        return post

    def post(
        self, name: str, role: str, level: str = "district", *, enroll: bool = True
    ) -> LabPost:
        key = Ed25519PrivateKey.generate()
        ident = Identity(key, new_epoch(), self.anchor)
        if enroll:
            self.authority.put(
                "post",
                ident.post_id,
                name=name,
                role=role,
                level=level,
                sign_key=ident.sign_key.hex(),
            )
        return self._open(name, role, ident)

    def replica(self, name: str, url: str | None = None) -> Store:
        """A store with no identity of its own that only receives ops (at ``url`` if given)."""
        store = Store(url or self._db_url(name), anchor=self.anchor)
        self.posts.append(LabPost(name, "replica", self.authority_identity, store))
        return store

    def close(self) -> None:
        for p in self.posts:
            p.store.close()
