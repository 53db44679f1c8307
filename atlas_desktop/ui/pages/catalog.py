"""The navigation: every page, in the order of the workflow."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from atlas_desktop.core.demo import resource_root
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.placeholder import PlaceholderPage
from atlas_desktop.ui.pages.projects import ProjectsPage

PAGE_KEYS = ("projects", "data", "train", "evaluate", "review", "release", "monitor")


def page_title(key: str) -> str:
    return {
        "projects": tr("Projects"), "data": tr("Data"), "train": tr("Train"), "evaluate": tr("Evaluate"),
        "review": tr("Review"), "release": tr("Release"), "monitor": tr("Monitor"),
    }[key]


def _text_of(content: object) -> str:
    """Message content as a string, or as a list of text parts (the seed allows both)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def _sample_preview(limit: int = 4) -> str:
    """The first conversations of the sample data set, one paragraph per turn."""
    path = resource_root() / "samples" / "banking_conversations.jsonl"
    if not path.is_file():
        return ""
    speaker = {"user": tr("Customer:"), "assistant": tr("Assistant:")}
    shown: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                msgs = json.loads(line)["messages"]
                turns = [f"{speaker[m['role']]} {_text_of(m.get('content'))}" for m in msgs if m.get("role") in speaker]
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            shown.append("\n".join(turns))
            if len(shown) >= limit:
                break
    return "\n\n".join(shown)


def _eval_preview(limit: int = 6) -> str:
    path = resource_root() / "eval" / "banking_eval_suite.jsonl"
    if not path.is_file():
        return ""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            out.append(f"{item['prompt']}")
            if len(out) >= limit:
                break
    return "\n".join(out)


def build_page(key: str, ctx: AppContext) -> QWidget:
    builders: dict[str, Callable[[], QWidget]] = {
        "projects": lambda: ProjectsPage(ctx),
        "data": lambda: PlaceholderPage(ctx, tr("Data"), [
            tr("Import chat exports (JSONL, JSON, ShareGPT, Alpaca, CSV, Excel), check every record, redact sensitive values (IDs, IBANs, cards, phones, emails, names), remove duplicates, and keep a clean holdout set."),
            tr("Each import becomes an immutable, content-hashed dataset version you can trace to its source files."),
        ], tr("Sample conversations (resources/samples)"), _sample_preview()),
        "train": lambda: PlaceholderPage(ctx, tr("Train"), [
            tr("Fine-tune a base model with LoRA on a dataset version, in a separate process, with live loss curves, Pause, Cancel and Resume after a crash."),
        ]),
        "evaluate": lambda: PlaceholderPage(ctx, tr("Evaluate"), [
            tr("Run targeted test prompts against a candidate and the production model, and measure task success, format and faithfulness."),
        ], tr("Evaluation prompts (resources/eval)"), _eval_preview()),
        "review": lambda: PlaceholderPage(ctx, tr("Review"), [
            tr("Rate the candidate's Arabic answers side by side with the production model's, in a right-to-left review pane."),
        ]),
        "release": lambda: PlaceholderPage(ctx, tr("Release"), [
            tr("Register model versions, roll one out in stages (10%, 50%, 100% of traffic) with checks at each stage, and roll back in one click."),
        ]),
        "monitor": lambda: PlaceholderPage(ctx, tr("Monitor"), [
            tr("Watch quality, latency and request drift of the deployed model, with telemetry kept on this machine."),
        ]),
    }
    return builders[key]()
