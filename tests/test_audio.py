"""Loudspeaker audio (issue 13, part 4): the script spoken as WAV and MP3 for the commune
station, read back and measured: 44.1 kHz mono, loudness at the stated target (measured
here with pyloudnorm), the manifest's duration equal to the file's, pauses at paragraph
breaks, the chimes, one file per batch row, a Piper voice (a tiny one built here), and a
missing engine giving its message while the text is still written."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile

from ansinh.core import audio
from ansinh.core.batch import plan_batch, run_batch
from ansinh.core.bundle import Bundle
from ansinh.core.campaign import Piece
from ansinh.core.render.piece import RenderOptions, render_piece

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CAMPAIGN = ROOT / "assets" / "sample" / "campaign.toml"

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="eSpeak NG is not installed (Debian package espeak-ng; scripts/setup.sh installs it)",
)
AUDIO = RenderOptions(formats=("txt", "wav", "mp3"))


def decoded(data: bytes) -> tuple[np.ndarray, int, int]:
    samples, rate = soundfile.read(io.BytesIO(data), dtype="float64", always_2d=True)
    return samples[:, 0], rate, samples.shape[1]


def loudness(samples: np.ndarray, rate: int) -> float:
    return pyloudnorm.Meter(rate).integrated_loudness(samples)


def quiet_runs(samples: np.ndarray, rate: int, seconds: float) -> list[tuple[float, float]]:
    """(start, length) of the stretches at least `seconds` long quieter than −50 dBFS,
    in 10 ms frames."""
    frame = rate // 100
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    quiet = np.sqrt((frames**2).mean(axis=1)) < 10 ** (-50 / 20)
    runs, start = [], None
    for index, still in enumerate([*quiet, False]):
        if still and start is None:
            start = index
        elif not still and start is not None:
            if index - start >= seconds * 100:
                runs.append((start / 100, (index - start) / 100))
            start = None
    return runs


@needs_espeak
def test_loudspeaker_piece_exports_wav_and_mp3_at_the_stated_level(
    tmp_path: Path, sample_campaign
) -> None:
    result = render_piece(Piece("loa-bhxh", "nong-dan"), sample_campaign, AUDIO)
    assert result.ok and not [c for c in result.checks if c.code == "audio"]
    bundle = Bundle(tmp_path, sample_campaign)
    bundle.add(result, 1)
    folder = bundle.close()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sound = {e["format"]: e for e in manifest["files"] if e["role"] == "audio"}
    assert set(sound) == {"wav", "mp3"}
    assert sound["wav"]["file"].endswith("-loa.wav") and sound["mp3"]["file"].endswith("-loa.mp3")
    spoken = (folder / sound["wav"]["file"].replace(".wav", ".txt")).read_text(encoding="utf-8")
    assert "hai mươi hai phần trăm" in spoken  # what is spoken is the read-aloud text
    for entry in sound.values():
        samples, rate, channels = decoded((folder / entry["file"]).read_bytes())
        assert (rate, channels) == (audio.SAMPLE_RATE, 1) == (entry["stats"]["sample_rate"], 1)
        assert abs(loudness(samples, rate) - audio.TARGET_LUFS) <= 1.0
        assert 20 * np.log10(np.abs(samples).max()) <= audio.PEAK_DBFS + 0.3  # MP3: overshoot
        assert entry["stats"]["duration_seconds"] == pytest.approx(len(samples) / rate, abs=0.05)
    # A script of ~290 syllables is about 80 s at the app's 4 a second, chimes included.
    assert 50 < sound["wav"]["stats"]["duration_seconds"] < 110
    with (folder / "manifest.csv").open(encoding="utf-8-sig") as handle:
        assert "duration_seconds" in handle.readline()


@needs_espeak
def test_paragraph_breaks_are_pauses_and_the_chimes_open_and_close() -> None:
    spoken = "Thưa bà con.\n\nBảo hiểm xã hội tự nguyện.\n\nXin cảm ơn bà con."
    plain = audio.synthesize(spoken, audio.Voice(chime=False))
    # Two breaks, two pauses of at least the pause set (eSpeak adds its own after each).
    pauses = quiet_runs(plain.samples, audio.SAMPLE_RATE, audio.PARAGRAPH_PAUSE_S)
    assert len(pauses) == 2, pauses
    one_line = audio.synthesize(spoken.replace("\n\n", " "), audio.Voice(chime=False))
    assert quiet_runs(one_line.samples, audio.SAMPLE_RATE, audio.PARAGRAPH_PAUSE_S) == []

    chimed = audio.synthesize(spoken, audio.Voice(chime=True))
    intro, rate, _ = decoded((ROOT / "assets/audio/chime-intro.wav").read_bytes())
    assert rate == audio.SAMPLE_RATE
    extra = chimed.seconds - plain.seconds
    assert extra == pytest.approx(2 * (len(intro) / rate + audio.CHIME_GAP_S), abs=0.01)
    # The programme opens with the chime's first note (C5, 523 Hz), not with speech.
    head = chimed.samples[: int(0.3 * rate)]
    spectrum = np.abs(np.fft.rfft(head))
    assert np.fft.rfftfreq(len(head), 1 / rate)[spectrum.argmax()] == pytest.approx(523, abs=5)
    assert abs(loudness(chimed.samples.astype(np.float64), rate) - audio.TARGET_LUFS) <= 1.0


def test_chimes_are_the_generated_ones() -> None:
    for name in ("intro", "outro"):
        info = soundfile.info(str(ROOT / "assets" / "audio" / f"chime-{name}.wav"))
        assert (info.samplerate, info.channels) == (44100, 1) and 1.0 < info.duration < 3.0
    note = (ROOT / "assets" / "audio" / "README.md").read_text(encoding="utf-8")
    assert "make_chime.py" in note and "generated" in note


def test_a_missing_engine_is_one_message_and_the_text_is_still_written(
    tmp_path: Path, sample_campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng anywhere
    result = render_piece(Piece("loa-bhxh", "nong-dan"), sample_campaign, AUDIO)
    assert result.ok
    assert [a.format for a in result.artifacts] == ["txt"]
    [check] = [c for c in result.checks if c.code == "audio"]
    assert check.severity == "warning"
    assert "espeak-ng" in check.vi and check.vi.startswith("Chưa tạo được tệp âm thanh")


def test_cli_export_without_an_engine_says_so_once_and_exports_the_rest(tmp_path: Path) -> None:
    campaign = tmp_path / "loa.toml"
    head = SAMPLE_CAMPAIGN.read_text(encoding="utf-8").split("[[piece]]")[0]
    head = head.replace('logo = "logo.svg"', "")
    pieces = '[[piece]]\ntemplate = "loa-bhxh"\nsegment = "{}"\n'
    campaign.write_text(
        head + pieces.format("nong-dan") + pieces.format("huu-tri"), encoding="utf-8"
    )
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    code = "import sys; from ansinh.cli.main import main; sys.exit(main(sys.argv[1:]))"
    run = subprocess.run(
        [sys.executable, "-c", code, "export", str(campaign), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.count("Chưa tạo được tệp âm thanh") == 1
    written = sorted(p.suffix for p in (tmp_path / "out").rglob("*-loa.*"))
    assert written == [".txt", ".txt"]


@needs_espeak
def test_a_batch_speaks_each_row(tmp_path: Path, sample_campaign) -> None:
    rows = tmp_path / "thon.csv"
    rows.write_text(
        "Tiêu đề bài,Đối tượng\nThôn Ea Kao tham gia BHXH,Nông dân\n"
        "Buôn Ko Tam tham gia BHYT,Nông dân\n",
        encoding="utf-8",
    )
    plan = plan_batch("loa-bhxh", rows, sample_campaign)
    assert plan.template.outputs == ("txt", "wav", "mp3")
    events = list(run_batch(plan, sample_campaign, tmp_path / "out"))
    entries = events[-1].bundle.entries
    sound = [e for e in entries if e.format == "wav"]
    assert sorted(e.row for e in sound) == [2, 3]
    assert len({e.sha256 for e in sound}) == 2  # each row's own title is spoken
    assert len([e for e in entries if e.format == "mp3"]) == 2


def tiny_piper_voice(folder: Path) -> Path:
    """A Piper voice file pair with Piper's own signature (input ids [1, N], their length,
    three scales → audio [1, 1, N·256]) whose network is a few operators: each phoneme id
    becomes 256 samples of a tone whose pitch follows the id. Real voices are 60 MB;
    this one tests the loading, the phonemes and the audio path, not the voice."""
    import onnx
    from onnx import TensorProto, helper
    from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

    hop = 256
    nodes = [
        helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["ids", "last"], ["column"]),
        helper.make_node("Expand", ["column", "hop_shape"], ["held"]),
        helper.make_node("Reshape", ["held", "out_shape"], ["flat"]),
        helper.make_node("Mul", ["flat", "step"], ["rates"]),
        helper.make_node("CumSum", ["rates", "axis"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["tone"]),
        helper.make_node("Mul", ["tone", "level"], ["output"]),
    ]
    constants = [
        helper.make_tensor("last", TensorProto.INT64, [1], [2]),
        helper.make_tensor("hop_shape", TensorProto.INT64, [3], [1, 1, hop]),
        helper.make_tensor("out_shape", TensorProto.INT64, [3], [1, 1, -1]),
        helper.make_tensor("step", TensorProto.FLOAT, [], [0.004]),
        helper.make_tensor("axis", TensorProto.INT64, [], [2]),
        helper.make_tensor("level", TensorProto.FLOAT, [], [0.3]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-piper",
        [
            helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "samples"])],
        constants,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = folder / "vi_VN-tiny-x_low.onnx"
    onnx.save(model, path)
    config = {
        "audio": {"sample_rate": 22050},
        "espeak": {"voice": "vi"},
        "phoneme_type": "espeak",
        "num_symbols": 256,
        "num_speakers": 1,
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
    }
    Path(f"{path}.json").write_text(json.dumps(config), encoding="utf-8")
    return path


def test_a_piper_voice_from_the_settings_speaks_the_script(
    tmp_path: Path, sample_campaign, isolated_user_dir: Path
) -> None:
    pytest.importorskip("piper", reason="piper-tts (the extra 'voice') is not installed")
    model = tiny_piper_voice(tmp_path)
    (isolated_user_dir / "settings.ini").write_text(
        f"[audio]\npiper_voice={model}\nchime=false\n", encoding="utf-8"
    )
    result = render_piece(Piece("loa-bhxh", "nong-dan"), sample_campaign, AUDIO)
    wav = result.artifact("wav", "audio")
    assert wav is not None, [c.vi for c in result.checks]
    assert wav.stats["engine"] == "piper:vi_VN-tiny-x_low.onnx" and wav.stats["chime"] is False
    samples, rate, channels = decoded(wav.data)
    assert (rate, channels) == (44100, 1)  # resampled from the voice's 22,050 Hz
    assert abs(loudness(samples, rate) - audio.TARGET_LUFS) <= 1.0
    assert wav.stats["duration_seconds"] == pytest.approx(len(samples) / rate, abs=0.05)
    # Four paragraphs after the title: four pauses (the tiny voice makes no silence itself).
    spoken = result.artifact("txt", "read-aloud").data.decode()
    breaks = len(audio.paragraphs(spoken)) - 1
    assert len(quiet_runs(samples, rate, audio.PARAGRAPH_PAUSE_S - 0.05)) == breaks


def test_a_broken_piper_voice_is_a_message(tmp_path: Path, sample_campaign,
                                           isolated_user_dir: Path) -> None:
    model = tmp_path / "hong.onnx"
    model.write_bytes(b"not a model")
    Path(f"{model}.json").write_text("{}", encoding="utf-8")
    settings = isolated_user_dir / "settings.ini"
    settings.write_text(f"[audio]\npiper_voice={model}\n", encoding="utf-8")
    result = render_piece(Piece("loa-bhxh", "nong-dan"), sample_campaign, AUDIO)
    assert result.ok and result.artifact("txt", "read-aloud") is not None
    [check] = [c for c in result.checks if c.code == "audio"]
    assert "Piper" in check.vi and "hong.onnx" in check.vi
    settings.write_text(f"[audio]\npiper_voice={tmp_path / 'khong-co.onnx'}\n", encoding="utf-8")
    result = render_piece(Piece("loa-bhxh", "huu-tri"), sample_campaign, AUDIO)
    [check] = [c for c in result.checks if c.code == "audio"]
    assert "khong-co.onnx" in check.vi
