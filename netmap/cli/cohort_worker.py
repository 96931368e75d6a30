"""A cohort worker process: ``python -m netmap.cli.cohort_worker`` (started by ``services.cohort_workers``).

It reads one job on stdin (store URL, key text, actor, case ids, day), opens the store through the
bootstrap as every entrypoint does, and answers the rows (or the error) pickled on stdout.
"""

from __future__ import annotations

import pickle
import sys
from typing import Any

from netmap.bootstrap import bootstrap
from netmap.crypto import Keyring
from netmap.errors import NetmapError
from netmap.graph.factory import open_store
from netmap.services.cohort_workers import case_row

__all__: list[str] = []


def serve() -> None:
    """A worker: read one job on stdin, answer ("rows", {...}) or ("error", exception) on stdout."""
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything a library prints must not mix with the answer
    url, key_material, actor, case_ids, as_of = pickle.load(sys.stdin.buffer)
    result: tuple[str, Any]
    try:
        with bootstrap(url, store=open_store(url, keys=Keyring(key_material))) as services:
            result = (
                "rows",
                {case_id: case_row(services.cases, actor, case_id, as_of) for case_id in case_ids},
            )
    except NetmapError as exc:
        result = ("error", exc)  # raised again in the caller: a refusal is the caller's refusal
    except Exception as exc:  # noqa: BLE001 - any other failure: the caller logs it and works alone
        result = ("error", f"{type(exc).__name__}: {exc}")
    pickle.dump(result, answer)
    answer.flush()


if __name__ == "__main__":
    serve()
