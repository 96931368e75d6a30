"""netmap's own exports carry enough to restore a case: re-reading an export of each sample case gives
back the same case, people, memberships and ties, versions and restrictions included, so a re-import
into the store that made it finds every record unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.ingest import csv_xlsx, graphml, kumu, read_file
from netmap.models import Network
from tests.unit.test_samples import FILES, load, network

# (format read back, writer, file name)
EXPORTS = {
    "csv": ("csv", csv_xlsx.write, "case.csv"),
    "xlsx": ("xlsx", csv_xlsx.write_xlsx, "case.xlsx"),
    "kumu-json": ("kumu", kumu.write, "map.json"),
    "kumu-xlsx": ("kumu", kumu.write, "map.xlsx"),
    "graphml": ("graphml", graphml.write, "case.graphml"),
}


def _versioned(net: Network) -> Network:
    """The sample as a store holds it: every record edited a few times."""
    return net.model_copy(
        update={
            "case": net.case.model_copy(update={"version": 4}),
            "people": [p.model_copy(update={"version": 2}) for p in net.people],
            "memberships": [m.model_copy(update={"version": 3}) for m in net.memberships],
            "ties": [t.model_copy(update={"version": 5}) for t in net.ties],
        }
    )


@pytest.mark.parametrize("fmt", sorted(EXPORTS))
@pytest.mark.parametrize("sample", FILES)
def test_an_export_reads_back_as_the_same_case(fmt: str, sample: str, tmp_path: Path) -> None:
    net = _versioned(network(load(sample)))
    reader, write, name = EXPORTS[fmt]
    write(net, tmp_path / name)
    back, report = read_file(reader, tmp_path / name, strict=True)
    assert not report.count
    assert back.cases == [net.case]
    assert sorted(back.people, key=lambda p: p.id) == sorted(net.people, key=lambda p: p.id)
    assert sorted(back.memberships, key=lambda m: m.id) == sorted(net.memberships, key=lambda m: m.id)
    assert sorted(back.ties, key=lambda t: t.id) == sorted(net.ties, key=lambda t: t.id)


def test_a_foreign_version_column_is_kept_as_text(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("name,young_person,version\nAnn,yes,7\n", encoding="utf-8")
    dataset, _ = read_file("csv", tmp_path / "p.csv")
    assert dataset.people[0].version == 0 and "version: 7" in dataset.memberships[0].notes
