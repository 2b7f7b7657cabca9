"""The out-of-bag estimate `qa calibrate` prints: how its abstention fit does on questions it did not see."""

from __future__ import annotations

import numpy as np
import pytest

from qa.fitting import HeldOutRates, held_out_line, held_out_rates
from qa.policy import EVIDENCE_FEATURES


def _rows(values: list[float]) -> list[dict[str, float]]:
    """Evidence rows whose features are all 0 but the sentence cosine (a feature the model keeps non-negative)."""
    return [{f: (v if f == "sentence_cos" else 0.0) for f in EVIDENCE_FEATURES} for v in values]


def test_evidence_that_separates_the_two_kinds_withholds_and_answers_nothing_wrongly_out_of_bag() -> None:
    answerable = [True] * 30 + [False] * 20
    rows = _rows([0.9 + 0.001 * i for i in range(30)] + [0.1 + 0.001 * i for i in range(20)])
    rates = held_out_rates(rows, answerable)
    assert rates == HeldOutRates(resamples=50, withheld=(0.0, 0.0, 0.0), answered=(0.0, 0.0, 0.0), used=50)


def test_evidence_that_says_nothing_gives_wide_ranges_and_the_same_figures_for_the_same_set() -> None:
    rng = np.random.default_rng(7)
    answerable = [True] * 15 + [False] * 10
    rows = _rows(list(rng.random(25)))
    rates = held_out_rates(rows, answerable)
    assert rates is not None
    assert rates.withheld[2] - rates.withheld[1] >= 0.3
    assert rates.answered[2] - rates.answered[1] >= 0.3
    assert held_out_rates(rows, answerable) == rates
    assert held_out_rates(rows, answerable, seed=1) != rates


def test_a_set_with_one_question_of_each_kind_leaves_none_out_and_gives_no_estimate() -> None:
    assert held_out_rates(_rows([0.9, 0.1]), [True, False]) is None


def test_fewer_than_ten_distinct_questions_of_a_kind_give_no_estimate_however_well_they_separate() -> None:
    nine = [True] * 9 + [False] * 20
    assert (
        held_out_rates(_rows([0.9 + 0.001 * i for i in range(9)] + [0.1 + 0.001 * i for i in range(20)]), nine) is None
    )
    ten = [True] * 10 + [False] * 20
    assert held_out_rates(_rows([0.9 + 0.001 * i for i in range(10)] + [0.1 + 0.001 * i for i in range(20)]), ten)


def test_a_question_given_many_times_counts_once() -> None:
    copies = [True] * 12 + [False] * 12
    assert held_out_rates(_rows([0.9] * 12 + [0.1] * 12), copies) is None


@pytest.mark.parametrize(
    ("answerable", "resamples", "message"),
    [
        ([True, True], 50, "the held-out estimate needs answerable and unanswerable questions"),
        ([True, False], 0, "resamples must be at least 1, got 0"),
    ],
)
def test_held_out_rates_refuses_a_set_it_cannot_estimate_on(
    answerable: list[bool], resamples: int, message: str
) -> None:
    with pytest.raises(ValueError) as error:
        held_out_rates(_rows([0.5, 0.5]), answerable, resamples=resamples)
    assert str(error.value) == message


def test_the_held_out_line_gives_each_rate_with_its_range_or_says_to_label_more() -> None:
    rates = HeldOutRates(resamples=50, withheld=(0.17, 0.083, 0.29), answered=(0.42, 0.18, 0.571), used=47)
    assert held_out_line(rates) == (
        "held out (47 of 50 bootstrap refits, out-of-bag median and 10th-90th percentile): answerable withheld "
        "0.17 (0.08-0.29), unanswerable answered 0.42 (0.18-0.57); a wide range means too few labelled questions"
    )
    assert held_out_line(None) == (
        "held out: too few questions to estimate how the fit does on new ones (fewer than 10 distinct "
        "answerable or unanswerable): label more of each kind"
    )
