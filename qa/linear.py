"""A fitted linear model stored as plain JSON: feature names, scaling, coefficients.

Both the reader's ranker and the abstention policy are logistic regressions
(scikit-learn) over standardised features; this module holds their shipped form and
scores with numpy only, so that the query path needs no scikit-learn and no pickle.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


class ModelFileError(ValueError):
    """A model file is missing, malformed or made for other features; the message says what to do."""


# How each kind of model is refitted (the command a ModelFileError names).
REFIT = {
    "abstention": "`qa calibrate QUESTIONS --out FILE`",
    "reader": "`qa calibrate QUESTIONS --reader-out FILE --answer-reranker-out FILE2`",
    "answer_reranker": "`qa calibrate QUESTIONS --answer-reranker-out FILE`",
    "reranker": "`python scripts/fit_scoring.py DEV_INDEX SEED_INDEX`",
}


# The setting that names each kind's model file (README's settings table).
SETTING = {
    "abstention": "QA_ABSTENTION_MODEL",
    "reader": "QA_READER_MODEL",
    "answer_reranker": "QA_ANSWER_RERANKER_MODEL",
    "reranker": "QA_RERANKER_MODEL",
}


def refit_hint(kind: str) -> str:
    """The command that refits a `kind` model ("abstention", "reader", "answer_reranker",
    "reranker"); `qa calibrate` for any other kind."""
    return REFIT.get(kind, "`qa calibrate`")


@dataclass(frozen=True)
class LinearModel:
    """`score(x) = intercept + sum(coef * (x - mean) / scale)`; `probability` is its logistic.

    `threshold` is the operating point on the probability (abstention) or unused (reader);
    `fitted_on` says which questions it was fitted on; `extra` holds whatever else the
    fit recorded (counts, the cost of a wrong answer, the fit split's figures).
    """

    kind: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    fitted_on: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n):
            raise ModelFileError(f"{self.kind} model: features, mean, scale and coef must have the same length")

    def vector(self, values: dict[str, float]) -> np.ndarray:
        """The feature vector in this model's order; raises ModelFileError for a missing feature."""
        try:
            return np.array([values[name] for name in self.features], dtype=np.float64)
        except KeyError as exc:
            hint = refit_hint(self.kind)
            raise ModelFileError(f"{self.kind} model needs feature {exc}: refit it with {hint}") from None

    def score(self, values: dict[str, float]) -> float:
        """The decision value (log-odds) for one feature dict."""
        x = (self.vector(values) - np.asarray(self.mean)) / np.asarray(self.scale)
        return float(self.intercept + x @ np.asarray(self.coef))

    def probability(self, values: dict[str, float]) -> float:
        """The logistic of `score`, in (0, 1)."""
        z = self.score(values)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def to_json(self) -> str:
        """The JSON text this model is shipped as."""
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        """Write the model as JSON (creating the folder)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")


def load_model(path: Path, kind: str) -> LinearModel:
    """Read a model JSON written by `LinearModel.save`; raises ModelFileError when it is
    missing, malformed, or of another kind."""
    setting = SETTING.get(kind, "the setting that names it")
    try:
        row = json.loads(path.read_text(encoding="utf-8"))
        model = LinearModel(
            kind=str(row["kind"]),
            features=tuple(row["features"]),
            mean=tuple(float(v) for v in row["mean"]),
            scale=tuple(float(v) for v in row["scale"]),
            coef=tuple(float(v) for v in row["coef"]),
            intercept=float(row["intercept"]),
            threshold=float(row.get("threshold", 0.5)),
            fitted_on=str(row.get("fitted_on", "")),
            extra=dict(row.get("extra", {})),
        )
    except FileNotFoundError:
        raise ModelFileError(f"no {kind} model at {path}: run {refit_hint(kind)} or unset {setting}") from None
    except OSError as exc:  # a folder, or a file this process may not read
        raise ModelFileError(
            f"{path} cannot be read ({exc.strerror}): point {setting} at the file {refit_hint(kind)} wrote, or unset it"
        ) from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path} is not a valid {kind} model ({exc}): run {refit_hint(kind)} again") from None
    if model.kind != kind:
        raise ModelFileError(f"{path} holds a model of kind {model.kind}, not of kind {kind}")
    return model
