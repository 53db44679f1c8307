"""atlas telemetry export: a policy naming an unknown field fails with its line number; aggregates
by default and never the text; rows and text only when the policy names them; written whole or
not at all; each export an audit event."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.serving.export import AGGREGATE_FIELDS, export, parse_policy
from atlas_desktop.core.storage import audit


def _policy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_policy_naming_an_unknown_field_fails_with_its_line_number(monitor_ws, tmp_path: Path) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    out = tmp_path / "out.json"
    policy = _policy(tmp_path, "# what may leave the building\nlevel: aggregates\nfields:\n  - day\n  - requests\n  - latency_p99_ms\n")
    with pytest.raises(ValidationError) as err:
        export(ws, project, policy, out)
    said = str(err.value)
    assert said.startswith('policy.yaml, line 6: unknown field "latency_p99_ms"') and "nothing was written" in said
    assert said.count(". ") == 1  # one sentence, then the hint
    assert "السطر ٦" in err.value.render("ar")
    assert not out.exists() and not list(tmp_path.glob(".out.json.*"))
    for text, line, words in [
        ("level: aggregates\nfields: [day, target]\ncolumns: [day]\n", 3, 'unknown key "columns"'),
        ("level: everything\n", 1, 'the level "everything"'),
        ("fields: [day, prompt_text]\n", 1, '"prompt_text" is a field of single requests'),
        ("level: rows\nfields:\n  - at\n  - prompt\n", 4, 'unknown field "prompt"'),
        ("since: yesterday\n", 1, '"yesterday" is not a date'),
        ("fields: day\n", 1, '"fields" is not a list'),
        ("level: rows\nlevel: aggregates\n", 2, '"level" is given twice'),
        ("fields: [day\n", 2, "line 2:"),
    ]:
        with pytest.raises(ValidationError) as err:
            parse_policy(text)
        assert f"policy.yaml, line {line}:" in str(err.value) and words in str(err.value), (text, str(err.value))


def test_aggregates_by_default_never_the_text_and_an_audit_event(monitor_ws, tmp_path: Path) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    out = tmp_path / "telemetry.json"
    result = export(ws, project, _policy(tmp_path, ""), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["level"] == "aggregates" and data["fields"] == list(AGGREGATE_FIELDS)
    rows = data["rows"]
    assert result.rows == len(rows) and {r["target"] for r in rows} == {"base", "v1"}
    assert len({r["day"] for r in rows}) in (5, 6)  # five days ending at noon: six calendar days
    assert sum(r["requests"] for r in rows) == 1200
    assert all(set(r) == set(AGGREGATE_FIELDS) for r in rows)
    text = out.read_text(encoding="utf-8")
    assert "completion_id" not in text and "chatcmpl-" not in text and "prompt_text" not in text
    assert all(r["latency_p50_ms"] <= r["latency_p95_ms"] for r in rows if r["latency_p50_ms"] is not None)
    with ws.unit_of_work() as s:
        event = audit.recent(s, 1)[0]
        assert audit.verify_chain(s).ok
    assert event.action == "telemetry.exported" and event.details["rows"] == result.rows
    assert event.details["sha256"] == result.sha256 and event.details["level"] == "aggregates" and event.details["file"] == "telemetry.json"

    # grouped by target alone, as CSV
    out_csv = tmp_path / "by_target.csv"
    export(ws, project, _policy(tmp_path, "fields: [target, requests, thumbs_down_rate, tickets_per_1000]\n"), out_csv)
    table = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert [r["target"] for r in table] == ["base", "v1"] and sum(int(r["requests"]) for r in table) == 1200
    assert list(table[0]) == ["target", "requests", "thumbs_down_rate", "tickets_per_1000"]


def test_rows_and_text_only_when_the_policy_names_them(monitor_ws, tmp_path: Path) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    out = tmp_path / "rows.jsonl"
    export(ws, project, _policy(tmp_path, "level: rows\nfields: [at, target, status, total_ms, dialect, intent, thumbs]\nsince: 2026-11-29\n"), out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all(list(r) == ["at", "target", "status", "total_ms", "dialect", "intent", "thumbs"] for r in lines)
    assert all(r["at"] >= "2026-11-29" for r in lines) and {r["thumbs"] for r in lines} <= {None, 1, -1}
    # rows without naming them: every field but the text
    export(ws, project, _policy(tmp_path, "level: rows\n"), out)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert "prompt_text" not in first and "answer_text" not in first and "completion_id" in first


def test_the_file_is_written_whole_or_not_at_all(monitor_ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "telemetry.json"
    out.write_text("the previous export\n", encoding="utf-8")
    policy = _policy(tmp_path, "")
    with ws.unit_of_work() as s:
        before = audit.recent(s, 1)[0].seq

    def broken(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("atlas_desktop.core.serving.export._write", broken)
    with pytest.raises(ValidationError, match="could not be written .* no space left on device") as err:
        export(ws, project, policy, out)
    assert "تعذّرت كتابة التصدير" in err.value.render("ar")
    assert out.read_text(encoding="utf-8") == "the previous export\n"  # untouched, and no half-written file beside it
    assert [p.name for p in folder.iterdir()] == ["telemetry.json"]
    with ws.unit_of_work() as s:
        assert audit.recent(s, 1)[0].seq == before  # no event for an export that did not happen
