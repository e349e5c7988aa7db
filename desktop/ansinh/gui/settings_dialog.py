"""App settings: language, autosave, preview delay, exact batch pages, export folder."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import paths
from . import i18n
from . import settings as S


class SettingsDialog(QDialog):
    """Changes apply when accepted; the language switches at once, without a restart."""

    def __init__(self, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setMinimumWidth(560)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(12)

        self.ui_box = QGroupBox()
        ui = QFormLayout(self.ui_box)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(S.LANGUAGE))))
        self.language_label = QLabel()
        ui.addRow(self.language_label, self.language)
        outer.addWidget(self.ui_box)

        self.work_box = QGroupBox()
        work = QFormLayout(self.work_box)
        self.autosave = QSpinBox()
        self.autosave.setRange(5, 600)
        self.autosave.setValue(settings.get(S.AUTOSAVE_SECONDS))
        self.delay = QSpinBox()
        self.delay.setRange(50, 2000)
        self.delay.setSingleStep(50)
        self.delay.setValue(settings.get(S.PREVIEW_DELAY_MS))
        self.autosave_label, self.delay_label = QLabel(), QLabel()
        work.addRow(self.autosave_label, self.autosave)
        work.addRow(self.delay_label, self.delay)
        self.exact = QCheckBox()
        self.exact.setChecked(settings.get(S.EXACT_PAGES))
        work.addRow(self.exact)
        outer.addWidget(self.work_box)

        self.export_box = QGroupBox()
        export = QFormLayout(self.export_box)
        row = QHBoxLayout()
        self.folder = QLineEdit(settings.get(S.EXPORT_FOLDER))
        self.folder.setPlaceholderText(str(paths.default_exports_dir()))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.folder_label = QLabel()
        export.addRow(self.folder_label, row)
        self.data_note = QLabel(objectName="help")
        self.data_note.setWordWrap(True)
        export.addRow(self.data_note)
        outer.addWidget(self.export_box)
        outer.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.retranslate()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục xuất"),
                                                  self.folder.text() or
                                                  str(paths.default_exports_dir()))
        if folder:
            self.folder.setText(folder)

    def apply(self) -> None:
        """Store the settings and switch the language now."""
        s = self.settings
        s.set(S.AUTOSAVE_SECONDS, self.autosave.value())
        s.set(S.PREVIEW_DELAY_MS, self.delay.value())
        s.set(S.EXACT_PAGES, self.exact.isChecked())
        s.set(S.EXPORT_FOLDER, self.folder.text().strip())
        language = self.language.currentData()
        if language != s.get(S.LANGUAGE) or language != i18n.current():
            s.set(S.LANGUAGE, language)
            i18n.set_language(language)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cài đặt"))
        self.ui_box.setTitle(self.tr("Giao diện"))
        self.language_label.setText(self.tr("Ngôn ngữ"))
        self.work_box.setTitle(self.tr("Làm việc"))
        self.autosave_label.setText(self.tr("Tự lưu bản khôi phục mỗi"))
        self.autosave.setSuffix(self.tr(" giây"))
        self.delay_label.setText(self.tr("Cập nhật xem trước sau khi ngừng gõ"))
        self.delay.setSuffix(" ms")
        self.exact.setText(self.tr("Dựng chính xác từng trang (chậm hơn)"))
        self.exact.setToolTip(self.tr("Khi dựng hàng loạt, mỗi dòng được dàn trang riêng như khi "
                                      "dựng một mình, không dùng lớp chung giữa các dòng."))
        self.export_box.setTitle(self.tr("Xuất bản"))
        self.folder_label.setText(self.tr("Thư mục xuất mặc định"))
        self.browse.setText(self.tr("Chọn…"))
        self.data_note.setText(self.tr("Mẫu và danh sách đối tượng của riêng bạn đặt trong: %1")
                               .replace("%1", str(paths.user_dir())))
        self.ok.setText(self.tr("Lưu cài đặt"))
        self.cancel.setText(self.tr("Huỷ"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
