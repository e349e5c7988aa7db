"""The template gallery: thumbnails rendered from the templates themselves.

Filters by kind and audience segment, a search box, and "new piece from this template".
Thumbnails are rendered in a worker process with the template's defaults and the open
campaign's shared content, and cached on disk by content (template files, campaign
content, the policy entries its date prints), so the gallery opens at once the second
time and a new policy value redraws them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..core import paths, preferences
from ..core.campaign import Campaign
from ..core.errors import UserError
from ..core.policy import policy_at
from ..core.render.worker import RenderPool
from ..core.segments import Segment
from ..core.templates.manifest import Template
from . import i18n, jobs, theme
from .background import Lane
from .names import fold, kind_name, sorted_by_name, template_name
from .pieces import CHANNEL_COLORS
from .preview import to_qimage

THUMB_W, THUMB_H = 176, 236
CARD_TEXT_H = 100  # room under the thumbnail: two lines of name, one of facts
ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_SUB = Qt.ItemDataRole.UserRole + 1
ROLE_KIND = Qt.ItemDataRole.UserRole + 2
DEFAULT_SEGMENT = "toan-dan"


def thumbnail_dir() -> Path:
    return paths.user_dir() / "cache" / "thumbnails"


def _stamp(template: Template) -> str:
    files = sorted(p for p in template.folder.rglob("*") if p.is_file())
    return ";".join(f"{p.name}:{p.stat().st_mtime_ns}" for p in files)


def _figures(campaign: Campaign) -> list[dict[str, Any]]:
    """The policy entries the campaign's date prints: a new or confirmed value redraws."""
    try:
        return [e.described() for e in policy_at(campaign.day,
                                                 unconfirmed=campaign.unconfirmed_figures).used]
    except UserError:
        return []  # no figures for that date: the render itself says so


def thumbnail_key(template: Template, segment: str, campaign: Campaign) -> str:
    context = {k: str(v) for k, v in campaign.context().items()}
    raw = json.dumps([template.id, segment, _stamp(template), context,
                      str(campaign.logo or ""), _figures(campaign), preferences.tone_style()],
                     ensure_ascii=False,
                     sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def text_card(data: jobs.PreviewData, kind: str, width: int = THUMB_W * 2,
              height: int = THUMB_H * 2) -> QImage:
    """A thumbnail for text templates: the first lines of the script or message."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    color = QColor(CHANNEL_COLORS.get("loudspeaker" if kind == "loudspeaker" else "sms"))
    painter.fillRect(QRect(0, 0, width, 64), color)
    heading = QFont(theme.FONT_FAMILY)
    heading.setPixelSize(26)
    heading.setWeight(QFont.Weight.Bold)
    painter.setFont(heading)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(22, 0, width - 44, 64), Qt.AlignmentFlag.AlignVCenter,
                     "LOA" if kind == "loudspeaker" else "SMS")
    text = data.texts[0][1] if data.texts else ""
    if kind == "sms":
        bubble = QRectF(22, 92, width - 44, height * 0.55)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E9EEF4"))
        painter.drawRoundedRect(bubble, 22, 22)
        body_rect = bubble.adjusted(18, 14, -18, -14).toRect()
    else:
        body_rect = QRect(22, 86, width - 44, height - 110)
    body = QFont(theme.FONT_FAMILY)
    body.setPixelSize(19)
    painter.setFont(body)
    painter.setPen(QColor("#1F2933"))
    painter.drawText(body_rect, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, text)
    painter.setPen(QPen(QColor(theme.BORDER), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRect(0, 0, width - 1, height - 1))
    painter.end()
    return image


class ThumbnailService(QObject):
    """Renders thumbnails in a worker pool and caches them on disk."""

    ready = Signal(str, QImage)  # key, image

    def __init__(self, pool: RenderPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._pending: dict[str, None] = {}
        self._closed = False
        # One waiting thread per render process keeps every process busy.
        self._lane = Lane("thumbnail", pool.workers)

    def request(self, template: Template, segment: str, campaign: Campaign) -> tuple[str,
                                                                                     QImage | None]:
        key = thumbnail_key(template, segment, campaign)
        path = thumbnail_dir() / f"{key}.png"
        if path.is_file():
            image = QImage(str(path))
            if not image.isNull():
                return key, image
        if key not in self._pending and not self._closed:
            self._pending[key] = None
            self._lane.run(self._render, key, template.id, template.kind, segment, campaign,
                           parent=self, on_done=lambda image: self._finished(key, image))
        return key, None

    def _render(self, _task: Any, key: str, template_id: str, kind: str, segment: str,
                campaign: Campaign) -> QImage | None:
        """In the lane's thread: render, decode (or draw) the thumbnail, cache it on disk."""
        try:
            future = self.pool.submit(jobs.thumbnail, template_id, segment, campaign,
                                      THUMB_W * 2, str(thumbnail_dir() / f"{key}.png"))
            data: jobs.PreviewData = self.pool.result(future)
            if data.has_image:
                return to_qimage(data)  # the worker already wrote the cache file
            if data.texts:
                image = text_card(data, kind)  # QImage + QPainter work outside the GUI thread
                thumbnail_dir().mkdir(parents=True, exist_ok=True)
                image.save(str(thumbnail_dir() / f"{key}.png"), "PNG")
                return image
        except Exception:  # noqa: BLE001 - no thumbnail: the card shows its name
            pass
        return None

    def _finished(self, key: str, image: QImage | None) -> None:
        self._pending.pop(key, None)
        if image is not None and not image.isNull():
            self.ready.emit(key, image)

    def shutdown(self) -> None:
        self._closed = True
        self._lane.shutdown()

    @property
    def busy(self) -> bool:
        return bool(self._pending)


def title_lines(text: str, font: QFont, width: int, lines: int = 2) -> list[str]:
    """The title wrapped at word breaks into at most `lines` lines, the last one elided
    with «…» when the title is longer."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    out: list[str] = []
    start = 0
    while len(out) < lines - 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append(text[start:start + line.textLength()].rstrip())
        start += line.textLength()
    layout.endLayout()
    rest = text[start:].strip()
    if rest:
        out.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return out


class _CardDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(THUMB_W + 28, THUMB_H + CARD_TEXT_H)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = option.rect.adjusted(6, 6, -6, -6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setPen(QPen(QColor(theme.PRIMARY if selected else
                                   ("#A9BCD0" if hover else theme.BORDER)),
                            2 if selected else 1))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(QRectF(rect), 10, 10)
        thumb_area = QRect(rect.left() + 8, rect.top() + 8, rect.width() - 16, THUMB_H)
        painter.fillRect(thumb_area, QColor("#EEF1F5"))
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.size().scaled(thumb_area.size() - QSize(16, 16),
                                          Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(thumb_area.center())
            painter.setPen(QPen(QColor(0, 0, 0, 40), 1))
            painter.drawRect(target.adjusted(-1, -1, 0, 0))
            painter.drawPixmap(target, pixmap)
        else:
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(thumb_area, Qt.AlignmentFlag.AlignCenter, "…")
        color = QColor(CHANNEL_COLORS.get(index.data(ROLE_KIND), theme.PRIMARY))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(rect.left() + 10, thumb_area.bottom() + 12, 4, 34), 2, 2)
        text_left = rect.left() + 20
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(QColor("#10243A"))
        line = painter.fontMetrics().lineSpacing()
        title_rect = QRect(text_left, thumb_area.bottom() + 8, rect.right() - text_left - 6,
                           2 * line)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         "\n".join(title_lines(index.data(Qt.ItemDataRole.DisplayRole) or "",
                                               title_font, title_rect.width())))
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.86)
        painter.setFont(small)
        painter.setPen(QColor(theme.MUTED))
        sub_rect = QRect(text_left, title_rect.bottom() + 4, rect.right() - text_left - 6, 20)
        painter.drawText(sub_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(index.data(ROLE_SUB) or "",
                                                          Qt.TextElideMode.ElideRight,
                                                          sub_rect.width()))
        painter.restore()


class GalleryPage(QWidget):
    createRequested = Signal(str, str)  # template id, segment slug
    backRequested = Signal()

    def __init__(self, templates: dict[str, Template], segments: dict[str, Segment],
                 thumbnails: ThumbnailService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates, self.segments, self.thumbnails = templates, segments, thumbnails
        self.campaign: Campaign | None = None
        self._items: dict[str, QListWidgetItem] = {}
        self._keys: dict[str, str] = {}
        thumbnails.ready.connect(self._thumbnail_ready)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 14)
        outer.setSpacing(14)
        main = QVBoxLayout()
        main.setSpacing(10)
        head = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.backRequested)
        self.title = QLabel(objectName="pageTitle")
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.back_button)
        main.addLayout(head)
        self.subtitle = QLabel(objectName="muted")
        self.subtitle.setWordWrap(True)
        main.addWidget(self.subtitle)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.MUTED),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._filter)
        self.kind_combo = QComboBox()
        self.kind_combo.activated.connect(self._filter)
        self.segment_label = QLabel(objectName="fieldLabel")
        self.segment_combo = QComboBox()
        self.segment_combo.setMinimumContentsLength(14)  # room for the whole search hint
        self.segment_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for segment in sorted_by_name(segments.values(), lambda s: s.name):
            self.segment_combo.addItem(segment.name, segment.slug)
        self.segment_combo.setCurrentIndex(max(0, self.segment_combo.findData(DEFAULT_SEGMENT)))
        self.segment_combo.activated.connect(lambda _: self._segment_chosen())
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_combo, 1)
        filters.addSpacing(8)
        filters.addWidget(self.segment_label)
        filters.addWidget(self.segment_combo, 1)
        main.addLayout(filters)
        self.grid = QListWidget()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setSpacing(6)
        self.grid.setMouseTracking(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setItemDelegate(_CardDelegate(self.grid))
        self.grid.setStyleSheet(f"QListWidget {{ background: {theme.WINDOW}; }}")
        self.grid.currentItemChanged.connect(lambda *_: self._show_details())
        self.grid.itemDoubleClicked.connect(lambda _: self._create())
        main.addWidget(self.grid, 1)
        outer.addLayout(main, 1)

        self.details = QFrame(objectName="panel")
        self.details.setFixedWidth(300)
        side = QVBoxLayout(self.details)
        side.setContentsMargins(16, 16, 16, 16)
        side.setSpacing(8)
        self.detail_name = QLabel(objectName="panelTitle")
        self.detail_name.setWordWrap(True)
        self.detail_kind = QLabel(objectName="badge")
        self.detail_text = QLabel()
        self.detail_text.setWordWrap(True)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail_facts = QLabel(objectName="muted")
        self.detail_facts.setWordWrap(True)
        self.create_button = QPushButton()
        self.create_button.setProperty("primary", True)
        self.create_button.setIcon(theme.icon("add", "#FFFFFF"))
        self.create_button.clicked.connect(self._create)
        side.addWidget(self.detail_name)
        side.addWidget(self.detail_kind, 0, Qt.AlignmentFlag.AlignLeft)
        side.addSpacing(4)
        side.addWidget(self.detail_text)
        side.addWidget(self.detail_facts)
        side.addStretch(1)
        side.addWidget(self.create_button)
        outer.addWidget(self.details)

        self._populate()
        self.retranslate()

    # --- contents ----------------------------------------------------------------------

    def _populate(self) -> None:
        self.grid.clear()
        self._items.clear()
        for template in sorted(sorted_by_name(self.templates.values(), template_name),
                               key=lambda t: (list(CHANNEL_COLORS).index(t.channel)
                                              if t.channel in CHANNEL_COLORS else 9)):
            item = QListWidgetItem(template_name(template))
            item.setData(ROLE_ID, template.id)
            item.setData(ROLE_KIND, template.channel)
            item.setSizeHint(QSize(THUMB_W + 28, THUMB_H + CARD_TEXT_H))
            self.grid.addItem(item)
            self._items[template.id] = item
        if self.grid.count():
            self.grid.setCurrentRow(0)

    def reload(self) -> None:
        """The templates changed (a pack was imported): new cards, new thumbnails."""
        current = self.current_template()
        self._populate()
        if current is not None and current.id in self._items:
            self.select(current.id)
        self._filter()
        self._refresh_if_visible()

    def set_campaign(self, campaign: Campaign) -> None:
        self.campaign = campaign
        if self.isVisible():
            self.refresh_thumbnails()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # Only if the gallery stays on screen: at start it shows for a moment before a
        # campaign opens, and rendering thumbnails nobody sees would compete with typing.
        QTimer.singleShot(250, self, self._refresh_if_visible)

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh_thumbnails()

    def segment(self) -> str:
        return self.segment_combo.currentData() or DEFAULT_SEGMENT

    def _segment_chosen(self) -> None:
        self.refresh_thumbnails()
        self._name_create_button()

    def _name_create_button(self) -> None:
        """The button says whom the new piece is for: the audience filter sets it."""
        self.create_button.setText(self.tr("Tạo ấn phẩm cho «%1»").replace(
            "%1", self.segment_combo.currentText()))

    def refresh_thumbnails(self) -> None:
        campaign = self.campaign or Campaign(name="An Sinh Studio")
        for template_id, item in self._items.items():
            key, image = self.thumbnails.request(self.templates[template_id], self.segment(),
                                                 campaign)
            self._keys[key] = template_id
            if image is not None:
                item.setData(Qt.ItemDataRole.DecorationRole, QPixmap.fromImage(image))

    def _thumbnail_ready(self, key: str, image: QImage) -> None:
        template_id = self._keys.get(key)
        if template_id and template_id in self._items:
            self._items[template_id].setData(Qt.ItemDataRole.DecorationRole,
                                             QPixmap.fromImage(image))

    def _filter(self) -> None:
        words = fold(self.search.text()).split()
        kind = self.kind_combo.currentData()
        for template_id, item in self._items.items():
            template = self.templates[template_id]
            haystack = fold(" ".join([template.name, template.name_en, template.description,
                                 kind_name(template.kind), template.id, *template.tags,
                                 *(s.label for s in template.sizes),
                                 *(s.label_en for s in template.sizes)]))
            visible = all(word in haystack for word in words) and \
                (not kind or template.kind == kind)
            item.setHidden(not visible)
        current = self.grid.currentItem()
        if current is None or current.isHidden():
            visible_items = [i for i in self._items.values() if not i.isHidden()]
            self.grid.setCurrentItem(visible_items[0] if visible_items else None)
        self._show_details()

    def select(self, template_id: str) -> None:
        if template_id in self._items:
            self.grid.setCurrentItem(self._items[template_id])

    def current_template(self) -> Template | None:
        item = self.grid.currentItem()
        if item is None or item.isHidden():
            return None
        return self.templates.get(item.data(ROLE_ID))

    def _show_details(self) -> None:
        template = self.current_template()
        self.create_button.setEnabled(template is not None)
        if template is None:
            self.detail_name.setText(self.tr("Không có mẫu nào khớp bộ lọc."))
            self.detail_kind.hide()
            self.detail_text.clear()
            self.detail_facts.clear()
            return
        self.detail_kind.show()
        self.detail_name.setText(template_name(template))
        self.detail_kind.setText(kind_name(template.kind))
        self.detail_text.setText(template.description if i18n.current() == "vi"
                                 else (template.name_en or template.description))
        facts = []
        if template.sizes:
            facts.append(self.tr("Khổ: %1").replace(
                "%1", ", ".join(s.id for s in template.sizes)))
        facts.append(self.tr("%1 trường nội dung").replace("%1", str(len(template.fields))))
        outputs = {"pdf": "PDF", "png": "PNG", "txt": self.tr("văn bản"), "wav": "WAV",
                   "mp3": "MP3"}
        facts.append(self.tr("Xuất: %1").replace(
            "%1", ", ".join(outputs[o] for o in template.outputs)))
        if template.origin == "user":
            facts.append(self.tr("Mẫu của bạn"))
        self.detail_facts.setText("\n".join(facts))

    def _create(self) -> None:
        template = self.current_template()
        if template is not None:
            self.createRequested.emit(template.id, self.segment())

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thư viện mẫu"))
        self.subtitle.setText(self.tr(
            "Chọn một mẫu để tạo ấn phẩm mới. Hình thu nhỏ được dựng từ chính mẫu, với nội "
            "dung chung của chiến dịch và mức đóng của đối tượng đã chọn."))
        self.back_button.setText(self.tr("Quay lại biên tập"))
        self.search.setPlaceholderText(self.tr("Tìm mẫu: áp phích, loa, SMS…"))
        # Wide enough for the whole hint: Qt's size hint makes room for 17 "x" besides
        # the icons and margins; the placeholder takes the place of those.
        metrics = self.search.fontMetrics()
        self.search.setMinimumWidth(
            self.search.sizeHint().width() - 17 * metrics.horizontalAdvance("x")
            + metrics.horizontalAdvance(self.search.placeholderText()))
        self.segment_label.setText(self.tr("Đối tượng"))
        self._name_create_button()
        current = self.kind_combo.currentData()
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("Mọi loại ấn phẩm"), "")
        for kind in sorted_by_name({t.kind for t in self.templates.values()}, kind_name):
            self.kind_combo.addItem(kind_name(kind), kind)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current)))
        for template_id, item in self._items.items():
            template = self.templates[template_id]
            item.setText(template_name(template))
            sizes = ", ".join(s.id for s in template.sizes[:3])
            item.setData(ROLE_SUB, kind_name(template.kind) + (f" · {sizes}" if sizes else ""))
        self._show_details()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
