"""Hard kills (SIGKILL) at random moments during campaign saves and autosaves.

A power cut or a killed process must never cost the officer the campaign: after each
kill the file opens, passes SQLite's `PRAGMA integrity_check` and holds exactly the
previous or the new content — never a mix, never nothing.

Spawning a Python process per kill would take most of a minute, so a small "zygote"
process imports the storage code once and forks a fresh saver on request (a few
milliseconds each). The saver writes the two versions in turn, as fast as it can; the
test kills it after a random delay spread over a few save durations, so kills land in
every phase: creating the temporary file, writing it, fsync, the rename, and between
saves. Every kill here is one hostile case (counted in issue 5).
"""

from __future__ import annotations

import dataclasses
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ansinh.core import storage
from ansinh.core.campaign import Campaign, Piece
from ansinh.core.storage import Document, ExportRecord

SAVE_KILLS = 250
RECOVERY_KILLS = 40
TESTS = Path(__file__).resolve().parent


def _photo(seed: int) -> bytes:
    """A noisy PNG (~200 KB, compresses badly), so a save takes a little while."""
    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (256, 256), bytes(rng.getrandbits(8) for _ in range(196608)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def make_documents(folder: Path) -> dict[str, Document]:
    """The two versions the saver alternates between; same on both sides of the fork."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = {}
    for version, seed in (("A", 1), ("B", 2)):
        photo = folder / f"anh-{version}.png"
        if not photo.exists():
            photo.write_bytes(_photo(seed))
        pieces = tuple(
            Piece(
                "poster-bhxh",
                "toan-dan",
                "A4",
                {
                    "title": f"Phiên bản {version} – áp phích {index}",
                    "subtitle": ("Tham gia BHXH tự nguyện để có lương hưu. " * 20) + version,
                    "photo": str(photo),
                },
                title=f"{version}{index}",
            )
            for index in range(30)
        )
        campaign = Campaign(name=f"Chiến dịch {version}", pieces=pieces, base_dir=folder)
        documents[version] = Document(
            campaign,
            {"export": {"version": version}},
            [ExportRecord("2026-11-02T09:00:00", f"/exports/{version}", 12, 6, 0)],
        )
    return documents


ZYGOTE = r"""
import os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from ansinh.core import storage
import test_save_kills as t

folder, target = Path(sys.argv[2]), Path(sys.argv[3])
documents = t.make_documents(folder)
storage.save_document(documents["A"], folder / "warm-up.ansinh")  # templates loaded once
print("ready", flush=True)
for line in sys.stdin:
    command = line.split()
    if command[0] == "quit":
        break
    if command[0] in ("save", "autosave"):
        pid = os.fork()
        if pid == 0:
            try:
                if command[0] == "save":
                    while True:
                        for version in ("B", "A"):
                            storage.save_document(documents[version], target)
                else:
                    slot = storage.RecoverySlot()
                    while True:
                        for version in ("A", "B"):
                            slot.write(documents[version], target)
            finally:
                os._exit(1)
        print(pid, flush=True)
    elif command[0] == "reap":
        _, status = os.waitpid(int(command[1]), 0)
        print(status, flush=True)
"""


class Zygote:
    def __init__(self, folder: Path, target: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE, str(TESTS), str(folder), str(target)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        assert self.ask(None) == "ready"

    def ask(self, command: str | None) -> str:
        assert self.process.stdin and self.process.stdout
        if command is not None:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def kill_after(self, mode: str, delay: float) -> int:
        pid = int(self.ask(mode))
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        return int(self.ask(f"reap {pid}"))

    def close(self) -> None:
        self.ask("quit") if self.process.poll() is None else None
        self.process.wait(timeout=10)


def integrity(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def version_of(document: Document, expected: dict[str, Document]) -> str:
    """Which of the two versions `document` is, exactly; AssertionError if neither."""
    campaign = document.campaign
    version = campaign.name.rsplit(" ", 1)[-1]
    want = expected[version]
    assert campaign.name == want.campaign.name
    assert document.settings == want.settings and document.exports == want.exports
    assert len(campaign.pieces) == len(want.campaign.pieces)
    for got, wanted in zip(campaign.pieces, want.campaign.pieces, strict=True):
        assert (got.template, got.segment, got.size, got.title) == (
            wanted.template,
            wanted.segment,
            wanted.size,
            wanted.title,
        )
        values = dict(got.values)
        photo = Path(values.pop("photo"))
        assert photo.read_bytes() == Path(wanted.values["photo"]).read_bytes()
        assert values == {k: v for k, v in wanted.values.items() if k != "photo"}
    return version


def _save_seconds(document: Document, folder: Path) -> float:
    probe = folder / "probe.ansinh"
    started = time.perf_counter()
    for _ in range(3):
        storage.save_document(document, probe)
    probe.unlink()
    return (time.perf_counter() - started) / 3


@pytest.mark.slow
def test_hostile_hard_kills_during_saves_never_corrupt_the_campaign(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    expected = make_documents(folder)
    target = tmp_path / "chiến dịch.ansinh"
    storage.save_document(expected["A"], target)
    save = _save_seconds(expected["A"], tmp_path)
    rng = random.Random(20261102)
    seen = {"A": 0, "B": 0}
    statuses = set()
    zygote = Zygote(folder, target)
    started = time.monotonic()
    try:
        for kill in range(SAVE_KILLS):
            status = zygote.kill_after("save", rng.uniform(0, 3 * save))
            statuses.add(status)
            assert integrity(target) == "ok", f"kill {kill}"
            after = version_of(storage.load_document(target), expected)
            seen[after] += 1
    finally:
        zygote.close()
    elapsed = time.monotonic() - started
    assert all(os.WIFSIGNALED(s) and os.WTERMSIG(s) == signal.SIGKILL for s in statuses)
    # The kills landed both before and after completed saves.
    assert seen["A"] > 10 and seen["B"] > 10, seen
    leftovers = list(tmp_path.glob(f".{target.name}.*.tmp"))
    print(
        f"\n{SAVE_KILLS} kills in {elapsed:.1f} s (save ≈ {save * 1000:.1f} ms); "
        f"versions after kill: {seen}; temporary files left by kills: {len(leftovers)}"
    )
    assert elapsed < 45


@pytest.mark.slow
def test_hostile_hard_kills_during_autosave_leave_a_recoverable_copy(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    expected = make_documents(folder)
    target = tmp_path / "chiến dịch.ansinh"
    rng = random.Random(7)
    save = _save_seconds(expected["A"], tmp_path)
    zygote = Zygote(folder, target)
    offered = 0
    try:
        for _ in range(RECOVERY_KILLS):
            zygote.kill_after("autosave", rng.uniform(save, 4 * save))
            for found in storage.find_recoveries():  # only slots whose app died
                assert integrity(found.path) == "ok"
                restored = storage.restore(found)
                assert version_of(restored, expected) in ("A", "B")
                assert found.original == target
                offered += 1
                storage.discard_recovery(found)
            for stale in storage.recovery_dir().glob("*"):  # killed before its first write
                stale.unlink()
    finally:
        zygote.close()
    print(f"\n{RECOVERY_KILLS} autosave kills: {offered} recoverable copies offered and restored")
    assert offered >= RECOVERY_KILLS // 2, offered


def test_the_two_versions_differ_and_round_trip(tmp_path: Path) -> None:
    expected = make_documents(tmp_path / "data")
    for version, document in expected.items():
        path = tmp_path / f"{version}.ansinh"
        storage.save_document(document, path)
        assert version_of(storage.load_document(path), expected) == version
    assert dataclasses.asdict(expected["A"].campaign) != dataclasses.asdict(expected["B"].campaign)
