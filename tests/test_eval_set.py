"""Reading the labelled evaluation set: every malformed line or file is refused with its
place and what to write instead, never read as a question it is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.engine import QAEngine
from qa.evaluation import (
    EvalQuestion,
    EvalSetError,
    Outcome,
    evaluate,
    gold_language,
    load_questions,
    metrics_by_page_language,
    missing_gold,
)
from qa.fitting import fit_models

GOOD = {
    "id": "da-01",
    "language": "da",
    "question": "Hvor mange strategier har Danmark haft?",
    "answerable": True,
    "gold": ["Med strategierne har Danmark gennemført fem strategier."],
    "split": "fit",
}
UNANSWERABLE = {**GOOD, "id": "da-x01", "answerable": False, "gold": []}


def _write(tmp_path: Path, *rows: dict[str, object]) -> Path:
    """A questions.jsonl whose lines are `rows` (the first one a valid question, so the
    line numbers in the messages are the rows' places after it)."""
    path = tmp_path / "questions.jsonl"
    lines = [json.dumps(UNANSWERABLE, ensure_ascii=False), *(json.dumps(r, ensure_ascii=False) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"gold": "Med strategierne"}, '"gold" must be a list of strings, each an exact quote of a document'),
        ({"gold": [1]}, '"gold" must be a list of strings, each an exact quote of a document'),
        ({"gold": [""]}, '"gold" must be a list of strings, each an exact quote of a document'),
        ({"answerable": "false"}, '"answerable" must be true or false, without quotes'),
        ({"answerable": 1}, '"answerable" must be true or false, without quotes'),
        (
            {"question": ""},
            '"question" must be a string with letters or digits, the question as a user would type it',
        ),
        (
            {"question": "???"},
            '"question" must be a string with letters or digits, the question as a user would type it',
        ),
        ({"id": 7}, '"id" must be a non-empty string, unique in the file'),
        ({"language": "sv"}, '"language" must be "da" or "en"'),
        ({"split": "train"}, '"split" must be "fit" or "check"'),
        ({"doc": 3}, '"doc" must be a string, the id of the question\'s document'),
        ({"gold": []}, 'an answerable question needs "gold": the exact quotes of a document that answer it'),
        (
            {"answerable": False},
            'an unanswerable question has "gold": []; if a document answers it, set "answerable": true',
        ),
        ({"id": "da-x01"}, 'the id "da-x01" is used twice: give every question its own id'),
    ],
)
def test_a_malformed_question_is_refused_with_its_line_and_what_to_write(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    path = _write(tmp_path, {**GOOD, **changes})
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == f"{path}:2: {message}"


def test_a_question_without_a_required_field_is_refused_naming_the_field(tmp_path: Path) -> None:
    path = _write(tmp_path, {k: v for k, v in GOOD.items() if k != "answerable"})
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == (
        f'{path}:2: "answerable" is missing: every question needs "id", "language", "question" and "answerable"'
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "not a JSON object: write one question a line as a JSON object"),
        ('{"id": ', "not JSON (Expecting value): write one question a line as a JSON object"),
    ],
)
def test_a_line_that_is_not_a_json_object_is_refused(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == f"{path}:1: {message}"


def test_a_file_that_is_not_utf8_is_refused_naming_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    latin1 = json.dumps({**UNANSWERABLE, "id": "da-x02", "question": "Hvad koster æt pas?"}, ensure_ascii=False)
    path.write_bytes((json.dumps(UNANSWERABLE) + "\n" + latin1 + "\n").encode("latin-1"))
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == f"{path}:2: not UTF-8 text (byte 0xe6): save the file as UTF-8"


def test_a_folder_or_a_missing_file_is_refused_saying_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(EvalSetError) as folder:
        load_questions(tmp_path)
    assert str(folder.value) == f"{tmp_path} is a folder: give the JSON-lines file of labelled questions"
    with pytest.raises(EvalSetError) as missing:
        load_questions(tmp_path / "none.jsonl")
    assert str(missing.value) == (
        f"no evaluation set at {tmp_path / 'none.jsonl'}: give the JSON-lines file of labelled questions"
    )


def _write_raw(tmp_path: Path, line: str) -> Path:
    """A questions.jsonl whose second line is `line`, exactly as given (after a valid question)."""
    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps(UNANSWERABLE, ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "value", "escape"),
    [
        ("question", '"Hvor mange strategier har \\ud800Danmark haft?"', "\\ud800"),
        ("question", '"\\udcff"', "\\udcff"),
        ("gold", '["Med strategierne har Danmark \\udfff"]', "\\udfff"),
        ("id", '"da-\\ud800"', "\\ud800"),
        ("doc", '"\\ud800"', "\\ud800"),
    ],
)
def test_a_lone_surrogate_escape_is_refused_with_its_line_and_field(
    tmp_path: Path, field: str, value: str, escape: str
) -> None:
    # "\ud800" is a valid JSON escape but not a character: the tokeniser fails on it.
    line = json.dumps({**GOOD, field: "PLACEHOLDER"}, ensure_ascii=False).replace('"PLACEHOLDER"', value)
    path = _write_raw(tmp_path, line)
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == (
        f'{path}:2: "{field}" contains invalid Unicode (the lone surrogate {escape}): '
        "write the character itself, or remove the escape"
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_a_line_ends_only_at_a_newline_not_at_a_unicode_separator_inside_a_string(
    tmp_path: Path, separator: str
) -> None:
    # str.splitlines breaks at all of these; inside a JSON string they are text (control
    # characters such as \x0b, where it also breaks, must be escaped in JSON).
    question = f"Hvor mange strategier{separator}har Danmark haft?"
    path = _write(tmp_path, {**GOOD, "question": question}, {**UNANSWERABLE, "id": "da-x02"})
    assert separator in path.read_text(encoding="utf-8")  # written as itself, not as an escape
    questions = load_questions(path)
    assert [q.id for q in questions] == ["da-x01", "da-01", "da-x02"]
    assert questions[1].question == question


def test_a_file_with_crlf_line_ends_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    rows = [UNANSWERABLE, GOOD, {**GOOD, "id": "da-01"}]
    path.write_bytes("\r\n".join(json.dumps(r) for r in rows).encode() + b"\r\n")
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == f'{path}:3: the id "da-01" is used twice: give every question its own id'


def test_a_file_starting_with_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(UNANSWERABLE) + "\n" + json.dumps(GOOD) + "\n").encode())
    assert [q.id for q in load_questions(path)] == ["da-x01", "da-01"]


def test_a_line_after_a_byte_order_mark_keeps_its_number_in_messages(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(UNANSWERABLE) + "\n[1, 2]\n").encode())
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == f"{path}:2: not a JSON object: write one question a line as a JSON object"


def test_a_number_with_more_digits_than_python_reads_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _write_raw(tmp_path, '{"id": "da-01", "n": ' + "1" * 5000 + "}")
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == (
        f"{path}:2: a number has more than 4300 digits: write one question a line as a JSON object"
    )


def test_arrays_nested_deeper_than_python_reads_are_refused_with_their_line(tmp_path: Path) -> None:
    path = _write_raw(tmp_path, "[" * 100_000 + "]" * 100_000)
    with pytest.raises(EvalSetError) as caught:
        load_questions(path)
    assert str(caught.value) == (
        f"{path}:2: arrays or objects nested too deeply to read: write one question a line as a JSON object"
    )


def test_a_gold_string_not_in_the_corpus_is_refused_with_its_file_and_line(
    tmp_path: Path, fake_engine: QAEngine
) -> None:
    path = _write(tmp_path, {**GOOD, "gold": ["Denne sætning står ikke i nogen kilde."]})
    with pytest.raises(EvalSetError) as caught:
        evaluate(fake_engine, load_questions(path))
    assert str(caught.value) == (
        f'{path}:2: no "gold" string of the question "da-01" is in the corpus: copy each one exactly from a '
        "document's text (`qa inspect FILE` shows it), or rebuild the index with the document that holds it"
    )


def test_a_gold_string_not_in_the_corpus_is_judged_not_right_and_named_when_asked_to_count_it(
    tmp_path: Path, fake_engine: QAEngine
) -> None:
    # A set written blind is measured before a fault of reading that hides a gold is mended.
    path = _write(
        tmp_path,
        {**GOOD, "gold": ["Denne sætning står ikke i nogen kilde."]},
        {**GOOD, "id": "da-02", "gold": ["Digital Post-meddelelser til borgere og virksomheder."]},
    )
    questions = load_questions(path)
    outcomes = evaluate(fake_engine, questions, count_missing_gold=True)
    assert [(o.question.id, o.gold_rank, o.cited_right, o.page_language) for o in outcomes[:2]] == [
        ("da-x01", None, False, None),
        ("da-01", None, False, None),
    ]
    assert missing_gold(outcomes) == ["da-01"]


def test_a_gold_string_copied_with_a_no_break_space_and_a_soft_hyphen_is_read_as_the_documents_text(
    tmp_path: Path, fake_engine: QAEngine
) -> None:
    path = _write(tmp_path, {**GOOD, "gold": ["Digital Post-meddelelser til\u00a0borgere og virk\u00adsomheder."]})
    questions = load_questions(path)
    assert questions[1].gold == ("Digital Post-meddelelser til borgere og virksomheder.",)
    outcomes = evaluate(fake_engine, questions)
    assert outcomes[1].gold_rank is not None


def test_fitting_refuses_a_question_whose_gold_is_not_in_the_corpus_with_its_file_and_line(
    tmp_path: Path, fake_engine: QAEngine
) -> None:
    # Fitted on, it would count every candidate of the question as wrong.
    path = _write(tmp_path, {**GOOD, "gold": ["Denne sætning står ikke i nogen kilde."]})
    with pytest.raises(EvalSetError) as caught:
        fit_models([(fake_engine, load_questions(path))], "test")
    assert str(caught.value).startswith(f'{path}:2: no "gold" string of the question "da-01" is in the corpus: ')


def _question(language: str, answerable: bool = True, doc: str | None = None) -> EvalQuestion:
    return EvalQuestion("q", language, "?", answerable, ("gold",) if answerable else (), "check", doc)  # type: ignore[arg-type]


LANGUAGES = {"post": "da", "guide": "en", "faq": "da"}


def test_the_page_language_is_that_of_the_questions_own_document_when_the_gold_is_there() -> None:
    spans = [("post", 0, 4), ("guide", 10, 14)]
    assert gold_language(_question("en", doc="guide"), spans, LANGUAGES) == "en"
    assert gold_language(_question("en", doc="post"), spans, LANGUAGES) == "da"


def test_the_page_language_is_the_one_language_of_the_pages_holding_the_gold() -> None:
    assert gold_language(_question("en"), [("post", 0, 4), ("faq", 3, 7)], LANGUAGES) == "da"
    # Its own document does not hold the gold: the pages that do decide.
    assert gold_language(_question("da", doc="guide"), [("faq", 3, 7)], LANGUAGES) == "da"


def test_no_page_language_for_gold_in_both_languages_nowhere_or_an_unanswerable_question() -> None:
    assert gold_language(_question("en"), [("post", 0, 4), ("guide", 10, 14)], LANGUAGES) is None
    assert gold_language(_question("en"), [], LANGUAGES) is None
    assert gold_language(_question("en", answerable=False), [("post", 0, 4)], LANGUAGES) is None


def test_metrics_by_page_language_counts_answerable_questions_per_pair() -> None:
    outcomes = [
        Outcome(_question("en"), 1, True, True, 0.9, "da"),
        Outcome(_question("en"), 2, True, False, 0.6, "da"),
        Outcome(_question("en"), None, False, False, 0.1, "da"),
        Outcome(_question("en"), 1, True, True, 0.8, "en"),
        Outcome(_question("da"), 3, False, True, 0.2, "da"),
        Outcome(_question("da", answerable=False), None, True, False, 0.7, None),
        Outcome(_question("da"), 1, True, True, 0.9, None),
    ]
    assert metrics_by_page_language(outcomes) == {
        "da-da": {"answerable": 1, "recall@1": 0.0, "recall@3": 1.0, "answer_accuracy": 0.0, "false_abstention": 1.0},
        "en-da": {
            "answerable": 3,
            "recall@1": 0.333,
            "recall@3": 0.667,
            "answer_accuracy": 0.333,
            "false_abstention": 0.333,
        },
        "en-en": {"answerable": 1, "recall@1": 1.0, "recall@3": 1.0, "answer_accuracy": 1.0, "false_abstention": 0.0},
    }
