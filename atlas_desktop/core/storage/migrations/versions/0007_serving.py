"""Serving: client keys, routing revisions, telemetry, feedback, help-desk tickets.

Routing is a history of revisions (the newest is in force; a change or the kill switch adds
one), so every share any request was routed by stays on record. Telemetry, feedback and ticket
links are append-only.

Revision ID: 0007_serving
Revises: 0006_evaluation
"""

import sqlalchemy as sa
from alembic import op

from atlas_desktop.core.storage.migrations import append_only

revision = "0007_serving"
down_revision = "0006_evaluation"
branch_labels = None
depends_on = None

APPEND_ONLY = ("routing_revision", "telemetry_event", "serving_feedback", "ticket_link")


def upgrade() -> None:
    op.create_table(
        "serving_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_by", sa.String(128), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "routing_revision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("entries", sa.JSON, nullable=False),
        sa.Column("kill_switch", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("project_id", "number", name="uq_routing_revision_number"),
    )
    op.create_table(
        "telemetry_event",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("completion_id", sa.String(64), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("routing_number", sa.Integer, nullable=False),
        sa.Column("bucket", sa.Integer, nullable=False),
        sa.Column("assigned_by", sa.String(12), nullable=False),
        sa.Column("client", sa.String(120), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("stream", sa.Boolean, nullable=False),
        sa.Column("first_token_ms", sa.Float, nullable=True),
        sa.Column("total_ms", sa.Float, nullable=False),
        sa.Column("tokens_in", sa.Integer, nullable=False),
        sa.Column("tokens_out", sa.Integer, nullable=False),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("prompt_text", sa.Text, nullable=True),
        sa.Column("answer_text", sa.Text, nullable=True),
        sa.Column("gateway", sa.String(80), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_telemetry_project_at", "telemetry_event", ["project_id", "at"])
    op.create_index("ix_telemetry_completion", "telemetry_event", ["completion_id"])
    op.create_table(
        "serving_feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("completion_id", sa.String(64), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("thumbs", sa.Integer, nullable=True),
        sa.Column("ticket_id", sa.String(120), nullable=True),
        sa.Column("client", sa.String(120), nullable=False),
    )
    op.create_table(
        "ticket_link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("ticket_id", sa.String(120), nullable=False),
        sa.Column("completion_id", sa.String(64), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("source", sa.String(400), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.UniqueConstraint("project_id", "ticket_id", "completion_id", name="uq_ticket_link"),
    )
    append_only.create(op, APPEND_ONLY)


def downgrade() -> None:
    append_only.drop(op, APPEND_ONLY)
    for table in ("ticket_link", "serving_feedback", "telemetry_event", "routing_revision", "serving_key"):
        op.drop_table(table)
