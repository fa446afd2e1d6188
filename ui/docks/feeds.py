"""The feeds dock (图传): a gallery of the scene's photos, clips and panoramas, newest first and
filtered by incident, post, kind and age; a viewer with zoom; a video player for clips and live
RTSP/HTTP sources with a snapshot button; import, drag and drop and watched folders; "fetch full
item now"; panorama stitching through the panorama plugin; and the incident's timing figures.

Ingest, transfer state and timings are ``app.media`` (no Qt here beyond the widgets); blobs are
read from the post's blob store, written only by ``app.media.ingest`` and the sync engine.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.media import KINDS
from app.media.ingest import Outcome, ingest_file, mean_position
from app.media.probe import MediaError
from app.media.sources import (
    LiveSource,
    SourceError,
    check_url,
    load_sources,
    save_sources,
    sources_path,
)
from app.media.timing import incident_timing
from app.media.transfer import best_picture
from app.media.watch import FolderWatcher
from app.services.common import now_ms
from app.store.apply import ApplyResult
from app.store.store import Entity
from app.sync.blobs import BlobStore
from ui import labels
from ui.docks.base import ViewDock
from ui.feeds.gallery import THUMB, FeedModel
from ui.feeds.panorama import PanoramaJob, Stitcher, builtin_stitcher
from ui.feeds.player import VideoPlayer
from ui.feeds.viewer import STEP, ImageViewer
from ui.session import Session

AGES = (None, 3600, 6 * 3600, 24 * 3600)
STATE_REFRESH_MS = 2000


class FeedsDock(ViewDock):
    pickOnMapRequested = Signal()  # "pick on map" for the position of photos without GPS

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("dock_feeds", parent)
        self.session = session
        self.blobs = BlobStore(session.folder.blobs)
        self.watchers: list[FolderWatcher] = []
        self.job: PanoramaJob | None = None
        # the panorama plugin's stitcher, or None while it is switched off (the window asks the
        # plugin host; alone, the dock uses the built-in plugin)
        self.find_stitcher: Callable[[], Stitcher | None] = builtin_stitcher
        self.progress: QProgressDialog | None = None
        self.shown: Entity | None = None
        self.live: LiveSource | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="zhijiu-feeds-"))
        self.setAcceptDrops(True)

        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(4, 4, 4, 4)
        # filters
        row = QHBoxLayout()
        self.incident_box, self.post_box, self.kind_box, self.age_box = (QComboBox(page) for _ in range(4))
        for box in (self.incident_box, self.post_box, self.kind_box, self.age_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            row.addWidget(box)
            box.currentIndexChanged.connect(self._on_filter)
        row.addStretch(1)
        outer.addLayout(row)

        split = QSplitter(Qt.Orientation.Vertical, page)  # fits the narrow default column too
        self.model = FeedModel(session, self.blobs, self)
        self.gallery = QListView(split)
        self.gallery.setModel(self.model)
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB * 3 // 4))
        self.gallery.setGridSize(QSize(THUMB + 16, THUMB * 3 // 4 + 64))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setWordWrap(True)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.gallery.setAcceptDrops(False)  # files dropped anywhere on the dock are ingested
        self.gallery.selectionModel().currentChanged.connect(self._on_current)
        self.gallery.selectionModel().selectionChanged.connect(self._update_actions)

        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(right)
        self.viewer = ImageViewer(self.stack)
        self.video = VideoPlayer(self.stack)
        self.stack.addWidget(self.viewer)
        self.stack.addWidget(self.video.widget)
        rl.addWidget(self.stack, 1)
        controls = QHBoxLayout()
        self.zoom_out_btn, self.zoom_in_btn, self.fit_btn, self.play_btn, self.snap_btn = (
            QPushButton(right) for _ in range(5))
        for b in (self.zoom_out_btn, self.zoom_in_btn, self.fit_btn, self.play_btn, self.snap_btn):
            controls.addWidget(b)
        self.zoom_in_btn.clicked.connect(lambda: self.viewer.zoom_by(STEP))
        self.zoom_out_btn.clicked.connect(lambda: self.viewer.zoom_by(1 / STEP))
        self.fit_btn.clicked.connect(self.viewer.fit)
        self.play_btn.clicked.connect(self._toggle_play)
        self.snap_btn.clicked.connect(self.snapshot)
        controls.addStretch(1)
        self.live_box = QComboBox(right)
        self.live_box.setEditable(True)
        self.live_box.setMinimumWidth(220)
        self.live_btn = QPushButton(right)
        self.live_btn.clicked.connect(self._open_live_from_box)
        controls.addWidget(self.live_box)
        controls.addWidget(self.live_btn)
        rl.addLayout(controls)
        split.addWidget(self.gallery)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.gallery.setMinimumHeight(THUMB)
        outer.addWidget(split, 1)

        # ingest and actions
        acts = QHBoxLayout()
        self.import_btn, self.watch_btn, self.fetch_btn, self.pano_btn = (QPushButton(page) for _ in range(4))
        self.import_btn.clicked.connect(self._import_dialog)
        self.watch_btn.clicked.connect(self._watch_dialog)
        self.fetch_btn.clicked.connect(self.fetch_selected_now)
        self.pano_btn.clicked.connect(self.stitch_selected)
        self.pano_mode = QComboBox(page)  # how the photos were taken decides the stitcher's model
        self.caption_edit, self.position_edit = QLineEdit(page), QLineEdit(page)
        self.position_edit.setMaximumWidth(190)
        self.pick_btn = QPushButton(page)  # the position of what comes in next, from the map
        self.pick_btn.clicked.connect(self.pickOnMapRequested)
        for w in (self.import_btn, self.watch_btn, self.caption_edit, self.position_edit, self.pick_btn,
                  self.fetch_btn, self.pano_mode, self.pano_btn):
            acts.addWidget(w)
        outer.addLayout(acts)
        self.message = QLabel(page)
        self.message.setWordWrap(True)
        self.timing = QLabel(page)
        outer.addWidget(self.timing)
        outer.addWidget(self.message)
        self.setWidget(page)

        self._states = QTimer(self)
        self._states.timeout.connect(self.model.refresh_states)
        self._states.start(STATE_REFRESH_MS)
        session.bridge.changed.connect(self._on_store_changed)
        self.video.liveStateChanged.connect(self._on_live_state)
        self.retranslate()
        self._load_sources()
        self._update_actions()

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Feeds"))
        self.zoom_out_btn.setText(self.tr("Zoom out"))
        self.zoom_in_btn.setText(self.tr("Zoom in"))
        self.fit_btn.setText(self.tr("Fit"))
        self.play_btn.setText(self.tr("Play / pause"))
        self.snap_btn.setText(self.tr("Snapshot"))
        self.snap_btn.setToolTip(self.tr("Turn the frame on screen into a geotagged photo"))
        self.live_btn.setText(self.tr("Open live"))
        self.live_box.lineEdit().setPlaceholderText(self.tr("rtsp://… or http://… of a drone or camera"))
        self.import_btn.setText(self.tr("Import files…"))
        self.watch_btn.setText(self.tr("Watch folder…"))
        self.fetch_btn.setText(self.tr("Fetch full item now"))
        self.fetch_btn.setToolTip(self.tr("Ask the posts that hold it to send this item before anything else"))
        self.pano_btn.setText(self.tr("Stitch panorama"))
        self.pano_btn.setToolTip(self.tr("Select two or more overlapping photos"))
        mode = self.pano_mode.currentData()
        self.pano_mode.clear()
        self.pano_mode.addItem(self.tr("Orbit / sweep"), "auto")
        self.pano_mode.addItem(self.tr("Survey (straight down)"), "scans")
        self.pano_mode.setCurrentIndex(max(0, self.pano_mode.findData(mode)))
        self.pano_mode.setToolTip(self.tr("Orbit / sweep: the camera turned (drone orbit, phone sweep). "
                                          "Survey: the camera moved over flat ground, looking down (much faster)."))
        self.caption_edit.setPlaceholderText(self.tr("Caption for new items"))
        self.position_edit.setPlaceholderText(self.tr("Position: longitude, latitude"))
        self.pick_btn.setText(self.tr("Pick on map"))
        self.position_edit.setToolTip(self.tr("Used for photos whose file carries no GPS position"))
        self._fill_filters()
        self._show_timing()

    def _fill_filters(self) -> None:
        store, names = self.session.store, self.session.names
        keep = [b.currentData() for b in (self.incident_box, self.post_box, self.kind_box, self.age_box)]
        choices: list[list[tuple[str, Any]]] = [
            [(self.tr("All incidents"), None)] + [(names.incident(i.eid), i.eid) for i in store.entities("incident")],
            [(self.tr("All posts"), None)] + [(names.post(p.eid), p.eid) for p in store.entities("post")],
            [(self.tr("All kinds"), None)] + [(labels.MEDIA_KIND(k), k) for k in KINDS],
            [(self.tr("Any time"), None), (self.tr("Last hour"), AGES[1]),
             (self.tr("Last 6 hours"), AGES[2]), (self.tr("Last 24 hours"), AGES[3])],
        ]
        for box, items, old in zip((self.incident_box, self.post_box, self.kind_box, self.age_box),
                                   choices, keep, strict=True):
            box.blockSignals(True)
            box.clear()
            for text, data in items:
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(old)))
            box.blockSignals(False)

    # ------------------------------------------------------------------ gallery and viewer

    @Slot()
    def _on_filter(self) -> None:
        self.model.set_filters(incident=self.incident_box.currentData(), post=self.post_box.currentData(),
                               kind=self.kind_box.currentData(), max_age_s=self.age_box.currentData())
        self._show_timing()

    @Slot(object)
    def _on_store_changed(self, result: ApplyResult) -> None:
        if any(etype in ("incident", "post") for etype, _ in result.changed):
            self._fill_filters()
        if any(etype in ("incident", "unit", "media") for etype, _ in result.changed):
            self._show_timing()

    def selected(self) -> list[Entity]:
        rows = sorted(i.row() for i in self.gallery.selectionModel().selectedIndexes())
        return [self.model.item(r) for r in rows]

    def select(self, eid: str) -> None:
        row = self.model.row_of(eid)
        if row >= 0:
            self.gallery.setCurrentIndex(self.model.index(row))

    @Slot()
    def _on_current(self) -> None:
        idx = self.gallery.currentIndex()
        if idx.isValid():
            self.show_item(self.model.item(idx.row()))

    def show_item(self, m: Entity) -> None:
        self.shown = m
        if m.get("kind") == "video" and self.blobs.has(str(m.get("sha256"))):
            self.live = None
            self.stack.setCurrentWidget(self.video.widget)
            self.video.play_file(str(self.blobs.path(str(m.get("sha256")))))
        else:
            self.video.stop()
            self.stack.setCurrentWidget(self.viewer)
            sha = best_picture(m, self.blobs)
            self.viewer.show_file(str(self.blobs.path(sha)) if sha else None)
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        sel = self.selected()
        self.fetch_btn.setEnabled(any(not self.blobs.has(str(m.get("sha256"))) for m in sel))
        photos = [m for m in sel if m.get("kind") == "photo" and self.blobs.has(str(m.get("sha256")))]
        self.pano_btn.setEnabled(len(photos) >= 2 and self.job is None)
        playing = self.stack.currentWidget() is self.video.widget
        self.snap_btn.setEnabled(playing)
        self.play_btn.setEnabled(playing)
        for b in (self.zoom_in_btn, self.zoom_out_btn, self.fit_btn):
            b.setEnabled(not playing)

    def _show_timing(self) -> None:
        incident = self.incident_box.currentData()
        if not incident:
            self.timing.setText(self.tr("Choose an incident to see its arrival-to-image times."))
            return
        t = incident_timing(self.session.store, incident)
        if t.arrived_at is None:
            self.timing.setText(self.tr("No team has arrived at this incident yet."))
            return

        def minutes(s: float | None) -> str:
            return self.tr("not yet") if s is None else labels.arg(self.tr("%1 min"), f"{s / 60:.1f}")

        self.timing.setText(labels.arg(
            self.tr("First team arrived %1 · first image after %2 (goal 10 min) · first panorama after %3 "
                    "(goal 30 min)"),
            labels.local_time(t.arrived_at), minutes(t.to_first_image_s), minutes(t.to_first_panorama_s)))

    # ------------------------------------------------------------------ ingest

    def set_picked_location(self, lon: float, lat: float) -> None:
        """The map's click: the position given to photos and clips that carry none."""
        self.position_edit.setText(f"{lon:.6f}, {lat:.6f}")

    def _position(self) -> tuple[float, float] | None:
        text = self.position_edit.text().replace("，", ",").strip()
        if not text:
            return None
        try:
            lon, lat = (float(x) for x in text.split(","))
        except ValueError:
            return None
        return (lon, lat) if -180 <= lon <= 180 and -90 <= lat <= 90 else None

    def ingest(self, paths: list[Path], **options: Any) -> list[Outcome]:
        """Each file on its own; says how many became items and names each one refused."""
        if self.position_edit.text().strip() and self._position() is None and "position" not in options:
            self.say(self.tr("The position must be longitude, latitude in degrees, e.g. 106.55, 29.56."), error=True)
            return []
        opts: dict[str, Any] = {"incident_id": self.incident_box.currentData(),
                                "caption": self.caption_edit.text().strip() or None,
                                "position": self._position(), **options}
        outcomes = []
        for p in paths:
            try:
                outcomes.append(Outcome(p, item=ingest_file(self.session.store, self.blobs,
                                                            self.session.operator, p, **opts)))
            except MediaError as exc:
                outcomes.append(Outcome(p, error=exc))
        self._report(outcomes)
        added = [o.item for o in outcomes if o.item]
        if added:
            self.select(added[-1].media_id)
        return outcomes

    def _report(self, outcomes: list[Outcome]) -> None:
        new = sum(1 for o in outcomes if o.item and not o.item.duplicate)
        dup = sum(1 for o in outcomes if o.item and o.item.duplicate)
        parts = [labels.arg(self.tr("%1 new item(s)"), new)]
        if dup:
            parts.append(labels.arg(self.tr("%1 already here (same file)"), dup))
        for o in outcomes:
            if o.error:
                parts.append(labels.arg(self.tr("%1: %2"), o.path.name, self.error_text(o.error)))
        self.say(self.tr("; ").join(parts), error=any(o.error for o in outcomes))

    def error_text(self, exc: MediaError) -> str:
        words = {
            "corrupt_image": self.tr("not a readable image (damaged or cut off)"),
            "corrupt_video": self.tr("not a readable clip (damaged or cut off)"),
            "unsupported": self.tr("not a photo or video this app knows"),
            "unreadable": self.tr("cannot be read"),
            "no_ffmpeg": self.tr("clips need ffmpeg, which is not installed"),
            "disk": self.tr("cannot be stored (disk full?)"),
            "refused": self.tr("refused by the store"),
        }
        return words.get(exc.code, str(exc))

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "")

    @Slot()
    def _import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import photos and clips"), "",
            self.tr("Photos and clips (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.mp4 *.mov *.mkv *.ts *.avi)"))
        if files:
            self.ingest([Path(f) for f in files])

    @Slot()
    def _watch_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Watch a folder (camera card, shared folder)"))
        if folder:
            self.watch(Path(folder))

    def watch(self, folder: Path, poll_s: float = 2.0) -> FolderWatcher:
        watcher = FolderWatcher(self.session.store, self.blobs, self.session.operator, [folder],
                                incident_id=self.incident_box.currentData(), poll_s=poll_s)
        watcher.start()
        self.watchers.append(watcher)
        self.say(labels.arg(self.tr("Watching %1: new photos and clips become items"), str(folder)))
        return watcher

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()] + [f for p in paths if p.is_dir() for f in sorted(p.iterdir())
                                                      if f.is_file()]
        if files:
            event.acceptProposedAction()
            self.ingest(files)

    # ------------------------------------------------------------------ over the link

    @Slot()
    def fetch_selected_now(self) -> None:
        engine = self.session.link.engine
        if engine is None:
            self.say(self.tr("The sync engine is not running: nothing can be fetched now."), error=True)
            return
        asked = 0
        for m in reversed(self.selected()):  # the first selected ends up first
            sha = str(m.get("sha256"))
            if not self.blobs.has(sha):
                engine.fetch_first(sha)
                asked += 1
        self.say(labels.arg(self.tr("Asked for %1 item(s) ahead of everything else"), asked))

    # ------------------------------------------------------------------ video

    def _load_sources(self) -> None:
        self.live_box.clear()
        try:
            sources = load_sources(sources_path(self.session.folder.path))
        except SourceError as exc:
            self.say(str(exc), error=True)
            sources = []
        for s in sources:
            self.live_box.addItem(s.name, s)
        self.live_box.setCurrentIndex(-1)

    def add_source(self, source: LiveSource) -> None:
        path = sources_path(self.session.folder.path)
        try:
            sources = [s for s in load_sources(path) if s.url != source.url] + [source]
            save_sources(path, sources)
        except (SourceError, OSError) as exc:
            self.say(str(exc), error=True)
            return
        self._load_sources()

    @Slot()
    def _open_live_from_box(self) -> None:
        data = self.live_box.currentData()
        text = self.live_box.currentText().strip()
        if isinstance(data, LiveSource) and data.name == text:
            source = data
        else:
            try:
                url = check_url(text)
            except SourceError:
                self.say(self.tr("Not a stream address: use rtsp://… or http://…"), error=True)
                return
            source = LiveSource(name=url, url=url, post_id=self.session.post_id)
            self.add_source(source)
        self.play_live(source)

    def play_live(self, source: LiveSource) -> None:
        self.live, self.shown = source, None
        self.stack.setCurrentWidget(self.video.widget)
        self.video.play_live(source.url)
        self._update_actions()

    @Slot(str)
    def _on_live_state(self, state: str) -> None:
        if self.live is None:
            return
        if state == "reconnecting":
            self.say(labels.arg(self.tr("%1: stream dropped, reconnecting…"), self.live.name), error=True)
        elif state == "playing":
            self.say(labels.arg(self.tr("%1: live"), self.live.name))

    @Slot()
    def _toggle_play(self) -> None:
        p = self.video.player
        p.pause() if p.isPlaying() else p.play()

    @Slot()
    def snapshot(self) -> str | None:
        """The frame on screen → a photo item at the source's position (a fixed camera's, or the
        clip's), now, with the clip's incident; returns its id."""
        image = self.video.current_frame()
        if image.isNull():
            self.say(self.tr("No frame on screen to take."), error=True)
            return None
        at = now_ms()
        out = self._tmp / f"snapshot-{at}.jpg"
        if not image.save(str(out), "JPEG", 90):
            self.say(self.tr("The frame could not be saved."), error=True)
            return None
        position, incident, name = None, self.incident_box.currentData(), ""
        if self.live is not None:
            name = self.live.name
            if self.live.lon is not None and self.live.lat is not None:
                position = (self.live.lon, self.live.lat)
        elif self.shown is not None:
            name = str(self.shown.get("source") or "")
            geom = self.shown.get("geom")
            position = tuple(geom["coordinates"][:2]) if geom else None
            incident = self.shown.get("incident_id") or incident
        position = position or self._position()
        try:
            got = ingest_file(self.session.store, self.blobs, self.session.operator, out,
                              incident_id=incident, position=position, captured_at=at,
                              caption=self.caption_edit.text().strip() or None,
                              source=f"snapshot:{name}"[:200])
        except MediaError as exc:
            self.say(self.error_text(exc), error=True)
            return None
        self.say(self.tr("Snapshot saved as a photo item"))
        return got.media_id

    # ------------------------------------------------------------------ panorama

    @Slot()
    def stitch_selected(self) -> None:
        photos = [m for m in self.selected() if m.get("kind") == "photo" and self.blobs.has(str(m.get("sha256")))]
        if len(photos) < 2 or self.job is not None:
            self.say(self.tr("Select two or more overlapping photos that are complete here."), error=True)
            return
        paths = []
        for m in photos:  # the stitcher reads files by name; a blob has none, so link one
            link = self._tmp / f"{m.get('sha256')}.jpg"
            if not link.exists():
                link.symlink_to(self.blobs.path(str(m.get("sha256"))))
            paths.append(link)
        stitcher = self.find_stitcher()
        if stitcher is None:
            self.say(self.tr("The panorama plugin is switched off or could not load: see Plugins → Plugin manager."),
                     error=True)
            return
        incidents = {m.get("incident_id") for m in photos}
        self._pano_meta = {"ids": [m.eid for m in photos],
                           "incident": incidents.pop() if len(incidents) == 1 else None}
        self.job = PanoramaJob(stitcher, paths, self._tmp / f"panorama-{now_ms()}.jpg", self,
                               mode=str(self.pano_mode.currentData() or "auto"))
        self.progress = QProgressDialog(self.tr("Stitching the panorama…"), self.tr("Cancel"), 0, 100, self)
        self.progress.setWindowTitle(self.tr("Panorama"))
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.job.cancel)
        self.job.progressed.connect(self.progress.setValue)
        self.job.finishedOk.connect(self._on_panorama)
        self.job.failed.connect(self._on_panorama_failed)
        self.job.finished.connect(self._on_job_done)
        self.job.start()
        self._update_actions()

    @Slot(str)
    def _on_panorama(self, path: str) -> None:
        ids = self._pano_meta["ids"]
        try:
            got = ingest_file(self.session.store, self.blobs, self.session.operator, Path(path), kind="panorama",
                              incident_id=self._pano_meta["incident"],
                              position=mean_position(self.session.store, ids),
                              caption=self.caption_edit.text().strip() or None,
                              source=f"stitch:{len(ids)}")
        except MediaError as exc:
            self.say(self.error_text(exc), error=True)
            return
        self.say(labels.arg(self.tr("Panorama of %1 photos added"), len(ids)))
        self.select(got.media_id)

    @Slot(str, str)
    def _on_panorama_failed(self, code: str, message: str) -> None:
        words = {"cancelled": self.tr("Panorama cancelled."),
                 "need_more_images": self.tr("The photos do not overlap enough to be stitched."),
                 "homography_failed": self.tr("The photos do not overlap enough to be stitched."),
                 "camera_params_failed": self.tr("The photos could not be lined up.")}
        self.say(words.get(code, labels.arg(self.tr("Panorama failed: %1"), message)), error=code != "cancelled")

    @Slot()
    def _on_job_done(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        if self.job is not None:
            self.job.deleteLater()
            self.job = None
        self._update_actions()

    # ------------------------------------------------------------------ teardown

    def cleanup(self) -> None:
        self._states.stop()
        self.session.bridge.changed.disconnect(self._on_store_changed)
        for w in self.watchers:
            w.stop()
        self.watchers.clear()
        if self.job is not None:
            self.job.cancel()
            self.job.wait(60_000)
        self.video.stop()
        self.model.cleanup()
        shutil.rmtree(self._tmp, ignore_errors=True)


