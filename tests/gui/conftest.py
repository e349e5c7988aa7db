"""GUI tests: offscreen Qt, an isolated user folder and settings file per test, modal
dialogs replaced by recorders, and render processes shared by the whole session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE  # noqa: E402


class Recorder:
    """Stand-ins for the modal questions and messages of `ansinh.gui.dialogs`."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.infos: list[tuple[str, str]] = []
        self.save_answer = "discard"
        self.recover_answer = "later"
        self.recover_offers: list[Any] = []
        self.picked: list[str] = []

    def show_error(self, parent: Any, error: BaseException, title: str | None = None) -> None:
        self.errors.append(error)

    def show_info(self, parent: Any, title: str, text: str) -> None:
        self.infos.append((title, text))

    def ask_save_changes(self, parent: Any, name: str) -> str:
        return self.save_answer

    def ask_recover(self, parent: Any, recoveries: Any) -> str:
        self.recover_offers.append(list(recoveries))
        return self.recover_answer

    def pick_many(self, *args: Any) -> list[str]:
        return list(self.picked)


@pytest.fixture(scope="session")
def pools() -> Iterator[tuple[Any, Any]]:
    from ansinh.core.render.worker import RenderPool
    from ansinh.gui import jobs

    jobs.configure_workers()
    preview, work = RenderPool(workers=1), RenderPool(workers=2)
    jobs.warm_up_pools(preview, work)
    yield preview, work
    preview.close()
    work.close()


@pytest.fixture(autouse=True)
def isolated_gui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Iterator[Recorder]:
    """Own user folder (settings, recovery, caches), Vietnamese UI, no modal dialogs."""
    from PySide6.QtWidgets import QFileDialog

    from ansinh.gui import dialogs, i18n, qtfix, theme

    monkeypatch.setenv("ANSINH_USER_DIR", str(tmp_path / "user"))
    if not getattr(qapp, "_ansinh_themed", False):
        qtfix.protect_singletons()  # see ansinh/gui/qtfix.py (PySide6 6.12 refcount bug)
        theme.apply(qapp)
        qapp._ansinh_themed = True
    i18n.set_language("vi")
    recorder = Recorder()
    for name in ("show_error", "show_info", "ask_save_changes", "ask_recover", "pick_many"):
        monkeypatch.setattr(dialogs, name, getattr(recorder, name))

    def no_file_dialogs(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a test opened a file dialog")

    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(no_file_dialogs))
    yield recorder
    i18n.set_language("vi")


@pytest.fixture
def recorder(isolated_gui: Recorder) -> Recorder:
    return isolated_gui


@pytest.fixture
def make_window(qtbot: Any, pools: tuple[Any, Any]) -> Iterator[Any]:
    from ansinh.gui.mainwindow import MainWindow
    from ansinh.gui.settings import Settings

    made = []

    def make() -> MainWindow:
        window = MainWindow(Settings(), preview_pool=pools[0], work_pool=pools[1])
        window.resize(1400, 900)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(make_window: Any) -> Any:
    return make_window()


@pytest.fixture
def sample_window(window: Any, qtbot: Any) -> Any:
    """The main window with the sample campaign open and its first preview shown."""
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        assert window.open_path(SAMPLE)
    return window
