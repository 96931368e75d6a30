"""The database servers the tests start stop when the test process that started them dies."""

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


def test_a_server_outlives_no_test_process_killed_without_teardown() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    # "up" comes from the server itself, so setpriv has set the death signal by now. A parent killed
    # before that would leave the server running: a race no real server, up long before its test
    # process dies, meets.
    assert parent.stdout.readline().strip() == "up"
    assert _running(child)
    parent.kill()  # SIGKILL: no teardown, no finally, as when a run is killed from outside
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child), "the server would run on after its test process died"
