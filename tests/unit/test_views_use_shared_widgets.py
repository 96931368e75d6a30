"""Pages and components make downloads through ``views.widgets.download_button`` only, so every
download leaves the page as it is (Streamlit's own default runs the page again)."""

from __future__ import annotations

from pathlib import Path

VIEWS = Path(__file__).resolve().parents[2] / "netmap" / "views"


def test_no_view_makes_a_download_button_of_its_own() -> None:
    direct = [
        str(path.relative_to(VIEWS))
        for path in VIEWS.rglob("*.py")
        if path.name != "widgets.py" and ".download_button(" in path.read_text(encoding="utf-8")
    ]
    assert direct == []
