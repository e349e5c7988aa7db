"""The packaged app (scripts/build-app.sh), run as an officer gets it: its .tar.gz
unpacked into a fresh folder whose path has Vietnamese letters and spaces, started with
an empty environment (HOME, TMPDIR, a PATH of /usr/bin:/bin, DISPLAY for the window;
no venv, nothing of the project). It exports the sample campaign with the same PDF text,
PNG sizes and text files as the venv install (by default into ~/Documents, not into
itself), runs a batch from the sample sheet, opens its window under Xvfb (a screenshot
shows it painted, its render processes use the bundle's Pango) and quits, and a damaged
copy names what is missing.

Skipped unless the bundle exists (dist/AnSinhStudio, from `scripts/build-app.sh`) or
ANSINH_BUILD_BUNDLE=1 (then this builds it first): building takes minutes, so the
normal CI run does not. After changing the code, rebuild before running this test: it
tests whatever dist/ holds.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from PIL import Image

from helpers import pdf_text

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
SHEET = ROOT / "assets" / "sample" / "thon-diem.csv"
VENV_CLI = Path(sys.executable).with_name("ansinh-cli")
RUN_SECONDS = 600  # a hang guard for a loaded machine, not a speed test

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the Linux bundle (Windows: windows.yml)")


@pytest.fixture(scope="module")
def archive() -> Path:
    if os.environ.get("ANSINH_BUILD_BUNDLE") == "1":
        subprocess.run([str(ROOT / "scripts" / "build-app.sh")], check=True, timeout=3600)
    found = sorted(DIST.glob("AnSinhStudio-*-linux-x86_64.tar.gz"))
    if not found:
        pytest.skip("no bundle: run scripts/build-app.sh (minutes), or set "
                    "ANSINH_BUILD_BUNDLE=1 to build it here")
    return found[-1]


@pytest.fixture(scope="module")
def app(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle unpacked from its archive into a fresh folder."""
    place = tmp_path_factory.mktemp("install") / "Ứng dụng An Sinh"
    with tarfile.open(archive) as tar:
        tar.extractall(place, filter="tar")
    return place / "AnSinhStudio"


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    return {"HOME": str(home), "TMPDIR": str(temp), "PATH": "/usr/bin:/bin"}


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=RUN_SECONDS)


def export_sample(command: str, out: Path, env: dict[str, str]) -> Path:
    done = run([command, "export", str(SAMPLE), "--out", str(out)], env, out.parent)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    return folder


def outputs(folder: Path) -> dict[str, object]:
    """What each exported file says: PDF text, PNG size, text files whole."""
    seen: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.suffix == ".pdf":
            seen[name] = pdf_text(path.read_bytes())
        elif path.suffix == ".png":
            with Image.open(path) as image:
                seen[name] = image.size
        elif path.suffix == ".txt":
            seen[name] = path.read_text(encoding="utf-8")
    return seen


def test_the_bundle_exports_the_sample_as_the_venv_install_does(
        app: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    frozen = outputs(export_sample(str(app / "ansinh-cli"), tmp_path / "frozen", clean_env))
    venv = outputs(export_sample(str(VENV_CLI), tmp_path / "venv", dict(os.environ)))
    assert sum(name.endswith(".pdf") for name in venv) >= 8
    assert sum(name.endswith(".png") for name in venv) >= 8
    assert frozen.keys() == venv.keys()
    for name, value in venv.items():
        assert frozen[name] == value, name


def test_the_bundle_exports_to_documents_not_into_itself(
        app: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    """The app's own folder may be read-only and an uninstall removes it."""
    done = run([str(app / "ansinh-cli"), "render", "sms-bhxh", "--segment", "ho-can-ngheo"],
               clean_env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert list((Path(clean_env["HOME"]) / "Documents" / "AnSinhStudio").rglob("*.txt"))
    assert not (app / "_internal" / "exports").exists()


def test_the_bundle_runs_a_batch_from_the_sample_sheet(
        app: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "thôn điểm"
    done = run([str(app / "ansinh-cli"), "batch", "banner-bhxh", "--rows", str(SHEET),
                "--size", "5x0.8m", "--out", str(out)], clean_env, tmp_path)
    assert done.returncode == 0, done.stderr
    with SHEET.open(encoding="utf-8-sig", newline="") as handle:
        places = [row[1] for row in list(csv.reader(handle))[2:] if row and row[1]]
    assert len(places) == 8
    pdfs = sorted(out.glob("*.pdf"))
    assert len(list(out.glob("*.png"))) == len(places)
    assert len(pdfs) == len(places) + 1  # and the combined print file
    text = " ".join(pdf_text(pdf.read_bytes()) for pdf in pdfs)
    for place in places:
        assert place.split(" – ")[0].upper() in text.upper(), place
    assert json.loads((out / "batch.json").read_text(encoding="utf-8"))


# Runs under xvfb-run with the venv's Python: starts the bundle's window with the empty
# environment (plus the X display), grabs the screen with Qt until the window is painted,
# prints the seconds to that first paint and which Pango the app's processes loaded, saves
# the shot, then quits the app as an officer does (Ctrl+Q, sent by xdotool) and prints its
# exit status and output.
WATCHER = r"""
import json, subprocess, sys, time
from PIL import Image
from PySide6.QtGui import QGuiApplication
import os
app, shot, env = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
env.update({k: os.environ[k] for k in ("DISPLAY", "XAUTHORITY") if k in os.environ})
started = time.monotonic()
child = subprocess.Popen([app], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
screen = QGuiApplication(["watcher", "-platform", "xcb"]).primaryScreen()
while True:
    screen.grabWindow(0).save(shot, "PNG")
    with Image.open(shot) as image:
        gray = image.convert("L")
        black = gray.histogram()[0] / (gray.width * gray.height)
        if black < 0.6 and len(image.convert("RGB").getcolors(1 << 24)) > 50:
            break
    if child.poll() is not None or time.monotonic() - started > 240:
        print("no window:", child.poll(), child.stdout.read().decode()[-2000:] if
              child.poll() is not None else "")
        child.kill()
        sys.exit(1)
    time.sleep(0.2)
print(f"first paint {time.monotonic() - started:.1f} s")
deadline = time.monotonic() + 120  # the render processes load Pango: which one?
while True:
    pango = set()
    for pid in subprocess.run(["pgrep", "-f", app], capture_output=True, text=True).stdout.split():
        try:
            maps = open(f"/proc/{pid}/maps").read().splitlines()
        except OSError:
            continue
        pango |= {line.split(maxsplit=5)[-1] for line in maps if "libpango-1.0" in line}
    if pango or time.monotonic() > deadline:
        break
    time.sleep(0.5)
print("pango", json.dumps(sorted(pango)))
subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "An Sinh Studio",
                "windowfocus", "--sync", "key", "--clearmodifiers", "ctrl+q"], timeout=60)
output = child.communicate(timeout=120)[0].decode()
print(f"exit {child.returncode}", output[-2000:])
"""


def test_the_bundle_opens_its_window_under_xvfb(
        app: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None or shutil.which("xdotool") is None:
        pytest.fail("xvfb-run or xdotool is missing: scripts/setup.sh test")
    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-c", WATCHER,
         str(app / "ansinh"), str(shot), json.dumps(clean_env)],
        env=env, capture_output=True, text=True, timeout=RUN_SECONDS)
    assert done.returncode == 0, done.stdout + done.stderr
    print(done.stdout)
    assert "first paint" in done.stdout
    assert "exit 0" in done.stdout
    (pango,) = [json.loads(line[6:]) for line in done.stdout.splitlines()
                if line.startswith("pango ")]
    assert pango, "no process of the app loaded Pango"
    assert all(path.startswith(str(app)) for path in pango), pango  # the bundle's, not /usr
    assert "Traceback" not in done.stdout
    with Image.open(shot) as image:
        assert image.size == (1600, 1000)
        # The main window's palette: panels, text, the toolbar's blue; not a flat colour.
        assert len(image.convert("RGB").getcolors(1 << 24)) > 200
    # The render processes left with the window.
    left = run(["pgrep", "-f", str(app)], dict(os.environ), tmp_path)
    assert left.stdout == "", left.stdout


@pytest.mark.parametrize("remove", ["templates/poster-bhxh/template.toml",
                                    "assets/fonts/BeVietnamPro-Regular.ttf"])
def test_a_damaged_bundle_says_what_is_missing(
        app: Path, clean_env: dict[str, str], tmp_path: Path, remove: str) -> None:
    damaged = tmp_path / "AnSinhStudio"
    shutil.copytree(app, damaged, symlinks=True, copy_function=os.link)
    (damaged / "_internal" / remove).unlink()
    for program in ("ansinh-cli", "ansinh"):  # no display: the window's line goes to stderr
        done = run([str(damaged / program), "templates"], clean_env, tmp_path)
        assert done.returncode == 3, done.stderr
        assert "Traceback" not in done.stderr
        assert f"An Sinh Studio bị hỏng: thiếu 1 tệp trong {damaged / '_internal'}: {remove}" \
            in done.stderr
        assert "An Sinh Studio is damaged: 1 file(s) missing" in done.stderr
