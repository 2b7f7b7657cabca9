"""The vector index: flat up to a size, IVF above it with a measured recall@10."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from qa.vector_index import (
    ann_recall_at_10,
    build_vector_index,
    build_vector_index_with_report,
    describe,
    exact_neighbours,
    nlist_for,
)


def clustered_unit_vectors(rows: int, dimension: int = 32, centres: int = 50, seed: int = 1) -> np.ndarray:
    """Unit vectors scattered around random centres, as embeddings of similar texts are."""
    rng = np.random.default_rng(seed)
    middle = rng.standard_normal((centres, dimension)).astype(np.float32)
    points = middle[rng.integers(0, centres, rows)] + 0.5 * rng.standard_normal((rows, dimension)).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def test_nlist_is_twice_the_square_root_capped_by_training_points() -> None:
    assert nlist_for(1_000_000) == 2000
    assert nlist_for(10_000) == 200
    assert nlist_for(1_000) == 25
    assert nlist_for(10) == 1


def test_up_to_the_size_setting_the_index_is_exact() -> None:
    vectors = clustered_unit_vectors(500)
    index, report = build_vector_index_with_report(vectors, exact_up_to=500)
    assert isinstance(index, faiss.IndexFlatIP)
    assert report["kind"] == "flat" and report["recall_at_10"] == 1.0 and report["rows"] == 500
    assert report["calibrated_on"] == "exact"
    _, found = index.search(vectors[:5], 10)
    assert np.array_equal(found, exact_neighbours(vectors, vectors[:5], 10))


def test_above_the_size_setting_the_build_makes_ivf_and_reaches_the_recall_it_reports() -> None:
    everything = clustered_unit_vectors(20_100)
    vectors, queries = everything[:20_000], everything[20_000:]  # queries near the same centres, not indexed
    index, report = build_vector_index_with_report(vectors, exact_up_to=10_000, target_recall=0.95, queries=queries)
    assert report["kind"] == "ivf"
    assert report["calibrated_on"] == "given queries"
    assert report["nprobe"] == report["fitted_nprobe"]
    assert report["nlist"] == 282
    assert report["nprobe"] in (4, 8, 16, 32, 64, 128, 256)
    assert report["recall_at_10"] >= 0.95
    assert report["recall_at_10"] == round(ann_recall_at_10(index, vectors, queries), 4)
    assert describe(index) == {"kind": "ivf", "rows": 20_000, "nlist": 282, "nprobe": report["nprobe"]}


def test_a_written_ivf_index_keeps_its_nprobe_and_gives_back_its_vectors(tmp_path: Path) -> None:
    vectors = clustered_unit_vectors(5_000)
    index = build_vector_index(vectors, exact_up_to=1_000)
    faiss.write_index(index, str(tmp_path / "v.faiss"))
    loaded = faiss.read_index(str(tmp_path / "v.faiss"))
    assert describe(loaded) == describe(index)
    assert np.array_equal(loaded.reconstruct_n(0, 5_000), vectors)


def test_a_flat_index_has_recall_one() -> None:
    vectors = clustered_unit_vectors(300)
    assert ann_recall_at_10(build_vector_index(vectors, exact_up_to=1_000), vectors, vectors[:20]) == 1.0


def test_an_empty_array_is_refused() -> None:
    with pytest.raises(ValueError, match=r"vectors must be a non-empty \(n, dimension\) array, got shape \(0, 4\)"):
        build_vector_index(np.zeros((0, 4), dtype=np.float32), exact_up_to=10)


def test_calibrated_on_corpus_rows_the_build_widens_nprobe_sixteen_times() -> None:
    vectors = clustered_unit_vectors(20_000)
    index, report = build_vector_index_with_report(vectors, exact_up_to=10_000)
    assert report["calibrated_on"] == "corpus rows"
    assert report["nprobe"] == min(282, report["fitted_nprobe"] * 16)
    assert describe(index)["nprobe"] == report["nprobe"]
