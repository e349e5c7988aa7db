"""The campaign's pieces, grouped by channel, on the left of the window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.campaign import Piece
from ..core.segments import Segment
from ..core.templates.manifest import Template
from . import theme
from .model import CampaignModel
from .names import channel_name, kind_name, template_name

CHANNEL_ORDER = ("print", "social", "presentation", "loudspeaker", "sms")
CHANNEL_COLORS = {"print": "#0B5CAD", "social": "#7B1FA2", "presentation": "#C62828",
                  "loudspeaker": "#E65100", "sms": "#00897B"}
ROLE_INDEX = Qt.ItemDataRole.UserRole
ROLE_SUBTITLE = Qt.ItemDataRole.UserRole + 1
ROLE_CHANNEL = Qt.ItemDataRole.UserRole + 2


def piece_channel(piece: Piece, templates: dict[str, Template]) -> str:
    template = templates.get(piece.template)
    return template.channel if template else "print"


class _PieceDelegate(QStyledItemDelegate):
    """Two lines per piece: its name in bold, then size and audience."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if index.data(ROLE_INDEX) is None:
            return QSize(base.width(), base.height() + 10)
        return QSize(base.width(), option.fontMetrics.height() * 2 + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        if index.data(ROLE_INDEX) is None:
            painter.save()
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
            painter.setFont(font)
            painter.setPen(QColor(theme.MUTED))
            rect = option.rect.adjusted(4, 6, -4, 0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             index.data(Qt.ItemDataRole.DisplayRole))
            painter.restore()
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(2, 2, -4, -2)
        if selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#D6E6F7"))
            painter.drawRoundedRect(rect, 6, 6)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#EEF3F9"))
            painter.drawRoundedRect(rect, 6, 6)
        color = QColor(CHANNEL_COLORS.get(index.data(ROLE_CHANNEL), theme.PRIMARY))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRect(rect.left() + 6, rect.top() + 8, 4, rect.height() - 16),
                                2, 2)
        text_left = rect.left() + 18
        metrics = option.fontMetrics
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(QColor("#10243A"))
        title_rect = QRect(text_left, rect.top() + 5, rect.right() - text_left - 4,
                           metrics.height())
        title = painter.fontMetrics().elidedText(index.data(Qt.ItemDataRole.DisplayRole),
                                                 Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        painter.setFont(small)
        painter.setPen(QColor(theme.MUTED))
        sub_rect = QRect(text_left, title_rect.bottom() + 3, title_rect.width(),
                         metrics.height())
        subtitle = painter.fontMetrics().elidedText(index.data(ROLE_SUBTITLE) or "",
                                                    Qt.TextElideMode.ElideRight,
                                                    sub_rect.width())
        painter.drawText(sub_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         subtitle)
        painter.restore()


class PiecesPanel(QFrame):
    currentChanged = Signal(object)  # piece index or None
    addRequested = Signal()
    duplicateRequested = Signal(int)
    siblingsRequested = Signal(int)
    segmentsRequested = Signal(int)
    removeRequested = Signal(int)

    def __init__(self, model: CampaignModel, templates: dict[str, Template],
                 segments: dict[str, Segment], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.model, self.templates, self.segments = model, templates, segments
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel(objectName="panelTitle")
        self.count = QLabel(objectName="badge")
        head.addWidget(self.title)
        head.addWidget(self.count)
        head.addStretch(1)
        layout.addLayout(head)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setMouseTracking(True)
        self.tree.setItemDelegate(_PieceDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.currentItemChanged.connect(self._current_item_changed)
        layout.addWidget(self.tree, 1)
        self.add_button = QPushButton()
        self.add_button.setProperty("primary", True)
        self.add_button.setIcon(theme.icon("add", "#FFFFFF"))
        self.add_button.clicked.connect(self.addRequested)
        tools = QHBoxLayout()
        tools.setSpacing(2)
        self.duplicate_button = self._tool("copy", self.duplicateRequested)
        self.siblings_button = self._tool("channels", self.siblingsRequested)
        self.segments_button = self._tool("people", self.segmentsRequested)
        self.remove_button = self._tool("delete", self.removeRequested)
        for button in (self.duplicate_button, self.siblings_button, self.segments_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.remove_button)
        layout.addLayout(tools)
        layout.addWidget(self.add_button)
        self._current: int | None = None
        model.piecesReset.connect(self.rebuild)
        model.pieceChanged.connect(self._refresh_piece)
        self.retranslate()
        self.rebuild()

    def _tool(self, icon: str, signal: Any) -> QToolButton:
        button = QToolButton()
        button.setIcon(theme.icon(icon))
        button.setIconSize(QSize(18, 18))
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self._current is not None and signal.emit(self._current))
        return button

    # --- contents ----------------------------------------------------------------------

    def _subtitle(self, piece: Piece) -> str:
        template = self.templates.get(piece.template)
        segment = self.segments.get(piece.segment)
        parts = []
        if template is not None and template.sizes:
            try:
                parts.append(template.size(piece.size).id)
            except Exception:  # noqa: BLE001 - an unknown size is shown as written
                parts.append(str(piece.size))
        elif template is not None:
            parts.append(kind_name(template.kind))
        parts.append(segment.name if segment else piece.segment)
        return " · ".join(parts)

    def _title(self, piece: Piece) -> str:
        template = self.templates.get(piece.template)
        return piece.title or (template_name(template) if template else piece.template)

    def rebuild(self) -> None:
        keep = self._current
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        self.items: dict[int, QTreeWidgetItem] = {}
        pieces = self.model.pieces
        by_channel = {c: [] for c in CHANNEL_ORDER}  # type: dict[str, list[int]]
        for index, piece in enumerate(pieces):
            by_channel.setdefault(piece_channel(piece, self.templates), []).append(index)
        for channel, indexes in by_channel.items():
            if not indexes:
                continue
            group = QTreeWidgetItem([channel_name(channel)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setData(0, ROLE_CHANNEL, channel)
            self.tree.addTopLevelItem(group)
            groups[channel] = group
            for index in indexes:
                piece = pieces[index]
                item = QTreeWidgetItem([self._title(piece)])
                item.setData(0, ROLE_INDEX, index)
                item.setData(0, ROLE_SUBTITLE, self._subtitle(piece))
                item.setData(0, ROLE_CHANNEL, channel)
                item.setToolTip(0, self._title(piece) + "\n" + self._subtitle(piece))
                group.addChild(item)
                self.items[index] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.count.setText(str(len(pieces)))
        if keep is not None and keep >= len(pieces):
            keep = len(pieces) - 1 if pieces else None
        self.select(keep, force=True)

    def _refresh_piece(self, index: int) -> None:
        item = self.items.get(index)
        if item is None:
            return
        piece = self.model.piece(index)
        if item.data(0, ROLE_CHANNEL) != piece_channel(piece, self.templates):
            self.rebuild()
            return
        item.setText(0, self._title(piece))
        item.setData(0, ROLE_SUBTITLE, self._subtitle(piece))
        item.setToolTip(0, self._title(piece) + "\n" + self._subtitle(piece))

    def current_index(self) -> int | None:
        return self._current

    def select(self, index: int | None, force: bool = False) -> None:
        if index is not None and index not in self.items:
            index = None
        changed = index != self._current
        self._current = index
        self.tree.blockSignals(True)
        if index is None:
            self.tree.setCurrentItem(None)  # type: ignore[arg-type]
            self.tree.clearSelection()
        else:
            self.tree.setCurrentItem(self.items[index])
            self.tree.scrollToItem(self.items[index])
        self.tree.blockSignals(False)
        self._update_buttons()
        if changed or force:
            self.currentChanged.emit(index)

    def _current_item_changed(self, item: QTreeWidgetItem | None, _old: Any) -> None:
        index = item.data(0, ROLE_INDEX) if item is not None else None
        if index is None and item is not None:
            return  # a channel heading
        self._current = index
        self._update_buttons()
        self.currentChanged.emit(index)

    def _update_buttons(self) -> None:
        has = self._current is not None
        for button in (self.duplicate_button, self.siblings_button, self.segments_button,
                       self.remove_button):
            button.setEnabled(has)

    def _menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        index = item.data(0, ROLE_INDEX) if item else None
        if index is None:
            return
        self.select(index)
        menu = QMenu(self)
        entries = (
            ("copy", self.tr("Nhân bản"), self.duplicateRequested),
            ("channels", self.tr("Tạo cho các kênh khác…"), self.siblingsRequested),
            ("people", self.tr("Cùng ấn phẩm cho đối tượng khác…"), self.segmentsRequested),
            ("delete", self.tr("Xóa"), self.removeRequested),
        )
        for icon, text, signal in entries:
            action = QAction(theme.icon(icon), text, menu)
            action.triggered.connect(lambda _=False, s=signal, i=index: s.emit(i))
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Ấn phẩm của chiến dịch"))
        self.add_button.setText(self.tr("Thêm ấn phẩm từ thư viện mẫu"))
        self.duplicate_button.setToolTip(self.tr("Nhân bản ấn phẩm"))
        self.siblings_button.setToolTip(
            self.tr("Một thông điệp, mọi kênh: tạo băng rôn, bài loa, tin nhắn… từ ấn phẩm này"))
        self.segments_button.setToolTip(self.tr("Cùng ấn phẩm cho đối tượng khác"))
        self.remove_button.setToolTip(self.tr("Xóa ấn phẩm"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.rebuild()
        super().changeEvent(event)

