"""A batch sheet full of old place names: per-row warnings, and the new names applied."""

from __future__ import annotations

from pathlib import Path

from ansinh.core.batch import plan_batch


def sheet(path: Path) -> Path:
    path.write_text("STT,Tên thôn,Đối tượng\n1,\"Thôn 1, xã Ea Kao\",Nông dân\n"
                    "2,\"Buôn Ea Sah, huyện Krông Pắc\",Nông dân\n"
                    "3,\"Thôn 4, phường Tân An\",Nông dân\n", encoding="utf-8")
    return path


def test_old_places_are_noted_per_row_and_unambiguous_ones_applied(
        tmp_path: Path, sample_campaign) -> None:
    plan = plan_batch("banner-bhxh", sheet(tmp_path / "t.csv"), sample_campaign)
    notes = {(n.row, n.field, n.issue.text, n.issue.suggestion) for n in plan.places}
    assert notes == {(2, "place", "xã Ea Kao", "phường Ea Kao"),
                     (3, "place", "huyện Krông Pắc", None)}
    assert "Dòng 2" in next(n for n in plan.places if n.row == 2).text_for("vi")
    assert len(plan.rows) == 3  # warnings, not errors: every row still renders

    assert plan.apply_place_suggestions() == 1
    rows = {row.number: row for row in plan.rows}
    assert rows[2].values["place"] == "Thôn 1, phường Ea Kao"
    assert rows[2].name == "Thôn 1, phường Ea Kao"  # files are named after the new text
    assert rows[3].values["place"] == "Buôn Ea Sah, huyện Krông Pắc"
    assert [n.row for n in plan.places] == [3]
