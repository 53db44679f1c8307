"""Every reader and encoding, the seed's own lines, and malformed input (property-based)."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas_desktop.core.data.readers import read_file
from atlas_desktop.core.data.validate import problem
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg, render
from tests.core.test_messages import english_words

# The playbook's two example lines, exactly as written in the seed.
SEED_LINES = [
    '{"messages": [{"role": "system", "content": "You are a banking assistant."}, {"role": "user", "content": "كيف أفتح حساباً للشركات؟"}, {"role": "assistant", "content": "يمكنك فتح حساب شركات عبر ..."}]}',
    '{"messages": [{"role": "system", "content": "You are a banking assistant."}, {"role": "user", "content": "ما هي رسوم التحويل؟"}, {"role": "assistant", "content": "تختلف الرسوم حسب ..."}]}',
]
Q, A = "كيف أفتح حساباً للشركات؟", "يمكنك فتح حساب شركات عبر بوابة الأعمال."


def valid(path: Path, **kw) -> list:  # noqa: ANN003
    out = []
    for r in read_file(path, **kw):
        assert r.error is None and problem(r.messages) is None, (r.line, r.error, problem(r.messages))
        out.append(r)
    return out


def test_the_seed_lines_import_as_written(tmp_path: Path) -> None:
    p = tmp_path / "seed.jsonl"
    p.write_text("\n".join(SEED_LINES), encoding="utf-8")
    recs = valid(p)
    assert [r.line for r in recs] == [1, 2] and recs[0].messages[1]["content"] == "كيف أفتح حساباً للشركات؟"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_jsonl_in_every_encoding_with_crlf_and_blank_lines(tmp_path: Path, encoding: str, newline: str) -> None:
    lines = [json.dumps({"messages": [{"role": "user", "content": f"{Q} {i}"}, {"role": "assistant", "content": A}], "intent": "product"}, ensure_ascii=False) for i in range(40)]
    lines.insert(3, "")
    p = tmp_path / "chats.jsonl"
    p.write_bytes(newline.join(lines).encode(encoding))
    recs = valid(p)
    assert len(recs) == 40 and recs[0].messages[0]["content"] == f"{Q} 0" and recs[0].intent == "product"
    assert recs[3].line == 5  # the blank line still counts


def test_content_as_a_list_of_text_parts(tmp_path: Path) -> None:
    p = tmp_path / "parts.jsonl"
    p.write_text(json.dumps({"messages": [{"role": "user", "content": [{"type": "text", "text": Q}]}, {"role": "assistant", "content": A}]}, ensure_ascii=False), encoding="utf-8")
    assert valid(p)[0].messages[0]["content"][0]["text"] == Q


def test_json_array_sharegpt_and_alpaca(tmp_path: Path) -> None:
    items = [
        {"messages": [{"role": "user", "content": Q}, {"role": "assistant", "content": A}]},
        {"conversations": [{"from": "system", "value": "أنت مساعد."}, {"from": "human", "value": Q}, {"from": "gpt", "value": A}], "dialect": "gulf"},
        {"instruction": Q, "input": "للمؤسسات الصغيرة", "output": A, "category": "product"},
    ]
    p = tmp_path / "chats.json"
    p.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    recs = valid(p)
    assert [r.messages[-1]["content"] for r in recs] == [A, A, A]
    assert recs[1].messages[1] == {"role": "user", "content": Q} and recs[1].dialect == "gulf"
    assert recs[2].messages[0]["content"] == f"{Q}\n\nللمؤسسات الصغيرة" and recs[2].intent == "product"
    assert recs[0].line == 2 and recs[1].line > recs[0].line


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1256", "utf-16"])
def test_csv_with_arabic_headers(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "export.csv"
    rows = ["السؤال,الجواب,الفئة,اللهجة", f'"{Q}","{A}",product,msa', '"كم الرسوم؟","الرسوم 25 ريال، شاملة الضريبة",policy,gulf']
    p.write_bytes("\r\n".join(rows).encode(encoding))
    recs = valid(p)
    assert [(r.line, r.intent, r.dialect) for r in recs] == [(2, "product", "msa"), (3, "policy", "gulf")]
    assert recs[1].messages[1]["content"] == "الرسوم 25 ريال، شاملة الضريبة"


def test_csv_mapping_override_and_a_missing_column(tmp_path: Path) -> None:
    p = tmp_path / "export.csv"
    p.write_text(f"ticket,customer_text,agent_text\n1,{Q},{A}\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="No question or answer column found among: ticket, customer_text, agent_text"):
        list(read_file(p))
    recs = valid(p, mapping={"question": "customer_text", "answer": "agent_text"})
    assert recs[0].messages[0]["content"] == Q
    with pytest.raises(ValidationError, match="not in the file"):
        list(read_file(p, mapping={"question": "nope", "answer": "agent_text"}))


def test_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["question", "answer", "category"])
    ws.append([Q, A, "product"])
    ws.append([None, None, None])
    ws.append(["سؤال ثانٍ؟", "جواب ثانٍ.", "support"])
    p = tmp_path / "export.xlsx"
    wb.save(p)
    recs = valid(p)
    assert [(r.line, r.intent) for r in recs] == [(2, "product"), (4, "support")]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.jsonl", b"", "is empty"),
    ("blank.jsonl", b"\n\n  \n", "is empty"),
    ("image.jsonl", bytes(range(256)) * 50, "binary file"),
    ("notes.txt", "مرحبا هذا نص عادي".encode(), "not in a format"),
    ("chats.json", b"[{\"messages\": [}", "JSON array is broken"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel workbook"),
])
def test_unusable_files_are_refused_in_one_sentence(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ValidationError, match=message) as err:
        list(read_file(p))
    assert "\n" not in str(err.value) and str(p) in str(err.value)


def test_the_sample_file_problems_are_found_with_lines_and_reasons() -> None:
    root = Path(__file__).resolve().parents[3]
    manifest = json.loads((root / "resources" / "samples" / "MANIFEST.json").read_text(encoding="utf-8"))
    ok, bad = 0, {}
    for r in read_file(root / "resources" / "samples" / "banking_conversations.jsonl"):
        reason = r.error or problem(r.messages)
        if reason:
            bad[r.line] = reason
        else:
            ok += 1
    assert ok == manifest["conversations_valid"] and sorted(bad) == manifest["malformed_lines"]
    assert any("unknown role 'bot'" in str(v) for v in bad.values()) and any("empty assistant answer" in str(v) for v in bad.values())
    for reason in bad.values():  # every reason is a code, in Arabic without an English word (the role 'bot' is the file's own)
        assert isinstance(reason, Msg) and not english_words(render(reason, "ar")), reason


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda c: st.lists(c, max_size=4) | st.dictionaries(st.sampled_from(["messages", "role", "content", "text", "from", "value", "conversations", "instruction", "output", "x"]), c, max_size=4),
                           max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(json_values, min_size=1, max_size=6), garbage=st.lists(st.binary(max_size=30), max_size=3))
def test_malformed_input_is_reported_never_raised(tmp_path: Path, records: list, garbage: list) -> None:
    p = tmp_path / "fuzz.jsonl"
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records] + [g.replace(b"\n", b" ") for g in garbage]
    p.write_bytes(b"\n".join(lines) + b"\n")
    try:
        for r in read_file(p):
            reason = r.error or problem(r.messages)
            assert reason is None or (isinstance(reason, Msg) and render(reason, "ar") and str(reason))
    except ValidationError as exc:
        assert "\n" not in str(exc)


def test_a_broken_json_line_is_named_in_json_s_own_words_once(tmp_path: Path) -> None:
    f = tmp_path / "broken.jsonl"
    f.write_text('{"messages": "abc\n', encoding="utf-8")
    [rec] = list(read_file(f))
    assert rec.line == 1 and str(rec.error) == "not valid JSON (unterminated string starting at column 14)"
    assert render(rec.error, "ar") == "ليس JSON صالحاً (سلسلة نصية لم تُغلق تبدأ عند العمود ١٤)"


@pytest.mark.parametrize(("text", "english"), [
    ('{"messages": [}', "a value was expected at column 15"),
    ('{"messages" []}', "a ':' was expected at column 13"),
    ('{"messages": [] "x": 1}', "a ',' was expected at column 17"),
    ("{'messages': []}", "a property name in double quotes was expected at column 2"),
    ('{"messages": []} x', "extra data after the value at column 18"),
    ('{"messages": "a\\qb"}', "an invalid \\ escape at column 16"),
    ('{"messages": "a\tb"}', "a control character inside a string at column 16"),
])
def test_json_s_own_english_becomes_a_code_with_its_column(tmp_path: Path, text: str, english: str) -> None:
    """json's English (Expecting value, Extra data...) never reaches the Arabic ui: each is a code with the column."""
    f = tmp_path / "bad.jsonl"
    f.write_text(text + "\n", encoding="utf-8")
    [rec] = list(read_file(f))
    assert str(rec.error) == f"not valid JSON ({english})" and rec.error.params["detail"].code.startswith("data.json.")
    arabic = render(rec.error, "ar")
    assert not re.search(r"[A-Za-z]", arabic.replace("JSON", "")), arabic


def _array_file(path: Path, answers: list[str], tail: str = "") -> Path:
    """A JSON array with one conversation per line (line 1 is the "[")."""
    items = [json.dumps({"messages": [{"role": "user", "content": Q}, {"role": "assistant", "content": a}]}, ensure_ascii=False) for a in answers]
    path.write_text("[\n" + ",\n".join(items) + tail + "\n]\n", encoding="utf-8")
    return path


def test_a_json_array_with_conversations_longer_than_the_read_ahead(tmp_path: Path) -> None:
    # Fillers bring the first 200,000-character answer to about 900,000 characters in, so it
    # straddles the end of the first 1 MiB read with far more than the 64K margin left to come.
    answers = ["ا" * 100_000] * 9 + [f"{i} " + "ب" * 200_000 for i in range(3)] + [A]
    recs = valid(_array_file(tmp_path / "long.json", answers))
    assert [r.line for r in recs] == list(range(2, len(answers) + 2))
    assert [r.messages[1]["content"] for r in recs] == answers


def test_a_broken_json_array_names_the_line_after_a_long_conversation(tmp_path: Path) -> None:
    p = _array_file(tmp_path / "broken.json", ["ا" * 100_000] * 9 + ["ب" * 200_000], tail=',\n{"messages": [}')
    with pytest.raises(ValidationError, match=r"broken.json line 12: the JSON array is broken \(a value was expected at column 15\)"):
        list(read_file(p))
    cut = tmp_path / "cut.json"
    text = p.read_text(encoding="utf-8")
    cut.write_text(text[:text.index("ب" * 100) + 150_000], encoding="utf-8")  # ends inside the long answer on line 11
    with pytest.raises(ValidationError, match=r"cut.json line 11: the JSON array is broken \(unterminated string starting at column"):
        list(read_file(cut))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.dictionaries(st.sampled_from(["messages", "intent", "x"]), json_values, max_size=3), min_size=1, max_size=5),
       read=st.integers(1, 40), indent=st.sampled_from([None, 1]))
def test_a_json_array_read_a_few_characters_at_a_time_gives_the_same_records(tmp_path: Path, items: list, read: int, indent: int | None) -> None:
    import atlas_desktop.core.data.readers as readers

    p = tmp_path / "small-reads.json"
    p.write_text(json.dumps(items, ensure_ascii=bool(read % 2), indent=indent), encoding="utf-8")
    whole = [(r.line, r.messages) for r in read_file(p)]
    with pytest.MonkeyPatch.context() as mp:  # every string, number, true and \\u escape gets cut somewhere
        mp.setattr(readers, "ARRAY_READ", read)
        mp.setattr(readers, "ARRAY_AHEAD", 1)
        assert [(r.line, r.messages) for r in read_file(p)] == whole
    assert [m for _, m in whole] == [i.get("messages") for i in items]
