"""Slots the officer moves and photos they crop: where the PDF draws them.

A movable slot (`move` in the template) moves in the exported PDF by exactly the
offset stored with the piece, within the template's bounds; batch rows use the
piece's placement; a cropped photo is embedded whole (full resolution) and shows the
chosen part.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import Adjust, Piece, load_campaign
from ansinh.core.errors import UserError
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.storage import Document, load_document, save_document
from ansinh.core.templates import TemplateRegistry
from ansinh.core.templates.manifest import parse_manifest
from helpers import png_image

OPTIONS = RenderOptions(formats=("pdf", "png"))
TITLE = "BẢO HIỂM XÃ HỘI TỰ"
MM = 72 / 25.4


def title_at(pdf: bytes, text: str = TITLE) -> tuple[float, float]:
    """The PDF position (points) of the first letter of `text`."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0].get_textpage()
        index = page.get_text_range().index(text)
        left, bottom, _, _ = page.get_charbox(index)
        return left, bottom
    finally:
        document.close()


def poster(adjust: dict[str, Adjust], campaign) -> bytes:
    piece = Piece("poster-bhxh", "nong-dan", "A4", {}, adjust=adjust)
    result = render_piece(piece, campaign, OPTIONS)
    assert result.ok, result.checks
    return result.artifact("pdf").data


def test_a_moved_title_prints_moved_by_the_offset(sample_campaign) -> None:
    x0, y0 = title_at(poster({}, sample_campaign))
    x1, y1 = title_at(poster({"title": Adjust(dx=5, dy=-3)}, sample_campaign))
    # 5 % of 210 mm to the right, 3 % of 297 mm up (PDF y grows upwards).
    assert x1 - x0 == pytest.approx(0.05 * 210 * MM, abs=0.05)
    assert y1 - y0 == pytest.approx(0.03 * 297 * MM, abs=0.05)


def test_moves_stay_within_the_templates_bounds(sample_campaign) -> None:
    x0, _ = title_at(poster({}, sample_campaign))
    far, _ = title_at(poster({"title": Adjust(dx=45)}, sample_campaign))
    assert far - x0 == pytest.approx(0.08 * 210 * MM, abs=0.05)  # move = { x = 8 }
    # A slot the template does not let move stays where it is designed.
    fixed = poster({"subtitle": Adjust(dx=10, dy=10)}, sample_campaign)
    assert title_at(fixed, "Tham gia") == title_at(poster({}, sample_campaign), "Tham gia")


def test_batch_rows_use_the_pieces_placement(sample_campaign, tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Tiêu đề"], ["BẢO HIỂM XÃ HỘI TỰ NGUYỆN"], ["BẢO HIỂM XÃ HỘI TỰ DO"]]
        )
    moved = {"title": Adjust(dx=4, dy=2)}
    plan = plan_batch(
        "poster-bhxh", sheet, sample_campaign, size="A4", segment="nong-dan", adjust=moved
    )
    events = list(run_batch(plan, sample_campaign, tmp_path / "out", combined=False))
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    assert events[-1].kind == "finished" and len(pdfs) == 2
    alone = title_at(poster(moved, sample_campaign))
    for pdf in pdfs:
        assert title_at(pdf.read_bytes()) == pytest.approx(alone, abs=0.01)


def test_placement_is_saved_with_the_piece_and_read_from_campaign_files(
    sample_campaign, tmp_path: Path
) -> None:
    piece = Piece("poster-bhxh", "nong-dan", "A4", {}, adjust={"title": Adjust(dx=2.5, dy=-1)})
    campaign = dataclasses.replace(sample_campaign, pieces=(piece,))
    save_document(Document(campaign), tmp_path / "c.ansinh")
    loaded = load_document(tmp_path / "c.ansinh").campaign.pieces[0]
    assert loaded.adjust == piece.adjust

    text = (
        '[campaign]\nname = "C"\n[[piece]]\ntemplate = "poster-bhxh"\nsegment = "nong-dan"\n'
        "[piece.adjust.title]\ndx = 3\nzoom = {zoom}\n"
    )
    (tmp_path / "c.toml").write_text(text.format(zoom=1), encoding="utf-8")
    assert load_campaign(tmp_path / "c.toml").pieces[0].adjust == {"title": Adjust(dx=3)}
    (tmp_path / "c.toml").write_text(text.format(zoom=1e9), encoding="utf-8")
    with pytest.raises(UserError, match="zoom"):
        load_campaign(tmp_path / "c.toml")


def test_a_bad_move_declaration_is_a_template_problem(tmp_path: Path) -> None:
    (tmp_path / "template.toml").write_text(
        'id = "x"\nname = "X"\nkind = "poster"\nhtml = "t.html.j2"\n'
        '[[sizes]]\nid = "A4"\nlabel = "A4"\nwidth_mm = 210\nheight_mm = 297\n'
        '[[fields]]\nid = "title"\ntype = "text"\nlabel = "Tiêu đề"\n'
        "move = { x = 80, scale = [2, 3] }\n",
        encoding="utf-8",
    )
    (tmp_path / "t.html.j2").write_text("", encoding="utf-8")
    _, problems = parse_manifest(tmp_path, "user")
    assert any("move" in p.vi for p in problems)


def embedded_image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        return [
            tuple(obj.get_px_size())
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8)
        ]
    finally:
        document.close()


def test_a_cropped_photo_shows_its_focus_and_keeps_full_resolution(
    sample_campaign, tmp_path: Path
) -> None:
    # Left half red, right half blue, 2400 px wide: a crop on the left shows red only.
    photo = tmp_path / "photo.png"
    image = Image.new("RGB", (2400, 1800), (220, 30, 30))
    image.paste((20, 40, 200), (1200, 0, 2400, 1800))
    image.save(photo)
    values = {"photo": str(photo)}
    template = TemplateRegistry().get("social-bhxh")
    size = template.sizes[0].id
    whole = render_piece(Piece("social-bhxh", "nong-dan", size, values), sample_campaign, OPTIONS)
    crop = {"photo": Adjust(focus_x=0, focus_y=50, zoom=2)}
    cropped = render_piece(
        Piece("social-bhxh", "nong-dan", size, values, adjust=crop), sample_campaign, OPTIONS
    )
    assert (2400, 1800) in embedded_image_sizes(cropped.artifact("pdf").data)

    def colours_in_photo_slot(result) -> tuple[int, int]:
        png = png_image(result.artifact("png").data).convert("RGB")
        colours = [(colour, count) for count, colour in png.getcolors(1 << 24)]

        def near(want: tuple[int, int, int]) -> int:
            return sum(
                n for c, n in colours if max(abs(a - b) for a, b in zip(c, want, strict=True)) < 12
            )

        return near((220, 30, 30)), near((20, 40, 200))

    reds, blues = colours_in_photo_slot(whole)
    assert reds > 1000 and blues > 1000
    reds, blues = colours_in_photo_slot(cropped)
    assert reds > 1000 and blues < 50, (reds, blues)


def test_a_slot_moved_over_another_field_is_a_check(sample_campaign) -> None:
    piece = Piece("poster-bhxh", "nong-dan", "A4", {}, adjust={"title": Adjust(dy=10)})
    checks = [
        c for c in render_piece(piece, sample_campaign, OPTIONS).checks if c.code == "overlap"
    ]
    assert [(c.field, c.vi) for c in checks] == [
        ("title", "«Tiêu đề» đã dời chồng lên «Thông điệp»: hãy kéo ra chỗ trống.")
    ]
    clear = Piece("poster-bhxh", "nong-dan", "A4", {}, adjust={"title": Adjust(dx=3)})
    assert not [
        c for c in render_piece(clear, sample_campaign, OPTIONS).checks if c.code == "overlap"
    ]
