"""Projects: the assistants an organization builds (name, system prompt, intents, dialects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from atlas_desktop.core.arabic import DIALECTS
from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import Project, User

# The playbook's intent categories.
DEFAULT_INTENTS = ("support", "policy", "product", "operations")
MAX_NAME = 120


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    name: str
    description: str
    system_prompt: str
    intents: tuple[str, ...]
    dialects: tuple[str, ...]
    created_by: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ProjectFields:
    name: str
    description: str = ""
    system_prompt: str = ""
    intents: tuple[str, ...] = DEFAULT_INTENTS
    dialects: tuple[str, ...] = ("msa",)

    def cleaned(self) -> "ProjectFields":
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError(Msg("project.name_empty"))
        if len(name) > MAX_NAME:
            raise ValidationError(Msg("project.name_too_long", length=len(name), maximum=MAX_NAME))
        intents = tuple(dict.fromkeys(i.strip().lower() for i in self.intents if i.strip()))
        if not intents:
            raise ValidationError(Msg("project.no_intents"))
        bad = [i for i in intents if len(i) > 60 or any(c in i for c in ",\n")]
        if bad:
            raise ValidationError(Msg("project.bad_intent", intent=bad[0]))
        dialects = tuple(dict.fromkeys(d.strip().lower() for d in self.dialects if d.strip()))
        unknown = [d for d in dialects if d not in DIALECTS]
        if unknown:
            raise ValidationError(Msg("project.unknown_dialect", dialect=unknown[0], choices=", ".join(DIALECTS)))
        if not dialects:
            raise ValidationError(Msg("project.no_dialects", choices=", ".join(DIALECTS)))
        return ProjectFields(name, self.description.strip(), self.system_prompt.strip(), intents, dialects)


def _info(p: Project, creator: str) -> ProjectInfo:
    return ProjectInfo(p.id, p.name, p.description, p.system_prompt, tuple(p.intents), tuple(p.dialects), creator, p.created_at, p.updated_at)


def _creator(session: Session, p: Project) -> str:
    if p.created_by_id is None:
        return ""
    u = session.get(User, p.created_by_id)
    return u.login if u else ""


def list_projects(session: Session) -> list[ProjectInfo]:
    rows = session.execute(select(Project, User.login).outerjoin(User, Project.created_by_id == User.id).order_by(Project.name)).all()
    return [_info(p, login or "") for p, login in rows]


def project_record(session: Session, name: str) -> Project:
    """The project row named ``name``, or a NotFoundError that lists the projects there are."""
    p = session.execute(select(Project).where(Project.name == name)).scalar_one_or_none()
    if p is None:
        names = [n for (n,) in session.execute(select(Project.name).order_by(Project.name))]
        known = ", ".join(names) if names else Msg("project.none_yet")
        raise NotFoundError(Msg("project.not_found", name=name, known=known))
    return p


def lock_project(session: Session, *, name: str | None = None, project_id: Any = None) -> Project | None:
    """The project row, locked for the rest of the transaction, as its first statement: numbering
    a project's dataset or model versions (max + 1) is then one writer at a time. A no-op UPDATE
    takes the row lock on PostgreSQL and the write lock at once on SQLite (before any read, so the
    transaction never reads a snapshot that another writer has since moved past)."""
    where = Project.name == name if name is not None else Project.id == project_id
    session.execute(update(Project).where(where).values(updated_at=Project.updated_at))
    return project_record(session, name) if name is not None else None


def get_project(session: Session, name: str) -> ProjectInfo:
    p = project_record(session, name)
    return _info(p, _creator(session, p))


def _check_unique(session: Session, name: str, except_id: int | None = None) -> None:
    other = session.execute(select(Project.id).where(Project.name == name)).scalar_one_or_none()
    if other is not None and other != except_id:
        raise ValidationError(Msg("project.name_taken", name=name))


def create_project(session: Session, fields: ProjectFields, actor_login: str) -> ProjectInfo:
    f = fields.cleaned()
    _check_unique(session, f.name)
    creator = session.execute(select(User).where(User.login == actor_login)).scalar_one_or_none()
    p = Project(name=f.name, description=f.description, system_prompt=f.system_prompt, intents=list(f.intents), dialects=list(f.dialects), created_by_id=creator.id if creator else None)
    session.add(p)
    session.flush()
    audit.append(session, actor_login, "project.created", "project", p.id, {"name": f.name, "intents": list(f.intents), "dialects": list(f.dialects)})
    return _info(p, actor_login if creator else "")


def update_project(session: Session, name: str, fields: ProjectFields, actor_login: str) -> ProjectInfo:
    p = project_record(session, name)
    f = fields.cleaned()
    _check_unique(session, f.name, except_id=p.id)
    before = {"name": p.name, "description": p.description, "system_prompt": p.system_prompt, "intents": list(p.intents), "dialects": list(p.dialects)}
    after = {"name": f.name, "description": f.description, "system_prompt": f.system_prompt, "intents": list(f.intents), "dialects": list(f.dialects)}
    changed = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
    if changed:
        p.name, p.description, p.system_prompt = f.name, f.description, f.system_prompt
        p.intents, p.dialects = list(f.intents), list(f.dialects)
        session.flush()
        audit.append(session, actor_login, "project.updated", "project", p.id, {"changed": changed})
    return _info(p, _creator(session, p))
