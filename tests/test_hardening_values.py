"""Values that must be refused, not printed (issue 10, points 5 and 6).

Number, money and colour fields refuse NaN, infinities, overflow and wrong types naming
the field (and the row in a batch); a campaign file's keys are read with their types, so
`primary = 5` or `unconfirmed_figures = "no"` stop the export naming the key; `--data`
files are bounded like every other file read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ansinh.cli.main import main
from ansinh.core import paths
from ansinh.core.batch import plan_batch
from ansinh.core.campaign import Campaign, load_campaign
from ansinh.core.errors import UserError
from ansinh.core.templates.fields import resolve_fields
from ansinh.core.templates.manifest import parse_manifest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"

MONEY_TEMPLATE = """\
id = "sms-so"
name = "Tin nhắn có số tiền"
description = "Số tiền, tỷ lệ và màu"
kind = "sms"
text = "sms.txt.j2"

[[fields]]
id = "amount"
type = "money"
label = "Số tiền"
label_en = "Amount"
required = true

[[fields]]
id = "ratio"
type = "number"
label = "Tỷ lệ"
label_en = "Ratio"

[[fields]]
id = "colour"
type = "color"
label = "Màu"
label_en = "Colour"

[[fields]]
id = "show"
type = "choice"
label = "Hiện mức đóng"
label_en = "Show the contribution"
choices = [{ value = "co", label = "Có" }, { value = "khong", label = "Không" }]
"""


@pytest.fixture
def money_template():
    """A user template with money, number, colour and choice fields (none ships one)."""
    folder = paths.user_templates_dir() / "sms-so"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(MONEY_TEMPLATE, encoding="utf-8")
    (folder / "sms.txt.j2").write_text(
        "Đóng {{ f.amount }} đ, tỷ lệ {{ f.ratio }}, màu {{ f.colour }}", encoding="utf-8"
    )
    template, problems = parse_manifest(folder, "user")
    assert template is not None and not problems
    return template


def _errors(template, values: dict) -> dict[str, str]:
    resolved = resolve_fields(template, {"amount": 1000, **values}, {}, Path.cwd())
    return {c.field: c.en for c in resolved.checks if c.is_error}


# --- fields ------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["amount", "ratio"])
@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), "1e309", "-1e309", "nan", "NaN", "inf",
     "Infinity", "1_000", "١٢", 10**16, -(10**16), 10**400, "1e16", True, False, [1, 2],
     {"a": 1}],
    ids=repr,
)
def test_numbers_refuse_non_finite_huge_and_wrong_types_naming_the_field(
    money_template, field, value
) -> None:
    errors = _errors(money_template, {field: value})
    assert set(errors) == {field}
    label = "Amount" if field == "amount" else "Ratio"
    assert errors[field].startswith(f"«{label}»:")


@pytest.mark.parametrize(
    ("raw", "amount"),
    [("1.500.000", 1_500_000), ("1.500.000 đ", 1_500_000), ("2,5", 2), (10**15, 10**15),
     (1e15, 10**15), ("120000", 120_000)],
)
def test_ordinary_money_is_still_read(money_template, raw, amount) -> None:
    resolved = resolve_fields(money_template, {"amount": raw}, {}, Path.cwd())
    assert not [c for c in resolved.checks if c.is_error]
    assert resolved.values["amount"] == amount and isinstance(resolved.values["amount"], int)


@pytest.mark.parametrize(
    "value", [5, True, "#FFF", "red", "#GGGGGG", "#FFFFFF00", ["#FFFFFF"], {"a": 1},
              float("nan")], ids=repr
)
def test_colours_are_only_rrggbb_strings(money_template, value) -> None:
    assert set(_errors(money_template, {"colour": value})) == {"colour"}


def test_a_colour_is_written_in_capitals(money_template) -> None:
    resolved = resolve_fields(money_template, {"amount": 1, "colour": " #a0b1c2 "}, {}, Path.cwd())
    assert resolved.values["colour"] == "#A0B1C2"


@pytest.mark.parametrize("value", [True, False, 1, ["co"], {"co": 1}], ids=repr)
def test_a_choice_takes_only_its_own_values(money_template, value) -> None:
    assert set(_errors(money_template, {"show": value})) == {"show"}


def test_a_batch_names_each_bad_row_and_keeps_the_good_ones(money_template, tmp_path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "Số tiền,Tỷ lệ,Màu\n1000,1,#FFFFFF\n1e309,2,#000000\n5,nan,#000000\n7,3,red\n"
        "9,-inf,#123456\n8,4,#123456\n",
        encoding="utf-8",
    )
    plan = plan_batch(
        "sms-so", rows, Campaign(name="Thử"), segment="toan-dan",
        mapping={"Số tiền": "amount", "Tỷ lệ": "ratio", "Màu": "colour"},
    )
    assert [(p.row, p.field) for p in plan.problems] == [
        (3, "amount"), (4, "ratio"), (5, "colour"), (6, "ratio")
    ]
    assert [r.number for r in plan.rows] == [2, 7]


def test_render_refuses_an_overflowing_amount_naming_the_field(
    money_template, tmp_path, capsys
) -> None:
    data = tmp_path / "so.json"
    data.write_text(json.dumps({"amount": "1e309"}), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--lang", "en", "render", "sms-so", "--segment", "toan-dan", "--data",
                 str(data), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "«Amount»: a finite number is needed" in err and "Traceback" not in err
    assert not list(out.rglob("*.txt"))


# --- campaign files ----------------------------------------------------------------

CAMPAIGN = '[campaign]\nname = "Thử"\n'
PIECE = '[[piece]]\ntemplate = "sms-bhxh"\nsegment = "toan-dan"\n'


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (CAMPAIGN + "primary = 5\n" + PIECE, "campaign.primary"),
        (CAMPAIGN + "accent = [1, 2]\n" + PIECE, "campaign.accent"),
        (CAMPAIGN + 'primary = "#FFF"\n' + PIECE, "campaign.primary"),
        (CAMPAIGN + 'accent = "white"\n' + PIECE, "campaign.accent"),
        (CAMPAIGN + 'unconfirmed_figures = "no"\n' + PIECE, "campaign.unconfirmed_figures"),
        (CAMPAIGN + "unconfirmed_figures = 0\n" + PIECE, "campaign.unconfirmed_figures"),
        (CAMPAIGN + "logo = 5\n" + PIECE, "campaign.logo"),
        (CAMPAIGN + 'date = "tomorrow"\n' + PIECE, "campaign.date"),
        (CAMPAIGN + "hotline = 19009068\n" + PIECE, "campaign.hotline"),
        (CAMPAIGN + f'key_message = "{"a" * 2001}"\n' + PIECE, "campaign.key_message"),
        ('[campaign]\nname = ["Thử"]\n' + PIECE, "campaign.name"),
        ("campaign = 5\n" + PIECE, "campaign"),
        ('piece = "x"\n' + CAMPAIGN, "piece"),
        (CAMPAIGN + PIECE * 501, "piece"),
        (CAMPAIGN + '[[piece]]\ntemplate = 5\nsegment = "toan-dan"\n', "piece[1].template"),
        (CAMPAIGN + '[[piece]]\ntemplate = "sms-bhxh"\n', "piece[1].segment"),
        (CAMPAIGN + PIECE + "size = 3\n", "piece[1].size"),
        (CAMPAIGN + PIECE + "values = 3\n", "piece[1].values"),
        (CAMPAIGN + PIECE + "[piece.values]\nmessage = { a = 1 }\n", "piece[1].values.message"),
        (CAMPAIGN + PIECE + "[piece.values]\nmessage = nan\n", "piece[1].values.message"),
        (CAMPAIGN + PIECE + "[piece.values]\nmessage = -inf\n", "piece[1].values.message"),
        (CAMPAIGN + PIECE + "[piece.values]\nmessage = [[1]]\n", "piece[1].values.message"),
        (CAMPAIGN + PIECE + f"[piece.values]\nmessage = {list(range(101))}\n",
         "piece[1].values.message"),
        (CAMPAIGN + PIECE + PIECE + "title = 5\n", "piece[2].title"),
    ],
)
def test_a_campaign_key_of_the_wrong_type_stops_the_export_naming_it(
    text, key, tmp_path, capsys
) -> None:
    path = tmp_path / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"«{key}»" in err and "Traceback" not in err
    assert not out.exists()
    with pytest.raises(UserError) as caught:
        load_campaign(path)
    assert f"«{key}»" in caught.value.en and caught.value.path == str(path)


@pytest.mark.parametrize(
    "tail", ["x = " + "[" * 100_000 + "]" * 100_000, "x = " + "{a=" * 2_000 + "1" + "}" * 2_000]
)
def test_a_deeply_nested_campaign_file_is_one_clear_message(tail, tmp_path, capsys) -> None:
    path = tmp_path / "campaign.toml"
    path.write_text(CAMPAIGN + tail + "\n", encoding="utf-8")
    assert main(["--lang", "en", "export", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err


def test_a_folder_given_as_the_campaign_file_is_refused_clearly(tmp_path, capsys) -> None:
    assert main(["--lang", "en", "export", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(tmp_path) in err and "Traceback" not in err


def test_the_sample_campaign_still_reads_whole() -> None:
    campaign = load_campaign(SAMPLE)
    assert campaign.primary == "#0B5CAD" and campaign.unconfirmed_figures is False
    assert campaign.logo == SAMPLE.parent / "logo.svg" and str(campaign.day) == "2026-11-01"
    assert len(campaign.pieces) == 27
    assert campaign.pieces[6].values == {"place": "Thôn Đồng Tâm – phường Ea Kao"}


def test_well_typed_campaign_values_are_kept(tmp_path) -> None:
    path = tmp_path / "campaign.toml"
    path.write_text(
        CAMPAIGN + 'primary = "#112233"\nunconfirmed_figures = true\ndate = 2026-05-01\n'
        + PIECE + 'size = "A4"\ntitle = "Tờ 1"\n[piece.values]\n'
        'message = "Xin chào"\ncount = 3\nratio = 1.5\nday = 2026-05-02\nparts = ["a", "b"]\n',
        encoding="utf-8",
    )
    campaign = load_campaign(path)
    assert campaign.primary == "#112233" and campaign.unconfirmed_figures is True
    piece = campaign.pieces[0]
    assert (piece.size, piece.title) == ("A4", "Tờ 1")
    assert piece.values["count"] == 3 and piece.values["parts"] == ["a", "b"]


# --- `render --data` ---------------------------------------------------------------

RENDER = ["--lang", "en", "render", "poster-bhxh", "--segment", "toan-dan", "--data"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("deep.json", '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("deep.toml", "title = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("inf.json", '{"title": 1e309}', "«title» must be"),
        ("nan.json", '{"title": NaN}', "NaN is not a number"),
        ("inf.toml", "title = inf", "«title» must be"),
        ("table.toml", '[values]\ntitle = "A"\nlink = { a = 1 }', "«values.link» must be"),
        ("list.json", "[1, 2]", "«(gốc / root)» must be a table"),
        ("bad.json", "{", "syntax error"),
    ],
)
def test_a_bad_data_file_is_one_line_and_exit_2(name, text, expected, tmp_path, capsys) -> None:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    assert main([*RENDER, str(data), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_data_file_is_refused_without_blocking(tmp_path, capsys) -> None:
    fifo = tmp_path / "d.json"
    os.mkfifo(fifo)
    assert main([*RENDER, str(fifo)]) == 2
    assert "is not a regular file" in capsys.readouterr().err
