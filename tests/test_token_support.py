"""Token support: the question's least supported content word, matched token by token."""

from __future__ import annotations

import numpy as np
import pytest

from qa.embedder import Embedder, TokenVectors, token_vectors
from qa.token_support import HEAD_CHARS, LEAD_CHARS, answer_text, content_rows, token_support, weakest_token_support


def _unit(*values: float) -> list[float]:
    vector = np.array(values, dtype=np.float32)
    return list(vector / np.linalg.norm(vector))


def test_token_vectors_drop_special_and_prompt_tokens_and_shift_spans_into_the_text() -> None:
    # "query: Hvornår blev": <s>, "▁que", "ry", ":", "▁Hvornår" (takes the prompt's space), "▁blev", </s>
    offsets = [(0, 0), (0, 3), (3, 5), (5, 6), (6, 14), (14, 19), (0, 0)]
    hidden = np.arange(7 * 2, dtype=np.float32).reshape(7, 2) + 1
    tokens = token_vectors(np.array([3.0, 4.0]), hidden, offsets, len("query: "))
    assert tokens.spans == ((0, 7), (7, 12))
    np.testing.assert_allclose(tokens.sentence, [0.6, 0.8])
    np.testing.assert_allclose(tokens.vectors, [_unit(9, 10), _unit(11, 12)], rtol=1e-6)


def test_content_rows_keep_the_tokens_of_content_words_only() -> None:
    text = "Hvornår har Virk åbent for chat?"
    spans = ((0, 7), (7, 11), (11, 16), (16, 21), (21, 22), (22, 26), (26, 31), (31, 32))
    tokens = TokenVectors(np.zeros(2, np.float32), np.eye(8, dtype=np.float32), spans)
    # "Hvornår", "har", "for" are stop words and "?" is no word: Virk, åben+t (one word), chat.
    np.testing.assert_array_equal(content_rows(tokens, text), np.eye(8, dtype=np.float32)[[2, 3, 4, 6]])


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Hvad er det?", ((0, 4), (4, 7), (7, 11), (11, 12))),
        ("What can I do?", ((0, 4), (4, 8), (8, 10), (10, 13), (13, 14))),
        ("2024", ((0, 4),)),
        ("Hvad med 2024?", ((0, 4), (4, 8), (8, 13), (13, 14))),
    ],
)
def test_a_question_without_a_content_word_of_letters_has_nothing_to_support(
    text: str, spans: tuple[tuple[int, int], ...]
) -> None:
    tokens = TokenVectors(np.zeros(2, np.float32), np.ones((len(spans), 2), np.float32) / 2**0.5, spans)
    assert content_rows(tokens, text).shape == (0, 2)
    assert token_support([(tokens, text)], tokens) == 0.0


def test_every_sentence_of_a_question_is_supported_also_the_askers_situation() -> None:
    # Measured and taken out at stop 41: reading only the sentence ending in "?" answered
    # eight more English fit questions right (440 -> 448 of 746), but a
    # reviewer's "Jeg har mistet mit sundhedskort. Hvad koster et nyt?" got a passport's
    # price and "Jeg har en papegøje. Skal den registreres?" the dog register's rule: the
    # context names what is asked about.
    text = "Jeg har en hund. Hvad koster afgiften?"
    spans = ((0, 3), (3, 7), (7, 10), (10, 15), (15, 16), (16, 21), (21, 28), (28, 37), (37, 38))
    tokens = TokenVectors(np.zeros(2, np.float32), np.eye(9, dtype=np.float32), spans)
    np.testing.assert_array_equal(content_rows(tokens, text), np.eye(9, dtype=np.float32)[[3, 6, 7]])


def test_a_number_counts_beside_a_content_word() -> None:
    text = "Pris 2024?"
    tokens = TokenVectors(np.zeros(3, np.float32), np.eye(3, dtype=np.float32), ((0, 4), (4, 9), (9, 10)))
    np.testing.assert_array_equal(content_rows(tokens, text), np.eye(3, dtype=np.float32)[:2])


def test_answer_text_joins_head_lead_in_and_sentences_and_clips_long_heads() -> None:
    assert answer_text("Nyt pas. Det skal du medbringe", "Du skal medbringe:", ["dit gamle pas"]) == (
        "Nyt pas. Det skal du medbringe\nDu skal medbringe: dit gamle pas"
    )
    assert answer_text("Pas", None, ["Et pas koster 627 kr.", "Det gælder i 10 år."]) == (
        "Pas\nEt pas koster 627 kr. Det gælder i 10 år."
    )
    long_head = "ord " * 1000  # a front-matter title of 4,000 characters
    text = answer_text(long_head, "x" * 1000, ["Svaret."])
    head, rest = text.split("\n")
    assert head == ("ord " * 50).rstrip() and len(head) == HEAD_CHARS - 1
    assert rest == "x" * LEAD_CHARS + " Svaret."


def test_weakest_token_support_is_the_minimum_of_each_tokens_best_cosine() -> None:
    question = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    answer = np.array([[1.0, 0.0], _unit(1, 1)], dtype=np.float32)
    # the first token is matched exactly, the second at best by (1, 1)/sqrt(2)
    assert weakest_token_support(question, answer) == pytest.approx(2**-0.5)
    assert weakest_token_support(question, answer[:0]) == 0.0
    assert weakest_token_support(question[:0], answer) == 0.0


def test_token_support_takes_the_better_rendering_of_the_question() -> None:
    answer = TokenVectors(np.zeros(2, np.float32), np.array([[1.0, 0.0]], np.float32), ((0, 5),))
    english = TokenVectors(np.zeros(2, np.float32), np.array([[0.0, 1.0]], np.float32), ((0, 4),))
    danish = TokenVectors(np.zeros(2, np.float32), np.array([_unit(3, 4)], np.float32), ((0, 4),))
    assert token_support([(english, "cost")], answer) == 0.0
    assert token_support([(english, "cost"), (danish, "pris")], answer) == pytest.approx(0.6)
    assert token_support([], answer) == 0.0


@pytest.mark.model
def test_a_near_miss_leaves_the_asked_aspect_unsupported(real_embedder: Embedder) -> None:
    question = "Hvornår har Virk åbent for chat?"
    phone_hours = "Virk Support. Åbningstider\nVirk Support har telefonisk åbent mandag-fredag kl. 9-15 på 70 10 11 12."
    chat_hours = "Virk Support. Chat\nChatten på virk.dk har åbent mandag-fredag kl. 9-15."
    (asked,) = real_embedder.encode_tokens([question], "query")
    near_miss, answer = real_embedder.encode_tokens([phone_hours, chat_hours], "passage")
    assert token_support([(asked, question)], near_miss) < 0.8 < token_support([(asked, question)], answer)
