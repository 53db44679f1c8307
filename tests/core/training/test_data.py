"""Loss only on assistant turns; packed conversations never see each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas_desktop.core.training import data as tdata

CONV = [
    {"role": "system", "content": "You are a banking assistant."},
    {"role": "user", "content": "كيف أفتح حساباً للشركات؟"},
    {"role": "assistant", "content": "يمكنك فتح حساب شركات عبر الفرع."},
    {"role": "user", "content": "وكم الرسوم؟"},
    {"role": "assistant", "content": "لا توجد رسوم."},
]


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir: Path):  # noqa: ANN201
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny_model_dir), local_files_only=True)


def test_only_assistant_answers_and_their_end_marker_are_learned(tokenizer) -> None:  # noqa: ANN001
    stats = tdata.EncodeStats()
    e = tdata.encode(tokenizer, CONV, 1024, stats)
    learned = tokenizer.decode([t for t, lab in zip(e.input_ids, e.labels) if lab != tdata.IGNORE])
    assert learned == "يمكنك فتح حساب شركات عبر الفرع.<|im_end|>\nلا توجد رسوم.<|im_end|>\n"
    masked = tokenizer.decode([t for t, lab in zip(e.input_ids, e.labels) if lab == tdata.IGNORE])
    assert "banking assistant" in masked and "كيف أفتح" in masked and "<|im_start|>assistant" in masked


def test_no_answer_is_dropped_and_long_ones_truncated_and_counted(tokenizer) -> None:  # noqa: ANN001
    items, stats = tdata.encode_all(tokenizer, [CONV[:2], CONV, CONV], 30)
    assert stats.dropped_no_answer == 1
    assert stats.dropped_too_long == 2  # the answers start after token 30
    items, stats = tdata.encode_all(tokenizer, [CONV], 80)  # the first answer starts near token 68
    assert stats.truncated == 1 and len(items[0].input_ids) == 80
    assert any("truncated" in str(n) for n in stats.notes)
    assert stats.as_dict()["notes"] == [{"code": "train.note.truncated", "params": {"n": 1, "tokens": 80}}]  # JSON, for the events


def test_packing_fills_rows_and_restarts_positions() -> None:
    items = [tdata.Encoded([1] * n, [1] * n) for n in (60, 50, 40, 30, 20)]
    rows = tdata.pack(items, 100)
    assert sorted(len(r) for r in rows) == [100, 100]  # 60+40, 50+30+20
    for r in rows:
        assert r.position_ids.count(0) >= 2
    assert len(tdata.pack(items, 100, packing=False)) == 5


def test_micro_batches_keep_one_system_prompt_together_then_group_by_length() -> None:
    a, b = [7, 7, 7], [9]  # two system prompts
    items = [tdata.Encoded(p + [1] * n, [tdata.IGNORE] * len(p) + [1] * n, prefix_len=len(p))
             for p, n in [(a, 10), (b, 12), (a, 30), (b, 31), (a, 20), (a, 40), (b, 5)]]
    rows = tdata.pack(items, 64, packing=False)
    batches = tdata.micro_batches(rows, 2)
    prompts = [{rows[i].prompt for i in batch} for batch in batches]
    assert prompts[:3] == [{(7, 7, 7)}, {(7, 7, 7)}, {(9,)}]  # full micro-batches share their prompt
    assert [[len(rows[i]) for i in batch] for batch in batches] == [[43, 33], [23, 13], [32, 13], [6]]
    assert sorted(i for batch in batches for i in batch) == list(range(len(rows)))


def test_packed_conversations_see_the_shared_prompt_and_only_themselves(tiny_model_dir: Path, tokenizer) -> None:  # noqa: ANN001
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), local_files_only=True).eval()
    a = tdata.encode(tokenizer, CONV[:3], 512, tdata.EncodeStats())
    b = tdata.encode(tokenizer, CONV, 512, tdata.EncodeStats())
    c = tdata.encode(tokenizer, [{"role": "system", "content": "Another prompt."}, *CONV[1:3]], 512, tdata.EncodeStats())
    assert a.prefix_len == b.prefix_len > 0 and a.input_ids[: a.prefix_len] == b.input_ids[: b.prefix_len]
    rows = tdata.pack([a, b, c], 1024)
    shared = next(r for r in rows if max(r.segments) == 2)
    p = a.prefix_len
    assert len(shared) == p + (len(a.input_ids) - p) + (len(b.input_ids) - p)  # the prompt is there once
    assert shared.conversation_tokens == len(a.input_ids) + len(b.input_ids)
    batch = tdata.collate(rows, tokenizer.pad_token_id)
    k = rows.index(shared)
    with torch.no_grad():
        packed = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], attention_mask=batch["attention_mask"],
                       use_cache=False).logits[k]
        alone_a = model(input_ids=torch.tensor([a.input_ids]), use_cache=False).logits[0]
        alone_b = model(input_ids=torch.tensor([b.input_ids]), use_cache=False).logits[0]
    # first-fit decreasing puts the longer conversation (b) right after the prompt
    lb = len(b.input_ids) - p
    torch.testing.assert_close(packed[:p], alone_b[:p], atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(packed[p: p + lb], alone_b[p:], atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(packed[p + lb: len(shared)], alone_a[p:], atol=1e-5, rtol=1e-4)
    # only positions whose next token is an answer token reach the output layer
    assert int(batch["select"].sum()) == len(batch["targets"]) == sum(x != tdata.IGNORE for r in rows for x in r.labels)


def test_default_chat_template_for_models_without_one(tokenizer) -> None:  # noqa: ANN001
    import copy

    tok = copy.deepcopy(tokenizer)
    tok.chat_template = None
    assert tdata.ensure_chat_template(tok)
    text, spans = tdata.assistant_spans(tok, CONV)
    assert text.startswith("<|im_start|>system\n") and len(spans) == 2


def test_right_padded_single_conversations_need_no_mask(tiny_model_dir: Path, tokenizer) -> None:  # noqa: ANN001
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), local_files_only=True).eval()
    a = tdata.encode(tokenizer, CONV[:3], 512, tdata.EncodeStats())
    b = tdata.encode(tokenizer, CONV, 512, tdata.EncodeStats())
    rows = tdata.pack([a, b], 512, packing=False)
    batch = tdata.collate(rows, tokenizer.pad_token_id)
    assert batch["attention_mask"] is None  # the causal kernel, no explicit mask
    with torch.no_grad():
        out = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
        alone_a = model(input_ids=torch.tensor([a.input_ids]), use_cache=False).logits[0]
    k = next(i for i, r in enumerate(rows) if len(r) == len(a.input_ids))
    torch.testing.assert_close(out[k, : len(a.input_ids)], alone_a, atol=1e-5, rtol=1e-4)


def test_a_shared_prompt_micro_batch_gives_each_conversation_its_own_logits(tiny_model_dir: Path, tokenizer) -> None:  # noqa: ANN001
    import torch
    from transformers import AutoModelForCausalLM

    from atlas_desktop.core.training import kernels

    model = AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), local_files_only=True).eval()
    a = tdata.encode(tokenizer, CONV[:3], 512, tdata.EncodeStats())
    b = tdata.encode(tokenizer, CONV, 512, tdata.EncodeStats())
    c = tdata.encode(tokenizer, [{"role": "system", "content": "Another prompt."}, *CONV[1:3]], 512, tdata.EncodeStats())
    with torch.no_grad():
        alone = {id(e): model(input_ids=torch.tensor([e.input_ids]), use_cache=False).logits[0] for e in (a, b, c)}
    assert kernels.shared_prompt_supported(model, 512)
    kernels.install_shared_prompt_attention(model)
    with pytest.raises(RuntimeError, match="collate_shared"):  # never silently without its layout
        model(input_ids=torch.tensor([a.input_ids]), use_cache=False)
    p = a.prefix_len
    for items, shared in (([b, a], p), ([b, c, a], 0)):  # a different prompt: nothing shared, still no padding
        rows = tdata.pack(items, 512, packing=False)
        batch = tdata.collate_shared(rows)
        assert batch["layout"].prompt == shared and batch["attention_mask"] is None
        assert batch["real_tokens"] == shared + sum(len(e.input_ids) - shared for e in items)
        assert batch["conversation_tokens"] == sum(len(e.input_ids) for e in items)
        kernels.SHARED_PROMPT.layout = batch["layout"]
        try:
            with torch.no_grad():
                flat = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits[0]
        finally:
            kernels.SHARED_PROMPT.layout = None
        torch.testing.assert_close(flat[:shared], alone[id(b)][:shared], atol=1e-5, rtol=1e-4)
        at = shared
        for r in rows:  # in the rows' order
            e = next(e for e in items if e.input_ids == r.input_ids)
            n = len(e.input_ids) - shared
            torch.testing.assert_close(flat[at: at + n], alone[id(e)][shared:], atol=1e-5, rtol=1e-4)
            at += n
        # the learned positions are each conversation's own, and their targets its next tokens
        expected = [x for r in rows for x in r.labels if x != tdata.IGNORE]
        assert int(batch["select"].sum()) == len(batch["targets"]) == len(expected)
        assert batch["targets"].tolist() == expected
