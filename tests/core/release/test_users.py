"""Roles: a release manager gives (and takes) roles; nobody else can; the audit trail says who."""

from __future__ import annotations

import pytest

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.storage import audit
from atlas_desktop.core.users import ensure_user, grant_role, list_users


def test_roles_are_granted_by_release_managers_only(sqlite_workspace) -> None:  # noqa: ANN001
    ws = sqlite_workspace
    with ws.unit_of_work() as s:
        amal = grant_role(s, ws.user, "amal", "release_manager")
        assert amal.roles == ("analyst", "release_manager")
        omar = ensure_user(s, "omar")
        assert omar.roles == ("analyst",)
        with pytest.raises(ValidationError, match="omar is not a release manager"):
            grant_role(s, omar, "amal", "reviewer")
        with pytest.raises(ValidationError, match='"owner" is not a role'):
            grant_role(s, ws.user, "amal", "owner")
        assert grant_role(s, ws.user, "amal", "release_manager", grant=False).roles == ("analyst",)
        assert [e.action for e in audit.recent(s, 3)][:2] == ["user.role_revoked", "user.registered"] or \
            "user.role_revoked" in [e.action for e in audit.recent(s, 5)]
        assert {u.login for u in list_users(s)} >= {ws.user.login, "amal", "omar"}
