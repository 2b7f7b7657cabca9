"""The HTTP contract, with a fake embedder: every route, and exact error bodies (never a 500)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app, unreadable_body
from qa.engine import QAEngine
from qa.policy import AbstentionPolicy
from qa.settings import Settings
from tests.live_server import live_server


@pytest.fixture()
def client(fake_engine: QAEngine, tmp_path: Path) -> TestClient:
    settings = Settings(feedback_db=tmp_path / "feedback.sqlite3", index_dir=tmp_path / "none")
    with TestClient(create_app(settings, engine=fake_engine), raise_server_exceptions=False) as client:
        yield client


def test_ask_returns_the_contract_with_exact_quotes(client: TestClient, fake_engine: QAEngine) -> None:
    fake_engine.policy = AbstentionPolicy(replace(fake_engine.policy.model, threshold=0.0))
    response = client.post(
        "/ask", json={"question": "  Hvornår blev digital kommunikation obligatorisk?  ", "top_k": 3}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {
        "question",
        "language",
        "answered",
        "answer",
        "citations",
        "passages",
        "index_version",
        "took_ms",
    }
    assert body["question"] == "Hvornår blev digital kommunikation obligatorisk?"
    assert body["language"] == "da" and body["answered"] is True
    assert len(body["passages"]) == 3
    text = client.get("/documents/20-aars-faelles-digitaliseringsstrategier").json()["text"]
    for citation in body["citations"]:
        assert citation["quote"] == text[citation["start"] : citation["end"]]
        assert f"{citation['quote']} [{citation['n']}]" in body["answer"]
        assert set(citation) == {
            "n",
            "doc_id",
            "title",
            "source",
            "start",
            "end",
            "quote",
            "score",
            "page",
            "language",
        }
        assert citation["page"] is None  # a Markdown document has no pages
        assert citation["language"] == "da"
    for passage in body["passages"]:
        assert passage["text"] == text[passage["start"] : passage["end"]]
        assert passage["page"] is None
        assert passage["language"] == "da"
    assert body["index_version"] == fake_engine.index_version


def test_ask_abstains_honestly_in_the_question_language(client: TestClient, fake_engine: QAEngine) -> None:
    fake_engine.policy = AbstentionPolicy(replace(fake_engine.policy.model, threshold=1.0))
    body = client.post("/ask", json={"question": "How much does a new passport cost?"}).json()
    assert body["answered"] is False and body["answer"] is None and body["citations"] == []
    assert body["language"] == "en"
    assert body["message"] == "The sources do not answer this question. Here are the closest passages."
    assert len(body["passages"]) == 5
    body = client.post("/ask", json={"question": "Hvad koster et nyt pas?"}).json()
    assert body["message"] == "Kilderne besvarer ikke spørgsmålet. Her er de tekststykker, der ligger nærmest."


def test_ask_says_what_to_add_to_a_question_that_names_nothing(client: TestClient) -> None:
    body = client.post("/ask", json={"question": "Hvad koster det?"}).json()
    assert body["answered"] is False and body["answer"] is None and body["citations"] == []
    assert body["evidence"] == 0.0 and len(body["passages"]) == 5
    assert body["message"] == (
        "Spørgsmålet siger ikke, hvad det drejer sig om. Skriv, hvilken ydelse eller sag du spørger om."
    )
    body = client.post("/ask", json={"question": "Thanks!"}).json()
    assert body["answered"] is False and body["language"] == "en"
    assert body["message"] == (
        "The question does not say what it is about. Say which service or matter you are asking about."
    )


def _without_took_ms(body: bytes) -> bytes:
    """A response body with its one field that may differ between two runs, `took_ms`, blanked."""
    blanked, n = re.subn(rb'"took_ms":[-+.eE0-9]+', b'"took_ms":0', body)
    assert n == 1
    return blanked


def _token_passes(engine: QAEngine, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kind ("query" or "passage") of each encoder pass over token vectors the engine
    makes from now on, filled as they are made."""
    passes: list[str] = []
    encode = engine.embedder.encode_tokens
    monkeypatch.setattr(
        engine.embedder, "encode_tokens", lambda texts, kind: passes.append(kind) or encode(texts, kind)
    )
    return passes


@pytest.mark.parametrize("question", ["Hvad koster et nyt pas?", "What is the phone number of Borgerservice?"])
def test_a_question_withheld_by_a_rule_skips_the_token_pass_and_gets_the_same_response(
    client: TestClient, fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    passes = _token_passes(fake_engine, monkeypatch)
    withheld = client.post("/ask", json={"question": question, "top_k": 5})
    assert passes == ["query"]
    assert (withheld.status_code, withheld.json()["answered"], withheld.json()["evidence"]) == (200, False, 0.0)
    # The same question through the whole path, token pass included, as before the rule was settled first.
    monkeypatch.setattr(fake_engine, "trace", lambda text, depth, rules_first: QAEngine.trace(fake_engine, text, depth))
    whole = client.post("/ask", json={"question": question, "top_k": 5})
    assert passes == ["query", "query", "passage"]
    assert _without_took_ms(withheld.content) == _without_took_ms(whole.content)


def test_a_question_no_rule_withholds_still_gets_its_token_pass(
    client: TestClient, fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    passes = _token_passes(fake_engine, monkeypatch)
    assert client.post("/ask", json={"question": "Hvad er NemKonto?"}).status_code == 200
    assert passes == ["query", "passage"]


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        ({"question": ""}, "question: the question is empty: write a question of 1 to 1000 characters"),
        ({"question": "   \n\t "}, "question: the question is empty: write a question of 1 to 1000 characters"),
        ({"question": "\u200b\u200b"}, "question: the question is empty: write a question of 1 to 1000 characters"),
        (
            {"question": "\u0007\b\u001b"},
            "question: the question holds no letters or digits: write a question in words",
        ),
        ({"question": " ?! "}, "question: the question holds no letters or digits: write a question in words"),
        ({"question": "x" * 1001}, "question: the question is 1001 characters long; at most 1000 are allowed"),
        ({"question": "Hvad er NemID?", "top_k": 0}, "top_k: Input should be greater than or equal to 1"),
        ({"question": "Hvad er NemID?", "top_k": 21}, "top_k: Input should be less than or equal to 20"),
        ({"question": 42}, "question: Input should be a valid string"),
        ({"question": "Hvad er NemID?", "top_k": "many"}, "top_k: Input should be a valid integer"),
        ({"question": "Hvad er NemID?", "top_k": "5"}, "top_k: Input should be a valid integer"),
        ({"question": "Hvad er NemID?", "top_k": True}, "top_k: Input should be a valid integer"),
        (
            {"question": "Hvad er NemID?", "top_k": 5.5},
            "top_k: Input should be a valid integer, got a number with a fractional part",
        ),
        ({}, "question: Field required"),
        ({"question": "Hvad er NemID?", "extra": 1}, "extra: Extra inputs are not permitted"),
    ],
)
def test_bad_ask_input_gets_422_saying_what_is_wrong(
    client: TestClient, payload: dict[str, object], detail: str
) -> None:
    response = client.post("/ask", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_lone_surrogate_in_a_question_gets_422_not_500(client: TestClient) -> None:
    response = client.post(
        "/ask", content=b'{"question": "Hvad er \\ud800NemID?"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "question: the question contains invalid Unicode (a lone surrogate such as \\ud800, or bytes that are "
        "not UTF-8): send text that is valid UTF-8"
    )


@pytest.mark.parametrize(
    ("body", "where", "field"),
    [
        (b'{"question": "Hvad er \\ud800NemID?", "verdict": "yes"}', "question", "question"),
        (b'{"question": "Hvad er NemID?", "verdict": "no", "comment": "\\udcff"}', "comment", "comment"),
        (b'{"question": "Hvad er NemID?", "verdict": "no", "answer": "NemID \\udfff"}', "answer", "answer"),
        (
            b'{"question": "Hvad er NemID?", "verdict": "no", '
            b'"citations": [{"n": 1, "doc_id": "\\ud800", "start": 0, "end": 1}]}',
            "citations.0.doc_id",
            "doc_id",
        ),
    ],
)
def test_lone_surrogate_in_feedback_gets_the_422_worded_as_for_a_question(
    client: TestClient, body: bytes, where: str, field: str
) -> None:
    response = client.post("/feedback", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        f"{where}: the {field} contains invalid Unicode (a lone surrogate such as \\ud800, or bytes that are not "
        "UTF-8): send text that is valid UTF-8"
    )


INVALID_UNICODE = (
    "contains invalid Unicode (a lone surrogate such as \\ud800, or bytes that are not UTF-8): "
    "send text that is valid UTF-8"
)


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("%ED%A0%80", f"the query {INVALID_UNICODE}"),
        ("%FF%FE", f"the query {INVALID_UNICODE}"),
        ("%E2%80%8B", "the query is empty: write a query of 1 to 1000 characters"),
        ("%00", "the query holds no letters or digits: write a query in words"),
        ("%3F%21", "the query holds no letters or digits: write a query in words"),
    ],
)
def test_a_search_for_invalid_or_wordless_text_gets_422_with_its_field_error(
    client: TestClient, query: str, detail: str
) -> None:
    response = client.get(f"/search?q={query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert response.json() == _query_error(detail)


def _query_error(detail: str) -> dict[str, object]:
    """/search's 422 body for a ``q`` it refuses: /ask's form for ``question``, at ``["query", "q"]``."""
    error = {"type": "value_error", "loc": ["query", "q"], "msg": f"Value error, {detail}"}
    return {"detail": f"q: {detail}", "errors": [error]}


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ('""', ""),  # empty
        ('"\\ud800"', "%ED%A0%80"),  # a lone surrogate
        ('"\\ufffd"', "%FF"),  # what bytes that are not UTF-8 decode to
        ('"???"', "%3F%3F%3F"),  # no letter or digit
        ('"' + "a" * 1001 + '"', "a" * 1001),  # too long
    ],
)
def test_a_refused_query_gets_the_422_body_of_the_same_refused_question_at_its_own_loc(
    client: TestClient, question: str, query: str
) -> None:
    ask = client.post("/ask", content=f'{{"question": {question}}}', headers={"content-type": "application/json"})
    search = client.get(f"/search?q={query}")
    assert (ask.status_code, search.status_code) == (422, 422)
    [asked] = ask.json()["errors"]
    assert asked["loc"] == ["body", "question"]
    detail = asked["msg"].removeprefix("Value error, ").replace("question", "query")
    assert search.json() == _query_error(detail)
    assert search.headers["content-type"] == ask.headers["content-type"] == "application/json"


WORDLESS = ["___", "???", "_?_", "\u200b", "\u00ad\u2060", "\u3164", "\u115f\u034f\ufe0f"]
INVISIBLE_HERE = "\u200b\u00ad\u2060\u3164\u115f\u034f\ufe0f"  # the invisible characters in WORDLESS


def _wordless_body(field: str, text: str) -> dict[str, object]:
    """The 422 body for a question or query that is wordless, or empty once invisible characters are removed."""
    detail = (
        f"the {field} holds no letters or digits: write a {field} in words"
        if text.strip(INVISIBLE_HERE)
        else f"the {field} is empty: write a {field} of 1 to 1000 characters"
    )
    if field == "query":
        return _query_error(detail)
    error = {"type": "value_error", "loc": ["body", "question"], "msg": f"Value error, {detail}"}
    return {"detail": f"question: {detail}", "errors": [error]}


@pytest.mark.parametrize("text", WORDLESS)
def test_text_without_letters_or_digits_gets_the_same_422_on_ask_search_and_feedback(
    client: TestClient, text: str
) -> None:
    ask = client.post("/ask", json={"question": text})
    search = client.get("/search", params={"q": text})
    feedback = client.post("/feedback", json={"question": text, "verdict": "no"})
    assert [ask.status_code, search.status_code, feedback.status_code] == [422, 422, 422]
    assert ask.json() == feedback.json() == _wordless_body("question", text)
    assert search.json() == _wordless_body("query", text)


@pytest.mark.parametrize(
    "text",
    [
        "\u00bd",  # a numeral (category No) is a digit
        "x_y",
        "Ærø",
        "\u0663",  # Arabic-Indic three
    ],
)
def test_text_with_any_letter_or_digit_is_accepted_on_ask_search_and_feedback(client: TestClient, text: str) -> None:
    assert client.post("/ask", json={"question": text}).status_code == 200
    assert client.get("/search", params={"q": text}).status_code == 200
    assert client.post("/feedback", json={"question": text, "verdict": "no"}).status_code == 201


@pytest.mark.parametrize(
    "text",
    [
        "a\u030a" * 501,  # 1002 code points as sent, 501 characters once NFC ("å")
        " " * 50 + "a" * 960,  # 1010 as sent, 960 after trimming
        "\u200b" * 100 + "a" * 1000,  # 1100 as sent, 1000 once the invisible characters are removed
    ],
)
def test_1000_characters_are_counted_after_normalising_and_trimming_on_every_route(
    client: TestClient, text: str
) -> None:
    assert client.post("/ask", json={"question": text}).status_code == 200
    assert client.get("/search", params={"q": text}).status_code == 200
    assert client.post("/feedback", json={"question": text, "verdict": "no"}).status_code == 201


def test_1001_characters_after_normalising_get_the_same_422_on_every_route(client: TestClient) -> None:
    text = " " + "a\u030a" * 1001
    detail = "the {0} is 1001 characters long; at most 1000 are allowed"
    ask = client.post("/ask", json={"question": text})
    search = client.get("/search", params={"q": text})
    feedback = client.post("/feedback", json={"question": text, "verdict": "no"})
    assert [ask.status_code, search.status_code, feedback.status_code] == [422, 422, 422]
    error = {"type": "value_error", "loc": ["body", "question"], "msg": "Value error, " + detail.format("question")}
    assert ask.json() == feedback.json() == {"detail": "question: " + detail.format("question"), "errors": [error]}
    assert search.json() == _query_error(detail.format("query"))


def test_a_question_with_invisible_characters_is_answered_as_its_visible_text(client: TestClient) -> None:
    body = client.post("/ask", json={"question": "\u200bHvad er\u00a0NemKonto?\u200b"}).json()
    assert body["question"] == "Hvad er NemKonto?"


def test_malformed_json_gets_422_not_500(client: TestClient) -> None:
    response = client.post("/ask", content=b'{"question": "Hvad', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == "body: the request is not valid JSON (error at character 13)"
    response = client.post("/ask", content=b"[1, 2]", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == 'body: send a JSON object such as {"question": "Hvad er NemID?", "top_k": 5}'


EXAMPLE = '{"question": "Hvad er NemID?", "top_k": 5}'


@pytest.mark.parametrize(
    ("content_type", "sent"),
    [
        ("text/plain", "this request's was text/plain"),
        ("text/plain; charset=utf-8", "this request's was text/plain"),
        ("application/x-www-form-urlencoded", "this request's was application/x-www-form-urlencoded"),
        ("nonsense 010203-1234", "this request's was not a media type"),
        (None, "this request had no Content-Type"),
    ],
)
@pytest.mark.parametrize("route", ["/ask", "/feedback"])
def test_a_json_object_sent_with_another_content_type_gets_422_naming_the_header(
    client: TestClient, route: str, content_type: str | None, sent: str
) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = client.post(route, content=b'{"question": "hej", "verdict": "no"}', headers=headers)
    assert response.status_code == 422
    assert response.json() == {
        "detail": f"body: send the JSON with the header Content-Type: application/json ({sent}), such as {EXAMPLE}",
        "errors": [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
            }
        ],
    }


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            b'{"question": "hej", "top_k": ' + b"[" * 1000 + b"]" * 1000 + b"}",
            "body: the JSON is nested too deeply to read (arrays or objects about 1000 levels inside "
            f"each other): send a JSON object such as {EXAMPLE}",
        ),
        (
            b'{"question": "hej", "top_k": ' + b'{"a": ' * 2000 + b"1" + b"}" * 2001,
            "body: the JSON is nested too deeply to read (arrays or objects about 1000 levels inside "
            f"each other): send a JSON object such as {EXAMPLE}",
        ),
        (
            b'{"question": "hej", "top_k": ' + b"1" * 4301 + b"}",
            "body: a number in the JSON has more than 4300 digits, too many to read: "
            f"send a JSON object such as {EXAMPLE}",
        ),
    ],
    ids=["nested-arrays", "nested-objects", "long-number"],
)
def test_an_unparsable_json_body_gets_422_naming_its_own_cause(client: TestClient, body: bytes, detail: str) -> None:
    response = client.post("/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_a_body_unreadable_for_another_reason_gets_422_blaming_no_particular_cause() -> None:
    assert (
        unreadable_body(OSError("boom"))
        == unreadable_body(None)
        == (f"body: the request body cannot be read as JSON: send a JSON object such as {EXAMPLE}")
    )


def test_a_body_that_is_not_utf8_gets_422_saying_so(client: TestClient) -> None:
    response = client.post(
        "/ask", content=b'{"question": "Hvad \xff\xfe er"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "body: the request body is not valid UTF-8: send JSON text encoded as UTF-8"}


def test_question_of_exactly_1000_characters_is_accepted(client: TestClient) -> None:
    assert client.post("/ask", json={"question": "a" * 1000}).status_code == 200


def test_search_returns_passages(client: TestClient, fake_engine: QAEngine) -> None:
    body = client.get("/search", params={"q": "NemKonto udbetaling", "k": 2}).json()
    assert len(body["results"]) == 2
    assert "NemKonto" in body["results"][0]["text"]
    assert body["index_version"] == fake_engine.index_version
    for empty in ("", "   "):
        response = client.get("/search", params={"q": empty})
        assert response.status_code == 422
        assert response.json() == _query_error("the query is empty: write a query of 1 to 1000 characters")
    assert client.get("/search", params={"q": "x", "k": 50}).status_code == 422


def test_documents_list_and_one_document_with_headings(client: TestClient) -> None:
    listing = client.get("/documents").json()["documents"]
    assert listing == [
        {
            "doc_id": "20-aars-faelles-digitaliseringsstrategier",
            "title": "20 års fælles digitaliseringsstrategier",
            "source": None,
            "date": None,
            "language": "da",
            "length": 2886,
        }
    ]
    doc = client.get("/documents/20-aars-faelles-digitaliseringsstrategier").json()
    assert len(doc["text"]) == 2886
    assert [h["text"] for h in doc["headings"]] == [
        "20 års fælles digitaliseringsstrategier",
        "Danmark som digital frontløber",
        "Et solidt grundlag at bygge videre på",
    ]


DOC = "/documents/20-aars-faelles-digitaliseringsstrategier"


def test_a_document_window_returns_only_that_stretch_of_the_text(client: TestClient) -> None:
    whole = client.get(DOC).json()
    response = client.get(DOC, params={"start": 891, "end": 1021})
    assert response.status_code == 200
    window = response.json()
    assert window["text"] == (
        "Med strategierne 2007 og 2011 opbygges den digitale infrastruktur og digital "
        "kommunikation med det offentlige bliver obligatorisk."
    )
    assert window == {**whole, "text": whole["text"][891:1021]}  # length and headings as without
    assert window["length"] == 2886


def test_a_document_window_reads_to_the_end_without_an_end_or_past_it(client: TestClient) -> None:
    assert client.get(DOC, params={"start": 2880}).json()["text"] == "adser."
    assert client.get(DOC, params={"start": 2880, "end": 99999}).json()["text"] == "adser."
    assert client.get(DOC, params={"start": 2886}).json()["text"] == ""
    assert client.get(DOC, params={"end": 20}).json()["text"] == "20 års fælles digita"


def test_the_document_without_a_window_is_the_whole_text(client: TestClient) -> None:
    whole = client.get(DOC).json()
    assert len(whole["text"]) == whole["length"] == 2886
    assert client.get(DOC, params={"start": 0, "end": 2886}).json() == whole


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        (
            {"start": 2887},
            "start: 2887 is past the end of the document's text (2886 characters; "
            "GET /documents gives each document's length)",
        ),
        ({"start": 10, "end": 5}, "end: 5 is before start (10): send an end of at least 10"),
        ({"end": 5, "start": 6}, "end: 5 is before start (6): send an end of at least 6"),
    ],
)
def test_a_document_window_outside_the_text_gets_422_saying_why(
    client: TestClient, fake_engine: QAEngine, params: dict[str, int], detail: str
) -> None:
    response = client.get(DOC, params=params)
    assert response.status_code == 422
    field, message = detail.split(": ", 1)
    assert response.json() == {
        "detail": detail,
        "errors": [{"type": "value_error", "loc": ["query", field], "msg": f"Value error, {message}"}],
    }
    assert response.headers["x-index-version"] == fake_engine.index_version


def test_a_document_window_offset_beyond_32_bits_is_refused_without_being_echoed(client: TestClient) -> None:
    response = client.get(f"{DOC}?start={'9' * 4000}")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "type": "less_than_equal",
            "loc": ["query", "start"],
            "msg": "Input should be less than or equal to 2147483647",
        }
    ]
    assert len(response.content) < 300


@pytest.mark.parametrize(
    ("query", "kind", "message"),
    [
        ("start=-1", "greater_than_equal", "Input should be greater than or equal to 0"),
        ("end=-5", "greater_than_equal", "Input should be greater than or equal to 0"),
        ("start=abc", "int_parsing", "Input should be a valid integer, unable to parse string as an integer"),
        ("end=1.5", "int_parsing", "Input should be a valid integer, unable to parse string as an integer"),
    ],
)
def test_a_document_window_that_is_not_a_whole_number_gets_422(
    client: TestClient, query: str, kind: str, message: str
) -> None:
    name = query.split("=")[0]
    response = client.get(f"{DOC}?{query}")
    assert response.status_code == 422
    assert response.json() == {
        "detail": f"{name}: {message}",
        "errors": [{"type": kind, "loc": ["query", name], "msg": message}],
    }


def test_openapi_describes_the_document_window(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/documents/{doc_id}"]["get"]
    params = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    assert set(params) == {"start", "end"}
    assert params["start"]["schema"]["type"] == "integer" and params["start"]["schema"]["minimum"] == 0
    assert params["start"]["schema"]["default"] == 0
    assert {"type": "integer", "minimum": 0, "maximum": 2**31 - 1} in params["end"]["schema"]["anyOf"]
    assert params["start"]["schema"]["maximum"] == 2**31 - 1
    assert not params["start"]["required"] and not params["end"]["required"]
    assert "citations' `start`" in params["start"]["description"]
    assert "citations' `end`" in params["end"]["description"]
    assert "422" in operation["responses"]


def test_unknown_document_gets_404_with_a_pointer(client: TestClient) -> None:
    response = client.get("/documents/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "no document with id 'nope': GET /documents lists them"}


def test_health_and_readiness_name_the_index_version_and_model_served(
    client: TestClient, fake_engine: QAEngine
) -> None:
    assert client.get("/healthz").json() == {
        "status": "ok",
        "index_version": fake_engine.index_version,
        "model": "fake-embedder",
        "detail": None,
    }
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["index_version"] == fake_engine.index_version
    assert ready["model"] == "fake-embedder"


def test_server_without_an_index_is_not_ready_and_says_how_to_fix_it(tmp_path: Path) -> None:
    model_dir = tmp_path / "no-model"
    settings = Settings(index_dir=tmp_path / "empty-index", model=str(model_dir), feedback_db=tmp_path / "f.db")
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "not ready"
        assert "QA_MODEL=" in ready.json()["detail"]
        health = client.get("/healthz")
        assert health.status_code == 200
        assert health.json() == {"status": "ok", "index_version": None, "model": None, "detail": None}


def test_a_server_that_is_not_ready_says_so_without_its_paths_and_when_to_retry(tmp_path: Path) -> None:
    settings = Settings(
        index_dir=tmp_path / "empty-index", model=str(tmp_path / "no-model"), feedback_db=tmp_path / "f.db"
    )
    with TestClient(create_app(settings)) as client:
        assert str(tmp_path) in client.get("/readyz").json()["detail"]  # the operator's view keeps the reason
        for response in (
            client.post("/ask", json={"question": "Hvad er NemID?"}),
            client.get("/search", params={"q": "NemID"}),
            client.get("/documents"),
            client.get("/documents/nemid"),
        ):
            assert response.status_code == 503
            assert response.json() == {
                "detail": "The service is not ready (its model or index is not loaded): try again later."
            }
            assert response.headers["retry-after"] == "10"


def test_openapi_describes_the_contract(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/ask", "/search", "/documents", "/documents/{doc_id}", "/healthz", "/readyz"} <= set(schema["paths"])
    for path, method in (("/ask", "post"), ("/search", "get"), ("/feedback", "post")):
        assert {"413", "422", "429", "503"} <= set(schema["paths"][path][method]["responses"])
    assert "Retry-After" in schema["paths"]["/ask"]["post"]["responses"]["429"]["headers"]
    assert client.get("/docs").status_code == 200


def test_unknown_route_and_method_get_json_errors(client: TestClient) -> None:
    assert client.get("/nope").json() == {"detail": "Not Found"}
    response = client.get("/ask")
    assert response.status_code == 405 and response.json() == {"detail": "Method Not Allowed"}


def test_widget_script_is_served_compressed_to_clients_that_accept_gzip(client: TestClient) -> None:
    plain = client.get("/widget.js", headers={"accept-encoding": "identity"})
    packed = client.get("/widget.js", headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert packed.text == plain.text
    assert int(packed.headers["content-length"]) < len(plain.content) // 2


def test_operator_limits_stricter_than_the_contract_are_enforced(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = Settings(max_question_chars=20, max_top_k=5, feedback_db=tmp_path / "f.db")
    with TestClient(create_app(settings, engine=fake_engine)) as strict:
        too_long = strict.post("/ask", json={"question": "Hvad bruges NemKonto egentlig til?"})
        assert too_long.status_code == 422
        assert too_long.json() == {
            "detail": "question: at most 20 characters are allowed",
            "errors": [
                {
                    "type": "value_error",
                    "loc": ["body", "question"],
                    "msg": "Value error, at most 20 characters are allowed",
                }
            ],
        }
        assert strict.post("/ask", json={"question": "Hvad er NemID?", "top_k": 6}).json()["errors"] == [
            {"type": "value_error", "loc": ["body", "top_k"], "msg": "Value error, at most 5 passages are allowed"}
        ]
        search = strict.get("/search", params={"q": "NemID", "k": 6})
        assert search.status_code == 422
        assert search.json() == {
            "detail": "k: at most 5 passages are allowed",
            "errors": [
                {"type": "value_error", "loc": ["query", "k"], "msg": "Value error, at most 5 passages are allowed"}
            ],
        }
        long_query = strict.get("/search", params={"q": "Hvad bruges NemKonto egentlig til?"})
        assert long_query.json()["errors"][0]["loc"] == ["query", "q"]
        assert len(strict.post("/ask", json={"question": "Hvad er NemID?", "top_k": 5}).json()["passages"]) == 5


def test_the_documented_pattern_admits_exactly_the_letters_and_digits_the_check_admits() -> None:
    import re
    import sys

    from api.schemas import TEXT_SCHEMA
    from qa.normalise import has_letter_or_digit

    pattern = re.compile(str(TEXT_SCHEMA["pattern"]))
    assert not pattern.search("_") and not has_letter_or_digit("_")
    characters = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert [ch for ch in characters if bool(pattern.match(ch)) != has_letter_or_digit(ch)] == []


def test_a_preflight_from_an_origin_not_allowed_gets_a_json_400(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = Settings(cors_origins=["https://kommune.example"], feedback_db=tmp_path / "f.db")
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        denied = client.options("/ask", headers={"Origin": "https://evil.example", **preflight})
        allowed = client.options("/ask", headers={"Origin": "https://kommune.example", **preflight})
    assert denied.status_code == 400
    assert denied.headers["content-type"] == "application/json"
    assert denied.json() == {"detail": "Disallowed CORS origin"}
    assert "access-control-allow-origin" not in denied.headers
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://kommune.example"


HEAD_PATHS = ["/healthz", "/readyz", "/", "/widget.js", "/demo.css"]


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    for path in HEAD_PATHS:
        get, head = client.get(path), client.head(path)
        assert head.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["content-length"] == get.headers["content-length"]
        other = client.post(path)  # a 405 still names the documented method (schemathesis checks it)
        assert other.status_code == 405 and other.headers["allow"] == "GET", path


def test_head_over_a_real_server_gets_the_headers_and_no_body(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = Settings(feedback_db=tmp_path / "f.db", reload_poll_seconds=0)
    with live_server(create_app(settings, engine=fake_engine)) as base, httpx.Client(base_url=base) as http:
        heads = {path: http.head(path) for path in HEAD_PATHS}
        # The connection is kept alive after each HEAD: no stray body bytes were sent.
        assert http.get("/healthz").json()["status"] == "ok"
    assert {path: r.status_code for path, r in heads.items()} == dict.fromkeys(HEAD_PATHS, 200)
    assert all(r.content == b"" and int(r.headers["content-length"]) > 0 for r in heads.values())


def test_the_widget_drops_the_same_invisible_characters_as_the_server() -> None:
    # The widget counts a question's length as the server does (qa.normalise): the two
    # lists of invisible characters must be one list.
    from qa.normalise import INVISIBLE_RANGES

    def escaped(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\u{{{code:x}}}"

    ranges = "".join(escaped(a) if a == b else f"{escaped(a)}-{escaped(b)}" for a, b in INVISIBLE_RANGES)
    script = (Path(__file__).resolve().parent.parent / "api" / "static" / "widget.js").read_text(encoding="utf-8")
    assert re.findall(r"const INVISIBLE = .*", script) == [f"const INVISIBLE = /[{ranges}]/gu;"]


def test_an_unexpected_error_gets_a_json_500_naming_the_request_id_of_its_log_line(
    fake_engine: QAEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from api.logs import RequestContextFilter

    def broken() -> list[object]:
        raise RuntimeError("the engine broke")

    monkeypatch.setattr(fake_engine, "documents", broken)
    caplog.handler.addFilter(RequestContextFilter())
    settings = Settings(cors_origins=["https://kommune.example"], feedback_db=tmp_path / "f.db")
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        response = client.get("/documents", headers={"Origin": "https://kommune.example"})
    rid = response.headers["x-request-id"]
    assert response.status_code == 500
    assert response.json() == {"detail": f"Internal error (request id {rid}): the operator can find it in the log."}
    assert response.headers["access-control-allow-origin"] == "https://kommune.example"
    [line] = [r for r in caplog.records if r.getMessage() == "unexpected error"]
    assert line.request_id == rid  # type: ignore[attr-defined]
    assert line.exc_info is not None and str(line.exc_info[1]) == "the engine broke"


def test_the_openapi_document_gives_every_operation_the_json_500_with_its_request_id(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    documented = {
        "description": "An unexpected error in the server (a fault, never a refusal of the input): `detail` "
        "names the request id by which the operator finds its traceback in the log.",
        "headers": {
            "X-Request-ID": {"description": "The request id that `detail` names.", "schema": {"type": "string"}}
        },
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }
    operations = {(path, method): op for path, item in schema["paths"].items() for method, op in item.items()}
    assert {("/ask", "post"), ("/search", "get"), ("/documents/{doc_id}", "get"), ("/healthz", "get")} <= set(
        operations
    )
    assert {key: op["responses"].get("500") for key, op in operations.items()} == dict.fromkeys(operations, documented)
    assert schema["components"]["schemas"]["ErrorBody"]["required"] == ["detail"]


def test_head_on_the_document_routes_answers_like_get(client: TestClient, fake_engine: QAEngine) -> None:
    for path in ("/documents", "/documents/20-aars-faelles-digitaliseringsstrategier"):
        get, head = client.get(path), client.head(path)
        assert (head.status_code, head.content) == (200, b""), path
        assert head.headers["content-length"] == get.headers["content-length"]
        assert head.headers["x-index-version"] == fake_engine.index_version
    missing = client.head("/documents/nope")
    assert (missing.status_code, missing.content) == (404, b"")


def test_an_unknown_document_names_the_index_version_it_was_looked_up_in(
    client: TestClient, fake_engine: QAEngine
) -> None:
    response = client.get("/documents/nope")
    assert response.status_code == 404
    assert response.headers["x-index-version"] == fake_engine.index_version


def test_docs_load_nothing_from_other_sites(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    assert re.findall(r"https?://", page.text) == []
    linked = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert linked == ["data:,", "/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/docs-init.js"]
    for path in linked[1:]:
        asset = client.get(path)
        assert asset.status_code == 200 and len(asset.content) > 100, path
    assert "/openapi.json" in client.get("/docs/docs-init.js").text
    assert "validatorUrl: null" in client.get("/docs/docs-init.js").text
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc page loads from a CDN
