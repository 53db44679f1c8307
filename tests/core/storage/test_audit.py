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
    assert not report.ok and report.bad_seq == 2 and "changed" in str(report.reason)


def test_deleted_rows_are_caught_in_the_middle_and_at_the_end(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.db.engine.begin() as conn:
        _disable_guard(conn, workspace.db.dialect)
        conn.execute(text("DELETE FROM audit_event WHERE seq = 3"))
    with workspace.unit_of_work() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.bad_seq == 3 and "removed" in str(report.reason)
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


def _rehash_from(conn, seq: int, key: bytes | None = None) -> None:  # noqa: ANN001
    """What an editor with database access does after changing event ``seq``: recompute every
    hash from there and the head, so the chain links again (and, holding the key, the MACs too)."""
    rows = conn.execute(text("SELECT seq, at, actor, action, entity_type, entity_id, details, prev_hash FROM audit_event "
                             "WHERE seq >= :s ORDER BY seq"), {"s": seq}).all()
    prev = conn.execute(text("SELECT hash FROM audit_event WHERE seq = :s"), {"s": seq - 1}).scalar() or audit.GENESIS
    for r in rows:
        h = audit.event_hash(r.seq, r.at, r.actor, r.action, r.entity_type, r.entity_id, r.details, prev)
        mac = audit._mac(key, h) if key else "0" * 64
        conn.execute(text("UPDATE audit_event SET prev_hash = :p, hash = :h, mac = :m WHERE seq = :s"), {"p": prev, "h": h, "m": mac, "s": r.seq})
        prev = h
    last = rows[-1].seq
    head_mac = audit._mac(key, f"{last}:{prev}") if key else "0" * 64
    conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h, mac = :m WHERE id = 1"), {"s": last, "h": prev, "m": head_mac})


def test_a_chain_rehashed_without_the_key_is_caught(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.db.engine.begin() as conn:
        _disable_guard(conn, workspace.db.dialect)
        conn.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE seq = 2"))
        _rehash_from(conn, 2)  # every link and the head match again; the key was not at hand
    with workspace.unit_of_work() as s:
        report = audit.verify_chain(s)
    assert not report.ok and report.bad_seq == 2 and "audit key" in str(report.reason)


def test_an_anchor_proves_nothing_before_it_was_rewritten_even_with_the_key(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.unit_of_work() as s:
        written_down = audit.anchor(s)
        audit.append(s, workspace.user.login, "test.later", "thing", 8, {})
    with workspace.unit_of_work() as s:
        assert audit.verify_chain(s, anchor=written_down).ok
    with workspace.db.engine.begin() as conn:
        _disable_guard(conn, workspace.db.dialect)
        conn.execute(text("UPDATE audit_event SET details = '{}' WHERE seq = 3"))
        _rehash_from(conn, 3, key=workspace.db.audit_key)  # an insider holding the key re-signs it all
    with workspace.unit_of_work() as s:
        assert audit.verify_chain(s).ok  # the key alone cannot tell...
        report = audit.verify_chain(s, anchor=written_down)
    assert not report.ok and report.bad_seq == 3 and "anchor" in str(report.reason)  # ...the anchor can


def test_events_written_before_the_key_are_signed_once_when_intact(workspace) -> None:  # noqa: ANN001
    _three_events(workspace)
    with workspace.db.engine.begin() as conn:
        _disable_guard(conn, workspace.db.dialect)
        conn.execute(text("UPDATE audit_event SET mac = NULL"))
        conn.execute(text("UPDATE audit_head SET mac = NULL"))
    with workspace.unit_of_work() as s:
        assert not audit.verify_chain(s).ok
        assert audit.sign_unsigned(s) == 3
    with workspace.unit_of_work() as s:
        assert audit.verify_chain(s).ok and audit.sign_unsigned(s) == 0


def test_a_dataset_version_is_final_in_the_database(workspace) -> None:  # noqa: ANN001
    from atlas_desktop.core.data.pipeline import import_files
    from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project

    name, _ = ensure_demo_project(workspace)
    import_files(workspace, name, [SAMPLE_CONVERSATIONS])
    for stmt in ("UPDATE dataset_version SET stats = '{}'", "DELETE FROM dataset_version"):
        with pytest.raises(DBAPIError, match="immutable"):
            with workspace.db.engine.begin() as conn:
                conn.execute(text(stmt))


def test_a_change_of_database_and_a_purge_are_in_the_trail(workspace) -> None:  # noqa: ANN001
    import dataclasses

    from atlas_desktop.core.data.pipeline import import_files, purge_raw
    from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project

    name, _ = ensure_demo_project(workspace)
    import_files(workspace, name, [SAMPLE_CONVERSATIONS])
    purge_raw(workspace, name)
    old_url = workspace.settings.database_url
    workspace.apply_settings(dataclasses.replace(workspace.settings, database_url="postgresql://atlas@db.example/atlas"))
    workspace.apply_settings(dataclasses.replace(workspace.settings, database_url=old_url))
    with workspace.unit_of_work() as s:
        actions = [e.action for e in audit.recent(s, 10)]
        assert audit.verify_chain(s).ok
    assert actions[:3] == ["database.url_changed", "database.url_changed", "dataset.raw_purged"]
