"""The audit trail is append-only and tamper-evident, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from atlas_desktop.core.projects import ProjectFields, create_project
from atlas_desktop.core.storage import audit


def _three_events(ws) -> None:  # noqa: ANN001
    with ws.unit_of_work() as s:
        create_project(s, ProjectFields("مساعد التجزئة"), ws.user.login)
    with ws.unit_of_work() as s:
        audit.append(s, ws.user.login, "test.event", "thing", 7, {"نص": "قيمة"})


def test_chain_verifies_and_records_who_did_what(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.unit_of_work() as s:
        report = audit.verify_chain(s)
        events = audit.recent(s)
    assert report.ok and report.checked == 3
    assert [e.action for e in reversed(events)] == ["user.registered", "project.created", "test.event"]
    assert all(e.actor == "tester" for e in events)


def test_the_database_refuses_updates_and_deletes(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    for stmt in ("UPDATE audit_event SET actor = 'mallory' WHERE seq = 2", "DELETE FROM audit_event WHERE seq = 3"):
        with pytest.raises(DBAPIError, match="append-only"):
            with workspace.db.engine.begin() as conn:
                conn.execute(text(stmt))


def _disable_guard(conn, dialect: str) -> None:  # noqa: ANN001
    """What someone with raw database access would do first."""
    if dialect == "sqlite":
        conn.execute(text("DROP TRIGGER audit_event_no_update"))
        conn.execute(text("DROP TRIGGER audit_event_no_delete"))
    else:
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))


def test_an_edited_row_is_caught(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.db.engine.begin() as conn:
        _disable_guard(conn, workspace.db.dialect)
        conn.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE seq = 2"))
    with workspace.unit_of_work() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.bad_seq == 2 and "changed" in report.reason


def test_deleted_rows_are_caught_in_the_middle_and_at_the_end(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.db.engine.begin() as conn:
        _disable_guard(conn, workspace.db.dialect)
        conn.execute(text("DELETE FROM audit_event WHERE seq = 3"))
    with workspace.unit_of_work() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.bad_seq == 3 and "removed" in report.reason
    with workspace.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq = 1"))
    with workspace.unit_of_work() as s:
        assert audit.verify_chain(s).bad_seq == 1


def test_a_failed_action_leaves_no_audit_event(workspace) -> None:  # noqa: ANN001
    with workspace.unit_of_work() as s:
        create_project(s, ProjectFields("Alpha"), workspace.user.login)
    with pytest.raises(Exception):
        with workspace.unit_of_work() as s:
            audit.append(s, "tester", "project.created", "project", 99, {})
            raise RuntimeError("the action failed after its audit line was written")
    with workspace.unit_of_work() as s:
        assert audit.verify_chain(s).checked == 2
