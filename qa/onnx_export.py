"""Export a sentence-transformers folder to ONNX (fp32, and dynamic int8) for ONNX Runtime.

The graph takes `input_ids` and `attention_mask` (int64, batch x tokens) and returns
`sentence_embedding` (float32, batch x dimension): the transformer, mean pooling over the
attention mask and L2 normalisation, i.e. what the folder's `modules.json` pipeline
(Transformer, mean Pooling, Normalize) computes. Other pooling modes are refused. It also
returns `token_embeddings` (float32, batch x tokens x dimension), the transformer's last
hidden states before pooling (what sentence-transformers' `output_value="token_embeddings"`
gives): the abstention policy's token support (`qa.token_support`) compares them.

sentence-transformers' own `backend="onnx"` needs optimum-onnx, whose only release
(0.1.0) pins transformers < 4.58 and would downgrade the transformers 5 that
sentence-transformers 6 needs; so the export uses `torch.onnx.export` and
`onnxruntime.quantization.quantize_dynamic` directly. torch is imported only here, at
export time: serving with ONNX Runtime does not load it.

The weights are saved beside the graph as external data (`model.onnx.data`): ONNX Runtime
memory-maps them, so a session starts in about 0.6 s instead of 4 s, the 384 MB word
embedding matrix is paged in only where tokens touch it, and workers share the pages.
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

ONNX_DIR: Final = "onnx"
FP32_FILE: Final = "model.onnx"
INT8_FILE: Final = "model_qint8.onnx"
INPUT_NAMES: Final = ("input_ids", "attention_mask")
OUTPUT_NAME: Final = "sentence_embedding"
TOKENS_OUTPUT: Final = "token_embeddings"
# Opset 17 is the newest the TorchScript exporter in torch 2.x writes without warnings
# and the oldest with LayerNormalization as one node (ONNX operator changelog).
OPSET: Final = 17
# 2: weights as external data beside the graph; 3: with the token_embeddings output.
EXPORT_FORMAT: Final = 3
DATA_SUFFIX: Final = ".data"


class ExportError(Exception):
    """The folder cannot be exported to ONNX (unsupported pooling, export or quantisation failed)."""


def check_mean_pooling(folder: Path) -> None:
    """Raise ExportError unless the folder pools by the attention-masked mean and normalises."""
    modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
        raise ExportError(f"{folder}: modules {kinds} are not Transformer, Pooling[, Normalize]: use QA_ENCODER=torch")
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True]
    if modes != ["pooling_mode_mean_tokens"]:
        raise ExportError(f"{folder}: pooling {modes} is not mean pooling: use QA_ENCODER=torch")


def export_fp32(folder: Path, target: Path) -> None:
    """Write the fp32 graph of `folder` to `target` (about 470 MB for multilingual-e5-small).

    Raises ExportError when the folder's pipeline is not Transformer + mean Pooling (+ Normalize).
    """
    check_mean_pooling(folder)
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    # transformers draws a "Loading weights" bar on stderr whatever the log level: none
    # in `qa build -q` or a cron job's mail (off for the process, as the torch embedder
    # turns it off, `qa.embedder.SentenceTransformerEmbedder.load`).
    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(folder), local_files_only=True, add_pooling_layer=False).eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1), hidden

    # Two rows of different lengths, so that the traced graph keeps padding general.
    ids = torch.tensor([[0, 1000, 2000, 3000, 2], [0, 1000, 2, 1, 1]], dtype=torch.int64)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.int64)
    dynamic = {"batch": 0, "tokens": 1}
    with torch.inference_mode(), warnings.catch_warnings():
        # Tracing warns where transformers' attention code turns a shape into a Python bool
        # (TracerWarning), and the opset-11 symbolic of aten::index warns that it exports
        # advanced indexing as a chain of ops (UserWarning). Both concern graphs whose
        # shapes the trace fixes; the graph here keeps batch and tokens dynamic, and
        # `tests/test_onnx_encoder.py` checks its vectors against the model's own.
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        warnings.filterwarnings("ignore", message="Exporting aten::index operator", category=UserWarning)
        torch.onnx.export(
            MeanPooled(model),
            (ids, mask),
            str(target),
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME, TOKENS_OUTPUT],
            dynamic_axes={
                "input_ids": {v: k for k, v in dynamic.items()},
                "attention_mask": {v: k for k, v in dynamic.items()},
                OUTPUT_NAME: {0: "batch"},
                TOKENS_OUTPUT: {v: k for k, v in dynamic.items()},
            },
            opset_version=OPSET,
            dynamo=False,
        )


def quantise_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of `source` (weights int8, activations quantised per call).

    Measured on multilingual-e5-small: mean cosine 0.989 to fp32, about 2.4x faster at one thread.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)


def save_with_external_data(source: Path, target: Path) -> Path:
    """Re-save the ONNX model at `source` as `target` plus its weights in `target.name + ".data"`.

    Returns the data file's path (in `target`'s folder). Tensors under 1 KB stay in the graph.
    """
    import onnx

    model = onnx.load(str(source), load_external_data=True)
    data = target.with_name(target.name + DATA_SUFFIX)
    data.unlink(missing_ok=True)  # onnx appends to an existing data file
    onnx.save_model(
        model,
        str(target),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=data.name,
        size_threshold=1024,
    )
    data.chmod(0o644)  # onnx creates it 0600; the model folder may be shared by users (Docker runs as `qa`)
    return data
