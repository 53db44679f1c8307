"""A project's serving settings, kept in ``project.settings["serving"]``:

- ``model_name``: the public model name clients send (default "atlas"; the project's own name is
  accepted too), the one ``/v1/models`` lists;
- ``keep_text``: keep the prompt's last user turn and the answer in telemetry, redacted first
  (default false: only the features drift needs);
- ``max_request_bytes``: a larger request body is refused with 413 (default 1 MiB);
- ``upstreams``: ``{"v3": "http://gpu-box:8000/v1"}`` or ``{"v3": {"url": ..., "model": ...,
  "api_key_env": ...}}``: a target served by an OpenAI-compatible server elsewhere (vLLM with
  LoRA adapters on a GPU server) instead of a local ``transformers serve`` child;
- ``device`` / ``dtype``: passed to the local ``transformers serve`` children ("auto");
- ``continuous_batching``: run them with ``--continuous-batching`` (default false). Measured on
  the demo model, 2 CPUs, 16-token answers: without it one request at a time (1.3 requests/s at
  1, 4 or 16 clients); with it 0.6, 2.5 and 4.9 requests/s (README, "Serving"). These three
  apply to children started after the change (the next gateway start); a change of
  ``upstreams`` applies within a second.

A change is one transaction with its audit event."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.workspace import Workspace

DEFAULTS: dict[str, Any] = {"model_name": "atlas", "keep_text": False, "max_request_bytes": 1 << 20, "upstreams": {},
                            "device": "auto", "dtype": "auto", "continuous_batching": False}
MAX_BYTES_RANGE = (1024, 64 << 20)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$")
_TARGET = re.compile(r"^(v\d+|base)$")


def _bad(key: str, value: Any, expected: Msg) -> ValidationError:
    return ValidationError(Msg("serve.settings.bad_value", key=key, value=value, expected=expected))


def _upstream(target: Any, value: Any) -> dict[str, str]:
    entry = {"url": value} if isinstance(value, str) else value
    if not isinstance(target, str) or not _TARGET.match(target) or not isinstance(entry, dict) or not set(entry) <= {"url", "model", "api_key_env"}:
        raise _bad("upstreams", {target: value}, Msg("serve.settings.expect_upstreams"))
    url = entry.get("url")
    parsed = urlparse(url) if isinstance(url, str) else None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise _bad("upstreams", {target: value}, Msg("serve.settings.expect_upstreams"))
    if not all(isinstance(entry.get(k, ""), str) for k in ("model", "api_key_env")):
        raise _bad("upstreams", {target: value}, Msg("serve.settings.expect_upstreams"))
    return {"url": url.rstrip("/"), "model": entry.get("model") or target, "api_key_env": entry.get("api_key_env") or ""}


def checked(given: dict[str, Any] | None) -> dict[str, Any]:
    """The settings with defaults filled in; a ValidationError names a bad key or value."""
    out = {**DEFAULTS, "upstreams": {}}
    for key, value in (given or {}).items():
        if key not in DEFAULTS:
            raise ValidationError(Msg("serve.settings.unknown_key", key=key, keys=", ".join(DEFAULTS)))
        if key in ("keep_text", "continuous_batching"):
            if not isinstance(value, bool):
                raise _bad(key, value, Msg("serve.settings.expect_bool"))
        elif key == "max_request_bytes":
            lo, hi = MAX_BYTES_RANGE
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                raise _bad(key, value, Msg("serve.settings.expect_bytes", low=lo, high=hi))
        elif key == "model_name":
            if not isinstance(value, str) or not _NAME.match(value):
                raise _bad(key, value, Msg("serve.settings.expect_name"))
        elif key == "upstreams":
            if not isinstance(value, dict):
                raise _bad(key, value, Msg("serve.settings.expect_upstreams"))
            value = {t: _upstream(t, v) for t, v in value.items()}
        elif not isinstance(value, str) or not value.strip():
            raise _bad(key, value, Msg("serve.settings.expect_text"))
        out[key] = value
    return out


def get_settings(ws: Workspace, project: str) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        return checked((project_record(s, project).settings or {}).get("serving"))


def set_settings(ws: Workspace, project: str, changes: dict[str, Any]) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        new = checked({**((p.settings or {}).get("serving") or {}), **changes})
        p.settings = {**(p.settings or {}), "serving": new}
        audit.append(s, ws.user.login, "serve.settings_changed", "project", p.id, {"project": project, "changes": changes})
        return new
