"""Merge the writers' question files into `questions.jsonl` with a fit/check split by document.

Every question about one document (answerable or a near miss of it) lands in the same
split, so the check split holds documents the fitted models never saw. Documents are
sorted by id within each (writer prefix, document language) group and every second and
fifth of each run of five goes to `check` (40 %), so both splits hold national and
municipal pages, Danish and English. Run from the repository root:

    python tests/eval/dev/assign_splits.py
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECK_POSITIONS = {1, 4}  # of each run of five documents


def document_language(path: Path) -> str:
    """The `language:` value of a document's front matter (da when absent)."""
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() == "---":
            break
        if line.startswith("language:"):
            return line.split(":", 1)[1].split("#")[0].strip() or "da"
    return "da"


def splits_by_document(corpus: Path) -> dict[str, str]:
    """Document id (file stem) -> "fit" or "check"."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(corpus.glob("*.md")):
        groups[(path.stem.split("-", 1)[0], document_language(path))].append(path.stem)
    return {
        doc: ("check" if i % 5 in CHECK_POSITIONS else "fit")
        for docs in groups.values()
        for i, doc in enumerate(sorted(docs))
    }


def main() -> int:
    splits = splits_by_document(HERE / "corpus")
    rows = []
    for source in sorted(HERE.glob("questions-*.jsonl")):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["doc"] not in splits:
                sys.stderr.write(f"{source.name}:{number}: unknown document {row['doc']!r}\n")
                return 1
            row["split"] = splits[row["doc"]]
            rows.append(row)
    out = HERE / "questions.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts: dict[tuple[str, str, bool], int] = defaultdict(int)
    for r in rows:
        counts[(r["split"], r["language"], r["answerable"])] += 1
    for key in sorted(counts):
        sys.stdout.write(f"{key[0]:6} {key[1]} {'answerable' if key[2] else 'unanswerable':12} {counts[key]}\n")
    docs = defaultdict(int)
    for split in splits.values():
        docs[split] += 1
    sys.stdout.write(f"documents: {dict(docs)}; questions: {len(rows)} -> {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
