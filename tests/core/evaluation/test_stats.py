"""The report's statistics on cases small enough to work out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from atlas_desktop.core.evaluation import stats
from atlas_desktop.core.evaluation.stats import (
    Interval, agreement, agreement_or_reason, by_group, calibration_agreement, clustered_interval,
    paired_difference, paired_difference_by, win_rate, win_rate_by,
)
from atlas_desktop.core.evaluation.types import EvalItem, Rating


def rating(item: str, verdict: str, reviewer: str = "r1", *, calibration: bool = False,
           cand: dict[str, int] | None = None, prod: dict[str, int] | None = None) -> Rating:
    return Rating(item_id=item, reviewer=reviewer, candidate=cand or {}, production=prod or {}, verdict=verdict, calibration=calibration)


# ------------------------------------------------------------------ win rate
def test_verdicts_count_one_zero_and_a_half() -> None:
    rs = [rating("a", "candidate"), rating("b", "production"), rating("c", "tie"), rating("d", "both_bad")]
    wr = win_rate(rs)
    assert wr is not None
    assert wr.estimate == pytest.approx(0.5)  # (1 + 0 + ½ + ½) / 4
    assert (wr.n_items, wr.n_ratings) == (4, 4)
    # the estimate is a mean over ratings: an item rated three times weighs three times
    wr = win_rate([rating("a", "candidate", r) for r in ("r1", "r2", "r3")] + [rating("b", "production")])
    assert wr.estimate == pytest.approx(0.75) and (wr.n_items, wr.n_ratings) == (2, 4)


def test_no_ratings_no_win_rate() -> None:
    assert win_rate([]) is None
    assert paired_difference({}, {}) is None


def test_two_items_interval_by_hand() -> None:
    # One item won, one lost: a draw of the two items is 0, ½ or 1 with probability ¼, ½, ¼, so the
    # 2.5% and 97.5% quantiles of 2,000 draws are 0 and 1.
    wr = win_rate([rating("a", "candidate"), rating("b", "production")])
    assert (wr.estimate, wr.low, wr.high) == (0.5, 0.0, 1.0)
    # every rating a win: every draw is a win
    wr = win_rate([rating(i, "candidate") for i in "abcdef"])
    assert (wr.estimate, wr.low, wr.high) == (1.0, 1.0, 1.0)


def test_interval_contains_the_estimate() -> None:
    rng = np.random.default_rng(7)
    for case in range(30):
        n_items = int(rng.integers(1, 40))
        rs = [rating(f"i{int(rng.integers(0, n_items))}", str(rng.choice(["candidate", "production", "tie", "both_bad"])), f"r{k}")
              for k in range(int(rng.integers(1, 120)))]
        wr = win_rate(rs, rng_seed=case, n_boot=200)
        assert wr.low <= wr.estimate <= wr.high and 0.0 <= wr.low and wr.high <= 1.0
        cand = {f"i{k}": float(rng.random()) for k in range(n_items)}
        prod = {f"i{k}": float(rng.random()) for k in range(n_items)}
        d = paired_difference(cand, prod, rng_seed=case, n_boot=200)
        assert d.contains(d.estimate)


def test_clustering_widens_the_interval_when_one_item_has_many_identical_ratings() -> None:
    # One prompt rated 40 times, all for the candidate, and 20 prompts rated once, mostly lost:
    # the 40 ratings are one piece of evidence, and resampling prompts shows it.
    rs = [rating("popular", "candidate", f"r{k}") for k in range(40)]
    rs += [rating(f"i{k}", "production" if k % 4 else "candidate") for k in range(20)]
    clustered, flat = win_rate(rs), win_rate(rs, cluster=False)
    assert clustered.estimate == flat.estimate == pytest.approx(45 / 60)
    assert (clustered.high - clustered.low) > 1.5 * (flat.high - flat.low)
    assert (clustered.n_items, flat.n_items) == (21, 60)


def test_same_seed_same_interval() -> None:
    rng = np.random.default_rng(1)
    rs = [rating(f"i{int(rng.integers(0, 30))}", str(rng.choice(["candidate", "production", "tie"])), f"r{k}") for k in range(200)]
    assert win_rate(rs, rng_seed=3) == win_rate(list(rs), rng_seed=3)
    assert win_rate(rs, rng_seed=3) != win_rate(rs, rng_seed=4)
    stats._random_bits.cache_clear()  # not only the cache: the draws themselves are seeded
    assert win_rate(rs, rng_seed=3) == win_rate(rs, rng_seed=3)


def test_many_items_are_drawn_in_blocks_whatever_the_order_of_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    values = np.arange(50, dtype=float) % 2
    whole = clustered_interval(values, np.arange(50), n_boot=400)
    monkeypatch.setattr(stats, "_BLOCK", 16)  # 50 items: blocks of 16, 16, 16 and 2 columns
    stats._random_bits.cache_clear()
    try:
        blocks = clustered_interval(values, np.arange(50), n_boot=400)
        assert blocks.estimate == whole.estimate == 0.5
        assert blocks.contains(0.5) and abs((blocks.high - blocks.low) - (whole.high - whole.low)) < 0.1
        stats._random_bits.cache_clear()
        clustered_interval(np.ones(300), np.arange(300), n_boot=400, rng_seed=0)  # other blocks first
        assert clustered_interval(values, np.arange(50), n_boot=400) == blocks
    finally:
        stats._random_bits.cache_clear()


def test_unknown_verdict_is_an_error() -> None:
    with pytest.raises(ValueError):
        win_rate([rating("a", "maybe")])


# ------------------------------------------------------------------ paired differences
def test_paired_difference_by_hand() -> None:
    cand = {"a": 1.0, "b": 0.5, "c": None, "d": 1.0}
    prod = {"a": 0.0, "b": 0.5, "c": 1.0, "e": 1.0}
    d = paired_difference(cand, prod)  # only a (+1) and b (0) are scored on both sides
    assert d.estimate == pytest.approx(0.5) and (d.n_items, d.n_ratings) == (2, 2)
    assert (d.low, d.high) == (0.0, 1.0)
    assert paired_difference({"a": None}, {"a": 1.0}) is None


# ------------------------------------------------------------------ by intent, by dialect
ITEMS = [EvalItem(id="a", prompt="p", intent="cards", dialect="gulf"), EvalItem(id="b", prompt="p", intent="cards", dialect="msa"),
         EvalItem(id="c", prompt="p", intent="loans", dialect="gulf"), EvalItem(id="d", prompt="p")]


def test_groups_by_intent_and_dialect() -> None:
    assert by_group(ITEMS, sorted) == {"cards": ["a", "b"], "loans": ["c"], "unlabelled": ["d"]}
    assert by_group(ITEMS, len, by="dialect") == {"gulf": 2, "msa": 1, "uncertain": 1}
    rs = [rating("a", "candidate"), rating("b", "tie"), rating("c", "production"), rating("c", "production", "r2")]
    per_intent = win_rate_by(ITEMS, rs)
    assert per_intent["cards"].estimate == pytest.approx(0.75) and per_intent["loans"].estimate == 0.0
    assert per_intent["unlabelled"] is None
    diff = paired_difference_by(ITEMS, {"a": 1.0, "b": 1.0, "c": 0.0}, {"a": 0.0, "b": 1.0, "c": 1.0}, by="dialect")
    assert diff["gulf"].estimate == pytest.approx(0.0) and diff["msa"].estimate == 0.0 and diff["uncertain"] is None
    with pytest.raises(ValueError):
        by_group(ITEMS, len, by="reviewer")


# ------------------------------------------------------------------ agreement
def test_perfect_agreement_is_one() -> None:
    verdicts = ["candidate", "production", "tie", "both_bad", "candidate", "production"]
    rs = [rating(f"i{k}", v, rev, calibration=True, cand={"format": 1 + k % 5}, prod={"format": 5 - k % 5})
          for k, v in enumerate(verdicts) for rev in ("amal", "badr", "huda")]
    assert agreement(rs) == pytest.approx(1.0)
    assert agreement(rs, "format") == pytest.approx(1.0)
    summary = calibration_agreement(rs)
    assert summary.verdict == pytest.approx(1.0) and summary.scores["format"] == pytest.approx(1.0)
    assert summary.scores["task_success"] is None  # nobody scored it
    assert (summary.n_items, summary.n_reviewers, summary.note) == (6, 3, None)


def test_binary_textbook_example_nominal() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two observers,
    # ten units, binary values. 14 zeros and 6 ones among 20 values; 4 units disagree, each adding
    # one 0-1 and one 1-0 coincidence: alpha = 1 - (n-1) o01 / (n0 n1) = 1 - 19*4 / (14*6) = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    names = {0: "production", 1: "candidate"}
    rs = [rating(f"u{k}", names[v], rev, calibration=True) for rev, row in (("A", a), ("B", b)) for k, v in enumerate(row)]
    assert agreement(rs) == pytest.approx(1 - 19 * 4 / (14 * 6)) == pytest.approx(0.095, abs=5e-4)


def test_textbook_example_with_missing_values_ordinal() -> None:
    # Krippendorff (2011), section C: four observers, twelve units, values 1..5, missing values;
    # ordinal alpha 0.815 (the package and the paper agree). Unit 12 has one value and is left out.
    nan = math.nan
    data = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan], "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
            "C": [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan], "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]}
    rs = [rating(f"u{k}", "tie", rev, calibration=True, cand={"faithfulness": int(v)})
          for rev, row in data.items() for k, v in enumerate(row) if not math.isnan(v)]
    assert agreement(rs, "faithfulness") == pytest.approx(0.815, abs=5e-4)


def test_not_enough_calibration_says_why() -> None:
    assert agreement_or_reason([]) == (None, stats.Msg("eval.report.agreement.none"))
    one_each = [rating(f"i{k}", "candidate", f"r{k}", calibration=True) for k in range(10)]
    assert agreement_or_reason(one_each)[1].code == "eval.report.agreement.none"
    two = [rating(f"i{k}", v, rev, calibration=True) for k, v in enumerate(["candidate", "tie"]) for rev in ("a", "b")]
    value, why = agreement_or_reason(two)
    assert value is None and why == stats.Msg("eval.report.agreement.few", n=2, minimum=5)
    assert agreement(two, min_items=2) == pytest.approx(1.0)
    same = [rating(f"i{k}", "tie", rev, calibration=True) for k in range(6) for rev in ("a", "b")]
    assert agreement_or_reason(same)[1].code == "eval.report.agreement.no_variation"
    # ratings outside the calibration set do not count; a second rating by the same reviewer replaces the first
    assert agreement([rating(f"i{k}", "tie", rev) for k in range(6) for rev in ("a", "b")]) is None
    redo = [rating(f"i{k}", v, rev, calibration=True) for k, v in enumerate(["candidate", "production"] * 3) for rev in ("a", "b")]
    assert agreement(redo + [rating("i0", "production", "b", calibration=True), rating("i0", "candidate", "b", calibration=True)]) == pytest.approx(1.0)


def test_interval_is_a_plain_record() -> None:
    i = Interval(0.5, 0.25, 0.75, 4, 8)
    assert i.contains(0.25) and not i.contains(0.8)
