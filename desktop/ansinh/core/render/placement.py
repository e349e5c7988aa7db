"""Where the officer put a piece's slots: moves, scales and image crops as CSS.

A template lets a slot move by declaring `move` on its field (`manifest.Move`) and
placing it with `var(--dx-<id>, 0mm)`, `var(--dy-<id>, 0mm)` and `var(--scale-<id>, 1)`
in its own CSS, so the layout, and with it every fit, overflow and page check, sees
the slot where it prints. Offsets are kept in percent of the sheet, so an A4 poster's
adjustment carries over to A3 and A2, and are clamped to the template's bounds here,
whatever a campaign file says.

An image crop needs nothing from the template: the picture covers its slot (the slot
clips it) around the chosen focal point, zoomed in by `zoom`. The PDF embeds the whole
picture, so the print keeps its full resolution.

A piece with no adjustment gets no CSS at all: its pages are the template's design.

A template's free area (`manifest.Area`) is placed the same way: its box, in percent of
the sheet, becomes lengths of the size (`free_area_css`) that the shared page's free
text and picture (`_shared/page.html.j2`, `base.css`) are laid out with.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..campaign import ADJUST_LIMITS, Adjust
from ..checks import Check, warning
from ..templates.manifest import FREE_IMAGE, FREE_TEXT, Area, Size, Template
from .engine import SlotReport

GRID = 0.5  # percent of the sheet: offsets snap to it
OVERLAP_PX = 2.0  # CSS px: boxes that only touch do not overlap


def snap(percent: float) -> float:
    return round(percent / GRID) * GRID


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def clamped(template: Template, adjust: dict[str, Adjust]) -> dict[str, Adjust]:
    """`adjust` within what the template allows: moves and scales only for slots it
    declares movable (and within their bounds), crops only for image fields."""
    kept = {}
    for spec in template.fields:
        wanted = adjust.get(spec.id)
        if wanted is None:
            continue
        move = spec.move
        dx = snap(clamp(wanted.dx, -move.x, move.x)) if move else 0.0
        dy = snap(clamp(wanted.dy, -move.y, move.y)) if move else 0.0
        scale = round(clamp(wanted.scale, *move.scale), 3) if move else 1.0
        crop = (wanted.focus_x, wanted.focus_y, wanted.zoom) if spec.type == "image" else ()
        result = Adjust(dx, dy, scale, *crop)
        if result != Adjust():
            kept[spec.id] = result
    return kept


def placement_css(size: Size, adjust: dict[str, Adjust]) -> str:
    """The CSS that puts `adjust`'s slots where the officer placed them (`clamped`)."""
    variables, rules = [], []
    for field_id, where in adjust.items():
        if where.moves:
            dx, dy = where.dx * size.width / 100, where.dy * size.height / 100
            variables.append(
                f"--dx-{field_id}: {dx:.3f}{size.unit}; --dy-{field_id}: {dy:.3f}{size.unit}; "
                f"--scale-{field_id}: {where.scale:g};"
            )
        if where.crops:
            slot, focus = f'[data-field="{field_id}"]', f"{where.focus_x:g}% {where.focus_y:g}%"
            rules.append(
                f"{slot} {{ overflow: hidden !important; }}\n"
                f"{slot} img {{ object-fit: cover !important; object-position: {focus} "
                f"!important; transform: scale({where.zoom:g}); transform-origin: {focus}; }}"
            )
    if variables:
        rules.insert(0, ":root { " + " ".join(variables) + " }")
    return "\n".join(rules)


FREE_LINE_HEIGHT = 1.3  # the free text's line height (base.css): its lines fill the area
FREE_PICTURE = (1 / 3, 4 / 3)  # beside text, the picture's frame: ≤ ⅓ of the width, ≤ 4:3


def free_area_css(size: Size, area: Area | None) -> str:
    """The lengths the free text and picture are laid out with in `area` on `size`
    (none without an area): its box, the text's type size, which makes the area hold
    its `lines`, and the picture's width when the text sits beside it."""
    if area is None:
        return ""
    x, w = (value * size.width / 100 for value in (area.x, area.w))
    y, h = (value * size.height / 100 for value in (area.y, area.h))
    font = h / (area.lines * FREE_LINE_HEIGHT)
    picture = min(w * FREE_PICTURE[0], h * FREE_PICTURE[1])
    lengths = {"x": x, "y": y, "w": w, "h": h, "font": font, "picture": picture, "gap": font}
    return ":root { " + " ".join(
        f"--free-{name}: {value:.3f}{size.unit};" for name, value in lengths.items()
    ) + " }"


# Edits made on the preview (the window's drag and wheel), each giving the piece's new
# `adjust`, within the template's bounds.

ZOOM_STEP = 1.25


def _edited(template: Template, adjust: dict[str, Adjust], field_id: str, **changes: float):
    current = adjust.get(field_id, Adjust())
    wanted = {**adjust, field_id: dataclasses.replace(current, **changes)}
    return clamped(template, wanted)


def move_by(
    template: Template, adjust: dict[str, Adjust], field_id: str, right: float, down: float
) -> dict[str, Adjust]:
    """Slot `field_id` moved `right` and `down` percent of the sheet more."""
    current = adjust.get(field_id, Adjust())
    return _edited(template, adjust, field_id, dx=current.dx + right, dy=current.dy + down)


def pan_by(
    template: Template, adjust: dict[str, Adjust], field_id: str, right: float, down: float
) -> dict[str, Adjust]:
    """Photo `field_id`'s focus moved by percent of its frame (less when zoomed in)."""
    current = adjust.get(field_id, Adjust())
    return _edited(
        template,
        adjust,
        field_id,
        focus_x=clamp(current.focus_x + right / current.zoom, 0, 100),
        focus_y=clamp(current.focus_y + down / current.zoom, 0, 100),
    )


def zoom_by(
    template: Template, adjust: dict[str, Adjust], field_id: str, steps: int
) -> dict[str, Adjust]:
    current = adjust.get(field_id, Adjust())
    zoom = clamp(round(current.zoom * ZOOM_STEP**steps, 3), *ADJUST_LIMITS["zoom"])
    return _edited(template, adjust, field_id, zoom=zoom)


def _inked(slot: SlotReport) -> tuple[float, float, float, float] | None:
    """What a slot draws: its lines of text, or the slot itself for pictures."""
    if slot.texts:
        boxes = [run.box for run in slot.texts]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
    return slot.box if slot.images else None


def overlap_checks(
    adjust: dict[str, Adjust], slots: list[SlotReport], label: Callable[[str, int], str]
) -> list[Check]:
    """A slot the officer moved, or a free text or picture (placed over the template's
    design, in room it declares), that covers another field's text or picture."""
    drawn = {slot.field: box for slot in slots if (box := _inked(slot)) is not None}
    placed = {f for f in (FREE_TEXT, FREE_IMAGE) if f in drawn}
    checks = []
    moved = [f for f, where in adjust.items() if where.moves]
    for field_id in dict.fromkeys([*moved, *sorted(placed)]):
        mine = drawn.get(field_id)
        if mine is None:
            continue
        skip = {field_id} | (placed if field_id in placed else set())
        for other, theirs in drawn.items():
            width = min(mine[2], theirs[2]) - max(mine[0], theirs[0])
            height = min(mine[3], theirs[3]) - max(mine[1], theirs[1])
            if other not in skip and width > OVERLAP_PX and height > OVERLAP_PX:
                mine_vi, mine_en, other_vi, other_en = (
                    label(field_id, 0), label(field_id, 1), label(other, 0), label(other, 1)
                )
                if field_id in moved:
                    vi = f"«{mine_vi}» đã dời chồng lên «{other_vi}»: hãy kéo ra chỗ trống."
                    en = f"«{mine_en}» was moved over «{other_en}»: drag it to a free spot."
                else:
                    vi = f"«{mine_vi}» chồng lên «{other_vi}»: hãy rút ngắn hoặc kéo ra chỗ trống."
                    en = f"«{mine_en}» covers «{other_en}»: shorten it or drag it to a free spot."
                checks.append(warning("overlap", vi, en, field_id))
                break
    return checks
