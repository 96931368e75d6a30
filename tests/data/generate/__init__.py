"""Generated test files: synthetic stand-ins for interoperability files whose licence forbids copying.

``python -m tests.data.generate`` (from the repository root) rewrites every generated file under
``tests/data``; the output is the same on every run, and a test checks that the committed files are
what the generator writes.
"""

from __future__ import annotations

from pathlib import Path

from tests.data.generate import family_trees, gedcom7, gedcom_encodings, kumu, network_canvas, xss
from tests.data.generate.common import Files

__all__ = ["DATA", "generate"]

DATA = Path(__file__).resolve().parents[1]


def generate(root: Path = DATA) -> list[str]:
    """Write every generated file under ``root``; return their paths relative to it."""
    files = Files(root)
    for module in (gedcom7, gedcom_encodings, family_trees, network_canvas, kumu, xss):
        module.write_all(files)
    return files.written
