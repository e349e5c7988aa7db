"""The batch dialog: one spreadsheet row per village → a banner, poster or script each.

This module is the view: it builds the widgets, forwards the officer's actions to its
`BatchController` (batch_controller.py: the state and the work, testable without a window)
and shows the controller's state. One page, top to bottom, in the order an officer works
(3 and 4 are two tabs, so each has the height of a 1366 × 768 screen; a sheet just read
opens on its rows, or on the columns while a required field has none):
1. the CSV/XLSX file (and sheet) — read off the UI thread; the detected header row,
   encoding and rows are shown as the core's `sheets` reads them;
2. the template, size and segment (one for all rows, or a column), prefilled from the
   piece that is open, whose values also fill every field the sheet has no column for;
3. the column → field table, matched automatically (`batch.auto_map`) and editable;
4. every row checked by `batch.plan_batch` (in the preview's render process, never on the
   window's: `jobs.check_rows`) before anything renders: bad rows show the
   row number Excel shows and why; rows naming a place that is not on the 2025 map are
   marked (a warning: they still render), and "Apply all place suggestions" writes the
   new names into this run's rows (undone at once; the sheet file is never changed);
   any row can be previewed exactly like a piece;
5. the run: `batch.run_batch` off the UI thread with the dialog's own render processes,
   progress, ETA, and a Stop that kills the workers at once (only complete files stay,
   and "Continue" renders the rows that are still missing).
"""

from __future__ import annotations

import textwrap
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import sheets
from ..core.batch import BatchPlan
from ..core.campaign import Piece
from ..core.checks import error
from ..core.errors import UserError
from ..core.render.worker import RenderPool
from ..core.segments import Segment
from ..core.storage import ExportRecord
from ..core.templates.manifest import Size, Template
from . import dialogs, i18n, jobs, theme
from .batch_controller import BatchController, BatchOptions, BatchOutcome, RowPlaces
from .jobdialog import JobDialog, read_only_table
from .model import CampaignModel
from .names import duration, field_label, size_name, sorted_by_name, template_name
from .preview import PreviewController, PreviewPanel

NOT_USED = ""  # the mapping combo's "no field" entry
_ROOT = QModelIndex()


# --- the rows as a table -----------------------------------------------------------


def _paragraphs(lines: list[str]) -> str:
    """A tooltip of whole messages, wrapped (Qt shows plain text as one long line, and
    wraps rich text far too narrow)."""
    return "\n".join(textwrap.fill(line, 80) for line in lines)


class RowsModel(QAbstractTableModel):
    """The sheet's rows (any count), with each row's check result in the first column and,
    where new place names are applied, the texts the run will use."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: sheets.Table | None = None
        self.mapping: dict[str, str] = {}
        self.labels: dict[str, str] = {}  # field id -> label
        self.status: dict[int, str] = {}  # row number -> problem text; "" = valid
        self.places: dict[int, RowPlaces] = {}
        self._positions: dict[int, int] = {}
        self.planned = False

    def set_table(self, table: sheets.Table | None) -> None:
        self.beginResetModel()
        self.table, self.status, self.places, self.planned = table, {}, {}, False
        # Row number → position, so marking a row during a run never scans the sheet.
        self._positions = {row.number: i for i, row in enumerate(table.rows if table else ())}
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str], labels: dict[str, str]) -> None:
        self.mapping, self.labels = mapping, labels
        if self.table is not None:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_status(self, status: dict[int, str] | None,
                   places: dict[int, RowPlaces] | None = None) -> None:
        """Each row's problem ("" = valid; None: not checked) and, when given, its old place
        names (kept otherwise: a run only clears earlier failures)."""
        self.status, self.planned = status or {}, status is not None
        if places is not None or status is None:
            self.places = places or {}
        if self.table is not None and self.table.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.table.rows) - 1, self.columnCount() - 1))

    def mark(self, number: int, problem: str) -> None:
        self.status[number] = problem
        row = self.position(number)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def position(self, number: int) -> int | None:
        return self._positions.get(number)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.headers) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.table.rows[section].number)  # as Excel shows it
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Kiểm tra")
        header = self.table.headers[section - 1]
        target = self.mapping.get(header)
        return f"{header} → {self.labels.get(target, target)}" if target else header

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        row = self.table.rows[index.row()]
        places = self.places.get(row.number)
        if index.column() == 0:
            if role == Qt.ItemDataRole.UserRole:  # the rows to look at
                return bool(self.status.get(row.number) or places and places.left)
            if not self.planned:
                return "…" if role == Qt.ItemDataRole.DisplayRole else None
            text, tooltip, colour = self._check(row.number, places)
            return {Qt.ItemDataRole.DisplayRole: text, Qt.ItemDataRole.ToolTipRole: tooltip,
                    Qt.ItemDataRole.ForegroundRole: QBrush(QColor(colour))}.get(role)
        header = self.table.headers[index.column() - 1]
        value = row.values.get(header)
        shown = "" if value is None else str(value)
        target = self.mapping.get(header)
        if places is not None and target in places.values:  # the new place name is used
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Trong bảng tính: %1").replace("%1", shown)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(theme.PRIMARY))
            shown = str(places.values[target])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return shown
        return None

    def _check(self, number: int, places: RowPlaces | None) -> tuple[str, str | None, str]:
        """The check column of a checked row: text, tooltip and colour."""
        problem = self.status.get(number)
        if problem:
            return f"✗ {problem}", _paragraphs([problem]), theme.ERROR
        replaced = [f"{n.issue.text} → {n.issue.suggestion}" for n in
                    (places.replaced if places else ())]
        done = self.tr("Đã thay: %1").replace("%1", "; ".join(replaced)) if replaced else ""
        if places and places.left:
            short = "; ".join(f"{n.issue.text} → {n.issue.suggestion}" if n.issue.suggestion
                              else self.tr("%1: địa danh cũ").replace("%1", n.issue.text)
                              for n in places.left)
            tooltip = [i18n.pick(n.issue.vi, n.issue.en) for n in places.left]
            if done:
                tooltip.append(done)
            return f"⚠ {short}", _paragraphs(tooltip), theme.WARNING
        if done:
            return f"✓ {done}", _paragraphs([self.tr(
                "Tên mới dùng cho ấn phẩm và tên tệp của lần tạo này; bảng tính không bị sửa "
                "(Ctrl+Z: hoàn tác).")]), theme.OK
        return self.tr("✓ Hợp lệ"), None, theme.OK


class ProblemsFilter(QSortFilterProxyModel):
    """Shows only the rows with a problem when asked."""

    only_problems = False

    def set_only_problems(self, on: bool) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt < 6.9
            self.only_problems = on
            self.invalidateFilter()
            return
        self.beginFilterChange()  # invalidateFilter is deprecated from Qt 6.9
        self.only_problems = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.only_problems:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(Qt.ItemDataRole.UserRole))


# --- the dialog --------------------------------------------------------------------


class BatchDialog(JobDialog):
    """See the module docstring."""

    loaded = Signal()  # the sheet is read and shown (tests)
    planned = Signal()  # every row is checked (tests)
    finished_batch = Signal(object)  # BatchOutcome

    def __init__(self, model: CampaignModel, templates: dict[str, Template],
                 segments: dict[str, Segment], preview_pool: RenderPool, default_folder: Path,
                 piece: Piece | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.segments, self.default_folder = model, segments, default_folder
        self.templates = dict(sorted_by_name(templates.items(), lambda t: template_name(t[1])))
        # Warmed while the officer picks the sheet and maps columns (a cold worker spends
        # ~1.5 s on its first chunk, most of a village batch), from the first show on.
        self.run_pool = RenderPool()
        self._warmed = False
        # The rows are checked in the window's preview process, warm by now (see jobs).
        self.controller = BatchController(model.campaign, self.templates, piece, self.run_pool,
                                          parent=self, check_pool=preview_pool)
        self._started = 0.0
        self._mapping_shown: tuple[sheets.Table | None, str] | None = None  # table, template
        self.setMinimumSize(1024, 660)  # fits a 1366 × 768 office screen
        self.fit_screen(1240, 880)
        saved = model.setting("batch", {}) or {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.setSpacing(10)

        # 1-2. File, sheet; template, size, segment
        self.source_box = QGroupBox()
        grid = QGridLayout(self.source_box)
        grid.setHorizontalSpacing(10)
        self.file_label = QLabel(objectName="fieldLabel")
        self.path = QLineEdit()  # typed or pasted too (Enter or leaving the box reads it)
        self.path.editingFinished.connect(self._path_typed)
        self._loaded_path: Path | None = None
        self._new_sheet = False  # read, its rows not yet checked: choose the step to show
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse_sheet)
        self.sheet_label = QLabel(objectName="fieldLabel")
        self.sheet = QComboBox()
        self.sheet.setMinimumContentsLength(14)
        self.sheet.activated.connect(lambda _: self.load(self.sheet_path, self.sheet.currentText()))
        self.sheet_label.hide()  # until a workbook with sheets is read
        self.sheet.hide()
        self.info = QLabel(objectName="muted")
        self.info.setWordWrap(True)
        grid.addWidget(self.file_label, 0, 0)
        grid.addWidget(self.path, 0, 1, 1, 3)
        grid.addWidget(self.browse, 0, 4)
        grid.addWidget(self.sheet_label, 0, 5)
        grid.addWidget(self.sheet, 0, 6)
        grid.addWidget(self.info, 1, 1, 1, 6)

        self.template_label = QLabel(objectName="fieldLabel")
        self.template = QComboBox()
        for template in self.templates.values():
            self.template.addItem(template_name(template), template.id)
        self.template.currentIndexChanged.connect(lambda _: self._template_changed())
        self.size_label = QLabel(objectName="fieldLabel")
        self.size = QComboBox()
        self.size.currentIndexChanged.connect(
            lambda _: self.controller.set_size(self.size.currentData()))
        self.segment_label = QLabel(objectName="fieldLabel")
        self.one_segment = QRadioButton()
        self.column_segment = QRadioButton()
        choice = QButtonGroup(self)
        choice.addButton(self.one_segment)
        choice.addButton(self.column_segment)
        self.segment = QComboBox()
        for seg in sorted_by_name(segments.values(), lambda s: s.name):
            self.segment.addItem(seg.name, seg.slug)
        self.segment_column = QComboBox()
        self.one_segment.setChecked(True)
        self.one_segment.toggled.connect(self._segment_mode_changed)
        self.segment.currentIndexChanged.connect(
            lambda _: self.controller.set_segment(self.segment.currentData()))
        self.segment_column.currentIndexChanged.connect(lambda _: self._segment_mode_changed())
        segment_row = QHBoxLayout()
        segment_row.addWidget(self.one_segment)
        segment_row.addWidget(self.segment, 3)
        segment_row.addSpacing(16)
        segment_row.addWidget(self.column_segment)
        segment_row.addWidget(self.segment_column, 2)
        grid.addWidget(self.template_label, 2, 0)
        grid.addWidget(self.template, 2, 1)
        grid.addWidget(self.size_label, 2, 2)
        grid.addWidget(self.size, 2, 3, 1, 4)
        grid.addWidget(self.segment_label, 3, 0)
        grid.addLayout(segment_row, 3, 1, 1, 6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(6, 1)
        outer.addWidget(self.source_box)

        # 3-4. Two steps on the left, one shown at a time so that each has the height of
        # a 768-pixel screen (the column table, then the checked rows); the row preview
        # on the right.
        self.mapping_box = QWidget()
        mapping_layout = QVBoxLayout(self.mapping_box)
        self.mapping = read_only_table(3, stretch=1)
        mapping_layout.addWidget(self.mapping)
        self.auto_button = QPushButton()
        self.auto_button.clicked.connect(self.controller.auto_match)
        self.mapping_note = QLabel(objectName="help")
        self.mapping_note.setWordWrap(True)
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.mapping_note, 1)
        auto_row.addWidget(self.auto_button)
        mapping_layout.addLayout(auto_row)

        self.rows_box = QWidget()
        rows_layout = QVBoxLayout(self.rows_box)
        self.rows_model = RowsModel(self)
        self.rows_filter = ProblemsFilter(self)
        self.rows_filter.setSourceModel(self.rows_model)
        self.rows = QTableView()
        self.rows.setModel(self.rows_filter)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows.setWordWrap(False)
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows.verticalHeader().setDefaultSectionSize(24)
        self.rows.horizontalHeader().setMaximumSectionSize(260)
        self.rows.selectionModel().currentRowChanged.connect(lambda *_: self.preview_row())
        self.summary = QLabel(objectName="fieldLabel")
        self.only_problems = QCheckBox()
        self.only_problems.toggled.connect(self.rows_filter.set_only_problems)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.only_problems)
        rows_layout.addLayout(summary_row)
        # The summary's second line, only for a sheet with old place names.
        self.places_bar = QWidget()
        places_row = QHBoxLayout(self.places_bar)
        places_row.setContentsMargins(0, 0, 0, 0)
        self.places_note = QLabel()
        self.places_note.setWordWrap(True)
        self.places_button = QPushButton()
        self.places_button.clicked.connect(self.controller.toggle_place_names)
        places_row.addWidget(self.places_note, 1)
        places_row.addWidget(self.places_button)
        self.places_bar.hide()
        rows_layout.addWidget(self.places_bar)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self,
                  self.controller.undo_place_names)
        rows_layout.addWidget(self.rows)
        self.skip_bad = QRadioButton()
        self.stop_bad = QRadioButton()
        bad = QButtonGroup(self)
        bad.addButton(self.skip_bad)
        bad.addButton(self.stop_bad)
        (self.stop_bad if saved.get("stop_on_error") else self.skip_bad).setChecked(True)
        self.bad_label = QLabel(objectName="fieldLabel")
        bad_row = QHBoxLayout()
        bad_row.addWidget(self.bad_label)
        bad_row.addWidget(self.skip_bad)
        bad_row.addWidget(self.stop_bad)
        bad_row.addStretch(1)
        rows_layout.addLayout(bad_row)

        self.steps = QTabWidget()
        self.steps.setDocumentMode(True)
        self.steps.addTab(self.mapping_box, "")
        self.steps.addTab(self.rows_box, "")
        self.preview_panel = PreviewPanel()
        self.preview_panel.fieldActivated.connect(self.show_field)
        self.preview_panel.show_message("")
        self.preview = PreviewController(preview_pool, delay_ms=0, parent=self)
        self.preview.ready.connect(self._row_preview_ready)
        self._previewed_row = 0
        self.preview.failed.connect(lambda e: self.preview_panel.show_message(
            dialogs.error_text(e)))
        self.preview.busyChanged.connect(self.preview_panel.set_busy)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.steps)
        middle.addWidget(self.preview_panel)
        middle.setSizes([700, 460])
        middle.setChildrenCollapsible(False)
        outer.addWidget(middle, 1)

        # 5. Output and run
        self.output_box = QWidget()
        out = QHBoxLayout(self.output_box)
        out.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(saved.get("folder") or default_folder))
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(
            lambda: self.browse_folder(self.folder, self.tr("Chọn thư mục lưu")))
        self.pdf = QCheckBox("PDF")
        self.png = QCheckBox("PNG")
        self.combined = QCheckBox()
        formats = saved.get("formats", ["pdf", "png"])
        self.pdf.setChecked("pdf" in formats)
        self.png.setChecked("png" in formats)
        self.combined.setChecked(bool(saved.get("combined", True)))
        self.pdf.toggled.connect(self.combined.setEnabled)
        self.combined.setEnabled(self.pdf.isChecked())
        for widget in (self.pdf, self.png, self.combined, self.skip_bad, self.stop_bad):
            widget.toggled.connect(lambda _: self.controller.set_options(self.options()))
        self.folder.textChanged.connect(lambda _: self.controller.set_options(self.options()))
        self.folder_label = QLabel(objectName="fieldLabel")
        out.addWidget(self.folder_label)
        out.addWidget(self.folder, 1)
        out.addWidget(self.folder_button)
        out.addSpacing(16)
        for widget in (self.pdf, self.png, self.combined):
            out.addWidget(widget)
        outer.addWidget(self.output_box)

        self.run_button = self.add_footer(outer)

        controller = self.controller
        controller.loaded.connect(self._on_loaded)
        controller.mappingChanged.connect(self._fill_mapping)
        controller.planning.connect(self._on_planning)
        controller.planChanged.connect(self._show_plan)
        controller.planned.connect(self._on_planned)
        controller.stateChanged.connect(self._update_buttons)
        controller.started.connect(self._on_started)
        controller.progressed.connect(self._progressed)
        controller.finished.connect(self._done)
        controller.set_options(self.options())
        self._choose_start(saved.get("template"))
        self._segment_mode_changed()
        self.retranslate()


    # --- what the controller holds ------------------------------------------------------

    @property
    def piece(self) -> Piece | None:
        return self.controller.piece

    @property
    def table(self) -> sheets.Table | None:
        return self.controller.table

    @property
    def plan(self) -> BatchPlan | None:
        return self.controller.plan

    @property
    def outcome(self) -> BatchOutcome | None:
        return self.controller.outcome

    @property
    def current_template(self) -> Template:
        return self.controller.template

    def current_mapping(self) -> dict[str, str]:
        return dict(self.controller.mapping)

    def formats(self) -> tuple[str, ...]:
        return self.controller.formats()

    def options(self) -> BatchOptions:
        return BatchOptions(
            folder=self.folder.text().strip() or str(self.default_folder),
            formats=tuple(f for f, box in (("pdf", self.pdf), ("png", self.png))
                          if box.isChecked()),
            combined=self.combined.isChecked(), stop_on_error=self.stop_bad.isChecked())

    # --- the file ----------------------------------------------------------------------

    @property
    def sheet_path(self) -> Path | None:
        return self._loaded_path

    def _path_typed(self) -> None:
        """A path typed or pasted: as Explorer's «Copy as path» gives it (in quotes) or as
        a file:// link; read when it names a file."""
        text = self.path.text().strip().strip('"').strip("'")
        if not text:
            return
        path = Path(QUrl(text).toLocalFile()) if text.startswith("file:") else \
            Path(text).expanduser()
        if path == self._loaded_path:
            return
        if path.is_file():
            self.load(path)
            return
        self.info.setText(self.tr("Không có tệp «%1»: hãy kiểm tra đường dẫn hoặc bấm "
                                  "«Chọn tệp…».").replace("%1", str(path)))
        self.info.setObjectName("error")
        self._restyle(self.info)

    def _browse_sheet(self) -> None:
        start = str(self.sheet_path.parent) if self.sheet_path else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn bảng tính"), start,
            self.tr("Bảng tính (*.xlsx *.xlsm *.csv *.txt);;Mọi tệp (*)"))
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path | None, sheet: str | None = None) -> None:
        """Read the file (off the UI thread); the mapping and checks follow when it is read."""
        if path is None:
            return
        self._loaded_path = path
        self.path.setText(str(path))
        self.info.setText(self.tr("Đang đọc bảng tính…"))
        self.info.setObjectName("muted")
        self._restyle(self.info)
        self.controller.load(path, sheet)

    def _on_loaded(self, error: BaseException | None) -> None:
        table = self.table
        self.rows_model.set_table(table)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if table is not None:
            self.sheet.addItems(table.sheets)
            self.sheet.setCurrentText(table.sheet or "")
        self.sheet.setEnabled(bool(table and len(table.sheets) > 1))
        for widget in (self.sheet_label, self.sheet):
            widget.setVisible(bool(table and table.sheets))  # CSV files have none
        self.sheet.blockSignals(False)
        self._show_segment_choice()
        if error is not None:
            if not isinstance(error, UserError):
                dialogs.log_exception(error)
            self.info.setText(dialogs.error_text(error))
            self.info.setObjectName("error")
            self._restyle(self.info)
            self._show_summary()
        else:
            assert table is not None
            self.info.setText(self._describe_table(table))
            self.rows.resizeColumnsToContents()
            self.rows.setColumnWidth(0, 300)  # the check result: the reason a row is refused
            self._new_sheet = True
        self.loaded.emit()

    def _describe_table(self, table: sheets.Table) -> str:
        where = (self.tr("trang «%1», ").replace("%1", table.sheet) if table.sheet else "")
        encodings = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "utf-16": "UTF-16",
                     "cp1258": "Windows-1258", "tcvn3": "TCVN3", "vni": "VNI", "xlsx": "Excel"}
        text = self.tr("%1 dòng dữ liệu · %2tiêu đề ở dòng %3 · %4").replace(
            "%1", str(len(table.rows))).replace("%2", where).replace(
            "%3", str(table.header_row)).replace("%4", encodings.get(table.encoding,
                                                                     table.encoding))
        if table.legacy:
            text += " · " + self.tr("chữ mã cũ %1 đã được chuyển sang Unicode, hãy soát lại"
                                    ).replace("%1", table.legacy.upper())
        return text

    # --- template, size, segment ------------------------------------------------------------

    def _start_template(self, chosen: str | None) -> str:
        """The template this campaign's last batch used; else the open piece's if it is a
        banner or poster (one per village); else the campaign's banner, then poster."""
        if chosen in self.templates:
            return str(chosen)
        open_piece = self.controller.piece
        pieces = ([open_piece] if open_piece is not None else []) + \
            list(self.model.campaign.pieces)
        for kind in ("banner", "poster"):
            for piece in pieces:
                template = self.templates.get(piece.template)
                if template is not None and template.kind == kind:
                    return template.id
        return "banner-bhxh" if "banner-bhxh" in self.templates else next(iter(self.templates))

    def _choose_start(self, chosen: str | None) -> None:
        """Start from a template (see `_start_template`) with the size, segment and edited
        values of the campaign's piece that uses it."""
        self.template.setCurrentIndex(max(0, self.template.findData(
            self._start_template(chosen))))
        self._template_changed()
        piece = self.controller.source_piece()
        segment = piece.segment if piece is not None else "toan-dan"
        self.segment.setCurrentIndex(max(0, self.segment.findData(segment)))
        self.controller.set_segment(self.segment.currentData())
        if piece is not None and piece.size and self.size.findData(piece.size) >= 0:
            self.size.setCurrentIndex(self.size.findData(piece.size))

    @staticmethod
    def _size_text(size: Size) -> str:
        return f"{size_name(size)} · {size.describe()}"

    def _template_changed(self) -> None:
        template = self.templates[self.template.currentData()]
        self.size.blockSignals(True)
        self.size.clear()
        for size in template.sizes if template.is_visual else ():
            self.size.addItem(self._size_text(size), size.id)
        self.size.setEnabled(self.size.count() > 1)
        self.size.blockSignals(False)
        self.controller.set_template(template.id)

    def _segment_mode_changed(self, *_: Any) -> None:
        by_column = self.column_segment.isChecked()
        self.segment.setEnabled(not by_column)
        self.segment_column.setEnabled(by_column)
        self.controller.set_segment_by_column(by_column, self.segment_column.currentText())

    def _show_segment_choice(self) -> None:
        """The sheet's columns to take segments from, and the controller's choice."""
        table, controller = self.table, self.controller
        for widget in (self.segment_column, self.column_segment):
            widget.blockSignals(True)
        self.segment_column.clear()
        if table is not None:
            self.segment_column.addItems(table.headers)
            self.segment_column.setCurrentText(controller.segment_column)
        self.column_segment.setChecked(controller.by_column)
        self.one_segment.setChecked(not controller.by_column)
        for widget in (self.segment_column, self.column_segment):
            widget.blockSignals(False)
        self.segment.setEnabled(not controller.by_column)
        self.segment_column.setEnabled(controller.by_column)

    # --- the mapping --------------------------------------------------------------------

    def _fill_mapping(self) -> None:
        """The controller's mapping in the table: rebuilt for another sheet or template,
        otherwise only the choices change (the combo being used stays)."""
        headers = self.table.headers if self.table else []
        template = self.current_template
        mapping = self.controller.mapping
        shown = self._mapping_shown
        if shown is None or shown[0] is not self.table or shown[1] != template.id:
            self._mapping_shown = (self.table, template.id)
            first = self.table.rows[0].values if self.table and self.table.rows else {}
            self.mapping.setRowCount(len(headers))
            for row, header in enumerate(headers):
                self.mapping.setItem(row, 0, QTableWidgetItem(header))
                example = first.get(header)
                self.mapping.setItem(row, 1, QTableWidgetItem("" if example is None
                                                              else str(example)))
                combo = QComboBox()
                combo.addItem(self.tr("— không dùng —"), NOT_USED)
                for spec in template.fields:
                    mark = " *" if spec.required else ""
                    combo.addItem(f"{field_label(spec)}{mark}", spec.id)
                combo.currentIndexChanged.connect(
                    lambda _, h=header, c=combo: self.controller.map_column(h, c.currentData()))
                self.mapping.setCellWidget(row, 2, combo)
        for row, header in enumerate(headers):
            combo = self._combo(row)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, NOT_USED))))
            combo.blockSignals(False)
        self._after_mapping_change()

    def _combo(self, row: int) -> QComboBox:
        return self.mapping.cellWidget(row, 2)  # type: ignore[return-value]

    def _after_mapping_change(self) -> None:
        mapping = self.controller.mapping
        template = self.current_template
        labels = {spec.id: field_label(spec) for spec in template.fields}
        self.rows_model.set_mapping(mapping, labels)
        if not self.table:
            self.mapping_note.setText(self.tr("Chọn một bảng tính CSV hoặc Excel (.xlsx) để bắt "
                                              "đầu: mỗi dòng một thôn, một ấn phẩm."))
            return
        missing = [labels[f] for f in self.controller.missing_fields()]
        if not mapping:
            text = self.tr("Chưa ghép cột nào với trường của mẫu.")
        elif missing:
            text = self.tr("Trường bắt buộc chưa có cột: %1.").replace("%1", ", ".join(missing))
        else:
            text = self.tr("%1 cột được ghép với trường của mẫu (* là bắt buộc)."
                           ).replace("%1", str(len(mapping)))
        source = (self.tr("Trường không có cột lấy nội dung bạn đã sửa trong ấn phẩm cùng mẫu "
                          "của chiến dịch.")
                  if self.controller.constants()
                  else self.tr("Trường không có cột dùng nội dung mặc định của mẫu."))
        self.mapping_note.setText(f"{text} {source}")

    def show_field(self, field_id: str) -> None:
        """A check names a field: select the column mapped to it."""
        self.steps.setCurrentWidget(self.mapping_box)
        for row in range(self.mapping.rowCount()):
            if self._combo(row).currentData() == field_id:
                self.mapping.selectRow(row)
                self._combo(row).setFocus()
                return

    # --- the checked rows -----------------------------------------------------------------

    def _on_planning(self, what: str) -> None:
        self.summary.setText(self.tr("Đang thay địa danh…") if what == "places"
                             else self.tr("Đang kiểm tra các dòng…"))

    def _on_planned(self, error: BaseException | None) -> None:
        if error is not None:
            if not isinstance(error, UserError):
                dialogs.log_exception(error)
            self.summary.setText(dialogs.error_text(error))
        if self._new_sheet:  # a sheet just read: its rows, unless a column is missing
            self._new_sheet = False
            complete = self.plan is not None and not self.controller.missing_fields()
            self.steps.setCurrentWidget(self.rows_box if complete else self.mapping_box)
        self.planned.emit()

    def _show_plan(self) -> None:
        """Show each row's result and place notes (after a check, Undo or a run's start)."""
        controller = self.controller
        self.rows_model.set_status(controller.status, controller.places)
        self._show_summary()
        if controller.plan is None or controller.running:
            return
        if self.rows.currentIndex().isValid():
            self.preview_row()
        elif self.rows_filter.rowCount():
            self.rows.selectRow(0)

    def _show_summary(self) -> None:
        plan, before = self.plan, self.controller.plan_before_places
        self._name_steps()
        if plan is None:
            self.summary.setText("" if self.table else self.tr("Chưa có bảng tính."))
            self.places_bar.hide()
            return
        bad = len(plan.bad_rows)
        text = self.tr("%1 dòng · %2 hợp lệ").replace("%1", str(plan.total_rows)).replace(
            "%2", str(len(plan.rows)))
        if bad:
            text += " · " + self.tr("%1 dòng lỗi").replace("%1", str(bad))
        self.summary.setText(text)
        parts = []
        suggested = sum(1 for note in plan.places if note.issue.suggestion)
        if suggested:
            parts.append(self.tr("%1 địa danh cũ — %2 có tên mới").replace(
                "%1", str(len(plan.places))).replace("%2", str(suggested)))
        elif plan.places:
            parts.append(self.tr("%1 địa danh cũ").replace("%1", str(len(plan.places))))
        if before is not None:
            replaced = len(before.places) - len(plan.places)
            parts.append(self.tr("đã thay %1 địa danh").replace("%1", str(replaced)))
        self.places_note.setText(("⚠ " if plan.places else "✓ ") + " · ".join(parts))
        self.places_note.setStyleSheet(f"color: {theme.WARNING if plan.places else theme.OK};")
        self.places_bar.setVisible(bool(parts))

    def _name_steps(self) -> None:
        """The tabs say what is in them: the rows' tab how many rows and how many bad."""
        self.steps.setTabText(0, self.tr("1. Ghép cột với trường của mẫu"))
        plan = self.plan
        rows = self.tr("2. Các dòng")
        if plan is not None:
            counted = self.tr("%1 dòng").replace("%1", str(plan.total_rows))
            if plan.bad_rows:
                counted += " · " + self.tr("%1 lỗi").replace("%1", str(len(plan.bad_rows)))
            rows += f" ({counted})"
        self.steps.setTabText(1, rows)

    # --- previewing one row -----------------------------------------------------------------

    def preview_row(self) -> None:
        index = self.rows.currentIndex()
        if not index.isValid() or self.table is None:
            return
        row = self.table.rows[self.rows_filter.mapToSource(index).row()]
        piece = self.controller.row_piece(row)
        if piece is None:
            return
        self._previewed_row = row.number
        self.preview_panel.set_title(
            self.tr("Xem trước dòng %1").replace("%1", str(row.number)))
        self.preview.request(piece, self.model.campaign, self.preview_panel.wanted_width(),
                             immediate=True)

    def _row_preview_ready(self, data: Any) -> None:
        """The row's own problems (unknown segment, …) head the render's checks."""
        data.checks = [error("row", p.text("vi"), p.text("en"), p.field)
                       for p in self.controller.row_problems(self._previewed_row)
                       ] + list(data.checks)
        self.preview_panel.show_data(data)

    # --- running --------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        controller, plan = self.controller, self.plan
        running = controller.running
        self.run_button.setEnabled(controller.can_run())
        visual = self.current_template.is_visual
        for widget in (self.pdf, self.png):
            widget.setEnabled(visual and not running)
        self.combined.setEnabled(visual and self.pdf.isChecked() and not running)
        applied = controller.places_applied
        self.places_button.setText(self.tr("Hoàn tác thay địa danh") if applied
                                   else self.tr("Áp dụng mọi gợi ý địa danh"))
        self.places_button.setToolTip(
            self.tr("Trả lại các địa danh như trong bảng tính (Ctrl+Z).") if applied else
            self.tr("Thay mỗi địa danh cũ có đúng một tên mới bằng tên đó, trong ấn phẩm và "
                    "tên tệp của lần tạo này. Bảng tính không bị sửa."))
        self.places_button.setEnabled(controller.can_toggle_places())
        if plan is not None and plan.rows:
            count = len(plan.rows)
            text = (self.tr("Chạy tiếp") if controller.resume_dir else
                    self.tr("Tạo %1 ấn phẩm").replace("%1", str(count)))
            self.run_button.setText(text)
        else:
            self.run_button.setText(self.tr("Tạo ấn phẩm"))
        if not running and plan is not None and plan.problems and \
                controller.options.stop_on_error:
            self.status.setText(self.tr("Bảng còn dòng lỗi: sửa bảng tính (rồi chọn lại tệp) "
                                        "hoặc chọn bỏ qua dòng lỗi."))

    def start(self) -> None:
        if self.controller.running:
            return
        self.controller.set_options(self.options())
        self.model.set_setting("batch", {
            "template": self.current_template.id, "folder": self.folder.text().strip(),
            "formats": list(self.formats()),
            "combined": self.combined.isChecked(), "stop_on_error": self.stop_bad.isChecked(),
        })
        self.controller.start()

    def _on_started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first chunk of rows is done
        self.status.setText(self.tr("Đang khởi động các tiến trình dựng hình…"))
        self._started = time.monotonic()
        self.steps.setCurrentWidget(self.rows_box)  # the rows' results come in there
        for widget in (self.source_box, self.mapping_box):
            widget.setEnabled(False)
        self.set_running(True)

    def stop(self) -> None:
        if self.controller.running:
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Đang dừng…"))
            self.controller.stop()

    @property
    def running(self) -> bool:
        return self.controller.running

    def _progressed(self, done: int, total: int, row: int, problem: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if problem:
            self.rows_model.mark(row, problem)
        elapsed = time.monotonic() - self._started
        eta = round(elapsed / done * (total - done)) if done else 0
        self.status.setText(self.tr("%1/%2 dòng · còn khoảng %3 · dòng %4").replace(
            "%1", str(done)).replace("%2", str(total)).replace(
            "%3", duration(eta)).replace("%4", str(row)))

    def _done(self, outcome: BatchOutcome) -> None:
        for widget in (self.source_box, self.mapping_box):
            widget.setEnabled(True)
        self.set_running(False)
        self.open_button.setEnabled(outcome.folder is not None and outcome.folder.exists())
        total = self.progress.maximum() or 1
        if outcome.error is not None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.status.setText(dialogs.error_text(outcome.error))
            dialogs.show_error(self, outcome.error, self.tr("Chạy hàng loạt không thành công"))
        elif outcome.cancelled:
            self.status.setText(self.tr(
                "Đã dừng. Chỉ các tệp đã làm xong được giữ lại trong %1; bấm «Chạy tiếp» để "
                "làm các dòng còn lại.").replace("%1", str(outcome.folder)))
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(total)
            text = self.tr("Xong: %1 dòng, %2 tệp trong %3 → %4").replace(
                "%1", str(outcome.rows_ok)).replace("%2", str(outcome.files)).replace(
                "%3", duration(outcome.seconds)).replace("%4", str(outcome.folder))
            if outcome.combined:
                text += "\n" + self.tr("Tệp in gộp cho nhà in: %1").replace(
                    "%1", outcome.combined)
            skipped = len(self.plan.bad_rows) if self.plan else 0
            if outcome.failed or skipped:
                text += "\n" + self.tr("%1 dòng không tạo được (xem cột Kiểm tra).").replace(
                    "%1", str(len(outcome.failed) + skipped))
            self.status.setText(text)
            self.model.add_export(ExportRecord(
                created=datetime.now().isoformat(timespec="seconds"),
                folder=str(outcome.folder), files=outcome.files, pieces=outcome.rows_ok,
                skipped=len(outcome.failed) + skipped))
        self._update_buttons()
        self.finished_batch.emit(outcome)

    def result_folder(self) -> Path | None:
        return self.outcome.folder if self.outcome else None

    def done(self, result: int) -> None:
        self.controller.shutdown()
        self.preview.shutdown()
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            # Once the dialog is drawn: started while its widgets are built, the processes
            # took the CPU and Python's lock from them (the opening stalled ~40 ms more).
            QTimer.singleShot(0, self, self._warm_up)

    def _warm_up(self) -> None:
        if self.isVisible():  # not once closed: its processes are stopped for good
            jobs.warm_up_pools(self.run_pool)

    # --- language ---------------------------------------------------------------------------

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tạo hàng loạt từ bảng tính"))
        self.source_box.setTitle(self.tr("Bảng tính và mẫu"))
        self.file_label.setText(self.tr("Bảng tính"))
        self.path.setPlaceholderText(self.tr("Tệp CSV hoặc Excel (.xlsx): mỗi dòng một ấn phẩm"))
        self.browse.setText(self.tr("Chọn tệp…"))
        self.sheet_label.setText(self.tr("Trang"))
        self.template_label.setText(self.tr("Mẫu"))
        self.size_label.setText(self.tr("Khổ"))
        self.segment_label.setText(self.tr("Đối tượng"))
        self.one_segment.setText(self.tr("Cho cả bảng"))
        self.column_segment.setText(self.tr("Theo cột"))
        self.mapping.setHorizontalHeaderLabels([self.tr("Cột trong bảng"),
                                                self.tr("Ví dụ (dòng đầu)"),
                                                self.tr("Trường của mẫu")])
        for row in range(self.mapping.rowCount()):
            self._combo(row).setItemText(0, self.tr("— không dùng —"))
        self.auto_button.setText(self.tr("Ghép tự động"))
        self.auto_button.setToolTip(self.tr("Ghép theo tên cột: không phân biệt hoa thường "
                                            "và dấu («Tên thôn» → Thôn, xã)"))
        self.steps.setTabToolTip(1, self.tr("Số dòng như trong Excel"))
        self.only_problems.setText(self.tr("Chỉ hiện dòng lỗi, cảnh báo"))
        if not self.preview_panel.data:
            self.preview_panel.show_message(self.tr("Chọn một dòng để xem trước ấn phẩm của "
                                                    "dòng đó."))
        self.folder_label.setText(self.tr("Lưu vào"))
        self.folder_button.setText(self.tr("Chọn…"))
        self.combined.setText(self.tr("Một PDF gộp cho nhà in"))
        self.skip_bad.setText(self.tr("bỏ qua, làm các dòng hợp lệ"))
        self.stop_bad.setText(self.tr("không chạy khi còn dòng lỗi"))
        self.bad_label.setText(self.tr("Dòng lỗi:"))
        for i in range(self.template.count()):
            self.template.setItemText(i, template_name(self.templates[self.template.itemData(i)]))
        for i in range(self.size.count()):
            size = self.current_template.size(self.size.itemData(i))
            self.size.setItemText(i, self._size_text(size))
        self.retranslate_footer()
        self._after_mapping_change()
        self._show_summary()
        self._update_buttons()
        if not self.status.text():
            self.status.setText(self.tr("Mỗi dòng tạo một ấn phẩm với tên tệp theo dòng; "
                                        "kèm manifest ghi số dòng và đối tượng."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

