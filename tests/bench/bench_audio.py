"""Loudspeaker audio benchmark (run on demand): `.venv/bin/python tests/bench/bench_audio.py`.

Issue 13's goal: the audio of a 2-minute script in ≤ 5 s with the default engine (eSpeak
NG). Renders the loa-bhxh piece with a body long enough for about two minutes of speech,
as an export does (read-aloud text, WAV and MP3, chimes on), and prints the audio's
length, the first render in a fresh process (numpy/scipy imports included, as a render
worker's first loudspeaker piece pays them) and the median of warm renders (wall and CPU
time), with where the time goes (synthesis, normalisation, encoding).
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from ansinh.core import audio
from ansinh.core.campaign import Piece, load_campaign
from ansinh.core.render.piece import RenderOptions, render_piece

ROOT = Path(__file__).resolve().parents[2]
GOAL_S = 5.0
BODY = (
    "Người tham gia được chọn mức thu nhập làm căn cứ đóng phù hợp với khả năng của mình, "
    "đóng hằng tháng, 3 tháng, 6 tháng, 12 tháng hoặc đóng một lần cho nhiều năm. Đóng đủ 15 "
    "năm, khi đến tuổi nghỉ hưu sẽ được hưởng lương hưu hằng tháng và được cấp thẻ BHYT miễn "
    "phí. Trong thời gian tham gia, người lao động còn được hưởng chế độ tử tuất, gia đình "
    "được nhận trợ cấp mai táng khi không may qua đời.\n\n"
)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (eSpeak)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def render(campaign, piece: Piece) -> tuple[float, object, float]:
    options = RenderOptions(formats=("txt", "wav", "mp3"))
    start, cpu = time.perf_counter(), cpu_seconds()
    result = render_piece(piece, campaign, options)
    return time.perf_counter() - start, result, cpu_seconds() - cpu


def main() -> int:
    if audio._espeak_program() is None:
        print("espeak-ng is not installed: nothing to measure.")
        return 1
    campaign = load_campaign(ROOT / "assets" / "sample" / "campaign.toml")
    piece = Piece("loa-bhxh", "lao-dong-tu-do", None, {"body": (BODY * 3).strip()[:1500]})
    first, result, _ = render(campaign, piece)
    wav = result.artifact("wav", "audio")
    if wav is None:
        print("no audio:", [c.vi for c in result.checks])
        return 1
    seconds = wav.stats["duration_seconds"]
    runs = [render(campaign, piece) for _ in range(3)]
    warm = statistics.median(wall for wall, _, _ in runs)
    cpu = statistics.median(spent for _, _, spent in runs)
    spoken = result.artifact("txt", "read-aloud").data.decode()
    parts = {}
    start = time.perf_counter()
    programme = audio.synthesize(spoken, audio.Voice())
    parts["synthesis + normalisation"] = time.perf_counter() - start
    start = time.perf_counter()
    audio.normalise(programme.samples)
    parts["  of which normalisation"] = time.perf_counter() - start
    for name, encode in (("WAV", audio.encode_wav), ("MP3", audio.encode_mp3)):
        start = time.perf_counter()
        audio.file_seconds(encode(programme.samples))
        parts[f"{name} encode + measured duration"] = time.perf_counter() - start
    print(f"script: {len(spoken.split())} syllables, audio {seconds:.1f} s "
          f"({wav.stats['loudness_lufs']} LUFS, target {audio.TARGET_LUFS})")
    print(f"first render in this process: {first:6.2f} s")
    print(f"warm render (median of 3):    {warm:6.2f} s   goal ≤ {GOAL_S:g} s for 2 min")
    print(f"  its CPU time (+ eSpeak):    {cpu:6.2f} s   (the wall time on a busy machine is more)")
    for name, spent in parts.items():
        print(f"  {name:<34} {spent:6.2f} s")
    per_2min = warm * 120 / seconds
    print(f"scaled to exactly 2 min:      {per_2min:6.2f} s")
    return 0 if per_2min <= GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
