"""App settings: language, autosave, preview delay, exact batch pages, export folder; the
tone-mark style of typed texts, the loudspeaker audio's voice and chime, and the office's
read-aloud abbreviations (its own abbreviations.toml, saved atomically when the dialog is
accepted)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
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
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import abbreviations, paths
from ..core.errors import UserError
from . import dialogs, i18n
from . import settings as S

# The pauses after typing before the preview redraws, fastest first (milliseconds).
PREVIEW_DELAYS = (50, 80, 300)


class AbbreviationsPage(QWidget):
    """Every abbreviation read aloud with its reading beside it. The shipped ones keep their
    key (a new reading overrides them); the office's own are added, edited and removed. An
    office file that cannot be read is shown, not overwritten."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(objectName="help")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.problem: UserError | None = None
        self.shipped = abbreviations.Abbreviations()
        self.load()

    def load(self) -> None:
        try:
            self.shipped = abbreviations.read(abbreviations.shipped_path())
            mine = abbreviations.read(abbreviations.user_path())
        except UserError as exc:
            self.problem, mine = exc, abbreviations.Abbreviations()
        self.table.setRowCount(0)
        for kind in abbreviations.KINDS:
            for key, reading in {**self.shipped.table(kind), **mine.table(kind)}.items():
                self._add_row(kind, key, reading, key in self.shipped.table(kind))
        editable = self.problem is None
        self.table.setEnabled(editable)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)

    def _add_row(self, kind: str, key: str, reading: str, shipped: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        key_item = QTableWidgetItem(key)
        if shipped:  # its key and use stay; a new reading overrides it
            key_item.setFlags(key_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        key_item.setData(Qt.ItemDataRole.UserRole, shipped)
        self.table.setItem(row, 0, key_item)
        self.table.setItem(row, 1, QTableWidgetItem(reading))
        kinds = QComboBox()
        for code, label in zip(abbreviations.KINDS, self._kind_labels(), strict=True):
            kinds.addItem(label, code)
        kinds.setCurrentIndex(kinds.findData(kind))
        kinds.setEnabled(not shipped)
        self.table.setCellWidget(row, 2, kinds)

    def add_entry(self) -> None:
        self._add_row("words", "", "", False)
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        """Removes the office's rows; a shipped one gets its own reading back."""
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            key = self.table.item(row, 0).text()
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole):
                self.table.item(row, 1).setText(self.shipped.table(self._kind(row))[key])
            else:
                self.table.removeRow(row)

    def _kind_labels(self) -> tuple[str, str, str]:  # in abbreviations.KINDS order
        return self.tr("Mọi chỗ"), self.tr("Loại văn bản"), self.tr("Cơ quan trong số hiệu")

    def _kind(self, row: int) -> str:
        return self.table.cellWidget(row, 2).currentData()

    def entries(self) -> abbreviations.Abbreviations:
        """The office's entries: its rows, and shipped rows read differently."""
        tables: dict[str, dict[str, str]] = {kind: {} for kind in abbreviations.KINDS}
        for row in range(self.table.rowCount()):
            key, reading = (self.table.item(row, c).text() for c in (0, 1))
            kind = self._kind(row)
            if not key.strip() and not reading.strip():
                continue  # an added row left blank
            if self.shipped.table(kind).get(key) != reading.strip():
                tables[kind][key] = reading
        return abbreviations.Abbreviations(**tables)

    def save(self) -> None:
        if self.problem is None:
            abbreviations.save(self.entries())

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Viết tắt"), self.tr("Đọc là"), self.tr("Dùng cho")])
        for row in range(self.table.rowCount()):
            kinds = self.table.cellWidget(row, 2)
            for index, label in enumerate(self._kind_labels()):
                kinds.setItemText(index, label)
        self.add_button.setText(self.tr("Thêm"))
        self.remove_button.setText(self.tr("Xóa"))
        note = self.tr("Chữ viết tắt đọc thành lời trong bài phát thanh. Mục có sẵn giữ tên, "
                       "sửa cách đọc được; mục của đơn vị được lưu cùng mẫu và dữ liệu riêng "
                       "(Chung › Nâng cao).")
        if self.problem is not None:
            note = self.tr("Không đọc được tệp chữ viết tắt của đơn vị, nên chưa sửa được ở "
                           "đây: %1").replace("%1", dialogs.error_text(self.problem))
        self.note.setText(note)


class SettingsDialog(QDialog):
    """Changes apply when accepted; the language switches at once, without a restart."""

    def __init__(self, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setMinimumWidth(560)
        dialog_layout = QVBoxLayout(self)
        dialog_layout.setContentsMargins(18, 16, 18, 14)
        dialog_layout.setSpacing(12)
        self.tabs = QTabWidget()
        dialog_layout.addWidget(self.tabs, 1)
        self.general = QWidget()
        outer = QVBoxLayout(self.general)
        outer.setSpacing(12)
        self.tabs.addTab(self.general, "")

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
        # The pause after typing, as a choice of pace, not milliseconds.
        self.delay = QComboBox()
        for delay in PREVIEW_DELAYS:
            self.delay.addItem("", delay)
        saved = settings.get(S.PREVIEW_DELAY_MS)
        self.delay.setCurrentIndex(min(range(len(PREVIEW_DELAYS)),
                                       key=lambda i: abs(PREVIEW_DELAYS[i] - saved)))
        self.autosave_label, self.delay_label = QLabel(), QLabel()
        work.addRow(self.autosave_label, self.autosave)
        work.addRow(self.delay_label, self.delay)
        outer.addWidget(self.work_box)

        self.export_box = QGroupBox()
        export = QFormLayout(self.export_box)
        row = QHBoxLayout()
        self.folder = QLineEdit(settings.get(S.EXPORT_FOLDER))
        self.folder.setPlaceholderText(str(S.default_export_folder()))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.folder_label = QLabel()
        export.addRow(self.folder_label, row)
        outer.addWidget(self.export_box)

        self.advanced_box = QGroupBox()
        advanced = QVBoxLayout(self.advanced_box)
        self.exact = QCheckBox()
        self.exact.setChecked(settings.get(S.EXACT_PAGES))
        advanced.addWidget(self.exact)
        self.data_button = QPushButton()
        self.data_button.clicked.connect(lambda: dialogs.open_folder(self, paths.user_dir()))
        advanced.addWidget(self.data_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.advanced_box)
        outer.addStretch(1)

        self.text_page = QWidget()
        text = QVBoxLayout(self.text_page)
        self.tone_box = QGroupBox()
        tone = QFormLayout(self.tone_box)
        self.tone_style = QComboBox()
        for code in ("keep", "new", "old"):
            self.tone_style.addItem("", code)
        self.tone_style.setCurrentIndex(max(0, self.tone_style.findData(
            settings.get(S.TONE_STYLE))))
        self.tone_label = QLabel()
        tone.addRow(self.tone_label, self.tone_style)
        text.addWidget(self.tone_box)
        self.audio_box = QGroupBox()
        sound = QFormLayout(self.audio_box)
        voice_row = QHBoxLayout()
        self.voice = QLineEdit(settings.get(S.PIPER_VOICE))
        self.voice.setClearButtonEnabled(True)
        self.voice_browse = QPushButton()
        self.voice_browse.clicked.connect(self._browse_voice)
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.voice_browse)
        self.voice_label = QLabel()
        sound.addRow(self.voice_label, voice_row)
        self.chime = QCheckBox()
        self.chime.setChecked(settings.get(S.CHIME))
        sound.addRow(self.chime)
        text.addWidget(self.audio_box)
        self.abbreviations_box = QGroupBox()
        box = QVBoxLayout(self.abbreviations_box)
        self.abbreviations = AbbreviationsPage()
        box.addWidget(self.abbreviations)
        text.addWidget(self.abbreviations_box, 1)
        self.tabs.addTab(self.text_page, "")

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        dialog_layout.addWidget(self.buttons)
        self.retranslate()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục xuất"),
                                                  self.folder.text() or
                                                  str(S.default_export_folder()))
        if folder:
            self.folder.setText(folder)

    def _browse_voice(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn giọng đọc Piper"),
                                                self.voice.text(),
                                                self.tr("Giọng Piper (*.onnx)"))
        if chosen:
            self.voice.setText(chosen)

    def _voice(self) -> str:
        """The chosen Piper voice with / separators (QSettings doubles backslashes), or ""
        for eSpeak NG; a voice without its .onnx.json is refused before anything is saved."""
        text = self.voice.text().strip()
        if not text:
            return ""
        model = Path(text).expanduser()
        if model.suffix.lower() != ".onnx" or not model.is_file() or \
                not Path(f"{model}.json").is_file():
            raise UserError(
                f"Giọng đọc Piper cần tệp .onnx và tệp .onnx.json đi kèm: không thấy {model}.",
                f"A Piper voice needs its .onnx file and the .onnx.json beside it: {model} "
                "was not found.")
        return model.as_posix()

    def apply(self) -> None:
        """Store the settings and switch the language now; a bad abbreviation is a
        UserError raised before anything is stored."""
        voice = self._voice()
        self.abbreviations.save()
        s = self.settings
        s.set(S.PIPER_VOICE, voice)
        s.set(S.CHIME, self.chime.isChecked())
        s.set(S.TONE_STYLE, self.tone_style.currentData())
        s.set(S.AUTOSAVE_SECONDS, self.autosave.value())
        s.set(S.PREVIEW_DELAY_MS, self.delay.currentData())
        s.set(S.EXACT_PAGES, self.exact.isChecked())
        s.set(S.EXPORT_FOLDER, self.folder.text().strip())
        language = self.language.currentData()
        if language != s.get(S.LANGUAGE) or language != i18n.current():
            s.set(S.LANGUAGE, language)
            i18n.set_language(language)

    def accept(self) -> None:
        try:
            self.apply()
        except UserError as exc:  # the dialog stays open with what was typed
            dialogs.show_error(self, exc)
            return
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cài đặt"))
        self.ui_box.setTitle(self.tr("Giao diện"))
        self.language_label.setText(self.tr("Ngôn ngữ"))
        self.work_box.setTitle(self.tr("Làm việc"))
        self.autosave_label.setText(self.tr("Tự lưu bản khôi phục mỗi"))
        self.autosave.setSuffix(self.tr(" giây"))
        self.delay_label.setText(self.tr("Bản xem trước cập nhật"))
        for index, label in enumerate((self.tr("ngay khi gõ (máy mạnh)"),
                                       self.tr("bình thường"),
                                       self.tr("khi gõ xong (máy chậm)"))):
            self.delay.setItemText(index, label)
        self.advanced_box.setTitle(self.tr("Nâng cao"))
        self.exact.setText(self.tr("Dựng chính xác từng trang (chậm hơn)"))
        self.exact.setToolTip(self.tr("Khi dựng hàng loạt, mỗi dòng được dàn trang riêng như khi "
                                      "dựng một mình, không dùng lớp chung giữa các dòng."))
        self.export_box.setTitle(self.tr("Xuất bản"))
        self.folder_label.setText(self.tr("Thư mục xuất mặc định"))
        self.browse.setText(self.tr("Chọn…"))
        self.data_button.setText(self.tr("Mở thư mục mẫu và dữ liệu riêng"))
        self.data_button.setToolTip(self.tr("Nơi đặt mẫu và danh sách đối tượng của riêng bạn"))
        self.ok.setText(self.tr("Lưu cài đặt"))
        self.cancel.setText(self.tr("Hủy"))
        self.tabs.setTabText(0, self.tr("Chung"))
        self.tabs.setTabText(1, self.tr("Văn bản và đọc"))
        self.tone_box.setTitle(self.tr("Cách đặt dấu thanh"))
        self.tone_label.setText(self.tr("Văn bản gõ vào được dựng"))
        for index, label in enumerate((self.tr("giữ nguyên như đã gõ"),
                                       self.tr("kiểu mới: hòa, khỏe, thủy"),
                                       self.tr("kiểu cũ: hoà, khoẻ, thuỷ"))):
            self.tone_style.setItemText(index, label)
        self.audio_box.setTitle(self.tr("Âm thanh bài phát thanh"))
        self.voice_label.setText(self.tr("Giọng đọc Piper"))
        self.voice.setPlaceholderText(self.tr("Để trống: giọng eSpeak NG tiếng Việt"))
        self.voice_browse.setText(self.tr("Chọn…"))
        self.chime.setText(self.tr("Chuông mở đầu và kết thúc"))
        self.abbreviations_box.setTitle(self.tr("Chữ viết tắt trong bài phát thanh"))
        self.abbreviations.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
