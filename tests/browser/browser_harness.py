"""What the browser tests share: the real app as a subprocess, host pages on other
origins, and a view of the `<qa-help>` widget through its shadow DOM.

Imported by ``conftest.py`` (the fixtures) and by the test modules.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
ARTIFACTS = REPO / "test-artifacts"
ANSWER_TIMEOUT_MS = 90_000  # two shared cores: a first query can take a while


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- the real app --------------------------------------------------------------------------


@dataclass
class AppServer:
    url: str
    feedback_db: Path
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def get_json(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return json.load(response)


def qa_env(corpus: Path, index: Path, **extra: str) -> dict[str, str]:
    """The environment for `qa build` and the server: offline, settings in temp folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(
        HF_HUB_OFFLINE="1",
        QA_CORPUS_DIR=str(corpus),
        QA_INDEX_DIR=str(index),
        QA_MODEL_CACHE_DIR=str(REPO / ".cache" / "models"),
        QA_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def build_index(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "qa.cli", "build", "--quiet"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        pytest.fail(f"qa build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


def start_server(env: dict[str, str], log: Path, port: int | None = None) -> AppServer:
    """`uvicorn api.app:app` on ``port`` (default: a free one); returns once /readyz is 200."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited with {process.returncode}:\n{log.read_text()[-4000:]}",
                        pytrace=False)  # fmt: skip
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
                if response.status == 200:
                    return AppServer(url, Path(env["QA_FEEDBACK_DB"]), log, process)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    stop_server(process)
    pytest.fail(f"the app was not ready after 300 s:\n{log.read_text()[-4000:]}", pytrace=False)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- host pages on other origins -----------------------------------------------------------

HOST_PAGE = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eksempel Kommune – Selvbetjening</title>
<!-- Rough host styles: none of them may reach into the widget. -->
<style>
  body {{ font: 20px/1.1 Georgia, serif; color: #700; background: #fffbe6; margin: 2rem; }}
  button {{ display: none; }}
  p, h2, label {{ color: red; text-transform: uppercase; }}
</style>
<script src="{api}/widget.js" defer></script>
</head>
<body>
<main>
<h1>Eksempel Kommune</h1>
<p>En side på en anden adresse end spørgetjenesten.</p>
<qa-help api="{api}" lang="da" heading="Spørg kommunen"></qa-help>
</main>
</body>
</html>
"""


class HostPageHandler(BaseHTTPRequestHandler):
    def __init__(self, *args: Any, page: bytes, **kwargs: Any) -> None:
        self.page = page
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.split("?")[0] != "/":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@dataclass
class HostPages:
    api: str
    allowed: str
    denied: str


@dataclass
class PageWatch:
    """What a page did that a test may want to forbid."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


# --- helpers for the widget ----------------------------------------------------------------

ACTIVE_ELEMENT_JS = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute("type") || "",
    name: el.getAttribute("name") || "", value: el.value ?? null, checked: !!el.checked,
    text: (el.textContent || "").trim().slice(0, 80), inWidget: el.getRootNode() !== document,
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
  };
}"""

RESULT_SHOWN_JS = """() => {
  const root = document.querySelector('qa-help')?.shadowRoot;
  const answer = root && root.querySelector('.answer');
  return !!answer && !answer.hasAttribute('aria-busy')
    && !!(answer.querySelector('p') || root.querySelector('.status.error'));
}"""


@dataclass
class Widget:
    """The `<qa-help>` element on a page, seen the way a test needs it."""

    page: Page

    @property
    def host(self) -> Locator:
        return self.page.locator("qa-help")

    def locator(self, selector: str) -> Locator:
        """CSS inside the widget (Playwright's CSS pierces open shadow roots)."""
        return self.host.locator(selector)

    def ask(self, question: str) -> None:
        box = self.locator("input#q")
        box.fill(question)
        box.press("Enter")

    def wait_for_result(self) -> None:
        """Until the widget shows an answer, a 'not found' or an error, not just busy."""
        self.page.wait_for_function(RESULT_SHOWN_JS, timeout=ANSWER_TIMEOUT_MS)

    def active(self) -> dict[str, Any]:
        """The focused element, looking through shadow roots, with its outline width."""
        info: dict[str, Any] = self.page.evaluate(ACTIVE_ELEMENT_JS)
        return info

    def shot(self, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path
