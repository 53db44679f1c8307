"""Validation: is a record a usable conversation? One plain reason (a message code) when it is not."""

from __future__ import annotations

import json
from typing import Any

from atlas_desktop.core.messages import Msg

ROLES = ("system", "user", "assistant")


def text_of(content: Any) -> str | None:
    """The text of a message's content (a string or a list of text parts), or None."""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and content and all(isinstance(p, dict) and isinstance(p.get("text"), str) for p in content):
        return "".join(p["text"] for p in content)
    return None


def problem(messages: Any) -> Msg | None:
    """Why these messages cannot be used for training, or None when they can."""
    if not isinstance(messages, list):
        return Msg("data.record.messages_not_list")
    if not messages:
        return Msg("data.record.no_messages")
    answered = False
    seen_user = False
    for i, m in enumerate(messages, 1):
        if not isinstance(m, dict):
            return Msg("data.record.message_not_object", i=i)
        role = m.get("role")
        if role not in ROLES:
            # the role as written (a string, or any JSON value): a parameter that is stored as JSON
            return Msg("data.record.unknown_role", i=i, role=role if isinstance(role, str) else json.dumps(role, ensure_ascii=False))
        text = text_of(m.get("content"))
        if text is None:
            return Msg("data.record.no_text", i=i, role=role)
        if role == "system" and i > 1 and any(x.get("role") != "system" for x in messages[: i - 1] if isinstance(x, dict)):
            return Msg("data.record.late_system", i=i)
        if role == "user":
            seen_user = True
        if role == "assistant":
            if not text.strip():
                return Msg("data.record.empty_answer", i=i)
            answered = answered or seen_user
    if not seen_user:
        return Msg("data.record.no_user_turn")
    if not answered:
        return Msg("data.record.no_answer")
    return None
