"""The labelled sets the shipped models are fitted and cross-validated on, each with its index.

A labelled set is a question file asked of one corpus only: the development set
(`tests/eval/dev/`), the seed document's set (`tests/eval/questions.jsonl` over `corpus/`)
and, with `--pages`, the four web-page tester sets (`tests/eval/pages/a` .. `d`, see
`tests/eval/README.md`). The scripts read only the `fit` split of each.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SETS = ("a", "b", "c", "d")


@dataclass(frozen=True)
class LabelledSet:
    """One question file, the corpus it was written about and the index built from that corpus."""

    name: str
    questions: Path
    corpus: Path
    index: Path


def add_index_arguments(parser: argparse.ArgumentParser) -> None:
    """The positional DEV_INDEX and SEED_INDEX and the optional `--pages PAGES_ROOT`."""
    parser.add_argument("dev_index", type=Path, help="index root built from tests/eval/dev/corpus")
    parser.add_argument("seed_index", type=Path, help="index root built from corpus/")
    parser.add_argument(
        "--pages",
        type=Path,
        default=None,
        metavar="PAGES_ROOT",
        help="also the web-page tester sets: PAGES_ROOT/a .. PAGES_ROOT/d, index roots built from "
        "tests/eval/pages/a/corpus .. d/corpus",
    )


def labelled_sets(dev_index: Path, seed_index: Path, pages_root: Path | None = None) -> list[LabelledSet]:
    """The development and seed sets with their indexes, then the page sets when `pages_root` is given."""
    sets = [
        LabelledSet("dev", ROOT / "tests/eval/dev/questions.jsonl", ROOT / "tests/eval/dev/corpus", dev_index),
        LabelledSet("seed", ROOT / "tests/eval/questions.jsonl", ROOT / "corpus", seed_index),
    ]
    if pages_root is not None:
        for name in PAGE_SETS:
            folder = ROOT / "tests/eval/pages" / name
            sets.append(LabelledSet(f"pages-{name}", folder / "questions.jsonl", folder / "corpus", pages_root / name))
    return sets
