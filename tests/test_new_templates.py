"""Issue 13's single-page templates: standee, stage backdrop, story and covers, livestream
thumbnail and transparent overlay, open letter to households, presentation board.

Each renders from the sample campaign's [campaign] block (into a campaign of the test's
own, the sample file untouched) with no check at all, at its declared size read back from
the PDF and the PNG; the overlay keeps its alpha; and the batches make one file per row
with that row's own text — the letters with the amount the policy data gives its group."""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops

from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.policy import policy_at
from ansinh.core.render.piece import RenderOptions, RenderResult, render_piece
from ansinh.core.render.raster import page_bitmap
from ansinh.core.templates import TemplateRegistry
from helpers import MM, pdf_boxes, pdf_pages, pdf_text, png_image, save_failure

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample"
NEW = (
    "standee-bhxh",
    "phong-su-kien",
    "story-cover-bhxh",
    "livestream-bhxh",
    "thu-ngo-ho-gia-dinh",
    "bang-trao-so-the",
)


def _registry() -> TemplateRegistry:
    return TemplateRegistry([(ROOT / "templates", "shipped")])


CASES = [(t.id, s.id) for t in map(_registry().get, NEW) for s in t.sizes]


@pytest.fixture(scope="module")
def campaign_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A campaign holding the sample's [campaign] block (and its logo) and nothing else."""
    folder = tmp_path_factory.mktemp("campaign")
    text = (SAMPLE / "campaign.toml").read_text(encoding="utf-8")
    (folder / "campaign.toml").write_text(text.split("[[piece]]")[0], encoding="utf-8")
    (folder / "logo.svg").write_bytes((SAMPLE / "logo.svg").read_bytes())
    return folder / "campaign.toml"


@cache
def _render(campaign_path: Path, template_id: str, size_id: str) -> RenderResult:
    return render_piece(
        Piece(template_id, "toan-dan", size_id),
        load_campaign(campaign_path),
        RenderOptions(png_dpi=20),  # small PNGs for print; screens keep exact pixels
        registry=_registry(),
    )


@pytest.mark.parametrize(("template_id", "size_id"), CASES)
def test_renders_from_the_sample_campaign_with_no_check_at_its_size(
    campaign_file: Path, template_id: str, size_id: str
) -> None:
    result = _render(campaign_file, template_id, size_id)
    pdf = result.artifact("pdf").data
    if result.checks:
        save_failure(f"{template_id}-{size_id}.pdf", pdf)
    assert [c.vi for c in result.checks] == []
    assert pdf_pages(pdf) == 1
    size = result.size
    boxes = pdf_boxes(pdf)
    png = png_image(result.artifact("png").data)
    if size.is_print:
        trim = boxes["trim"]
        assert trim[2] - trim[0] == pytest.approx(size.width * MM, abs=0.05)
        assert trim[3] - trim[1] == pytest.approx(size.height * MM, abs=0.05)
        expected = (size.width / 25.4 * 20, size.height / 25.4 * 20)  # PDFium rounds up
        assert png.size == pytest.approx(expected, abs=1)
    else:
        media = boxes["media"]
        assert (media[2] - media[0], media[3] - media[1]) == pytest.approx(
            (size.width * 0.75, size.height * 0.75), abs=0.05
        )
        assert png.size == (int(size.width), int(size.height))


def test_the_overlay_png_is_transparent_but_for_its_lower_third(campaign_file: Path) -> None:
    overlay = png_image(_render(campaign_file, "livestream-bhxh", "overlay-1920x1080")
                        .artifact("png").data)  # fmt: skip
    assert overlay.mode == "RGBA" and overlay.size == (1920, 1080)
    alpha = overlay.getchannel("A")
    width, height = overlay.size
    for corner in ((0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)):
        assert alpha.getpixel(corner) == 0, corner
    assert alpha.getpixel((width // 2, height // 2)) == 0  # the video shows through
    # The speaker's plate (left) and the hotline box (right) of the lower third.
    for point in ((200, 830), (1000, 960), (1500, 850), (1800, 960)):
        assert alpha.getpixel(point) == 255, point
    lower_third = alpha.crop((96, 830, 1824, 980))
    assert lower_third.histogram()[255] > 0.9 * lower_third.width * lower_third.height
    # The fast writer of batch previews (level 1) keeps the same pixels and alpha.
    fast = render_piece(
        Piece("livestream-bhxh", "toan-dan", "overlay-1920x1080"),
        load_campaign(campaign_file),
        RenderOptions(formats=("png",), png_compress=1),
        registry=_registry(),
    )
    fast_png = png_image(fast.artifact("png").data)
    assert fast_png.mode == "RGBA" and list(fast_png.getchannel("A").histogram()) == list(
        alpha.histogram()
    )
    assert ImageChops.difference(fast_png, overlay).getbbox() is None
    # The thumbnail, the same template's other size, stays an opaque picture.
    thumbnail = png_image(_render(campaign_file, "livestream-bhxh", "1280x720")
                          .artifact("png").data)  # fmt: skip
    assert thumbnail.mode == "RGB"


def _write(path: Path, title: str, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _sample_rows(sheet: Path) -> list[tuple[str, str, str]]:
    """A sample sheet's rows below its title and header: their three columns after STT."""
    with sheet.open(encoding="utf-8-sig") as handle:
        return [(r[1], r[2], r[3]) for r in list(csv.reader(handle))[2:]]


def _batch(template_id: str, rows: Path, size: str, campaign_path: Path, out: Path):
    """The batch's PDFs, row number -> text, as the manifest lists them."""
    campaign = load_campaign(campaign_path)
    plan = plan_batch(template_id, rows, campaign, size=size, segment="toan-dan")
    assert plan.problems == []
    events = list(run_batch(plan, campaign, out, RenderOptions(formats=("pdf",))))
    assert [e.kind for e in events][-1] == "finished"
    manifest = json.loads((events[-1].bundle.folder / "manifest.json").read_text("utf-8"))
    pdfs = {f["row"]: events[-1].bundle.folder / f["file"] for f in manifest["files"]
            if f["format"] == "pdf"}  # fmt: skip
    assert len(list(events[-1].bundle.folder.glob("*.pdf"))) == len(plan.rows) + 1  # + combined
    return {row: pdf_text(path.read_bytes()) for row, path in pdfs.items()}


def _expected_monthly(group: str, members: int) -> int:
    """What the household pays a month, from the policy figures of the campaign date."""
    policy = policy_at(load_campaign(SAMPLE / "campaign.toml").day)
    if group == "Hộ gia đình":
        table = policy.bhyt_table
        return sum(table[min(i, len(table) - 1)].monthly for i in range(members))
    key = {"Hộ cận nghèo": "near_poor", "Hộ nghèo": "poor"}[group]
    return policy.bhyt_support_row(key).monthly * members


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def test_letters_batch_makes_one_letter_per_household_with_its_groups_amount(
    campaign_file: Path, tmp_path: Path
) -> None:
    households = [
        ["Ông Nguyễn Văn An", "Thôn 3, xã Hòa Phú", "Hộ gia đình", 1],
        ["Bà H'Hen Niê", "Buôn Kô Siêr, phường Buôn Ma Thuột", "Hộ gia đình", 3],
        ["Bà Trần Thị Lan", "Tổ dân phố 5, phường Tân An", "Hộ gia đình", 7],
        ["Ông Y Bhim Êban", "Buôn Ea Kao, phường Ea Kao", "Hộ cận nghèo", 4],
        ["Ông Ama Khoa", "Buôn Ky, phường Tân Lập", "Hộ cận nghèo", 2],
        ["Ông Lê Văn Hùng", "Thôn 7, xã Hòa Phú", "Hộ nghèo", 5],
        ["Bà Phạm Thị Mai", "Tổ dân phố 2, phường Thành Nhất", "Hộ gia đình", 2],
    ]
    rows = _write(tmp_path / "ho.csv", "DANH SÁCH HỘ GỬI THƯ NGỎ",
                  ["STT", "Chủ hộ", "Địa chỉ", "Nhóm hộ", "Số người"],
                  [[n, *h] for n, h in enumerate(households, start=1)])  # fmt: skip
    texts = _batch("thu-ngo-ho-gia-dinh", rows, "A4", campaign_file, tmp_path / "out")
    assert len(texts) == len(households)
    for (row, text), (name, address, group, members) in zip(
        sorted(texts.items()), households, strict=True
    ):
        assert name in text and address in text, row
        expected = _expected_monthly(group, members)
        if expected == 0:
            assert "Nhà nước đóng toàn bộ" in text and f"{members} người: không phải đóng" in text
            assert "đồng/tháng" not in text
            continue
        found = re.findall(r"(\d+) người: ([\d.]+) đồng/tháng 12 tháng: ([\d.]+) đồng", text)
        assert found == [(str(members), _vnd(expected), _vnd(expected * 12))], (row, group)


def test_backdrops_batch_makes_one_backdrop_per_commune(
    campaign_file: Path, tmp_path: Path
) -> None:
    rows = SAMPLE / "xa-hoi-nghi.csv"
    texts = _batch("phong-su-kien", rows, "4x2.5m", campaign_file, tmp_path / "out")
    communes = _sample_rows(rows)
    assert len(texts) == len(communes) == 6
    for text, (commune, venue, day) in zip(
        (texts[k] for k in sorted(texts)), communes, strict=True
    ):
        assert commune.upper() in text and venue in text  # the commune prints in capitals
        d, m, y = day.split("/")
        assert f"Ngày {d} tháng {m} năm {y}" in text


def test_boards_batch_makes_one_board_per_recipient(campaign_file: Path, tmp_path: Path) -> None:
    rows = SAMPLE / "nguoi-nhan-so.csv"
    texts = _batch("bang-trao-so-the", rows, "60x40cm", campaign_file, tmp_path / "out")
    people = _sample_rows(rows)
    assert len(texts) == len(people) == 5
    for text, (name, address, item) in zip(
        (texts[k] for k in sorted(texts)), people, strict=True
    ):
        assert name in text and address in text and item.upper() in text


@pytest.mark.parametrize("width_px", [1500, 1240, 320])
def test_an_a4_page_rasterizes_at_the_asked_width_without_resampling(
    campaign_file: Path, width_px: int
) -> None:
    """PDFium rounds the page and its bleed crops up separately: the plain ratio drew an
    A4 page with 3 mm bleed 1499 px wide for 1500, which sent every letter's PNG to be
    resampled, off the batch's fast path."""
    pdf = _render(campaign_file, "thu-ngo-ho-gia-dinh", "A4").artifact("pdf").data
    document = pdfium.PdfDocument(pdf)
    try:
        bitmap = page_bitmap(document, 0, width_px=width_px).bitmap
        assert (bitmap.width, bitmap.height) == (width_px, round(width_px * 297 / 210))
    finally:
        document.close()
