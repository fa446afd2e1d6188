"""What one window works with: the post folder, its store, the change bridge, the signed-in
operator and the post's sync engine.

Every dock takes the session in ``__init__``; nothing reaches for globals. The operator is the
person whose name goes on every op written from this window; the screen lock can hand the
keyboard to another operator, which changes it (``operatorChanged``). ``link`` runs the sync
engine once ``link.start()`` is called (after sign-in, when the window is up); ``cleanup()``
stops it before the store closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.datadir import PostConfig, PostFolder
from app.store.store import Store
from ui.bridge import StoreBridge
from ui.foreground import ForegroundWatch
from ui.link import LinkMonitor
from ui.models.names import NameBook


class Session(QObject):
    operatorChanged = Signal(str)

    def __init__(
        self, folder: PostFolder, store: Store, operator: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.foreground = ForegroundWatch(self)  # sync workers give way while the window works
        self.folder = folder
        self.store = store
        self.config: PostConfig = folder.config()
        assert store.identity is not None
        self.post_id = store.identity.post_id
        self.bridge = StoreBridge(store, self)
        # connected before any model, so names are fresh when the models redraw
        self.names = NameBook(store, self.bridge, self)
        self.link = LinkMonitor(folder, store, self)
        self._operator = operator

    @property
    def operator(self) -> str:
        return self._operator

    def set_operator(self, name: str) -> None:
        if name != self._operator:
            self._operator = name
            self.operatorChanged.emit(name)

    def cleanup(self) -> None:
        self.link.stop()
        self.foreground.stop()
        self.names.cleanup()
        self.bridge.cleanup()
