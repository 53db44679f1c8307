"""Client keys: the secret is shown once and only its sha256 is stored; revoking by id, prefix or
name; each change is an audit event."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.serving.keys import create_key, list_keys, live_keys, revoke_key
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import AuditEvent, ServingKey
from tests.core.serving.conftest import PROJECT


def test_a_key_is_shown_once_and_only_its_hash_is_kept(serving_ws) -> None:  # noqa: ANN001
    info, secret = create_key(serving_ws, PROJECT, "helpdesk")
    assert secret.startswith("atlas-") and len(secret) > 40 and info.prefix == secret[:12] and info.active
    with serving_ws.unit_of_work() as s:
        (row,) = s.execute(select(ServingKey)).scalars()
        assert row.key_hash == hashlib.sha256(secret.encode()).hexdigest()
        stored = [str(v) for r in s.execute(select(ServingKey.__table__)).all() for v in r]
        stored += [e.details for e in s.execute(select(AuditEvent)).scalars()]
        assert not any(secret in v for v in stored)
        assert live_keys(s, row.project_id) == {row.key_hash: "helpdesk"}
    _, other = create_key(serving_ws, PROJECT, "mobile")
    assert other != secret and [k.name for k in list_keys(serving_ws, PROJECT)] == ["helpdesk", "mobile"]


def test_revoke_by_id_prefix_or_name_and_only_once(serving_ws) -> None:  # noqa: ANN001
    a, _ = create_key(serving_ws, PROJECT, "helpdesk")
    b, secret_b = create_key(serving_ws, PROJECT, "mobile")
    c, _ = create_key(serving_ws, PROJECT, "web")
    assert revoke_key(serving_ws, PROJECT, a.prefix).revoked_by == "tester"
    assert revoke_key(serving_ws, PROJECT, "mobile").id == b.id
    assert revoke_key(serving_ws, PROJECT, str(c.id)).id == c.id
    with pytest.raises(ValidationError, match="already revoked"):
        revoke_key(serving_ws, PROJECT, str(a.id))
    with pytest.raises(NotFoundError, match="no key nope"):
        revoke_key(serving_ws, PROJECT, "nope")
    with pytest.raises(ValidationError):
        create_key(serving_ws, PROJECT, "  ")
    assert [k.active for k in list_keys(serving_ws, PROJECT)] == [False, False, False]
    assert list_keys(serving_ws, PROJECT, include_revoked=False) == []
    with serving_ws.unit_of_work() as s:
        actions = [e.action for e in audit.recent(s, 6)]
        assert actions == ["serve.key_revoked"] * 3 + ["serve.key_created"] * 3
        assert audit.verify_chain(s).ok
    assert secret_b
