"""Messages between posts (短消息) with their delivered / read receipts; append-only.

The table holds the messages this post sent or received. A receipt is a record of its own
written by the recipient; when one arrives, only its message's row is re-read.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot

from app.ops import hlc_ms
from app.services import duty
from app.store.apply import ApplyResult
from app.store.store import Entity
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.entity_table import EntityTableModel
from ui.session import Session


class MessageTableModel(EntityTableModel):
    ETYPE = "message"
    CONTEXT = "MessageTableModel"
    COLUMNS = (
        ("time", QT_TRANSLATE_NOOP("MessageTableModel", "Time")),
        ("from", QT_TRANSLATE_NOOP("MessageTableModel", "From")),
        ("to", QT_TRANSLATE_NOOP("MessageTableModel", "To")),
        ("text", QT_TRANSLATE_NOOP("MessageTableModel", "Message")),
        ("receipt", QT_TRANSLATE_NOOP("MessageTableModel", "Receipt")),
    )

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        self._receipts: dict[str, dict[str, int | None]] = {}
        self.me = session.post_id
        super().__init__(session, parent)

    def accepts(self, entity: Entity) -> bool:
        return not entity.deleted and (entity.get("to") == self.me
                                       or entity.created_origin.startswith(self.me + "."))

    def incoming(self, entity: Entity) -> bool:
        return entity.get("to") == self.me

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        super()._on_store_changed(result)
        for etype, eid in result.changed:
            if etype == "receipt":
                receipt = self.store.get("receipt", eid)
                mid = str(receipt.get("message_id")) if receipt is not None else ""
                self._receipts.pop(mid, None)
                row = self.row_of(mid)
                if row is not None:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def receipts(self, mid: str) -> dict[str, int | None]:
        if mid not in self._receipts:
            self._receipts[mid] = duty.receipts(self.store, mid)
        return self._receipts[mid]

    def column_names(self, key: str) -> set[str]:
        return {"from": {"post"}, "to": {"post"}}.get(key, set())

    def display(self, entity: Entity, key: str) -> str:
        if key == "time":
            return labels.short_time(hlc_ms(entity.created_hlc))
        if key == "from":
            return f"{self.names.origin_post(entity.created_origin)} · {entity.created_by}"
        if key == "to":
            return self.names.post(entity.get("to"))
        if key == "text":
            return " ".join(str(entity.get("text") or "").split())
        if key == "receipt":
            r = self.receipts(entity.eid)
            if r["read"] is not None:
                return labels.arg(QCoreApplication.translate("MessageTableModel", "read %1"),
                                  labels.short_time(r["read"]))
            if r["delivered"] is not None:
                return labels.arg(QCoreApplication.translate("MessageTableModel", "delivered %1"),
                                  labels.short_time(r["delivered"]))
            return QCoreApplication.translate("MessageTableModel", "not delivered yet")
        return ""

    def sort_value(self, entity: Entity, key: str) -> Any:
        return entity.created_hlc if key == "time" else self.display(entity, key)

    def extra(self, entity: Entity, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and self.incoming(entity) \
                and self.receipts(entity.eid)["read"] is None:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)  # unread
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key == "text":
            return str(entity.get("text") or "") or None
        return None
