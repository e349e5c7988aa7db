"""Message boxes and small pickers, in the chosen language.

Every question the app asks goes through a function here, so tests replace them
(monkeypatch) instead of clicking modal boxes. Errors are shown as a sentence the user
can act on, never a traceback; unexpected errors are logged to the user data folder.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import paths
from ..core.errors import UserError
from ..core.storage import RecoveryFile
from . import i18n

log = logging.getLogger("ansinh.gui")


translate = QCoreApplication.translate


def error_text(error: BaseException) -> str:
    if isinstance(error, UserError):
        return error.text(i18n.current())
    message = translate("Dialogs", "Đã xảy ra lỗi không mong muốn. Công việc của bạn vẫn "
                        "được giữ: bản tự lưu sẽ được đề nghị khôi phục nếu cần. Chi tiết đã "
                        "ghi vào nhật ký:")
    return f"{message}\n{log_path()}"


def log_path() -> str:
    return str(paths.user_dir() / "logs" / "ansinh.log")


def log_exception(error: BaseException) -> None:
    """Write an unexpected error to the log file (never shown as a traceback)."""
    try:
        folder = paths.user_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "ansinh.log", "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            handle.write("".join(traceback.format_exception(error)))
    except OSError:
        pass


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    if not isinstance(error, UserError):
        log_exception(error)
    title = title or translate("Dialogs", "Không thực hiện được")
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error),
                      QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(translate("Dialogs", "Đóng"))
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(translate("Dialogs", "Đóng"))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def open_folder(parent: QWidget | None, folder: Path) -> bool:
    """Show the folder in the file manager; where there is none (or it fails), say so
    and put the path on the clipboard to paste elsewhere."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    QGuiApplication.clipboard().setText(str(folder))
    show_info(parent, translate("Dialogs", "Không mở được thư mục"), translate(
        "Dialogs", "Máy này không mở được trình quản lý tệp. Đường dẫn đã được chép, hãy "
        "dán vào nơi cần mở:\n%1").replace("%1", str(folder)))
    return False


def save_changes_box(parent: QWidget | None, name: str) -> tuple[QMessageBox, Any, Any]:
    text = translate("Dialogs", "Chiến dịch «%1» có thay đổi chưa lưu. Lưu trước khi đóng?")
    box = QMessageBox(QMessageBox.Icon.Question, translate("Dialogs", "Lưu thay đổi?"),
                      text.replace("%1", name), parent=parent)
    save = box.addButton(translate("Dialogs", "Lưu"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(translate("Dialogs", "Không lưu"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(translate("Dialogs", "Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    return box, save, discard


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box, save, discard = save_changes_box(parent, name)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def recover_box(parent: QWidget | None,
                recoveries: Sequence[RecoveryFile]) -> tuple[QMessageBox, Any, Any]:
    newest = recoveries[0]
    when = newest.saved_at.replace("T", " ")
    where = str(newest.original) if newest.original else \
        translate("Dialogs", "(chưa lưu thành tệp)")
    text = translate("Dialogs", "Lần trước An Sinh Studio đã đóng đột ngột. Có bản tự lưu của "
                     "chiến dịch «%1» lúc %2.\nTệp gốc: %3\n\nKhôi phục các thay đổi chưa lưu?")
    text = text.replace("%1", newest.campaign_name).replace("%2", when).replace("%3", where)
    title = translate("Dialogs", "Khôi phục công việc")
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    restore = box.addButton(translate("Dialogs", "Khôi phục"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(translate("Dialogs", "Bỏ bản tự lưu"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(translate("Dialogs", "Để sau"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    return box, restore, discard


def ask_recover(parent: QWidget | None, recoveries: Sequence[RecoveryFile]) -> str:
    """'restore', 'discard' or 'later' for the newest autosave left by a crash."""
    box, restore, discard = recover_box(parent, recoveries)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore else "discard" if clicked is discard else "later"


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Dialogs", "Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is ok


class CheckListDialog(QDialog):
    """Pick several entries from a list (other channels, other segments)."""

    def __init__(self, parent: QWidget | None, title: str, intro: str,
                 entries: Sequence[tuple[str, str, str]], accept_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(480, 460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget { border: 1px solid #D5DAE1; border-radius: 6px; }")
        for key, text, tip in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(tip)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.all_button = QPushButton(translate("Dialogs", "Chọn tất cả"))
        self.all_button.clicked.connect(self._all)
        buttons.addButton(self.all_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.ok_button = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setProperty("primary", True)
        buttons.addButton(translate("Dialogs", "Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _all(self) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked)

    def set_checked(self, keys: Sequence[str]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in keys else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


def pick_many(parent: QWidget | None, title: str, intro: str,
              entries: Sequence[tuple[str, str, str]], accept_text: str,
              checked: Sequence[str] = ()) -> list[str]:
    dialog = CheckListDialog(parent, title, intro, entries, accept_text)
    dialog.set_checked(checked)
    return dialog.checked() if dialog.exec() == QDialog.DialogCode.Accepted else []
