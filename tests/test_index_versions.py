"""Versions (list, use, prune, retention), incremental rebuilds through the embedding cache,
and the evaluation gate."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import qa.index
import qa.pipeline
import qa.truecasing
from qa.chunking import ChunkingOptions
from qa.documents import Document, read_corpus
from qa.embedder import BatchDone
from qa.embedding_cache import CACHE_FOLDER, EmbeddingCache
from qa.index import build, live_version, load_live_index, sentence_context
from qa.index_errors import GateError, IndexCorruptError, IndexMismatchError, VersionNotFoundError
from qa.manifest import Changes, EmbeddingStats, MetricsTable
from qa.pipeline import BuildOptions, Drop, build_documents, drop_table, gate, run_build, usable_questions
from qa.versions import list_versions, prune, use_version
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, build_for_old_scoring, old_scoring_message
from tests.generated_documents import write_guide_pdf

EVAL_SET = Path(__file__).resolve().parent / "eval" / "questions.jsonl"


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the passages it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.passages = 0

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        self.passages += len(texts)
        return super().encode_passages(texts, show_progress, on_batch)


def _write_corpus(folder: Path, docs: dict[str, str]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, body in docs.items():
        (folder / f"{name}.md").write_text(f"---\ntitle: {name.title()}\nlanguage: da\n---\n{body}\n")
    return folder


DOC_A = "# Digital Post\n\nDigital Post blev obligatorisk i 2014. Alle borgere over 15 år får posten digitalt."
DOC_A2 = "# Digital Post\n\nDigital Post blev obligatorisk i 2014. Posten kan læses på borger.dk og i en app."
DOC_B = "# NemKonto\n\nNemKonto er en almindelig bankkonto. Det offentlige udbetaler penge til den."
DOC_C = "# MitID\n\nMitID afløste NemID i 2021. Man bruger det til at logge på offentlige selvbetjeninger."


def _passages(docs: list[Document]) -> set[str]:
    from qa.chunking import ChunkingOptions, chunk_document

    texts: set[str] = set()
    for doc in docs:
        chunks, sentences = chunk_document(doc, ChunkingOptions(), 0, 0)
        texts |= {c.context() for c in chunks} | {sentence_context(chunks[s.chunk_index], s) for s in sentences}
    return texts


def test_versions_are_listed_oldest_first_with_the_live_one_marked(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    second = build(corpus_documents, FakeEmbedder(), tmp_path)
    listed = list_versions(tmp_path)
    assert [(v.version, v.documents, v.chunks, v.live, v.problem) for v in listed] == [
        (first.version, 1, 7, False, None),
        (second.version, 1, 7, True, None),
    ]
    assert listed[1].created == second.manifest.built_at


def test_use_rolls_back_in_one_step_and_refuses_a_damaged_or_unknown_version(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    second = build(corpus_documents, FakeEmbedder(), tmp_path)
    use_version(tmp_path, first.version)
    assert live_version(tmp_path) == first.version
    assert load_live_index(tmp_path, FakeEmbedder().identity).version == first.version
    (tmp_path / second.version / "sentences.jsonl").write_text("")
    with pytest.raises(IndexCorruptError, match=r"sentences.jsonl is damaged \(0 bytes, the manifest says \d+\)"):
        use_version(tmp_path, second.version)
    assert live_version(tmp_path) == first.version
    with pytest.raises(VersionNotFoundError) as info:
        use_version(tmp_path, "../etc")
    assert str(info.value) == (
        f"no index version '../etc' in {tmp_path}/ (versions: {first.version}, {second.version}): see `qa index list`"
    )


def test_prune_keeps_the_newest_and_never_the_live_version(tmp_path: Path, corpus_documents: list[Document]) -> None:
    versions = [build(corpus_documents, FakeEmbedder(), tmp_path).version for _ in range(4)]
    use_version(tmp_path, versions[0])
    removed = prune(tmp_path, keep=1)
    assert removed == versions[1:3]
    assert [v.version for v in list_versions(tmp_path)] == [versions[0], versions[3]]
    assert live_version(tmp_path) == versions[0]
    with pytest.raises(ValueError, match="--keep must be at least 1"):
        prune(tmp_path, keep=0)


def test_retention_is_applied_after_each_build(tmp_path: Path, corpus_documents: list[Document]) -> None:
    built = [build_documents(corpus_documents, FakeEmbedder(), tmp_path, BuildOptions(keep=2)) for _ in range(3)]
    assert built[2].pruned == [built[0].data.version]
    assert [v.version for v in list_versions(tmp_path)] == [b.data.version for b in built[1:]]


def test_rebuild_of_an_unchanged_corpus_embeds_nothing(tmp_path: Path, corpus_documents: list[Document]) -> None:
    embedder = CountingEmbedder()
    first = build_documents(corpus_documents, embedder, tmp_path)
    assert embedder.passages == 27
    again = build_documents(corpus_documents, embedder, tmp_path)
    assert embedder.passages == 27
    assert again.manifest.embedding == EmbeddingStats(passages=27, embedded=0, cached=27)
    assert again.changes == Changes(previous=first.data.version)
    np.testing.assert_array_equal(again.data.sentence_vectors, first.data.sentence_vectors)
    np.testing.assert_array_equal(again.data.chunk_vectors, first.data.chunk_vectors)


def test_rebuild_embeds_only_new_or_changed_passages_and_reports_the_documents(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    embedder = CountingEmbedder()
    first = run_build(corpus, embedder, tmp_path / "index")
    before = _passages(read_corpus(corpus).documents)
    assert embedder.passages == len(before) == 6
    _write_corpus(corpus, {"a": DOC_A2, "c": DOC_C})
    second = run_build(corpus, embedder, tmp_path / "index")
    new = _passages(read_corpus(corpus).documents) - before
    assert second.changes == Changes(previous=first.data.version, added=("c",), changed=("a",), removed=("b",))
    assert second.manifest.embedding == EmbeddingStats(passages=6, embedded=len(new), cached=6 - len(new))
    assert (embedder.passages - 6, len(new)) == (5, 5)
    assert "documents against " + first.data.version + ": 1 added, 1 changed, 1 removed" in second.summary_lines()


def test_a_passage_repeated_within_a_build_is_embedded_once_and_reported_as_a_repeat(tmp_path: Path) -> None:
    # Both documents hold the sentence "Om: Samme sætning om fristen." (heading and text).
    docs = {name: f"# Om\n\nSamme sætning om fristen. {name.title()} har sin egen." for name in ("a", "b")}
    corpus = _write_corpus(tmp_path / "corpus", docs)
    embedder = CountingEmbedder()
    report = run_build(corpus, embedder, tmp_path / "index")
    assert report.manifest.embedding == EmbeddingStats(passages=6, embedded=5, cached=0)
    assert embedder.passages == 5
    assert "embedded 5 of 6 passages (0 from the embedding cache, 1 repeating a passage of this build)" in (
        report.summary_lines()
    )


def test_a_damaged_cache_segment_is_ignored_and_its_passages_embedded_again(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    embedder = CountingEmbedder()
    first = build_documents(corpus_documents, embedder, tmp_path)
    cache = EmbeddingCache(tmp_path, embedder.identity, embedder.dimension)
    (segment,) = cache.folder.glob("seg-*.npy")
    data = bytearray(segment.read_bytes())
    data[-5] ^= 0x10
    segment.write_bytes(bytes(data))
    assert len(cache.load()) == 0
    again = build_documents(corpus_documents, embedder, tmp_path)
    assert again.manifest.embedding == EmbeddingStats(passages=27, embedded=27, cached=0)
    np.testing.assert_array_equal(again.data.sentence_vectors, first.data.sentence_vectors)
    assert (tmp_path / CACHE_FOLDER).is_dir()


def test_cache_is_compacted_to_one_segment_after_many_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    embedder = CountingEmbedder()
    for n in range(10):
        _write_corpus(corpus, {"a": DOC_A.replace("2014", str(2000 + n))})
        run_build(corpus, embedder, tmp_path / "index")
    cache = EmbeddingCache(tmp_path / "index", embedder.identity, embedder.dimension).load()
    segments = sorted(cache.folder.glob("seg-*.json"))
    assert (len(segments), len(cache), embedder.passages) == (2, 5, 3 + 9 * 2)


TABLE_LIVE: MetricsTable = {
    "da": {"answer_accuracy": 0.8, "abstention_recall": 0.9},
    "en": {"answer_accuracy": 0.7, "abstention_recall": 0.8},
    "all": {"answer_accuracy": 0.75, "abstention_recall": 0.85},
}


def test_gate_lists_only_metrics_that_fell_beyond_the_tolerance() -> None:
    new: MetricsTable = {
        "da": {"answer_accuracy": 0.78, "abstention_recall": 0.5},
        "en": {"answer_accuracy": 0.6, "abstention_recall": None},
        "all": {"answer_accuracy": 0.75, "abstention_recall": 0.9},
    }
    drops = gate(new, TABLE_LIVE, tolerance=0.02)
    assert drops == [Drop("da", "abstention_recall", 0.9, 0.5), Drop("en", "answer_accuracy", 0.7, 0.6)]
    assert drop_table(drops) == [
        "metric              language      live     new    drop",
        "abstention_recall   da           0.900   0.500   0.400",
        "answer_accuracy     en           0.700   0.600   0.100",
    ]
    assert gate(new, None, 0.02) == []


def test_a_build_that_evaluates_worse_is_not_promoted_unless_forced(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BuildOptions(eval_set=EVAL_SET, tolerance=0.05)
    first = build_documents(corpus_documents, FakeEmbedder(), tmp_path, options)
    assert set(first.evaluation or {}) == {"da", "en", "all"}
    assert first.manifest.evaluation == first.evaluation
    assert first.manifest.evaluation_set == str(EVAL_SET)

    changed = [replace(d, title=d.title + " (ny)") for d in corpus_documents]  # not the live content
    worse = {**TABLE_LIVE, "en": {"answer_accuracy": 0.5, "abstention_recall": 0.8}}
    tables = iter([worse, TABLE_LIVE, worse, TABLE_LIVE])  # new, then live, per build
    monkeypatch.setattr(qa.pipeline, "evaluate_index", lambda *args, **kwargs: next(tables))
    with pytest.raises(GateError) as info:
        build_documents(changed, FakeEmbedder(), tmp_path, options)
    assert str(info.value) == (
        "the new index evaluates worse than the live one by more than 0.05 (QA_EVAL_TOLERANCE); it was not promoted:\n"
        "metric              language      live     new    drop\n"
        "answer_accuracy     en           0.700   0.500   0.200\n"
        "check the corpus change, or run `qa build --force` to promote it anyway"
    )
    assert live_version(tmp_path) == first.data.version
    assert [v.version for v in list_versions(tmp_path)] == [first.data.version]
    forced = build_documents(changed, FakeEmbedder(), tmp_path, BuildOptions(eval_set=EVAL_SET, force=True))
    assert live_version(tmp_path) == forced.data.version
    assert forced.drops == [Drop("en", "answer_accuracy", 0.7, 0.5)]


def test_an_unchanged_rebuild_keeps_the_live_evaluation_without_asking_a_question(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BuildOptions(eval_set=EVAL_SET)
    first = build_documents(corpus_documents, FakeEmbedder(), tmp_path, options)
    calls: list[str] = []
    monkeypatch.setattr(qa.pipeline, "evaluate_index", lambda data, *a, **k: calls.append(data.version) or TABLE_LIVE)
    again = build_documents(corpus_documents, FakeEmbedder(), tmp_path, options)
    assert calls == []
    assert again.live_evaluation == again.evaluation == first.evaluation
    assert again.manifest.evaluation_set_sha256 == first.manifest.evaluation_set_sha256
    changed = [replace(d, title=d.title + " (ny)") for d in corpus_documents]
    build_documents(changed, FakeEmbedder(), tmp_path, options)
    assert calls == ["unbuilt", again.data.version]


def test_questions_whose_gold_is_not_in_the_corpus_are_left_out(corpus_documents: list[Document]) -> None:
    from qa.evaluation import load_questions

    questions = load_questions(EVAL_SET)
    assert len(usable_questions(questions, corpus_documents)) == 112
    assert len(usable_questions(questions, [])) == 34


def test_the_build_chooses_the_vector_index_by_size_and_reports_it(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(6):
        seed = (CORPUS / "20-aars-faelles-digitaliseringsstrategier.md").read_text(encoding="utf-8")
        (corpus / f"copy-{n}.md").write_text(seed + f"\n\nKopi nummer {n}.\n", encoding="utf-8")
    exact = run_build(corpus, CountingEmbedder(), tmp_path / "exact")
    assert exact.manifest.vector_index["kind"] == "flat"
    chunks = exact.manifest.counts.chunks
    assert f"vector index: exact (flat), {chunks} chunks" in exact.summary_lines()
    approximate = run_build(corpus, CountingEmbedder(), tmp_path / "ivf", BuildOptions(exact_up_to=10))
    vector = approximate.manifest.vector_index
    assert vector["kind"] == "ivf" and vector["rows"] == chunks and isinstance(vector["recall_at_10"], float)
    line = next(line for line in approximate.summary_lines() if line.startswith("vector index: "))
    assert line.startswith(f"vector index: ivf with nlist {vector['nlist']}, nprobe {vector['nprobe']}: recall@10 ")


def test_an_unchanged_corpus_is_not_rebuilt_unless_forced(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True, keep=5, eval_set=EVAL_SET)
    first = run_build(corpus, CountingEmbedder(), index, skip)
    assert not first.unchanged
    embedder = CountingEmbedder()
    again = run_build(corpus, embedder, index, skip)
    assert again.unchanged and again.data.version == first.data.version
    assert again.summary_lines() == [
        f"index unchanged: {first.data.version} is live (no document added, changed or removed); use --force to rebuild"
    ]
    assert (embedder.passages, again.evaluation, again.pruned) == (0, None, [])
    assert [v.version for v in list_versions(index)] == [first.data.version]
    forced = run_build(corpus, embedder, index, replace(skip, force=True))
    assert not forced.unchanged and live_version(index) == forced.data.version
    _write_corpus(corpus, {"a": DOC_A2, "b": DOC_B})
    changed = run_build(corpus, embedder, index, skip)
    assert not changed.unchanged and changed.changes.changed == ("a",)
    assert [v.version for v in list_versions(index)] == [first.data.version, forced.data.version, changed.data.version]


def test_an_index_without_a_current_casing_table_is_rebuilt_though_its_corpus_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As after an upgrade: the live index was built before casing.json was stored, so
    # every load would build the table again until a build writes it.
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True)
    with monkeypatch.context() as patched:
        patched.setattr(qa.index, "corpus_casing", lambda *args: None)
        old = run_build(corpus, FakeEmbedder(), index, skip)
    assert not (index / old.data.version / "casing.json").exists()
    upgraded = run_build(corpus, FakeEmbedder(), index, skip)
    assert not upgraded.unchanged and (index / upgraded.data.version / "casing.json").is_file()
    assert run_build(corpus, FakeEmbedder(), index, skip).unchanged
    # The same after a change of the casing rules' version.
    monkeypatch.setattr(qa.truecasing, "CASING_VERSION", qa.truecasing.CASING_VERSION + 1)
    assert not run_build(corpus, FakeEmbedder(), index, skip).unchanged


def test_a_line_made_a_heading_is_a_changed_document_and_rebuilt(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A + "\n\nFritagelse\n\nSøg hos kommunen.", "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True)
    first = run_build(corpus, FakeEmbedder(), index, skip)
    _write_corpus(corpus, {"a": DOC_A + "\n\n## Fritagelse\n\nSøg hos kommunen.", "b": DOC_B})
    again = run_build(corpus, FakeEmbedder(), index, skip)
    assert not again.unchanged
    assert again.changes == Changes(previous=first.data.version, changed=("a",))
    assert again.data.documents["a"].text == first.data.documents["a"].text
    assert [c.heading for c in again.data.chunks if c.doc_id == "a"][-1] == "Fritagelse"


def test_a_pdf_with_a_cover_page_added_is_a_changed_document_with_its_new_pages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_guide_pdf(corpus / "byg.pdf")
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True)
    first = run_build(corpus, FakeEmbedder(), index, skip)
    write_guide_pdf(corpus / "byg.pdf", cover=True)
    again = run_build(corpus, FakeEmbedder(), index, skip)
    assert not again.unchanged
    assert again.changes == Changes(previous=first.data.version, changed=("byg",))
    document = load_live_index(index, FakeEmbedder().identity).documents["byg"]
    assert document.text == first.data.documents["byg"].text
    assert document.page_at(document.text.index("40 dage")) == 3


def test_an_index_whose_document_hashes_leave_out_the_blocks_is_rebuilt_with_every_document_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True)

    def text_only(doc: Document) -> bytes:  # the record hashed before blocks were
        return json.dumps([doc.doc_id, doc.title, doc.language, doc.source, doc.date, doc.text]).encode()

    with monkeypatch.context() as patch:
        patch.setattr(qa.index, "_document_record", text_only)
        old = run_build(corpus, FakeEmbedder(), index, skip)
    again = run_build(corpus, FakeEmbedder(), index, skip)
    assert not again.unchanged
    assert again.changes == Changes(previous=old.data.version, changed=("a", "b"))


def test_a_changed_corpus_loads_the_live_index_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The unchanged check and the evaluation step share one verified load of the live index.
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True, eval_set=EVAL_SET)
    first = run_build(corpus, FakeEmbedder(), index, skip)
    loaded: list[str] = []
    real_load = qa.pipeline.load_index

    def counting_load(folder: Path, *args: object, **kwargs: object) -> object:
        loaded.append(folder.name)
        return real_load(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qa.pipeline, "load_index", counting_load)
    _write_corpus(corpus, {"a": DOC_A2, "b": DOC_B})
    changed = run_build(corpus, FakeEmbedder(), index, skip)
    assert not changed.unchanged
    assert loaded.count(first.data.version) == 1


@pytest.mark.parametrize(
    "other",
    [
        {"chunking": ChunkingOptions(max_chars=300, min_chars=100)},
        {"exact_up_to": 1},
        {"eval_set": None},
        {"calibrate": lambda data: {"fitted": False}},
    ],
    ids=["chunking", "vector-index", "evaluation-set", "calibration"],
)
def test_a_build_with_other_settings_is_not_skipped(tmp_path: Path, other: dict[str, object]) -> None:
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    skip = BuildOptions(skip_unchanged=True, eval_set=EVAL_SET)
    first = run_build(corpus, FakeEmbedder(), tmp_path / "index", skip)
    again = run_build(corpus, FakeEmbedder(), tmp_path / "index", replace(skip, **other))  # type: ignore[arg-type]
    assert not again.unchanged and again.data.version != first.data.version


def test_another_model_scoring_or_a_damaged_live_index_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True)
    first = run_build(corpus, FakeEmbedder(), index, skip).data.version
    other_model = run_build(corpus, FakeEmbedder(name="other-embedder"), index, skip).data.version
    assert other_model != first
    from qa.scoring import scoring_identity

    real = scoring_identity()
    monkeypatch.setattr("qa.scoring.scoring_identity", lambda **models: {**real, "reader_sha256": "0" * 64})
    other_scoring = run_build(corpus, FakeEmbedder(name="other-embedder"), index, skip).data.version
    assert other_scoring != other_model
    monkeypatch.undo()
    docs = index / other_scoring / "documents.jsonl"
    docs.write_bytes(docs.read_bytes().replace(b"NemKonto", b"NemKontO", 1))
    repaired = run_build(corpus, FakeEmbedder(name="other-embedder"), index, skip)
    assert not repaired.unchanged and repaired.data.version != other_scoring


def test_a_refusal_lists_the_questions_whose_outcome_changed_and_hints_at_the_evaluation_set(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.evaluation
    from qa.evaluation import Outcome

    options = BuildOptions(eval_set=EVAL_SET, tolerance=0.05)
    build_documents(corpus_documents, FakeEmbedder(), tmp_path, options)

    def outcomes(questions: list[qa.evaluation.EvalQuestion], unanswerable_answered: bool) -> list[Outcome]:
        return [
            Outcome(q, 1, q.answerable or unanswerable_answered, q.answerable, 0.9 if q.answerable else 0.1)
            for q in questions
        ]

    calls = iter([True, False])  # the new index answers the unanswerable questions, the live one abstains
    monkeypatch.setattr(qa.evaluation, "evaluate", lambda engine, questions, *a: outcomes(questions, next(calls)))
    changed = [replace(d, title=d.title + " (ny)") for d in corpus_documents]
    with pytest.raises(GateError) as info:
        build_documents(changed, FakeEmbedder(), tmp_path, options)
    lines = str(info.value).splitlines()
    assert lines[1:5] == [
        "metric              language      live     new    drop",
        "abstention_recall   da           1.000   0.000   1.000",
        "abstention_recall   en           1.000   0.000   1.000",
        "abstention_recall   all          1.000   0.000   1.000",
    ]
    assert lines[5] == "34 evaluation questions changed outcome (live index → new index):"
    assert lines[6] == "  da-x01 'Hvad koster et nyt pas?': abstained → answered"
    assert len(lines[6:16]) == 10 and all(line.endswith(": abstained → answered") for line in lines[6:16])
    assert lines[16:] == [
        "  ... and 24 more",
        "unanswerable questions of the evaluation set may have become answerable from the new documents: "
        "if so, fix the evaluation set (QA_EVAL_SET) or run `qa build --force`",
        "check the corpus change, or run `qa build --force` to promote it anyway",
    ]


def test_changed_outcomes_names_each_question_with_both_outcomes() -> None:
    from qa.evaluation import EvalQuestion, Outcome
    from qa.pipeline import changed_outcomes

    pas = EvalQuestion("da-x01", "da", "Hvad koster et nyt pas?", False, (), "test")
    post = EvalQuestion("da-002", "da", "Hvornår blev Digital Post obligatorisk?", True, ("2014",), "test")
    same = EvalQuestion("da-003", "da", "Hvad er NemKonto?", True, ("bankkonto",), "test")
    live = [Outcome(pas, None, False, False, 0.1), Outcome(post, 1, True, True, 0.9), Outcome(same, 1, True, True, 0.9)]
    new = [Outcome(pas, None, True, False, 0.8), Outcome(post, 2, True, False, 0.7), Outcome(same, 1, True, True, 0.9)]
    assert changed_outcomes(live, new) == [
        "2 evaluation questions changed outcome (live index → new index):",
        "  da-x01 'Hvad koster et nyt pas?': abstained → answered",
        "  da-002 'Hvornår blev Digital Post obligatorisk?': answered right → answered wrong",
        "unanswerable questions of the evaluation set may have become answerable from the new documents: "
        "if so, fix the evaluation set (QA_EVAL_SET) or run `qa build --force`",
    ]
    assert changed_outcomes(live, live) == []


def test_use_refuses_a_version_built_for_another_scoring_version(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    new = build(corpus_documents, FakeEmbedder(), tmp_path).version
    old = build_for_old_scoring(corpus_documents, tmp_path, monkeypatch)
    use_version(tmp_path, new)
    with pytest.raises(IndexMismatchError) as refused:
        use_version(tmp_path, old)
    assert str(refused.value) == old_scoring_message()
    assert live_version(tmp_path) == new


def test_a_build_evaluates_with_and_records_the_configured_models(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    from qa.scoring import ScoringModels, load_abstention_model, scoring_identity

    # An abstention model that always answers: the build's evaluation must show it (the
    # shipped one withholds most answers over the fake embedder's cosines).
    replace(load_abstention_model(), threshold=0.0).save(tmp_path / "always.json")
    models = ScoringModels(abstention=tmp_path / "always.json")
    index = tmp_path / "index"
    options = BuildOptions(eval_set=EVAL_SET, models=models, skip_unchanged=True)
    report = build_documents(corpus_documents, FakeEmbedder(), index, options)
    manifest = report.data.manifest
    assert manifest.scoring == models.identity() != scoring_identity()
    assert manifest.evaluation is not None
    # It withholds only the 4 of 34 unanswerable questions that ask what something costs
    # (the seed gives no amount; `qa.policy.lacks_asked_answer`).
    assert manifest.evaluation["all"]["unanswerable_abstained"] == 0.118
    assert manifest.evaluation["all"]["false_abstention"] == 0.0
    # The same models again: unchanged; the shipped ones: a new version, evaluated again
    # rather than given the live one's figures (same corpus and evaluation set).
    assert build_documents(corpus_documents, FakeEmbedder(), index, options).unchanged
    shipped = replace(options, models=ScoringModels(), force=True)
    rebuilt = build_documents(corpus_documents, FakeEmbedder(), index, shipped)
    assert not rebuilt.unchanged and rebuilt.data.manifest.scoring == scoring_identity()
    assert rebuilt.data.manifest.evaluation is not None
    # The shipped model withholds 24 of the 34 unanswerable questions (0.706) with the fake
    # embedder, where the always-answer model withheld only the 4 that ask a price.
    assert rebuilt.data.manifest.evaluation["all"]["unanswerable_abstained"] == 0.706


def test_a_changed_abbreviation_list_rebuilds_an_unchanged_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sentences come from the splitter's lists: a new list must re-split the corpus.
    corpus = _write_corpus(tmp_path / "corpus", {"a": DOC_A, "b": DOC_B})
    index = tmp_path / "index"
    skip = BuildOptions(skip_unchanged=True, keep=5, eval_set=EVAL_SET)
    first = run_build(corpus, CountingEmbedder(), index, skip)
    monkeypatch.setattr(qa.index, "splitter_identity", lambda: "0" * 64)
    again = run_build(corpus, CountingEmbedder(), index, skip)
    assert not again.unchanged and again.data.version != first.data.version
