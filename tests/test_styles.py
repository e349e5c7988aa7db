"""Visual styles: one campaign setting switches the look of every visual piece.

Every visual template renders in every style at every size with no check; switching the
style changes every piece's pixels; the public-information style (co-dong) is red and
gold where it should be; the setting is validated in campaign files (TOML and .ansinh),
the command line can override it, and batch rows in the style show what the piece
alone shows."""

from __future__ import annotations

import csv
import dataclasses
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from ansinh.cli.main import main
from ansinh.core import storage
from ansinh.core.campaign import MODERN, STYLES, Campaign, Piece, load_campaign
from ansinh.core.errors import UserError
from ansinh.core.render import chunk
from ansinh.core.render.piece import render_piece
from ansinh.core.render.results import RenderOptions, RenderRow
from ansinh.core.render.session import RenderSession
from ansinh.core.templates.registry import TemplateRegistry
from helpers import pdf_boxes, pdf_text, png_image

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
OPTIONS = RenderOptions(formats=("pdf", "png"), png_width=400, png_compress=1, fast_pdf=True)
VISUAL = [(t.id, s.id) for t in TemplateRegistry().all() if t.is_visual for s in t.sizes]
# Templates whose co-dong sheet is the red field (the rest: red bands on cream paper).
RED_FIELD = {"poster-bhxh", "banner-bhxh", "social-bhxh", "pano-bhxh"}


def red_share(image: Image.Image) -> float:
    """The share of drawn pixels in the style's reds (the field #C0161E, the bands
    #8E0E12); a transparent overlay's clear pixels are not drawn."""
    data = image.convert("RGBA").resize((100, 100), Image.NEAREST).tobytes()
    pixels = [p for p in zip(*(data[i::4] for i in range(4)), strict=True) if p[3]]
    return sum(r > 110 and g < 60 and b < 60 for r, g, b, _ in pixels) / max(1, len(pixels))


@pytest.fixture(scope="module")
def renders() -> dict[tuple[str, str, str], object]:
    campaign = load_campaign(SAMPLE)
    return {
        (template, size, style): render_piece(
            Piece(template, "nong-dan", size), dataclasses.replace(campaign, style=style),
            OPTIONS)
        for template, size in VISUAL for style in STYLES
    }


def test_the_shipped_visual_templates_include_the_pano() -> None:
    assert ("pano-bhxh", "4x2m") in VISUAL and ("pano-bhxh", "6x3m") in VISUAL
    assert len(VISUAL) >= 13


@pytest.mark.parametrize(("template", "size"), VISUAL)
def test_every_visual_piece_renders_in_every_style_with_no_check(
        renders, template: str, size: str) -> None:
    for style in STYLES:
        result = renders[template, size, style]
        assert result.checks == [], (style, [c.vi for c in result.checks])
        assert result.pages == renders[template, size, MODERN].pages  # the style adds none


@pytest.mark.parametrize(("template", "size"), VISUAL)
def test_switching_the_style_changes_every_visual_piece(
        renders, template: str, size: str) -> None:
    modern, co_dong = (png_image(renders[template, size, style].artifact("png").data)
                       for style in (MODERN, "co-dong"))
    assert modern.size == co_dong.size
    assert modern.tobytes() != co_dong.tobytes()
    # (A livestream's «Trực tiếp» badge is red in every style: on the overlay, where
    # little else is drawn, it is ~3 % of what is.)
    assert red_share(modern) < (0.05 if template == "livestream-bhxh" else 0.02)
    # The red field covers most of the sheet; elsewhere the bands still show red (a
    # tri-fold's six panels leave its bands ~7 % of the sheet).
    assert red_share(co_dong) > (0.35 if template in RED_FIELD else 0.05)
    # Same words: the style changes the look, never the content.
    texts = [pdf_text(renders[template, size, s].artifact("pdf").data) for s in STYLES]
    assert texts[0] == texts[1]
    boxes = [pdf_boxes(renders[template, size, s].artifact("pdf").data) for s in STYLES]
    assert boxes[0] == boxes[1]


def test_the_style_stands_for_the_brand_colours_only_while_chosen() -> None:
    campaign = Campaign(name="x", primary="#123456", accent="#654321")
    assert campaign.context()["primary"] == "#123456" and campaign.context()["style"] == MODERN
    styled = dataclasses.replace(campaign, style="co-dong").context()
    assert (styled["primary"], styled["accent"]) == ("#C0161E", "#FFD700")


def test_the_pano_is_large_format_with_bleed_for_its_frame(renders) -> None:
    template = TemplateRegistry().get("pano-bhxh")
    assert template.kind == "pano" and template.channel == "print"
    for size_id, width_mm, bleed_mm in (("4x2m", 4000, 30), ("6x3m", 6000, 50)):
        size = template.size(size_id)
        assert (size.width, size.height, size.bleed_mm) == (width_mm, width_mm / 2, bleed_mm)
        boxes = pdf_boxes(renders["pano-bhxh", size_id, MODERN].artifact("pdf").data)
        trim, media = boxes["trim"], boxes["media"]
        mm = 72 / 25.4
        assert round((trim[2] - trim[0]) / mm) == width_mm
        assert round((media[2] - media[0] - (trim[2] - trim[0])) / mm / 2) == bleed_mm
        text = pdf_text(renders["pano-bhxh", size_id, "co-dong"].artifact("pdf").data)
        assert "264.000" in text and "1900 9068" in text and "ĐƯỜNG DÂY NÓNG" in text


def test_the_pano_offer_follows_the_segment() -> None:
    campaign = dataclasses.replace(load_campaign(SAMPLE), style="co-dong")
    texts = {}
    for segment in ("ho-ngheo", "huu-tri", "nguoi-su-dung-lao-dong"):
        result = render_piece(Piece("pano-bhxh", segment, "4x2m"), campaign, OPTIONS)
        assert result.checks == [], [c.vi for c in result.checks]
        texts[segment] = pdf_text(result.artifact("pdf").data)
    assert "165.000" in texts["ho-ngheo"]
    assert "BHYT hộ gia đình" in texts["huu-tri"] and "264.000" not in texts["huu-tri"]
    assert "Bắt buộc" in texts["nguoi-su-dung-lao-dong"]


def test_a_pano_that_says_too_much_names_the_field() -> None:
    campaign = dataclasses.replace(load_campaign(SAMPLE), style="co-dong")
    piece = Piece("pano-bhxh", "nong-dan", "6x3m",
                  {"title": "Lương hưu hằng tháng, thẻ BHYT miễn phí!"})
    result = render_piece(piece, campaign, OPTIONS)
    assert not result.ok
    assert {c.field for c in result.checks if c.is_error} == {"title"}


@pytest.mark.parametrize("value", ["xanh-la", 3, ""])
def test_a_campaign_file_with_an_unknown_style_is_refused_naming_the_key(
        tmp_path: Path, value: object) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "date = 2026-11-01", f"date = 2026-11-01\nstyle = {value!r}".replace("'", '"'))
    path = tmp_path / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_campaign(path)
    assert "campaign.style" in caught.value.vi
    assert ("hien-dai, co-dong" in caught.value.vi) is isinstance(value, str)


def test_the_style_is_read_from_the_campaign_file(tmp_path: Path) -> None:
    path = tmp_path / "campaign.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "date = 2026-11-01", 'date = 2026-11-01\nstyle = "co-dong"'), encoding="utf-8")
    (tmp_path / "logo.svg").write_bytes((SAMPLE.parent / "logo.svg").read_bytes())
    assert load_campaign(path).style == "co-dong"
    assert load_campaign(SAMPLE).style == MODERN


def test_the_style_survives_a_save_and_a_bad_stored_style_is_refused(tmp_path: Path) -> None:
    campaign = dataclasses.replace(load_campaign(SAMPLE), style="co-dong", logo=None)
    path = tmp_path / "c.ansinh"
    storage.save_document(storage.Document(campaign), path)
    assert storage.load_document(path).campaign.style == "co-dong"
    with sqlite3.connect(path) as con:
        con.execute("UPDATE campaign SET value = ? WHERE key = 'style'", ('"../../etc"',))
    with pytest.raises(UserError) as caught:
        storage.load_document(path)
    assert "campaign.style" in caught.value.vi


def test_the_command_line_style_overrides_the_campaigns(tmp_path: Path) -> None:
    for style in STYLES:
        out = tmp_path / style
        assert main(["render", "poster-bhxh", "--segment", "nong-dan", "--size", "A4",
                     "--campaign", str(SAMPLE), "--style", style, "--format", "png",
                     "--dpi", "30", "--out", str(out)]) == 0
        png = next(out.rglob("*.png"))
        share = red_share(Image.open(png))
        assert share > 0.35 if style == "co-dong" else share < 0.02


def test_batch_rows_in_the_style_show_what_the_piece_alone_shows(tmp_path: Path) -> None:
    from ansinh.core.batch import plan_batch

    campaign = dataclasses.replace(load_campaign(SAMPLE), style="co-dong")
    names = ["Phường Ea Kao", "Xã Hòa Phú", "Phường Tân Lập", "Xã Ea Tu", "Phường Tân An"]
    with (tmp_path / "x.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tên xã", "Đối tượng"])
        writer.writerows((name, "Nông dân") for name in names)
    plan = plan_batch("pano-bhxh", tmp_path / "x.csv", campaign, size="4x2m")
    assert plan.mapping["Tên xã"] == "place"
    options = RenderOptions(formats=("pdf", "png"), png_width=600, png_compress=1)
    rows = [RenderRow(row.number, row.segment, row.values) for row in plan.rows]
    outputs = chunk.render_rows("pano-bhxh", rows, plan.size, campaign, options,
                                RenderSession())
    for output, row, name in zip(outputs, plan.rows, names, strict=True):
        assert output.ok, output.checks
        pdf, png = (a.data for a in output.artifacts)
        alone = render_piece(Piece("pano-bhxh", row.segment, "4x2m", row.values), campaign,
                             options)
        assert name in pdf_text(pdf)
        assert png_image(png).tobytes() == png_image(alone.artifact("png").data).tobytes()
