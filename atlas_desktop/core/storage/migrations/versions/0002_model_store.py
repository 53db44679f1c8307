"""The local model store: base models imported from folders or GGUF files.

Revision ID: 0002_model_store
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_model_store"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

BIG = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "base_model",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("path", sa.String(400), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("architecture", sa.String(120), nullable=False),
        sa.Column("parameters", BIG, nullable=False),
        sa.Column("size_bytes", BIG, nullable=False),
        sa.Column("has_chat_template", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("base_model")
