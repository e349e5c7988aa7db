"""Batches from officers' spreadsheets, end to end: mapping, validation before render,
shrink-to-fit, safe names, combined PDF, cancel, re-running failed rows."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import time
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pypdfium2 as pdfium
import pytest
from PIL import ImageChops

from ansinh.cli.main import main
from ansinh.core.batch import (
    MIN_CHUNK,
    auto_map,
    combine_pdfs,
    header_key,
    plan_batch,
    run_batch,
    split_chunks,
)
from ansinh.core.campaign import Piece
from ansinh.core.pdfcopy import SourcePdf
from ansinh.core.render import chunk, engine, layers, layout, raster, strip
from ansinh.core.render.piece import RenderOptions, png_artifact, prepare, render_piece
from ansinh.core.render.results import RenderRow
from ansinh.core.render.session import RenderSession
from ansinh.core.templates import TemplateRegistry
from helpers import pdf_boxes, pdf_info, pdf_pages, pdf_text, png_image

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
LONG_BUT_FITS = "Buôn Kô Siêr – phường Tân Lợi, TP. Buôn Ma Thuột"


def write_csv(path: Path, names: list[str], segment: str = "Nông dân") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["DANH SÁCH THÔN TREO BĂNG RÔN NĂM 2026"])
        writer.writerow(["STT", "Tên thôn", "Đối tượng"])
        for number, name in enumerate(names, start=1):
            writer.writerow([number, name, segment])
    return path


def prepared(piece: Piece, campaign):
    return prepare(piece, campaign, TemplateRegistry())


def render_rows(template_id, rows, size, campaign, options, session=None):
    """A worker's chunk of the plan's `rows`, with a fresh worker session unless given one."""
    rows = [RenderRow(row.number, row.segment, row.values) for row in rows]
    return chunk.render_rows(
        template_id, rows, size, campaign, options, session or RenderSession()
    )


def run_all(plan, campaign, out: Path, **kwargs):
    events = list(run_batch(plan, campaign, out, **kwargs))
    return events, events[-1].bundle


def test_header_matching_ignores_case_and_diacritics() -> None:
    assert header_key("  Tên THÔN ") == header_key("ten thon") == "ten thon"
    template = TemplateRegistry().get("banner-bhxh")
    mapping = auto_map(["STT", "Tên thôn", "Ghi chú"], template)
    assert mapping == {"Tên thôn": "place"}  # by alias
    assert auto_map(["Địa điểm"], template, {"Địa điểm": "place"}) == {"Địa điểm": "place"}
    # The desktop table may leave a matching column out on purpose.
    assert auto_map(["Tên thôn", "Khẩu hiệu"], template, {}, auto=False) == {}
    assert auto_map(["Tên thôn", "Khẩu hiệu"], template, {"Khẩu hiệu": "place"}, auto=False) == {
        "Khẩu hiệu": "place"
    }


def test_xlsx_with_title_row_and_merged_cells_becomes_banners(
    tmp_path: Path, sample_campaign
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "DANH SÁCH THÔN ĐIỂM"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["STT", "Xã", "Tên thôn", "Đối tượng"])
    sheet.append([1, "Ea Kao", "Thôn Đồng Tâm", "Đồng bào dân tộc thiểu số"])
    sheet.append([2, None, "Buôn Kô Siêr", "nong-dan"])
    sheet.merge_cells("B4:B5")
    for _ in range(5):
        sheet.append([None, None, None, None])
    book.save(tmp_path / "thon.xlsx")

    plan = plan_batch("banner-bhxh", tmp_path / "thon.xlsx", sample_campaign, size="3x1m")
    assert plan.problems == [] and [r.number for r in plan.rows] == [4, 5]
    assert [r.segment for r in plan.rows] == ["dong-bao-dtts", "nong-dan"]
    events, bundle = run_all(plan, sample_campaign, tmp_path / "out")
    assert [e.kind for e in events] == ["row", "row", "finished"]
    manifest = json.loads((bundle.folder / "manifest.json").read_text(encoding="utf-8"))
    pdfs = [f for f in manifest["files"] if f["format"] == "pdf"]
    assert [(f["row"], f["segment"]) for f in pdfs] == [(4, "dong-bao-dtts"), (5, "nong-dan")]
    assert all(f["segment"] in f["file"] for f in manifest["files"])
    assert "Buôn Kô Siêr" in pdf_text((bundle.folder / pdfs[1]["file"]).read_bytes())
    combined = bundle.folder / manifest["combined_pdf"]
    assert pdf_pages(combined.read_bytes()) == 2


def test_combined_pdf_holds_every_row_page_as_written(tmp_path: Path, sample_campaign) -> None:
    # Row PDFs as WeasyPrint writes them: compressed (object streams, cross-reference
    # stream), uncompressed (classic table) and PDF/X-4; two sizes; then rows of a
    # layered chunk (their page drawn over their shared page).
    kinds = [
        ("5x0.8m", "Thôn Đồng Tâm", RenderOptions(formats=("pdf",))),
        ("3x1m", "Buôn (Kô) Siêr \\ 2", RenderOptions(formats=("pdf",), fast_pdf=True)),
        ("5x0.8m", "Thôn 3 – xã Ea Kao", RenderOptions(formats=("pdf",), pdf_x4=True)),
    ]
    paths = []
    for number, (size, place, options) in enumerate(kinds):
        piece = Piece("banner-bhxh", "nong-dan", size, {"place": place})
        result = render_piece(piece, sample_campaign, options)
        paths.append(tmp_path / f"{number}.pdf")
        paths[-1].write_bytes(result.artifact("pdf").data)
    rows = write_csv(tmp_path / "t.csv", ["Thôn 4", "Thôn 5", "Thôn 6"])
    plan = plan_batch("banner-bhxh", rows, sample_campaign, size="5x0.8m")
    outputs = render_rows("banner-bhxh", plan.rows, plan.size, sample_campaign, kinds[0][2])
    for output, row in zip(outputs, plan.rows, strict=True):
        assert b"/ansinhUnder" in output.artifacts[0].data
        paths.append(tmp_path / f"{row.number}.pdf")
        paths[-1].write_bytes(output.artifacts[0].data)
    target = tmp_path / "all.pdf"
    assert combine_pdfs(paths, target) == 6
    data = target.read_bytes()
    assert pdf_pages(data) == 6
    assert pdf_text(data) == " ".join(pdf_text(p.read_bytes()) for p in paths)
    combined = pdfium.PdfDocument(data)
    try:
        for index, path in enumerate(paths):
            assert pdf_boxes(data, index) == pdf_boxes(path.read_bytes())
            row = pdfium.PdfDocument(path)
            try:
                got, want = (page.render(scale=0.05).to_pil() for page in (combined[index], row[0]))
                assert ImageChops.difference(got, want).getbbox() is None
            finally:
                row.close()
    finally:
        combined.close()
    # Every cross-reference entry points at its object (PDFium would quietly repair a
    # broken table; other readers may not).
    xref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    lines = data[xref : data.index(b"trailer", xref)].split(b"\n")
    count = int(lines[1].split()[1])
    for number, line in enumerate(lines[3 : 2 + count], start=1):
        assert len(line) == 19 and data.startswith(b"%d 0 obj" % number, int(line[:10]))


@pytest.mark.parametrize("pdf_x4", [False, True])
def test_row_files_of_a_chunk_match_the_piece_rendered_alone(
    tmp_path: Path, sample_campaign, pdf_x4: bool
) -> None:
    # A chunk writes its rows' pages as one PDF and cuts each row's PDF out of it, each
    # row's own layer (the place) drawn over the page its segment's rows share; the long
    # name shrinks, so its page comes from the second layout pass. PDF/X-4 rows are
    # written whole.
    names = ["Thôn Đồng Tâm", LONG_BUT_FITS, "Buôn Ea Kao", "Thôn 4", "Thôn 5", "Thôn 6"]
    segments = ["Nông dân", "nong-dan", "dong-bao-dtts"] * 2
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tên thôn", "Đối tượng"])
        writer.writerows(zip(names, segments, strict=True))
    plan = plan_batch("banner-bhxh", tmp_path / "t.csv", sample_campaign, size="5x0.8m")
    options = RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1, pdf_x4=pdf_x4)
    outputs = render_rows("banner-bhxh", plan.rows, plan.size, sample_campaign, options)
    for output, row, name in zip(outputs, plan.rows, names, strict=True):
        assert_matches_alone(output, row, name, names, sample_campaign, options)


def assert_matches_alone(output, row, name: str, names: list[str], campaign, options) -> None:
    """A banner row's files, cut out of its chunk, show what the piece alone shows."""
    assert output.ok, output.checks
    pdf, png = (a.data for a in output.artifacts)
    piece = Piece("banner-bhxh", row.segment, "5x0.8m", row.values)
    alone = render_piece(piece, campaign, options)
    want_pdf, want_png = (alone.artifact(f).data for f in ("pdf", "png"))
    text = pdf_text(pdf)
    assert name in text and not any(n in text for n in names if n not in name)
    assert pdf_boxes(pdf) == pdf_boxes(want_pdf)
    assert (b"/ansinhUnder" in pdf) is not options.pdf_x4
    info, want_info = (
        {k: v for k, v in pdf_info(d).items() if "Date" not in k} for d in (pdf, want_pdf)
    )
    assert info == want_info and row.segment in info["Keywords"]
    # Only the forms of its own page and of the page it is drawn over (that page
    # itself, one more), not those of every page of the chunk.
    forms = [
        sum(b"/Subtype /Form" in body for body in SourcePdf(data).objects.values())
        for data in (pdf, want_pdf)
    ]
    assert forms[0] <= 2 * forms[1] + 1
    # The PNG (a row's own page drawn over its shared page's pixels) is the row's
    # PDF rasterized, and the same as the piece alone's.
    document = pdfium.PdfDocument(pdf)
    try:
        own_png = png_artifact(document, 0, prepared(piece, campaign), options).data
    finally:
        document.close()
    assert png_image(png).tobytes() == png_image(own_png).tobytes()
    assert png_image(png).tobytes() == png_image(want_png).tobytes()


@pytest.mark.parametrize(
    ("template_id", "size", "header", "values", "drawn_to"),
    [
        # A letter's own lines (name, address, amount) end above the middle of the A4.
        ("thu-ngo-ho-gia-dinh", "A4", "Chủ hộ",
         ["Ông Y Bhim Êban", "Bà H'Hen Niê", "Ông Lê Văn Hùng", "Bà Trần Thị Lan"], 0.5),
        # A standee's call to action sits low on a tall page (rows past 2800 of 3750):
        # drawn there over the shared pixels, pixel for pixel still.
        ("standee-bhxh", "80x200cm", "Lời kêu gọi",
         ["Thôn 1, xã Hòa Phú", "Buôn Kô Siêr – phường Tân Lợi", "Ễ Ữ Ợ xã Ậy",
          "Thôn Đắk Lắk mới"], 1.0),
    ],
)  # fmt: skip
def test_rows_draw_only_down_to_their_own_objects_and_match_the_piece_alone(
    tmp_path: Path, sample_campaign, monkeypatch, template_id, size, header, values, drawn_to
) -> None:
    # Each row's page is rendered down to where its own objects end, over its group's
    # shared pixels, and its PNG is still the piece alone's, pixel for pixel; so are its
    # contrast checks (with a green and red palette, the letter's red amount on its green
    # box is named for every row).
    with (tmp_path / "h.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header])
        writer.writerows([value] for value in values)
    campaign = dataclasses.replace(sample_campaign, primary="#1B6E3A", accent="#D62828")
    plan = plan_batch(template_id, tmp_path / "h.csv", campaign, size=size, segment="toan-dan")
    drawn = []
    real = raster.page_bitmap

    def page_bitmap(*args, **kwargs):
        drawn.append(real(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(raster, "page_bitmap", page_bitmap)
    options = RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1)
    outputs = render_rows(plan.template.id, plan.rows, plan.size, campaign, options)
    bands = [d for d in drawn if d.under is not None]
    assert len(bands) == len(values)
    assert all(d.end <= d.size[1] * drawn_to for d in bands)
    monkeypatch.setattr(raster, "page_bitmap", real)
    for output, row in zip(outputs, plan.rows, strict=True):
        alone = render_piece(Piece(template_id, row.segment, size, row.values), campaign, options)
        assert png_image(output.artifact("png").data).tobytes() == png_image(
            alone.artifact("png").data
        ).tobytes()
        assert [c.vi for c in output.checks] == [c.vi for c in alone.checks]
        if template_id == "thu-ngo-ho-gia-dinh":
            assert any(c.code == "contrast" and c.field == "members" for c in output.checks)


def test_a_workers_next_chunks_draw_over_the_shared_page_it_kept(
    tmp_path: Path, sample_campaign, monkeypatch
) -> None:
    # The first chunk lays out the segment's shared page; the next chunks, whose rows
    # have the same page outside their slots, lay out only their strip (the long name
    # shrinks: a second strip) and draw over the kept page, its kept pixels and the PDF
    # of it the first chunk wrote: they write only their rows' pages.
    session = RenderSession()  # one worker's, across its chunks
    laid_out, written = [], []
    real, real_write = layout.lay_out, chunk.write_pdf

    def lay_out(*args):
        document, fetcher = real(*args)
        laid_out.append(len(document.pages))
        return document, fetcher

    def write_pdf(document, *args):
        written.append(len(document.pages))
        return real_write(document, *args)

    monkeypatch.setattr(layout, "lay_out", lay_out)
    monkeypatch.setattr(chunk, "write_pdf", write_pdf)
    longer = "Buôn Kô Siêr – phường Tân Lợi, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk"
    chunks = [
        ["Thôn 1", "Thôn 2", "Thôn 3"],
        ["Thôn 4", longer, "Thôn 6"],
        ["Thôn 7", "Thôn 8", "Thôn 9"],
    ]
    options = RenderOptions(formats=("pdf", "png"), png_width=1500, png_compress=1)
    passes = []
    for number, names in enumerate(chunks):
        rows = write_csv(tmp_path / f"{number}.csv", names)
        plan = plan_batch("banner-bhxh", rows, sample_campaign, size="5x0.8m")
        laid_out.clear()
        outputs = render_rows(
            "banner-bhxh", plan.rows, plan.size, sample_campaign, options, session
        )
        passes.append(laid_out[:])
        for output, row, name in zip(outputs, plan.rows, names, strict=True):
            assert_matches_alone(output, row, name, names, sample_campaign, options)
    # Pages per pass: the slogan measured on one row; then shared page + strip; strips.
    assert passes == [[1, 2], [1, 1], [1]]
    assert written == [4, 3, 3]
    # A last row carries the kept page's font subsets beside its chunk's: never two
    # subsets under one name (ISO 32000-1, 9.6.4).
    names = re.findall(rb"/FontName\s*/([A-Z]{6}\+[^\s/>]+)", outputs[-1].artifacts[0].data)
    assert len(names) > len({name.split(b"+")[1] for name in names})  # both sets of subsets
    assert len(names) == len(set(names))


def test_a_kept_shared_page_written_for_tests_is_not_reused_by_a_normal_chunk(
    tmp_path: Path, sample_campaign
) -> None:
    # `fast_pdf` (whole fonts, uncompressed) writes a kept page a normal chunk must not
    # draw its rows over: they would carry 30× the bytes.
    session = RenderSession()
    fast = RenderOptions(formats=("pdf", "png"), png_width=600, png_compress=1, fast_pdf=True)
    normal = dataclasses.replace(fast, fast_pdf=False)
    for number, options in enumerate((fast, normal)):
        names = [f"Thôn {number}{n}" for n in range(3)]
        plan = plan_batch("banner-bhxh", write_csv(tmp_path / f"{number}.csv", names),
                          sample_campaign, size="5x0.8m")
        outputs = render_rows("banner-bhxh", plan.rows, plan.size, sample_campaign, options,
                              session)
    for output, row, name in zip(outputs, plan.rows, names, strict=True):
        assert_matches_alone(output, row, name, names, sample_campaign, normal)
        alone = render_piece(Piece("banner-bhxh", row.segment, "5x0.8m", row.values),
                             sample_campaign, normal).artifact("pdf").data
        assert len(output.artifacts[0].data) < 2 * len(alone)


def test_a_workers_first_chunk_measures_the_shared_slogan_on_one_row_first(
    tmp_path: Path, sample_campaign, monkeypatch
) -> None:
    # A slogan too long for its slot shrinks on every row; measured on one row first,
    # the chunk is laid out once more for that row, not twice for every row.
    rows = write_csv(tmp_path / "t.csv", ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4"])
    slogan = "Tham gia bảo hiểm xã hội tự nguyện để có lương hưu khi về già"
    plan = plan_batch(
        "banner-bhxh", rows, sample_campaign, size="3x1m", constants={"title": slogan}
    )
    session = RenderSession()
    passes = []
    real = layers.lay_out

    def lay_out(items, *args):
        passes.append(len(items))
        return real(items, *args)

    monkeypatch.setattr(layers, "lay_out", lay_out)
    options = RenderOptions(formats=("png",), png_dpi=12)
    outputs = render_rows("banner-bhxh", plan.rows, plan.size, sample_campaign, options, session)
    assert passes == [1, 4]
    assert [pt for key, pt in session.fits.items() if key[1] == "title"] < [400]
    for output, row in zip(outputs, plan.rows, strict=True):
        piece = Piece("banner-bhxh", row.segment, "3x1m", row.values)
        want = render_piece(piece, sample_campaign, options).artifact("png").data
        assert png_image(output.artifacts[0].data).tobytes() == png_image(want).tobytes()


def lop_template(user_dir: Path, style: str, sheet: str) -> None:
    """A user template "lop" (A6) with fields `ten` and `kieu`."""
    folder = user_dir / "templates" / "lop"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "lop"\nname = "Lớp"\nkind = "poster"\nhtml = "p.html.j2"\n'
        '[[sizes]]\nid = "A6"\nwidth_mm = 105\nheight_mm = 148\n'
        '[[fields]]\nid = "ten"\ntype = "text"\nlabel = "Tên"\n'
        '[[fields]]\nid = "kieu"\ntype = "text"\nlabel = "Kiểu"\n',
        encoding="utf-8",
    )
    (folder / "p.html.j2").write_text(
        '{% extends "page.html.j2" %}{% block style %}'
        ".ten { position: absolute; left: 10mm; top: 20mm; width: 85mm; height: 12mm; }"
        f"{style}{{% endblock %}}{{% block sheet %}}{sheet}{{% endblock %}}",
        encoding="utf-8",
    )


LOP_NAMES = ["Thôn Một", "Thôn Hai", "Thôn Ba", "Thôn Bốn"]


def lop_plan(tmp_path: Path, campaign, kind: str = ""):
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tên"])
        writer.writerows([name] for name in LOP_NAMES)
    return plan_batch(
        "lop", tmp_path / "t.csv", campaign, segment="nong-dan", constants={"kieu": kind}
    )


def assert_as_alone(pdf: bytes, png: bytes, row, campaign, options) -> None:
    """A row's files show what the piece rendered alone shows."""
    alone = render_piece(Piece("lop", row.segment, "A6", row.values), campaign, options)
    # The same words (a layered page gives its shared text first).
    words = (sorted(pdf_text(d).split()) for d in (pdf, alone.artifact("pdf").data))
    assert next(words) == next(words)
    assert png_image(png).tobytes() == png_image(alone.artifact("png").data).tobytes()


def test_fit_sizes_a_worker_remembers_belong_to_their_layout(
    tmp_path: Path, sample_campaign
) -> None:
    # Without a logo the 3 × 1 m banner's place slot is wider: a size measured with
    # the logo must not be reused (sizes only ever shrink, the name would stay small).
    session = RenderSession()  # one worker renders both
    rows = write_csv(tmp_path / "t.csv", [LONG_BUT_FITS, "Thôn 2", "Thôn 3"])
    options = RenderOptions(formats=("png",), png_dpi=12)
    for campaign in (sample_campaign, dataclasses.replace(sample_campaign, logo=None)):
        plan = plan_batch("banner-bhxh", rows, campaign, size="3x1m")
        output = render_rows("banner-bhxh", plan.rows, plan.size, campaign, options, session)[0]
        alone = render_piece(
            Piece("banner-bhxh", plan.rows[0].segment, "3x1m", plan.rows[0].values),
            campaign,
            options,
        ).artifact("png")
        assert png_image(output.artifacts[0].data).tobytes() == png_image(alone.data).tobytes()


@pytest.mark.parametrize(
    ("kind", "layered"),
    [("", [True] * 4), ("che", [False] * 4), ("lap", [False] * 4)],
)
def test_rows_are_laid_out_whole_when_their_layers_would_not_add_up(
    tmp_path: Path, isolated_user_dir: Path, sample_campaign, kind: str, layered: list[bool]
) -> None:
    # "che": a translucent box drawn after the name covers part of it (in two layers
    # the name would be drawn over it); "lap": the name shows again in an element
    # without data-field, so no two rows have the same page outside their slots.
    lop_template(
        isolated_user_dir,
        ".che { position: absolute; left: 20mm; top: 18mm; width: 15mm; height: 20mm;"
        " background: rgba(200, 0, 0, 0.5); }"
        ".lap { position: absolute; left: 10mm; top: 60mm; }",
        '<div class="ten" data-field="ten">{{ f.ten }}</div>'
        '{% if f.kieu == "che" %}<div class="che"></div>{% endif %}'
        '{% if f.kieu == "lap" %}<div class="lap">{{ f.ten | upper }}</div>{% endif %}',
    )
    plan = lop_plan(tmp_path, sample_campaign, kind)
    options = RenderOptions(formats=("pdf", "png"), png_dpi=96)
    _, bundle = run_all(plan, sample_campaign, tmp_path / "out", options=options, combined=False)
    for row, name, over in zip(plan.rows, LOP_NAMES, layered, strict=True):
        pdf, png = (
            (bundle.folder / e.file).read_bytes() for e in bundle.entries if e.row == row.number
        )
        assert (b"/ansinhUnder" in pdf) is over
        assert name in pdf_text(pdf) and (kind != "lap" or name.upper() in pdf_text(pdf))
        assert_as_alone(pdf, png, row, sample_campaign, options)


@pytest.mark.parametrize(
    ("style", "sheet", "stripped"),
    [
        ("", "", [True] * 4),
        # The rest of the page is not the shared page's: laid out on its own page.
        ("", '{% if f.ten == "Thôn Ba" %}<i>*</i>{% endif %}', [True, True, False, True]),
        # A rule that selects by position among siblings: no strip at all.
        (".ten:first-child { color: #c00; }", "", [False] * 4),
        ("p + .ten { color: #c00; }", "<p>x</p>", [False] * 4),
        # The slot's box follows its text: only the row whose box is the shared page's.
        (".ten { width: auto; }", "", [True, False, False, False]),
        # Generated content (a counter would count the strip's other rows) or a slot in
        # the flow: each row on its own page.
        (".ten { counter-increment: n; } .ten::before { content: counter(n); }", "", [False] * 4),
        (".ten { position: static; margin: 20mm 0 0 10mm; }", "", [False] * 4),
        ("", '<div class="o" style="position: relative">{{ f.ten }}</div>', [False] * 4),
        # A nested rule that selects by position; a page background (WeasyPrint moves
        # it to the canvas, which a row's own page would paint over the shared page).
        (".ten { &:first-child { color: #c00; } }", "", [False] * 4),
        ("body { background: #fff; }", '<i class="o" style="position: absolute; top: 60mm;'
         ' width: 50mm; height: 20mm; background: #c00"></i>', [False] * 4),
    ],
)
def test_rows_in_a_strip_show_what_their_whole_page_shows(
    tmp_path: Path,
    isolated_user_dir: Path,
    sample_campaign,
    monkeypatch,
    style: str,
    sheet: str,
    stripped: list[bool],
) -> None:
    # A layered row whose page differs from the shared one only inside its slots gets
    # its own layer from a strip (all such rows' slots laid out on one page); whatever
    # could make that differ from its whole page sends the row to a page of its own.
    slot = '<div class="ten" data-field="ten">{{ f.ten }}</div>'
    if sheet.startswith("<div"):  # the slot inside another element
        sheet, slot = sheet.replace("{{ f.ten }}", slot), ""
    lop_template(isolated_user_dir, style, slot + sheet)
    plan = lop_plan(tmp_path, sample_campaign)
    cut = []
    real = engine.split_strip

    def split(*args):
        pages = real(*args)
        cut.extend(pages or [])
        return pages

    monkeypatch.setattr(engine, "split_strip", split)
    options = RenderOptions(formats=("pdf", "png"), png_dpi=96)
    outputs = render_rows("lop", plan.rows, plan.size, sample_campaign, options)
    assert [row.number in cut for row in plan.rows] == stripped
    for output, row, name in zip(outputs, plan.rows, LOP_NAMES, strict=True):
        assert output.ok, output.checks
        pdf, png = (a.data for a in output.artifacts)
        assert name in pdf_text(pdf) and not any(n in pdf_text(pdf) for n in LOP_NAMES if n != name)
        assert_as_alone(pdf, png, row, sample_campaign, options)


def test_kept_shared_pages_hold_bounded_pixels() -> None:
    # Print-size PNG underlays take ~100 MB each: past the bound, the least recently
    # used pages give theirs up (they are rasterized again if needed).
    session = RenderSession(kept_pixels=250)
    pages = [layers.Shared(None, None, [], []) for _ in range(4)]
    for number, shared in enumerate(pages):
        session.keep((number,), shared)
        session.keep_pixels(shared, RenderOptions(), SimpleNamespace(nbytes=100))
    assert [p.underlay is not None for p in pages] == [False, False, True, True]


def test_a_shared_sheet_on_two_pages_is_reported_not_cut(
    tmp_path: Path, isolated_user_dir: Path, sample_campaign
) -> None:
    # The sheet breaks onto a second page: every row's piece alone fails its page
    # check; a strip over the shared sheet's last page must not hide that.
    lop_template(
        isolated_user_dir,
        ".tall { height: 20mm; break-after: page; }",
        '<div class="tall">x</div><p>thêm</p><div class="ten" data-field="ten">{{ f.ten }}</div>',
    )
    plan = lop_plan(tmp_path, sample_campaign)
    options = RenderOptions(formats=("pdf",))
    for output, row in zip(
        render_rows("lop", plan.rows, plan.size, sample_campaign, options), plan.rows, strict=True
    ):
        alone = render_piece(Piece("lop", row.segment, "A6", row.values), sample_campaign, options)
        assert not alone.ok and not output.ok
        assert output.checks == alone.checks
        assert pdf_pages(output.artifact("pdf").data) == pdf_pages(alone.artifact("pdf").data) == 2


@pytest.mark.parametrize(
    ("css", "free"),
    [
        (".a .b > p { color: red } @media print { .c ~ p { color: red } }", False),
        ("li:nth-child(2n+1) { color: red }", False),
        (":is(.a, .b:last-of-type) p { color: red }", False),
        ("div:has(> p) { color: red }", False),
        (".a { color: red; & + .b { color: blue } }", False),
        ("@import url(more.css);", False),
        ("p:not(.x) > span { margin: calc(1px + 2px) }", True),
        ("@page :first { margin: 0 } @font-face { font-family: x } a:hover { color: red }", True),
    ],
)
def test_strips_need_css_that_never_selects_by_siblings_or_children(css: str, free: bool) -> None:
    assert strip.position_free(f"<head><style>{css}</style></head>") is free


def test_bad_rows_are_reported_with_excel_numbers_before_rendering(
    tmp_path: Path, sample_campaign
) -> None:
    rows = write_csv(tmp_path / "t.csv", ["Thôn 1", "", "x" * 120, "Thôn 4"])
    plan = plan_batch("banner-bhxh", rows, sample_campaign)
    # Title row 1, header row 2: data starts on row 3 as Excel shows it.
    # An empty place is allowed (the field is optional); 120 characters are not.
    assert [r.number for r in plan.rows] == [3, 4, 6]
    assert sorted(plan.bad_rows) == [5]
    assert all(p.field == "place" for p in plan.problems)
    out = tmp_path / "out"
    code = main(
        [
            "batch",
            "banner-bhxh",
            "--rows",
            str(rows),
            "--out",
            str(out),
            "--stop-on-error",
            "--campaign",
            str(SAMPLE),
        ]
    )
    assert code == 1 and not out.exists()


def test_long_names_shrink_or_are_reported_never_clipped(tmp_path: Path, sample_campaign) -> None:
    too_long = "Thôn " + "Đồng Tâm Hòa Bình " * 4
    # Four rows: the chunk is laid out in paint layers, checked as whole pages.
    rows = write_csv(tmp_path / "t.csv", [LONG_BUT_FITS, too_long[:80], "Thôn 3", "Thôn 4"])
    plan = plan_batch("banner-bhxh", rows, sample_campaign, size="3x1m")
    events, bundle = run_all(plan, sample_campaign, tmp_path / "out")
    kinds = {e.row: e for e in events if e.row}
    assert kinds[3].kind == "row"
    text = pdf_text((bundle.folder / kinds[3].files[0]).read_bytes())
    assert LONG_BUT_FITS in text
    assert kinds[4].kind == "failed" and not kinds[4].files
    assert {c.field for c in kinds[4].checks if c.is_error} == {"place"}
    state = json.loads((bundle.folder / "batch.json").read_text(encoding="utf-8"))
    assert state["rows"] == {"3": "ok", "4": "failed", "5": "ok", "6": "ok"}


def test_hostile_and_duplicate_names_give_safe_unique_files(
    tmp_path: Path, sample_campaign
) -> None:
    names = [
        "../x",
        "CON",
        "Thôn 1/2",
        "Thôn A",
        "thôn a",
        "Thôn " + "B" * 40,
        '=HYPERLINK("http://x")',
    ]
    rows = write_csv(tmp_path / "t.csv", names)
    plan = plan_batch("banner-bhxh", rows, sample_campaign, mapping={"Tên thôn": "place"})
    out = tmp_path / "out"
    _, bundle = run_all(plan, sample_campaign, out, combined=False)
    files = [e.file for e in bundle.entries]
    assert len(files) == len(names) * 2 and len({f.casefold() for f in files}) == len(files)
    for path in tmp_path.rglob("*"):
        assert path in (rows, out) or out in path.parents
    for name in files:
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert name.split(".")[0].split("-")[-1] != "CON"
        assert (out / name).is_file()
    with (out / "manifest.csv").open(encoding="utf-8-sig") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_cancel_stops_within_a_second_and_leaves_no_partial_files(
    tmp_path: Path, sample_campaign
) -> None:
    rows = write_csv(tmp_path / "t.csv", [f"Thôn {i}" for i in range(2000)])
    plan = plan_batch("banner-bhxh", rows, sample_campaign)
    assert len(plan.rows) == 2000
    out = tmp_path / "out"
    events = run_batch(plan, sample_campaign, out, chunk_size=20)
    reported: dict[int, list[str]] = {}
    for event in events:
        reported[event.row] = event.files
        if event.done >= 3:  # mid-chunk: its other rows' files are written already
            break
    started = time.monotonic()
    events.close()
    assert time.monotonic() - started < 1.0
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    state = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert state["finished"] is False
    written = {p.name for p in out.iterdir()} - {"batch.json", "manifest.json", "manifest.csv"}
    # Exactly the rows reported done: files, manifest and the state a re-run reads.
    assert written == {e["file"] for e in state["entries"]} == {
        name for files in reported.values() for name in files
    }
    assert {int(r) for r, s in state["rows"].items() if s == "ok"} == set(reported)
    for name in written:
        if name.endswith(".pdf"):
            assert pdf_pages((out / name).read_bytes()) == 1


def test_rerun_renders_only_the_rows_that_failed(tmp_path: Path, sample_campaign) -> None:
    too_long = "Thôn " + "Đồng Tâm Hòa Bình " * 4
    rows = write_csv(tmp_path / "t.csv", ["Thôn 1", too_long[:80], "Thôn 3"])
    out = tmp_path / "out"
    plan = plan_batch("banner-bhxh", rows, sample_campaign)
    run_all(plan, sample_campaign, out)
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("*.png")}
    assert len(first) == 2

    write_csv(rows, ["Thôn 1", "Thôn Hai", "Thôn 3"])
    plan = plan_batch("banner-bhxh", rows, sample_campaign)
    events, bundle = run_all(plan, sample_campaign, out, only_failed=True)
    assert [e.row for e in events if e.kind == "row"] == [4]
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.png") if p.name in first} == first
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted({f["row"] for f in manifest["files"]}) == [3, 4, 5]
    assert pdf_pages((out / manifest["combined_pdf"]).read_bytes()) == 3


@pytest.mark.parametrize(
    ("count", "size", "workers"), [(200, 40, 2), (1000, 40, 2), (7, 20, 4), (50, 5, 2)]
)
def test_chunks_cover_every_row_once_and_shrink_towards_the_end(count, size, workers) -> None:
    rows = list(range(count))
    chunks = split_chunks(rows, size, workers)
    assert [r for c in chunks for r in c] == rows
    lengths = [len(c) for c in chunks]
    assert all(0 < n <= size for n in lengths)
    assert lengths[:-1] == sorted(lengths[:-1], reverse=True)
    # The last round leaves no worker a big chunk to finish alone, nor a tiny one to
    # lay out on its own (the last few rows join the chunk before them).
    assert max(lengths[-2 * workers :]) < 2 * MIN_CHUNK
    assert min(lengths) >= min(MIN_CHUNK, size, count)


@pytest.mark.parametrize("template_id", ["loa-bhxh", "sms-bhxh"])
def test_text_templates_batch_too(tmp_path: Path, sample_campaign, template_id: str) -> None:
    rows = tmp_path / "t.csv"
    rows.write_text(
        "Tiêu đề bài,Nội dung tin,Đối tượng\nBHXH cho bà con,Tham gia ngay.,Hộ nghèo\n",
        encoding="utf-8",
    )
    plan = plan_batch(template_id, rows, sample_campaign)
    _, bundle = run_all(plan, sample_campaign, tmp_path / "out")
    assert bundle.entries and all(e.segment == "ho-ngheo" for e in bundle.entries)
    assert {e.format for e in bundle.entries} <= set(plan.template.outputs)  # loa: + audio
    assert any(e.format == "txt" for e in bundle.entries)
