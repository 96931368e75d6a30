"""Small modules: no module in the package is over 450 lines (docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "netmap"
LIMIT = 450


def test_no_module_is_over_450_lines() -> None:
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")}
    assert len(sizes) > 100
    over = {str(path.relative_to(PACKAGE)): n for path, n in sizes.items() if n > LIMIT}
    assert over == {}, f"split these modules: {over}"
