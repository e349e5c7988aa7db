"""A piece's own look: a layout variant of its template, a shipped font, its colours.

Read from campaign files ([piece.look]) and saved campaigns (schema 3, migrated from
2); the PDF is set in the chosen font (its name read back from the PDF's fonts), the
chosen colours are the pixels where the template paints its main colour, a variant
moves the slots (their boxes read back), batch rows wear the piece's look; every
shipped font draws every Vietnamese letter and the ethnic letters still come from the
fallback.
"""

from __future__ import annotations

import csv
import dataclasses
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from ansinh.cli.main import main
from ansinh.core import paths
from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.campaign import FONTS, Adjust, Look, Piece, load_campaign
from ansinh.core.errors import UserError
from ansinh.core.render import layout
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.render.raster import pdf_fonts
from ansinh.core.storage import Document, load_document, save_document
from ansinh.core.templates import TemplateRegistry
from ansinh.core.templates.manifest import parse_manifest
from helpers import png_image

OPTIONS = RenderOptions(formats=("pdf", "png"))
SAMPLE = paths.assets_dir() / "sample" / "campaign.toml"
# Every precomposed letter of Vietnamese, both cases: a, ă, â, e, ê, i, o, ô, ơ, u, ư, y
# with each of the five tone marks, and đ.
VIETNAMESE = "".join(
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưy"
    for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
) + "đ"
VIETNAMESE += VIETNAMESE.upper()


def render(piece: Piece, campaign) -> dict:
    result = render_piece(piece, campaign, OPTIONS)
    assert result.ok and not result.checks, [c.en for c in result.checks]
    return {"pdf": result.artifact("pdf").data, "png": result.artifact("png").data,
            "slots": result.slots}


def families(pdf: bytes) -> set[str]:
    """The shipped families a PDF's text is set in ("An-Sinh-Noto-Serif", …)."""
    names = {name.split("+")[-1] for name, _ in pdf_fonts(pdf)}
    return {
        prefix for prefix in (f.replace(" ", "-") for f in layout.FAMILY_FILES)
        if any(n == prefix or n.startswith((prefix + "-", prefix + ",")) for n in names)
    }


@pytest.mark.parametrize("font", sorted(FONTS))
def test_every_shipped_font_draws_every_vietnamese_letter_in_every_face(font: str) -> None:
    stem = FONTS[font].stem
    faces = sorted(paths.fonts_dir().glob(f"{stem}-*.ttf"))
    assert len(faces) == 7
    for face in faces:
        with TTFont(face, lazy=True) as ttf:
            cmap = ttf.getBestCmap()
        missing = [ch for ch in VIETNAMESE + "–…“”" if ord(ch) not in cmap]
        assert not missing, (face.name, missing)
    # ₫ Barlow Condensed lacks: the fallback draws it.
    assert ord("₫") in layout.font_codepoints(font)


@pytest.mark.parametrize("font", ["noto-serif", "barlow-condensed"])
def test_a_piece_is_set_in_its_font_with_the_fallback_for_ethnic_letters(
    font: str, sample_campaign
) -> None:
    title = "Ƀuôn Ĕa Knŏp – Việt Nam"  # Ƀ Ĕ ŏ: the fallback's; the rest the font's own
    plain = render(Piece("poster-bhxh", "nong-dan", "A4", {"title": title}), sample_campaign)
    chosen = render(
        Piece("poster-bhxh", "nong-dan", "A4", {"title": title}, look=Look(font=font)),
        sample_campaign,
    )
    family = FONTS[font].family.replace(" ", "-")
    assert family in families(chosen["pdf"])
    assert "Be-Vietnam-Pro" in families(plain["pdf"]) - families(chosen["pdf"])
    assert "An-Sinh-Noto-Sans-Caps" in families(chosen["pdf"])  # the title is upper case


def test_a_letter_only_another_font_has_is_still_refused_before_layout(sample_campaign) -> None:
    # The full Noto Serif has Ω; the shipped faces (Vietnamese only) do not.
    result = render_piece(
        Piece("poster-bhxh", "nong-dan", "A4", {"title": "Xin chào Ω"},
              look=Look(font="noto-serif")),
        sample_campaign, RenderOptions(formats=("pdf",)),
    )
    assert "title" in [c.field for c in result.checks if c.code == "glyph"]


def test_the_pieces_colours_replace_the_campaigns(sample_campaign) -> None:
    green, yellow = "#1B6E3A", "#FFD23F"
    piece = Piece("poster-bhxh", "nong-dan", "A4", {}, look=Look(primary=green, accent=yellow))
    image = png_image(render(piece, sample_campaign)["png"]).convert("RGB")
    band = image.getpixel((image.width // 2, 10))  # the top band: var(--primary)
    stripe = image.getpixel((image.width // 2, int(image.height * 10.4 / 84.2)))  # --accent
    assert band == (0x1B, 0x6E, 0x3A)
    assert stripe == (0xFF, 0xD2, 0x3F)
    default = png_image(render(dataclasses.replace(piece, look=Look()), sample_campaign)["png"])
    assert default.convert("RGB").getpixel((image.width // 2, 10)) == (0x0B, 0x5C, 0xAD)


def test_a_piece_colour_wins_over_the_styles(sample_campaign) -> None:
    campaign = dataclasses.replace(sample_campaign, style="co-dong")
    piece = Piece("poster-bhxh", "nong-dan", "A4", {}, look=Look(accent="#FFFFFF"))
    result = render_piece(piece, campaign, RenderOptions(formats=("pdf",)))
    assert result.ok
    from ansinh.core.render.piece import prepare

    context = prepare(piece, campaign, TemplateRegistry())
    assert context.context["campaign"]["accent"] == "#FFFFFF"
    assert context.context["campaign"]["primary"] == "#C0161E"  # the style's red stays


@pytest.mark.parametrize(
    ("template_id", "size", "variant"),
    [("poster-bhxh", "A4", "anh-tren"), ("social-bhxh", "1200x630", "anh-trai")],
)
def test_a_variant_moves_the_slots(template_id, size, variant, sample_campaign) -> None:
    own = render(Piece(template_id, "nong-dan", size, {}), sample_campaign)["slots"]
    other = render(
        Piece(template_id, "nong-dan", size, {}, look=Look(variant=variant)), sample_campaign
    )["slots"]
    if variant == "anh-tren":  # the picture above the title (PDF y grows upwards)
        assert own["photo"][1] < own["title"][1]
        assert other["photo"][1] > other["title"][3]
    else:  # the picture left of the headline
        assert own["photo"][0] > own["headline"][2]
        assert other["photo"][2] < other["headline"][0]
    assert own["hotline"] != other["hotline"] or variant == "anh-tren"


def test_a_variant_the_template_lacks_is_a_warning_and_the_own_layout(sample_campaign) -> None:
    own = render(Piece("poster-bhxh", "nong-dan", "A4", {}), sample_campaign)
    result = render_piece(
        Piece("poster-bhxh", "nong-dan", "A4", {}, look=Look(variant="khong-co")),
        sample_campaign, OPTIONS,
    )
    assert [(c.severity, c.code) for c in result.checks] == [("warning", "look")]
    assert "khong-co" in result.checks[0].vi
    assert result.slots == own["slots"]


def test_batch_rows_wear_the_pieces_look(sample_campaign, tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Tiêu đề"], ["THÔN MỘT"], ["THÔN HAI"]])
    look = Look(variant="anh-tren", font="noto-serif", primary="#1B6E3A")
    plan = plan_batch("poster-bhxh", sheet, sample_campaign, size="A4", segment="nong-dan",
                      look=look)
    events = list(run_batch(plan, sample_campaign, tmp_path / "out", OPTIONS, combined=False))
    assert events[-1].kind == "finished"
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    pngs = sorted((tmp_path / "out").rglob("*.png"))
    assert len(pdfs) == len(pngs) == 2
    alone = render(Piece("poster-bhxh", "nong-dan", "A4", {"title": "THÔN MỘT"}, look=look),
                   sample_campaign)
    for pdf, png in zip(pdfs, pngs, strict=True):
        assert "An-Sinh-Noto-Serif" in families(pdf.read_bytes())
        image = png_image(png.read_bytes()).convert("RGB")
        assert image.getpixel((image.width // 2, 10)) == (0x1B, 0x6E, 0x3A)
    first = png_image(pngs[0].read_bytes()).convert("RGB")
    assert first.tobytes() == png_image(alone["png"]).convert("RGB").tobytes()


def test_the_look_is_read_from_campaign_files(tmp_path: Path) -> None:
    text = (
        '[campaign]\nname = "C"\n[[piece]]\ntemplate = "poster-bhxh"\nsegment = "nong-dan"\n'
        "[piece.look]\n{look}\n"
    )
    path = tmp_path / "c.toml"
    path.write_text(text.format(look='variant = "anh-tren"\nfont = "noto-serif"\n'
                                     'accent = "#D62828"'), encoding="utf-8")
    assert load_campaign(path).pieces[0].look == Look("anh-tren", "noto-serif", None, "#D62828")
    for bad, key in (('font = "Comic Sans"', "font"), ('primary = "red"', "primary"),
                     ("variant = 3", "variant")):
        path.write_text(text.format(look=bad), encoding="utf-8")
        with pytest.raises(UserError, match=rf"piece\[1\]\.look\.{key}"):
            load_campaign(path)


def test_the_look_is_saved_with_the_piece(sample_campaign, tmp_path: Path) -> None:
    look = Look("anh-tren", "barlow-condensed", "#1B6E3A", None)
    piece = Piece("poster-bhxh", "nong-dan", "A4", {}, adjust={"title": Adjust(dx=2)}, look=look)
    campaign = dataclasses.replace(sample_campaign, pieces=(piece, Piece("sms-bhxh", "toan-dan")))
    save_document(Document(campaign), tmp_path / "c.ansinh")
    loaded = load_document(tmp_path / "c.ansinh").campaign.pieces
    assert loaded[0].look == look and loaded[0].adjust == piece.adjust
    assert loaded[1].look == Look()

    with sqlite3.connect(tmp_path / "c.ansinh") as con:  # a font a newer app might have
        con.execute("""UPDATE piece SET look = '{"font": "wingdings"}' WHERE position = 0""")
    with pytest.raises(UserError, match="piece.look.font"):
        load_document(tmp_path / "c.ansinh")


def test_a_schema_2_file_opens_with_the_campaign_look(sample_campaign, tmp_path: Path) -> None:
    piece = Piece("poster-bhxh", "nong-dan", "A4", {"title": "X"}, adjust={"title": Adjust(dy=1)})
    save_document(Document(dataclasses.replace(sample_campaign, pieces=(piece,))),
                  tmp_path / "old.ansinh")
    con = sqlite3.connect(tmp_path / "old.ansinh")
    con.execute("ALTER TABLE piece DROP COLUMN look")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    loaded = load_document(tmp_path / "old.ansinh").campaign.pieces[0]
    assert loaded == piece and loaded.look == Look()


def test_variants_are_declared_and_checked_in_the_manifest(tmp_path: Path) -> None:
    registry = TemplateRegistry()
    assert [v.id for v in registry.get("poster-bhxh").variants] == ["anh-tren"]
    assert [v.id for v in registry.get("social-bhxh").variants] == ["anh-trai"]
    head = ('id = "x"\nname = "X"\nkind = "poster"\nhtml = "t.html.j2"\n'
            '[[sizes]]\nid = "A4"\nlabel = "A4"\nwidth_mm = 210\nheight_mm = 297\n')
    (tmp_path / "t.html.j2").write_text("", encoding="utf-8")
    (tmp_path / "b.css").write_text("", encoding="utf-8")
    for variants, problem in (
        ('[[variants]]\nid = "b"\nlabel = "B"\ncss = "../b.css"\n', "css"),
        ('[[variants]]\nid = "b"\nlabel = "B"\ncss = "missing.css"\n', "css"),
        ('[[variants]]\nid = "B B"\nlabel = "B"\ncss = "b.css"\n', "id"),
        ('[[variants]]\nid = "b"\nlabel = "B"\ncss = "b.css"\n' * 2, "hai lần"),
    ):
        (tmp_path / "template.toml").write_text(head + variants, encoding="utf-8")
        template, problems = parse_manifest(tmp_path, "user")
        assert template is None and any(problem in p.vi for p in problems), variants
    (tmp_path / "template.toml").write_text(
        head + '[[variants]]\nid = "b"\nlabel = "B"\ncss = "b.css"\n', encoding="utf-8")
    template, problems = parse_manifest(tmp_path, "user")
    assert not problems and template.variants[0].css == "b.css"


@pytest.mark.parametrize("style", ["hien-dai", "co-dong"])
@pytest.mark.parametrize("template_id", ["poster-bhxh", "social-bhxh"])
def test_every_variant_fits_every_size_in_both_styles(template_id, style, sample_campaign) -> None:
    campaign = dataclasses.replace(sample_campaign, style=style)
    template = TemplateRegistry().get(template_id)
    for variant in template.variants:
        for size in template.sizes:
            piece = Piece(template_id, "nong-dan", size.id, {}, look=Look(variant=variant.id))
            result = render_piece(piece, campaign, RenderOptions(formats=("png",)))
            assert not result.checks, (variant.id, size.id, [c.en for c in result.checks])


def test_check_renders_each_variant_and_names_it(isolated_user_dir: Path, capsys) -> None:
    folder = isolated_user_dir / "templates" / "hai-bo-cuc"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "hai-bo-cuc"\nname = "Hai bố cục"\nkind = "poster"\nhtml = "p.html.j2"\n'
        '[[variants]]\nid = "chat"\nlabel = "Chật"\ncss = "chat.css"\n'
        '[[sizes]]\nid = "A4"\nwidth_mm = 210\nheight_mm = 297\n'
        '[[fields]]\nid = "title"\ntype = "text"\nlabel = "Tiêu đề"\ndefault = "Một dòng"\n',
        encoding="utf-8",
    )
    (folder / "p.html.j2").write_text(
        '{% extends "page.html.j2" %}{% block style %}.t { position: absolute; top: 0;'
        " width: 150mm; height: 20mm; font-size: 12pt; }{% endblock %}"
        '{% block sheet %}<p class="t" data-field="title">{{ f.title }}</p>{% endblock %}',
        encoding="utf-8",
    )
    # The variant squeezes the slot: its one line no longer fits.
    (folder / "chat.css").write_text(".t { width: 5mm; height: 5mm; }", encoding="utf-8")
    assert main(["check", "hai-bo-cuc"]) == 1
    out = capsys.readouterr().out
    assert "[A4 · chat]" in out and "[A4]" not in out


def _cli_png(out: Path) -> bytes:
    return next(out.rglob("*.png")).read_bytes()


def test_the_command_line_chooses_the_font_variant_and_colours(
    sample_campaign, tmp_path: Path
) -> None:
    args = ["render", "poster-bhxh", "--segment", "nong-dan", "--size", "A4",
            "--campaign", str(SAMPLE), "--format", "pdf,png", "--dpi", "30"]
    assert main([*args, "--out", str(tmp_path / "own")]) == 0
    assert main([*args, "--out", str(tmp_path / "look"), "--font", "noto-serif",
                 "--variant", "anh-tren", "--accent", "#D62828"]) == 0
    pdf = next((tmp_path / "look").rglob("*.pdf")).read_bytes()
    assert families(pdf) >= {"An-Sinh-Noto-Serif"}
    assert "Be-Vietnam-Pro" not in families(pdf)
    look = Look("anh-tren", "noto-serif", None, "#D62828")
    alone = render_piece(Piece("poster-bhxh", "nong-dan", "A4", {}, look=look),
                         sample_campaign, RenderOptions(formats=("png",), png_dpi=30))
    chosen = png_image(_cli_png(tmp_path / "look")).convert("RGB").tobytes()
    assert chosen == png_image(alone.artifact("png").data).convert("RGB").tobytes()
    assert chosen != png_image(_cli_png(tmp_path / "own")).convert("RGB").tobytes()


def test_batch_and_export_take_the_look_from_the_command_line(tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_text("Tiêu đề\nTHÔN MỘT\nTHÔN HAI\n", encoding="utf-8")
    assert main(["batch", "poster-bhxh", "--rows", str(sheet), "--segment", "nong-dan",
                 "--size", "A4", "--format", "pdf", "--out", str(tmp_path / "batch"),
                 "--font", "barlow-condensed", "--variant", "anh-tren"]) == 0
    pdfs = sorted((tmp_path / "batch").rglob("*.pdf"))
    assert len(pdfs) >= 2
    assert all("An-Sinh-Barlow-Condensed" in families(p.read_bytes()) for p in pdfs)

    campaign = tmp_path / "c.toml"
    campaign.write_text(
        '[campaign]\nname = "C"\n'
        '[[piece]]\ntemplate = "poster-bhxh"\nsegment = "nong-dan"\nsize = "A4"\n'
        '[[piece]]\ntemplate = "social-bhxh"\nsegment = "nong-dan"\nsize = "1200x630"\n',
        encoding="utf-8",
    )
    assert main(["export", str(campaign), "--format", "pdf,png", "--dpi", "20",
                 "--out", str(tmp_path / "all"), "--font", "noto-serif",
                 "--variant", "social-bhxh=anh-trai"]) == 0
    pdfs = sorted((tmp_path / "all").rglob("*.pdf"))
    assert len(pdfs) == 2
    assert all(families(p.read_bytes()) >= {"An-Sinh-Noto-Serif"} for p in pdfs)
    loaded = load_campaign(campaign)
    options = RenderOptions(formats=("png",), png_dpi=20)
    pngs = {png_image(p.read_bytes()).convert("RGB").tobytes()
            for p in (tmp_path / "all").rglob("*.png")}
    for piece, look in zip(loaded.pieces, (Look(font="noto-serif"),
                                           Look("anh-trai", "noto-serif")), strict=True):
        alone = render_piece(dataclasses.replace(piece, look=look), loaded, options)
        assert png_image(alone.artifact("png").data).convert("RGB").tobytes() in pngs


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--font", "Comic Sans"], ["Comic Sans", *(f.label for f in FONTS.values())]),
        (["--variant", "ngang"], ["ngang", "anh-tren"]),
        (["--primary", "red"], ["--primary", "#RRGGBB"]),
    ],
)
def test_an_unknown_look_is_one_vietnamese_line_with_the_choices(
    options, said, tmp_path: Path, capsys
) -> None:
    code = main(["render", "poster-bhxh", "--segment", "nong-dan", "--size", "A4",
                 "--out", str(tmp_path), *options])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Lỗi: ") and "Traceback" not in err
    assert all(text in err for text in said), err
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_template_with_one_layout_says_so(tmp_path: Path, capsys) -> None:
    code = main(["render", "banner-bhxh", "--segment", "nong-dan", "--variant", "anh-tren",
                 "--out", str(tmp_path)])
    assert code == 2 and "chỉ có bố cục gốc" in capsys.readouterr().err
