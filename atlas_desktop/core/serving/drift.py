"""Request drift: are people asking what the model in production was trained on?

**Reference.** The training file of the dataset version behind the version in production: the
project's model version with stage "production" (the newest, if several), else its newest model
version (nothing released yet: the candidate about to be), else its newest dataset version (no
model trained yet). Every user turn of a training conversation is one reference request, since a
live request's features describe its last user turn and any turn of a conversation can be that.

**Features**, per request: length (words, in bins), dialect mix (the data pipeline's detector,
the same on both sides), intent mix, Latin share of letters (bins), and the share of its words
never seen in training (OOV, bins). The intent comes from a classifier fitted on the training
conversations' intent labels (TF-IDF of character 2-4-grams of the normalized text and a linear
support-vector machine); the reference's intents and OOV shares are out-of-fold (five folds by
conversation: each turn's intent guessed, and its words looked up, by a model and a vocabulary
that never saw its conversation), so the reference is what the live side would show for traffic
like the training data, not the labels or a vocabulary that has seen every word by construction.
The fitted model is cached per training file (``DriftModel``, a pickle in the data folder).

**Comparison.** The population stability index, PSI = Σ (live − reference) · ln(live / reference)
over the bins' shares (an empty bin counts as 0.0001), thresholded per project (0.2 by default:
core/serving/drift_settings.py), and the Jensen-Shannon distance (scipy, base 2: 0 same, 1
disjoint) shown beside it. Live requests: the newest ``window_requests`` of the last
``window_hours``; fewer than ``min_requests``, no verdict.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from atlas_desktop.core.arabic import normalize_word
from atlas_desktop.core.data.quality import DIALECT_ORDER
from atlas_desktop.core.data.redact import KINDS
from atlas_desktop.core.data.validate import text_of
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.private import private_dirs
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.serving import drift_settings
from atlas_desktop.core.serving.drift_settings import FEATURES
from atlas_desktop.core.storage.models import DatasetVersionRecord, ModelVersion, TelemetryEvent
from atlas_desktop.core.workspace import Workspace

MODEL_FORMAT = 1  # bump when what a DriftModel holds changes: older cached models are built again
FOLDS = 5
EPSILON = 1e-4  # an empty bin's share in the PSI
# Bin edges: a value v falls in bin i when edges[i] <= v < edges[i + 1] (the last bin is open).
LENGTH_EDGES = (0, 4, 8, 16, 32, 64)
SHARE_EDGES = (0.0, 0.001, 0.1, 0.3, 0.6)  # none, under 10%, 10-30%, 30-60%, 60% and more
NUMERIC = {"length": LENGTH_EDGES, "latin_share": SHARE_EDGES, "oov_share": SHARE_EDGES}
DIALECTS = (*DIALECT_ORDER, "uncertain")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\[(?:%s)(?:_\d+)?\]" % "|".join(KINDS))
_FEATURE_KEY = {"length": "words", "dialect": "dialect", "intent": "intent", "latin_share": "latin_share", "oov_share": "oov_share"}


# ------------------------------------------------------------------ the two measures
def shares(counts: Sequence[float]) -> np.ndarray:
    c = np.asarray(counts, dtype=float)
    total = c.sum()
    return c / total if total > 0 else c


def psi(reference: Sequence[float], live: Sequence[float], epsilon: float = EPSILON) -> float:
    """Population stability index of ``live`` against ``reference`` (counts or shares, same bins):
    Σ (q − p) · ln(q / p) with p, q the shares, each at least ``epsilon``. 0: the same; under 0.1
    small; 0.1-0.2 moderate; above 0.2 a shift worth acting on."""
    p = np.clip(shares(reference), epsilon, None)
    q = np.clip(shares(live), epsilon, None)
    return float(np.sum((q - p) * np.log(q / p)))


def js_distance(reference: Sequence[float], live: Sequence[float]) -> float:
    """Jensen-Shannon distance (scipy.spatial.distance.jensenshannon, base 2): the square root of
    the mean Kullback-Leibler divergence of each distribution from their average; 0 to 1."""
    from scipy.spatial.distance import jensenshannon

    return float(jensenshannon(shares(reference), shares(live), base=2))


def bin_index(values: np.ndarray, edges: Sequence[float]) -> np.ndarray:
    """Each value's bin (see the edges above); NaN (not measured) is -1."""
    idx = np.searchsorted(np.asarray(edges[1:], dtype=float), values, side="right")
    return np.where(np.isnan(values), -1, idx)


# ------------------------------------------------------------------ the model of the training data
def letter_words(text: str) -> list[str]:
    """The words of letters (numbers are left out: an account number is always new), normalized for matching."""
    return [normalize_word(w) for w in _LETTER_WORD.findall(text)]


def _oov(words: list[str], known: Any) -> float | None:
    if not words:
        return None
    return round(sum(1 for w in words if w not in known) / len(words), 4)


@dataclass
class DriftModel:
    """What drift needs of one training file: its vocabulary, its intent classifier, and the
    reference requests' features (one row per user turn)."""

    train_sha256: str
    vocabulary: frozenset[str]
    classifier: Any  # a scikit-learn pipeline, or None when fewer than two intents are labelled
    intents: tuple[str, ...]
    reference: dict[str, list[Any]]  # "words", "latin_share", "dialect", "intent", "oov_share" -> a value per turn (None: not measured)
    cv_accuracy: float | None  # the classifier's out-of-fold accuracy on the training turns
    conversations: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def intent_of(self, text: str) -> str | None:
        if self.classifier is None or not text.strip():
            return None
        with self._lock:  # scikit-learn estimators are not documented as thread-safe for predict
            return str(self.classifier.predict([text])[0])

    def intents_of(self, texts: list[str]) -> list[str | None]:
        if self.classifier is None or not texts:
            return [None] * len(texts)
        with self._lock:
            return [str(x) for x in self.classifier.predict(texts)]

    def oov_share(self, text: str) -> float | None:
        return _oov(letter_words(text), self.vocabulary)

    def text_features(self, text: str) -> dict[str, Any]:
        """The features this model adds to a request's (core/serving/features.request_features)."""
        out: dict[str, Any] = {}
        intent = self.intent_of(text)
        if intent is not None:
            out["intent"] = intent
        oov = self.oov_share(text)
        if oov is not None:
            out["oov_share"] = oov
        return out


def _classifier() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    from atlas_desktop.core.arabic import normalize_for_matching

    return make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, preprocessor=normalize_for_matching),
                         LinearSVC(C=0.5, class_weight="balanced"))


def as_requested(text: str) -> str:
    """A training text as a live request would read: each redaction placeholder ([IBAN], [NAME_2])
    stands where a value was, mostly a number, so it becomes one (its Latin letters are not the
    customer's, and would read as a Latin share the live side never has)."""
    return _PLACEHOLDER.sub("0", text)


def _conversations(lines: Iterable[str]) -> list[tuple[list[str], list[str], str | None]]:
    """(user turns, every turn's text, intent) of each training conversation."""
    out = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except ValueError:
            continue
        messages = row.get("messages") if isinstance(row, dict) else None
        if not isinstance(messages, list):
            continue
        turns = [(m.get("role"), as_requested(text_of(m.get("content")) or "")) for m in messages if isinstance(m, dict)]
        users = [t for role, t in turns if role == "user" and t.strip()]
        if users:
            intent = row.get("intent")
            out.append((users, [t for role, t in turns if role in ("user", "assistant")], intent if isinstance(intent, str) and intent else None))
    return out


def build_model(lines: Iterable[str], train_sha256: str = "") -> DriftModel:
    """Fit the vocabulary and the intent classifier, and compute the reference's features."""
    from atlas_desktop.core.serving.features import request_features

    convs = _conversations(lines)
    n = len(convs)
    fold = np.arange(n) % FOLDS if n >= FOLDS else np.zeros(n, dtype=int)
    folds = int(fold.max()) + 1 if n else 0
    words = [[w for t in texts for w in letter_words(t)] for _, texts, _ in convs]
    total: Counter[str] = Counter()
    per_fold: list[Counter[str]] = [Counter() for _ in range(folds)]
    for i, ws_ in enumerate(words):
        distinct = set(ws_)
        total.update(distinct)
        per_fold[fold[i]].update(distinct)

    turn_conv = [i for i, (users, _, _) in enumerate(convs) for _ in users]
    turns = [u for users, _, _ in convs for u in users]
    ref: dict[str, list[Any]] = {"words": [], "latin_share": [], "dialect": [], "intent": [], "oov_share": []}
    for i, text in zip(turn_conv, turns):
        f = request_features(text)
        ref["words"].append(f["words"])
        ref["latin_share"].append(f["latin_share"])
        ref["dialect"].append(f["dialect"])
        # out of fold: a word counts as known when a conversation of another fold has it
        own = per_fold[fold[i]] if folds > 1 else Counter()
        tw = letter_words(text)
        ref["oov_share"].append(_oov(tw, _KnownElsewhere(total, own)) if folds > 1 else 0.0 if tw else None)

    labels = [convs[i][2] for i in turn_conv]
    labelled = [k for k, lab in enumerate(labels) if lab]
    intents = tuple(sorted({labels[k] for k in labelled}))  # type: ignore[type-var]
    classifier, cv_accuracy = None, None
    predicted: list[str | None] = [None] * len(turns)
    if len(intents) >= 2:
        classifier = _classifier().fit([turns[k] for k in labelled], [labels[k] for k in labelled])
        oof = _out_of_fold([turns[k] for k in labelled], [labels[k] for k in labelled], [turn_conv[k] for k in labelled])
        if oof is not None:
            for k, guess in zip(labelled, oof):
                predicted[k] = guess
            cv_accuracy = round(sum(g == labels[k] for k, g in zip(labelled, oof)) / len(labelled), 4)
        rest = [k for k in range(len(turns)) if predicted[k] is None]
        for k, guess in zip(rest, classifier.predict([turns[k] for k in rest]) if rest else []):
            predicted[k] = str(guess)
    ref["intent"] = predicted
    return DriftModel(train_sha256, frozenset(total), classifier, intents, ref, cv_accuracy, n)


class _KnownElsewhere:
    """``word in`` this: some conversation outside the turn's own fold has the word."""

    __slots__ = ("total", "own")

    def __init__(self, total: Counter[str], own: Counter[str]) -> None:
        self.total, self.own = total, own

    def __contains__(self, word: str) -> bool:
        return self.total.get(word, 0) > self.own.get(word, 0)


def _out_of_fold(texts: list[str], labels: list[str], groups: list[int]) -> list[str] | None:
    """Each labelled turn's intent guessed by a classifier fitted without its conversation."""
    from sklearn.model_selection import GroupKFold

    if len(set(groups)) < 2:
        return None
    out: list[str | None] = [None] * len(texts)
    splitter = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    for train, test in splitter.split(texts, labels, groups):
        train_labels = [labels[k] for k in train]
        if len(set(train_labels)) < 2:
            return None
        clf = _classifier().fit([texts[k] for k in train], train_labels)
        for k, guess in zip(test, clf.predict([texts[k] for k in test])):
            out[k] = str(guess)
    return out  # type: ignore[return-value]


# ------------------------------------------------------------------ which training data: the version in production
@dataclass(frozen=True)
class ReferenceSource:
    kind: str  # "production" | "newest_model" | "newest_dataset"
    model: str | None  # "v2": the model version (None: no model version yet)
    dataset: int  # the dataset version's number
    train_sha256: str

    def describe(self) -> Msg:
        if self.model is None:
            return Msg("monitor.reference.newest_dataset", dataset=self.dataset)
        return Msg(f"monitor.reference.{self.kind}", model=self.model, dataset=self.dataset)


def reference_source(session: Any, project_id: int) -> ReferenceSource | None:
    def newest(*where: Any) -> ModelVersion | None:
        return session.execute(select(ModelVersion).where(ModelVersion.project_id == project_id, *where)
                               .order_by(ModelVersion.number.desc()).limit(1)).scalar_one_or_none()

    mv, kind = newest(ModelVersion.stage == "production"), "production"
    if mv is None:
        mv, kind = newest(), "newest_model"
    if mv is not None:
        ds = session.get(DatasetVersionRecord, mv.dataset_version_id)
    else:
        kind = "newest_dataset"
        ds = session.execute(select(DatasetVersionRecord).where(DatasetVersionRecord.project_id == project_id)
                             .order_by(DatasetVersionRecord.number.desc()).limit(1)).scalar_one_or_none()
    if ds is None:
        return None
    return ReferenceSource(kind, f"v{mv.number}" if mv is not None else None, ds.number, ds.train_sha256)


_MODELS: dict[str, DriftModel] = {}
_MODELS_LOCK = threading.Lock()


def _cache_path(ws: Workspace, train_sha256: str) -> Path:
    import sklearn

    return ws.paths.home / "cache" / "drift" / f"{train_sha256}-f{MODEL_FORMAT}-sklearn{sklearn.__version__}.pickle"


def drift_model(ws: Workspace, train_sha256: str) -> DriftModel:
    """The drift model of a training file: from memory, from the data folder's cache (a file
    Atlas wrote there itself, owner-only), or fitted now and cached."""
    path = _cache_path(ws, train_sha256)
    with _MODELS_LOCK:
        if str(path) in _MODELS:
            return _MODELS[str(path)]
        model = None
        if path.is_file():
            try:
                with open(path, "rb") as fh:
                    model = pickle.load(fh)  # noqa: S301 - our own file in the owner-only data folder
            except Exception:  # noqa: BLE001 - a damaged cache is fitted again
                model = None
        if not isinstance(model, DriftModel):
            with ws.artifacts.open(train_sha256) as fh:
                model = build_model((line.decode("utf-8") for line in fh), train_sha256)
            private_dirs(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    pickle.dump(model, out)
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        _MODELS[str(path)] = model
        return model


def production_model(ws: Workspace, project: str) -> tuple[ReferenceSource, DriftModel] | None:
    """The reference of a project's drift (see the module's docstring) and its model; None before any dataset version."""
    with ws.unit_of_work() as s:
        source = reference_source(s, project_record(s, project).id)
    if source is None:
        return None
    return source, drift_model(ws, source.train_sha256)


# ------------------------------------------------------------------ live requests
@dataclass
class LiveRequests:
    """The live requests' times and features as arrays, oldest first."""

    at: np.ndarray  # datetime64[us], UTC
    words: np.ndarray  # float (NaN: not measured)
    latin_share: np.ndarray
    oov_share: np.ndarray
    dialect: list[str | None]
    intent: list[str | None]

    def __len__(self) -> int:
        return len(self.at)

    def take(self, index: np.ndarray | slice) -> "LiveRequests":
        idx = np.arange(len(self))[index]
        return LiveRequests(self.at[idx], self.words[idx], self.latin_share[idx], self.oov_share[idx],
                            [self.dialect[i] for i in idx], [self.intent[i] for i in idx])


def utc(when: datetime) -> datetime:
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


_EPOCH = datetime(1970, 1, 1)
_EPOCH_UTC = _EPOCH.replace(tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)


def micro_times(times: list[datetime]) -> np.ndarray:
    """Times as datetime64[us] in UTC (SQLite hands back UTC without a zone); whole microseconds
    counted in Python, several times faster than numpy converting datetime objects."""
    return np.array([(t - (_EPOCH if t.tzinfo is None else _EPOCH_UTC)) // _MICROSECOND for t in times], dtype=np.int64).astype("datetime64[us]")


def live_requests(ws: Workspace, project: str, since: datetime | None, until: datetime | None = None, limit: int = 0,
                  model: DriftModel | None = None, target: str | None = None) -> LiveRequests:
    """The project's requests from ``since`` (the newest ``limit`` of them, 0: all), as arrays.
    The database takes the features out of each row's JSON itself (a hundred thousand rows are
    read in well under a second). A row the gateway recorded without an intent (no drift model at
    hand) takes it and its OOV share from its kept prompt text where the policy let it keep one;
    else they stay not measured."""
    f = TelemetryEvent.features
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        q = select(TelemetryEvent.id, TelemetryEvent.at, f["words"].as_float(), f["latin_share"].as_float(), f["oov_share"].as_float(),
                   f["dialect"].as_string(), f["intent"].as_string()).where(TelemetryEvent.project_id == pid)
        if since is not None:
            q = q.where(TelemetryEvent.at >= since)
        if until is not None:
            q = q.where(TelemetryEvent.at < until)
        if target is not None:
            q = q.where(TelemetryEvent.target == target)
        q = q.order_by(TelemetryEvent.at.desc(), TelemetryEvent.id.desc())
        if limit:
            q = q.limit(limit)
        rows = s.execute(q).all()[::-1]
        ids, at, words, latin, oov, dialect, intent = (list(c) for c in zip(*rows)) if rows else ([], [], [], [], [], [], [])
        missing = [i for i, w, g in zip(ids, words, intent) if g is None and w is not None] if model is not None else []
        texts: dict[int, str] = {}
        for start in range(0, len(missing), 1000):
            chunk = missing[start:start + 1000]
            texts.update((i, t) for i, t in s.execute(select(TelemetryEvent.id, TelemetryEvent.prompt_text)
                                                       .where(TelemetryEvent.id.in_(chunk), TelemetryEvent.prompt_text.is_not(None))))
    if texts and model is not None:
        position = {i: k for k, i in enumerate(ids)}
        found = list(texts)
        for i, guess in zip(found, model.intents_of([texts[i] for i in found])):
            k = position[i]
            intent[k] = guess
            if oov[k] is None:
                oov[k] = model.oov_share(texts[i])
    return LiveRequests(micro_times(at), np.array(words, dtype=float), np.array(latin, dtype=float),
                        np.array(oov, dtype=float), dialect, intent)


# ------------------------------------------------------------------ comparing
@dataclass(frozen=True)
class FeatureDrift:
    feature: str  # length | dialect | intent | latin_share | oov_share
    bins: tuple[str, ...]  # category codes, or "0", "1"... for the numeric bins (see ``edges``)
    edges: tuple[float, ...] | None  # a numeric feature's bin edges
    reference: tuple[float, ...]  # the reference's share in each bin
    live: tuple[float, ...]  # the live requests' share in each bin
    psi: float | None
    jsd: float | None
    threshold: float
    state: str  # ok | drift | too_few | not_measured
    live_n: int
    reference_n: int

    @property
    def crossed(self) -> bool:
        return self.state == "drift"


@dataclass(frozen=True)
class DriftReport:
    project: str
    source: ReferenceSource | None
    since: datetime | None
    until: datetime
    requests: int
    features: tuple[FeatureDrift, ...]
    settings: dict[str, Any]
    intent_cv_accuracy: float | None = None

    @property
    def alerts(self) -> list[FeatureDrift]:
        return [f for f in self.features if f.crossed]

    def alert_messages(self) -> list[Msg]:
        return [Msg("monitor.drift.alert", feature=Msg(f"monitor.feature.{f.feature}"), value=round(f.psi or 0.0, 3),
                    threshold=f.threshold) for f in self.alerts]

    def to_json(self) -> dict[str, Any]:
        return {"project": self.project, "reference": None if self.source is None else {
                    "kind": self.source.kind, "model": self.source.model, "dataset": self.source.dataset, "train_sha256": self.source.train_sha256},
                "since": self.since.isoformat() if self.since else None, "until": self.until.isoformat(), "requests": self.requests,
                "settings": self.settings, "intent_cv_accuracy": self.intent_cv_accuracy,
                "features": [{"feature": f.feature, "bins": list(f.bins), "edges": list(f.edges) if f.edges else None,
                              "reference": [round(x, 4) for x in f.reference], "live": [round(x, 4) for x in f.live],
                              "psi": None if f.psi is None else round(f.psi, 4), "jsd": None if f.jsd is None else round(f.jsd, 4),
                              "threshold": f.threshold, "state": f.state, "live_requests": f.live_n, "reference_requests": f.reference_n}
                             for f in self.features],
                "alerts": [str(m) for m in self.alert_messages()]}


def _categories(feature: str, model: DriftModel) -> tuple[str, ...]:
    return DIALECTS if feature == "dialect" else model.intents


def _live_values(live: LiveRequests, feature: str) -> Any:
    return {"length": live.words, "latin_share": live.latin_share, "oov_share": live.oov_share,
            "dialect": live.dialect, "intent": live.intent}[feature]


def _ref_values(model: DriftModel, feature: str) -> Any:
    values = model.reference[_FEATURE_KEY[feature]]
    if feature in NUMERIC:
        return np.array([math.nan if v is None else float(v) for v in values], dtype=float)
    return values


def codes(feature: str, values: Any, categories: tuple[str, ...]) -> np.ndarray:
    """Each value's bin number (-1: not measured; a category the reference never had: its own bin after the known ones)."""
    if feature in NUMERIC:
        return bin_index(np.asarray(values, dtype=float), NUMERIC[feature])
    index = {c: i for i, c in enumerate(categories)}
    return np.fromiter((-1 if v is None else index.get(v, len(categories)) for v in values), dtype=np.int64, count=len(values))


def _counts(idx: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(idx[idx >= 0], minlength=size)[:size].astype(float)


def compare_feature(feature: str, model: DriftModel, live: LiveRequests, settings: dict[str, Any]) -> FeatureDrift:
    cats = _categories(feature, model)
    edges = NUMERIC.get(feature)
    size = len(edges) if edges else len(cats) + 1  # categories, and one for any the reference never had
    ref = _counts(codes(feature, _ref_values(model, feature), cats), size)
    got = _counts(codes(feature, _live_values(live, feature), cats), size)
    bins = tuple(str(i) for i in range(size)) if edges else (*cats, "other")
    if not edges and got[-1] == 0 and ref[-1] == 0:  # no unknown category on either side: no bin for it
        ref, got, bins = ref[:-1], got[:-1], bins[:-1]
    threshold = drift_settings.threshold(settings, feature)
    live_n, ref_n = int(got.sum()), int(ref.sum())
    if live_n == 0 or ref_n == 0:
        return FeatureDrift(feature, bins, edges, tuple(shares(ref)), tuple(shares(got)), None, None, threshold, "not_measured", live_n, ref_n)
    value, distance = psi(ref, got), js_distance(ref, got)
    state = "too_few" if live_n < settings["min_requests"] else "drift" if value > threshold else "ok"
    return FeatureDrift(feature, bins, edges, tuple(shares(ref)), tuple(shares(got)), value, distance, threshold, state, live_n, ref_n)


def window_start(settings: dict[str, Any], now: datetime) -> datetime | None:
    return now - timedelta(hours=settings["window_hours"]) if settings["window_hours"] else None


def compute_drift(ws: Workspace, project: str, now: datetime | None = None, target: str | None = None,
                  settings: dict[str, Any] | None = None) -> DriftReport:
    """Every feature's drift over the project's sliding window (its settings)."""
    now = utc(now or datetime.now(timezone.utc))
    settings = settings or drift_settings.get_settings(ws, project)
    since = window_start(settings, now)
    found = production_model(ws, project)
    if found is None:
        return DriftReport(project, None, since, now, 0, (), settings)
    source, model = found
    live = live_requests(ws, project, since, now, settings["window_requests"], model, target)
    return compare(project, source, model, live, settings, since, now)


def in_window(live: LiveRequests, settings: dict[str, Any], now: datetime) -> LiveRequests:
    """The requests of ``live`` (oldest first, up to ``now``) that the sliding window holds."""
    since = window_start(settings, now)
    first = int(np.searchsorted(live.at, np.datetime64(utc(since).replace(tzinfo=None), "us"), side="left")) if since else 0
    if settings["window_requests"]:
        first = max(first, len(live) - settings["window_requests"])
    return live.take(slice(first, None))


def compare(project: str, source: ReferenceSource, model: DriftModel, live: LiveRequests, settings: dict[str, Any],
            since: datetime | None, now: datetime) -> DriftReport:
    features = tuple(compare_feature(f, model, live, settings) for f in FEATURES)
    return DriftReport(project, source, since, now, len(live), features, settings, model.cv_accuracy)


def drift_over_time(model: DriftModel, live: LiveRequests, starts: list[datetime], width: timedelta,
                    minimum: int = 30) -> dict[str, list[float | None]]:
    """Each feature's PSI in each time bucket [start, start + width) (None below ``minimum`` requests)."""
    bounds = np.array([np.datetime64(utc(t).replace(tzinfo=None), "us") for t in [*starts, starts[-1] + width]] if starts else [],
                      dtype="datetime64[us]")
    cuts = np.searchsorted(live.at, bounds, side="left") if len(bounds) else np.array([], dtype=int)
    out: dict[str, list[float | None]] = {}
    for feature in FEATURES:
        cats = _categories(feature, model)
        edges = NUMERIC.get(feature)
        size = len(edges) if edges else len(cats) + 1
        ref = _counts(codes(feature, _ref_values(model, feature), cats), size)
        idx = codes(feature, _live_values(live, feature), cats)
        series: list[float | None] = []
        for a, b in zip(cuts[:-1], cuts[1:]):
            got = _counts(idx[a:b], size)
            series.append(psi(ref, got) if got.sum() >= minimum and ref.sum() else None)
        out[feature] = series
    return out
