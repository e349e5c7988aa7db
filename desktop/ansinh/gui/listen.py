"""«Nghe thử» (Listen): the current loudspeaker piece, spoken as an export speaks it.

The audio is made in a render process (`render_piece` with the WAV format, so eSpeak,
numpy and the encoders never run in the window's process); a `Lane` thread submits it
and waits. The WAV is written to the cache folder and played with QtMultimedia where
PySide6 has it (PySide6-Addons), else handed to the system's player. A missing engine
is its one message (`core/audio.py`), shown like any other.

The window wires it with two lines: `Listener(window, pool)` after its toolbar is built
(the action joins the toolbar and follows the language), and `listener.update()` where
the piece actions are enabled (it is enabled on loudspeaker pieces only).
"""

from __future__ import annotations

import contextlib
import itertools
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QStyle

from ..core import paths
from ..core.campaign import Campaign, Piece
from ..core.errors import UserError
from ..core.render.results import RenderOptions
from ..core.render.session import Task
from ..core.render.worker import RenderPool
from . import dialogs
from .background import Lane
from .background import Task as LaneTask

_names = itertools.count(1)


def speak(task: LaneTask, pool: RenderPool, piece: Piece, campaign: Campaign) -> Path:
    """On the lane: the piece's WAV in the cache folder (a UserError if none was made)."""
    options = RenderOptions(formats=("txt", "wav"))
    result = pool.result(pool.submit(Task.RENDER_PIECE.run, piece, campaign, options))
    wav = result.artifact("wav", "audio")
    if wav is None:
        reason = next((c for c in result.checks if c.code == "audio" or c.is_error), None)
        if reason is None:
            raise UserError("Bài này không có gì để đọc.", "This script has nothing to read.")
        raise UserError(reason.vi, reason.en)
    folder = paths.cache_dir() / "nghe-thu"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.wav"):  # a player may still hold the last one (Windows)
        with contextlib.suppress(OSError):
            old.unlink()
    target = folder / f"nghe-thu-{os.getpid()}-{next(_names)}.wav"
    target.write_bytes(wav.data)
    return target


def _media_player(parent: QObject) -> Any:
    """QtMultimedia's player, or None where PySide6 lacks it (PySide6-Essentials)."""
    try:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    except ImportError:
        return None
    player = QMediaPlayer(parent)
    player.setAudioOutput(QAudioOutput(player))
    return player


class Listener(QObject):
    def __init__(self, window: QMainWindow, pool: RenderPool) -> None:
        super().__init__(window)
        self.window, self.pool = window, pool
        self.lane = Lane("listen")
        self.busy = False
        self.player = _media_player(self)
        self.action = QAction(window.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                              "", self)
        self.action.triggered.connect(self.listen)
        # Above the preview, beside Settings, which keeps the corner.
        window.toolbar.insertAction(window.act_settings, self.action)
        window.installEventFilter(self)
        self.retranslate()
        self.update()

    def current(self) -> tuple[Piece, Campaign] | None:
        index, model = self.window.current_index(), self.window.model
        if index is None or model is None:
            return None
        piece = model.piece(index)
        template = self.window.templates.get(piece.template)
        return (piece, model.campaign) if template and template.kind == "loudspeaker" else None

    def update(self) -> None:
        """Shown on loudspeaker pieces; enabled unless their audio is being made."""
        speaks = self.current() is not None
        self.action.setVisible(speaks)
        self.action.setEnabled(speaks and not self.busy)

    def listen(self) -> None:
        chosen = self.current()
        if chosen is None or self.busy:
            return
        self.busy = True
        self.update()
        self.window.statusBar().showMessage(self.tr("Đang tạo âm thanh để nghe thử…"))
        self.lane.run(speak, self.pool, *chosen, on_done=self._play, on_error=self._failed,
                      parent=self)

    def _finished(self) -> None:
        self.busy = False
        self.update()
        self.window.statusBar().clearMessage()

    def _play(self, path: Path) -> None:
        self._finished()
        url = QUrl.fromLocalFile(str(path))
        if self.player is not None:
            self.player.setSource(url)
            self.player.play()
        elif not QDesktopServices.openUrl(url):
            dialogs.show_error(self.window, UserError(
                f"Không mở được trình phát âm thanh. Tệp nghe thử ở: {path}",
                f"No audio player could be opened. The file is at: {path}"))

    def _failed(self, error: BaseException) -> None:
        self._finished()
        dialogs.show_error(self.window, error, self.tr("Không nghe thử được"))

    def retranslate(self) -> None:
        self.action.setText(self.tr("Nghe thử"))
        self.action.setToolTip(self.tr("Nghe bài phát thanh như tệp âm thanh sẽ xuất ra"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
