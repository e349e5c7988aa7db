"""What the window calls things, in the UI language: template kinds and channels,
templates, fields and sizes (their names come from the manifests in both languages),
and durations; how lists of names sort (Vietnamese collation, ICU through `QCollator`)
and how a search matches them (without diacritics: «bang ron» finds «Băng rôn»)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale

from ..core.templates.manifest import Field, Size, Template
from . import i18n

T = TypeVar("T")

KIND_NAMES = {
    "poster": ("Áp phích", "Poster"),
    "banner": ("Băng rôn", "Banner"),
    "flag": ("Cờ phướn", "Vertical flag"),
    "infographic": ("Đồ họa thông tin", "Infographic"),
    "pano": ("Pano ngoài trời", "Outdoor panel"),
    "leaflet": ("Tờ gấp, tờ rơi", "Leaflet"),
    "booklet": ("Sổ tay", "Booklet"),
    "slides": ("Bài trình chiếu", "Slides"),
    "social": ("Ảnh mạng xã hội", "Social image"),
    "standee": ("Standee, roll-up", "Standee / roll-up"),
    "backdrop": ("Phông sân khấu", "Stage backdrop"),
    "letter": ("Thư ngỏ", "Open letter"),
    "board": ("Bảng trao tặng", "Presentation board"),
    "loudspeaker": ("Bài loa truyền thanh", "Loudspeaker script"),
    "sms": ("Tin nhắn SMS", "SMS"),
}
CHANNEL_NAMES = {
    "print": ("In ấn", "Print"),
    "social": ("Mạng xã hội", "Social media"),
    "presentation": ("Trình chiếu", "Presentation"),
    "loudspeaker": ("Loa truyền thanh", "Loudspeaker"),
    "sms": ("Tin nhắn SMS", "SMS"),
}


def kind_name(kind: str) -> str:
    return i18n.pick(*KIND_NAMES.get(kind, (kind, kind)))


def channel_name(channel: str) -> str:
    return i18n.pick(*CHANNEL_NAMES.get(channel, (channel, channel)))


def template_name(template: Template) -> str:
    return i18n.pick(template.name, template.name_en)


def field_label(spec: Field) -> str:
    return i18n.pick(spec.label, spec.label_en)


def size_name(size: Size) -> str:
    return i18n.pick(size.label, size.label_en)


def duration(seconds: float) -> str:
    """«2 phút 5 giây» / "2 min 5 s"."""
    seconds = round(seconds)
    minutes, rest = divmod(seconds, 60)
    if i18n.current() == "en":
        return f"{minutes} min {rest} s" if minutes else f"{rest} s"
    return f"{minutes} phút {rest} giây" if minutes else f"{rest} giây"


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Items in the UI language's alphabetical order: Vietnamese puts Á, Ả with A and Đ
    after D (a code-point sort puts them after Z)."""
    collator = QCollator(QLocale(QLocale.Language.English) if i18n.current() == "en"
                         else QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setNumericMode(True)  # «Thôn 2» before «Thôn 10»
    return sorted(items, key=lambda item: collator.sortKey(name(item)))


def fold(text: str) -> str:
    """Text for searching: lower case, without tone marks or diacritics (đ → d), so a
    search typed without Vietnamese input still matches."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
