"""Evaluation suites: targeted prompts with references and checks, versioned per project.

A suite file is JSONL, one item per line, in either form:

- ``{"id", "prompt", "reference", "intent", "dialect", "system", "checks"}`` (the demo's form;
  ``context`` may hold earlier turns as ``[{"role", "content"}, ...]``), or
- ``{"messages": [...], "intent", "dialect", "checks"}``: system turns become the item's system
  prompt, the last user turn is the prompt, a final assistant turn is the reference.

The whole file is read and checked before anything is stored: a bad line is one sentence naming
the file and line. A suite version is never changed; an edit in the window or an import whose
items differ stores the next version. The dataset version's holdout joins a suite's items when
a model is evaluated (:func:`holdout_items`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from atlas_desktop.core.data.readers import json_problem
from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.evaluation.types import EvalItem
from atlas_desktop.core.messages import Msg, dumps
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import EvalSuite
from atlas_desktop.core.training.checkpoints import atomic_write_text
from atlas_desktop.core.workspace import Workspace

ROLES = ("system", "user", "assistant")
ITEM_KEYS = ("id", "prompt", "reference", "intent", "dialect", "system", "context", "messages", "checks", "source")


@dataclass(frozen=True)
class SuiteInfo:
    project: str
    name: str
    number: int
    sha256: str
    item_count: int
    note: str
    created_by: str
    created_at: datetime

    @property
    def label(self) -> str:
        return f"{self.name} v{self.number}"


# ------------------------------------------------------------------ reading and writing items
def _text(value: Any, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(Msg("eval.suite.not_text", key=key))
    return value.strip()


def _turns(value: Any, key: str) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise ValueError(Msg("eval.suite.turns_not_list", key=key))
    turns = []
    for i, t in enumerate(value, 1):
        if not isinstance(t, dict) or t.get("role") not in ROLES or not isinstance(t.get("content"), str):
            raise ValueError(Msg("eval.suite.bad_turn", key=key, i=i))
        turns.append({"role": t["role"], "content": t["content"]})
    return turns


def _checks(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    from atlas_desktop.core.evaluation.metrics import check_problem

    if not isinstance(value, dict):
        raise ValueError(Msg("eval.suite.checks_not_object"))
    for key, v in value.items():
        problem = check_problem(key, v)
        if problem is not None:
            raise ValueError(problem)
    return dict(value)


def item_from_dict(d: Any, default_id: str) -> EvalItem:
    """One item from its JSON form; ValueError(Msg) says what is wrong with it."""
    if not isinstance(d, dict):
        raise ValueError(Msg("eval.suite.not_object"))
    unknown = sorted(set(d) - set(ITEM_KEYS))
    if unknown:
        raise ValueError(Msg("eval.suite.unknown_keys", keys=", ".join(unknown)))
    system, reference, prompt = _text(d.get("system"), "system"), _text(d.get("reference"), "reference"), _text(d.get("prompt"), "prompt")
    context = _turns(d["context"], "context") if d.get("context") is not None else []
    if d.get("messages") is not None:
        turns = _turns(d["messages"], "messages")
        system = system or "\n".join(t["content"] for t in turns if t["role"] == "system")
        turns = [t for t in turns if t["role"] != "system"]
        if turns and turns[-1]["role"] == "assistant" and not reference:
            reference = turns.pop()["content"].strip()
        if turns and turns[-1]["role"] == "user":
            prompt, context = turns[-1]["content"].strip(), turns[:-1]
        elif turns:
            raise ValueError(Msg("eval.suite.last_turn_not_user"))
    if not prompt:
        raise ValueError(Msg("eval.suite.no_user_turn"))
    item_id = _text(d.get("id"), "id") or default_id
    return EvalItem(id=item_id, prompt=prompt, reference=reference, intent=_text(d.get("intent"), "intent"),
                    dialect=_text(d.get("dialect"), "dialect"), system=system, context=tuple(context),
                    checks=_checks(d.get("checks")), source=_text(d.get("source"), "source") or "suite")


def item_to_dict(item: EvalItem) -> dict[str, Any]:
    d = asdict(item)
    d["context"] = list(item.context)
    return {k: v for k, v in d.items() if v not in ("", [], {}) or k in ("id", "prompt")}


def parse_suite(text: str, source: str) -> list[EvalItem]:
    """Every item of a JSONL suite, or a ValidationError naming the first bad line."""
    items: list[EvalItem] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise ValidationError(Msg("eval.suite.bad_line", file=source, line=n, problem=json_problem(exc)),
                                  hint=Msg("eval.suite.bad_line.hint")) from None
        try:
            item = item_from_dict(data, f"item-{n}")
        except ValueError as exc:
            problem = exc.args[0] if exc.args else str(exc)
            raise ValidationError(Msg("eval.suite.bad_line", file=source, line=n, problem=problem),
                                  hint=Msg("eval.suite.bad_line.hint")) from None
        if item.id in seen:
            raise ValidationError(Msg("eval.suite.duplicate_id", file=source, line=n, id=item.id, first=seen[item.id]))
        seen[item.id] = n
        items.append(item)
    if not items:
        raise ValidationError(Msg("eval.suite.empty", file=source))
    return items


def items_sha256(items: list[EvalItem]) -> str:
    canon = json.dumps([item_to_dict(i) for i in items], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def to_jsonl(items: list[EvalItem]) -> str:
    return "".join(json.dumps(item_to_dict(i), ensure_ascii=False) + "\n" for i in items)


# ------------------------------------------------------------------ stored versions
def _info(project: str, r: EvalSuite) -> SuiteInfo:
    return SuiteInfo(project, r.name, r.number, r.sha256, r.item_count, r.note, r.created_by, r.created_at)


def save_items(ws: Workspace, project: str, name: str, items: list[EvalItem], note: str = "") -> tuple[SuiteInfo, bool]:
    """Store ``items`` as the next version of suite ``name``; (info, created). Items equal to the
    newest version's store nothing and return that version."""
    if not items:
        raise ValidationError(Msg("eval.suite.empty", file=name))
    sha = items_sha256(items)
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        newest = s.execute(select(EvalSuite).where(EvalSuite.project_id == p.id, EvalSuite.name == name)
                           .order_by(EvalSuite.number.desc()).limit(1)).scalar_one_or_none()
        if newest is not None and newest.sha256 == sha:
            return _info(project, newest), False
        number = (s.execute(select(func.max(EvalSuite.number)).where(EvalSuite.project_id == p.id, EvalSuite.name == name)).scalar() or 0) + 1
        r = EvalSuite(project_id=p.id, name=name, number=number, sha256=sha, items=[item_to_dict(i) for i in items],
                      item_count=len(items), note=note, created_by=ws.user.login)
        s.add(r)
        s.flush()
        audit.append(s, ws.user.login, "eval.suite_saved", "eval_suite", r.id,
                     {"project": project, "name": name, "number": number, "sha256": sha, "items": len(items), "note": note[:200]})
        return _info(project, r), True


def import_suite(ws: Workspace, project: str, path: Path, name: str | None = None) -> tuple[SuiteInfo, bool]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(Msg("eval.suite.unreadable", file=str(path), reason=exc.strerror or str(exc))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(Msg("eval.suite.not_utf8", file=str(path))) from None
    items = parse_suite(text, str(path))
    # the note as a message (its JSON form), shown in each reader's language (messages.loads)
    return save_items(ws, project, name or path.stem, items, note=dumps(Msg("eval.suite.imported_from", file=path.name)))


def list_suites(ws: Workspace, project: str) -> list[SuiteInfo]:
    """Every version of every suite of the project, newest first."""
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        rows = s.execute(select(EvalSuite).where(EvalSuite.project_id == p.id).order_by(EvalSuite.id.desc())).scalars()
        return [_info(project, r) for r in rows]


def _suite_row(s: Any, project: str, name: str | None, number: int | None) -> EvalSuite:
    p = project_record(s, project)
    q = select(EvalSuite).where(EvalSuite.project_id == p.id)
    if name:
        q = q.where(EvalSuite.name == name)
    if number:
        q = q.where(EvalSuite.number == number)
    r = s.execute(q.order_by(EvalSuite.id.desc()).limit(1)).scalar_one_or_none()
    if r is None:
        names = sorted({n for (n,) in s.execute(select(EvalSuite.name).where(EvalSuite.project_id == p.id))})
        if name or number:
            raise NotFoundError(Msg("eval.suite.not_found", name=f"{name or ''}{f' v{number}' if number else ''}", project=project,
                                    names=", ".join(names) or "—"))
        raise NotFoundError(Msg("eval.suite.none", project=project), hint=Msg("eval.suite.none.hint"))
    return r


def get_suite(ws: Workspace, project: str, name: str | None = None, number: int | None = None) -> tuple[SuiteInfo, list[EvalItem]]:
    """A suite version and its items: the newest version of ``name`` (of the newest suite if None)."""
    with ws.unit_of_work() as s:
        r = _suite_row(s, project, name, number)
        return _info(project, r), [item_from_dict(d, d.get("id", "")) for d in r.items]


def suite_id(ws: Workspace, project: str, info: SuiteInfo) -> int:
    with ws.unit_of_work() as s:
        return _suite_row(s, project, info.name, info.number).id


def export_suite(ws: Workspace, project: str, out: Path, name: str | None = None, number: int | None = None) -> SuiteInfo:
    """Write a suite version as JSONL, whole or not at all (a temporary file renamed into place)."""
    info, items = get_suite(ws, project, name, number)
    try:
        atomic_write_text(out, to_jsonl(items))
    except OSError as exc:
        raise ValidationError(Msg("eval.suite.unwritable", file=str(out), reason=exc.strerror or str(exc))) from None
    return info


# ------------------------------------------------------------------ the holdout as items
def conversation_item(record: dict[str, Any], item_id: str) -> EvalItem | None:
    """A holdout conversation as an item: its last answer is the reference, what came before the context."""
    messages = [m for m in record.get("messages") or [] if isinstance(m, dict) and isinstance(m.get("content"), str)]
    last = max((i for i, m in enumerate(messages) if m.get("role") == "assistant"), default=None)
    if last is None or last == 0 or messages[last - 1].get("role") != "user":
        return None
    system = "\n".join(m["content"] for m in messages[:last] if m.get("role") == "system")
    before = [{"role": m["role"], "content": m["content"]} for m in messages[: last - 1] if m.get("role") in ("user", "assistant")]
    return EvalItem(id=item_id, prompt=messages[last - 1]["content"].strip(), reference=messages[last]["content"].strip(),
                    intent=str(record.get("intent") or ""), dialect=str(record.get("dialect") or ""), system=system,
                    context=tuple(before), source="holdout")


def holdout_items(ws: Workspace, holdout_sha256: str, limit: int | None = None) -> list[EvalItem]:
    """The dataset version's holdout conversations as items (the first ``limit``, in file order)."""
    if not holdout_sha256 or not ws.artifacts.exists(holdout_sha256):
        return []
    items: list[EvalItem] = []
    with ws.artifacts.open(holdout_sha256) as fh:
        for n, raw in enumerate(fh, 1):
            if limit is not None and len(items) >= limit:
                break
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            item = conversation_item(record, f"holdout-{holdout_sha256[:8]}-{n}") if isinstance(record, dict) else None
            if item:
                items.append(item)
    return items
