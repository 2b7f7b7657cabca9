"""Asking on the demo page in Danish and English, 'not found', busy state, errors and retry."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_harness import ANSWER_TIMEOUT_MS, AppServer, PageWatch, Widget
from playwright.sync_api import Locator, Page, Route, expect

from qa.engine import NO_SUBJECT, NOT_FOUND

pytestmark = pytest.mark.browser

CASES = {
    "da": {
        "question": "Hvor mange Digital Post-meddelelser blev sendt i 2016?",
        "heading": "Spørg om digitale løsninger",
        "label": "Dit spørgsmål",
        "sources": "Kilder",
        "ref": "Kilde [1]",
    },
    "en": {
        "question": "How many Digital Post messages were sent in 2016?",
        "heading": "Ask about digital services",
        "label": "Your question",
        "sources": "Sources",
        "ref": "Source [1]",
    },
}


def assert_clean(watch: PageWatch) -> None:
    """No script errors, no dialogs and no Content-Security-Policy violations."""
    assert watch.errors == []
    assert watch.dialogs == []
    assert not [m for m in watch.console if "Content Security Policy" in m], watch.console


@pytest.mark.parametrize("lang", ["da", "en"])
def test_ask_and_see_a_cited_answer(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch, lang: str
) -> None:
    case = CASES[lang]
    response = page.goto(f"{app_server.url}/?lang={lang}")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(widget.locator("h2")).to_have_text(case["heading"])
    expect(widget.locator("label[for=q]")).to_have_text(case["label"])
    widget.shot(f"demo-{lang}-1-start")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))

    with page.expect_response("**/ask", timeout=ANSWER_TIMEOUT_MS) as ask_response:
        widget.ask(case["question"])
    data: dict[str, Any] = ask_response.value.json()
    widget.wait_for_result()
    assert data["answered"], data
    citation = data["citations"][0]
    assert citation["language"] == "da"
    # The citations name their documents' language: the widget does not fetch the document list.
    assert "/documents" not in requested

    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")
    expect(widget.locator(".asked q")).to_have_text(case["question"])
    expect(widget.locator("h3").nth(1)).to_have_text(case["sources"])
    source = widget.locator(f"li#src-{citation['n']}")
    expect(source.locator("h4")).to_have_text(citation["title"])
    # The quote is highlighted inside its surrounding text from the passage.
    expect(source.locator("mark")).to_have_text(citation["quote"])
    assert len(source.locator("blockquote").inner_text()) > len(citation["quote"])

    ref = widget.locator("a.ref").first
    expect(ref).to_have_text(case["ref"])
    ref.click()
    expect(source).to_be_focused()
    expect(source).to_have_class(re.compile(r"\bactive\b"))
    expect(source.locator("mark")).to_be_visible()
    background = source.locator("mark").evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # The citation is in Danish: an English page must say so to screen readers (WCAG 3.1.2).
    expect(widget.locator(".answer p")).to_have_attribute("lang", "da")

    # More context comes from GET /documents/{id}, asking only for the window it shows (601
    # characters before the quote, 602 after it); the quote stays highlighted.
    more = source.get_by_role("button")
    with page.expect_response(f"**/documents/{citation['doc_id']}?*") as document_response:
        more.click()
    window = {"start": [str(max(0, citation["start"] - 601))], "end": [str(citation["end"] + 602)]}
    assert parse_qs(urlsplit(document_response.value.url).query) == window
    shown = document_response.value.json()["text"]
    assert len(shown) == min(citation["end"] + 602, 2886) - max(0, citation["start"] - 601) < 2886
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(source.locator("mark")).to_have_text(citation["quote"])
    assert source.locator("blockquote").inner_text().replace("\n", "") in shown.replace("\n", "")
    widget.shot(f"demo-{lang}-2-answered")
    assert_clean(watch)


def test_a_quote_from_an_english_document_is_marked_english_without_fetching_the_document_list(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))

    def from_english_documents(route: Route) -> None:
        """The real answer, as if its documents were English (the corpus has none)."""
        response = route.fetch(timeout=ANSWER_TIMEOUT_MS)
        body = response.json()
        for item in body["citations"] + body["passages"]:
            item["language"] = "en"
        route.fulfill(response=response, json=body)

    page.route("**/ask", from_english_documents)
    widget.ask(CASES["da"]["question"])
    widget.wait_for_result()
    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")
    expect(widget.locator(".answer p")).to_have_attribute("lang", "en")
    source = widget.locator("ol.sources > li").first
    expect(source.locator("h4")).to_have_attribute("lang", "en")
    expect(source.locator("blockquote")).to_have_attribute("lang", "en")
    expect(widget.locator(".asked q")).to_have_attribute("lang", "da")  # the question keeps its own
    assert [path for path in requested if path.startswith("/documents") or path == "/ask"] == ["/ask"]
    assert_clean(watch)


def test_a_quote_from_a_pdf_names_its_page_and_links_to_it(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/")

    def from_a_pdf(route: Route) -> None:
        """The real answer, as if its document were a PDF on the web (the corpus has none)."""
        response = route.fetch(timeout=ANSWER_TIMEOUT_MS)
        body = response.json()
        body["citations"][0].update(page=4, source="https://example.dk/vejledning.PDF")
        route.fulfill(response=response, json=body)

    page.route("**/ask", from_a_pdf)
    widget.ask(CASES["da"]["question"])
    widget.wait_for_result()
    source = widget.locator("ol.sources > li").first
    expect(source.locator("h4 .page")).to_have_text(" · side 4")
    expect(source.locator("h4 .page")).to_have_attribute("lang", "da")
    expect(source.locator(".actions a")).to_have_attribute("href", "https://example.dk/vejledning.PDF#page=4")
    assert_clean(watch)


def test_a_quote_from_another_format_names_no_page(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/?lang=en")
    with page.expect_response("**/ask", timeout=ANSWER_TIMEOUT_MS) as ask_response:
        widget.ask(CASES["en"]["question"])
    widget.wait_for_result()
    assert ask_response.value.json()["citations"][0]["page"] is None
    expect(widget.locator("ol.sources > li h4 .page")).to_have_count(0)
    assert_clean(watch)


def test_not_found_shows_as_such_with_the_closest_passages(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/")
    with page.expect_response("**/ask", timeout=ANSWER_TIMEOUT_MS) as ask_response:
        widget.ask("Hvad koster et nyt pas?")
    widget.wait_for_result()
    assert ask_response.value.json()["answered"] is False
    expect(widget.locator(".answer p strong")).to_have_text("Ikke fundet i kilderne.")
    why = widget.locator(".answer p .why")
    expect(why).to_have_text(NOT_FOUND["da"])
    expect(why).to_have_attribute("lang", "da")
    expect(widget.locator("h3").nth(1)).to_have_text("Nærmeste tekststykker")
    assert 1 <= widget.locator("ol.sources > li").count() <= 3
    expect(widget.locator("a.ref")).to_have_count(0)
    expect(widget.locator("form.fb legend")).to_have_text("Var svaret til hjælp?")
    widget.shot("demo-da-3-not-found")
    assert_clean(watch)


def test_a_message_that_names_nothing_is_told_what_to_add_in_its_own_language(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/?lang=en")
    with page.expect_response("**/ask", timeout=ANSWER_TIMEOUT_MS) as ask_response:
        widget.ask("Tak for hjælpen!")
    widget.wait_for_result()
    body = ask_response.value.json()
    assert body["answered"] is False and body["message"] == NO_SUBJECT["da"]
    expect(widget.locator(".answer p strong")).to_have_text("Not found in the sources.")
    why = widget.locator(".answer p .why")
    expect(why).to_have_text(NO_SUBJECT["da"])
    expect(why).to_have_attribute("lang", "da")
    assert_clean(watch)


def test_not_found_without_a_message_from_the_server_says_so_in_the_widgets_words(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/")

    def without_message(route: Route) -> None:
        response = route.fetch(timeout=ANSWER_TIMEOUT_MS)
        route.fulfill(response=response, json={**response.json(), "message": None})

    page.route("**/ask", without_message)
    widget.ask("Hvad koster et nyt pas?")
    widget.wait_for_result()
    expect(widget.locator(".answer p")).to_have_text(
        "Ikke fundet i kilderne. Kilderne giver ikke et sikkert svar på dit spørgsmål. "
        "Her er de tekststykker, der ligger nærmest:"
    )
    expect(widget.locator(".answer p .why")).to_have_count(0)
    assert_clean(watch)


def test_busy_state_is_visible_and_announced(app_server: AppServer, page: Page, widget: Widget) -> None:
    page.goto(app_server.url + "/?lang=en")
    held: list[Route] = []
    page.route("**/ask", lambda route: held.append(route))
    widget.ask("How many Digital Post messages were sent in 2016?")
    status = widget.locator("[role=status]").first
    expect(status).to_have_text("Looking for an answer …")
    expect(status.locator(".spin")).to_be_visible()
    expect(widget.locator(".answer")).to_have_attribute("aria-busy", "true")
    expect(widget.locator(".answer")).to_have_attribute("aria-live", "polite")
    widget.shot("demo-en-busy")
    assert len(held) == 1
    held[0].continue_()
    widget.wait_for_result()
    expect(status).to_have_text("")
    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")


def _fulfil(status: int, body: str = '{"detail": "x"}', headers: dict[str, str] | None = None) -> Any:
    return lambda route: route.fulfill(status=status, body=body, content_type="application/json", headers=headers)


BUSY = {
    "da": "Der er mange spørgsmål lige nu. Vent et øjeblik, og prøv igen.",
    "en": "There are many questions right now. Wait a moment and try again.",
}
SERVER_BUSY_BODY = '{"detail": "The service is busy answering other questions: try again in a moment."}'
SERVER_ERROR = "Der opstod en fejl hos tjenesten. Prøv igen om lidt."
NOT_READY_BODY = '{"detail": "The service is not ready: the model and index are still loading."}'

# (name, handler, message, whether a retry button is offered)
ERRORS = [
    ("429", _fulfil(429), BUSY["da"], True),
    ("500", _fulfil(500), SERVER_ERROR, True),
    ("503", _fulfil(503, SERVER_BUSY_BODY), BUSY["da"], True),
    ("503-not-ready", _fulfil(503, NOT_READY_BODY), BUSY["da"], True),
    ("408", _fulfil(408), "Det tog for lang tid at få et svar. Prøv igen.", True),
    ("422", _fulfil(422), "Spørgsmålet kunne ikke behandles. Prøv at skrive det på en anden måde.", False),
    ("413", _fulfil(413), "Spørgsmålet kunne ikke behandles. Prøv at skrive det på en anden måde.", False),
    ("not-json", _fulfil(200, "<html>proxy error</html>"), SERVER_ERROR, True),
    (
        "network",
        lambda route: route.abort("connectionrefused"),
        "Der er ikke forbindelse til tjenesten. Tjek din internetforbindelse, og prøv igen.",
        True,
    ),
]


def test_errors_show_a_plain_message_and_a_way_to_try_again(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(app_server.url + "/")
    question = "Hvor mange Digital Post-meddelelser blev sendt i 2016?"
    for name, handler, message, retried in ERRORS:
        page.route("**/ask", handler)
        widget.ask(question)
        widget.wait_for_result()
        status = widget.locator(".status.error")
        expect(status, name).to_have_text(message)
        expect(status).to_have_attribute("role", "status")
        expect(widget.locator(".answer")).to_be_empty()
        expect(widget.locator(".actions button"), name).to_have_count(1 if retried else 0)
        if name == "429":
            widget.shot("demo-da-error-429")
        page.unroute("**/ask")

    # The service is back: "Try again" asks the same question, and focus is not lost.
    retry = widget.locator(".actions button")
    expect(retry).to_have_text("Prøv igen")
    retry.click()
    widget.wait_for_result()
    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")
    expect(widget.locator(".status.error")).to_have_count(0)
    assert widget.active()["id"] == "q"
    assert watch.errors == [] and watch.dialogs == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_busy_503_says_so_and_retry_waits_for_retry_after(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch, lang: str
) -> None:
    page.route("**/ask", _fulfil(503, SERVER_BUSY_BODY, {"Retry-After": "1"}))
    page.goto(f"{app_server.url}/?lang={lang}")
    widget.ask(CASES[lang]["question"])
    widget.wait_for_result()
    expect(widget.locator(".status.error")).to_have_text(BUSY[lang])
    retry = widget.locator(".actions button")
    expect(retry).to_have_text({"da": "Prøv igen", "en": "Try again"}[lang])
    expect(retry).to_have_attribute("aria-disabled", "true")
    expect(retry).not_to_have_attribute("aria-disabled", "true", timeout=5_000)
    assert_clean(watch)


def test_a_long_retry_after_is_honoured_for_one_minute_at_most(
    app_server: AppServer, page: Page, widget: Widget
) -> None:
    # An hour's Retry-After on a 429 (a wrong header, or an hourly limit) must not lock the
    # citizen out: the retry button waits 60 s at most. The page's clock is faked.
    page.clock.install()
    page.route("**/ask", _fulfil(429, headers={"Retry-After": "3600"}))
    page.goto(app_server.url + "/")
    widget.ask(CASES["da"]["question"])
    widget.wait_for_result()
    expect(widget.locator(".status.error")).to_have_text(BUSY["da"])
    retry = widget.locator(".actions button")
    expect(retry).to_have_attribute("aria-disabled", "true")
    page.clock.run_for(59_000)
    expect(retry).to_have_attribute("aria-disabled", "true")
    page.clock.run_for(1_000)
    expect(retry).not_to_have_attribute("aria-disabled", "true")


def test_a_question_without_letters_or_digits_is_refused_in_the_page(
    app_server: AppServer, page: Page, widget: Widget
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("/ask") else None)
    page.goto(app_server.url + "/")
    # Hangul filler (U+3164) is a letter to Unicode, but invisible: the server removes it.
    for question in ["???", "_ - !", "?\u3164?"]:
        widget.ask(question)
        expect(widget.locator("#q-err")).to_have_text(
            "Skriv spørgsmålet med ord: det skal have mindst ét bogstav eller tal."
        )
        expect(widget.locator("input#q")).to_have_attribute("aria-invalid", "true")
        expect(widget.locator("input#q")).to_have_attribute("aria-describedby", "hint q-err")
        expect(widget.locator("input#q")).to_be_focused()
    page.get_by_role("link", name="English version").click()
    widget.ask("???")
    expect(widget.locator("#q-err")).to_have_text("Write the question in words: it needs at least one letter or digit.")
    expect(widget.locator("input#q")).to_have_attribute("aria-invalid", "true")
    assert requests == []
    # Letters or digits of any script are enough: "½?" and "Ωμέγα?" are asked.
    page.route("**/ask", _fulfil(503))
    for question in ["½?", "Ωμέγα?"]:
        widget.ask(question)
        widget.wait_for_result()
        expect(widget.locator("input#q")).not_to_have_attribute("aria-invalid", "true")
    assert len(requests) == 2


def test_empty_question_is_refused_in_the_page(app_server: AppServer, page: Page, widget: Widget) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("/ask") else None)
    page.goto(app_server.url + "/")
    widget.locator("input#q").fill("   ")
    widget.locator("button[type=submit]").first.click()
    expect(widget.locator("#q-err")).to_have_text("Skriv et spørgsmål først.")
    expect(widget.locator("input#q")).to_have_attribute("aria-invalid", "true")
    expect(widget.locator("input#q")).to_have_attribute("aria-describedby", "hint q-err")
    expect(widget.locator("input#q")).to_be_focused()
    assert requests == []


def test_language_link_switches_page_and_widget(app_server: AppServer, page: Page, widget: Widget) -> None:
    page.goto(app_server.url + "/")
    page.get_by_role("link", name="English version").click()
    expect(page).to_have_url(re.compile(r"\?lang=en$"))
    expect(widget.locator("h2")).to_have_text("Ask about digital services")
    # The widget follows a change of its lang attribute too.
    widget.host.evaluate("el => el.setAttribute('lang', 'da')")
    expect(widget.locator("label[for=q]")).to_have_text("Dit spørgsmål")
    expect(widget.locator(".box")).to_have_attribute("lang", "da")


def test_the_length_limit_counts_as_the_server_does(app_server: AppServer, page: Page, widget: Widget) -> None:
    # 1000 letters, written decomposed ("a" + combining ring is one "å" once NFC) and
    # with invisible characters (zero-width space, combining grapheme joiner, variation
    # selectors, Hangul filler), are 1000 characters to the server: the widget must not
    # refuse them; 1001 letters it refuses itself, with its message.
    asked: list[str] = []
    page.route("**/ask", lambda route: (asked.append(route.request.post_data or ""), _fulfil(503)(route)))
    page.goto(app_server.url + "/")
    widget.locator("input#q").fill("a\u200b" * 250 + "a\u034f\ufe0f\U000e0100\u3164" * 250 + "a\u030a" * 500)
    widget.locator("button[type=submit]").first.click()
    widget.wait_for_result()
    assert len(asked) == 1
    widget.locator("input#q").fill("a" * 1001)
    widget.locator("button[type=submit]").first.click()
    expect(widget.locator("#q-err")).to_have_text("Spørgsmålet er for langt. Skriv højst 1000 tegn.")
    assert len(asked) == 1


ENGLISH = ("Your question", "Ask", "en")
DANISH = ("Dit spørgsmål", "Spørg", "da")


def _retag_and_expect(
    page: Page, widget: Widget, url: str, retag_js: str, tag: str, expected: tuple[str, str, str]
) -> None:
    """Open the demo page in the other language, run ``retag_js(el, tag)`` on the widget, and
    expect its label, ask button and ``lang`` to be ``expected``."""
    page.goto(url + ("/?lang=en" if expected == DANISH else "/"))
    widget.host.evaluate(retag_js, tag)
    label, ask, code = expected
    expect(widget.locator("label[for=q]")).to_have_text(label)
    expect(widget.locator("form:not(.fb) button[type=submit]")).to_have_text(ask)
    expect(widget.locator(".box")).to_have_attribute("lang", code)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("EN", ENGLISH),
        ("en-GB", ENGLISH),
        ("En-gb", ENGLISH),
        ("en", ENGLISH),
        ("da-DK", DANISH),
        ("DA", DANISH),
        ("de-DE", DANISH),
        ("", DANISH),
    ],
)
def test_the_widget_reads_a_language_tag_by_its_primary_subtag_in_any_case(
    app_server: AppServer, page: Page, widget: Widget, tag: str, expected: tuple[str, str, str]
) -> None:
    _retag_and_expect(page, widget, app_server.url, "(el, tag) => el.setAttribute('lang', tag)", tag, expected)


@pytest.mark.parametrize(("page_tag", "expected"), [("EN-gb", ENGLISH), ("da-DK", DANISH), ("fr", DANISH)])
def test_a_widget_without_lang_takes_the_page_language(
    app_server: AppServer, page: Page, widget: Widget, page_tag: str, expected: tuple[str, str, str]
) -> None:
    page_lang = "(el, tag) => { document.documentElement.lang = tag; el.removeAttribute('lang'); }"
    _retag_and_expect(page, widget, app_server.url, page_lang, page_tag, expected)


@pytest.mark.parametrize("status", [429, 503])
def test_feedback_refused_as_busy_says_so_in_the_words_of_the_question(
    app_server: AppServer, page: Page, widget: Widget, status: int
) -> None:
    page.goto(app_server.url + "/?lang=en")
    widget.ask(CASES["en"]["question"])
    widget.wait_for_result()
    page.route("**/feedback", _fulfil(status, headers={"Retry-After": "5"}))
    widget.locator("form.fb input[value=yes]").check()
    widget.locator("form.fb button[type=submit]").click()
    feedback_status = widget.locator("form.fb .status")
    expect(feedback_status).to_have_text(BUSY["en"])
    expect(feedback_status).to_have_attribute("role", "status")
    # Any other failure keeps the feedback's own message.
    page.unroute("**/feedback")
    page.route("**/feedback", _fulfil(500))
    widget.locator("form.fb button[type=submit]").click()
    expect(feedback_status).to_have_text("The feedback could not be sent. Please try again.")


def _assert_waiting(buttons: list[Locator], waiting: bool) -> None:
    """Both buttons unavailable (aria-disabled, described by the countdown) yet focusable, or both back."""
    for button in buttons:
        if waiting:
            expect(button).to_have_attribute("aria-disabled", "true")
            expect(button).to_have_attribute("aria-describedby", "wait")
        else:
            expect(button).not_to_have_attribute("aria-disabled", re.compile(".*"))
            expect(button).not_to_have_attribute("aria-describedby", re.compile(".*"))
        expect(button).not_to_have_attribute("disabled", re.compile(".*"))


@pytest.mark.parametrize(
    ("lang", "left", "over"),
    [
        ("da", "Du kan spørge igen om {} sekunder.", "Du kan spørge igen nu."),
        ("en", "You can ask again in {} seconds.", "You can ask again now."),
    ],
)
def test_a_retry_after_wait_holds_ask_and_retry_and_counts_down_politely(
    app_server: AppServer, page: Page, widget: Widget, watch: PageWatch, lang: str, left: str, over: str
) -> None:
    asked: list[str] = []
    page.route(
        "**/ask", lambda route: (asked.append(route.request.url), _fulfil(429, headers={"Retry-After": "30"})(route))
    )
    page.clock.install(time=datetime(2026, 12, 1, 9, 0, 0))
    page.goto(f"{app_server.url}/?lang={lang}")
    page.clock.pause_at(datetime(2026, 12, 1, 9, 10, 0))  # every second from here is the test's
    question = CASES[lang]["question"]
    widget.ask(question)
    expect(widget.locator(".status.error")).to_have_text(BUSY[lang])
    ask = widget.locator("form:not(.fb) button[type=submit]")
    retry = widget.locator(".actions button")
    timer = widget.locator("p#wait")
    said = widget.locator("p.sr[aria-live=polite]")
    _assert_waiting([ask, retry], True)
    expect(timer).to_have_text(left.format(30))
    expect(timer).to_have_attribute("role", "timer")  # implicit aria-live "off": not read out each second
    expect(timer).to_be_visible()
    expect(said).to_have_text(left.format(30))

    # The countdown moves every second on screen; the live region stays as it was.
    page.clock.run_for(5_000)
    expect(timer).to_have_text(left.format(25))
    expect(said).to_have_text(left.format(30))

    # Enter in the question box, the ask button and the retry button (focused by keyboard)
    # send nothing; the reader is told how long is left, and focus stays where it was.
    widget.locator("input#q").press("Enter")
    ask.focus()
    page.keyboard.press("Enter")
    retry.focus()
    expect(retry).to_be_focused()
    page.keyboard.press("Enter")
    expect(retry).to_be_focused()
    assert len(asked) == 1
    expect(said).to_have_text(left.format(25))

    page.clock.run_for(14_000)
    expect(timer).to_have_text(left.format(11))
    expect(said).to_have_text(left.format(25))
    page.clock.run_for(1_000)  # ten seconds left: said once more
    expect(said).to_have_text(left.format(10))
    page.clock.run_for(9_000)
    expect(timer).to_have_text({"da": "Du kan spørge igen om 1 sekund.", "en": "You can ask again in 1 second."}[lang])
    expect(said).to_have_text(left.format(10))
    _assert_waiting([ask, retry], True)

    page.clock.run_for(1_000)
    _assert_waiting([ask, retry], False)
    expect(timer).to_be_hidden()
    expect(said).to_have_text(over)
    expect(widget.locator(".status.error")).to_have_text(BUSY[lang])  # the message stays

    # Over: retry asks again (the service is back).
    page.unroute("**/ask")
    page.clock.resume()
    retry.click()
    widget.wait_for_result()
    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")
    expect(said).to_have_text("")
    assert_clean(watch)
