"""A keyed audit chain, and final records the database itself keeps unchanged.

- ``audit_event.mac`` and ``audit_head.mac``: an HMAC-SHA256 of each event's hash and of the
  head, under the workstation's audit key (never stored in the database), so a chain rewritten
  by someone who can drop the triggers but does not hold the key no longer verifies. Existing
  events get their MAC when Atlas next opens the database (``audit.sign_unsigned``): the guard
  lets a NULL ``mac`` be filled once and nothing else change.
- ``dataset_version`` refuses UPDATE and DELETE; ``model_version`` refuses DELETE and any UPDATE
  but of its ``stage``; a ``training_run`` that has finished refuses UPDATE and DELETE.

Revision ID: 0005_trust
Revises: 0004_training
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_trust"
down_revision = "0004_training"
branch_labels = None
depends_on = None

AUDIT_COLUMNS = ("seq", "at", "actor", "action", "entity_type", "entity_id", "details", "prev_hash", "hash")
MODEL_VERSION_COLUMNS = ("id", "project_id", "number", "name", "run_id", "base_model_id", "base_model_sha256", "dataset_version_id",
                         "dataset_sha256", "recipe", "recipe_sha256", "adapter_path", "adapter_sha256", "metrics", "log_sha256",
                         "duration_s", "created_by", "created_at")


def _same(columns: tuple[str, ...]) -> str:
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)


JSON_COLUMNS = ("recipe", "metrics")  # PostgreSQL's json type has no equality: compared as text


def _pg_same(columns: tuple[str, ...]) -> str:
    cast = lambda c: f"{c}::text" if c in JSON_COLUMNS else c  # noqa: E731
    return " AND ".join(f"NEW.{cast(c)} IS NOT DISTINCT FROM OLD.{cast(c)}" for c in columns)


def upgrade() -> None:
    op.add_column("audit_event", sa.Column("mac", sa.String(64), nullable=True))
    op.add_column("audit_head", sa.Column("mac", sa.String(64), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        _sqlite()
    else:
        _postgresql()


def _sqlite() -> None:
    op.execute("DROP TRIGGER audit_event_no_update")
    op.execute(f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
               f"WHEN NOT (OLD.mac IS NULL AND NEW.mac IS NOT NULL AND {_same(AUDIT_COLUMNS)}) "
               "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END")
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER dataset_version_no_{verb.lower()} BEFORE {verb} ON dataset_version "
                   "BEGIN SELECT RAISE(ABORT, 'dataset_version is immutable'); END")
    op.execute("CREATE TRIGGER model_version_no_delete BEFORE DELETE ON model_version "
               "BEGIN SELECT RAISE(ABORT, 'model_version is immutable'); END")
    op.execute(f"CREATE TRIGGER model_version_no_update BEFORE UPDATE ON model_version WHEN NOT ({_same(MODEL_VERSION_COLUMNS)}) "
               "BEGIN SELECT RAISE(ABORT, 'model_version is immutable (only its stage changes)'); END")
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER training_run_final_no_{verb.lower()} BEFORE {verb} ON training_run WHEN OLD.status = 'finished' "
                   "BEGIN SELECT RAISE(ABORT, 'a finished training_run is final'); END")


def _postgresql() -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' AND OLD.mac IS NULL AND NEW.mac IS NOT NULL AND {_pg_same(AUDIT_COLUMNS)} THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION 'audit_event is append-only'; END; $$ LANGUAGE plpgsql")
    op.execute("CREATE FUNCTION dataset_version_immutable() RETURNS trigger AS $$ BEGIN "
               "RAISE EXCEPTION 'dataset_version is immutable'; END; $$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER dataset_version_immutable BEFORE UPDATE OR DELETE ON dataset_version "
               "FOR EACH ROW EXECUTE FUNCTION dataset_version_immutable()")
    op.execute("CREATE FUNCTION model_version_immutable() RETURNS trigger AS $$ BEGIN "
               f"IF TG_OP = 'UPDATE' AND {_pg_same(MODEL_VERSION_COLUMNS)} THEN RETURN NEW; END IF; "
               "RAISE EXCEPTION 'model_version is immutable (only its stage changes)'; END; $$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER model_version_immutable BEFORE UPDATE OR DELETE ON model_version "
               "FOR EACH ROW EXECUTE FUNCTION model_version_immutable()")
    op.execute("CREATE FUNCTION training_run_final() RETURNS trigger AS $$ BEGIN "
               "IF OLD.status = 'finished' THEN RAISE EXCEPTION 'a finished training_run is final'; END IF; "
               "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER training_run_final BEFORE UPDATE OR DELETE ON training_run "
               "FOR EACH ROW EXECUTE FUNCTION training_run_final()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("dataset_version_no_update", "dataset_version_no_delete", "model_version_no_delete", "model_version_no_update",
                     "training_run_final_no_update", "training_run_final_no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table, fn in (("dataset_version", "dataset_version_immutable"), ("model_version", "model_version_immutable"),
                          ("training_run", "training_run_final")):
            op.execute(f"DROP TRIGGER IF EXISTS {fn} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
    op.drop_column("audit_head", "mac")
    op.drop_column("audit_event", "mac")
