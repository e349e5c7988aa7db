"""Every shipped template × size renders to print-ready, checked pages (as many as its
manifest declares).

Boxes, text, fonts and metadata are read back from the PDF itself; PNG sizes and
metadata from the PNG.
"""

from __future__ import annotations

import io
import tomllib
import unicodedata
import zlib
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from ansinh.core.campaign import Piece
from ansinh.core.render.piece import RenderOptions, RenderResult, render_piece
from ansinh.core.render.raster import (
    Underlay,
    _adler32_combine,
    encode_png,
    page_bitmap,
    page_png,
    pdf_fonts,
)
from ansinh.core.templates import TemplateRegistry
from helpers import MM, pdf_boxes, pdf_info, pdf_pages, pdf_text, png_image, save_failure

ROOT = Path(__file__).resolve().parents[1]


def _shipped() -> list[tuple[str, str | None]]:
    cases = []
    for manifest in sorted((ROOT / "templates").glob("*/template.toml")):
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        sizes = [s["id"] for s in data.get("sizes", [])] or [None]
        cases += [(data["id"], size) for size in sizes]
    return cases


CASES = _shipped()
VISUAL = [case for case in CASES if case[1] is not None]


@cache
def _render(template_id: str, size: str | None, segment: str = "toan-dan") -> RenderResult:
    from ansinh.core.campaign import load_campaign

    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    return render_piece(
        Piece(template_id, segment, size),
        campaign,
        RenderOptions(png_dpi=20),  # small PNGs for print; screens keep exact pixels
        registry=TemplateRegistry([(ROOT / "templates", "shipped")]),
    )


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@pytest.mark.parametrize(("template_id", "size_id"), VISUAL)
def test_visual_template_is_checked_print_ready_pages(template_id: str, size_id: str) -> None:
    result = _render(template_id, size_id)
    pdf = result.artifact("pdf").data
    if not result.ok:
        save_failure(f"{template_id}-{size_id}.pdf", pdf)
    assert result.ok, [c.vi for c in result.checks if c.is_error]
    least, most = result.template.pages
    assert least <= pdf_pages(pdf) == result.pages <= most

    size = result.size
    boxes = pdf_boxes(pdf)
    media, trim = boxes["media"], boxes["trim"]
    if size.is_print:
        assert trim[2] - trim[0] == pytest.approx(size.width * MM, abs=0.05)
        assert trim[3] - trim[1] == pytest.approx(size.height * MM, abs=0.05)
        bleed = size.bleed_mm * MM
        assert media[2] - media[0] == pytest.approx(size.width * MM + 2 * bleed, abs=0.05)
        assert media[3] - media[1] == pytest.approx(size.height * MM + 2 * bleed, abs=0.05)
        assert size.bleed_mm >= (5 if size.width >= 1000 else 3)
        assert boxes["bleed"] == pytest.approx(media)
    else:
        assert media[2] - media[0] == pytest.approx(size.width * 0.75, abs=0.05)
        png = png_image(result.artifact("png").data)
        assert png.size == (int(size.width), int(size.height))

    fonts = pdf_fonts(pdf)
    assert fonts, "no text drawn"
    assert all(embedded for _, embedded in fonts), fonts
    assert all("BeVietnamPro" in name.replace("-", "") for name, _ in fonts), fonts


@pytest.mark.parametrize(("template_id", "size_id"), VISUAL)
def test_pdf_text_holds_the_vietnamese_input_exactly(template_id: str, size_id: str) -> None:
    result = _render(template_id, size_id)
    text = _fold(pdf_text(result.artifact("pdf").data))
    template = result.template
    html = (template.folder / template.html).read_text(encoding="utf-8")
    # Every text field the page shows; smaller sizes may drop secondary ones.
    printed = [f for f in template.fields if f"f.{f.id}" in html and f.type == "text"]
    if size_id != template.sizes[0].id:
        printed = printed[:1]
    expected = [str(f.default) for f in printed if f.default]
    assert expected
    for value in expected:
        assert _fold(value) in text, value
    assert _fold("1900 9068") in text


@pytest.mark.parametrize(("template_id", "size_id"), VISUAL)
def test_metadata_carries_campaign_channel_and_segment(template_id: str, size_id: str) -> None:
    result = _render(template_id, size_id)
    info = pdf_info(result.artifact("pdf").data)
    assert "toan-dan" in info["Keywords"]
    assert result.template.channel in info["Keywords"]
    assert "Tháng vận động" in info["Subject"]
    png = png_image(result.artifact("png").data)
    assert png.text["Segment"] == "toan-dan"
    assert png.text["Campaign"].startswith("Tháng vận động")


def test_decomposed_input_comes_out_nfc(sample_campaign) -> None:
    title = unicodedata.normalize("NFD", "Thôn Đồng Tâm hưởng ứng")
    result = render_piece(
        Piece("poster-bhxh", "nong-dan", "A4", {"title": title}),
        sample_campaign,
        RenderOptions(formats=("pdf",)),
    )
    assert result.ok
    text = pdf_text(result.artifact("pdf").data)
    assert unicodedata.normalize("NFC", "THÔN ĐỒNG TÂM HƯỞNG ỨNG") in text


def test_overlong_title_is_an_error_naming_the_field(sample_campaign) -> None:
    title = "Bảo hiểm xã hội tự nguyện, chỗ dựa vững chắc cho mọi nhà khi về già"
    result = render_piece(
        Piece("poster-bhxh", "toan-dan", "A4", {"title": title[:60]}),
        sample_campaign,
        RenderOptions(formats=("pdf",)),
    )
    assert not result.ok
    errors = [c for c in result.checks if c.is_error]
    assert {c.field for c in errors} == {"title"}
    assert any("Tiêu đề" in c.vi for c in errors)


def test_missing_glyph_and_missing_required_field_are_reported(sample_campaign) -> None:
    result = render_piece(
        Piece("poster-bhxh", "toan-dan", "A4", {"title": "BHXH 社会保险"}),
        sample_campaign,
        RenderOptions(formats=("pdf",)),
    )
    glyph = [c for c in result.checks if c.code == "glyph"]
    assert glyph and glyph[0].field == "title" and "U+793E" in glyph[0].vi

    result = render_piece(Piece("sms-bhxh", "toan-dan", None, {"message": "  "}), sample_campaign)
    assert [c.field for c in result.checks if c.code == "required"] == ["message"]


def test_low_resolution_image_is_flagged(sample_campaign, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 80), "#3366aa").save(tmp_path / "small.png")
    piece = Piece("poster-bhxh", "toan-dan", "A2", {"photo": str(tmp_path / "small.png")})
    result = render_piece(piece, sample_campaign, RenderOptions(formats=("pdf",)))
    image_checks = [c for c in result.checks if c.code == "image"]
    assert image_checks and image_checks[0].field == "photo"
    assert not image_checks[0].is_error  # a warning: blurry is allowed, clipped is not


def test_a_resolution_just_under_the_minimum_is_not_shown_as_the_minimum(
    sample_campaign, tmp_path: Path
) -> None:
    # 1495 px across a 10-inch slot is 149.5 dpi: «chỉ đạt 150 dpi (nên ≥ 150 dpi)» read
    # as a contradiction.
    from PIL import Image

    from ansinh.core.render import engine, piece

    Image.new("RGB", (1495, 100), "#3366aa").save(tmp_path / "photo.png")
    prepared = piece.prepare(
        Piece("poster-bhxh", "toan-dan", "A2", {"photo": str(tmp_path / "photo.png")}),
        sample_campaign, TemplateRegistry(),
    )
    slot = engine.SlotReport("photo", images=[("photo.png", 960.0, 64.0)])
    checks = piece._resolution_checks(prepared, engine.PageReport({"photo": slot}, False, "1"))
    assert len(checks) == 1 and "chỉ đạt 149 dpi" in checks[0].vi and "149 dpi" in checks[0].en


def test_segment_changes_the_printed_figure(sample_campaign) -> None:
    poor = _render("poster-bhxh", "A4", "ho-ngheo")
    others = _render("poster-bhxh", "A4", "toan-dan")
    assert "165.000" in pdf_text(poor.artifact("pdf").data)
    assert "264.000" in pdf_text(others.artifact("pdf").data)
    a = png_image(poor.artifact("png").data).convert("L")
    b = png_image(others.artifact("png").data).convert("L")
    assert a.size == b.size
    histogram = ImageChops.difference(a, b).histogram()
    differing = sum(histogram[41:])  # pixels whose grey level moved by more than 40
    assert differing > 50


def test_pdf_x4_preset(sample_campaign) -> None:
    piece = Piece("poster-bhxh", "toan-dan", "A4")
    x4 = render_piece(piece, sample_campaign, RenderOptions(formats=("pdf",), pdf_x4=True))
    data = x4.artifact("pdf").data
    assert data.startswith(b"%PDF-1.6") and b"PDF/X-4" in data


def test_crop_marks_sit_in_a_slug_outside_the_bleed(sample_campaign) -> None:
    from ansinh.core.render.piece import SLUG_MM

    piece = Piece("poster-bhxh", "toan-dan", "A4")
    result = render_piece(
        piece, sample_campaign,
        RenderOptions(formats=("pdf", "png"), crop_marks=True, trim_png=False, png_dpi=72),
    )
    assert result.ok
    boxes = pdf_boxes(result.artifact("pdf").data)
    trim, bleed, media = boxes["trim"], boxes["bleed"], boxes["media"]
    assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.05)
    assert bleed[2] - bleed[0] == pytest.approx((210 + 2 * 3) * MM, abs=0.05)
    assert media[2] - media[0] == pytest.approx((210 + 2 * (3 + SLUG_MM)) * MM, abs=0.05)
    # At 72 dpi one pixel is one point: the top-left vertical mark runs along the trim's
    # left edge, in the slug above the bleed; the slug corner itself stays blank.
    png = png_image(result.artifact("png").data).convert("L")
    edge = round(trim[0] - media[0])
    top = round(media[3] - trim[3])  # PDF y grows upwards, pixels downwards
    column = [png.getpixel((edge, y)) for y in range(2, top - round(3 * MM) - 2)]
    assert min(column) < 128
    assert png.getpixel((3, 3)) > 250


def test_png_dpi_sets_pixel_size(sample_campaign) -> None:
    result = render_piece(
        Piece("poster-bhxh", "toan-dan", "A4"),
        sample_campaign,
        RenderOptions(formats=("png",), png_dpi=50),
    )
    png = png_image(result.artifact("png").data)
    expected = (210 / 25.4 * 50, 297 / 25.4 * 50)  # PDFium rounds to a whole pixel
    assert all(abs(got - want) <= 1 for got, want in zip(png.size, expected, strict=True))


@pytest.mark.parametrize(("width_px", "png_dpi"), [(600, None), (None, 12)])
def test_fast_png_for_previews_holds_the_same_pixels_and_metadata(
    sample_campaign, width_px, png_dpi
) -> None:
    pdf = _render("banner-bhxh", "5x0.8m").artifact("pdf").data
    meta = {"Title": "Băng rôn — Nông dân", "Segment": "nong-dan", "Empty": ""}
    document = pdfium.PdfDocument(pdf)
    try:
        options = {"dpi": png_dpi, "width_px": width_px, "png_dpi": png_dpi}
        fast, size = page_png(document, 0, meta, compress_level=1, **options)
        kept, kept_size = page_png(document, 0, meta, compress_level=6, **options)
    finally:
        document.close()
    with Image.open(io.BytesIO(fast)) as check:
        check.verify()  # chunk CRCs and structure
    decoded, reference = png_image(fast), png_image(kept)
    assert decoded.mode == "RGB" and decoded.size == size == kept_size == reference.size
    if width_px:
        assert size[0] == width_px
    assert ImageChops.difference(decoded, reference).getbbox() is None
    assert decoded.text == reference.text == meta
    assert decoded.info.get("dpi") == reference.info.get("dpi")
    assert (decoded.info.get("dpi") is None) == (png_dpi is None)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=70_000), st.binary(max_size=70_000), st.integers(1, 3))
def test_adler32_of_two_runs_combines_as_zlib_computes_it(first, second, repeat) -> None:
    second *= repeat  # long runs of the same bytes, as in flat artwork
    combined = _adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


@pytest.mark.parametrize(
    ("template_id", "segment", "size", "values", "shared_inside"),
    [
        ("banner-bhxh", "nong-dan", "5x0.8m", {"place": "Thôn Đồng Tâm"}, False),
        # A letter's own lines sit apart (name, address, amount): the rows between them
        # are the underlay's too.
        (
            "thu-ngo-ho-gia-dinh", "toan-dan", "A4",
            {"household": "Bà H'Hen Niê", "address": "Buôn Ko Tam, xã Ea Tu", "members": "3"},
            True,
        ),
    ],
)  # fmt: skip
def test_a_png_drawn_over_an_underlay_is_a_valid_zlib_stream(
    sample_campaign, template_id, segment, size, values, shared_inside
) -> None:
    # Its deflate runs and checksum are pieced together from the underlay's; zlib
    # itself checks the result (Pillow stops reading once it has every pixel).
    shared = render_piece(Piece(template_id, segment, size), sample_campaign).artifact("pdf").data
    row = render_piece(
        Piece(template_id, segment, size, values), sample_campaign
    ).artifact("pdf").data
    below, above = pdfium.PdfDocument(shared), pdfium.PdfDocument(row)
    try:
        under = Underlay(page_bitmap(below, 0, width_px=1500).bitmap)
        drawn = page_bitmap(above, 0, width_px=1500, under=under)
        png, _ = encode_png(drawn, {}, 1500, None, 1)
        pixels = drawn.pixels(0, drawn.size[1])
    finally:
        below.close()
        above.close()
    height = under.bitmap.height
    assert under.runs  # drawn over it (not through Pillow)
    inside = [run for run in under.runs if run[0] > 0 and run[1] < height]
    assert bool(inside) == shared_inside
    idat = png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8]
    raw = zlib.decompress(idat)  # raises on a wrong Adler-32
    assert raw == b"".join(b"\0" + row.tobytes() for row in pixels)


@pytest.mark.parametrize(
    ("drawing", "to_the_bottom"),
    [
        ("<p style='position:absolute; top:100px; left:40px; font-size:40px'>Ấy Ộ Ữ</p>", False),
        # An outlined glyph: PDFium's bounds leave its stroke out, so it is drawn to the
        # page's bottom rather than trusted.
        ("<img style='position:absolute; top:100px; left:40px; width:400px' src='data:"
         "image/svg+xml;utf8,<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" "
         "height=\"100\"><text x=\"10\" y=\"70\" font-size=\"60\" stroke=\"red\" "
         "stroke-width=\"12\" fill=\"none\">VWMAN</text></svg>'>", True),
    ],
)
def test_a_page_over_an_underlay_is_drawn_down_to_where_its_objects_end(
    drawing: str, to_the_bottom: bool
) -> None:
    import weasyprint

    page = "@page { size: 400px 1200px; margin: 0 }"
    below = weasyprint.HTML(string=f"<style>{page}</style>")  # white: drawn over, the same
    above = weasyprint.HTML(string=f"<style>{page}</style>{drawing}")
    documents = [pdfium.PdfDocument(html.write_pdf()) for html in (below, above)]
    try:
        under = Underlay(page_bitmap(documents[0], 0, width_px=400).bitmap)
        drawn = page_bitmap(documents[1], 0, width_px=400, under=under)
        whole = page_bitmap(documents[1], 0, width_px=400)
    finally:
        for document in documents:
            document.close()
    assert drawn.size == (400, 1200)
    assert (drawn.end == 1200) is to_the_bottom and drawn.end > 150
    assert (drawn.pixels(0, 1200) == whole.pixels(0, 1200)).all()  # no ink left out


def test_loudspeaker_script_is_written_out_for_reading(sample_campaign) -> None:
    result = render_piece(Piece("loa-bhxh", "dong-bao-dtts"), sample_campaign)
    assert result.ok
    spoken = result.artifact("txt", "read-aloud")
    text = spoken.data.decode("utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert not any(ch.isdigit() for ch in text) and "%" not in text
    assert "một chín không không, chín không sáu tám" in text
    assert "ba mươi phần trăm" in text  # ethnic-minority support rate
    assert "bà con các buôn, bản" in text
    assert 30 < spoken.stats["reading_seconds"] < 300


def test_sms_counts_parts_for_both_encodings(sample_campaign) -> None:
    result = render_piece(Piece("sms-bhxh", "ho-can-ngheo"), sample_campaign)
    with_marks = result.artifact("txt", "sms")
    ascii_only = result.artifact("txt", "sms-ascii")
    body = with_marks.data.decode().strip()
    assert "198.000" in body and "1900 9068" in body
    assert with_marks.stats["encoding"] == "UCS-2"
    assert ascii_only.stats["encoding"] == "GSM-7"
    assert ascii_only.data.decode().strip().isascii()
    n = with_marks.stats["characters"]
    assert with_marks.stats["sms_parts"] == (1 if n <= 70 else -(-n // 67))
    m = ascii_only.stats["characters"]
    assert ascii_only.stats["sms_parts"] == (1 if m <= 160 else -(-m // 153))


def test_the_drawn_icons_are_spelled_out_once_in_the_shared_macros() -> None:
    """Templates draw the phone and the tick with `_shared/icons.j2`, not their own copy
    of its SVG (a copy would keep an old shape when the icon changes)."""
    shapes = {"phone": "M35.5 24c2-1 4.3-.4", "check": "M28 52l15 15 30-32"}
    shared = (ROOT / "templates" / "_shared" / "icons.j2").read_text(encoding="utf-8")
    assert all(shape in shared for shape in shapes.values())
    copies = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file() and path.name != "icons.j2" and path.suffix in (".j2", ".css", ".svg")
        for name, shape in shapes.items()
        if shape in path.read_text(encoding="utf-8")
    ]
    assert copies == []
