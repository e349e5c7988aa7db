"""Campaign-wide content shared by every piece: change it once, every channel follows.

Campaign name, issuing unit, hotline, key message, call to action, website, address,
the campaign date (which picks the policy figures every template prints), the logo, the
brand colours and the visual style («Phong cách»: modern, or the red and gold of
public-information panels, whose own colours replace the brand colours while it is
chosen). Accepting the dialog is one undoable edit.

«Đơn vị có sẵn» keeps an office's name, logo, colours, hotline, website and address as a
named preset (`core.presets`): applying one only fills the dialog's boxes, so the campaign
changes (as one undoable edit) when the dialog is accepted, like any other typing here.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QColor, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import fonts, presets
from ..core.campaign import STYLES, Campaign
from ..core.errors import UserError
from ..core.policy import policy_at
from . import dialogs, i18n, theme
from .form import IMAGE_FILTER, ImageDrop, load_thumbnail


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " ₫"


class _ColorButton(QWidget):
    def __init__(self, value: str) -> None:
        super().__init__()
        self.swatch = QToolButton()
        self.swatch.setFixedSize(30, 26)
        self.line = QLineEdit(value)
        self.line.setMaxLength(7)
        self.line.setFixedWidth(90)
        self.line.textChanged.connect(self._paint)
        self.swatch.clicked.connect(self._pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.swatch)
        layout.addWidget(self.line)
        layout.addStretch(1)
        self._paint(value)

    def _pick(self) -> None:
        color = QColorDialog.getColor(QColor(self.line.text()), self)
        if color.isValid():
            self.line.setText(color.name().upper())

    def _paint(self, text: str) -> None:
        color = QColor(text) if QColor.isValidColorName(text) else QColor("#FFFFFF")
        self.swatch.setStyleSheet(f"QToolButton {{ background: {color.name()}; border: 1px "
                                  f"solid {theme.BORDER}; border-radius: 5px; }}")

    def value(self) -> str:
        return self.line.text().strip().upper()


class CampaignDialog(QDialog):
    """Edit the campaign-wide values; `changes()` is what differs from the campaign."""

    def __init__(self, campaign: Campaign, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.setWindowTitle(self.tr("Nội dung chung của chiến dịch"))
        self.setMinimumWidth(760)
        self._logo: Path | None = campaign.logo
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(12)
        intro = QLabel(self.tr(
            "Những nội dung này in trên mọi ấn phẩm của chiến dịch: sửa một lần, mọi áp phích, "
            "băng rôn, bài loa và tin nhắn đều theo."))
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        outer.addWidget(intro)

        columns = QHBoxLayout()
        columns.setSpacing(14)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        outer.addLayout(columns)

        message = QGroupBox(self.tr("Thông điệp"))
        form = QFormLayout(message)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name = QLineEdit(campaign.name)
        self.key_message = QPlainTextEdit(campaign.key_message)
        self.key_message.setFixedHeight(64)
        self.key_message.setTabChangesFocus(True)
        self.call_to_action = QPlainTextEdit(campaign.call_to_action)
        self.call_to_action.setFixedHeight(64)
        self.call_to_action.setTabChangesFocus(True)
        form.addRow(self.tr("Tên chiến dịch"), self.name)
        form.addRow(self.tr("Thông điệp chính"), self.key_message)
        form.addRow(self.tr("Lời kêu gọi"), self.call_to_action)
        left.addWidget(message)

        contact = QGroupBox(self.tr("Đơn vị và liên hệ"))
        form = QFormLayout(contact)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit = QLineEdit(campaign.unit)
        self.unit.setPlaceholderText(self.tr("Bảo hiểm xã hội tỉnh …"))
        self.hotline = QLineEdit(campaign.hotline)
        self.website = QLineEdit(campaign.website)
        self.address = QLineEdit(campaign.address)
        for line in (self.name, self.unit, self.hotline, self.website, self.address):
            line.setCursorPosition(0)  # a long name shows its start, not its end
        form.addRow(self.tr("Đơn vị phát hành"), self.unit)
        form.addRow(self.tr("Đường dây nóng"), self.hotline)
        form.addRow(self.tr("Trang thông tin"), self.website)
        form.addRow(self.tr("Địa chỉ"), self.address)
        form.addRow(self.tr("Đơn vị có sẵn"), self._preset_row())
        left.addWidget(contact)

        brand = QGroupBox(self.tr("Nhận diện"))
        brand_layout = QVBoxLayout(brand)
        logo_row = QHBoxLayout()
        self.logo_drop = ImageDrop()
        self.logo_drop.dropped.connect(lambda p: self._set_logo(Path(p)))
        self.logo_drop.clicked.connect(self._browse_logo)
        logo_buttons = QVBoxLayout()
        self.logo_name = QLabel(objectName="muted")  # one line, elided (`_set_logo`)
        choose = QPushButton(self.tr("Chọn logo…"))
        choose.clicked.connect(self._browse_logo)
        remove = QPushButton(self.tr("Bỏ logo"))
        remove.clicked.connect(lambda: self._set_logo(None))
        logo_buttons.addWidget(self.logo_name)
        logo_buttons.addWidget(choose)
        logo_buttons.addWidget(remove)
        logo_buttons.addStretch(1)
        logo_row.addWidget(self.logo_drop)
        logo_row.addLayout(logo_buttons, 1)
        brand_layout.addLayout(logo_row)
        colors = QFormLayout()
        self.style_box = QComboBox()
        for style in STYLES.values():
            self.style_box.addItem(i18n.pick(style.label, style.label_en), style.id)
        self.style_box.setCurrentIndex(self.style_box.findData(campaign.style))
        self.style_box.currentIndexChanged.connect(self._update_colours)
        colors.addRow(self.tr("Phong cách"), self.style_box)
        self.primary = _ColorButton(campaign.primary)
        self.accent = _ColorButton(campaign.accent)
        colors.addRow(self.tr("Màu chính"), self.primary)
        colors.addRow(self.tr("Màu nhấn"), self.accent)
        self.style_note = QLabel(self.tr(
            "Màu đỏ – vàng của pano cổ động thay cho màu chính, màu nhấn của chiến dịch."))
        self.style_note.setObjectName("help")
        self.style_note.setWordWrap(True)
        colors.addRow(self.tr("Màu"), self.style_note)
        self.colour_form = colors
        # Under the form, the group's whole width: a form row gave the wrapped note
        # one line's height (Qt's form layout and labels that wrap).
        font_note = QLabel(self.tr(
            "Phông: %1 — đủ dấu tiếng Việt; chọn phông cho từng ấn phẩm ở mục «Giao diện»."
        ).replace("%1", fonts.families_text()))
        font_note.setObjectName("help")
        font_note.setWordWrap(True)
        brand_layout.addLayout(colors)
        brand_layout.addWidget(font_note)
        right.addWidget(brand)

        figures = QGroupBox(self.tr("Ngày và số liệu chính sách"))
        fig_layout = QVBoxLayout(figures)
        date_row = QHBoxLayout()
        self.day = QDateEdit(QDate(campaign.day.year, campaign.day.month, campaign.day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(self._update_figures)
        date_row.addWidget(QLabel(self.tr("Ngày chiến dịch")))
        date_row.addWidget(self.day)
        date_row.addStretch(1)
        fig_layout.addLayout(date_row)
        self.unconfirmed = QCheckBox(self.tr("Dùng cả số liệu dự kiến, chưa có văn bản"))
        self.unconfirmed.setChecked(campaign.unconfirmed_figures)
        self.unconfirmed.toggled.connect(self._update_figures)
        fig_layout.addWidget(self.unconfirmed)
        self.figures = QLabel(objectName="help")
        self.figures.setWordWrap(True)
        self.figures.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        fig_layout.addWidget(self.figures)
        right.addWidget(figures)
        right.addStretch(1)

        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Áp dụng cho mọi ấn phẩm"),
                               QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("primary", True)
        buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._set_logo(campaign.logo)
        self._update_colours()
        self._update_figures()
        self.inputs: dict[str, QWidget] = {
            "name": self.name, "key_message": self.key_message,
            "call_to_action": self.call_to_action, "unit": self.unit,
            "hotline": self.hotline, "website": self.website, "address": self.address,
            "logo": self.logo_drop, "primary": self.primary.line, "accent": self.accent.line,
            "style": self.style_box, "date": self.day,
        }

    def _preset_row(self) -> QWidget:
        row = QWidget()
        layout = QGridLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preset_box = QComboBox()
        self.preset_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_box.setMinimumContentsLength(10)
        self.apply_preset_button = QPushButton(self.tr("Áp dụng"))
        self.apply_preset_button.clicked.connect(self.apply_preset)
        self.save_preset_button = QPushButton(self.tr("Lưu đơn vị này…"))
        self.save_preset_button.setToolTip(self.tr(
            "Lưu tên đơn vị, logo, màu, đường dây nóng, trang thông tin và địa chỉ đang nhập "
            "để dùng lại cho chiến dịch khác."))
        self.save_preset_button.clicked.connect(self.save_preset)
        self.delete_preset_button = QPushButton(self.tr("Xóa"))
        self.delete_preset_button.clicked.connect(self.delete_preset)
        # The combo above its buttons: one line squeezed the office names and the buttons.
        layout.addWidget(self.preset_box, 0, 0, 1, 4)
        for column, button in enumerate((self.apply_preset_button, self.save_preset_button,
                                         self.delete_preset_button)):
            layout.addWidget(button, 1, column)
        layout.setColumnStretch(3, 1)
        self._load_presets()
        return row

    def _load_presets(self, current: str = "") -> None:
        """Fill the preset combo; a damaged preset file leaves it empty and says so."""
        self.preset_box.clear()
        try:
            names = [preset.name for preset in presets.load_presets()]
        except UserError as exc:
            names = []
            self.preset_box.setPlaceholderText(self.tr("Không đọc được tệp đơn vị có sẵn"))
            self.preset_box.setToolTip(exc.text(i18n.current()))
        else:
            self.preset_box.setPlaceholderText(self.tr("Chưa lưu đơn vị nào"))
            self.preset_box.setToolTip("")
        self.preset_box.addItems(names)
        # With a placeholder set, Qt leaves the combo on none: show the first office.
        self.preset_box.setCurrentIndex(names.index(current) if current in names else 0)
        for widget in (self.preset_box, self.apply_preset_button, self.delete_preset_button):
            widget.setEnabled(bool(names))

    def apply_preset(self) -> None:
        """Fill the office boxes from the chosen preset (the campaign changes on accept)."""
        try:
            preset = presets.find_preset(self.preset_box.currentText())
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        for line, key in ((self.unit, "unit"), (self.hotline, "hotline"),
                          (self.website, "website"), (self.address, "address"),
                          (self.primary.line, "primary"), (self.accent.line, "accent")):
            line.setText(getattr(preset, key))
            line.setCursorPosition(0)
        self._set_logo(preset.logo)

    def save_preset(self) -> None:
        """Keep the office values as typed in the dialog under a name the officer gives."""
        problem = self._colour_problem()
        if problem:
            dialogs.show_error(self, UserError(problem, problem))
            return
        ask = QInputDialog(self)
        ask.setWindowTitle(self.tr("Lưu đơn vị có sẵn"))
        ask.setLabelText(self.tr("Tên để tìm lại đơn vị này (ví dụ: BHXH cơ sở Ea Kar):"))
        ask.setTextValue(self.preset_box.currentText() or self.unit.text().strip())
        ask.setOkButtonText(self.tr("Lưu"))
        ask.setCancelButtonText(self.tr("Hủy"))
        ask.resize(460, ask.sizeHint().height())
        if not ask.exec():
            return
        values = self.values()
        office = dataclasses.replace(self.campaign, **{
            key: values[key] for key in (*presets.TEXT_KEYS, *presets.COLOUR_KEYS, "logo")})
        try:
            saved = presets.save_preset(ask.textValue(), office)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        self._load_presets(saved.name)

    def delete_preset(self) -> None:
        name = self.preset_box.currentText()
        if not name or not dialogs.confirm(
                self, self.tr("Xóa đơn vị có sẵn"),
                self.tr("Xóa đơn vị «%1» khỏi danh sách? Các chiến dịch đã dùng nó không "
                        "thay đổi.").replace("%1", name), self.tr("Xóa")):
            return
        try:
            presets.delete_preset(name)
        except UserError as exc:
            dialogs.show_error(self, exc)
        self._load_presets()

    def focus_key(self, key: str) -> None:
        widget = self.inputs.get(key)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _browse_logo(self) -> None:
        start = str(self._logo.parent if self._logo else self.campaign.base_dir)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn logo"), start,
                                              self.tr("Ảnh") + f" ({IMAGE_FILTER})")
        if path:
            self._set_logo(Path(path))

    def _set_logo(self, path: Path | None) -> None:
        self._logo = path
        pixmap = load_thumbnail(path, QSize(120, 78))
        if pixmap is not None:
            self.logo_drop.setPixmap(pixmap)
        else:
            self.logo_drop.setPixmap(QPixmap())
            self.logo_drop.setText(self.tr("Kéo thả logo vào đây"))
        name = path.name if path else self.tr("Chưa có logo")
        metrics = self.logo_name.fontMetrics()
        self.logo_name.setText(metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, 170))
        self.logo_name.setToolTip(name)

    def _update_colours(self) -> None:
        """A style with its own colours hides the brand colours (kept for the modern
        style) and says why."""
        own = STYLES[self.style_box.currentData()].primary is not None
        for widget in (self.primary, self.accent):
            self.colour_form.setRowVisible(widget, not own)
        self.colour_form.setRowVisible(self.style_note, own)

    def _update_figures(self) -> None:
        try:
            policy = policy_at(self._day(), unconfirmed=self.unconfirmed.isChecked())
        except UserError as exc:
            self.figures.setText(exc.text(i18n.current()))
            return
        lines = [
            self.tr("Lương cơ sở: %1").replace("%1", _vnd(policy.base_salary)),
            self.tr("BHXH tự nguyện: đóng %1 thu nhập; thấp nhất %2/tháng").replace(
                "%1", f"{policy.bhxh_rate:.0%}").replace("%2",
                                                        _vnd(policy.bhxh_min_contribution)),
            self.tr("BHYT hộ gia đình, người thứ nhất: %1/tháng").replace(
                "%1", _vnd(policy.bhyt_table[0].monthly)),
        ]
        self.figures.setText("\n".join(lines) + "\n" + self.tr("Căn cứ: %1").replace(
            "%1", "; ".join(policy.sources)))

    def _day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "unit": self.unit.text().strip(),
            "hotline": self.hotline.text().strip(),
            "key_message": self.key_message.toPlainText().strip(),
            "call_to_action": self.call_to_action.toPlainText().strip(),
            "website": self.website.text().strip(),
            "address": self.address.text().strip(),
            "day": self._day(),
            "logo": self._logo,
            "primary": self.primary.value(),
            "accent": self.accent.value(),
            "unconfirmed_figures": self.unconfirmed.isChecked(),
            "style": self.style_box.currentData(),
        }

    def changes(self) -> dict[str, Any]:
        return {key: value for key, value in self.values().items()
                if getattr(self.campaign, key) != value}

    def _colour_problem(self) -> str:
        for value in (self.primary.value(), self.accent.value()):
            if not QColor.isValidColorName(value) or len(value) != 7:
                return self.tr("Màu phải viết dạng #RRGGBB, ví dụ #0B5CAD.")
        return ""

    def showEvent(self, event: QShowEvent) -> None:
        # A dialog is given its layout's height at the hinted width; at its real width
        # the wrapped notes may need a few pixels more (Qt does not redo that for a
        # window): else their last line is cut.
        super().showEvent(event)
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def accept(self) -> None:
        problems = [self.tr("Chiến dịch cần có tên.")] if not self.name.text().strip() else []
        colour = self._colour_problem()
        if colour:
            problems.append(colour)
        if problems:
            dialogs.show_error(self, UserError("\n".join(problems), "\n".join(problems)))
            return
        super().accept()
