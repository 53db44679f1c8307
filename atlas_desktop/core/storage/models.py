"""ORM models. The ui never sees these: services hand it plain dataclasses."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Project(Base):
    """An assistant being built: what it is for, how it speaks, who it serves."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    system_prompt: Mapped[str] = mapped_column(Text, default="")
    intents: Mapped[list[str]] = mapped_column(JSON, default=list)
    dialects: Mapped[list[str]] = mapped_column(JSON, default=list)
    settings: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # evaluation quota, margin, tolerance (core.evaluation.settings)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class AuditEvent(Base):
    """Append-only: each row carries the hash of the previous one (see audit.py)."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))  # ISO-8601 UTC, hashed exactly as stored
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(80), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON, hashed exactly as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)  # HMAC of hash under the audit key


class AuditHead(Base):
    """One row: the newest audit sequence number and hash.

    Appends lock this row, so two writers on PostgreSQL cannot fork the chain,
    and deleting the newest events is detectable.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)  # HMAC of seq and hash under the audit key


class Artifact(Base):
    """A file in the content-addressed store, named by its sha256."""

    __tablename__ = "artifact"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    original_name: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BaseModelRecord(Base):
    """A base model in the local model store (a folder of safetensors + tokenizer)."""

    __tablename__ = "base_model"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    path: Mapped[str] = mapped_column(String(400))  # relative to the data folder
    sha256: Mapped[str] = mapped_column(String(64))  # hash of the folder's manifest
    source: Mapped[str] = mapped_column(Text, default="")
    architecture: Mapped[str] = mapped_column(String(120), default="")
    parameters: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    size_bytes: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    has_chat_template: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DatasetVersionRecord(Base):
    """An import's result. Never updated: a new import makes a new version."""

    __tablename__ = "dataset_version"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_dataset_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    train_sha256: Mapped[str] = mapped_column(String(64))
    holdout_sha256: Mapped[str] = mapped_column(String(64))
    report_sha256: Mapped[str] = mapped_column(String(64))
    sources: Mapped[list] = mapped_column(JSON)
    settings: Mapped[dict] = mapped_column(JSON)
    stats: Mapped[dict] = mapped_column(JSON)
    raw_path: Mapped[str | None] = mapped_column(String(400), nullable=True)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TrainingRun(Base):
    """One fine-tuning run. Its inputs (recipe, dataset version, base model) never change;
    its status moves queued -> running -> finished / failed / cancelled / paused / interrupted."""

    __tablename__ = "training_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(40), unique=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    dataset_version_id: Mapped[int] = mapped_column(ForeignKey("dataset_version.id"))
    base_model_id: Mapped[int] = mapped_column(ForeignKey("base_model.id"))
    recipe: Mapped[dict] = mapped_column(JSON)
    recipe_yaml: Mapped[str] = mapped_column(Text, default="")
    recipe_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    step: Mapped[int] = mapped_column(Integer, default=0)
    total_steps: Mapped[int] = mapped_column(Integer, default=0)
    metrics: Mapped[dict] = mapped_column(JSON, default=dict)
    message: Mapped[str] = mapped_column(Text, default="")
    run_dir: Mapped[str] = mapped_column(String(400))  # relative to the data folder
    devices: Mapped[int] = mapped_column(Integer, default=1)
    pid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    host: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ModelVersion(Base):
    """A fine-tuned adapter registered as a candidate. Immutable; the release flow adds its own records."""

    __tablename__ = "model_version"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_model_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(160))
    run_id: Mapped[str] = mapped_column(String(40))
    base_model_id: Mapped[int] = mapped_column(ForeignKey("base_model.id"))
    base_model_sha256: Mapped[str] = mapped_column(String(64))
    dataset_version_id: Mapped[int] = mapped_column(ForeignKey("dataset_version.id"))
    dataset_sha256: Mapped[str] = mapped_column(String(64))
    recipe: Mapped[dict] = mapped_column(JSON)
    recipe_sha256: Mapped[str] = mapped_column(String(64))
    adapter_path: Mapped[str] = mapped_column(String(400))  # relative to the data folder
    adapter_sha256: Mapped[str] = mapped_column(String(64))
    metrics: Mapped[dict] = mapped_column(JSON, default=dict)
    log_sha256: Mapped[str] = mapped_column(String(64), default="")
    duration_s: Mapped[float] = mapped_column(default=0.0)
    stage: Mapped[str] = mapped_column(String(20), default="candidate")
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EvalSuite(Base):
    """A version of an evaluation suite: its items as they were. A change makes a new version."""

    __tablename__ = "eval_suite"
    __table_args__ = (UniqueConstraint("project_id", "name", "number", name="uq_eval_suite_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    name: Mapped[str] = mapped_column(String(120))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    items: Mapped[list] = mapped_column(JSON)
    item_count: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EvalAnswers(Base):
    """A model's answers to a set of items under one decoding: the generation cache."""

    __tablename__ = "eval_answers"
    __table_args__ = (UniqueConstraint("model_key", "items_sha256", "decoding_sha256", name="uq_eval_answers_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_key: Mapped[str] = mapped_column(String(200))  # "base:<sha256>" or "adapter:<sha256>"
    items_sha256: Mapped[str] = mapped_column(String(64))
    decoding_sha256: Mapped[str] = mapped_column(String(64))
    decoding: Mapped[dict] = mapped_column(JSON)
    answers: Mapped[list] = mapped_column(JSON)
    seconds: Mapped[float] = mapped_column(default=0.0)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Evaluation(Base):
    """A candidate model version against production on one suite version (and its dataset's holdout)."""

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_version.id"))
    suite_id: Mapped[int] = mapped_column(ForeignKey("eval_suite.id"))
    items: Mapped[list] = mapped_column(JSON)
    items_sha256: Mapped[str] = mapped_column(String(64))
    candidate_answers_id: Mapped[int] = mapped_column(ForeignKey("eval_answers.id"))
    production_answers_id: Mapped[int] = mapped_column(ForeignKey("eval_answers.id"))
    production_key: Mapped[str] = mapped_column(String(200))
    production_name: Mapped[str] = mapped_column(String(200))
    scores: Mapped[dict] = mapped_column(JSON)
    basis: Mapped[dict] = mapped_column(JSON)  # what it was measured against: newest dataset version, system prompt hash
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewPair(Base):
    __tablename__ = "review_pair"
    __table_args__ = (UniqueConstraint("evaluation_id", "item_id", name="uq_review_pair_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id"))
    item_id: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    swapped: Mapped[bool] = mapped_column(default=False)  # True: the candidate is shown as B
    calibration: Mapped[bool] = mapped_column(default=False)


class ReviewRating(Base):
    __tablename__ = "review_rating"
    __table_args__ = (UniqueConstraint("pair_id", "reviewer", name="uq_review_rating_reviewer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("review_pair.id"))
    reviewer: Mapped[str] = mapped_column(String(128))
    state: Mapped[str] = mapped_column(String(10), default="draft")  # draft | saved
    sides: Mapped[dict] = mapped_column(JSON, default=dict)  # {"A": {metric: 1..5}, "B": {...}} as shown
    verdict: Mapped[str] = mapped_column(String(12), default="")  # A | B | tie | both_bad, as shown
    unsafe: Mapped[bool] = mapped_column(default=False)
    inconsistent: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    resolved_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolution: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class GateDecision(Base):
    """The release gate's decision for a model version, with its reasons. Final; a new check adds a row."""

    __tablename__ = "gate_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_version.id"))
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id"))
    passed: Mapped[bool] = mapped_column(default=False)
    reasons: Mapped[list] = mapped_column(JSON)  # Msg JSON, one per condition
    figures: Mapped[dict] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ServingKey(Base):
    """A client application's API key for the gateway: only its sha256 is kept."""

    __tablename__ = "serving_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))  # the key's first characters, to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RoutingRevision(Base):
    """Which targets serve which buckets of a project's traffic; the newest revision is in force.

    ``entries``: ``[{"target": "v3" | "base", "share": 0..10000}]`` in bucket order (target "base"
    is the base model of the project's production line); ``kill_switch``: everything to production."""

    __tablename__ = "routing_revision"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_routing_revision_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    number: Mapped[int] = mapped_column(Integer)
    entries: Mapped[list] = mapped_column(JSON)
    kill_switch: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TelemetryEvent(Base):
    """One request through the gateway. Text is kept only when the project's policy allows it, redacted."""

    __tablename__ = "telemetry_event"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    completion_id: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(120))  # the model version ("v3") or "base" that answered
    routing_number: Mapped[int] = mapped_column(Integer)
    bucket: Mapped[int] = mapped_column(Integer)  # 0..9999; -1 when assigned at random
    assigned_by: Mapped[str] = mapped_column(String(12))  # user | session | random
    client: Mapped[str] = mapped_column(String(120))  # the API key's name
    status: Mapped[str] = mapped_column(String(20))  # ok | error | disconnected | failover | too_large | ...
    stream: Mapped[bool] = mapped_column(default=False)
    first_token_ms: Mapped[float | None] = mapped_column(nullable=True)
    total_ms: Mapped[float] = mapped_column(default=0.0)
    tokens_in: Mapped[int] = mapped_column(Integer, default=0)
    tokens_out: Mapped[int] = mapped_column(Integer, default=0)
    features: Mapped[dict] = mapped_column(JSON, default=dict)  # core/serving/features.py
    prompt_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    answer_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    gateway: Mapped[str] = mapped_column(String(80), default="")  # which gateway process (host:pid)
    detail: Mapped[str] = mapped_column(Text, default="")


class ServingFeedback(Base):
    __tablename__ = "serving_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    completion_id: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(120))
    thumbs: Mapped[int | None] = mapped_column(Integer, nullable=True)  # +1 / -1
    ticket_id: Mapped[str | None] = mapped_column(String(120), nullable=True)
    client: Mapped[str] = mapped_column(String(120), default="")


class TicketLink(Base):
    __tablename__ = "ticket_link"
    __table_args__ = (UniqueConstraint("project_id", "ticket_id", "completion_id", name="uq_ticket_link"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    ticket_id: Mapped[str] = mapped_column(String(120))
    completion_id: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(400), default="")
    created_by: Mapped[str] = mapped_column(String(128), default="")


class AliasMove(Base):
    """An alias moved from one model version to another (0: the base model; None: none). Append-only."""

    __tablename__ = "alias_move"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    alias: Mapped[str] = mapped_column(String(120))
    from_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    to_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    release_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    moved_by: Mapped[str] = mapped_column(String(128))
    moved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Release(Base):
    """A staged release of a model version: its plan and where it stands."""

    __tablename__ = "release"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_release_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    number: Mapped[int] = mapped_column(Integer)
    model_number: Mapped[int] = mapped_column(Integer)
    previous_number: Mapped[int] = mapped_column(Integer)
    plan: Mapped[dict] = mapped_column(JSON)
    plan_text: Mapped[str] = mapped_column(Text)
    plan_sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(20))
    stage: Mapped[int] = mapped_column(Integer, default=0)
    stage_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    failures: Mapped[dict] = mapped_column(JSON, default=dict)
    verdict: Mapped[dict] = mapped_column(JSON, default=dict)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    routing_number: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    started_by: Mapped[str] = mapped_column(String(128))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReleaseEvent(Base):
    """Something that happened to a release (a check's verdict, a promotion, a sign-off...). Append-only."""

    __tablename__ = "release_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("release.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))
    stage: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[dict] = mapped_column(JSON, default=dict)
    actor: Mapped[str] = mapped_column(String(128))
    note: Mapped[str] = mapped_column(Text, default="")
