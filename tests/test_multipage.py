"""Multi-page pieces: the `pages` a template declares, the tri-fold's folding order, the
booklet's pagination and contents, one PNG per page, batches of multi-page templates,
and every new template × size from the sample campaign without a check."""

from __future__ import annotations

import csv
import json
import re
import tomllib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.bundle import Bundle
from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.templates.manifest import parse_manifest
from helpers import MM, pdf_boxes, pdf_pages, pdf_text

ROOT = Path(__file__).resolve().parents[1]
NEW_TEMPLATES = ("to-gap-3", "to-roi-a5", "so-tay-hoi-dap", "slides")
TEXT = RenderOptions(formats=("pdf",), fast_pdf=True)

# The pieces to add to assets/sample/campaign.toml (the report gives them to the lead).
PIECES = """
[[piece]]
template = "to-gap-3"
size = "A4-ngang"
segment = "lao-dong-tu-do"

[[piece]]
template = "to-roi-a5"
size = "A5"
segment = "huu-tri"
[piece.values]
place = "phường Tân An"

[[piece]]
template = "so-tay-hoi-dap"
size = "A5"
segment = "dong-bao-dtts"

[[piece]]
template = "slides"
size = "1920x1080"
segment = "ho-ngheo"
[piece.values]
event = "Hội nghị đối thoại chính sách BHXH, BHYT – xã Hòa Phú, 15/11/2026"
presenter = "Đại diện Bảo hiểm xã hội cơ sở Buôn Ma Thuột"

[[piece]]
template = "slides"
size = "1280x720"
segment = "nguoi-su-dung-lao-dong"
"""


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory):
    """The sample's [campaign] block with the new pieces, in a campaign of its own."""
    sample = ROOT / "assets" / "sample"
    text = (sample / "campaign.toml").read_text(encoding="utf-8")
    block = text[text.index("[campaign]") : text.index("[[piece]]")]
    block = block.replace('logo = "logo.svg"', f'logo = "{(sample / "logo.svg").as_posix()}"')
    folder = tmp_path_factory.mktemp("multipage")
    (folder / "campaign.toml").write_text(block + PIECES, encoding="utf-8")
    return load_campaign(folder / "campaign.toml")


# --- the manifest key ----------------------------------------------------------------


def _manifest(folder: Path, pages: str) -> list:
    folder.mkdir(exist_ok=True)
    (folder / "page.html.j2").write_text("x", encoding="utf-8")
    (folder / "template.toml").write_text(
        f'id = "t"\nname = "Mẫu"\nkind = "leaflet"\nhtml = "page.html.j2"\n{pages}\n'
        '[[sizes]]\nid = "A5"\nwidth_mm = 148\nheight_mm = 210\n',
        encoding="utf-8",
    )
    template, problems = parse_manifest(folder)
    return [template.pages] if template else problems


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("", (1, 1)),
        ("pages = 2", (2, 2)),
        ('pages = "4-32"', (4, 32)),
        ('pages = " 2 - 6 "', (2, 6)),
    ],
)
def test_pages_declared_as_a_count_or_a_range(tmp_path: Path, line: str, expected) -> None:
    assert _manifest(tmp_path / "t", line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "pages = 0",
        "pages = 65",
        'pages = "8-4"',
        'pages = "4–32"',
        "pages = true",
        'pages = "1-999"',
        "pages = 2.5",
        "pages = [2]",
    ],
)
def test_bad_pages_is_a_problem_naming_the_key(tmp_path: Path, line: str) -> None:
    (problem,) = _manifest(tmp_path / "t", line)
    assert "«pages»" in problem.vi and "«pages»" in problem.en
    assert problem.line == 5


# --- the tri-fold -----------------------------------------------------------------------


def _region_text(pdf: bytes, index: int, left_mm: float, right_mm: float) -> str:
    """The text of page `index` between two distances from the trim's left edge."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[index]
        trim = page.get_trimbox()
        text = page.get_textpage().get_text_bounded(
            left=trim[0] + left_mm * MM, bottom=trim[1], right=trim[0] + right_mm * MM, top=trim[3]
        )
    finally:
        document.close()
    return " ".join(text.split())


def test_trifold_panels_land_in_folding_order(campaign) -> None:
    # Outside: 2 fold-in flap | 6 back cover | 1 front cover; inside: 3 | 4 | 5. The
    # flap is 97 mm wide, the panel behind it on the inside too.
    result = render_piece(Piece("to-gap-3", "lao-dong-tu-do", "A4-ngang"), campaign, TEXT)
    assert result.ok, result.checks
    pdf = result.artifact("pdf").data
    assert pdf_pages(pdf) == 2
    outside = [(0, 97), (97, 197), (197, 297)]
    inside = [(0, 100), (100, 200), (200, 297)]
    panels = [_region_text(pdf, 0, *edges) for edges in outside]
    panels += [_region_text(pdf, 1, *edges) for edges in inside]
    flap, back, cover, three, four, five = panels
    assert cover.startswith("BẢO HIỂM XÃ HỘI TỈNH ĐẮK LẮK") and "AN SINH CHO MỌI NHÀ" in cover
    assert flap.startswith("Vì sao nên tham gia?")
    assert "Quét mã để tìm hiểu thêm" in back and "Căn cứ:" in back
    assert three.startswith("Ai được tham gia?")
    assert four.startswith("Dành cho lao động tự do") and "264.000" in four
    assert five.startswith("Đăng ký thế nào?")
    # Each text in one panel only: nothing straddles a fold.
    for number, text in enumerate(panels):
        others = " ".join(panels[:number] + panels[number + 1 :])
        assert text.split("?")[0][:30] not in others


def test_trifold_fold_marks_sit_outside_the_trim(campaign) -> None:
    result = render_piece(
        Piece("to-gap-3", "lao-dong-tu-do", "A4-ngang"), campaign, RenderOptions(formats=("pdf",))
    )
    pdf = result.artifact("pdf").data
    boxes = pdf_boxes(pdf, 1)
    document = pdfium.PdfDocument(pdf)
    try:
        scale = 8  # 8 px a point: a 0.3 mm mark is ~7 px wide
        image = document[1].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()
    media, trim = boxes["media"], boxes["trim"]

    def darkest(x_mm: float, top: bool) -> int:
        x = round((trim[0] - media[0] + x_mm * MM) * scale)
        edge = (media[3] - trim[3]) if top else (media[3] - trim[1])
        rows = (
            range(1, round(edge * scale) - 1)
            if top
            else range(round(edge * scale) + 1, image.height - 1)
        )
        return min(image.getpixel((dx, y)) for y in rows for dx in range(x - 4, x + 5))

    for fold in (100, 200):  # the inside's folds, top and bottom, in the bleed
        assert darkest(fold, top=True) < 80 and darkest(fold, top=False) < 80
    assert darkest(150, top=True) > 200  # no mark between folds


# --- the booklet ----------------------------------------------------------------------


def _questions(count: int) -> str:
    answer = (
        "Người tham gia được tự chọn mức thu nhập làm căn cứ đóng và phương thức đóng phù hợp; "
        "Nhà nước hỗ trợ một phần tiền đóng theo nhóm đối tượng. Hãy hỏi đại lý thu ở thôn, "
        "bưu điện xã hoặc cơ quan bảo hiểm xã hội gần nhất để được hướng dẫn chi tiết."
    )
    return "\n\n".join(
        f"## Câu hỏi mẫu số {n} về BHXH tự nguyện?\n{answer}" for n in range(1, count + 1)
    )


def _page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def _folios(pdf: bytes) -> list[str]:
    """The text in each page's bottom margin (the lowest 14 mm of the trim)."""
    document = pdfium.PdfDocument(pdf)
    try:
        folios = []
        for page in document:
            trim = page.get_trimbox()
            text = page.get_textpage().get_text_bounded(
                left=trim[0], bottom=trim[1], right=trim[2], top=trim[1] + 14 * MM
            )
            folios.append(" ".join(text.split()))
        return folios
    finally:
        document.close()


def test_booklet_paginates_forty_questions_with_contents_and_page_numbers(campaign) -> None:
    piece = Piece("so-tay-hoi-dap", "nong-dan", "A5", {"questions": _questions(40)})
    result = render_piece(piece, campaign, TEXT)
    assert result.ok, result.checks
    pdf = result.artifact("pdf").data
    pages = _page_texts(pdf)
    assert 8 <= len(pages) <= 32 and len(pages) % 4 == 0  # sheets of four, saddle-stitched
    assert result.pages == len(pages)
    assert "Hỏi đáp về BHXH tự nguyện" in pages[0] and pages[1].startswith("Mục lục")
    assert "Dành cho nông dân" in pages[-1] and "Đường dây nóng" in pages[-1]
    where = {}  # question number -> the page its heading is on
    for page, text in enumerate(pages, start=1):
        for shown, number in re.findall(
            r"(\d+)\.\s*Câu hỏi mẫu số (\d+) về BHXH tự nguyện\?\s*Người", text
        ):
            assert shown == number  # numbered in order
            where[int(number)] = page
    assert sorted(where) == list(range(1, 41))
    # Every page between the covers shows its number; the covers none.
    folios = _folios(pdf)
    assert not re.search(r"(^|\s)1$", folios[0]) and not folios[-1].endswith(str(len(pages)))
    for page in range(2, len(pages)):
        assert folios[page - 1] == str(page), (page, folios[page - 1])
    # The contents give each question the page its heading is on (read from the layout).
    contents = " ".join(pages[1 : min(where.values()) - 1])
    assert "Câu hỏi mẫu" not in pages[min(where.values()) - 1].split("1.")[0]
    for number, page in where.items():
        found = re.search(
            rf"\b{number}\.\s*Câu hỏi mẫu số {number} về BHXH tự nguyện\?[\s.]*?(\d+)", contents
        )
        assert found and int(found.group(1)) == page, (number, page)


@pytest.mark.parametrize("questions", [1, 9, 14, 20, 40, 95])
def test_booklet_pages_come_in_fours_with_notes_pages_before_the_back_cover(
    campaign, questions: int
) -> None:
    piece = Piece("so-tay-hoi-dap", "nong-dan", "A5", {"questions": _questions(questions)})
    result = render_piece(piece, campaign, TEXT)
    assert result.ok, result.checks
    pdf = result.artifact("pdf").data
    pages = _page_texts(pdf)
    assert len(pages) % 4 == 0 and result.pages == len(pages), len(pages)
    assert "Dành cho nông dân" in pages[-1] and "Đường dây nóng" in pages[-1]
    assert all("Dành cho nông dân" not in text for text in pages[:-1])
    notes = [n for n, text in enumerate(pages) if text.startswith("Ghi chú")]
    assert len(notes) <= 3 and notes == list(range(len(pages) - 1 - len(notes), len(pages) - 1))
    last_question = max(n for n, text in enumerate(pages) if f"mẫu số {questions} " in text)
    assert last_question == len(pages) - 2 - len(notes)  # no page left blank between
    folios = _folios(pdf)
    for page in range(2, len(pages)):  # the notes pages numbered on
        assert folios[page - 1].endswith(str(page)), (page, folios[page - 1])


def test_booklet_padding_past_the_limit_names_the_flowing_field(
    campaign, isolated_user_dir: Path
) -> None:
    """A booklet allowed 30 pages whose content needs 29 would need 32 once padded: the
    page check names the questions, not the back cover's fields."""
    import shutil

    from ansinh.core import paths

    folder = paths.user_templates_dir() / "so-tay-30"
    shutil.copytree(ROOT / "templates" / "so-tay-hoi-dap", folder)
    manifest = folder / "template.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'id = "so-tay-hoi-dap"', 'id = "so-tay-30"').replace('"4-32"', '"4-30"'),
        encoding="utf-8")
    count = 118  # ~4.5 a page: the first count (in steps of 2) that needs a 29th page
    while True:
        piece = Piece("so-tay-30", "nong-dan", "A5", {"questions": _questions(count)})
        result = render_piece(piece, campaign, TEXT)
        if result.pages == 32:
            break
        assert result.pages < 32, result.pages
        count += 2
    pages = _page_texts(result.artifact("pdf").data)
    assert not any("Câu hỏi mẫu" in text for text in pages[29:])  # notes and back cover
    (check,) = [c for c in result.checks if c.is_error]
    assert check.field == "questions" and "tối đa 30 trang" in check.vi


def test_booklet_past_its_page_limit_names_the_field_and_the_count(campaign) -> None:
    piece = Piece("so-tay-hoi-dap", "nong-dan", "A5", {"questions": _questions(170)})
    result = render_piece(piece, campaign, RenderOptions(formats=("pdf",)))
    (check,) = [c for c in result.checks if c.is_error]
    assert check.field == "questions"
    assert f"dài {result.pages} trang" in check.vi and "tối đa 32 trang" in check.vi
    assert "«Câu hỏi và trả lời»" in check.vi
    assert "«Questions and answers»" in check.en and "at most 32" in check.en


# --- every new template × size ----------------------------------------------------------


def _cases() -> list[tuple[str, str]]:
    cases = []
    for template in NEW_TEMPLATES:
        manifest = tomllib.loads(
            (ROOT / "templates" / template / "template.toml").read_text("utf-8")
        )
        cases += [(template, size["id"]) for size in manifest["sizes"]]
    return cases


@pytest.mark.parametrize(("template", "size"), _cases())
@pytest.mark.parametrize(
    "segment", ["lao-dong-tu-do", "huu-tri", "nguoi-su-dung-lao-dong", "hoc-sinh-sinh-vien"]
)
def test_every_new_template_and_size_renders_without_a_check(
    campaign, template: str, size: str, segment: str
) -> None:
    result = render_piece(Piece(template, segment, size), campaign, RenderOptions())
    assert result.checks == []
    low, high = result.template.pages
    assert low <= result.pages <= high
    pngs = [a for a in result.artifacts if a.format == "png"]
    assert [png.stats["page"] for png in pngs] == list(range(1, result.pages + 1))


def test_the_test_campaigns_pieces_export_one_png_per_page(campaign, tmp_path: Path) -> None:
    bundle = Bundle(tmp_path, campaign, "b")
    for index, piece in enumerate(campaign.pieces, start=1):
        result = render_piece(piece, campaign)
        assert result.ok, (piece.template, result.checks)
        bundle.add(result, index)
        names = sorted(
            e.file
            for e in bundle.entries
            if e.format == "png" and e.file.startswith(f"{index:02d}-")
        )
        assert names == [
            f"{index:02d}-{result.template.channel}-{piece.template}-{piece.size}-{piece.segment}"
            f"-trang-{page:02d}.png"
            for page in range(1, result.pages + 1)
        ]
    bundle.close()
    assert len(list(tmp_path.glob("b/*.png"))) == sum(
        e.stats["pages"] for e in bundle.entries if e.format == "pdf"
    )


# --- batches ----------------------------------------------------------------------------


def _sheet(path: Path, header: str, values: list[str]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header, "Đối tượng"])
        writer.writerows([value, "Nông dân"] for value in values)
    return path


def test_a_batch_of_a_multi_page_template_numbers_each_rows_pages_from_one(
    campaign, tmp_path: Path
) -> None:
    rows = _sheet(
        tmp_path / "so-tay.csv", "Tên sổ tay", ["Sổ tay xã Hòa Phú", "Sổ tay phường Tân An"]
    )
    plan = plan_batch("so-tay-hoi-dap", rows, campaign, constants={"questions": _questions(14)})
    assert not plan.problems
    events = list(run_batch(plan, campaign, tmp_path / "out", jobs=1))
    bundle = events[-1].bundle
    pdfs = [e for e in bundle.entries if e.format == "pdf"]
    assert len(pdfs) == 2
    for entry, title in zip(pdfs, ["Sổ tay xã Hòa Phú", "Sổ tay phường Tân An"], strict=True):
        pages = _page_texts((tmp_path / "out" / entry.file).read_bytes())
        assert title in pages[0] and entry.stats["pages"] == len(pages)
        assert len(pages) % 4 == 0 and "Dành cho nông dân" in pages[-1]  # padded like alone
        folios = _folios((tmp_path / "out" / entry.file).read_bytes())
        assert folios[1:4] == ["2", "3", "4"]  # from 1, as when rendered alone
        pngs = [e for e in bundle.entries if e.format == "png" and e.row == entry.row]
        assert len(pngs) == len(pages)


def test_a_batch_of_flyers_makes_two_pages_per_row(campaign, tmp_path: Path) -> None:
    places = ["xã Hòa Phú", "phường Tân An", "phường Ea Kao"]
    plan = plan_batch("to-roi-a5", _sheet(tmp_path / "xa.csv", "Tên xã", places), campaign)
    events = list(run_batch(plan, campaign, tmp_path / "out", jobs=1))
    bundle = events[-1].bundle
    pdfs = [e for e in bundle.entries if e.format == "pdf"]
    assert [e.stats["pages"] for e in pdfs] == [2, 2, 2]
    for entry, place in zip(pdfs, places, strict=True):
        assert f"Thân gửi bà con {place}" in pdf_text((tmp_path / "out" / entry.file).read_bytes())
    assert len([e for e in bundle.entries if e.format == "png"]) == 6
    assert pdf_pages((tmp_path / "out" / bundle.combined).read_bytes()) == 6


def test_crop_marks_on_every_page_of_a_multi_page_piece(campaign) -> None:
    options = RenderOptions(formats=("pdf",), crop_marks=True)
    result = render_piece(Piece("to-roi-a5", "huu-tri", "A5"), campaign, options)
    assert result.ok, result.checks
    document = pdfium.PdfDocument(result.artifact("pdf").data)
    try:
        for page in document:
            media, trim = page.get_mediabox(), page.get_trimbox()
            image = page.render(scale=4).to_pil().convert("L")
            # Above the top-left corner, outside the bleed: only a crop mark draws there,
            # along the trim's left edge.
            left = round((trim[0] - media[0]) * 4)
            slug = round((media[3] - trim[3] - 3 * MM) * 4)
            mark = image.crop((left - 3, 0, left + 4, slug))
            assert mark.getextrema()[0] < 80
    finally:
        document.close()


def test_templates_json_lists_the_pages_each_template_makes(capsys) -> None:
    from ansinh.cli.main import main

    assert main(["templates", "--json"]) == 0
    pages = {t["id"]: t["pages"] for t in json.loads(capsys.readouterr().out)}
    assert pages["so-tay-hoi-dap"] == {"min": 4, "max": 32}
    assert pages["to-gap-3"] == {"min": 2, "max": 2}
    assert pages["poster-bhxh"] == {"min": 1, "max": 1}


def test_sections_split_a_fields_markdown_and_never_mark_other_text_safe() -> None:
    from ansinh.core.render.pages import sections
    from ansinh.core.templates.fields import paragraph_html

    html = paragraph_html("Lời mở đầu\n\n## Hỏi <b>một</b>?\nĐáp **một**.\n\n## Hỏi hai?\n- ý")
    assert [(s["heading"], s["body"]) for s in sections(html)] == [
        ("Hỏi &lt;b&gt;một&lt;/b&gt;?", "<p>Đáp <strong>một</strong>.</p>"),
        ("Hỏi hai?", "<ul>\n<li>ý</li>\n</ul>"),
    ]
    assert sections("<h2>x</h2><img src='file:///etc/passwd'>") == []
