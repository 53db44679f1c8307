"""Opening, upgrading and refusing databases, on SQLite and on a real PostgreSQL server."""

import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from atlas_desktop.core.errors import StorageError
from atlas_desktop.core.paths import data_paths
from atlas_desktop.core.storage.db import HEAD, MIGRATIONS_DIR, REVISIONS, open_database, upgrade_schema


def test_known_revisions_match_the_alembic_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [HEAD]
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(REVISIONS)


def test_fresh_database_is_created_at_head(database_url: str) -> None:
    db = open_database(data_paths().ensure(), database_url)
    assert db.revision == HEAD
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT seq FROM audit_head")).scalar_one() == 0
    db.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys() -> None:
    db = open_database(data_paths().ensure())
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    db.dispose()


def test_an_older_database_is_upgraded_on_start_and_keeps_its_data(database_url: str) -> None:
    paths = data_paths().ensure()
    engine = create_engine(database_url)
    upgrade_schema(engine, REVISIONS[0])
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO user_account (login, display_name, roles, created_at) VALUES ('old', 'Old user', '[]', CURRENT_TIMESTAMP)"))
    engine.dispose()
    db = open_database(paths, database_url)
    assert db.revision == HEAD
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM user_account WHERE login='old'")).scalar_one() == "Old user"
        assert conn.execute(text("SELECT count(*) FROM base_model")).scalar_one() == 0
    if db.dialect == "sqlite":
        assert db.backup is not None and db.backup.is_file()  # backed up before migrating
    db.dispose()


def test_a_database_from_a_newer_atlas_is_refused_and_untouched(database_url: str) -> None:
    paths = data_paths().ensure()
    open_database(paths, database_url).dispose()
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    before = paths.database.read_bytes() if database_url.startswith("sqlite") else None
    with pytest.raises(StorageError, match="newer version of Atlas.*Nothing was changed"):
        open_database(paths, database_url)
    if before is not None:
        assert paths.database.read_bytes() == before


def test_a_corrupt_sqlite_file_is_named_and_the_backup_offered() -> None:
    paths = data_paths().ensure()
    db = open_database(paths)
    db.dispose()
    from atlas_desktop.core.storage.db import backup_sqlite

    backup = backup_sqlite(paths.database, paths, "test")
    paths.database.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as err:
        open_database(paths)
    msg = str(err.value)
    assert str(paths.database) in msg and "damaged" in msg and str(backup) in msg and "atlas db restore" in msg
    assert "\n" not in msg


def test_restore_puts_the_backup_back(tmp_path: Path) -> None:
    from atlas_desktop.core.storage.db import backup_sqlite, restore_sqlite

    paths = data_paths().ensure()
    open_database(paths).dispose()
    backup = backup_sqlite(paths.database, paths, "test")
    paths.database.write_bytes(b"garbage" * 10)
    restore_sqlite(backup, paths)
    assert open_database(paths).revision == HEAD


def test_an_unwritable_data_folder_is_one_plain_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot write to its data folder.*ATLAS_HOME"):
        data_paths(blocker / "home").ensure()


def test_foreign_tables_are_refused(tmp_path: Path) -> None:
    paths = data_paths().ensure()
    engine = create_engine(f"sqlite:///{paths.database}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE something_else (id INTEGER)"))
    engine.dispose()
    with pytest.raises(StorageError, match="did not create"):
        open_database(paths)


def test_postgres_that_does_not_answer_fails_fast_in_one_line() -> None:
    paths = data_paths().ensure()
    start = time.monotonic()
    with pytest.raises(StorageError) as err:
        open_database(paths, "postgresql://atlas@127.0.0.1:1/atlas")
    assert time.monotonic() - start < 10
    assert "does not answer" in str(err.value) and "\n" not in str(err.value)


def test_unsupported_url_is_refused() -> None:
    with pytest.raises(StorageError, match="not supported"):
        open_database(data_paths().ensure(), "mysql://x@y/z")
