"""The LoRA fine-tuning engine. Runs inside the training child (see runner.py), Qt-free and DB-free.

``train_child(config, report, cancel)`` is the child's entry point. ``config``::

    run_id, run_dir, model_path, train_path, holdout_path, recipe (dict), resume (bool)

It speaks the run's JSON-lines events through ``child.emit`` (only the main
process of a multi-process run speaks): ``prepared``, ``step``, ``eval``,
``evaluating`` (the whole holdout is being measured), ``final_eval``, ``checkpoint``, ``paused``, ``log``; the child wrapper adds ``finished``,
``failed`` and ``cancelled``. Every event is also appended to
``run_dir/events.jsonl``, so the curves of a past run can be drawn again and a
resumed run continues its curve.

Several devices: started through ``accelerate launch``; the model is wrapped
in DistributedDataParallel (gloo on CPU, NCCL on GPUs) and each process takes
every world-th micro-batch of the same seeded schedule.

``_prepare`` sets a run up (layout and kernels, the plan, the optimizer, a
checkpoint's state) into a ``Training``, which knows how to do each phase of a
step; ``train_child``'s loop calls the phases in order and carries what passes
from step to step in a ``LoopState`` (state.py). Checkpoints and the event log
are checkpoints.py's; how the processes agree is distributed.py's.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atlas_desktop.core import child
from atlas_desktop.core.jobs import Cancelled, CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.training import data as tdata
from atlas_desktop.core.training import checkpoints, kernels
from atlas_desktop.core.training.checkpoints import (  # noqa: F401 - re-exported: runner.py and the tests import them from here
    atomic_write_text, checkpoint_step, latest_checkpoint, load_checkpoint, read_events, save_checkpoint, truncate_events)
from atlas_desktop.core.training.distributed import agree_flag, agree_min, agree_sum
from atlas_desktop.core.training.errors import TrainingError
from atlas_desktop.core.training.recipe import AUTO_BATCH_START, LR_TYPICAL
from atlas_desktop.core.training.state import LoopState

CPU_AUTO_TOKENS = 4096  # on CPU `batch_size: auto` keeps a micro-batch under this many tokens
EVAL_MAX_ROWS = 16  # holdout rows of the curve's points (the whole holdout is measured once more at the end)
LAYOUT_ENV = "ATLAS_TRAIN_LAYOUT"  # "packed", "shared" or "single"; default: packed on GPUs, shared on CPU
KERNELS_ENV = "ATLAS_TRAIN_KERNELS"  # "0": plain PyTorch instead of kernels.py (to measure what they bring)


@dataclass
class Plan:
    rows: list[tdata.Row]
    batches: list[list[int]]  # micro-batches of row indices, one epoch, length-grouped
    micro_batch: int
    accumulation: int
    steps_per_epoch: int
    total_steps: int
    world: int


# --------------------------------------------------------------------------- helpers


def _emit(main: bool, run_dir: Path, event: str, **fields: Any) -> None:
    if not main:
        return
    record = {"event": event, **fields}
    with open(run_dir / "events.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    child.emit(event, **fields)


def _first_line(exc: BaseException) -> Any:
    """What a library's exception says (its own English, a parameter of our message), in one line;
    a message the exception carries (a Msg) as it is."""
    if exc.args and isinstance(exc.args[0], Msg):
        return exc.args[0]
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def _is_oom(exc: BaseException) -> bool:
    import torch

    return isinstance(exc, torch.OutOfMemoryError) or "out of memory" in str(exc).lower()


def _precision(requested: str, device_type: str) -> str:
    import torch

    if device_type != "cuda":
        return "fp32"
    if requested == "auto":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return requested


def check_model_folder(path: Path) -> None:
    if not path.is_dir():
        raise TrainingError(Msg("train.model_folder_missing", path=str(path)))
    if not (path / "config.json").is_file() or not any(path.glob("*.safetensors")):
        raise TrainingError(Msg("train.model_folder_damaged", path=str(path)))
    try:
        json.loads((path / "config.json").read_text(encoding="utf-8"))
    except ValueError:
        raise TrainingError(Msg("train.model_config_invalid", path=str(path))) from None


def load_model_and_tokenizer(path: Path, dtype: Any, device: Any) -> tuple[Any, Any, bool]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    check_model_folder(path)
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(str(path), dtype=dtype, local_files_only=True)
    except (OSError, ValueError, RuntimeError) as exc:
        raise TrainingError(Msg("train.model_unloadable", path=str(path), detail=_first_line(exc))) from None
    if not getattr(tokenizer, "is_fast", False):
        raise TrainingError(Msg("train.tokenizer_not_fast", path=str(path)))
    default_template = tdata.ensure_chat_template(tokenizer)
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.use_cache = False
    return model.to(device), tokenizer, default_template


def lora_model(model: Any, lora: dict[str, Any]) -> Any:
    from peft import LoraConfig, get_peft_model

    cfg = LoraConfig(r=int(lora["rank"]), lora_alpha=float(lora["alpha"]), lora_dropout=float(lora["dropout"]),
                     target_modules=lora["target_modules"], task_type="CAUSAL_LM", bias="none")
    try:
        return get_peft_model(model, cfg)
    except ValueError as exc:
        names = sorted({n.rsplit(".", 1)[-1] for n, m in model.named_modules() if type(m).__name__ == "Linear"})
        raise TrainingError(Msg("train.target_modules_mismatch", detail=_first_line(exc), names=", ".join(names))) from None


class _SelectedHead:
    """Wraps the output layer so that it only projects the positions whose next token is learned.

    The vocabulary projection is a fifth of a small model's compute and its logits most of the
    memory; system and user positions never need them. Set ``select`` (a bool mask over
    [batch, length]) before each forward; the model then returns logits for those positions only.
    """

    @staticmethod
    def install(model: Any) -> Any:
        import torch

        class SelectedHead(torch.nn.Module):
            def __init__(self, head: Any) -> None:
                super().__init__()
                self.head = head
                self.select: Any = None
                # With ``fused`` the model returns the selected hidden states and forward_loss
                # applies the output layer together with the loss (kernels.head_cross_entropy).
                self.fused = False

            @property
            def weight(self) -> Any:
                return self.head.weight

            def forward(self, hidden: Any) -> Any:
                if self.select is None:
                    return self.head(hidden)
                return hidden[self.select] if self.fused else self.head(hidden[self.select])

        base = model.get_base_model()
        wrapper = SelectedHead(base.lm_head)
        base.lm_head = wrapper
        return wrapper


def forward_loss(model: Any, head: Any, batch: dict[str, Any], device: Any, autocast: Any, n_items: int) -> Any:
    """Summed cross-entropy over the learned tokens of ``batch``, divided by ``n_items``."""
    import torch.nn.functional as F

    head.select = batch["select"].to(device)
    layout = batch.get("layout")
    kernels.SHARED_PROMPT.layout = None if layout is None else layout.to(device)
    try:
        with autocast():
            mask = batch["attention_mask"]
            out = model(input_ids=batch["input_ids"].to(device), position_ids=batch["position_ids"].to(device),
                        attention_mask=None if mask is None else mask.to(device), use_cache=False)
        targets = batch["targets"].to(device)
        if head.fused:
            return kernels.head_cross_entropy(out.logits, head.weight, targets) / max(1, n_items)
        logits = out.logits.float()
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets, reduction="sum") / max(1, n_items)
    finally:
        head.select = None
        kernels.SHARED_PROMPT.layout = None


# --------------------------------------------------------------------------- planning


def plan(rows: list[tdata.Row], train: dict[str, Any], micro_batch: int, world: int) -> Plan:
    requested = train["batch_size"]
    base_accum = int(train["gradient_accumulation"])
    target = (AUTO_BATCH_START if requested == "auto" else int(requested)) * base_accum
    accum = max(1, math.ceil(target / micro_batch))
    batches = tdata.micro_batches(rows, micro_batch)
    per_step = accum * world
    steps_per_epoch = max(1, len(batches) // per_step) if len(batches) >= per_step else 1
    total = steps_per_epoch * int(train["epochs"])
    if train.get("max_steps"):
        total = min(total, int(train["max_steps"]))
    return Plan(rows, batches, micro_batch, accum, steps_per_epoch, total, world)


def schedule_index(p: Plan, step: int, micro: int, rank: int, seed: int) -> list[int]:
    """Rows of micro-batch ``micro`` of optimizer step ``step`` (0-based) for process ``rank``.

    Each epoch visits the micro-batches in a fresh order drawn from (seed, epoch);
    the order is a pure function of its inputs, which is what makes resume exact.
    """
    per_step = p.accumulation * p.world
    epoch, within = divmod(step, p.steps_per_epoch)
    order = list(range(len(p.batches)))
    random.Random(seed * 1_000_003 + epoch).shuffle(order)
    k = (within * per_step + micro * p.world + rank) % len(order)
    return p.batches[order[k]]


def _fits(model: Any, head: Any, rows: list[tdata.Row], collate: Any, device: Any, autocast: Any) -> bool:
    """One forward and backward on the longest rows; False on out-of-memory."""
    import torch

    try:
        batch = collate(rows)
        forward_loss(model, head, batch, device, autocast, batch["label_tokens"]).backward()
        model.zero_grad(set_to_none=True)
        return True
    except Exception as exc:  # noqa: BLE001 - only out-of-memory is expected here
        if not _is_oom(exc):
            raise
        model.zero_grad(set_to_none=True)
        if device.type == "cuda":
            torch.cuda.empty_cache()
        return False


def find_micro_batch(model: Any, head: Any, rows: list[tdata.Row], train: dict[str, Any], collate: Any, device: Any,
                     autocast: Any) -> tuple[int, str]:
    """The largest micro-batch that fits, halving from the requested one; (rows, how it was chosen)."""
    requested = train["batch_size"]
    longest = sorted(rows, key=len, reverse=True)
    if requested == "auto":
        start = AUTO_BATCH_START
        if device.type != "cuda":
            start = max(1, min(AUTO_BATCH_START, CPU_AUTO_TOKENS // max(1, len(longest[0]) if longest else 1)))
    else:
        start = int(requested)
    b = max(1, min(start, len(longest)))
    while True:
        if _fits(model, head, longest[:b], collate, device, autocast):
            how = "auto" if requested == "auto" else "as asked"
            if requested != "auto" and b < int(requested):
                how = f"halved from {requested} to fit in memory"
            return b, how
        if b == 1:
            raise TrainingError(Msg("train.does_not_fit", memory=Msg("train.memory.gpu" if device.type == "cuda" else "train.memory.cpu"),
                                    tokens=len(longest[0])))
        b = max(1, b // 2)


# --------------------------------------------------------------------------- evaluation


def holdout_loss(model: Any, head: Any, rows: list[tdata.Row], batch: int, collate: Any, device: Any, autocast: Any,
                 accelerator: Any) -> float | None:
    """Token-level mean loss over ``rows`` (split across processes)."""
    import torch

    if not rows:
        return None
    model.eval()
    total, count = 0.0, 0
    mine = rows[accelerator.process_index:: accelerator.num_processes]
    with torch.no_grad():
        for i in range(0, len(mine), batch):
            b = collate(mine[i: i + batch])
            n = b["label_tokens"]
            if n == 0:
                continue
            total += float(forward_loss(model, head, b, device, autocast, 1))
            count += n
    model.train()
    total, count = agree_sum(accelerator, [total, float(count)])
    return total / count if count else None


# --------------------------------------------------------------------------- set-up


def _memory_mb(device: Any) -> float:
    import torch

    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    except (ImportError, OSError):
        return 0.0


def _accelerator(train: dict[str, Any], config: dict[str, Any]) -> tuple[Any, str]:
    """The accelerator (one per process) and the precision it computes in."""
    import torch
    from accelerate import Accelerator

    cpu = not torch.cuda.is_available()
    precision = _precision(train["precision"], "cpu" if cpu else "cuda")
    accelerator = Accelerator(cpu=cpu, mixed_precision={"bf16": "bf16", "fp16": "fp16"}.get(precision, "no"))
    if cpu and config.get("cpu_threads"):
        torch.set_num_threads(int(config["cpu_threads"]))
    return accelerator, precision


def _resume_point(run_dir: Path, config: dict[str, Any]) -> Path | None:
    """The checkpoint to resume from (None for a new run); the event log is cut back to it."""
    if not config.get("resume"):
        (run_dir / "events.jsonl").unlink(missing_ok=True)
        return None
    ck = checkpoints.latest_checkpoint(run_dir)
    if ck is None:
        raise TrainingError(Msg("run.no_checkpoint", run_id=config["run_id"]))
    checkpoints.truncate_events(run_dir, checkpoints.checkpoint_step(ck))
    return ck


def _conversations(tokenizer: Any, config: dict[str, Any], max_len: int) -> tuple[Any, Any, Any, Any]:
    """The encoded training and holdout conversations and their statistics."""
    try:
        train_items, stats = tdata.encode_all(tokenizer, tdata.read_conversations(Path(config["train_path"])), max_len)
        hold_items, hold_stats = tdata.encode_all(tokenizer, tdata.read_conversations(Path(config["holdout_path"])), max_len)
    except ValueError as exc:
        raise TrainingError(Msg("train.chat_template_failed", detail=_first_line(exc))) from None
    if not train_items:
        raise TrainingError(Msg("train.no_answers"))
    return train_items, stats, hold_items, hold_stats


def _layout(model: Any, train: dict[str, Any], device: Any, max_len: int) -> tuple[str, bool]:
    """How rows are laid out, and whether kernels.py's faster kernels are used.

    On a GPU, conversations are packed behind a shared system prompt (a 4D mask keeps them
    apart). On a CPU an explicit mask sends attention to a slower kernel; there each row is one
    conversation and a micro-batch is computed as one flat row with its shared prompt once and
    no padding, regrouped per conversation for attention only ("shared", data.collate_shared).
    "single" (rows padded on the right, no mask, data.collate) is for models whose attention
    cannot be swapped.
    """
    faster = os.environ.get(KERNELS_ENV) != "0"
    layout = os.environ.get(LAYOUT_ENV) or ("packed" if device.type == "cuda" else "shared" if faster else "single")
    if layout == "shared" and not (bool(train["packing"]) and kernels.shared_prompt_supported(model, max_len)):
        layout = "single"
    return layout, faster


def _collator(layout: str, pad_id: int) -> Any:
    def collate(batch_rows: list[tdata.Row]) -> dict[str, Any]:
        return tdata.collate_shared(batch_rows) if layout == "shared" else tdata.collate(batch_rows, pad_id)

    return collate


def _adapted(model: Any, lora: dict[str, Any], seed: int, layout: str, faster: bool, device: Any) -> tuple[Any, Any, int]:
    """The model with its LoRA adapter and chosen kernels; (model, output-layer wrapper, fast dropout layers)."""
    import torch

    if layout == "shared":
        kernels.install_shared_prompt_attention(model)
    torch.manual_seed(seed)  # the adapter's initial weights depend only on the seed
    model = lora_model(model, lora)
    fast_dropouts = kernels.install_fast_dropout(model) if faster and device.type == "cpu" else 0
    head = _SelectedHead.install(model)
    head.fused = faster and kernels.fusable_head(model.get_base_model(), head.head)
    model.train()
    return model, head, fast_dropouts


def _agreed_plan(model: Any, head: Any, rows: list[tdata.Row], train: dict[str, Any], collate: Any,
                 accelerator: Any) -> tuple[Plan, str]:
    """The plan for the largest micro-batch that fits on every process; (plan, how it was chosen)."""
    micro, how = find_micro_batch(model, head, rows, train, collate, accelerator.device, accelerator.autocast)
    agreed = agree_min(accelerator, micro)  # every process must plan the same accumulation, or DDP waits forever
    if agreed < micro:
        how = f"{how}; {agreed} per micro-batch on every device, as much as the fullest one fits"
    return plan(rows, train, agreed, accelerator.num_processes), how


def _optimizer(model: Any, train: dict[str, Any], total_steps: int) -> tuple[Any, Any]:
    """AdamW over the adapter's weights and the learning-rate schedule."""
    import torch
    from transformers import get_scheduler

    optimizer = torch.optim.AdamW([x for x in model.parameters() if x.requires_grad], lr=float(train["learning_rate"]),
                                  weight_decay=float(train["weight_decay"]))
    scheduler = get_scheduler(train["scheduler"] if train["scheduler"] != "constant" else "constant_with_warmup", optimizer,
                              num_warmup_steps=int(round(total_steps * float(train["warmup_ratio"]))), num_training_steps=total_steps)
    return optimizer, scheduler


# --------------------------------------------------------------------------- what a step does


@dataclass
class Training:
    """Everything the loop works with, set up once by ``_prepare``."""

    accelerator: Any
    model: Any
    head: Any
    optimizer: Any
    scheduler: Any
    plan: Plan
    collate: Any
    hold_rows: list[tdata.Row]
    train: dict[str, Any]  # the recipe's train section
    seed: int
    precision: str
    layout: str
    run_dir: Path
    run_id: str
    # for the end of the run: the adapter is saved with the tokenizer, the metrics name the rest
    tokenizer: Any
    trainable: int
    stats: Any  # the training conversations' data.EncodeStats

    @property
    def device(self) -> Any:
        return self.accelerator.device

    @property
    def autocast(self) -> Any:
        return self.accelerator.autocast

    def emit(self, event: str, **fields: Any) -> None:
        # only the main process speaks; _emit is looked up at each call (a test's sitecustomize wraps it)
        _emit(self.accelerator.is_main_process, self.run_dir, event, run_id=self.run_id, **fields)

    def note(self, message: Msg) -> None:
        """A line for people in the run's log: ``line`` is the English, ``message`` the code (render it)."""
        self.emit("log", line=str(message), message=message.to_json())

    def micro_batches(self, step: int) -> list[dict[str, Any]]:
        """This process's collated micro-batches of optimizer step ``step`` (0-based)."""
        p = self.plan
        return [self.collate([p.rows[i] for i in schedule_index(p, step, m, self.accelerator.process_index, self.seed)])
                for m in range(p.accumulation)]

    def accumulate(self, batches: list[dict[str, Any]]) -> tuple[float, float, float]:
        """Forward and backward over ``batches``; (loss, conversation tokens, computed tokens) of all processes."""
        acc, p = self.accelerator, self.plan
        # The loss is the mean over every learned token of the step, on all processes together:
        # DistributedDataParallel averages the processes' gradients, so each divides its token sum
        # by the step's total tokens over the number of processes (one process: its own tokens).
        n_items = sum(b["label_tokens"] for b in batches)
        if p.world > 1:
            n_items = agree_sum(acc, [float(n_items)])[0] / p.world
        loss_sum, label_tokens, real_tokens, computed_tokens = 0.0, 0, 0, 0
        for m, b in enumerate(batches):
            sync = m == len(batches) - 1  # the gradients are all-reduced once, on the last micro-batch
            ctx = acc.no_sync(self.model) if not sync and p.world > 1 else contextlib.nullcontext()
            with ctx:
                loss_t = forward_loss(self.model, self.head, b, self.device, self.autocast, n_items)
                acc.backward(loss_t)
            loss_sum += float(loss_t.detach()) * max(1, n_items)
            label_tokens += b["label_tokens"]
            real_tokens += b["conversation_tokens"]
            computed_tokens += b["real_tokens"]
        loss_sum, label_total, real_total, computed_total = agree_sum(
            acc, [loss_sum, float(label_tokens), float(real_tokens), float(computed_tokens)])
        return loss_sum / max(1.0, label_total), real_total, computed_total

    def check_finite(self, loss: float, step: int) -> None:
        if not math.isfinite(loss):
            raise TrainingError(Msg("train.loss_not_finite_fp16" if self.precision == "fp16" else "train.loss_not_finite",
                                    what=Msg("train.loss.nan" if math.isnan(loss) else "train.loss.infinite"), step=step,
                                    lr=f"{float(self.train['learning_rate']):g}", low=LR_TYPICAL[0], high=LR_TYPICAL[1]))

    def clip(self) -> None:
        if float(self.train["max_grad_norm"]) > 0:
            self.accelerator.clip_grad_norm_(self.model.parameters(), float(self.train["max_grad_norm"]))

    def optimizer_step(self) -> float:
        """The optimizer and scheduler step; returns the learning rate the step used."""
        lr = self.scheduler.get_last_lr()[0]
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        return lr

    def holdout(self, rows: list[tdata.Row]) -> float | None:
        return holdout_loss(self.model, self.head, rows, self.plan.micro_batch, self.collate, self.device, self.autocast,
                            self.accelerator)

    def evaluate(self, state: LoopState, full: bool) -> float | None:
        """The curve's points all use the same first rows of the holdout, so they compare; at the
        end the whole holdout is measured too (``final_eval``), and that is the run's figure."""
        subset = self.hold_rows[:EVAL_MAX_ROWS]
        loss = self.holdout(subset)
        if loss is not None:
            state.last_eval_loss = loss
            self.emit("eval", step=state.step, eval_loss=loss, rows=len(subset))
        if full:
            self.final_eval(state, loss if len(self.hold_rows) == len(subset) else self.whole_holdout(state))
        return loss

    def whole_holdout(self, state: LoopState) -> float | None:
        """The loss on every holdout row: at the end of a run, and it can take minutes (``evaluating`` says so)."""
        self.emit("evaluating", step=state.step, rows=len(self.hold_rows))
        return self.holdout(self.hold_rows)

    def final_eval(self, state: LoopState, whole: float | None) -> None:
        if whole is not None:
            state.final_eval_loss = whole
            self.emit("final_eval", step=state.step, eval_loss=whole, rows=len(self.hold_rows))

    def checkpoint(self, state: LoopState) -> None:
        state.clock()
        p = self.plan
        checkpoints.save_checkpoint(self.run_dir, state.step, self.model, self.optimizer, self.scheduler,
                                    {"step": state.step, "total_steps": p.total_steps, "history": state.history(), "seed": self.seed,
                                     "micro_batch": p.micro_batch, "accumulation": p.accumulation, "world": p.world},
                                    self.accelerator)
        self.emit("checkpoint", step=state.step)


# --------------------------------------------------------------------------- the run


def _prepare(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> tuple[Training, LoopState]:
    """Everything before the first step, in an order that matters: random numbers are drawn by the
    adapter's initialisation and the micro-batch search before a checkpoint restores them."""
    import torch
    from accelerate.utils import set_seed

    started_at = time.time()
    if config.get("niceness") and hasattr(os, "nice"):
        os.nice(int(config["niceness"]))  # a background job: the window the user is working in comes first
    run_dir = Path(config["run_dir"])
    run_dir.mkdir(parents=True, exist_ok=True)
    train, lora = config["recipe"]["train"], config["recipe"]["lora"]
    seed = int(train["seed"])
    accelerator, precision = _accelerator(train, config)
    device = accelerator.device
    set_seed(seed)
    ck = _resume_point(run_dir, config)

    report(Progress(0, None, Msg("train.progress.loading_model")))
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision, torch.float32)
    model, tokenizer, default_template = load_model_and_tokenizer(Path(config["model_path"]), dtype, device)
    cancel.raise_if_cancelled()

    report(Progress(0, None, Msg("train.progress.preparing")))
    max_len = int(train["max_seq_length"])
    train_items, stats, hold_items, hold_stats = _conversations(tokenizer, config, max_len)
    layout, faster = _layout(model, train, device, max_len)
    pack_rows = bool(train["packing"]) and layout == "packed"
    rows, hold_rows = tdata.pack(train_items, max_len, pack_rows), tdata.pack(hold_items, max_len, pack_rows)
    collate = _collator(layout, tokenizer.pad_token_id)
    cancel.raise_if_cancelled()

    model, head, fast_dropouts = _adapted(model, lora, seed, layout, faster, device)
    p, how = _agreed_plan(model, head, rows, train, collate, accelerator)
    trainable = sum(x.numel() for x in model.parameters() if x.requires_grad)
    total_params = sum(x.numel() for x in model.parameters())
    optimizer, scheduler = _optimizer(model, train, p.total_steps)
    model, optimizer = accelerator.prepare(model, optimizer)
    saved = None if ck is None else checkpoints.load_checkpoint(ck, model, optimizer, scheduler, accelerator)
    state = LoopState.resumed(started_at, saved)

    run = Training(accelerator, model, head, optimizer, scheduler, p, collate, hold_rows, train, seed, precision, layout,
                   run_dir, config["run_id"], tokenizer, trainable, stats)
    run.emit("prepared", step=state.step, total_steps=p.total_steps, max_seq_length=max_len, micro_batch=p.micro_batch,
             accumulation=p.accumulation, batch_choice=how, layout=layout, rows=len(rows), holdout_rows=len(hold_rows),
             world=p.world, precision=precision, device=str(device), trainable_parameters=trainable, parameters=total_params,
             default_chat_template=default_template, kernels={"fused_output_layer": head.fused, "fast_dropout_layers": fast_dropouts},
             data=stats.as_dict(), holdout_data=hold_stats.as_dict(), notes=stats.as_dict()["notes"],
             resumed_from=state.step if ck is not None else None)
    for note in stats.notes:
        run.note(note)
    return run, state


def train_child(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    import torch

    run, state = _prepare(config, report, cancel)
    p, acc, train = run.plan, run.accelerator, run.train
    save_every, eval_every = int(train["save_every_steps"]), int(train["eval_every_steps"])
    patience = int(train["early_stopping_patience"])
    if run.device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(run.device)
    while state.step < p.total_steps:
        # cancel: every process stops, after a checkpoint of the steps done
        if agree_flag(acc, cancel.cancelled):
            if state.step > 0:
                run.checkpoint(state)
            raise Cancelled()
        step_started = time.perf_counter()
        # schedule: this process's micro-batches, a pure function of the seed and the step
        batches = run.micro_batches(state.step)
        # accumulate: forward and backward on each micro-batch; a NaN or infinite loss stops the run
        loss, tokens, computed = run.accumulate(batches)
        run.check_finite(loss, state.step + 1)
        # clip, then step the optimizer and the learning-rate schedule
        run.clip()
        lr = run.optimizer_step()
        # log: the step's loss and throughput
        tps = state.count_step(time.perf_counter() - step_started, int(tokens), int(computed), loss)
        run.emit("step", step=state.step, total_steps=p.total_steps, loss=loss, learning_rate=lr, tokens_per_second=tps,
                 memory_mb=_memory_mb(run.device), epoch=state.step / p.steps_per_epoch)
        report(Progress(state.step, p.total_steps, Msg("job.progress.step", step=state.step, total=p.total_steps), {"loss": loss}))
        # evaluate: every eval_every steps, and at the end (the whole holdout too)
        last = state.step == p.total_steps
        if state.step % eval_every == 0 or last:
            state.judge(run.evaluate(state, full=last), patience)
        # checkpoint: every save_every steps, and before a pause (every process pauses, or none)
        pause = agree_flag(acc, child.pause_requested())
        if not last and (state.step % save_every == 0 or pause):
            run.checkpoint(state)
            if pause:
                run.emit("paused", step=state.step)
                return {"status": "paused", "step": state.step}
        # stop early: the holdout loss stopped improving
        if state.stop_reason:
            run.note(state.stop_reason)
            break
    if state.final_eval_loss is None:  # stopped early: the run's figure is the whole holdout, as for any run
        run.final_eval(state, run.whole_holdout(state))
    state.clock()
    adapter = _save_adapter(run, Path(config["model_path"]))
    return {"status": "finished", "step": state.step, "adapter_dir": str(adapter), "metrics": _metrics(run, state)}


def _save_adapter(run: Training, model_path: Path) -> Path:
    """The final adapter: written beside the checkpoints, then renamed into place."""
    final = run.run_dir / "adapter"
    if run.accelerator.is_main_process:
        tmp = run.run_dir / ".adapter.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        unwrapped = run.accelerator.unwrap_model(run.model)
        unwrapped.peft_config["default"].base_model_name_or_path = str(model_path.resolve())
        unwrapped.save_pretrained(tmp, safe_serialization=True)
        run.tokenizer.save_pretrained(tmp)
        shutil.rmtree(final, ignore_errors=True)
        os.rename(tmp, final)
    run.accelerator.wait_for_everyone()
    return final


def _metrics(run: Training, state: LoopState) -> dict[str, Any]:
    p = run.plan
    return {"train_loss": state.last_loss,
            "eval_loss": state.final_eval_loss if state.final_eval_loss is not None else state.last_eval_loss,
            "curve_eval_loss": state.last_eval_loss, "curve_eval_rows": min(EVAL_MAX_ROWS, len(run.hold_rows)),
            "best_eval_loss": state.best_eval_loss,
            "tokens": state.tokens, "duration_s": round(state.elapsed, 2),
            "tokens_per_second": round(state.tokens / max(1e-6, state.elapsed), 2),
            "train_time_s": round(state.train_time, 2),
            "train_tokens_per_second": round(state.tokens / max(1e-6, state.train_time), 2),
            "computed_tokens": state.computed_tokens, "steps": state.step,
            "trainable_parameters": run.trainable, "layout": run.layout, "micro_batch": p.micro_batch,
            "accumulation": p.accumulation, "world": p.world, "precision": run.precision, "data": run.stats.as_dict(),
            "stopped_early": state.stop_reason.to_json() if state.stop_reason else None}
