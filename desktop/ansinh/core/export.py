"""Exporting a whole campaign (or chosen pieces) into a bundle, as a generator.

`export_campaign` yields an `ExportEvent` after each piece, so the CLI prints a
progress line and the GUI drives a progress bar; stopping the iteration cancels.
Pieces render in parallel worker processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .bundle import Bundle
from .campaign import Campaign, Piece
from .errors import UserError
from .render.results import RenderOptions, RenderResult
from .render.session import Task
from .render.worker import RenderPool


@dataclass
class ExportEvent:
    done: int
    total: int
    piece: Piece
    result: RenderResult | None
    error: UserError | None = None
    bundle: Bundle | None = None


def export_campaign(
    campaign: Campaign,
    out_dir: Path,
    options: RenderOptions | None = None,
    pieces: list[Piece] | None = None,
    segments_override: list[str] | None = None,
    pool: RenderPool | None = None,
) -> Iterator[ExportEvent]:
    """Render pieces (optionally each for several segments) into one new bundle.

    The last event's `bundle` is open: the caller closes it (with or without zip).
    """
    options = options or RenderOptions()
    chosen = list(pieces if pieces is not None else campaign.pieces)
    if segments_override:
        chosen = [replace(p, segment=s) for p in chosen for s in segments_override]
    if not chosen:
        raise UserError("Chưa có ấn phẩm nào để xuất.", "There is nothing to export.")
    bundle = Bundle(out_dir, campaign)
    own_pool = pool is None
    pool = pool or RenderPool()
    futures = []
    try:
        futures += [
            pool.submit(Task.RENDER_PIECE.run, piece, campaign, options) for piece in chosen
        ]
        for index, (piece, future) in enumerate(zip(chosen, futures, strict=True), start=1):
            try:
                result = pool.result(future)
            except UserError as exc:
                bundle.skipped.append(
                    {
                        "piece": index,
                        "template": piece.template,
                        "segment": piece.segment,
                        "error": exc.vi,
                    }
                )
                yield ExportEvent(index, len(chosen), piece, None, exc, bundle)
                continue
            bundle.add(result, index)
            yield ExportEvent(index, len(chosen), piece, result, None, bundle)
    finally:
        for future in futures:
            future.cancel()  # stopping the iteration drops what has not started
        if own_pool:
            pool.close()
