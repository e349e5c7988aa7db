"""Every test runs with its own user folder, so no real user templates or segments
leak in, and Qt (where used) runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CAMPAIGN = ROOT / "assets" / "sample" / "campaign.toml"


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
