"""Turning a dataset version's conversations into training rows.

Loss only on assistant turns: each conversation is rendered with the base
model's chat template (or :data:`DEFAULT_CHAT_TEMPLATE`, ChatML, when the
model has none). For every assistant turn we render the conversation up to
that turn with the generation prompt, and up to and including it; the text
between the two, the answer and its end-of-turn marker, is what the model
learns. Tokens are labelled through the fast tokenizer's offset mapping, so
the masks follow the template exactly, whatever its markup.

No compute on padding, none on repeated system prompts: conversations are
packed first-fit-decreasing into rows of ``max_seq_length`` tokens.
Conversations that open with the same system turn (a project's system
prompt, usually) share one copy of it per row: a row is
``[system prompt][conversation 1 without it][conversation 2 without it]...``,
each conversation's position ids continue from the end of the prompt as if it
stood alone, and a 4D attention mask lets every token see the prompt and the
earlier tokens of its own conversation only. Each conversation therefore gets
exactly the logits it would get alone (tests/core/training check this), while
the prompt is computed once per row instead of once per conversation. Rows
are grouped by length into micro-batches so the little padding left is at the
end of nearly-full rows; padding gets its own segment and no label. This is
the GPU layout (``pack`` + ``collate``).

On a CPU an explicit mask sends attention to a slower kernel, so there a
micro-batch is one flat row ``[system prompt][conversation 1][conversation 2]...``
with no padding at all (``collate_shared``): the linear layers, which are most of
the work, see every token once and the prompt once per micro-batch, and only
attention regroups the row into one padded row per conversation, where the
causal kernel needs no mask (kernels.shared_prompt_attention).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from atlas_desktop.core.messages import Msg, to_json

IGNORE = -100
# Used, and recorded in the run, when a base model has no chat template of its own.
DEFAULT_CHAT_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


@dataclass
class Encoded:
    input_ids: list[int]
    labels: list[int]
    prefix_len: int = 0  # leading tokens that are the system turn (shareable between conversations)

    @property
    def trained_tokens(self) -> int:
        return sum(1 for x in self.labels if x != IGNORE)


@dataclass
class EncodeStats:
    conversations: int = 0
    encoded: int = 0
    truncated: int = 0
    dropped_too_long: int = 0
    dropped_no_answer: int = 0
    tokens: int = 0
    trained_tokens: int = 0
    notes: list[Msg] = field(default_factory=list)  # what was truncated or left out, for people

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON (the notes as their codes and parameters)."""
        return {**asdict(self), "notes": to_json(self.notes)}


def read_conversations(path: Path) -> list[list[dict[str, str]]]:
    """A dataset version's split: one ``{"messages": [...]}`` object per line."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append([{"role": m["role"], "content": m["content"]} for m in json.loads(line)["messages"]])
    return out


def ensure_chat_template(tokenizer: Any) -> bool:
    """Give the tokenizer our documented default when it has none; True if we did."""
    if getattr(tokenizer, "chat_template", None):
        return False
    tokenizer.chat_template = DEFAULT_CHAT_TEMPLATE
    for tok in ("<|im_start|>", "<|im_end|>"):
        if tokenizer.convert_tokens_to_ids(tok) in (None, tokenizer.unk_token_id):
            tokenizer.add_special_tokens({"additional_special_tokens": [tok]})
    return True


def _render(tokenizer: Any, messages: list[dict[str, str]], generation_prompt: bool) -> str:
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation_prompt)


def assistant_spans(tokenizer: Any, messages: list[dict[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans the model must learn."""
    full = _render(tokenizer, messages, False)
    spans = []
    for i, m in enumerate(messages):
        if m["role"] != "assistant" or i == 0:
            continue
        start = _render(tokenizer, messages[:i], True)
        end = _render(tokenizer, messages[: i + 1], False)
        if not (full.startswith(start) and full.startswith(end) and len(end) > len(start)):
            raise ValueError(Msg("train.template_not_turn_by_turn"))  # the engine tells people (its str() is the English)
        spans.append((len(start), len(end)))
    return full, spans


def encode(tokenizer: Any, messages: list[dict[str, str]], max_len: int, stats: EncodeStats) -> Encoded | None:
    stats.conversations += 1
    full, spans = assistant_spans(tokenizer, messages)
    if not spans:
        stats.dropped_no_answer += 1
        return None
    enc = tokenizer(full, add_special_tokens=False, return_offsets_mapping=True)
    ids: list[int] = enc["input_ids"]
    prefix_len = _prefix_tokens(tokenizer, messages, full, enc["offset_mapping"])
    labels = [IGNORE] * len(ids)
    k = 0
    for t, (a, _b) in enumerate(enc["offset_mapping"]):
        while k < len(spans) and a >= spans[k][1]:
            k += 1
        if k < len(spans) and spans[k][0] <= a < spans[k][1]:
            labels[t] = ids[t]
    if len(ids) > max_len:
        ids, labels = ids[:max_len], labels[:max_len]
        if all(x == IGNORE for x in labels):
            stats.dropped_too_long += 1
            return None
        stats.truncated += 1
    e = Encoded(ids, labels, prefix_len if prefix_len < len(ids) else 0)
    stats.encoded += 1
    stats.tokens += len(ids)
    stats.trained_tokens += e.trained_tokens
    return e


def _prefix_tokens(tokenizer: Any, messages: list[dict[str, str]], full: str, offsets: list[tuple[int, int]]) -> int:
    """How many leading tokens render the system turn alone (0 if none, or if no clean token boundary)."""
    if not messages or messages[0]["role"] != "system":
        return 0
    head = _render(tokenizer, messages[:1], False)
    if not full.startswith(head):
        return 0
    n = 0
    for a, b in offsets:
        if b <= len(head):
            n += 1
        elif a < len(head):
            return 0  # a token straddles the end of the system turn: do not share it
        else:
            break
    return n


def encode_all(tokenizer: Any, conversations: list[list[dict[str, str]]], max_len: int,
               progress: Any = None) -> tuple[list[Encoded], EncodeStats]:
    stats = EncodeStats()
    out = []
    for i, msgs in enumerate(conversations):
        e = encode(tokenizer, msgs, max_len, stats)
        if e is not None:
            out.append(e)
        if progress and (i + 1) % 200 == 0:
            progress(i + 1, len(conversations))
    if stats.truncated:
        stats.notes.append(Msg("train.note.truncated", n=stats.truncated, tokens=max_len))
    if stats.dropped_too_long:
        stats.notes.append(Msg("train.note.too_long", n=stats.dropped_too_long, tokens=max_len))
    if stats.dropped_no_answer:
        stats.notes.append(Msg("train.note.no_answer", n=stats.dropped_no_answer))
    return out, stats


@dataclass
class Row:
    """One training row: a shared system prompt (or none) and one or more conversations."""

    input_ids: list[int]
    labels: list[int]
    position_ids: list[int]
    segments: list[int]  # 0 = the shared prompt, 1.. = conversations
    conversation_tokens: int = 0  # what the packed conversations would be on their own (prompt counted for each)

    def __len__(self) -> int:
        return len(self.input_ids)

    @property
    def prompt(self) -> tuple[int, ...]:
        """The shared system prompt's tokens (segment 0; empty when there is none)."""
        return tuple(self.input_ids[: self.segments.count(0)])


def pack(items: list[Encoded], max_len: int, packing: bool = True, share_prefix: bool = True) -> list[Row]:
    """First-fit decreasing into rows of at most ``max_len`` tokens (one item per row without packing).

    With ``share_prefix``, items that start with the same system turn are packed behind one copy of it
    (without packing, each row still marks its system turn as segment 0, for :func:`collate_shared`).
    """
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, it in enumerate(items):
        key = tuple(it.input_ids[: it.prefix_len]) if share_prefix else ()
        groups.setdefault(key, []).append(i)
    rows: list[Row] = []
    for prefix, members in groups.items():
        p = len(prefix)
        order = sorted(members, key=lambda i: (-(len(items[i].input_ids) - p), i))
        first = len(rows)
        free: list[int] = []
        for i in order:
            it = items[i]
            ids, labels = it.input_ids[p:], it.labels[p:]
            n = len(ids)
            slot = next((r for r, room in enumerate(free) if room >= n), None) if packing else None
            if slot is None:
                rows.append(Row(list(prefix), [IGNORE] * p, list(range(p)), [0] * p))
                free.append(max_len - p)
                slot = len(free) - 1
            row = rows[first + slot]
            seg = (max(row.segments) if row.segments else 0) + 1
            row.input_ids.extend(ids)
            row.labels.extend(labels)
            row.position_ids.extend(range(p, p + n))
            row.segments.extend([seg] * n)
            row.conversation_tokens += p + n
            free[slot] -= n
    return rows


def micro_batches(rows: list[Row], batch_size: int) -> list[list[int]]:
    """Row indices in micro-batches of ``batch_size``: rows with the same system prompt together
    (so :func:`collate_shared` computes it once per micro-batch), then by length, longest first.
    What is left over of each prompt's rows is batched together, by length, at the end."""
    def by_length(members: list[int]) -> list[int]:
        return sorted(members, key=lambda i: (-len(rows[i]), i))

    def chunks(members: list[int]) -> list[list[int]]:
        return [members[i: i + batch_size] for i in range(0, len(members), batch_size)]

    groups: dict[tuple[int, ...], list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(r.prompt, []).append(i)
    batches: list[list[int]] = []
    rest: list[int] = []
    for members in groups.values():
        members = by_length(members)
        full = len(members) - len(members) % batch_size
        batches += chunks(members[:full])
        rest += members[full:]
    return batches + chunks(by_length(rest))


PAD_SEGMENT = -1


def collate(rows: list[Row], pad_id: int) -> dict[str, Any]:
    """Tensors for one micro-batch, with the 4D mask: a token sees the shared prompt and the
    earlier tokens of its own conversation. ``select`` marks the positions whose next token is
    learned (only those go through the output layer)."""
    import torch

    width = max(len(r) for r in rows)
    # One conversation per row: padding on the right needs no mask under causal attention (no
    # real token can see a later pad, and pads are never learned), so the fast causal kernel runs.
    # Their position ids continue, or transformers would read them as a packed sequence.
    unmasked = all(max(r.segments) <= 1 for r in rows)
    ids, labels, pos, segs = [], [], [], []
    real = conv = 0
    for r in rows:
        pad = width - len(r)
        real += len(r)
        conv += r.conversation_tokens
        ids.append(r.input_ids + [pad_id] * pad)
        labels.append(r.labels + [IGNORE] * pad)
        pos.append(r.position_ids + (list(range(len(r), width)) if unmasked else list(range(pad))))
        segs.append(r.segments + [PAD_SEGMENT] * pad)
    labels_t = torch.tensor(labels)
    mask = None
    if not unmasked:
        seg = torch.tensor(segs)
        causal = torch.ones(width, width, dtype=torch.bool).tril()
        same = seg[:, :, None] == seg[:, None, :]
        prompt = (seg[:, None, :] == 0) & (seg[:, :, None] != PAD_SEGMENT)
        mask = (same | prompt) & causal
    select = torch.zeros_like(labels_t, dtype=torch.bool)
    select[:, :-1] = labels_t[:, 1:] != IGNORE
    return {"input_ids": torch.tensor(ids), "labels": labels_t, "position_ids": torch.tensor(pos),
            "attention_mask": None if mask is None else mask[:, None],
            "select": select, "targets": labels_t[:, 1:][select[:, :-1]], "real_tokens": real, "conversation_tokens": conv,
            "label_tokens": int(select.sum())}


@dataclass(frozen=True)
class SharedPromptLayout:
    """How one flat row ``[prompt][conversation 1][conversation 2]...`` maps to a batch of rows
    ``[prompt][conversation i][padding]`` of ``width`` tokens (see kernels.shared_prompt_attention).

    ``gather`` (rows x width) picks each batch row's tokens out of the flat row; ``scatter``
    (one per flat token) picks each flat token's result out of the batch: the prompt from the
    first batch row, every conversation from its own.
    """

    gather: Any
    scatter: Any
    rows: int
    width: int
    prompt: int

    def to(self, device: Any) -> SharedPromptLayout:
        return SharedPromptLayout(self.gather.to(device), self.scatter.to(device), self.rows, self.width, self.prompt)


def collate_shared(rows: list[Row]) -> dict[str, Any]:
    """One micro-batch of single-conversation rows as one flat row with one copy of their shared
    system prompt (the CPU layout; see the module's note). Only the linear layers and the
    element-wise work see the flat row; attention regroups it per conversation, so no mask is
    needed and the causal kernel runs. Rows with different prompts share nothing (prompt of 0
    tokens) but still lose their padding."""
    import torch

    assert all(max(r.segments) <= 1 for r in rows), "collate_shared takes one conversation per row"
    p = rows[0].segments.count(0)
    if any(r.segments.count(0) != p or r.input_ids[:p] != rows[0].input_ids[:p]
           or (len(r) > p and r.labels[p] != IGNORE) for r in rows):
        p = 0
    width = max(len(r) for r in rows)
    ids, labels, pos = list(rows[0].input_ids[:p]), list(rows[0].labels[:p]), list(range(p))
    gather: list[int] = []
    scatter = list(range(p))
    select = [False] * p
    for k, r in enumerate(rows):
        start, n = len(ids), len(r) - p
        ids += r.input_ids[p:]
        labels += r.labels[p:]
        pos += r.position_ids[p:]
        gather += list(range(p)) + list(range(start, start + n)) + [0] * (width - p - n)
        scatter += range(k * width + p, k * width + p + n)
        # a position is learned when the next token of its own conversation is an answer token
        following = r.labels[p + 1:] + [IGNORE]
        select += [x != IGNORE for x in following]
    labels_t = torch.tensor([labels])
    select_t = torch.tensor([select])
    targets = torch.tensor([x for x, s in zip(labels[1:] + [IGNORE], select) if s], dtype=torch.long)
    layout = SharedPromptLayout(torch.tensor(gather), torch.tensor(scatter), len(rows), width, p)
    return {"input_ids": torch.tensor([ids]), "labels": labels_t, "position_ids": torch.tensor([pos]), "attention_mask": None,
            "layout": layout, "select": select_t, "targets": targets, "real_tokens": len(ids),
            "conversation_tokens": sum(r.conversation_tokens for r in rows), "label_tokens": int(select_t.sum())}
