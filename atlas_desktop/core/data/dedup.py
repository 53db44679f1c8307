"""Exact and near duplicates, grouped into clusters, in time linear in the number of conversations.

Matching text: the user and assistant turns of a conversation (not the system prompt, which
most conversations share), folded with ``normalize_for_matching`` (tatweel, diacritics,
alef / ya / ta-marbuta variants, digits, case) and stripped of punctuation and symbols.

Every conversation is either the first of its cluster (its *leader*, kept) or a member of the
cluster of an earlier leader, found in this order:

- exact: the sha256 of its matching text was seen before;
- same template: its matching text with every number masked was seen before (a help desk's
  "ticket 100231 is still not solved" 20,000 times, one canned exchange with different order
  numbers): one dictionary look-up, however big the cluster grows;
- near: MinHash over character 5-gram shingles, 64 permutations, and a band index of 8 bands of
  8 rows (the banding datasketch chooses for Jaccard 0.7, so it loses almost no pair at 0.9);
  a candidate whose estimated Jaccard reaches ``threshold - 0.15`` is confirmed with the exact
  Jaccard of the two shingle sets, and a conversation at ``threshold`` (0.9) or more of a leader
  joins that leader's cluster. Why these: a 5-gram of Arabic letters is about one short word, so
  a re-typed message (a filler word added, tatweel, diacritics, hamza variants, punctuation, an
  emoji) keeps almost all its shingles, while the same answer given to a different follow-up
  question loses enough to stay apart (in the sample the planted copies are at 0.96 or more,
  the legitimate look-alikes at 0.85 or less).

Why the work per conversation is bounded: only leaders enter the band index, and a bucket
holds at most ``BUCKET_CAP`` of them; a conversation compares its signature with at most
8 x BUCKET_CAP leaders in one numpy operation and confirms at most ``MAX_CONFIRM`` of them
exactly. A bucket is full only inside a dense family of look-alikes (conversations within
0.7-0.9 of each other, e.g. one template filled with different names); a new leader of such a
family still meets BUCKET_CAP of its relatives and joins their look-alike group. The index is
our own (a dict of integer band keys per band) rather than datasketch's MinHashLSH: its
buckets are unbounded sets, and we had already bypassed its query and insert, which computed
each band key twice with checks per call.

Look-alike groups: leaders whose estimated Jaccard is at least 0.7 are joined with union-find;
the holdout split keeps a group on one side, and a cluster's members go with their leader.
The result does not depend on the input order beyond which member leads a cluster
(tests/core/data/test_dedup_split_quality.py shuffles the sample and the worst shapes).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from atlas_desktop.core.arabic import normalize_word

SHINGLE = 5
NUM_PERM = 64
BANDS, ROWS = 8, 8  # what datasketch's MinHashLSH picks for 64 permutations at Jaccard 0.7
THRESHOLD = 0.9
CANDIDATE_THRESHOLD = 0.7
BUCKET_CAP = 12  # leaders per bucket
MAX_CONFIRM = 4  # candidates confirmed with the exact Jaccard, best estimates first
SHINGLE_CACHE = 4096  # leaders whose shingle sets are remembered (a few MB)
_NON_WORD = re.compile(r"[^\w\s]|_")
_NUMBER = re.compile(r"\d+")

LEADER, EXACT, NEAR = 0, 1, 2
KIND_NAMES = {EXACT: "exact", NEAR: "near"}


@lru_cache(maxsize=131072)
def _matching_word(word: str) -> str:
    return " ".join(_NON_WORD.sub(" ", normalize_word(word)).split())


def matching_text(turn_texts: list[str]) -> str:
    """The turns folded (see normalize_for_matching) and stripped of punctuation and symbols,
    word by word through a cache (each step acts within a word, so this is the whole text's)."""
    return " ".join(" ".join(filter(None, map(_matching_word, t.split()))) for t in turn_texts)


def template_of(text: str) -> str:
    """The matching text with every number masked: conversations that differ only in their
    numbers (ticket, order and invoice numbers, amounts) share it."""
    return _NUMBER.sub("#", text)


_SHIFT = np.uint64(32)
_rng = np.random.RandomState(1)
# Multiply-shift hashing (Dietzfelbinger): h(x) = ((a*x + b) mod 2^64) >> 32, a odd; one (a, b)
# per permutation. Wrap-around uint64 arithmetic is the mod 2^64, so no slow modulo is needed.
_A = (_rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)
_BAND_MIX = (_rng.randint(0, 1 << 62, size=ROWS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_CHAR_BITS = np.uint64(12)
_CHAR_MASK = np.uint64(0xFFF)


def _window_keys(cps: np.ndarray, k: int = SHINGLE) -> np.ndarray:
    """Each k-gram packed into one integer, 12 bits a character: exact for the Arabic, Latin and
    digit code points that matching text holds (they all lie below U+1000)."""
    n = len(cps) - k + 1
    keys = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        keys = (keys << _CHAR_BITS) | (cps[j:j + n] & _CHAR_MASK)
    return keys


def _codepoints(text: str, k: int = SHINGLE) -> np.ndarray:
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return cps if len(cps) >= k else np.concatenate([cps, np.zeros(k - len(cps), dtype=np.uint64)])


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """The set of the text's k-grams, as sorted unique integer keys."""
    keys = np.sort(_window_keys(_codepoints(text, k), k))  # np.unique costs twice this on short texts
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))]


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    return set(shingle_hashes(text, k).tolist())


def _permuted(keys: np.ndarray) -> np.ndarray:
    """(a*x + b) mod 2^64 for every key and permutation, in place (one row per key). The shift
    of the multiply-shift hash is left to the callers, after the minimum: x >> 32 is monotonic
    in x, so the minimum of the shifted values is the shifted minimum."""
    phv = np.multiply(keys[:, None], _A[None, :])
    np.add(phv, _B[None, :], out=phv)
    return phv


LONG_TEXT = 50_000  # characters: longer texts are signed alone, a chunk of k-grams at a time
_CHUNK = 65_536  # k-grams per chunk: a [chunk x 64] uint64 matrix of 32 MB


def signature(keys: np.ndarray) -> np.ndarray:
    """MinHash signature of a set of k-gram keys, vectorized over the permutations, a chunk of
    keys at a time (a conversation of several megabytes would otherwise need gigabytes)."""
    out = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for lo in range(0, max(len(keys), 1), _CHUNK):
        np.minimum(out, _permuted(keys[lo:lo + _CHUNK]).min(axis=0), out=out)
    return (out >> _SHIFT).astype(np.uint32)


def signatures(texts: list[str], k: int = SHINGLE) -> np.ndarray:
    """Signatures of many texts at once (one row each): a few numpy calls for the whole batch
    instead of a few per text. Repeated k-grams need no removal: they do not change a minimum.
    Very long texts are signed alone (see ``signature``)."""
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    short = [i for i, t in enumerate(texts) if len(t) <= LONG_TEXT]
    for i in set(range(len(texts))) - set(short):
        out[i] = signature(shingle_hashes(texts[i], k))
    if not short:
        return out
    parts = [_codepoints(texts[i], k) for i in short]
    lengths = np.array([len(p) for p in parts])
    cps = np.concatenate(parts)
    keys = _window_keys(cps, k)
    counts = lengths - k + 1
    # keep the windows that lie inside one text: drop those starting in a text's last k-1
    # characters (every text has at least k, see _codepoints)
    inside = np.ones(len(cps), dtype=bool)
    inside[(np.cumsum(lengths)[:, None] - np.arange(1, k)[None, :]).ravel()] = False
    keys = keys[inside[:len(keys)]]
    mins = np.minimum.reduceat(_permuted(keys), np.concatenate([[0], np.cumsum(counts)[:-1]]), axis=0)
    out[short] = (mins >> _SHIFT).astype(np.uint32)
    return out


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One 64-bit key per band of each signature (rows of ``sigs``): the band's 8 values mixed
    by multiplication. Two signatures share a key when their band is equal (and, with odds of
    about 2^-61 per pair, by accident: such a candidate is then dropped by its estimate)."""
    s = np.atleast_2d(sigs).astype(np.uint64).reshape(-1, BANDS, ROWS)
    return (s * _BAND_MIX[None, None, :]).sum(axis=2, dtype=np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter) if (len(a) + len(b)) else 1.0


@dataclass
class DedupResult:
    keep: list[int]  # leaders, in order
    exact: dict[int, list[int]] = field(default_factory=dict)  # leader -> copies of a text seen before in its cluster
    near: dict[int, list[int]] = field(default_factory=dict)  # leader -> near copies (same template or Jaccard)
    similarity: dict[int, float] = field(default_factory=dict)  # member -> Jaccard to its leader
    group: dict[int, int] = field(default_factory=dict)  # leader -> look-alike group (for a leak-free split)
    leader: array = field(default_factory=lambda: array("l"))  # each conversation's leader (itself for a leader)
    kind: bytearray = field(default_factory=bytearray)  # LEADER, EXACT or NEAR per conversation
    comparisons: int = 0  # signature comparisons made: bounded per conversation (see the module's docstring)

    @property
    def removed_exact(self) -> int:
        return sum(len(v) for v in self.exact.values())

    @property
    def removed_near(self) -> int:
        return sum(len(v) for v in self.near.values())

    def clusters(self) -> list[tuple[int, list[int]]]:
        """(leader, members in order) of every cluster with at least one member, largest first."""
        members: dict[int, list[int]] = {}
        for i, lead in enumerate(self.leader):
            if lead != i:
                members.setdefault(lead, []).append(i)
        return sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0]))


class Deduplicator:
    """Streaming: ``add`` each conversation's matching text in file order (indices 0, 1, 2...).

    ``text_of(index)`` must give back the matching text of an earlier leader (only needed to
    confirm candidates whose shingle sets have left the cache), so callers need not hold every
    text.
    """

    def __init__(self, text_of, threshold: float = THRESHOLD, near: bool = True) -> None:  # noqa: ANN001
        self.text_of = text_of
        self.threshold = threshold
        self.near_enabled = near
        self.result = DedupResult(keep=[])
        self._exact: dict[bytes, tuple[int, float]] = {}  # text hash -> (leader, similarity to it)
        self._template: dict[bytes, int] = {}  # masked text hash -> leader
        self._tables: list[dict[int, list[int]]] = [{} for _ in range(BANDS)]  # band key -> rows of leaders
        self._sigs = np.zeros((1024, NUM_PERM), dtype=np.uint32)  # one row per leader in the index
        self._row_leader: list[int] = []
        self._parent: dict[int, int] = {}  # union-find over leaders (look-alike groups)
        self._shingle_cache: dict[int, np.ndarray] = {}

    def _shingles_of(self, key: int) -> np.ndarray:
        got = self._shingle_cache.get(key)
        if got is None:
            if len(self._shingle_cache) >= SHINGLE_CACHE:
                self._shingle_cache.pop(next(iter(self._shingle_cache)))  # the oldest
            got = self._shingle_cache[key] = shingle_hashes(self.text_of(key))
        return got

    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        a, b = self._find(a), self._find(b)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def _member(self, i: int, leader: int, kind: int, sim: float) -> tuple[str, int]:
        r = self.result
        (r.exact if kind == EXACT else r.near).setdefault(leader, []).append(i)
        r.similarity[i] = round(sim, 3)
        r.leader.append(leader)
        r.kind.append(kind)
        return KIND_NAMES[kind], leader

    def add(self, i: int, text: str, sig: np.ndarray | None = None, bands: np.ndarray | None = None) -> tuple[str, int | None]:
        """('kept', None), ('exact', leader) or ('near', leader). ``sig`` and ``bands`` are the
        text's signature and band keys when the caller computed them in a batch."""
        h = hashlib.sha256(text.encode("utf-8")).digest()
        seen = self._exact.get(h)
        if seen is not None:
            return self._member(i, seen[0], EXACT, seen[1])  # a copy of an earlier text (of the leader or of a near copy)
        if not self.near_enabled:
            return self._lead(i, h, None, None, ())
        mine = None
        t = hashlib.sha256(template_of(text).encode("utf-8")).digest()
        leader = self._template.get(t)
        if leader is not None:  # the same conversation with other numbers
            mine = shingle_hashes(text)
            sim = jaccard(mine, self._shingles_of(leader))
            self._exact[h] = (leader, sim)
            return self._member(i, leader, NEAR, sim)
        hv = signature(shingle_hashes(text)) if sig is None else sig
        keys = band_keys(hv)[0] if bands is None else bands
        rows = {row for table, key in zip(self._tables, keys.tolist()) for row in table.get(key, ())}
        alike: list[int] = []
        if rows:
            cand = np.fromiter(rows, dtype=np.int64, count=len(rows))
            est = np.count_nonzero(self._sigs[cand] == hv[None, :], axis=1) / NUM_PERM
            self.result.comparisons += len(cand)
            alike = [self._row_leader[r] for r in cand[est >= CANDIDATE_THRESHOLD].tolist()]
            order = np.argsort(-est, kind="stable")[:MAX_CONFIRM]
            best, best_sim = None, 0.0
            for k in order.tolist():
                if est[k] < self.threshold - 0.15:
                    break
                key = self._row_leader[int(cand[k])]
                mine = shingle_hashes(text) if mine is None else mine
                sim = jaccard(mine, self._shingles_of(key))
                if sim >= self.threshold and (sim > best_sim or (sim == best_sim and key < best)):
                    best, best_sim = key, sim
            if best is not None:
                self._exact[h] = (best, best_sim)
                return self._member(i, best, NEAR, best_sim)
        self._template[t] = i
        return self._lead(i, h, hv, keys, alike)

    def _lead(self, i: int, h: bytes, hv: np.ndarray | None, keys: np.ndarray | None, alike) -> tuple[str, None]:  # noqa: ANN001
        self._exact[h] = (i, 1.0)
        self._parent[i] = i
        if hv is not None:
            row = len(self._row_leader)
            if row == len(self._sigs):
                self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])
            self._sigs[row] = hv
            self._row_leader.append(i)
            for table, key in zip(self._tables, keys.tolist()):
                bucket = table.get(key)
                if bucket is None:
                    table[key] = [row]
                elif len(bucket) < BUCKET_CAP:
                    bucket.append(row)
            for other in alike:
                self._union(i, other)
        self.result.keep.append(i)
        self.result.leader.append(i)
        self.result.kind.append(LEADER)
        return "kept", None

    def finish(self) -> DedupResult:
        self.result.group = {i: self._find(i) for i in self.result.keep}
        self.release()
        return self.result

    def release(self) -> None:
        for d in (*self._tables, self._exact, self._template, self._parent, self._shingle_cache):
            d.clear()
        self._sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._row_leader = []


def deduplicate(texts: list[str], threshold: float = THRESHOLD, near: bool = True, cancel=None, batch: int = 128) -> DedupResult:  # noqa: ANN001
    """``texts`` are matching texts (see ``matching_text``), in file order."""
    d = Deduplicator(texts.__getitem__, threshold, near)
    for lo in range(0, len(texts), batch):
        if cancel is not None:
            cancel.raise_if_cancelled()
        chunk = texts[lo:lo + batch]
        if near:
            sigs = signatures(chunk)
            keys = band_keys(sigs)
        for off, t in enumerate(chunk):
            d.add(lo + off, t, sigs[off] if near else None, keys[off] if near else None)
    return d.finish()
