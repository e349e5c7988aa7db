"""Run by test_recovery.py as a separate process: open a campaign, edit it, wait for
the autosave, say so, then keep running until the test kills it with SIGKILL."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(campaign: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from ansinh.core.render.worker import RenderPool
    from ansinh.gui import app, jobs
    from ansinh.gui import settings as S
    from ansinh.gui.mainwindow import MainWindow

    jobs.configure_workers()
    qapp = app.create_app([sys.argv[0]])
    settings = S.Settings()
    settings.set(S.AUTOSAVE_SECONDS, 1)
    window = MainWindow(settings, preview_pool=RenderPool(workers=1),
                        work_pool=RenderPool(workers=1))
    window.show()
    window.open_path(Path(campaign))
    window.model.set_field(0, "title", "Sửa trước khi mất điện")
    window.model.set_campaign(hotline="0262 3999 888")

    def check() -> None:
        if window.recovery.exists and window.model.revision == window._autosaved_revision:
            print("AUTOSAVED", flush=True)
        else:
            QTimer.singleShot(100, check)

    QTimer.singleShot(100, check)
    qapp.exec()


if __name__ == "__main__":
    main(sys.argv[1])
