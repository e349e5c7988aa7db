"""The open campaign as an observable model with undo/redo.

Widgets take a `CampaignModel` and subscribe to its signals; they never change the
campaign directly but ask the model, which pushes an undoable command onto its
`QUndoStack`. The campaign itself stays the core's immutable `Campaign`, so a snapshot
can be handed to a render process or saved from another thread as it is.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.campaign import Campaign, Piece
from ..core.storage import Document, ExportRecord

MISSING: Any = object()  # a value that is absent (the template's default applies)
_MERGE_FIELD = 1
TYPING_PAUSE_S = 1.5


translate = QCoreApplication.translate


class CampaignModel(QObject):
    campaignChanged = Signal()  # campaign-wide values (hotline, unit, …)
    pieceChanged = Signal(int)  # one piece's values or properties
    piecesReset = Signal()  # pieces added, removed or moved
    modifiedChanged = Signal(bool)
    pathChanged = Signal()
    exportsChanged = Signal()
    editTarget = Signal(int, str)  # undo/redo touched this piece (and field)

    def __init__(self, document: Document | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        document = document or Document(Campaign(name=translate("CampaignModel", "Chiến dịch mới")))
        self._campaign = document.campaign
        self._settings = dict(document.settings)
        self._exports = list(document.exports)
        self._path = path
        self._dirty_outside_undo = False
        self.revision = 0  # bumps on every change (autosave writes only new revisions)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # --- reading ---------------------------------------------------------------------

    @property
    def campaign(self) -> Campaign:
        return self._campaign

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return self._campaign.pieces

    def piece(self, index: int) -> Piece:
        return self._campaign.pieces[index]

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def exports(self) -> list[ExportRecord]:
        return list(self._exports)

    def setting(self, key: str, default: Any = None) -> Any:
        return self._settings.get(key, default)

    def is_modified(self) -> bool:
        return self._dirty_outside_undo or not self.undo_stack.isClean()

    def document(self) -> Document:
        return Document(self._campaign, dict(self._settings), list(self._exports))

    # --- edits (undoable) --------------------------------------------------------------

    def set_field(self, index: int, field_id: str, value: Any, label: str = "") -> None:
        """Set one field of one piece; `MISSING` goes back to the template's default."""
        old = self.piece(index).values.get(field_id, MISSING)
        if old is value or old == value:
            return
        self.undo_stack.push(SetFieldCommand(self, index, field_id, old, value,
                                             label or field_id))

    def set_piece(self, index: int, **changes: Any) -> None:
        """Change a piece's title, size, segment (or template)."""
        piece = self.piece(index)
        new = dataclasses.replace(piece, **changes)
        if new != piece:
            text = translate("CampaignModel", "Đổi thông tin ấn phẩm")
            self.undo_stack.push(ReplacePieceCommand(self, index, piece, new, text))

    def set_adjust(self, index: int, adjust: dict[str, Any], text: str) -> None:
        """Place a piece's slots (`core.render.placement`): one undoable edit named `text`."""
        piece = self.piece(index)
        if adjust != piece.adjust:
            new = dataclasses.replace(piece, adjust=adjust)
            self.undo_stack.push(ReplacePieceCommand(self, index, piece, new, text))

    def set_look(self, index: int, look: Any, text: str) -> None:
        """A piece's layout variant, font or colours (`core.campaign.Look`): one
        undoable edit named `text`."""
        piece = self.piece(index)
        if look != piece.look:
            new = dataclasses.replace(piece, look=look)
            self.undo_stack.push(ReplacePieceCommand(self, index, piece, new, text))

    def set_campaign(self, **changes: Any) -> None:
        """Change campaign-wide values (one undo step for all of them)."""
        old = self._campaign
        new = dataclasses.replace(old, **changes)
        if new != old:
            text = translate("CampaignModel", "Sửa nội dung chung")
            self.undo_stack.push(CampaignCommand(self, old, new, text))

    def add_pieces(self, pieces: list[Piece], at: int | None = None,
                   text: str | None = None) -> int:
        """Insert pieces (one undo step); returns the index of the first one."""
        at = len(self.pieces) if at is None else at
        text = text or translate("CampaignModel", "Thêm ấn phẩm")
        self.undo_stack.push(InsertPiecesCommand(self, at, list(pieces), text))
        return at

    def remove_piece(self, index: int) -> None:
        self.undo_stack.push(RemovePieceCommand(self, index))

    def move_piece(self, index: int, to: int) -> None:
        if index != to and 0 <= to < len(self.pieces):
            self.undo_stack.push(MovePieceCommand(self, index, to))

    # --- changes outside undo (settings of this campaign, export history) -----------------

    def set_setting(self, key: str, value: Any) -> None:
        if self._settings.get(key) != value:
            self._settings[key] = value
            self._touch_outside_undo()

    def add_export(self, record: ExportRecord) -> None:
        self._exports.append(record)
        self._touch_outside_undo()
        self.exportsChanged.emit()

    def _touch_outside_undo(self) -> None:
        self.revision += 1
        was = self.is_modified()
        self._dirty_outside_undo = True
        if not was:
            self.modifiedChanged.emit(True)

    # --- file state --------------------------------------------------------------------

    def mark_saved(self, path: Path) -> None:
        changed = path != self._path
        self._path = path
        self._dirty_outside_undo = False
        self.undo_stack.setClean()
        self._emit_modified()
        if changed:
            self.pathChanged.emit()

    def mark_modified(self) -> None:
        """A restored autosave: unsaved until the user saves it."""
        self._touch_outside_undo()

    @Slot(bool)
    def _clean_changed(self, _clean: bool) -> None:
        if shiboken6.isValid(self):  # not while the model itself is being destroyed
            self._emit_modified()

    def _emit_modified(self) -> None:
        self.modifiedChanged.emit(self.is_modified())

    # --- raw mutations, used by the commands only -----------------------------------------

    def _replace_campaign(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self.revision += 1

    def _set_piece_raw(self, index: int, piece: Piece) -> None:
        pieces = list(self.pieces)
        pieces[index] = piece
        self._replace_campaign(dataclasses.replace(self._campaign, pieces=tuple(pieces)))
        self.pieceChanged.emit(index)

    def _set_pieces_raw(self, pieces: list[Piece]) -> None:
        self._replace_campaign(dataclasses.replace(self._campaign, pieces=tuple(pieces)))
        self.piecesReset.emit()


class SetFieldCommand(QUndoCommand):
    """Typing into one field: consecutive edits of the same field merge into one step."""

    def __init__(self, model: CampaignModel, index: int, field_id: str, old: Any,
                 new: Any, label: str) -> None:
        super().__init__(translate("CampaignModel", "Sửa «%1»")
                         .replace("%1", label))
        self.model, self.index, self.field_id = model, index, field_id
        self.old, self.new = old, new
        self.last_edit = time.monotonic()

    def id(self) -> int:
        return _MERGE_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:
        # One undo step per burst of typing in one field; a pause starts a new step.
        if not isinstance(other, SetFieldCommand) or \
                (other.index, other.field_id) != (self.index, self.field_id) or \
                other.last_edit - self.last_edit > TYPING_PAUSE_S:
            return False
        self.new = other.new
        self.last_edit = other.last_edit
        if self.new is self.old or self.new == self.old:
            self.setObsolete(True)
        return True

    def _apply(self, value: Any) -> None:
        piece = self.model.piece(self.index)
        values = dict(piece.values)
        if value is MISSING:
            values.pop(self.field_id, None)
        else:
            values[self.field_id] = value
        self.model._set_piece_raw(self.index, dataclasses.replace(piece, values=values))

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
        self.model.editTarget.emit(self.index, self.field_id)


class ReplacePieceCommand(QUndoCommand):
    def __init__(self, model: CampaignModel, index: int, old: Piece, new: Piece,
                 text: str) -> None:
        super().__init__(text)
        self.model, self.index, self.old, self.new = model, index, old, new

    def redo(self) -> None:
        self.model._set_piece_raw(self.index, self.new)

    def undo(self) -> None:
        self.model._set_piece_raw(self.index, self.old)
        self.model.editTarget.emit(self.index, "")


class CampaignCommand(QUndoCommand):
    def __init__(self, model: CampaignModel, old: Campaign, new: Campaign, text: str) -> None:
        super().__init__(text)
        self.model, self.old, self.new = model, old, new

    def _apply(self, campaign: Campaign) -> None:
        # Only the campaign-wide values change; the pieces stay as they are now.
        self.model._replace_campaign(dataclasses.replace(campaign,
                                                         pieces=self.model.pieces))
        self.model.campaignChanged.emit()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class InsertPiecesCommand(QUndoCommand):
    def __init__(self, model: CampaignModel, at: int, pieces: list[Piece], text: str) -> None:
        super().__init__(text)
        self.model, self.at, self.new = model, at, pieces

    def redo(self) -> None:
        pieces = list(self.model.pieces)
        pieces[self.at:self.at] = self.new
        self.model._set_pieces_raw(pieces)

    def undo(self) -> None:
        pieces = list(self.model.pieces)
        del pieces[self.at:self.at + len(self.new)]
        self.model._set_pieces_raw(pieces)


class RemovePieceCommand(QUndoCommand):
    def __init__(self, model: CampaignModel, index: int) -> None:
        super().__init__(translate("CampaignModel", "Xóa ấn phẩm"))
        self.model, self.index = model, index
        self.removed = model.piece(index)

    def redo(self) -> None:
        pieces = list(self.model.pieces)
        del pieces[self.index]
        self.model._set_pieces_raw(pieces)

    def undo(self) -> None:
        pieces = list(self.model.pieces)
        pieces.insert(self.index, self.removed)
        self.model._set_pieces_raw(pieces)
        self.model.editTarget.emit(self.index, "")


class MovePieceCommand(QUndoCommand):
    def __init__(self, model: CampaignModel, index: int, to: int) -> None:
        super().__init__(translate("CampaignModel", "Đổi thứ tự ấn phẩm"))
        self.model, self.index, self.to = model, index, to

    def _move(self, src: int, dst: int) -> None:
        pieces = list(self.model.pieces)
        pieces.insert(dst, pieces.pop(src))
        self.model._set_pieces_raw(pieces)

    def redo(self) -> None:
        self._move(self.index, self.to)

    def undo(self) -> None:
        self._move(self.to, self.index)
