"""The Neo4j driver is imported without numpy, pandas and pyarrow by a command (one thread), and as
it is where other threads run; the libraries import as usual afterwards. Each case runs in a new
interpreter, as the import happens once per process."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from netmap.graph.adapters.cypher.neo4j_driver import UNWANTED

# numpy and pandas are netmap's own dependencies, so at least they are always there to keep out.
_INSTALLED = [name for name in UNWANTED if importlib.util.find_spec(name) is not None]

_PROBE = """
import json, sys, threading
from netmap.graph.adapters.cypher.neo4j_driver import UNWANTED, load_driver
before = [name for name in UNWANTED if name in sys.modules]
stop = threading.Event()
if sys.argv[1] == "threaded":
    threading.Thread(target=stop.wait).start()
driver = load_driver()
after = [name for name in UNWANTED if name in sys.modules]
stop.set()
usable = driver.GraphDatabase.driver("neo4j://127.0.0.1:1") is not None
later = [__import__(name).__name__ for name in UNWANTED if name not in after]
print(json.dumps({"before": before, "after": after, "usable": usable, "later": later}))
"""


def _probe(mode: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_a_command_imports_the_driver_without_the_data_frame_libraries_which_import_later() -> None:
    seen = _probe("alone")
    assert seen["before"] == []
    assert seen["after"] == []
    assert seen["usable"]
    assert sorted(seen["later"]) == sorted(_INSTALLED)


def test_with_other_threads_running_the_driver_is_imported_as_it_is() -> None:
    seen = _probe("threaded")
    assert seen["before"] == []
    assert "pandas" in seen["after"]
