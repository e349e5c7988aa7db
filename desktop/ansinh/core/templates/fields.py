"""Turning raw field values into checked, render-ready values.

Raw values come from the form, a campaign file or a spreadsheet cell, so they arrive
as text or as typed values. Each field type has one coercion here; limits and
required-ness become `Check`s naming the field, so the form can point at it.
"""

from __future__ import annotations

import functools
import html
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import images, paths
from ..checks import Check, error
from ..errors import UserError
from ..preferences import tone_style as preferred_tone_style
from ..safedata import COLOUR
from ..vntext import normalize, tone_style
from .manifest import Field, Template

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
# Beyond any figure a leaflet shows (a million billion đồng), and still exact as a float.
NUMBER_LIMIT = 10**15
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")


@dataclass(frozen=True)
class ImageValue:
    path: Path
    url: str

    def __str__(self) -> str:
        return self.url


@dataclass(frozen=True)
class LinkValue:
    url: str
    qr: str  # SVG data URI of the QR code

    def __str__(self) -> str:
        return self.url


@dataclass
class ResolvedFields:
    values: dict[str, Any]  # what templates see as `f`
    texts: dict[str, str]  # the plain text of each textual field (glyph checks)
    checks: list[Check]
    images: dict[str, Path]  # field id -> image file (resolution checks)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _kind(raw: Any) -> tuple[str, str]:
    """What a value that does not belong in a field is, in words (Vietnamese, English)."""
    if isinstance(raw, bool):
        return "đúng/sai", "true/false"
    if isinstance(raw, list | tuple | set):
        return "một danh sách", "a list"
    if isinstance(raw, dict):
        return "một bảng", "a table"
    if isinstance(raw, date):
        return "một ngày", "a date"
    return type(raw).__name__, type(raw).__name__


def _parse_number(raw: Any) -> float:
    """A finite number within ±`NUMBER_LIMIT`, or ValueError with what is wrong."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        vi, en = _kind(raw)
        raise ValueError(f"cần một con số (đang là {vi})|a number is needed (it is {en})")
    if isinstance(raw, str):
        text = raw.strip().replace(" ", "").replace("đ", "").replace("₫", "")
        # Vietnamese writing: "." groups thousands, "," marks decimals.
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text) or "," in text:
            text = text.replace(".", "").replace(",", ".")
        # Plain digits only: float() would also take "nan", "inf", "1_0" and non-ASCII digits.
        if not _NUMBER.fullmatch(text):
            raise ValueError("cần một con số|a number is needed")
        raw = float(text)  # "1e309" becomes inf, refused below
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError("cần một con số hữu hạn, không phải NaN hay vô cực|"
                         "a finite number is needed, not NaN or infinity")
    if abs(raw) > NUMBER_LIMIT:  # also ints too large for a float (JSON has no bound)
        limit = f"{NUMBER_LIMIT:,}"
        raise ValueError(f"con số vượt quá ±{limit.replace(',', '.')}|"
                         f"the number is beyond ±{limit}")
    return raw


def _parse_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(str(raw).strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(raw)


# Print has no use for links or inline images, and a link's target (javascript:, file:)
# must not reach the PDF: Markdown's <a> keep only their text, <img> go.
_LINK_OR_IMAGE = re.compile(r"</?a\b[^>]*>|<img\b[^>]*>")


@functools.lru_cache(maxsize=256)
def paragraph_html(text: str) -> Markup:
    # Kept: a batch's rows mostly share their paragraphs (~0.4 ms each).
    # The user's text is escaped first, so Markdown adds the only markup there is.
    # Markdown and segno are imported on first use (render processes preload them): the
    # window imports this module with the batch engine (row checks), and they cost ~0.15 s.
    import markdown

    rendered = markdown.markdown(html.escape(text, quote=False), output_format="html")
    return Markup(_LINK_OR_IMAGE.sub("", rendered))


@functools.lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    # Kept: encoding picks the best of 8 masks (~5 ms), and the link rarely changes.
    import segno

    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000000")


def _text_limits(spec: Field, text: str, checks: list[Check]) -> None:
    if spec.max_chars and len(text) > spec.max_chars:
        checks.append(
            error(
                "limit",
                f"«{spec.label}» dài {len(text)} ký tự, tối đa {spec.max_chars}.",
                f"«{spec.label_en or spec.label}» has {len(text)} characters, at most "
                f"{spec.max_chars}.",
                spec.id,
            )
        )
    lines = text.count("\n") + 1
    if spec.max_lines and lines > spec.max_lines:
        checks.append(
            error(
                "limit",
                f"«{spec.label}» có {lines} dòng, tối đa {spec.max_lines}.",
                f"«{spec.label_en or spec.label}» has {lines} lines, at most {spec.max_lines}.",
                spec.id,
            )
        )


def _coerce(spec: Field, raw: Any, base_dir: Path) -> Any:
    """One field's value, or ValueError with what is wrong (in Vietnamese)."""
    kind = spec.type
    if isinstance(raw, list | tuple | set | dict):  # a data file's value: no field takes one
        vi, en = _kind(raw)
        raise ValueError(f"cần một giá trị, không phải {vi}|a single value is needed, not {en}")
    if isinstance(raw, float) and not math.isfinite(raw) and kind not in ("number", "money"):
        raise ValueError("NaN hay vô cực không phải một giá trị|NaN or infinity is not a value")
    if kind in ("text", "paragraph"):
        return normalize(str(raw)).strip()
    if kind == "color":
        if not isinstance(raw, str) or not COLOUR.fullmatch(raw.strip()):
            raise ValueError("màu phải dạng #RRGGBB|colour must be #RRGGBB")
        return raw.strip().upper()
    if kind == "date":
        try:
            return _parse_date(raw)
        except ValueError:
            raise ValueError("ngày phải dạng 31/12/2026|date must be 31/12/2026") from None
    if kind in ("number", "money"):
        number = _parse_number(raw)
        if spec.minimum is not None and number < spec.minimum:
            raise ValueError(f"nhỏ nhất là {spec.minimum:g}|the minimum is {spec.minimum:g}")
        if spec.maximum is not None and number > spec.maximum:
            raise ValueError(f"lớn nhất là {spec.maximum:g}|the maximum is {spec.maximum:g}")
        if kind == "money":
            if number < 0:
                raise ValueError("số tiền không âm|money cannot be negative")
            return int(round(number))
        return int(number) if float(number).is_integer() else number
    if kind == "choice":
        value = str(raw).strip()
        for choice_value, label in spec.choices:
            if value in (choice_value, label):
                return choice_value
        allowed = ", ".join(v for v, _ in spec.choices)
        raise ValueError(f"chọn một trong: {allowed}|choose one of: {allowed}")
    if kind == "link":
        url = str(raw).strip()
        return LinkValue(url, qr_data_uri(url))
    if kind == "image":
        text = str(raw).strip()
        if text.startswith("asset:"):  # shipped artwork, e.g. a template's default image
            assets = paths.assets_dir().resolve()
            path = (assets / text.removeprefix("asset:")).resolve()
            if not path.is_relative_to(assets):
                raise ValueError(
                    "ảnh có sẵn (asset:) phải nằm trong thư mục assets|"
                    "shipped artwork (asset:) must be inside the assets folder"
                )
        else:
            path = Path(text)
            path = path if path.is_absolute() else base_dir / path
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValueError(
                "ảnh phải là PNG, JPEG, WebP hoặc SVG|images must be PNG, JPEG, WebP or SVG"
            )
        if not path.is_file():
            raise ValueError(f"không thấy tệp ảnh {path.name}|image file {path.name} not found")
        # Content check, size limits, EXIF orientation applied and metadata stripped: the
        # render only ever sees the cleaned copy (in its own cache folder).
        try:
            clean = images.clean_image(path)
        except UserError as exc:
            raise ValueError(f"{exc.vi.rstrip('.')}|{exc.en.rstrip('.')}") from None
        return ImageValue(clean, clean.as_uri())
    raise AssertionError(kind)


def resolve_fields(
    template: Template,
    raw_values: dict[str, Any],
    campaign_context: dict[str, Any],
    base_dir: Path,
) -> ResolvedFields:
    values: dict[str, Any] = {}
    texts: dict[str, str] = {}
    checks: list[Check] = []
    images: dict[str, Path] = {}
    tones = preferred_tone_style()  # the office's tone-mark style, applied to what it typed
    for spec in template.fields:
        # A missing value takes the template's default (a new piece is prefilled);
        # a value the user cleared stays empty, unless a campaign-wide value stands in.
        raw = raw_values.get(spec.id, spec.default)
        if _is_empty(raw) and spec.campaign_default:
            raw = campaign_context.get(spec.campaign_default)
        if _is_empty(raw):
            if spec.required:
                checks.append(
                    error(
                        "required",
                        f"Chưa điền «{spec.label}».",
                        f"«{spec.label_en or spec.label}» is required.",
                        spec.id,
                    )
                )
            values[spec.id] = None if spec.type not in ("text", "paragraph") else ""
            continue
        try:
            value = _coerce(spec, raw, base_dir)
        except ValueError as exc:
            vi, _, en = str(exc).partition("|")
            checks.append(
                error(
                    "value",
                    f"«{spec.label}»: {vi}.",
                    f"«{spec.label_en or spec.label}»: {en or vi}.",
                    spec.id,
                )
            )
            values[spec.id] = None
            continue
        if spec.type in ("text", "paragraph"):
            value = tone_style(value, tones)
            _text_limits(spec, value, checks)
            texts[spec.id] = value
            if spec.type == "paragraph":
                value = paragraph_html(value)
        if isinstance(value, ImageValue):
            images[spec.id] = value.path
        values[spec.id] = value
    return ResolvedFields(values, texts, checks, images)
