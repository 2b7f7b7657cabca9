"""Which labelled sets the fitting scripts read: by default the page sets the shipped models
were fitted on, so `scripts/fit_scoring.py --pages` reproduces them; `--page-sets` names others."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

import pytest

import scripts.abstention_cv
import scripts.fit_scoring
import scripts.ranker_cv
from scripts.labelled_sets import (
    FITTED_PAGE_SETS,
    PAGE_SETS,
    ROOT,
    add_index_arguments,
    chosen_sets,
    page_set_names,
    parse_index_arguments,
)
from tests.eval.pages.assign_splits import SETS


def _parsed(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_index_arguments(parser)
    return parse_index_arguments(parser, ["/tmp/dev", "/tmp/seed", *argv])


def test_every_page_set_folder_is_known_and_the_fitted_ones_are_among_them() -> None:
    folders = sorted(p.name for p in (ROOT / "tests/eval/pages").iterdir() if (p / "questions.jsonl").is_file())
    assert folders == list(PAGE_SETS) == list(SETS)
    assert FITTED_PAGE_SETS == ("a", "b", "c", "d")


def test_pages_without_page_sets_reads_the_sets_the_shipped_models_were_fitted_on() -> None:
    sets = chosen_sets(_parsed("--pages", "/tmp/pages"))
    assert [s.name for s in sets] == ["dev", "seed", "pages-a", "pages-b", "pages-c", "pages-d"]
    assert sets[2].index == Path("/tmp/pages/a")
    assert sets[2].questions == ROOT / "tests/eval/pages/a/questions.jsonl"


def test_page_sets_names_the_sets_read_in_the_order_given() -> None:
    sets = chosen_sets(_parsed("--pages", "/tmp/pages", "--page-sets", "ih"))
    assert [s.name for s in sets] == ["dev", "seed", "pages-i", "pages-h"]
    assert [s.index for s in sets[2:]] == [Path("/tmp/pages/i"), Path("/tmp/pages/h")]


def test_no_pages_reads_only_the_development_and_seed_sets() -> None:
    assert [s.name for s in chosen_sets(_parsed())] == ["dev", "seed"]


def test_page_sets_without_pages_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        _parsed("--page-sets", "e")
    assert stopped.value.code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith("error: --page-sets needs --pages PAGES_ROOT, the folder of the page sets' indexes")
    )


def test_page_sets_reads_letters_names_set_apart_by_commas_or_all() -> None:
    assert page_set_names("abcd") == ("a", "b", "c", "d")
    assert page_set_names("y, z,za") == ("y", "z", "za")
    assert page_set_names("all") == PAGE_SETS


KNOWN = ", ".join(PAGE_SETS)
HOW = "(letters run together, names set apart by commas, or all), e.g. --page-sets abcd"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("aq9", f"'9' names no page set: give some of {KNOWN} {HOW}"),
        ("a,,b", f"'' names no page set: give some of {KNOWN} {HOW}"),
        ("ABCD", f"'A' names no page set: give some of {KNOWN} {HOW}"),
        ("aba", "page set 'a' is named twice"),
        ("y,z,y", "page set 'y' is named twice"),
        ("", f"no page set named: give some of {KNOWN}, or all"),
    ],
)
def test_page_sets_refuses_a_name_naming_no_set_or_a_set_twice_naming_it(text: str, message: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as error:
        page_set_names(text)
    assert str(error.value) == message


class _Chosen(Exception):
    """Raised by the stand-in for `chosen_sets`, carrying the arguments it was given."""

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.parsed = args


def _raise_chosen(args: argparse.Namespace) -> list[object]:
    raise _Chosen(args)


@pytest.mark.parametrize("script", [scripts.fit_scoring, scripts.abstention_cv, scripts.ranker_cv])
def test_each_fitting_script_reads_the_sets_its_page_sets_name(
    script: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(script, "load_embedder", lambda settings: None)
    monkeypatch.setattr(script, "chosen_sets", _raise_chosen)
    monkeypatch.setattr(sys, "argv", ["script", "/tmp/dev", "/tmp/seed", "--pages", "/tmp/p", "--page-sets", "eh"])
    with pytest.raises(_Chosen) as chosen:
        script.main()
    assert [s.name for s in chosen_sets(chosen.value.parsed)] == ["dev", "seed", "pages-e", "pages-h"]
