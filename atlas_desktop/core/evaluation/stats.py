"""The evaluation report's statistics: win rate, paired differences, their intervals, reviewers'
agreement. Pure functions over the loop's records (types.py); numpy, and krippendorff for alpha.

Definitions
-----------
* **Win rate** of the candidate over production, from the reviewers' verdicts: ``candidate`` counts
  1, ``production`` 0, ``tie`` and ``both_bad`` ½ each (neither answer was preferred; a pair that is
  bad on both sides is not a win for either model, and its badness shows in the metrics and the
  flags instead). The estimate is the mean over ratings, so an item rated by three reviewers
  weighs three times.
* **Paired difference** of a metric: the mean over items of (candidate − production), over the items
  scored on both sides (a ``None`` score, an empty or truncated answer, leaves the item out).
* **Intervals** are 95% percentile bootstraps **clustered by item** (by prompt): each of ``n_boot``
  draws resamples the item ids with replacement and takes every rating of each drawn item, so
  several ratings of one prompt count as one piece of evidence, not as many independent ones. The
  draws come from ``numpy.random.default_rng([rng_seed, block])``: the same inputs and seed give
  the same interval, whatever was computed before. The interval is widened, if need be, to hold the estimate itself (a percentile
  interval may miss it by a rounding step when the draws are few).
* **Agreement** is Krippendorff's alpha over the calibration ratings (``Rating.calibration``) of
  items rated by two or more reviewers: nominal for verdicts, ordinal for the 1..5 scores (units
  are each item's two answers). A reviewer who rated an item twice counts with the last rating.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import numpy as np

from atlas_desktop.core.evaluation.types import METRIC_NAMES, VERDICTS, EvalItem, Rating
from atlas_desktop.core.messages import Msg

VERDICT_SCORE = {"candidate": 1.0, "production": 0.0, "tie": 0.5, "both_bad": 0.5}
assert set(VERDICT_SCORE) == set(VERDICTS)

N_BOOT = 2000
LEVEL = 0.95
MIN_CALIBRATION_ITEMS = 5  # fewer units than this and alpha is mostly noise
NO_INTENT, NO_DIALECT = "unlabelled", "uncertain"  # the data pipeline's words for a missing label
GROUPINGS = ("intent", "dialect")

_BLOCK = 512  # cluster positions per block of random draws

T = TypeVar("T")


@dataclass(frozen=True)
class Interval:
    """An estimate with its 95% interval; ``n_items`` clusters (prompts) and ``n_ratings``
    observations behind it (ratings for a win rate; one per item for a paired difference)."""

    estimate: float
    low: float
    high: float
    n_items: int
    n_ratings: int

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


# ------------------------------------------------------------------ the clustered bootstrap
@lru_cache(maxsize=4)
def _random_bits(seed: int, n_boot: int, block: int) -> np.ndarray:
    """Block ``block`` of the seed's random draws: _BLOCK rows (cluster positions) × ``n_boot``
    columns (draws) of 32-bit integers, drawn once and kept (8 MB at 2,000 draws). Each block has
    its own generator, so a block is the same whichever was asked for first."""
    bits = np.random.default_rng([seed, block]).integers(0, 2**32, size=(_BLOCK, n_boot), dtype=np.uint64)
    bits.flags.writeable = False
    return bits


def _bootstrap_sums(per_cluster: list[np.ndarray], seed: int, n_boot: int) -> list[np.ndarray]:
    """For each of ``n_boot`` draws of k clusters with replacement (k = the arrays' length), the
    sum of each array over the clusters drawn.

    Draw b's t-th cluster is (R[t, b] · k) >> 32 for the seed's 32-bit random matrix R (Lemire's
    multiply-shift: uniform over 0..k-1 to within 2^-32): one matrix for every k, so a report's
    many intervals (each metric, intent and dialect) cost a multiply and a gather each instead
    of a fresh draw."""
    k = per_cluster[0].shape[0]
    totals = [np.zeros(n_boot) for _ in per_cluster]
    for block, start in enumerate(range(0, k, _BLOCK)):
        bits = _random_bits(seed, n_boot, block)[: min(_BLOCK, k - start)]
        idx = ((bits * np.uint64(k)) >> np.uint64(32)).view(np.intp)
        for total, values in zip(totals, per_cluster):
            total += np.take(values, idx).sum(axis=0)
    return totals


def clustered_interval(values: np.ndarray, clusters: np.ndarray, *, rng_seed: int = 0, n_boot: int = N_BOOT,
                       level: float = LEVEL) -> Interval | None:
    """The mean of ``values`` and its percentile bootstrap interval, resampling whole clusters
    (``clusters[i]`` is the cluster of ``values[i]``, any sortable labels; each draw's statistic
    is the sum of its drawn clusters' values over their number of values). None when empty."""
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0:
        return None
    _, codes = np.unique(np.asarray(clusters), return_inverse=True)
    sums = np.bincount(codes, weights=values)
    k = sums.size
    estimate = float(values.mean())
    if values.size == k:  # one value per cluster: every draw holds k values
        stats = _bootstrap_sums([sums], rng_seed, n_boot)[0] / k
    else:
        drawn, n_drawn = _bootstrap_sums([sums, np.bincount(codes).astype(np.float64)], rng_seed, n_boot)
        stats = drawn / n_drawn
    tail = (1.0 - level) / 2
    low, high = (float(q) for q in np.quantile(stats, [tail, 1.0 - tail]))
    return Interval(estimate, min(low, estimate), max(high, estimate), k, int(values.size))


# ------------------------------------------------------------------ win rate and paired differences
def verdict_scores(ratings: Iterable[Rating]) -> tuple[np.ndarray, list[str]]:
    """Each rating's verdict as a number (VERDICT_SCORE) and its item id."""
    scores, ids = [], []
    for r in ratings:
        if r.verdict not in VERDICT_SCORE:
            raise ValueError(f"unknown verdict {r.verdict!r} (one of {VERDICTS})")
        scores.append(VERDICT_SCORE[r.verdict])
        ids.append(r.item_id)
    return np.asarray(scores, dtype=np.float64), ids


def win_rate(ratings: Iterable[Rating], rng_seed: int = 0, n_boot: int = N_BOOT, *, cluster: bool = True) -> Interval | None:
    """The candidate's win rate over production and its interval clustered by item; None
    without ratings. ``cluster=False`` resamples ratings one by one (for comparison only: it
    treats several ratings of one prompt as independent evidence and so is too narrow)."""
    scores, ids = verdict_scores(ratings)
    clusters = np.asarray(ids, dtype=object) if cluster else np.arange(scores.size)
    return clustered_interval(scores, clusters, rng_seed=rng_seed, n_boot=n_boot)


def paired_values(cand: Mapping[str, float | None], prod: Mapping[str, float | None]) -> dict[str, float]:
    """item id -> candidate − production, for the items scored on both sides."""
    return {i: float(c) - float(prod[i]) for i, c in cand.items()
            if c is not None and prod.get(i) is not None}


def paired_difference(cand: Mapping[str, float | None], prod: Mapping[str, float | None],
                      rng_seed: int = 0, n_boot: int = N_BOOT) -> Interval | None:
    """The mean per-item difference candidate − production and its bootstrap interval over
    items; None when no item is scored on both sides."""
    diffs = paired_values(cand, prod)
    ids = sorted(diffs)
    return clustered_interval(np.array([diffs[i] for i in ids]), np.arange(len(ids)), rng_seed=rng_seed, n_boot=n_boot)


# ------------------------------------------------------------------ by intent, by dialect
def group_of(item: EvalItem, by: str) -> str:
    """An item's intent or dialect; a missing one is the pipeline's "unlabelled" / "uncertain"."""
    if by == "intent":
        return item.intent or NO_INTENT
    if by == "dialect":
        return item.dialect or NO_DIALECT
    raise ValueError(f"group by one of {GROUPINGS}, not {by!r}")


def groups(items: Iterable[EvalItem], by: str = "intent") -> dict[str, frozenset[str]]:
    """Group name -> the ids of its items, groups in name order."""
    found: dict[str, set[str]] = {}
    for item in items:
        found.setdefault(group_of(item, by), set()).add(item.id)
    return {k: frozenset(v) for k, v in sorted(found.items())}


def by_group(items: Iterable[EvalItem], fn: Callable[[frozenset[str]], T], by: str = "intent") -> dict[str, T]:
    """``fn(ids)`` for each intent's (or dialect's) set of item ids, in name order."""
    return {name: fn(ids) for name, ids in groups(items, by).items()}


def win_rate_by(items: Iterable[EvalItem], ratings: Iterable[Rating], by: str = "intent",
                rng_seed: int = 0, n_boot: int = N_BOOT) -> dict[str, Interval | None]:
    ratings = list(ratings)
    return by_group(items, lambda ids: win_rate([r for r in ratings if r.item_id in ids], rng_seed, n_boot), by)


def paired_difference_by(items: Iterable[EvalItem], cand: Mapping[str, float | None], prod: Mapping[str, float | None],
                         by: str = "intent", rng_seed: int = 0, n_boot: int = N_BOOT) -> dict[str, Interval | None]:
    def one(ids: frozenset[str]) -> Interval | None:
        return paired_difference({i: v for i, v in cand.items() if i in ids}, prod, rng_seed, n_boot)

    return by_group(items, one, by)


# ------------------------------------------------------------------ reviewers' agreement
@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha on the calibration set: for the verdicts and for each metric's
    scores; ``note`` says why the verdicts' alpha is missing (None when it is there)."""

    verdict: float | None
    scores: dict[str, float | None] = field(default_factory=dict)
    n_items: int = 0  # calibration items rated by two or more reviewers
    n_reviewers: int = 0
    note: Msg | None = None


def _value(r: Rating, on: str, side: str) -> float:
    if on == "verdict":
        return float(VERDICTS.index(r.verdict)) if r.verdict in VERDICTS else np.nan
    score = (r.candidate if side == "candidate" else r.production).get(on)
    return float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else np.nan


def _reliability_matrix(ratings: Iterable[Rating], on: str) -> tuple[np.ndarray, int]:
    """Reviewers × units of the calibration ratings (NaN where a reviewer has no value), kept to the
    units with two or more values; and the number of items those units come from."""
    if on != "verdict" and on not in METRIC_NAMES:
        raise ValueError(f"agreement on 'verdict' or one of {METRIC_NAMES}, not {on!r}")
    sides = ("",) if on == "verdict" else ("candidate", "production")
    last: dict[tuple[str, str], Rating] = {}
    for r in ratings:
        if r.calibration:
            last[(r.item_id, r.reviewer)] = r
    reviewers = sorted({rev for _, rev in last})
    units = sorted({(item, side) for item, _ in last for side in sides})
    if not reviewers or not units:
        return np.empty((0, 0)), 0
    row = {rev: i for i, rev in enumerate(reviewers)}
    col = {u: j for j, u in enumerate(units)}
    data = np.full((len(reviewers), len(units)), np.nan)
    for (item, rev), r in last.items():
        for side in sides:
            data[row[rev], col[(item, side)]] = _value(r, on, side)
    keep = (~np.isnan(data)).sum(axis=0) >= 2
    data = data[:, keep]
    kept_items = {units[j][0] for j in np.flatnonzero(keep)}
    return data[(~np.isnan(data)).any(axis=1)], len(kept_items)


def agreement_or_reason(ratings: Iterable[Rating], on: str = "verdict", *,
                        min_items: int = MIN_CALIBRATION_ITEMS) -> tuple[float | None, Msg | None]:
    """Krippendorff's alpha on ``on`` ("verdict", nominal, or a metric name, ordinal over 1..5)
    and None; or None and a message saying why it cannot be measured."""
    import krippendorff

    data, n_items = _reliability_matrix(ratings, on)
    if n_items == 0:
        return None, Msg("eval.report.agreement.none")
    if n_items < min_items:
        return None, Msg("eval.report.agreement.few", n=n_items, minimum=min_items)
    values = np.unique(data[~np.isnan(data)])
    if values.size < 2:  # no variation: expected disagreement is 0 and alpha is undefined
        return None, Msg("eval.report.agreement.no_variation")
    if on == "verdict":
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    else:
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4, 5])
    return float(alpha), None


def agreement(ratings: Iterable[Rating], on: str = "verdict", *, min_items: int = MIN_CALIBRATION_ITEMS) -> float | None:
    """Krippendorff's alpha of the calibration ratings on ``on``; None when there are not enough
    (agreement_or_reason says why)."""
    return agreement_or_reason(ratings, on, min_items=min_items)[0]


def calibration_agreement(ratings: Iterable[Rating], *, min_items: int = MIN_CALIBRATION_ITEMS) -> Agreement:
    """Alpha for the verdicts and for each metric's scores, with the counts behind them."""
    ratings = [r for r in ratings if r.calibration]
    verdict, note = agreement_or_reason(ratings, "verdict", min_items=min_items)
    data, n_items = _reliability_matrix(ratings, "verdict")
    scores = {m: agreement(ratings, m, min_items=min_items) for m in METRIC_NAMES}
    return Agreement(verdict, scores, n_items, int(data.shape[0]), note)
