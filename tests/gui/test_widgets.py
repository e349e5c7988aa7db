"""Widgets take a model and follow it: build a model, build the widget, change the
model, look at the widget. The preview controller is tested with a fake pool."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from guihelpers import SAMPLE
from PySide6.QtCore import Qt

from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.segments import load_segments
from ansinh.core.storage import Document
from ansinh.core.templates import TemplateRegistry
from ansinh.gui import jobs
from ansinh.gui import settings as S
from ansinh.gui.form import FieldForm
from ansinh.gui.model import MISSING, CampaignModel
from ansinh.gui.pieces import PiecesPanel
from ansinh.gui.preview import PreviewController


def sample_model() -> CampaignModel:
    return CampaignModel(Document(load_campaign(SAMPLE)))


def templates() -> dict:
    return {t.id: t for t in TemplateRegistry().all()}


def test_pieces_panel_follows_the_model(qtbot: Any) -> None:
    model = sample_model()
    panel = PiecesPanel(model, templates(), load_segments())
    qtbot.addWidget(panel)
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups[0] == "In ấn" and groups[-1] == "Tin nhắn SMS"
    assert "Loa truyền thanh" in groups
    assert len(panel.items) == len(model.pieces)

    model.add_pieces([Piece("sms-bhxh", "nong-dan", title="Tin nhắc nông dân")])
    assert len(panel.items) == len(model.pieces)
    assert panel.items[len(model.pieces) - 1].text(0) == "Tin nhắc nông dân"
    model.set_piece(0, title="Áp phích chợ phiên")
    assert panel.items[0].text(0) == "Áp phích chợ phiên"
    model.set_piece(0, segment="tieu-thuong")
    assert "Tiểu thương" in panel.items[0].data(0, Qt.ItemDataRole.UserRole + 1)
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert panel.items[0].text(0) == "Áp phích BHXH tự nguyện"

    panel.select(2)
    model.remove_piece(2)
    assert panel.current_index() == 2  # the next piece takes its place
    model.undo_stack.undo()


def test_form_follows_the_model_and_edits_through_it(qtbot: Any) -> None:
    model = sample_model()
    form = FieldForm(model, templates(), load_segments())
    qtbot.addWidget(form)
    form.set_piece(1)
    assert form.editor("title").value() == "Lan tỏa BHXH đến con cháu"
    model.set_field(1, "title", "Đổi từ nơi khác")
    assert form.editor("title").value() == "Đổi từ nơi khác"
    form.editor("title").line.setText("Gõ trong ô")
    form.editor("title").line.textEdited.emit("Gõ trong ô")
    assert model.piece(1).values["title"] == "Gõ trong ô"
    # Campaign-wide values show as the hint of fields that fall back on them.
    assert "Tham gia BHXH" in form.editor("subtitle").line.placeholderText()
    model.set_campaign(key_message="Thông điệp mới")
    assert form.editor("subtitle").line.placeholderText() == "Chung: Thông điệp mới"
    counter = form.editor("benefits").counter.text()
    assert "/420 ký tự" in counter and "/6 dòng" in counter


def test_image_field_accepts_a_dropped_file(qtbot: Any, tmp_path: Any) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    photo = tmp_path / "ảnh.png"
    photo.write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5b3f1d60000000049454e44ae426082"))
    model = sample_model()
    form = FieldForm(model, templates(), load_segments())
    qtbot.addWidget(form)
    form.set_piece(0)
    drop = form.editor("photo").drop
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    drop.dropEvent(event)  # Qt only delivers drops during a real drag
    assert model.piece(0).values["photo"] == str(photo)
    assert form.editor("photo").name.text() == "ảnh.png"
    form.editor("photo").reset.click()
    assert model.piece(0).values.get("photo", MISSING) is MISSING


class FakePool:
    """Futures the test completes by hand, in any order."""

    def __init__(self) -> None:
        self.submitted: list[tuple[Future, tuple]] = []

    def submit(self, fn: Any, *args: Any) -> Future:
        future: Future = Future()
        self.submitted.append((future, args))
        return future

    def result(self, future: Future) -> Any:
        return future.result()


def test_preview_drops_stale_results_and_renders_the_newest(qtbot: Any) -> None:
    pool = FakePool()
    controller = PreviewController(pool, delay_ms=10)  # type: ignore[arg-type]
    shown: list[str] = []
    controller.ready.connect(lambda data: shown.append(data.size_label))
    campaign = load_campaign(SAMPLE)
    first, second, third = (campaign.pieces[0].with_values(title=t) for t in "ABC")

    controller.request(first, campaign, 800, immediate=True)
    qtbot.waitUntil(lambda: len(pool.submitted) == 1)
    controller.request(second, campaign, 800)
    controller.request(third, campaign, 800)
    qtbot.wait(60)
    assert len(pool.submitted) == 1  # one in flight at a time; the newest waits
    pool.submitted[0][0].set_result(jobs.PreviewData(size_label="A"))
    qtbot.waitUntil(lambda: len(pool.submitted) == 2)
    assert shown == []  # A was stale: dropped
    assert pool.submitted[1][1][0].values["title"] == "C"  # B was never rendered
    pool.submitted[1][0].set_result(jobs.PreviewData(size_label="C"))
    qtbot.waitUntil(lambda: shown == ["C"])
    assert not controller.busy
    controller.shutdown()


def test_preview_is_debounced(qtbot: Any) -> None:
    pool = FakePool()
    controller = PreviewController(pool, delay_ms=250)  # type: ignore[arg-type]
    campaign = load_campaign(SAMPLE)
    for n in range(8):  # typing, one key every 30 ms
        controller.request(campaign.pieces[0].with_values(title="x" * n), campaign, 800)
        qtbot.wait(30)
    assert pool.submitted == []
    qtbot.waitUntil(lambda: len(pool.submitted) == 1, timeout=2000)
    assert pool.submitted[0][1][0].values["title"] == "x" * 7
    controller.shutdown()


def test_a_failed_preview_is_a_message_not_a_crash(qtbot: Any) -> None:
    pool = FakePool()
    controller = PreviewController(pool, delay_ms=0)  # type: ignore[arg-type]
    errors: list[Any] = []
    controller.failed.connect(errors.append)
    campaign = load_campaign(SAMPLE)
    controller.request(campaign.pieces[0], campaign, 800, immediate=True)
    qtbot.waitUntil(lambda: len(pool.submitted) == 1)
    pool.submitted[0][0].set_exception(RuntimeError("worker fell over"))
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert "worker fell over" in errors[0].en and errors[0].vi.startswith("Lỗi khi dựng")
    controller.shutdown()


def test_settings_are_declared_once_and_isolated(tmp_path: Any) -> None:
    keys = [s.key for s in S.ALL]
    assert len(keys) == len(set(keys))
    settings = S.Settings()
    assert str(settings.path).startswith(str(tmp_path))
    assert settings.get(S.LANGUAGE) == "vi" and settings.get(S.AUTOSAVE_SECONDS) == 30
    settings.set(S.AUTOSAVE_SECONDS, 5)
    settings.add_recent(tmp_path / "a.ansinh")
    settings.add_recent(tmp_path / "b.ansinh")
    settings.add_recent(tmp_path / "a.ansinh")
    again = S.Settings()
    assert again.get(S.AUTOSAVE_SECONDS) == 5
    assert again.get(S.RECENT_FILES) == [str(tmp_path / "a.ansinh"), str(tmp_path / "b.ansinh")]


def test_unexpected_errors_become_a_message_and_are_logged(qtbot: Any, recorder: Any) -> None:
    import sys

    from ansinh.core import paths
    from ansinh.gui import app

    saved = sys.excepthook
    try:
        app.install_excepthook(lambda: None)
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved
    assert isinstance(recorder.errors[0], ZeroDivisionError)
    log = (paths.user_dir() / "logs" / "ansinh.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log
    from ansinh.gui.dialogs import error_text

    assert "Traceback" not in error_text(recorder.errors[0])


def test_qt_calls_do_not_exhaust_the_singletons(qapp: Any) -> None:
    """Guards against the PySide6 6.12 refcount bug (see ansinh/gui/qtfix.py)."""
    import sys

    from PySide6.QtWidgets import QLineEdit

    line = QLineEdit()
    for _ in range(20_000):
        line.setText("a")
    assert sys.getrefcount(None) > 1000 and sys.getrefcount(True) > 100
