"""The labelled sets the shipped models are fitted and cross-validated on, each with its index.

A labelled set is a question file asked of one corpus only: the development set
(`tests/eval/dev/`), the seed document's set (`tests/eval/questions.jsonl` over `corpus/`)
and, with `--pages`, web-page tester sets (`tests/eval/pages/a` .. `i`, see
`tests/eval/README.md`). The scripts read only the `fit` split of each. By default the
page sets are those the shipped models were fitted on (`FITTED_PAGE_SETS`), so
`scripts/fit_scoring.py --pages` reproduces `qa/data/*.json`; `--page-sets` names others.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every page set in tests/eval/pages, and the ones the shipped models were fitted on: sets
# e .. i came after scoring version 14, and a refit with e .. g was measured no better on
# the check splits (tests/eval/README.md), so the shipped models keep a .. d.
PAGE_SETS = ("a", "b", "c", "d", "e", "f", "g", "h", "i")
FITTED_PAGE_SETS = ("a", "b", "c", "d")


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
        help="also the web-page tester sets: PAGES_ROOT/a, PAGES_ROOT/b, ..., index roots built from "
        "tests/eval/pages/a/corpus, tests/eval/pages/b/corpus, ...",
    )
    parser.add_argument(
        "--page-sets",
        type=page_set_names,
        default=FITTED_PAGE_SETS,
        metavar="NAMES",
        help=f"with --pages, which sets, as letters (default {''.join(FITTED_PAGE_SETS)}, those the shipped "
        f"models were fitted on; all: {''.join(PAGE_SETS)})",
    )


def page_set_names(text: str) -> tuple[str, ...]:
    """`--page-sets` read: letters naming sets of tests/eval/pages ("abcd" -> ("a", "b", "c",
    "d")), in the order given. Raises argparse.ArgumentTypeError for an empty value, a letter
    naming no set, or a set named twice."""
    names = tuple(text.strip())
    unknown = [n for n in names if n not in PAGE_SETS]
    if not names or unknown or len(set(names)) != len(names):
        raise argparse.ArgumentTypeError(f"page sets must be distinct letters among {''.join(PAGE_SETS)}, got {text!r}")
    return names


def labelled_sets(
    dev_index: Path,
    seed_index: Path,
    pages_root: Path | None = None,
    page_sets: tuple[str, ...] = FITTED_PAGE_SETS,
) -> list[LabelledSet]:
    """The development and seed sets with their indexes, then, when `pages_root` is given,
    the page sets named in `page_sets` (index `pages_root / name` each)."""
    sets = [
        LabelledSet("dev", ROOT / "tests/eval/dev/questions.jsonl", ROOT / "tests/eval/dev/corpus", dev_index),
        LabelledSet("seed", ROOT / "tests/eval/questions.jsonl", ROOT / "corpus", seed_index),
    ]
    if pages_root is not None:
        for name in page_sets:
            folder = ROOT / "tests/eval/pages" / name
            sets.append(LabelledSet(f"pages-{name}", folder / "questions.jsonl", folder / "corpus", pages_root / name))
    return sets
