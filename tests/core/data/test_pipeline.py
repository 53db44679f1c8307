"""The whole import: sample data end to end, versions, immutability, refusal, CLI JSON."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from atlas_desktop.core.data.pipeline import ImportSettings, analyze, diff_versions, import_files, list_versions, purge_raw
from atlas_desktop.core.demo import DEMO_PROJECT, SAMPLE_CONVERSATIONS, ensure_demo_project
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import render
from atlas_desktop.core.storage import audit

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "banking_conversations.jsonl"
MANIFEST = json.loads((ROOT / "resources" / "samples" / "MANIFEST.json").read_text(encoding="utf-8"))
SEED = ['{"messages": [{"role": "system", "content": "You are a banking assistant."}, {"role": "user", "content": "كيف أفتح حساباً للشركات؟"}, {"role": "assistant", "content": "يمكنك فتح حساب شركات عبر ..."}]}',
        '{"messages": [{"role": "system", "content": "You are a banking assistant."}, {"role": "user", "content": "ما هي رسوم التحويل؟"}, {"role": "assistant", "content": "تختلف الرسوم حسب ..."}]}']


def test_sample_end_to_end(workspace) -> None:  # noqa: ANN001
    ensure_demo_project(workspace)
    before = SAMPLE.read_bytes()
    version, figures = import_files(workspace, DEMO_PROJECT.name, [SAMPLE])
    st = version.stats
    assert st["conversations"] == MANIFEST["conversations_valid"] and st["kept"] == MANIFEST["unique_conversations"]
    dup = st["duplicates"]
    assert (dup["exact"], dup["near"]) == (MANIFEST["exact_duplicates"], MANIFEST["near_duplicates"]) and dup["largest_cluster"] == 2
    assert sorted(x["line"] for x in figures["invalid_records"]) == MANIFEST["malformed_lines"]
    assert sum(st["redactions"].values()) >= MANIFEST["sensitive_values"] - 1
    assert st["holdout"] + st["train"] == st["kept"] and st["translated_sounding"] >= 8
    train = workspace.artifacts.path_for(version.train_sha256).read_text(encoding="utf-8")
    assert not [p for p in MANIFEST["sensitive"] if p["kind"] != "NAME" and p["value"] in train]
    report = json.loads(workspace.artifacts.path_for(version.report_sha256).read_text(encoding="utf-8"))
    assert report["invalid"] and report["duplicates"] and report["redactions"]
    assert not any(p["value"] in json.dumps(report, ensure_ascii=False) for p in MANIFEST["sensitive"])
    raw = workspace.paths.home / version.raw_path
    assert raw.is_file() and any(p["value"] in raw.read_text(encoding="utf-8") for p in MANIFEST["sensitive"])
    assert SAMPLE.read_bytes() == before  # the user's file is never modified
    with workspace.unit_of_work() as s:
        assert audit.recent(s, 1)[0].action == "dataset.imported"
    assert purge_raw(workspace, DEMO_PROJECT.name) == 1 and not raw.exists()


def test_versions_are_immutable_and_comparable(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    ws = workspace
    ensure_demo_project(ws)
    seed = tmp_path / "seed.jsonl"
    seed.write_text("\n".join(SEED) + "\n", encoding="utf-8")
    v1, _ = import_files(ws, DEMO_PROJECT.name, [seed], ImportSettings(holdout_ratio=0.5))
    assert v1.stats["kept"] == 2  # the seed's two lines import as written
    v2, _ = import_files(ws, DEMO_PROJECT.name, [seed, SAMPLE])
    versions = list_versions(ws, DEMO_PROJECT.name)
    assert [v.number for v in versions] == [1, 2] and versions[0].sha256 == v1.sha256 and versions[0].stats == v1.stats
    assert ws.artifacts.verify(v1.train_sha256)
    d = diff_versions(v1, v2)
    assert d["kept"]["from"] == 2 and d["sources_added"] == ["banking_conversations.jsonl"]


def test_a_refused_file_leaves_nothing_behind(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    ws = workspace
    ensure_demo_project(ws)
    bad = tmp_path / "photo.jsonl"
    bad.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ValidationError, match="binary file"):
        import_files(ws, DEMO_PROJECT.name, [SAMPLE, bad])
    assert list_versions(ws, DEMO_PROJECT.name) == []
    assert not ws.paths.raw.exists() or not list(ws.paths.raw.iterdir())


def kept(draft) -> tuple[list[str], list[str]]:  # noqa: ANN001
    return list(draft.kept_lines(holdout=False)), list(draft.kept_lines(holdout=True))


def test_analysis_is_repeatable() -> None:
    a, b = analyze([SAMPLE]), analyze([SAMPLE])
    assert kept(a) == kept(b) and a.summary() == b.summary()


def test_cli_data_import_json(workspace, tmp_path: Path) -> None:  # noqa: ANN001 - on each back-end
    def atlas(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "atlas_desktop.cli", *args], capture_output=True, text=True, timeout=300)

    assert atlas("demo", "init", "--skip-model").returncode == 0
    out = atlas("data", "import", str(SAMPLE), "--project", DEMO_PROJECT.name, "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {"dataset_version", "conversations", "kept", "invalid", "redactions", "duplicates", "holdout", "warnings"} <= set(got)
    assert got["dataset_version"] == 1 and got["duplicates"] == {"exact": 9, "near": 10, "clusters": 19, "largest_cluster": 2}
    assert {"file", "line", "reason", "reason_code"} <= set(got["invalid"][0]) and got["invalid"][0]["line"] >= 1
    assert render(got["invalid"][0]["reason_code"], "en") == got["invalid"][0]["reason"]  # English for scripts, the code for any language
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    refused = atlas("data", "import", str(empty), "--project", DEMO_PROJECT.name)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1 and "is empty" in refused.stderr
    listed = json.loads(atlas("data", "list", "--project", DEMO_PROJECT.name, "--json").stdout)
    assert [v["dataset_version"] for v in listed] == [1]
    purged = atlas("data", "purge-raw", "--project", DEMO_PROJECT.name)
    assert purged.returncode == 0 and "1 dataset versions" in purged.stdout


@pytest.mark.slow
def test_worker_processes_give_exactly_the_same_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    import atlas_desktop.core.data.pipeline as pipeline

    serial = analyze([SAMPLE])
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setenv("ATLAS_IMPORT_WORKERS", "2")
    parallel = analyze([SAMPLE])
    assert kept(parallel) == kept(serial) and parallel.summary() == serial.summary()
    assert parallel.review_page(0, 10**6) == serial.review_page(0, 10**6)
    assert parallel.cluster_page(0, 10**6) == serial.cluster_page(0, 10**6)


def test_a_record_fixed_in_the_wizard_is_used_and_recorded(tmp_path: Path) -> None:
    from atlas_desktop.core.data.pipeline import check_fix, source_text

    src = tmp_path / "chats.jsonl"
    src.write_text(SEED[0] + "\n" + '{"messages": [{"role": "user", "content": "متى يفتح الفرع؟"}, {"role": "bot", "content": "من التاسعة."}]}\n', encoding="utf-8")
    before = src.read_bytes()
    a = analyze([src])
    assert [x[1] for x in a.invalid_page(0, 10)] == [2]
    bad_text = source_text(src, 2)
    assert "bot" in bad_text and str(check_fix(bad_text)).startswith("message 2 has the unknown role")
    assert render(check_fix(bad_text), "ar").startswith("دور الرسالة ٢ غير معروف")
    assert render(a.invalid_page(0, 10)[0][2], "ar") == render(check_fix(bad_text), "ar")  # the draft gives the code back
    fixed = bad_text.replace('"bot"', '"assistant"')
    assert check_fix(fixed) is None
    b = analyze([src], ImportSettings(fixes={"chats.jsonl": {2: fixed}}))
    assert b.invalid_count() == 0 and b.summary()["conversations"] == 2 and b.get("fixed") == [{"file": "chats.jsonl", "line": 2}]
    assert src.read_bytes() == before  # the fix lives in the import, never in the user's file


def test_a_draft_stores_reasons_as_codes_and_still_reads_plain_text_ones(tmp_path: Path) -> None:
    from atlas_desktop.core.data.staging import ImportDraft
    from atlas_desktop.core.data.validate import problem

    d = ImportDraft.create(tmp_path / "draft.sqlite")
    d.add_invalid("a.jsonl", 3, problem([]))
    d.conn.execute("INSERT INTO invalid(file, line, reason) VALUES ('a.jsonl', 4, 'the conversation has no messages')")  # an older draft's
    [(_, _, coded), (_, _, plain)] = d.invalid_page(0, 10)
    assert d.conn.execute("SELECT reason FROM invalid WHERE line = 3").fetchone()[0].startswith('{"code": "data.record.no_messages"')
    assert render(coded, "ar") == "المحادثة خالية من الرسائل" and plain == "the conversation has no messages"
    d.close()


def test_an_import_under_a_window_uses_every_core_niced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window is a process of its own: the analysis may use both cores of this VM, niced so
    that the window runs as soon as it wakes (bench/data_import.py measures its stalls)."""
    from atlas_desktop.core.data import pipeline

    monkeypatch.delenv("ATLAS_IMPORT_WORKERS", raising=False)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    big = pipeline.PARALLEL_MIN_BYTES * 10
    assert pipeline._worker_count(big) == 2 and pipeline._worker_count(big, interactive=True) == 2
    assert pipeline._worker_count(pipeline.PARALLEL_MIN_BYTES - 1, interactive=True) == 0
    niced = []
    monkeypatch.setattr(pipeline.os, "nice", niced.append)
    pipeline._nice({"interactive": True})
    pipeline._nice({})
    assert niced == [5]


def test_the_review_reads_pages_and_an_undo_puts_the_value_back() -> None:
    d = analyze([SAMPLE])
    queue = d.review_page(0, 10**6)
    assert len(queue) == d.review_count() and len({(r["conv"], r["placeholder"]) for r in queue}) == len(queue)
    assert queue[0]["needs_review"] and queue[0]["kind"] == "NAME"  # names, the hard case, first
    assert d.review_page(5, 3) == queue[5:8]
    r = queue[0]
    assert r["value"] and r["value"] in "".join(m["content"] for m in d.original_messages(r["conv"]))
    before = d.summary()["redactions"]["NAME"]
    d.undo_redaction(r["conv"], r["placeholder"])
    assert d.review_count() == len(queue) - 1 and r["placeholder"] not in d.originals(r["conv"])
    assert r["value"] in json.dumps(d.messages(r["conv"]), ensure_ascii=False)
    assert d.summary()["redactions"]["NAME"] < before and d.undone() == [{"file": r["file"], "line": r["line"], "placeholder": r["placeholder"]}]
    with pytest.raises(ValidationError, match="No conversation"):
        d.index_of(r["file"], 10**9)


def _templated(path: Path, n: int, templates: int = 1) -> Path:
    """A help desk's export: canned exchanges that differ only by a ticket number."""
    lines = []
    topics = ["البطاقة الائتمانية", "القرض الشخصي", "الحساب الجاري", "التحويل الدولي"]
    for i in range(n):
        t = topics[i % templates]
        lines.append(json.dumps({"messages": [{"role": "user", "content": f"التذكرة رقم {100000 + i} بخصوص {t} لم تحل بعد"},
                                              {"role": "assistant", "content": f"نعتذر عن التأخير في طلب {t}، فريقنا يعمل عليه."}]},
                                ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_clusters_keep_one_or_n_and_a_dominant_exchange_is_a_warning(tmp_path: Path) -> None:
    from atlas_desktop.core.data.pipeline import rearrange

    src = _templated(tmp_path / "tickets.jsonl", 300, templates=3)
    d = analyze([src], ImportSettings(holdout_ratio=0.34))
    st = d.summary()
    assert st["kept"] == 3 and st["duplicates"] == {"exact": 0, "near": 297, "clusters": 3, "largest_cluster": 100}
    clusters = d.cluster_page(0, 10)
    assert [c["size"] for c in clusters] == [100, 100, 100] and clusters[0]["kept"] == 1
    assert [m["kind"] for m in d.cluster_members(clusters[0]["leader"], 3)] == ["representative", "near", "near"]
    warnings = d.get("warnings")
    assert any(w["code"] == "data.warning.dominant_cluster" and w["params"]["pct"] == 33 for w in warnings)  # each is 33% of the data
    from atlas_desktop.core.messages import render

    assert any("near-copies of" in render(w, "en") for w in warnings) and any("نسخة شبه مطابقة" in render(w, "ar") for w in warnings)
    # keep 5 of each, and 20 of the first cluster: a cluster's copies stay on one side of the split
    first = f"{clusters[0]['file']}:{clusters[0]['line']}"
    st = rearrange(d, ImportSettings(holdout_ratio=0.34, keep_per_cluster=5, cluster_keep={first: 20}))
    assert st["kept"] == 30 and st["duplicates"]["near"] == 270
    sides = {}
    for idx, _intent, _dialect, group in d.split_items():
        sides.setdefault(group, set()).add(idx in {i for (i,) in d.conn.execute("SELECT idx FROM conv WHERE holdout = 1")})
    assert all(len(s) == 1 for s in sides.values())


def test_a_file_of_one_conversation_repeated_is_one_cluster(tmp_path: Path) -> None:
    src = tmp_path / "same.jsonl"
    src.write_text((SEED[0] + "\n") * 5000, encoding="utf-8")
    st = analyze([src]).summary()
    assert st["kept"] == 1 and st["duplicates"]["exact"] == 4999 and st["duplicates"]["largest_cluster"] == 5000


def test_a_cancelled_analysis_leaves_no_draft(tmp_path: Path) -> None:
    from atlas_desktop.core.jobs import Cancelled, CancelToken

    token = CancelToken()
    token.cancel()
    path = tmp_path / "draft.sqlite"
    with pytest.raises(Cancelled):
        analyze([_templated(tmp_path / "t.jsonl", 2000)], cancel=token, draft_path=path)
    assert not path.exists()


def _run_analysis_child(tmp_path: Path, n: int, on_progress) -> tuple[Any, Path]:  # noqa: ANN001
    """The window's path: the analysis in a child process, supervised by core.child.
    ``on_progress(progress, cancel_token, child)`` is called at each progress report."""
    import dataclasses

    from atlas_desktop.core.child import run_child
    from atlas_desktop.core.jobs import CancelToken

    src = _templated(tmp_path / "big.jsonl", n, templates=4)
    draft = tmp_path / "draft.sqlite"
    token = CancelToken()
    children: list = []
    config = {"files": [str(src)], "settings": dataclasses.asdict(ImportSettings()), "draft": str(draft)}
    return lambda: run_child("atlas_desktop.core.data.pipeline:analyze_job", config, lambda p: on_progress(p, token, children[0]), token,
                             on_start=children.append), draft


def test_the_analysis_runs_in_a_child_and_cancel_stops_it_within_2_s(tmp_path: Path) -> None:
    import os
    import time

    from atlas_desktop.core.jobs import Cancelled

    when = {}

    def cancel_at_first_progress(p, token, child) -> None:  # noqa: ANN001
        assert child.proc.pid != os.getpid()
        if not token.cancelled:
            when["cancel"] = time.monotonic()
            token.cancel()

    run, draft = _run_analysis_child(tmp_path, 60000, cancel_at_first_progress)
    with pytest.raises(Cancelled):
        run()
    assert time.monotonic() - when["cancel"] < 2.0
    assert not draft.exists()  # nothing half-written is left


def test_a_killed_analysis_child_is_a_readable_error_and_the_next_import_works(tmp_path: Path) -> None:
    import os
    import signal

    from atlas_desktop.core.child import ChildFailed
    from atlas_desktop.core.data.staging import remove_draft

    def kill_at_first_progress(p, token, child) -> None:  # noqa: ANN001
        if child.proc.poll() is None:
            os.killpg(child.proc.pid, signal.SIGKILL)

    run, draft = _run_analysis_child(tmp_path, 60000, kill_at_first_progress)
    with pytest.raises(ChildFailed, match="was killed"):
        run()
    remove_draft(draft)  # what the window does with a dead child's draft
    assert analyze([SAMPLE]).summary()["kept"] == MANIFEST["unique_conversations"]


def test_a_conversation_of_several_megabytes_imports(tmp_path: Path) -> None:
    import random

    rng = random.Random(5)
    words = "الحساب البطاقة التحويل الرسوم الفرع القرض التطبيق العميل الخدمة الطلب الشكوى الرصيد الفاتورة".split()
    answer = " ".join(rng.choice(words) for _ in range(400_000))  # about 2.9 MB
    src = tmp_path / "long.jsonl"
    src.write_text(json.dumps({"messages": [{"role": "user", "content": "اشرح لي كل شيء عن الحساب"},
                                            {"role": "assistant", "content": answer}]}, ensure_ascii=False) + "\n" + SEED[0] + "\n", encoding="utf-8")
    d = analyze([src])
    assert d.summary()["kept"] == 2 and d.summary()["length_outliers"] == 0
    assert any(len(line) > 2_000_000 for line in d.kept_lines(False)) or any(len(line) > 2_000_000 for line in d.kept_lines(True))


def test_a_second_import_adds_to_the_current_version(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    """Issue #14 item 17: the new version keeps the previous one's conversations and sources."""
    from atlas_desktop.core.data.pipeline import analyze, base_version, commit, diff_versions

    project, _ = ensure_demo_project(workspace)
    v1, _ = import_files(workspace, project, [SAMPLE_CONVERSATIONS])
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"messages": [{"role": "user", "content": "هل يمكنني تغيير رقم جوالي من التطبيق؟"}, '
                     '{"role": "assistant", "content": "نعم، من الإعدادات ثم البيانات الشخصية."}]}\n', encoding="utf-8")
    base = base_version(workspace, project, v1.number)
    draft = analyze([extra, SAMPLE_CONVERSATIONS], base=base, home=workspace.paths.home)  # the sample again: all duplicates
    v2 = commit(workspace, project, draft)
    assert [s["name"] for s in v2.sources] == [*(s["name"] for s in v1.sources), "extra.jsonl"]  # the sample once
    assert v2.stats["kept"] == v1.stats["kept"] + 1 and v2.settings["extends"] == v1.number
    assert diff_versions(v1, v2)["sources_added"] == ["extra.jsonl"]  # the sample's hash is already a source


def test_a_version_with_no_holdout_can_be_split_again_and_added_to(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    """Two conversations hold none out at 0.15: its empty holdout file is not an input to re-read."""
    from atlas_desktop.core.data.pipeline import analyze, base_version, commit, resplit_version

    project, _ = ensure_demo_project(workspace)
    two = tmp_path / "two.jsonl"
    pairs = [("كيف أفعّل البطاقة الجديدة؟", "من التطبيق: البطاقات ثم تفعيل."), ("متى يفتح فرع العليا؟", "من الثامنة صباحاً حتى الرابعة.")]
    two.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}, ensure_ascii=False) + "\n"
                           for q, a in pairs), encoding="utf-8")
    v1, _ = import_files(workspace, project, [two])
    assert v1.stats["holdout"] == 0
    v2 = resplit_version(workspace, project, v1.number, 0.5)
    assert v2.stats["kept"] == 2 and v2.stats["holdout"] == 1
    v3 = commit(workspace, project, analyze([SAMPLE_CONVERSATIONS], base=base_version(workspace, project, v1.number), home=workspace.paths.home))
    assert v3.stats["kept"] > 2 and v3.settings["extends"] == v1.number
