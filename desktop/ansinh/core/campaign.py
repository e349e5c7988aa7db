"""A campaign: content shared by every piece, and the pieces themselves.

The campaign-wide values (issuing unit, hotline, key message, call to action, date,
logo, brand colours, visual style) are read by every template, so changing the hotline
once changes it on every poster, banner, script and SMS, and changing the style
changes the look of every visual piece. A piece is one template in one
size for one audience segment with its own field values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import UserError
from .safedata import Table, load_toml
from .vntext import normalize

DEFAULT_PRIMARY = "#0B5CAD"  # the blue of Vietnam Social Security's identity
DEFAULT_ACCENT = "#F2A900"


@dataclass(frozen=True)
class Style:
    """A visual style every visual template wears. Its stylesheets are
    `templates/_shared/style-<id>.css` and, where a template needs more, the template's
    own `<id>.css`; the modern style has none (the templates' own look). A style with
    colours of its own replaces the campaign's brand colours while it is chosen."""

    id: str
    label: str
    label_en: str
    primary: str | None = None
    accent: str | None = None


MODERN = "hien-dai"
STYLES = {
    style.id: style
    for style in (
        Style(MODERN, "Hiện đại", "Modern"),
        # The red and gold of public-information panels (pano cổ động); gold on this
        # red is 4.4:1, white 6.2:1.
        Style("co-dong", "Cổ động (đỏ – vàng)", "Public-information panel (red and gold)",
              primary="#C0161E", accent="#FFD700"),
    )
}


@dataclass(frozen=True)
class Adjust:
    """Where the officer put a field on the page: moved by `dx`, `dy` percent of the
    sheet's width and height and scaled by `scale` (within the template's `move`
    bounds), and for an image, the crop: the point of the picture kept in view
    (`focus_x`, `focus_y`, percent of its width and height) and how far it is zoomed in.
    The default is the template's own design."""

    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    focus_x: float = 50.0
    focus_y: float = 50.0
    zoom: float = 1.0

    @property
    def moves(self) -> bool:
        return (self.dx, self.dy, self.scale) != (0.0, 0.0, 1.0)

    @property
    def crops(self) -> bool:
        return (self.focus_x, self.focus_y, self.zoom) != (50.0, 50.0, 1.0)


# Adjust's keys and the values they may take (a damaged file cannot push a box miles away).
ADJUST_LIMITS = {
    "dx": (-100.0, 100.0),
    "dy": (-100.0, 100.0),
    "scale": (0.25, 4.0),
    "focus_x": (0.0, 100.0),
    "focus_y": (0.0, 100.0),
    "zoom": (1.0, 8.0),
}
MAX_ADJUSTED = 80  # fields of one piece


@dataclass(frozen=True)
class Font:
    """A shipped type family a piece may be set in: `assets/fonts/<stem>-<face>.ttf` in
    every face the templates use (core/render/layout.py), each with every Vietnamese
    letter; what it lacks (the ethnic letters) the Noto Sans fallback draws. The CSS
    family names are our own, so no font installed on the machine can stand in."""

    id: str
    family: str
    stem: str
    label: str
    label_en: str


DEFAULT_FONT = "be-vietnam-pro"
FONTS = {
    font.id: font
    for font in (
        Font(DEFAULT_FONT, "Be Vietnam Pro", "BeVietnamPro",
             "Be Vietnam Pro (mặc định)", "Be Vietnam Pro (default)"),
        Font("noto-serif", "An Sinh Noto Serif", "NotoSerif",
             "Noto Serif (chữ có chân)", "Noto Serif (serif)"),
        Font("barlow-condensed", "An Sinh Barlow Condensed", "BarlowCondensed",
             "Barlow Condensed (chữ hẹp)", "Barlow Condensed (condensed)"),
    )
}


@dataclass(frozen=True)
class Look:
    """How one piece departs from the campaign's look: one of its template's layout
    variants, a shipped font (FONTS) and its own main and accent colours. None keeps
    the template's layout, the default font and the campaign's (or style's) colours."""

    variant: str | None = None
    font: str | None = None
    primary: str | None = None
    accent: str | None = None

    def colours(self) -> dict[str, str]:
        """The colours it sets, as `Campaign.context` names them."""
        return {key: value for key in ("primary", "accent") if (value := getattr(self, key))}


@dataclass(frozen=True)
class Piece:
    template: str
    segment: str
    size: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    adjust: dict[str, Adjust] = field(default_factory=dict)  # field id -> where it sits
    look: Look = field(default_factory=Look)

    def with_values(self, **changes: Any) -> Piece:
        return replace(self, values={**self.values, **changes})


@dataclass(frozen=True)
class Campaign:
    name: str
    unit: str = "Bảo hiểm xã hội tỉnh"
    hotline: str = "1900 9068"
    key_message: str = ""
    call_to_action: str = ""
    website: str = "https://baohiemxahoi.gov.vn"
    address: str = ""
    day: date = field(default_factory=date.today)
    logo: Path | None = None
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    unconfirmed_figures: bool = False
    style: str = MODERN
    pieces: tuple[Piece, ...] = ()
    base_dir: Path = field(default_factory=Path.cwd)  # relative image paths start here

    def context(self) -> dict[str, Any]:
        """What templates see as `campaign`: the style's colours, if it has its own,
        stand for the brand colours."""
        style = STYLES[self.style]
        return {
            "name": self.name,
            "unit": self.unit,
            "hotline": self.hotline,
            "key_message": self.key_message,
            "call_to_action": self.call_to_action,
            "website": self.website,
            "address": self.address,
            "date": self.day,
            "primary": style.primary or self.primary,
            "accent": style.accent or self.accent,
            "style": self.style,
        }


WHAT = "Tệp chiến dịch"
MAX_PIECES = 500  # a province's whole drive is a few dozen pieces
SHORT_TEXT = 500  # a name, unit, hotline, link, path or id
LONG_TEXT = 2_000  # a key message, call to action or address


def read_style(table: Table, default: str = MODERN) -> str:
    """The `style` key of a campaign table: one of STYLES, else an error naming it."""
    value = table.text("style", default, max_len=SHORT_TEXT)
    if value not in STYLES:
        raise table.error("style", "một trong: " + ", ".join(STYLES),
                          "one of: " + ", ".join(STYLES), value)
    return value


def _id(table: Table, key: str) -> str:
    value = table.text(key, max_len=SHORT_TEXT)
    if not value.strip():
        raise UserError(f"{WHAT}: «{table.where}{key}» chưa có.",
                        f"The campaign file: «{table.where}{key}» is missing.", path=table.path)
    return value


def _piece(table: Table) -> Piece:
    values = table.table("values")
    return Piece(
        template=_id(table, "template"),
        segment=_id(table, "segment"),
        size=table.optional_text("size", max_len=SHORT_TEXT),
        title=normalize(table.text("title", max_len=SHORT_TEXT)),
        values={key: _normalized(values.value(key)) for key in values.data},
        adjust=read_adjust(table.table("adjust")),
        look=read_look(table.table("look")),
    )


def read_adjust(table: Table) -> dict[str, Adjust]:
    """A piece's `adjust` table ({field: {dx = …, zoom = …}}), every number bounded."""
    if len(table.data) > MAX_ADJUSTED:
        raise table.error(
            "", f"tối đa {MAX_ADJUSTED} trường", f"at most {MAX_ADJUSTED} fields", len(table.data)
        )
    adjust = {}
    for key in table.data:
        entry = table.table(key)
        values = {
            name: entry.number(name, getattr(Adjust, name), lo=lo, hi=hi)
            for name, (lo, hi) in ADJUST_LIMITS.items()
        }
        adjust[key] = Adjust(**{name: float(value) for name, value in values.items()})
    return adjust


def read_look(table: Table) -> Look:
    """A piece's `look` table: a variant id (checked against its template when it is
    rendered), a font of FONTS and colours written #RRGGBB; each may be left out."""
    variant = table.optional_text("variant", max_len=SHORT_TEXT)
    font = table.optional_text("font", max_len=SHORT_TEXT)
    if font is not None and font not in FONTS:
        raise table.error("font", "một trong: " + ", ".join(FONTS),
                          "one of: " + ", ".join(FONTS), font)
    primary, accent = (
        table.colour(key, "") if key in table else None for key in ("primary", "accent")
    )
    return Look(variant or None, font, primary, accent)


def _normalized(value: Any) -> Any:
    return normalize(value) if isinstance(value, str) else value


def load_campaign(path: Path) -> Campaign:
    """Read a campaign from a TOML file (the sample campaign, hand-written campaigns).

    Every key is checked for its type and length before use: a colour that is not
    #RRGGBB or an `unconfirmed_figures = "no"` is refused naming the key."""
    data = Table(load_toml(path, WHAT), WHAT, path=str(path))
    info = data.table("campaign")
    name = normalize(info.text("name", max_len=SHORT_TEXT))
    if not name.strip():
        raise UserError(
            "Tệp chiến dịch cần mục [campaign] có «name».",
            "The campaign file needs a [campaign] table with «name».",
            path=str(path),
        )
    texts = {
        key: normalize(info.text(key, default, max_len=limit))
        for key, default, limit in (
            ("unit", Campaign.unit, SHORT_TEXT),
            ("hotline", Campaign.hotline, SHORT_TEXT),
            ("key_message", "", LONG_TEXT),
            ("call_to_action", "", LONG_TEXT),
            ("website", Campaign.website, SHORT_TEXT),
            ("address", "", LONG_TEXT),
        )
    }
    logo = info.optional_text("logo", max_len=SHORT_TEXT)
    return Campaign(
        name=name,
        **texts,
        day=info.day("date", date.today()),
        logo=(path.parent / logo) if logo else None,
        primary=info.colour("primary", DEFAULT_PRIMARY),
        accent=info.colour("accent", DEFAULT_ACCENT),
        unconfirmed_figures=info.flag("unconfirmed_figures"),
        style=read_style(info),
        pieces=tuple(_piece(table) for table in data.tables("piece", max_count=MAX_PIECES)),
        base_dir=path.parent,
    )
