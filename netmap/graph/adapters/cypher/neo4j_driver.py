"""The Neo4j driver imported without the data-frame libraries it would load on the way.

``import neo4j`` imports numpy, pandas and pyarrow when they are installed (Streamlit brings
them), only to accept their values as query parameters, which netmap never passes. In a command
(``netmap cohort`` on a Neo4j store) that was about 0.85 s of CPU before the first query, more
than the report's own reading. A process of one thread (a command, a test worker) therefore
imports the driver with those libraries kept out for the moment of the import: the driver then
has no support for their values (its ``Result.to_df`` still imports pandas when called), and
they import as usual afterwards. In a process running other threads (the web app) another thread
could be importing one of them at that moment, so the driver is imported as it is.
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType

__all__ = ["UNWANTED", "load_driver"]

# Only for packing their values into parameters (neo4j._optional_deps).
UNWANTED = ("numpy", "pandas", "pyarrow")


def load_driver() -> ModuleType:
    """The ``neo4j`` module, imported without ``UNWANTED`` where no other thread runs."""
    loaded = sys.modules.get("neo4j")
    if loaded is not None:
        return loaded
    kept_out = [name for name in UNWANTED if name not in sys.modules]
    if threading.active_count() > 1:
        kept_out = []
    for name in kept_out:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it fails at once
    try:
        import neo4j
    finally:
        for name in kept_out:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return neo4j
