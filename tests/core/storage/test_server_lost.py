"""A PostgreSQL server that goes away in the middle of an import (issue #13, Bad input): the
import fails with one plain sentence, nothing is half-stored, and a retry works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from atlas_desktop.core.data import pipeline
from atlas_desktop.core.data.pipeline import import_files, list_versions
from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
from atlas_desktop.core.errors import StorageError
from atlas_desktop.core.messages import render
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import AuditEvent


@pytest.mark.postgres
def test_the_server_lost_mid_import_keeps_nothing_and_a_retry_works(postgres_url: str, atlas_home: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from atlas_desktop.core.workspace import Workspace

    ws = Workspace.open(database_url=postgres_url)
    project, _ = ensure_demo_project(ws)
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    real_lock = pipeline.lock_project

    def lock_then_lose_the_server(session, **kw):  # noqa: ANN001, ANN003, ANN202 - the transaction is open: the server goes away
        p = real_lock(session, **kw)
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return p

    monkeypatch.setattr(pipeline, "lock_project", lock_then_lose_the_server)
    with pytest.raises(StorageError) as caught:
        import_files(ws, project, [SAMPLE_CONVERSATIONS])
    assert caught.value.msg.code == "db.connection_lost"
    assert "PostgreSQL" in render(caught.value.msg, "ar") and "nothing of this operation was saved" in str(caught.value)
    monkeypatch.setattr(pipeline, "lock_project", real_lock)
    assert list_versions(ws, project) == []  # the pool's dead connection is replaced (pre-ping)
    assert not any(ws.paths.raw.glob("*.jsonl"))  # no raw originals without their version
    with ws.unit_of_work() as s:
        assert not s.execute(select(AuditEvent).where(AuditEvent.action == "dataset.imported")).first()
    v, _ = import_files(ws, project, [SAMPLE_CONVERSATIONS])  # the retry
    assert v.number == 1 and len(list(ws.paths.raw.glob("*.jsonl"))) == 1
    with ws.unit_of_work() as s:
        assert audit.verify_chain(s).ok
    admin.dispose()
    ws.close()
