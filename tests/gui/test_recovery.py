"""Killing the app after edits and starting again offers recovery and restores them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from guihelpers import SAMPLE

from ansinh.core import storage

CHILD = Path(__file__).with_name("crash_child.py")


def test_killed_app_is_offered_recovery_and_restores_the_edits(
        tmp_path: Path, make_window: Any, recorder: Any) -> None:
    campaign_file = tmp_path / "chiến dịch.ansinh"
    window = make_window()
    assert window.open_path(SAMPLE) and window.save_to(campaign_file)
    window.close()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(CHILD), str(campaign_file)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "AUTOSAVED", child.stderr.read() if child.poll() else line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if sys.platform.startswith("linux"):
            # Its render processes (fork server and workers) die with it.
            deadline = time.monotonic() + 10
            while _live_members(child.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _live_members(child.pid) == []
    finally:
        if child.poll() is None:
            child.kill()
        if _group_alive(child.pid):  # its render processes
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL

    recorder.recover_answer = "restore"
    again = make_window()
    assert again.offer_recovery()
    offered = recorder.recover_offers[0]
    assert len(offered) == 1 and offered[0].original == campaign_file
    model = again.model
    assert model.piece(0).values["title"] == "Sửa trước khi mất điện"
    assert model.campaign.hotline == "0262 3999 888"
    assert model.path == campaign_file
    assert again.isWindowModified()  # restored, not yet saved over the original
    assert storage.load_document(campaign_file).campaign.hotline == "1900 9068"
    # The old autosave is gone; only this session's own copy remains.
    assert storage.find_recoveries() == []
    assert again.save()
    assert storage.load_document(campaign_file).campaign.hotline == "0262 3999 888"
    assert not again.recovery.exists


def test_nothing_is_offered_after_a_clean_close(make_window: Any, recorder: Any,
                                                tmp_path: Path) -> None:
    window = make_window()
    window.open_path(SAMPLE)
    assert window.autosave() and window.recovery.exists
    assert window.save_to(tmp_path / "c.ansinh")
    assert not window.recovery.exists
    window.model.set_field(0, "title", "x")
    assert window.autosave()
    window.close()  # discards the changes (the stub answers "discard")
    again = make_window()
    assert not again.offer_recovery()
    assert recorder.recover_offers == []


def _live_members(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies do not count)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except OSError:
        return False
    return True
