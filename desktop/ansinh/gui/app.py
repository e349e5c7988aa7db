"""`ansinh`: the desktop app's entry point (the gui-script in pyproject.toml).

Starts Qt with the shipped Vietnamese-capable font and the chosen language, shows the
main window at once (render processes start in the background), offers to recover work
left by a crash, and turns any unexpected error into a message box instead of a
traceback. Before Qt starts, a missing system library of its X11 platform plugin is one
line naming the package to install (`syslibs`), not Qt's abort; a PySide6 or engine
version outside the tested range is said in the status bar (and the log).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..core.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .settings import Settings

# Qt is imported inside the functions: render worker processes import this entry module
# (as multiprocessing does with a main script) and must stay light and Qt-free.

APP_NAME = "An Sinh Studio"
QT_TESTED = ((6, 11), (6, 12))  # PySide6: lowest tested, first not tested (pyproject.toml)
EXIT_NO_PLATFORM = 3


def version_problems(qt_version: str | None = None) -> list[UserError]:
    """PySide6 (`qt_version`, default the installed one) and the render engine's
    libraries outside their tested ranges."""
    import PySide6

    from ..core.render import engine

    version = qt_version or PySide6.__version__
    problems = [] if engine.VERSION_PROBLEM is None else [engine.VERSION_PROBLEM]
    if not engine.in_range(version, *QT_TESTED):
        tested_vi, tested_en = engine.tested_range(*QT_TESTED)
        problems.insert(0, UserError(
            f"PySide6 {version} chưa được kiểm thử với An Sinh Studio (đã kiểm thử: "
            f"{tested_vi}); cửa sổ có thể hoạt động sai. Hãy cài phiên bản đã kiểm thử "
            "(scripts/setup.sh).",
            f"PySide6 {version} is not tested with An Sinh Studio (tested: {tested_en}); "
            "the window may misbehave. Install the tested version (scripts/setup.sh)."))
        logging.getLogger(__name__).warning("%s\n%s", problems[0].vi, problems[0].en)
    return problems


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's font, palette and identity (idempotent)."""
    from PySide6.QtWidgets import QApplication

    from . import qtfix, theme

    qtfix.protect_singletons()
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("AnSinhStudio")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("AnSinhStudio")
    app.setDesktopFileName("ansinh")
    theme.apply(app)
    return app


def install_excepthook(window_getter: Any) -> None:
    """Unexpected errors: logged, autosaved, shown as a plain message, never a traceback."""
    from PySide6.QtWidgets import QApplication

    from . import dialogs

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        dialogs.log_exception(error)
        window = window_getter() if callable(window_getter) else None
        if window is not None:
            with contextlib.suppress(Exception):  # already in the error path
                window.autosave()
        with contextlib.suppress(Exception):
            dialogs.show_error(window, error)

    sys.excepthook = hook


def build_window(settings: Settings | None = None) -> Any:
    from .mainwindow import MainWindow

    return MainWindow(settings)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    parser = argparse.ArgumentParser(prog="ansinh", description=APP_NAME)
    parser.add_argument("file", nargs="?", help="campaign file (.ansinh or .toml) to open")
    args, qt_args = parser.parse_known_args(argv[1:])
    from . import syslibs

    missing = syslibs.startup_problem(qt_args)
    if missing:
        print(missing, file=sys.stderr)
        return EXIT_NO_PLATFORM
    from PySide6.QtCore import QTimer

    from . import i18n, jobs
    from . import settings as S

    jobs.configure_workers()
    app = create_app([argv[0], *qt_args])
    settings = S.Settings()
    i18n.set_language(settings.get(S.LANGUAGE))
    window = build_window(settings)
    window.startup_problems[:0] = version_problems()
    install_excepthook(lambda: window)
    window.show()

    QTimer.singleShot(0, lambda: window.start_up(Path(args.file) if args.file else None))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
