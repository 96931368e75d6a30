"""The servers the tests start (databases, the app) stop when the test process that started them dies."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PARENT = """
import subprocess, sys, time
from tests.processes import dies_with_parent
command = "import time; print('up', flush=True); time.sleep(120)"
child = subprocess.Popen(dies_with_parent([sys.executable, "-c", command]))
print(child.pid, flush=True)
time.sleep(120)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped has stopped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _kill(parent: subprocess.Popen[str]) -> None:
    """SIGKILL: no teardown, no finally, as when a run is killed from outside."""
    parent.kill()
    parent.wait()
    assert parent.stdout is not None
    parent.stdout.close()


def _stops(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _running(pid)


def test_a_server_outlives_no_test_process_killed_without_teardown() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    # "up" comes from the server itself, so setpriv has set the death signal by now. A parent killed
    # before that would leave the server running: a race no real server, up long before its test
    # process dies, meets.
    assert parent.stdout.readline().strip() == "up"
    assert _running(child)
    _kill(parent)
    assert _stops(child), "the server would run on after its test process died"


APP_PARENT = """
import sys, time
from pathlib import Path
from tests.e2e.browser.conftest import start_server
folder = Path(sys.argv[1])
server = start_server("serve", f"sqlite:///{folder / 'netmap.db'}", folder / "serve.log")
print(server.process.pid, flush=True)
time.sleep(120)
"""


def test_the_app_server_outlives_no_test_process_killed_without_teardown(tmp_path: Path) -> None:
    """The browser tests' ``netmap serve`` (which becomes Streamlit) stops with the run that started it."""
    parent = subprocess.Popen(
        [sys.executable, "-c", APP_PARENT, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    server = int(parent.stdout.readline())  # printed once Streamlit answers its health check
    assert _running(server)
    _kill(parent)
    assert _stops(server), "the app server would run on after its test process died"
