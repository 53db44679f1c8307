"""Users are OS logins. The first user of a workspace holds every role."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import User

ROLES = ("analyst", "reviewer", "release_manager")


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    display_name: str
    roles: tuple[str, ...]


def os_login() -> str:
    """ATLAS_USER overrides the OS login (scripts, tests, shared service accounts)."""
    login = os.environ.get("ATLAS_USER")
    if login:
        return login
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "user"


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.login, u.display_name, tuple(u.roles or ()))


def ensure_user(session: Session, login: str | None = None) -> UserInfo:
    login = login or os_login()
    user = session.execute(select(User).where(User.login == login)).scalar_one_or_none()
    if user is None:
        first = session.execute(select(func.count(User.id))).scalar_one() == 0
        user = User(login=login, display_name=login, roles=list(ROLES) if first else ["analyst"])
        session.add(user)
        session.flush()
        audit.append(session, login, "user.registered", "user", user.id, {"roles": user.roles})
    return _info(user)


def list_users(session: Session) -> list[UserInfo]:
    return [_info(u) for u in session.execute(select(User).order_by(User.id)).scalars()]


def grant_role(session: Session, actor: UserInfo, login: str, role: str, grant: bool = True) -> UserInfo:
    """Give ``login`` a role (or take it away); only a release manager may. A login not seen yet is
    registered (it has the role from its first start)."""
    from atlas_desktop.core.errors import ValidationError
    from atlas_desktop.core.messages import Msg

    if role not in ROLES:
        raise ValidationError(Msg("users.unknown_role", role=role, roles=", ".join(ROLES)))
    if "release_manager" not in actor.roles:
        raise ValidationError(Msg("users.grant_needs_manager", user=actor.login))
    login = (login or "").strip()
    if not login:
        raise ValidationError(Msg("users.login_empty"))
    ensure_user(session, login)
    user = session.execute(select(User).where(User.login == login)).scalar_one()
    roles = [r for r in ROLES if (r in (user.roles or ()) or r == role) and not (r == role and not grant)]
    if roles != list(user.roles or ()):
        user.roles = roles
        session.flush()
        audit.append(session, actor.login, "user.role_granted" if grant else "user.role_revoked", "user", user.id, {"login": login, "role": role})
    return _info(user)
