"""What a render process remembers between tasks, in one object; the tasks it runs.

A `RenderSession` owns every cache a render process keeps, each with its limit: the
shrink-to-fit sizes it measured, the shared pages of batch rows it kept (and their
pixels), the strip groups a template refused, the stylesheets it parsed, and the
segments its batch rows are prepared with. Each
worker process has one (`process_session`, made by its first task); tests build their
own and pass it to `render_piece` or `render_rows`.

`Task` names what a worker may be asked to do. The window and its export and batch
threads submit a task's `run` (pickled by the task's name), not the engine function, so
WeasyPrint and PDFium are imported in the worker only; the session is handed to the
task there. Cheap to import: no engine.
"""

from __future__ import annotations

import functools
import importlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..segments import Segment
    from .layers import Shared
    from .raster import Underlay
    from .results import RenderOptions


Parsed = tuple[Any, list[str]]  # a parsed stylesheet, the URLs its fetcher refused


@dataclass
class RenderSession:
    """One render process's memory (see the module docstring)."""

    # Shrink-to-fit sizes by (stylesheets, field, text, large type): a slogan every row
    # shares is measured once per worker, not once per chunk.
    fits: dict[tuple, float] = field(default_factory=dict)
    fits_max: int = 50_000
    # Shared pages of strip groups, by what makes them (template folder, resource roots,
    # stylesheets, the sheet's HTML outside its slots), least recently used first; and
    # the bytes of PNG pixels they may keep (a print-size PNG: ~100 MB).
    kept: OrderedDict[tuple, Shared] = field(default_factory=OrderedDict)
    kept_max: int = 6
    kept_pixels: int = 256 * 1024 * 1024
    # Strip groups `engine.split_strip` refused (the template, not a row): their rows get pages
    # of their own at once in later chunks.
    no_strip: set[tuple] = field(default_factory=set)
    no_strip_max: int = 1000
    # Parsed stylesheets and what their fetcher refused, by (CSS, base URL, roots).
    sheets: OrderedDict[tuple, Parsed] = field(default_factory=OrderedDict)
    sheets_max: int = 16
    # The segments batch rows are prepared with, read by the first chunk (`loaded_segments`).
    segments: dict[str, Segment] | None = None

    def remember_fits(self, sizes: dict[tuple, float]) -> None:
        if len(self.fits) > self.fits_max:  # bounded memory for very long batches
            self.fits.clear()
        self.fits.update(sizes)

    def kept_page(self, key: tuple) -> Shared | None:
        """The shared page kept for `key`, now the most recently used."""
        shared = self.kept.get(key)
        if shared is not None:
            self.kept.move_to_end(key)
        return shared

    def keeps(self, shared: Shared) -> bool:
        return any(kept is shared for kept in self.kept.values())

    def keep(self, key: tuple, shared: Shared) -> None:
        self.kept[key] = shared
        while len(self.kept) > self.kept_max:
            self.kept.popitem(last=False)

    def keep_pixels(self, shared: Shared, options: RenderOptions, underlay: Underlay) -> None:
        """Keep a shared page's PNG pixels, dropping the least recently used pages' when
        all of them would take more than `kept_pixels`."""
        shared.underlay = (options, underlay)
        total = underlay.nbytes
        for kept in reversed(self.kept.values()):  # the most recently used first
            if kept is not shared and kept.underlay is not None:
                total += kept.underlay[1].nbytes
                if total > self.kept_pixels:
                    kept.underlay = None

    def refuse_strip(self, key: tuple) -> None:
        """No strip from now on for this group (and no kept page: its rows are whole)."""
        if len(self.no_strip) > self.no_strip_max:
            self.no_strip.clear()
        self.no_strip.add(key)
        self.kept.pop(key, None)

    def loaded_segments(self) -> dict[str, Segment]:
        if self.segments is None:
            from ..segments import load_segments

            self.segments = load_segments()
        return self.segments

    def sheet(self, key: tuple, parse: Callable[[], Parsed]) -> Parsed:
        """The stylesheet parsed for `key` (by `parse` the first time), kept."""
        if key in self.sheets:
            self.sheets.move_to_end(key)
        else:
            self.sheets[key] = parse()
            if len(self.sheets) > self.sheets_max:
                self.sheets.popitem(last=False)
        return self.sheets[key]


@functools.cache
def process_session() -> RenderSession:
    """This process's session: one per render worker, made by its first task."""
    return RenderSession()


class Task(Enum):
    """What a render process may be asked to do: the engine function (module, name) it
    runs, with the process's session."""

    RENDER_PIECE = ("piece", "render_piece")
    RENDER_ROWS = ("chunk", "render_rows")

    def run(self, *args: Any, **kwargs: Any) -> Any:
        module, function = self.value
        engine = importlib.import_module(f"{__package__}.{module}")
        return getattr(engine, function)(*args, session=process_session(), **kwargs)
