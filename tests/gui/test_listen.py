"""«Nghe thử»: the window speaks the current loudspeaker piece (issue 13, part 4)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import soundfile
from guihelpers import PREVIEW_TIMEOUT_MS

from ansinh.gui import listen


def select_loudspeaker(window: Any, qtbot: Any) -> None:
    index = next(i for i, p in enumerate(window.model.pieces) if p.template == "loa-bhxh")
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.pieces_panel.select(index)


@pytest.mark.skipif(shutil.which("espeak-ng") is None,
                    reason="eSpeak NG is not installed (Debian package espeak-ng)")
def test_listen_plays_the_loudspeaker_piece(sample_window: Any, qtbot: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = sample_window
    action = window.listener.action
    assert window.model.pieces[0].template != "loa-bhxh"
    assert not action.isVisible() or not action.isEnabled()  # a poster has nothing to hear
    select_loudspeaker(window, qtbot)
    assert action.isVisible() and action.isEnabled() and action.text() == "Nghe thử"
    opened: list[Any] = []
    monkeypatch.setattr(listen.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url) or True))
    window.listener.player = None  # the system player (PySide6-Essentials has no QtMultimedia)
    action.trigger()
    assert not action.isEnabled()  # one at a time
    qtbot.waitUntil(lambda: bool(opened), timeout=120_000)
    path = Path(opened[0].toLocalFile())
    info = soundfile.info(str(path))
    assert (info.samplerate, info.channels) == (44100, 1) and info.duration > 30
    assert action.isEnabled()


def test_listen_says_why_when_no_audio_can_be_made(sample_window: Any, qtbot: Any,
                                                   recorder: Any, tmp_path: Path) -> None:
    from ansinh.core import paths

    (paths.user_dir() / "settings.ini").write_text(
        f"[audio]\npiper_voice={tmp_path / 'khong-co.onnx'}\n", encoding="utf-8")
    window = sample_window
    select_loudspeaker(window, qtbot)
    window.listener.action.trigger()
    qtbot.waitUntil(lambda: bool(recorder.errors), timeout=120_000)
    [error] = recorder.errors
    assert "Chưa tạo được tệp âm thanh" in str(error.vi) and "khong-co.onnx" in error.vi
    assert window.listener.action.isEnabled()


def test_the_settings_choose_the_voice_and_the_chime(qtbot: Any, recorder: Any,
                                                     tmp_path: Path) -> None:
    from ansinh.core import audio
    from ansinh.gui import settings as S
    from ansinh.gui.settings_dialog import SettingsDialog

    assert audio.Voice.from_settings() == audio.Voice(None, chime=True)  # eSpeak NG, chime
    model = tmp_path / "Giọng đọc" / "vi_VN-vais1000-medium.onnx"
    model.parent.mkdir()
    model.write_bytes(b"onnx")
    dialog = SettingsDialog(S.Settings())
    qtbot.addWidget(dialog)
    dialog.voice.setText(str(model))  # no .onnx.json beside it: refused, nothing stored
    dialog.chime.setChecked(False)
    dialog.accept()
    assert "onnx.json" in recorder.errors[-1].vi and dialog.result() == 0
    assert audio.Voice.from_settings() == audio.Voice(None, chime=True)
    Path(f"{model}.json").write_text("{}", encoding="utf-8")
    dialog.accept()
    assert audio.Voice.from_settings() == audio.Voice(model, chime=False)
    dialog = SettingsDialog(S.Settings())
    qtbot.addWidget(dialog)
    assert dialog.voice.text() == model.as_posix() and not dialog.chime.isChecked()
    dialog.voice.clear()
    dialog.accept()
    assert audio.Voice.from_settings().piper_model is None


@pytest.mark.skipif(shutil.which("espeak-ng") is None,
                    reason="eSpeak NG is not installed (Debian package espeak-ng)")
def test_the_export_dialog_exports_the_audio_when_asked(window: Any, qtbot: Any,
                                                        tmp_path: Path) -> None:
    from guihelpers import SAMPLE
    from PySide6.QtCore import Qt

    from ansinh.gui.export_dialog import ExportDialog

    assert window.open_path(SAMPLE)
    loudspeaker = next(i for i, p in enumerate(window.model.pieces) if p.template == "loa-bhxh")
    made = {}
    for audio_on in (True, False):
        dialog = ExportDialog(window.model, window.templates, window.segments,
                              window.work_pool, tmp_path, loudspeaker, window)
        qtbot.addWidget(dialog)
        dialog.folder.setText(str(tmp_path / str(audio_on)))
        assert dialog.audio.isChecked()  # on by default, then as last chosen
        dialog.audio.setChecked(audio_on)
        for row in range(dialog.piece_list.count()):
            item = dialog.piece_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               == loudspeaker else Qt.CheckState.Unchecked)
        with qtbot.waitSignal(dialog.finished_export, timeout=180_000) as done:
            dialog.start()
        outcome = done.args[0]
        assert outcome.error is None, outcome.error
        made[audio_on] = sorted(p.suffix for p in outcome.path.glob("*-loa.*"))
        window.model.set_setting("export", {})  # the next dialog starts from the default
    assert made == {True: [".mp3", ".txt", ".wav"], False: [".txt"]}
