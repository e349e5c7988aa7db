"""Work the window sends to the render processes: previews, gallery thumbnails and a
batch's row checks.

These functions run in a `RenderPool` worker, never in the window's process (PDFium is
not thread-safe and a render takes a few hundred milliseconds). The module is Qt-free
and cheap to import: the heavy render modules are imported inside the functions, so the
window never loads WeasyPrint just to name a task. Results come back as plain data.
"""

from __future__ import annotations

import io
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.campaign import Adjust, Campaign, Look, Piece
from ..core.checks import Check
from ..core.errors import UserError
from ..core.render.worker import RenderPool
from ..core.templates.registry import current_registry

if TYPE_CHECKING:
    from ..core.batch import BatchPlan

Box = tuple[float, float, float, float]


@dataclass
class PreviewData:
    """A render reduced to what the window shows."""

    kind: str = ""
    png: bytes | None = None
    width_px: int = 0
    height_px: int = 0
    media: Box | None = None  # PDF points
    trim: Box | None = None
    bleed_mm: float = 0.0
    is_print: bool = False
    size_label: str = ""
    size_label_en: str = ""
    size_text: str = ""  # "297 × 420 mm"
    texts: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # role, text, stats
    checks: list[Check] = field(default_factory=list)
    error: tuple[str, str] | None = None  # (vi, en) when the piece could not be rendered
    error_field: str | None = None
    seconds: float = 0.0
    image: Any = None  # the decoded picture, added in the window's process (a QImage)
    rgb: bytes | None = None  # the picture as raw RGB rows, made here (not in the window)
    rgb_size: tuple[int, int] = (0, 0)
    rgb_stride: int = 0  # bytes from one row to the next
    bgrx: bool = False  # 4 bytes a pixel, B G R x (PDFium's; Qt's RGB32) instead of R G B
    slots: dict[str, Box] = field(default_factory=dict)  # field -> its box, PDF points
    movable: set[str] = field(default_factory=set)  # slots the officer may drag
    photos: set[str] = field(default_factory=set)  # image slots: their crop can be moved

    @property
    def has_image(self) -> bool:
        return bool(self.png or self.rgb)


def _decode(data: PreviewData) -> None:
    """PNG → raw RGB in the render process: the window only wraps the bytes (decoding a
    large PNG there holds Python's lock for tens of milliseconds and stalls the UI)."""
    from PIL import Image

    with Image.open(io.BytesIO(data.png or b"")) as image:
        rgb = image.convert("RGB")
    data.rgb, data.rgb_size, data.png = rgb.tobytes(), rgb.size, None
    data.rgb_stride = rgb.size[0] * 3


def _rasterize(data: PreviewData, pdf: bytes, width_px: int) -> None:
    """The export's own PDF → RGB rows for the screen, bleed included (for the guides).

    The same PDFium pixels a PNG export holds, minus the PNG encode here and decode
    there (~60 ms of a preview at 1000 px)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        media = page.get_mediabox()
        bitmap = page.render(scale=width_px / (media[2] - media[0]), prefer_bgrx=True)
        data.rgb = bytes(bitmap.buffer)
        data.rgb_size, data.rgb_stride = (bitmap.width, bitmap.height), bitmap.stride
        data.bgrx = bitmap.mode == "BGRX"
        data.width_px, data.height_px = bitmap.width, bitmap.height
        page.close()
    finally:
        document.close()


def _reduce(result: Any, started: float) -> PreviewData:
    data = PreviewData(kind=result.template.kind, checks=list(result.checks))
    size = result.size
    if size is not None:
        data.is_print = size.is_print
        data.bleed_mm = size.bleed_mm
        data.size_label, data.size_label_en = size.label, size.label_en
        data.size_text = size.describe()
    if result.boxes is not None:
        data.media, data.trim = tuple(result.boxes.media), tuple(result.boxes.trim)
    data.slots = dict(result.slots)
    data.movable = {spec.id for spec in result.template.fields if spec.move}
    data.photos = {spec.id for spec in result.template.fields if spec.type == "image"}
    for artifact in result.artifacts:
        if artifact.format == "png" and not data.png:  # page 1 of a multi-page piece
            data.png = artifact.data
            data.width_px = artifact.stats.get("width_px", 0)
            data.height_px = artifact.stats.get("height_px", 0)
        elif artifact.format == "txt":
            data.texts.append((artifact.role, artifact.data.decode("utf-8"),
                               dict(artifact.stats)))
    data.seconds = time.perf_counter() - started
    return data


def preview(piece: Piece, campaign: Campaign, width_px: int) -> PreviewData:
    """The preview of one piece: its very PDF, as exported, shown on screen."""
    from ..core.render.piece import RenderOptions, render_piece

    started = time.perf_counter()
    options = RenderOptions(formats=("pdf", "txt"))
    try:
        result = render_piece(piece, campaign, options, registry=current_registry())
    except UserError as exc:
        return PreviewData(error=(exc.vi, exc.en), error_field=exc.field,
                           seconds=time.perf_counter() - started)
    data = _reduce(result, started)
    pdf = next((a.data for a in result.artifacts if a.format == "pdf"), None)
    if pdf is not None:
        _rasterize(data, pdf, width_px)
    data.seconds = time.perf_counter() - started
    return data


def thumbnail(template_id: str, segment: str, campaign: Campaign, width_px: int,
              cache_file: str | None = None) -> PreviewData:
    """A gallery thumbnail: the template with its defaults, first size, trimmed.

    With `cache_file`, the PNG is also written there (atomically) for the next start."""
    from ..core.render.piece import RenderOptions, render_piece

    started = time.perf_counter()
    options = RenderOptions(formats=("png", "txt"), png_width=width_px, trim_png=True)
    try:
        result = render_piece(Piece(template_id, segment), campaign, options,
                              registry=current_registry())
    except UserError as exc:
        return PreviewData(error=(exc.vi, exc.en), seconds=time.perf_counter() - started)
    data = _reduce(result, started)
    if data.png and cache_file:
        target = Path(cache_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(data.png)
        os.replace(temp, target)
    if data.png:
        _decode(data)
    return data


def warm_up() -> float:
    """Load the render modules and fonts in a fresh worker, before the first preview."""
    started = time.perf_counter()
    visual = [t for t in current_registry().all() if t.is_visual]
    if visual:
        preview(Piece(visual[0].id, "toan-dan"), Campaign(name="An Sinh Studio"), 200)
    return time.perf_counter() - started


# --- a batch's row checks ----------------------------------------------------------------
# In a render process, not on a thread of the window: the checks load the map of places
# (its JSON parse alone holds Python's lock for ~0.2 s) and read every manifest, and a
# thread of the window's process would stall the UI meanwhile. The worker has them loaded.


@dataclass
class BatchSettings:
    """Everything `plan_batch` needs besides the campaign; compared to skip re-planning."""

    path: Path
    sheet: str | None
    template: str
    size: str | None
    mapping: dict[str, str]
    segment: str | None
    segment_column: str | None
    constants: dict[str, Any]
    adjust: dict[str, Adjust] = field(default_factory=dict)  # the source piece's placement
    look: Look = field(default_factory=Look)  # and its layout, font and colours


Checked = tuple["BatchPlan", "BatchPlan | None"]  # the plan; its copy with new place names


def check_rows(settings: BatchSettings, campaign: Campaign, place_names: bool) -> Checked:
    """Every row checked by `plan_batch`; with `place_names`, also its copy with the new
    place names written in (see `with_place_names`)."""
    from ..core.batch import plan_batch

    plan = plan_batch(settings.template, settings.path, campaign, size=settings.size,
                      sheet=settings.sheet, mapping=settings.mapping,
                      segment=settings.segment, segment_column=settings.segment_column,
                      constants=settings.constants, registry=current_registry(), auto=False,
                      adjust=settings.adjust, look=settings.look)
    return plan, with_place_names(plan) if place_names else None


def with_place_names(plan: BatchPlan) -> BatchPlan | None:
    """A copy of `plan` with every unambiguous new place name written in (None when there
    is none); the rows' values are copied, so `plan` stays as the sheet has it for Undo."""
    from dataclasses import replace

    if not any(note.issue.suggestion for note in plan.places):
        return None
    applied = replace(plan, rows=[replace(row, values=dict(row.values)) for row in plan.rows],
                      places=list(plan.places))
    applied.apply_place_suggestions()
    return applied


def apply_place_names(plan: BatchPlan) -> Checked:
    """`plan` and its copy with the new place names (the officer asked for them)."""
    return plan, with_place_names(plan)


def warm_up_pools(*pools: RenderPool) -> threading.Thread:
    """Start the pools' render processes in the background, one warm-up per worker: a
    worker's first render loads fonts and lays a page out cold (~1.5 s)."""

    def run() -> None:
        try:
            for pool in pools:
                for _ in range(pool.workers):
                    pool.submit(warm_up)
        except Exception:  # noqa: BLE001 - the first real render reports any problem
            pass

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def configure_workers() -> None:
    """Start the render processes' fork server while the window is being built, so the
    first preview does not wait for it; it also imports this module, whose functions
    the workers run. (Workers leave by themselves if the window is killed: see
    `core.render.worker`.)"""
    from ..core.render.worker import start_fork_server

    start_fork_server(__name__)
