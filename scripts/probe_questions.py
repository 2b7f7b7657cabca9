"""Every labelled question of chosen sets asked and judged one by one, as rows to read and compare.

`scripts/pooled_eval.py` prints `qa eval`'s pooled figures; reading failures for kinds of
fault, and telling which answers a change moved, needs each question's outcome with what
was quoted. Three commands, run from the repository root:

    .venv/bin/python scripts/probe_questions.py run OUT.jsonl INDEX_ROOT SET ... [--split fit|check|all]
    .venv/bin/python scripts/probe_questions.py table OUT.jsonl [SET ...]
    .venv/bin/python scripts/probe_questions.py compare BASE.jsonl NEW.jsonl

A SET names a folder under `tests/eval` holding `corpus/` and `questions.jsonl`:
`pages/a`, `held_out/t155`, `parked/t150`, `dev`, `html`, or `pages` for every page set.
`run` builds each set's index under INDEX_ROOT (`INDEX_ROOT/pages-a`, ...; reused while
the set's corpus and this program's scoring version are unchanged, as `qa build` decides)
and asks every question of the split as `qa eval` does (`always_cite`, judged on the
first citation; a gold in no served text is judged not right, as `qa eval
--count-missing-gold` does), appending one JSON row a question to OUT (`probe_row`).
`table` prints per set and pooled, per language, answer accuracy, false abstentions,
unanswerable withheld and recall@1 (`figures`); `compare` prints how many questions moved
between outcomes, per split and language, then each moved question (`changes`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Run as `python scripts/probe_questions.py`, the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.documents import Document  # noqa: E402
from qa.engine import QAEngine  # noqa: E402
from qa.evaluation import EVAL_DEPTH, EvalQuestion, document_languages, gold_spans, judge, load_questions  # noqa: E402
from scripts.labelled_sets import PAGE_SETS, ROOT  # noqa: E402

EVAL = ROOT / "tests" / "eval"
Row = dict[str, Any]
# The outcome of one question (`outcome`): an answerable one answered right, answered
# wrongly or withheld; a near miss answered or withheld.
OUTCOMES = ("right", "wrong", "withheld", "near miss answered", "near miss withheld")


def set_folders(names: Sequence[str]) -> list[str]:
    """The set names, `pages` expanded to every page set (`pages/a`, ...) in name order.
    Raises ValueError naming a set with no `corpus/` or no `questions.jsonl` under
    `tests/eval`."""
    out: list[str] = []
    for name in names:
        if name == "pages":
            out += [f"pages/{page_set}" for page_set in PAGE_SETS]
            continue
        folder = EVAL / name
        if not (folder / "corpus").is_dir() or not (folder / "questions.jsonl").is_file():
            raise ValueError(f"{name}: no corpus/ and questions.jsonl under {folder}; name a folder of tests/eval")
        out.append(name)
    return out


def probe_row(
    name: str,
    question: EvalQuestion,
    engine: QAEngine,
    documents: Sequence[Document],
    languages: Mapping[str, str] | None = None,
) -> Row:
    """Ask one labelled question as `qa eval` asks it and judge it as `qa eval` does
    (`qa.evaluation.judge`; `documents` are the engine's, read once per set, and
    `languages` their ids' languages, made once per set by `run`, else from `documents`),
    and return its row: the set `name`, the question's id, language, split, text, `answerable`, gold
    and `doc`; `answered`, `cited_right` (the first citation on a gold span), `correct`
    (both), `evidence` (the abstention probability, 0-1) and `threshold`; `gold_rank`
    (1-based rank of the first passage on a gold span, None when none of the `EVAL_DEPTH`
    is), `gold_in_text`, `page_language`; `quote` and `quote_doc` of the first citation
    (None when there is none) and `top` (the first five passages' documents)."""
    result = engine.ask(question.question, top_k=EVAL_DEPTH, always_cite=True)
    if languages is None:
        languages = document_languages(documents)
    judged = judge(question, result, gold_spans(question, documents), languages)
    first = result.citations[:1]
    return {
        "set": name,
        "id": question.id,
        "language": question.language,
        "split": question.split,
        "question": question.question,
        "answerable": question.answerable,
        "gold": list(question.gold),
        "doc": question.doc,
        "answered": judged.answered,
        "cited_right": judged.cited_right,
        "correct": judged.correct,
        "evidence": round(judged.evidence, 6),
        "threshold": round(result.threshold, 6),
        "gold_rank": judged.gold_rank,
        "gold_in_text": judged.gold_in_text,
        "page_language": judged.page_language,
        "quote": first[0].quote if first else None,
        "quote_doc": first[0].doc_id if first else None,
        "top": [p.doc_id for p in result.passages[:5]],
    }


def outcome(row: Mapping[str, Any]) -> str:
    """One of `OUTCOMES` for a probe row."""
    if row["answerable"]:
        return "right" if row["correct"] else ("wrong" if row["answered"] else "withheld")
    return "near miss answered" if row["answered"] else "near miss withheld"


def figures(rows: Iterable[Mapping[str, Any]], language: str) -> str:
    """`qa eval`'s four headline figures over the rows of one language, as one cell:
    "accuracy (right/answerable), false abstentions, unanswerable withheld
    (withheld/unanswerable), recall@1", each a share 0-1 to three places; "-" when the
    rows hold no answerable question of that language."""
    chosen = [r for r in rows if r["language"] == language]
    answerable = [r for r in chosen if r["answerable"]]
    near = [r for r in chosen if not r["answerable"]]
    if not answerable:
        return "-"
    right = sum(bool(r["correct"]) for r in answerable)
    withheld = sum(not r["answered"] for r in answerable)
    near_withheld = sum(not r["answered"] for r in near)
    first = sum(r["gold_rank"] == 1 for r in answerable)
    n = len(answerable)
    return (
        f"{right / n:.3f} ({right}/{n}), {withheld / n:.3f}, "
        f"{near_withheld / max(1, len(near)):.3f} ({near_withheld}/{len(near)}), {first / n:.3f}"
    )


def table_lines(rows: Sequence[Mapping[str, Any]], sets: Sequence[str] = ()) -> list[str]:
    """A Markdown table of `figures` per set (those named in `sets`, else every set in the
    rows, in name order) and over all of them, Danish then English."""
    names = list(sets) or sorted({str(r["set"]) for r in rows})
    chosen = [r for r in rows if r["set"] in names]
    lines = ["| set | Danish | English |", "|---|---|---|"]
    for name in names:
        own = [r for r in chosen if r["set"] == name]
        lines.append(f"| {name} | {figures(own, 'da')} | {figures(own, 'en')} |")
    lines.append(f"| all | {figures(chosen, 'da')} | {figures(chosen, 'en')} |")
    return lines


def changes(base: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> list[str]:
    """How the questions asked in both runs (by set and id) moved between outcomes: per
    split, the count of each (language, before, after) move, then one line per moved
    question with what NEW quoted."""
    before = {(r["set"], r["id"]): r for r in base}
    moved = [(before[(r["set"], r["id"])], r) for r in new if (r["set"], r["id"]) in before]
    moved = [(b, n) for b, n in moved if outcome(b) != outcome(n)]
    lines = []
    for split in sorted({str(b["split"]) for b, _ in moved}):
        counts = Counter((b["language"], outcome(b), outcome(n)) for b, n in moved if b["split"] == split)
        cells = [f"{language} {was} -> {now}: {count}" for (language, was, now), count in sorted(counts.items())]
        lines.append(f"{split}: " + "; ".join(cells))
    for b, n in moved:
        quote = (n["quote"] or "").replace("\n", " ")[:100]
        lines.append(f"{b['set']} {b['id']} [{b['language']}] {outcome(b)} -> {outcome(n)} | {b['question']} | {quote}")
    return lines


def read_rows(path: Path) -> list[Row]:
    """The rows of a probe file (one JSON object a line)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(out: Path, index_root: Path, names: Sequence[str], split: str) -> int:
    """`run`: build or reuse each set's index, ask its questions of `split`, append rows to
    `out`; progress on stderr. Returns the exit status."""
    from qa.index import load_live_index
    from qa.pipeline import BuildOptions, run_build
    from qa.service import load_embedder, scoring_models
    from qa.settings import Settings

    settings = Settings()
    embedder = load_embedder(settings)
    files = scoring_models(settings)
    models = files.load()
    options = BuildOptions(eval_set=None, skip_unchanged=True, exact_up_to=settings.ann_min_chunks, models=files)
    with out.open("a", encoding="utf-8") as sink:
        for name in names:
            index = index_root / name.replace("/", "-")
            run_build(EVAL / name / "corpus", embedder, index, options)
            engine = QAEngine(load_live_index(index, embedder.identity), embedder, **models)
            documents = engine.documents()
            languages = document_languages(documents)
            questions = [q for q in load_questions(EVAL / name / "questions.jsonl") if split in ("all", q.split)]
            for question in questions:
                sink.write(
                    json.dumps(probe_row(name, question, engine, documents, languages), ensure_ascii=False) + "\n"
                )
            sink.flush()
            sys.stderr.write(f"{name}: {len(questions)} {split} questions\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    asked = commands.add_parser("run", help="ask every question of the sets and append one row each to OUT")
    asked.add_argument("out", type=Path)
    asked.add_argument("index_root", type=Path, help="where each set's index is built or reused")
    asked.add_argument("sets", nargs="+", help="folders of tests/eval (pages/a, held_out/t155, dev, html) or pages")
    asked.add_argument("--split", choices=("fit", "check", "all"), default="all")
    shown = commands.add_parser("table", help="figures per set and pooled")
    shown.add_argument("rows", type=Path)
    shown.add_argument("sets", nargs="*")
    compared = commands.add_parser("compare", help="the questions two runs judged differently")
    compared.add_argument("base", type=Path)
    compared.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "run":
        try:
            names = set_folders(args.sets)
        except ValueError as exc:
            sys.stderr.write(f"error: {exc}\n")
            return 2
        return run(args.out, args.index_root, names, args.split)
    if args.command == "table":
        sys.stdout.write("\n".join(table_lines(read_rows(args.rows), args.sets)) + "\n")
        return 0
    sys.stdout.write("\n".join(changes(read_rows(args.base), read_rows(args.new))) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
