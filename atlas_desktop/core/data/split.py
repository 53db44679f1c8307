"""The holdout: stratified by intent (and dialect where counts allow), repeatable with a
seed, and cluster-safe: conversations of one look-alike group go to the same side."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    index: int
    intent: str
    dialect: str
    group: int


def split_holdout(items: list[Item], ratio: float = 0.15, seed: int = 13) -> set[int]:
    """Indices of the holdout."""
    if not 0 < ratio < 1:
        raise ValueError("holdout ratio must be between 0 and 1")
    by_pair: dict[tuple[str, str], int] = defaultdict(int)
    for it in items:
        by_pair[(it.intent, it.dialect)] += 1
    min_cell = math.ceil(2 / ratio)  # a dialect cell must be able to give at least 2 to the holdout

    def stratum(it: Item) -> tuple[str, str]:
        return (it.intent, it.dialect) if by_pair[(it.intent, it.dialect)] >= min_cell else (it.intent, "*")

    # One entry per look-alike group, keyed by its id: its first member and its size. No list per
    # group: at 200,000 conversations, freeing that many small lists at once held the
    # interpreter (and a waiting window) for about 60 ms.
    first: dict[int, Item] = {}
    size: dict[int, int] = defaultdict(int)
    for it in items:
        first.setdefault(it.group, it)
        size[it.group] += 1
    strata: dict[tuple[str, str], list[int]] = defaultdict(list)
    for group, it in first.items():
        strata[stratum(it)].append(group)
    chosen: set[int] = set()
    for key in sorted(strata):
        units = sorted(strata[key], key=lambda g: first[g].index)
        random.Random(f"{seed}:{key[0]}:{key[1]}").shuffle(units)
        target = round(ratio * sum(size[g] for g in units))
        taken = 0
        for group in units:
            if taken >= target:
                break
            n = size[group]
            if taken + n > target + max(1, n // 2) and taken > 0:
                continue  # a big group would overshoot: try a smaller one
            chosen.add(group)
            taken += n
    if not chosen and round(ratio * len(items)) >= 1:
        # every stratum was too small to give one (8 conversations in 4 intents at 0.25: 0.5 each,
        # rounded to 0): take whole groups across strata, in the seed's order, up to the share
        target = round(ratio * len(items))
        units = sorted(first, key=lambda g: first[g].index)
        random.Random(f"{seed}:*:*").shuffle(units)
        taken = 0
        for group in units:
            if taken >= target:
                break
            if taken + size[group] <= target + size[group] // 2 or taken == 0:
                chosen.add(group)
                taken += size[group]
    holdout = {it.index for it in items if it.group in chosen}
    return holdout
