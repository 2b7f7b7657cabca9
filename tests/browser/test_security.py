"""Untrusted text stays text; other origins get answers only when they are allowed."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_harness import (
    ANSWER_TIMEOUT_MS,
    AppServer,
    HostPages,
    PageWatch,
    Widget,
    build_index,
    qa_env,
    start_server,
    stop_server,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"

HOSTILE_DOCUMENT = textwrap.dedent(
    f"""\
    ---
    title: "Kortterminalen {IMG} {SCRIPT}"
    language: da
    source: "javascript:alert(3)"
    date: 2024-05-01
    ---
    # Fejlkoder på kortterminalen {IMG}

    Når betalingskortet afvises, viser kortterminalen teksten {IMG} og koden {SCRIPT} på skærmen.

    Kortterminalen genstarter automatisk efter fem minutter, hvis ingen trykker på den.
    """
)

PLAIN_DOCUMENT = textwrap.dedent(
    """\
    ---
    title: Åbningstider i borgerservice
    language: da
    source: https://www.example.dk/borgerservice
    date: 2024-05-01
    ---
    # Åbningstider

    Borgerservice har åbent mandag til fredag fra klokken 10 til 15.
    """
)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The real app over its own small corpus whose document carries HTML and script text."""
    work = tmp_path_factory.mktemp("hostile")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "kortterminal.md").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    (corpus / "borgerservice.md").write_text(PLAIN_DOCUMENT, encoding="utf-8")
    env = qa_env(
        corpus,
        work / "index",
        QA_FEEDBACK_DB=str(work / "feedback.sqlite3"),
        QA_EVAL_SET="",  # no evaluation set: nothing to evaluate or gate on
    )
    build_index(env)
    server = start_server(env, work / "server.log")
    yield server
    stop_server(server.process)


COUNT_JS = """() => {
  const root = document.querySelector('qa-help').shadowRoot;
  const all = [...document.querySelectorAll('*'), ...root.querySelectorAll('*')];
  return {
    img: all.filter((el) => el.tagName === 'IMG').length,
    script: all.filter((el) => el.tagName === 'SCRIPT').length,
    handlers: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    hrefs: [...root.querySelectorAll('[href]')].map((el) => el.getAttribute('href')),
    text: root.querySelector('.box').textContent,
  };
}"""


def test_document_and_question_text_is_shown_as_text(
    hostile_server: AppServer, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(hostile_server.url + "/")
    before = page.evaluate(COUNT_JS)
    question = f"Hvad viser kortterminalen, når betalingskortet afvises? {IMG} {SCRIPT}"
    with page.expect_response("**/ask", timeout=ANSWER_TIMEOUT_MS) as ask_response:
        widget.ask(question)
    widget.wait_for_result()
    data = ask_response.value.json()
    assert any(IMG in c["quote"] for c in data["citations"]) or any(IMG in p["text"] for p in data["passages"]), data

    # Open every source's wider context too (text from GET /documents/{id}).
    for button in widget.locator("li.src button").all():
        button.click()
    page.wait_for_timeout(500)
    after = page.evaluate(COUNT_JS)
    widget.shot("xss-shown-as-text")

    assert watch.dialogs == [], "a dialog fired"
    assert watch.errors == []
    assert (after["img"], after["script"], after["handlers"]) == (
        before["img"],
        before["script"],
        before["handlers"],
    ), "an element was injected"
    # The markup is visible as the literal characters.
    expect(widget.locator(".asked q")).to_have_text(question)
    assert IMG in after["text"] and SCRIPT in after["text"]
    if data["answered"]:
        expect(widget.locator("li.src h4").first).to_contain_text(IMG)
    # The javascript: source address is not made into a link; only in-widget anchors remain.
    assert all(href.startswith("#src-") for href in after["hrefs"]), after["hrefs"]


def test_an_allowed_origin_gets_answers_and_its_styles_stay_out(
    app_server: AppServer, host_pages: HostPages, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(host_pages.allowed + "/")
    expect(widget.locator("h2")).to_have_text("Spørg kommunen")
    # The host page hides buttons, paints text red and upper-cases it: not inside the widget.
    ask_button = widget.locator("form:not(.fb) button[type=submit]")
    expect(ask_button).to_be_visible()
    label = widget.locator("label[for=q]")
    assert label.evaluate("el => getComputedStyle(el).color") == "rgb(26, 26, 26)"
    assert label.evaluate("el => getComputedStyle(el).textTransform") == "none"

    with page.expect_response("**/ask", timeout=ANSWER_TIMEOUT_MS) as ask_response:
        widget.ask("Hvor mange Digital Post-meddelelser blev sendt i 2016?")
    widget.wait_for_result()
    assert ask_response.value.headers["access-control-allow-origin"] == host_pages.allowed
    expect(widget.locator(".answer p")).to_contain_text("112,6 mio.")

    # Feedback (a JSON POST, so with a CORS preflight) works from there too.
    widget.locator("form.fb input[value=yes]").check()
    widget.locator("form.fb button[type=submit]").click()
    expect(widget.locator("p.thanks")).to_have_text("Tak for din tilbagemelding.")
    widget.shot("cors-allowed-origin")
    assert watch.errors == []


def test_an_origin_not_on_the_allow_list_is_refused_by_cors(
    app_server: AppServer, host_pages: HostPages, page: Page, widget: Widget, watch: PageWatch
) -> None:
    page.goto(host_pages.denied + "/")
    expect(widget.locator("h2")).to_have_text("Spørg kommunen")  # the script itself loads
    widget.ask("Hvor mange Digital Post-meddelelser blev sendt i 2016?")
    widget.wait_for_result()
    expect(widget.locator(".status.error")).to_contain_text("Der er ikke forbindelse til tjenesten")
    expect(widget.locator(".answer p")).to_have_count(0)
    assert any("CORS policy" in message for message in watch.console), watch.console
    widget.shot("cors-denied-origin")


def test_feedback_db_folder_is_created_by_the_app(app_server: AppServer) -> None:
    # The server started with QA_FEEDBACK_DB in a folder that did not exist.
    assert Path(app_server.feedback_db).is_file()
