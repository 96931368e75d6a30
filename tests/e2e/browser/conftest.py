"""Browser-test fixtures: a real ``netmap serve`` per worker, headless Chromium, logins, failure screenshots."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Locator, Page, Request
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.serving import free_port, healthy
from netmap.cli.demo_users import DEMO_USERS
from tests.conftest import copy_samples
from tests.processes import dies_with_parent

__all__ = ["ARTIFACTS", "PASSWORDS", "NetmapApp", "Server", "artifact", "start_server", "stop_server"]

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = REPO / "tests" / "e2e" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORDS = {u.username: u.password for u in DEMO_USERS}
STARTUP_SECONDS = 120  # two xdist workers start Streamlit at once on two shared cores
UI_TIMEOUT_MS = 30_000
# Records every call of a dialog-opening function in every frame, before any page script runs.
HOOKS = """
(() => {
  const fired = [];
  Object.defineProperty(window, "__netmapFired", { value: fired });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { fired.push(name + "(" + args.map(String).join(", ") + ")"); return null; };
  }
})();
"""
_APPS: pytest.StashKey[list[Any]] = pytest.StashKey()
# Each drawn relationship of the ecomap editor, as the editor drew it.
_EDGES = """edges => edges.map(e => ({
  id: e.dataset.id, from: e.dataset.source, to: e.dataset.target, title: e.querySelector("title").textContent
}))"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded one; ``launch`` gives each browser a fresh temporary profile."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "en-GB"}


def artifact(name: str) -> str:
    """Where to save the artifact ``name`` (tests/e2e/artifacts/, git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return str(ARTIFACTS / name)


# --------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class Server:
    url: str
    db_url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_server(
    command: str,
    db_url: str,
    log: Path,
    *,
    unset: tuple[str, ...] = (),
    extra_env: dict[str, str] | None = None,
) -> Server:
    """Run ``python -m netmap COMMAND --db DB_URL --port FREE`` and wait until Streamlit says it is healthy.

    ``unset`` names environment variables the server must not inherit from the test process;
    ``extra_env`` is set for this server only (never in the test process, whose other servers
    would inherit it).
    """
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env |= (extra_env or {}) | {"NETMAP_DB": db_url}
    with log.open("wb") as out:
        process = subprocess.Popen(
            # `netmap serve` becomes Streamlit (exec), which keeps the parent-death signal: a killed
            # test run leaves no app server behind
            dies_with_parent([sys.executable, "-m", "netmap", command, "--db", db_url, "--port", str(port)]),
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped whole by stop_server
        )
    server = Server(f"http://127.0.0.1:{port}", db_url, process, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while not healthy(server.url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(server)
            raise RuntimeError(
                f"netmap {command} on port {port} did not become healthy; its log {log} ends: "
                f"{log.read_text(errors='replace')[-2000:]}"
            )
        time.sleep(0.25)
    return server


def stop_server(server: Server) -> None:
    """Stop the server's whole process group: SIGTERM, then SIGKILL for anything still there."""
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(server.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    server.process.wait(timeout=5)


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, sample_store_file: Path) -> str:
    """A SQLite store with the samples and the demo accounts, owned by this worker's server.

    Its restricted fields are encrypted with the ``NETMAP_SECRET_KEY`` that tests/conftest.py sets for
    this process, which the server inherits.
    """
    return copy_samples(sample_store_file, f"sqlite:///{tmp_path_factory.mktemp('browser') / 'netmap.db'}")


@pytest.fixture(scope="session")
def netmap_server(served_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``netmap serve`` on a free loopback port for this (xdist worker's) session."""
    server = start_server("serve", served_db, tmp_path_factory.mktemp("serve-log") / "serve.log")
    yield server
    stop_server(server)


# --------------------------------------------------------------------------- the app in a browser


# whether a selectbox shows ``option``, or a multiselect holds it among its chosen ones
_CHOSEN = r"""(element, option) => {
    const many = element.closest("[data-testid='stMultiSelect']");
    return many ? many.innerText.split("\n").some(line => line.trim() === option) : element.value === option;
}"""


@dataclass
class NetmapApp:
    """One person's browser tab on the app, with everything that could betray executed script recorded."""

    page: Page
    base_url: str
    dialogs: list[str] = field(default_factory=list)
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.set_default_timeout(UI_TIMEOUT_MS)
        self.page.add_init_script(HOOKS)
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.console.append(message))
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("request", self._request)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request: Request) -> None:
        if not request.url.startswith((self.base_url, "data:", "blob:", "about:")):
            self.outside_requests.append(request.url)

    def login(self, username: str, password: str | None = None) -> None:
        self.page.goto(self.base_url)
        self.page.get_by_role("textbox", name="Username").fill(username)
        self.page.get_by_role("textbox", name="Password").fill(password or PASSWORDS[username])
        self.page.get_by_role("button", name="Log in").click()
        self.page.get_by_text("Signed in as").wait_for()

    def settle(self) -> None:
        """Wait until Streamlit has finished its current run: no status widget, no stale elements."""
        self.page.wait_for_timeout(250)
        self.page.wait_for_function(
            "() => !document.querySelector(\"[data-testid='stStatusWidget'], [data-stale='true']\")",
            polling=100,
        )

    def open_page(self, title: str) -> None:
        """Follow the sidebar navigation link ``title`` (same session, so the login holds)."""
        nav = self.page.get_by_test_id("stSidebarNav")
        link = nav.get_by_role("link", name=re.compile(rf"^\W*{re.escape(title)}$")).first
        try:
            link.wait_for(timeout=10_000)
        except PlaywrightTimeoutError:
            shown = [" ".join(a.inner_text().split()) for a in nav.get_by_role("link").all()]
            raise AssertionError(f"the navigation has no page {title!r}; it shows {shown}") from None
        link.click()
        self.settle()

    def pick(self, label: str, option: str, *, within: Locator | None = None) -> None:
        """Choose ``option`` in the selectbox labelled ``label`` (inside ``within``, if given)."""
        box = (within or self.page).get_by_role("combobox", name=label, exact=True)
        # a box near the bottom edge of the viewport does not open its list, so centre it first
        box.evaluate("element => element.scrollIntoView({block: 'center'})")
        if box.evaluate(_CHOSEN, option):
            return  # already chosen: a click on the chosen option closes the list under the pointer
        for _ in range(3):  # an Enter before the list has marked the match only closes the list: try again
            box.click()
            wanted = self.page.get_by_role("option", name=option, exact=True)
            try:
                wanted.wait_for(state="visible", timeout=2000)
            except PlaywrightTimeoutError:
                # the open list draws only the options in view: type to bring a far one to the top, and take it
                self.page.keyboard.type(option)
                self.page.get_by_role("option", name=option, exact=True).first.wait_for()
                self.page.keyboard.press("Enter")
            else:
                try:
                    wanted.click(timeout=2000)
                except PlaywrightTimeoutError:
                    # a rerun redrew the page between seeing the option and clicking it, closing the list
                    self.settle()
                    continue
            self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
            self.settle()
            if box.count() == 0 or box.evaluate(_CHOSEN, option):
                return  # chosen (a choice that opens another screen takes the box away)
        raise AssertionError(f"{option!r} could not be chosen in {label!r}")

    def type_date(self, within: Locator, label: str, day: date) -> None:
        """Type ``day`` into the date field labelled ``label``, day, month and year, as a person types it."""
        field = within.get_by_role("group", name=label, exact=True)
        field.get_by_role("spinbutton").first.click()
        self.page.keyboard.type(day.strftime("%d%m%Y"))
        self.page.keyboard.press("Escape")  # close the calendar the field opened
        self.page.keyboard.press("Tab")  # and leave the field, which is when a person's typing counts
        self.settle()

    def choose_case(self, title: str) -> None:
        """Pick the case to work on from the Cases page's "Work on case" box."""
        if not self.page.get_by_role("combobox", name="Work on case", exact=True).is_visible():
            self.open_page("Cases")
        self.pick("Work on case", title)

    def ecomap(self) -> Locator:
        """The ecomap editor once it has drawn the young person (its elements are in the page, in a shadow root)."""
        self.page.locator(".nm-editor .nm-node.nm-ego").wait_for()
        return self.page.locator(".nm-editor")

    def ecomap_labels(self) -> list[str]:
        """Everyone's whole name on the ecomap (the screen may show a shortened one beside the symbol)."""
        return list(
            self.ecomap().locator(".nm-node").evaluate_all("nodes => nodes.map(n => n.dataset.label)")
        )

    def ecomap_edges(self) -> list[dict[str, Any]]:
        return list(self.ecomap().locator(".nm-edge").evaluate_all(_EDGES))

    def fired(self) -> dict[str, list[str]]:
        """Dialog-function calls recorded in each live frame, by frame URL (empty when none fired)."""
        calls: dict[str, list[str]] = {}
        for frame in self.page.frames:
            try:
                recorded = frame.evaluate(
                    "() => window.__netmapFired ? Array.from(window.__netmapFired) : null"
                )
            except Exception:
                continue
            if recorded is None:
                raise AssertionError(f"the alert hook was not installed in frame {frame.url}")
            calls.setdefault(frame.url, []).extend(recorded)
        return {url: found for url, found in calls.items() if found}

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        path = artifact(name)
        self.page.screenshot(path=path, full_page=full_page)
        return Path(path)


@pytest.fixture
def open_app(
    browser: Browser, browser_context_args: dict[str, Any], request: pytest.FixtureRequest
) -> Iterator[Callable[..., NetmapApp]]:
    """A factory: ``open_app("coordinator")`` is a new browser context signed in as that demo user.

    The app is this worker's ``netmap_server`` unless ``server=`` names another one.
    """
    contexts = []
    apps: list[NetmapApp] = []
    request.node.stash[_APPS] = apps

    def make(username: str | None = None, *, server: Server | None = None) -> NetmapApp:
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        app = NetmapApp(context.new_page(), (server or request.getfixturevalue("netmap_server")).url)
        apps.append(app)
        if username is not None:
            app.login(username)
        return app

    yield make
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- screenshots on failure


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1])
    for number, app in enumerate(item.stash.get(_APPS, [])):
        try:
            path = app.screenshot(f"failed-{stem}-{number}.png", full_page=True)
        except Exception as exc:  # the page may have crashed: the report must still be written
            report.sections.append(("screenshot", f"could not save a screenshot: {exc}"))
        else:
            report.sections.append(("screenshot", str(path)))
