"""The whole import: sample data end to end, versions, immutability, refusal, CLI JSON."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from atlas_desktop.core.data.pipeline import ImportSettings, analyze, diff_versions, import_files, list_versions, purge_raw
from atlas_desktop.core.demo import DEMO_PROJECT, ensure_demo_project
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.storage import audit

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "banking_conversations.jsonl"
MANIFEST = json.loads((ROOT / "resources" / "samples" / "MANIFEST.json").read_text(encoding="utf-8"))
SEED = ['{"messages": [{"role": "system", "content": "You are a banking assistant."}, {"role": "user", "content": "كيف أفتح حساباً للشركات؟"}, {"role": "assistant", "content": "يمكنك فتح حساب شركات عبر ..."}]}',
        '{"messages": [{"role": "system", "content": "You are a banking assistant."}, {"role": "user", "content": "ما هي رسوم التحويل؟"}, {"role": "assistant", "content": "تختلف الرسوم حسب ..."}]}']


def test_sample_end_to_end(workspace) -> None:  # noqa: ANN001
    ensure_demo_project(workspace)
    before = SAMPLE.read_bytes()
    version, a = import_files(workspace, DEMO_PROJECT.name, [SAMPLE])
    st = version.stats
    assert st["conversations"] == MANIFEST["conversations_valid"] and st["kept"] == MANIFEST["unique_conversations"]
    assert st["duplicates"] == {"exact": MANIFEST["exact_duplicates"], "near": MANIFEST["near_duplicates"]}
    assert sorted(x["line"] for x in a.invalid) == MANIFEST["malformed_lines"]
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


def test_versions_are_immutable_and_comparable(sqlite_workspace, tmp_path: Path) -> None:  # noqa: ANN001
    ws = sqlite_workspace
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


def test_a_refused_file_leaves_nothing_behind(sqlite_workspace, tmp_path: Path) -> None:  # noqa: ANN001
    ws = sqlite_workspace
    ensure_demo_project(ws)
    bad = tmp_path / "photo.jsonl"
    bad.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ValidationError, match="binary file"):
        import_files(ws, DEMO_PROJECT.name, [SAMPLE, bad])
    assert list_versions(ws, DEMO_PROJECT.name) == []
    assert not ws.paths.raw.exists() or not list(ws.paths.raw.iterdir())


def test_analysis_is_repeatable() -> None:
    a, b = analyze([SAMPLE]), analyze([SAMPLE])
    assert a.lines == b.lines and a.holdout == b.holdout


def test_cli_data_import_json(tmp_path: Path) -> None:
    def atlas(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "atlas_desktop.cli", *args], capture_output=True, text=True, timeout=300)

    assert atlas("demo", "init", "--skip-model").returncode == 0
    out = atlas("data", "import", str(SAMPLE), "--project", DEMO_PROJECT.name, "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {"dataset_version", "conversations", "kept", "invalid", "redactions", "duplicates", "holdout", "warnings"} <= set(got)
    assert got["dataset_version"] == 1 and got["duplicates"] == {"exact": 9, "near": 10}
    assert {"file", "line", "reason"} <= set(got["invalid"][0]) and got["invalid"][0]["line"] >= 1
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
    assert parallel.lines == serial.lines and parallel.holdout == serial.holdout
    assert parallel.redactions == serial.redactions and parallel.clusters == serial.clusters


def test_a_record_fixed_in_the_wizard_is_used_and_recorded(tmp_path: Path) -> None:
    from atlas_desktop.core.data.pipeline import check_fix, source_text

    src = tmp_path / "chats.jsonl"
    src.write_text(SEED[0] + "\n" + '{"messages": [{"role": "user", "content": "متى يفتح الفرع؟"}, {"role": "bot", "content": "من التاسعة."}]}\n', encoding="utf-8")
    before = src.read_bytes()
    a = analyze([src])
    assert [x["line"] for x in a.invalid] == [2]
    bad_text = source_text(src, 2)
    assert "bot" in bad_text and check_fix(bad_text).startswith("message 2 has the unknown role")
    fixed = bad_text.replace('"bot"', '"assistant"')
    assert check_fix(fixed) is None
    b = analyze([src], ImportSettings(fixes={"chats.jsonl": {2: fixed}}))
    assert b.invalid == [] and b.read == 2 and b.fixed == [{"file": "chats.jsonl", "line": 2}]
    assert src.read_bytes() == before  # the fix lives in the import, never in the user's file


def test_an_import_in_the_window_leaves_it_a_core(monkeypatch: pytest.MonkeyPatch) -> None:
    from atlas_desktop.core.data import pipeline

    monkeypatch.delenv("ATLAS_IMPORT_WORKERS", raising=False)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    big = pipeline.PARALLEL_MIN_BYTES * 10
    assert pipeline._worker_count(big) == 2
    assert pipeline._worker_count(big, interactive=True) == 1
    assert pipeline._worker_count(pipeline.PARALLEL_MIN_BYTES - 1, interactive=True) == 0


def test_the_review_lookups_follow_an_undo_and_a_released_analysis_is_empty() -> None:
    import threading

    from atlas_desktop.core.data.pipeline import original_text, release_in_background, undo_redaction

    a = analyze([SAMPLE])
    queue = a.review_queue()
    assert queue and len({(r["file"], r["line"], r["placeholder"]) for r in queue}) == len(queue)
    assert queue[0]["needs_review"]  # names, the hard case, first
    r = queue[0]
    value = a.originals_at(r["file"], r["line"])[r["placeholder"]]
    assert value in "".join(m["content"] for m in original_text(a, r["file"], r["line"]))
    undo_redaction(a, r["file"], r["line"], r["placeholder"])
    assert r not in a.review_queue() and r["placeholder"] not in a.originals_at(r["file"], r["line"])
    assert value in a.lines[a.index_of(r["file"], r["line"])]
    with pytest.raises(ValidationError, match="No kept conversation"):
        a.index_of(r["file"], 10**9)
    release_in_background(a)
    for t in threading.enumerate():
        if t.name == "release-analysis":
            t.join(10)
    assert not (a.lines or a.meta or a.redactions or a.originals or a.holdout or a.groups)
