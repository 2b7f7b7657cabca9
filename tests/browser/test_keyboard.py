"""The whole flow with the keyboard alone, with a visible focus at every step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_harness import AppServer, PageWatch, Widget
from playwright.sync_api import Page, expect

from qa.feedback import FeedbackStore

pytestmark = pytest.mark.browser

QUESTION = "Hvor mange Digital Post-meddelelser blev sendt i 2016?"


def tab_to(page: Page, widget: Widget, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Press Tab until the focused element is the wanted one; every stop must show focus."""
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = widget.active()
        assert focused["outline"] >= 2, f"focus is not visible on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached the wanted element; last was {widget.active()}")


def test_ask_read_sources_and_give_feedback_by_keyboard(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/")

    tab_to(page, widget, lambda el: el["id"] == "q")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    widget.wait_for_result()
    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")
    assert widget.active()["id"] == "q", "focus must stay where the reader is"

    # The [1] marker leads to source 1: focused, marked active, quote highlighted.
    tab_to(page, widget, lambda el: el["tag"] == "a" and "[1]" in el["text"])
    page.keyboard.press("Enter")
    assert widget.active()["id"] == "src-1"
    source = widget.locator("li#src-1")
    expect(source).to_have_class("src active")
    expect(source.locator("mark")).to_be_visible()
    widget.shot("keyboard-1-source-focused")

    # More of the document around the quote.
    more = tab_to(page, widget, lambda el: el["tag"] == "button" and el["text"].startswith("Vis"))
    assert more["text"] == "Vis mere af teksten"
    page.keyboard.press("Enter")
    expect(source.get_by_role("button")).to_have_attribute("aria-expanded", "true")
    expect(source.get_by_role("button")).to_have_text("Vis mindre af teksten")
    expect(source.locator("mark")).to_be_visible()

    # Feedback: Send without a choice says what is missing and moves focus to the choice.
    tab_to(page, widget, lambda el: el["type"] == "radio")
    page.keyboard.press("Tab")
    assert widget.active()["tag"] == "textarea"
    page.keyboard.type("Godt svar. Ring evt. på 12 34 56 78 eller skriv til test@example.dk")
    page.keyboard.press("Tab")
    assert widget.active()["text"] == "Send"
    page.keyboard.press("Enter")
    expect(widget.locator("form.fb .status")).to_have_text("Vælg ja eller nej.")
    assert widget.active()["type"] == "radio"

    page.keyboard.press("ArrowRight")  # "Nej", checked by moving to it
    focused = widget.active()
    assert (focused["value"], focused["checked"]) == ("no", True)
    page.keyboard.press("ArrowLeft")  # back to "Ja"
    focused = widget.active()
    assert (focused["value"], focused["checked"]) == ("yes", True)
    tab_to(page, widget, lambda el: el["text"] == "Send")
    page.keyboard.press("Enter")

    thanks = widget.locator("p.thanks")
    expect(thanks).to_have_text("Tak for din tilbagemelding.")
    expect(thanks).to_be_focused()
    widget.shot("keyboard-2-feedback-sent")

    row = list(FeedbackStore(app_server.feedback_db).rows())[-1]
    assert row["verdict"] == "yes"
    assert row["question"] == QUESTION
    assert row["comment"] == "Godt svar. Ring evt. på [TELEFON] eller skriv til [EMAIL]"
    assert row["answered"] is True and "112,6 mio." in row["answer"]
    assert row["citations"][0]["n"] == 1 and row["index_version"]
    assert watch.errors == []


@pytest.mark.parametrize(("lang", "text"), [("da", "Spring til indhold"), ("en", "Skip to content")])
def test_a_skip_link_first_on_the_page_leads_past_the_header_to_the_content(
    app_server: AppServer, page: Page, widget: Widget, lang: str, text: str
) -> None:
    page.goto(f"{app_server.url}/?lang={lang}")
    skip = page.locator("body > a:first-child")
    expect(skip).to_have_text(text)
    expect(skip).to_have_attribute("href", "#main")
    hidden = skip.bounding_box()
    assert hidden is not None and hidden["y"] + hidden["height"] <= 0, "off screen until focused"

    page.keyboard.press("Tab")
    focused = widget.active()
    assert (focused["tag"], focused["text"], focused["inWidget"]) == ("a", text, False)
    assert focused["outline"] >= 2
    shown = skip.bounding_box()
    assert shown is not None and shown["y"] >= 0 and shown["x"] >= 0, "visible while focused"
    widget.shot(f"keyboard-skip-link-{lang}")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the language link and the breadcrumbs are behind
    assert widget.active()["id"] == "q"
