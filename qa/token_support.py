"""Token support: how well the answer's text supports the question's least supported word.

Each token of the question (one holding a letter or a digit) is matched to its most
similar token of the answer's text, by the cosine of the encoder's contextual token
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

import numpy as np

from qa.analysis import content_word_spans
from qa.embedder import TokenVectors


def content_rows(tokens: TokenVectors, text: str) -> np.ndarray:
    """The rows of `tokens.vectors` (encoded from `text`) whose span holds a letter or a
    digit and overlaps a content word of `text` (`qa.analysis.content_word_spans`: not a
    Danish or English stop word), shape (content tokens, dimension). Stop words and
    punctuation say nothing the answer must match ("hvornår", "does", "the", "?"), as
    BERTScore's idf weighting discounts them; a question of stop words only keeps all
    its word tokens."""
    words = [i for i, (start, end) in enumerate(tokens.spans) if any(ch.isalnum() for ch in text[start:end])]
    content = content_word_spans(text)
    keep = [i for i in words if any(a < tokens.spans[i][1] and tokens.spans[i][0] < b for a, b in content)]
    return tokens.vectors[keep or words]


def weakest_token_support(question: np.ndarray, answer: np.ndarray) -> float:
    """min over the question's token rows (q, dimension) of the max cosine to the answer's
    token rows (a, dimension); rows normalised, so cosine by dot product. 0.0 when either
    side has no rows (nothing to match is no support)."""
    if question.size == 0 or answer.size == 0:
        return 0.0
    return float((question @ answer.T).max(axis=1).min())


def token_support(renderings: list[tuple[TokenVectors, str]], answer: TokenVectors) -> float:
    """The best `weakest_token_support` over the question's renderings (each its token
    vectors with the text they were encoded from: the question, and for an English one
    its Danish rendering) of their content tokens (`content_rows`) against every token
    of the answer's text (its title, heading and quoted sentences). Cosine, -1 to 1
    (about 0.6-0.95 with multilingual-e5-small); 0.0 without renderings."""
    return max((weakest_token_support(content_rows(t, text), answer.vectors) for t, text in renderings), default=0.0)
