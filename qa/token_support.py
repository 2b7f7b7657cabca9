"""Token support: how well the answer's text supports the question's least supported word.

Each token of the question's content words (not stop words, `content_rows`) is matched
to its most similar token of the answer's text (`answer_text`: the quoted candidate with
its title, heading and list lead-in), by the cosine of the encoder's contextual token
vectors (`qa.embedder.TokenVectors`); the question's support is its weakest token's best
match. It is the greedy matching of BERTScore's recall (Zhang, Kishore, Wu, Weinberger
and Artzi, "BERTScore: Evaluating Text Generation with BERT", ICLR 2020) with the minimum
over the question's tokens in place of the mean: a near miss (the rule of another
municipality, a fee the page does not give, chat hours where the page gives phone hours)
shares most of its words with the passage and leaves one aspect unmatched, which the mean
hides and the minimum shows. For an English question the Danish rendering
(`AnalysedQuestion.bridged`) is matched too and the better of the two counts, since the
encoder's English and Danish tokens are not aligned one to one.

As abstention evidence (`qa.policy.evidence`, feature `token_support`) it was chosen in
5-fold cross-validation grouped by document on the fit splits (10 shuffles; the shipped
reader and evidence of 0a737d1 plus one feature). First with every word token of the
question (a throw-away script, sentence-transformers' token states):

| answer text matched | area under the ROC curve da | en |
|---|---|---|
| none (the evidence without it) | 0.796 | 0.805 |
| the best candidate's chunk (title, heading, text) | 0.823 | 0.809 |
| the same, with the Danish rendering of an English question | 0.824 | 0.838 |
| the best of the top three chunks, both renderings | 0.818 | 0.821 |
| the chunk's first 128 tokens, both renderings | 0.825 | 0.839 |
| the best candidate's title, heading and quoted unit, both renderings | 0.826 | 0.840 |

The last is as good as the whole chunk with about a fifth of its tokens (one encoder
pass of about 20 ms at one thread against about 90 ms for a 240-token chunk). The mean
over the question's tokens in place of the minimum and the minimum over whole words did
not help. Then, as shipped (`python scripts/abstention_cv.py DEV SEED --without
token_support --shuffles 10`): content words only, 0.832 / 0.844; with the lead-in of a
list item's list (`qa.reader.Reader.lead_in`), which a case needed ("Hvad skal jeg
medbringe ...?" answered by an item under "Du skal medbringe følgende ...:"), 0.831 /
0.844. Matching the question alone, without its Danish rendering, gave 0.831 / 0.820.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.analysis import content_word_spans
from qa.embedder import TokenVectors


def content_rows(tokens: TokenVectors, text: str) -> np.ndarray:
    """The rows of `tokens.vectors` (encoded from `text`) whose span holds a letter or a
    digit and overlaps a content word of `text` (`qa.analysis.content_word_spans`: not a
    Danish or English stop word), shape (content tokens, dimension). Stop words and
    punctuation say nothing the answer must match ("hvornår", "does", "the", "?"), as
    BERTScore's idf weighting discounts them. A question none of whose content words
    holds a letter (stop words only, "What can I do?", or a bare number, "2024") asks
    nothing an answer can support: no rows, so its support is 0."""
    content = content_word_spans(text)
    if not any(any(ch.isalpha() for ch in text[a:b]) for a, b in content):
        return tokens.vectors[:0]
    keep = [
        i
        for i, (start, end) in enumerate(tokens.spans)
        if any(ch.isalnum() for ch in text[start:end]) and any(a < end and start < b for a, b in content)
    ]
    return tokens.vectors[keep]


def best_matches(question: np.ndarray, answer: np.ndarray) -> np.ndarray:
    """Each of the question's token rows (q, dimension) its best cosine to the answer's
    token rows (a, dimension), shape (q,); rows normalised, so cosine by dot product.
    Empty when either side has no rows."""
    if question.size == 0 or answer.size == 0:
        return np.zeros(0, dtype=np.float32)
    return (question @ answer.T).max(axis=1)


def weakest_token_support(question: np.ndarray, answer: np.ndarray) -> float:
    """min over the question's token rows (q, dimension) of the max cosine to the answer's
    token rows (a, dimension) (`best_matches`). 0.0 when either side has no rows (nothing
    to match is no support)."""
    best = best_matches(question, answer)
    return float(best.min()) if best.size else 0.0


@dataclass(frozen=True)
class TokenMatch:
    """How the question's content tokens match one answer text, both cosines (-1 to 1):
    `support`, the weakest token's best match (`weakest_token_support`), and `recall`, the
    mean of every token's best match (BERTScore's greedy recall, without idf weights).
    Each is the better over the question's renderings."""

    support: float
    recall: float


def question_rows(renderings: list[tuple[TokenVectors, str]]) -> list[np.ndarray]:
    """Each rendering's content token rows (`content_rows`): the question, and for an
    English one its Danish rendering, each given as its token vectors with the text they
    were encoded from. What every answer text of one question is matched with, so made
    once per question."""
    return [content_rows(tokens, text) for tokens, text in renderings]


def match_rows(rows: list[np.ndarray], answer: TokenVectors) -> TokenMatch:
    """The `TokenMatch` of the renderings' content token rows (`question_rows`) against
    every token of the answer's text (`answer_text`): over each rendering's rows, the least
    and the mean of their best cosines (`best_matches`), each the best over the
    renderings. (0.0, 0.0) without rows."""
    support, recall = 0.0, 0.0
    for question in rows:
        best = best_matches(question, answer.vectors)
        if best.size:
            support, recall = max(support, float(best.min())), max(recall, float(best.mean()))
    return TokenMatch(support, recall)


def token_match(renderings: list[tuple[TokenVectors, str]], answer: TokenVectors) -> TokenMatch:
    """The `TokenMatch` of the question's renderings (each its token vectors with the text
    they were encoded from: the question, and for an English one its Danish rendering)
    against every token of the answer's text (`answer_text`): `match_rows` of their
    `question_rows`. (0.0, 0.0) without renderings or content words."""
    return match_rows(question_rows(renderings), answer)


def token_support(renderings: list[tuple[TokenVectors, str]], answer: TokenVectors) -> float:
    """The best `weakest_token_support` over the question's renderings (each its token
    vectors with the text they were encoded from: the question, and for an English one
    its Danish rendering) of their content tokens (`content_rows`) against every token
    of the answer's text (`answer_text`). Cosine, -1 to 1 (about 0.6-0.95 with
    multilingual-e5-small); 0.0 without renderings or content words."""
    return token_match(renderings, answer).support


# The most characters of the title and heading, and of a list's lead-in, that go into the
# answer's text: titles run to about 100 characters, but a page's front matter can give
# thousands, which would push the quote past the encoder's 512 tokens and cost an encoder
# pass of 512 tokens (about 300 ms).
HEAD_CHARS = 200
LEAD_CHARS = 300


def _clipped(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at the last space within them when
    there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > 0 else cut


def answer_text(head: str, lead_in: str | None, sentences: list[str]) -> str:
    """What a question's tokens are matched against: the chunk's head (title and
    heading, `Chunk.head`, at most `HEAD_CHARS`), a newline, the sentence opening the
    list the answer stands in (at most `LEAD_CHARS`; `Reader.lead_in`) and the answer's
    sentences, joined by spaces. The sentences are the reader's candidate unit (one
    sentence, or two for a pair), bounded by the chunk size."""
    parts = ([_clipped(lead_in, LEAD_CHARS)] if lead_in else []) + sentences
    return _clipped(head, HEAD_CHARS) + "\n" + " ".join(parts)
