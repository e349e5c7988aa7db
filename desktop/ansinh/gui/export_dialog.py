"""The export dialog: pieces × segments, formats, print options, destination, progress.

The export runs the core's `export_campaign` generator on a background lane; the renders
happen in the worker processes, so the window stays responsive, shows progress and an ETA,
and can stop the export (the half-written bundle folder is then removed). The campaign's export
history is listed at the bottom.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.campaign import Campaign, Piece
from ..core.errors import UserError
from ..core.render.results import RenderOptions
from ..core.render.worker import RenderPool
from ..core.segments import Segment
from ..core.storage import ExportRecord
from ..core.templates.manifest import Template
from . import dialogs
from .background import Lane, Task
from .jobdialog import JobDialog, read_only_table
from .model import CampaignModel
from .names import sorted_by_name, template_name


@dataclass
class ExportRequest:
    campaign: Campaign
    out_dir: Path
    pieces: list[Piece]
    segments: list[str]  # empty: each piece's own segment
    formats: tuple[str, ...]
    png_dpi: float | None
    crop_marks: bool
    pdf_x4: bool
    make_zip: bool


@dataclass
class ExportOutcome:
    path: Path | None = None
    files: int = 0
    pieces: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False
    error: BaseException | None = None
    seconds: float = 0.0


def run_export(task: Task, request: ExportRequest, pool: RenderPool) -> ExportOutcome:
    """In a lane's thread: drive the export generator (renders run in the pool's
    processes), reporting (done, total, piece) after each piece."""
    started = time.monotonic()
    outcome = ExportOutcome()
    bundle = None
    try:
        from ..core.export import export_campaign

        options = RenderOptions(formats=request.formats, png_dpi=request.png_dpi,
                                crop_marks=request.crop_marks, pdf_x4=request.pdf_x4)
        request.out_dir.mkdir(parents=True, exist_ok=True)
        events = export_campaign(request.campaign, request.out_dir, options, request.pieces,
                                 request.segments or None, pool=pool)
        try:
            for event in events:
                bundle = event.bundle
                task.report((event.done, event.total, event.piece))
                outcome.pieces = event.total
                if task.cancelled:
                    outcome.cancelled = True
                    break
        finally:
            events.close()
        if outcome.cancelled:
            if bundle is not None:
                shutil.rmtree(bundle.folder, ignore_errors=True)
        elif bundle is not None:
            path = bundle.close(make_zip=request.make_zip)
            if request.make_zip:
                shutil.rmtree(bundle.folder, ignore_errors=True)
            outcome.path = path
            outcome.files = len(bundle.entries)
            outcome.skipped = list(bundle.skipped)
    except UserError as exc:
        outcome.error = exc
    except OSError as exc:
        outcome.error = UserError(
            f"Không ghi được bản xuất: {exc.strerror or exc}",
            f"Could not write the export: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - reported to the user, logged
        outcome.error = exc
    outcome.seconds = time.monotonic() - started
    return outcome


class ExportDialog(JobDialog):
    finished_export = Signal(object)  # ExportOutcome

    def __init__(self, model: CampaignModel, templates: dict[str, Template],
                 segments: dict[str, Segment], pool: RenderPool, default_folder: Path,
                 current: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.templates, self.segments, self.pool = model, templates, segments, pool
        self._lane = Lane("export")
        self.task: Task | None = None  # the export running
        self.outcome: ExportOutcome | None = None
        self._started = 0.0
        self.setMinimumSize(860, 600)
        self.fit_screen(1040, 720)
        saved = model.setting("export", {}) or {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(12)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        outer.addLayout(columns, 1)

        # Pieces × segments
        self.pieces_box = QGroupBox()
        pieces_layout = QVBoxLayout(self.pieces_box)
        self.piece_list = QListWidget()
        self.piece_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.piece_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for index, piece in enumerate(model.pieces):
            item = QListWidgetItem(self._piece_text(piece))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.piece_list.addItem(item)
        self.piece_list.itemChanged.connect(lambda _: self._update_summary())
        pieces_layout.addWidget(self.piece_list)
        piece_buttons = QHBoxLayout()
        self.all_pieces = QPushButton()
        self.all_pieces.clicked.connect(lambda: self._check_all(self.piece_list, True))
        self.no_pieces = QPushButton()
        self.no_pieces.clicked.connect(lambda: self._check_all(self.piece_list, False))
        self.only_current = QPushButton()
        self.only_current.setEnabled(current is not None)
        self.only_current.clicked.connect(lambda: self._only(current))
        for button in (self.all_pieces, self.no_pieces, self.only_current):
            piece_buttons.addWidget(button)
        piece_buttons.addStretch(1)
        pieces_layout.addLayout(piece_buttons)

        self.segments_box = QGroupBox()
        seg_layout = QVBoxLayout(self.segments_box)
        self.own_segment = QRadioButton()
        self.chosen_segments = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.own_segment)
        group.addButton(self.chosen_segments)
        self.own_segment.setChecked(True)
        self.segment_list = QListWidget()
        for segment in sorted_by_name(segments.values(), lambda s: s.name):
            item = QListWidgetItem(segment.name)
            item.setData(Qt.ItemDataRole.UserRole, segment.slug)
            item.setToolTip(segment.description)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.segment_list.addItem(item)
        self.segment_list.setEnabled(False)
        self.chosen_segments.toggled.connect(self.segment_list.setEnabled)
        self.chosen_segments.toggled.connect(lambda _: self._update_summary())
        self.segment_list.itemChanged.connect(lambda _: self._update_summary())
        seg_layout.addWidget(self.own_segment)
        seg_layout.addWidget(self.chosen_segments)
        seg_layout.addWidget(self.segment_list)
        left = QVBoxLayout()
        left.addWidget(self.pieces_box, 3)
        left.addWidget(self.segments_box, 2)
        columns.addLayout(left, 3)

        # Formats, print options, destination
        right = QVBoxLayout()
        self.formats_box = QGroupBox()
        fmt = QGridLayout(self.formats_box)
        self.pdf = QCheckBox("PDF")
        self.png = QCheckBox("PNG")
        self.txt = QCheckBox()
        self.audio = QCheckBox()  # a loudspeaker script spoken: WAV and MP3 (core/audio.py)
        formats = saved.get("formats", ["pdf", "png", "txt", "wav", "mp3"])
        self.pdf.setChecked("pdf" in formats)
        self.png.setChecked("png" in formats)
        self.txt.setChecked("txt" in formats)
        self.audio.setChecked("wav" in formats)
        self.dpi = QSpinBox()
        self.dpi.setRange(0, 600)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(int(saved.get("png_dpi", 0) or 0))
        self.dpi.setSuffix(" dpi")
        self.png.toggled.connect(self.dpi.setEnabled)
        self.dpi.setEnabled(self.png.isChecked())
        self.dpi_label = QLabel()
        self.dpi_label.setBuddy(self.dpi)
        self.png.toggled.connect(self.dpi_label.setEnabled)
        self.dpi_label.setEnabled(self.png.isChecked())
        self.txt_help = QLabel(objectName="help")
        self.txt_help.setWordWrap(True)
        # The print options belong to the PDF: one box, indented under it.
        self.crop_marks = QCheckBox()
        self.crop_marks.setChecked(bool(saved.get("crop_marks", False)))
        self.pdf_x4 = QCheckBox()
        self.pdf_x4.setChecked(bool(saved.get("pdf_x4", False)))
        self.bleed_note = QLabel(objectName="help")
        self.bleed_note.setWordWrap(True)
        print_options = QHBoxLayout()
        print_options.setContentsMargins(24, 0, 0, 0)
        print_options.addWidget(self.crop_marks)
        print_options.addWidget(self.pdf_x4)
        print_options.addStretch(1)
        self.pdf.toggled.connect(self.crop_marks.setEnabled)
        self.pdf.toggled.connect(self.pdf_x4.setEnabled)
        fmt.addWidget(self.pdf, 0, 0, 1, 3)
        fmt.addLayout(print_options, 1, 0, 1, 3)
        fmt.addWidget(self.bleed_note, 2, 0, 1, 3)
        fmt.addWidget(self.png, 3, 0)
        fmt.addWidget(self.dpi_label, 3, 1, Qt.AlignmentFlag.AlignRight)
        fmt.addWidget(self.dpi, 3, 2)
        fmt.addWidget(self.txt, 4, 0, 1, 3)
        fmt.addWidget(self.txt_help, 5, 0, 1, 3)
        fmt.addWidget(self.audio, 6, 0, 1, 3)
        fmt.setColumnStretch(1, 1)
        for box in (self.pdf, self.png, self.txt, self.audio):
            box.toggled.connect(lambda _: self._update_summary())
        right.addWidget(self.formats_box)

        self.dest_box = QGroupBox()
        dest = QVBoxLayout(self.dest_box)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(saved.get("folder") or default_folder))
        self.browse = QPushButton()
        self.browse.clicked.connect(
            lambda: self.browse_folder(self.folder, self.tr("Chọn thư mục xuất")))
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        dest.addLayout(row)
        self.as_folder = QRadioButton()
        self.as_zip = QRadioButton()
        packing = QButtonGroup(self)
        packing.addButton(self.as_folder)
        packing.addButton(self.as_zip)
        (self.as_zip if saved.get("zip") else self.as_folder).setChecked(True)
        pack_row = QHBoxLayout()
        pack_row.addWidget(self.as_folder)
        pack_row.addWidget(self.as_zip)
        pack_row.addStretch(1)
        dest.addLayout(pack_row)
        right.addWidget(self.dest_box)

        # The history takes the right column's spare height (shown once there is one).
        self.history_box = QGroupBox()
        hist = QVBoxLayout(self.history_box)
        hist.setContentsMargins(8, 4, 8, 8)
        self.history = read_only_table(3, stretch=1)
        self.history.setMinimumHeight(44)
        self.history.cellDoubleClicked.connect(self._open_history)
        hist.addWidget(self.history)
        right.addWidget(self.history_box, 10)
        right.addStretch(1)  # when there is no history yet
        columns.addLayout(right, 2)

        # Progress and buttons
        self.summary = QLabel(objectName="fieldLabel")
        outer.addWidget(self.summary)
        self.export_button = self.add_footer(outer)
        model.exportsChanged.connect(self._fill_history)
        self.retranslate()
        self._fill_history()

    # --- choices -----------------------------------------------------------------------

    def _piece_text(self, piece: Piece) -> str:
        """«Áp phích BHXH tự nguyện · A3 · Nông dân»: names, not template ids or slugs."""
        template = self.templates.get(piece.template)
        name = piece.title or (template_name(template) if template else piece.template)
        size = f" · {piece.size}" if piece.size else ""
        segment = self.segments.get(piece.segment)
        return f"{name}{size} · {segment.name if segment else piece.segment}"

    @staticmethod
    def _check_all(widget: QListWidget, on: bool) -> None:
        for i in range(widget.count()):
            widget.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _only(self, index: int | None) -> None:
        for i in range(self.piece_list.count()):
            item = self.piece_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               == index else Qt.CheckState.Unchecked)

    def chosen_pieces(self) -> list[Piece]:
        return [self.model.piece(self.piece_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.piece_list.count())
                if self.piece_list.item(i).checkState() == Qt.CheckState.Checked]

    def chosen_segments_list(self) -> list[str]:
        if not self.chosen_segments.isChecked():
            return []
        return [self.segment_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.segment_list.count())
                if self.segment_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_segments(self, slugs: list[str]) -> None:
        self.chosen_segments.setChecked(bool(slugs))
        for i in range(self.segment_list.count()):
            item = self.segment_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in slugs else Qt.CheckState.Unchecked)

    def formats(self) -> tuple[str, ...]:
        boxes = (("pdf", self.pdf), ("png", self.png), ("txt", self.txt), ("wav", self.audio),
                 ("mp3", self.audio))
        return tuple(f for f, box in boxes if box.isChecked())

    def _update_summary(self) -> None:
        pieces = len(self.chosen_pieces())
        segments = self.chosen_segments_list()
        total = pieces * (len(segments) if self.chosen_segments.isChecked() else 1)
        self.summary.setText(self.tr("Sẽ xuất %1 bản (ấn phẩm × đối tượng).")
                             .replace("%1", str(total)))
        self.export_button.setEnabled(total > 0 and bool(self.formats())
                                      and self.task is None)

    def request(self) -> ExportRequest:
        return ExportRequest(
            campaign=self.model.campaign,
            out_dir=Path(self.folder.text().strip() or ".").expanduser(),
            pieces=self.chosen_pieces(),
            segments=self.chosen_segments_list(),
            formats=self.formats(),
            png_dpi=float(self.dpi.value()) or None,
            crop_marks=self.crop_marks.isChecked(),
            pdf_x4=self.pdf_x4.isChecked(),
            make_zip=self.as_zip.isChecked(),
        )

    # --- running -----------------------------------------------------------------------

    def start(self) -> None:
        if self.task is not None:
            return
        request = self.request()
        self.model.set_setting("export", {
            "formats": list(request.formats), "png_dpi": request.png_dpi or 0,
            "crop_marks": request.crop_marks, "pdf_x4": request.pdf_x4,
            "zip": request.make_zip, "folder": str(request.out_dir),
        })
        self.outcome = None
        self.progress.setRange(0, 0)  # busy until the first piece is done
        self.status.setText(self.tr("Đang chuẩn bị…"))
        self._started = time.monotonic()
        self.export_button.setEnabled(False)
        self.set_running(True)
        self.task = self._lane.run(run_export, request, self.pool, parent=self,
                                   on_progress=self._progressed, on_done=self._done)

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Đang dừng sau ấn phẩm hiện tại…"))

    @property
    def running(self) -> bool:
        return self.task is not None

    def _progressed(self, progress: tuple[int, int, Piece]) -> None:
        done, total, piece = progress
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        elapsed = time.monotonic() - self._started
        eta = elapsed / done * (total - done) if done else 0
        self.status.setText(self.tr("%1/%2 · còn khoảng %3 giây · %4")
                            .replace("%1", str(done)).replace("%2", str(total))
                            .replace("%3", f"{eta:.0f}").replace("%4", self._piece_text(piece)))

    def _done(self, outcome: ExportOutcome) -> None:
        self.task = None
        self.outcome = outcome
        self.set_running(False)
        self._update_summary()
        self.progress.setRange(0, max(1, outcome.pieces))
        if outcome.error is not None:
            self.progress.setValue(0)
            self.status.setText(dialogs.error_text(outcome.error))
            dialogs.show_error(self, outcome.error, self.tr("Xuất không thành công"))
        elif outcome.cancelled:
            self.progress.setValue(0)
            self.status.setText(self.tr("Đã dừng. Không có tệp nào được giữ lại."))
        else:
            self.progress.setValue(outcome.pieces)
            text = self.tr("Xong: %1 tệp trong %2 giây → %3").replace(
                "%1", str(outcome.files)).replace("%2", f"{outcome.seconds:.1f}").replace(
                "%3", str(outcome.path))
            if outcome.skipped:
                text += "\n" + self.tr("%1 bản bị bỏ qua vì còn lỗi (xem manifest.json).") \
                    .replace("%1", str(len(outcome.skipped)))
            self.status.setText(text)
            self.open_button.setEnabled(True)
            self.model.add_export(ExportRecord(
                created=datetime.now().isoformat(timespec="seconds"),
                folder=str(outcome.path), files=outcome.files, pieces=outcome.pieces,
                skipped=len(outcome.skipped)))
        self.finished_export.emit(outcome)

    def result_folder(self) -> Path | None:
        path = self.outcome.path if self.outcome else None
        return None if path is None else (path if path.is_dir() else path.parent)

    def _open_history(self, row: int, _column: int) -> None:
        path = Path(self.history.item(row, 1).text())
        target = path if path.is_dir() else path.parent
        if target.exists():
            dialogs.open_folder(self, target)

    def _fill_history(self) -> None:
        records = list(reversed(self.model.exports))
        self.history.setRowCount(len(records))
        for row, record in enumerate(records):
            when = record.created.replace("T", " ")
            files = str(record.files) + (f" (−{record.skipped})" if record.skipped else "")
            for column, text in enumerate((when, record.folder, files)):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.history_box.setVisible(bool(records))

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Xuất ấn phẩm"))
        self.pieces_box.setTitle(self.tr("Ấn phẩm"))
        self.all_pieces.setText(self.tr("Chọn hết"))
        self.no_pieces.setText(self.tr("Bỏ chọn"))
        self.only_current.setText(self.tr("Chỉ ấn phẩm đang mở"))
        self.segments_box.setTitle(self.tr("Đối tượng"))
        self.own_segment.setText(self.tr("Giữ đối tượng của từng ấn phẩm"))
        self.chosen_segments.setText(self.tr("Xuất mỗi ấn phẩm cho các đối tượng:"))
        self.formats_box.setTitle(self.tr("Định dạng và in"))
        self.dpi_label.setText(self.tr("Độ phân giải:"))
        self.dpi.setSpecialValueText(self.tr("theo mẫu"))
        self.dpi.setToolTip(self.tr("Độ phân giải PNG cho khổ in; «theo mẫu» dùng mức của mẫu"))
        self.txt.setText(self.tr("Văn bản (chú thích, bài loa, tin nhắn)"))
        self.audio.setText(self.tr("Âm thanh bài loa (WAV, MP3)"))
        self.txt_help.setText(self.tr(
            "Bài loa và tin nhắn SMS luôn xuất dạng văn bản; số, tiền và số điện thoại "
            "được viết thành chữ để đọc."))
        self.crop_marks.setText(self.tr("Dấu cắt (crop marks)"))
        self.pdf_x4.setText(self.tr("PDF/X-4 cho nhà in"))
        self.bleed_note.setText(self.tr(
            "Lề xén (bleed) 3–5 mm theo khổ luôn có trong PDF; chữ nằm cách đường xén ít "
            "nhất 3 mm."))
        self.dest_box.setTitle(self.tr("Nơi lưu"))
        self.browse.setText(self.tr("Chọn…"))
        self.as_folder.setText(self.tr("Thư mục"))
        self.as_zip.setText(self.tr("Tệp nén .zip"))
        self.retranslate_footer()
        self.export_button.setText(self.tr("Xuất"))
        self.history_box.setTitle(self.tr("Lịch sử xuất của chiến dịch"))
        self.history.setHorizontalHeaderLabels([self.tr("Thời gian"), self.tr("Nơi lưu"),
                                                self.tr("Số tệp")])
        if not self.status.text():
            self.status.setText(self.tr("Chọn ấn phẩm, đối tượng và định dạng rồi bấm Xuất."))
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

