"""A model version as a full model folder, for servers that take a folder, not an adapter.

``transformers serve`` refuses an adapter folder ("Should have a `model_type` key"), so a version
is served from its adapter merged into its base model (peft ``merge_and_unload``), saved once with
the tokenizer training saved in the adapter folder (its chat template included) in the model store
(``models/merged/<adapter sha256>``) and reused afterwards. The merge runs in a child process
(``merge_job``), so the gateway never loads torch; it is written to a temporary folder and renamed
into place, so a folder that exists is complete (two gateways merging at once keep the first).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg

MARKER = "atlas_merged.json"


def merged_folder(models_dir: Path, adapter_sha256: str) -> Path:
    return models_dir / "merged" / adapter_sha256


def is_merged(folder: Path) -> bool:
    return (folder / MARKER).is_file() and (folder / "config.json").is_file()


def merge_job(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    """Child entry point: merge ``adapter_path`` into ``base_path`` and save it as ``out``."""
    out = Path(config["out"])
    if is_merged(out):
        return {"path": str(out), "merged": False}
    report(Progress(0, 2, Msg("serve.merge.progress", target=config.get("target", ""))))
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from atlas_desktop.core.training.data import ensure_chat_template
    from atlas_desktop.core.training.engine import check_model_folder

    base, adapter = Path(config["base_path"]), Path(config["adapter_path"])
    check_model_folder(base)
    source = adapter if (adapter / "tokenizer_config.json").is_file() else base
    tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    ensure_chat_template(tokenizer)
    model = AutoModelForCausalLM.from_pretrained(str(base), dtype="auto", local_files_only=True)
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))
    with torch.no_grad():
        model = PeftModel.from_pretrained(model, str(adapter), is_trainable=False).merge_and_unload()
    cancel.raise_if_cancelled()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".merging-", dir=out.parent))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / MARKER).write_text(json.dumps({"base_path": str(base), "adapter_path": str(adapter),
                                              "adapter_sha256": config.get("adapter_sha256", "")}, indent=1), encoding="utf-8")
        try:
            tmp.rename(out)
        except OSError:
            if not is_merged(out):  # not another gateway's finished merge: a real failure
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    report(Progress(2, 2, Msg("serve.merge.progress", target=config.get("target", ""))))
    return {"path": str(out), "merged": True}
