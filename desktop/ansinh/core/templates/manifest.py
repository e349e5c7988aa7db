"""The template manifest (`template.toml`) and its validation.

A manifest declares what a template is (id, Vietnamese name, kind), the sizes it comes
in (millimetres for print, pixels for screens), the bleed, the fields it takes with
their limits, and the Jinja sources that make its outputs. Every problem found is a
`UserError` carrying the manifest path and the line it points at, so `ansinh-cli check`
can list them all at once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError

MANIFEST = "template.toml"
FIELD_TYPES = ("text", "paragraph", "image", "color", "date", "number", "money", "choice", "link")
# kind -> channel; visual kinds render through HTML → PDF, text kinds through a text template.
KINDS = {
    "poster": "print",
    "banner": "print",
    "flag": "print",
    "infographic": "print",
    "social": "social",
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

    @property
    def channel(self) -> str:
        return KINDS[self.kind]

    @property
    def is_visual(self) -> bool:
        return self.kind not in TEXT_KINDS

    @property
    def outputs(self) -> tuple[str, ...]:
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

    def table(self, name: str, index: int) -> int:
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if line.strip() == f"[[{name}]]":
                seen += 1
                if seen == index:
                    return number
        return 1

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


def _parse_size(raw: dict, line: int, default_bleed: float, problems: _Problems) -> Size | None:
    size_id = str(raw.get("id", ""))
    if not _SIZE_ID.match(size_id):
        problems.add(
            line,
            f"Khổ cần «id» hợp lệ (có «{size_id}»).",
            f"A size needs a valid «id» (got «{size_id}»).",
        )
        return None
    if "width_mm" in raw and "height_mm" in raw:
        width, height, unit = raw["width_mm"], raw["height_mm"], "mm"
    elif "width_px" in raw and "height_px" in raw:
        width, height, unit = raw["width_px"], raw["height_px"], "px"
    else:
        problems.add(
            line,
            f"Khổ «{size_id}» cần width_mm/height_mm hoặc width_px/height_px.",
            f"Size «{size_id}» needs width_mm/height_mm or width_px/height_px.",
        )
        return None
    if not all(isinstance(v, int | float) and 0 < v <= 20000 for v in (width, height)):
        problems.add(
            line,
            f"Khổ «{size_id}»: kích thước phải là số dương ≤ 20000.",
            f"Size «{size_id}»: dimensions must be positive numbers ≤ 20000.",
        )
        return None
    bleed = float(raw.get("bleed_mm", default_bleed if unit == "mm" else 0))
    if unit == "mm" and not 0 <= bleed <= 50:
        problems.add(
            line,
            f"Khổ «{size_id}»: bleed_mm phải từ 0 đến 50.",
            f"Size «{size_id}»: bleed_mm must be between 0 and 50.",
        )
    return Size(
        id=size_id,
        label=str(raw.get("label", size_id)),
        label_en=str(raw.get("label_en", "")),
        width=float(width),
        height=float(height),
        unit=unit,
        bleed_mm=bleed if unit == "mm" else 0.0,
        png_dpi=float(raw.get("png_dpi", 150 if unit == "mm" else 96)),
    )


def _parse_field(raw: dict, line: int, problems: _Problems) -> Field | None:
    field_id = str(raw.get("id", ""))
    ftype = raw.get("type")
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
    if not raw.get("label"):
        problems.add(
            line,
            f"Trường «{field_id}» cần nhãn tiếng Việt («label»).",
            f"Field «{field_id}» needs a Vietnamese «label».",
            field_id,
        )
    choices: list[tuple[str, str]] = []
    for choice in raw.get("choices", []):
        if isinstance(choice, dict) and "value" in choice:
            choices.append((str(choice["value"]), str(choice.get("label", choice["value"]))))
        else:
            choices.append((str(choice), str(choice)))
    if ftype == "choice" and not choices:
        problems.add(
            problems.where.key("type", line),
            f"Trường «{field_id}» kiểu lựa chọn cần danh sách «choices».",
            f"Choice field «{field_id}» needs «choices».",
            field_id,
        )
    campaign_default = raw.get("campaign_default")
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
        bounds = raw["fit"]
        lo, hi = bounds.get("min_pt"), bounds.get("max_pt")
        if not (isinstance(lo, int | float) and isinstance(hi, int | float) and 0 < lo <= hi):
            problems.add(
                problems.where.key("fit", line),
                f"Trường «{field_id}»: «fit» cần 0 < min_pt ≤ max_pt.",
                f"Field «{field_id}»: «fit» needs 0 < min_pt ≤ max_pt.",
                field_id,
            )
        else:
            fit = Fit(float(lo), float(hi))
    for key in ("max_chars", "max_lines"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, int) and value > 0):
            problems.add(
                problems.where.key(key, line),
                f"Trường «{field_id}»: «{key}» phải là số nguyên dương.",
                f"Field «{field_id}»: «{key}» must be a positive integer.",
                field_id,
            )
    if ftype == "color" and raw.get("default") and not _COLOR.match(str(raw["default"])):
        problems.add(
            problems.where.key("default", line),
            f"Trường «{field_id}»: màu mặc định phải dạng #RRGGBB.",
            f"Field «{field_id}»: default colour must be #RRGGBB.",
            field_id,
        )
    return Field(
        id=field_id,
        type=ftype,
        label=str(raw.get("label", field_id)),
        help=str(raw.get("help", "")),
        label_en=str(raw.get("label_en", "")),
        required=bool(raw.get("required", False)),
        default=raw.get("default"),
        campaign_default=campaign_default,
        max_chars=raw.get("max_chars"),
        max_lines=raw.get("max_lines"),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        choices=tuple(choices),
        fit=fit,
        min_dpi=float(raw.get("min_dpi", 150)),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
    )


def parse_manifest(
    folder: Path, origin: str = "shipped"
) -> tuple[Template | None, list[UserError]]:
    """Parse `folder/template.toml`; return the template (if usable) and every problem."""
    path = folder / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        return None, [
            UserError("Thiếu tệp template.toml.", "template.toml is missing.", path=str(path))
        ]
    except UnicodeDecodeError:
        return None, [
            UserError(
                "template.toml phải mã hóa UTF-8.", "template.toml must be UTF-8.", path=str(path)
            )
        ]
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_error_line(str(exc))
        return None, [
            UserError(
                f"Lỗi cú pháp TOML: {exc}", f"TOML syntax error: {exc}", path=str(path), line=line
            )
        ]
    locator = _Locator(text)
    problems = _Problems(path, locator)

    template_id = str(data.get("id", ""))
    if not _ID.match(template_id):
        problems.add(
            locator.key("id"),
            f"«id» của mẫu không hợp lệ: «{template_id}».",
            f"Invalid template «id»: «{template_id}».",
        )
    kind = data.get("kind")
    if kind not in KINDS:
        problems.add(
            locator.key("kind"),
            f"«kind» phải là một trong: {', '.join(KINDS)}.",
            f"«kind» must be one of: {', '.join(KINDS)}.",
        )
    if not data.get("name"):
        problems.add(1, "Mẫu cần tên tiếng Việt («name»).", "The template needs a «name».")

    source_key = "text" if kind in TEXT_KINDS else "html"
    for key in (source_key, "caption"):
        source = data.get(key)
        if key == source_key and not source:
            problems.add(
                1,
                f"Mẫu loại «{kind}» cần khóa «{key}» trỏ tới tệp Jinja.",
                f"A «{kind}» template needs «{key}» naming its Jinja file.",
            )
        elif source and (not isinstance(source, str) or not _SOURCE.match(source)):
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

    default_bleed = float(data.get("bleed_mm", 3))
    sizes = []
    for index, raw in enumerate(data.get("sizes", [])):
        size = _parse_size(raw, locator.table("sizes", index), default_bleed, problems)
        if size:
            sizes.append(size)
    if not data.get("sizes") and kind not in TEXT_KINDS:
        problems.add(1, "Mẫu cần ít nhất một khổ ([[sizes]]).", "A template needs [[sizes]].")

    fields = []
    for index, raw in enumerate(data.get("fields", [])):
        parsed = _parse_field(raw, locator.table("fields", index), problems)
        if parsed:
            fields.append(parsed)
    seen: set[str] = set()
    for index, parsed in enumerate(fields):
        if parsed.id in seen:
            problems.add(
                locator.table("fields", index),
                f"Trường «{parsed.id}» bị khai báo hai lần.",
                f"Field «{parsed.id}» is declared twice.",
                parsed.id,
            )
        seen.add(parsed.id)

    if problems.found:
        return None, problems.found
    template = Template(
        id=template_id,
        name=data["name"],
        name_en=str(data.get("name_en", "")),
        description=str(data.get("description", "")),
        kind=kind,
        folder=folder,
        sizes=tuple(sizes),
        fields=tuple(fields),
        html=data.get("html"),
        text=data.get("text"),
        caption=data.get("caption"),
        caption_limit=int(data.get("caption_limit", 2200)),
        origin=origin,
        tags=tuple(data.get("tags", ())),
    )
    return template, []


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def load_template(folder: Path, origin: str = "shipped") -> Template:
    template, problems = parse_manifest(folder, origin)
    if problems:
        raise problems[0]
    assert template is not None
    return template
