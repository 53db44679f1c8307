"""The evaluation loop: suite versions, cached answers, evaluations, review pairs and ratings,
release-gate decisions, and a project's evaluation settings.

Suite versions, cached answers and gate decisions are final records (UPDATE and DELETE refused);
a rating changes while it is a draft and until its flags are resolved.

Revision ID: 0006_evaluation
Revises: 0005_trust
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_evaluation"
down_revision = "0005_trust"
branch_labels = None
depends_on = None

FINAL = ("eval_suite", "eval_answers", "gate_decision")


def _created() -> list[sa.Column]:
    return [sa.Column("created_by", sa.String(128), nullable=False), sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    op.add_column("project", sa.Column("settings", sa.JSON, nullable=True))
    op.create_table(
        "eval_suite",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("item_count", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        *_created(),
        sa.UniqueConstraint("project_id", "name", "number", name="uq_eval_suite_number"),
    )
    op.create_table(
        "eval_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model_key", sa.String(200), nullable=False),
        sa.Column("items_sha256", sa.String(64), nullable=False),
        sa.Column("decoding_sha256", sa.String(64), nullable=False),
        sa.Column("decoding", sa.JSON, nullable=False),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        *_created(),
        sa.UniqueConstraint("model_key", "items_sha256", "decoding_sha256", name="uq_eval_answers_key"),
    )
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("model_version_id", sa.Integer, sa.ForeignKey("model_version.id"), nullable=False),
        sa.Column("suite_id", sa.Integer, sa.ForeignKey("eval_suite.id"), nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("items_sha256", sa.String(64), nullable=False),
        sa.Column("candidate_answers_id", sa.Integer, sa.ForeignKey("eval_answers.id"), nullable=False),
        sa.Column("production_answers_id", sa.Integer, sa.ForeignKey("eval_answers.id"), nullable=False),
        sa.Column("production_key", sa.String(200), nullable=False),
        sa.Column("production_name", sa.String(200), nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("basis", sa.JSON, nullable=False),
        *_created(),
    )
    op.create_table(
        "review_pair",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("evaluation_id", sa.Integer, sa.ForeignKey("evaluation.id"), nullable=False),
        sa.Column("item_id", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("swapped", sa.Boolean, nullable=False),
        sa.Column("calibration", sa.Boolean, nullable=False),
        sa.UniqueConstraint("evaluation_id", "item_id", name="uq_review_pair_item"),
    )
    op.create_table(
        "review_rating",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pair_id", sa.Integer, sa.ForeignKey("review_pair.id"), nullable=False),
        sa.Column("reviewer", sa.String(128), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("sides", sa.JSON, nullable=False),
        sa.Column("verdict", sa.String(12), nullable=False),
        sa.Column("unsafe", sa.Boolean, nullable=False),
        sa.Column("inconsistent", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("resolved_by", sa.String(128), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("pair_id", "reviewer", name="uq_review_rating_reviewer"),
    )
    op.create_table(
        "gate_decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model_version_id", sa.Integer, sa.ForeignKey("model_version.id"), nullable=False),
        sa.Column("evaluation_id", sa.Integer, sa.ForeignKey("evaluation.id"), nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("figures", sa.JSON, nullable=False),
        *_created(),
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in FINAL:
            for verb in ("UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is final'); END")
    else:
        for table in FINAL:
            op.execute(f"CREATE FUNCTION {table}_final() RETURNS trigger AS $$ BEGIN "
                       f"RAISE EXCEPTION '{table} is final'; END; $$ LANGUAGE plpgsql")
            op.execute(f"CREATE TRIGGER {table}_final BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_final()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table in FINAL:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_final ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_final()")
    for table in ("gate_decision", "review_rating", "review_pair", "evaluation", "eval_answers", "eval_suite"):
        op.drop_table(table)  # SQLite drops a table's triggers with it
    op.drop_column("project", "settings")
