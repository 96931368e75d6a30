"""Rarer full garbage collections while reports run, and Python's own setting back after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import netmap.services.figures as figures_module
import netmap.services.metrics as metrics_module
from netmap.bootstrap import bootstrap
from netmap.graph.urls import MEMORY_URL
from netmap.ingest.json_stream import DatasetSource
from netmap.models import Dataset, Person, Record
from netmap.services.collection_pace import slower_collection
from netmap.services.users import SYSTEM_ACTOR


def test_nested_and_concurrent_reports_leave_the_setting_as_it_was() -> None:
    default = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other_report() -> None:
        with slower_collection():
            inside.set()
            release.wait(10)

    other = threading.Thread(target=other_report)
    other.start()
    assert inside.wait(10)
    with slower_collection():
        with slower_collection():
            assert gc.get_threshold()[2] > default[2]
    assert gc.get_threshold()[2] > default[2]  # the other report still runs
    release.set()
    other.join(10)
    assert gc.get_threshold() == default


def test_a_failing_report_restores_the_setting() -> None:
    default = gc.get_threshold()
    with pytest.raises(RuntimeError), slower_collection():
        raise RuntimeError("the store went away")
    assert gc.get_threshold() == default


def test_the_reports_add_up_their_rows_with_rarer_full_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, int] = {}

    def spying(module: Any, name: str) -> None:
        real = getattr(module, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            seen[name] = gc.get_threshold()[2]
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)

    spying(figures_module, "figures_report")
    spying(metrics_module.analytics, "cohort_report")
    default = gc.get_threshold()
    with bootstrap(MEMORY_URL) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        services.figures.report(SYSTEM_ACTOR)
        services.figures.export(SYSTEM_ACTOR, fmt="csv")
    assert seen == {"figures_report": 1000, "cohort_report": 1000}
    assert gc.get_threshold() == default


def test_a_whole_store_import_runs_with_rarer_full_collections() -> None:
    seen: list[int] = []

    class Watched(DatasetSource):
        def scan(self) -> Iterator[Record]:
            seen.append(gc.get_threshold()[2])
            return super().scan()

    default = gc.get_threshold()
    with bootstrap(MEMORY_URL) as services:
        summary = services.data.import_dataset(
            SYSTEM_ACTOR, Watched(Dataset(people=[Person(id="p-1", name="Ann")]))
        )
        assert summary.added == {"person": 1}
    assert seen == [1000]
    assert gc.get_threshold() == default
