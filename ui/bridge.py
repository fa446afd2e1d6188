"""The store's change events as a Qt signal that always arrives on the GUI thread.

The store calls its listeners after each commit on whatever thread applied the change: the GUI
thread for a local write, a sync worker for ops from a peer. Like qtconsole's
``QtZMQSocketChannel.call_handlers`` and Electrum's ``QtEventListener``, the listener here does
nothing but hand the result to Qt:

* on the GUI thread, ``changed`` is emitted at once (a local write shows before ``write``
  returns, so what the operator did is on screen immediately);
* from a worker, results are merged into one pending result under a lock and a single queued
  call delivers it on the GUI thread. A burst of thousands of small batches from a sync session
  thus costs the views one update per turn of the event loop, never a queue of thousands.

Views re-read the current state of what changed from the store, so the order in which a local
result and a pending remote one arrive does not matter.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from app.foreground import FOREGROUND
from app.store.apply import ApplyResult
from app.store.store import Store


class StoreBridge(QObject):
    changed = Signal(object)  # ApplyResult, on the GUI thread
    _wake = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = store
        self._lock = threading.Lock()
        self._pending: ApplyResult | None = None
        self._wake.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        store.subscribe(self._on_store_change)

    def _on_store_change(self, result: ApplyResult) -> None:
        """Called by the store, on any thread. Never touches a widget."""
        if QThread.currentThread() == self.thread():
            self.changed.emit(result)
            return
        with self._lock:
            first = self._pending is None
            if first:
                self._pending = ApplyResult()
            assert self._pending is not None
            self._pending.merge(result)
            self._pending.applied_ops.clear()  # views need what changed, not the ops
        if first:
            self._wake.emit()

    @Slot()
    def _deliver(self) -> None:
        FOREGROUND.busy()  # every view reacts now: the sync workers wait meanwhile
        with self._lock:
            result, self._pending = self._pending, None
        if result is not None and self._store is not None:
            self.changed.emit(result)

    def cleanup(self) -> None:
        """Stop listening; safe to call twice."""
        if self._store is not None:
            self._store.unsubscribe(self._on_store_change)
            self._store = None
        with self._lock:
            self._pending = None
