"""Exact and near duplicates.

Matching text: the user and assistant turns of a conversation (not the system prompt, which
most conversations share), folded with ``normalize_for_matching`` (tatweel, diacritics,
alef / ya / ta-marbuta variants, digits, case) and stripped of punctuation and symbols.

- Exact: sha256 of the matching text.
- Near: MinHash over character 5-gram shingles of the matching text, 64 permutations
  (shingle hashes and signatures are computed with numpy; the LSH index is datasketch's
  MinHashLSH); candidates come from an LSH index built for Jaccard 0.7 (so banding loses
  almost no true pair), and a pair is a near duplicate when its estimated Jaccard is at
  least 0.9. Why these: a 5-gram of Arabic letters is about one short word, so a re-typed
  message (a filler word added, tatweel, diacritics, hamza variants, punctuation, an emoji)
  keeps almost all its shingles, while the same answer given to a different follow-up
  question loses enough to stay apart (in the sample the planted copies are at 0.96 or
  more, the legitimate look-alikes at 0.85 or less). The MinHash estimate only picks
  candidates (its standard error with 64 permutations is sqrt(J(1-J)/64), 0.025 at
  J = 0.96, so a true pair is missed with probability well under 1e-6 with candidates taken
  from 0.75 up); each candidate pair is then confirmed with the exact Jaccard of its two
  shingle sets, so the 0.9 line is drawn exactly (tests/core/data/test_dedup_split_quality.py).
  64 rather than 128 permutations halves the signature and index cost at 200,000
  conversations, and the exact confirmation makes the coarser estimate harmless.
Clusters are formed with union-find; the representative kept is the earliest conversation.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHashLSH

from atlas_desktop.core.arabic import normalize_word

SHINGLE = 5
NUM_PERM = 64
THRESHOLD = 0.9
CANDIDATE_THRESHOLD = 0.7
SHINGLE_CACHE = 4096  # kept conversations whose shingle sets are remembered (a few MB)
_NON_WORD = re.compile(r"[^\w\s]|_")


@lru_cache(maxsize=131072)
def _matching_word(word: str) -> str:
    return " ".join(_NON_WORD.sub(" ", normalize_word(word)).split())


def matching_text(turn_texts: list[str]) -> str:
    """The turns folded (see normalize_for_matching) and stripped of punctuation and symbols,
    word by word through a cache (each step acts within a word, so this is the whole text's)."""
    return " ".join(" ".join(filter(None, map(_matching_word, t.split()))) for t in turn_texts)


_SHIFT = np.uint64(32)
_rng = np.random.RandomState(1)
# Multiply-shift hashing (Dietzfelbinger): h(x) = ((a*x + b) mod 2^64) >> 32, a odd; one (a, b)
# per permutation. Wrap-around uint64 arithmetic is the mod 2^64, so no slow modulo is needed.
_A = (_rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)
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
    in x, so the minimum of the shifted values is the shifted minimum, and the largest array of
    the import is passed over once less."""
    phv = np.multiply(keys[:, None], _A[None, :])
    np.add(phv, _B[None, :], out=phv)
    return phv


def signature(keys: np.ndarray) -> np.ndarray:
    """MinHash signature of a set of k-gram keys, vectorized over the permutations."""
    return _permuted(keys).min(axis=0) >> _SHIFT


def signatures(texts: list[str], k: int = SHINGLE) -> np.ndarray:
    """Signatures of many texts at once (one row each): a few numpy calls for the whole batch
    instead of a few per text. Repeated k-grams need no removal: they do not change a minimum."""
    parts = [_codepoints(t, k) for t in texts]
    lengths = np.array([len(p) for p in parts])
    cps = np.concatenate(parts)
    keys = _window_keys(cps, k)
    counts = lengths - k + 1
    # keep the windows that lie inside one text: drop those starting in a text's last k-1
    # characters (every text has at least k, see _codepoints)
    inside = np.ones(len(cps), dtype=bool)
    inside[(np.cumsum(lengths)[:, None] - np.arange(1, k)[None, :]).ravel()] = False
    keys = keys[inside[:len(keys)]]
    return np.minimum.reduceat(_permuted(keys), np.concatenate([[0], np.cumsum(counts)[:-1]]), axis=0) >> _SHIFT


def band_keys(hv: np.ndarray, lsh: MinHashLSH) -> list[bytes]:
    """The bucket keys under which datasketch's ``MinHashLSH`` files a signature, one per band:
    the bytes its ``query`` and ``insert`` compute from a ``LeanMinHash`` of scheme affine32
    (32-bit hash values, byte-swapped), made here once per conversation with one numpy call.
    The index's tables are then read and filled through their own storage API: going through
    ``query`` and then ``insert`` computed every key twice, with checks per call, and was most
    of the import's single-threaded time (tests/core/data/test_dedup_split_quality.py
    checks that both find the same candidates)."""
    raw = hv.astype(np.uint32, copy=False).byteswap().tobytes()
    return [raw[4 * start:4 * end] for start, end in lsh.hashranges]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter) if (len(a) + len(b)) else 1.0


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
        self._shingle_cache: dict[int, np.ndarray] = {}

    def _shingles_of(self, key: int) -> np.ndarray:
        """A kept conversation's shingle set; the few that many copies point at are cached."""
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

    def add(self, i: int, text: str, sig: np.ndarray | None = None) -> tuple[str, int | None]:
        """('kept', None), ('exact', representative) or ('near', representative).
        ``sig`` is the text's signature when the caller computed it in a batch (``signatures``)."""
        h = hashlib.sha256(text.encode("utf-8")).digest()
        rep = self._first_of.get(h)
        if rep is not None:
            self.result.exact.setdefault(rep, []).append(i)
            return "exact", rep
        if self.near_enabled:
            mine = None
            hv = (signature(shingle_hashes(text)) if sig is None else sig).astype(np.uint32)
            bands = band_keys(hv, self._lsh)
            candidates: set[int] = set()
            for band, table in zip(bands, self._lsh.hashtables):
                candidates.update(table.get(band))
            best, best_sim, alike = None, 0.0, []
            for key in candidates:
                estimate = float(np.count_nonzero(hv == self._hashes[key])) / NUM_PERM
                if estimate >= CANDIDATE_THRESHOLD:
                    alike.append(key)
                if estimate < self.threshold - 0.15:
                    continue
                # candidates are rare: confirm with the exact Jaccard of the two shingle sets
                mine = shingle_hashes(text) if mine is None else mine
                sim = jaccard(mine, self._shingles_of(key))
                if sim >= self.threshold and (sim > best_sim or (sim == best_sim and key < best)):
                    best, best_sim = key, sim
            if best is not None:
                self.result.near.setdefault(best, []).append(i)
                self.result.similarity[i] = round(best_sim, 3)
                return "near", best
            for band, table in zip(bands, self._lsh.hashtables):
                table.insert(band, i)
            self._hashes[i] = hv
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
        self.release()
        return self.result

    def release(self) -> None:
        """Free the index a little at a time. Dropping it whole frees millions of small objects
        in one C-level cascade that never lets another thread run: in the ui, a stall of about
        170 ms at 200,000 conversations."""
        tables = [getattr(t, "_dict", None) for t in self._lsh.hashtables]
        for d in [*tables, self._hashes, self._first_of, self._parent, self._shingle_cache]:
            if isinstance(d, dict):
                drain(d)


def drain(c: dict | list | set, chunk: int = 20000) -> None:
    """Empty a big dict, list or set a little at a time, yielding the interpreter between chunks:
    freeing it whole is one C-level cascade that no other thread (a window) can interrupt."""
    n = 0
    if isinstance(c, list):
        while c:
            del c[-chunk:]
            time.sleep(0)
        return
    pop = c.popitem if isinstance(c, dict) else c.pop
    while c:
        pop()
        n += 1
        if n % chunk == 0:
            time.sleep(0)


def deduplicate(texts: list[str], threshold: float = THRESHOLD, near: bool = True, cancel=None, batch: int = 128) -> DedupResult:  # noqa: ANN001
    """``texts`` are matching texts (see ``matching_text``), in file order."""
    d = Deduplicator(texts.__getitem__, threshold, near)
    for lo in range(0, len(texts), batch):
        if cancel is not None:
            cancel.raise_if_cancelled()
        chunk = texts[lo:lo + batch]
        sigs = signatures(chunk) if near else [None] * len(chunk)
        for off, t in enumerate(chunk):
            d.add(lo + off, t, sigs[off])
    return d.finish()
