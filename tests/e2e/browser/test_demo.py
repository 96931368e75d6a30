"""In Chromium: ``netmap demo`` on a fresh store; the young person logs in and sees their ecomap."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORDS, NetmapApp, Server, artifact, start_server, stop_server

pytestmark = pytest.mark.e2e

OpenApp = Callable[..., NetmapApp]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``netmap demo`` as a new user runs it: an empty store, no key set, samples and logins loaded by the command."""
    folder = tmp_path_factory.mktemp("demo")
    db_url = f"sqlite:///{folder / 'fresh.db'}"
    server = start_server("demo", db_url, folder / "demo.log", unset=("NETMAP_SECRET_KEY",))
    yield server
    stop_server(server)


def test_demo_loads_the_samples_and_the_young_person_sees_their_ecomap(
    open_app: OpenApp, demo_server: Server
) -> None:
    log = Path(demo_server.log).read_text()
    assert "jordan" in log and PASSWORDS["jordan"] in log, "netmap demo must print the demo logins"

    app = open_app(server=demo_server)
    app.page.goto(demo_server.url)
    app.page.get_by_role("textbox", name="Username").fill("jordan")
    app.page.get_by_role("textbox", name="Password").fill(PASSWORDS["jordan"])
    started = time.monotonic()
    app.page.get_by_role("button", name="Log in").click()
    # straight to the link, not open_page: its settling pause would be counted in the time
    app.page.get_by_test_id("stSidebarNav").get_by_role("link", name="My map").click()
    labels = app.ecomap_labels()
    seconds = time.monotonic() - started
    assert "JJ" in labels and len(labels) > 5
    expect(app.page.get_by_role("heading", level=1)).to_have_text("My map")
    message = f"netmap demo: 'Log in' pressed to Jordan's ecomap drawn in {seconds:.2f} s\n"
    with open(artifact("time_to_ecomap.txt"), "a", encoding="utf-8") as out:
        out.write(message)
    print(message, end="")
