"""Figures and legal claims typed into a piece are checked against the policy data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ansinh.core.campaign import Piece
from ansinh.core.claims import claims_checks
from ansinh.core.render.piece import prepare
from ansinh.core.templates import TemplateRegistry

DAY = date(2026, 11, 1)


def messages(text: str, day: date = DAY) -> list[str]:
    return [c.en for c in claims_checks({"title": text}, day)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lương cơ sở 1.800.000 đồng", ["2.530.000", "161/2026", "24/2023"]),
    ("mức lương cơ sở 2,34 triệu đồng/tháng", ["2.530.000", "161/2026"]),
    ("Chuẩn nghèo 700 nghìn đồng một tháng", ["1.500.000", "07/2021"]),
    ("Hộ nghèo được Nhà nước hỗ trợ 30% mức đóng", ["50%", "159/2025"]),
    ("Đóng đủ 20 năm là có lương hưu", ["15 years", "Điều 98"]),
    ("Đóng đủ 15 năm là có lương hưu.", ["age", "Điều 98"]),
])
def test_old_figures_and_half_true_lines_name_the_current_rule(text: str,
                                                               expected: list[str]) -> None:
    found = messages(text)
    assert len(found) == 1, found
    assert all(part in found[0] for part in expected), found[0]


@pytest.mark.parametrize("text", [
    "Lương cơ sở 2.530.000 đồng từ 01/7/2026",
    "Đóng đủ 15 năm và đủ tuổi nghỉ hưu là có lương hưu",
    "Hộ nghèo được hỗ trợ 50%, người dân tộc thiểu số 30%",
    "Gọi 1900 9068, thôn 3 có 20 năm truyền thống",
    "Thu nhập 1.800.000 đồng một tháng",  # no words that make it a base salary
])
def test_current_figures_and_unrelated_numbers_pass(text: str) -> None:
    assert messages(text) == []


def test_the_figure_in_force_follows_the_campaign_date() -> None:
    assert messages("Lương cơ sở 2.340.000 đồng", date(2026, 5, 1)) == []
    assert messages("Lương cơ sở 2.340.000 đồng", date(2026, 7, 1)) != []


def test_an_office_adds_its_own_rules(isolated_user_dir: Path) -> None:
    (isolated_user_dir / "claims.toml").write_text(
        '[[claim]]\nid = "free-card"\nmatch = "miễn phí"\nnear = "thẻ BHYT"\n'
        'vi = "Chỉ hộ nghèo được cấp thẻ miễn phí."\nen = "Only poor households get free cards."\n',
        encoding="utf-8")
    assert messages("Thẻ BHYT miễn phí cho mọi người") == [
        "Only poor households get free cards."]


def test_a_broken_rules_file_is_one_warning_not_a_crash(isolated_user_dir: Path) -> None:
    (isolated_user_dir / "claims.toml").write_text('[[claim]]\nmatch = "(("\n', encoding="utf-8")
    found = claims_checks({"title": "x"}, DAY)
    assert len(found) == 1 and "regular expression" in found[0].en


def test_a_poster_with_old_claims_and_places_gets_checks_naming_fields(sample_campaign) -> None:
    piece = Piece("poster-bhxh", "toan-dan", "A4", {
        "title": "Lương cơ sở 1.800.000 đồng",
        "subtitle": "Đóng đủ 20 năm là có lương hưu, thôn 3 xã Ea Kao",
    })
    prepared = prepare(piece, sample_campaign, TemplateRegistry())
    found = {(c.code, c.field) for c in prepared.checks if c.severity == "warning"}
    assert {("claim", "title"), ("claim", "subtitle"), ("place", "subtitle")} <= found
    place = next(c for c in prepared.checks if c.code == "place")
    assert "phường Ea Kao" in place.vi
