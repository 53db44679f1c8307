"""Two faster ways to compute what a LoRA training step already computes (the same mathematics;
tests/core/training/test_kernels.py checks each against the plain PyTorch way).

Where the time of a CPU step went (torch.profiler, demo model, 2 conversations of ~400 tokens):
matrix products 59%, attention 16%, LoRA dropout's random masks 8%, the output layer's
log-softmax and its backward 3.5%.

- ``head_cross_entropy``: the output layer and the cross-entropy in one autograd function, in
  chunks of answer positions. The logits of a chunk are turned into their own gradient in place
  (softmax minus the one-hot target) and multiplied back through the frozen output weights
  while still in cache, so neither the [positions x vocabulary] logits nor their log-softmax is
  kept for the backward pass. On a CPU this is about a quarter faster than the separate
  operations (661 against 872 ms for 600 positions over a 49,152-token vocabulary); on a GPU it
  mainly saves memory (the float32 logits of 10,000 positions over a 152k vocabulary are 6 GB).
  Used only when the output layer is a plain frozen linear layer whose output is the logits
  (model types listed in FUSED_HEAD_MODEL_TYPES; no logit scaling or soft-capping).
- ``FastDropout``: LoRA's input dropout on a CPU. ``nn.Dropout`` draws one random number per
  element (7.5 ms for 2x512x576 values on this machine); this draws 64 random bits per four
  elements and keeps an element when its 16 bits are at or above p * 65536 (1.8 ms), so p is
  exact to 1/65536. Masks still come from torch's generator, so a resumed run replays them.
- ``shared_prompt_attention``: attention for the CPU layout of data.collate_shared, where a
  micro-batch is one flat row holding its conversations' shared system prompt once and no
  padding. The linear layers and element-wise work (most of a step) run on that row; attention
  alone regroups it into one ``[prompt][conversation][padding]`` row per conversation and runs
  PyTorch's causal kernel with no mask, then puts each result back. On the demo model and the
  sample data (a 78-token prompt, conversations of 300 to 512 tokens) a forward and backward
  pass took 4.3 s against 5.4 s for the padded batch of two conversations of 512 and 346
  tokens, 15.5 s against 22.0 s for eight; length-grouped micro-batches pad little, so there
  the gain is mostly the prompt computed once.
"""

from __future__ import annotations

from typing import Any

FUSED_HEAD_MODEL_TYPES = frozenset({"llama", "mistral", "qwen2", "qwen3", "phi3"})
# Model types whose attention goes through transformers' AttentionInterface with rotary
# positions taken from position_ids (what shared_prompt_attention needs)
SHARED_PROMPT_MODEL_TYPES = FUSED_HEAD_MODEL_TYPES
SHARED_PROMPT_ATTENTION = "atlas_shared_prompt"
CHUNK_BYTES = 1 << 28  # float32 logits computed at once (256 MB)
# On a CPU, a smaller logits buffer: every chunk reads the output weights twice (113 MB for the
# demo model), so much smaller chunks cost more than they save (2 MB was a third slower); 32 MB
# measured no slower than 256 MB, within this VM's noise, with an eighth of the buffer
CPU_CHUNK_BYTES = 1 << 25


def fusable_head(model: Any, head: Any) -> bool:
    """True when ``head`` (the output layer) can be fused with the loss: a frozen linear layer
    without bias whose output the model returns unchanged as logits."""
    import torch

    config = getattr(model, "config", None)
    return (type(head) is torch.nn.Linear and head.bias is None and not head.weight.requires_grad
            and getattr(config, "model_type", None) in FUSED_HEAD_MODEL_TYPES
            and not getattr(config, "final_logit_softcapping", None) and getattr(config, "logit_scale", None) in (None, 1, 1.0))


def head_cross_entropy(hidden: Any, weight: Any, targets: Any) -> Any:
    """Sum over rows of cross_entropy(hidden @ weight.T, targets), computed in chunks (float32
    logits). The gradient with respect to ``hidden`` is worked out on the way (only when it will
    be needed); ``weight`` is treated as frozen."""
    return _HeadCrossEntropy.apply(hidden, weight, targets)


def _chunks(n: int, vocab: int, device_type: str = "cuda") -> range:
    limit = CHUNK_BYTES if device_type == "cuda" else min(CHUNK_BYTES, CPU_CHUNK_BYTES)
    return range(0, n, max(1, limit // (4 * vocab)))


def _make_function() -> Any:
    import torch

    class HeadCrossEntropy(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, hidden: Any, weight: Any, targets: Any) -> Any:  # noqa: ANN401
            need_grad = ctx.needs_input_grad[0]
            n, vocab = hidden.shape[0], weight.shape[0]
            h = hidden.to(weight.dtype)
            grad = torch.empty_like(hidden) if need_grad else None
            total = torch.zeros((), dtype=torch.float32, device=hidden.device)
            chunks = _chunks(n, vocab, hidden.device.type)
            for lo in chunks:
                hi = min(n, lo + chunks.step)
                t = targets[lo:hi, None]
                logits = (h[lo:hi] @ weight.t()).float()
                # log-sum-exp and softmax from one exponential, in place: five passes over the
                # chunk and no chunk-sized temporary (torch.logsumexp then a separate softmax
                # took eight and allocated one; 433-452 against 465-519 ms for 490 positions over
                # a 49,152-token vocabulary on this CPU, about 1% of a training step)
                target_logit = logits.gather(1, t)
                top = logits.amax(dim=1, keepdim=True)
                e = logits.sub_(top).exp_()
                sums = e.sum(dim=1, keepdim=True)
                total += (top + sums.log() - target_logit).sum()
                if need_grad:
                    probs = e.div_(sums)  # softmax
                    probs.scatter_add_(1, t, torch.full_like(target_logit, -1.0))  # minus the one-hot target
                    grad[lo:hi] = (probs.to(weight.dtype) @ weight).to(hidden.dtype)
                del logits, e
            if need_grad:
                ctx.save_for_backward(grad)
            return total

        @staticmethod
        def backward(ctx: Any, grad_out: Any) -> Any:  # noqa: ANN401
            (grad,) = ctx.saved_tensors
            return grad * grad_out.to(grad.dtype), None, None

    return HeadCrossEntropy


class _Lazy:
    fn: Any = None

    def apply(self, *args: Any) -> Any:
        if self.fn is None:
            self.fn = _make_function()
        return self.fn.apply(*args)


_HeadCrossEntropy = _Lazy()


def fast_dropout(p: float) -> Any:
    """An ``nn.Dropout(p)`` replacement for CPU training (see the module's note)."""
    import torch

    threshold = round(p * 65536) - 32768  # a signed 16-bit value below this is dropped
    scale = 1.0 / (1.0 - p)
    low, high = torch.iinfo(torch.int64).min, torch.iinfo(torch.int64).max

    class FastDropout(torch.nn.Dropout):
        def forward(self, x: Any) -> Any:  # noqa: ANN401
            if not self.training or self.p == 0:
                return x
            n = x.numel()
            bits = torch.randint(low, high, ((n + 3) // 4,), dtype=torch.int64, device=x.device)
            keep = bits.view(torch.int16)[:n].view(x.shape) >= threshold
            return x * (keep.to(x.dtype) * scale)

    return FastDropout(p)


def install_fast_dropout(model: Any) -> int:
    """Swap every LoRA dropout of ``model`` for ``fast_dropout``; returns how many were swapped."""
    import torch

    swapped = 0
    for module in model.modules():
        drops = getattr(module, "lora_dropout", None)
        if not isinstance(drops, torch.nn.ModuleDict):
            continue
        for name, d in list(drops.items()):
            if type(d) is torch.nn.Dropout and d.p > 0:
                drops[name] = fast_dropout(d.p)
                swapped += 1
    return swapped


class _SharedPrompt:
    """The layout of the micro-batch being computed (data.SharedPromptLayout), set around each forward."""

    layout: Any = None


SHARED_PROMPT = _SharedPrompt()


def shared_prompt_attention(module: Any, query: Any, key: Any, value: Any, attention_mask: Any, dropout: float = 0.0,
                            scaling: float | None = None, **kwargs: Any) -> tuple[Any, None]:
    """transformers attention function (query [1, heads, tokens, dim], key and value [1, kv heads,
    tokens, dim]) for a flat shared-prompt row; returns [1, tokens, heads, dim] like the others."""
    import torch.nn.functional as F

    layout = SHARED_PROMPT.layout
    if layout is None or query.shape[0] != 1 or attention_mask is not None:
        raise RuntimeError("shared_prompt_attention runs only on rows made by data.collate_shared")
    window = kwargs.get("sliding_window")
    if window is not None and window < layout.width:
        raise RuntimeError("shared_prompt_attention does not implement sliding-window attention")
    heads, kv_heads, dim = query.shape[1], key.shape[1], query.shape[-1]
    rows, width = layout.rows, layout.width

    def regroup(x: Any, n: int) -> Any:  # [1, n, tokens, dim] -> [rows, n, width, dim]
        return x[0].index_select(1, layout.gather).view(n, rows, width, dim).transpose(0, 1)

    out = F.scaled_dot_product_attention(regroup(query, heads), regroup(key, kv_heads), regroup(value, kv_heads),
                                         dropout_p=dropout if module.training else 0.0, is_causal=True, scale=scaling,
                                         enable_gqa=heads != kv_heads)
    out = out.transpose(1, 2).reshape(rows * width, heads, dim).index_select(0, layout.scatter)
    return out[None], None


def shared_prompt_supported(model: Any, max_len: int) -> bool:
    """Whether ``model`` (a transformers model, not yet wrapped) can use shared_prompt_attention
    for conversations of up to ``max_len`` tokens (no sliding window shorter than that)."""
    config = getattr(model, "config", None)
    can_set = getattr(model, "_can_set_attn_implementation", None)
    window = getattr(config, "sliding_window", None)
    return (getattr(config, "model_type", None) in SHARED_PROMPT_MODEL_TYPES and callable(can_set) and bool(can_set())
            and (window is None or int(window) >= max_len))


def install_shared_prompt_attention(model: Any) -> None:
    """Register shared_prompt_attention with transformers and switch ``model`` to it (the model
    then expects batches from data.collate_shared)."""
    from transformers import AttentionInterface

    AttentionInterface.register(SHARED_PROMPT_ATTENTION, shared_prompt_attention)
    model.set_attn_implementation(SHARED_PROMPT_ATTENTION)
