"""Training runs and model versions.

Revision ID: 0004_training
Revises: 0003_dataset_versions
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_training"
down_revision = "0003_dataset_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.String(40), nullable=False, unique=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("dataset_version_id", sa.Integer, sa.ForeignKey("dataset_version.id"), nullable=False),
        sa.Column("base_model_id", sa.Integer, sa.ForeignKey("base_model.id"), nullable=False),
        sa.Column("recipe", sa.JSON, nullable=False),
        sa.Column("recipe_yaml", sa.Text, nullable=False),
        sa.Column("recipe_sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("total_steps", sa.Integer, nullable=False),
        sa.Column("metrics", sa.JSON, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("run_dir", sa.String(400), nullable=False),
        sa.Column("devices", sa.Integer, nullable=False),
        sa.Column("pid", sa.Integer, nullable=True),
        sa.Column("host", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "model_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("name", sa.String(160), nullable=False),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("base_model_id", sa.Integer, sa.ForeignKey("base_model.id"), nullable=False),
        sa.Column("base_model_sha256", sa.String(64), nullable=False),
        sa.Column("dataset_version_id", sa.Integer, sa.ForeignKey("dataset_version.id"), nullable=False),
        sa.Column("dataset_sha256", sa.String(64), nullable=False),
        sa.Column("recipe", sa.JSON, nullable=False),
        sa.Column("recipe_sha256", sa.String(64), nullable=False),
        sa.Column("adapter_path", sa.String(400), nullable=False),
        sa.Column("adapter_sha256", sa.String(64), nullable=False),
        sa.Column("metrics", sa.JSON, nullable=False),
        sa.Column("log_sha256", sa.String(64), nullable=False),
        sa.Column("duration_s", sa.Float, nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("project_id", "number", name="uq_model_version_number"),
    )


def downgrade() -> None:
    op.drop_table("model_version")
    op.drop_table("training_run")
