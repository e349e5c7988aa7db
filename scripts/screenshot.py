#!/usr/bin/env python3
"""Screenshots of the desktop app with the sample campaign, rendered offscreen.

    python scripts/screenshot.py [FOLDER] [--screen 1366x768] [--guide]

Writes the README screenshot to assets/screenshots/main-window.png and, when FOLDER is
given, a screenshot of the main window (Vietnamese and English), the template gallery,
a loudspeaker script, and every dialog into FOLDER. `--guide` writes the pictures of the
built-in guide (assets/guide/, on a 1366 × 768 office screen). Needs no display: Qt's
offscreen platform draws into memory with a virtual screen (1600 × 1000 unless --screen
says otherwise; dialogs then open at the size they choose for it). Settings, caches and
recovery files go to a temporary folder, never the user's own.
"""

from __future__ import annotations

import argparse
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
GUIDE_DIR = ROOT / "assets" / "guide"
GUIDE_WIDTH = 880  # pixels across a guide picture: fits the guide window, small in the repo
WINDOW_SIZE = (1440, 900)
SCREEN = (1600, 1000)


def _prepare_environment(scratch: Path, screen: tuple[int, int] = SCREEN) -> None:
    screens = scratch / "screens.json"
    screens.write_text(json.dumps({
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": False,
        "screens": [{"name": "Offscreen", "x": 0, "y": 0, "width": screen[0],
                     "height": screen[1], "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
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


def _save(widget: object, path: Path, width: int | None = None) -> Path:
    from PySide6.QtCore import Qt

    _settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()  # type: ignore[attr-defined]
    if width and image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    print(path)
    return path


def _guide_shots(window: object, scratch: Path, shown: list[int]) -> None:
    """The guide's pictures, one per main task: choose a template, fill, check, export,
    batch."""
    from ansinh.gui.batch_dialog import BatchDialog
    from ansinh.gui.export_dialog import ExportDialog

    def save(widget: object, name: str) -> None:
        _save(widget, GUIDE_DIR / name, GUIDE_WIDTH)

    window.show_gallery()  # type: ignore[attr-defined]
    _wait(lambda: not window.thumbnails.busy)  # type: ignore[attr-defined]
    _settle(1.0)
    window.gallery.search.setText("bang ron")  # type: ignore[attr-defined]
    _settle(1.0)  # the filtered grid lays out again
    save(window, "1-chon-mau.png")
    window.gallery.search.clear()  # type: ignore[attr-defined]
    window.show_editor()  # type: ignore[attr-defined]
    save(window, "2-dien-noi-dung.png")
    count = len(shown)
    window.model.set_field(0, "title", "Bảo hiểm xã hội tự nguyện " * 3)  # type: ignore
    _wait(lambda: len(shown) > count and not window.preview.busy)  # type: ignore
    save(window, "3-kiem-tra.png")
    window.model.undo_stack.undo()  # type: ignore[attr-defined]
    export = _shown(ExportDialog(window.model, window.templates,  # type: ignore
                                 window.segments, window.work_pool,  # type: ignore
                                 scratch / "exports", 0, window))
    save(export, "4-xuat.png")
    export.close()  # type: ignore[attr-defined]
    banner = next(i for i, p in enumerate(window.model.pieces)  # type: ignore
                  if p.template == "banner-bhxh")
    window.pieces_panel.select(banner)  # type: ignore[attr-defined]
    batch = BatchDialog(window.model, window.templates, window.segments,  # type: ignore
                        window.preview_pool, scratch / "exports",  # type: ignore
                        window.model.piece(banner), window)  # type: ignore[attr-defined]
    planned: list[int] = []
    batch.planned.connect(lambda: planned.append(1))
    batch.show()
    batch.load(SAMPLE_ROWS)
    _wait(lambda: bool(planned))
    _wait(lambda: batch.preview_panel.data is not None and not batch.preview.busy)
    save(batch, "5-hang-loat.png")
    batch.reject()


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="where every screenshot goes")
    parser.add_argument("--screen", default="", help="virtual screen, e.g. 1366x768")
    parser.add_argument("--guide", action="store_true", help="the built-in guide's pictures")
    args = parser.parse_args(argv[1:])
    out_dir = args.folder.resolve() if args.folder else None
    screen = tuple(int(n) for n in args.screen.split("x")) if args.screen else \
        ((1366, 768) if args.guide else SCREEN)
    # On a smaller screen the window fills it (less a taskbar) and dialogs choose their size.
    window_size = WINDOW_SIZE if screen == SCREEN else (screen[0], screen[1] - 40)
    dialog_size = (960, 760) if screen == SCREEN else None
    scratch = Path(tempfile.mkdtemp(prefix="ansinh-shots-"))
    # Removed after multiprocessing's exit handlers: they remove its own folder (pymp-*),
    # which is in here (the render temp folder is under the user folder).
    multiprocessing.util.Finalize(None, shutil.rmtree, (scratch,), {"ignore_errors": True},
                                  exitpriority=-300)
    _prepare_environment(scratch, screen)  # type: ignore[arg-type]
    from PySide6.QtWidgets import QColorDialog, QFileDialog

    from ansinh.gui import app as gui_app
    from ansinh.gui import dialogs, i18n, jobs
    from ansinh.gui.batch_dialog import BatchDialog
    from ansinh.gui.campaign_dialog import CampaignDialog
    from ansinh.gui.export_dialog import ExportDialog
    from ansinh.gui.guide import GuideDialog
    from ansinh.gui.mainwindow import MainWindow
    from ansinh.gui.policy_dialog import PolicyDialog
    from ansinh.gui.settings import Settings
    from ansinh.gui.settings_dialog import SettingsDialog

    jobs.configure_workers()
    qt_app = gui_app.create_app([argv[0]])
    i18n.set_language("vi")
    window = MainWindow(Settings())
    window.resize(*window_size)
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
    if screen == SCREEN:
        _save(window, README_SHOT)
    if args.guide:
        _guide_shots(window, scratch, shown)
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
    _shown(export, dialog_size)
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

    guide = _shown(GuideDialog(window))
    _save(guide, out_dir / "guide-dialog.png")
    guide.close()  # type: ignore[attr-defined]
    # Qt's own dialogs where the platform has none, in the project's Vietnamese.
    files = QFileDialog(window, window.tr("Chọn bảng tính"), str(SAMPLE.parent))
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    _save(_shown(files), out_dir / "qt-file-dialog.png")
    files.close()
    colors = QColorDialog(window)
    colors.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    _save(_shown(colors), out_dir / "qt-color-dialog.png")
    colors.close()

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
                       dialog_size)
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
