"""Help › Hướng dẫn: the built-in guide, a Markdown file in assets/guide/ shown in a
QTextBrowser (Qt reads Markdown and the screenshots beside it; no browser or network).
The screenshots are made by `scripts/screenshot.py --guide`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core import paths

GUIDE_FILE = "huong-dan.md"


def guide_path() -> Path:
    return paths.assets_dir() / "guide" / GUIDE_FILE


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng An Sinh Studio"))
        screen = (parent or self).screen().availableGeometry()
        self.resize(min(980, screen.width()), min(760, screen.height() - 40))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)  # web links go to the browser
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
