"""Random and mutated files through every importer: a clear refusal or a correct import, never a
traceback, a hang or a partial write."""

from __future__ import annotations

import shutil
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.bootstrap import bootstrap
from netmap.errors import ImportFailed, NetmapError
from netmap.graph.factory import open_store
from netmap.graph.store import Put, WriteBatch
from netmap.ingest import READERS, WRITERS, json_format, read_file
from netmap.ingest.csv_xlsx import ties_path
from netmap.ingest.files import MAX_BYTES
from netmap.models import Dataset
from netmap.services.users import SYSTEM_ACTOR
from tests.integration.conftest import build_case
from tests.paths import TESTDATA
from tests.security.conftest import Figures

EXAMPLES = 100  # per importer and per kind of input (random bytes, mutated valid file)
SUFFIX = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "gedcom": ".ged", "graphml": ".graphml",
          "kumu": ".json", "networkcanvas": ".graphml"}  # fmt: skip


def _seed_file(fmt: str, folder: Path) -> Path:
    """A valid file of ``fmt`` to mutate: netmap's own export, or an interoperability file from tests/data."""
    path = folder / f"seed{SUFFIX[fmt]}"
    network = build_case("c-1")
    if fmt == "json":
        json_format.write(Dataset(people=network.people, cases=[network.case], memberships=network.memberships,
                                  kin=network.kin, ties=network.ties), path)  # fmt: skip
    elif fmt == "networkcanvas":
        shutil.copy(TESTDATA / "networkcanvas" / "generated" / "graphml" / "one-interview.graphml", path)
    else:
        WRITERS[fmt](network, path)
    return path


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for op, pos, chunk in edits:
        at = pos % (len(out) + 1)
        if op == 0:  # overwrite
            out[at : at + len(chunk)] = chunk
        elif op == 1:  # insert
            out[at:at] = chunk
        elif op == 2:  # delete
            del out[at : at + len(chunk) + 1]
        elif op == 3:  # truncate
            del out[at:]
        else:  # duplicate a slice
            out[at:at] = out[at : at + 64]
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 1 << 16), st.binary(min_size=1, max_size=16)),
                 min_size=1, max_size=6)  # fmt: skip
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=timedelta(seconds=20),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip


class _Tally:
    def __init__(self) -> None:
        self.cases = self.imported = self.refused = 0


# Family trees name no young person, so they are imported into an existing case.
NEEDS_CASE = {"gedcom"}


def _try_import(fmt: str, path: Path, tally: _Tally) -> None:
    """Import ``path`` into a fresh store: a one-sentence refusal with nothing written, or a clean import
    of what the file holds (records netmap cannot use are left out and reported, as by default)."""
    tally.cases += 1
    with bootstrap(store=open_store("sqlite:///:memory:")) as services:
        options = {}
        if fmt in NEEDS_CASE:
            host = build_case("c-host")
            services.store.apply(WriteBatch(puts=[Put(host.people[0]), Put(host.case)]))
            options = {"case_id": "c-host", "ego_id": host.case.ego_id}
        before = services.store.counts()
        try:
            dataset, report = read_file(fmt, path, **options)
            assert all("\n" not in p.sentence() for p in report.problems)
            summary = services.data.import_dataset(SYSTEM_ACTOR, dataset, source=path.name)
        except NetmapError as exc:
            message = str(exc)
            assert message.strip() and "Traceback" not in message
            assert services.store.counts() == before, "a refused import wrote something"
            tally.refused += 1
            return
        counts = services.store.counts()
        added = sum(n for t, n in counts.items() if t != "audit") - sum(
            n for t, n in before.items() if t != "audit"
        )
        assert added == sum(summary.added.values())
        assert services.store.check() == []
        tally.imported += 1


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_importers_survive_random_and_mutated_files(fmt: str, tmp_path: Path, figures: Figures):
    seed = _seed_file(fmt, tmp_path)
    original = seed.read_bytes()
    target = tmp_path / f"fuzz{SUFFIX[fmt]}"
    if fmt == "csv":
        shutil.copy(ties_path(seed), ties_path(target))
    tally = _Tally()

    @FUZZ
    @given(st.binary(max_size=4096))
    def random_bytes(data: bytes) -> None:
        target.write_bytes(data)
        _try_import(fmt, target, tally)

    @FUZZ
    @given(EDITS)
    def mutated(edits: list[tuple[int, int, bytes]]) -> None:
        target.write_bytes(_mutate(original, edits))
        _try_import(fmt, target, tally)

    target.write_bytes(original)
    _try_import(fmt, target, tally)
    assert tally.imported == 1, f"the unmutated {fmt} seed file must import"
    random_bytes()
    mutated()
    assert tally.cases == 2 * EXAMPLES + 1
    figures.add("fuzz_cases", tally.cases)
    figures.add("fuzz_crashes", 0)
    figures.add("fuzz_partial_writes", 0)
    figures.add("fuzz_imported", tally.imported)
    figures.add("fuzz_refused", tally.refused)


@pytest.mark.parametrize("fmt", sorted(set(READERS) - {"json"}))
def test_an_oversized_upload_is_refused_with_one_sentence(fmt: str, tmp_path: Path):
    path = tmp_path / f"huge{SUFFIX[fmt]}"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(
        ImportFailed, match=rf"^{path.name}: the file is 20 MB; netmap imports files up to 20 MB\.$"
    ):
        READERS[fmt](path, **({"case_id": "c-1", "ego_id": "c-1-ego"} if fmt in NEEDS_CASE else {}))


def test_the_app_caps_uploads_at_the_importers_limit():
    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES


# Lines that broke importers before: dual-year and other calendars, adoption records, loops, odd
# levels, long names, UTF-16 and Mac zips are each in the pool; hypothesis combines them.
GEDCOM_LINES = [
    "0 @I1@ INDI", "0 @I2@ INDI", "0 @F1@ FAM", "1 NAME Ann /Ray/", "1 NAME " + "Bartholomew " * 15,
    "1 BIRT", "2 DATE @#DJULIAN@ 11 FEB 1731/32", "2 DATE @#DHEBREW@ 5 TSH 5770", "2 DATE BET 1990 AND 1980",
    "2 DATE 31 FEB 2001", "2 DATE 2099", "1 DEAT", "2 DATE 1850", "1 FAMC @F1@", "2 PEDI foster", "2 PEDI sealing",
    "1 ADOP", "2 FAMC @F1@", "3 ADOP BOTH", "1 HUSB @I1@", "1 WIFE @I1@", "1 CHIL @I1@", "1 CHIL @I2@",
    "2 _FREL Stepchild", "2 _MREL ???", "1 EVEN", "2 TYPE Separation", "1 DIV", "1 ASSO @I2@", "2 RELA half-sibling",
    "1 SEX X", "99 DEEP", "1 CONT @@", "continued text", "0 HEAD", "1 GEDC", "2 VERS 5.01", "2 VERS 4.0", "0 TRLR",
]  # fmt: skip


@pytest.mark.parametrize("strict", [False, True])
def test_gedcom_built_from_hard_lines_is_read_or_refused_in_a_sentence(strict: bool, tmp_path: Path) -> None:
    @FUZZ
    @given(
        st.lists(st.sampled_from(GEDCOM_LINES), max_size=40),
        st.sampled_from(["utf-8", "utf-16-be", "utf-16"]),
    )
    def hard(lines: list[str], encoding: str) -> None:
        path = tmp_path / "hard.ged"
        path.write_bytes("\n".join(lines).encode(encoding))
        try:
            read_file("gedcom", path, strict=strict, case_id="c-1", ego_id="p-1")
        except ImportFailed as error:
            assert str(error).startswith("hard.ged") and "\n" not in str(error)

    hard()
