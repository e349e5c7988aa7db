"""Content checks benchmark (run on demand): `.venv/bin/python tests/bench/bench_checks.py`.

What the claims, eligibility and place checks (`core/content.py`, `segments.eligibility`)
add to a preview of the A3 poster and to each row of a 1,000-row banner batch, against
the goals of issue 11 (≤ 20 ms a preview, ≤ 1 ms a row). Prints, for each: the checks'
own time warm, the first call in a process (the place dataset loads then, once), and
the whole preview or the batch plan for scale, in one run on this machine.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ansinh.core import content
from ansinh.core.batch import plan_batch
from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.render.piece import RenderOptions, prepare, render_piece
from ansinh.core.templates import TemplateRegistry

ROOT = Path(__file__).resolve().parents[2]
COMMUNES = ["phường Ea Kao", "xã Ea Kao", "phường Tân An", "huyện Krông Pắc", "xã Hòa Phú"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def timed(fn, repeat: int = 1) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def preview(campaign) -> None:
    piece = next(p for p in campaign.pieces if p.template == "poster-bhxh")
    piece = Piece(piece.template, piece.segment, "A3", piece.values)
    registry = TemplateRegistry()
    raw = {k: v for k, v in piece.values.items() if isinstance(v, str)}
    first = timed(lambda: content.content_checks({**raw, "unit": campaign.unit}, campaign))
    texts = {**prepare(piece, campaign, registry).resolved.texts, "unit": campaign.unit}
    warm = timed(lambda: content.content_checks(texts, campaign), repeat=200)
    fresh = {k: f"{v} " for k, v in texts.items()}  # not in the per-text cache
    uncached = timed(lambda: content.content_checks(fresh, campaign))
    options = RenderOptions(formats=("png",), png_width=900)
    render_piece(piece, campaign, options, registry)
    whole = timed(lambda: render_piece(piece, campaign, options, registry), repeat=5)
    print("A3 poster preview (goal: checks ≤ 20 ms)")
    print(f"  checks, first call in a process  {ms(first)}  (loads the place dataset)")
    print(f"  checks, warm, texts seen before  {ms(warm)}")
    print(f"  checks, warm, texts never seen   {ms(uncached)}")
    print(f"  whole preview (900 px PNG)       {ms(whole)}  → checks {uncached / whole:.1%}")


def batch(campaign, rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "rows.csv"
        with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["STT", "Tên thôn", "Đối tượng"])
            writer.writerows([n, f"Thôn {n}, {COMMUNES[n % len(COMMUNES)]}", "Nông dân"]
                             for n in range(1, rows + 1))
        plan_batch("banner-bhxh", sheet, campaign)  # warm: dataset, registry, caches
        with_places = timed(lambda: plan_batch("banner-bhxh", sheet, campaign), repeat=3)
        batch_globals = plan_batch.__globals__  # the batch module's: swap its place check out
        place_check = batch_globals["find_place_issues"]
        try:
            batch_globals["find_place_issues"] = lambda *_: []
            without = timed(lambda: plan_batch("banner-bhxh", sheet, campaign), repeat=3)
        finally:
            batch_globals["find_place_issues"] = place_check
        plan = plan_batch("banner-bhxh", sheet, campaign)
        texts = [{"place": row.values["place"], "unit": campaign.unit} for row in plan.rows]
        start = time.perf_counter()
        for row_texts in texts:
            content.content_checks(row_texts, campaign)
        render_checks = (time.perf_counter() - start) / rows
    print(f"\n{rows}-row banner batch (goal: checks ≤ 1 ms a row)")
    print(f"  place notes in the plan           {ms((with_places - without) / rows)} a row")
    print(f"  content checks when a row renders {ms(render_checks)} a row")
    print(f"  plan without place notes          {ms(without / rows)} a row (for scale)")
    print(f"  {len(plan.places)} place notes, "
          f"{sum(1 for n in plan.places if n.issue.suggestion)} with a new name")


def main() -> None:
    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    preview(campaign)
    batch(campaign, int(sys.argv[1]) if len(sys.argv) > 1 else 1000)


if __name__ == "__main__":
    main()
