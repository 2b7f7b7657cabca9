"""The shipped reranker, reader, answer reranker and abstention models, and the identity of the scoring they make.

`scoring_identity()` goes into the index manifest, so that a server can refuse an index
whose calibration was made for another scoring version or other models.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypedDict

from qa.linear import LinearModel, load_model
from qa.manifest import file_sha256

# Raise when features, candidates or the meaning of a model file change, or how a page is
# read. 25: a text page's table under a rule that marks its columns is read as a table
# when laid out to the letter (`qa.readers.text.ruled_table`), and a paragraph of nothing
# but rule lines goes (`_without_separators`); 18 to 24 were used by changes taken out or
# narrowed again at stops 60 to 63. 17: a country's
# or a language's name in a question is also matched by the words for its class
# (`qa.origins`: "i udlandet", "languages other than ..."), in the coverage features and
# `name_missing`. 16: a yes-or-no question's number is held by a bound on the other side
# of it (`qa.question.missing_named`; in the evidence only when the quote gives the bound),
# a number of the question's own range takes its unit, and an ordinal range spans its
# numbers.
SCORING_VERSION = 25


def shipped_path(name: str) -> Path:
    """Path of a model file shipped in `qa/data/` ("reranker.json", "reader.json",
    "answer_reranker.json" or "abstention.json")."""
    return Path(str(resources.files("qa").joinpath(f"data/{name}")))


def model_path(kind: str, configured: Path | None = None) -> Path:
    """The `kind` model in use ("reranker", "reader", "answer_reranker" or "abstention"):
    the configured file (QA_RERANKER_MODEL, QA_READER_MODEL, QA_ANSWER_RERANKER_MODEL,
    QA_ABSTENTION_MODEL), else the shipped one."""
    return configured if configured and str(configured) else shipped_path(f"{kind}.json")


def load_reranker_model(configured: Path | None = None) -> LinearModel:
    """The reranker model; raises ModelFileError with what to do when it cannot be read."""
    return load_model(model_path("reranker", configured), "reranker")


def load_reader_model(configured: Path | None = None) -> LinearModel:
    """The reader model; raises ModelFileError with what to do when it cannot be read."""
    return load_model(model_path("reader", configured), "reader")


def load_answer_reranker_model(configured: Path | None = None) -> LinearModel:
    """The answer reranker model; raises ModelFileError with what to do when it cannot be read."""
    return load_model(model_path("answer_reranker", configured), "answer_reranker")


def load_abstention_model(configured: Path | None = None) -> LinearModel:
    """The abstention model; raises ModelFileError with what to do when it cannot be read."""
    return load_model(model_path("abstention", configured), "abstention")


def scoring_identity(
    reader: Path | None = None,
    abstention: Path | None = None,
    reranker: Path | None = None,
    answer_reranker: Path | None = None,
) -> dict[str, str]:
    """{"scoring_version", "reranker_sha256", "reader_sha256", "answer_reranker_sha256",
    "abstention_sha256"} of the models in use."""
    return {
        "scoring_version": str(SCORING_VERSION),
        "reranker_sha256": file_sha256(model_path("reranker", reranker)),
        "reader_sha256": file_sha256(model_path("reader", reader)),
        "answer_reranker_sha256": file_sha256(model_path("answer_reranker", answer_reranker)),
        "abstention_sha256": file_sha256(model_path("abstention", abstention)),
    }


class EngineModels(TypedDict):
    """The four models as `QAEngine`'s keyword arguments."""

    reranker_model: LinearModel
    reader_model: LinearModel
    answer_reranker_model: LinearModel
    abstention_model: LinearModel


@dataclass(frozen=True)
class ScoringModels:
    """The reranker, reader, answer reranker and abstention model files in use (None: the
    one shipped in `qa/data/`), as configured by QA_RERANKER_MODEL, QA_READER_MODEL,
    QA_ANSWER_RERANKER_MODEL and QA_ABSTENTION_MODEL. A build evaluates with these and records their identity, so that
    the gate's figures and the manifest describe the models the server will run."""

    reranker: Path | None = None
    reader: Path | None = None
    abstention: Path | None = None
    answer_reranker: Path | None = None

    def identity(self) -> dict[str, str]:
        """`scoring_identity` of these files."""
        return scoring_identity(
            reader=self.reader, abstention=self.abstention, reranker=self.reranker, answer_reranker=self.answer_reranker
        )

    def load(self) -> EngineModels:
        """The models as `QAEngine`'s keyword arguments; raises ModelFileError with what to
        do when one cannot be read."""
        return {
            "reranker_model": load_reranker_model(self.reranker),
            "reader_model": load_reader_model(self.reader),
            "answer_reranker_model": load_answer_reranker_model(self.answer_reranker),
            "abstention_model": load_abstention_model(self.abstention),
        }
