"""A project's request-drift settings: the population stability index above which a feature has
drifted (one threshold for every feature, or one per feature), the sliding window of live
requests compared with the training data, and the fewest requests worth comparing. Stored in the
project's ``settings["serving"]["drift"]`` (the gateway keeps its own keys beside it under
``"serving"``); a change is one transaction with its audit event, as the evaluation settings are."""

from __future__ import annotations

from typing import Any

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.workspace import Workspace

FEATURES = ("length", "dialect", "intent", "latin_share", "oov_share")
DEFAULTS: dict[str, Any] = {
    "psi": 0.2,  # the population stability index above which a feature has drifted (0.1 watch, 0.2 act: the usual reading)
    "thresholds": {},  # per feature, overriding "psi": {"dialect": 0.3}
    "window_requests": 5000,  # the newest requests compared (0: no limit)...
    "window_hours": 24,  # ...of those in the last hours (0: no limit)
    "min_requests": 100,  # fewer live requests than this: not compared (no alert on a handful)
}
RANGES: dict[str, tuple[float, float]] = {"psi": (0.001, 10.0), "window_requests": (0, 10_000_000), "window_hours": (0, 24 * 366),
                                          "min_requests": (1, 1_000_000)}


def _number(key: str, value: Any, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        raise ValidationError(Msg("monitor.settings.out_of_range", key=key, value=value, low=lo, high=hi))


def checked(given: dict[str, Any] | None) -> dict[str, Any]:
    out = {**DEFAULTS, "thresholds": {}}
    for key, value in (given or {}).items():
        if key not in DEFAULTS:
            raise ValidationError(Msg("monitor.settings.unknown_key", key=key, keys=", ".join(DEFAULTS)))
        if key == "thresholds":
            if not isinstance(value, dict):
                raise ValidationError(Msg("monitor.settings.thresholds_not_map", features=", ".join(FEATURES)))
            for feature, limit in value.items():
                if feature not in FEATURES:
                    raise ValidationError(Msg("monitor.settings.unknown_feature", feature=feature, features=", ".join(FEATURES)))
                _number(f"thresholds.{feature}", limit, *RANGES["psi"])
            out["thresholds"] = {f: float(v) for f, v in value.items()}
            continue
        _number(key, value, *RANGES[key])
        out[key] = float(value) if isinstance(DEFAULTS[key], float) else int(value)
    return out


def threshold(settings: dict[str, Any], feature: str) -> float:
    return float(settings["thresholds"].get(feature, settings["psi"]))


def get_settings(ws: Workspace, project: str) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        return checked(((p.settings or {}).get("serving") or {}).get("drift"))


def set_settings(ws: Workspace, project: str, changes: dict[str, Any]) -> dict[str, Any]:
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        serving = dict((p.settings or {}).get("serving") or {})
        new = checked({**(serving.get("drift") or {}), **changes})
        p.settings = {**(p.settings or {}), "serving": {**serving, "drift": new}}
        audit.append(s, ws.user.login, "serving.drift_settings_changed", "project", p.id, {"project": project, "changes": changes})
        return new
