"""Child processes the tests start: servers that must not outlive the test process."""

from __future__ import annotations

import shutil

__all__ = ["dies_with_parent"]

_SETPRIV = shutil.which("setpriv")  # util-linux, on every Debian system


def dies_with_parent(command: list[str]) -> list[str]:
    """``command`` started so that it gets SIGTERM when the test process that started it dies.

    A test run stopped from outside (Ctrl-C twice, a killed CI job, a killed xdist worker) runs no
    fixture teardown; without this its database servers would run on, holding memory and CPU. The
    parent-death signal survives ``exec``, so it reaches the JVM that scripts/neo4j-server becomes.
    """
    return [_SETPRIV, "--pdeathsig", "TERM", "--", *command] if _SETPRIV else command
