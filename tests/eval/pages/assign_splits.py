"""Give the web-page tester sets' questions a fit/check split by document.

Each of `a/` .. `t/` (`SETS`) holds a corpus written by one fresh tester and the
questions that tester wrote about it (`questions.jsonl`, each asked of its own set's
corpus only). Every question about one document lands in the same split, so the check
split holds documents the fitted models never saw. Within each set, documents are sorted
by id and every second and fifth of each run of five goes to `check` (40 %, the rule of
`tests/eval/dev/assign_splits.py`). A near miss its writer tied to no document goes to
`fit` and `check` in turn within its set and language. Rewrites each `questions.jsonl`
in place and prints the counts. Run from the repository root:

    python tests/eval/pages/assign_splits.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECK_POSITIONS = {1, 4}  # of each run of five documents
# Every folder here with a questions.jsonl ("a", "b", ...).
SETS = tuple(sorted(p.name for p in HERE.iterdir() if (p / "questions.jsonl").is_file()))


def splits_by_document(corpus: Path) -> dict[str, str]:
    """Document id (file stem) -> "fit" or "check"."""
    stems = sorted(p.stem for p in corpus.iterdir() if p.is_file())
    return {stem: ("check" if i % 5 in CHECK_POSITIONS else "fit") for i, stem in enumerate(stems)}


def assign(rows: list[dict[str, object]], splits: dict[str, str]) -> list[dict[str, object]]:
    """The rows with `split` set: their document's split, or alternating for rows without `doc`.

    Raises KeyError for a `doc` that is not a file stem of the corpus."""
    turn: Counter[str] = Counter()
    for row in rows:
        doc = row.get("doc")
        if doc:
            row["split"] = splits[str(doc)]
        else:
            language = str(row["language"])
            row["split"] = ("fit", "check")[turn[language] % 2]
            turn[language] += 1
    return rows


def main() -> int:
    total: Counter[tuple[str, str, str, bool]] = Counter()
    for name in SETS:
        path = HERE / name / "questions.jsonl"
        splits = splits_by_document(HERE / name / "corpus")
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        try:
            assign(rows, splits)
        except KeyError as error:
            sys.stderr.write(f"{path}: unknown document {error}\n")
            return 1
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        for r in rows:
            total[(name, str(r["split"]), str(r["language"]), bool(r["answerable"]))] += 1
        documents = Counter(splits.values())
        sys.stdout.write(f"{name}: documents fit {documents['fit']}, check {documents['check']}\n")
    for key in sorted(total):
        kind = "answerable" if key[3] else "unanswerable"
        sys.stdout.write(f"{key[0]} {key[1]:6} {key[2]} {kind:12} {total[key]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
