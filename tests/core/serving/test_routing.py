"""Routing: users hash into buckets, shares are laid out so a growing version keeps its users,
revisions are numbered records with their audit events, and bad shares are refused."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.serving import routing
from atlas_desktop.core.storage import audit
from tests.core.serving.conftest import PROJECT

USERS = [f"customer-{i}" for i in range(10_000)]


def _split(table: routing.RoutingTable) -> dict[str, str]:
    return {u: routing.assign(table, u, None).target for u in USERS}


def test_ten_thousand_users_split_ninety_ten_and_stay_put_at_fifty_fifty(serving_ws) -> None:  # noqa: ANN001
    assert routing.get_table(serving_ws, PROJECT).shares() == {"base": 10_000}  # no revision yet: all production
    ninety = routing.set_shares(serving_ws, PROJECT, {"v2": 1000})
    before = _split(ninety)
    share = Counter(before.values())["v2"] / len(USERS)
    assert abs(share - 0.10) <= 0.02
    fifty = routing.set_shares(serving_ws, PROJECT, {"v2": 5000})
    after = _split(fifty)
    assert abs(Counter(after.values())["v2"] / len(USERS) - 0.50) <= 0.02
    assert all(after[u] == "v2" for u in USERS if before[u] == "v2")  # every user of v2 stays on v2
    moved = sum(before[u] != after[u] for u in USERS) / len(USERS)
    assert abs(moved - 0.40) <= 0.02  # only the share that moved changes hands
    back = routing.set_shares(serving_ws, PROJECT, {"v2": 1000})
    assert _split(back) == before  # shrinking back restores the first layout
    assert [(t.number, t.kill_switch) for t in routing.history(serving_ws, PROJECT)] == [(3, False), (2, False), (1, False)]


def test_the_kill_switch_sends_everything_to_production_and_a_later_change_starts_from_there(serving_ws) -> None:  # noqa: ANN001
    routing.set_shares(serving_ws, PROJECT, {"v1": 3000, "v2": 2000})
    killed = routing.kill_switch(serving_ws, PROJECT, "complaints about v1")
    assert killed.kill_switch and killed.shares() == {"base": 10_000}
    assert {routing.assign(killed, u, None).target for u in USERS[:500]} == {"base"}
    again = routing.set_shares(serving_ws, PROJECT, {"v2": 500})
    assert not again.kill_switch and again.shares() == {"base": 9500, "v2": 500}
    with serving_ws.unit_of_work() as s:
        actions = [e.action for e in audit.recent(s, 5)]
    assert actions[:3] == ["serve.routing_changed", "serve.kill_switch", "serve.routing_changed"]


def test_production_means_the_version_released_to_production(serving_ws) -> None:  # noqa: ANN001
    from sqlalchemy import update

    from atlas_desktop.core.storage.models import ModelVersion

    with serving_ws.unit_of_work() as s:
        s.execute(update(ModelVersion).where(ModelVersion.number == 1).values(stage="production"))
    table = routing.set_shares(serving_ws, PROJECT, {"v2": 2500})
    assert table.production == "v1" and table.shares() == {"v1": 7500, "v2": 2500}
    assert routing.kill_switch(serving_ws, PROJECT, "stop").shares() == {"v1": 10_000}


def test_bad_shares_are_refused(serving_ws) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="no model version v9"):
        routing.set_shares(serving_ws, PROJECT, {"v9": 100})
    with pytest.raises(ValidationError, match="add up to 12000"):
        routing.set_shares(serving_ws, PROJECT, {"v1": 6000, "v2": 6000})
    with pytest.raises(ValidationError, match="whole number"):
        routing.set_shares(serving_ws, PROJECT, {"v1": 10.5})
    with pytest.raises(ValidationError, match="TARGET=SHARE"):
        routing.parse_shares(["v1:1000"])
    assert routing.parse_shares(["v1=1000", "2=500"]) == {"v1": 1000, "2": 500}
    assert routing.set_shares(serving_ws, PROJECT, {"2": 500}).shares() == {"base": 9500, "v2": 500}  # "2" is v2
    assert routing.get_table(serving_ws, PROJECT).number == 1  # nothing stored by the refusals


def test_requests_without_user_or_session_are_random_and_say_so() -> None:
    table = routing.RoutingTable(1, 4, (("v1", 5000), ("base", 5000)), False, "base")
    rng = random.Random(3)
    picks = [routing.assign(table, None, None, rng) for _ in range(2000)]
    assert {p.assigned_by for p in picks} == {"random"} and {p.bucket for p in picks} == {-1}
    assert 0.45 < sum(p.target == "v1" for p in picks) / 2000 < 0.55
    assert routing.assign(table, None, "sess-1").assigned_by == "session"
    assert routing.assign(table, "u", "sess-1") == routing.assign(table, "u", None)  # the user field wins


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["v1", "v2", "v3"]), st.integers(0, 3300), max_size=3), min_size=1, max_size=6))
def test_a_growing_target_never_loses_a_bucket(steps: list[dict[str, int]]) -> None:
    entries: list[tuple[str, int]] = [("base", routing.BUCKETS)]
    for shares in steps:
        new = routing.layout(entries, shares, "base")
        assert sum(n for _, n in new) == routing.BUCKETS
        old_t = routing.RoutingTable(1, 1, tuple(entries), False, "base")
        new_t = routing.RoutingTable(1, 2, tuple(new), False, "base")
        for target, share in shares.items():
            assert new_t.shares().get(target, 0) == share
            if share >= old_t.shares().get(target, 0):  # grew (or stayed): keeps every bucket it had
                assert all(new_t.target_for(b) == target for b in range(routing.BUCKETS) if old_t.target_for(b) == target)
        moved = sum(old_t.target_for(b) != new_t.target_for(b) for b in range(routing.BUCKETS))
        wanted = sum(abs(new_t.shares().get(t, 0) - old_t.shares().get(t, 0)) for t in {*old_t.shares(), *new_t.shares()}) // 2
        assert moved == wanted  # no bucket moves that did not have to
        entries = new
