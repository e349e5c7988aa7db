"""Every test runs with its own user folder, so no real user templates or segments
leak in, and Qt (where used) runs offscreen."""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CAMPAIGN = ROOT / "assets" / "sample" / "campaign.toml"


EXIT_GRACE_SECONDS = 120


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """A run must end once its tests have: if a thread or pool is still waiting two
    minutes after the last one, print every thread's stack and exit non-zero, so CI
    reports where it hangs instead of timing out in silence."""
    faulthandler.dump_traceback_later(EXIT_GRACE_SECONDS, exit=True, file=sys.__stderr__)


@pytest.fixture(scope="session", autouse=True)
def own_temp_folder(tmp_path_factory: pytest.TempPathFactory):
    """Tests also render inside this process (the app never does: its renders run in
    worker processes with a temp folder of their own). WeasyPrint's cached font set keeps
    a `weasyprint-*` folder until the process ends, so these renders get a folder that is
    removed after the run, and the system temp folder is left as it was."""
    import shutil
    import tempfile

    folder = tmp_path_factory.mktemp("in-process-tmp")
    before, tempfile.tempdir = tempfile.tempdir, str(folder)
    yield folder
    tempfile.tempdir = before
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_user_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    user_dir = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("ANSINH_USER_DIR", str(user_dir))
    return user_dir


@pytest.fixture(scope="session")
def sample_campaign():
    from ansinh.core.campaign import load_campaign

    return load_campaign(SAMPLE_CAMPAIGN)
