"""Build a tiny random Llama-style model and a byte-level BPE tokenizer trained on the
sample conversations, so no test needs downloaded weights."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples" / "banking_conversations.jsonl"
CHATML = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


TINY_RECIPE = """model: tiny
train:
  epochs: 1
  learning_rate: 5e-3
  batch_size: 2
  max_seq_length: 256
  max_steps: {steps}
  eval_every_steps: 4
  save_every_steps: {save}
lora:
  rank: 4
  alpha: 8
"""


def tiny_recipe(steps: int = 8, save: int = 4, **train: object) -> str:
    text = TINY_RECIPE.format(steps=steps, save=save)
    for k, v in train.items():
        text = text.replace("train:\n", f"train:\n  {k}: {v}\n", 1)
    return text


def sample_texts() -> list[str]:
    texts = []
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        try:
            for m in json.loads(line)["messages"]:
                if isinstance(m.get("content"), str):
                    texts.append(m["content"])
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return texts


def build_tiny_model(target: Path, vocab_size: int = 512, seed: int = 0) -> Path:
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(sample_texts(), trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, show_progress=False,
                                                                initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|im_start|>", eos_token="<|im_end|>", pad_token="<pad>", unk_token="<|endoftext|>")
    fast.chat_template = CHATML
    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
                         num_key_value_heads=2, max_position_embeddings=512, bos_token_id=fast.bos_token_id,
                         eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id, tie_word_embeddings=True)
    model = LlamaForCausalLM(config)
    target.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(target, safe_serialization=True)
    fast.save_pretrained(target)
    return target
