"""A project's release settings: the defaults a release plan falls back on where it sets nothing
(today the latency threshold: the candidate's p95 may be at most this much above production's).
Stored in the project's ``settings["release"]``; a change is one transaction with its audit event."""

from __future__ import annotations

from typing import Any

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.workspace import Workspace

DEFAULTS: dict[str, Any] = {"latency_margin": 0.20}
RANGES: dict[str, tuple[float, float]] = {"latency_margin": (0.0, 10.0)}


def checked(given: dict[str, Any] | None) -> dict[str, Any]:
    out = dict(DEFAULTS)
    for key, value in (given or {}).items():
        if key not in DEFAULTS:
            raise ValidationError(Msg("release.settings.unknown_key", key=key, keys=", ".join(DEFAULTS)))
        lo, hi = RANGES[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise ValidationError(Msg("release.settings.out_of_range", key=key, value=value, low=lo, high=hi))
        out[key] = float(value)
    return out


def get_settings(ws: Workspace, project: str) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        return checked((project_record(s, project).settings or {}).get("release"))


def set_settings(ws: Workspace, project: str, changes: dict[str, Any]) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        new = checked({**((p.settings or {}).get("release") or {}), **changes})
        p.settings = {**(p.settings or {}), "release": new}
        audit.append(s, ws.user.login, "release.settings_changed", "project", p.id, {"project": project, "changes": changes})
        return new
