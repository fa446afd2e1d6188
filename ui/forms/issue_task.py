"""The issue-order form (下达指令): to a team or a post, with priority, deadline, the time within
which it must be acknowledged, a location, a description and attachments.

The location is typed as latitude / longitude (works without a map) or picked on the map: the
"pick on map" button emits ``pickOnMapRequested``; whoever owns the map connects it and calls
``set_location(lon, lat)`` back with the click. The form checks what it can (a title, both
coordinates in range, a deadline in the future) and says what is wrong beside the buttons; the
rules of who may issue what are the core's, applied when the dock writes the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import task as task_rules
from ui import beijing_time, labels
from ui.session import Session

DEFAULT_HOURS = 2
DEFAULT_ACK_MIN = 15


@dataclass
class OrderForm:
    """What the form holds, in the core's terms (``services.tasks.issue_task`` arguments)."""

    title: str
    assignee: str
    assignee_kind: str
    incident_id: str | None
    priority: str
    deadline: int | None
    ack_within_s: int | None
    geom: dict[str, object] | None
    description: str | None
    attachments: list[Path] = field(default_factory=list)


def parse_coordinate(text: str, low: float, high: float) -> float | None:
    """A decimal degree in [low, high], or None; a comma is taken as a decimal point."""
    try:
        value = float(text.strip().replace(",", ".").replace("，", "."))
    except ValueError:
        return None
    return value if low <= value <= high else None


class IssueTaskDialog(QDialog):
    pickOnMapRequested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 incident_id: str | None = None, now_ms: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issue_task_dialog")
        self.session = session
        names, store = session.names, session.store
        form = QFormLayout()

        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(200)
        self.incident_combo = QComboBox(self)
        self.incident_combo.addItem("—", None)
        for e in sorted(store.entities("incident"), key=lambda e: -e.created_hlc):
            if e.get("status") == "open":
                self.incident_combo.addItem(names.incident(e.eid), e.eid)
        if incident_id is not None:
            self.incident_combo.setCurrentIndex(max(self.incident_combo.findData(incident_id), 0))

        self.assignee_combo = QComboBox(self)
        for e in sorted(store.entities("unit"), key=lambda e: str(e.get("name", ""))):
            self.assignee_combo.addItem(names.unit(e.eid), ("unit", e.eid))
        for e in sorted(store.entities("post"), key=lambda e: str(e.get("name", ""))):
            if e.eid != session.post_id and not e.get("revoked"):
                self.assignee_combo.addItem(names.post(e.eid), ("post", e.eid))

        self.priority_combo = QComboBox(self)
        for code in task_rules.PRIORITIES:
            self.priority_combo.addItem(labels.PRIORITY(code), code)
        self.priority_combo.setCurrentIndex(task_rules.PRIORITIES.index("normal"))

        start = now_ms if now_ms else QDateTime.currentMSecsSinceEpoch()
        self.deadline_edit = beijing_time.time_field(start + DEFAULT_HOURS * 3_600_000, self)
        self.ack_spin = QSpinBox(self)
        self.ack_spin.setRange(0, 7 * 24 * 60)
        self.ack_spin.setValue(DEFAULT_ACK_MIN)

        self.lat_edit = QLineEdit(self)
        self.lon_edit = QLineEdit(self)
        self.pick_button = QPushButton(self)
        self.pick_button.setObjectName("pick_on_map")
        self.pick_button.clicked.connect(self.pickOnMapRequested)
        where = QHBoxLayout()
        self.lat_label, self.lon_label = QLabel(self), QLabel(self)
        for w in (self.lat_label, self.lat_edit, self.lon_label, self.lon_edit, self.pick_button):
            where.addWidget(w)

        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setMinimumHeight(70)
        self.attachment_list = QListWidget(self)
        self.attachment_list.setMaximumHeight(60)
        self.attach_button = QPushButton(self)
        self.attach_button.clicked.connect(self._choose_attachments)
        attach = QHBoxLayout()
        attach.addWidget(self.attachment_list, 1)
        attach.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignTop)
        self.attachments: list[Path] = []

        self._labels = [QLabel(self) for _ in range(9)]
        for label, widget in zip(self._labels, (
            self.title_edit, self.incident_combo, self.assignee_combo, self.priority_combo,
            self.deadline_edit, self.ack_spin, where, self.description_edit, attach,
        ), strict=True):
            form.addRow(label, widget)
            if isinstance(widget, QWidget):  # addRow(label, field) sets no buddy: the & would show
                label.setBuddy(widget)

        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._now_ms = now_ms
        self.result_form: OrderForm | None = None
        self.retranslate()
        self.resize(560, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Issue an order"))
        words = (self.tr("&Order:"), self.tr("&Incident:"), self.tr("&Assign to:"),
                 self.tr("&Priority:"), self.tr("&Deadline:"), self.tr("Ac&knowledge within:"),
                 self.tr("Location:"), self.tr("D&escription:"), self.tr("Attachments:"))
        for label, text in zip(self._labels, words, strict=True):
            label.setText(text)
        self.title_edit.setPlaceholderText(self.tr("What is to be done, in one line"))
        self.ack_spin.setSuffix(self.tr(" min"))
        self.ack_spin.setSpecialValueText(self.tr("no acknowledgement time"))
        self.lat_label.setText(self.tr("Lat"))
        self.lon_label.setText(self.tr("Lon"))
        self.lat_edit.setPlaceholderText(self.tr("e.g. 29.5520"))
        self.lon_edit.setPlaceholderText(self.tr("e.g. 106.5697"))
        self.pick_button.setText(self.tr("Pick on map"))
        self.pick_button.setToolTip(self.tr("Click the place on the map; the coordinates fill in here"))
        self.attach_button.setText(self.tr("Add file…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue"))

    # ------------------------------------------------------------------ inputs from outside

    @Slot(float, float)
    def set_location(self, lon: float, lat: float) -> None:
        """The map's answer to "pick on map" (WGS-84 degrees)."""
        self.lat_edit.setText(f"{lat:.6f}")
        self.lon_edit.setText(f"{lon:.6f}")

    def set_assignee(self, eid: str) -> bool:
        for i in range(self.assignee_combo.count()):
            if self.assignee_combo.itemData(i)[1] == eid:
                self.assignee_combo.setCurrentIndex(i)
                return True
        return False

    def add_attachment(self, path: Path) -> None:
        self.attachments.append(path)
        self.attachment_list.addItem(path.name)

    @Slot()
    def _choose_attachments(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files"), "", self.tr("Images (*.jpg *.jpeg *.png);;All files (*)"))
        for f in files:
            self.add_attachment(Path(f))

    # ------------------------------------------------------------------ the result

    def check(self) -> OrderForm | str:
        """The order as the form says it, or what is wrong with the form (in words)."""
        title = self.title_edit.text().strip()
        if not title:
            return self.tr("Say what is to be done (the order needs a title).")
        if self.assignee_combo.currentIndex() < 0:
            return self.tr("Choose the team or post that is to carry out the order.")
        lat_text, lon_text = self.lat_edit.text().strip(), self.lon_edit.text().strip()
        geom = None
        if lat_text or lon_text:
            lat = parse_coordinate(lat_text, -90, 90)
            lon = parse_coordinate(lon_text, -180, 180)
            if lat is None or lon is None:
                return self.tr("The location needs a latitude (−90…90) and a longitude "
                               "(−180…180) in decimal degrees.")
            geom = {"type": "Point", "coordinates": [lon, lat]}
        deadline = self.deadline_edit.dateTime().toMSecsSinceEpoch()
        now = self._now_ms if self._now_ms is not None else QDateTime.currentMSecsSinceEpoch()
        if deadline <= now:
            return self.tr("The deadline has already passed.")
        for path in self.attachments:
            if not path.is_file():
                return labels.arg(self.tr("The attachment %1 cannot be read."), str(path))
        kind, assignee = self.assignee_combo.currentData()
        return OrderForm(
            title=title, assignee=assignee, assignee_kind=kind,
            incident_id=self.incident_combo.currentData(),
            priority=self.priority_combo.currentData(), deadline=deadline,
            ack_within_s=self.ack_spin.value() * 60 or None, geom=geom,
            description=self.description_edit.toPlainText().strip() or None,
            attachments=list(self.attachments),
        )

    @Slot()
    def _on_accept(self) -> None:
        result = self.check()
        if isinstance(result, str):
            self.problem.setText(result)
            return
        self.problem.clear()
        self.result_form = result
        self.accept()
