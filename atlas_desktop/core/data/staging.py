"""The import draft: an analysis waiting for the analyst's review, in a SQLite file of its own.

The analysis of an import runs in a child process (``analyze_job``) and writes every valid
conversation, its redactions, the redacted-away values, its duplicate cluster and its side of
the split into a draft file under the workspace's ``tmp/imports``. The window then reads the
draft a page at a time (a screenful of rows, a few milliseconds a query) and never holds the
analysis itself, so its memory stays small at 200,000 conversations. The review's small edits
(undo a redaction) are single-row updates; what touches every conversation (keep N per
cluster, split again) and the final save run in a child process too (``rearrange_job``,
``commit_job``).

The draft holds the values that redaction removed, so it is created with mode 0600 and
deleted when the import is saved or abandoned; drafts older than a day are swept away.
"""

from __future__ import annotations

import json
import os
import sqlite3
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from atlas_desktop.core.messages import Msg, dumps, from_json, loads

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE conv(
  idx INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL, json TEXT NOT NULL, preview TEXT NOT NULL,
  intent TEXT NOT NULL, dialect TEXT NOT NULL, dialect_guess TEXT NOT NULL, dialect_confidence REAL NOT NULL,
  translated_score REAL NOT NULL, translated_reasons TEXT NOT NULL, arabic_share REAL NOT NULL,
  answer_chars INTEGER NOT NULL, style TEXT NOT NULL, length_outlier INTEGER NOT NULL DEFAULT 0,
  leader INTEGER NOT NULL, kind INTEGER NOT NULL, similarity REAL NOT NULL, rank INTEGER,
  grp INTEGER, kept INTEGER NOT NULL DEFAULT 0, holdout INTEGER NOT NULL DEFAULT 0);
CREATE TABLE invalid(id INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE TABLE redaction(id INTEGER PRIMARY KEY, conv INTEGER NOT NULL, placeholder TEXT NOT NULL, kind TEXT NOT NULL,
  needs_review INTEGER NOT NULL, first INTEGER NOT NULL, undone INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
CREATE TABLE original(conv INTEGER NOT NULL, placeholder TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(conv, placeholder));
CREATE TABLE cluster(leader INTEGER PRIMARY KEY, size INTEGER NOT NULL, exact INTEGER NOT NULL, near INTEGER NOT NULL, keep INTEGER);
"""
INDEXES = """
CREATE UNIQUE INDEX conv_where ON conv(file, line);
CREATE INDEX conv_leader ON conv(leader, idx);
CREATE INDEX conv_translated ON conv(kept, translated_score);
CREATE INDEX redaction_conv ON redaction(conv, placeholder);
CREATE INDEX redaction_queue ON redaction(first, undone, needs_review, id);
CREATE INDEX cluster_size ON cluster(size, leader);
"""
CONV_COLUMNS = ("idx", "file", "line", "json", "preview", "intent", "dialect", "dialect_guess", "dialect_confidence",
                "translated_score", "translated_reasons", "arabic_share", "answer_chars", "style", "leader", "kind",
                "similarity", "rank")
DRAFT_MAX_AGE_S = 24 * 3600
TRANSLATED_FLAG = 0.3
DOMINANT_SHARE = 0.10  # a cluster holding more than this share of the conversations is warned about


def drafts_folder(tmp: Path) -> Path:
    from atlas_desktop.core.private import private_dirs

    return private_dirs(Path(tmp) / "imports")


def new_draft_path(tmp: Path) -> Path:
    """A fresh draft's path; drafts left behind by a crash more than a day ago are removed."""
    folder = drafts_folder(tmp)
    for old in [*folder.glob("*.sqlite*"), *folder.glob("base-*")]:  # drafts, and links to a version an import added to
        try:
            if time.time() - old.lstat().st_mtime > DRAFT_MAX_AGE_S:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        except OSError:
            pass
    return folder / f"{uuid.uuid4().hex}.sqlite"


def remove_draft(path: Path | str | None) -> None:
    if path:
        for p in (Path(path), Path(f"{path}-journal")):
            p.unlink(missing_ok=True)


class ImportDraft:
    """One draft file. Open it on the thread that uses it; only one process writes at a time."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path, self.conn = Path(path), conn

    @classmethod
    def create(cls, path: Path) -> "ImportDraft":
        path = Path(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others, not even for an instant
        os.close(fd)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;" + SCHEMA)
        conn.execute("BEGIN")
        return cls(path, conn)

    @classmethod
    def open(cls, path: Path | str) -> "ImportDraft":
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(path)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA synchronous=OFF")
        return cls(path, conn)

    def close(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.close()

    # ------------------------------------------------------------------ meta
    def get(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, key: str, value: Any) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))

    def summary(self) -> dict[str, Any]:
        """The import's figures (see ``compute_summary``), as the last job that changed them left them."""
        return self.get("summary") or {}

    # ------------------------------------------------------------------ written by the analysis
    def add_invalid(self, file: str, line: int, reason: Msg | str) -> None:
        """An unusable record; the reason is stored as its message's JSON (see messages.dumps)."""
        self.conn.execute("INSERT INTO invalid(file, line, reason) VALUES (?, ?, ?)", (file, line, dumps(reason)))

    def add_conversation(self, row: tuple, redactions: list[dict[str, Any]], originals: dict[str, str]) -> None:
        """``row`` holds CONV_COLUMNS in order."""
        c = self.conn
        c.execute(f"INSERT INTO conv({', '.join(CONV_COLUMNS)}) VALUES ({', '.join('?' * len(CONV_COLUMNS))})", row)
        idx = row[0]
        if redactions:
            seen: set[str] = set()
            rows = []
            for r in redactions:
                ph = r["placeholder"]
                rows.append((idx, ph, r["kind"], int(bool(r["needs_review"])), int(ph not in seen), json.dumps(r, ensure_ascii=False)))
                seen.add(ph)
            c.executemany("INSERT INTO redaction(conv, placeholder, kind, needs_review, first, data) VALUES (?, ?, ?, ?, ?, ?)", rows)
        if originals:
            c.executemany("INSERT INTO original(conv, placeholder, value) VALUES (?, ?, ?)", [(idx, k, v) for k, v in originals.items()])

    def conversation_json(self, idx: int) -> str:
        return self.conn.execute("SELECT json FROM conv WHERE idx = ?", (idx,)).fetchone()[0]

    def finish_analysis(self, groups: dict[int, int], outliers: set[int]) -> None:
        c = self.conn
        c.executemany("UPDATE conv SET grp = ? WHERE idx = ?", [(g, i) for i, g in groups.items()])
        c.executemany("UPDATE conv SET length_outlier = 1 WHERE idx = ?", [(i,) for i in sorted(outliers)])
        c.execute("INSERT INTO cluster(leader, size, exact, near) SELECT leader, COUNT(*), SUM(kind = 1), SUM(kind = 2) FROM conv "
                  "GROUP BY leader HAVING COUNT(*) > 1")
        for statement in filter(str.strip, INDEXES.split(";")):  # executescript would commit the open transaction
            c.execute(statement)

    # ------------------------------------------------------------------ keep N per cluster, split
    def apply_keep(self, keep: int, overrides: dict[int, int] | None = None) -> None:
        """Keep each cluster's leader and its first ``keep - 1`` near copies (in file order; an
        exact copy adds nothing, so it is never kept). ``overrides``: leader -> its own number."""
        c = self.conn
        c.execute("UPDATE cluster SET keep = NULL")
        c.executemany("UPDATE cluster SET keep = ? WHERE leader = ?", [(n, lead) for lead, n in (overrides or {}).items()])
        c.execute("UPDATE conv SET kept = CASE WHEN kind = 0 THEN 1 WHEN kind = 2 AND rank < "
                  "COALESCE((SELECT keep FROM cluster WHERE cluster.leader = conv.leader), ?) THEN 1 ELSE 0 END", (keep,))

    def split_items(self) -> list[tuple[int, str, str, int]]:
        """(index, intent, dialect, look-alike group) of every kept conversation: a cluster's
        kept copies share their leader's group, so they land on the same side."""
        return self.conn.execute("SELECT c.idx, c.intent, c.dialect, COALESCE(l.grp, l.idx) FROM conv c JOIN conv l ON l.idx = c.leader "
                                 "WHERE c.kept = 1 ORDER BY c.idx").fetchall()

    def set_holdout(self, holdout: set[int]) -> None:
        c = self.conn
        c.execute("UPDATE conv SET holdout = 0")
        c.executemany("UPDATE conv SET holdout = 1 WHERE idx = ?", [(i,) for i in sorted(holdout)])

    # ------------------------------------------------------------------ figures
    def compute_summary(self) -> dict[str, Any]:
        """Every figure the wizard, the CLI and the dataset version show, from the draft as it is."""
        c = self.conn
        one = lambda sql, *a: c.execute(sql, a).fetchone()[0]  # noqa: E731
        read = one("SELECT COUNT(*) FROM conv")
        kept = one("SELECT COUNT(*) FROM conv WHERE kept = 1")
        holdout = one("SELECT COUNT(*) FROM conv WHERE kept = 1 AND holdout = 1")
        counts = lambda col: dict(c.execute(f"SELECT {col}, COUNT(*) FROM conv WHERE kept = 1 GROUP BY {col} ORDER BY {col}").fetchall())  # noqa: E731
        lengths = [r[0] for r in c.execute("SELECT answer_chars FROM conv WHERE kept = 1 ORDER BY answer_chars")]
        largest = c.execute("SELECT size, leader FROM cluster ORDER BY size DESC, leader LIMIT 1").fetchone()
        st = {
            "conversations": read, "kept": kept, "invalid": one("SELECT COUNT(*) FROM invalid"), "holdout": holdout, "train": kept - holdout,
            "redactions": dict(c.execute("SELECT r.kind, COUNT(*) FROM redaction r JOIN conv ON conv.idx = r.conv "
                                         "WHERE conv.kept = 1 AND r.undone = 0 GROUP BY r.kind ORDER BY r.kind").fetchall()),
            "duplicates": {"exact": one("SELECT COUNT(*) FROM conv WHERE kind = 1 AND kept = 0"),
                           "near": one("SELECT COUNT(*) FROM conv WHERE kind = 2 AND kept = 0"),
                           "clusters": one("SELECT COUNT(*) FROM cluster"), "largest_cluster": largest[0] if largest else 0},
            "intents": counts("intent"), "dialects": counts("dialect"),
            "translated_sounding": self.translated_count(),
            "non_arabic_answers": one("SELECT COUNT(*) FROM conv WHERE kept = 1 AND arabic_share < 0.5"),
            "length_outliers": one("SELECT COUNT(*) FROM conv WHERE kept = 1 AND length_outlier = 1"),
            "styles": counts("style"),
            "median_answer_chars": lengths[len(lengths) // 2] if lengths else 0,
        }
        # worked out here, in the child, rather than by a query on the window's thread when a step is shown
        self.put("review_count", self._count_review())
        self.put("split_by_intent", c.execute("SELECT intent, SUM(holdout = 0), SUM(holdout = 1) FROM conv WHERE kept = 1 "
                                              "GROUP BY intent ORDER BY intent").fetchall())
        step = max(1, len(lengths) // 5000)  # enough for the length chart's shape
        self.put("answer_lengths", lengths[::step])
        self.put("dominant_cluster", {"size": largest[0], "share": largest[0] / read, "preview": self.preview(largest[1])}
                 if largest and read and largest[0] / read > DOMINANT_SHARE else None)
        self.put("summary", st)
        return st

    def preview(self, idx: int) -> str:
        return self.conn.execute("SELECT preview FROM conv WHERE idx = ?", (idx,)).fetchone()[0]

    # ------------------------------------------------------------------ read by the review (a page at a time)
    def invalid_page(self, offset: int, limit: int) -> list[tuple[str, int, Msg | str]]:
        """(file, line, reason) of unusable records; the reason a Msg (plain text in a draft written before the codes)."""
        rows = self.conn.execute("SELECT file, line, reason FROM invalid ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [(f, ln, loads(r)) for f, ln, r in rows]

    def invalid_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM invalid").fetchone()[0]

    _QUEUE = ("FROM redaction r JOIN conv c ON c.idx = r.conv LEFT JOIN original o ON o.conv = r.conv AND o.placeholder = r.placeholder "
              "WHERE r.first = 1 AND r.undone = 0 AND c.kept = 1")

    def review_count(self) -> int:
        """Redactions to review: one per value per kept conversation (counted when the figures were)."""
        n = self.get("review_count")
        return n if n is not None else self._count_review()

    def _count_review(self) -> int:
        return self.conn.execute(f"SELECT COUNT(*) {self._QUEUE}").fetchone()[0]

    def review_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        """Names (the hard case) and others that need a look first, then in file order."""
        rows = self.conn.execute(f"SELECT r.data, c.file, c.line, c.idx, COALESCE(o.value, '') {self._QUEUE} "
                                 "ORDER BY r.needs_review DESC, r.id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [{**json.loads(data), "file": file, "line": line, "conv": idx, "value": value} for data, file, line, idx, value in rows]

    def index_of(self, file: str, line: int) -> int:
        from atlas_desktop.core.errors import ValidationError

        row = self.conn.execute("SELECT idx FROM conv WHERE file = ? AND line = ?", (file, line)).fetchone()
        if row is None:
            raise ValidationError(Msg("data.draft.no_conversation", file=file, line=line))
        return row[0]

    def messages(self, idx: int) -> list[dict[str, str]]:
        return json.loads(self.conversation_json(idx))["messages"]

    def originals(self, idx: int) -> dict[str, str]:
        return dict(self.conn.execute("SELECT placeholder, value FROM original WHERE conv = ?", (idx,)).fetchall())

    def original_messages(self, idx: int) -> list[dict[str, str]]:
        """The conversation as it was before redaction, for review."""
        values = self.originals(idx)
        out = []
        for m in self.messages(idx):
            text = m["content"]
            for ph in sorted(values, key=len, reverse=True):  # [PHONE_2] before [PHONE]
                text = text.replace(ph, values[ph])
            out.append({"role": m["role"], "content": text})
        return out

    def undo_redaction(self, idx: int, placeholder: str) -> None:
        """A reviewer's verdict that a redaction was a false positive: the value goes back, in one transaction."""
        import re

        from atlas_desktop.core.errors import ValidationError

        c = self.conn
        row = c.execute("SELECT value FROM original WHERE conv = ? AND placeholder = ?", (idx, placeholder)).fetchone()
        if row is None:
            raise ValidationError(Msg("data.draft.not_redacted", placeholder=placeholder))
        rec = json.loads(self.conversation_json(idx))
        for m in rec["messages"]:
            m["content"] = re.sub(re.escape(placeholder) + r"(?![_\d])", row[0].replace("\\", "\\\\"), m["content"])
        c.execute("BEGIN")
        try:
            c.execute("UPDATE conv SET json = ? WHERE idx = ?", (json.dumps(rec, ensure_ascii=False), idx))
            c.execute("UPDATE redaction SET undone = 1 WHERE conv = ? AND placeholder = ?", (idx, placeholder))
            c.execute("DELETE FROM original WHERE conv = ? AND placeholder = ?", (idx, placeholder))
            st = self.summary()
            kind = c.execute("SELECT kind, COUNT(*) FROM redaction WHERE conv = ? AND placeholder = ? GROUP BY kind", (idx, placeholder)).fetchone()
            if st and kind and kind[0] in st.get("redactions", {}):
                st["redactions"][kind[0]] -= kind[1]
                if st["redactions"][kind[0]] <= 0:
                    del st["redactions"][kind[0]]
                self.put("summary", st)
            if self.get("review_count") is not None:
                self.put("review_count", self.get("review_count") - 1)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def undone(self) -> list[dict[str, Any]]:
        return [{"file": f, "line": ln, "placeholder": ph} for f, ln, ph in self.conn.execute(
            "SELECT c.file, c.line, r.placeholder FROM redaction r JOIN conv c ON c.idx = r.conv WHERE r.undone = 1 AND r.first = 1 ORDER BY r.id")]

    def cluster_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM cluster").fetchone()[0]

    def cluster_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        """Clusters, largest first: the kept representative, sizes, and how many are kept."""
        keep = int(self.get("settings", {}).get("keep_per_cluster", 1))
        rows = self.conn.execute("SELECT k.leader, k.size, k.exact, k.near, k.keep, c.file, c.line, c.preview FROM cluster k "
                                 "JOIN conv c ON c.idx = k.leader ORDER BY k.size DESC, k.leader LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [{"leader": lead, "size": size, "exact": ex, "near": nr, "keep": own if own is not None else keep, "own_keep": own is not None,
                 "file": f, "line": ln, "preview": pv, "kept": min(size - ex, own if own is not None else keep)}
                for lead, size, ex, nr, own, f, ln, pv in rows]

    def cluster_members(self, leader: int, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT idx, file, line, kind, similarity, kept, preview FROM conv WHERE leader = ? ORDER BY idx LIMIT ?",
                                 (leader, limit)).fetchall()
        kinds = {0: "representative", 1: "exact", 2: "near"}
        return [{"idx": i, "file": f, "line": ln, "kind": kinds[k], "similarity": s, "kept": bool(kp), "preview": pv} for i, f, ln, k, s, kp, pv in rows]

    def translated_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM conv WHERE kept = 1 AND translated_score >= ?", (TRANSLATED_FLAG,)).fetchone()[0]

    def translated_page(self, offset: int, limit: int) -> list[tuple[str, int, float, list[Msg | str]]]:
        """(file, line, score, reasons) of answers that sound translated; the reasons are Msg objects."""
        rows = self.conn.execute("SELECT file, line, translated_score, translated_reasons FROM conv WHERE kept = 1 AND translated_score >= ? "
                                 "ORDER BY translated_score DESC, idx LIMIT ? OFFSET ?", (TRANSLATED_FLAG, limit, offset)).fetchall()
        return [(f, ln, s, from_json(json.loads(r))) for f, ln, s, r in rows]

    def split_by_intent(self) -> list[tuple[str, int, int]]:
        """(intent, train, holdout) of the kept conversations (counted when the figures were)."""
        return [tuple(r) for r in self.get("split_by_intent", [])]

    def kept_lines(self, holdout: bool) -> Any:
        return (r[0] for r in self.conn.execute("SELECT json FROM conv WHERE kept = 1 AND holdout = ? ORDER BY idx", (int(holdout),)))

