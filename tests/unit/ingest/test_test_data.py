"""tests/data holds every file the tests read, each with a source and a licence that allows it, and the
generated files are exactly what the generator writes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from tests.data.generate import generate
from tests.paths import TESTDATA

NOT_DATA = {"SOURCES.md", ".gitattributes"}


def _data_files() -> set[str]:
    return {
        p.relative_to(TESTDATA).as_posix()
        for p in TESTDATA.rglob("*")
        if p.is_file()
        and p.name not in NOT_DATA
        and p.relative_to(TESTDATA).parts[0] not in ("licenses", "generate")
        and "__pycache__" not in p.parts
    }


def _rows() -> tuple[dict[str, str], dict[str, str]]:
    """``(copied file -> licence, generated file or folder -> generator)`` from SOURCES.md's tables."""
    copied, generated = {}, {}
    for line in (TESTDATA / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if not line.startswith("| ") or cells[0].startswith("file"):
            continue
        if len(cells) == 6:  # file, repository, path, commit, licence, what
            copied[cells[0]] = cells[4]
        else:  # file or folder, generator, what, replaces
            generated[cells[0]] = cells[1]
    return copied, generated


def _content(path: Path) -> object:
    """The bytes of ``path``, or for a zip its entries' names and bytes (compressors differ by version)."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def test_every_file_has_one_source_and_every_source_a_file() -> None:
    copied, generated = _rows()
    files = _data_files()
    covered = set(copied) | {
        f for f in files if any(f == g or (g.endswith("/") and f.startswith(g)) for g in generated)
    }
    assert files == covered
    assert all((TESTDATA / name).exists() for name in [*copied, *generated])


def test_copied_files_carry_a_licence_that_allows_copying() -> None:
    copied, _ = _rows()
    assert copied and all(
        licence.startswith(("MIT (licenses/", "Apache-2.0 (licenses/", "Unlicense (licenses/"))
        for licence in copied.values()
    )
    for licence in copied.values():
        for text in re.findall(r"licenses/[\w.-]+\.txt", licence):
            assert (TESTDATA / text).is_file(), text


def test_generated_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = generate(tmp_path)
    assert set(written) == {f for f in _data_files() if "/generated/" in f or f.startswith("payloads/xss/")}
    for relative in written:
        assert _content(tmp_path / relative) == _content(TESTDATA / relative), relative


def test_no_copied_file_is_also_generated() -> None:
    copied, generated = _rows()
    assert not set(copied) & set(generated)
    assert all("generated" in name for name in generated)
