"""Fixtures of the browser tests: the real app under uvicorn on 127.0.0.1, Debian's Chromium.

- ``host_pages``: two tiny web servers on other ports that embed the widget the way a host
  page would; one origin is on the API's CORS allow-list, the other is not;
- ``app_server``: ``qa build`` of ``corpus/`` into a temporary folder, then
  ``uvicorn api.app:app`` with QA_* settings pointing there; stopped at the end;
- ``browser``: headless Chromium from ``/usr/bin/chromium`` (never ``playwright install``);
  the tests fail, and say how to install it, when it is missing;
- ``page``: a fresh browser context per test; ``watch`` records its dialogs, page errors and
  console messages; ``widget`` reaches into the `<qa-help>` element.

Screenshots go to ``test-artifacts/screenshots/`` (not committed).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from typing import Any

import pytest
from browser_harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOST_PAGE,
    REPO,
    SCREENSHOTS,
    AppServer,
    HostPageHandler,
    HostPages,
    PageWatch,
    Widget,
    build_index,
    free_port,
    qa_env,
    start_server,
    stop_server,
)
from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="session")
def host_pages() -> Iterator[HostPages]:
    api = f"http://127.0.0.1:{free_port()}"
    page = HOST_PAGE.format(api=api).encode()
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), partial(HostPageHandler, page=page)) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    allowed, denied = (f"http://127.0.0.1:{s.server_address[1]}" for s in servers)
    yield HostPages(api=api, allowed=allowed, denied=denied)
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, host_pages: HostPages) -> Iterator[AppServer]:
    """The real app over the repository's corpus, allowing one other origin (host_pages.allowed)."""
    work = tmp_path_factory.mktemp("app")
    # These tests are about the widget, not the calibration: the shipped abstention model
    # with its operating point pinned at 0.5, so that the answered questions stay answered
    # when the models are refitted (the unanswered ones score about 0.2).
    pinned = json.loads((REPO / "qa" / "data" / "abstention.json").read_text(encoding="utf-8"))
    pinned["threshold"] = 0.5
    (work / "abstention.json").write_text(json.dumps(pinned), encoding="utf-8")
    env = qa_env(
        REPO / "corpus",
        work / "index",
        QA_FEEDBACK_DB=str(work / "var" / "feedback.sqlite3"),
        QA_CORS_ORIGINS=host_pages.allowed,
        QA_ABSTENTION_MODEL=str(work / "abstention.json"),
    )
    build_index(env)
    server = start_server(env, work / "server.log", port=int(host_pages.api.rsplit(":", 1)[1]))
    yield server
    stop_server(server.process)


@pytest.fixture(scope="session", autouse=True)
def chromium_installed() -> None:
    """Fail (never skip) at once, before building anything, when Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. The browser tests need Debian's package: "
            "run `apt-get install -y chromium` (CI installs it; never `playwright install`).",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser(chromium_installed: None) -> Iterator[Browser]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page(browser: Browser, watch: PageWatch) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="da-DK")
    context.set_default_timeout(30_000)
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("console", lambda message: watch.console.append(f"{message.type}: {message.text}"))
    yield page
    context.close()


@pytest.fixture
def widget(page: Page) -> Widget:
    return Widget(page)
