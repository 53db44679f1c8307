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
    similarity: dict[int, float] = field(default_factory=dict)  # removed index -> Jaccard to its representative
    group: dict[int, int] = field(default_factory=dict)  # kept index -> look-alike group (for a leak-free split)

    @property
    def removed_exact(self) -> int:
        return sum(len(v) for v in self.exact.values())

    @property
    def removed_near(self) -> int:
        return sum(len(v) for v in self.near.values())


class Deduplicator:
    """Streaming: ``add`` each conversation's matching text in file order.

    ``text_of(index)`` must give back the matching text of an earlier kept conversation
    (only needed to confirm the rare LSH candidates), so callers need not hold every text.
    Kept conversations whose estimated Jaccard reaches the candidate threshold but not the
    duplicate threshold are put in one look-alike group, which the split keeps together.
    """

    def __init__(self, text_of, threshold: float = THRESHOLD, near: bool = True) -> None:  # noqa: ANN001
        self.text_of = text_of
        self.threshold = threshold
        self.near_enabled = near
        self.result = DedupResult(keep=[])
        self._first_of: dict[bytes, int] = {}
        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=NUM_PERM)
        self._hashes: dict[int, np.ndarray] = {}
        self._parent: dict[int, int] = {}

    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def add(self, i: int, text: str) -> tuple[str, int | None]:
        """('kept', None), ('exact', representative) or ('near', representative)."""
        h = hashlib.sha256(text.encode("utf-8")).digest()
        rep = self._first_of.get(h)
        if rep is not None:
            self.result.exact.setdefault(rep, []).append(i)
            return "exact", rep
        if self.near_enabled:
            m = minhash(text)
            best, best_sim, mine, alike = None, 0.0, None, []
            for key in self._lsh.query(m):
                estimate = float(np.count_nonzero(m.hashvalues == self._hashes[key])) / NUM_PERM
                if estimate >= CANDIDATE_THRESHOLD:
                    alike.append(key)
                if estimate < self.threshold - 0.15:
                    continue
                # candidates are rare: confirm with the exact Jaccard of the two shingle sets
                mine = mine if mine is not None else set(shingles(text))
                theirs = set(shingles(self.text_of(key)))
                sim = len(mine & theirs) / len(mine | theirs)
                if sim >= self.threshold and (sim > best_sim or (sim == best_sim and key < best)):
                    best, best_sim = key, sim
            if best is not None:
                self.result.near.setdefault(best, []).append(i)
                self.result.similarity[i] = round(best_sim, 3)
                return "near", best
            self._lsh.insert(i, m)
            self._hashes[i] = m.hashvalues
            self._parent[i] = i
            for key in alike:
                a, b = self._find(i), self._find(key)
                if a != b:
                    self._parent[max(a, b)] = min(a, b)
        else:
            self._parent[i] = i
        self._first_of[h] = i  # only kept conversations represent others
        self.result.keep.append(i)
        return "kept", None

    def finish(self) -> DedupResult:
        self.result.group = {i: self._find(i) for i in self.result.keep}
        return self.result


def deduplicate(texts: list[str], threshold: float = THRESHOLD, near: bool = True, cancel=None) -> DedupResult:  # noqa: ANN001
    """``texts`` are matching texts (see ``matching_text``), in file order."""
    d = Deduplicator(texts.__getitem__, threshold, near)
    for i, t in enumerate(texts):
        if cancel is not None and i % 2000 == 0:
            cancel.raise_if_cancelled()
        d.add(i, t)
    return d.finish()
