"""The plain records the evaluation loop passes around: an item of a suite, a model's answer
to it, the metrics of that answer, and a reviewer's rating of a pair of answers.

Storage keeps them as JSON (``asdict``); the ui and the report read these, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METRIC_NAMES = ("format", "faithfulness", "task_success")  # the recipe's validation.metrics
ANSWER_STATUSES = ("ok", "empty", "truncated")  # empty and truncated answers are labelled, never silently scored
VERDICTS = ("candidate", "production", "tie", "both_bad")  # stored by model, whatever side each answer was shown on


@dataclass(frozen=True)
class EvalItem:
    """One prompt of a suite: the turns before the answer, the reference, and what to check."""

    id: str
    prompt: str  # the user turn the model answers
    reference: str = ""
    intent: str = ""
    dialect: str = ""
    system: str = ""  # empty: the project's system prompt
    context: tuple[dict[str, str], ...] = ()  # earlier turns ({"role", "content"}), oldest first
    checks: dict[str, Any] = field(default_factory=dict)
    source: str = "suite"  # "suite" (a targeted prompt) or "holdout" (from the dataset version's holdout)

    def messages(self, system_prompt: str = "") -> list[dict[str, str]]:
        """The conversation the model is asked to continue, in the chat template's terms."""
        system = self.system or system_prompt
        head = [{"role": "system", "content": system}] if system else []
        return head + [dict(t) for t in self.context] + [{"role": "user", "content": self.prompt}]


@dataclass(frozen=True)
class Answer:
    item_id: str
    text: str
    status: str = "ok"  # one of ANSWER_STATUSES
    new_tokens: int = 0


@dataclass(frozen=True)
class Check:
    """The result of one part of a metric, for the report and the review pane: what was checked,
    whether it passed, and a message (a core.messages.Msg in JSON form) saying why not."""

    name: str
    passed: bool
    score: float = 1.0  # 0..1
    reason: dict[str, Any] | None = None  # Msg.to_json() when it failed


@dataclass(frozen=True)
class MetricScore:
    """One metric of one answer: a score in 0..1 (None when it cannot be scored: an empty or
    truncated answer) and the checks behind it."""

    name: str  # one of METRIC_NAMES
    score: float | None
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Rating:
    """A reviewer's saved rating of one item's pair, by model (the sides are undone on saving)."""

    item_id: str
    reviewer: str
    candidate: dict[str, int]  # metric name -> 1..5
    production: dict[str, int]
    verdict: str  # one of VERDICTS
    unsafe: bool = False
    inconsistent: bool = False
    note: str = ""
    resolved: bool = False  # an unsafe or inconsistent flag a release manager has resolved
    calibration: bool = False
