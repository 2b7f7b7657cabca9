"""axe-core in the page (WCAG 2.1 A/AA rules and best practices), reflow at 320 px and 200 %."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_harness import ARTIFACTS, AppServer, PageWatch, Widget
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
QUESTIONS = {
    "da": "Hvor mange Digital Post-meddelelser blev sendt i 2016?",
    "en": "How many Digital Post messages were sent in 2016?",
}


def run_axe(page: Page, name: str) -> list[dict[str, Any]]:
    """All violations axe finds in the page (shadow DOM included); saved as JSON."""
    results = Axe().run(page, options=AXE_OPTIONS).response
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(results["violations"], indent=2))
    return [
        {
            "state": name,
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]],
        }
        for v in results["violations"]
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_axe_finds_no_serious_or_critical_violations(
    app_server: AppServer, page: Page, widget: Widget, lang: str
) -> None:
    page.goto(f"{app_server.url}/?lang={lang}")
    found = run_axe(page, f"{lang}-start")

    widget.ask(QUESTIONS[lang])
    widget.wait_for_result()
    widget.locator("a.ref").first.click()
    widget.locator("li#src-1 button").click()
    expect(widget.locator("li#src-1 button")).to_have_attribute("aria-expanded", "true")
    found += run_axe(page, f"{lang}-answered")

    widget.locator("form.fb button[type=submit]").click()  # no choice yet: the error state
    expect(widget.locator("form.fb .status.error")).to_be_visible()
    found += run_axe(page, f"{lang}-feedback-error")

    page.route("**/ask", lambda route: route.fulfill(status=503, body="{}"))
    widget.ask(QUESTIONS[lang])
    widget.wait_for_result()
    found += run_axe(page, f"{lang}-service-error")
    page.unroute("**/ask")

    # A Retry-After wait: the countdown and the buttons held with aria-disabled.
    page.route("**/ask", lambda route: route.fulfill(status=429, body="{}", headers={"Retry-After": "4"}))
    widget.ask(QUESTIONS[lang])
    expect(widget.locator("p#wait")).to_be_visible()
    found += run_axe(page, f"{lang}-retry-wait")
    page.unroute("**/ask")
    expect(widget.locator("form:not(.fb) button[type=submit]")).not_to_have_attribute(
        "aria-disabled", "true", timeout=10_000
    )

    widget.ask("Hvad koster et nyt pas?" if lang == "da" else "What does a new passport cost?")
    widget.wait_for_result()
    found += run_axe(page, f"{lang}-not-found")

    page.set_viewport_size({"width": 320, "height": 700})
    found += run_axe(page, f"{lang}-320px")

    print(f"axe ({lang}):", json.dumps(found, indent=1, ensure_ascii=False))  # noqa: T201
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)


OVERFLOW_JS = """() => {
  const root = document.querySelector('qa-help').shadowRoot;
  const limit = document.documentElement.clientWidth + 0.5;
  const wide = [...root.querySelectorAll('*'), ...document.body.querySelectorAll('*')]
    .filter((el) => !el.classList.contains('sr') && el.getClientRects().length)
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.right > limit || r.left < -0.5;
    })
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return {
    page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
    box: root.querySelector('.box').scrollWidth - root.querySelector('.box').clientWidth, wide,
  };
}"""


@pytest.mark.parametrize(
    ("name", "width", "height"),
    [
        ("320px", 320, 640),  # WCAG 1.4.10 reflow
        ("zoom-200", 640, 450),  # 1280 x 900 at 200 % zoom
    ],
)
def test_nothing_overflows_on_a_narrow_screen(
    app_server: AppServer,
    page: Page,
    widget: Widget,
    watch: PageWatch,
    name: str,
    width: int,
    height: int,
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server.url + "/")
    widget.ask(QUESTIONS["da"])
    widget.wait_for_result()
    widget.locator("a.ref").first.click()
    widget.locator("li#src-1 button").click()
    expect(widget.locator("li#src-1 button")).to_have_attribute("aria-expanded", "true")
    layout = page.evaluate(OVERFLOW_JS)
    widget.shot(f"narrow-{name}")
    assert layout["page"] <= layout["viewport"], layout
    assert layout["box"] <= 0, layout
    assert layout["wide"] == [], layout
    # Controls stay big enough to hit.
    button = widget.locator("form:not(.fb) button[type=submit]").bounding_box()
    assert button is not None and button["height"] >= 24 and button["width"] >= 24
    assert watch.errors == []
