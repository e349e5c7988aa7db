"""The main window: pieces on the left, the form in the middle, the print preview right.

It owns the open campaign (`CampaignModel`), the file operations (new, open, save, save
as, recent files), autosave to a recovery copy and the offer to recover after a crash,
and wires the panels together. Long work never runs here: previews and exports render
in worker processes.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import fonts, packs, storage
from ..core.campaign import Piece, load_campaign
from ..core.errors import UserError
from ..core.render import placement
from ..core.render.worker import RenderPool
from ..core.segments import Segment, load_segments
from ..core.templates import TemplateRegistry
from ..core.templates.manifest import Template
from . import dialogs, i18n, jobs, theme
from . import settings as S
from .background import Lane
from .campaign_dialog import CampaignDialog
from .export_dialog import ExportDialog
from .form import FieldForm
from .gallery import GalleryPage, ThumbnailService
from .listen import Listener
from .model import CampaignModel
from .names import kind_name, sorted_by_name, template_name
from .pieces import PiecesPanel
from .preview import PreviewController, PreviewPanel
from .settings_dialog import SettingsDialog

APP_NAME = "An Sinh Studio"
CAMPAIGN_KEYS = {"hotline", "unit", "key_message", "call_to_action", "logo", "name",
                 "website", "address", "date"}


class _UndoKeysToWindow(QObject):
    """Ctrl+Z / Ctrl+Y go to the campaign's undo stack, not to a text box's own undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        redo_y = event.key() == Qt.Key.Key_Y and \
            event.modifiers() == Qt.KeyboardModifier.ControlModifier
        # Not accepted: the window's Undo/Redo shortcut fires instead of the box's own.
        return bool(event.matches(QKeySequence.StandardKey.Undo) or
                    event.matches(QKeySequence.StandardKey.Redo) or redo_y)


class MainWindow(QMainWindow):
    previewShown = Signal()  # a preview image/text is on screen (tests, benchmarks)

    def __init__(self, settings: S.Settings | None = None, preview_pool: RenderPool | None = None,
                 work_pool: RenderPool | None = None) -> None:
        super().__init__()
        self.settings = settings or S.Settings()
        self._own_pools = preview_pool is None
        self.preview_pool = preview_pool or RenderPool(workers=1)
        self.work_pool = work_pool or RenderPool(workers=2)
        if self._own_pools:
            jobs.warm_up_pools(self.preview_pool, self.work_pool)
        self.registry = TemplateRegistry()
        self.templates: dict[str, Template] = {t.id: t for t in self.registry.all()}
        self.startup_problems: list[UserError] = list(self.registry.problems)
        try:
            self.segments: dict[str, Segment] = load_segments()
        except UserError as exc:
            self.segments = {}
            self.startup_problems.append(exc)
        self.recovery = storage.RecoverySlot()
        self._recovery_lock = threading.Lock()
        self._io = Lane("autosave")
        self._autosaved_revision = -1
        self._autosaving = -1
        self._closing = False
        self.model: CampaignModel | None = None
        self._undo_filter = _UndoKeysToWindow(self)

        self.setWindowIcon(theme.icon("campaign", theme.PRIMARY, 64))
        self.resize(1440, 900)
        self.setMinimumSize(QSize(1024, 640))
        self.preview = PreviewController(self.preview_pool,
                                         self.settings.get(S.PREVIEW_DELAY_MS), self)
        self.thumbnails = ThumbnailService(self.work_pool, self)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self.listener = Listener(self, self.work_pool)  # «Nghe thử» on loudspeaker pieces
        self.status_label = QLabel(objectName="muted")
        self.statusBar().addWidget(self.status_label, 1)
        self.render_label = QLabel(objectName="muted")
        self.statusBar().addPermanentWidget(self.render_label)

        self.preview.ready.connect(self._preview_ready)
        self.preview.failed.connect(self._preview_failed)
        self.preview.busyChanged.connect(self.preview_panel.set_busy)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(lambda: self.autosave(background=True))
        self._restart_autosave()

        self.set_model(CampaignModel())
        self._restore_geometry()
        self.retranslate()

    # --- construction ------------------------------------------------------------------

    def _action(self, icon: str | None, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(self)
        if icon:
            action.setIcon(theme.icon(icon))
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence
        self.act_new = self._action("new", self.new_campaign, K(K.StandardKey.New))
        self.act_open = self._action("open", self.open_dialog, K(K.StandardKey.Open))
        self.act_save = self._action("save", self.save, K(K.StandardKey.Save))
        self.act_save_as = self._action(None, self.save_as, K("Ctrl+Shift+S"))
        self.act_export = self._action("export", self.export_dialog, K("Ctrl+E"))
        self.act_batch = self._action("batch", self.batch_dialog, K("Ctrl+B"))
        self.act_import_pack = self._action("open", lambda: self.import_pack())
        self.act_export_pack = self._action(None, lambda: self.export_pack())
        self.act_policy = self._action(None, lambda: self.policy_dialog())
        self.act_quit = self._action(None, self.close, K("Ctrl+Q"))
        self.act_undo = self._action("undo", lambda: self.model and self.model.undo_stack.undo(),
                                     K(K.StandardKey.Undo))
        self.act_redo = self._action("redo", lambda: self.model and self.model.undo_stack.redo(),
                                     [K("Ctrl+Y"), K("Ctrl+Shift+Z")])
        self.act_campaign = self._action("campaign", self.campaign_dialog, K("Ctrl+K"))
        self.act_settings = self._action("settings", self.settings_dialog, K("Ctrl+,"))
        self.act_gallery = self._action("gallery", self.show_gallery, K("Ctrl+T"))
        self.act_duplicate = self._action("copy", lambda: self.duplicate_piece(), K("Ctrl+D"))
        self.act_siblings = self._action("channels", lambda: self.create_siblings())
        self.act_segments = self._action("people", lambda: self.create_for_segments())
        self.act_remove = self._action("delete", lambda: self.remove_piece(),
                                       K("Ctrl+Shift+Del"))
        self.act_zoom_in = self._action("zoom-in",
                                        lambda: self.preview_panel._zoom_step(1),
                                        [K(K.StandardKey.ZoomIn), K("Ctrl+=")])
        self.act_zoom_out = self._action("zoom-out",
                                         lambda: self.preview_panel._zoom_step(-1),
                                         K(K.StandardKey.ZoomOut))
        self.act_fit = self._action("fit", lambda: self.preview_panel.fit_button.setChecked(True),
                                    K("Ctrl+0"))
        self.act_guides = self._action("guides", lambda: self.preview_panel.guides_button.toggle(),
                                       K("Ctrl+G"))
        self.act_about = self._action(None, self.about)
        self.act_guide = self._action(None, self.guide, QKeySequence.StandardKey.HelpContents)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_recent = QMenu(self)
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        for entry in (self.act_new, self.act_open, self.menu_recent, None, self.act_save,
                      self.act_save_as, None, self.act_export, self.act_batch, None,
                      self.act_import_pack, self.act_export_pack, self.act_policy, None,
                      self.act_quit):
            if entry is None:
                self.menu_file.addSeparator()
            elif isinstance(entry, QMenu):
                self.menu_file.addMenu(entry)
            else:
                self.menu_file.addAction(entry)
        self.menu_edit = bar.addMenu("")
        for entry in (self.act_undo, self.act_redo, None, self.act_campaign, None,
                      self.act_settings):
            self.menu_edit.addSeparator() if entry is None else self.menu_edit.addAction(entry)
        self.menu_piece = bar.addMenu("")
        for entry in (self.act_gallery, None, self.act_duplicate, self.act_siblings,
                      self.act_segments, None, self.act_remove):
            self.menu_piece.addSeparator() if entry is None else self.menu_piece.addAction(entry)
        self.menu_view = bar.addMenu("")
        for entry in (self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_guides):
            self.menu_view.addAction(entry)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_guide)
        self.menu_help.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(objectName="main")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for entry in (self.act_new, self.act_open, self.act_save, None, self.act_undo,
                      self.act_redo, None, self.act_gallery, self.act_campaign, None,
                      self.act_export, self.act_batch):
            self.toolbar.addSeparator() if entry is None else self.toolbar.addAction(entry)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.act_settings)
        self.addToolBar(self.toolbar)

    def _build_central(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(8)
        self.left_holder = QStackedWidget()
        self.left_holder.setMinimumWidth(240)
        self.splitter.addWidget(self.left_holder)
        self.pages = QStackedWidget()
        self.gallery = GalleryPage(self.templates, self.segments, self.thumbnails)
        self.gallery.createRequested.connect(self.create_piece)
        self.gallery.backRequested.connect(self.show_editor)
        self.editor_split = QSplitter(Qt.Orientation.Horizontal)
        self.editor_split.setChildrenCollapsible(False)
        self.editor_split.setHandleWidth(8)
        self.form_holder = QStackedWidget()
        self.form_holder.setMinimumWidth(360)
        self.editor_split.addWidget(self.form_holder)
        self.preview_panel = PreviewPanel()
        self.preview_panel.fieldActivated.connect(self.focus_field)
        editor = self.preview_panel.slot_editor
        editor.slotMoved.connect(lambda f, x, y: self._place(f, placement.move_by, x, y))
        editor.photoPanned.connect(lambda f, x, y: self._place(f, placement.pan_by, x, y))
        editor.photoZoomed.connect(lambda f, steps: self._place(f, placement.zoom_by, steps))
        self.preview_panel.wantedWidthChanged.connect(self._maybe_sharper)
        self.preview_panel.guides_button.setChecked(self.settings.get(S.PREVIEW_GUIDES))
        self.preview_panel.guides_button.toggled.connect(
            lambda on: self.settings.set(S.PREVIEW_GUIDES, on))
        self.editor_split.addWidget(self.preview_panel)
        self.editor_split.setStretchFactor(0, 4)
        self.editor_split.setStretchFactor(1, 5)
        self.editor_split.setSizes([520, 640])
        self.pages.addWidget(self.gallery)
        self.pages.addWidget(self.editor_split)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 1150])
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.addWidget(self.splitter)
        self.setCentralWidget(container)

    # --- the model ---------------------------------------------------------------------

    def set_model(self, model: CampaignModel) -> None:
        old = self.model
        if old is not None:
            for signal in (old.modifiedChanged, old.pathChanged, old.campaignChanged,
                           old.pieceChanged, old.piecesReset, old.editTarget):
                signal.disconnect()
            old.undo_stack.canUndoChanged.disconnect()
            old.undo_stack.canRedoChanged.disconnect()
            old.deleteLater()
        self.model = model
        model.setParent(self)
        self._autosaved_revision = -1
        for holder in (self.left_holder, self.form_holder):
            while holder.count():
                widget = holder.widget(0)
                holder.removeWidget(widget)
                widget.deleteLater()
        self.pieces_panel = PiecesPanel(model, self.templates, self.segments)
        self.form = FieldForm(model, self.templates, self.segments)
        self.form.campaignRequested.connect(self.campaign_dialog)
        self.form.route_undo_keys(self._undo_filter)
        self.left_holder.addWidget(self.pieces_panel)
        self.form_holder.addWidget(self.form)
        self.pieces_panel.currentChanged.connect(self._current_changed)
        self.pieces_panel.addRequested.connect(self.show_gallery)
        self.pieces_panel.duplicateRequested.connect(self.duplicate_piece)
        self.pieces_panel.siblingsRequested.connect(self.create_siblings)
        self.pieces_panel.segmentsRequested.connect(self.create_for_segments)
        self.pieces_panel.removeRequested.connect(self.remove_piece)
        model.modifiedChanged.connect(lambda _m: self._update_title())
        model.pathChanged.connect(self._update_title)
        model.campaignChanged.connect(self._campaign_changed)
        model.pieceChanged.connect(self._piece_changed)
        model.piecesReset.connect(self._pieces_reset)
        model.editTarget.connect(self._edit_target)
        model.undo_stack.canUndoChanged.connect(self.act_undo.setEnabled)
        model.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.act_undo.setEnabled(model.undo_stack.canUndo())
        self.act_redo.setEnabled(model.undo_stack.canRedo())
        self.gallery.set_campaign(model.campaign)
        self._update_title()
        if model.pieces:
            self.pieces_panel.select(0)
            self.show_editor()
        else:
            self.pieces_panel.select(None, force=True)
            self.show_gallery()

    def current_index(self) -> int | None:
        return self.pieces_panel.current_index() if self.model else None

    def _current_changed(self, index: int | None) -> None:
        self.form.set_piece(index)
        self._update_piece_actions()
        if index is None:
            self.preview.cancel()
            self.preview_panel.show_message(
                self.tr("Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu."))
            return
        self.show_editor()
        self.request_preview(immediate=True)

    def _update_piece_actions(self) -> None:
        has = self.current_index() is not None
        for action in (self.act_duplicate, self.act_siblings, self.act_segments,
                       self.act_remove):
            action.setEnabled(has)
        self.listener.update()

    def _piece_changed(self, index: int) -> None:
        if index == self.current_index():
            self.request_preview()

    def _campaign_changed(self) -> None:
        self.gallery.set_campaign(self.model.campaign)
        self._update_title()
        if self.current_index() is not None:
            self.request_preview()

    def _pieces_reset(self) -> None:
        # The panel keeps its selection by index; show what is there now.
        index = self.current_index()
        self.form.set_piece(index)
        self._update_piece_actions()
        if index is not None:
            self.request_preview(immediate=True)
        elif not self.model.pieces:
            self.show_gallery()

    def _edit_target(self, index: int, field_id: str) -> None:
        if index != self.current_index() and 0 <= index < len(self.model.pieces):
            self.pieces_panel.select(index)
        if field_id:
            self.form.focus_field(field_id)

    # --- preview -----------------------------------------------------------------------

    def request_preview(self, immediate: bool = False) -> None:
        index = self.current_index()
        if index is None or self.model is None:
            return
        piece = self.model.piece(index)
        self._requested_width = self.preview_panel.wanted_width()
        self.preview.request(piece, self.model.campaign, self._requested_width, immediate)

    def _maybe_sharper(self) -> None:
        if getattr(self, "_requested_width", 0) and \
                self.preview_panel.wanted_width() > self._requested_width:
            self.request_preview()

    def _preview_ready(self, data: jobs.PreviewData) -> None:
        self.preview_panel.show_data(data)
        self.form.mark_problems({c.field for c in data.checks if c.is_error and c.field})
        errors = sum(1 for c in data.checks if c.is_error)
        self.render_label.setText(
            self.tr("Dựng trong %1 ms · %2 lỗi").replace("%1", f"{data.seconds * 1000:.0f}")
            .replace("%2", str(errors)))
        self.previewShown.emit()

    def _preview_failed(self, error: UserError) -> None:
        self.preview_panel.show_message(error.text(i18n.current()))

    def _place(self, field_id: str, edit: Any, *amounts: Any) -> None:
        """A slot dragged or a photo moved or zoomed on the preview (`page_edit`)."""
        index = self.current_index()
        if index is None or self.model is None:
            return
        piece = self.model.piece(index)
        template = self.templates.get(piece.template)
        if template is None:
            return
        adjust = edit(template, piece.adjust, field_id, *amounts)
        label = next((f.label for f in template.fields if f.id == field_id), field_id)
        label = i18n.pick(label, next((f.label_en for f in template.fields
                                       if f.id == field_id and f.label_en), label))
        self.model.set_adjust(index, adjust, self.tr("Đặt lại chỗ «%1»").replace("%1", label))

    def focus_field(self, field_id: str) -> None:
        if self.form.focus_field(field_id):
            return
        if field_id in CAMPAIGN_KEYS:
            self.campaign_dialog(field_id)

    # --- pages -------------------------------------------------------------------------

    def show_gallery(self) -> None:
        self.gallery.back_button.setVisible(bool(self.model and self.model.pieces))
        self.pages.setCurrentWidget(self.gallery)

    def show_editor(self) -> None:
        self.pages.setCurrentWidget(self.editor_split)

    # --- pieces ------------------------------------------------------------------------

    def create_piece(self, template_id: str, segment: str) -> None:
        index = self.model.add_pieces([Piece(template_id, segment)],
                                      text=self.tr("Thêm ấn phẩm"))
        self.pieces_panel.select(index)
        self.show_editor()

    def duplicate_piece(self, index: int | None = None) -> None:
        index = self.current_index() if index is None else index
        if index is None:
            return
        piece = self.model.piece(index)
        title = piece.title + (" " + self.tr("(bản sao)") if piece.title else "")
        new = self.model.add_pieces([dataclasses.replace(piece, title=title)], at=index + 1,
                                    text=self.tr("Nhân bản ấn phẩm"))
        self.pieces_panel.select(new)

    def sibling_candidates(self, index: int) -> list[Template]:
        source = self.templates.get(self.model.piece(index).template)
        return [t for t in self.templates.values() if source is None or t.id != source.id]

    def sibling_entries(self, index: int) -> list[tuple[str, str, str]]:
        return [(t.id, f"{template_name(t)}  ({kind_name(t.kind)})", t.description)
                for t in self.sibling_candidates(index)]

    def make_siblings(self, index: int, template_ids: list[str]) -> list[Piece]:
        """Pieces for other channels, prefilled from the same content."""
        source = self.model.piece(index)
        source_template = self.templates.get(source.template)
        source_types = {f.id: f.type for f in source_template.fields} if source_template else {}
        made = []
        for template_id in template_ids:
            template = self.templates[template_id]
            values = {f.id: source.values[f.id] for f in template.fields
                      if f.id in source.values and source_types.get(f.id) == f.type}
            made.append(Piece(template_id, source.segment, None, values, source.title))
        return made

    def create_siblings(self, index: int | None = None) -> None:
        index = self.current_index() if index is None else index
        if index is None:
            return
        entries = self.sibling_entries(index)
        chosen = dialogs.pick_many(
            self, self.tr("Một thông điệp, mọi kênh"),
            self.tr("Tạo ấn phẩm cho các kênh khác từ cùng nội dung: tiêu đề, thông điệp, lời "
                    "kêu gọi… được điền sẵn, cùng đối tượng."),
            entries, self.tr("Tạo ấn phẩm"))
        if chosen:
            first = self.model.add_pieces(self.make_siblings(index, chosen),
                                          text=self.tr("Tạo cho các kênh khác"))
            self.pieces_panel.select(first)

    def create_for_segments(self, index: int | None = None) -> None:
        index = self.current_index() if index is None else index
        if index is None:
            return
        piece = self.model.piece(index)
        entries = [(s.slug, s.name, s.description)
                   for s in sorted_by_name(self.segments.values(), lambda s: s.name)
                   if s.slug != piece.segment]
        chosen = dialogs.pick_many(
            self, self.tr("Cùng ấn phẩm cho đối tượng khác"),
            self.tr("Mỗi đối tượng được chọn có một bản riêng, với mức đóng, mức hỗ trợ và "
                    "cách xưng hô của đối tượng đó."),
            entries, self.tr("Tạo ấn phẩm"))
        if chosen:
            pieces = [dataclasses.replace(piece, segment=slug) for slug in chosen]
            first = self.model.add_pieces(pieces, at=index + 1,
                                          text=self.tr("Tạo cho đối tượng khác"))
            self.pieces_panel.select(first)

    def remove_piece(self, index: int | None = None) -> None:
        index = self.current_index() if index is None else index
        if index is not None:
            self.model.remove_piece(index)
            self.statusBar().showMessage(self.tr("Đã xóa ấn phẩm (Ctrl+Z để hoàn tác)."), 5000)

    # --- dialogs -----------------------------------------------------------------------

    def campaign_dialog(self, focus: str = "") -> None:
        dialog = CampaignDialog(self.model.campaign, self)
        if focus:
            QTimer.singleShot(0, dialog, lambda: dialog.focus_key(focus))
        if dialog.exec():
            changes = dialog.changes()
            if changes:
                self.model.set_campaign(**changes)

    def export_dialog(self) -> ExportDialog | None:
        if not self.model.pieces:
            dialogs.show_info(self, self.tr("Xuất ấn phẩm"),
                              self.tr("Chiến dịch chưa có ấn phẩm nào để xuất."))
            return None
        dialog = ExportDialog(self.model, self.templates, self.segments, self.work_pool,
                              self.settings.export_folder(), self.current_index(), self)
        dialog.exec()
        return dialog

    def batch_dialog(self, rows_file: Path | None = None) -> Any:
        """Rows of a spreadsheet → one piece each, starting from the open piece."""
        from .batch_dialog import BatchDialog  # loads the batch engine: not at start-up

        index = self.current_index()
        piece = self.model.piece(index) if index is not None else None
        dialog = BatchDialog(self.model, self.templates, self.segments, self.preview_pool,
                             self.settings.export_folder(), piece, self)
        if rows_file is not None:
            dialog.load(rows_file)
        dialog.exec()
        return dialog

    # --- template packs (a province's templates travel as one .zip) ----------------------

    def import_pack(self, path: Path | None = None) -> packs.PackReport | None:
        """Install a pack's templates into the user folder (asking before replacing)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Nhập gói mẫu"), str(Path.home()), self.tr("Gói mẫu (*.zip)"))
            if not chosen:
                return None
            path = Path(chosen)
        title = self.tr("Nhập gói mẫu")

        def replace(conflict: packs.PackConflict) -> bool:
            return dialogs.confirm(self, title, self.tr(
                "Đã có mẫu: %1. Thay bằng mẫu trong gói?").replace(
                "%1", self._template_names(conflict.ids)), self.tr("Thay thế"))

        try:
            report = packs.import_pack(path, overwrite=replace)
        except packs.PackConflict:
            return None  # the officer keeps the templates they have
        except UserError as exc:
            dialogs.show_error(self, exc, self.tr("Không nhập được gói mẫu"))
            return None
        self.reload_templates()
        text = self.tr("Đã nhập %1 mẫu: %2.").replace("%1", str(len(report.installed))) \
            .replace("%2", self._template_names(report.installed))
        if report.skipped:
            text += "\n" + self.tr("Bỏ qua %1 tệp không dùng được trong gói.").replace(
                "%1", str(len(report.skipped)))
        dialogs.show_info(self, title, text)
        return report

    def _template_names(self, template_ids: list[str]) -> str:
        return ", ".join(template_name(self.templates[t]) if t in self.templates else t
                         for t in template_ids)

    def export_pack(self, target: Path | None = None) -> Path | None:
        """Write chosen templates into one .zip another office can import."""
        title = self.tr("Xuất gói mẫu")
        index = self.current_index()
        current = self.model.piece(index).template if index is not None else None
        entries = [(t.id, template_name(t), t.description)
                   for t in sorted_by_name(self.templates.values(), template_name)]
        chosen = dialogs.pick_many(self, title, self.tr(
            "Chọn các mẫu để gửi cho đơn vị khác: họ nhập gói này bằng «Nhập gói mẫu…»."),
            entries, self.tr("Xuất gói"), [current] if current else [])
        if not chosen:
            return None
        if target is None:
            default = Path.home() / f"goi-mau-{'-'.join(chosen)[:60]}.zip"
            name, _ = QFileDialog.getSaveFileName(self, title, str(default),
                                                  self.tr("Gói mẫu (*.zip)"))
            if not name:
                return None
            target = Path(name).with_suffix(".zip")
        try:
            packs.export_pack(chosen, target, self.registry)
        except UserError as exc:
            dialogs.show_error(self, exc, self.tr("Không xuất được gói mẫu"))
            return None
        self.statusBar().showMessage(self.tr("Đã xuất gói mẫu: %1").replace(
            "%1", str(target)), 8000)
        return target

    def reload_templates(self) -> None:
        """After a pack import: every view shares this dict, so they all see the change."""
        self.registry = TemplateRegistry()
        self.templates.clear()
        self.templates.update({t.id: t for t in self.registry.all()})
        self.gallery.reload()
        if self.model is not None:
            self._current_changed(self.current_index())

    def policy_dialog(self) -> Any:
        """Tệp › Số liệu chính sách; after a change the open piece and the gallery's
        thumbnails are drawn again with the new figures."""
        from .policy_dialog import PolicyDialog

        dialog = PolicyDialog(self)
        dialog.exec()
        if dialog.changed:
            self.gallery.set_campaign(self.model.campaign)
            self.request_preview(immediate=True)
        return dialog

    def settings_dialog(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.preview.set_delay(self.settings.get(S.PREVIEW_DELAY_MS))
            self._restart_autosave()
            # The tone-mark style and the abbreviations change what pieces print.
            self.gallery.set_campaign(self.model.campaign)
            self.request_preview(immediate=True)

    def guide(self) -> Any:
        from .guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.exec()
        return dialog

    def about(self) -> None:
        dialogs.show_info(self, self.tr("Giới thiệu"), self.tr(
            "An Sinh Studio, phiên bản %1 — ấn phẩm truyền thông BHXH, BHYT cho mọi kênh, "
            "chạy không cần mạng.\nPhông chữ kèm theo: %2.").replace(
            "%1", __version__).replace("%2", fonts.families_text()))

    # --- files -------------------------------------------------------------------------

    def _confirm_discard(self) -> bool:
        """Before replacing the campaign: True if it may go (saved or discarded)."""
        if self.model is None or not self.model.is_modified():
            return True
        answer = dialogs.ask_save_changes(self, self.model.campaign.name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_campaign(self) -> None:
        if self._confirm_discard():
            self._discard_recovery()
            self.set_model(CampaignModel())

    def open_dialog(self) -> None:
        start = self.settings.get(S.LAST_FOLDER) or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Mở chiến dịch"), start,
            self.tr("Chiến dịch An Sinh Studio") + f" (*{storage.SUFFIX});;" +
            self.tr("Chiến dịch dạng TOML") + " (*.toml)")
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        if not self._confirm_discard():
            return False
        try:
            if path.suffix.lower() == ".toml":
                model = CampaignModel(storage.Document(load_campaign(path)))
                model.mark_modified()  # imported: saved as a campaign file on Ctrl+S
            else:
                model = CampaignModel(storage.load_document(path), path)
        except UserError as exc:
            dialogs.show_error(self, exc, self.tr("Không mở được chiến dịch"))
            return False
        except Exception as exc:  # noqa: BLE001
            dialogs.show_error(self, exc, self.tr("Không mở được chiến dịch"))
            return False
        self._discard_recovery()
        self.set_model(model)
        self.settings.set(S.LAST_FOLDER, str(path.parent))
        if path.suffix.lower() != ".toml":
            self.settings.add_recent(path)
        return True

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        recent = [Path(p) for p in self.settings.get(S.RECENT_FILES)]
        for path in recent:
            action = self.menu_recent.addAction(f"{path.name}  —  {path.parent}")
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            self.menu_recent.addAction(self.tr("(chưa có)")).setEnabled(False)

    def save(self) -> bool:
        if self.model.path is None or self.model.path.suffix != storage.SUFFIX:
            return self.save_as()
        return self.save_to(self.model.path)

    def save_as(self) -> bool:
        from ..core.filenames import slugify

        folder = Path(self.settings.get(S.LAST_FOLDER) or Path.home())
        suggested = folder / f"{slugify(self.model.campaign.name)[:60] or 'chien-dich'}" \
                             f"{storage.SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu chiến dịch"), str(suggested),
            self.tr("Chiến dịch An Sinh Studio") + f" (*{storage.SUFFIX})")
        if not path:
            return False
        path = Path(path)
        if path.suffix != storage.SUFFIX:
            path = path.with_name(path.name + storage.SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        document = self.model.document()
        # Relative image paths keep pointing at the same files after a move.
        try:
            storage.save_document(document, path)
        except UserError as exc:
            dialogs.show_error(self, exc, self.tr("Chưa lưu được"))
            return False
        except Exception as exc:  # noqa: BLE001 - the work stays open and unsaved
            dialogs.show_error(self, exc, self.tr("Chưa lưu được"))
            return False
        self.model.mark_saved(path)
        self._discard_recovery()
        self.settings.set(S.LAST_FOLDER, str(path.parent))
        self.settings.add_recent(path)
        self.statusBar().showMessage(self.tr("Đã lưu %1").replace("%1", str(path)), 5000)
        return True

    # --- autosave and recovery -----------------------------------------------------------

    def _restart_autosave(self) -> None:
        self.autosave_timer.start(max(1, self.settings.get(S.AUTOSAVE_SECONDS)) * 1000)

    def autosave(self, background: bool = False) -> bool:
        """Write the recovery copy if there are changes it does not have yet.

        The timer writes in the background (a save fsyncs, which can take a while on a
        slow disk); explicit calls write now and return whether it worked.
        """
        model = self.model
        if model is None or not model.is_modified() or \
                model.revision in (self._autosaved_revision, self._autosaving):
            return False
        document, path, revision = model.document(), model.path, model.revision
        if background:
            self._autosaving = revision
            self._io.run(lambda _task: self._write_recovery(document, path), parent=self,
                         on_done=lambda _: self._autosave_done(revision, None),
                         on_error=lambda exc: self._autosave_done(revision, exc))
            return True
        try:
            self._write_recovery(document, path)
        except UserError as exc:
            self._autosave_done(revision, exc)
            return False
        self._autosave_done(revision, None)
        return True

    def _write_recovery(self, document: storage.Document, path: Path | None) -> None:
        with self._recovery_lock:
            self.recovery.write(document, path)

    def _discard_recovery(self) -> None:
        with self._recovery_lock:
            self.recovery.discard()
        self._autosaved_revision = -1

    def _autosave_done(self, revision: int, error: BaseException | None) -> None:
        if self._autosaving == revision:
            self._autosaving = -1
        if error is not None:
            text = error.text(i18n.current()) if isinstance(error, UserError) else str(error)
            self.status_label.setText(self.tr("Không tự lưu được: %1").replace("%1", text))
            return
        if self.model is not None and self.model.is_modified():
            self._autosaved_revision = revision
            self.status_label.setText(self.tr("Đã tự lưu bản khôi phục lúc %1").replace(
                "%1", datetime.now().strftime("%H:%M:%S")))
        else:
            self._discard_recovery()  # saved meanwhile: the copy is not needed

    def start_up(self, path: Path | None = None) -> None:
        """Once the window shows: work left by a crash first; else the file asked for,
        else the campaign open last time (not a blank one)."""
        if not self.offer_recovery():
            recent = [Path(p) for p in self.settings.get(S.RECENT_FILES)]
            if path is None and recent and recent[0].is_file():
                path = recent[0]
            if path is not None:
                self.open_path(path)
        if self.startup_problems:  # one message at a time: the first three, together
            self.statusBar().showMessage("  ·  ".join(
                problem.text(i18n.current()) for problem in self.startup_problems[:3]), 15000)

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest autosave. True if one was restored."""
        try:
            found = storage.find_recoveries()
        except Exception:  # noqa: BLE001 - never block the start
            return False
        if not found:
            return False
        answer = dialogs.ask_recover(self, found)
        if answer == "discard":
            for recovery in found:
                storage.discard_recovery(recovery)
            return False
        if answer != "restore":
            return False
        newest = found[0]
        try:
            document = storage.restore(newest)
        except UserError as exc:
            dialogs.show_error(self, exc, self.tr("Không khôi phục được"))
            return False
        model = CampaignModel(document, newest.original)
        model.mark_modified()
        self.set_model(model)
        self.autosave()  # our own recovery copy first, then the old one can go
        storage.discard_recovery(newest)
        self.statusBar().showMessage(self.tr("Đã khôi phục các thay đổi chưa lưu."), 8000)
        return True

    # --- window ------------------------------------------------------------------------

    def _update_title(self) -> None:
        if self.model is None:
            return
        name = self.model.campaign.name or self.tr("Chiến dịch mới")
        file_part = f" — {self.model.path.name}" if self.model.path else ""
        self.setWindowTitle(f"{name}{file_part}[*] — {APP_NAME}")
        self.setWindowModified(self.model.is_modified())
        where = str(self.model.path) if self.model.path else self.tr("Chưa lưu thành tệp")
        self.status_label.setText(where)

    def _restore_geometry(self) -> None:
        geometry = self.settings.get(S.WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_discard():
            event.ignore()
            return
        self.settings.set(S.WINDOW_GEOMETRY, bytes(self.saveGeometry().toHex()).decode())
        self.autosave_timer.stop()
        self.preview.shutdown()
        self.thumbnails.shutdown()
        self._io.shutdown(wait=True)
        self._discard_recovery()
        if self._own_pools:
            self.preview_pool.close()
            self.work_pool.close()
        event.accept()

    def retranslate(self) -> None:
        self.menu_file.setTitle(self.tr("&Tệp"))
        self.menu_edit.setTitle(self.tr("&Sửa"))
        self.menu_piece.setTitle(self.tr("&Ấn phẩm"))
        self.menu_view.setTitle(self.tr("&Xem"))
        self.menu_help.setTitle(self.tr("Trợ &giúp"))
        self.menu_recent.setTitle(self.tr("Mở gần đây"))
        texts = {
            self.act_new: (self.tr("Mới"), self.tr("Chiến dịch mới (Ctrl+N)")),
            self.act_open: (self.tr("Mở…"), self.tr("Mở chiến dịch (Ctrl+O)")),
            self.act_save: (self.tr("Lưu"), self.tr("Lưu chiến dịch (Ctrl+S)")),
            self.act_save_as: (self.tr("Lưu thành…"), ""),
            self.act_export: (self.tr("Xuất…"), self.tr("Xuất PDF, PNG và văn bản (Ctrl+E)")),
            self.act_batch: (self.tr("Tạo hàng loạt từ bảng tính…"), self.tr(
                "Mỗi dòng của bảng tính CSV/Excel thành một ấn phẩm (Ctrl+B)")),
            self.act_import_pack: (self.tr("Nhập gói mẫu…"), self.tr(
                "Cài các mẫu do đơn vị khác gửi (tệp .zip)")),
            self.act_export_pack: (self.tr("Xuất gói mẫu…"), self.tr(
                "Gửi mẫu cho đơn vị khác thành một tệp .zip")),
            self.act_policy: (self.tr("Số liệu chính sách…"), self.tr(
                "Lương cơ sở, chuẩn nghèo, tỷ lệ đóng và hỗ trợ: xem, cập nhật, xác nhận")),
            self.act_quit: (self.tr("Thoát"), ""),
            self.act_undo: (self.tr("Hoàn tác"), self.tr("Hoàn tác (Ctrl+Z)")),
            self.act_redo: (self.tr("Làm lại"), self.tr("Làm lại (Ctrl+Y)")),
            self.act_campaign: (self.tr("Nội dung chung…"),
                                self.tr("Đơn vị, đường dây nóng, thông điệp, logo, màu (Ctrl+K)")),
            self.act_settings: (self.tr("Cài đặt…"), self.tr("Ngôn ngữ, tự lưu, thư mục xuất")),
            self.act_gallery: (self.tr("Thư viện mẫu"),
                               self.tr("Thêm ấn phẩm từ thư viện mẫu (Ctrl+T)")),
            self.act_duplicate: (self.tr("Nhân bản"), ""),
            self.act_siblings: (self.tr("Tạo cho các kênh khác…"), ""),
            self.act_segments: (self.tr("Cùng ấn phẩm cho đối tượng khác…"), ""),
            self.act_remove: (self.tr("Xóa ấn phẩm"), ""),
            self.act_zoom_in: (self.tr("Phóng to"), ""),
            self.act_zoom_out: (self.tr("Thu nhỏ"), ""),
            self.act_fit: (self.tr("Vừa khung nhìn"), ""),
            self.act_guides: (self.tr("Đường xén và lề xén"), ""),
            self.act_about: (self.tr("Giới thiệu An Sinh Studio"), ""),
            self.act_guide: (self.tr("Hướng dẫn"), self.tr("Các việc chính, từng bước (F1)")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip or text)
        self.act_batch.setIconText(self.tr("Hàng loạt"))  # the menu's words are too long
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

