"""The template manifest (`template.toml`) and its validation.

A manifest declares what a template is (id, Vietnamese name, kind), the sizes it comes
in (millimetres for print, pixels for screens), the bleed, the fields it takes with
their limits, the Jinja sources that make its outputs, and (`needs`) the segment facts
its price or table blocks take for granted, so a piece for a segment lacking one is
stopped with a check rather than printed with a price that does not apply. A free area
(`[free_area]`: a box in percent of the sheet, a size may have its own) gives the
template two more optional fields, the officer's own text and picture (`FREE_TEXT`,
`FREE_IMAGE`), which the shared page draws there. Every
problem found is a `UserError` carrying the manifest path and the line it points at, so
`ansinh-cli check` can list them all at once.

Manifests arrive in packs from other provinces, so reading one is bounded: the file's
size and nesting depth, the number of sizes, fields, choices and list entries (counted
before any entry is read), and every text's length; each key is read with the type it
must have, a wrong one being a problem that names the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from ..errors import UserError
from ..safedata import Table, parse_toml, read_file
from ..segments import NEEDS

MANIFEST = "template.toml"
FIELD_TYPES = ("text", "paragraph", "image", "color", "date", "number", "money", "choice", "link")
# kind -> channel; visual kinds render through HTML → PDF, text kinds through a text template.
KINDS = {
    "poster": "print",
    "banner": "print",
    "flag": "print",
    "infographic": "print",
    "pano": "print",
    "leaflet": "print",
    "booklet": "print",
    "slides": "presentation",
    "social": "social",
    "standee": "print",
    "backdrop": "print",
    "letter": "print",
    "board": "print",
    "loudspeaker": "loudspeaker",
    "sms": "sms",
}
TEXT_KINDS = ("loudspeaker", "sms")
CAMPAIGN_KEYS = (
    "name",
    "unit",
    "hotline",
    "key_message",
    "call_to_action",
    "website",
    "address",
)
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_SIZE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.x_-]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SOURCE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")  # a plain file name: no folders, no ..
_WHAT = "Tệp TOML của mẫu"
_T = TypeVar("_T")

# Limits, checked before anything is read per entry: far above any real template, low
# enough that a manifest from a pack cannot make listing or checking templates slow.
MAX_MANIFEST_BYTES = 256 * 1024
MAX_SIZES = 24
MAX_FIELDS = 80
MAX_VARIANTS = 12
MAX_CHOICES = 100
MAX_LIST = 20  # tags, aliases
MAX_ID = 64
MAX_LABEL = 200
MAX_HELP = 2000
MAX_NUMBER = 1e15
MAX_PAGES = 64  # a booklet of 64 A5 pages is the most a commune office prints
# The free area's fields (`[free_area]`): the officer's own short text and picture.
FREE_TEXT = "free_text"
FREE_IMAGE = "free_image"
FREE_LINES = (1, 12)  # the lines of free text an area may hold
MIN_AREA = 2.0  # percent of the sheet: a smaller box holds no legible text
_PAGES = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")


@dataclass(frozen=True)
class Area:
    """Where a template leaves room for the officer's own text and picture
    (`[free_area]`, or a size's or layout variant's own `free_area`): its top left
    corner `x`, `y` and its size `w`, `h`, in percent of the sheet, and the `lines` of
    free text it holds, which set that text's type size
    (`render.placement.free_area_css`)."""

    x: float
    y: float
    w: float
    h: float
    lines: int = 3


@dataclass(frozen=True)
class Size:
    id: str
    label: str
    width: float
    height: float
    unit: str  # "mm" (print) or "px" (screen)
    bleed_mm: float = 0.0
    png_dpi: float = 96.0  # default raster resolution for print sizes
    label_en: str = ""
    # Its PNG keeps the page's transparency (a video overlay) instead of a white ground.
    transparent: bool = False
    free_area: Area | None = None  # the template's [free_area], or this size's own

    @property
    def is_print(self) -> bool:
        return self.unit == "mm"

    def css_size(self) -> str:
        return f"{self.width:g}{self.unit} {self.height:g}{self.unit}"

    def describe(self) -> str:
        if self.is_print:
            return f"{self.width:g} × {self.height:g} mm"
        return f"{self.width:g} × {self.height:g} px"


@dataclass(frozen=True)
class Fit:
    """Shrink-to-fit bounds (points) for a one-line field such as a village name."""

    min_pt: float
    max_pt: float


@dataclass(frozen=True)
class Move:
    """How far the officer may move a slot on the page (`move` in a field): up to `x`
    percent of the sheet's width and `y` of its height either way, and scale it within
    `scale` (1: as designed). The template's CSS places the slot with the variables
    `--dx-<id>`, `--dy-<id>` (lengths) and `--scale-<id>` (a factor) the renderer sets."""

    x: float
    y: float
    scale: tuple[float, float] = (1.0, 1.0)


@dataclass(frozen=True)
class Variant:
    """A second layout of a template (`[[variants]]`): its stylesheet `css`, a file in
    the template folder, comes after the template's own styles and before the
    campaign style's, on the same markup and fields."""

    id: str
    label: str
    css: str
    label_en: str = ""
    free_area: Area | None = None  # its own, where the template's is taken in this layout


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    help: str = ""
    label_en: str = ""
    required: bool = False
    default: Any = None
    # Empty values fall back to a campaign-wide value: one message on every channel.
    campaign_default: str | None = None
    max_chars: int | None = None
    max_lines: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[str, str], ...] = ()
    fit: Fit | None = None
    min_dpi: float = 150.0  # image fields: lowest effective resolution at print size
    aliases: tuple[str, ...] = ()  # spreadsheet headers that mean this field ("Tên thôn")
    move: Move | None = None  # a slot the officer may drag on the preview


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    kind: str
    folder: Path
    sizes: tuple[Size, ...]
    fields: tuple[Field, ...]
    html: str | None = None  # Jinja HTML source for visual kinds
    text: str | None = None  # Jinja text source for text kinds
    caption: str | None = None  # optional caption text beside a visual piece
    caption_limit: int = 2200
    name_en: str = ""
    origin: str = "shipped"  # or "user"
    tags: tuple[str, ...] = field(default_factory=tuple)
    # Segment facts (segments.NEEDS) its price/table blocks need, having no alternative
    # for a segment without them; the shipped templates adapt instead (_shared/offer.j2).
    needs: tuple[str, ...] = field(default_factory=tuple)
    # The pages a piece may have, (least, most): `pages = 2` or `pages = "4-32"`, where
    # flowing content adds pages up to the most (render/pages.py checks it).
    pages: tuple[int, int] = (1, 1)
    # A count the pages come in (4: a saddle-stitched booklet's sheets each carry four);
    # the template's filler pages make the rest up (render/pages.py `padded`).
    page_multiple: int = 1

    @property
    def multipage(self) -> bool:
        return self.pages != (1, 1)
    variants: tuple[Variant, ...] = field(default_factory=tuple)  # layouts besides its own

    @property
    def has_free_area(self) -> bool:
        """Whether the template declares `[free_area]` (and so the free fields)."""
        return any(size.free_area for size in self.sizes)

    @property
    def channel(self) -> str:
        return KINDS[self.kind]

    @property
    def is_visual(self) -> bool:
        return self.kind not in TEXT_KINDS

    @property
    def outputs(self) -> tuple[str, ...]:
        if self.kind == "loudspeaker":
            return ("txt", "wav", "mp3")  # the script is also spoken (core/audio.py)
        if not self.is_visual:
            return ("txt",)
        return ("pdf", "png", "txt") if self.caption else ("pdf", "png")

    def size(self, size_id: str | None) -> Size:
        if size_id is None:
            return self.sizes[0]
        for size in self.sizes:
            if size.id.lower() == size_id.lower():
                return size
        known = ", ".join(s.id for s in self.sizes)
        raise UserError(
            f"Mẫu «{self.id}» không có khổ «{size_id}». Các khổ có: {known}",
            f"Template «{self.id}» has no size «{size_id}». Sizes: {known}",
        )

    def field(self, field_id: str) -> Field:
        return next(f for f in self.fields if f.id == field_id)


class _Locator:
    """Finds the line a manifest key sits on, since tomllib keeps no positions."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # Table headers indexed once: one scan per [[sizes]] entry would be quadratic.
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if stripped.startswith("[[") and stripped.endswith("]]"):
                self.headers.setdefault(stripped[2:-2].strip(), []).append(number)

    def table(self, name: str, index: int) -> int:
        found = self.headers.get(name, [])
        return found[index] if index < len(found) else 1

    def section(self, name: str) -> int:
        """The line of the `[name]` table header, else of a `name = …` key."""
        header = f"[{name}]"
        found = (n for n, line in enumerate(self.lines, 1) if line.strip() == header)
        return next(found, None) or self.key(name)

    def key(self, key: str, after: int = 1) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(after, len(self.lines) + 1):
            line = self.lines[number - 1]
            if number > after and line.lstrip().startswith("[["):
                break
            if pattern.match(line):
                return number
        return after


class _Problems:
    def __init__(self, path: Path, locator: _Locator) -> None:
        self.path = path
        self.where = locator
        self.found: list[UserError] = []

    def add(self, line: int, vi: str, en: str, field_id: str | None = None) -> None:
        self.found.append(UserError(vi, en, path=str(self.path), line=line, field=field_id))

    def typed(self, line: int, fallback: Any, read: Callable[..., _T], *args: Any,
              **kwargs: Any) -> _T:
        """`read(*args, **kwargs)`; a value of the wrong type is a problem and `fallback`
        stands in, so the other keys are still checked."""
        try:
            return read(*args, **kwargs)
        except UserError as exc:
            self.add(line, exc.vi, exc.en, exc.field)
            return fallback


def _dimension(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 20000


def _parse_size(
    raw: Table, line: int, default_bleed: float, free_area: Area | None, problems: _Problems
) -> Size | None:
    size_id = raw.text("id", max_len=MAX_ID)
    if not _SIZE_ID.match(size_id):
        problems.add(
            line,
            f"Khổ cần «id» hợp lệ (có «{size_id}»).",
            f"A size needs a valid «id» (got «{size_id}»).",
        )
        return None
    if "width_mm" in raw and "height_mm" in raw:
        width, height, unit = raw.raw("width_mm"), raw.raw("height_mm"), "mm"
    elif "width_px" in raw and "height_px" in raw:
        width, height, unit = raw.raw("width_px"), raw.raw("height_px"), "px"
    else:
        problems.add(
            line,
            f"Khổ «{size_id}» cần width_mm/height_mm hoặc width_px/height_px.",
            f"Size «{size_id}» needs width_mm/height_mm or width_px/height_px.",
        )
        return None
    if not (_dimension(width) and _dimension(height)):
        problems.add(
            line,
            f"Khổ «{size_id}»: kích thước phải là số dương ≤ 20000.",
            f"Size «{size_id}»: dimensions must be positive numbers ≤ 20000.",
        )
        return None
    bleed = raw.number("bleed_mm", default_bleed if unit == "mm" else 0, lo=0, hi=50)
    if "free_area" in raw:
        free_area = _own_area(raw, free_area, line, (f"Khổ «{size_id}»", f"Size «{size_id}»"),
                              problems)
    return Size(
        id=size_id,
        label=raw.text("label", size_id, max_len=MAX_LABEL),
        label_en=raw.text("label_en", max_len=MAX_LABEL),
        width=float(width),
        height=float(height),
        unit=unit,
        bleed_mm=float(bleed) if unit == "mm" else 0.0,
        png_dpi=float(raw.number("png_dpi", 150 if unit == "mm" else 96, lo=10, hi=1200)),
        transparent=raw.flag("transparent"),
        free_area=free_area,
    )


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _area(raw: Table, lines: int, line: int, problems: _Problems) -> Area | None:
    """An area: x, y, w, h in percent of the sheet, the whole box on the sheet, and the
    lines it holds (`lines` by default)."""
    box = [raw.raw(key) for key in ("x", "y", "w", "h")]
    lines = raw.raw("lines", lines)
    if _whole(lines, *FREE_LINES) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in box
    ):
        x, y, w, h = box
        if x >= 0 and y >= 0 and w >= MIN_AREA and h >= MIN_AREA and x + w <= 100 >= y + h:
            return Area(float(x), float(y), float(w), float(h), lines)
    problems.add(
        line,
        f"«free_area» cần x, y, w, h (phần trăm khổ giấy): w, h từ {MIN_AREA:g} trở lên và "
        "cả vùng nằm trong trang (x + w ≤ 100, y + h ≤ 100); «lines» là số dòng từ "
        f"{FREE_LINES[0]} đến {FREE_LINES[1]}.",
        f"«free_area» needs x, y, w, h (percent of the sheet): w, h of {MIN_AREA:g} or more "
        "and the whole area on the sheet (x + w ≤ 100, y + h ≤ 100); «lines» a line count "
        f"from {FREE_LINES[0]} to {FREE_LINES[1]}.",
    )
    return None


def _own_area(
    raw: Table, default: Area | None, line: int, owner: tuple[str, str], problems: _Problems
) -> Area | None:
    """A size's or layout's own `free_area`, where the template's does not fit it."""
    where = problems.where.key("free_area", line)
    if default is None:
        problems.add(
            where,
            f"{owner[0]} có «free_area» nhưng mẫu chưa khai báo [free_area].",
            f"{owner[1]} has «free_area» but the template declares no [free_area].",
        )
        return None
    return _area(raw.table("free_area"), default.lines, where, problems)


def _free_area(
    data: Table, line: int, problems: _Problems
) -> tuple[Area | None, tuple[Field, ...]]:
    """`[free_area]`: the sizes' default area and the two optional fields it gives a
    piece, the officer's own short text (`max_chars`, `lines`) and picture (`min_dpi`),
    each movable by `move`."""
    raw = problems.typed(line, None, data.table, "free_area")
    if raw is None:
        return None, ()
    max_chars = raw.raw("max_chars", 200)
    if not _whole(max_chars, 1, MAX_HELP):
        problems.add(
            line,
            f"[free_area]: «max_chars» phải là số nguyên từ 1 đến {MAX_HELP}.",
            f"[free_area]: «max_chars» must be a whole number from 1 to {MAX_HELP}.",
        )
    area = _area(raw, 3, line, problems)
    if area is None:
        return None, ()
    min_dpi = float(problems.typed(line, 150, raw.number, "min_dpi", 150, lo=10, hi=1200))
    move = _move(raw, "free_area", line, problems) if "move" in raw else None
    if move and move.scale != (1.0, 1.0):
        problems.add(
            line,
            "[free_area]: «move» chỉ cho dời chỗ (x, y), không cho đổi cỡ (scale).",
            "[free_area]: «move» lets the fields move (x, y), not scale.",
        )
    fields = (
        Field(
            id=FREE_TEXT,
            type="paragraph",
            label="Chữ thêm",
            label_en="Extra text",
            help="Một đoạn ngắn của đơn vị (lịch họp, địa chỉ, lời nhắn), in vào chỗ trống mẫu "
            "dành sẵn. Để trống thì không in gì.",
            max_chars=max_chars,
            max_lines=area.lines,
            move=move,
        ),
        Field(
            id=FREE_IMAGE,
            type="image",
            label="Ảnh thêm",
            label_en="Extra picture",
            help="Một ảnh của đơn vị (ảnh hội nghị, logo đối tác), đặt vào chỗ trống mẫu dành "
            "sẵn, cạnh chữ thêm nếu có. Để trống thì không in gì.",
            min_dpi=min_dpi,
            move=move,
        ),
    )
    return area, fields


def _choices(raw: Table) -> tuple[tuple[str, str], ...]:
    """`choices`: plain texts, or tables with a `value` and a `label`."""
    items = raw.raw("choices", [])
    if isinstance(items, list):  # a plain text stands for { value = "…" }
        items = [item if isinstance(item, dict) else {"value": item} for item in items]
    entries = Table({"choices": items}, raw.what, path=raw.path, where=raw.where)
    choices = []
    for entry in entries.tables("choices", max_count=MAX_CHOICES):
        value = entry.text("value", max_len=MAX_LABEL)
        choices.append((value, entry.text("label", value, max_len=MAX_LABEL)))
    return tuple(choices)


def _default(raw: Table) -> Any:
    """A field's default: one plain value (which kind fits is checked when it is used)."""
    value = raw.raw("default")
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return raw.number("default", 0, lo=-MAX_NUMBER, hi=MAX_NUMBER)
    return raw.text("default")


def _optional_number(raw: Table, key: str) -> float | None:
    return raw.number(key, 0, lo=-MAX_NUMBER, hi=MAX_NUMBER) if key in raw else None


def _parse_field(raw: Table, line: int, problems: _Problems) -> Field | None:
    field_id = raw.text("id", max_len=MAX_ID)
    ftype = raw.text("type", max_len=MAX_ID)
    if not _ID.match(field_id):
        problems.add(
            line,
            f"Trường cần «id» hợp lệ (chữ thường, số, gạch dưới), có «{field_id}».",
            f"A field needs a valid «id» (lowercase, digits, underscore), got «{field_id}».",
        )
        return None
    if ftype not in FIELD_TYPES:
        problems.add(
            problems.where.key("type", line),
            f"Trường «{field_id}»: kiểu «{ftype}» không hợp lệ (dùng: {', '.join(FIELD_TYPES)}).",
            f"Field «{field_id}»: unknown type «{ftype}» (use: {', '.join(FIELD_TYPES)}).",
            field_id,
        )
        return None
    label = raw.text("label", max_len=MAX_LABEL)
    if not label:
        problems.add(
            line,
            f"Trường «{field_id}» cần nhãn tiếng Việt («label»).",
            f"Field «{field_id}» needs a Vietnamese «label».",
            field_id,
        )
    choices = _choices(raw)
    if ftype == "choice" and not choices:
        problems.add(
            problems.where.key("type", line),
            f"Trường «{field_id}» kiểu lựa chọn cần danh sách «choices».",
            f"Choice field «{field_id}» needs «choices».",
            field_id,
        )
    campaign_default = raw.optional_text("campaign_default", max_len=MAX_ID)
    if campaign_default is not None and campaign_default not in CAMPAIGN_KEYS:
        problems.add(
            problems.where.key("campaign_default", line),
            f"Trường «{field_id}»: campaign_default «{campaign_default}» không có "
            f"(dùng: {', '.join(CAMPAIGN_KEYS)}).",
            f"Field «{field_id}»: unknown campaign_default «{campaign_default}».",
            field_id,
        )
    fit = None
    if "fit" in raw:
        bounds = raw.table("fit")
        lo, hi = bounds.raw("min_pt"), bounds.raw("max_pt")
        if not (_dimension(lo) and _dimension(hi) and lo <= hi):
            problems.add(
                problems.where.key("fit", line),
                f"Trường «{field_id}»: «fit» cần 0 < min_pt ≤ max_pt.",
                f"Field «{field_id}»: «fit» needs 0 < min_pt ≤ max_pt.",
                field_id,
            )
        else:
            fit = Fit(float(lo), float(hi))
    move = _move(raw, field_id, line, problems) if "move" in raw else None
    for key in ("max_chars", "max_lines"):
        value = raw.raw(key)
        if value is not None and not (
            isinstance(value, int) and not isinstance(value, bool) and value > 0
        ):
            problems.add(
                problems.where.key(key, line),
                f"Trường «{field_id}»: «{key}» phải là số nguyên dương.",
                f"Field «{field_id}»: «{key}» must be a positive integer.",
                field_id,
            )
    default = _default(raw)
    if ftype == "color" and default and not _COLOR.match(str(default)):
        problems.add(
            problems.where.key("default", line),
            f"Trường «{field_id}»: màu mặc định phải dạng #RRGGBB.",
            f"Field «{field_id}»: default colour must be #RRGGBB.",
            field_id,
        )
    return Field(
        id=field_id,
        type=ftype,
        label=label or field_id,
        help=raw.text("help", max_len=MAX_HELP),
        label_en=raw.text("label_en", max_len=MAX_LABEL),
        required=raw.flag("required"),
        default=default,
        campaign_default=campaign_default,
        max_chars=raw.raw("max_chars"),
        max_lines=raw.raw("max_lines"),
        minimum=_optional_number(raw, "min"),
        maximum=_optional_number(raw, "max"),
        choices=choices,
        fit=fit,
        min_dpi=float(raw.number("min_dpi", 150, lo=10, hi=1200)),
        aliases=raw.texts("aliases", max_count=MAX_LIST, max_len=MAX_LABEL),
        move=move,
    )


def _move(raw: Table, field_id: str, line: int, problems: _Problems) -> Move | None:
    bounds = raw.table("move")
    x, y, scale = bounds.raw("x", 0), bounds.raw("y", 0), bounds.raw("scale", [1, 1])
    scale_ok = (
        isinstance(scale, list)
        and len(scale) == 2
        and all(_dimension(v) for v in scale)
        and 0.25 <= scale[0] <= 1 <= scale[1] <= 4
    )
    ranges_ok = all(
        isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 50 for v in (x, y)
    )
    if not (scale_ok and ranges_ok):
        problems.add(
            problems.where.key("move", line),
            f"Trường «{field_id}»: «move» cần x, y từ 0 đến 50 (% khổ giấy) và "
            "scale = [nhỏ nhất ≤ 1, lớn nhất ≥ 1] trong khoảng 0,25–4.",
            f"Field «{field_id}»: «move» needs x, y from 0 to 50 (% of the sheet) and "
            "scale = [lowest ≤ 1, highest ≥ 1] within 0.25–4.",
            field_id,
        )
        return None
    return Move(float(x), float(y), (float(scale[0]), float(scale[1])))


def _parse_variant(
    raw: Table, line: int, folder: Path, free_area: Area | None, problems: _Problems
) -> Variant | None:
    variant_id = raw.text("id", max_len=MAX_ID)
    label = raw.text("label", max_len=MAX_LABEL)
    css = raw.text("css", max_len=MAX_LABEL)
    if not _ID.match(variant_id) or not label:
        problems.add(
            line,
            f"Bố cục cần «id» hợp lệ và nhãn tiếng Việt («label»), có «{variant_id}».",
            f"A variant needs a valid «id» and a Vietnamese «label», got «{variant_id}».",
        )
        return None
    if not (_SOURCE.match(css) and css.endswith(".css") and (folder / css).is_file()):
        problems.add(
            problems.where.key("css", line),
            f"Bố cục «{variant_id}»: «css» phải là tên một tệp .css ngay trong thư mục mẫu "
            f"(có «{css}»).",
            f"Variant «{variant_id}»: «css» must name a .css file directly inside the "
            f"template folder (got «{css}»).",
        )
        return None
    if "free_area" in raw:
        owner = (f"Bố cục «{variant_id}»", f"Variant «{variant_id}»")
        free_area = _own_area(raw, free_area, line, owner, problems)
    else:
        free_area = None  # the size's
    return Variant(variant_id, label, css, raw.text("label_en", max_len=MAX_LABEL), free_area)


def _read(path: Path) -> tuple[Table, str]:
    """The manifest's table and text; a problem reading or parsing it is a UserError."""
    source = read_file(path, _WHAT, max_bytes=MAX_MANIFEST_BYTES)
    try:
        data = parse_toml(source, _WHAT, path=str(path), max_bytes=MAX_MANIFEST_BYTES)
    except UserError as exc:
        exc.line = exc.line or _toml_error_line(exc.en)
        raise
    return Table(data, _WHAT, path=str(path)), source.decode("utf-8-sig")


def _entries(data: Table, key: str, limit: int, problems: _Problems) -> list[Table] | None:
    """`[[sizes]]` or `[[fields]]`, counted before any is read: None if unusable."""
    headers = problems.where.headers.get(key)  # a problem points at the first one too many
    line = headers[min(limit, len(headers) - 1)] if headers else problems.where.key(key)
    return problems.typed(line, None, data.tables, key, max_count=limit)


def parse_manifest(
    folder: Path, origin: str = "shipped"
) -> tuple[Template | None, list[UserError]]:
    """Parse `folder/template.toml`; return the template (if usable) and every problem."""
    path = folder / MANIFEST
    if not path.exists():
        return None, [
            UserError("Thiếu tệp template.toml.", "template.toml is missing.", path=str(path))
        ]
    try:
        data, text = _read(path)
    except UserError as exc:
        return None, [exc]
    locator = _Locator(text)
    problems = _Problems(path, locator)
    # Counts first: a manifest with thousands of sizes is refused before any is read.
    raw_sizes = _entries(data, "sizes", MAX_SIZES, problems)
    raw_fields = _entries(data, "fields", MAX_FIELDS, problems)
    raw_variants = _entries(data, "variants", MAX_VARIANTS, problems)
    if raw_sizes is None or raw_fields is None or raw_variants is None:
        return None, problems.found

    def top(key: str, fallback: Any, read: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        return problems.typed(locator.key(key), fallback, read, key, *args, **kwargs)

    template_id = top("id", None, data.text, max_len=MAX_ID)
    if template_id is not None and not _ID.match(template_id):
        problems.add(
            locator.key("id"),
            f"«id» của mẫu không hợp lệ: «{template_id}».",
            f"Invalid template «id»: «{template_id}».",
        )
    kind = top("kind", None, data.text, max_len=MAX_ID)
    if kind is not None and kind not in KINDS:
        problems.add(
            locator.key("kind"),
            f"«kind» phải là một trong: {', '.join(KINDS)}.",
            f"«kind» must be one of: {', '.join(KINDS)}.",
        )
    name = top("name", None, data.text, max_len=MAX_LABEL)
    if name == "":
        problems.add(1, "Mẫu cần tên tiếng Việt («name»).", "The template needs a «name».")

    source_key = "text" if kind in TEXT_KINDS else "html"
    sources: dict[str, str | None] = {}
    for key in (source_key, "caption"):
        source = sources[key] = top(key, None, data.optional_text)
        if key == source_key and not data.raw(key) and kind is not None:
            problems.add(
                1,
                f"Mẫu loại «{kind}» cần khóa «{key}» trỏ tới tệp Jinja.",
                f"A «{kind}» template needs «{key}» naming its Jinja file.",
            )
        elif source and not _SOURCE.match(source):
            problems.add(
                locator.key(key),
                f"«{key}» phải là tên một tệp ngay trong thư mục mẫu (có «{source}»).",
                f"«{key}» must name a file directly inside the template folder "
                f"(got «{source}»).",
            )
        elif source and not (folder / source).is_file():
            problems.add(
                locator.key(key),
                f"Không thấy tệp «{source}» trong thư mục mẫu.",
                f"File «{source}» is not in the template folder.",
            )

    default_bleed = top("bleed_mm", 3, data.number, 3, lo=0, hi=50)
    pages = _pages(data, locator.key("pages"), problems)
    free_area, free_fields = None, ()
    if "free_area" in data:
        free_line = locator.section("free_area")
        free_area, free_fields = _free_area(data, free_line, problems)
        if kind in TEXT_KINDS or pages != (1, 1):
            problems.add(
                free_line,
                "Chỉ mẫu in một trang mới có [free_area].",
                "Only a one-page visual template has a [free_area].",
            )
    sizes = []
    for index, raw in enumerate(raw_sizes):
        line = locator.table("sizes", index)
        size = problems.typed(
            line, None, _parse_size, raw, line, default_bleed, free_area, problems
        )
        if size:
            sizes.append(size)
    if not raw_sizes and kind not in TEXT_KINDS:
        problems.add(1, "Mẫu cần ít nhất một khổ ([[sizes]]).", "A template needs [[sizes]].")

    fields = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_fields):
        line = locator.table("fields", index)
        parsed = problems.typed(line, None, _parse_field, raw, line, problems)
        if parsed is None:
            continue
        if parsed.id in seen:
            problems.add(
                line,
                f"Trường «{parsed.id}» bị khai báo hai lần.",
                f"Field «{parsed.id}» is declared twice.",
                parsed.id,
            )
        elif parsed.id in (FREE_TEXT, FREE_IMAGE):
            problems.add(
                line,
                f"Trường «{parsed.id}» là tên dành cho vùng tự do ([free_area]): hãy đặt tên "
                "khác.",
                f"Field «{parsed.id}» is the name kept for the free area ([free_area]): "
                "choose another.",
                parsed.id,
            )
        seen.add(parsed.id)
        fields.append(parsed)
    fields += free_fields

    variants: list[Variant] = []
    for index, raw in enumerate(raw_variants):
        line = locator.table("variants", index)
        variant = problems.typed(
            line, None, _parse_variant, raw, line, folder, free_area, problems
        )
        if variant is None:
            continue
        if any(v.id == variant.id for v in variants):
            problems.add(
                line,
                f"Bố cục «{variant.id}» bị khai báo hai lần.",
                f"Variant «{variant.id}» is declared twice.",
            )
        variants.append(variant)
    if variants and kind in TEXT_KINDS:
        problems.add(
            locator.table("variants", 0),
            "Mẫu văn bản không có bố cục ([[variants]]).",
            "A text template has no layouts ([[variants]]).",
        )

    name_en = top("name_en", "", data.text, max_len=MAX_LABEL)
    description = top("description", "", data.text, max_len=MAX_HELP)
    caption_limit = int(top("caption_limit", 0, data.number, 2200, lo=1, hi=100_000))
    tags = top("tags", (), data.texts, max_count=MAX_LIST, max_len=MAX_ID)
    needs = top("needs", (), data.texts, max_count=MAX_LIST, max_len=MAX_ID)
    for need in needs:
        if need not in NEEDS:
            problems.add(
                locator.key("needs"),
                f"«needs» có «{need}» không hợp lệ (dùng: {', '.join(NEEDS)}).",
                f"«needs» has an unknown fact «{need}» (use: {', '.join(NEEDS)}).",
            )
    page_multiple = int(top("page_multiple", 1, data.number, 1, lo=1, hi=8))
    if problems.found:
        return None, problems.found
    return Template(
        id=template_id,
        name=name,
        name_en=name_en,
        description=description,
        kind=kind,
        folder=folder,
        sizes=tuple(sizes),
        fields=tuple(fields),
        html=sources.get("html"),
        text=sources.get("text"),
        caption=sources.get("caption"),
        caption_limit=caption_limit,
        origin=origin,
        tags=tags,
        needs=tuple(dict.fromkeys(needs)),
        pages=pages,
        page_multiple=page_multiple,
        variants=tuple(variants),
    ), []


def _pages(data: Table, line: int, problems: _Problems) -> tuple[int, int]:
    """`pages`: a count (2) or a range ("4-32"), within 1..MAX_PAGES."""
    value = data.raw("pages", 1)
    if isinstance(value, int) and not isinstance(value, bool):
        bounds = (value, value)
    elif isinstance(value, str) and (match := _PAGES.match(value)):
        bounds = (int(match.group(1)), int(match.group(2)))
    else:
        bounds = (0, 0)
    if not 1 <= bounds[0] <= bounds[1] <= MAX_PAGES:
        shown = str(value)[:20]
        problems.add(
            line,
            f"«pages» phải là số trang (1–{MAX_PAGES}) hoặc khoảng «4-32», có «{shown}».",
            f"«pages» must be a page count (1–{MAX_PAGES}) or a range like «4-32», "
            f"got «{shown}».",
        )
        return (1, 1)
    return bounds


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def load_template(folder: Path, origin: str = "shipped") -> Template:
    template, problems = parse_manifest(folder, origin)
    if problems:
        raise problems[0]
    assert template is not None
    return template
