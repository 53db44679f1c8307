"""A project's evaluation settings: the review quota, the release gate's margin and tolerance,
how much of the holdout joins the suite, and the decoding of answers. Stored in the project's
``settings["evaluation"]``; a change is one transaction with its audit event."""

from __future__ import annotations

from typing import Any

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.evaluation.generation import DEFAULT_DECODING, decoding_settings
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.workspace import Workspace

DEFAULTS: dict[str, Any] = {
    "min_reviewers_per_item": 1,  # the quota: every item rated by at least this many reviewers
    "calibration_items": 8,  # items every reviewer rates (their agreement is Krippendorff's alpha)
    "calibration_reviewers": 2,  # the quota on the calibration set
    "margin": 0.45,  # the win rate's lower bound must reach this (0.45: the candidate is not worse)
    "tolerance": 0.10,  # no intent's task success may fall by more than this
    "holdout_items": 40,  # holdout conversations added to the suite's items (0: none)
    "decoding": dict(DEFAULT_DECODING),
}
RANGES: dict[str, tuple[float, float]] = {"min_reviewers_per_item": (0, 20), "calibration_items": (0, 500), "calibration_reviewers": (1, 20),
                                          "margin": (0.0, 1.0), "tolerance": (0.0, 1.0), "holdout_items": (0, 100000)}


def checked(given: dict[str, Any] | None) -> dict[str, Any]:
    out = {**DEFAULTS, "decoding": dict(DEFAULT_DECODING)}
    for key, value in (given or {}).items():
        if key not in DEFAULTS:
            raise ValidationError(Msg("eval.settings.unknown_key", key=key, keys=", ".join(DEFAULTS)))
        if key == "decoding":
            out[key] = decoding_settings(value)
            continue
        lo, hi = RANGES[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise ValidationError(Msg("eval.settings.out_of_range", key=key, value=value, low=lo, high=hi))
        out[key] = value if isinstance(DEFAULTS[key], float) else int(value)
    return out


def get_settings(ws: Workspace, project: str) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        return checked((p.settings or {}).get("evaluation"))


def set_settings(ws: Workspace, project: str, changes: dict[str, Any]) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        current = (p.settings or {}).get("evaluation") or {}
        new = checked({**current, **changes})
        p.settings = {**(p.settings or {}), "evaluation": new}
        audit.append(s, ws.user.login, "eval.settings_changed", "project", p.id, {"project": project, "changes": changes})
        return new
