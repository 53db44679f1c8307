"""Readers: support-desk exports in, one normalized record per conversation out.

Formats: the seed's messages JSONL (content a string or a list of text parts), a JSON array
of conversations, ShareGPT (conversations / from / value), Alpaca (instruction / input /
output), and CSV or XLSX exports with a column mapping (Arabic or English headers such as
السؤال / الجواب / الفئة or question / answer / category are recognized; ``mapping``
overrides). Encodings are detected with charset-normalizer (UTF-8 with or without BOM,
UTF-16, Windows-1256...). Files are streamed: records are yielded one at a time, never the
whole file. Every record carries its file and line (or row) counted from 1.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg, to_json

SNIFF_BYTES = 64 * 1024
ARRAY_READ = 1 << 20  # characters of a JSON array read at a time
ARRAY_AHEAD = 1 << 16  # read on before decoding when fewer are left (a longer record reads on itself)
ROLE_ALIASES = {"human": "user", "user": "user", "customer": "user", "gpt": "assistant", "assistant": "assistant",
                "bot": "assistant", "agent": "assistant", "model": "assistant", "system": "system"}
HEADER_ALIASES = {
    "question": ("question", "prompt", "user", "query", "customer", "السؤال", "سؤال", "الاستفسار", "العميل", "رسالة العميل"),
    "answer": ("answer", "response", "reply", "assistant", "agent", "الجواب", "جواب", "الإجابة", "الاجابة", "الرد", "رد الموظف"),
    "intent": ("intent", "category", "type", "topic", "الفئة", "التصنيف", "النية", "النوع", "الموضوع"),
    "dialect": ("dialect", "اللهجة", "لهجة"),
    "system": ("system", "system prompt", "تعليمات النظام"),
}


@dataclass
class RawRecord:
    file: str
    line: int
    messages: Any = None  # as found; validate.py decides whether it is usable
    intent: str | None = None
    dialect: str | None = None
    error: Msg | None = None  # the record could not even be read as a conversation
    extra: dict[str, Any] = field(default_factory=dict)


def detect_encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head.strip():
        raise ValidationError(Msg("data.file.empty", path=str(path)))
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head and not (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4):
        raise ValidationError(Msg("data.file.binary", path=str(path)))
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if len(head) == SNIFF_BYTES and exc.start > len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise ValidationError(Msg("data.file.unknown_encoding", path=str(path)))
    return best.encoding


def _messages_from(obj: Any) -> tuple[Any, str | None, str | None, Msg | None]:
    """(messages, intent, dialect, error) for one JSON record in any supported shape."""
    if not isinstance(obj, dict):
        return None, None, None, Msg("data.record.not_object")
    meta = obj.get("meta") or obj.get("metadata") or {}
    intent = obj.get("intent") or obj.get("category") or (meta.get("intent") if isinstance(meta, dict) else None)
    dialect = obj.get("dialect") or (meta.get("dialect") if isinstance(meta, dict) else None)
    if "messages" in obj:
        return obj["messages"], intent, dialect, None
    if "conversations" in obj:  # ShareGPT
        conv = obj["conversations"]
        if not isinstance(conv, list):
            return None, intent, dialect, Msg("data.record.conversations_not_list")
        msgs = []
        for i, turn in enumerate(conv, 1):
            if not isinstance(turn, dict):
                return None, intent, dialect, Msg("data.record.turn_not_object", i=i)
            role = ROLE_ALIASES.get(str(turn.get("from", "")).lower(), str(turn.get("from", "")))
            msgs.append({"role": role, "content": turn.get("value")})
        return msgs, intent, dialect, None
    if "instruction" in obj and "output" in obj:  # Alpaca
        user = str(obj.get("instruction") or "")
        if obj.get("input"):
            user = f"{user}\n\n{obj['input']}" if user else str(obj["input"])
        return [{"role": "user", "content": user}, {"role": "assistant", "content": obj.get("output")}], intent, dialect, None
    return None, intent, dialect, Msg("data.record.no_fields")


# json's own (English) words for what is wrong -> the code that says it in the user's language
_JSON_PROBLEMS = {
    "Expecting value": "data.json.expecting_value",
    "Unterminated string starting at": "data.json.unterminated_string",
    "Expecting property name enclosed in double quotes": "data.json.property_name",
    "Extra data": "data.json.extra_data",
    "Expecting ',' delimiter": "data.json.comma",
    "Expecting ':' delimiter": "data.json.colon",
    "Invalid control character at": "data.json.control_character",
    "Invalid \\escape": "data.json.bad_escape",
    "Invalid \\uXXXX escape": "data.json.bad_escape",
    "Illegal trailing comma before end of object": "data.json.trailing_comma",
    "Illegal trailing comma before end of array": "data.json.trailing_comma",
}


def json_problem(exc: ValueError, column: int | None = None) -> Msg:
    """What json found wrong and at which column (of its line), as a code: 'unterminated string
    starting at column 101'. ``column`` overrides the exception's own."""
    found = getattr(exc, "msg", "")
    code = _JSON_PROBLEMS.get(found) or _JSON_PROBLEMS.get(found.split(":")[0], "data.json.other")
    return Msg(code, column=column if column is not None else getattr(exc, "colno", 1))


def json_error(exc: ValueError) -> Msg:
    """A record that is not JSON: 'not valid JSON (unterminated string starting at column 101)'."""
    return Msg("data.record.not_json", detail=json_problem(exc))


def invalid_entry(reason: Any, **where: Any) -> dict[str, Any]:
    """An unusable record as JSON output and reports list it: where it is, the reason in English
    (``reason``) and as its code and parameters (``reason_code``, rendered in any language)."""
    return {**where, "reason": str(reason), "reason_code": to_json(reason)}


def _read_jsonl(path: Path, encoding: str) -> Iterator[RawRecord]:
    lineno = 0
    with open(path, encoding=encoding, errors="strict", newline="") as fh:
        try:
            for lineno, line in enumerate(fh, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    yield RawRecord(str(path), lineno, error=json_error(exc))
                    continue
                msgs, intent, dialect, err = _messages_from(obj)
                yield RawRecord(str(path), lineno, msgs, intent, dialect, err)
        except UnicodeDecodeError:
            raise ValidationError(Msg("data.file.encoding_after_line", path=str(path), encoding=encoding, line=lineno)) from None


def _read_json_array(path: Path, encoding: str) -> Iterator[RawRecord]:
    """Stream the objects of a top-level JSON array without loading the file whole."""
    decoder = json.JSONDecoder()
    buf, pos, line, started = "", 0, 1, False
    with open(path, encoding=encoding) as fh:
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                line += buf[pos] == "\n"
                pos += 1
            if pos >= len(buf) or (started and buf[pos] != "]" and len(buf) - pos < ARRAY_AHEAD):
                chunk = fh.read(ARRAY_READ)
                if chunk:
                    buf, pos = buf[pos:] + chunk, 0
                    continue
                if pos >= len(buf):
                    if not started:
                        raise ValidationError(Msg("data.file.not_json_array", path=str(path)))
                    return
            if not started:
                if buf[pos] != "[":
                    raise ValidationError(Msg("data.file.no_open_bracket", path=str(path)))
                started, pos = True, pos + 1
                continue
            if buf[pos] == "]":
                return
            try:
                obj, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                # A conversation longer than what is read ahead: read on (as much again as the
                # buffer holds, so a huge one is decoded a few times, not once per MiB) and retry.
                chunk = fh.read(max(ARRAY_READ, len(buf) - pos)) if _ran_out(exc, len(buf)) else ""
                if chunk:
                    buf, pos = buf[pos:] + chunk, 0
                    continue
                # the line and column of the fault, counted from the record's own line
                column = exc.pos - buf.rfind("\n", 0, exc.pos)
                raise ValidationError(Msg("data.file.broken_array", path=str(path), line=line + buf.count("\n", pos, exc.pos),
                                          detail=json_problem(exc, column))) from None
            msgs, intent, dialect, err = _messages_from(obj)
            yield RawRecord(str(path), line, msgs, intent, dialect, err)
            line += buf.count("\n", pos, end)
            pos = end


def _ran_out(exc: json.JSONDecodeError, size: int) -> bool:
    """Whether the decoder stopped because the text read so far ended, not at broken JSON (which is
    reported without reading on): a cut string is unterminated; a cut word (fals), number (1.5e)
    or \\u escape fails within its 6 characters of the end."""
    return exc.pos >= size - 6 or exc.msg.startswith("Unterminated string")


def resolve_columns(headers: list[str], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """Column index for question / answer / intent / dialect / system."""
    norm = [h.strip().lower() for h in headers]
    cols: dict[str, int] = {}
    for key, aliases in HEADER_ALIASES.items():
        for i, h in enumerate(norm):
            if h in aliases:
                cols[key] = i
                break
    for key, name in (mapping or {}).items():
        if key not in HEADER_ALIASES:
            raise ValidationError(Msg("data.columns.unknown_key", key=key, choices=", ".join(HEADER_ALIASES)))
        if name.strip().lower() not in norm:
            raise ValidationError(Msg("data.columns.not_in_file", name=name, key=key, headers=", ".join(headers)))
        cols[key] = norm.index(name.strip().lower())
    missing = [k for k in ("question", "answer") if k not in cols]
    if missing:
        raise ValidationError(Msg("data.columns.missing", missing=" or ".join(missing), headers=", ".join(headers)))
    return cols


def _row_record(path: Path, rowno: int, row: list[Any], cols: dict[str, int]) -> RawRecord:
    def cell(key: str) -> str | None:
        i = cols.get(key)
        if i is None or i >= len(row) or row[i] is None:
            return None
        return str(row[i]).strip()

    msgs = []
    if cell("system"):
        msgs.append({"role": "system", "content": cell("system")})
    msgs += [{"role": "user", "content": cell("question") or ""}, {"role": "assistant", "content": cell("answer") or ""}]
    return RawRecord(str(path), rowno, msgs, cell("intent"), cell("dialect"))


def _csv_reader(fh: Any) -> Any:
    """A csv reader with the delimiter sniffed from the file's start (comma, semicolon, tab, bar)."""
    sample = fh.read(8192)
    fh.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(fh, dialect)


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ValidationError(Msg("data.file.bad_xlsx", path=str(path), detail=type(exc).__name__)) from None


def _read_csv(path: Path, encoding: str, mapping: dict[str, str] | None) -> Iterator[RawRecord]:
    with open(path, encoding=encoding, newline="") as fh:
        reader = _csv_reader(fh)
        headers = next(reader, None)
        if not headers:
            raise ValidationError(Msg("data.file.no_header", path=str(path)))
        cols = resolve_columns(headers, mapping)
        for row in reader:
            if any(c.strip() for c in row):
                yield _row_record(path, reader.line_num, row, cols)


def _read_xlsx(path: Path, mapping: dict[str, str] | None) -> Iterator[RawRecord]:
    wb = _open_workbook(path)
    try:
        rows = wb.active.iter_rows(values_only=True)
        headers = next(rows, None)
        if not headers:
            raise ValidationError(Msg("data.file.empty_sheet", path=str(path)))
        cols = resolve_columns([str(h or "") for h in headers], mapping)
        for rowno, row in enumerate(rows, 2):
            if any(v not in (None, "") for v in row):
                yield _row_record(path, rowno, list(row), cols)
    finally:
        wb.close()


def read_file(path: Path, mapping: dict[str, str] | None = None) -> Iterator[RawRecord]:
    """Yield every record of a file; a file unusable as a whole raises ValidationError."""
    try:
        yield from _read_any(Path(path), mapping)
    except UnicodeDecodeError as exc:
        raise ValidationError(Msg("data.file.mixed_encoding", path=str(path), encoding=exc.encoding, byte=exc.start + 1)) from None


def _read_any(path: Path, mapping: dict[str, str] | None) -> Iterator[RawRecord]:
    if not path.is_file():
        raise ValidationError(Msg("data.file.missing", path=str(path)))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from _read_xlsx(path, mapping)
        return
    encoding = detect_encoding(path)
    if suffix in (".csv", ".tsv", ".txt") and suffix != ".txt":
        yield from _read_csv(path, encoding, mapping)
        return
    with open(path, encoding=encoding, errors="replace") as fh:
        first = fh.read(4096).lstrip()
    if first.startswith("["):
        yield from _read_json_array(path, encoding)
    elif first.startswith("{"):
        yield from _read_jsonl(path, encoding)
    elif suffix in (".jsonl", ".json"):
        raise ValidationError(Msg("data.file.not_json_conversations", path=str(path), start=first[:20]))
    else:
        raise ValidationError(Msg("data.file.unknown_format", path=str(path)))


def peek_headers(path: Path) -> list[str] | None:
    """The header row of a CSV/XLSX file (for the column-mapping step), or None for JSON files."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        wb = _open_workbook(path)
        try:
            row = next(wb.active.iter_rows(values_only=True, max_row=1), None)
            return [str(h or "") for h in row] if row else []
        finally:
            wb.close()
    if suffix in (".csv", ".tsv"):
        with open(path, encoding=detect_encoding(path), newline="") as fh:
            return next(_csv_reader(fh), [])
    return None


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """The columns Atlas recognizes by name (Arabic or English)."""
    norm = [h.strip().lower() for h in headers]
    out = {}
    for key, aliases in HEADER_ALIASES.items():
        for h, n in zip(headers, norm):
            if n in aliases:
                out[key] = h
                break
    return out
