"""Images from users: allowed by content, bounded, cleaned (orientation applied, EXIF/GPS
gone, odd modes converted), cached by content — and refused with a clear message
otherwise. Tests named `test_hostile_*` are hostile cases (counted in issue 5)."""

from __future__ import annotations

import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from ansinh.core import images
from ansinh.core.campaign import Campaign, Piece
from ansinh.core.errors import UserError
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.templates import TemplateRegistry
from ansinh.core.templates.fields import resolve_fields

ROOT = Path(__file__).resolve().parents[1]
OWNER = "CANARYOWNER-Nguyen-Van-A"


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def quadrants(width: int = 40, height: int = 20) -> Image.Image:
    """Red top-left corner on blue: shows where a rotation put the pixels."""
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, width // 4, height // 4))
    return image


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x013B] = OWNER  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 12.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_clean(path: Path) -> Image.Image:
    assert path.is_relative_to(images.cache_dir())
    data = path.read_bytes()
    assert OWNER.encode() not in data and b"PhoneMaker" not in data
    image = Image.open(path)
    image.load()
    assert not image.getexif(), dict(image.getexif())
    assert "exif" not in image.info and "xmp" not in image.info
    assert not any(key.lower().startswith(("author", "comment")) for key in image.info)
    return image


# --- allowed images come out clean -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_orientation_is_applied_and_exif_gps_stripped(tmp_path: Path, fmt: str) -> None:
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise to show it.
    options = {"exif": exif_with_gps(6).tobytes()}
    if fmt == "WEBP":
        options["lossless"] = True
    source = write(tmp_path, f"photo.{fmt.lower()}", encode(quadrants(), fmt, **options))
    assert OWNER.encode() in source.read_bytes()

    clean = images.clean_image(source)
    image = assert_clean(clean).convert("RGB")
    assert image.size == (20, 40)  # rotated upright
    red = image.getpixel((image.width - 2, 1))  # top-left went to the top-right
    assert red[0] > 200 and red[2] < 80, red


def test_png_text_chunks_are_stripped(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add_text("Comment", "GPS 21.0285 N 105.8542 E")
    source = write(tmp_path, "a.png", encode(quadrants(), "PNG", pnginfo=info))
    image = assert_clean(images.clean_image(source))
    assert b"GPS 21.0285" not in images.clean_image(source).read_bytes()
    assert image.size == (40, 20)


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    source = write(
        tmp_path, "cmyk.jpg", encode(Image.new("CMYK", (16, 16), (0, 255, 255, 0)), "JPEG")
    )
    image = assert_clean(images.clean_image(source))
    assert image.mode == "RGB"
    r, g, b = image.getpixel((8, 8))
    assert r > 200 and g < 60 and b < 60  # cyan 0, magenta+yellow full: red


def test_16_bit_grey_is_scaled_to_8_bit_not_clipped(tmp_path: Path) -> None:
    wide = Image.new("I;16", (4, 1))
    for x, value in enumerate((0, 16384, 32768, 65535)):
        wide.putpixel((x, 0), value)
    source = write(tmp_path, "deep.png", encode(wide, "PNG"))
    image = assert_clean(images.clean_image(source))
    assert image.mode == "L"
    values = [image.getpixel((x, 0)) for x in range(4)]
    assert values[0] == 0 and values[3] == 255 and 120 <= values[2] <= 135, values


def test_palette_with_transparency_becomes_rgba(tmp_path: Path) -> None:
    palette = Image.new("P", (8, 8), 0)
    palette.putpalette([255, 0, 0, 0, 255, 0] + [0] * 762)
    palette.putpixel((0, 0), 1)
    source = write(tmp_path, "pal.png", encode(palette, "PNG", transparency=0))
    image = assert_clean(images.clean_image(source))
    assert image.mode == "RGBA"
    assert image.getpixel((5, 5))[3] == 0 and image.getpixel((0, 0)) == (0, 255, 0, 255)


def test_grey_alpha_and_bilevel_are_converted(tmp_path: Path) -> None:
    la = write(tmp_path, "la.png", encode(Image.new("LA", (4, 4), (128, 100)), "PNG"))
    assert assert_clean(images.clean_image(la)).mode == "RGBA"
    bilevel = write(tmp_path, "one.png", encode(Image.new("1", (4, 4), 1), "PNG"))
    assert assert_clean(images.clean_image(bilevel)).mode == "L"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animation_keeps_the_first_frame(tmp_path: Path, fmt: str) -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "lime", "blue")]
    data = encode(
        frames[0],
        fmt,
        save_all=True,
        append_images=frames[1:],
        duration=100,
        **({"lossless": True} if fmt == "WEBP" else {}),
    )
    with Image.open(io.BytesIO(data)) as check:
        assert check.n_frames == 3
    image = assert_clean(images.clean_image(write(tmp_path, f"anim.{fmt.lower()}", data)))
    assert getattr(image, "n_frames", 1) == 1
    r, g, b = image.convert("RGB").getpixel((4, 4))
    assert r > 240 and g < 15 and b < 15


def test_svg_is_copied_as_is(tmp_path: Path) -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<rect width="10" height="10"/></svg>'
    )
    clean = images.clean_image(write(tmp_path, "logo.svg", svg))
    assert clean.suffix == ".svg" and clean.read_bytes() == svg


def test_cleaned_copy_is_cached_by_content_in_its_own_folder(tmp_path: Path) -> None:
    data = encode(quadrants(), "JPEG")
    first = images.clean_image(write(tmp_path, "a.jpg", data))
    inode = first.stat().st_ino  # a rewrite (temp file + rename) would give a new one
    second = images.clean_image(write(tmp_path, "b-copy.jpg", data))
    assert first == second and first.stat().st_ino == inode
    assert [p.name for p in first.parent.iterdir()] == [first.name]
    assert images.clean_image(first) == first  # a cleaned copy is not cleaned again


# --- hostile files are refused with a clear message -----------------------------------


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _bomb_png() -> bytes:
    """A real compressed bomb: 12,000 × 12,000 grey zeros (144 MP) in ~150 KB."""
    row = b"\0" + b"\0" * 12000
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(12000)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 12000, 12000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _truncated_jpeg() -> bytes:
    data = encode(Image.effect_noise((256, 256), 64).convert("RGB"), "JPEG", quality=90)
    return data[: len(data) // 2]


def _truncated_png() -> bytes:
    data = encode(Image.effect_noise((256, 256), 64), "PNG")
    return data[: len(data) // 2]


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n"
    b"0 0 moveto 100 100 lineto stroke\nshowpage\n"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>'
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
)

HOSTILE_FILES = {
    "header-bomb-100k-square.png": (lambda: _png_header_only(100_000, 100_000), "quá lớn"),
    "compressed-bomb-144mp.png": (_bomb_png, "quá lớn"),
    "truncated.jpg": (_truncated_jpeg, "hỏng"),
    "truncated.png": (_truncated_png, "hỏng"),
    "eps-renamed.png": (lambda: EPS, "EPS"),
    "dos-eps-renamed.jpg": (lambda: b"\xc5\xd0\xd3\xc6" + b"\0" * 60, "EPS"),
    "pdf-renamed.png": (lambda: b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF", "PDF"),
    "gif-renamed.png": (lambda: encode(Image.new("P", (4, 4)), "GIF"), "GIF"),
    "tiff-renamed.jpg": (lambda: encode(Image.new("RGB", (4, 4)), "TIFF"), "TIFF"),
    "bmp-renamed.png": (lambda: encode(Image.new("RGB", (4, 4)), "BMP"), "BMP"),
    "html-renamed.png": (lambda: b"<html><script>alert(1)</script></html>", "PNG, JPEG"),
    "empty.png": (lambda: b"", "PNG, JPEG"),
    "random-bytes.jpg": (lambda: os.urandom(4096), "PNG, JPEG"),
    "jpeg-magic-then-garbage.jpg": (lambda: b"\xff\xd8\xff" + os.urandom(2000), "hỏng"),
    "billion-laughs.svg": (lambda: BILLION_LAUGHS, "DOCTYPE"),
    "xxe.svg": (lambda: XXE, "DOCTYPE"),
    "svg-not-xml.svg": (lambda: b"<svg <<<", "hỏng"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_image_file_is_refused_clearly(tmp_path: Path, name: str, monkeypatch) -> None:
    from PIL import EpsImagePlugin

    def never(*args, **kwargs):
        raise AssertionError("Pillow's EPS plugin must never run")

    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", never)
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", never)
    make, expected = HOSTILE_FILES[name]
    path = write(tmp_path, name, make())
    started = time.process_time()
    with pytest.raises(UserError) as caught:
        images.clean_image(path)
    assert time.process_time() - started < 5
    assert expected in caught.value.vi, caught.value.vi
    assert caught.value.en and caught.value.en != caught.value.vi
    assert name in caught.value.vi
    assert not images.cache_dir().exists() or not any(images.cache_dir().rglob("image.*"))


def test_hostile_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    with open(path, "wb") as handle:
        handle.write(b"\xff\xd8\xff")
        handle.truncate(images.MAX_IMAGE_BYTES + 1)
    with pytest.raises(UserError) as caught:
        images.clean_image(path)
    assert "quá lớn" in caught.value.vi


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_hostile_special_file_named_like_an_image(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "photo.png"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/urandom")
    else:
        path.mkdir()
    started = time.monotonic()
    with pytest.raises(UserError):
        images.clean_image(path)
    assert time.monotonic() - started < 5


# --- the render sees only the cleaned copy ---------------------------------------------


def test_field_coercion_hands_the_render_the_cleaned_copy(tmp_path: Path) -> None:
    template = TemplateRegistry().get("poster-bhxh")
    photo = write(tmp_path, "anh.jpg", encode(quadrants(), "JPEG", exif=exif_with_gps(6).tobytes()))
    resolved = resolve_fields(template, {"photo": "anh.jpg"}, {}, tmp_path)
    path = resolved.images["photo"]
    assert path.is_relative_to(images.cache_dir()) and path != photo
    assert resolved.values["photo"].url == path.as_uri()


def test_hostile_image_becomes_a_check_naming_the_field(tmp_path: Path) -> None:
    template = TemplateRegistry().get("poster-bhxh")
    write(tmp_path, "anh.png", EPS)
    resolved = resolve_fields(template, {"photo": "anh.png"}, {}, tmp_path)
    problem = next(c for c in resolved.checks if c.field == "photo")
    assert problem.is_error and "EPS" in problem.vi and "EPS" in problem.en
    assert "photo" not in resolved.images


def test_rendered_pdf_carries_no_exif_from_the_photo(tmp_path: Path) -> None:
    photo = quadrants(1200, 900)
    write(tmp_path, "anh.jpg", encode(photo, "JPEG", exif=exif_with_gps(1).tobytes()))
    result = render_piece(
        Piece("poster-bhxh", "toan-dan", "A4", {"photo": "anh.jpg"}),
        Campaign(name="Thử ảnh", base_dir=tmp_path),
        RenderOptions(formats=("pdf",), fast_pdf=True),
    )
    pdf = result.artifact("pdf").data
    assert result.ok, [c.vi for c in result.checks if c.is_error]
    assert OWNER.encode() not in pdf and b"PhoneMaker" not in pdf and b"Exif" not in pdf


def test_the_cache_forgets_copies_nobody_used_for_long(tmp_path: Path, monkeypatch) -> None:
    copies = []
    for index in range(3):
        source = write(tmp_path, f"anh-{index}.png", encode(quadrants(40 + index), "PNG"))
        copies.append(images.clean_image(source))
    now = time.time()
    ages_days = (90, 2, 0)  # unused for 90 days, 2 days, in use now
    for copy, days in zip(copies, ages_days, strict=True):
        os.utime(copy, (now - days * 86400, now - days * 86400))

    assert images.sweep_cache(now) == 1  # only the stale one while the cache is small
    assert [c.exists() for c in copies] == [False, True, True]
    assert not copies[0].parent.exists()

    monkeypatch.setattr(images, "CACHE_MAX_BYTES", 1)  # over the cap: oldest go first...
    assert images.sweep_cache(now) == 1
    assert [c.exists() for c in copies] == [False, False, True]  # ...but not one in use

    again = images.clean_image(tmp_path / "anh-0.png")  # made again when needed
    assert again == copies[0] and again.is_file()
