"""The faster kernels compute what plain PyTorch computes (kernels.py)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from atlas_desktop.core.training import data as tdata  # noqa: E402
from atlas_desktop.core.training import engine, kernels  # noqa: E402


@pytest.mark.parametrize("chunk_rows", [None, 7])
def test_fused_output_layer_and_loss_equal_the_plain_ones(monkeypatch: pytest.MonkeyPatch, chunk_rows: int | None) -> None:
    torch.manual_seed(0)
    vocab, width, n = 300, 16, 23
    if chunk_rows:
        monkeypatch.setattr(kernels, "CHUNK_BYTES", chunk_rows * 4 * vocab)  # several chunks
    weight = torch.randn(vocab, width) * 0.3
    hidden = torch.randn(n, width, requires_grad=True)
    targets = torch.randint(0, vocab, (n,))
    plain = torch.nn.functional.cross_entropy(hidden @ weight.t(), targets, reduction="sum") / n
    (g_plain,) = torch.autograd.grad(plain, hidden)
    fused = kernels.head_cross_entropy(hidden, weight, targets) / n
    (g_fused,) = torch.autograd.grad(fused, hidden)
    torch.testing.assert_close(fused, plain)
    torch.testing.assert_close(g_fused, g_plain)
    with torch.no_grad():  # evaluation: no gradient is worked out
        torch.testing.assert_close(kernels.head_cross_entropy(hidden, weight, targets) / n, plain.detach())


def test_fast_dropout_drops_at_rate_p_scales_the_rest_and_replays_with_the_seed() -> None:
    d = kernels.fast_dropout(0.05).train()
    x = torch.ones(4, 1000, 251)
    torch.manual_seed(3)
    y = d(x)
    dropped = float((y == 0).float().mean())
    assert abs(dropped - 0.05) < 0.002
    torch.testing.assert_close(y[y != 0], torch.full_like(y[y != 0], 1 / 0.95))
    torch.manual_seed(3)
    assert torch.equal(d(x), y)  # masks come from torch's generator: a resumed run replays them
    assert d.eval()(x) is x
    x.requires_grad_()
    out = d.train()(x)
    (g,) = torch.autograd.grad(out.sum(), x)
    assert torch.equal(g, out.detach())  # x is all ones: both are the scaled mask


def test_the_engine_fuses_the_demo_family_and_its_step_matches_plain_pytorch(tiny_model_dir: Path) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tests.core.training.test_data import CONV

    tok = AutoTokenizer.from_pretrained(str(tiny_model_dir), local_files_only=True)
    rows = tdata.pack([tdata.encode(tok, c, 256, tdata.EncodeStats()) for c in (CONV, CONV[:3])], 256, packing=False)
    batch = tdata.collate(rows, tok.pad_token_id)
    grads, losses = [], []
    for fused in (False, True):
        torch.manual_seed(0)
        model = engine.lora_model(AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), local_files_only=True),
                                  {"rank": 4, "alpha": 8, "dropout": 0.0, "target_modules": ["q_proj", "v_proj"]})
        head = engine._SelectedHead.install(model)
        assert kernels.fusable_head(model.get_base_model(), head.head)  # a Llama-style model
        head.fused = fused
        loss = engine.forward_loss(model, head, batch, torch.device("cpu"), contextlib.nullcontext, batch["label_tokens"])
        loss.backward()
        losses.append(loss.detach())
        grads.append([p.grad.clone() for p in model.parameters() if p.requires_grad])
    torch.testing.assert_close(losses[1], losses[0])
    for a, b in zip(*grads):
        torch.testing.assert_close(b, a, atol=1e-6, rtol=1e-4)


def test_a_shared_prompt_step_matches_the_padded_batch(tiny_model_dir: Path) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tests.core.training.test_data import CONV

    tok = AutoTokenizer.from_pretrained(str(tiny_model_dir), local_files_only=True)
    rows = tdata.pack([tdata.encode(tok, c, 256, tdata.EncodeStats()) for c in (CONV, CONV[:3], CONV[:3])], 256, packing=False)
    grads, losses = [], []
    for shared in (False, True):
        torch.manual_seed(0)
        base = AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), local_files_only=True)
        if shared:
            kernels.install_shared_prompt_attention(base)
        model = engine.lora_model(base, {"rank": 4, "alpha": 8, "dropout": 0.0, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj"]})
        head = engine._SelectedHead.install(model)
        head.fused = True
        batch = tdata.collate_shared(rows) if shared else tdata.collate(rows, tok.pad_token_id)
        loss = engine.forward_loss(model, head, batch, torch.device("cpu"), contextlib.nullcontext, batch["label_tokens"])
        loss.backward()
        losses.append(loss.detach())
        grads.append([p.grad.clone() for p in model.parameters() if p.requires_grad])
    assert kernels.SHARED_PROMPT.layout is None  # cleared after the forward
    torch.testing.assert_close(losses[1], losses[0])
    for a, b in zip(*grads):
        torch.testing.assert_close(b, a, atol=1e-6, rtol=1e-4)


def test_every_lora_dropout_is_swapped(tiny_model_dir: Path) -> None:
    from transformers import AutoModelForCausalLM

    model = engine.lora_model(AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), local_files_only=True),
                              {"rank": 4, "alpha": 8, "dropout": 0.1, "target_modules": ["q_proj", "v_proj"]})
    lora_layers = sum(1 for m in model.modules() if isinstance(getattr(m, "lora_dropout", None), torch.nn.ModuleDict))
    assert kernels.install_fast_dropout(model) == lora_layers > 0
    assert kernels.install_fast_dropout(model) == 0  # already swapped
