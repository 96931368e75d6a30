"""Where the test data lives: ``tests/data`` inside the repository, with sources and licences in its SOURCES.md."""

from pathlib import Path

TESTDATA = Path(__file__).resolve().parent / "data"
PAYLOADS = TESTDATA / "payloads"
BLNS = PAYLOADS / "naughty-strings" / "blns.json"
