"""Is every field's text readable against what is behind it? (WCAG 2 contrast ratio)

The layout gives each field's text runs with their colour and size
(`engine.TextRun`); what is behind them is read from the pixels of the very page that
prints (`raster.page_bitmap`), so background colours, gradients, bands and photos all
count, whatever CSS drew them. Inside a run's box the glyphs and their anti-aliased
edges are the pixels nearest the text colour; the farther half of the box is the
background. Over a photo that background varies: the ratio reported is the one that
all but the worst tenth of it reaches, so a dark corner of a light photo does not
raise an alarm while a photo mostly too close to the text does.

The page is read as its PNG is drawn: text drawn under 8 px there (a print rendered to a
thumbnail-sized PNG) blurs into its ground and is not measured; previews, exports and
batches at their usual resolutions draw body text well above that.

Thresholds (WCAG 2.x, 1.4.3): 4.5:1 for body text, 3:1 for large text (≥ 18 pt, or
≥ 14 pt bold). A banner, pano or backdrop of a metre or more is read from a distance
at which all of its text is large, so 3:1 holds there for every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np

from ..checks import Check, warning
from ..templates.manifest import Size
from .engine import SlotReport, TextRun
from .raster import Drawn
from .results import Boxes

BODY, LARGE = 4.5, 3.0
LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66  # 18 pt and 14 pt in CSS px
DISTANCE_MM = 1000  # a print side this long is read from afar
MAX_SAMPLE = 1_000  # pixels read per run: larger boxes are sampled on a grid
MIN_GLYPH_PX = 8  # text drawn smaller (a tiny PNG of a print) is not measured
WORST_SHARE = 0.1  # the share of the background allowed below the reported ratio


def luminance(rgb: Iterable[float]) -> float:
    """Relative luminance of an sRGB colour with channels 0–1 (WCAG 2)."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: Iterable[float], b: Iterable[float]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def needed(run: TextRun, size: Size | None) -> float:
    if size is not None and size.is_print and max(size.width, size.height) >= DISTANCE_MM:
        return LARGE
    if run.size_px >= LARGE_PX or (run.size_px >= LARGE_BOLD_PX and run.weight >= 700):
        return LARGE
    return BODY


def behind(
    run: TextRun, drawn: Drawn, area: tuple[int, int, int, int]
) -> tuple[float, tuple[int, ...]] | None:
    """The contrast of `run` against the background in its box on the page `drawn`,
    `area` in its pixels (left, top, right, bottom), and the background colour that
    ratio is measured against; None for a box too small to sample or text that is not
    drawn."""
    x0, y0, x1, y1 = area
    if run.rgba[3] == 0 or x1 - x0 < 2 or y1 - y0 < 2:
        return None
    # A grid of the drawn pixels (no filter: it would blend text into background).
    step = max(1, math.ceil(((x1 - x0) * (y1 - y0) / MAX_SAMPLE) ** 0.5))
    sample = drawn.pixels(y0, y1)[::step, x0:x1:step, :3].reshape(-1, 3)
    text = np.array([round(c * 255) for c in run.rgba[:3]])
    distance = ((sample.astype(np.int32) - text) ** 2).sum(axis=1)
    # The half of the box farthest from the text colour is its background.
    half = len(sample) // 2
    far = sample[np.argpartition(distance, half)[half:]] if half else sample
    behind_luminance, text_luminance = _LINEAR[far] @ _WEIGHTS, _LINEAR[text] @ _WEIGHTS
    light = np.maximum(behind_luminance, text_luminance)
    dark = np.minimum(behind_luminance, text_luminance)
    ratios = (light + 0.05) / (dark + 0.05)
    tenth = int(WORST_SHARE * len(ratios))
    worst = np.argpartition(ratios, tenth)[tenth]
    return float(ratios[worst]), tuple(int(c) for c in far[worst])


# WCAG 2 relative luminance: each 8-bit sRGB value made linear, the channels weighted.
_LINEAR = np.array([luminance((v / 255,) * 3) for v in range(256)])
_WEIGHTS = np.array([0.2126, 0.7152, 0.0722])


def contrast_checks(
    label: Callable[[str, int], str],
    size: Size | None,
    slots: Iterable[SlotReport],
    drawn: Drawn,
    boxes: Boxes,
) -> list[Check]:
    """One warning per field whose text falls below its threshold on the page as drawn
    (`drawn`); `label(field, 0 or 1)` names a field in Vietnamese or English;
    `boxes.from_layout` places the layout's runs on the page. A run below what a batch
    row draws over its shared page reads the shared page's pixels: measured once for
    all its rows."""
    slots = [slot for slot in slots if slot.texts]
    if not slots or (size is not None and size.transparent):
        return []  # (behind a transparent overlay is the video, not known here)
    shown, (width_px, height_px) = drawn.box, drawn.size
    scale = width_px / (shown[2] - shown[0])

    def area(run: TextRun) -> tuple[int, int, int, int]:
        left, top = boxes.from_layout(run.box[0], run.box[1])
        right, bottom = boxes.from_layout(run.box[2], run.box[3])
        x0, y0 = (left - shown[0]) * scale, (shown[3] - top) * scale
        x1, y1 = (right - shown[0]) * scale, (shown[3] - bottom) * scale
        return max(0, round(x0)), max(0, round(y0)), min(width_px, round(x1)), min(
            height_px, round(y1)
        )

    shared = drawn.under.measured if drawn.under is not None else {}
    checks = []
    for slot in slots:
        worst = None  # (how far below its threshold, ratio, threshold, run, background)
        for run in slot.texts:
            if run.size_px * 0.75 * scale < MIN_GLYPH_PX:
                continue  # too few pixels to tell its letters from the ground
            where = area(run)
            if drawn.under is not None and drawn.end <= where[1]:
                if (run, where) not in shared:
                    shared[run, where] = behind(run, drawn, where)
                found = shared[run, where]
            else:
                found = behind(run, drawn, where)
            want = needed(run, size)
            below = found is not None and found[0] < want
            if below and (worst is None or found[0] / want < worst[0]):
                worst = (found[0] / want, found[0], want, run, found[1])
        if worst is not None:
            checks.append(_check(label, slot.field, *worst[1:]))
    return checks


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{round(c):02X}" for c in rgb)


def _check(label, field_id: str, value: float, want: float, run: TextRun, colour) -> Check:
    text, back = _hex(c * 255 for c in run.rgba[:3]), _hex(colour)
    value_vi, want_vi = (f"{n:.1f}".removesuffix(".0").replace(".", ",") for n in (value, want))
    return warning(
        "contrast",
        f"«{label(field_id, 0)}»: chữ {text} trên nền {back} chỉ tương phản {value_vi}:1 (cần "
        f"ít nhất {want_vi}:1), khó đọc. Hãy đổi màu chữ hoặc màu nền.",
        f"«{label(field_id, 1)}»: text {text} on {back} has a contrast of only {value:.1f}:1 "
        f"(needs at least {want:g}:1) and is hard to read. Change the text or background "
        "colour.",
        field_id,
    )
