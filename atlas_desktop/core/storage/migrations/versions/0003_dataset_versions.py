"""Dataset versions: immutable, content-hashed results of an import.

Revision ID: 0003_dataset_versions
Revises: 0002_model_store
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_dataset_versions"
down_revision = "0002_model_store"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dataset_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("train_sha256", sa.String(64), nullable=False),
        sa.Column("holdout_sha256", sa.String(64), nullable=False),
        sa.Column("report_sha256", sa.String(64), nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("stats", sa.JSON, nullable=False),
        sa.Column("raw_path", sa.String(400), nullable=True),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("project_id", "number", name="uq_dataset_version_number"),
    )


def downgrade() -> None:
    op.drop_table("dataset_version")
