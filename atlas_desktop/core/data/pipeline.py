"""The import pipeline: read -> validate -> redact -> deduplicate -> quality -> split -> commit.

``analyze`` streams the files once and writes what it finds into an import draft
(``staging.ImportDraft``, a SQLite file of its own): every valid conversation redacted, with
its quality signals and its duplicate cluster, the unusable records with their reasons, the
redactions and, apart, the values they removed. The draft is what the wizard pages through
and what ``commit`` turns into a dataset version: the train and holdout files and the report
in the content-addressed store, the redacted-away originals in the purgeable raw area, and the
dataset version row with its audit event in one transaction. In the window, the analysis and
the save run in a child process (``analyze_job``, ``rearrange_job``, ``commit_job``);
`atlas data import` runs the same functions in its own process.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func, select

from atlas_desktop.core.arabic import DIALECTS
from atlas_desktop.core.data import dedup, quality
from atlas_desktop.core.data.readers import invalid_entry, json_error, read_file
from atlas_desktop.core.data.redact import Redactor
from atlas_desktop.core.data.split import Item, split_holdout
from atlas_desktop.core.data.staging import ImportDraft, drafts_folder, new_draft_path, remove_draft
from atlas_desktop.core.data.validate import problem, text_of
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg, render
from atlas_desktop.core.private import private_dirs, private_opener
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.artifacts import sha256_file
from atlas_desktop.core.storage.models import DatasetVersionRecord
from atlas_desktop.core.workspace import Workspace

BATCH = 128  # conversations whose MinHash signatures are computed together
PREVIEW_CHARS = 200


@dataclass
class ImportSettings:
    holdout_ratio: float = 0.15  # the seed recipe's validation.holdout_ratio
    seed: int = 13
    near_threshold: float = dedup.THRESHOLD
    mapping: dict[str, str] | None = None
    # Records an analyst fixed in the wizard: {file name: {line: the record as messages JSON}}.
    # Applied when the file is read; the source file itself is never changed.
    fixes: dict[str, dict[int, str]] = field(default_factory=dict)
    keep_per_cluster: int = 1  # conversations kept of each duplicate cluster (its leader, then near copies in file order)
    cluster_keep: dict[str, int] = field(default_factory=dict)  # "file:line" of a cluster's leader -> its own number

    def validate(self) -> "ImportSettings":
        if not 0.01 <= self.holdout_ratio <= 0.5:
            raise ValidationError(Msg("data.settings.holdout_ratio", value=self.holdout_ratio))
        if not 0.5 <= self.near_threshold <= 1.0:
            raise ValidationError(Msg("data.settings.near_threshold", value=self.near_threshold))
        if self.keep_per_cluster < 1 or any(n < 1 for n in self.cluster_keep.values()):
            raise ValidationError(Msg("data.settings.keep_per_cluster"))
        return self

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ImportSettings":
        fixes = {f: {int(k): v for k, v in lines.items()} for f, lines in (d.get("fixes") or {}).items()}
        return cls(**{**d, "fixes": fixes})


def apply_fix(rec: Any, text: str) -> Any:
    """A record as the analyst corrected it (a JSON object in any supported shape)."""
    from atlas_desktop.core.data.readers import RawRecord, _messages_from

    try:
        obj = json.loads(text)
    except ValueError as exc:
        return RawRecord(rec.file, rec.line, error=json_error(exc))
    msgs, intent, dialect, err = _messages_from(obj)
    return RawRecord(rec.file, rec.line, msgs, intent or rec.intent, dialect or rec.dialect, err)


def check_fix(text: str) -> Msg | None:
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


def _plain(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"role": m["role"], "content": text_of(m["content"]) or ""} for m in messages]


def analyze(files: list[Path], settings: ImportSettings | None = None, report: Reporter = lambda p: None,
            cancel: CancelToken | None = None, interactive: bool = False, draft_path: Path | None = None,
            home: Path | None = None, base: dict[str, Any] | None = None) -> ImportDraft:
    """Read, check, redact, deduplicate and split ``files`` into a new draft (at ``draft_path``,
    else a temporary file); nothing is stored in the workspace. On any failure or Cancel the
    draft is removed. ``interactive``: a window is waiting on this import; the worker processes
    then leave it a core and run niced (with every core busy, this 2-core VM stalls any window
    ~100 ms at a time). ``home``: the workspace whose key hashes the redacted values (by
    default the one ATLAS_HOME names). ``base`` (from :func:`base_version`): the new version adds
    ``files`` to that version's conversations, which are analysed with them (so duplicates across
    the two are found) and whose sources it keeps."""
    settings = (settings or ImportSettings()).validate()
    cancel = cancel or CancelToken()
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise ValidationError(Msg("data.file.missing", path=str(f)))
    if draft_path is None:
        draft_path = Path(tempfile.mkdtemp(prefix="atlas-import-")) / "draft.sqlite"
    draft = ImportDraft.create(draft_path)
    try:
        _analyze([*(Path(f) for f in base["files"]), *files] if base else files, settings, draft, report, cancel, interactive,
                 str(home) if home else None)
        if base:
            known = {x["sha256"] for x in base["sources"]}
            added = [x for x in draft.get("sources")[len(base["files"]):] if x["sha256"] not in known]
            draft.put("sources", [*base["sources"], *added])
            draft.put("settings", {**draft.get("settings"), "extends": base["number"]})
    except BaseException:
        draft.conn.close()
        remove_draft(draft_path)
        raise
    draft.conn.execute("COMMIT")
    return draft


def _analyze(files: list[Path], settings: ImportSettings, draft: ImportDraft, report: Reporter, cancel: CancelToken,
             interactive: bool, home: str | None) -> None:
    sources = [{"path": str(f.resolve()), "name": f.name, "sha256": sha256_file(f), "size": f.stat().st_size} for f in files]
    total_bytes = sum(s["size"] for s in sources) or 1
    draft.put("settings", asdict(settings))
    draft.put("sources", sources)
    state = _Streaming(draft, dedup.Deduplicator(lambda k: _matching(draft.conversation_json(k)), settings.near_threshold))
    fixed: list[dict[str, Any]] = []
    done_bytes = 0
    workers = _worker_count(total_bytes, interactive)
    pool = _pool(workers, nice=interactive) if workers else None
    in_flight: list = []  # pending results, oldest first (file order is kept)

    def drain(limit: int) -> None:
        while len(in_flight) > limit:
            head = in_flight.pop(0)
            if pool:
                while not head.ready():  # wait a little at a time: Cancel is honoured within 0.1 s
                    head.wait(0.1)
                    cancel.raise_if_cancelled()
            rows, sigs = head.get() if pool else head
            state.add_batch(rows, sigs)

    try:
        batch: list = []
        for f, src in zip(files, sources):
            n = 0
            fixes = settings.fixes.get(f.name, {})
            for rec in read_file(f, settings.mapping):
                n += 1
                if rec.line in fixes:
                    rec = apply_fix(rec, fixes[rec.line])
                    fixed.append({"file": f.name, "line": rec.line})
                if n % 500 == 0:
                    cancel.raise_if_cancelled()
                    report(Progress(done_bytes + min(src["size"], n * 300), total_bytes, Msg("data.progress.read", file=f.name, n=n)))
                reason = rec.error or problem(rec.messages)
                if reason:
                    draft.add_invalid(f.name, rec.line, reason)
                    continue
                batch.append((f.name, rec.line, rec.messages, rec.intent, rec.dialect))
                if len(batch) >= BATCH:
                    in_flight.append(pool.apply_async(_prepare_batch, (batch, home)) if pool else _prepare_batch(batch, home))
                    batch = []
                    drain(2 * workers if pool else 0)
            done_bytes += src["size"]
        if batch:
            in_flight.append(pool.apply_async(_prepare_batch, (batch, home)) if pool else _prepare_batch(batch, home))
        drain(0)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    cancel.raise_if_cancelled()
    report(Progress(total_bytes, total_bytes, Msg("data.progress.quality")))
    result = state.dd.finish()
    leaders = result.keep
    outliers = {leaders[i] for i in quality.length_outliers([state.answer_chars[k] for k in leaders])}
    draft.finish_analysis(result.group, outliers)
    draft.put("fixed", fixed)
    rearrange(draft, settings)


class _Streaming:
    """The order-dependent part of the analysis, on the analysing process: each conversation is
    a leader or joins an earlier one's cluster, and goes into the draft at once."""

    def __init__(self, draft: ImportDraft, dd: dedup.Deduplicator) -> None:
        self.draft, self.dd = draft, dd
        self.answer_chars: list[int] = []
        self.near_rank: dict[int, int] = {}

    def add_batch(self, rows: list["_Prepared"], sigs: Any) -> None:
        bands = dedup.band_keys(sigs)
        for p, sig, keys in zip(rows, sigs, bands):
            index = len(self.answer_chars)
            status, leader = self.dd.add(index, p.text, sig, keys)
            if status == "kept":
                leader, kind, sim, rank = index, dedup.LEADER, 1.0, 0
            elif status == "near":
                kind, sim = dedup.NEAR, self.dd.result.similarity.get(index, 1.0)
                rank = self.near_rank[leader] = self.near_rank.get(leader, 0) + 1
            else:
                kind, sim, rank = dedup.EXACT, self.dd.result.similarity.get(index, 1.0), None
            m = p.meta
            self.answer_chars.append(m[9])
            self.draft.add_conversation((index, p.file, p.line, p.json_line, p.preview, m[2], m[3], m[4], m[5], m[6],
                                         json.dumps(m[7], ensure_ascii=False), m[8], m[9], m[10], leader, kind, sim, rank),
                                        p.redactions, p.originals)


def rearrange(draft: ImportDraft, settings: ImportSettings) -> dict[str, Any]:
    """Apply the settings that touch every kept conversation (how many of each cluster are kept,
    the holdout share and seed) and work out the figures and warnings again."""
    settings.validate()
    overrides = {}
    for key, n in settings.cluster_keep.items():
        file, _, line = key.rpartition(":")
        try:
            overrides[draft.index_of(file, int(line))] = n
        except (ValueError, ValidationError):
            continue  # a cluster of an earlier analysis that is gone now
    draft.apply_keep(settings.keep_per_cluster, overrides)
    items = [Item(i, intent, dialect, group) for i, intent, dialect, group in draft.split_items()]
    draft.set_holdout(split_holdout(items, settings.holdout_ratio, settings.seed) if items else set())
    draft.put("settings", asdict(settings))
    st = draft.compute_summary()
    draft.put("warnings", _warnings(draft, st))
    return st


class _Prepared(NamedTuple):
    """One valid conversation after the per-conversation work (done in a worker process for big
    imports). Plain tuples all the way down, and the batch's signatures in one array beside
    them: a dataclass and a numpy row per conversation took 48 µs to pickle and unpickle, the
    unpickling on the main process, which the order-dependent deduplication already keeps busy."""

    file: str
    line: int
    json_line: str
    preview: str  # the first user turn, shortened, for the duplicates step
    text: str  # matching text
    meta: tuple  # ConversationMeta's fields, in order
    redactions: list[dict[str, Any]]
    originals: dict[str, str]


_REDACTORS: dict[str | None, Redactor] = {}


def _redactor(home: str | None) -> Redactor:
    """One redactor per workspace, hashing values with that workspace's key (the window's own
    data folder, not whatever ATLAS_HOME says in this process)."""
    r = _REDACTORS.get(home)
    if r is None:
        from atlas_desktop.core.paths import data_paths
        from atlas_desktop.core.private import secret_key

        key = secret_key(data_paths(Path(home)).redaction_key) if home else None
        r = _REDACTORS[home] = Redactor(key=key)
    return r


def _prepare_batch(batch: list[tuple[str, int, list[dict[str, Any]], str | None, str | None]], home: str | None = None) -> tuple[list[_Prepared], Any]:
    """Redact, normalize, sign and score a batch of valid conversations. Pure: runs in any process."""
    redactor = _redactor(home)
    texts, staged = [], []
    for name, line, messages, intent_raw, dialect_raw in batch:
        redacted, records, originals = redactor.redact_conversation(_plain(messages))
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
        meta = (name, line, intent, dialect, guess.label, guess.confidence, worst.score, [r.to_json() for r in worst.reasons],
                round(quality.arabic_share("\n".join(answers)), 3), len(main), quality.format_style(main))
        first_user = next((m["content"] for m in redacted if m["role"] == "user"), "")
        out.append(_Prepared(name, line, json.dumps({"messages": redacted, "intent": intent, "dialect": dialect}, ensure_ascii=False),
                             first_user[:PREVIEW_CHARS], text, meta, [{"file": name, "line": line, **r.to_dict()} for r in records], originals))
    return out, sigs


PARALLEL_MIN_BYTES = 8_000_000  # below this, starting worker processes costs more than it saves


def _worker_count(total_bytes: int, interactive: bool = False) -> int:
    """Worker processes for the per-conversation work: one per core (at most 4). The analysing
    process itself is mostly waiting on them. A window waiting on the import is a process of its
    own; its analysis runs niced (``interactive``), so the scheduler lets the window run as soon
    as it wakes (bench/data_import.py measures the window's longest stall)."""
    cpus = os.cpu_count() or 1
    if cpus < 2 or total_bytes < PARALLEL_MIN_BYTES or os.environ.get("ATLAS_IMPORT_WORKERS") == "0":
        return 0
    return int(os.environ.get("ATLAS_IMPORT_WORKERS", min(cpus, 4)))


def _worker_init(niceness: int) -> None:
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def _pool(workers: int, nice: bool = False):  # noqa: ANN202
    import multiprocessing

    # spawn, not fork: the ui process has Qt threads, and a forked copy of them is unsafe
    return multiprocessing.get_context("spawn").Pool(workers, initializer=_worker_init, initargs=(5 if nice else 0,))


def _matching(line: str) -> str:
    msgs = json.loads(line)["messages"]
    return dedup.matching_text([m["content"] for m in msgs if m["role"] != "system"])


def _warnings(draft: ImportDraft, st: dict[str, Any]) -> list[dict[str, Any]]:
    """The import's warnings as codes with parameters (their JSON form: they are stored)."""
    if not st["kept"]:
        return [Msg("data.warning.no_usable").to_json()]
    out: list[Msg] = []
    dominant = draft.get("dominant_cluster")
    if dominant:
        out.append(Msg("data.warning.dominant_cluster", pct=round(dominant["share"] * 100), n=dominant["size"] - 1, text=dominant["preview"][:80]))
    _, balance = quality.intent_balance([], counts=st["intents"])
    out += balance
    counted = (("invalid", "data.warning.invalid"), ("translated_sounding", "data.warning.translated"),
               ("non_arabic_answers", "data.warning.non_arabic"))
    for key, code in counted:
        if st[key]:
            out.append(Msg(code, n=st[key]))
    uncertain = st["dialects"].get("uncertain", 0)
    if uncertain > 0.2 * st["kept"]:
        out.append(Msg("data.warning.dialect_uncertain", n=uncertain))
    if st["length_outliers"]:
        out.append(Msg("data.warning.length_outliers", n=st["length_outliers"]))
    return [m.to_json() for m in out]


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


def _store_lines(ws: Workspace, lines: Any) -> str:
    fd, tmp = tempfile.mkstemp(dir=ws.paths.tmp, suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line + "\n")
        return ws.artifacts.put_file(Path(tmp))[0]
    finally:
        os.unlink(tmp)


def _invalid_records(draft: ImportDraft) -> list[dict[str, Any]]:
    """Every unusable record for a report or `--json`: file, line, the reason in English and as a code."""
    return [invalid_entry(r, file=f, line=ln) for f, ln, r in draft.invalid_page(0, 1 << 62)]


def _report_parts(draft: ImportDraft) -> Any:
    """The report, as pieces of JSON text: written piece by piece, never held whole."""
    c = draft.conn
    head = {"sources": draft.get("sources"), "settings": draft.get("settings"), "stats": draft.summary(), "warnings": draft.get("warnings", []),
            "invalid": _invalid_records(draft),
            "redactions_undone": draft.undone(), "fixed_records": draft.get("fixed", [])}
    yield json.dumps(head, ensure_ascii=False)[:-1]
    yield ', "redactions": ['
    rows = c.execute("SELECT r.data, conv.file, conv.line FROM redaction r JOIN conv ON conv.idx = r.conv "
                     "WHERE conv.kept = 1 AND r.undone = 0 ORDER BY r.id")
    for n, (data, file, line) in enumerate(rows):
        yield ("," if n else "") + json.dumps({"file": file, "line": line, **json.loads(data)}, ensure_ascii=False)
    yield '], "duplicates": ['
    rows = c.execute("SELECT m.file, m.line, m.kind, m.similarity, m.kept, l.file, l.line FROM conv m JOIN conv l ON l.idx = m.leader "
                     "WHERE m.kind != 0 ORDER BY m.idx")
    for n, (file, line, kind, sim, kept, lfile, lline) in enumerate(rows):
        yield ("," if n else "") + json.dumps({"kind": dedup.KIND_NAMES[kind], "file": file, "line": line, "kept": bool(kept),
                                               "representative": {"file": lfile, "line": lline}, "similarity": sim}, ensure_ascii=False)
    yield '], "conversations": ['
    rows = c.execute("SELECT file, line, intent, dialect, dialect_guess, dialect_confidence, translated_score, translated_reasons, arabic_share, "
                     "answer_chars, style, length_outlier, holdout FROM conv WHERE kept = 1 ORDER BY idx")
    keys = ("file", "line", "intent", "dialect", "dialect_guess", "dialect_confidence", "translated_score", "translated_reasons",
            "arabic_share", "answer_chars", "style", "length_outlier", "holdout")
    for n, row in enumerate(rows):
        d = dict(zip(keys, row))
        codes = json.loads(d["translated_reasons"])
        d["translated_reasons"], d["translated_reason_codes"] = [render(x) for x in codes], codes  # English for scripts, codes for any language
        d["length_outlier"], d["holdout"] = bool(d["length_outlier"]), bool(d["holdout"])
        yield ("," if n else "") + json.dumps(d, ensure_ascii=False)
    yield "]}"


def commit(ws: Workspace, project: str, draft: ImportDraft, report: Reporter = lambda p: None,
           action: str = "dataset.imported") -> DatasetVersionInfo:
    """The draft as a new dataset version: files first (content-addressed, so a failure leaves
    only unreferenced blobs), then the raw originals, then the row and its audit event in one
    transaction (a failure there removes the raw file again)."""
    st = draft.summary()
    if not st.get("kept"):
        raise ValidationError(Msg("data.nothing_to_save"))
    report(Progress(0, 4, Msg("data.progress.train_file")))
    train_sha = _store_lines(ws, draft.kept_lines(holdout=False))
    report(Progress(1, 4, Msg("data.progress.holdout_file")))
    holdout_sha = _store_lines(ws, draft.kept_lines(holdout=True))
    report(Progress(2, 4, Msg("data.progress.report")))
    report_sha = _store_lines(ws, _report_parts(draft))  # JSON allows the newlines put between the parts
    settings = draft.get("settings")
    sources = draft.get("sources")
    version_sha = hashlib.sha256(json.dumps([train_sha, holdout_sha, settings], sort_keys=True).encode()).hexdigest()
    report(Progress(3, 4, Msg("data.progress.record")))
    raw_path = None
    try:
        with ws.unit_of_work() as s:
            p = lock_project(s, name=project)  # two imports into one project at once: one numbers after the other
            number = (s.execute(select(func.max(DatasetVersionRecord.number)).where(DatasetVersionRecord.project_id == p.id)).scalar() or 0) + 1
            originals = draft.conn.execute("SELECT c.file, c.line, o.placeholder, o.value FROM original o JOIN conv c ON c.idx = o.conv "
                                           "WHERE c.kept = 1 ORDER BY o.conv, o.placeholder")
            raw = ws.paths.raw / f"project{p.id}-v{number}-{version_sha[:12]}.jsonl"
            if _write_originals(raw, originals):
                raw_path = str(raw.relative_to(ws.paths.home))
            rec = DatasetVersionRecord(project_id=p.id, number=number, sha256=version_sha, train_sha256=train_sha, holdout_sha256=holdout_sha,
                                       report_sha256=report_sha, sources=sources, settings=settings, stats=st, raw_path=raw_path,
                                       created_by=ws.user.login)
            s.add(rec)
            s.flush()
            audit.append(s, ws.user.login, action, "dataset_version", rec.id,
                         {"project": project, "number": number, "sha256": version_sha, "sources": [x["sha256"] for x in sources],
                          **({"resplit_of": settings["resplit_of"]} if settings.get("resplit_of") else {})})
            undone = draft.undone()
            if undone:  # the reviewer's verdicts that a redaction was a false positive
                audit.append(s, ws.user.login, "dataset.redactions_undone", "dataset_version", rec.id,
                             {"project": project, "number": number, "undone": undone})
            return _info(project, rec)
    except BaseException:  # the transaction, its commit included, failed: no raw file without its version
        if raw_path:
            (ws.paths.home / raw_path).unlink(missing_ok=True)
        raise


def _write_originals(path: Path, rows: Any) -> bool:
    """One line per conversation with its redacted-away values; the file is created 0600."""
    fh = None
    last = None
    values: dict[str, str] = {}
    try:
        for file, line, ph, value in rows:
            if fh is None:
                private_dirs(path.parent)
                fh = open(path, "w", encoding="utf-8", opener=private_opener)  # 0600 from its first byte
            if (file, line) != last and last is not None:
                fh.write(json.dumps({"file": last[0], "line": last[1], "values": values}, ensure_ascii=False) + "\n")
                values = {}
            last = (file, line)
            values[ph] = value
        if fh is not None:
            fh.write(json.dumps({"file": last[0], "line": last[1], "values": values}, ensure_ascii=False) + "\n")
    finally:
        if fh is not None:
            fh.close()
    return fh is not None


def import_files(ws: Workspace, project: str, files: list[Path], settings: ImportSettings | None = None,
                 report: Reporter = lambda p: None, cancel: CancelToken | None = None) -> tuple[DatasetVersionInfo, dict[str, Any]]:
    """`atlas data import`: analyse into a draft, save it, remove it. Returns the version and the
    figures (the summary, with ``invalid`` listed and the ``warnings``)."""
    with ws.unit_of_work() as s:
        project_record(s, project)  # fail before reading anything
    with _scratch_draft(ws, files, settings, report, cancel) as draft:
        figures = {**draft.summary(), "invalid_records": _invalid_records(draft), "warnings": draft.get("warnings", [])}
        return commit(ws, project, draft), figures


@contextmanager
def _scratch_draft(ws: Workspace, files: list[Path], settings: ImportSettings | None, report: Reporter,
                   cancel: CancelToken | None = None) -> Iterator[ImportDraft]:
    """A draft analysed in this process, for one save, removed afterwards whatever happens."""
    path = new_draft_path(ws.paths.tmp)
    draft = analyze(files, settings, report, cancel, draft_path=path, home=ws.paths.home)
    try:
        yield draft
    finally:
        draft.close()
        remove_draft(path)


# --------------------------------------------------------------------------- child-process jobs (the window's path)


def analyze_job(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    """``python -m atlas_desktop.core.child atlas_desktop.core.data.pipeline:analyze_job``:
    config ``files``, ``settings``, ``draft``, ``home`` (the workspace); returns the draft's path and figures."""
    _nice(config)
    draft = analyze([Path(f) for f in config["files"]], ImportSettings.from_dict(config.get("settings") or {}), report, cancel,
                    interactive=bool(config.get("interactive")), draft_path=Path(config["draft"]), base=config.get("base"),
                    home=Path(config["home"]) if config.get("home") else None)
    st = draft.summary()
    draft.close()
    return {"draft": config["draft"], "summary": st}


def rearrange_job(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    """Keep N per cluster and split again, on a draft (config ``draft`` and ``settings``)."""
    _nice(config)
    draft = ImportDraft.open(config["draft"])
    try:
        draft.conn.execute("BEGIN")
        report(Progress(0, 1, Msg("data.progress.rearrange")))
        st = rearrange(draft, ImportSettings.from_dict(config["settings"]))
        draft.conn.execute("COMMIT")
        return {"summary": st}
    finally:
        draft.conn.close()


def commit_job(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    """Save a draft as a dataset version (config ``home``, ``database_url``, ``project``, ``draft``)."""
    _nice(config)
    ws = Workspace.open(Path(config["home"]), config.get("database_url") or None)
    draft = ImportDraft.open(config["draft"])
    try:
        v = commit(ws, config["project"], draft, report)
        return {"project": v.project, "number": v.number}
    finally:
        draft.conn.close()
        ws.close()


def _nice(config: dict[str, Any]) -> None:
    if config.get("interactive") and hasattr(os, "nice"):
        os.nice(5)


def resplit_version(ws: Workspace, project: str, number: int, holdout_ratio: float, seed: int | None = None,
                    report: Reporter = lambda p: None) -> DatasetVersionInfo:
    """A new dataset version with the same conversations as version ``number``, split again with
    another holdout share (a recipe's ``validation.holdout_ratio``). The version's train and holdout
    files are analysed again, so look-alike groups still land on one side; its sources are kept."""
    old = _version(ws, project, number)
    settings = ImportSettings(holdout_ratio=holdout_ratio, seed=old.settings.get("seed", 13) if seed is None else seed)
    files = _version_files(ws, old)
    with _scratch_draft(ws, files, settings, report) as draft:
        draft.put("sources", old.sources)
        draft.put("settings", {**draft.get("settings"), "resplit_of": number})
        return commit(ws, project, draft, report, action="dataset.resplit")


def base_version(ws: Workspace, project: str, number: int) -> dict[str, Any]:
    """What :func:`analyze` needs to add new files to version ``number``: its number, its sources,
    and its conversations' files (see :func:`_version_files`)."""
    old = _version(ws, project, number)
    return {"number": number, "sources": old.sources, "files": [str(f) for f in _version_files(ws, old)]}


def _version(ws: Workspace, project: str, number: int) -> DatasetVersionInfo:
    old = next((v for v in list_versions(ws, project) if v.number == number), None)
    if old is None:
        raise ValidationError(Msg("data.version_not_found", project=project, number=number))
    return old


def _version_files(ws: Workspace, v: DatasetVersionInfo) -> list[Path]:
    """A version's train and holdout files to analyse again, under readable names (links in the
    workspace's tmp folder, swept with old drafts; the stored files are never changed). An empty
    part (a version too small to hold any out) is left out: there is nothing in it to read."""
    folder = Path(tempfile.mkdtemp(prefix="base-", dir=drafts_folder(ws.paths.tmp)))
    files = []
    for part, sha in (("train", v.train_sha256), ("holdout", v.holdout_sha256)):
        target = ws.artifacts.path_for(sha)
        if target.stat().st_size:
            link = folder / f"v{v.number}-{part}.jsonl"
            link.symlink_to(target)
            files.append(link)
    return files


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
