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
"""

from __future__ import annotations

from ..campaign import Adjust
from ..templates.manifest import Size, Template

GRID = 0.5  # percent of the sheet: offsets snap to it


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
        if (where.dx, where.dy, where.scale) != (0.0, 0.0, 1.0):
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
