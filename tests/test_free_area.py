"""The free area: where a template leaves room (`[free_area]`), a piece may add its own
short text («Chữ thêm») and picture («Ảnh thêm»), drawn inside the declared box, at full
resolution, checked like every field; empty, the piece prints as it always did."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from ansinh.core import paths
from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import Adjust, Look, Piece, load_campaign
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.storage import Document, load_document, save_document
from ansinh.core.templates import TemplateRegistry
from ansinh.core.templates.manifest import FREE_IMAGE, FREE_TEXT, parse_manifest
from helpers import MM, png_image

OPTIONS = RenderOptions(formats=("pdf", "png"))
NOTE = "Họp dân 19 giờ thứ Bảy tại nhà văn hóa thôn Đông."
POSTER_AREA = (6.7, 70.5, 45.0, 9.5)  # templates/poster-bhxh/template.toml, % of A4


def area_points(pdf: bytes, area: tuple[float, ...], size_mm: tuple[float, float]):
    """The area as a PDF box (left, bottom, right, top) on the page's trim box."""
    document = pdfium.PdfDocument(pdf)
    try:
        left, _, _, top = document[0].get_trimbox()
    finally:
        document.close()
    x, y, w, h = (v / 100 * size_mm[i % 2] * MM for i, v in enumerate(area))
    return left + x, top - y - h, left + x + w, top - y


def text_boxes(pdf: bytes, text: str) -> list[tuple[float, float, float, float]]:
    """The boxes (points) of `text`'s letters on the first page, whatever its line breaks."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0].get_textpage()
        found = re.search(r"\s+".join(map(re.escape, text.split())), page.get_text_range())
        assert found, f"{text!r} is not on the page"
        letters = range(found.start(), found.end())
        return [page.get_charbox(i) for i in letters if not found.string[i].isspace()]
    finally:
        document.close()


def image_objects(pdf: bytes) -> list[tuple[tuple[int, int], tuple[float, ...]]]:
    """Each image the page draws: its pixel size and its box on the page (points)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        return [
            (tuple(obj.get_px_size()), obj.get_bounds())
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8)
        ]
    finally:
        document.close()


def flat(boxes) -> list[float]:
    return [edge for box in boxes for edge in box]


def inside(box: tuple[float, ...], area: tuple[float, ...], slack: float = 0.5) -> bool:
    return (
        box[0] >= area[0] - slack
        and box[1] >= area[1] - slack
        and box[2] <= area[2] + slack
        and box[3] <= area[3] + slack
    )


def poster(campaign, values: dict, size: str = "A4", **kwargs):
    return render_piece(Piece("poster-bhxh", "nong-dan", size, values, **kwargs), campaign, OPTIONS)


def test_the_free_text_prints_inside_the_declared_box(sample_campaign) -> None:
    result = poster(sample_campaign, {FREE_TEXT: NOTE})
    assert result.ok and not [c for c in result.checks if c.severity != "info"], result.checks
    pdf = result.artifact("pdf").data
    area = area_points(pdf, POSTER_AREA, (210, 297))
    boxes = text_boxes(pdf, NOTE)
    assert boxes and all(inside(box, area) for box in boxes), (area, boxes[:3])
    # It fills the area from its top left corner.
    assert min(b[0] for b in boxes) == pytest.approx(area[0], abs=2)
    assert max(b[3] for b in boxes) == pytest.approx(area[3], abs=6)


def test_the_free_area_follows_the_size(sample_campaign) -> None:
    """A2 is the same design larger: the box scales with the sheet."""
    pdf = poster(sample_campaign, {FREE_TEXT: NOTE}, "A2").artifact("pdf").data
    area = area_points(pdf, POSTER_AREA, (420, 594))
    assert all(inside(box, area) for box in text_boxes(pdf, NOTE))


def photo(tmp_path: Path, size: tuple[int, int] = (2400, 1800)) -> Path:
    path = tmp_path / "hop-dan.png"
    Image.new("RGB", size, (30, 140, 60)).save(path)
    return path


def test_the_free_picture_is_embedded_whole_inside_the_box(
    sample_campaign, tmp_path: Path
) -> None:
    result = poster(sample_campaign, {FREE_IMAGE: str(photo(tmp_path))})
    assert result.ok, result.checks
    pdf = result.artifact("pdf").data
    area = area_points(pdf, POSTER_AREA, (210, 297))
    placed = [box for pixels, box in image_objects(pdf) if pixels == (2400, 1800)]
    assert len(placed) == 1, image_objects(pdf)  # full resolution, not a downscaled copy
    assert inside(placed[0], area), (placed[0], area)


def test_text_and_picture_share_the_box_side_by_side(sample_campaign, tmp_path: Path) -> None:
    values = {FREE_TEXT: "Họp dân 19 giờ.", FREE_IMAGE: str(photo(tmp_path))}
    result = poster(sample_campaign, values)
    assert result.ok, result.checks
    pdf = result.artifact("pdf").data
    area = area_points(pdf, POSTER_AREA, (210, 297))
    (picture,) = [box for pixels, box in image_objects(pdf) if pixels == (2400, 1800)]
    text = text_boxes(pdf, "Họp dân 19 giờ.")
    assert inside(picture, area) and all(inside(box, area) for box in text)
    assert min(box[0] for box in text) > picture[2]  # the text starts right of the picture


def test_too_much_free_text_is_a_check_naming_the_field(
    sample_campaign, tmp_path: Path
) -> None:
    # Within the 160 characters, but beside a picture five lines cannot hold it.
    long = "Họp dân tại nhà văn hóa thôn Đông lúc 19 giờ thứ Bảy, mang theo căn cước công "
    long += "dân và sổ hộ khẩu để cán bộ BHXH huyện hướng dẫn kê khai tại chỗ."
    values = {FREE_TEXT: long, FREE_IMAGE: str(photo(tmp_path))}
    checks = poster(sample_campaign, values).checks
    assert not [c for c in checks if c.code == "limit"]
    assert any(c.field == FREE_TEXT and c.code in ("overflow", "lines") for c in checks), checks
    assert any("«Chữ thêm»" in c.vi for c in checks if c.field == FREE_TEXT)


def test_the_free_fields_are_optional_and_empty_prints_nothing_more(sample_campaign) -> None:
    """Without them the poster's PDF is byte for byte the one of the template without a
    free area (a copy of it without [free_area] put in the user template folder)."""
    template = TemplateRegistry().get("poster-bhxh")
    assert [(f.id, f.required) for f in template.fields[-2:]] == [
        (FREE_TEXT, False),
        (FREE_IMAGE, False),
    ]
    with_area = poster(sample_campaign, {FREE_TEXT: "", FREE_IMAGE: ""})
    assert with_area.ok, with_area.checks
    copy = paths.user_templates_dir() / "poster-bhxh"
    shutil.copytree(template.folder, copy)
    manifest = copy / "template.toml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r"\n\[free_area\][^[]*", "\n", text)  # and the variant's own:
    manifest.write_text(re.sub(r"(?m)^free_area = .*$", "", text), encoding="utf-8")
    plain = TemplateRegistry().get("poster-bhxh")
    assert not plain.has_free_area and FREE_TEXT not in {f.id for f in plain.fields}
    without = poster(sample_campaign, {})
    assert without.artifact("pdf").data == with_area.artifact("pdf").data
    assert without.artifact("png").data == with_area.artifact("png").data
    # A campaign file giving free fields to a template without a free area: they are
    # ignored, like any value a template has no field for.
    given = poster(sample_campaign, {FREE_TEXT: NOTE})
    assert given.artifact("pdf").data == without.artifact("pdf").data


def test_a_free_area_over_other_fields_is_a_check(sample_campaign) -> None:
    """A pack whose area covers the benefits: the free text is drawn there, and said."""
    copy = paths.user_templates_dir() / "poster-bhxh"
    shutil.copytree(TemplateRegistry().get("poster-bhxh").folder, copy)
    manifest = copy / "template.toml"
    text = manifest.read_text(encoding="utf-8").replace("y = 70.5", "y = 45")
    manifest.write_text(text, encoding="utf-8")
    checks = [c for c in poster(sample_campaign, {FREE_TEXT: NOTE}).checks if c.code == "overlap"]
    assert [(c.field, c.vi) for c in checks] == [
        (FREE_TEXT, "«Chữ thêm» chồng lên «Quyền lợi»: hãy rút ngắn hoặc kéo ra chỗ trống.")
    ]


def test_a_template_without_a_free_area_has_no_free_fields() -> None:
    ids = {f.id for f in TemplateRegistry().get("banner-bhxh").fields}
    assert not ids & {FREE_TEXT, FREE_IMAGE}


def test_the_standee_has_its_own_area_on_each_size(sample_campaign) -> None:
    template = TemplateRegistry().get("standee-bhxh")
    areas = {size.id: size.free_area for size in template.sizes}
    assert areas["80x200cm"].y != areas["60x160cm"].y  # the taller sheet places it lower
    for size in template.sizes:
        piece = Piece("standee-bhxh", "nong-dan", size.id, {FREE_TEXT: "Ngày hội BHXH: 8 giờ."})
        result = render_piece(piece, sample_campaign, OPTIONS)
        assert result.ok, result.checks
        pdf = result.artifact("pdf").data
        box = areas[size.id]
        area = area_points(pdf, (box.x, box.y, box.w, box.h), (size.width, size.height))
        assert all(inside(box, area) for box in text_boxes(pdf, "Ngày hội BHXH: 8 giờ."))


def test_a_layout_variant_places_the_free_area_where_it_has_room(sample_campaign) -> None:
    """«Ảnh trên» fills the spot below the benefits: its own area is beside the picture,
    which gives up that room when the free text is there."""
    variant = TemplateRegistry().get("poster-bhxh").variants[0]
    box = variant.free_area
    piece = Piece("poster-bhxh", "nong-dan", "A4", {FREE_TEXT: NOTE}, look=Look(variant.id))
    result = render_piece(piece, sample_campaign, OPTIONS)
    assert result.ok, result.checks
    pdf = result.artifact("pdf").data
    area = area_points(pdf, (box.x, box.y, box.w, box.h), (210, 297))
    assert all(inside(b, area) for b in text_boxes(pdf, NOTE))
    assert result.slots["photo"][2] < area[0]  # the picture ends left of the area


def test_the_free_text_moves_within_the_areas_bounds(sample_campaign) -> None:
    still = text_boxes(poster(sample_campaign, {FREE_TEXT: NOTE}).artifact("pdf").data, NOTE)
    moved = poster(sample_campaign, {FREE_TEXT: NOTE}, adjust={FREE_TEXT: Adjust(dx=3, dy=-20)})
    boxes = text_boxes(moved.artifact("pdf").data, NOTE)
    assert boxes[0][0] - still[0][0] == pytest.approx(0.03 * 210 * MM, abs=0.05)
    # move = { x = 4, y = 4 }: 20 % up is held at 4 %.
    assert boxes[0][1] - still[0][1] == pytest.approx(0.04 * 297 * MM, abs=0.05)


def test_batch_rows_take_the_free_text_from_their_column(
    sample_campaign, tmp_path: Path
) -> None:
    """A «Chữ thêm» column fills each row's free text, the piece's picture stays on
    every row, and a row with an empty cell has the picture alone, where it is alone."""
    sheet = tmp_path / "t.csv"
    notes = ["Họp thôn Đông 19 giờ.", "Họp thôn Tây 20 giờ.", ""]
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Tiêu đề", "Chữ thêm"], *([f"Thôn {n}", note] for n, note in enumerate(notes))]
        )
    picture = str(photo(tmp_path))
    plan = plan_batch(
        "poster-bhxh", sheet, sample_campaign, size="A4", segment="nong-dan",
        constants={FREE_IMAGE: picture},
    )
    events = list(run_batch(plan, sample_campaign, tmp_path / "out", combined=False))
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    assert events[-1].kind == "finished" and len(pdfs) == 3
    for number, (note, pdf) in enumerate(zip(notes, pdfs, strict=True)):
        values = {"title": f"Thôn {number}", FREE_TEXT: note, FREE_IMAGE: picture}
        alone = poster(sample_campaign, values)
        expected = alone.artifact("pdf").data
        data = pdf.read_bytes()
        assert flat(box for _, box in image_objects(data)) == pytest.approx(
            flat(box for _, box in image_objects(expected)), abs=0.01
        )
        if note:
            assert flat(text_boxes(data, note)) == pytest.approx(
                flat(text_boxes(expected, note)), abs=0.01
            )
        else:
            assert "Họp thôn" not in pdfium.PdfDocument(data)[0].get_textpage().get_text_range()


def test_free_values_are_saved_with_the_piece(sample_campaign, tmp_path: Path) -> None:
    picture = photo(tmp_path, (300, 200))
    piece = Piece("poster-bhxh", "nong-dan", "A4", {FREE_TEXT: NOTE, FREE_IMAGE: str(picture)})
    campaign = sample_campaign.__class__(name="Thử", pieces=(piece,), base_dir=tmp_path)
    save_document(Document(campaign, {}, []), tmp_path / "c.ansinh")
    picture.unlink()  # the picture travels inside the document
    loaded = load_document(tmp_path / "c.ansinh").campaign.pieces[0]
    assert loaded.values[FREE_TEXT] == NOTE
    assert Image.open(loaded.values[FREE_IMAGE]).size == (300, 200)


def test_campaign_files_give_free_values(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        '[campaign]\nname = "Thử"\n[[piece]]\ntemplate = "poster-bhxh"\nsegment = "nong-dan"\n'
        f'[piece.values]\nfree_text = "{NOTE}"\n',
        encoding="utf-8",
    )
    assert load_campaign(tmp_path / "c.toml").pieces[0].values == {FREE_TEXT: NOTE}


def manifest(tmp_path: Path, free_area: str, size_extra: str = "") -> list:
    (tmp_path / "template.toml").write_text(
        f'id = "x"\nname = "X"\nkind = "poster"\nhtml = "t.html.j2"\n{free_area}'
        f'[[sizes]]\nid = "A4"\nlabel = "A4"\nwidth_mm = 210\nheight_mm = 297\n{size_extra}'
        '[[fields]]\nid = "title"\ntype = "text"\nlabel = "Tiêu đề"\n',
        encoding="utf-8",
    )
    (tmp_path / "t.html.j2").write_text("", encoding="utf-8")
    return parse_manifest(tmp_path, "user")[1]


@pytest.mark.parametrize(
    "area",
    [
        "[free_area]\nx = 60\ny = 10\nw = 45\nh = 10\n",  # runs off the right edge
        "[free_area]\nx = 5\ny = 95\nw = 45\nh = 10\n",  # off the bottom
        "[free_area]\nx = 5\ny = 10\nw = 0.5\nh = 10\n",  # too narrow for any text
        '[free_area]\nx = "5"\ny = 10\nw = 45\nh = 10\n',  # not a number
        "[free_area]\nx = 5\ny = 10\nw = 45\nh = 10\nlines = 0\n",
        "[free_area]\nx = 5\ny = 10\nw = 45\nh = 10\nmove = { x = 90 }\n",
        'free_area = "here"\n',
    ],
)
def test_a_bad_free_area_is_a_clear_template_problem(tmp_path: Path, area: str) -> None:
    problems = manifest(tmp_path, area)
    assert problems and all(p.line and "free_area" in p.vi for p in problems), [
        p.vi for p in problems
    ]


def test_a_size_of_its_own_needs_the_templates_area_and_is_checked(tmp_path: Path) -> None:
    own = "free_area = { x = 5, y = 10, w = 45, h = 10 }\n"
    assert any("[free_area]" in p.vi for p in manifest(tmp_path, "", own))
    area = "[free_area]\nx = 5\ny = 10\nw = 45\nh = 10\n"
    assert not manifest(tmp_path, area, own)
    assert any("free_area" in p.vi for p in manifest(tmp_path, area, own.replace("45", "99")))


def test_a_variant_of_its_own_needs_the_templates_area(tmp_path: Path) -> None:
    (tmp_path / "v.css").write_text("", encoding="utf-8")
    variant = (
        '[[variants]]\nid = "v"\nlabel = "V"\ncss = "v.css"\n'
        "free_area = { x = 5, y = 10, w = 45, h = 10, lines = 4 }\n"
    )
    assert any("[free_area]" in p.vi for p in manifest(tmp_path, variant))
    area = "[free_area]\nx = 5\ny = 60\nw = 45\nh = 10\n"
    assert not manifest(tmp_path, area + variant)
    template, _ = parse_manifest(tmp_path, "user")
    assert template.variants[0].free_area.lines == 4 and template.sizes[0].free_area.lines == 3


def test_a_declared_field_may_not_take_a_free_fields_name(tmp_path: Path) -> None:
    field = '[[fields]]\nid = "free_text"\ntype = "text"\nlabel = "Chữ"\n'
    assert any("free_text" in p.vi for p in manifest(tmp_path, field))


def test_the_free_picture_is_drawn_where_the_png_shows_the_area(
    sample_campaign, tmp_path: Path
) -> None:
    result = poster(sample_campaign, {FREE_IMAGE: str(photo(tmp_path))})
    image = png_image(result.artifact("png").data).convert("RGB")
    x, y, w, h = POSTER_AREA
    # Its middle row at the area's left is the picture's green.
    left, middle = image.width * (x + 1) / 100, image.height * (y + h / 2) / 100
    pixel = image.getpixel((int(left), int(middle)))
    assert max(abs(a - b) for a, b in zip(pixel, (30, 140, 60), strict=True)) < 10, pixel
