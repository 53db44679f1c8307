"""Suite files: line-numbered errors with nothing stored, versions, export, the holdout as items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atlas_desktop.core.demo import EVAL_SUITE, ensure_demo_project
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.evaluation.suites import (
    conversation_item, export_suite, get_suite, import_suite, list_suites, parse_suite, save_items,
)
from atlas_desktop.core.messages import render


def test_the_demo_suite_reads_as_written() -> None:
    items = parse_suite(EVAL_SUITE.read_text(encoding="utf-8"), "banking_eval_suite.jsonl")
    assert len(items) == 62
    assert {i.intent for i in items} == {"support", "policy", "product", "operations"}
    assert all(i.prompt and i.reference for i in items)


@pytest.mark.parametrize("line, words", [
    ('{"id": "x", "reference": "مرجع"}', ["line 2", "no user turn"]),
    ('{"id": "x", "prompt": "سؤال", "checks": {"must_mention": "كلمة"}}', ["line 2", "must_mention"]),
    ('{"id": "x", "prompt": "سؤال", "checks": {"must_match": ["("]}}', ["line 2", "must_match"]),
    ('{"id": "x", "prompt": "سؤال", "colour": 1}', ["line 2", "colour"]),
    ('{"id": "x", "prompt": "سؤال"', ["line 2"]),
    ('{"id": "card_blocked-1", "prompt": "سؤال"}', ["line 2", "card_blocked-1", "line 1"]),
    ('{"messages": [{"role": "user", "content": "سؤال"}, {"role": "assistant", "content": "جواب"}, {"role": "assistant", "content": "x"}]}',
     ["line 2"]),
])
def test_a_bad_line_is_named_and_nothing_is_stored(workspace, tmp_path: Path, line: str, words: list[str]) -> None:  # noqa: ANN001
    project, _ = ensure_demo_project(workspace)
    first = EVAL_SUITE.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "suite.jsonl"
    path.write_text(first + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        import_suite(workspace, project, path)
    text = str(err.value)
    assert str(path) in text and all(w in text for w in words), text
    assert render(err.value.full(), "ar")
    assert list_suites(workspace, project) == []


def test_versions_export_and_the_messages_form(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    project, _ = ensure_demo_project(workspace)
    v1, created = import_suite(workspace, project, EVAL_SUITE, name="banking")
    assert created and v1.number == 1 and v1.item_count == 62
    again, created = import_suite(workspace, project, EVAL_SUITE, name="banking")
    assert not created and again.number == 1  # the same items: no new version
    out = tmp_path / "out.jsonl"
    export_suite(workspace, project, out, "banking")
    assert parse_suite(out.read_text(encoding="utf-8"), "out") == get_suite(workspace, project, "banking")[1]
    multi = {"id": "multi", "intent": "support", "messages": [
        {"role": "system", "content": "أنت مساعد."}, {"role": "user", "content": "عندي مشكلة"},
        {"role": "assistant", "content": "ما هي؟"}, {"role": "user", "content": "البطاقة موقوفة"},
        {"role": "assistant", "content": "فعّلها من التطبيق."}]}
    item = parse_suite(json.dumps(multi, ensure_ascii=False), "m")[0]
    assert item.prompt == "البطاقة موقوفة" and item.reference == "فعّلها من التطبيق." and item.system == "أنت مساعد."
    assert [t["role"] for t in item.context] == ["user", "assistant"]
    assert [m["role"] for m in item.messages()] == ["system", "user", "assistant", "user"]
    items = get_suite(workspace, project, "banking")[1][:3] + [item]
    v2, created = save_items(workspace, project, "banking", items, note="edited")
    assert created and v2.number == 2 and v2.item_count == 4
    assert [s.label for s in list_suites(workspace, project)] == ["banking v2", "banking v1"]
    assert get_suite(workspace, project, "banking", 1)[0].item_count == 62


def test_a_holdout_conversation_becomes_an_item() -> None:
    record = {"messages": [{"role": "user", "content": "س١"}, {"role": "assistant", "content": "ج١"},
                           {"role": "user", "content": "س٢"}, {"role": "assistant", "content": "ج٢"}], "intent": "support", "dialect": "gulf"}
    item = conversation_item(record, "h-1")
    assert item is not None and item.prompt == "س٢" and item.reference == "ج٢" and len(item.context) == 2 and item.source == "holdout"
    assert conversation_item({"messages": [{"role": "assistant", "content": "x"}]}, "h-2") is None
