"""The gateway in front of a real inference server: model version v1 (the tiny model, trained two
steps by our own training) merged once into a full model folder, served by `transformers serve`
as a child process, asked in Arabic through the official openai client, streamed and not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from atlas_desktop.core.serving import routing
from atlas_desktop.core.serving.keys import create_key
from atlas_desktop.core.storage.models import ModelVersion, TelemetryEvent
from tests.core.serving.conftest import openai_client

pytestmark = [pytest.mark.allow_hosts(["127.0.0.1"]), pytest.mark.slow]


def test_a_model_version_is_merged_once_served_by_transformers_serve_and_answers_the_openai_client(eval_ws, start_gateway) -> None:  # noqa: ANN001
    ws, project = eval_ws, eval_ws.demo_project
    routing.set_shares(ws, project, {"v1": 10_000})
    _, key = create_key(ws, project, "helpdesk")
    gw = start_gateway(ws, project)
    client = openai_client(gw.url, key, timeout=240)
    question = [{"role": "user", "content": "كيف أفعّل البطاقة الجديدة؟"}]

    raw = client.chat.completions.with_raw_response.create(model="atlas", messages=question, max_tokens=8, user="sara")
    answer = raw.parse()
    assert raw.headers["x-atlas-version"] == "v1" and answer.id.startswith("chatcmpl-") and answer.model == "atlas"
    assert isinstance(answer.choices[0].message.content, str) and answer.usage.completion_tokens > 0
    chunks = list(client.chat.completions.create(model=project, messages=question, max_tokens=8, stream=True))
    assert chunks and {c.id for c in chunks} == {chunks[0].id} and any(c.choices and c.choices[0].delta.content for c in chunks)

    with ws.unit_of_work() as s:
        sha = s.execute(select(ModelVersion.adapter_sha256).where(ModelVersion.number == 1)).scalar_one()
    merged = ws.paths.models / "merged" / sha
    assert (merged / "config.json").is_file() and (merged / "atlas_merged.json").is_file() and (merged / "chat_template.jinja").is_file()
    backend = gw.gateway.backends.get("v1")
    assert backend.describe()["folder"] == str(merged) and backend.starts == 1
    if Path(f"/proc/{backend.proc.pid}/environ").exists():  # the child runs offline
        env = dict(v.split("=", 1) for v in Path(f"/proc/{backend.proc.pid}/environ").read_text().split("\0") if "=" in v)
        assert env["HF_HUB_OFFLINE"] == "1" and env["TRANSFORMERS_OFFLINE"] == "1"
    pid = backend.proc.pid

    gw.settle()
    with ws.unit_of_work() as s:
        rows = list(s.execute(select(TelemetryEvent).order_by(TelemetryEvent.id)).scalars())
    assert [(r.status, r.target, r.stream) for r in rows] == [("ok", "v1", False), ("ok", "v1", True)]
    assert rows[0].tokens_in > 0 and rows[0].tokens_out > 0 and rows[1].first_token_ms is not None and rows[0].features["arabic_share"] > 0.9
    assert rows[0].features["intent"] and "oov_share" in rows[0].features  # from the drift model of the version in production

    gw.stop()  # the model server goes with the gateway
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
