"""The real window starts on a real X server, as an officer's desktop starts it.

Every other GUI test runs on Qt's offscreen platform, which needs none of the system
libraries the X11 (xcb) plugin loads, so it cannot see the window failing to open on a
fresh machine. Here the installed `ansinh` entry point runs under Xvfb with the xcb
platform; the test waits for the main window, reads the screen, checks it shows the
window, quits with Ctrl+Q and expects exit status 0. `scripts/setup.sh test` installs
Xvfb and xdotool (which finds the window and sends the keys).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from ansinh.gui import app as gui_app
from ansinh.gui import syslibs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 only")

ENTRY = Path(sys.executable).with_name("ansinh")  # the installed gui-script
SCREEN = (1600, 1000)
WAIT_SECONDS = 120  # a hang guard for a loaded machine, not a speed test


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: run scripts/setup.sh test")
    return path


@pytest.fixture
def xvfb(tmp_path: Path):
    """A fresh X server; yields (DISPLAY, the file Xvfb mirrors its screen into)."""
    fb = tmp_path / "fb"
    fb.mkdir()
    read, write = os.pipe()
    server = subprocess.Popen(
        [_tool("Xvfb"), "-displayfd", str(write), "-screen", "0", "{}x{}x24".format(*SCREEN),
         "-fbdir", str(fb), "-nolisten", "tcp", "-br"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()  # written once the server accepts clients
    assert number, "Xvfb did not start"
    yield f":{number}", fb / "Xvfb_screen0"
    server.terminate()
    server.wait(30)


def _screen(xwd: Path) -> Image.Image:
    """Xvfb's screen file (XWD: a big-endian header, a colour map, then the pixels)."""
    data = xwd.read_bytes()
    header = [int.from_bytes(data[i:i + 4], "big") for i in range(0, 100, 4)]
    header_size, width, height = header[0], header[4], header[5]
    bits, stride, colours = header[11], header[12], header[19]
    assert bits == 32, "24-bit depth is stored 4 bytes a pixel"
    start = header_size + colours * 12
    return Image.frombuffer("RGB", (width, height), data[start:start + stride * height],
                            "raw", "BGRX", stride, 1)


def _painted_share(image: Image.Image) -> float:
    """The share of the screen that is not the black root window."""
    histogram = image.convert("L").histogram()
    return 1 - histogram[0] / (image.width * image.height)


def _xdotool(display: str, *args: str) -> str:
    return subprocess.run([_tool("xdotool"), *args], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, check=True,
                          timeout=WAIT_SECONDS).stdout.strip()


def _main_window(display: str, app: subprocess.Popen) -> str:
    """The main window's id, once shown; the app's own words if it ends before."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = subprocess.run([_tool("xdotool"), "search", "--onlyvisible", "--name",
                                gui_app.APP_NAME], env={**os.environ, "DISPLAY": display},
                               capture_output=True, text=True, timeout=WAIT_SECONDS)
        if found.stdout.strip():
            return found.stdout.split()[0]
        if app.poll() is not None:
            pytest.fail(f"the app ended ({app.returncode}) without a window: "
                        f"{app.stdout.read() if app.stdout else ''}")
        assert time.monotonic() < deadline, "no window"
        time.sleep(0.5)


def _app_environment(display: str) -> dict[str, str]:
    environment = dict(os.environ, DISPLAY=display)
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM_PLUGIN_PATH"):
        environment.pop(name, None)  # the tests' offscreen platform is not for this one
    return environment


def test_the_installed_app_opens_its_window_on_x11(xvfb, tmp_path: Path) -> None:
    display, screen_file = xvfb
    assert ENTRY.is_file(), f"{ENTRY} is missing: run scripts/setup.sh"
    app = subprocess.Popen([str(ENTRY)], env=_app_environment(display),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        window = _main_window(display, app)
        assert _xdotool(display, "getwindowname", window).endswith(f"— {gui_app.APP_NAME}")
        # Painted once the window's frame, toolbar and panels cover most of the screen.
        deadline = time.monotonic() + WAIT_SECONDS
        while _painted_share(shot := _screen(screen_file)) < 0.4:
            assert time.monotonic() < deadline, "the window was never painted"
            time.sleep(0.5)
        shot.save(tmp_path / "window.png")
        assert len(shot.getcolors(1 << 24)) > 50  # text, icons, panels: not a flat fill
        _xdotool(display, "windowfocus", "--sync", window)
        _xdotool(display, "key", "--clearmodifiers", "ctrl+q")
        output, _ = app.communicate(timeout=WAIT_SECONDS)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, output
    assert "qt.qpa" not in output, output


def test_a_missing_platform_library_is_one_line_naming_it(tmp_path: Path) -> None:
    """The xcb plugin copied away from PySide6's Qt libraries: the linker cannot find
    them, as when a bundle is damaged; the app says so in one line, before Qt aborts."""
    plugin = syslibs.xcb_plugin()
    assert plugin is not None
    platforms = tmp_path / "platforms"
    platforms.mkdir()
    shutil.copy2(plugin, platforms / plugin.name)
    environment = dict(_app_environment(":99"), QT_QPA_PLATFORM_PLUGIN_PATH=str(platforms))
    done = subprocess.run([str(ENTRY)], env=environment, capture_output=True, text=True,
                          timeout=WAIT_SECONDS)
    assert done.returncode == gui_app.EXIT_NO_PLATFORM
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "thiếu thư viện hệ thống libQt6XcbQpa.so.6" in lines[0]
    assert "cài lại (scripts/setup.sh)" in lines[0] and "install it again" in lines[0]


def test_a_missing_debian_library_names_the_package_and_command() -> None:
    line = syslibs.problem_line(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "\n" not in line
    assert "thiếu thư viện hệ thống libxcb-icccm.so.4, libxcb-keysyms.so.1" in line
    assert line.count("sudo apt-get install libxcb-icccm4 libxcb-keysyms1") == 2  # vi, en


def test_ldd_output_is_read_for_what_is_not_found(monkeypatch, tmp_path: Path) -> None:
    listing = ("\tlibQt6Gui.so.6 => /opt/qt/libQt6Gui.so.6 (0x1)\n"
               "\tlibxcb-icccm.so.4 => not found\n\tlibxcb-keysyms.so.1 => not found\n"
               "\tlibxcb-icccm.so.4 => not found\n")
    fake = tmp_path / "ldd"
    fake.write_text(f"#!/bin/sh\nprintf '{listing}'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert syslibs.missing_libraries(Path("libqxcb.so")) == [
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert "libxcb-icccm4 libxcb-keysyms1" in syslibs.startup_problem([])
    assert syslibs.startup_problem(["-platform", "offscreen"]) is None  # Qt's own business
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert syslibs.startup_problem([]) is None


def test_an_untested_pyside6_is_said_in_both_languages() -> None:
    assert [p for p in gui_app.version_problems() if "PySide6" in p.en] == []
    problem = gui_app.version_problems("6.12.1")[0]
    assert "PySide6 6.12.1 chưa được kiểm thử" in problem.vi
    assert "6.11 – 6.12 (không gồm 6.12)" in problem.vi
    assert "tested: 6.11 – 6.12 (6.12 excluded)" in problem.en
