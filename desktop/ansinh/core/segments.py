"""Audience segments: every render is for exactly one of them.

Shipped in assets/data/segments.toml; a segments.toml in the user's data folder adds
segments or overrides shipped ones by slug. Templates read the traits (`large_type`,
`support_group`, `address`) to adapt wording and type size, and the eligibility facts
(`voluntary_bhxh`, `on_pension`, `compulsory`, `bhyt_group`) to decide what a price box
may offer: `Segment.offer` names it, `templates/_shared/offer.j2` words it. A template
without such alternatives declares the facts it needs (`needs` in template.toml) and
`eligibility_checks` names the conflict instead of a wrong price. Both files are read
with every value's type and length checked, so a colleague's malformed list is refused
with the file and key named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .checks import Check, error
from .errors import UserError
from .safedata import Table, load_toml

SUPPORT_GROUPS = ("poor", "near_poor", "ethnic", "island", "other")
BHYT_GROUPS = ("household", "poor", "near_poor", "student")
# "employer": the audience's duty is compulsory BHXH for its staff, not a voluntary price;
# "contract": workers with a labour contract of a month or more are in compulsory BHXH
# (Luật 41/2024, Điều 2), the others may join voluntarily — pieces say both.
COMPULSORY = ("", "employer", "contract")
# Facts a template's price/table blocks may need (template.toml `needs`).
NEEDS = ("voluntary_bhxh", "bhyt_household")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WHAT = "Danh sách đối tượng"
# Generous for a province's lists, small enough that a stray file cannot slow every
# command; the address is read aloud in every loudspeaker script.
MAX_SEGMENTS = 500
MAX_SLUG = 60
MAX_NAME = 200
MAX_DESCRIPTION = 2000
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Segment:
    slug: str
    name: str
    description: str
    address: str = "bà con"
    large_type: bool = False
    support_group: str = "other"
    voluntary_bhxh: bool = True  # may join voluntary BHXH
    on_pension: bool = False  # already draws a pension
    compulsory: str = ""  # one of COMPULSORY
    bhyt_group: str = "household"  # which BHYT price applies: one of BHYT_GROUPS

    @property
    def offer(self) -> str:
        """What a price box offers this audience: "bhxh" (its voluntary-BHXH price),
        "family" (retirees: persuade the family, household BHYT), "employer" (compulsory
        duties, no price) or "bhyt" (the BHYT price of its group)."""
        if self.on_pension:
            return "family"
        if self.compulsory == "employer":
            return "employer"
        return "bhxh" if self.voluntary_bhxh else "bhyt"

    def lacks(self, need: str) -> bool:
        return not self.voluntary_bhxh if need == "voluntary_bhxh" \
            else self.bhyt_group != "household"


def _choice(entry: Table, key: str, default: str, allowed: tuple[str, ...]) -> str:
    value = entry.text(key, default, max_len=MAX_SLUG)
    if value not in allowed:
        raise entry.error(key, "một trong: " + ", ".join(repr(a) for a in allowed),
                          "one of: " + ", ".join(repr(a) for a in allowed), value)
    return value


def _facts(entry: Table, slug: str) -> dict[str, object]:
    """The eligibility facts; a pensioner or an employer marked as joining voluntary
    BHXH is refused: its pieces would print a price it cannot pay."""
    on_pension = entry.flag("on_pension")
    compulsory = _choice(entry, "compulsory", "", COMPULSORY)
    excluded = on_pension or compulsory == "employer"
    voluntary = entry.flag("voluntary_bhxh", not excluded)
    if voluntary and excluded:
        raise UserError(
            f"Đối tượng «{slug}»: người đang hưởng lương hưu và người sử dụng lao động "
            "không tham gia BHXH tự nguyện (Luật BHXH 41/2024, Điều 2); bỏ "
            "«voluntary_bhxh = true».",
            f"Segment «{slug}»: people drawing a pension and employers do not join voluntary "
            "social insurance (Law 41/2024, art. 2); remove «voluntary_bhxh = true».",
            path=entry.path,
        )
    return {"voluntary_bhxh": voluntary, "on_pension": on_pension, "compulsory": compulsory,
            "bhyt_group": _choice(entry, "bhyt_group", "household", BHYT_GROUPS)}


def _read(path: Path) -> list[Segment]:
    data = Table(load_toml(path, _WHAT, max_bytes=MAX_BYTES), _WHAT, path=str(path))
    segments = []
    for entry in data.tables("segment", max_count=MAX_SEGMENTS):
        slug = entry.text("slug", max_len=MAX_SLUG)
        name = entry.text("name", max_len=MAX_NAME)
        if not _SLUG.match(slug) or not name:
            raise UserError(
                f"Đối tượng «{slug}» cần mã (chữ thường không dấu, gạch nối) và tên.",
                f"Segment «{slug}» needs a slug (lowercase ASCII, hyphens) and a name.",
                path=str(path),
            )
        group = entry.text("support_group", "other", max_len=MAX_NAME)
        if group not in SUPPORT_GROUPS:
            raise UserError(
                f"Đối tượng «{slug}»: nhóm hỗ trợ «{group}» không hợp lệ.",
                f"Segment «{slug}»: unknown support group «{group}».",
                path=str(path),
            )
        segments.append(
            Segment(
                slug=slug,
                name=name,
                description=entry.text("description", max_len=MAX_DESCRIPTION),
                address=entry.text("address", "bà con", max_len=MAX_NAME),
                large_type=entry.flag("large_type"),
                support_group=group,
                **_facts(entry, slug),
            )
        )
    return segments


def load_segments() -> dict[str, Segment]:
    """All segments by slug, shipped first, then the user's (which win)."""
    found: dict[str, Segment] = {}
    for path in (paths.data_dir() / "segments.toml", paths.user_dir() / "segments.toml"):
        if path.exists():  # a folder or pipe in its place is refused by name, not skipped
            found.update((s.slug, s) for s in _read(path))
    return found


def get_segment(slug: str, segments: dict[str, Segment] | None = None) -> Segment:
    segments = segments if segments is not None else load_segments()
    try:
        return segments[slug]
    except KeyError:
        known = ", ".join(sorted(segments))
        raise UserError(
            f"Không có đối tượng «{slug}». Các mã có: {known}",
            f"No segment «{slug}». Known slugs: {known}",
        ) from None


# Why a segment lacks a fact, for the check that names the conflict.
_NEED_WHAT = {
    "voluntary_bhxh": ("in mức đóng BHXH tự nguyện", "prints a voluntary social insurance "
                       "price"),
    "bhyt_household": ("in giá BHYT hộ gia đình", "prints household health insurance prices"),
}


def _reason(segment: Segment, need: str) -> tuple[str, str]:
    if need == "bhyt_household":
        return ("được Nhà nước hỗ trợ tiền đóng BHYT theo nhóm riêng, không mua theo giá hộ "
                "gia đình (Nghị định 188/2025/NĐ-CP)",
                "has its own State-supported health insurance price, not the household one "
                "(Decree 188/2025)")
    if segment.on_pension:
        return ("người đang hưởng lương hưu không tham gia được (Luật BHXH 41/2024, Điều 2)",
                "people drawing a pension cannot join (Law 41/2024, art. 2)")
    if segment.compulsory == "employer":
        return ("với người sử dụng lao động, ấn phẩm phải nói về trách nhiệm đóng BHXH bắt "
                "buộc cho người lao động",
                "employers must be told of their compulsory insurance duties for their staff")
    return ("danh sách đối tượng ghi nhóm này không tham gia BHXH tự nguyện",
            "the segment list says this group does not join voluntary social insurance")


def eligibility_checks(needs: tuple[str, ...], segment: Segment) -> list[Check]:
    """An error for each fact a template needs that the segment lacks: the piece would
    print a price that does not apply to its audience."""
    checks = []
    for need in needs:
        if not segment.lacks(need):
            continue
        what_vi, what_en = _NEED_WHAT[need]
        why_vi, why_en = _reason(segment, need)
        checks.append(error(
            "eligibility",
            f"Mẫu này {what_vi}, nhưng {segment.name.lower()} không áp dụng: {why_vi}. Hãy "
            "chọn mẫu có phương án thay thế cho đối tượng này (như các mẫu có sẵn) hoặc "
            "đối tượng khác.",
            f"This template {what_en}, but it does not apply to «{segment.name}»: {why_en}. "
            "Pick a template with an alternative for this segment (as the shipped ones "
            "have) or another segment.",
        ))
    return checks
