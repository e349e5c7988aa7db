"""Saved unit presets: what one office prints on everything, kept once.

The offices of a province (the provincial office and its local offices) each have a
name, a logo, brand colours, a hotline, an address and a website. A preset keeps those
under a name the officer chooses; applying it to a campaign replaces exactly those
values and nothing else (not the campaign's name, dates, messages or pieces).

Presets live in `presets.toml` in the user folder, their logos beside it in
`presets/`, copied under the SHA-256 of their bytes, so a preset keeps working after
the original logo file is moved or the campaign that had it is deleted. The file is
read like every other user file (`safedata.Table`: typed, bounded keys); a damaged
preset file is reported, never half-applied.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from . import images, paths
from .campaign import Campaign
from .errors import UserError
from .filenames import write_atomic
from .safedata import Table, file_version, load_toml

FILE, LOGOS = "presets.toml", "presets"
WHAT = "Tệp đơn vị có sẵn"
MAX_PRESETS = 200  # a province's offices: a few dozen
TEXT_KEYS = ("unit", "hotline", "address", "website")
COLOUR_KEYS = ("primary", "accent")
MAX_TEXT = 2_000


@dataclass(frozen=True)
class Preset:
    name: str
    unit: str
    hotline: str
    address: str
    website: str
    primary: str
    accent: str
    logo: Path | None = None

    def apply(self, campaign: Campaign) -> Campaign:
        """`campaign` with this office's name, logo, colours, hotline, address and site."""
        values = {key: getattr(self, key) for key in (*TEXT_KEYS, *COLOUR_KEYS)}
        return dataclasses.replace(campaign, **values, logo=self.logo)


def _file() -> Path:
    return paths.user_dir() / FILE


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def load_presets() -> list[Preset]:
    """The saved presets, in the order they were saved; none if there is no file."""
    path = _file()
    if file_version(path) is None:
        return []
    data = Table(load_toml(path, WHAT), WHAT, path=str(path))
    presets = []
    for table in data.tables("preset", max_count=MAX_PRESETS):
        texts = {key: table.text(key, max_len=MAX_TEXT) for key in ("name", *TEXT_KEYS)}
        colours = {key: table.colour(key, getattr(Campaign, key)) for key in COLOUR_KEYS}
        logo = table.optional_text("logo", max_len=80)
        if logo is not None and (Path(logo).name != logo or not logo.startswith("logo-")):
            raise table.error("logo", "tên một tệp logo", "a logo file name", logo)
        found = path.parent / LOGOS / logo if logo else None
        logo_path = found if found is not None and found.is_file() else None
        presets.append(Preset(**texts, **colours, logo=logo_path))
    return presets


def save_preset(name: str, campaign: Campaign) -> Preset:
    """Keep `campaign`'s office values as the preset `name` (replacing one of that
    name); its logo is copied into the user folder."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise UserError("Hãy đặt tên cho đơn vị.", "Give the office preset a name.")
    presets = [p for p in load_presets() if _key(p.name) != _key(name)]
    if len(presets) >= MAX_PRESETS:
        raise UserError(
            f"Đã có {MAX_PRESETS} đơn vị lưu sẵn: hãy xóa bớt trước khi lưu thêm.",
            f"{MAX_PRESETS} office presets are saved already: delete some first.",
        )
    logo = _keep_logo(campaign.logo) if campaign.logo else None
    texts = {key: getattr(campaign, key) for key in TEXT_KEYS}
    preset = Preset(name, **texts, primary=campaign.primary, accent=campaign.accent, logo=logo)
    _write([*presets, preset])
    return preset


def delete_preset(name: str) -> None:
    presets = load_presets()
    kept = [p for p in presets if _key(p.name) != _key(name)]
    if len(kept) == len(presets):
        raise UserError(f"Không có đơn vị «{name}».", f"There is no office preset «{name}».")
    _write(kept)


def find_preset(name: str) -> Preset:
    for preset in load_presets():
        if _key(preset.name) == _key(name):
            return preset
    raise UserError(f"Không có đơn vị «{name}».", f"There is no office preset «{name}».")


def _keep_logo(source: Path) -> Path:
    data = images.read_limited(source)
    kind = images.probe(data, source.name).kind
    target = _file().parent / LOGOS / f"logo-{hashlib.sha256(data).hexdigest()}.{kind}"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    return target


def _write(presets: list[Preset]) -> None:
    rows = []
    for preset in presets:
        row = {key: getattr(preset, key) for key in ("name", *TEXT_KEYS, *COLOUR_KEYS)}
        if preset.logo is not None:
            row["logo"] = preset.logo.name
        rows.append(row)
    _file().parent.mkdir(parents=True, exist_ok=True)
    write_atomic(_file(), tomli_w.dumps({"preset": rows}).encode("utf-8"))
