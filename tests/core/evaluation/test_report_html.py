"""The evaluation report, the release gate on it, and its HTML page in Arabic and English."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from atlas_desktop.core.evaluation.report import Report, build_report, gate, render_html
from atlas_desktop.core.evaluation.types import METRIC_NAMES, EvalItem, MetricScore, Rating
from atlas_desktop.core.messages import Msg, render

ROOT = Path(__file__).resolve().parents[3]
INTENTS = ("cards", "loans", "transfers")


def scored(task: float | None, fmt: float = 1.0, faith: float = 0.5) -> dict[str, MetricScore]:
    return {"format": MetricScore("format", fmt), "faithfulness": MetricScore("faithfulness", faith),
            "task_success": MetricScore("task_success", task)}


def suite(n_per_intent: int = 4) -> list[EvalItem]:
    return [EvalItem(id=f"{intent}-{k}", prompt="كيف أفعّل بطاقتي؟", intent=intent, dialect=("gulf", "msa")[k % 2])
            for intent in INTENTS for k in range(n_per_intent)]


def ratings_for(items: list[EvalItem], verdict_of: dict[str, str], reviewers: tuple[str, ...] = ("r1", "r2")) -> list[Rating]:
    return [Rating(item_id=i.id, reviewer=rev, candidate={"format": 4}, production={"format": 3}, verdict=verdict_of[i.intent])
            for i in items for rev in reviewers]


@pytest.fixture
def good() -> tuple[list[EvalItem], dict, dict, list[Rating]]:
    """The candidate better on every intent: more task success, reviewers prefer it."""
    items = suite()
    cand = {i.id: scored(1.0, faith=0.7) for i in items}
    prod = {i.id: scored(0.5 if i.id.endswith("-0") else 1.0) for i in items}
    return items, cand, prod, ratings_for(items, dict.fromkeys(INTENTS, "candidate"))


def report_of(items: list, cand: dict, prod: dict, ratings: list, **kw: object) -> Report:
    return build_report(items, cand, prod, ratings, candidate_name="atlas-bank-v3", production_name="prod-2025-06", **kw)


# ------------------------------------------------------------------ the report's figures
def test_metrics_by_hand(good: tuple) -> None:
    items, cand, prod, ratings = good
    r = report_of(items, cand, prod, ratings)
    ts = next(m for m in r.metrics if m.metric == "task_success")
    # production: 3 items of 12 at 0.5, the rest at 1.0 -> 0.875; the candidate 1.0 everywhere
    assert (ts.candidate_mean, ts.production_mean) == (1.0, 0.875)
    assert ts.difference.estimate == pytest.approx(0.125) and ts.difference.n_items == 12
    assert r.intent("cards").metric("task_success").difference.estimate == pytest.approx(0.125)  # 1 of 4 items +0.5
    assert r.intent("cards").n_items == 4 and r.dialect("gulf").n_items == 6
    assert r.win_rate.estimate == 1.0 and (r.win_rate.n_items, r.win_rate.n_ratings) == (12, 24)
    assert (r.counts.items, r.counts.items_rated, r.counts.ratings, r.counts.reviewers) == (12, 12, 24, 2)
    assert [g.name for g in r.by_dialect] == ["msa", "gulf"]  # the dialects' own order
    assert r.regressions == [] and r.flags == [] and r.notes == [] and r.narrow_intent is None


def test_regressions_are_items_production_got_right_and_the_candidate_wrong(good: tuple) -> None:
    items, cand, prod, ratings = good
    prod = {**prod, "cards-1": scored(1.0), "cards-2": scored(0.98), "loans-1": scored(1.0), "loans-2": scored(1.0)}
    cand = {**cand, "cards-1": scored(0.2), "cards-2": scored(0.0), "loans-1": scored(None), "loans-2": scored(0.5)}
    del cand["loans-3"]  # no answer generated: not a regression, shows as unscored
    r = report_of(items, cand, prod, ratings)
    assert [(g.item_id, g.intent, g.dialect, g.production_score, g.candidate_score) for g in r.regressions] == [
        ("cards-1", "cards", "msa", 1.0, 0.2), ("loans-1", "loans", "msa", 1.0, None)]
    ts = next(m for m in r.metrics if m.metric == "task_success")
    assert (ts.candidate_scored, ts.production_scored) == (10, 12)


def test_no_ratings_means_metrics_only(good: tuple) -> None:
    items, cand, prod, _ = good
    r = report_of(items, cand, prod, [])
    assert r.win_rate is None and Msg("eval.report.metrics_only") in r.notes
    assert render(Msg("eval.report.metrics_only")) == "No ratings yet: metrics only."
    assert all(g.win_rate is None for g in r.by_intent)
    decision = gate(r, quota_ok=False)
    assert not decision.passed and decision.failed == ["quota", "win_rate"]
    assert decision.reasons[2].code == "eval.gate.win_rate.missing"
    assert "No ratings yet: metrics only." in render_html(r, "en")


def test_report_round_trips_through_json(good: tuple) -> None:
    items, cand, prod, ratings = good
    ratings = ratings + [Rating("cards-1", "r3", {}, {}, "tie", unsafe=True, note="رقم البطاقة ظاهر")]
    r = report_of(items, cand, prod, ratings)
    text = json.dumps(r.to_json(), ensure_ascii=False)
    again = Report.from_json(json.loads(text))
    assert again == r and isinstance(again.flags[0].note, str)
    assert report_of(items, cand, prod, []).to_json()["notes"] == [{"code": "eval.report.metrics_only", "params": {}}]


# ------------------------------------------------------------------ narrow
def test_narrow_warning_when_ahead_on_one_intent_only(good: tuple) -> None:
    items, cand, prod, _ = good
    ratings = ratings_for(items, {"cards": "candidate", "loans": "production", "transfers": "production"})
    r = report_of(items, cand, prod, ratings)
    assert r.narrow_intent == "cards"
    note = next(n for n in r.notes if n.code == "eval.report.narrow")
    assert "cards" in render(note, "en") and "2 others" in render(note, "en")
    assert "\u2068cards\u2069" in render(note, "ar")
    # ahead on two of three: not narrow
    ratings = ratings_for(items, {"cards": "candidate", "loans": "candidate", "transfers": "production"})
    assert report_of(items, cand, prod, ratings).narrow_intent is None
    # without ratings, by task success: ahead on cards only
    prod = {i.id: scored(0.5 if i.intent == "cards" else 1.0) for i in items}
    cand = {i.id: scored(1.0 if i.intent == "cards" else 0.75) for i in items}
    r = report_of(items, cand, prod, [])
    assert r.narrow_intent == "cards" and any(n.code == "eval.report.narrow" for n in r.notes)
    html = render_html(r, "en")
    assert "over-fitting to a narrow set of intents" in html


# ------------------------------------------------------------------ the gate
def test_gate_fails_on_an_unresolved_unsafe_flag_and_passes_once_resolved(good: tuple) -> None:
    items, cand, prod, ratings = good
    flagged = replace(ratings[0], unsafe=True, note="leaks a card number")
    r = report_of(items, cand, prod, [flagged, *ratings[1:]])
    decision = gate(r, quota_ok=True)
    assert not decision.passed and decision.failed == ["unsafe"]
    assert len(decision.reasons) == 4  # one sentence per condition, met or not
    assert render(decision.reasons[1]) == (
        "Unsafe flags not resolved: 1 (items: cards-0); a release manager must resolve each one.")
    r = report_of(items, cand, prod, [replace(flagged, resolved=True), *ratings[1:]])
    decision = gate(r, quota_ok=True)
    assert decision.passed and decision.failed == []
    assert [m.code for m in decision.reasons] == [
        "eval.gate.quota.met", "eval.gate.unsafe.none", "eval.gate.win_rate.ok", "eval.gate.task_success.ok"]
    assert render(decision.reasons[1]) == "No unsafe flag is open (resolved: 1)."
    # an inconsistent flag alone does not block
    r = report_of(items, cand, prod, [replace(ratings[0], inconsistent=True), *ratings[1:]])
    assert gate(r, quota_ok=True).passed and r.flags[0].kind == "inconsistent"


def test_gate_win_rate_margin_task_success_tolerance_and_quota(good: tuple) -> None:
    items, cand, prod, _ = good
    even = ratings_for(items, {"cards": "tie", "loans": "production", "transfers": "candidate"})
    r = report_of(items, cand, prod, even)
    decision = gate(r, quota_ok=True)
    assert decision.failed == ["win_rate"]
    text = render(decision.reasons[2])
    assert text.startswith("The win rate is 50%, but the lower end of its 95% interval") and "margin of 45%" in text
    assert "٤٥٪" in render(decision.reasons[2], "ar")
    assert gate(r, quota_ok=True, margin=0.2).passed  # the caller's margin over the report's
    # task success drops by 0.25 on loans (more than 0.10) and 0.125 on transfers
    cand = {**cand, **{i.id: scored(0.75) for i in items if i.intent == "loans"},
            **{i.id: scored(1.0 if i.id != "transfers-1" else 0.5) for i in items if i.intent == "transfers"}}
    prod = {**prod, **{i.id: scored(1.0) for i in items if i.intent in ("loans", "transfers")}}
    r = report_of(items, cand, prod, ratings_for(items, dict.fromkeys(INTENTS, "candidate")))
    decision = gate(r, quota_ok=False, quota_reason=Msg("eval.gate.quota.not_met"))
    assert decision.failed == ["quota", "task_success"]
    assert render(decision.reasons[3]) == "Task success drops by more than 0.1 on: loans (-0.25), transfers (-0.12)."
    assert gate(r, quota_ok=True, tolerance=0.3).passed
    assert gate(r, quota_ok=True, tolerance=0.25).failed == []  # exactly at the tolerance: passes
    # 0.7 - 0.8 is -0.10000000000000009 in floating point: still exactly the tolerance
    r = report_of(items, {i.id: scored(0.7) for i in items}, {i.id: scored(0.8) for i in items},
                  ratings_for(items, dict.fromkeys(INTENTS, "candidate")))
    assert r.intent("loans").metric("task_success").difference.estimate < -0.1 and gate(r, quota_ok=True).passed
    # nothing scored on both sides: the drop cannot be ruled out
    r = report_of(items, {}, prod, ratings_for(items, dict.fromkeys(INTENTS, "candidate")))
    assert gate(r, quota_ok=True).failed == ["task_success"]


# ------------------------------------------------------------------ HTML
class _Page(HTMLParser):
    """Text outside <style> and <bdi>, <p> attributes, and what the page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.outside: list[str] = []
        self.inside_bdi: list[str] = []
        self.paragraphs: list[dict[str, str | None]] = []
        self.tags: set[str] = set()
        self.html_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag == "p":
            self.paragraphs.append(dict(attrs))
        if tag not in ("br", "meta", "rect", "line", "circle"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "style" in self.stack:
            return
        (self.inside_bdi if "bdi" in self.stack else self.outside).append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_arabic_page_is_right_to_left_with_eastern_digits(good: tuple) -> None:
    items, cand, prod, ratings = good
    ratings = ratings + [Rating("cards-1", "reviewer 7", {}, {}, "tie", unsafe=True, note="see step 2 of the answer"),
                         Rating("loans-2", "r1", {}, {}, "production", inconsistent=True, resolved=True)]
    prod = {**prod, "loans-3": scored(1.0)}
    cand = {**cand, "loans-3": scored(0.0)}
    r = report_of(items, cand, prod, ratings)
    html = render_html(r, "ar", gate(r, quota_ok=True))
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>") and page.html_attrs == {"lang": "ar", "dir": "rtl"}
    assert page.paragraphs and all(p.get("dir") == "auto" for p in page.paragraphs)
    text = "".join(page.outside)
    assert not re.search(r"[0-9]", text), re.findall(r".{20}[0-9].{20}", text)
    assert re.search(r"[٠-٩]", text) and "٪" in text
    isolated = set(page.inside_bdi)
    assert {"atlas-bank-v3", "prod-2025-06", "cards-1", "loans-3", "reviewer 7", "see step 2 of the answer"} <= isolated
    assert "تقرير التقييم" in text and "بوابة الإصدار" in text and "نسبة الفوز" in text and "الخليجية" in text
    assert '"Noto Naskh Arabic", "Noto Sans Arabic"' in html
    assert "svg" in page.tags and page.tags.isdisjoint({"script", "link", "img", "iframe", "object"})
    assert not re.search(r"https?:|url\(|@import|@font-face|src=", html)
    # the English page: left to right, Latin digits, the same sections
    en = render_html(r, "en")
    page = parse(en)
    assert page.html_attrs == {"lang": "en", "dir": "ltr"} and all(p.get("dir") == "auto" for p in page.paragraphs)
    assert "Evaluation report" in en and "Regressions" in en and "By dialect" in en and "Gulf" in en
    assert re.search(r"Win rate of atlas-bank-v3 over prod-2025-06: 94.2% \(95% interval [0-9.]+% to 100%\); ratings: 26, prompts rated: 12", en)


def test_arabic_charts_are_mirrored(good: tuple) -> None:
    items, cand, prod, ratings = good
    r = report_of(items, cand, prod, ratings)
    # the win rate is 1.0: its dot at the far end of the axis, right in English, left in Arabic
    dot = re.compile(r'<circle cx="([0-9.]+)"')
    assert float(dot.search(render_html(r, "en")).group(1)) > 150
    assert float(dot.search(render_html(r, "ar")).group(1)) < 10


def test_template_is_package_data() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert any(fnmatch.fnmatch("templates/report.html.j2", pattern) for pattern in data["atlas_desktop.core.evaluation"])
    assert (ROOT / "atlas_desktop" / "core" / "evaluation" / "templates" / "report.html.j2").is_file()


def test_every_metric_has_a_label() -> None:
    assert all(render(Msg(f"eval.report.metric.{m}"), "ar") for m in METRIC_NAMES)


def test_calibration_agreement_in_the_report(good: tuple) -> None:
    items, cand, prod, ratings = good
    verdicts = ["candidate", "production", "tie", "both_bad", "candidate", "production"]
    calib = [Rating(items[k].id, rev, {"task_success": 1 + k % 5}, {"task_success": 5 - k % 5}, v, calibration=True)
             for k, v in enumerate(verdicts) for rev in ("amal", "badr")]
    r = report_of(items, cand, prod, ratings + calib)
    assert r.agreement.verdict == pytest.approx(1.0) and r.agreement.scores["task_success"] == pytest.approx(1.0)
    assert (r.agreement.n_items, r.agreement.n_reviewers, r.counts.calibration_items, r.counts.reviewers) == (6, 2, 6, 4)
    assert "١٫٠٠" in render_html(r, "ar")
    few = report_of(items, cand, prod, ratings + calib[:4])
    assert few.agreement.verdict is None and few.agreement.note.code == "eval.report.agreement.few"
    assert "agreement is measured from 5" in render_html(few, "en")
