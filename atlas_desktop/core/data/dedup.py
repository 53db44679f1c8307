"""Exact and near duplicates.

Matching text: the user and assistant turns of a conversation (not the system prompt, which
most conversations share), folded with ``normalize_for_matching`` (tatweel, diacritics,
alef / ya / ta-marbuta variants, digits, case) and stripped of punctuation and symbols.

- Exact: sha256 of the matching text.
- Near: MinHash (datasketch) over character 5-gram shingles of the matching text, 128
  permutations; candidates come from an LSH index built for Jaccard 0.7 (so banding loses
  almost no true pair), and a pair is a near duplicate when its estimated Jaccard is at
  least 0.9. Why these: a 5-gram of Arabic letters is about one short word, so a re-typed
  message (a filler word added, tatweel, diacritics, hamza variants, punctuation, an emoji)
  keeps almost all its shingles, while the same answer given to a different follow-up
  question loses enough to stay apart. With 128 permutations the estimate's standard
  error is sqrt(J(1-J)/128): 0.017 at J = 0.96, the lowest true Jaccard of the planted near
  copies in the sample, and 0.032 at J = 0.85, the highest of the legitimate look-alikes, so
  the estimate only picks candidates: each candidate pair is confirmed with the exact
  Jaccard of its two shingle sets, so the 0.9 line is drawn exactly
  (tests/core/data/test_dedup.py).
Clusters are formed with union-find; the representative kept is the earliest conversation.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from atlas_desktop.core.arabic import normalize_for_matching

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.9
CANDIDATE_THRESHOLD = 0.7
_NON_WORD = re.compile(r"[^\w\s]|_")


def matching_text(turn_texts: list[str]) -> str:
    return " ".join(" ".join(_NON_WORD.sub(" ", normalize_for_matching(t)).split()) for t in turn_texts)


def shingles(text: str, k: int = SHINGLE) -> list[bytes]:
    if len(text) <= k:
        return [text.encode("utf-8")]
    return list({text[i:i + k].encode("utf-8") for i in range(len(text) - k + 1)})


_PERMS: MinHash | None = None


def minhash(text: str) -> MinHash:
    global _PERMS
    if _PERMS is None:
        _PERMS = MinHash(num_perm=NUM_PERM, seed=1)
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_PERMS.permutations, scheme=_PERMS.scheme)
    m.update_batch(shingles(text))
    return m


@dataclass
class DedupResult:
    keep: list[int]  # indices kept, in order
    exact: dict[int, list[int]] = field(default_factory=dict)  # representative -> exact copies removed
    near: dict[int, list[int]] = field(default_factory=dict)  # representative -> near copies removed
    similarity: dict[int, float] = field(default_factory=dict)  # removed index -> estimated Jaccard to its representative

    @property
    def removed_exact(self) -> int:
        return sum(len(v) for v in self.exact.values())

    @property
    def removed_near(self) -> int:
        return sum(len(v) for v in self.near.values())


def deduplicate(texts: list[str], threshold: float = THRESHOLD, near: bool = True, cancel=None) -> DedupResult:  # noqa: ANN001
    """``texts`` are matching texts (see ``matching_text``), in file order."""
    first_of: dict[str, int] = {}
    exact: dict[int, list[int]] = {}
    unique: list[int] = []
    for i, t in enumerate(texts):
        h = hashlib.sha256(t.encode("utf-8")).hexdigest()
        if h in first_of:
            exact.setdefault(first_of[h], []).append(i)
        else:
            first_of[h] = i
            unique.append(i)
    result = DedupResult(keep=unique, exact=exact)
    if not near:
        return result
    lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=NUM_PERM)
    hashes: dict[int, MinHash] = {}
    keep: list[int] = []
    for n, i in enumerate(unique):
        if cancel is not None and n % 2000 == 0:
            cancel.raise_if_cancelled()
        m = minhash(texts[i])
        best, best_sim = None, 0.0
        mine: set[bytes] | None = None
        for key in lsh.query(m):
            estimate = float(np.count_nonzero(m.hashvalues == hashes[key].hashvalues)) / NUM_PERM
            if estimate < threshold - 0.15:
                continue
            # candidates are rare: confirm with the exact Jaccard of the two shingle sets
            mine = mine if mine is not None else set(shingles(texts[i]))
            theirs = set(shingles(texts[key]))
            sim = len(mine & theirs) / len(mine | theirs)
            if sim >= threshold and (sim > best_sim or (sim == best_sim and key < best)):
                best, best_sim = key, sim
        if best is None:
            lsh.insert(i, m)
            hashes[i] = m
            keep.append(i)
        else:
            result.near.setdefault(best, []).append(i)
            result.similarity[i] = round(best_sim, 3)
    result.keep = keep
    return result
