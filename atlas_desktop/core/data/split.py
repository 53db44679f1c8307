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

    groups: dict[int, list[Item]] = defaultdict(list)
    for it in items:
        groups[it.group].append(it)
    strata: dict[tuple[str, str], list[list[Item]]] = defaultdict(list)
    for members in groups.values():
        strata[stratum(members[0])].append(members)
    holdout: set[int] = set()
    for key in sorted(strata):
        units = sorted(strata[key], key=lambda g: g[0].index)
        random.Random(f"{seed}:{key[0]}:{key[1]}").shuffle(units)
        size = sum(len(u) for u in units)
        target = round(ratio * size)
        taken = 0
        for unit in units:
            if taken >= target:
                break
            if taken + len(unit) > target + max(1, len(unit) // 2) and taken > 0:
                continue  # a big group would overshoot: try a smaller one
            holdout.update(it.index for it in unit)
            taken += len(unit)
    return holdout
