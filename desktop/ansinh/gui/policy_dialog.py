"""Tệp › Số liệu chính sách: the policy figures every template prints, kept current.

Lists every series (left) and its history (right): value(s), effective date, document,
source, confirmed or proposal, shipped or the office's own, who entered it when. The
officer adds a value, confirms a proposal once the document is out, and shares or
takes updates as policy packs. Every change goes through `ansinh.core.policy`, which
validates it and writes the office's overlay; the dialog keeps no figures of its own and
reads them again after each change, so whatever computes figures next sees the new ones.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import policy
from ..core.errors import UserError
from . import dialogs, i18n, theme

ROLE_KEY = Qt.ItemDataRole.UserRole
PACK_SUFFIX = ".toml"
SOURCE_COLUMN = 3
SOURCE_SHOWN = 110  # characters of a source in the table; the whole text is below it
CELL_PAD = 8  # px each side of a table cell's text
# Widest a column grows to fit its text before it wraps (value, document).
WRAP_AT = {1: 270, 2: 220}


# --- figures as people write them --------------------------------------------------------


def grouped(amount: int) -> str:
    """2.530.000 (Vietnamese UI) or 2,530,000 (English UI)."""
    return f"{amount:,}" if i18n.current() == "en" else f"{amount:,}".replace(",", ".")


def money_text(amount: int) -> str:
    # A no-break space: the unit never wraps onto a line of its own.
    return grouped(amount) + (" VND" if i18n.current() == "en" else "\u00a0đ")


def rate_text(rate: float) -> str:
    """22 %, 4,5 % (Vietnamese UI) or 22%, 4.5% (English UI)."""
    number = f"{rate * 100:.2f}".rstrip("0").rstrip(".")
    return f"{number}%" if i18n.current() == "en" else number.replace(".", ",") + "\u00a0%"


def parse_money(text: str) -> int | None:
    """What an officer types for an amount — 2.530.000, 2,530,000, 2 530 000 đ — as đồng;
    None when it is not a number of đồng."""
    cleaned = text.strip().lower()
    for unit in ("đồng", "vnd", "đ"):
        cleaned = cleaned.removesuffix(unit)
    digits = "".join(c for c in cleaned if c not in " .,\u00a0")
    return int(digits) if digits.isdigit() else None


class PercentBox(QDoubleSpinBox):
    """A rate typed as a percentage, shown without trailing zeros (22 %, 4,5 %)."""

    def __init__(self, rate: float | None) -> None:
        super().__init__()
        self.setRange(0, 100)
        self.setDecimals(2)
        self.setSuffix(" %")
        self.setValue(round((rate or 0) * 100, 2))
        self.setFixedWidth(120)

    def textFromValue(self, value: float) -> str:
        text = self.locale().toString(value, "f", 2)
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text

    def rate(self) -> float:
        return round(self.value() / 100, 6)


class _Wrapped(QStyledItemDelegate):
    """Rows as tall as their wrapped text: Qt measures a cell as if the style sheet's side
    padding were not there, wraps it into fewer lines than it paints and cuts the last."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> Any:
        if option.rect.width() > 2 * CELL_PAD:
            option = QStyleOptionViewItem(option)
            option.rect = option.rect.adjusted(0, 0, -2 * CELL_PAD, 0)
        return super().sizeHint(option, index)


def _day(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def _error_label() -> QLabel:
    label = QLabel(objectName="error")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _failure_text(error: Exception) -> str:
    """A core refusal in the UI language; anything unexpected is logged, never shown raw."""
    if not isinstance(error, UserError):
        dialogs.log_exception(error)
    return dialogs.error_text(error)


# --- the forms: add a value, confirm a proposal ---------------------------------------------


class _EntryForm(QDialog):
    """Document, source and an error line shared by both forms; `save()` asks the core and
    keeps the form open (everything typed intact) when it refuses."""

    def __init__(self, parent: QWidget | None, title: str, save_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.saved: policy.Entry | None = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(18, 16, 18, 14)
        self.outer.setSpacing(12)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setVerticalSpacing(8)
        self.document = QLineEdit()
        self.document.setMaxLength(300)
        self.document.setPlaceholderText(self.tr("Ví dụ: Nghị định 161/2026/NĐ-CP"))
        self.source = QLineEdit()
        self.source.setMaxLength(1000)
        self.source.setPlaceholderText(self.tr("Đường dẫn, công báo hoặc nơi đã đối chiếu"))
        self.error = _error_label()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(save_text,
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        self.form.addRow(self.tr("Văn bản quy định"), self.document)
        self.form.addRow(self.tr("Nguồn"), self.source)
        self.outer.addLayout(self.form)
        self.outer.addWidget(self.error)
        self.outer.addWidget(self.buttons)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def save(self) -> policy.Entry:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.saved = self.save()
        except Exception as exc:  # noqa: BLE001 — shown in the form, which stays open
            self.show_problem(_failure_text(exc))
            return
        super().accept()


class AddValueDialog(_EntryForm):
    """A new value of one series: one input per value of the series, filled with the
    series' latest entry so the officer changes only what changed."""

    def __init__(self, series: policy.Series, latest: policy.Entry | None,
                 labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Thêm mức mới"), self.tr("Lưu mức mới"))
        self.series = series
        heading = QLabel(i18n.pick(series.vi, series.en), objectName="panelTitle")
        heading.setWordWrap(True)
        self.outer.addWidget(heading)
        self.effective = QDateEdit(QDate.currentDate())
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("dd/MM/yyyy")
        self.effective.setFixedWidth(180)
        self.form.addRow(self.tr("Hiệu lực từ ngày"), self.effective)
        previous = latest.values if latest else {}
        self.inputs: dict[str, Any] = {}
        for spec in series.values:
            widget = self._input(spec, previous.get(spec.key), labels)
            self.form.addRow(labels[spec.key], widget)
        self.proposal = QCheckBox(self.tr("Dự kiến — chưa có văn bản chính thức (chỉ dùng khi "
                                          "chiến dịch chọn dùng số liệu dự kiến)"))
        self._finish_layout()
        self.form.addRow("", self.proposal)

    def _input(self, spec: policy.Value, value: Any, labels: dict[str, str]) -> QWidget:
        if spec.kind == "rate":
            self.inputs[spec.key] = PercentBox(value)
            return self.inputs[spec.key]
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        if spec.kind == "money":
            line = QLineEdit(grouped(value) if value else "")
            line.setPlaceholderText("2.530.000")
            line.setFixedWidth(180)
            line.editingFinished.connect(lambda: self._tidy_money(line))
            grid.addWidget(line, 0, 0)
            grid.addWidget(QLabel(self.tr("đồng")), 0, 1)
            self.inputs[spec.key] = line
        elif spec.kind == "months":
            box = QSpinBox()
            box.setFixedWidth(120)
            box.setRange(0, 600)
            box.setSuffix(self.tr(" tháng"))
            box.setValue(int(value or 0))
            grid.addWidget(box, 0, 0)
            self.inputs[spec.key] = box
        elif spec.kind == "rates":
            boxes = {}
            for row, group in enumerate(spec.keys):
                boxes[group] = PercentBox((value or {}).get(group))
                grid.addWidget(QLabel(labels[group]), row, 0)
                grid.addWidget(boxes[group], row, 1)
            self.inputs[spec.key] = boxes
        else:  # shares: the 1st member's price and each later member's share of it
            shares = [PercentBox(share) for share in (value or [1.0])]
            for index, box in enumerate(shares):
                grid.addWidget(QLabel(self.tr("Người thứ %1").replace("%1", str(index + 1))),
                               index // 3, (index % 3) * 2)
                grid.addWidget(box, index // 3, (index % 3) * 2 + 1)
            self.inputs[spec.key] = shares
        grid.setColumnStretch(grid.columnCount(), 1)  # inputs keep their width, left-aligned
        return holder

    def _tidy_money(self, line: QLineEdit) -> None:
        amount = parse_money(line.text())
        if amount is not None:
            line.setText(grouped(amount))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in self.series.values:
            widget = self.inputs[spec.key]
            if spec.kind == "money":
                amount = parse_money(widget.text())
                if amount is None:
                    raise UserError(
                        "Mức tiền viết bằng số đồng, ví dụ 2.530.000.",
                        "Write the amount as a number of đồng, e.g. 2,530,000.")
                values[spec.key] = amount
            elif spec.kind == "months":
                values[spec.key] = widget.value()
            elif spec.kind == "rate":
                values[spec.key] = widget.rate()
            elif spec.kind == "rates":
                values[spec.key] = {k: b.rate() for k, b in widget.items()}
            else:
                values[spec.key] = [b.rate() for b in widget]
        return values

    def save(self) -> policy.Entry:
        return policy.set_entry(self.series.name, _day(self.effective.date()), self.values(),
                                document=self.document.text().strip(),
                                source=self.source.text().strip(),
                                confirmed=not self.proposal.isChecked())


class ConfirmDialog(_EntryForm):
    """Confirm a proposal: the officer names the document that enacted it."""

    def __init__(self, entry: policy.Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Xác nhận mức dự kiến"), self.tr("Xác nhận"))
        self.entry = entry
        series = policy.SERIES[entry.series]
        intro = QLabel(self.tr(
            "«%1» từ ngày %2 đang là mức dự kiến. Chỉ xác nhận khi đã đối chiếu văn bản chính "
            "thức: sau khi xác nhận, mọi ấn phẩm có ngày chiến dịch từ ngày đó sẽ in mức này.")
            .replace("%1", i18n.pick(series.vi, series.en))
            .replace("%2", f"{entry.effective:%d/%m/%Y}"))
        intro.setWordWrap(True)
        self.outer.addWidget(intro)
        if entry.source:
            earlier = QLabel(self.tr("Ghi chú khi nhập: %1").replace("%1", entry.source),
                             objectName="help")
            earlier.setWordWrap(True)
            self.outer.addWidget(earlier)
        # The document is usually the one proposed; where it was checked is new.
        self.document.setText(entry.document)
        self.document.setCursorPosition(0)
        self._finish_layout()
        self.source.setFocus()

    def save(self) -> policy.Entry:
        document, source = self.document.text().strip(), self.source.text().strip()
        if not document or not source:
            raise UserError(
                "Hãy ghi số hiệu văn bản đã ban hành mức này và nơi đã đối chiếu văn bản "
                "(đường dẫn, công báo…).",
                "Name the document that enacted this value and where you checked it (a link, "
                "the gazette…).")
        return policy.confirm_entry(self.entry.series, self.entry.effective, document=document,
                                    source=source)


class PolicyDialog(QDialog):
    """Every series and its history; adding, confirming, importing and exporting go through
    the core and the lists are read again afterwards. `changed` tells the window to redraw."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Số liệu chính sách"))
        self.setMinimumSize(1000, 600)
        self.resize(1300, 720)
        self.changed = False
        self.data: policy.PolicyData | None = None
        self.labels = self._labels()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)

        self.checked_label = QLabel()
        self.checked_label.setWordWrap(True)
        outer.addWidget(self.checked_label)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(
            f"QLabel {{ background: #FFF6E0; border: 1px solid #F1D08A; border-radius: 6px;"
            f" padding: 6px 10px; color: {theme.WARNING}; }}")
        outer.addWidget(self.warnings)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(10)
        self.series_list = QListWidget()
        self.series_list.setWordWrap(True)
        self.series_list.setMinimumWidth(250)
        self.series_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.series_list.setStyleSheet(
            f"QListWidget {{ border: 1px solid {theme.BORDER}; border-radius: 8px;"
            " padding: 4px 8px; }"
            # No side padding on items: Qt would wrap as if it were not there (see _Wrapped).
            " QListWidget::item { padding: 7px 0px; }")
        self.series_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.series_list.currentRowChanged.connect(lambda _row: self._show_series())
        split.addWidget(self.series_list)
        split.addWidget(self._history_panel())
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([270, 1010])
        outer.addWidget(split, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        outer.addWidget(self.message)

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("Nhập gói…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setToolTip(self.tr("Nhận số liệu do đơn vị khác gửi (tệp .toml)"))
        self.import_button.clicked.connect(lambda: self.import_pack())
        self.export_button = buttons.addButton(self.tr("Xuất gói…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setToolTip(self.tr(
            "Gửi số liệu của đơn vị cho đơn vị khác thành một tệp .toml"))
        self.export_button.clicked.connect(lambda: self.export_pack())
        self.close_button = buttons.addButton(self.tr("Đóng"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, lambda: self.add_value())
        self.reload()
        self.series_list.setCurrentRow(0)
        self.series_list.setFocus()

    def _history_panel(self) -> QWidget:
        panel = QFrame(objectName="panel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = QLabel(objectName="panelTitle")
        self.title.setWordWrap(True)
        self.key_label = QLabel(objectName="help")
        titles.addWidget(self.title)
        titles.addWidget(self.key_label)
        head.addLayout(titles, 1)
        self.add_button = QPushButton(theme.icon("add", "white"), self.tr("Thêm mức mới…"))
        self.add_button.setProperty("primary", True)
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(self.tr("Thêm một mức có hiệu lực từ một ngày (Ctrl+N)"))
        self.add_button.clicked.connect(lambda: self.add_value())
        self.confirm_button = QPushButton(theme.icon("ok"), self.tr("Xác nhận…"))
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setToolTip(self.tr(
            "Xác nhận mức dự kiến đang chọn khi văn bản đã ban hành"))
        self.confirm_button.clicked.connect(lambda: self.confirm_selected())
        head.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Hiệu lực từ"), self.tr("Giá trị"), self.tr("Văn bản"), self.tr("Nguồn"),
            self.tr("Trạng thái"), self.tr("Người nhập")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setStyleSheet(f"QTableWidget::item {{ padding: 6px {CELL_PAD}px; }}")
        self.table.setItemDelegate(_Wrapped(self.table))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SOURCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # Rows fit their wrapped text once the columns have their new widths.
        header.sectionResized.connect(
            lambda *_: QTimer.singleShot(0, self.table.resizeRowsToContents))
        self.table.itemSelectionChanged.connect(self._entry_selected)
        self.table.doubleClicked.connect(lambda _i: self.confirm_selected())
        layout.addWidget(self.table, 1)

        self.detail = QLabel(objectName="help")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        return panel

    def _labels(self) -> dict[str, str]:
        """Names of values and groups in the UI language (the core's names are Vietnamese;
        a group the core adds later shows under its Vietnamese name until translated here)."""
        return {**policy.SUPPORT_GROUP_NAMES, **policy.BHYT_SUPPORT_NAMES,
            "amount": self.tr("Mức"),
            "rate": self.tr("Tỷ lệ đóng"),
            "support": self.tr("Nhà nước hỗ trợ"),
            "max_support_months": self.tr("Hỗ trợ tối đa"),
            "member_shares": self.tr("Mức đóng theo người"),
            "poor": self.tr("Hộ nghèo"),
            "near_poor": self.tr("Hộ cận nghèo"),
            "ethnic": self.tr("Dân tộc thiểu số"),
            "island": self.tr("Xã đảo, đặc khu"),
            "other": self.tr("Đối tượng khác"),
            "student": self.tr("Học sinh, sinh viên"),
        }

    # --- showing -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the figures again (shipped + the office's overlay) and show them."""
        keep = self.current_series()
        try:
            self.data = policy.load_policy_data()
        except Exception as exc:  # noqa: BLE001 — a broken overlay is named, not raised
            self.data = None
            self.say(_failure_text(exc), error=True)
        self._show_freshness()
        self.series_list.blockSignals(True)
        self.series_list.clear()
        for name, series in policy.SERIES.items():
            entries = self.data.series(name) if self.data else ()
            pending = sum(1 for e in entries if not e.confirmed)
            summary = self.tr("%1 mức").replace("%1", str(len(entries)))
            if pending:
                summary += " · " + self.tr("%1 dự kiến").replace("%1", str(pending))
            item = QListWidgetItem(f"{i18n.pick(series.vi, series.en)}\n{summary}")
            item.setData(ROLE_KEY, name)
            item.setToolTip(name)
            self.series_list.addItem(item)
        self.series_list.blockSignals(False)
        names = list(policy.SERIES)
        self.series_list.setCurrentRow(names.index(keep) if keep in names else 0)
        self._show_series()

    def _show_freshness(self) -> None:
        checked = self.data.checked if self.data else None
        self.checked_label.setText(self.tr(
            "Số liệu được rà soát lần cuối ngày %1. Hôm nay: %2.").replace(
            "%1", f"{checked:%d/%m/%Y}" if checked else self.tr("(chưa rõ)")).replace(
            "%2", f"{date.today():%d/%m/%Y}"))
        checks = policy.freshness_checks(date.today(), data=self.data) if self.data else []
        self.warnings.setText("\n".join("⚠ " + c.text(i18n.current()) for c in checks))
        self.warnings.setVisible(bool(checks))

    def current_series(self) -> str | None:
        item = self.series_list.currentItem()
        return item.data(ROLE_KEY) if item else None

    def entries(self) -> tuple[policy.Entry, ...]:
        """The current series' entries, newest first (as the table shows them)."""
        name = self.current_series()
        if not name or self.data is None:
            return ()
        return tuple(reversed(self.data.series(name)))

    def _show_series(self) -> None:
        name = self.current_series()
        series = policy.SERIES.get(name or "")
        self.title.setText(i18n.pick(series.vi, series.en) if series else "")
        self.key_label.setText(self.tr("Mã: %1 · mới nhất ở trên · in đậm: mức đang áp dụng "
                                       "hôm nay").replace("%1", name or ""))
        entries = self.entries()
        in_force = next((e for e in entries if e.confirmed and e.effective <= date.today()),
                        None)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            source = entry.source if len(entry.source) <= SOURCE_SHOWN else \
                entry.source[:SOURCE_SHOWN].rsplit(" ", 1)[0] + " …"
            cells = (f"{entry.effective:%d/%m/%Y}", self.value_text(entry), entry.document,
                     source or "—", self._state_text(entry), self._who_text(entry))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                item.setToolTip(entry.source if column == SOURCE_COLUMN else text)
                if entry is in_force:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 4 and not entry.confirmed:
                    item.setForeground(QColor(theme.WARNING))
                self.table.setItem(row, column, item)
        self._fit_columns()
        self.table.clearSelection()
        self.add_button.setEnabled(series is not None and self.data is not None)
        self._entry_selected()

    def _fit_columns(self) -> None:
        """Each column as wide as its text (the source takes what is left), value and
        document wrapping past WRAP_AT; then rows as tall as their text."""
        header = self.table.horizontalHeader()
        for column in range(self.COLUMNS):
            if column == SOURCE_COLUMN:
                continue
            # Measured here: Qt's own measure wraps the text to the width it already has.
            lines = [(self.table.item(row, column).font(), line)
                     for row in range(self.table.rowCount())
                     for line in self.table.item(row, column).text().split("\n")]
            text = max((QFontMetrics(font).horizontalAdvance(line) for font, line in lines),
                       default=0)
            wanted = max(text + 2 * CELL_PAD + 8, header.sectionSizeFromContents(column).width())
            self.table.setColumnWidth(column, min(wanted, WRAP_AT.get(column, wanted)))
        self.table.resizeRowsToContents()

    def value_text(self, entry: policy.Entry) -> str:
        lines = []
        for spec in policy.SERIES[entry.series].values:
            value = entry.values[spec.key]
            if spec.kind == "money":
                text = money_text(value)
            elif spec.kind == "rate":
                text = rate_text(value)
            elif spec.kind == "months":
                text = self.tr("%1 tháng").replace("%1", str(value))
            elif spec.kind == "rates":
                text = ", ".join(f"{self.labels[k]} {rate_text(v)}" for k, v in value.items())
            else:
                text = " · ".join(rate_text(v) for v in value)
            lines.append(text if len(policy.SERIES[entry.series].values) == 1
                         else f"{self.labels[spec.key]}: {text}")
        return "\n".join(lines)

    def _state_text(self, entry: policy.Entry) -> str:
        return self.tr("Đã xác nhận") if entry.confirmed else self.tr("Dự kiến")

    def _who_text(self, entry: policy.Entry) -> str:
        origin = self.tr("Của đơn vị") if entry.origin == "user" else self.tr("Kèm ứng dụng")
        when = entry.entered_at.replace("T", " ")[:16]
        if when[:10].count("-") == 2:
            year, month, day = when[:10].split("-")
            when = f"{day}/{month}/{year}{when[10:]}"
        who = ", ".join(p for p in (entry.entered_by, when) if p)
        return f"{origin}\n{who}" if who else origin

    def selected_entry(self) -> policy.Entry | None:
        rows = self.table.selectionModel().selectedRows()
        entries = self.entries()
        return entries[rows[0].row()] if rows and rows[0].row() < len(entries) else None

    def select_entry(self, effective: date) -> None:
        for row, entry in enumerate(self.entries()):
            if entry.effective == effective:
                self.table.selectRow(row)

    def _entry_selected(self) -> None:
        entry = self.selected_entry()
        self.confirm_button.setEnabled(entry is not None and not entry.confirmed)
        if entry is None:
            self.detail.setText(self.tr("Chọn một dòng để xem đầy đủ nguồn; mức dự kiến "
                                        "được xác nhận bằng nút «Xác nhận…»."))
            return
        self.detail.setText(self.tr("%1 · %2 — Nguồn: %3").replace(
            "%1", f"{entry.effective:%d/%m/%Y}").replace("%2", entry.document).replace(
            "%3", entry.source or self.tr("(chưa ghi)")))

    def say(self, text: str, error: bool = False) -> None:
        """The outcome of the last action, under the lists."""
        self.message.setText(text)
        self.message.setStyleSheet(f"QLabel {{ color: {theme.ERROR if error else theme.OK};"
                                   " font-weight: 600; }}")
        self.message.show()

    # --- changing ------------------------------------------------------------------------

    def _changed(self, text: str, effective: date | None = None) -> None:
        """After any change: read everything again, keep the series, point at the entry."""
        self.changed = True
        self.reload()
        if effective is not None:
            self.select_entry(effective)
        self.say(text)

    def add_value(self) -> AddValueDialog | None:
        """Open the form for a new value of the current series (Ctrl+N)."""
        name = self.current_series()
        if name is None or self.data is None:
            return None
        entries = self.data.series(name)
        form = AddValueDialog(policy.SERIES[name], entries[-1] if entries else None,
                              self.labels, self)
        if form.exec() and form.saved is not None:
            self._changed(self.tr("Đã lưu mức từ ngày %1 (%2).").replace(
                "%1", f"{form.saved.effective:%d/%m/%Y}").replace("%2", form.saved.document),
                form.saved.effective)
        return form

    def confirm_selected(self) -> ConfirmDialog | None:
        entry = self.selected_entry()
        if entry is None or entry.confirmed:
            return None
        form = ConfirmDialog(entry, self)
        if form.exec() and form.saved is not None:
            self._changed(self.tr("Đã xác nhận mức từ ngày %1 theo %2.").replace(
                "%1", f"{form.saved.effective:%d/%m/%Y}").replace("%2", form.saved.document),
                form.saved.effective)
        return form

    def import_pack(self, path: Path | None = None) -> policy.PolicyData | None:
        """Take a pack another office sent: all of it, or — any problem — nothing."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Nhập gói số liệu"), str(Path.home()),
                self.tr("Gói số liệu (*.toml)"))
            if not chosen:
                return None
            path = Path(chosen)
        try:
            pack = policy.import_pack(path)
        except Exception as exc:  # noqa: BLE001 — refused whole: named here, nothing changed
            self.say(self.tr("Không nhập gói «%1»; số liệu giữ nguyên.").replace(
                "%1", path.name) + "\n" + _failure_text(exc), error=True)
            return None
        count = sum(len(entries) for entries in pack.entries.values())
        self._changed(self.tr("Đã nhập %1 mục số liệu từ «%2».").replace(
            "%1", str(count)).replace("%2", path.name))
        return pack

    def export_pack(self, target: Path | None = None) -> Path | None:
        """Write the office's own figures as a pack another office can import."""
        try:
            own = policy.read_overlay()
        except Exception as exc:  # noqa: BLE001
            self.say(_failure_text(exc), error=True)
            return None
        if not any(own.entries.values()):
            self.say(self.tr("Đơn vị chưa thêm hay xác nhận mức nào: gói chỉ chứa số liệu của "
                             "đơn vị, số liệu kèm ứng dụng thì đơn vị nào cũng có."), error=True)
            return None
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Xuất gói số liệu"),
                str(Path.home() / f"so-lieu-chinh-sach-{date.today():%Y-%m-%d}{PACK_SUFFIX}"),
                self.tr("Gói số liệu (*.toml)"))
            if not name:
                return None
            target = Path(name).with_suffix(PACK_SUFFIX)
        try:
            policy.export_pack(target)
        except Exception as exc:  # noqa: BLE001
            self.say(_failure_text(exc), error=True)
            return None
        self.say(self.tr("Đã xuất số liệu của đơn vị vào %1").replace("%1", str(target)))
        return target
