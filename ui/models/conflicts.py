"""The conflict record as a list (one row per entity field with competing values) and its candidates.

A conflict arises when two posts wrote the same field without seeing each other's write. The
store keeps the winner and the losers; a person picks the value to keep
(``services.conflicts.resolve``). Rows are added and removed one by one as the record changes,
so the selection a person is deciding on survives a sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from app.domain import SPECS
from app.ops import hlc_ms
from app.store.apply import ApplyResult
from app.store.merge import Version
from app.store.store import Conflict
from ui import labels
from ui.session import Session

ConflictRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Candidate:
    """One competing value, with who wrote it and when."""

    value: Any
    text: str
    post: str
    operator: str
    time_ms: int
    winner: bool


def conflict_key(c: Conflict) -> tuple[str, str, str]:
    return (c.etype, c.eid, c.field)


class ConflictListModel(QAbstractListModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self._rows: list[Conflict] = list(self.store.conflicts())
        session.bridge.changed.connect(self._on_store_changed)
        session.names.namesChanged.connect(self._on_names_changed)

    def cleanup(self) -> None:
        self.session.bridge.changed.disconnect(self._on_store_changed)
        self.session.names.namesChanged.disconnect(self._on_names_changed)

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if result.changed:
            self.refresh()

    @Slot(set)
    def _on_names_changed(self, _etypes: set[str]) -> None:
        self.retranslate()

    def refresh(self) -> None:
        fresh = {conflict_key(c): c for c in self.store.conflicts()}
        for row in reversed(range(len(self._rows))):
            if conflict_key(self._rows[row]) not in fresh:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        known = {conflict_key(c): i for i, c in enumerate(self._rows)}
        for key, conflict in fresh.items():
            at = known.get(key)
            if at is None:
                n = len(self._rows)
                self.beginInsertRows(QModelIndex(), n, n)
                self._rows.append(conflict)
                self.endInsertRows()
            elif self._rows[at] != conflict:
                self._rows[at] = conflict
                self.dataChanged.emit(self.index(at), self.index(at))

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # ------------------------------------------------------------------ words

    def entity_label(self, etype: str, eid: str) -> str:
        spec = SPECS.get(etype)
        entity = self.store.get(etype, eid)
        name = entity.get(spec.label_field) if entity is not None and spec and spec.label_field else None
        return str(name) if name else eid[:8]

    def describe(self, c: Conflict) -> str:
        return labels.arg(
            QCoreApplication.translate("ConflictListModel", "%1 “%2”: %3"),
            labels.ENTITY_TYPE(c.etype), self.entity_label(c.etype, c.eid), labels.field_name(c.field),
        )

    def candidates(self, c: Conflict) -> list[Candidate]:
        """The winner first, then the losers in rank order, each with its author."""
        operators = {
            (op.origin, op.seq): op.operator for op, _status, _ in self.store.history(c.etype, c.eid)
        }
        names = self.session.names

        def make(v: Version, winner: bool) -> Candidate:
            return Candidate(
                value=v.value,
                text=labels.value_text(c.etype, c.field, v.value),
                post=names.origin_post(v.origin),
                operator=operators.get((v.origin, v.seq), ""),
                time_ms=hlc_ms(v.hlc),
                winner=winner,
            )

        return [make(c.winner, True), *(make(v, False) for v in c.losers)]

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def conflict(self, row: int) -> Conflict:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.describe(c)
        if role == ConflictRole:
            return c
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.arg(QCoreApplication.translate(
                "ConflictListModel", "Shown now: %1. Pick the value to keep."
            ), labels.value_text(c.etype, c.field, c.winner.value))
        return None
