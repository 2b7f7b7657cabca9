"""Which labelled sets the fitting scripts read: by default the page sets the shipped models
were fitted on, so `scripts/fit_scoring.py --pages` reproduces them; `--page-sets` names others."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from scripts.labelled_sets import (
    FITTED_PAGE_SETS,
    PAGE_SETS,
    ROOT,
    add_index_arguments,
    labelled_sets,
    page_set_names,
)
from tests.eval.pages.assign_splits import SETS


def _parsed(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_index_arguments(parser)
    return parser.parse_args(["/tmp/dev", "/tmp/seed", *argv])


def test_every_page_set_folder_is_known_and_the_fitted_ones_are_among_them() -> None:
    folders = sorted(p.name for p in (ROOT / "tests/eval/pages").iterdir() if (p / "questions.jsonl").is_file())
    assert folders == list(PAGE_SETS) == list(SETS)
    assert FITTED_PAGE_SETS == ("a", "b", "c", "d")


def test_pages_without_page_sets_reads_the_sets_the_shipped_models_were_fitted_on() -> None:
    args = _parsed("--pages", "/tmp/pages")
    sets = labelled_sets(args.dev_index, args.seed_index, args.pages, args.page_sets)
    assert [s.name for s in sets] == ["dev", "seed", "pages-a", "pages-b", "pages-c", "pages-d"]
    assert sets[2].index == Path("/tmp/pages/a")
    assert sets[2].questions == ROOT / "tests/eval/pages/a/questions.jsonl"


def test_page_sets_names_the_sets_read_in_the_order_given() -> None:
    args = _parsed("--pages", "/tmp/pages", "--page-sets", "ih")
    sets = labelled_sets(args.dev_index, args.seed_index, args.pages, args.page_sets)
    assert [s.name for s in sets] == ["dev", "seed", "pages-i", "pages-h"]
    assert [s.index for s in sets[2:]] == [Path("/tmp/pages/i"), Path("/tmp/pages/h")]


def test_no_pages_reads_only_the_development_and_seed_sets() -> None:
    args = _parsed("--page-sets", "e")
    sets = labelled_sets(args.dev_index, args.seed_index, args.pages, args.page_sets)
    assert [s.name for s in sets] == ["dev", "seed"]


@pytest.mark.parametrize("text", ["", "az", "aa", "a b"])
def test_page_sets_refuses_a_letter_naming_no_set_or_a_set_twice(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as error:
        page_set_names(text)
    assert str(error.value) == f"page sets must be distinct letters among abcdefghi, got {text!r}"
