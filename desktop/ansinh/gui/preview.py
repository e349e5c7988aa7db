"""The live preview: the PNG of the very PDF that will be exported, rendered off the UI.

`PreviewController` debounces requests (≈250 ms after typing pauses), sends the render
to a worker process (`RenderPool`) and delivers only the newest result: a result for
an older request is dropped, and at most one render is in flight with one waiting.
`PreviewPanel` shows it with zoom, fit-to-window, the size label and trim/bleed guides,
or the text for loudspeaker scripts and SMS, and lists the render checks beside it.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import CancelledError
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.campaign import Campaign, Piece
from ..core.checks import Check
from ..core.errors import UserError
from ..core.render.worker import RenderPool
from . import i18n, jobs, theme
from .background import Lane
from .names import duration
from .page_edit import SlotEditor

MM_PER_PT = 25.4 / 72
PX_PER_PT = 96 / 72  # 100 % zoom: true size on a 96 dpi screen
ZOOM_STEPS = (0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
SAFE_MM = 3.0  # text is kept this far inside the trim
MIN_ZOOM = 0.01  # a 5 m banner fits a 600 px panel at ~3 %


def to_qimage(data: jobs.PreviewData) -> QImage:
    """The picture of a render as a QImage (wraps raw rows; decodes PNG only as a fallback)."""
    if data.rgb:
        width, height = data.rgb_size
        # BGRx rows from PDFium are Qt's own RGB32 (little-endian): no conversion.
        pixel = QImage.Format.Format_RGB32 if data.bgrx else QImage.Format.Format_RGB888
        return QImage(data.rgb, width, height, data.rgb_stride, pixel).copy()
    return QImage.fromData(data.png or b"", "PNG")


class PreviewController(QObject):
    """Debounced, off-thread, newest-wins preview renders."""

    ready = Signal(object)  # jobs.PreviewData
    failed = Signal(object)  # UserError (the worker died, …)
    busyChanged = Signal(bool)

    def __init__(self, pool: RenderPool, delay_ms: int = 80,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._submit_latest)
        self._latest: tuple[Piece, Campaign, int] | None = None
        self._generation = 0  # of the newest request
        self._inflight: int | None = None  # generation of the render in flight
        self._closed = False
        self._lane = Lane("preview")
        self.requested_at = 0.0  # when the newest request came (benchmarks read it)

    def set_delay(self, delay_ms: int) -> None:
        self._timer.setInterval(max(0, delay_ms))

    def request(self, piece: Piece, campaign: Campaign, width_px: int,
                immediate: bool = False) -> None:
        self._latest = (piece, campaign, width_px)
        self._generation += 1
        self.requested_at = time.perf_counter()
        if immediate:
            self._timer.stop()
            self._submit_latest()
        else:
            self._timer.start()

    def cancel(self) -> None:
        """Forget what was asked (the piece was removed); a late result is dropped."""
        self._timer.stop()
        self._latest = None
        self._generation += 1

    @property
    def busy(self) -> bool:
        return self._inflight is not None or self._timer.isActive()

    def _submit_latest(self) -> None:
        if self._closed or self._inflight is not None or self._latest is None:
            return  # submitted when the render in flight comes back
        generation = self._generation
        self._inflight = generation
        self.busyChanged.emit(True)
        # Submitting can wait for a worker process to start: never on the UI thread.
        self._lane.run(self._render, generation, *self._latest, parent=self,
                       on_done=lambda outcome: self._on_finished(generation, outcome))

    def _render(self, _task: Any, generation: int, piece: Piece, campaign: Campaign,
                width: int) -> tuple[jobs.PreviewData | None, UserError | None]:
        """In the lane's thread: render in a worker, then decode the image (not on the UI
        thread)."""
        try:
            future = self.pool.submit(jobs.preview, piece, campaign, width)
        except Exception as exc:  # noqa: BLE001 - a pool that cannot start: say so
            return None, UserError(f"Không khởi động được tiến trình dựng hình: {exc}",
                                   f"Cannot start the render process: {exc}")
        data, error = None, None
        try:
            data = self.pool.result(future)
        except UserError as exc:
            error = exc
        except CancelledError:
            pass
        except Exception as exc:  # noqa: BLE001 - a broken render must not crash the UI
            error = UserError(f"Lỗi khi dựng bản xem trước: {exc}", f"The preview failed: {exc}")
        if data is not None and data.has_image and generation == self._generation:
            data.image = to_qimage(data)
        return data, error

    def _on_finished(self, generation: int, outcome: tuple[Any, UserError | None]) -> None:
        if self._inflight != generation:
            return
        self._inflight = None
        data, error = outcome
        if generation != self._generation:
            self._submit_latest()  # stale: drop it and render the newest request
            if self._inflight is None:
                self.busyChanged.emit(self._timer.isActive())
            return
        self.busyChanged.emit(self._timer.isActive())
        if error is not None:
            self.failed.emit(error)
        elif data is not None:
            self.ready.emit(data)

    def shutdown(self) -> None:
        self._closed = True
        self.cancel()
        self._lane.shutdown()


class PageCanvas(QWidget):
    """Draws the page image at a zoom, with trim, bleed and safe-area guides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.data: jobs.PreviewData | None = None
        self.zoom = 1.0
        self.guides = True
        self._cache = QPixmap()
        self._cache_key: tuple = ()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_data(self, data: jobs.PreviewData, image: QImage) -> None:
        self.data, self.image = data, image
        self._resize()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._resize()

    def set_guides(self, on: bool) -> None:
        self.guides = on
        self._resize()

    def page_points(self) -> tuple[float, float]:
        """Size of the shown area in PDF points (the trimmed page when guides are off)."""
        box = self._shown_box()
        return (box[2] - box[0], box[3] - box[1]) if box else (595.0, 842.0)

    def _shown_box(self) -> tuple[float, float, float, float] | None:
        if not self.data or not self.data.media:
            return None
        return self.data.media if self.guides else (self.data.trim or self.data.media)

    def _resize(self) -> None:
        w, h = self.page_points()
        self.setFixedSize(max(1, round(w * PX_PER_PT * self.zoom)),
                          max(1, round(h * PX_PER_PT * self.zoom)))
        self.update()

    def _source_rect(self) -> QRectF:
        """The part of the image to draw (image pixels)."""
        data = self.data
        if not data or not data.media or self.image.isNull():
            return QRectF(self.image.rect())
        media, shown = data.media, self._shown_box() or data.media
        scale = self.image.width() / (media[2] - media[0])
        return QRectF((shown[0] - media[0]) * scale, (media[3] - shown[3]) * scale,
                      (shown[2] - shown[0]) * scale, (shown[3] - shown[1]) * scale)

    def _scaled_page(self) -> QPixmap:
        """The shown part of the image at the widget's size in device pixels (a 125 %
        or 150 % Windows screen gets every pixel the render has, drawn sharp), scaled
        once per change."""
        ratio = self.devicePixelRatioF() or 1.0
        key = (self.image.cacheKey(), self.width(), self.height(), self.guides, ratio)
        if self._cache_key != key:
            rect = self._source_rect().toAlignedRect()
            source = self.image if rect == self.image.rect() else self.image.copy(rect)
            device = QSize(round(self.width() * ratio), round(self.height() * ratio))
            if source.size() != device:  # usually rendered at this size already
                source = source.scaled(device, Qt.AspectRatioMode.IgnoreAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            self._cache = QPixmap.fromImage(source)
            self._cache.setDevicePixelRatio(ratio)
            self._cache_key = key
        return self._cache

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        target = QRectF(self.rect())
        if self.image.isNull():
            painter.fillRect(target, QColor("white"))
            return
        painter.drawPixmap(0, 0, self._scaled_page())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.guides and self.data and self.data.media and self.data.trim and \
                self.data.is_print:
            self._draw_guides(painter)
        painter.end()

    def pixels_per_point(self) -> float:
        """How many widget pixels a PDF point of the shown page takes."""
        media = self.data.media  # type: ignore[union-attr]
        return self.width() / (media[2] - media[0])

    def _to_widget(self, x: float, y: float) -> QPointF:
        media, k = self.data.media, self.pixels_per_point()  # type: ignore[union-attr]
        return QPointF((x - media[0]) * k, (media[3] - y) * k)

    def widget_rect(self, box: tuple[float, float, float, float]) -> QRectF:
        """A box of the page (PDF points) in the widget's coordinates."""
        return QRectF(self._to_widget(box[0], box[3]), self._to_widget(box[2], box[1]))

    def _draw_guides(self, painter: QPainter) -> None:
        trim = self.data.trim  # type: ignore[union-attr]
        assert trim is not None
        # The bleed: shaded, so what the guillotine cuts away is obvious.
        shade = QColor(200, 30, 30, 38)
        outer, inner = QRectF(self.rect()), self.widget_rect(trim)
        painter.fillRect(QRectF(outer.left(), outer.top(), outer.width(),
                                inner.top() - outer.top()), shade)
        painter.fillRect(QRectF(outer.left(), inner.bottom(), outer.width(),
                                outer.bottom() - inner.bottom()), shade)
        painter.fillRect(QRectF(outer.left(), inner.top(), inner.left() - outer.left(),
                                inner.height()), shade)
        painter.fillRect(QRectF(inner.right(), inner.top(), outer.right() - inner.right(),
                                inner.height()), shade)
        pen = QPen(QColor("#D81B60"), 1)
        painter.setPen(pen)
        painter.drawRect(inner)
        safe = SAFE_MM / MM_PER_PT
        pen = QPen(QColor("#1E88E5"), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(self.widget_rect((trim[0] + safe, trim[1] + safe,
                                     trim[2] - safe, trim[3] - safe)))


class _CanvasArea(QScrollArea):
    zoomWheel = Signal(int)
    resized = Signal()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoomWheel.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class ChecksList(QListWidget):
    """The render checks; activating one asks to focus its field."""

    fieldActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checks")
        self.setWordWrap(True)
        self.setSpacing(1)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.itemClicked.connect(self._activate)
        self.itemActivated.connect(self._activate)
        self._checks: list[Check] = []
        self._error: tuple[str, str] | None = None

    def set_checks(self, checks: list[Check], error: tuple[str, str] | None = None,
                   error_field: str | None = None) -> None:
        if self.count() and (list(checks), error, error_field) == \
                (self._checks, self._error, getattr(self, "_error_field", None)):
            return  # the same findings: keep the list as it is (no flicker, no relayout)
        self._checks = list(checks)
        self._error = error
        self._error_field = error_field
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        if self._error:
            self._add("error", i18n.pick(*self._error), getattr(self, "_error_field", None))
        for check in sorted(self._checks, key=lambda c: not c.is_error):
            self._add(check.severity, check.text(i18n.current()), check.field)
        if not self._checks and not self._error:
            item = QListWidgetItem(theme.icon("ok", theme.OK),
                                   self.tr("Không có lỗi: sẵn sàng xuất."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)

    def _add(self, severity: str, text: str, field_id: str | None) -> None:
        name = "error" if severity == "error" else "warning"
        color = theme.ERROR if severity == "error" else theme.WARNING
        item = QListWidgetItem(theme.icon(name, color), text)
        item.setData(Qt.ItemDataRole.UserRole, field_id or "")
        if field_id:
            item.setToolTip(self.tr("Bấm để tới ô cần sửa"))
        self.addItem(item)

    def items_text(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        field_id = item.data(Qt.ItemDataRole.UserRole)
        if field_id:
            self.fieldActivated.emit(field_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


class PreviewPanel(QFrame):
    """Zoomable page (or script text), size label, guides toggle and the checks list."""

    fieldActivated = Signal(str)
    imageShown = Signal()  # a new preview image is on screen
    wantedWidthChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.data: jobs.PreviewData | None = None
        self._title = ""
        self.fit = True
        self.canvas = PageCanvas()
        self.slot_editor = SlotEditor(self.canvas)
        self.slot_editor.fieldActivated.connect(self.fieldActivated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)

        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.title = QLabel(objectName="panelTitle")
        self.size_label = QLabel(objectName="sizeLabel")
        self.busy_label = QLabel(objectName="muted")
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        sub = QHBoxLayout()
        sub.addWidget(self.size_label)
        sub.addSpacing(8)
        sub.addWidget(self.busy_label)
        sub.addStretch(1)
        heading.addLayout(sub)
        bar.addLayout(heading)
        bar.addStretch(1)
        self.zoom_out = self._tool("zoom-out", self._zoom_step, -1)
        self.zoom_box = QComboBox()
        self.zoom_box.setEditable(False)
        self.zoom_box.setMinimumContentsLength(5)
        for step in ZOOM_STEPS:
            self.zoom_box.addItem(f"{step:.0%}", step)
        self.zoom_box.activated.connect(self._zoom_chosen)
        self.zoom_in = self._tool("zoom-in", self._zoom_step, 1)
        self.fit_button = self._tool("fit", self.set_fit, True, checkable=True)
        self.guides_button = self._tool("guides", self.set_guides, None, checkable=True)
        self._page_tools = (self.zoom_out, self.zoom_box, self.zoom_in, self.fit_button,
                            self.guides_button)  # hidden for scripts and messages
        for widget in self._page_tools:
            bar.addWidget(widget)
        layout.addLayout(bar)

        self.area = _CanvasArea(objectName="canvasArea")
        self.area.setWidget(self.canvas)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setWidgetResizable(False)
        self.area.zoomWheel.connect(self._zoom_step)
        self.area.resized.connect(self._on_resized)
        self.text_view = QTextBrowser(objectName="scriptView")
        self.text_view.setOpenLinks(False)
        self.message = QLabel(objectName="muted", alignment=Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.message, self.area, self.text_view):
            self.stack.addWidget(widget)

        self.checks_title = QLabel(objectName="panelTitle")
        self.checks = ChecksList()
        self.checks.fieldActivated.connect(self.fieldActivated)
        checks_box = QWidget()
        checks_layout = QVBoxLayout(checks_box)
        checks_layout.setContentsMargins(0, 4, 0, 0)
        checks_layout.addWidget(self.checks_title)
        checks_layout.addWidget(self.checks)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.stack)
        split.addWidget(checks_box)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 170])
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self.retranslate()
        self.show_message(self.tr("Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu."))

    def _tool(self, icon: str, slot: Any, arg: Any, checkable: bool = False) -> QToolButton:
        button = QToolButton()
        button.setIcon(theme.icon(icon))
        button.setIconSize(QSize(18, 18))
        button.setAutoRaise(True)
        button.setCheckable(checkable)
        if checkable:
            button.setChecked(True)
            button.toggled.connect(slot)
        else:
            button.clicked.connect(lambda: slot(arg))
        return button

    # --- contents ----------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.data = None
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.size_label.clear()
        self.checks.set_checks([])
        self.checks.clear()

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Đang cập nhật…") if busy else "")

    def show_data(self, data: jobs.PreviewData) -> None:
        self.data = data
        self.checks.set_checks(data.checks, data.error, data.error_field)
        if data.error and not data.has_image and not data.texts:
            self.message.setText(i18n.pick(*data.error))
            self.stack.setCurrentWidget(self.message)
            self.size_label.clear()
            return
        if data.has_image:
            image = data.image if data.image is not None else to_qimage(data)
            self.canvas.set_data(data, image)
            self.slot_editor.set_fields(data.movable, data.photos)
            self.stack.setCurrentWidget(self.area)
            if self.fit:
                self._apply_fit()
        else:
            self._show_texts(data)
            self.stack.setCurrentWidget(self.text_view)
        self._update_size_label()
        self.imageShown.emit()

    def _show_texts(self, data: jobs.PreviewData) -> None:
        parts = []
        for role, text, stats in data.texts:
            heading, facts = self._describe(role, stats)
            body = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\n", "<br>"))
            parts.append(
                f"<h3 style='margin:14px 0 2px 0;color:{theme.PRIMARY_DARK}'>{heading}</h3>"
                f"<p style='color:{theme.MUTED};margin:0 0 6px 0'>{facts}</p>"
                f"<div style='font-size:12pt;line-height:150%'>{body}</div>")
        self.text_view.setHtml("".join(parts))

    def _describe(self, role: str, stats: dict) -> tuple[str, str]:
        if role == "read-aloud":
            seconds = stats.get("reading_seconds", 0)
            return (self.tr("Bài đọc trên loa (số đã viết thành chữ)"),
                    self.tr("Thời lượng đọc khoảng %1 · %2 âm tiết")
                    .replace("%1", duration(seconds))
                    .replace("%2", str(stats.get("syllables", ""))))
        if role in ("sms", "sms-ascii"):
            heading = self.tr("Tin nhắn có dấu") if role == "sms" else \
                self.tr("Tin nhắn không dấu")
            return heading, self.tr("%1 ký tự · %2 tin · mã %3").replace(
                "%1", str(stats.get("characters", ""))).replace(
                "%2", str(stats.get("sms_parts", ""))).replace(
                "%3", str(stats.get("encoding", "")))
        if role == "caption":
            return self.tr("Chú thích đăng kèm"), self.tr("%1/%2 ký tự").replace(
                "%1", str(stats.get("characters", ""))).replace("%2", str(stats.get("limit", "")))
        return role, ""

    def _update_size_label(self) -> None:
        data = self.data
        if data is None:
            self.size_label.clear()
            return
        if data.size_text:
            text = i18n.pick(data.size_label, data.size_label_en) or data.size_text
            if data.is_print and data.bleed_mm:
                text += " · " + self.tr("lề xén %1 mm").replace("%1", f"{data.bleed_mm:g}")
            if self.size_label.text() != text:
                self.size_label.setText(text)
        elif data.kind == "loudspeaker":
            seconds = next((s["reading_seconds"] for _, _, s in data.texts
                            if "reading_seconds" in s), None)
            self.size_label.setText(self.tr("Bài phát thanh") + ("" if seconds is None else
                                    " · " + self.tr("đọc khoảng %1").replace(
                                        "%1", duration(seconds))))
        elif data.kind == "sms":
            parts = next((s["sms_parts"] for role, _, s in data.texts
                          if role == "sms" and "sms_parts" in s), None)
            self.size_label.setText(self.tr("Tin nhắn SMS") + ("" if parts is None else
                                    " · " + self.tr("%1 tin").replace("%1", str(parts))))
        else:
            self.size_label.clear()
        for widget in self._page_tools:
            widget.setVisible(data.has_image)
        self.title.setText(self._heading())

    def set_title(self, text: str) -> None:
        """A title of the caller's (a batch row) instead of the panel's own."""
        self._title = text
        self.title.setText(self._heading())

    def _heading(self) -> str:
        if self._title:
            return self._title
        if self.data is not None and not self.data.has_image and self.data.texts:
            return self.tr("Xem trước văn bản")
        return self.tr("Xem trước bản in")

    # --- zoom ------------------------------------------------------------------------

    def wanted_width(self) -> int:
        """Image width (pixels across the media box) for this zoom: exactly what the
        screen shows, so the picture is drawn as it comes, never scaled on the UI
        thread (10-20 ms, and Qt's scaling holds Python's lock even in a thread)."""
        data = self.canvas.data
        media_w = (data.media[2] - data.media[0]) if data and data.media else 595.0
        ratio = self.devicePixelRatioF() or 1.0
        return int(min(2400, max(100, math.ceil(media_w * PX_PER_PT * self.canvas.zoom
                                                * ratio))))

    def set_zoom(self, zoom: float, from_fit: bool = False) -> None:
        zoom = max(MIN_ZOOM, min(ZOOM_STEPS[-1], zoom))
        if not from_fit and self.fit:
            self.fit = False
            self.fit_button.blockSignals(True)
            self.fit_button.setChecked(False)
            self.fit_button.blockSignals(False)
        self.canvas.set_zoom(zoom)
        self._show_zoom_text(zoom)
        self.wantedWidthChanged.emit()

    def _show_zoom_text(self, zoom: float) -> None:
        # The combo shows the exact zoom (fit gives uneven values) in its first slot.
        self.zoom_box.blockSignals(True)
        if self.zoom_box.findData(zoom) < 0:
            if self.zoom_box.itemData(0) != "custom":
                self.zoom_box.insertItem(0, "", "custom")
            self.zoom_box.setItemText(0, f"{zoom:.0%}" if zoom >= 0.1 else f"{zoom:.1%}")
            self.zoom_box.setCurrentIndex(0)
        else:
            if self.zoom_box.itemData(0) == "custom":
                self.zoom_box.removeItem(0)
            self.zoom_box.setCurrentIndex(self.zoom_box.findData(zoom))
        self.zoom_box.blockSignals(False)

    def _zoom_chosen(self, index: int) -> None:
        value = self.zoom_box.itemData(index)
        if isinstance(value, float):
            self.set_zoom(value)

    def _zoom_step(self, direction: int) -> None:
        current = self.canvas.zoom
        if direction > 0:
            bigger = [z for z in ZOOM_STEPS if z > current + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < current - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def set_fit(self, on: bool) -> None:
        self.fit = on
        if on:
            self._apply_fit()

    def _apply_fit(self) -> None:
        w, h = self.canvas.page_points()
        viewport = self.area.viewport().size()
        if w <= 0 or h <= 0 or viewport.width() < 20:
            return
        zoom = min((viewport.width() - 24) / (w * PX_PER_PT),
                   (viewport.height() - 24) / (h * PX_PER_PT))
        self.set_zoom(max(MIN_ZOOM, zoom), from_fit=True)

    def _on_resized(self) -> None:
        if self.fit:
            self._apply_fit()

    def set_guides(self, on: bool) -> None:
        self.canvas.set_guides(bool(on))
        if self.fit:
            self._apply_fit()

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self._heading())
        self.checks_title.setText(self.tr("Kiểm tra"))
        self.zoom_out.setToolTip(self.tr("Thu nhỏ (Ctrl+-)"))
        self.zoom_in.setToolTip(self.tr("Phóng to (Ctrl++)"))
        self.fit_button.setToolTip(self.tr("Vừa khung nhìn"))
        self.guides_button.setToolTip(self.tr("Hiện đường xén, lề xén (bleed) và vùng an toàn"))
        self.zoom_box.setToolTip(self.tr("Tỉ lệ so với kích thước thật"))
        self._update_size_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.data is not None and not self.data.has_image and self.data.texts:
                self._show_texts(self.data)
        super().changeEvent(event)

