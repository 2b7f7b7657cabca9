"""What matching answers token by token (`qa.token_support`) costs a question, side by side.

Usage (any built index; the development corpus's, see README "How it answers"):
    QA_INDEX_DIR=/tmp/dev-index HF_HUB_OFFLINE=1 \\
        python bench/token_support_cost.py tests/eval/dev/questions.jsonl --rounds 3

Asks every question of the set `--rounds` times, in process, after one warm-up round, and
prints median and p99 in ms of: the bare query encode (`encode_query`), the token pass
over the reader's best two candidates that the answer reranker reads
(`QAEngine.match_tokens`, timed inside `ask`), and `ask` itself; then `ask` matching the
best candidate only (the answer reranker's depth 1: what `ask` cost with token support as
abstention evidence and no answer reranker), and `ask` with the token pass replaced by
constants (what it cost before either; the decisions are then wrong, only the time
counts). Figures, not pass/fail: run it on an idle machine and compare the columns of one
run.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench import percentile, timed_ms  # noqa: E402
from qa.answer_reranker import AnswerReranker, AnswerRerankerConfig  # noqa: E402
from qa.engine import QAEngine  # noqa: E402
from qa.evaluation import load_questions  # noqa: E402
from qa.service import load_engine  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.token_support import TokenMatch  # noqa: E402


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_set", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    engine = load_engine(Settings())
    questions = [q.question for q in load_questions(args.eval_set)]
    token_ms: list[float] = []
    measured = QAEngine.match_tokens

    def timed_match_tokens(self: QAEngine, *a: object) -> list[TokenMatch]:
        started = time.perf_counter()
        value = measured(self, *a)  # type: ignore[arg-type]
        token_ms.append((time.perf_counter() - started) * 1000)
        return value

    def ask_all() -> list[float]:
        return [ms for q in questions for ms in timed_ms(lambda q=q: engine.ask(q), args.rounds)]

    for q in questions:  # warm-up
        engine.ask(q)
    encode = [ms for q in questions for ms in timed_ms(lambda q=q: engine.embedder.encode_query(q), args.rounds)]
    QAEngine.match_tokens = timed_match_tokens  # type: ignore[method-assign]
    ask = ask_all()
    QAEngine.match_tokens = measured  # type: ignore[method-assign]
    shipped = engine.answer_reranker
    engine.answer_reranker = AnswerReranker(shipped.model, AnswerRerankerConfig(depth=1))
    best_only = ask_all()
    engine.answer_reranker = shipped
    QAEngine.match_tokens = lambda self, r, t, candidates: [TokenMatch(0.8, 0.9)] * len(candidates)  # type: ignore[method-assign]
    without = ask_all()
    QAEngine.match_tokens = measured  # type: ignore[method-assign]
    rows = [
        ("query encode", encode),
        ("token pass, best two", token_ms),
        ("ask", ask),
        ("ask, best candidate only", best_only),
        ("ask without the token pass", without),
    ]
    print(f"{len(questions)} questions x {args.rounds} rounds, {len(engine.data.chunks)} chunks")
    print(f"{'':28} {'median ms':>10} {'p99 ms':>8} {'calls':>6}")
    for label, values in rows:
        print(f"{label:28} {statistics.median(values):10.1f} {percentile(values, 99):8.1f} {len(values):6d}")


if __name__ == "__main__":
    main()
