"""Campaign-wide content shared by every piece: change it once, every channel follows.

Campaign name, issuing unit, hotline, key message, call to action, website, address,
the campaign date (which picks the policy figures every template prints), the logo, the
brand colours and the visual style («Phong cách»: modern, or the red and gold of
public-information panels, whose own colours replace the brand colours while it is
chosen). Accepting the dialog is one undoable edit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.campaign import STYLES, Campaign
from ..core.errors import UserError
from ..core.policy import policy_at
from . import i18n, theme
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
        form.addRow(self.tr("Đơn vị phát hành"), self.unit)
        form.addRow(self.tr("Đường dây nóng"), self.hotline)
        form.addRow(self.tr("Trang thông tin"), self.website)
        form.addRow(self.tr("Địa chỉ"), self.address)
        left.addWidget(contact)

        brand = QGroupBox(self.tr("Nhận diện"))
        brand_layout = QVBoxLayout(brand)
        logo_row = QHBoxLayout()
        self.logo_drop = ImageDrop()
        self.logo_drop.dropped.connect(lambda p: self._set_logo(Path(p)))
        self.logo_drop.clicked.connect(self._browse_logo)
        logo_buttons = QVBoxLayout()
        self.logo_name = QLabel(objectName="muted")
        self.logo_name.setWordWrap(True)
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
        font_note = QLabel(self.tr("Phông chữ: Be Vietnam Pro (đủ dấu tiếng Việt)"))
        font_note.setObjectName("help")
        colors.addRow(self.tr("Phông"), font_note)
        brand_layout.addLayout(colors)
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
        self.logo_name.setText(path.name if path else self.tr("Chưa có logo"))

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

    def accept(self) -> None:
        values = self.values()
        problems = []
        if not values["name"]:
            problems.append(self.tr("Chiến dịch cần có tên."))
        for key in ("primary", "accent"):
            if not QColor.isValidColorName(values[key]) or len(values[key]) != 7:
                problems.append(self.tr("Màu phải viết dạng #RRGGBB, ví dụ #0B5CAD."))
                break
        if problems:
            from .dialogs import show_error

            show_error(self, UserError("\n".join(problems), "\n".join(problems)))
            return
        super().accept()
