"""`qa build` as one straight pipeline of plain functions:

    read corpus -> prepare (chunk, embed with the cache, BM25) -> evaluate (and gate
    against the live index) -> write and verify -> publish (atomic pointer switch) -> prune

All of it runs under the index writer lock. Nothing here calls back into the service or
HTTP layers; the CLI prints the returned BuildReport.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from qa.chunking import ChunkingOptions
from qa.documents import (
    SUPPORTED_SUFFIXES,
    CorpusReport,
    Document,
    DocumentError,
    doc_id_for,
    folder_id_for,
    formats_read,
    read_corpus,
    shown_path,
)
from qa.embedder import Embedder
from qa.embedding_cache import EmbeddingCache, fsync_dir, text_key
from qa.index import (
    BUILDING_PREFIX,
    DEFAULT_EXACT_UP_TO,
    IndexData,
    dominant_document,
    live_folder,
    live_version,
    load_index,
    new_build_id,
    passage_documents,
    passage_texts,
    prepare_index,
    switch_live,
    write_index,
)
from qa.index_errors import GateError, IndexLoadError, UnreadDocumentsError
from qa.lock import writer_lock
from qa.manifest import Changes, Manifest, MetricsTable, file_sha256, read_manifest
from qa.scoring import EngineModels, ScoringModels
from qa.versions import clear_abandoned, prune_versions

if TYPE_CHECKING:
    from qa.evaluation import EvalQuestion, Outcome

log = logging.getLogger(__name__)

# The metrics the gate compares: answer accuracy over answerable questions, and the share
# of unanswerable questions the engine abstains on (abstention recall).
GATED_METRICS = ("answer_accuracy", "abstention_recall")


@dataclass(frozen=True)
class BuildOptions:
    """How to build. `tolerance` is the largest drop (absolute, 0..1) of a gated metric
    against the live index that still promotes; `keep` versions are retained after a
    build (0 keeps all); `lock_timeout` in seconds (0: fail at once if locked);
    `calibrate`, if given, computes a calibration stored with the index (older engines);
    `skip_unchanged` (what `qa build` sets unless --force) writes no version when the live
    one was built from the same inputs (see `unchanged_live_index`); `models` are the
    reranker, reader, answer reranker and abstention files the evaluation runs and the
    manifest records."""

    chunking: ChunkingOptions | None = None
    show_progress: bool = False
    eval_set: Path | None = None
    tolerance: float = 0.02
    force: bool = False
    skip_unchanged: bool = False
    keep: int = 0
    lock_timeout: float = 0.0
    use_cache: bool = True
    exact_up_to: int = DEFAULT_EXACT_UP_TO
    calibrate: Callable[[IndexData], dict[str, Any]] | None = None
    models: ScoringModels = field(default_factory=ScoringModels)


@dataclass(frozen=True)
class Drop:
    """A gated metric that fell by more than the tolerance."""

    language: str
    metric: str
    live: float
    new: float


@dataclass
class BuildReport:
    """What a build did: the new live index, the document changes against the previous
    live version, both evaluations, the versions pruned, seconds per step, and warnings
    about the work (one document making up most of the passages: `dominant_document`)."""

    data: IndexData
    errors: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0
    changes: Changes = field(default_factory=Changes)
    evaluation: MetricsTable | None = None
    live_evaluation: MetricsTable | None = None
    drops: list[Drop] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    removed_abandoned: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)
    corpus: CorpusReport | None = None
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def manifest(self) -> Manifest:
        """The sealed manifest of the new index."""
        return self.data.manifest

    def summary_lines(self) -> list[str]:
        """The report as lines of text, ending with the corpus report's own summary (when the
        live index was kept as it was, with the files skipped: `CorpusReport.skipped_lines`)."""
        m = self.manifest
        if self.unchanged:
            return [
                f"index unchanged: {m.build_id} is live (no document added, changed or removed); "
                "use --force to rebuild",
                *(self.corpus.skipped_lines() if self.corpus is not None else []),
            ]
        c = m.counts
        lines = [
            f"built index {m.build_id} in {self.seconds:.1f} s: {c.documents} documents, {c.chunks} chunks, "
            f"{c.sentences} sentences" + (f", {len(self.errors)} files skipped" if self.errors else ""),
        ]
        if m.embedding is not None:
            e = m.embedding
            lines.append(
                f"embedded {e.embedded} of {e.passages} passages ({e.cached} from the embedding cache"
                + (f", {e.repeated} repeating a passage of this build)" if e.repeated else ")")
            )
        lines.extend(f"warning: {w}" for w in self.warnings)
        vector = m.vector_index
        if vector:
            detail = (
                f"exact (flat), {vector.get('rows')} chunks"
                if vector.get("kind") == "flat"
                else f"{vector.get('kind')} with nlist {vector.get('nlist')}, nprobe {vector.get('nprobe')}: "
                f"recall@10 {vector.get('recall_at_10')} against exact search on {vector.get('calibrated_on')}"
            )
            lines.append(f"vector index: {detail}")
        ch = self.changes
        lines.append(
            f"documents against {ch.previous or 'no previous index'}: {len(ch.added)} added, "
            f"{len(ch.changed)} changed, {len(ch.removed)} removed"
        )
        for label, names in (("added", ch.added), ("changed", ch.changed), ("removed", ch.removed)):
            if 0 < len(names) <= 10:
                lines.append(f"  {label}: {', '.join(names)}")
        if self.evaluation is not None:
            lines.append(f"evaluation on {m.evaluation_set}:")
            lines.extend("  " + line for line in evaluation_lines(self.evaluation, self.live_evaluation))
        else:
            lines.append("evaluation: skipped (no evaluation set)")
        if self.drops:
            lines.append("promoted with --force despite drops:")
            lines.extend("  " + line for line in drop_table(self.drops))
        lines.append("steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.step_seconds.items()))
        if self.pruned:
            lines.append(f"pruned {len(self.pruned)} old versions: {', '.join(self.pruned)}")
        summary = getattr(self.corpus, "summary_lines", None)
        if callable(summary):
            lines.extend(str(line) for line in summary())
        return lines


def compare_documents(previous: Manifest | None, now: Mapping[str, str]) -> Changes:
    """Document ids added, changed and removed: the per-document hashes `now` (id to
    `qa.index.document_sha256`, as a new manifest records them) against the previous
    manifest's."""
    before = previous.document_sha256 if previous is not None else {}
    return Changes(
        previous=previous.build_id if previous is not None else None,
        added=tuple(sorted(set(now) - set(before))),
        changed=tuple(sorted(k for k in set(now) & set(before) if now[k] != before[k])),
        removed=tuple(sorted(set(before) - set(now))),
    )


def gate(new: MetricsTable, live: MetricsTable | None, tolerance: float) -> list[Drop]:
    """The gated metrics (GATED_METRICS, per language and overall) that fell by more than
    `tolerance` from `live` to `new`; metrics missing on either side are not compared."""
    if live is None:
        return []
    drops = []
    for language, row in new.items():
        for metric in GATED_METRICS:
            before, after = (live.get(language) or {}).get(metric), row.get(metric)
            if before is None or after is None:
                continue
            if float(before) - float(after) > tolerance + 1e-9:
                drops.append(Drop(language, metric, float(before), float(after)))
    return drops


def drop_table(drops: list[Drop]) -> list[str]:
    """The drops as an aligned text table."""
    lines = [f"{'metric':<20}{'language':<10}{'live':>8}{'new':>8}{'drop':>8}"]
    lines += [f"{d.metric:<20}{d.language:<10}{d.live:>8.3f}{d.new:>8.3f}{d.live - d.new:>8.3f}" for d in drops]
    return lines


def evaluation_lines(new: MetricsTable, live: MetricsTable | None) -> list[str]:
    """Gated metrics per language, new against live."""
    lines = [f"{'':5}" + "".join(f"{m:>20}" for m in GATED_METRICS) + ("   (live index in brackets)" if live else "")]
    for language, row in new.items():
        cells = ""
        for metric in GATED_METRICS:
            value = row.get(metric)
            before = (live or {}).get(language, {}).get(metric) if live else None
            text = "-" if value is None else f"{value:.3f}"
            if live is not None:
                text += " (" + ("-" if before is None else f"{before:.3f}") + ")"
            cells += f"{text:>20}"
        lines.append(f"{language:5}{cells}")
    return lines


def same_content(a: Manifest, b: Manifest) -> bool:
    """Whether two manifests describe indexes of the same corpus, model (with the encoder
    that embedded it, `qa.embedder.encoder_identity`), chunking and tokeniser, which the
    same code therefore answers alike."""
    return (a.corpus_sha256, a.model, a.chunking, a.tokeniser, a.format_version) == (
        b.corpus_sha256,
        b.model,
        b.chunking,
        b.tokeniser,
        b.format_version,
    )


class _LiveIndex:
    """The live index of `index_root`, verified and loaded at most once per build (the
    unchanged check and the evaluation step both need it): `load()` gives it, None when
    there is no live version, or raises the IndexLoadError of the one attempt."""

    def __init__(self, index_root: Path, model_identity: dict[str, object]) -> None:
        self.index_root = index_root
        self.model_identity = model_identity
        self._attempted = False
        self._data: IndexData | None = None
        self._error: IndexLoadError | None = None

    def load(self) -> IndexData | None:
        if not self._attempted:
            self._attempted = True
            if live_version(self.index_root) is not None:
                try:
                    self._data = load_index(live_folder(self.index_root), self.model_identity)
                except IndexLoadError as exc:
                    self._error = exc
        if self._error is not None:
            raise self._error
        return self._data


def unchanged_live_index(
    documents: list[Document],
    embedder: Embedder,
    index_root: Path,
    options: BuildOptions,
    live_index: _LiveIndex | None = None,
    scoring: dict[str, str] | None = None,
) -> IndexData | None:
    """The live index when building `documents` with `options` would make the same index,
    else None: it loads and verifies (every file intact, this format, scoring version and
    model), and its manifest records the same documents (per-document and corpus hashes),
    model with its encoder and dimension, tokeniser, chunking, scoring identity (reranker, reader and
    abstention models; `scoring` when already computed, else `options.models.identity()`),
    kind of vector index for this `exact_up_to`, and evaluation set; it holds a casing
    table of this `qa.truecasing.CASING_VERSION`; and no calibration is asked for."""
    from qa.index import FORMAT_VERSION, corpus_hash, document_sha256, tokeniser_identity

    if options.calibrate is not None:
        return None
    try:
        live = (live_index or _LiveIndex(index_root, dict(embedder.identity))).load()
    except IndexLoadError as exc:
        log.info("rebuilding: the live index cannot be served (%s)", exc)
        return None
    if live is None:
        return None
    m = live.manifest
    if options.eval_set is not None and options.eval_set.is_file():
        eval_sha256: str | None = file_sha256(options.eval_set)
    else:
        eval_sha256 = None
    kind = "flat" if m.counts.chunks <= options.exact_up_to else "ivf"
    same = (
        m.format_version == FORMAT_VERSION
        and m.corpus_sha256 == corpus_hash(documents)
        and m.document_sha256 == {d.doc_id: document_sha256(d) for d in documents}
        and m.model == dict(embedder.identity)
        and m.dimension == embedder.dimension
        and m.tokeniser == tokeniser_identity()
        and m.chunking == dict(asdict(options.chunking or ChunkingOptions()))
        and m.scoring == (options.models.identity() if scoring is None else scoring)
        and m.vector_index.get("kind") == kind
        and m.evaluation_set_sha256 == eval_sha256
        and not m.calibrated
        # An index built before the casing table was stored, or under other casing
        # rules, is rebuilt so that loading it does not build the table again.
        and live.casing is not None
    )
    return live if same else None


def _live_manifest(index_root: Path) -> Manifest | None:
    """The live version's manifest when it can be read, else None (a broken live index
    must not stop the build that replaces it)."""
    if live_version(index_root) is None:
        return None
    try:
        folder = live_folder(index_root)
        return read_manifest(folder, "")
    except IndexLoadError as exc:
        log.warning("the live index cannot be read (%s); building without comparing to it", exc)
        return None


def evaluate_index(
    data: IndexData,
    embedder: Embedder,
    questions: list[EvalQuestion],
    show_progress: bool = False,
    record: list[Outcome] | None = None,
    models: EngineModels | None = None,
) -> MetricsTable:
    """Metrics per language (qa.evaluation.metrics_by_language) of an index on questions,
    answered with the loaded `models` (default: the shipped ones, `ScoringModels().load()`);
    the outcome of each question is appended to `record` when given. Raises
    ModelFileError for an unreadable shipped model file."""
    from qa.engine import QAEngine
    from qa.evaluation import evaluate, metrics_by_language

    engine = QAEngine(data, embedder, **(models or ScoringModels().load()))
    outcomes = evaluate(engine, questions, show_progress)
    if record is not None:
        record.extend(outcomes)
    return metrics_by_language(outcomes)


def outcome_label(outcome: Outcome) -> str:
    """What the engine did with a question, in words: "abstained", "answered" (an
    unanswerable question), "answered right" or "answered wrong" (citation on the gold or not)."""
    if not outcome.answered:
        return "abstained"
    if not outcome.question.answerable:
        return "answered"
    return "answered right" if outcome.cited_right else "answered wrong"


def changed_outcomes(live: list[Outcome], new: list[Outcome], limit: int = 10) -> list[str]:
    """Lines naming the questions whose outcome differs between the live and the new index
    (`id 'question': live -> new`), at most `limit` of them and then how many more; a hint
    follows when an unanswerable question is now answered."""
    before = {o.question.id: outcome_label(o) for o in live}
    changed = [
        (o, before[o.question.id]) for o in new if o.question.id in before and before[o.question.id] != outcome_label(o)
    ]
    if not changed:
        return []
    lines = [f"{len(changed)} evaluation questions changed outcome (live index → new index):"]
    lines += [f"  {o.question.id} {o.question.question!r}: {was} → {outcome_label(o)}" for o, was in changed[:limit]]
    if len(changed) > limit:
        lines.append(f"  ... and {len(changed) - limit} more")
    if any(not o.question.answerable and o.answered for o, _ in changed):
        lines.append(
            "unanswerable questions of the evaluation set may have become answerable from the new documents: "
            "if so, fix the evaluation set (QA_EVAL_SET) or run `qa build --force`"
        )
    return lines


def usable_questions(questions: list[EvalQuestion], *corpora: Iterable[Document]) -> list[EvalQuestion]:
    """The questions every corpus can be judged on: unanswerable ones, and answerable ones
    whose gold text stands in some document of each corpus."""
    texts = [[d.text for d in corpus] for corpus in corpora]
    return [q for q in questions if not q.answerable or all(any(g in t for g in q.gold for t in ts) for ts in texts)]


def _evaluate_step(
    data: IndexData,
    embedder: Embedder,
    live_index: _LiveIndex,
    options: BuildOptions,
    changes: list[str] | None = None,
) -> tuple[MetricsTable | None, MetricsTable | None, str | None]:
    """(new evaluation, live evaluation, sha256 of the evaluation set); when both indexes
    are evaluated, `changes` receives the lines of `changed_outcomes`."""
    if options.eval_set is None or not options.eval_set.is_file():
        if options.eval_set is not None:
            # A relative path is read from the folder qa runs in: say which (a cron job's
            # working folder is seldom the project's).
            where = "" if options.eval_set.is_absolute() else f" (in {Path.cwd()})"
            log.warning("no evaluation set at %s%s: the build is not evaluated or gated", options.eval_set, where)
        return None, None, None
    from qa.evaluation import load_questions

    eval_sha256 = file_sha256(options.eval_set)
    questions = load_questions(options.eval_set)
    live_data: IndexData | None = None
    try:
        live_data = live_index.load()
    except IndexLoadError as exc:
        log.warning("not comparing with the live index (%s)", exc)
    if (
        live_data is not None
        and live_data.manifest.evaluation is not None
        and live_data.manifest.evaluation_set_sha256 == eval_sha256
        and same_content(live_data.manifest, data.manifest)
        and live_data.manifest.scoring == data.manifest.scoring
    ):
        # Other reranker, reader or abstention models answer the same content otherwise.
        log.info(
            "same content, models and evaluation set as the live index %s: its evaluation is kept", live_data.version
        )
        return live_data.manifest.evaluation, live_data.manifest.evaluation, eval_sha256
    corpora: list[Iterable[Document]] = [data.documents.values()]
    if live_data is not None:
        corpora.append(live_data.documents.values())
    usable = usable_questions(questions, *corpora)
    if len(usable) < len(questions):
        log.warning(
            "%d evaluation questions have no gold text in the corpus and are left out", len(questions) - len(usable)
        )
    log.info("evaluating the new index on %d questions", len(usable))
    models = options.models.load()  # once, for the new and the live index
    new_outcomes: list[Outcome] = []
    new = evaluate_index(data, embedder, usable, options.show_progress, record=new_outcomes, models=models)
    live = None
    if live_data is not None and same_content(live_data.manifest, data.manifest):
        log.info("the live index %s holds the same content: its evaluation is the new one's", live_data.version)
        live = new
    elif live_data is not None:
        log.info("evaluating the live index %s on the same questions", live_data.version)
        live_outcomes: list[Outcome] = []
        live = evaluate_index(live_data, embedder, usable, options.show_progress, record=live_outcomes, models=models)
        if changes is not None:
            changes.extend(changed_outcomes(live_outcomes, new_outcomes))
    return new, live, eval_sha256


def _write_and_verify(data: IndexData, work: Path, build_id: str, model_identity: dict[str, object]) -> IndexData:
    """Write the index into the build folder `work` and load it back verified; when either
    fails, the folder is removed before the error goes on (a killed build's folder is
    left for the next writer to remove)."""
    try:
        write_index(data, work, build_id)
        return load_index(work, model_identity, version=build_id)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _build_locked(
    documents: list[Document], embedder: Embedder, index_root: Path, options: BuildOptions, report: BuildReport
) -> BuildReport:
    steps = report.step_seconds
    report.removed_abandoned = clear_abandoned(index_root)
    live_index = _LiveIndex(index_root, dict(embedder.identity))
    scoring = options.models.identity()  # the model files hashed once per build
    if options.skip_unchanged and not options.force:
        live = unchanged_live_index(documents, embedder, index_root, options, live_index, scoring)
        if live is not None:
            log.info("the live index %s was built from the same inputs: nothing to build", live.version)
            report.data = live
            report.changes = Changes(previous=live.version)
            report.unchanged = True
            return report
    previous = _live_manifest(index_root)

    started = time.perf_counter()
    log.info("step 2/5: prepare %d documents", len(documents))
    cache = EmbeddingCache(index_root, embedder.identity, embedder.dimension).load() if options.use_cache else None
    data = prepare_index(
        documents,
        embedder,
        options.chunking,
        options.show_progress,
        cache,
        exact_up_to=options.exact_up_to,
        scoring=scoring,
    )
    warning = dominant_document(passage_documents(data.chunks, data.sentences))
    if warning:
        report.warnings.append(warning)
    changes = compare_documents(previous, data.manifest.document_sha256)
    if options.calibrate is not None:
        data.calibration = options.calibrate(data)
    steps["prepare"] = time.perf_counter() - started

    started = time.perf_counter()
    log.info("step 3/5: evaluate")
    changed_questions: list[str] = []
    new_eval, live_eval, eval_sha256 = _evaluate_step(data, embedder, live_index, options, changed_questions)
    drops = gate(new_eval, live_eval, options.tolerance) if new_eval is not None else []
    steps["evaluate"] = time.perf_counter() - started
    if drops and not options.force:
        table = "\n".join(drop_table(drops))
        raise GateError(
            f"the new index evaluates worse than the live one by more than {options.tolerance} "
            f"(QA_EVAL_TOLERANCE); it was not promoted:\n{table}\n"
            + "".join(line + "\n" for line in changed_questions)
            + "check the corpus change, or run `qa build --force` to promote it anyway",
            [(d.language, d.metric, d.live, d.new) for d in drops],
        )

    started = time.perf_counter()
    log.info("step 4/5: write and verify")
    data.manifest = data.manifest.model_copy(
        update={
            "changes": changes,
            "evaluation": new_eval,
            "evaluation_set": str(options.eval_set) if new_eval is not None else None,
            "evaluation_set_sha256": eval_sha256,
        }
    )
    build_id = new_build_id(data.manifest.corpus_sha256)
    work = index_root / f"{BUILDING_PREFIX}{build_id}-{uuid.uuid4().hex[:8]}"
    verified = _write_and_verify(data, work, build_id, embedder.identity)
    steps["write and verify"] = time.perf_counter() - started

    started = time.perf_counter()
    log.info("step 5/5: publish %s", build_id)
    final = index_root / build_id
    os.replace(work, final)
    fsync_dir(index_root)
    switch_live(index_root, build_id)
    log.info("index %s is live", build_id)
    if options.keep > 0:
        report.pruned = prune_versions(index_root, options.keep)
    if cache is not None:
        try:
            cache.compact({text_key(p) for p in passage_texts(data.chunks, data.sentences)})
        except OSError as exc:  # the index is live: a cache left uncompacted is no failure
            log.warning("the embedding cache was not compacted (%s); the next build tries again", exc)
    steps["publish"] = time.perf_counter() - started

    report.data = verified
    report.changes = changes
    report.evaluation = new_eval
    report.live_evaluation = live_eval
    report.drops = drops
    return report


class UnreadDocument(NamedTuple):
    """A document of the live index that this build would drop only because it failed to
    read: its id, the error of the file, folder or link that holds it, and whether that is
    known (its own file, or its recorded source path lies under the folder) or only guessed
    from its id (`known` False: it may be in that folder)."""

    doc_id: str
    error: DocumentError
    known: bool = True


def recorded_source_paths(folder: Path) -> dict[str, str]:
    """Each document's source path as the build of the index `folder` recorded it (the
    `path` of its row in documents.jsonl: the file as read, relative to that build's working
    folder or absolute), by document id; a document recorded without one is left out, and
    an index that cannot be read gives {} (the ids are then matched alone)."""
    paths: dict[str, str] = {}
    try:
        with (folder / "documents.jsonl").open(encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                if isinstance(row, dict) and row.get("path") and row.get("doc_id"):
                    paths[str(row["doc_id"])] = str(row["path"])
    except (OSError, ValueError) as exc:
        log.info("the source paths of the live index cannot be read (%s); matching documents by id", exc)
        return {}
    return paths


def _corpus_parts(doc_id: str, source_path: str) -> tuple[str, ...] | None:
    """The path below its corpus folder of the document `doc_id` recorded as read from
    `source_path`, as parts: the shortest end of that path whose id (`doc_id_for`) is
    `doc_id` (the corpus folder may since have moved, or been given another way); None when
    none is."""
    parts = Path(source_path).parts
    for length in range(1, len(parts) + 1):
        tail = parts[-length:]
        if doc_id_for(Path("/", *tail), Path("/")) == doc_id:
            return tail
    return None


def _holder_of(
    doc_id: str, parts: tuple[str, ...] | None, folders: list[tuple[tuple[str, ...], str, DocumentError]]
) -> UnreadDocument | None:
    """The skipped folder or link of `folders` ((its parts below the corpus folder, its id
    prefix, its error)) that holds the document `doc_id` whose path below the corpus folder
    is `parts` (None: not recorded): the one its path lies under, known; without a path, the
    first whose id prefix (the folder's id and "-") starts its id, guessed, and only for a
    folder or a link that is not named as a file of a format read (a link to one file holds
    only the document of its own id)."""
    for folder_parts, prefix, error in folders:
        if parts is not None:
            if len(parts) > len(folder_parts) and parts[: len(folder_parts)] == folder_parts:
                return UnreadDocument(doc_id, error, known=True)
        elif doc_id.startswith(prefix) and (error.path.is_dir() or error.path.suffix.lower() not in SUPPORTED_SUFFIXES):
            return UnreadDocument(doc_id, error, known=False)
    return None


def unread_live_documents(
    corpus: CorpusReport, corpus_dir: Path, live_ids: Iterable[str], source_paths: Mapping[str, str] | None = None
) -> list[UnreadDocument]:
    """The documents of the live index (`live_ids`) that this build would drop only
    because they failed to read, in id order. A document is such when it was not read and
    a file skipped with an error has its id (`doc_id_for`; only a file of a format read,
    never one of another type that shares its name), or a folder or link that could not be
    read holds it (`_holder_of`: by its recorded source path, `source_paths` from
    `recorded_source_paths`, else by its id starting with the folder's id, `folder_id_for`,
    and "-"). A document whose file is gone is not listed: the operator removed it."""
    read = {d.doc_id for d in corpus.documents} | {d.doc_id for d in corpus.duplicates}
    missing = sorted(set(live_ids) - read)
    recorded = source_paths or {}
    files: dict[str, DocumentError] = {}
    folders: list[tuple[tuple[str, ...], str, DocumentError]] = []
    for error in corpus.errors:
        try:
            relative = error.path.relative_to(corpus_dir)
        except ValueError:  # not below the corpus folder
            continue
        if relative.parts and (error.path.is_symlink() or error.path.is_dir()):
            folders.append((relative.parts, folder_id_for(error.path, corpus_dir) + "-", error))
        if error.path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.setdefault(doc_id_for(error.path, corpus_dir), error)
    unread = []
    for doc_id in missing:
        if doc_id in files:
            unread.append(UnreadDocument(doc_id, files[doc_id]))
            continue
        source = recorded.get(doc_id)
        holder = _holder_of(doc_id, _corpus_parts(doc_id, source) if source else None, folders)
        if holder is not None:
            unread.append(holder)
    return unread


def refuse_unread_live_documents(unread: list[UnreadDocument], live_version: str) -> None:
    """Raise UnreadDocumentsError (a GateError: exit code 3, `qa build --force` goes on)
    naming each document of the live index that failed to read (`unread_live_documents`)
    with its file and reason, or the folder or link it may be in when only its id says so;
    None when there is none."""
    if not unread:
        return
    what, it = ("1 document", "it") if len(unread) == 1 else (f"{len(unread)} documents", "them")
    lines = [f"  {u.doc_id}: {_where(u)}{shown_path(u.error.path)}: {u.error.reason}\n" for u in unread]
    raise UnreadDocumentsError(
        f"{what} of the live index {live_version} could not be read this time; building without {it} would "
        f"remove {it} from the index and break the citations and links to {it}, so nothing was built:\n"
        + "".join(lines)
        + f"fix the files and run `qa build` again, or run `qa build --force` to build without {it}",
        [(u.doc_id, u.error.reason) for u in unread],
    )


def forced_removal_warning(unread: UnreadDocument) -> str:
    """The warning a build with --force gives for a document of the live index it leaves
    out because its file failed to read (`unread_live_documents`), logged before the build
    and repeated in its summary: "mitid is left out of this build (--force):
    corpus/mitid.md could not be read; once the build is live, links and citations to it
    answer 404 until it reads again" ("it may be in the unreadable folder corpus/ko" when
    only its id says where it is)."""
    path = shown_path(unread.error.path)
    why = f"{path} could not be read" if unread.known else f"it {_where(unread)}{path}"
    return (
        f"{unread.doc_id} is left out of this build (--force): {why}; "
        "once the build is live, links and citations to it answer 404 until it reads again"
    )


def _where(unread: UnreadDocument) -> str:
    """ "" when the error's path is known to hold the document, else "may be in the
    unreadable folder " or "may be behind the link " (its id alone says so)."""
    if unread.known:
        return ""
    return "may be behind the link " if unread.error.path.is_symlink() else "may be in the unreadable folder "


@contextmanager
def _build_lock(index_root: Path, embedder: Embedder, options: BuildOptions) -> Iterator[None]:
    """The index writer lock (`writer_lock`) for a build, with the embedding cache checked
    writable (`EmbeddingCache.check_writable`) before any work. Raises what those raise."""
    with writer_lock(index_root, options.lock_timeout):
        if options.use_cache:
            EmbeddingCache(index_root, embedder.identity, embedder.dimension).check_writable()
        yield


def build_documents(
    documents: list[Document], embedder: Embedder, index_root: Path, options: BuildOptions | None = None
) -> BuildReport:
    """Build, evaluate, verify and publish an index of these documents under the writer lock.

    Raises IndexBusyError (locked), GateError (worse than live and not --force),
    ValueError (no documents), IndexLoadError (the written index failed verification).
    """
    options = options or BuildOptions()
    started = time.perf_counter()
    with _build_lock(index_root, embedder, options):
        report = BuildReport(data=None)  # type: ignore[arg-type]
        _build_locked(documents, embedder, index_root, options, report)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def run_build(
    corpus_dir: Path, embedder: Embedder, index_root: Path, options: BuildOptions | None = None
) -> BuildReport:
    """`qa build`: take the writer lock, read the corpus, then `build_documents`' steps.

    The lock is taken first, so a second build fails at once (or waits `lock_timeout`)
    before any work. Documents that cannot be read are reported and left out, but when
    some of them are documents of the live index (`unread_live_documents`), the build stops
    before any work with UnreadDocumentsError (a GateError) unless `options.force`. Raises
    ValueError when no document can be read, plus the errors of `build_documents`.
    """
    options = options or BuildOptions()
    started = time.perf_counter()
    with _build_lock(index_root, embedder, options):
        log.info("step 1/5: read corpus %s", corpus_dir)
        live = _live_manifest(index_root)
        corpus = read_corpus(corpus_dir, live.document_sha256 if live is not None else ())
        if not corpus.documents:
            reasons = "; ".join(str(e) for e in corpus.errors) or f"it has no {formats_read()} files"
            raise ValueError(f"no document in {corpus_dir} could be read: {reasons}")
        unread: list[UnreadDocument] = []
        if live is not None and corpus.errors:
            paths = recorded_source_paths(live_folder(index_root))
            unread = unread_live_documents(corpus, corpus_dir, live.document_sha256, paths)
            if not options.force:
                refuse_unread_live_documents(unread, live.build_id)
        report = BuildReport(data=None, errors=corpus.errors, corpus=corpus)  # type: ignore[arg-type]
        for document in unread:  # only with --force: without it, refused above
            report.warnings.append(forced_removal_warning(document))
            log.warning("%s", report.warnings[-1])
        report.step_seconds["read corpus"] = time.perf_counter() - started
        _build_locked(corpus.documents, embedder, index_root, options, report)
    report.seconds = round(time.perf_counter() - started, 2)
    return report
