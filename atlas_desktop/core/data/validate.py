"""Validation: is a record a usable conversation? One plain reason when it is not."""

from __future__ import annotations

from typing import Any

ROLES = ("system", "user", "assistant")


def text_of(content: Any) -> str | None:
    """The text of a message's content (a string or a list of text parts), or None."""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and content and all(isinstance(p, dict) and isinstance(p.get("text"), str) for p in content):
        return "".join(p["text"] for p in content)
    return None


def problem(messages: Any) -> str | None:
    """Why these messages cannot be used for training, or None when they can."""
    if not isinstance(messages, list):
        return '"messages" is not a list of messages'
    if not messages:
        return "the conversation has no messages"
    answered = False
    seen_user = False
    for i, m in enumerate(messages, 1):
        if not isinstance(m, dict):
            return f"message {i} is not an object"
        role = m.get("role")
        if role not in ROLES:
            return f"message {i} has the unknown role {role!r}; use system, user or assistant"
        text = text_of(m.get("content"))
        if text is None:
            return f"message {i} ({role}) has no text content"
        if role == "system" and i > 1 and any(x.get("role") != "system" for x in messages[: i - 1] if isinstance(x, dict)):
            return f"message {i} is a system message after the conversation started"
        if role == "user":
            seen_user = True
        if role == "assistant":
            if not text.strip():
                return f"message {i} is an empty assistant answer"
            answered = answered or seen_user
    if not seen_user:
        return "the conversation has no user turn"
    if not answered:
        return "no user turn is followed by an assistant answer"
    return None
