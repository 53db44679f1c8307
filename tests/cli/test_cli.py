"""The `atlas` command, run as a user runs it (a real subprocess)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def backend(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every command on SQLite and on a real PostgreSQL server."""
    if not database_url.startswith("sqlite"):
        monkeypatch.setenv("ATLAS_DATABASE_URL", database_url)
    return database_url


def atlas(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", *args], capture_output=True, text=True, timeout=180)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_version() -> None:
    from atlas_desktop import __version__

    assert atlas("--version", check=True).stdout.strip() == f"atlas {__version__}"


def test_project_create_and_list_json() -> None:
    created = json.loads(atlas("project", "create", "مساعد البنك", "--dialects", "gulf,msa", "--json", check=True).stdout)
    assert created["name"] == "مساعد البنك" and created["dialects"] == ["gulf", "msa"]
    listed = json.loads(atlas("project", "list", "--json", check=True).stdout)
    assert [p["name"] for p in listed] == ["مساعد البنك"]
    edited = json.loads(atlas("project", "edit", "مساعد البنك", "--system-prompt", "أنت مساعد مصرفي.", "--json", check=True).stdout)
    assert edited["system_prompt"] == "أنت مساعد مصرفي."


@pytest.mark.parametrize("args", [
    ("project", "create", ""),
    ("project", "create", "x", "--dialects", "klingon"),
    ("project", "frobnicate"),
    ("models", "import-base", "/no/such/model", "--name", "m"),
    ("gui", "--screenshot", "x.png", "--page", "nowhere"),
    ("gui", "--screenshot", "x.png", "--lang", "fr"),
])
def test_bad_input_is_one_plain_line_and_exit_2(args: tuple[str, ...]) -> None:
    out = atlas(*args)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("atlas: ") and "Traceback" not in out.stderr


def test_debug_shows_the_traceback() -> None:
    out = atlas("--debug", "project", "create", "")
    assert out.returncode != 0 and "Traceback" in out.stderr


def test_doctor_json_reports_the_machine() -> None:
    report = json.loads(atlas("doctor", "--json", check=True).stdout)
    assert report["torch"]["device"] in ("cpu", "cuda", "mps")
    assert report["database"]["schema_revision"] and report["offline"] is True
    assert isinstance(report["arabic_fonts"], list)


def test_audit_verify_catches_an_edited_row(atlas_home: Path, backend: str) -> None:
    if not backend.startswith("sqlite"):
        pytest.skip("edits the SQLite file by hand (tests/core/storage/test_audit.py covers PostgreSQL)")
    atlas("project", "create", "Alpha", check=True)
    atlas("project", "create", "Beta", check=True)
    assert "intact: 3 events" in atlas("audit", "verify", check=True).stdout
    import sqlite3

    conn = sqlite3.connect(atlas_home / "atlas.db")
    conn.execute("DROP TRIGGER audit_event_no_update")
    conn.execute("UPDATE audit_event SET details = '{\"name\":\"Gamma\"}' WHERE seq = 2")
    conn.commit()
    conn.close()
    out = atlas("audit", "verify")
    assert out.returncode == 1 and "broken at event 2" in out.stderr
    got = json.loads(atlas("audit", "verify", "--json").stdout)
    assert got["bad_seq"] == 2 and got["reason"] == "its contents were changed after it was written" and got["reason_code"]["code"] == "audit.changed"
    ar = atlas("--lang", "ar", "audit", "verify")
    assert ar.returncode == 1 and "سجل التدقيق مكسور عند الحدث ٢: غُيّر محتواه بعد كتابته" in ar.stderr


def test_a_newer_database_is_refused_by_every_command(atlas_home: Path, backend: str) -> None:
    if not backend.startswith("sqlite"):
        pytest.skip("edits the SQLite file by hand (tests/core/storage/test_db.py covers PostgreSQL)")
    atlas("project", "list", check=True)
    import sqlite3

    conn = sqlite3.connect(atlas_home / "atlas.db")
    conn.execute("UPDATE alembic_version SET version_num = '0999_future'")
    conn.commit()
    conn.close()
    out = atlas("project", "list")
    assert out.returncode == 2 and "newer version of Atlas" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_models_list_and_demo_init(tiny_model_dir: Path) -> None:
    assert "No base models yet" in atlas("models", "list", check=True).stdout
    atlas("models", "import-base", str(tiny_model_dir), "--name", "tiny", check=True)
    assert [m["name"] for m in json.loads(atlas("models", "list", "--json", check=True).stdout)] == ["tiny"]
    out = atlas("demo", "init", "--skip-model", check=True)
    assert "Banking assistant" in out.stdout


def test_lang_ar_renders_errors_in_arabic_and_english_stays_the_default(tmp_path: Path) -> None:
    ar = atlas("--lang", "ar", "project", "create", "")
    assert ar.returncode == 2 and "اسم المشروع فارغ" in ar.stderr
    en = atlas("project", "create", "")
    assert en.returncode == 2 and "The project name is empty" in en.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"")
    atlas("project", "create", "p", check=True)
    empty = atlas("--lang", "ar", "data", "import", str(bad), "--project", "p")
    assert empty.returncode == 2 and "فارغ" in empty.stderr and str(bad) in empty.stderr
    from tests.core.training.conftest import SEED_RECIPE

    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED_RECIPE, encoding="utf-8")
    checked = atlas("--lang", "ar", "recipe", "check", str(seed))  # the recipe's problems, in Arabic
    assert checked.returncode == 2 and "يتباعد التدريب" in checked.stderr and "almost certainly" not in checked.stderr
    page = atlas("--lang", "ar", "gui", "--screenshot", "x.png", "--page", "nowhere")  # the CLI's own errors too
    assert page.returncode == 2 and "الصفحة" in page.stderr and "Unknown" not in page.stderr
    doctor = atlas("--lang", "ar", "doctor", check=True).stdout  # the machine's report
    assert "قاعدة البيانات:" in doctor and "Database:" not in doctor and "Database:" in atlas("doctor", check=True).stdout
