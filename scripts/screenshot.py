#!/usr/bin/env python3
"""Screenshots of the desktop app with the sample campaign, rendered offscreen.

    python scripts/screenshot.py [FOLDER]

Writes the README screenshot to assets/screenshots/main-window.png and, when FOLDER is
given, a screenshot of the main window (Vietnamese and English), the template gallery,
a loudspeaker script, and every dialog into FOLDER. Needs no display: Qt's offscreen
platform draws into memory with a 1600 × 1000 virtual screen. Settings, caches and
recovery files go to a temporary folder, never the user's own.
"""

from __future__ import annotations

import json
import multiprocessing.util
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
SAMPLE_ROWS = ROOT / "assets" / "sample" / "thon-diem.csv"
README_SHOT = ROOT / "assets" / "screenshots" / "main-window.png"
WINDOW_SIZE = (1440, 900)


def _prepare_environment(scratch: Path) -> None:
    screens = scratch / "screens.json"
    screens.write_text(json.dumps({
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": False,
        "screens": [{"name": "Offscreen", "x": 0, "y": 0, "width": 1600, "height": 1000,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
    }))
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screens}")
    os.environ["ANSINH_USER_DIR"] = str(scratch / "user")
    sys.path.insert(0, str(ROOT / "desktop"))


def _wait(condition: Callable[[], bool], timeout: float = 90.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get ready in time")
        QApplication.processEvents()
        time.sleep(0.02)


def _settle(seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _save(widget: object, path: Path) -> Path:
    _settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):  # type: ignore[attr-defined]
        raise OSError(f"cannot write {path}")
    print(path)
    return path


def _shown(dialog: object, size: tuple[int, int] | None = None) -> object:
    if size:
        dialog.resize(*size)  # type: ignore[attr-defined]
    dialog.show()  # type: ignore[attr-defined]
    _settle(0.4)
    return dialog


def _old_places_sheet(scratch: Path) -> Path:
    """The sample sheet as officers' sheets still are: some places on the old map."""
    path = scratch / "thon-diem-cu.csv"
    text = SAMPLE_ROWS.read_text(encoding="utf-8-sig")
    text = text.replace("phường Ea Kao", "xã Ea Kao").replace("phường Tân Lập", "xã Hoà Thắng")
    path.write_text(text, encoding="utf-8-sig")
    return path


def _batch_shots(window: object, dialog_class: type, scratch: Path, stem: Path,
                 run: bool = True) -> None:
    """The batch dialog on the sample sheet with old place names: checked rows with their
    place notes and a row preview; then (with `run`) the new names applied, and done."""
    banner = next(i for i, p in enumerate(window.model.pieces)  # type: ignore[attr-defined]
                  if p.template == "banner-bhxh")
    dialog = dialog_class(window.model, window.templates, window.segments,  # type: ignore
                          window.preview_pool, scratch / "exports",  # type: ignore
                          window.model.piece(banner), window)  # type: ignore[attr-defined]
    dialog.show()
    planned: list[int] = []
    dialog.planned.connect(lambda: planned.append(1))
    dialog.load(_old_places_sheet(scratch))
    _wait(lambda: bool(planned))
    _wait(lambda: dialog.preview_panel.data is not None and not dialog.preview.busy)
    _save(dialog, stem.with_name(stem.name + ".png"))  # row 1: "xã Ea Kao", its note
    if run:
        count = len(planned)
        dialog.places_button.click()
        _wait(lambda: len(planned) > count)
        _settle(0.3)
        _wait(lambda: not dialog.preview.busy)
        _save(dialog, stem.with_name(stem.name + "-places-applied.png"))
        dialog.rows.selectRow(7)  # the longest village name, shrunk to fit
        _settle(0.3)
        _wait(lambda: not dialog.preview.busy)
        done: list[object] = []
        dialog.finished_batch.connect(done.append)
        dialog.start()
        _wait(lambda: bool(done), timeout=180)
        _save(dialog, stem.with_name(stem.name + "-done.png"))
    dialog.reject()


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]).resolve() if len(argv) > 1 else None
    scratch = Path(tempfile.mkdtemp(prefix="ansinh-shots-"))
    # Removed after multiprocessing's exit handlers: they remove its own folder (pymp-*),
    # which is in here (the render temp folder is under the user folder).
    multiprocessing.util.Finalize(None, shutil.rmtree, (scratch,), {"ignore_errors": True},
                                  exitpriority=-300)
    _prepare_environment(scratch)
    from ansinh.gui import app as gui_app
    from ansinh.gui import dialogs, i18n, jobs
    from ansinh.gui.batch_dialog import BatchDialog
    from ansinh.gui.campaign_dialog import CampaignDialog
    from ansinh.gui.export_dialog import ExportDialog
    from ansinh.gui.mainwindow import MainWindow
    from ansinh.gui.policy_dialog import PolicyDialog
    from ansinh.gui.settings import Settings
    from ansinh.gui.settings_dialog import SettingsDialog

    jobs.configure_workers()
    qt_app = gui_app.create_app([argv[0]])
    i18n.set_language("vi")
    window = MainWindow(Settings())
    window.resize(*WINDOW_SIZE)
    window.show()
    shown: list[int] = []
    window.previewShown.connect(lambda: shown.append(1))
    window.open_path(SAMPLE)
    _wait(lambda: bool(shown) and not window.preview.busy)
    # An edit in progress makes a truer picture than a pristine sample.
    window.model.set_field(0, "title", "Chỗ dựa vững chắc khi về già")
    count = len(shown)
    _wait(lambda: len(shown) > count and not window.preview.busy)
    window.form.editor("title").focus_input()
    _save(window, README_SHOT)
    if out_dir is None:
        window.model.mark_saved(scratch / "c.ansinh")
        window.close()
        return 0

    _save(window, out_dir / "main-window.png")

    loudspeaker = next(i for i, p in enumerate(window.model.pieces)
                       if p.template == "loa-bhxh")
    count = len(shown)
    window.pieces_panel.select(loudspeaker)
    _wait(lambda: len(shown) > count and not window.preview.busy)
    _save(window, out_dir / "loudspeaker-script.png")

    count = len(shown)
    window.pieces_panel.select(0)
    _wait(lambda: len(shown) > count and not window.preview.busy)
    window.model.set_field(0, "title", "Bảo hiểm xã hội tự nguyện " * 3)
    count = len(shown)
    _wait(lambda: len(shown) > count and not window.preview.busy)
    _save(window, out_dir / "overflow-check.png")
    window.model.undo_stack.undo()

    window.show_gallery()
    _wait(lambda: not window.thumbnails.busy)
    _save(window, out_dir / "template-gallery.png")
    window.show_editor()

    campaign = _shown(CampaignDialog(window.model.campaign, window))
    _save(campaign, out_dir / "campaign-dialog.png")
    campaign.close()  # type: ignore[attr-defined]

    export = ExportDialog(window.model, window.templates, window.segments,
                          window.work_pool, scratch / "exports", 0, window)
    _shown(export, (960, 760))
    _save(export, out_dir / "export-dialog.png")
    export.set_segments(["tieu-thuong", "ho-ngheo"])
    export._only(0)
    done: list[object] = []
    export.finished_export.connect(done.append)
    export.start()
    _wait(lambda: bool(done), timeout=180)
    _save(export, out_dir / "export-dialog-done.png")
    export.close()

    _batch_shots(window, BatchDialog, scratch, out_dir / "batch-dialog")

    settings = _shown(SettingsDialog(window.settings, window))
    _save(settings, out_dir / "settings-dialog.png")
    settings.close()  # type: ignore[attr-defined]

    figures = _shown(PolicyDialog(window))
    _save(figures, out_dir / "policy-dialog.png")
    figures.series_list.setCurrentRow(1)  # the poverty line, with its 2027 proposal
    figures.table.selectRow(0)
    _save(figures, out_dir / "policy-dialog-proposal.png")
    figures.close()

    siblings = dialogs.CheckListDialog(
        window, window.tr("Một thông điệp, mọi kênh"),
        window.tr("Tạo ấn phẩm cho các kênh khác từ cùng nội dung: tiêu đề, thông điệp, "
                  "lời kêu gọi… được điền sẵn, cùng đối tượng."),
        window.sibling_entries(0), window.tr("Tạo ấn phẩm"))
    siblings.set_checked(["sms-bhxh", "loa-bhxh"])
    _save(_shown(siblings), out_dir / "siblings-dialog.png")
    siblings.close()

    from ansinh.core import storage

    window.autosave()
    fake = storage.RecoveryFile(window.recovery.path, Path("D:/Chiến dịch/thang-11.ansinh"),
                                "2026-11-03T16:42:10", window.model.campaign.name)
    box, _, _ = dialogs.recover_box(window, [fake])
    _save(_shown(box), out_dir / "recovery-prompt.png")
    box.close()
    box, _, _ = dialogs.save_changes_box(window, window.model.campaign.name)
    _save(_shown(box), out_dir / "save-prompt.png")
    box.close()

    i18n.set_language("en")
    _settle(0.5)
    count = len(shown)
    window.request_preview(immediate=True)
    _wait(lambda: len(shown) > count and not window.preview.busy)
    _save(window, out_dir / "main-window-en.png")
    export_en = _shown(ExportDialog(window.model, window.templates, window.segments,
                                    window.work_pool, scratch / "exports", 0, window),
                       (960, 760))
    _save(export_en, out_dir / "export-dialog-en.png")
    export_en.close()  # type: ignore[attr-defined]
    figures_en = _shown(PolicyDialog(window))
    figures_en.series_list.setCurrentRow(2)  # voluntary BHXH: several values per entry
    _save(figures_en, out_dir / "policy-dialog-en.png")
    figures_en.close()
    _batch_shots(window, BatchDialog, scratch, out_dir / "batch-dialog-en", run=False)
    i18n.set_language("vi")

    window.model.mark_saved(scratch / "c.ansinh")
    window.close()
    qt_app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
