"""The import pipeline: read -> validate -> redact -> deduplicate -> quality -> split -> commit.

``analyze`` streams the files once and holds only what the next steps need (each kept
conversation as one compact JSON line plus a little metadata); nothing is stored.
``commit`` writes the train and holdout files and the report to the content-addressed
store, the redacted-away originals to the purgeable raw area, and the dataset version row
with its audit event in one transaction. The same functions back the wizard and
`atlas data import`.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import json
import os
import re
import tempfile
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func, select

from atlas_desktop.core.arabic import DIALECTS
from atlas_desktop.core.data import dedup, quality
from atlas_desktop.core.data.readers import json_error, read_file
from atlas_desktop.core.data.redact import Redactor
from atlas_desktop.core.data.split import Item, split_holdout
from atlas_desktop.core.data.validate import problem, text_of
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.private import private_dirs, private_opener
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.artifacts import sha256_file
from atlas_desktop.core.storage.models import DatasetVersionRecord
from atlas_desktop.core.workspace import Workspace

TRANSLATED_FLAG = 0.3
BATCH = 128  # conversations whose MinHash signatures are computed together


@dataclass
class ImportSettings:
    holdout_ratio: float = 0.15  # the seed recipe's validation.holdout_ratio
    seed: int = 13
    near_threshold: float = dedup.THRESHOLD
    mapping: dict[str, str] | None = None
    # Records an analyst fixed in the wizard: {file name: {line: the record as messages JSON}}.
    # Applied when the file is read; the source file itself is never changed.
    fixes: dict[str, dict[int, str]] = field(default_factory=dict)

    def validate(self) -> "ImportSettings":
        if not 0.01 <= self.holdout_ratio <= 0.5:
            raise ValidationError(f"The holdout ratio must be between 0.01 and 0.5, not {self.holdout_ratio}.")
        if not 0.5 <= self.near_threshold <= 1.0:
            raise ValidationError(f"The near-duplicate threshold must be between 0.5 and 1.0, not {self.near_threshold}.")
        return self


@dataclass
class ConversationMeta:
    file: str
    line: int
    intent: str
    dialect: str  # the label given in the file, else the detector's confident guess, else "uncertain"
    dialect_guess: str
    dialect_confidence: float
    translated_score: float
    translated_reasons: list[str]
    arabic_share: float
    answer_chars: int
    style: str
    length_outlier: bool = False


@dataclass
class Analysis:
    settings: ImportSettings
    sources: list[dict[str, Any]]
    lines: list[str] = field(default_factory=list)  # kept conversations, one JSON line each
    meta: list[ConversationMeta] = field(default_factory=list)
    invalid: list[dict[str, Any]] = field(default_factory=list)
    redactions: list[dict[str, Any]] = field(default_factory=list)
    originals: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[dict[str, Any]] = field(default_factory=list)
    exact: int = 0
    near: int = 0
    read: int = 0  # valid conversations read, before removing duplicates
    holdout: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    undone: list[dict[str, Any]] = field(default_factory=list)  # redactions a reviewer reverted
    fixed: list[dict[str, Any]] = field(default_factory=list)  # records an analyst fixed in the wizard
    groups: dict[int, int] = field(default_factory=dict)  # look-alike group of each kept conversation
    _where: dict[tuple[str, int], int] | None = field(default=None, repr=False, compare=False)  # (file, line) -> kept index
    _values: dict[tuple[str, int], dict[str, str]] | None = field(default=None, repr=False, compare=False)
    _conversation_stats: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    _review: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    def index_of(self, file: str, line: int) -> int:
        """The kept conversation that came from this file and line (the review steps ask often)."""
        if self._where is None:
            self._where = {(m.file, m.line): i for i, m in enumerate(self.meta)}
        i = self._where.get((file, line))
        if i is None:
            raise ValidationError(f"No kept conversation at {file} line {line}.")
        return i

    def originals_at(self, file: str, line: int) -> dict[str, str]:
        """The redacted values of one conversation, by placeholder (empty when none). The index
        shares the entries' dicts, so an undo (which empties, then drops, an entry) shows here."""
        if self._values is None:
            self._values = {(o["file"], o["line"]): o["values"] for o in self.originals}
        return self._values.get((file, line), {})

    def prepare_review(self) -> None:
        """Build the lookups the review steps use (each is otherwise built on first use)."""
        self.review_queue()
        self.originals_at("", 0)
        self._where = {(m.file, m.line): i for i, m in enumerate(self.meta)}

    def release(self) -> None:
        """Empty this analysis a little at a time (it can hold a million objects): call it from a
        background thread once nothing needs the analysis any more, so the window that held it
        is not stalled while they are freed."""
        self._where = self._values = self._conversation_stats = None
        for c in (self._review or [], self.lines, self.meta, self.invalid, self.redactions, self.originals, self.clusters, self.holdout, self.groups):
            dedup.drain(c)

    def redaction_counts(self) -> dict[str, int]:
        return dict(Counter(r["kind"] for r in self.redactions))

    def conversation_stats(self) -> dict[str, Any]:
        """The figures that depend only on the kept conversations, which the review steps do
        not change: worked out once (in the analysis's thread), not on every page shown."""
        if self._conversation_stats is None:
            import numpy as np

            m = self.meta
            self._conversation_stats = {
                "intents": dict(Counter(x.intent for x in m)), "dialects": dict(Counter(x.dialect for x in m)),
                "translated_sounding": sum(x.translated_score >= TRANSLATED_FLAG for x in m),
                "non_arabic_answers": sum(x.arabic_share < 0.5 for x in m),
                "length_outliers": sum(x.length_outlier for x in m),
                "styles": dict(Counter(x.style for x in m)),
                "median_answer_chars": int(np.median(np.fromiter((x.answer_chars for x in m), dtype=np.int64, count=len(m)))) if m else 0,
            }
        return self._conversation_stats

    def stats(self) -> dict[str, Any]:
        kept = len(self.lines)
        return {
            "conversations": self.read, "kept": kept, "invalid": len(self.invalid), "holdout": len(self.holdout),
            "train": kept - len(self.holdout), "redactions": self.redaction_counts(),
            "duplicates": {"exact": self.exact, "near": self.near}, **copy.deepcopy(self.conversation_stats()),
        }

    def review_queue(self) -> list[dict[str, Any]]:
        """The redactions to review, one per value per conversation, names (the hard case) and
        others that need a look first. An undo takes its entry out."""
        if self._review is None:
            rows = sorted(self.redactions, key=lambda r: (not r["needs_review"], r["file"], r["line"]))
            seen: set[tuple[str, int, str]] = set()
            self._review = []
            for r in rows:
                key = (r["file"], r["line"], r["placeholder"])
                if key not in seen:
                    seen.add(key)
                    self._review.append(r)
        return self._review


def release_in_background(a: Analysis | None) -> None:
    """Hand an analysis nobody needs any more to a thread that empties it (see Analysis.release)."""
    if a is not None:
        threading.Thread(target=a.release, name="release-analysis", daemon=True).start()


def apply_fix(rec: Any, text: str) -> Any:
    """A record as the analyst corrected it (a JSON object in any supported shape)."""
    from atlas_desktop.core.data.readers import RawRecord, _messages_from

    try:
        obj = json.loads(text)
    except ValueError as exc:
        return RawRecord(rec.file, rec.line, error=json_error(exc))
    msgs, intent, dialect, err = _messages_from(obj)
    return RawRecord(rec.file, rec.line, msgs, intent or rec.intent, dialect or rec.dialect, err)


def check_fix(text: str) -> str | None:
    """Why a corrected record is still unusable, or None when it is fine."""
    from atlas_desktop.core.data.readers import RawRecord

    rec = apply_fix(RawRecord("", 0), text)
    return rec.error or problem(rec.messages)


def source_text(path: Path, line: int) -> str:
    """The text of one line of a source file, to start a fix from (JSON lines files)."""
    from atlas_desktop.core.data.readers import detect_encoding

    with open(path, encoding=detect_encoding(path), errors="replace") as fh:
        for n, text in enumerate(fh, 1):
            if n == line:
                return text.strip()
    return ""


def original_text(a: "Analysis", file: str, line: int) -> list[dict[str, str]]:
    """The conversation as it was before redaction (from the raw originals), for review."""
    msgs = json.loads(a.lines[a.index_of(file, line)])["messages"]
    values = a.originals_at(file, line)
    out = []
    for m in msgs:
        text = m["content"]
        for ph in sorted(values, key=len, reverse=True):  # [PHONE_2] before [PHONE]
            text = text.replace(ph, values[ph])
        out.append({"role": m["role"], "content": text})
    return out


def undo_redaction(a: "Analysis", file: str, line: int, placeholder: str) -> None:
    """A reviewer's verdict that a redaction was a false positive: put the value back."""
    i = a.index_of(file, line)
    entry = next((o for o in a.originals if o["file"] == file and o["line"] == line and placeholder in o["values"]), None)
    if entry is None:
        raise ValidationError(f"{placeholder} was not redacted in {file} line {line}.")
    value = entry["values"].pop(placeholder)
    rec = json.loads(a.lines[i])
    for m in rec["messages"]:
        m["content"] = re.sub(re.escape(placeholder) + r"(?![_\d])", value.replace("\\", "\\\\"), m["content"])
    a.lines[i] = json.dumps(rec, ensure_ascii=False)
    def other(r: dict[str, Any]) -> bool:
        return not (r["file"] == file and r["line"] == line and r["placeholder"] == placeholder)

    a.redactions = [r for r in a.redactions if other(r)]
    if a._review is not None:
        a._review[:] = [r for r in a._review if other(r)]
    a.undone.append({"file": file, "line": line, "placeholder": placeholder})
    if not entry["values"]:
        a.originals.remove(entry)


def _plain(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"role": m["role"], "content": text_of(m["content"]) or ""} for m in messages]


def analyze(files: list[Path], settings: ImportSettings | None = None, report: Reporter = lambda p: None,
            cancel: CancelToken | None = None, interactive: bool = False) -> Analysis:
    """``interactive``: a window is waiting on this import; the worker processes then leave it a
    core and run niced (with every core busy, this 2-core VM stalls any window ~100 ms at a time)."""
    # Hundreds of thousands of small objects make the cyclic garbage collector scan the heap
    # again and again (and, in the ui, hold the interpreter for long pauses); the pipeline
    # makes no reference cycles, so it runs with the collector off.
    # Afterwards the analysis's objects are frozen (moved to the permanent generation) before
    # the collector is switched back on, so its first full pass does not walk them all at
    # once: in the ui that pass held the interpreter for about 2 s. Reference counting still
    # frees them when the analysis is dropped.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyze(files, settings, report, cancel, interactive)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _analyze(files: list[Path], settings: ImportSettings | None, report: Reporter, cancel: CancelToken | None,
             interactive: bool = False) -> Analysis:
    settings = (settings or ImportSettings()).validate()
    cancel = cancel or CancelToken()
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise ValidationError(f"{f} does not exist or is not a file.")
    sources = [{"path": str(f.resolve()), "name": f.name, "sha256": sha256_file(f), "size": f.stat().st_size} for f in files]
    total_bytes = sum(s["size"] for s in sources) or 1
    a = Analysis(settings, sources)
    dd = dedup.Deduplicator(lambda k: _matching(a.lines[k]), settings.near_threshold)
    done_bytes = 0
    first_line: dict[int, tuple[str, int]] = {}  # kept index -> where it came from
    workers = _worker_count(total_bytes, interactive)
    pool = _pool(workers, nice=interactive) if workers else None
    in_flight: list = []  # pending results, oldest first (file order is kept)

    def drain(limit: int) -> None:
        while len(in_flight) > limit:
            head = in_flight.pop(0)
            rows, sigs = head.get() if pool else head
            for p, sig in zip(rows, sigs):
                _keep_or_drop(a, dd, first_line, p, sig)

    try:
        batch: list = []
        for f, src in zip(files, sources):
            n = 0
            fixes = settings.fixes.get(f.name, {})
            for rec in read_file(f, settings.mapping):
                n += 1
                if rec.line in fixes:
                    rec = apply_fix(rec, fixes[rec.line])
                    a.fixed.append({"file": f.name, "line": rec.line})
                if n % 500 == 0:
                    cancel.raise_if_cancelled()
                    report(Progress(done_bytes + min(src["size"], n * 300), total_bytes, f"{f.name}: {n:,} records read"))
                reason = rec.error or problem(rec.messages)
                if reason:
                    a.invalid.append({"file": f.name, "line": rec.line, "reason": reason})
                    continue
                a.read += 1
                batch.append((f.name, rec.line, rec.messages, rec.intent, rec.dialect))
                if len(batch) >= BATCH:
                    in_flight.append(pool.apply_async(_prepare_batch, (batch,)) if pool else _prepare_batch(batch))
                    batch = []
                    drain(2 * workers if pool else 0)
            done_bytes += src["size"]
        if batch:
            in_flight.append(pool.apply_async(_prepare_batch, (batch,)) if pool else _prepare_batch(batch))
        drain(0)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    a.exact, a.near = dd.result.removed_exact, dd.result.removed_near
    result = dd.finish()
    dedup.drain(first_line)
    report(Progress(total_bytes, total_bytes, "checking quality and splitting"))
    for i in quality.length_outliers([m.answer_chars for m in a.meta]):
        a.meta[i].length_outlier = True
    a.groups = dict(result.group)
    items = [Item(i, m.intent, m.dialect, result.group.get(i, i)) for i, m in enumerate(a.meta)]
    a.holdout = split_holdout(items, settings.holdout_ratio, settings.seed) if items else set()
    dedup.drain(items)
    a.warnings = _warnings(a)
    a.prepare_review()  # here, in the background, rather than when the review steps are shown
    return a


class _Prepared(NamedTuple):
    """One valid conversation after the per-conversation work (done in a worker process for big
    imports). Plain tuples all the way down, and the batch's signatures in one array beside
    them: a dataclass and a numpy row per conversation took 48 µs to pickle and unpickle, the
    unpickling on the main process, which the order-dependent deduplication already keeps busy."""

    file: str
    line: int
    json_line: str
    text: str  # matching text
    meta: tuple  # ConversationMeta's fields, in order
    redactions: list[dict[str, Any]]
    originals: dict[str, str]


_REDACTOR: Redactor | None = None


def _prepare_batch(batch: list[tuple[str, int, list[dict[str, Any]], str | None, str | None]]) -> tuple[list[_Prepared], Any]:
    """Redact, normalize, sign and score a batch of valid conversations. Pure: runs in any process."""
    global _REDACTOR
    if _REDACTOR is None:
        _REDACTOR = Redactor()
    texts, staged = [], []
    for name, line, messages, intent_raw, dialect_raw in batch:
        redacted, records, originals = _REDACTOR.redact_conversation(_plain(messages))
        texts.append(dedup.matching_text([m["content"] for m in redacted if m["role"] != "system"]))
        staged.append((name, line, redacted, records, originals, intent_raw, dialect_raw))
    sigs = dedup.signatures(texts)
    out = []
    for (name, line, redacted, records, originals, intent_raw, dialect_raw), text in zip(staged, texts):
        intent = (intent_raw or "unlabelled").strip().lower()
        answers = [m["content"] for m in redacted if m["role"] == "assistant"]
        guess = quality.dialect_of(" ".join(m["content"] for m in redacted if m["role"] == "user"))
        given = (dialect_raw or "").strip().lower()
        dialect = given if given in DIALECTS else (guess.label if guess.label != "uncertain" else "uncertain")
        worst = max((quality.translated_sounding(ans, dialect) for ans in answers), key=lambda sg: sg.score)
        main = max(answers, key=len)
        meta = (name, line, intent, dialect, guess.label, guess.confidence, worst.score, list(worst.reasons),
                round(quality.arabic_share("\n".join(answers)), 3), len(main), quality.format_style(main))
        out.append(_Prepared(name, line, json.dumps({"messages": redacted, "intent": intent, "dialect": dialect}, ensure_ascii=False),
                             text, meta, [{"file": name, "line": line, **r.to_dict()} for r in records], originals))
    return out, sigs


def _keep_or_drop(a: Analysis, dd: dedup.Deduplicator, first_line: dict[int, tuple[str, int]], p: _Prepared, sig: Any) -> None:
    """The order-dependent part: is this conversation new, or a copy of an earlier one?"""
    index = len(a.lines)
    status, rep = dd.add(index, p.text, sig)
    if status != "kept":
        a.clusters.append({"kind": status, "file": p.file, "line": p.line, "representative": {"file": first_line[rep][0], "line": first_line[rep][1]},
                           "similarity": dd.result.similarity.get(index, 1.0)})
        dd.result.similarity.pop(index, None)  # the slot is reused by the next kept conversation
        return
    first_line[index] = (p.file, p.line)
    a.lines.append(p.json_line)
    a.meta.append(ConversationMeta(*p.meta))
    a.redactions.extend(p.redactions)
    if p.originals:
        a.originals.append({"file": p.file, "line": p.line, "values": p.originals})


PARALLEL_MIN_BYTES = 8_000_000  # below this, starting worker processes costs more than it saves


def _worker_count(total_bytes: int, interactive: bool = False) -> int:
    cpus = os.cpu_count() or 1
    if cpus < 2 or total_bytes < PARALLEL_MIN_BYTES or os.environ.get("ATLAS_IMPORT_WORKERS") == "0":
        return 0
    default = max(1, cpus - 1) if interactive else cpus
    return int(os.environ.get("ATLAS_IMPORT_WORKERS", min(default, 4)))


def _worker_init(niceness: int) -> None:
    gc.disable()  # for the reason given in analyze()
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def _pool(workers: int, nice: bool = False):  # noqa: ANN202
    import multiprocessing

    # spawn, not fork: the ui process has Qt threads, and a forked copy of them is unsafe
    return multiprocessing.get_context("spawn").Pool(workers, initializer=_worker_init, initargs=(5 if nice else 0,))


def _matching(line: str) -> str:
    msgs = json.loads(line)["messages"]
    return dedup.matching_text([m["content"] for m in msgs if m["role"] != "system"])


def _warnings(a: Analysis) -> list[str]:
    out: list[str] = []
    if not a.lines:
        out.append("No usable conversation was found; check the validation report.")
        return out
    st = a.stats()
    _, balance = quality.intent_balance([], counts=st["intents"])
    out += balance
    if a.invalid:
        out.append(f"{len(a.invalid)} records were not usable and were skipped; each is listed with its file, line and reason.")
    if st["translated_sounding"]:
        out.append(f"{st['translated_sounding']} answers sound translated (calques, Latin punctuation, English words, or MSA answering a dialect question); review them.")
    if st["non_arabic_answers"]:
        out.append(f"{st['non_arabic_answers']} answers are mostly not in Arabic.")
    uncertain = st["dialects"].get("uncertain", 0)
    if uncertain > 0.2 * len(a.lines):
        out.append(f"The dialect of {uncertain} conversations is uncertain; label them or add dialect markers.")
    if st["length_outliers"]:
        out.append(f"{st['length_outliers']} answers are much longer or shorter than the rest; check their tone and format.")
    return out


@dataclass(frozen=True)
class DatasetVersionInfo:
    project: str
    number: int
    sha256: str
    train_sha256: str
    holdout_sha256: str
    report_sha256: str
    stats: dict[str, Any]
    settings: dict[str, Any]
    sources: list[dict[str, Any]]
    created_by: str
    created_at: Any
    raw_path: str | None

    @property
    def label(self) -> str:
        return f"v{self.number}"


def _info(project: str, r: DatasetVersionRecord) -> DatasetVersionInfo:
    return DatasetVersionInfo(project, r.number, r.sha256, r.train_sha256, r.holdout_sha256, r.report_sha256, r.stats, r.settings,
                              r.sources, r.created_by, r.created_at, r.raw_path)


def _store_lines(ws: Workspace, lines: list[str]) -> str:
    fd, tmp = tempfile.mkstemp(dir=ws.paths.tmp, suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line + "\n")
        return ws.artifacts.put_file(Path(tmp))[0]
    finally:
        os.unlink(tmp)


def commit(ws: Workspace, project: str, a: Analysis) -> DatasetVersionInfo:
    if not a.lines:
        raise ValidationError("Nothing to save: no usable conversation was found in the chosen files.")
    train = [line for i, line in enumerate(a.lines) if i not in a.holdout]
    hold = [line for i, line in enumerate(a.lines) if i in a.holdout]
    train_sha = _store_lines(ws, train)
    holdout_sha = _store_lines(ws, hold)
    stats = a.stats()
    report = {"sources": a.sources, "settings": asdict(a.settings), "stats": stats, "warnings": a.warnings, "invalid": a.invalid,
              "redactions": a.redactions, "redactions_undone": a.undone, "fixed_records": a.fixed, "duplicates": a.clusters, "conversations": [asdict(m) | {"holdout": i in a.holdout} for i, m in enumerate(a.meta)]}
    report_sha = ws.artifacts.put_bytes(json.dumps(report, ensure_ascii=False).encode("utf-8"))[0]
    settings = asdict(a.settings)
    version_sha = hashlib.sha256(json.dumps([train_sha, holdout_sha, settings], sort_keys=True).encode()).hexdigest()
    raw_path = None
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        number = (s.execute(select(func.max(DatasetVersionRecord.number)).where(DatasetVersionRecord.project_id == p.id)).scalar() or 0) + 1
        if a.originals:
            private_dirs(ws.paths.raw)
            raw = ws.paths.raw / f"project{p.id}-v{number}-{version_sha[:12]}.jsonl"
            with open(raw, "w", encoding="utf-8", opener=private_opener) as fh:  # 0600 from its first byte
                for o in a.originals:
                    fh.write(json.dumps(o, ensure_ascii=False) + "\n")
            raw_path = str(raw.relative_to(ws.paths.home))
        try:
            rec = DatasetVersionRecord(project_id=p.id, number=number, sha256=version_sha, train_sha256=train_sha, holdout_sha256=holdout_sha,
                                       report_sha256=report_sha, sources=a.sources, settings=settings, stats=stats, raw_path=raw_path,
                                       created_by=ws.user.login)
            s.add(rec)
            s.flush()
            audit.append(s, ws.user.login, "dataset.imported", "dataset_version", rec.id,
                         {"project": project, "number": number, "sha256": version_sha, "sources": [x["sha256"] for x in a.sources]})
        except BaseException:
            if raw_path:
                (ws.paths.home / raw_path).unlink(missing_ok=True)
            raise
        return _info(project, rec)


def import_files(ws: Workspace, project: str, files: list[Path], settings: ImportSettings | None = None,
                 report: Reporter = lambda p: None, cancel: CancelToken | None = None) -> tuple[DatasetVersionInfo, Analysis]:
    with ws.unit_of_work() as s:
        project_record(s, project)  # fail before reading anything
    a = analyze(files, settings, report, cancel)
    return commit(ws, project, a), a


def resplit(a: Analysis, ratio: float, seed: int) -> None:
    """Choose the holdout again (the wizard's split step) without reading the files again."""
    a.settings.holdout_ratio, a.settings.seed = ratio, seed
    a.settings.validate()
    groups = a.groups or {}
    items = [Item(i, m.intent, m.dialect, groups.get(i, i)) for i, m in enumerate(a.meta)]
    a.holdout = split_holdout(items, ratio, seed) if items else set()


def list_versions(ws: Workspace, project: str) -> list[DatasetVersionInfo]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        rows = s.execute(select(DatasetVersionRecord).where(DatasetVersionRecord.project_id == p.id).order_by(DatasetVersionRecord.number)).scalars()
        return [_info(project, r) for r in rows]


def diff_versions(old: DatasetVersionInfo, new: DatasetVersionInfo) -> dict[str, Any]:
    """What changed between two versions' statistics and sources."""
    def delta(a: dict, b: dict) -> dict:
        return {k: {"from": a.get(k, 0), "to": b.get(k, 0)} for k in sorted(set(a) | set(b)) if a.get(k, 0) != b.get(k, 0)}

    out = {k: {"from": old.stats.get(k), "to": new.stats.get(k)} for k in ("conversations", "kept", "invalid", "holdout", "train")
           if old.stats.get(k) != new.stats.get(k)}
    for k in ("intents", "dialects", "redactions"):
        d = delta(old.stats.get(k, {}), new.stats.get(k, {}))
        if d:
            out[k] = d
    old_src, new_src = {s["sha256"]: s["name"] for s in old.sources}, {s["sha256"]: s["name"] for s in new.sources}
    out["sources_added"] = [n for h, n in new_src.items() if h not in old_src]
    out["sources_removed"] = [n for h, n in old_src.items() if h not in new_src]
    return out


def purge_raw(ws: Workspace, project: str) -> int:
    """Delete the raw originals kept for review; returns how many files were removed."""
    n = 0
    for v in list_versions(ws, project):
        if v.raw_path and (ws.paths.home / v.raw_path).exists():
            (ws.paths.home / v.raw_path).unlink()
            n += 1
    with ws.unit_of_work() as s:
        audit.append(s, ws.user.login, "dataset.raw_purged", "project", project, {"files": n})
    return n
