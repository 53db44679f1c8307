"""Release: alias moves (the registry's history), staged releases and their events.

An alias (``production``, ``candidate``, or a name a team chooses such as ``mx4-atlas-core-v2``)
points at a model version (or the base model, ``version_number`` 0); every move is a new row, so
where an alias pointed at any time is one query. A release is the plan it runs and where it is
(``state``, ``stage``); its events (checks, promotions, pauses, sign-offs, rollbacks) are
append-only. ``revision`` on a release counts its changes: two managers acting at once on
PostgreSQL both lock the project row first, and the second is told what the first did.

Revision ID: 0008_release
Revises: 0007_serving
"""

import sqlalchemy as sa
from alembic import op

from atlas_desktop.core.storage.migrations import append_only

revision = "0008_release"
down_revision = "0007_serving"
branch_labels = None
depends_on = None

APPEND_ONLY = ("alias_move", "release_event")


def upgrade() -> None:
    op.create_table(
        "alias_move",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("alias", sa.String(120), nullable=False),
        sa.Column("from_number", sa.Integer, nullable=True),  # None: the alias is new; 0: the base model
        sa.Column("to_number", sa.Integer, nullable=True),  # None: the alias is removed; 0: the base model
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("release_id", sa.Integer, nullable=True),
        sa.Column("moved_by", sa.String(128), nullable=False),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_alias_move_project_alias", "alias_move", ["project_id", "alias", "id"])
    op.create_table(
        "release",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("model_number", sa.Integer, nullable=False),
        sa.Column("previous_number", sa.Integer, nullable=False),  # production when it started (0: base)
        sa.Column("plan", sa.JSON, nullable=False),
        sa.Column("plan_text", sa.Text, nullable=False),
        sa.Column("plan_sha256", sa.String(64), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),  # running, paused, completed, rolled_back
        sa.Column("stage", sa.Integer, nullable=False),
        sa.Column("stage_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.JSON, nullable=False),  # check -> failed evaluations in a row in this stage
        sa.Column("verdict", sa.JSON, nullable=False),  # the newest evaluation of the stage's checks
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("routing_number", sa.Integer, nullable=False),  # the routing revision the release wrote last
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("started_by", sa.String(128), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("project_id", "number", name="uq_release_number"),
    )
    op.create_table(
        "release_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("release_id", sa.Integer, sa.ForeignKey("release.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("stage", sa.Integer, nullable=False),
        sa.Column("verdict", sa.JSON, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_release_event_release", "release_event", ["release_id", "id"])
    append_only.create(op, APPEND_ONLY)


def downgrade() -> None:
    append_only.drop(op, APPEND_ONLY)
    for table in ("release_event", "release", "alias_move"):
        op.drop_table(table)
