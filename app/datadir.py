"""A post's data folder: one folder = one post = one identity, owned by one process at a time.

Layout::

    post.json       name, role, level, epoch, the authority it trusts (public), store URL if not SQLite
    sign.key        the Ed25519 secret key (mode 0600)
    curve.key       the CURVE keypair of the sync sockets (mode 0600)
    peers.json      the peers this post connects to (local, not replicated)
    link.json       the sync engine's figures, rewritten every second while it runs
    operators.json  the people who sign in here: name -> salted scrypt hash of their PIN (local)
    store.db        the SQLite store (WAL) unless --db names a PostgreSQL server
    blobs/          content-addressed photos, clips and panoramas
    logs/           the post's rotating UTF-8 log
    post.lock       held while a process owns the folder
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.identity import Anchor, Identity, private_bytes
from app.store.store import Store
from app.sync.keys import CurveKeys, load_keys, new_keys, save_keys

CONFIG_VERSION = 1


class FolderError(Exception):
    """A problem with the data folder a user can act on; the message says what to do."""


def default_data_dir() -> Path:
    """``ZHIJIU_DATA``, else the per-user data folder: XDG on Linux, %LOCALAPPDATA% on Windows."""
    env = os.environ.get("ZHIJIU_DATA")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(Path.home(), "AppData", "Local")
    else:
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "zhijiu" / "post"


def _try_lock(f: IO[str]) -> bool:
    """An exclusive, non-blocking lock on an open file, released when the process ends."""
    if sys.platform == "win32":
        import msvcrt

        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(f: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(f, fcntl.LOCK_UN)


@dataclass
class PostConfig:
    name: str
    role: str
    level: str
    epoch: str
    anchor_post_id: str
    anchor_sign_key: str  # hex
    db_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"version": CONFIG_VERSION, **self.__dict__}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PostConfig:
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]


class PostFolder:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock_file: TextIO | None = None

    @property
    def config_path(self) -> Path:
        return self.path / "post.json"

    @property
    def key_path(self) -> Path:
        return self.path / "sign.key"

    @property
    def operators_path(self) -> Path:
        return self.path / "operators.json"

    @property
    def db_path(self) -> Path:
        return self.path / "store.db"

    @property
    def curve_path(self) -> Path:
        return self.path / "curve.key"

    @property
    def peers_path(self) -> Path:
        return self.path / "peers.json"

    @property
    def link_state_path(self) -> Path:
        return self.path / "link.json"

    @property
    def blobs(self) -> Path:
        return self.path / "blobs"

    @property
    def logs(self) -> Path:
        return self.path / "logs"

    def exists(self) -> bool:
        return self.config_path.exists()

    # ------------------------------------------------------------------ lock

    def lock(self) -> None:
        """Take the folder for this process, or raise FolderError naming the holder."""
        self.path.mkdir(parents=True, exist_ok=True)
        f = open(self.path / "post.lock", "a+", encoding="utf-8")  # noqa: SIM115 (held while we own the folder)
        if not _try_lock(f):
            try:
                f.seek(0)
                holder = f.read().strip() or "another process"
            except OSError:  # Windows: the holder's locked byte cannot be read
                holder = "another process"
            f.close()
            raise FolderError(
                f"the post folder {self.path} is in use by {holder}; "
                "close that window or stop that node first"
            ) from None
        f.seek(0)
        f.truncate()
        f.write(f"process {os.getpid()}")
        f.flush()
        self._lock_file = f

    def unlock(self) -> None:
        if self._lock_file is not None:
            _unlock(self._lock_file)
            self._lock_file.close()
            self._lock_file = None

    # ------------------------------------------------------------------ identity and config

    def create(self, config: PostConfig, key: Ed25519PrivateKey, curve: CurveKeys | None = None) -> None:
        if self.exists():
            raise FolderError(f"a post already exists in {self.path}; it is never overwritten")
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(private_bytes(key))
        save_keys(self.curve_path, curve or new_keys())
        self.save_config(config)

    def curve_keys(self) -> CurveKeys:
        try:
            return load_keys(self.curve_path)
        except (OSError, ValueError) as exc:
            raise FolderError(f"cannot read the post's sync keys {self.curve_path}: {exc}") from None

    def save_config(self, config: PostConfig) -> None:
        tmp = self.config_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(config.to_json(), ensure_ascii=False, indent=2), "utf-8")
        os.replace(tmp, self.config_path)

    def config(self) -> PostConfig:
        if not self.exists():
            raise FolderError(
                f"no post in {self.path}; create one with `zhijiu init` or `zhijiu enroll import`"
            )
        try:
            return PostConfig.from_json(json.loads(self.config_path.read_text("utf-8")))
        except (ValueError, TypeError) as exc:
            raise FolderError(f"{self.config_path} is damaged: {exc}") from None

    def identity(self) -> Identity:
        cfg = self.config()
        try:
            key = Ed25519PrivateKey.from_private_bytes(self.key_path.read_bytes())
        except (OSError, ValueError) as exc:
            raise FolderError(f"cannot read the post's key {self.key_path}: {exc}") from None
        anchor = Anchor(cfg.anchor_post_id, bytes.fromhex(cfg.anchor_sign_key))
        return Identity(key, cfg.epoch, anchor)

    def store_url(self, override: str | None = None) -> str:
        if override:
            return override
        cfg = self.config()
        return cfg.db_url or f"sqlite:///{self.db_path}"

    def open_store(self, db_url: str | None = None) -> Store:
        ident = self.identity()
        return Store(self.store_url(db_url), anchor=ident.anchor, identity=ident)

    # ------------------------------------------------------------------ operators (local, not replicated)

    def operators(self) -> dict[str, dict[str, str]]:
        try:
            return dict(json.loads(self.operators_path.read_text("utf-8")))
        except FileNotFoundError:
            return {}

    def set_operator(self, name: str, pin: str) -> None:
        if not name.strip() or len(pin) < 4 or not pin.isdigit():
            raise FolderError("an operator needs a name and a PIN of at least 4 digits")
        salt = os.urandom(16)
        ops = self.operators()
        ops[name.strip()] = {"salt": salt.hex(), "hash": _pin_hash(pin, salt).hex()}
        tmp = self.operators_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(ops, f, ensure_ascii=False, indent=2)
        os.replace(tmp, self.operators_path)

    def check_pin(self, name: str, pin: str) -> bool:
        entry = self.operators().get(name)
        if not entry:
            return False
        expected = bytes.fromhex(entry["hash"])
        return bool(hmac.compare_digest(_pin_hash(pin, bytes.fromhex(entry["salt"])), expected))

    # ------------------------------------------------------------------ logging

    def start_logging(self, level: int = logging.INFO) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            self.logs / "zhijiu.log", maxBytes=5 << 20, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(level)


def _pin_hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
