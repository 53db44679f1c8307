"""Append-only tables for the migrations: triggers that refuse UPDATE and DELETE, on SQLite and
PostgreSQL (the audit trail, telemetry, routing revisions, alias moves and release events)."""

from __future__ import annotations

from typing import Any


def create(op: Any, tables: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in tables:
            for verb in ("UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    for table in tables:
        op.execute(f"CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$ BEGIN "
                   f"RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql")
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()")


def drop(op: Any, tables: tuple[str, ...]) -> None:
    """Before the tables are dropped (SQLite drops a table's triggers with it)."""
    if op.get_bind().dialect.name != "sqlite":
        for table in tables:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
