"""Editing on the page: click a field on the preview, drag a slot, move and zoom a photo.

The render tells where every field's slot lies (`PreviewData.slots`, PDF points), so a
click on the preview selects the field under it in the form (the smallest slot holding
the point: a name inside a band selects the name). A slot the template lets move
(`move` in its manifest) follows the mouse as an outline at once, and on release asks
for the move in percent of the sheet, which the window stores with the piece (one
undoable edit) and renders exactly; a photo is moved inside its frame the same way,
and Alt + wheel over it zooms in or out. The canvas itself only draws the page; this
filter and its outline sit on top of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from .preview import PageCanvas

DRAG_START_PX = 4  # a press that moves less is a click


class _Outline(QWidget):
    """Where the dragged slot would go, drawn over the page while the mouse moves."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.rect_shown: QRectF | None = None

    def paintEvent(self, event: Any) -> None:
        if self.rect_shown is None:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#1E88E5"), 2, Qt.PenStyle.DashLine))
        painter.fillRect(self.rect_shown, QColor(30, 136, 229, 40))
        painter.drawRect(self.rect_shown)
        painter.end()


class SlotEditor(QObject):
    """Mouse editing on a `PageCanvas` (see the module docstring)."""

    fieldActivated = Signal(str)
    slotMoved = Signal(str, float, float)  # field, right and down in percent of the sheet
    photoPanned = Signal(str, float, float)  # field, focus change in percent of the photo
    photoZoomed = Signal(str, int)  # field, +1 in / -1 out

    def __init__(self, canvas: PageCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.movable: set[str] = set()
        self.photos: set[str] = set()
        self.outline = _Outline(canvas)
        self._press: QPointF | None = None
        self._field: str | None = None
        canvas.installEventFilter(self)
        canvas.setMouseTracking(True)

    def set_fields(self, movable: set[str], photos: set[str]) -> None:
        self.movable, self.photos = set(movable), set(photos)

    # --- geometry ----------------------------------------------------------------------

    def slot_rect(self, field_id: str) -> QRectF | None:
        """A slot's box in the canvas's coordinates."""
        data = getattr(self.canvas, "data", None)
        if data is None or not data.media or field_id not in data.slots:
            return None
        return self.canvas.widget_rect(data.slots[field_id])

    def field_at(self, point: QPointF) -> str | None:
        """The smallest slot holding `point`."""
        data = getattr(self.canvas, "data", None)
        hits = []
        for field_id in data.slots if data is not None else {}:
            rect = self.slot_rect(field_id)
            if rect is not None and rect.contains(point):
                hits.append((rect.width() * rect.height(), field_id))
        return min(hits)[1] if hits else None

    def _sheet_points(self) -> tuple[float, float]:
        data = self.canvas.data  # type: ignore[attr-defined]
        box = data.trim or data.media
        return box[2] - box[0], box[3] - box[1]

    # --- events ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            return self._pressed(event)
        if kind == QEvent.Type.MouseButtonDblClick and isinstance(event, QMouseEvent):
            field_id = self.field_at(event.position())
            if field_id:
                self.fieldActivated.emit(field_id)
            return field_id is not None
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            return self._moved(event)
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            return self._released(event)
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            return self._wheel(event)
        if kind == QEvent.Type.Resize:
            self.outline.resize(self.canvas.size())
        return False

    def _pressed(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        field_id = self.field_at(event.position())
        if field_id is None:
            return False
        self.fieldActivated.emit(field_id)
        if field_id in self.movable or field_id in self.photos:
            self._press, self._field = event.position(), field_id
        return True

    def _offset(self, event: QMouseEvent) -> QPointF:
        assert self._press is not None
        return event.position() - self._press

    def _moved(self, event: QMouseEvent) -> bool:
        field_id = self.field_at(event.position())
        draggable = field_id in self.movable or field_id in self.photos
        self.canvas.setCursor(
            Qt.CursorShape.SizeAllCursor if draggable else Qt.CursorShape.ArrowCursor
        )
        if self._press is None or self._field is None:
            return False
        rect = self.slot_rect(self._field)
        if rect is not None:
            offset = self._offset(event)
            moved = self._field in self.movable
            self.outline.rect_shown = rect.translated(offset) if moved else rect
            self.outline.resize(self.canvas.size())
            self.outline.update()
        return True

    def _released(self, event: QMouseEvent) -> bool:
        if self._press is None or self._field is None:
            return False
        offset, field_id = self._offset(event), self._field
        self._press = self._field = None
        self.outline.rect_shown = None
        self.outline.update()
        if offset.manhattanLength() < DRAG_START_PX:
            return True
        k = self.canvas.pixels_per_point()
        if field_id in self.movable:
            width, height = self._sheet_points()
            self.slotMoved.emit(
                field_id, offset.x() / k / width * 100, offset.y() / k / height * 100
            )
        else:
            rect = self.slot_rect(field_id)
            if rect is not None and rect.width() > 0 and rect.height() > 0:
                # Dragging the photo right shows more of its left: the focus goes left.
                self.photoPanned.emit(
                    field_id, -offset.x() / rect.width() * 100, -offset.y() / rect.height() * 100
                )
        return True

    def _wheel(self, event: QWheelEvent) -> bool:
        if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            return False
        field_id = self.field_at(event.position())
        if field_id not in self.photos:
            return False
        delta = event.angleDelta()
        step = delta.y() or delta.x()  # Qt turns Alt + wheel into a sideways wheel
        if step:
            self.photoZoomed.emit(field_id, 1 if step > 0 else -1)
        event.accept()
        return True
