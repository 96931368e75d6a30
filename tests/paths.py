"""Where the shared test data lives: ``shared/`` sits beside the checkout (locally and in CI)."""

from pathlib import Path

TESTDATA = Path(__file__).resolve().parents[2] / "shared" / "testdata"
PAYLOADS = TESTDATA / "payloads"
BLNS = PAYLOADS / "naughty-strings" / "blns.json"
