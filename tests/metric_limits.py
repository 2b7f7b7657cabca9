"""The floors and ceilings the check-split tests hold on a `metrics_by_language` table."""

from __future__ import annotations

from collections.abc import Mapping


def assert_within_limits(
    table: Mapping[str, Mapping[str, float | int | None]],
    floors: Mapping[str, Mapping[str, float]],
    ceilings: Mapping[str, Mapping[str, float]] | None = None,
) -> None:
    """Assert, per language, that each metric named in `floors` is a number at least its
    floor and each named in `ceilings` one at most its ceiling; a failure names the
    language, the metric and the language's whole row."""
    for language, limits in floors.items():
        row = table[language]
        for metric, floor in limits.items():
            value = row[metric]
            assert isinstance(value, float) and value >= floor, (language, metric, row)
    for language, limits in (ceilings or {}).items():
        row = table[language]
        for metric, ceiling in limits.items():
            value = row[metric]
            assert isinstance(value, float) and value <= ceiling, (language, metric, row)
