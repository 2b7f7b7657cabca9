"""The labelled sets the shipped models are fitted and cross-validated on, each with its index.

A labelled set is a question file asked of one corpus only: the development set
(`tests/eval/dev/`), the seed document's set (`tests/eval/questions.jsonl` over `corpus/`)
and, with `--pages`, web-page tester sets (`tests/eval/pages/a` .. `r`, see
`tests/eval/README.md`); `web_page_set` gives the web-page set (`tests/eval/html/`). The
fitting scripts read only the `fit` split of each; `scripts/pooled_eval.py` reports on
any split. By default the page sets are those the shipped models were fitted on
(`FITTED_PAGE_SETS`), so `scripts/fit_scoring.py --pages` reproduces `qa/data/*.json`;
`--page-sets` names others.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every page set in tests/eval/pages (each folder with a questions.jsonl), and the ones
# the shipped models were fitted on: sets e onward came after the models were fitted
# (scoring version 14), and refits with e .. g and with e .. k added were measured no
# better on the check splits (README.md, after the scoring version 14 figures), so the
# shipped models keep a .. d.
PAGE_SETS = tuple(
    sorted(p.name for p in (ROOT / "tests" / "eval" / "pages").iterdir() if (p / "questions.jsonl").is_file())
)
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
        default=None,
        metavar="SETS",
        help=f"with --pages, which sets: letters run together, names set apart by commas, or all (default "
        f"{''.join(FITTED_PAGE_SETS)}, those the shipped models were fitted on; all: {', '.join(PAGE_SETS)})",
    )


def page_set_names(text: str) -> tuple[str, ...]:
    """`--page-sets` read: "all" (every set, `PAGE_SETS`), names set apart by commas
    ("y,z,za"), or letters run together, each naming a one-letter set ("abcd" -> ("a", "b",
    "c", "d")); in the order given. Raises argparse.ArgumentTypeError naming the first name
    that names no set or a set named twice, or saying that the value is empty."""
    if text == "all":
        return PAGE_SETS
    names = tuple(part.strip() for part in text.split(",")) if "," in text else tuple(text)
    known = ", ".join(PAGE_SETS)
    seen: set[str] = set()
    for name in names:
        if name not in PAGE_SETS:
            raise argparse.ArgumentTypeError(
                f"{name!r} names no page set: give some of {known} (letters run together, names set apart "
                "by commas, or all), e.g. --page-sets abcd"
            )
        if name in seen:
            raise argparse.ArgumentTypeError(f"page set {name!r} is named twice")
        seen.add(name)
    if not names:
        raise argparse.ArgumentTypeError(f"no page set named: give some of {known}, or all")
    return names


def parse_index_arguments(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> argparse.Namespace:
    """`parser.parse_args(argv)`, refusing `--page-sets` without `--pages` (argparse's usage
    error, exit status 2): the sets would not be read."""
    args = parser.parse_args(argv)
    if args.page_sets is not None and args.pages is None:
        parser.error("--page-sets needs --pages PAGES_ROOT, the folder of the page sets' indexes")
    return args


def chosen_sets(args: argparse.Namespace) -> list[LabelledSet]:
    """The labelled sets the parsed arguments name (`parse_index_arguments`): the development
    and seed sets, then with `--pages` the page sets of `--page-sets`, by default
    `FITTED_PAGE_SETS`."""
    return labelled_sets(args.dev_index, args.seed_index, args.pages, args.page_sets or FITTED_PAGE_SETS)


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
        pages = ROOT / "tests/eval/pages"
        sets += [_folder_set(f"pages-{name}", pages / name, pages_root / name) for name in page_sets]
    return sets


def web_page_set(index: Path) -> LabelledSet:
    """The web-page set (`tests/eval/html/`: questions.jsonl over corpus/, all `check`) with its index."""
    return _folder_set("html", ROOT / "tests/eval/html", index)


def _folder_set(name: str, folder: Path, index: Path) -> LabelledSet:
    """A labelled set kept as a folder holding `questions.jsonl` and `corpus/`."""
    return LabelledSet(name, folder / "questions.jsonl", folder / "corpus", index)
