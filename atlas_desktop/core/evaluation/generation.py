"""Answers from a model to a suite's items, in a child process (``generate_job``).

Batched and greedy by default, so a re-run gives the same answers: prompts are sorted by length
and left-padded, ``max_new_tokens`` and stop sequences come from the decoding settings, and the
chat template is the one training used (the adapter folder keeps the tokenizer training saved;
a base model gets the same default template training gives one without). An answer that is
empty, or that was still going when it reached ``max_new_tokens``, is labelled ("empty",
"truncated") for the metrics to leave unscored, never silently scored.

On a GPU the model runs in bf16 where the card supports it (fp16 otherwise) and the batch is
halved on an out-of-memory error; ``device`` picks the card (``cuda:N``) when there are several.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg

DEFAULT_DECODING: dict[str, Any] = {"max_new_tokens": 192, "stop": [], "batch_size": 8, "greedy": True, "temperature": 0.0,
                                    "repetition_penalty": 1.0, "no_repeat_ngram_size": 0, "seed": 0}
DECODING_RANGES = {"max_new_tokens": (1, 4096), "batch_size": (1, 256), "temperature": (0.0, 2.0), "repetition_penalty": (1.0, 2.0),
                   "no_repeat_ngram_size": (0, 20)}


def decoding_settings(given: dict[str, Any] | None = None) -> dict[str, Any]:
    """The decoding settings with defaults filled in, checked; ValidationError names a bad key."""
    out = dict(DEFAULT_DECODING)
    for key, value in (given or {}).items():
        if key not in out:
            raise ValidationError(Msg("eval.decoding.unknown_key", key=key, keys=", ".join(DEFAULT_DECODING)))
        out[key] = value
    for key, (lo, hi) in DECODING_RANGES.items():
        v = out[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
            raise ValidationError(Msg("eval.decoding.out_of_range", key=key, value=v, low=lo, high=hi))
    if not isinstance(out["stop"], list) or not all(isinstance(x, str) and x for x in out["stop"]):
        raise ValidationError(Msg("eval.decoding.bad_stop"))
    out["max_new_tokens"], out["batch_size"] = int(out["max_new_tokens"]), int(out["batch_size"])
    out["no_repeat_ngram_size"] = int(out["no_repeat_ngram_size"])
    out["greedy"] = bool(out["greedy"]) or float(out["temperature"]) == 0.0
    return out


def decoding_sha256(decoding: dict[str, Any]) -> str:
    """What changes the answers: batch size does not (greedy answers are the same batched or not)."""
    key = {k: v for k, v in decoding.items() if k != "batch_size"}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


# ------------------------------------------------------------------ the model
def _dtype(device: Any) -> Any:
    import torch

    if device.type != "cuda":
        return torch.float32
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def load_for_generation(model_path: Path, adapter_path: Path | None, device: Any) -> tuple[Any, Any]:
    """The base model with the adapter merged in (faster to run than a PEFT wrapper), and the tokenizer."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from atlas_desktop.core.training.data import ensure_chat_template
    from atlas_desktop.core.training.engine import check_model_folder

    check_model_folder(model_path)
    if adapter_path is not None and not (adapter_path / "adapter_config.json").is_file():
        raise ValidationError(Msg("eval.adapter_missing", path=str(adapter_path)))
    source = adapter_path if adapter_path is not None and (adapter_path / "tokenizer_config.json").is_file() else model_path
    tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    ensure_chat_template(tokenizer)
    model = AutoModelForCausalLM.from_pretrained(str(model_path), dtype=_dtype(device), local_files_only=True)
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))
    if adapter_path is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter_path), is_trainable=False).merge_and_unload()
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    model.config.use_cache = True
    return model.to(device).eval(), tokenizer


def _prompt_ids(tokenizer: Any, messages: list[dict[str, str]]) -> list[int]:
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def _finish(tokenizer: Any, new_ids: list[int], decoding: dict[str, Any], eos: set[int]) -> dict[str, Any]:
    """One answer from its generated tokens: cut at the end token or a stop sequence, and labelled."""
    cut = next((i for i, t in enumerate(new_ids) if t in eos), None)
    ended = cut is not None
    ids = new_ids[:cut] if ended else new_ids
    text = tokenizer.decode(ids, skip_special_tokens=True)
    for stop in decoding["stop"]:
        at = text.find(stop)
        if at >= 0:
            text, ended = text[:at], True
    text = text.strip()
    status = "empty" if not text else ("ok" if ended or len(new_ids) < decoding["max_new_tokens"] else "truncated")
    return {"text": text, "status": status, "new_tokens": len(ids)}


def _generate_batch(model: Any, tokenizer: Any, prompts: list[list[int]], decoding: dict[str, Any], device: Any) -> list[list[int]]:
    import torch

    width = max(len(p) for p in prompts)
    pad = tokenizer.pad_token_id
    ids = torch.tensor([[pad] * (width - len(p)) + p for p in prompts], device=device)
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts], device=device)
    kw: dict[str, Any] = {"max_new_tokens": decoding["max_new_tokens"], "pad_token_id": pad,
                          "repetition_penalty": float(decoding["repetition_penalty"])}
    if decoding["no_repeat_ngram_size"]:
        kw["no_repeat_ngram_size"] = int(decoding["no_repeat_ngram_size"])
    if decoding["greedy"]:
        kw.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    else:
        kw.update(do_sample=True, temperature=float(decoding["temperature"]))
    if decoding["stop"]:
        kw.update(stop_strings=list(decoding["stop"]), tokenizer=tokenizer)
    with torch.inference_mode():
        out = model.generate(input_ids=ids, attention_mask=mask, **kw)
    return [row[width:].tolist() for row in out]


def generate(model: Any, tokenizer: Any, conversations: list[list[dict[str, str]]], decoding: dict[str, Any], device: Any,
             report: Reporter = lambda p: None, cancel: CancelToken | None = None, label: str = "") -> list[dict[str, Any]]:
    """Answers to ``conversations`` in their order; batches of similar length, halved on out-of-memory."""
    import torch

    cancel = cancel or CancelToken()
    torch.manual_seed(int(decoding["seed"]))
    prompts = [_prompt_ids(tokenizer, c) for c in conversations]
    order = sorted(range(len(prompts)), key=lambda i: (-len(prompts[i]), i))
    eos = {t for t in (tokenizer.eos_token_id, getattr(model.generation_config, "eos_token_id", None)) if isinstance(t, int)}
    eos |= set(getattr(model.generation_config, "eos_token_id", None) or []) if isinstance(model.generation_config.eos_token_id, list) else set()
    answers: list[dict[str, Any] | None] = [None] * len(prompts)
    batch, done, start = int(decoding["batch_size"]), 0, time.monotonic()
    while done < len(order):
        cancel.raise_if_cancelled()
        members = order[done: done + batch]
        try:
            outs = _generate_batch(model, tokenizer, [prompts[i] for i in members], decoding, device)
        except torch.OutOfMemoryError:
            if batch == 1:
                raise
            torch.cuda.empty_cache()
            batch = max(1, batch // 2)
            continue
        for i, new_ids in zip(members, outs):
            answers[i] = _finish(tokenizer, new_ids, decoding, eos)
        done += len(members)
        elapsed = time.monotonic() - start
        report(Progress(done, len(order), Msg("eval.progress.generating", model=label, done=done, total=len(order)),
                        {"answers_per_second": round(done / max(elapsed, 1e-6), 3)}))
    return [a for a in answers if a is not None]


def _device(config: dict[str, Any]) -> Any:
    import torch

    if config.get("device"):
        return torch.device(config["device"])
    if torch.cuda.is_available():
        return torch.device("cuda", 0)
    if config.get("cpu_threads"):
        torch.set_num_threads(int(config["cpu_threads"]))
    return torch.device("cpu")


def generate_job(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    """``python -m atlas_desktop.core.child atlas_desktop.core.evaluation.generation:generate_job``:
    config ``models`` (each ``model_path``, ``adapter_path`` or None, ``label``), ``conversations``,
    ``decoding``. One child answers for every model: torch and transformers load once."""
    import gc

    device = _device(config)
    conversations, decoding = config["conversations"], decoding_settings(config.get("decoding"))
    n, out = len(conversations), []
    for k, m in enumerate(config["models"]):
        def relay(p: Progress, offset: int = k * n) -> None:
            report(Progress(offset + p.step, n * len(config["models"]), p.message, p.metrics))

        relay(Progress(0, n, Msg("eval.progress.loading", model=m.get("label", ""))))
        start = time.monotonic()
        adapter = Path(m["adapter_path"]) if m.get("adapter_path") else None
        model, tokenizer = load_for_generation(Path(m["model_path"]), adapter, device)
        answers = generate(model, tokenizer, conversations, decoding, device, relay, cancel, m.get("label", ""))
        out.append({"answers": answers, "seconds": round(time.monotonic() - start, 3)})
        del model
        gc.collect()
        if device.type == "cuda":
            import torch

            torch.cuda.empty_cache()
    return {"models": out, "device": str(device)}
