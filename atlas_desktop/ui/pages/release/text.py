"""The Release page's words for the core's codes: checks, their states, release states, events."""

from __future__ import annotations

from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.widgets.bidi import embedded

CHECK_NAMES = {"quality": N_("Quality"), "latency": N_("Latency"), "support_tickets": N_("Support tickets"),
               "final_review": N_("Final review")}
CHECK_STATES = {"pass": N_("passed"), "fail": N_("failed"), "waiting": N_("waiting")}
STATE_COLORS = {"pass": "#1e8449", "fail": "#c0392b", "waiting": "#7f8c8d"}
RELEASE_STATES = {"running": N_("running"), "paused": N_("paused"), "drill": N_("in a rollback drill"), "completed": N_("completed"),
                  "rolled_back": N_("rolled back")}
EVENTS = {"started": N_("started"), "promoted": N_("promoted"), "completed": N_("completed: the candidate is production"),
          "checked": N_("checks evaluated"), "ready": N_("ready to promote"), "paused": N_("paused"), "resumed": N_("resumed"),
          "drill": N_("rollback drill"), "drill_resumed": N_("drill over, resumed"), "rolled_back": N_("rolled back"),
          "rolled_back_after": N_("rolled back after completion"), "signed": N_("final review signed")}
VERSION_STAGES = {"candidate": N_("candidate"), "production": N_("production"), "retired": N_("retired")}


def check_name(check: str) -> str:
    return tr(CHECK_NAMES[check]) if check in CHECK_NAMES else check


def check_state(state: str) -> str:
    return tr(CHECK_STATES[state]) if state in CHECK_STATES else state


def release_state(state: str) -> str:
    return tr(RELEASE_STATES[state]) if state in RELEASE_STATES else state


def event_name(kind: str) -> str:
    return tr(EVENTS[kind]) if kind in EVENTS else kind


def version_stage(stage: str) -> str:
    return tr(VERSION_STAGES[stage]) if stage in VERSION_STAGES else stage


def target(name: str) -> str:
    """"base" in words; a model version ("v2") kept in its own direction."""
    return tr("base model") if name == "base" else embedded(name)


def alias_name(alias: str) -> str:
    """``production`` and ``candidate`` in words; a team's own alias as it is."""
    return tr(VERSION_STAGES[alias]) if alias in ("production", "candidate") else alias
