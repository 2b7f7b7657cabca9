"""The abstention model learns whether the quoted answer is right; its cut is chosen between
answerable and unanswerable questions."""

from __future__ import annotations

import pytest

import qa.fitting
from qa.engine import QAEngine
from qa.evaluation import EvalQuestion, EvalSetError
from qa.fitting import fit_abstention, fit_models, held_out_rates, labelled_evidence
from qa.policy import EVIDENCE_FEATURES


def _rows(values: list[float]) -> list[dict[str, float]]:
    """Evidence rows whose features are all 0 but the sentence cosine (kept non-negative by its sign)."""
    return [{f: (v if f == "sentence_cos" else 0.0) for f in EVIDENCE_FEATURES} for v in values]


def test_an_answerable_question_with_a_wrong_answer_is_learnt_as_one_to_withhold() -> None:
    # 20 right answers with high evidence, 10 answerable questions whose pick is wrong and
    # 10 unanswerable ones, both with low evidence: the right-answer label puts the wrong
    # picks with the unanswerable questions, the answerable label would have put them with the right ones.
    rows = _rows([0.8 + 0.005 * i for i in range(20)] + [0.2 + 0.005 * i for i in range(20)])
    right = [True] * 20 + [False] * 20
    answerable = [True] * 30 + [False] * 10
    model, cut = fit_abstention(rows, right, answerable, "test", 1.0)
    right_probability = min(model.probability(r) for r in rows[:20])
    wrong_probability = max(model.probability(r) for r in rows[20:30])
    assert right_probability > 0.5 > wrong_probability
    # The cut is chosen on answerable against unanswerable: it lies between the right answers
    # and everything below them, so the wrong picks are withheld with the unanswerable questions.
    assert wrong_probability < cut <= right_probability


def test_labels_of_another_length_than_the_evidence_are_refused() -> None:
    rows = _rows([0.9, 0.1, 0.5])
    with pytest.raises(ValueError, match="one right and one answerable flag per evidence row"):
        fit_abstention(rows, [True, False], [True, False, False], "test", 1.0)
    with pytest.raises(ValueError, match="one right flag per evidence row"):
        held_out_rates(rows, [True, False, False], right=[True])


def test_held_out_rates_count_a_wrong_pick_of_an_answerable_question_as_withheld_when_its_evidence_is_low() -> None:
    rows = _rows([0.9 + 0.001 * i for i in range(30)] + [0.1 + 0.001 * i for i in range(30)])
    answerable = [True] * 40 + [False] * 20
    right = [True] * 30 + [False] * 30
    rates = held_out_rates(rows, answerable, right=right)
    assert rates is not None
    # A quarter of the answerable questions (10 of 40) have a wrong pick and low evidence: withheld.
    assert rates.withheld[0] == pytest.approx(0.25, abs=0.1)
    assert rates.answered[0] == 0.0


def test_labelled_evidence_calls_an_answer_right_only_when_its_quote_overlaps_the_gold(fake_engine: QAEngine) -> None:
    question = "Hvornår blev Digital Post obligatorisk?"
    trace = fake_engine.trace(question, depth=5)
    first, last = fake_engine.data.sentences[trace.quoted[0]], fake_engine.data.sentences[trace.quoted[-1]]
    quoted_text = fake_engine.document(first.doc_id).text[first.start : last.end]
    other = next(
        s for s in fake_engine.data.sentences if s.doc_id != first.doc_id or s.end <= first.start or s.start >= last.end
    )
    other_text = fake_engine.document(other.doc_id).text[other.start : other.end]
    assert other_text not in quoted_text

    def asked(qid: str, answerable: bool, gold: tuple[str, ...]) -> EvalQuestion:
        return EvalQuestion(qid, "da", question, answerable, gold, "fit")

    questions = [asked("quoted", True, (quoted_text,)), asked("other", True, (other_text,)), asked("none", False, ())]
    labels = {q.id: right for q, _, right in labelled_evidence([(fake_engine, questions)])}
    assert labels == {"quoted": True, "other": False, "none": False}


def test_a_question_given_twice_with_different_gold_counts_once() -> None:
    # 6 distinct answerable questions, each given twice (its quote right for one gold and
    # wrong for the other), and 10 unanswerable ones: fewer than 10 distinct answerable
    # questions, so there is no estimate, as without the right labels.
    rows = _rows([0.9 + 0.01 * i for i in range(6)] * 2 + [0.1 + 0.01 * i for i in range(10)])
    answerable = [True] * 12 + [False] * 10
    right = [True] * 6 + [False] * 6 + [False] * 10
    assert held_out_rates(rows, answerable) is None
    assert held_out_rates(rows, answerable, right=right) is None


def test_an_answerable_question_whose_gold_is_not_in_its_corpus_is_refused(fake_engine: QAEngine) -> None:
    asked = "Hvornår blev Digital Post obligatorisk?"
    question = EvalQuestion("typo", "da", asked, True, ("Dette står ikke her.",), "fit")
    with pytest.raises(EvalSetError, match='no "gold" string of the question "typo" is in the corpus'):
        list(labelled_evidence([(fake_engine, [question])]))


def test_a_set_where_no_answer_is_right_says_what_to_check(fake_engine: QAEngine) -> None:
    # Each answerable question's gold is a sentence the service does not quote for it.
    asked = ["Hvornår blev Digital Post obligatorisk?", "Hvad er NemKonto?", "Hvad er MitID?", "Hvem laver strategien?"]
    questions = []
    for n, text in enumerate(asked):
        trace = fake_engine.trace(text, depth=5)
        quoted = {fake_engine.data.sentences[i].text for i in trace.quoted}
        gold = next(s.text for s in fake_engine.data.sentences if s.text not in quoted and len(s.text) > 40)
        questions.append(EvalQuestion(f"a{n}", "da", text, True, (gold,), "fit"))
    questions += [EvalQuestion(f"u{n}", "da", q, False, (), "fit") for n, q in enumerate(["Hvad koster et pas?"] * 3)]
    expected = r"none of the 4 answerable questions is answered with its gold.*`qa ask QUESTION`"
    with pytest.raises(ValueError, match=expected):
        fit_models([(fake_engine, questions)], "test", refit_reader=False)


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[bool], list[bool], list[float]]]:
    """Record the (right, answerable) labels and the sentence cosines of every
    `fit_abstention` call, then fit as usual."""
    calls: list[tuple[list[bool], list[bool], list[float]]] = []
    original = qa.fitting.fit_abstention

    def recorded(rows, right, answerable, fitted_on, cost):  # type: ignore[no-untyped-def]
        calls.append((list(right), list(answerable), [row["sentence_cos"] for row in rows]))
        return original(rows, right, answerable, fitted_on, cost)

    monkeypatch.setattr(qa.fitting, "fit_abstention", recorded)
    return calls


def test_fit_models_learns_the_right_answers_not_the_answerable_questions(
    fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = ["Hvornår blev Digital Post obligatorisk?", "Hvad er NemKonto?", "Hvad er MitID?", "Hvem laver strategien?"]
    questions = []
    for n, text in enumerate(asked):
        trace = fake_engine.trace(text, depth=5)
        quoted = [fake_engine.data.sentences[i].text for i in trace.quoted]
        # The first two quote their gold, the last two are given a sentence they do not quote.
        gold = quoted[0] if n < 2 else next(s.text for s in fake_engine.data.sentences if s.text not in quoted)
        questions.append(EvalQuestion(f"a{n}", "da", text, True, (gold,), "fit"))
    questions += [EvalQuestion(f"u{n}", "da", q, False, (), "fit") for n, q in enumerate(["Hvad koster et pas?"] * 3)]
    calls = _recording(monkeypatch)
    report = fit_models([(fake_engine, questions)], "test", refit_reader=False)
    assert [(rights, flags) for rights, flags, _ in calls] == [
        ([True, True, False, False, False, False, False], [True] * 4 + [False] * 3)
    ]
    assert report.abstention.extra["right"] == 2 and report.abstention.extra["answerable"] == 4


def test_held_out_refits_learn_the_right_labels_and_a_copy_is_right_when_any_copy_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 12 answerable questions given twice (cosine 0.9..), right in one copy only, the
    # first copy for half of them and the second for the others; 10 answerable questions
    # whose pick is wrong (0.5..); 12 unanswerable ones (0.1..).
    pairs = [0.9 + 0.001 * i for i in range(12)]
    rows = _rows(pairs * 2 + [0.5 + 0.001 * i for i in range(10)] + [0.1 + 0.001 * i for i in range(12)])
    answerable = [True] * 34 + [False] * 12
    right = [i % 2 == 0 for i in range(12)] + [i % 2 == 1 for i in range(12)] + [False] * 22
    calls = _recording(monkeypatch)
    assert held_out_rates(rows, answerable, right=right, resamples=3) is not None
    for rights, flags, cosines in calls:
        # Each refit draws 22 distinct answerable questions and 12 others; a question given
        # twice is right (one of its copies is), a wrong pick is learnt as wrong.
        assert len(flags) == 34 and sum(flags) == 22
        assert rights == [cos >= 0.9 for cos in cosines]
