"""Content-addressed blobs (photos, clips, panoramas) beside the store, received in resumable chunks.

A blob lives at ``blobs/ab/abcdef…`` named by its sha256. While it arrives it is
``…/<sha>.part``; its length is where the transfer resumes after a cut. When the last chunk is
in, the whole file is hashed: only a blob whose content matches its name is kept.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CHUNK = 16 * 1024  # at 256 kbit/s a chunk takes half a second: ops never wait long behind one


class BlobError(ValueError):
    pass


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).exists()

    def size(self, sha: str) -> int:
        return self.path(sha).stat().st_size

    def partial(self, sha: str) -> int:
        """Bytes of this blob already received (0 when none)."""
        try:
            return self.path(sha).with_suffix(".part").stat().st_size
        except FileNotFoundError:
            return 0

    def put(self, data: bytes) -> str:
        """Store a whole blob made here; returns its sha256. Storing it twice keeps one copy."""
        sha = hashlib.sha256(data).hexdigest()
        if not self.has(sha):
            p = self.path(sha)
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_suffix(".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, p)
        return sha

    def put_file(self, src: Path) -> str:
        """Store a file made here without reading it into memory (a clip); returns its sha256."""
        digest = hashlib.sha256()
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".in-{os.getpid()}-{id(digest):x}.tmp"
        try:
            with open(src, "rb") as f, open(tmp, "wb") as out:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
            sha = digest.hexdigest()
            if not self.has(sha):
                self.path(sha).parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, self.path(sha))
            return sha
        finally:
            tmp.unlink(missing_ok=True)

    def read(self, sha: str, offset: int, n: int = CHUNK) -> bytes:
        with open(self.path(sha), "rb") as f:
            f.seek(offset)
            return f.read(n)

    def write_chunk(self, sha: str, offset: int, data: bytes, total: int) -> bool:
        """Append a chunk at ``offset``; True when the blob is complete and verified.

        A chunk that does not start where the partial file ends is ignored (a duplicate or a
        stale one from before a cut); the receiver asks again from the right offset.
        """
        if self.has(sha):
            return True
        part = self.path(sha).with_suffix(".part")
        part.parent.mkdir(parents=True, exist_ok=True)
        have = self.partial(sha)
        if offset != have or have + len(data) > total:
            return False
        with open(part, "ab") as f:
            f.write(data)
        if have + len(data) < total:
            return False
        digest = hashlib.sha256()
        with open(part, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha:
            part.unlink()
            raise BlobError(f"blob {sha[:12]}… arrived with other content; discarded, will ask again")
        os.replace(part, self.path(sha))
        return True
