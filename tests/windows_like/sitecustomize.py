"""Makes a Python process look like Windows to An Sinh Studio's render workers.

tests/test_windows_paths.py puts this folder on PYTHONPATH, so every render worker it
spawns runs this first: no `resource` module and no profiling timer or signal masks
(Windows has none), and platformdirs answering with the Windows layout, its known
folders taken from `ANSINH_TEST_<CSIDL name>` variables.
"""

import os
import signal
import sys

import platformdirs
import platformdirs.windows

sys.modules["resource"] = None  # `import resource` raises ImportError, as on Windows
for name in ("SIGPROF", "ITIMER_PROF", "setitimer", "pthread_sigmask"):
    delattr(signal, name)


def known_folder(csidl_name: str) -> str:
    return os.environ[f"ANSINH_TEST_{csidl_name}"]


platformdirs.PlatformDirs = platformdirs.windows.Windows
platformdirs.windows.get_win_folder = known_folder
