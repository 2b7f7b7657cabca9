"""The abstention cross-validation script's pure parts (scripts/abstention_cv.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from qa.evaluation import load_questions
from qa.policy import EVIDENCE_FEATURES
from scripts.abstention_cv import cross_validate, holdout_group


def test_questions_are_held_out_with_their_document_and_a_file_without_documents_is_one_group(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    base = {"language": "da", "question": "Hvad?", "answerable": False, "gold": []}
    rows = [{"id": "a", "doc": "nordby", **base}, {"id": "b", "doc": "nordby", **base}, {"id": "c", **base}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    groups = {q.id: holdout_group(q, "dev") for q in load_questions(path)}
    assert groups == {"a": "dev:nordby", "b": "dev:nordby", "c": "dev"}


def test_a_feature_that_separates_the_held_out_questions_scores_perfectly_and_noise_does_not() -> None:
    rng = np.random.default_rng(0)
    rows, answerable, languages, groups = [], [], [], []
    for doc in range(20):
        for k in range(6):
            label = k % 3 != 0
            row = {f: float(rng.normal()) for f in EVIDENCE_FEATURES}
            row["agreement"] = 1.0 if label else 0.0
            rows.append(row)
            answerable.append(label)
            languages.append("da" if k % 2 else "en")
            groups.append(f"doc{doc}")
    table = cross_validate(rows, answerable, answerable, languages, groups, EVIDENCE_FEATURES, folds=5, shuffles=2)
    assert table == {
        "da": {"auc": 1.0, "false_abstention": 0.0, "unanswerable_abstained": 1.0, "answer_accuracy": 1.0},
        "en": {"auc": 1.0, "false_abstention": 0.0, "unanswerable_abstained": 1.0, "answer_accuracy": 1.0},
    }
    noise = tuple(f for f in EVIDENCE_FEATURES if f != "agreement")
    for row in cross_validate(rows, answerable, answerable, languages, groups, noise, folds=5, shuffles=2).values():
        assert 0.2 < row["auc"] < 0.8


def test_a_wrong_pick_is_withheld_when_the_model_learns_right_answers_and_answered_when_it_learns_answerable() -> None:
    # Per document: two right answers (agreement 1), two answerable questions whose pick is
    # wrong and two unanswerable ones (agreement 0 for both, sentence_cos 1 for the wrong picks).
    rows, right, answerable, languages, groups = [], [], [], [], []
    for doc in range(20):
        for kind in ("right", "right", "wrong", "wrong", "none", "none"):
            row = dict.fromkeys(EVIDENCE_FEATURES, 0.0)
            row["agreement"] = 1.0 if kind == "right" else 0.0
            row["sentence_cos"] = 1.0 if kind == "wrong" else 0.0
            rows.append(row)
            right.append(kind == "right")
            answerable.append(kind != "none")
            languages.append("da")
            groups.append(f"doc{doc}")
    learnt_right = cross_validate(rows, right, answerable, languages, groups, EVIDENCE_FEATURES, 5, 2)["da"]
    learnt_answerable = cross_validate(rows, right, answerable, languages, groups, EVIDENCE_FEATURES, 5, 2, True)["da"]
    # Learning right answers withholds the wrong picks (half the answerable questions) with
    # the unanswerable ones; learning answerable answers them, right or not.
    assert learnt_right["false_abstention"] == 0.5 and learnt_right["unanswerable_abstained"] == 1.0
    assert learnt_answerable["false_abstention"] == 0.0 and learnt_answerable["unanswerable_abstained"] == 1.0
    # Either way, the right answers (half the answerable questions) are answered.
    assert learnt_right["answer_accuracy"] == learnt_answerable["answer_accuracy"] == 0.5
