"""The release plan: the playbook's YAML, read exactly as written, plus documented defaults.

The playbook's plan::

    release:
      model: mx4-atlas-core-v2
      stages:
        - traffic: 10%
          checks: ["quality", "latency"]
        - traffic: 50%
          checks: ["quality", "support_tickets"]
        - traffic: 100%
          checks: ["final_review"]

The playbook prints it with its indentation lost (every line at the left margin); that text is
read too, re-indented by its keys (``model``/``stages`` under ``release``, ``checks`` and the
other stage keys under their ``- traffic`` line), so a plan pasted from the playbook works.

Every other key is optional (:data:`STAGE_DEFAULTS`, :data:`PLAN_DEFAULTS`), so the playbook's
plan needs none. Each problem is one sentence naming its line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg

KNOWN_CHECKS = ("quality", "latency", "support_tickets", "final_review")
COMPARATIVE = ("quality", "latency", "support_tickets")  # candidate against production: not at 100%, where production has no traffic
# Per stage; each can be set on a stage or once under ``release:`` for every stage.
STAGE_DEFAULTS: dict[str, Any] = {
    "watch": 1800,  # seconds a stage is watched at least before it is promoted ("30m")
    "min_requests": 200,  # answered requests on each side before a check gives a verdict
    "min_thumbs": 20,  # thumbs (up or down) on each side before quality compares them
    "latency_margin": 0.20,  # candidate p95 may be at most this much above production's
    "alpha": 0.05,  # one-sided significance of "the candidate is worse" (quality, support_tickets)
    "max_failures": 2,  # failed evaluations of a check in a row that roll the release back
    "promote": "auto",  # auto: promoted when every check passes; manual: on a click (or `atlas release promote`)
}
PLAN_DEFAULTS: dict[str, Any] = {
    "interval": 30,  # seconds between two evaluations of the checks
}
STAGE_KEYS = ("traffic", "checks", *STAGE_DEFAULTS)
PLAN_KEYS = ("model", "stages", *PLAN_DEFAULTS, *STAGE_DEFAULTS)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$")
_UNIT = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Stage:
    traffic: int  # percent of requests to the candidate, 1..100
    checks: tuple[str, ...]
    watch: float
    min_requests: int
    min_thumbs: int
    latency_margin: float
    alpha: float
    max_failures: int
    promote: str
    line: int = 0
    given: frozenset[str] = field(default=frozenset(), compare=False)  # the settings the plan wrote (the rest are defaults)

    def to_dict(self) -> dict[str, Any]:
        return {"traffic": self.traffic, "checks": list(self.checks), "watch": self.watch, "min_requests": self.min_requests,
                "min_thumbs": self.min_thumbs, "latency_margin": self.latency_margin, "alpha": self.alpha,
                "max_failures": self.max_failures, "promote": self.promote, "line": self.line}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Stage:
        return cls(int(d["traffic"]), tuple(d["checks"]), float(d["watch"]), int(d["min_requests"]), int(d["min_thumbs"]),
                   float(d["latency_margin"]), float(d["alpha"]), int(d["max_failures"]), str(d["promote"]), int(d.get("line", 0)))


@dataclass(frozen=True)
class ReleasePlan:
    model: str  # as written: an alias ("mx4-atlas-core-v2"), a version ("v2") or its name
    stages: tuple[Stage, ...]
    interval: float
    text: str = field(default="", compare=False)
    source: str = field(default="release.yaml", compare=False)
    model_line: int = field(default=0, compare=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "interval": self.interval, "stages": [s.to_dict() for s in self.stages]}

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str = "") -> ReleasePlan:
        return cls(str(d["model"]), tuple(Stage.from_dict(s) for s in d["stages"]), float(d["interval"]), text)

    def where(self) -> dict[str, Any]:
        """The file and line of ``model:``, for a message about the model."""
        return {"source": self.source, "line": self.model_line or 1}


# ------------------------------------------------------------------ YAML with line numbers
class _Duplicate(Exception):
    def __init__(self, key: str, first: int, again: int) -> None:
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


def _value(node: yaml.Node, lines: dict[int, int]) -> Any:
    """The node as Python values; ``lines[id(value)]`` is the line of each mapping and list. A key
    given twice in one mapping raises (YAML readers keep the last one silently)."""
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise _Duplicate("", k.start_mark.line + 1, -1)
            key = _value(k, lines)
            if key in out:
                raise _Duplicate(str(key), out["__lines__"][key], k.start_mark.line + 1)
            out[key] = _value(v, lines)
            out.setdefault("__lines__", {})[key] = k.start_mark.line + 1  # the key's line
        lines[id(out)] = node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        items = [_value(v, lines) for v in node.value]
        lines[id(items)] = node.start_mark.line + 1
        return items
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _reindent_flat(text: str) -> str | None:
    """The playbook's plan printed without indentation, indented again (None when it is not that)."""
    lines = text.splitlines()
    head = 0
    while head < len(lines) and (not lines[head].strip() or lines[head].lstrip().startswith("#") or lines[head].strip() == "---"):
        head += 1
    if head >= len(lines) or lines[head].split("#", 1)[0].strip() != "release:" or any(ln.startswith((" ", "\t")) for ln in lines if ln.strip()):
        return None
    out, in_stage = lines[: head + 1], False
    for ln in lines[head + 1:]:
        bare = ln.strip()
        if not bare or bare.startswith("#"):
            out.append(ln)
        elif bare.startswith("- "):
            out.append("    " + bare)
            in_stage = True
        elif in_stage and bare.split(":", 1)[0] in STAGE_KEYS:
            out.append("      " + bare)
        else:
            out.append("  " + bare)
            in_stage = False
    return "\n".join(out) + "\n"


def _compose(text: str, source: str) -> dict[str, Any]:
    def load(t: str) -> Any:
        node = yaml.compose(t, Loader=yaml.SafeLoader)
        try:
            return None if node is None else _value(node, {})
        except _Duplicate as dup:
            if dup.again < 0:
                raise ValidationError(Msg("release.plan.complex_key", source=source, line=dup.first)) from None
            raise ValidationError(Msg("release.plan.duplicate_key", source=source, line=dup.again, key=dup.key, first=dup.first)) from None

    try:
        data = load(text)
    except yaml.YAMLError as exc:
        flat = _reindent_flat(text)
        if flat is not None:
            try:
                return load(flat)
            except yaml.YAMLError:
                pass
        mark = getattr(exc, "problem_mark", None)
        raise ValidationError(Msg("release.plan.bad_yaml", source=source, line=(mark.line + 1) if mark else 1,
                                  detail=str(getattr(exc, "problem", None) or exc))) from None
    if isinstance(data, dict) and data.get("release") is None and "model" in data:
        flat = _reindent_flat(text)
        if flat is not None:
            return load(flat)
    return data


# ------------------------------------------------------------------ checking the values
def _percent(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*%\s*", value):
        number = float(value.strip().rstrip("%"))
    else:
        return None
    return int(number) if number == int(number) and 1 <= number <= 100 else None


def parse_duration(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    m = _DURATION.match(str(value))
    return float(m.group(1)) * _UNIT[m.group(2)] if m else None


def _setting(key: str, value: Any) -> Any:
    """A stage setting's value, or raise ValueError."""
    if key == "watch":
        seconds = parse_duration(value)
        if seconds is None:
            raise ValueError
        return seconds
    if key in ("min_requests", "min_thumbs", "max_failures"):
        if isinstance(value, bool) or not isinstance(value, int) or value < (1 if key in ("max_failures", "min_requests") else 0):
            raise ValueError
        return value
    if key in ("latency_margin", "alpha"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= (1 if key == "alpha" else 10):
            raise ValueError
        return float(value)
    if key == "promote":
        if value not in ("auto", "manual"):
            raise ValueError
        return value
    if key == "interval":
        seconds = parse_duration(value)
        if seconds is None or seconds < 1:
            raise ValueError
        return seconds
    raise KeyError(key)


def parse_plan(text: str, source: str = "release.yaml") -> ReleasePlan:
    """The plan in ``text``; a problem raises one sentence naming ``source`` and its line."""
    data = _compose(text, source)

    def fail(code: str, line: int, **params: Any) -> ValidationError:
        return ValidationError(Msg(code, source=source, line=line, **params))

    if not isinstance(data, dict) or not isinstance(data.get("release"), dict):
        raise fail("release.plan.no_release", 1)
    top_lines = data.get("__lines__", {})
    release = data["release"]
    lines = release.get("__lines__", {})
    for key in release:
        if key != "__lines__" and key not in PLAN_KEYS:
            raise fail("release.plan.unknown_key", lines.get(key, top_lines.get("release", 1)), key=key, keys=", ".join(PLAN_KEYS))
    model = release.get("model")
    if not isinstance(model, str) or not model.strip():
        raise fail("release.plan.no_model", lines.get("model", top_lines.get("release", 1)))
    common = dict(STAGE_DEFAULTS)
    plan_settings = dict(PLAN_DEFAULTS)
    for key, value in release.items():
        if key in STAGE_DEFAULTS or key in PLAN_DEFAULTS:
            try:
                (common if key in STAGE_DEFAULTS else plan_settings)[key] = _setting(key, value)
            except ValueError:
                raise fail("release.plan.bad_setting", lines.get(key, 1), key=key, value=value) from None
    stages_raw = release.get("stages")
    if not isinstance(stages_raw, list) or not stages_raw:
        raise fail("release.plan.no_stages", lines.get("stages", lines.get("model", 1)))
    stages: list[Stage] = []
    previous = 0
    for raw in stages_raw:
        if not isinstance(raw, dict):
            raise fail("release.plan.stage_not_mapping", lines.get("stages", 1))
        sl = raw.get("__lines__", {})
        first = min(sl.values(), default=lines.get("stages", 1))
        for key in raw:
            if key != "__lines__" and key not in STAGE_KEYS:
                raise fail("release.plan.unknown_stage_key", sl.get(key, first), key=key, keys=", ".join(STAGE_KEYS))
        if "traffic" not in raw:
            raise fail("release.plan.no_traffic", first)
        traffic = _percent(raw["traffic"])
        if traffic is None:
            raise fail("release.plan.bad_traffic", sl.get("traffic", first), value=raw["traffic"])
        if traffic <= previous:
            raise fail("release.plan.traffic_not_rising", sl.get("traffic", first), traffic=traffic, previous=previous)
        checks = raw.get("checks", [])
        if isinstance(checks, str):
            checks = [checks]
        if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
            raise fail("release.plan.checks_not_list", sl.get("checks", first), known=", ".join(KNOWN_CHECKS))
        for c in checks:
            if c not in KNOWN_CHECKS:
                raise fail("release.plan.unknown_check", sl.get("checks", first), check=c, known=", ".join(KNOWN_CHECKS))
        if traffic == 100 and any(c in COMPARATIVE for c in checks):
            raise fail("release.plan.compare_at_100", sl.get("checks", first), checks=", ".join(c for c in checks if c in COMPARATIVE))
        values = dict(common)
        given = {k for k in STAGE_DEFAULTS if k in release or k in raw}
        for key in STAGE_DEFAULTS:
            if key in raw:
                try:
                    values[key] = _setting(key, raw[key])
                except ValueError:
                    raise fail("release.plan.bad_setting", sl.get(key, first), key=key, value=raw[key]) from None
        stages.append(Stage(traffic, tuple(dict.fromkeys(checks)), line=sl.get("traffic", first), given=frozenset(given), **values))
        previous = traffic
    if stages[-1].traffic != 100:
        raise fail("release.plan.not_to_100", stages[-1].line, traffic=stages[-1].traffic)
    return ReleasePlan(model.strip(), tuple(stages), float(plan_settings["interval"]), text, source, lines.get("model", 1))


def load_plan(path: Path) -> ReleasePlan:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(Msg("release.plan.missing", path=str(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(Msg("release.plan.unreadable", path=str(path), detail=str(exc))) from None
    return parse_plan(text, path.name)
