"""The form of one piece, generated from its template's fields.

One editor per field type (text, Markdown paragraph with a live character/line counter,
image with drag-and-drop, colour, date, number/money, choice, link with its QR code),
plus the piece's own properties (name, size, audience segment). Every change goes to the
`CampaignModel` as an undoable edit; the form follows the model, so undo/redo and edits
made elsewhere show up here.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QColorDialog,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import paths
from ..core.segments import Segment
from ..core.templates.manifest import Field, Template
from . import i18n, theme
from .look_box import LookBox
from .model import MISSING, CampaignModel
from .names import field_label, kind_name, size_name, sorted_by_name, template_name

IMAGE_FILTER = "*.png *.jpg *.jpeg *.webp *.svg"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
translate = QCoreApplication.translate


def display_value(spec: Field, values: dict[str, Any]) -> Any:
    """What the form shows: the piece's value, or the template default it starts from."""
    value = values.get(spec.id, MISSING)
    if value is MISSING:
        value = spec.default
    return "" if value is None else value


def image_path(value: Any, base_dir: Path | None = None) -> Path | None:
    text = str(value or "").strip()
    if not text:
        return None
    if text.startswith("asset:"):
        return paths.assets_dir() / text.removeprefix("asset:")
    path = Path(text)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return path


def load_thumbnail(path: Path | None, size: QSize) -> QPixmap | None:
    if path is None or not path.is_file():
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else None


def _set_style_flag(widget: QWidget, name: str, on: bool) -> None:
    """A property the style sheet reads; the widget is restyled when it changes."""
    if widget.property(name) != on:
        widget.setProperty(name, on)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class FieldEditor(QWidget):
    """One field's input; `edited` carries the raw value the template will receive."""

    edited = Signal(object)

    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.counter = QLabel(objectName="counter")
        self.base_dir: Path | None = None
        self.problem = False  # the render's checks found an error in this field

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_input(self) -> None:
        self.input().setFocus(Qt.FocusReason.OtherFocusReason)

    def input(self) -> QWidget:
        raise NotImplementedError

    def set_campaign_hint(self, text: str) -> None:
        """The campaign-wide value used while this field is empty."""

    def set_problem(self, on: bool) -> None:
        self.problem = on
        _set_style_flag(self.input(), "problem", on)
        self.update_counter()

    def show_over(self, over: bool) -> None:
        """The counter turns red past its limits, and also when a check says the text
        does not fit (a title in 3 of 2 lines may well be under its character limit)."""
        _set_style_flag(self.counter, "over", over or self.problem)

    def retranslate(self) -> None:
        self.update_counter()

    def update_counter(self) -> None:
        pass


class TextEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        self.line.setClearButtonEnabled(True)
        self.line.textEdited.connect(self._on_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)

    def input(self) -> QWidget:
        return self.line

    def _on_edit(self, text: str) -> None:
        self.update_counter()
        self.edited.emit(text)

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        text = str(value)
        if text != self.line.text():
            self.line.setText(text)
        self.update_counter()

    def set_campaign_hint(self, text: str) -> None:
        self.line.setPlaceholderText(text)

    def update_counter(self) -> None:
        limit = self.spec.max_chars
        if not limit:
            return
        count = len(self.line.text())
        self.counter.setText(f"{count}/{limit}")
        self.show_over(count > limit)


class ParagraphEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        lines = max(3, min(8, (spec.max_lines or 4) + 1))
        self.edit.setMinimumHeight(int(self.edit.fontMetrics().lineSpacing() * lines + 16))
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.setFixedHeight(self.edit.minimumHeight())
        self.edit.textChanged.connect(self._on_change)
        self._setting = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def input(self) -> QWidget:
        return self.edit

    def _on_change(self) -> None:
        self.update_counter()
        if not self._setting:
            self.edited.emit(self.edit.toPlainText())

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        text = str(value)
        if text != self.edit.toPlainText():
            self._setting = True
            try:
                self.edit.setPlainText(text)
            finally:
                self._setting = False
        self.update_counter()

    def set_campaign_hint(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def update_counter(self) -> None:
        text = self.edit.toPlainText()
        parts, over = [], False
        if self.spec.max_chars:
            parts.append(translate("FieldForm", "%1/%2 ký tự").replace("%1", str(len(text)))
                         .replace("%2", str(self.spec.max_chars)))
            over |= len(text) > self.spec.max_chars
        else:
            parts.append(translate("FieldForm", "%1 ký tự").replace("%1", str(len(text))))
        lines = text.count("\n") + 1 if text else 0
        if self.spec.max_lines:
            parts.append(translate("FieldForm", "%1/%2 dòng").replace("%1", str(lines))
                         .replace("%2", str(self.spec.max_lines)))
            over |= lines > self.spec.max_lines
        self.counter.setText(" · ".join(parts))
        self.show_over(over)


class ImageDrop(QLabel):
    dropped = Signal(str)
    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setFixedSize(132, 88)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(f"QLabel {{ border: 1px dashed {theme.BORDER}; border-radius: 6px;"
                           f" background: #F7F9FB; color: {theme.MUTED}; font-size: 8.5pt; }}"
                           f"QLabel:focus, QLabel[problem=\"true\"] {{ border: 1px solid "
                           f"{theme.PRIMARY}; }}")

    @staticmethod
    def _file(event: QDragEnterEvent | QDropEvent) -> str | None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(IMAGE_SUFFIXES):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._file(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._file(event)
        if path:
            event.acceptProposedAction()
            self.dropped.emit(path)

    def mousePressEvent(self, event: Any) -> None:
        self.clicked.emit()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)


class ImageEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._value: Any = ""
        self._shown_once = False
        self.drop = ImageDrop()
        self.drop.dropped.connect(self._chosen)
        self.drop.clicked.connect(self.browse)
        self.name = QLabel(objectName="muted")
        self.name.setWordWrap(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.browse)
        self.reset = QPushButton()
        self.reset.clicked.connect(lambda: self.edited.emit(MISSING))
        if not spec.default:
            self.reset.hide()  # with no default to go back to, it would only clear
        self.clear = QPushButton()
        self.clear.clicked.connect(lambda: self._chosen(""))
        small = QHBoxLayout()
        small.setSpacing(6)
        small.addWidget(self.reset)
        small.addWidget(self.clear)
        small.addStretch(1)
        side = QVBoxLayout()
        side.setSpacing(6)
        side.addWidget(self.name)
        side.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignLeft)
        side.addLayout(small)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.drop)
        layout.addLayout(side, 1)
        self.retranslate()

    def input(self) -> QWidget:
        return self.drop

    def browse(self) -> None:
        start = str(image_path(self._value, self.base_dir) or Path.home())
        path, _ = QFileDialog.getOpenFileName(self, translate("FieldForm", "Chọn ảnh"), start,
                                              translate("FieldForm", "Ảnh") + f" ({IMAGE_FILTER})")
        if path:
            self._chosen(path)

    def _chosen(self, path: str) -> None:
        self.set_value(path)
        self.edited.emit(path)

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        if value == self._value and self._shown_once:
            return  # unchanged: do not decode the image again on every keystroke elsewhere
        self._shown_once = True
        self._value = value
        self._show()

    def _show(self) -> None:
        value = self._value
        path = image_path(value, self.base_dir)
        pixmap = load_thumbnail(path, QSize(128, 84))
        if pixmap is not None:
            self.drop.setPixmap(pixmap)
        else:
            self.drop.setPixmap(QPixmap())
            self.drop.setText(translate("FieldForm", "Kéo thả ảnh vào đây") if not path
                              else translate("FieldForm", "Không thấy tệp ảnh"))
        if not path:
            self.name.setText(translate("FieldForm", "Chưa có ảnh"))
        elif str(value).startswith("asset:"):
            self.name.setText(translate("FieldForm", "Ảnh mặc định của mẫu"))
        else:
            self.name.setText(path.name)
        self.name.setToolTip(str(path or ""))

    def retranslate(self) -> None:
        self.choose.setText(translate("FieldForm", "Chọn ảnh…"))
        self.reset.setText(translate("FieldForm", "Mặc định"))
        self.clear.setText(translate("FieldForm", "Bỏ ảnh"))
        self.drop.setToolTip(translate("FieldForm", "Kéo thả tệp PNG, JPEG, WebP hoặc SVG vào "
                                       "đây, hoặc bấm để chọn"))
        self._show()


class ColorEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.swatch = QToolButton()
        self.swatch.setFixedSize(30, 26)
        self.swatch.clicked.connect(self._pick)
        self.line = QLineEdit()
        self.line.setMaxLength(7)
        self.line.setFixedWidth(96)
        self.line.setPlaceholderText("#RRGGBB")
        self.line.textEdited.connect(self._typed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.swatch)
        layout.addWidget(self.line)
        layout.addStretch(1)

    def input(self) -> QWidget:
        return self.line

    def _typed(self, text: str) -> None:
        self._paint(text)
        self.edited.emit(text)

    def _pick(self) -> None:
        color = QColorDialog.getColor(QColor(self.line.text() or "#000000"), self,
                                      translate("FieldForm", "Chọn màu"))
        if color.isValid():
            text = color.name().upper()
            self.set_value(text)
            self.edited.emit(text)

    def _paint(self, text: str) -> None:
        color = QColor(text) if QColor.isValidColorName(text) else QColor("#FFFFFF")
        self.swatch.setStyleSheet(f"QToolButton {{ background: {color.name()}; border: 1px "
                                  f"solid {theme.BORDER}; border-radius: 5px; }}")

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        text = str(value)
        if text != self.line.text():
            self.line.setText(text)
        self._paint(text)


class DateEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.dateChanged.connect(self._changed)
        self._setting = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def input(self) -> QWidget:
        return self.edit

    def _changed(self, value: QDate) -> None:
        if not self._setting:
            self.edited.emit(value.toString("yyyy-MM-dd"))

    def value(self) -> str:
        return self.edit.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        if isinstance(value, date):
            qdate = QDate(value.year, value.month, value.day)
        else:
            text = str(value)
            qdate = QDate.fromString(text, "yyyy-MM-dd")
            if not qdate.isValid():
                qdate = QDate.fromString(text, "dd/MM/yyyy")
            if not qdate.isValid():
                qdate = QDate.currentDate()
        if qdate != self.edit.date():
            self._setting = True
            try:
                self.edit.setDate(qdate)
            finally:
                self._setting = False


class NumberEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.line.setFixedWidth(180)
        self.line.textEdited.connect(self.edited.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        if spec.type == "money":
            layout.addWidget(QLabel("₫"))
        layout.addStretch(1)

    def input(self) -> QWidget:
        return self.line

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        text = str(value)
        if text != self.line.text():
            self.line.setText(text)


class ChoiceEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        for value, label in spec.choices:
            self.combo.addItem(label, value)
        self.combo.activated.connect(lambda i: self.edited.emit(self.combo.itemData(i)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def input(self) -> QWidget:
        return self.combo

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(str(value))
        if index < 0:
            index = self.combo.findText(str(value))
        self.combo.setCurrentIndex(max(index, 0) if self.combo.count() else -1)


class LinkEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText("https://…")
        self.line.textEdited.connect(self._typed)
        self.qr = QLabel()
        self.qr.setFixedSize(52, 52)
        self.qr.setToolTip(translate("FieldForm", "Mã QR in trên ấn phẩm"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.qr)

    def input(self) -> QWidget:
        return self.line

    def _typed(self, text: str) -> None:
        self._draw_qr(text)
        self.edited.emit(text)

    def _draw_qr(self, text: str) -> None:
        if not text.strip():
            self.qr.clear()
            return
        import segno

        out = io.BytesIO()
        try:
            segno.make(text.strip(), error="m").save(out, kind="png", scale=3, border=1)
        except (ValueError, segno.DataOverflowError):
            self.qr.clear()
            return
        image = QImage.fromData(out.getvalue(), "PNG")
        self.qr.setPixmap(QPixmap.fromImage(image).scaled(
            52, 52, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation))

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        text = str(value)
        if text != self.line.text():
            self.line.setText(text)
            self._draw_qr(text)
        elif self.qr.pixmap().isNull():
            self._draw_qr(text)


EDITORS: dict[str, type[FieldEditor]] = {
    "text": TextEditor,
    "paragraph": ParagraphEditor,
    "image": ImageEditor,
    "color": ColorEditor,
    "date": DateEditor,
    "number": NumberEditor,
    "money": NumberEditor,
    "choice": ChoiceEditor,
    "link": LinkEditor,
}


class FieldRow(QWidget):
    """Label, counter, editor and help text of one field."""

    def __init__(self, spec: Field, editor: FieldEditor) -> None:
        super().__init__()
        self.spec, self.editor = spec, editor
        self.label = QLabel(objectName="fieldLabel")
        self.help = QLabel(objectName="help")
        self.help.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(editor.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(editor)
        layout.addWidget(self.help)
        self.retranslate()

    def retranslate(self) -> None:
        star = f" <span style='color:{theme.ERROR}'>*</span>" if self.spec.required else ""
        self.label.setText(field_label(self.spec) + star)
        self.label.setBuddy(self.editor.input())
        help_text = self.spec.help if i18n.current() == "vi" else ""
        if self.spec.campaign_default and "Để trống" not in help_text:
            help_text = (help_text + " " if help_text else "") + translate("FieldForm",
                "Để trống để dùng nội dung chung của chiến dịch.")
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self.editor.retranslate()


class FieldForm(QScrollArea):
    """The form of the current piece; follows the model, edits through it."""

    fieldFocused = Signal(str)
    campaignRequested = Signal(str)  # open the campaign settings at this key

    def __init__(self, model: CampaignModel, templates: dict[str, Template],
                 segments: dict[str, Segment], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formArea")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model = model
        self.templates = templates
        self.segments = segments
        self.index: int | None = None
        self.template: Template | None = None
        self.rows: dict[str, FieldRow] = {}
        self._undo_keys: QObject | None = None
        self.body = QWidget(objectName="formBody")
        self.setWidget(self.body)
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(18, 14, 18, 18)
        self.layout_.setSpacing(14)
        self.header = self._build_header()
        self.layout_.addWidget(self.header)
        self.fields_box = QVBoxLayout()
        self.fields_box.setSpacing(16)
        self.layout_.addLayout(self.fields_box)
        self.look_box = LookBox(model, templates)
        self.layout_.addWidget(self.look_box)
        self.shared_note = QLabel(objectName="help")
        self.shared_note.setWordWrap(True)
        self.shared_note.linkActivated.connect(lambda _: self.campaignRequested.emit(""))
        self.layout_.addWidget(self.shared_note)
        self.layout_.addStretch(1)
        self.empty = QLabel(objectName="muted", alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.layout_.insertWidget(0, self.empty)
        model.pieceChanged.connect(self._on_piece_changed)
        model.campaignChanged.connect(self._update_hints)
        self.retranslate()
        self.set_piece(None)

    # --- header ----------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 4)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.template_title = QLabel(objectName="pageTitle")
        self.template_title.setWordWrap(True)
        self.kind_badge = QLabel(objectName="badge")
        title_row = QHBoxLayout()
        title_row.addWidget(self.template_title, 1)
        title_row.addWidget(self.kind_badge, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(title_row, 0, 0, 1, 2)
        self.name_label = QLabel(objectName="fieldLabel")
        self.name_edit = QLineEdit()
        self.name_edit.textEdited.connect(
            lambda text: self.index is not None and self.model.set_piece(self.index, title=text))
        self.size_label = QLabel(objectName="fieldLabel")
        self.size_combo = QComboBox()
        self.size_combo.activated.connect(self._size_chosen)
        self.segment_label = QLabel(objectName="fieldLabel")
        self.segment_combo = QComboBox()
        for segment in sorted_by_name(self.segments.values(), lambda s: s.name):
            self.segment_combo.addItem(segment.name, segment.slug)
            self.segment_combo.setItemData(self.segment_combo.count() - 1, segment.description,
                                           Qt.ItemDataRole.ToolTipRole)
        self.segment_combo.activated.connect(self._segment_chosen)
        for combo in (self.size_combo, self.segment_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        grid.addWidget(self.name_label, 1, 0)
        grid.addWidget(self.name_edit, 1, 1)
        grid.addWidget(self.size_label, 2, 0)
        grid.addWidget(self.size_combo, 2, 1)
        grid.addWidget(self.segment_label, 3, 0)
        grid.addWidget(self.segment_combo, 3, 1)
        grid.setColumnStretch(1, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet(f"color: {theme.BORDER};")
        grid.addWidget(line, 4, 0, 1, 2)
        return box

    def _size_chosen(self, index: int) -> None:
        if self.index is not None:
            self.model.set_piece(self.index, size=self.size_combo.itemData(index))

    def _segment_chosen(self, index: int) -> None:
        if self.index is not None:
            self.model.set_piece(self.index, segment=self.segment_combo.itemData(index))

    # --- piece -------------------------------------------------------------------------

    def set_piece(self, index: int | None) -> None:
        self.index = index
        piece = self.model.piece(index) if index is not None else None
        template = self.templates.get(piece.template) if piece else None
        self.header.setVisible(template is not None)
        self.shared_note.setVisible(template is not None)
        self.empty.setVisible(template is None)
        if piece is not None and template is None:
            missing = translate("FieldForm", "Không có mẫu «%1» trên máy này.")
            self.empty.setText(missing.replace("%1", piece.template))
        if template is not self.template:
            self._build_fields(template)
        self.look_box.set_piece(index)
        if piece is not None and template is not None:
            self._sync(piece_values=piece.values)

    def _build_fields(self, template: Template | None) -> None:
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        self.template = template
        if template is None:
            return
        self.size_combo.clear()
        for size in template.sizes:
            self.size_combo.addItem(size_name(size), size.id)
        self.size_combo.setEnabled(bool(template.sizes))
        for spec in template.fields:
            editor = EDITORS[spec.type](spec)
            editor.edited.connect(lambda value, s=spec: self._edited(s, value))
            row = FieldRow(spec, editor)
            self.rows[spec.id] = row
            self.fields_box.addWidget(row)
        self._filter_boxes()
        self._update_header()
        self._update_hints()

    def route_undo_keys(self, key_filter: QObject) -> None:
        """Let `key_filter` see the keys typed in this form's boxes (the window turns
        Ctrl+Z / Ctrl+Y into the campaign's undo), now and in later templates' fields.
        Only these boxes: an application-wide filter would run Python for every event
        of the program (~3,400 just to build the batch dialog) and take Ctrl+Z from the
        boxes of every dialog."""
        self._undo_keys = key_filter
        self._filter_boxes()

    def _filter_boxes(self) -> None:
        if self._undo_keys is None:
            return
        for box in self.body.findChildren(QWidget):
            if isinstance(box, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                box.installEventFilter(self._undo_keys)  # again: no effect

    def _edited(self, spec: Field, value: Any) -> None:
        if self.index is not None:
            self.model.set_field(self.index, spec.id, value, field_label(spec))

    def _on_piece_changed(self, index: int) -> None:
        if index != self.index:
            return
        piece = self.model.piece(index)
        if self.template is None or piece.template != self.template.id:
            self.set_piece(index)
            return
        self._sync(piece.values)

    def _sync(self, piece_values: dict[str, Any]) -> None:
        assert self.index is not None
        base = self.model.campaign.base_dir
        for row in self.rows.values():
            row.editor.base_dir = base
            row.editor.set_value(display_value(row.spec, piece_values))
        self._update_header()

    def _update_header(self) -> None:
        if self.index is None or self.template is None:
            return
        piece = self.model.piece(self.index)
        template = self.template
        self.template_title.setText(template_name(template))
        self.kind_badge.setText(kind_name(template.kind))
        if piece.title != self.name_edit.text():
            self.name_edit.setText(piece.title)
        self.name_edit.setPlaceholderText(template_name(template))
        size_index = self.size_combo.findData(template.size(piece.size).id
                                              if template.sizes else None)
        self.size_combo.setCurrentIndex(max(size_index, 0))
        self.size_label.setVisible(bool(template.sizes))
        self.size_combo.setVisible(bool(template.sizes))
        segment_index = self.segment_combo.findData(piece.segment)
        if segment_index < 0:
            self.segment_combo.addItem(piece.segment, piece.segment)
            segment_index = self.segment_combo.count() - 1
        self.segment_combo.setCurrentIndex(segment_index)

    def _update_hints(self) -> None:
        context = self.model.campaign.context()
        for row in self.rows.values():
            key = row.spec.campaign_default
            if key:
                row.editor.set_campaign_hint(
                    translate("FieldForm", "Chung: %1").replace("%1", str(context.get(key) or "")))

    # --- checks and focus ----------------------------------------------------------------

    def focus_field(self, field_id: str) -> bool:
        row = self.rows.get(field_id)
        if row is None:
            return False
        self.ensureWidgetVisible(row, 20, 40)
        row.editor.focus_input()
        self.fieldFocused.emit(field_id)
        return True

    def editor(self, field_id: str) -> FieldEditor:
        return self.rows[field_id].editor

    def mark_problems(self, field_ids: set[str]) -> None:
        for field_id, row in self.rows.items():
            row.editor.set_problem(field_id in field_ids)

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.name_label.setText(translate("FieldForm", "Tên ấn phẩm"))
        self.name_edit.setToolTip(translate("FieldForm", "Tên để nhận ra ấn phẩm trong danh "
                                            "sách (không in ra)"))
        self.size_label.setText(translate("FieldForm", "Khổ"))
        self.segment_label.setText(translate("FieldForm", "Đối tượng"))
        self.empty.setText(translate("FieldForm", "Chưa chọn ấn phẩm nào."))
        self.shared_note.setText(translate("FieldForm",
            "Đường dây nóng, đơn vị phát hành, logo, màu và ngày chiến dịch dùng chung cho mọi "
            "ấn phẩm: sửa ở <a href='campaign'>Nội dung chung</a>."))
        for row in self.rows.values():
            row.retranslate()
        for i, size in enumerate(self.template.sizes if self.template else ()):
            self.size_combo.setItemText(i, size_name(size))
        self._update_header()
        self._update_hints()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
