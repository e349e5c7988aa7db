"""What the export and batch dialogs share: a long job with progress and a way out.

The footer is a progress bar, a status line and the buttons Open folder · Stop · Close ·
<the dialog's own action>. Closing the dialog (Esc, the window's ×, Close) while the job
runs stops the job first; the dialog closes once it has stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
)

from . import dialogs

translate = QCoreApplication.translate


class JobDialog(QDialog):
    """Base of a dialog that runs one long job; subclasses implement the job."""

    @property
    def running(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def result_folder(self) -> Path | None:
        """Where the finished job's files are (for Open folder)."""
        raise NotImplementedError

    def fit_screen(self, width: int, height: int) -> None:
        """Open at the preferred size, or smaller on a small screen (1366 × 768 offices)."""
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(min(width, screen.width()), min(height, screen.height() - 40))

    def add_footer(self, layout: QVBoxLayout) -> QPushButton:
        """Progress, status and buttons at the bottom; returns the action button."""
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(objectName="muted")
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_result)
        action = QPushButton()
        action.setProperty("primary", True)
        action.setDefault(True)
        action.clicked.connect(self.start)
        self.stop_button = QPushButton()
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        for button in (self.stop_button, self.close_button, action):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return action

    def set_running(self, on: bool) -> None:
        self.stop_button.setEnabled(on)
        self.close_button.setEnabled(not on)
        if on:
            self.open_button.setEnabled(False)

    def browse_folder(self, edit: QLineEdit, title: str) -> None:
        """Pick the output folder into `edit`."""
        folder = QFileDialog.getExistingDirectory(self, title, edit.text())
        if folder:
            edit.setText(folder)

    def open_result(self) -> None:
        folder = self.result_folder()
        if folder is not None and folder.exists():
            dialogs.open_folder(self, folder)

    def retranslate_footer(self) -> None:
        # One context for every subclass (self.tr would use the subclass's name).
        self.open_button.setText(translate("JobDialog", "Mở thư mục"))
        self.stop_button.setText(translate("JobDialog", "Dừng"))
        self.close_button.setText(translate("JobDialog", "Đóng"))

    def reject(self) -> None:
        if self.running:
            self.stop()
            return  # closes once the job has stopped
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.running:
            self.stop()
            event.ignore()
            return
        super().closeEvent(event)


def read_only_table(columns: int, stretch: int) -> QTableWidget:
    """A list-like table: whole rows selected, no editing, column `stretch` takes the
    spare width and the others fit their contents."""
    table = QTableWidget(0, columns)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    for column in range(columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return table
