"""The Monitor page's words for the core's codes: features, drift states, bins, targets, times."""

from __future__ import annotations

from datetime import datetime

from atlas_desktop.core.arabic import MONTHS_AR, MONTHS_EN
from atlas_desktop.core.serving.drift import FeatureDrift
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.glossary import dialect_name, intent_name
from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.widgets.bidi import embedded

FEATURE_NAMES = {"length": N_("Length (words)"), "dialect": N_("Dialect mix"), "intent": N_("Intent mix"),
                 "latin_share": N_("Latin share of letters"), "oov_share": N_("Words never seen in training")}
STATE_NAMES = {"ok": N_("within the threshold"), "drift": N_("drifted"), "too_few": N_("too few requests"),
               "not_measured": N_("not measured")}


def feature_name(feature: str) -> str:
    return tr(FEATURE_NAMES[feature]) if feature in FEATURE_NAMES else feature


def state_name(state: str) -> str:
    return tr(STATE_NAMES[state]) if state in STATE_NAMES else state


def target_name(target: str) -> str:
    """"base" in words; a model version ("v2") as it is, kept in its own direction."""
    return tr("base model") if target == "base" else embedded(target)


def bin_labels(ctx: AppContext, f: FeatureDrift) -> list[str]:
    """Each bin as people read it: "4–7" words, "10–30%", a dialect's or an intent's name."""
    if f.edges is None:
        lang = ctx.settings.language
        return [tr("other") if b == "other" else dialect_name(b, lang) if f.feature == "dialect" else intent_name(b) for b in f.bins]
    edges = list(f.edges)
    out = []
    for i, lo in enumerate(edges):
        hi = edges[i + 1] if i + 1 < len(edges) else None
        if f.feature == "length":
            out.append(f"{ctx.num(int(lo))}+" if hi is None else f"{ctx.num(int(lo))}–{ctx.num(int(hi) - 1)}")
        elif i == 0:
            out.append(tr("none"))
        elif hi is None:
            out.append(f"{ctx.percent(lo)}+")
        elif lo < 0.01:
            out.append(tr("under {share}").format(share=ctx.percent(hi)))
        else:
            out.append(f"{ctx.percent(lo)}–{ctx.percent(hi)}")
    return out


def short_time(ctx: AppContext, when: datetime, hourly: bool) -> str:
    """A bucket's start on a time axis: "14:00" by the hour (with the day at midnight), "28 Nov" by the day."""
    months = MONTHS_AR if ctx.settings.language == "ar" else MONTHS_EN
    day = f"{ctx.num(when.day)} {months[when.month - 1]}"
    if hourly and (when.hour or when.minute):
        return ctx.digits(f"{when.hour:02d}:00")
    return day
