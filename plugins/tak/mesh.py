"""Which TAK protocol version we send on the SA multicast group (the mesh), with ``protobuf="auto"``.

What the TAK protocol description says for mesh networks, and what this keeps: every device that
speaks version 1 says so in a ``TakControl`` (the lowest and highest version it decodes; 0 reads
as 1) at least once a minute — inside its v1 messages, or alone with its ``contactUid``. A
sender uses the highest version every known contact decodes, XML (version 0) when any of them
only reads XML. A contact whose last TakControl is more than two minutes old counts as speaking
the version of the last message heard from it. Every device decodes XML, so XML is always safe.

Ours: a contact silent for ``FORGET_S`` no longer holds the group back (the description does not
say when a contact is gone; a team's SA goes stale in minutes), and with no contact known we
send XML.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

OUR_VERSION = 1
CONTROL_EVERY_S = 60.0
CONTROL_VALID_S = 120.0
FORGET_S = 600.0


@dataclass
class _Contact:
    heard_at: float
    last_version: int  # of its last message: 0 XML, 1 TAK protocol v1
    control_at: float | None = None
    control: tuple[int, int] = (0, 0)  # (lowest, highest) version it decodes


class MeshVersions:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._contacts: dict[str, _Contact] = {}
        self._lock = threading.Lock()  # the parser writes, the sender reads
        self._control_sent: float | None = None

    def heard(self, uid: str, version: int, control: tuple[int, int] | None = None) -> None:
        """A message from contact ``uid`` in ``version``, with the TakControl it carried."""
        now = self.clock()
        with self._lock:
            c = self._contacts.get(uid)
            if c is None:
                c = self._contacts[uid] = _Contact(now, version)
            c.heard_at, c.last_version = now, version
            if control is not None:
                lo, hi = control
                c.control = (lo or 1, hi or 1)  # 0: not filled in, read as 1
                c.control_at = now

    def _version_of(self, c: _Contact, now: float) -> int:
        if c.control_at is not None and now - c.control_at <= CONTROL_VALID_S:
            lo, hi = c.control
            return min(hi, OUR_VERSION) if lo <= OUR_VERSION else 0
        return min(c.last_version, OUR_VERSION)

    def version(self) -> int:
        """The version to send in now: the highest every contact heard lately decodes."""
        now = self.clock()
        with self._lock:
            for uid in [u for u, c in self._contacts.items() if now - c.heard_at > FORGET_S]:
                del self._contacts[uid]
            if not self._contacts:
                return 0
            return min(self._version_of(c, now) for c in self._contacts.values())

    def control_due(self) -> bool:
        """Time to say again that we decode version 1 (then it counts as said)."""
        now = self.clock()
        with self._lock:
            if self._control_sent is not None and now - self._control_sent < CONTROL_EVERY_S:
                return False
            self._control_sent = now
            return True
