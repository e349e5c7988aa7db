"""Tệp › Số liệu chính sách: the office sees every policy series and its history, adds a
value, confirms a proposal and shares packs; the core's refusals are shown in the dialog
and change nothing on disk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE, type_text
from PySide6.QtCore import QDate, Qt

from ansinh.core import policy
from ansinh.gui.policy_dialog import AddValueDialog, ConfirmDialog, PolicyDialog

NBSP = "\u00a0"


@pytest.fixture
def dialog(qtbot: Any) -> PolicyDialog:
    made = PolicyDialog()
    qtbot.addWidget(made)
    made.show()
    return made


def answer(monkeypatch: pytest.MonkeyPatch, form_class: type,
           fill: Callable[[Any], None]) -> list[Any]:
    """The modal form filled by `fill` and its save button pressed, instead of a person."""
    shown: list[Any] = []

    def run(form: Any) -> int:
        shown.append(form)
        fill(form)
        form.save_button.click()
        return form.result()

    monkeypatch.setattr(form_class, "exec", run)
    return shown


def show(dialog: PolicyDialog, series: str) -> list[list[str]]:
    """Pick a series on the left; the table's text, row by row."""
    dialog.series_list.setCurrentRow(list(policy.SERIES).index(series))
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def select(dialog: PolicyDialog, effective: date) -> None:
    dialog.select_entry(effective)
    assert dialog.selected_entry() is not None
    assert dialog.selected_entry().effective == effective


def test_lists_every_series_and_the_shipped_history(dialog: PolicyDialog) -> None:
    names = [dialog.series_list.item(i).text() for i in range(dialog.series_list.count())]
    assert len(names) == len(policy.SERIES)
    assert names[0].startswith("Lương cơ sở")
    assert "1 dự kiến" in names[list(policy.SERIES).index("poverty_line")]
    rows = show(dialog, "base_salary")
    assert rows[0][:3] == ["01/07/2026", f"2.530.000{NBSP}đ", "Nghị định 161/2026/NĐ-CP"]
    assert rows[0][4] == "Đã xác nhận" and rows[0][5] == "Kèm ứng dụng"
    assert [r[0] for r in rows] == ["01/07/2026", "01/07/2024", "01/07/2023", "01/07/2019"]
    assert dialog.table.item(0, 0).font().bold()  # the value in force today
    assert not dialog.table.item(1, 0).font().bold()
    rows = show(dialog, "bhyt_household")
    shares = " · ".join(f"{n}{NBSP}%" for n in (100, 70, 60, 50, 40))
    assert rows[0][1].splitlines() == [f"Tỷ lệ đóng: 4,5{NBSP}%", f"Mức đóng theo người: {shares}"]
    rows = show(dialog, "poverty_line")
    assert rows[0][4] == "Dự kiến"
    assert "02/12/2026" in dialog.checked_label.text()


def test_adding_a_value_writes_the_overlay_and_shows_it(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    show(dialog, "base_salary")

    def fill(form: AddValueDialog) -> None:
        form.effective.setDate(QDate(2027, 7, 1))
        form.inputs["amount"].setText("2.700.000")
        type_text(form.document, "Nghị định 12/2027/NĐ-CP")
        type_text(form.source, "Công báo số 5, tháng 3/2027")

    forms = answer(monkeypatch, AddValueDialog, fill)
    dialog.add_value()
    assert forms[0].error.isHidden()
    saved = policy.read_overlay().find("base_salary", date(2027, 7, 1))
    assert saved is not None and saved.amount == 2_700_000 and saved.confirmed
    assert saved.document == "Nghị định 12/2027/NĐ-CP"
    assert saved.source == "Công báo số 5, tháng 3/2027"
    assert saved.entered_at  # who/when is recorded
    rows = show(dialog, "base_salary")
    assert rows[0][:3] == ["01/07/2027", f"2.700.000{NBSP}đ", "Nghị định 12/2027/NĐ-CP"]
    assert rows[0][5].startswith("Của đơn vị")
    assert dialog.selected_entry().effective == date(2027, 7, 1)
    assert "01/07/2027" in dialog.message.text() and dialog.changed
    # What computes figures next sees the new value.
    assert policy.policy_at(date(2027, 8, 1)).base_salary == 2_700_000


def test_a_typo_is_refused_in_the_form_and_nothing_is_written(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    show(dialog, "base_salary")

    def fill(form: AddValueDialog) -> None:
        form.effective.setDate(QDate(2027, 7, 1))
        form.inputs["amount"].setText("25,300,000")  # 2,530,000 with a zero too many
        type_text(form.document, "Nghị định 12/2027/NĐ-CP")

    forms = answer(monkeypatch, AddValueDialog, fill)
    dialog.add_value()
    form = forms[0]
    assert form.result() == 0 and form.saved is None
    assert not form.error.isHidden()
    assert "25.300.000 đồng" in form.error.text() and "gấp 10 lần" in form.error.text()
    assert "Traceback" not in form.error.text()
    assert form.inputs["amount"].text() == "25,300,000"  # what was typed is kept
    assert form.document.text() == "Nghị định 12/2027/NĐ-CP"
    assert not policy.overlay_path().exists()
    assert show(dialog, "base_salary")[0][0] == "01/07/2026"
    assert not dialog.changed


def test_an_amount_that_is_not_a_number_is_named(qtbot: Any) -> None:
    form = AddValueDialog(policy.SERIES["base_salary"], None, PolicyDialog().labels)
    qtbot.addWidget(form)
    form.inputs["amount"].setText("hai triệu")
    form.document.setText("Nghị định 1/2027/NĐ-CP")
    form.accept()
    assert "số đồng" in form.error.text()
    assert not policy.overlay_path().exists()


def test_enter_saves_the_form_and_escape_leaves_it(qtbot: Any) -> None:
    data = policy.load_policy_data()
    labels = PolicyDialog().labels
    form = AddValueDialog(policy.SERIES["poverty_line"], data.series("poverty_line")[-1], labels)
    qtbot.addWidget(form)
    form.show()
    form.effective.setDate(QDate(2028, 1, 1))
    form.inputs["amount"].setText("2.300.000")
    form.document.setText("Nghị định 9/2027/NĐ-CP")
    qtbot.keyClick(form.document, Qt.Key.Key_Escape)
    assert not form.isVisible() and not policy.overlay_path().exists()

    form = AddValueDialog(policy.SERIES["poverty_line"], data.series("poverty_line")[-1], labels)
    qtbot.addWidget(form)
    form.show()
    assert form.inputs["amount"].text() == "2.200.000"  # the value before, to edit
    form.effective.setDate(QDate(2028, 1, 1))
    form.inputs["amount"].setText("2300000")
    form.document.setText("Nghị định 9/2027/NĐ-CP")
    form.proposal.setChecked(True)
    qtbot.keyClick(form.document, Qt.Key.Key_Return)
    assert form.saved is not None and not form.saved.confirmed
    assert policy.read_overlay().find("poverty_line", date(2028, 1, 1)).amount == 2_300_000


def test_ctrl_n_opens_the_new_value_form(dialog: PolicyDialog, qtbot: Any,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(AddValueDialog, "exec", lambda form: opened.append(form.series.name))
    show(dialog, "bhxh_voluntary")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["bhxh_voluntary"]


def test_a_form_with_several_values_saves_each(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    show(dialog, "bhxh_voluntary")

    def fill(form: AddValueDialog) -> None:
        form.effective.setDate(QDate(2027, 1, 1))
        form.inputs["support"]["poor"].setValue(55)
        form.document.setText("Nghị định 3/2027/NĐ-CP")

    answer(monkeypatch, AddValueDialog, fill)
    dialog.add_value()
    saved = policy.read_overlay().find("bhxh_voluntary", date(2027, 1, 1))
    assert saved.values["support"]["poor"] == 0.55
    assert saved.values["rate"] == 0.22 and saved.values["max_support_months"] == 120
    assert f"Hộ nghèo 55{NBSP}%" in show(dialog, "bhxh_voluntary")[0][1]


def test_confirming_the_2027_poverty_line_proposal(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    assert policy.policy_at(date(2027, 2, 1)).poverty_line == 1_500_000
    show(dialog, "poverty_line")
    select(dialog, date(2022, 1, 1))
    assert not dialog.confirm_button.isEnabled()  # only proposals are confirmed
    select(dialog, date(2027, 1, 1))
    assert dialog.confirm_button.isEnabled()

    def fill(form: ConfirmDialog) -> None:
        type_text(form.source, "vanban.chinhphu.vn, Điều 3")

    forms = answer(monkeypatch, ConfirmDialog, fill)
    dialog.confirm_selected()
    assert forms[0].document.text() == "Nghị định 351/2025/NĐ-CP"
    entry = policy.load_policy_data().find("poverty_line", date(2027, 1, 1))
    assert entry.confirmed and entry.origin == "user"
    assert entry.source == "vanban.chinhphu.vn, Điều 3"
    rows = show(dialog, "poverty_line")
    assert rows[0][4] == "Đã xác nhận" and rows[0][5].startswith("Của đơn vị")
    assert "dự kiến" not in dialog.series_list.currentItem().text()
    assert policy.policy_at(date(2027, 2, 1)).poverty_line == 2_200_000


def test_confirming_needs_where_it_was_checked(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    show(dialog, "poverty_line")
    select(dialog, date(2027, 1, 1))
    forms = answer(monkeypatch, ConfirmDialog, lambda form: None)
    dialog.confirm_selected()
    assert not forms[0].error.isHidden() and "đối chiếu" in forms[0].error.text()
    assert not policy.overlay_path().exists()


HOSTILE_PACKS = {
    "ten-times": "[[base_salary]]\neffective = 2027-07-01\namount = 25300000\n"
                 'document = "Nghị định 12/2027/NĐ-CP"\n',
    "rate-as-percent": "[[bhyt_household]]\neffective = 2027-01-01\nrate = 4.5\n"
                       "member_shares = [1.0, 0.7, 0.6, 0.5, 0.4]\n"
                       'document = "Nghị định 1/2027/NĐ-CP"\n',
    "unknown-series": '[[luong_toi_thieu]]\neffective = 2027-01-01\namount = 5000000\n',
    "not-toml": "\x00\x01PK garbage [[[",
    "deep": "a = " + "[" * 5000 + "]" * 5000 + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PACKS))
def test_a_hostile_pack_changes_nothing_and_says_why(
        dialog: PolicyDialog, recorder: Any, tmp_path: Path, name: str) -> None:
    pack = tmp_path / f"{name}.toml"
    pack.write_text(HOSTILE_PACKS[name], encoding="utf-8")
    before = show(dialog, "base_salary")
    assert dialog.import_pack(pack) is None
    assert not policy.overlay_path().exists()
    assert dialog.message.isVisible()
    text = dialog.message.text()
    assert f"Không nhập gói «{name}.toml»; số liệu giữ nguyên." in text
    assert len(text.splitlines()) >= 2 and "Traceback" not in text
    assert show(dialog, "base_salary") == before
    assert not dialog.changed and not recorder.errors


def test_export_then_import_round_trip(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert dialog.export_pack(tmp_path / "empty.toml") is None  # nothing of the office's yet
    assert not (tmp_path / "empty.toml").exists() and "chưa thêm" in dialog.message.text()

    show(dialog, "base_salary")

    def fill(form: AddValueDialog) -> None:
        form.effective.setDate(QDate(2027, 7, 1))
        form.inputs["amount"].setText("2.700.000")
        form.document.setText("Dự thảo Nghị định lương cơ sở 2027")
        form.proposal.setChecked(True)

    answer(monkeypatch, AddValueDialog, fill)
    dialog.add_value()
    target = dialog.export_pack(tmp_path / "dak-lak.toml")
    assert target == tmp_path / "dak-lak.toml"
    pack = policy.parse_pack_text(target.read_text(encoding="utf-8"))
    assert [e.amount for e in pack.series("base_salary")] == [2_700_000]

    policy.overlay_path().unlink()  # another office, with the shipped figures only
    dialog.reload()
    assert show(dialog, "base_salary")[0][0] == "01/07/2026"
    assert dialog.import_pack(target) is not None
    assert "Đã nhập 1 mục số liệu" in dialog.message.text()
    rows = show(dialog, "base_salary")
    assert rows[0][:2] == ["01/07/2027", f"2.700.000{NBSP}đ"] and rows[0][4] == "Dự kiến"
    assert rows[0][5].startswith("Của đơn vị")



def add_july_2027_salary(dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the dialog's own form: 2.700.000 đ from 1 Jul 2027 (Nghị định 12/2027)."""
    show(dialog, "base_salary")

    def fill(form: AddValueDialog) -> None:
        form.effective.setDate(QDate(2027, 7, 1))
        form.inputs["amount"].setText("2.700.000")
        form.document.setText("Nghị định 12/2027/NĐ-CP")

    answer(monkeypatch, AddValueDialog, fill)
    dialog.add_value()

def test_the_campaign_dialog_sees_a_new_value(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> None:
    import dataclasses

    from ansinh.core.campaign import load_campaign
    from ansinh.gui.campaign_dialog import CampaignDialog

    add_july_2027_salary(dialog, monkeypatch)
    campaign = dataclasses.replace(load_campaign(SAMPLE), day=date(2027, 8, 1))
    figures = CampaignDialog(campaign)
    qtbot.addWidget(figures)
    assert "2.700.000" in figures.figures.text()
    assert "Nghị định 12/2027/NĐ-CP" in figures.figures.text()


def test_gallery_thumbnails_are_redrawn_for_new_figures(
        dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from ansinh.core.campaign import load_campaign
    from ansinh.core.templates import TemplateRegistry
    from ansinh.gui.gallery import thumbnail_key

    template = TemplateRegistry().get("banner-bhxh")
    sample = load_campaign(SAMPLE)
    later, now = (dataclasses.replace(sample, day=d) for d in (date(2027, 8, 1),
                                                               date(2026, 8, 1)))
    before = thumbnail_key(template, "toan-dan", later), thumbnail_key(template, "toan-dan", now)
    add_july_2027_salary(dialog, monkeypatch)
    assert thumbnail_key(template, "toan-dan", later) != before[0]  # prints the new salary
    assert thumbnail_key(template, "toan-dan", now) == before[1]  # still the 2026 figures


def test_freshness_warning_for_today(dialog: PolicyDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    assert dialog.warnings.isHidden()  # checked today, nothing pending in force
    import ansinh.gui.policy_dialog as module

    class Later(date):
        @classmethod
        def today(cls) -> date:
            return date(2027, 9, 1)

    monkeypatch.setattr(module, "date", Later)
    dialog.reload()
    assert not dialog.warnings.isHidden()
    assert "chưa được xác nhận" in dialog.warnings.text()  # the 2027 poverty line
    assert "hơn 6 tháng" in dialog.warnings.text()


def test_english_ui(dialog: PolicyDialog, qtbot: Any) -> None:
    from ansinh.gui import i18n

    assert i18n.set_language("en")
    english = PolicyDialog()
    qtbot.addWidget(english)
    assert english.windowTitle() == "Policy figures"
    assert english.series_list.item(0).text().startswith("Base salary")
    rows = show(english, "base_salary")
    assert rows[0][1] == "2,530,000 VND" and rows[0][4] == "Confirmed"
    assert show(english, "bhyt_household")[0][1].startswith("Contribution rate: 4.5%")
    form = AddValueDialog(policy.SERIES["base_salary"], None, english.labels)
    qtbot.addWidget(form)
    assert form.windowTitle() == "Add a value"
    assert form.form.labelForField(form.document).text() == "Document"  # the shared part
    assert form.save_button.text() == "Save the value"


def test_the_file_menu_opens_it_and_a_change_redraws_the_piece(
        sample_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = sample_window
    opened: list[PolicyDialog] = []

    def run(shown: PolicyDialog) -> int:
        opened.append(shown)
        shown.changed = True  # as after adding a value
        return 0

    monkeypatch.setattr(PolicyDialog, "exec", run)
    assert window.act_policy in window.menu_file.actions()
    assert window.act_policy.text() == "Số liệu chính sách…"
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.act_policy.trigger()
    assert len(opened) == 1
