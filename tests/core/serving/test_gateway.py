"""The gateway through the official openai client over loopback, against fake fast backends
(upstream URLs per target, as a GPU server would be configured): answers streamed and not,
routing that sticks and follows the table within a second, the kill switch, keys, bad input,
failover, a client leaving mid-stream, telemetry rows and feedback."""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest
from sqlalchemy import select

from atlas_desktop.core.serving import routing
from atlas_desktop.core.serving.keys import create_key, revoke_key
from atlas_desktop.core.serving.settings import set_settings
from atlas_desktop.core.storage.models import ServingFeedback, TelemetryEvent
from tests.core.serving.conftest import PROJECT, openai_client

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

ARABIC = "ما هي رسوم تحويل الأموال إلى الخارج؟"


def _rows(ws, **where):  # noqa: ANN001, ANN003, ANN202
    with ws.unit_of_work() as s:
        q = select(TelemetryEvent).order_by(TelemetryEvent.id)
        for k, v in where.items():
            q = q.where(getattr(TelemetryEvent, k) == v)
        return list(s.execute(q).scalars())


@pytest.fixture
def setup(serving_ws, fakes, start_gateway):  # noqa: ANN001, ANN201
    """Production ("base") and v1 on fake backends; a gateway; a client key."""
    base, v1 = fakes("base"), fakes("v1")
    set_settings(serving_ws, PROJECT, {"upstreams": {"base": f"{base.url}/v1", "v1": f"{v1.url}/v1"}})
    _, key = create_key(serving_ws, PROJECT, "helpdesk")
    gw = start_gateway(serving_ws)
    return serving_ws, gw, key, base, v1


def test_chat_completions_streamed_and_not_with_telemetry(setup) -> None:  # noqa: ANN001
    ws, gw, key, base, _ = setup
    client = openai_client(gw.url, key)
    assert [m.id for m in client.models.list()] == ["atlas"]

    raw = client.chat.completions.with_raw_response.create(model="atlas", messages=[{"role": "user", "content": ARABIC}], user="u1")
    answer = raw.parse()
    assert raw.headers["x-atlas-version"] == "base"
    assert answer.id.startswith("chatcmpl-") and answer.model == "atlas"
    assert answer.choices[0].message.content == "base-0 base-1 base-2 "
    assert base.requests[-1]["model"] == "base" and base.requests[-1]["user"] == "u1"  # the upstream's own model name

    chunks = list(client.chat.completions.create(model=PROJECT, messages=[{"role": "user", "content": ARABIC}], stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "base-0 base-1 base-2 "
    assert {c.id for c in chunks} == {chunks[0].id} and chunks[0].id.startswith("chatcmpl-") and chunks[0].id != answer.id
    assert all(c.choices for c in chunks)  # the usage chunk the gateway asked for is not passed on

    gw.settle()
    rows = _rows(ws)
    assert [(r.completion_id, r.status, r.stream, r.target) for r in rows] == [(answer.id, "ok", False, "base"), (chunks[0].id, "ok", True, "base")]
    r0, r1 = rows
    assert (r0.client, r0.assigned_by, r0.tokens_in, r0.tokens_out, r0.first_token_ms) == ("helpdesk", "user", 7, 3, None)
    assert r0.bucket == routing.bucket_of(gw.gateway.project_id, "u1")
    assert r1.assigned_by == "random" and r1.bucket == -1 and r1.first_token_ms is not None and r1.first_token_ms <= r1.total_ms
    assert r0.features["arabic_share"] > 0.9 and r0.features["words"] == 7 and r0.features["dialect"]
    assert r0.prompt_text is None and r0.answer_text is None  # the default policy keeps no text
    assert r0.gateway and r0.routing_number == 0


def test_routing_sticks_grows_and_the_kill_switch_sends_everyone_to_production(setup) -> None:  # noqa: ANN001
    ws, gw, key, _, _ = setup
    client = openai_client(gw.url, key)

    def versions(users: list[str]) -> dict[str, str]:
        out = {}
        for u in users:
            r = client.chat.completions.with_raw_response.create(model="atlas", messages=[{"role": "user", "content": "hi"}], user=u)
            out[u] = r.headers["x-atlas-version"]
        return out

    users = [f"user-{i}" for i in range(120)]
    t = routing.set_shares(ws, PROJECT, {"v1": 2000})
    gw.wait_routing(t.number)
    first = versions(users)
    assert 10 <= sum(v == "v1" for v in first.values()) <= 40
    assert versions(users[:30]) == {u: first[u] for u in users[:30]}  # the same user, the same version
    session = client.chat.completions.with_raw_response.create(model="atlas", messages=[{"role": "user", "content": "hi"}],
                                                               extra_headers={"X-Atlas-Session": "user-7"})
    assert session.headers["x-atlas-version"] == first["user-7"]  # a session header hashes like a user

    t = routing.set_shares(ws, PROJECT, {"v1": 6000})
    gw.wait_routing(t.number)
    grown = versions(users)
    assert all(grown[u] == "v1" for u in users if first[u] == "v1")  # nobody leaves the version as it grows
    assert sum(v == "v1" for v in grown.values()) > sum(v == "v1" for v in first.values())

    t = routing.kill_switch(ws, PROJECT, "answers in English")
    gw.wait_routing(t.number)
    assert set(versions(users[:40]).values()) == {"base"}
    gw.settle()
    assert {r.routing_number for r in _rows(ws)} == {1, 2, 3}


def test_keys_bad_input_and_errors_are_openai_style(setup) -> None:  # noqa: ANN001
    ws, gw, key, _, _ = setup
    msgs = [{"role": "user", "content": "hi"}]
    with pytest.raises(openai.AuthenticationError) as e:
        openai_client(gw.url, "atlas-not-a-key").chat.completions.create(model="atlas", messages=msgs)
    assert e.value.status_code == 401 and e.value.body["code"] == "invalid_api_key" and e.value.body["type"] and e.value.body["message"]
    r = httpx.post(f"{gw.url}/v1/chat/completions", json={"model": "atlas", "messages": msgs})
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"
    assert httpx.get(f"{gw.url}/v1/models").status_code == 401

    auth = {"Authorization": f"Bearer {key}"}
    r = httpx.post(f"{gw.url}/v1/chat/completions", content=b'{"model": "atlas", "messages": [', headers=auth)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"
    r = httpx.post(f"{gw.url}/v1/chat/completions", json={"model": "atlas", "messages": "hi"}, headers=auth)
    assert r.status_code == 400 and "messages" in r.json()["error"]["message"]
    with pytest.raises(openai.NotFoundError) as e:
        openai_client(gw.url, key).chat.completions.create(model="gpt-4o", messages=msgs)
    assert e.value.body["code"] == "model_not_found" and "gpt-4o" in e.value.body["message"]
    r = httpx.post(f"{gw.url}/v1/chat/completions", json={"model": "gpt-4o", "messages": msgs}, headers={**auth, "Accept-Language": "ar"})
    assert r.status_code == 404 and "النموذج" in r.json()["error"]["message"]
    big = {"model": "atlas", "messages": [{"role": "user", "content": "x" * (1 << 20)}]}
    r = httpx.post(f"{gw.url}/v1/chat/completions", json=big, headers=auth)
    assert r.status_code == 413 and r.json()["error"]["code"] == "request_too_large"
    r = httpx.get(f"{gw.url}/v1/engines", headers=auth)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert httpx.get(f"{gw.url}/health").json()["status"] == "ok"

    revoke_key(ws, PROJECT, "helpdesk")
    deadline = time.monotonic() + 2
    while True:  # refused within a second (the snapshot is re-read)
        r = httpx.post(f"{gw.url}/v1/chat/completions", json={"model": "atlas", "messages": msgs}, headers=auth)
        if r.status_code == 401 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key"
    gw.settle()
    assert [r.status for r in _rows(ws)] == ["bad_request", "bad_request", "unknown_model", "unknown_model", "too_large"] + ["ok"] * (len(_rows(ws)) - 5)


def test_a_version_that_is_down_fails_over_to_production_and_says_so(serving_ws, fakes, start_gateway) -> None:  # noqa: ANN001
    base = fakes("base")
    set_settings(serving_ws, PROJECT, {"upstreams": {"base": f"{base.url}/v1", "v1": "http://127.0.0.1:9/v1"}})  # nothing listens there
    routing.set_shares(serving_ws, PROJECT, {"v1": 10000})
    _, key = create_key(serving_ws, PROJECT, "app")
    gw = start_gateway(serving_ws)
    client = openai_client(gw.url, key)
    r = client.chat.completions.with_raw_response.create(model="atlas", messages=[{"role": "user", "content": "hi"}], user="a")
    assert r.headers["x-atlas-version"] == "base" and r.parse().choices[0].message.content.startswith("base-0")
    chunks = list(client.chat.completions.create(model="atlas", messages=[{"role": "user", "content": "hi"}], stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks).startswith("base-0")
    gw.settle()
    rows = _rows(serving_ws)
    assert [(r.status, r.target) for r in rows] == [("failover", "base"), ("failover", "base")]
    assert json.loads(rows[0].detail)["routed"] == "v1"
    assert gw.gateway.backends.get("v1").describe()["paused"]  # not asked again for a while: the next request fails over at once


def test_production_down_is_a_503_and_a_record(serving_ws, start_gateway) -> None:  # noqa: ANN001
    set_settings(serving_ws, PROJECT, {"upstreams": {"base": "http://127.0.0.1:9/v1"}})
    _, key = create_key(serving_ws, PROJECT, "app")
    gw = start_gateway(serving_ws)
    with pytest.raises(openai.InternalServerError) as e:
        openai_client(gw.url, key).chat.completions.create(model="atlas", messages=[{"role": "user", "content": "hi"}])
    assert e.value.status_code == 503 and e.value.body["code"] == "backend_unavailable"
    gw.settle()
    assert [(r.status, r.target) for r in _rows(serving_ws)] == [("error", "base")]


def test_a_client_leaving_mid_stream_stops_the_backend_and_is_recorded(serving_ws, fakes, start_gateway) -> None:  # noqa: ANN001
    slow = fakes("base", chunks=200, delay=0.05)
    set_settings(serving_ws, PROJECT, {"upstreams": {"base": f"{slow.url}/v1"}})
    _, key = create_key(serving_ws, PROJECT, "app")
    gw = start_gateway(serving_ws)
    body = {"model": "atlas", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    with httpx.stream("POST", f"{gw.url}/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {key}"}) as r:
        lines = r.iter_lines()
        got = [next(lines) for _ in range(4)]
    assert any("base-0" in line for line in got)
    deadline = time.monotonic() + 5
    while slow.closed_early == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert slow.closed_early == 1 and slow.finished_streams == 0  # the backend's stream was closed, not drained
    gw.settle()
    (row,) = _rows(serving_ws)
    assert row.status == "disconnected" and row.stream and row.total_ms < 5000


def test_feedback_is_stored_with_the_version_that_answered(setup) -> None:  # noqa: ANN001
    ws, gw, key, _, _ = setup
    routing.set_shares(ws, PROJECT, {"v1": 10000})
    gw.wait_routing(1)
    answer = openai_client(gw.url, key).chat.completions.create(model="atlas", messages=[{"role": "user", "content": "hi"}])
    auth = {"Authorization": f"Bearer {key}"}
    r = httpx.post(f"{gw.url}/v1/feedback", json={"completion_id": answer.id, "thumbs": "down", "ticket_id": "HD-1042"}, headers=auth)
    assert r.status_code == 200 and r.json()["target"] == "v1"
    r = httpx.post(f"{gw.url}/v1/feedback", json={"completion_id": answer.id, "ticket_id": "HD-1043"}, headers=auth)
    assert r.status_code == 200
    assert httpx.post(f"{gw.url}/v1/feedback", json={"completion_id": answer.id, "thumbs": "meh"}, headers=auth).status_code == 400
    assert httpx.post(f"{gw.url}/v1/feedback", json={"completion_id": "chatcmpl-nope", "thumbs": "up"}, headers=auth).status_code == 404
    assert httpx.post(f"{gw.url}/v1/feedback", json={"completion_id": answer.id, "thumbs": "up"}).status_code == 401
    gw.settle()
    gw.gateway.recent.clear()  # known from telemetry alone (another gateway answered it)
    assert httpx.post(f"{gw.url}/v1/feedback", json={"completion_id": answer.id, "thumbs": "up"}, headers=auth).status_code == 200
    with ws.unit_of_work() as s:
        rows = list(s.execute(select(ServingFeedback).order_by(ServingFeedback.id)).scalars())
    assert [(f.target, f.thumbs, f.ticket_id, f.client) for f in rows] == [("v1", -1, "HD-1042", "helpdesk"),
                                                                           ("v1", None, "HD-1043", "helpdesk"), ("v1", 1, None, "helpdesk")]


def test_text_is_kept_only_when_the_policy_says_so_and_then_redacted(setup) -> None:  # noqa: ANN001
    ws, gw, key, _, _ = setup
    set_settings(ws, PROJECT, {"keep_text": True})
    deadline = time.monotonic() + 3
    while not gw.gateway.snapshot.settings["keep_text"]:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    prompt = "رقم جوالي 0551234567 وبريدي sara@example.com"
    openai_client(gw.url, key).chat.completions.create(model="atlas", messages=[{"role": "user", "content": prompt}])
    gw.settle()
    (row,) = _rows(ws)
    assert "0551234567" not in row.prompt_text and "sara@example.com" not in row.prompt_text and "[PHONE]" in row.prompt_text
    assert row.answer_text == "base-0 base-1 base-2 "
