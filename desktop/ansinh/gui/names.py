"""What the window calls things, in the UI language: template kinds and channels,
templates, fields and sizes (their names come from the manifests in both languages),
and durations."""

from __future__ import annotations

from ..core.templates.manifest import Field, Size, Template
from . import i18n

KIND_NAMES = {
    "poster": ("Áp phích", "Poster"),
    "banner": ("Băng rôn", "Banner"),
    "flag": ("Cờ phướn", "Vertical flag"),
    "infographic": ("Đồ họa thông tin", "Infographic"),
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
