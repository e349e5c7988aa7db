"""Write the loudspeaker chimes: assets/audio/chime-intro.wav and chime-outro.wav.

Generated here from sine partials, so they carry no one's copyright (see
assets/audio/README.md). Run from the repository root: `.venv/bin/python
scripts/make_chime.py`; the output is the same bytes every time.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

RATE = 44100
NOTES_HZ = (523.25, 659.25, 783.99)  # C5 E5 G5: the major triad of public-address chimes
# A soft bell: the fundamental, a weak octave and a weaker twelfth, each decaying faster.
PARTIALS = ((1.0, 1.0, 1.0), (2.0, 0.35, 1.8), (3.0, 0.12, 2.6))  # (×f, level, decay ×)
NOTE_GAP_S = 0.32
RING_S = 1.3
PEAK = 0.5  # −6 dBFS: the export normalises loudness anyway


def note(freq: float) -> np.ndarray:
    t = np.arange(int(RING_S * RATE)) / RATE
    tone = sum(level * np.sin(2 * np.pi * freq * ratio * t) * np.exp(-3.2 * decay * t)
               for ratio, level, decay in PARTIALS)
    attack = np.minimum(1.0, t / 0.006)  # 6 ms: no click at the onset
    return tone * attack


def chime(freqs: tuple[float, ...]) -> np.ndarray:
    step = int(NOTE_GAP_S * RATE)
    out = np.zeros(step * (len(freqs) - 1) + int(RING_S * RATE))
    for index, freq in enumerate(freqs):
        out[index * step:index * step + int(RING_S * RATE)] += note(freq)
    fade = np.linspace(1.0, 0.0, int(0.05 * RATE))
    out[-len(fade):] *= fade
    return (out / np.abs(out).max() * PEAK).astype(np.float32)


def main() -> None:
    folder = Path(__file__).resolve().parents[1] / "assets" / "audio"
    folder.mkdir(parents=True, exist_ok=True)
    sf.write(folder / "chime-intro.wav", chime(NOTES_HZ), RATE, subtype="PCM_16")
    sf.write(folder / "chime-outro.wav", chime(NOTES_HZ[::-1]), RATE, subtype="PCM_16")


if __name__ == "__main__":
    main()
