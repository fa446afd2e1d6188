"""The conflicts dock (冲突): each field two posts changed without seeing each other, the competing
values with who wrote them, and a button to keep one (``services.conflicts.resolve``).

Until a person decides, every post shows the same winner (the merge rule); resolving writes a
new value whose base names all competitors, so the conflict disappears everywhere it syncs to.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import conflicts as conflict_service
from app.store.store import Conflict, Refused
from ui import labels
from ui.docks.base import ViewDock
from ui.models.conflicts import Candidate, ConflictListModel
from ui.reasons import show_refused
from ui.session import Session


class ConflictsDock(ViewDock):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_conflicts", parent)
        self.session = session
        self.model = ConflictListModel(session, self)
        self.last_message: QMessageBox | None = None

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.hint = QLabel(body)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.list = QListView(splitter)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.candidates = QTableWidget(0, 4, splitter)
        self.candidates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.candidates.verticalHeader().setVisible(False)
        header = self.candidates.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.list)
        splitter.addWidget(self.candidates)
        layout.addWidget(splitter, 1)
        self.setWidget(body)

        self.list.selectionModel().selectionChanged.connect(self._on_selection_changed)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(self._on_model_changed)
        self.retranslate()
        self._on_model_changed()

    def cleanup(self) -> None:
        self.model.cleanup()

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        self.candidates.setHorizontalHeaderLabels(
            [self.tr("Value"), self.tr("Written by"), self.tr("Time"), ""]
        )
        self._update_words()
        self.model.retranslate()  # redraws the list and, through dataChanged, the candidates

    def _update_words(self) -> None:
        n = self.model.rowCount()
        self.list.setVisible(n > 0)
        self.candidates.setVisible(n > 0)
        self.setWindowTitle(labels.arg(self.tr("Conflicts (%1)"), n) if n else self.tr("Conflicts"))
        self.hint.setText(
            self.tr("Two posts changed the same field without seeing each other's change. "
                    "Every post shows the same value for now; pick the one to keep.")
            if n else
            self.tr("No conflicts. When two posts change the same field while cut off from each "
                    "other, it shows here for a person to decide.")
        )

    # ------------------------------------------------------------------ reacting

    @Slot()
    def _on_model_changed(self, *_: object) -> None:
        self._update_words()
        if self.model.rowCount() and not self.list.selectionModel().hasSelection():
            self.list.setCurrentIndex(self.model.index(0))  # shows its candidates
        else:
            self._show_candidates()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_: object) -> None:
        self._show_candidates()

    def selected_conflict(self) -> Conflict | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.conflict(rows[0].row()) if rows else None

    def _show_candidates(self) -> None:
        """The competing values of the selected conflict, each with a button to keep it."""
        conflict = self.selected_conflict()
        self.candidates.setRowCount(0)  # the old buttons go with deleteLater: safe inside a click
        if conflict is None:
            return
        for row, cand in enumerate(self.model.candidates(conflict)):
            self.candidates.insertRow(row)
            value = QTableWidgetItem(cand.text)
            if cand.winner:
                value.setToolTip(self.tr("Shown on every post until someone decides"))
                font = value.font()
                font.setBold(True)
                value.setFont(font)
            who = f"{cand.post} · {cand.operator}" if cand.operator else cand.post
            self.candidates.setItem(row, 0, value)
            self.candidates.setItem(row, 1, QTableWidgetItem(who))
            self.candidates.setItem(row, 2, QTableWidgetItem(labels.local_time(cand.time_ms, seconds=True)))
            keep = QPushButton(self.tr("Keep this value"), self.candidates)
            keep.setObjectName(f"keep_{row}")
            keep.clicked.connect(lambda _=False, c=conflict, k=cand: self.keep(c, k))
            self.candidates.setCellWidget(row, 3, keep)

    def keep_buttons(self) -> list[QPushButton]:
        return [b for r in range(self.candidates.rowCount())
                if isinstance(b := self.candidates.cellWidget(r, 3), QPushButton)]

    def keep(self, conflict: Conflict, candidate: Candidate) -> bool:
        """Resolve the conflict with this candidate's value."""
        try:
            conflict_service.resolve(
                self.session.store, self.session.operator,
                conflict.etype, conflict.eid, conflict.field, candidate.value,
            )
        except Refused as exc:
            self.last_message = show_refused(self, str(exc))
            return False
        return True
