"""Opening the database: SQLite by default, PostgreSQL for a team.

``open_database`` resolves the URL, checks the file or server, refuses a
database written by a newer Atlas, backs a SQLite file up and upgrades it
with Alembic when it is older, and hands back a :class:`Database` whose
``unit_of_work`` is one transaction per user action.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from atlas_desktop.core.errors import StorageError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.paths import DataPaths
from atlas_desktop.core.private import create_private, private_dirs

# Every revision this version of Atlas knows, oldest first. A test checks that
# it matches the Alembic scripts, so start-up never needs to import Alembic
# when the database is already current.
REVISIONS = ("0001_initial", "0002_model_store", "0003_dataset_versions", "0004_training", "0005_trust", "0006_evaluation", "0007_serving", "0008_release")
HEAD = REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CONNECT_TIMEOUT_S = 5


def resolve_url(paths: DataPaths, url: str | None = None) -> str:
    """Explicit URL, else ATLAS_DATABASE_URL, else the SQLite file in the data folder."""
    url = url or os.environ.get("ATLAS_DATABASE_URL") or ""
    if not url:
        return f"sqlite:///{paths.database}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def describe_url(url: str) -> str:
    """The URL with any password hidden, for messages and `atlas doctor`."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for display
        return url


@dataclass
class Database:
    engine: Engine
    url: str
    revision: str
    backup: Path | None = None
    audit_key: bytes | None = None  # signs the audit chain; every session carries it (session.info)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: everything inside commits together or not at all."""
        session = self._sessions(info={"audit_key": self.audit_key})
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            _rollback(session)
            if self.dialect != "postgresql":
                raise
            # the server went away (restarted, network cut) mid-transaction: nothing of it was kept
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None and str(exc.orig).strip() else "no answer"
            raise StorageError(Msg("db.connection_lost", reason=reason), hint=Msg("db.connection_lost.hint")) from None
        except BaseException:
            _rollback(session)
            raise
        finally:
            session.close()

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()


def _rollback(session: Session) -> None:
    """Roll back; on a connection that is already gone there is nothing to roll back."""
    try:
        session.rollback()
    except DatabaseError:
        pass


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - SQLAlchemy event signature
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
    raise StorageError(
        Msg("db.url_unsupported", url=describe_url(url)),
        hint=Msg("db.url_unsupported.hint"),
    )


def newest_backup(paths: DataPaths) -> Path | None:
    backups = sorted(paths.backups.glob("atlas-*.db"))
    return backups[-1] if backups else None


def _corrupt(path: Path, paths: DataPaths, detail: str) -> StorageError:
    backup = newest_backup(paths)
    if backup:
        hint = Msg("db.damaged.hint_backup", when=backup.stem.removeprefix("atlas-"), backup=str(backup))
    else:
        hint = Msg("db.damaged.hint_no_backup")
    return StorageError(Msg("db.damaged", path=str(path), detail=detail), hint=hint)


def backup_sqlite(db_path: Path, paths: DataPaths, reason: str = "") -> Path:
    """Copy a live SQLite database with the online backup API (safe under WAL)."""
    private_dirs(paths.backups)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = paths.backups / f"atlas-{stamp}{('-' + reason) if reason else ''}.db"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(create_private(target))  # owner-only before the first page is copied
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def restore_sqlite(backup: Path, paths: DataPaths) -> Path:
    """Put a backup in place of the database; the current file is kept aside."""
    if not backup.is_file() or backup.read_bytes()[:16] != SQLITE_MAGIC:
        raise StorageError(Msg("db.not_a_backup", path=str(backup)), hint=Msg("db.not_a_backup.hint"))
    db = paths.database
    if db.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        os.replace(db, db.with_name(f"atlas.db.replaced-{stamp}"))
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            if side.exists():
                side.unlink()
    src = sqlite3.connect(backup)
    dst = sqlite3.connect(create_private(db))
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return db


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(revision, has_other_tables)."""
    insp = inspect(engine)
    tables = set(insp.get_table_names())
    if "alembic_version" not in tables:
        return None, bool(tables)
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    return (rows[0] if rows else None), True


def upgrade_schema(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def open_database(paths: DataPaths, url: str | None = None, *, upgrade: bool = True) -> Database:
    url = resolve_url(paths, url)
    is_sqlite = url.startswith("sqlite")
    db_file: Path | None = None
    if is_sqlite:
        db_file = Path(make_url(url).database or "")
        if str(db_file) and str(db_file) != ":memory:":
            if db_file.parent == paths.home:
                paths.ensure()
            else:
                db_file.parent.mkdir(parents=True, exist_ok=True)
            if db_file.exists() and db_file.stat().st_size:
                with db_file.open("rb") as fh:
                    if fh.read(16) != SQLITE_MAGIC:
                        raise _corrupt(db_file, paths, "it is not a SQLite database")
            create_private(db_file)  # a new database is owner-only (an empty file is an empty database to SQLite)
    engine = _make_engine(url)
    try:
        revision, has_tables = _current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        if not is_sqlite:
            u = make_url(url)
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
            raise StorageError(
                Msg("db.server_down", host=u.host or "localhost", port=str(u.port or 5432), reason=reason),
                hint=Msg("db.server_down.hint"),
            ) from None
        raise _corrupt(db_file or Path(url), paths, str(exc.orig)) from None
    except DatabaseError as exc:
        engine.dispose()
        raise _corrupt(db_file or Path(url), paths, str(exc.orig)) from None

    where = str(db_file) if is_sqlite else describe_url(url)
    if revision is not None and revision not in REVISIONS:
        engine.dispose()
        raise StorageError(
            Msg("db.newer_schema", where=where, revision=revision, head=HEAD),
            hint=Msg("db.newer_schema.hint"),
        )
    if revision is None and has_tables:
        engine.dispose()
        raise StorageError(
            Msg("db.foreign_tables", where=where),
            hint=Msg("db.foreign_tables.hint"),
        )
    backup = None
    if revision != HEAD:
        if not upgrade:
            engine.dispose()
            raise StorageError(Msg("db.needs_upgrade", where=where, revision=revision or "none"))
        if is_sqlite and revision is not None and db_file is not None:
            backup = backup_sqlite(db_file, paths, reason=f"before-{HEAD}")
        upgrade_schema(engine)
        revision = HEAD
    from atlas_desktop.core.private import secret_key
    from atlas_desktop.core.storage import audit

    db = Database(engine=engine, url=url, revision=revision, backup=backup, audit_key=secret_key(paths.audit_key))
    try:
        with db.unit_of_work() as s:
            audit.sign_unsigned(s)  # events of a chain from before the audit key (schema 0005), once
    except DatabaseError:
        pass  # another workstation signed them at the same moment
    return db
