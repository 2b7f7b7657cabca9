"""The answer reranker: the reader's best candidates reordered by how their tokens match the question's.

The reader (`qa.reader`) scores every answer unit of the top chunks by features of whole
sentences and terms: cosines of sentence vectors, shares of the question's terms, the
answer type. Its best two candidates are often both plausible, and one of them is right
more often than the reader's order says: on the fit splits the reader's first candidate
was right for 116 of 155 Danish and 125 of 159 English answerable questions, the first or
the second for 134 and 139. This component looks closer at those two. Each is encoded
token by token with its chunk's title and heading (`qa.token_support.answer_text`; both
in one encoder run, padded to the longer), and each content word of the question is
matched to its most similar token (`qa.token_support.TokenMatch`: the weakest word's match and the mean
match, BERTScore's greedy recall; Zhang et al., ICLR 2020). A pairwise ranker over those
two and the reader's score (`ANSWER_RERANKER_FEATURES`), fitted on the fit splits
(`qa.fitting.fit_models`, shipped as `qa/data/answer_reranker.json`), orders them.

Chosen by 5-fold cross-validation on the fit splits of the development and seed sets,
grouped by document, 5 shuffles, refitting the reader inside each fold as shipping does
(a throw-away script over the reader's top eight candidates per question; C = 0.1, as the
reader's): questions whose first candidate is right, of 155 Danish and 159 English.

| candidates reordered | features besides the reader's score | da | en |
|---|---|---|---|
| none (the reader alone) | | 111.0 | 120.8 |
| best two | mean match | 117.8 | 126.8 |
| best two | weakest and mean match (shipped) | 117.4 | 127.8 |
| best two | both, and the answer's tokens' mean match to the question | 117.2 | 127.2 |
| best three | weakest and mean match | 115.8 | 126.2 |

The best three gained no more and cost a third encoder pass; C = 0.01 and 1 gave 118.0 /
128.2 and 117.2 / 127.0.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.linear import LinearModel
from qa.reader import AnswerCandidate
from qa.token_support import TokenMatch

# Every feature is given for each of the candidates reordered; a margin is the
# candidate's value minus the best value among them (0 for the best).
ANSWER_RERANKER_FEATURES: tuple[str, ...] = (
    "reader_score",
    "reader_margin",
    "token_support",
    "token_support_margin",
    "token_recall",
    "token_recall_margin",
)


@dataclass(frozen=True)
class AnswerRerankerConfig:
    """How many of the reader's best candidates are matched token by token and reordered
    (the module docstring: two). Each costs its share of one encoder pass (about 20 ms
    for a sentence with its title at one thread). 1 reorders nothing: only the best
    candidate is matched, for the abstention evidence."""

    depth: int = 2

    def __post_init__(self) -> None:
        if self.depth < 1:
            raise ValueError("depth must be at least 1")


def answer_features(candidates: list[AnswerCandidate], matches: list[TokenMatch]) -> list[dict[str, float]]:
    """`ANSWER_RERANKER_FEATURES` of each candidate (scored by the reader) with its
    token match, in the given order. Raises ValueError when the lists differ in length
    or are empty."""
    if not candidates or len(candidates) != len(matches):
        raise ValueError("answer features need one token match per candidate, and at least one candidate")
    best_score = max(c.score for c in candidates)
    best_support = max(m.support for m in matches)
    best_recall = max(m.recall for m in matches)
    return [
        {
            "reader_score": c.score,
            "reader_margin": c.score - best_score,
            "token_support": m.support,
            "token_support_margin": m.support - best_support,
            "token_recall": m.recall,
            "token_recall_margin": m.recall - best_recall,
        }
        for c, m in zip(candidates, matches, strict=True)
    ]


class AnswerReranker:
    """Reorders the reader's first candidates (as many as it has token matches for) by a
    fitted pairwise ranker over `answer_features`, never past a candidate the reader ranked
    higher that misses fewer of the labels the question names (`guarded_order`); the rest
    keep the reader's order."""

    def __init__(self, model: LinearModel, config: AnswerRerankerConfig | None = None) -> None:
        """`model` scores `ANSWER_RERANKER_FEATURES` (its threshold unused)."""
        self.model = model
        self.config = config or AnswerRerankerConfig()

    @property
    def depth(self) -> int:
        """How many candidates are matched token by token (`AnswerRerankerConfig.depth`)."""
        return self.config.depth

    @property
    def reorders(self) -> bool:
        """Whether it can change the reader's order: a depth of two or more and a model
        with a coefficient (a neutral model, `qa.fitting.neutral_model`, scores every
        candidate 0 and keeps the order)."""
        return self.depth > 1 and any(self.model.coef)

    def rerank(
        self, candidates: list[AnswerCandidate], matches: list[TokenMatch], missing: list[int] | None = None
    ) -> tuple[list[AnswerCandidate], list[TokenMatch]]:
        """The candidates (best first) with their first len(matches) reordered by the
        model's score as `guarded_order` allows given each one's `missing` labels (the
        question's labels its text misses, `qa.question.missing_labels`; None: none
        missed), ties kept in the reader's order, and the matches in the same new order;
        fewer than two matches leave both as they are. Raises ValueError for more matches
        than candidates (each match belongs to the candidate at its position) or fewer
        missing counts than matches."""
        if len(matches) > len(candidates):
            raise ValueError("more token matches than candidates")
        n = len(matches)
        if missing is not None and len(missing) < n:
            raise ValueError("one count of missing labels is needed per token match")
        if n < 2:
            return candidates, matches
        scores = [self.model.score(row) for row in answer_features(candidates[:n], matches)]
        order = guarded_order(scores, missing[:n] if missing is not None else [0] * n)
        return [candidates[i] for i in order] + candidates[n:], [matches[i] for i in order]


def guarded_order(scores: list[float], missing: list[int]) -> list[int]:
    """The order (indexes into the reader's order, best first) of candidates scored
    `scores` by the answer reranker, where no candidate passes one the reader ranked
    above it that misses fewer of the labels the question names (`missing`, each
    candidate's `qa.question.missing_labels`: weekdays, fixed-date holidays, seasons and
    letter codes). Token matching cannot see those: "Juleaftensdag ... har internatet
    åbent kl. 9.00–11.00" matches "hundeinternat silkemose åbningstider lørdag" better
    than "Dag: Lørdag; Åbent for afhentning: 10.00–12.00" does, and "Lørdag og på
    helligdage er eVejledning lukket." "When can I call eVejledning on a Sunday?" better
    than "Ugedag: Søndag; Åbent: 12.00–21.00" (held-out sets t72 and t73 of stop 42, where
    the reranker's swap quoted the first and withheld the second). Numbers and years are
    left to the reranker: a table's row rarely repeats the year its caption gives. Each
    place goes to the best-scored of the candidates left that no candidate left and
    ranked above it by the reader misses fewer than; the reader's first left always
    qualifies. Ties keep the reader's order. Raises ValueError when the lists differ in
    length."""
    if len(scores) != len(missing):
        raise ValueError("guarded_order needs one count of missing labels per score")
    left = list(range(len(scores)))
    order: list[int] = []
    while left:
        allowed = [i for i in left if all(missing[j] >= missing[i] for j in left if j < i)]
        best = min(allowed, key=lambda i: (-scores[i], i))
        order.append(best)
        left.remove(best)
    return order
