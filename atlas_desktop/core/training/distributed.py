"""How the processes of a multi-process run agree (one process: each helper returns its input).

Every decision that changes what a process does next (stop, pause, the micro-batch, a failed
checkpoint) must come out the same on all of them: a process that goes another way leaves the
others waiting forever in DistributedDataParallel's next all-reduce.
"""

from __future__ import annotations

from typing import Any


def agree_flag(accelerator: Any, flag: bool) -> bool:
    """True on every process if it is true on any (cancel, pause)."""
    if accelerator.num_processes == 1:
        return flag
    import torch

    t = torch.tensor([1.0 if flag else 0.0], device=accelerator.device)
    return bool(accelerator.reduce(t, reduction="sum").item() > 0)


def agree_min(accelerator: Any, value: int) -> int:
    """The smallest ``value`` over the processes, on every process (an all-reduce of the minimum)."""
    if accelerator.num_processes == 1:
        return value
    import torch
    import torch.distributed as dist

    t = torch.tensor([value], dtype=torch.int64, device=accelerator.device)
    dist.all_reduce(t, op=dist.ReduceOp.MIN)
    return int(t.item())


def agree_str(accelerator: Any, text: str) -> str:
    """The first non-empty ``text`` of any process (an error message), or ""."""
    if accelerator.num_processes == 1:
        return text
    from accelerate.utils import gather_object

    return next((t for t in gather_object([text]) if t), "")


def agree_sum(accelerator: Any, values: list[float]) -> list[float]:
    """Each of ``values`` summed over the processes (tokens, loss sums), in float64."""
    if accelerator.num_processes == 1:
        return values
    import torch

    t = torch.tensor(values, dtype=torch.float64, device=accelerator.device)
    return accelerator.reduce(t, reduction="sum").tolist()
