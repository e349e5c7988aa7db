"""Text the reader cannot tell from its background is a check naming the field.

Contrast is read from the page that prints: the layout's text runs (colour, size,
box) against the pixels behind them, whatever drew those (a band, a photo).
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from PIL import Image

from ansinh.core.batch import plan_batch
from ansinh.core.campaign import Piece
from ansinh.core.render.chunk import render_rows
from ansinh.core.render.contrast import needed, ratio
from ansinh.core.render.engine import TextRun
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.render.results import RenderRow
from ansinh.core.render.session import RenderSession
from ansinh.core.templates import TemplateRegistry

GREEN, RED = "#1B6E3A", "#D62828"  # the palette of the issue: red place name on green
OPTIONS = RenderOptions(formats=("pdf", "png"), png_width=1200, png_compress=1)


def contrast(result) -> dict[str | None, str]:
    return {c.field: c.vi for c in result.checks if c.code == "contrast"}


def test_wcag_ratio_of_known_pairs() -> None:
    assert ratio((1, 1, 1), (0, 0, 0)) == pytest.approx(21.0)
    assert ratio((0, 0, 0), (0, 0, 0)) == pytest.approx(1.0)
    grey = 0x76 / 255  # #767676 on white: the lightest grey that passes 4.5:1
    assert ratio((grey,) * 3, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def test_large_text_and_large_prints_need_less() -> None:
    run = TextRun((0, 0, 10, 10), (0, 0, 0, 1), 16.0, 400)
    assert needed(run, None) == 4.5
    assert needed(dataclasses.replace(run, size_px=24.0), None) == 3.0
    assert needed(dataclasses.replace(run, size_px=19.0, weight=700), None) == 3.0
    banner = TemplateRegistry().get("banner-bhxh").size("3x1m")
    assert needed(run, banner) == 3.0


def test_red_on_green_banner_names_the_place_alone_and_in_a_batch(
    sample_campaign, tmp_path: Path
) -> None:
    campaign = dataclasses.replace(sample_campaign, primary=GREEN, accent=RED)
    piece = Piece("banner-bhxh", "nong-dan", "3x1m", {"place": "Thôn Đồng Tâm"})
    alone = render_piece(piece, campaign, OPTIONS)
    found = contrast(alone)
    assert "place" in found and "#D62828" in found["place"] and "#1B6E3A" in found["place"]
    assert "1,3:1" in found["place"]  # WCAG ratio of these two colours
    assert all(not c.is_error for c in alone.checks if c.code == "contrast")
    # The default palette reads well: no check.
    assert contrast(render_piece(piece, sample_campaign, OPTIONS)) == {}

    sheet = tmp_path / "t.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Tên thôn"], ["Thôn Đồng Tâm"], ["Buôn Ea Kao"], ["Thôn 3"]])
    plan = plan_batch("banner-bhxh", sheet, campaign, size="3x1m", segment="nong-dan")
    plan_rows = [RenderRow(row.number, row.segment, row.values) for row in plan.rows]
    rows = render_rows("banner-bhxh", plan_rows, plan.size, campaign, OPTIONS, RenderSession())
    assert len(rows) == 3
    for result in rows:
        assert contrast(result).keys() == found.keys()
    # PDF only: the check still reads the row's whole page (its shared layer too).
    pdf_only = dataclasses.replace(OPTIONS, formats=("pdf",))
    rows = render_rows("banner-bhxh", plan_rows, plan.size, campaign, pdf_only, RenderSession())
    assert all(contrast(result).keys() == found.keys() for result in rows)


def test_text_over_a_photo_is_judged_by_the_photo(sample_campaign, isolated_user_dir) -> None:
    # A user template: white text on a photo. A pale photo fails, a dark one passes.
    folder = isolated_user_dir / "templates" / "anh-nen"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "anh-nen"\nname = "Ảnh nền"\nkind = "poster"\nhtml = "t.html.j2"\n'
        '[[sizes]]\nid = "s"\nlabel = "s"\nwidth_mm = 100\nheight_mm = 60\n'
        '[[fields]]\nid = "title"\ntype = "text"\nlabel = "Tiêu đề"\ndefault = "Xin chào"\n'
        '[[fields]]\nid = "photo"\ntype = "image"\nlabel = "Ảnh"\n',
        encoding="utf-8",
    )
    (folder / "t.html.j2").write_text(
        "{% extends 'page.html.j2' %}{% block sheet %}"
        "<img src='{{ f.photo.url }}' style='position:absolute;top:0;left:0;width:100%;"
        "height:100%'><h1 data-field='title' style='position:absolute;top:10mm;left:10mm;"
        "margin:0;font-size:14pt;color:#fff'>{{ f.title }}</h1>{% endblock %}",
        encoding="utf-8",
    )
    results = {}
    for name, colour in (("pale", (236, 236, 220)), ("dark", (30, 40, 60))):
        photo = isolated_user_dir / f"{name}.png"
        Image.new("RGB", (400, 240), colour).save(photo)
        piece = Piece("anh-nen", "nong-dan", "s", {"photo": str(photo)})
        results[name] = render_piece(piece, sample_campaign, OPTIONS)
    assert "title" in contrast(results["pale"]), results["pale"].checks
    assert contrast(results["dark"]) == {}, results["dark"].checks
