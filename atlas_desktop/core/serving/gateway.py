"""The gateway: an OpenAI-compatible HTTP API in front of a project's model versions.

``create_app(ws, project)`` builds a Starlette app (no globals: everything hangs off one
:class:`Gateway`); ``serve`` runs it on uvicorn. Routes:

- ``POST /v1/chat/completions``: streaming (server-sent events) and not. The request's ``model``
  is the project's public model name (serving setting ``model_name``, "atlas" by default; the
  project's own name is accepted too). The request is routed (routing.py: by its ``user`` field
  or ``X-Atlas-Session`` header, else at random) to a target's backend (backends.py) and relayed
  with httpx; the answer carries the gateway's own completion id (``chatcmpl-...``), the public
  model name and an ``X-Atlas-Version`` header naming the version that answered.
- ``GET /v1/models``: answered by the gateway (the one public model).
- ``POST /v1/feedback``: ``{"completion_id", "thumbs": "up"|"down", "ticket_id"?}``, stored with
  the version that answered that completion.
- ``GET /health``: no key needed; says nothing about the models.

Every ``/v1`` route needs a client key (``Authorization: Bearer atlas-...``, keys.py); errors are
OpenAI-style bodies ``{"error": {"message", "type", "code", "param"}}`` rendered from the message
catalogue (Arabic with ``Accept-Language: ar``): 401 no or revoked key, 400 malformed JSON or
fields, 404 unknown model or path, 413 a body over ``max_request_bytes``, 503 no backend.

What a request reads is an immutable :class:`Snapshot` (routing table, live keys, settings)
swapped in one assignment by a task that re-reads the database twice a second: the request path
never touches the database. If a version's backend is down its request goes to production
(status "failover", recorded); a client that goes away mid-answer closes the upstream stream (the
backend stops generating) and is recorded as "disconnected". One telemetry row per request is
queued for the background writer (telemetry.py), never written on the request path.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import os
import secrets
import socket
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.messages import Msg, render
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.serving import routing
from atlas_desktop.core.serving import settings as serving_settings
from atlas_desktop.core.serving.backends import Backend, BackendDown, Backends, LocalBackend, UpstreamBackend, serve_command
from atlas_desktop.core.serving.features import last_user_turn
from atlas_desktop.core.serving.keys import key_hash, live_keys
from atlas_desktop.core.serving.telemetry import Record, TelemetryWriter, load_spills
from atlas_desktop.core.storage.models import BaseModelRecord, ModelVersion, Project, ServingFeedback, TelemetryEvent
from atlas_desktop.core.workspace import Workspace

log = logging.getLogger(__name__)
RECENT_COMPLETIONS = 200_000  # completion id -> target, for feedback that arrives before telemetry is written
JSON_HEADERS = {"content-type": "application/json"}
UPSTREAM_HEADERS = {**JSON_HEADERS, "accept-encoding": "identity"}  # the stream is relayed as it comes: never compressed


@dataclass(frozen=True)
class GatewayConfig:
    refresh_s: float = 0.5  # how often the routing table, keys and settings are re-read
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 600.0
    name: str = ""  # this gateway in telemetry (default host:pid)
    make_backend: Callable[[Any, str], Backend] | None = None  # tests: (gateway, target) -> Backend
    release_poll_s: float = 5.0  # how often the release controller is asked to evaluate (it keeps the plan's interval)
    release_time_scale: float = 1.0  # the release simulator's: watch periods and intervals pass this many times faster


@dataclass(frozen=True)
class Snapshot:
    table: routing.RoutingTable
    keys: dict[str, str]  # sha256 -> the key's name
    settings: dict[str, Any]
    model_names: frozenset[str]


@dataclass
class Call:
    """One chat completion on its way through (what telemetry records)."""

    started: float
    completion_id: str
    client: str
    assignment: routing.Assignment
    routing_number: int
    stream: bool
    prompt: str
    keep_text: bool
    lang: str = "en"
    target: str = ""
    status: str = "ok"
    detail: dict[str, Any] = field(default_factory=dict)
    first_token_ms: float | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    answer: list[str] = field(default_factory=list)
    recorded: bool = False


class Clients:
    """Several small httpx clients used in turn. One httpx pool scans all its connections on every
    request it starts or finishes, so with hundreds of streams open at once its cost grows with
    the square of their number (500 concurrent streams: 5.6 s of CPU in one client, measured);
    spread over 16 clients the scans stay short."""

    def __init__(self, count: int = 16, keepalive_expiry: float = 2.0, **kw: Any) -> None:
        from atlas_desktop.core.serving.transport import LeanTransport

        self._clients = [httpx.AsyncClient(mounts={"http://": LeanTransport(keepalive_expiry)}, **kw) for _ in range(count)]
        self._next = 0

    def pick(self) -> httpx.AsyncClient:
        self._next = (self._next + 1) % len(self._clients)
        return self._clients[self._next]

    async def aclose(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self._clients), return_exceptions=True)


def _lang(request: Request) -> str:
    return "ar" if request.headers.get("accept-language", "").lower().startswith("ar") else "en"


def api_error(request: Request | str, status: int, message: Msg, code: str, kind: str = "invalid_request_error",
              headers: dict[str, str] | None = None) -> JSONResponse:
    """An OpenAI-style error body; ``request`` (or a language) decides the message's language."""
    lang = request if isinstance(request, str) else _lang(request)
    return JSONResponse({"error": {"message": render(message, lang), "type": kind, "code": code, "param": None}},
                        status_code=status, headers=headers)


class _Stream(StreamingResponse):
    """A streaming response that always watches for the client going away (and then cancels the
    relay, whose ``finally`` closes the upstream stream), and closes its iterator in every case;
    ``cleanup`` runs last (for a relay that never started: the client left before the first byte)."""

    def __init__(self, *args: Any, cleanup: Callable[[], Any] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.cleanup = cleanup

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            async with anyio.create_task_group() as tg:
                async def stream() -> None:
                    with contextlib.suppress(OSError):
                        await self.stream_response(send)
                    tg.cancel_scope.cancel()

                async def watch() -> None:
                    await self.listen_for_disconnect(receive)
                    tg.cancel_scope.cancel()

                tg.start_soon(stream)
                tg.start_soon(watch)
        finally:
            with anyio.CancelScope(shield=True):
                await self.body_iterator.aclose()  # type: ignore[attr-defined]
                if self.cleanup is not None:
                    await self.cleanup()


async def _until_disconnect(receive: Callable[[], Any]) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


class Gateway:
    def __init__(self, ws: Workspace, project: str, config: GatewayConfig | None = None) -> None:
        self.ws = ws
        self.config = config or GatewayConfig()
        self.name = self.config.name or f"{socket.gethostname()}:{os.getpid()}"
        with ws.unit_of_work() as s:
            p = project_record(s, project)
            self.project_id, self.project = p.id, p.name
        self.snapshot = self._read()
        self.backends = Backends(self._make_backend)
        self.recent: OrderedDict[str, str] = OrderedDict()
        self.writer: TelemetryWriter | None = None
        self.clients: Clients | None = None
        self._refresher: asyncio.Task[None] | None = None
        self._releaser: asyncio.Task[None] | None = None
        self._drift: Any = None
        self._drift_checked = -1e9

    # ---------------------------------------------------------------- lifecycle
    async def startup(self) -> None:
        from atlas_desktop.core.data.redact import Redactor
        from atlas_desktop.core.private import secret_key

        spill = self.ws.paths.logs
        with contextlib.suppress(Exception):
            n = await asyncio.to_thread(load_spills, self.ws.db, spill)
            if n:
                log.info("telemetry: %d rows from an earlier gateway's spill files written", n)
        self.writer = TelemetryWriter(self.ws.db, self.name, redactor=Redactor(key=secret_key(self.ws.paths.redaction_key)),
                                      spill_dir=spill, drift_model=self._drift_model).start()
        timeout = httpx.Timeout(connect=self.config.connect_timeout_s, read=self.config.read_timeout_s, write=60.0, pool=60.0)
        # Idle connections are dropped after 2 s, before a backend's own keep-alive timeout (uvicorn's,
        # under transformers serve and vLLM, is 5 s) can close one just as it is reused.
        self.clients = Clients(timeout=timeout, limits=httpx.Limits(max_connections=1024, max_keepalive_connections=64, keepalive_expiry=2.0),
                               trust_env=False)  # plain http goes through transport.LeanTransport; https through httpx's own
        self._refresher = asyncio.ensure_future(self._refresh_loop())
        self._releaser = asyncio.ensure_future(self._release_loop())

    async def shutdown(self) -> None:
        for task in (self._refresher, self._releaser):
            if task:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        await self.backends.stop_all()
        if self.clients:
            await self.clients.aclose()
        if self.writer:
            await asyncio.to_thread(self.writer.close)

    def _drift_model(self) -> Any:
        """The drift model of the version in production (core/serving/drift.py), looked up again at
        most once a minute (fitted once per training file and cached in the data folder)."""
        now = time.monotonic()
        if now - self._drift_checked >= 60.0:
            self._drift_checked = now
            from atlas_desktop.core.serving.drift import production_model

            found = production_model(self.ws, self.project)
            self._drift = found[1] if found else None
        return self._drift

    # ---------------------------------------------------------------- the snapshot
    def _read(self) -> Snapshot:
        with self.ws.unit_of_work() as s:
            p = s.get(Project, self.project_id)
            cfg = serving_settings.checked((p.settings or {}).get("serving"))
            return Snapshot(routing.current_table(s, self.project_id), live_keys(s, self.project_id), cfg,
                            frozenset({cfg["model_name"], p.name}))

    async def _release_loop(self) -> None:
        """The release controller runs here: every few seconds it is asked to evaluate the running
        release's stage (it does so once per plan interval, whichever gateway asks first), and it
        promotes or rolls back by writing a routing revision, which the refresh loop picks up."""
        from atlas_desktop.core.release import controller

        while True:
            await asyncio.sleep(self.config.release_poll_s)
            try:
                await asyncio.to_thread(controller.tick, self.ws, self.project, time_scale=self.config.release_time_scale)
            except Exception as exc:  # noqa: BLE001 - logged; the next poll tries again
                log.warning("gateway: the release controller failed (%s: %s)", type(exc).__name__, exc)

    async def _refresh_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.refresh_s)
            try:
                new = await asyncio.to_thread(self._read)
            except Exception as exc:  # noqa: BLE001 - the database is away: keep routing by the last snapshot
                log.warning("gateway: cannot re-read the routing table (%s); keeping revision %d", exc, self.snapshot.table.number)
                continue
            old, self.snapshot = self.snapshot, new
            for target in {t for t in set(old.settings["upstreams"]) | set(new.settings["upstreams"])
                           if old.settings["upstreams"].get(t) != new.settings["upstreams"].get(t)}:
                gone = self.backends.forget(target)
                if gone is not None:
                    await gone.stop()

    # ---------------------------------------------------------------- backends
    def _make_backend(self, target: str) -> Backend:
        if self.config.make_backend is not None:
            return self.config.make_backend(self, target)
        up = self.snapshot.settings["upstreams"].get(target)
        if up:
            return UpstreamBackend(target, up["url"], up["model"], up["api_key_env"])
        cfg = self.snapshot.settings
        return LocalBackend(target, lambda: model_folder(self.ws, self.project_id, target),
                            self.ws.paths.logs / f"backend-{self.project_id}-{target}.log",
                            command=lambda folder, port: serve_command(folder, port, cfg["device"], cfg["dtype"], cfg["continuous_batching"]))

    # ---------------------------------------------------------------- requests
    def _client_of(self, request: Request, snap: Snapshot) -> str | JSONResponse:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return api_error(request, 401, Msg("serve.api.missing_key"), "missing_api_key", headers={"www-authenticate": "Bearer"})
        name = snap.keys.get(key_hash(token))
        if name is None:
            shown = token[:12] + "…" if len(token) > 12 else "…"
            return api_error(request, 401, Msg("serve.api.bad_key", prefix=shown), "invalid_api_key", headers={"www-authenticate": "Bearer"})
        return name

    async def _body(self, request: Request, limit: int) -> bytes | JSONResponse:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return api_error(request, 413, Msg("serve.api.too_large", size=int(length), limit=limit), "request_too_large")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return api_error(request, 413, Msg("serve.api.too_large_unknown", limit=limit), "request_too_large")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _json(self, request: Request, snap: Snapshot) -> tuple[str, dict[str, Any]] | JSONResponse:
        """The client's key name and the request's JSON object, or the error to answer."""
        client = self._client_of(request, snap)
        if isinstance(client, JSONResponse):
            return client
        body = await self._body(request, snap.settings["max_request_bytes"])
        if isinstance(body, JSONResponse):
            self._reject(client, snap, "too_large")
            return body
        try:
            payload = json.loads(body)
        except ValueError as exc:
            self._reject(client, snap, "bad_request")
            return api_error(request, 400, Msg("serve.api.bad_json", reason=str(exc)), "invalid_json")
        if not isinstance(payload, dict):
            self._reject(client, snap, "bad_request")
            return api_error(request, 400, Msg("serve.api.not_object"), "invalid_json")
        return client, payload

    def _reject(self, client: str, snap: Snapshot, status: str, detail: str = "") -> None:
        """A refused request is recorded too (no target: it was not routed)."""
        if self.writer is not None:
            self.writer.put(Record(self.project_id, "", "", snap.table.number, -1, "", client, status, False, 0.0, detail=detail))

    async def models(self, request: Request) -> Response:
        snap = self.snapshot
        client = self._client_of(request, snap)
        if isinstance(client, JSONResponse):
            return client
        name = snap.settings["model_name"]
        return JSONResponse({"object": "list", "data": [{"id": name, "object": "model", "created": 0, "owned_by": "atlas"}]})

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "routing": self.snapshot.table.number})

    async def chat(self, request: Request) -> Response:
        started = time.perf_counter()
        snap = self.snapshot
        got = await self._json(request, snap)
        if isinstance(got, JSONResponse):
            return got
        client, payload = got
        problem = _check_chat(payload)
        if problem is not None:
            self._reject(client, snap, "bad_request")
            return api_error(request, 400, problem, "invalid_request")
        if payload["model"] not in snap.model_names:
            self._reject(client, snap, "unknown_model", payload["model"][:200])
            return api_error(request, 404, Msg("serve.api.unknown_model", model=payload["model"], models=snap.settings["model_name"]),
                             "model_not_found")
        user = payload.get("user") if isinstance(payload.get("user"), str) else None
        a = routing.assign(snap.table, user, request.headers.get("x-atlas-session"))
        call = Call(started, "chatcmpl-" + secrets.token_hex(12), client, a, snap.table.number, bool(payload.get("stream")),
                    last_user_turn(payload["messages"]), snap.settings["keep_text"], _lang(request))
        work = asyncio.ensure_future(self._answer(request, call, payload, snap))
        gone = asyncio.ensure_future(_until_disconnect(request.receive))
        try:
            await asyncio.wait({work, gone}, return_when=asyncio.FIRST_COMPLETED)
            if not work.done():  # the client left before the answer started: stop asking the backend
                work.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await work
                call.status = "disconnected"
                self._record(call)
                return Response(status_code=499)
            return work.result()
        except Exception:
            log.exception("gateway: request %s failed", call.completion_id)
            call.status = "error"
            self._record(call)
            raise
        finally:
            gone.cancel()

    async def _answer(self, request: Request, call: Call, payload: dict[str, Any], snap: Snapshot) -> Response:
        """The response: an error, the stream being relayed, or the whole answer (cancelled if the
        client leaves first; the upstream response is closed then)."""
        upstream = await self._open(call, payload, snap)
        if isinstance(upstream, Response):
            return upstream
        try:
            if upstream.status_code != 200:
                return await self._upstream_error(request, call, upstream)
            headers = {"x-atlas-version": call.target, "x-atlas-completion-id": call.completion_id}
            if call.stream:
                async def cleanup() -> None:
                    if not call.recorded:  # the relay never ran
                        call.status = "disconnected"
                        await upstream.aclose()
                        self._record(call)

                return _Stream(self._relay(call, upstream, snap, "stream_options" not in payload), media_type="text/event-stream",
                               headers={**headers, "cache-control": "no-cache"}, cleanup=cleanup)
            raw = await upstream.aread()
        except BaseException:
            with anyio.CancelScope(shield=True):
                await upstream.aclose()
            raise
        await upstream.aclose()
        return self._complete(call, raw, snap, headers)

    async def _open(self, call: Call, payload: dict[str, Any], snap: Snapshot) -> httpx.Response | Response:
        """The upstream response (headers read), from the routed target or, when that one is
        down, from production; or the 503 to answer when production is down too."""
        assert self.clients is not None
        production = snap.table.production
        targets = [call.assignment.target] + ([production] if call.assignment.target != production else [])
        reason: Any = ""
        for i, target in enumerate(targets):
            last = i == len(targets) - 1
            backend = self.backends.get(target)
            try:
                ep = await backend.endpoint(wait_restart=last)
                body = {**payload, "model": ep.model}
                if call.stream and "stream_options" not in payload:
                    body["stream_options"] = {"include_usage": True}
                upstream = await self._send(ep, body)
            except BackendDown as exc:
                reason = exc.full()
            except httpx.TimeoutException:
                backend.failed("timeout")
                reason = Msg("serve.api.backend_down", target=target, reason=Msg("serve.backend.timeout"))
            except httpx.TransportError as exc:
                backend.failed(str(exc))
                reason = Msg("serve.api.backend_down", target=target, reason=Msg("serve.backend.unreachable"))
            else:
                if upstream.status_code < 500 or last:
                    call.target = target
                    return upstream
                await upstream.aclose()
                reason = Msg("serve.api.backend_error", target=target, status=upstream.status_code, detail="")
            if not last:  # a version is down: its request goes to production, and that is recorded
                call.status = "failover"
                call.detail = {"routed": target, "reason": render(reason, "en")}
        call.target, call.status = targets[-1], "error"
        call.detail = {**call.detail, "error": render(reason, "en")}
        self._record(call)
        return api_error(call.lang, 503, reason if isinstance(reason, Msg) else Msg("serve.api.backend_down", target=targets[-1], reason=reason),
                         "backend_unavailable", kind="server_error")

    async def _send(self, ep: Any, body: dict[str, Any]) -> httpx.Response:
        """Send to the backend; once more on a fresh connection if a kept-alive one turns out to
        have been closed by the backend just then (the request never reached it, or died with the
        connection before an answer: a chat completion changes nothing, so asking again is safe)."""
        content = json.dumps(body, ensure_ascii=False).encode()
        for attempt in (1, 2):
            client = self.clients.pick()
            request = client.build_request("POST", f"{ep.url}/chat/completions", content=content, headers={**UPSTREAM_HEADERS, **ep.headers})
            try:
                return await client.send(request, stream=True)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _upstream_error(self, request: Request, call: Call, upstream: httpx.Response) -> Response:
        raw = (await upstream.aread())[:2000]
        await upstream.aclose()
        try:
            detail = json.loads(raw)
            detail = detail.get("error", detail) if isinstance(detail, dict) else detail
            detail = detail.get("message", detail.get("detail", detail)) if isinstance(detail, dict) else detail
        except ValueError:
            detail = raw.decode("utf-8", "replace")
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
        call.status, call.detail = "error", {**call.detail, "upstream_status": upstream.status_code, "error": text[:500]}
        self._record(call)
        status = upstream.status_code if 400 <= upstream.status_code < 500 else 502
        return api_error(request, status, Msg("serve.api.backend_error", target=call.target, status=upstream.status_code, detail=text[:500]),
                         "backend_error", kind="invalid_request_error" if status < 500 else "server_error",
                         headers={"x-atlas-version": call.target})

    def _complete(self, call: Call, raw: bytes, snap: Snapshot, headers: dict[str, str]) -> Response:
        try:
            obj = json.loads(raw)
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            call.status, call.detail = "error", {**call.detail, "error": "not JSON"}
            self._record(call)
            return api_error(call.lang, 502, Msg("serve.api.backend_error", target=call.target, status=200, detail=raw[:200].decode("utf-8", "replace")),
                             "backend_error", kind="server_error", headers=headers)
        obj["id"], obj["model"] = call.completion_id, snap.settings["model_name"]
        usage = obj.get("usage") or {}
        call.tokens_in, call.tokens_out = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
        for choice in obj.get("choices") or []:
            content = (choice.get("message") or {}).get("content")
            if isinstance(content, str):
                call.answer.append(content)
        self._record(call)
        return Response(json.dumps(obj, ensure_ascii=False).encode(), headers={**headers, **JSON_HEADERS})

    async def _relay(self, call: Call, upstream: httpx.Response, snap: Snapshot, drop_usage_only: bool) -> AsyncIterator[bytes]:
        """The backend's events, with our completion id and model name, ending with [DONE]."""
        finished, done_sent, buf = False, False, b""
        name = snap.settings["model_name"]
        try:
            try:
                async for chunk in upstream.aiter_raw():
                    buf += chunk
                    while True:
                        cut = buf.find(b"\n\n")
                        if cut < 0:
                            break
                        event, buf = buf[:cut], buf[cut + 2:]
                        out = self._event(call, event, name, drop_usage_only)
                        if out is not None:
                            done_sent = done_sent or out == b"data: [DONE]\n\n"
                            yield out
                if buf.strip():
                    out = self._event(call, buf, name, drop_usage_only)
                    if out is not None:
                        done_sent = done_sent or out == b"data: [DONE]\n\n"
                        yield out
            except httpx.HTTPError as exc:  # the backend died mid-answer: too late to fail over; tell the client
                call.status, call.detail = "error", {**call.detail, "error": f"{type(exc).__name__}: {exc}"[:500]}
                err = {"error": {"message": render(Msg("serve.api.backend_down", target=call.target, reason=Msg("serve.backend.unreachable")), call.lang),
                                 "type": "server_error", "code": "backend_unavailable", "param": None}}
                yield b"data: " + json.dumps(err, ensure_ascii=False).encode() + b"\n\n"
            if not done_sent:
                yield b"data: [DONE]\n\n"
            finished = True
        finally:
            if not finished:
                call.status = "disconnected"
            with anyio.CancelScope(shield=True):
                await upstream.aclose()
            self._record(call)

    def _event(self, call: Call, event: bytes, name: str, drop_usage_only: bool) -> bytes | None:
        data = b"".join(line[5:].strip() for line in event.replace(b"\r\n", b"\n").split(b"\n") if line.startswith(b"data:"))
        if not data:
            return None
        if data == b"[DONE]":
            return b"data: [DONE]\n\n"
        try:
            obj = json.loads(data)
        except ValueError:
            return b"data: " + data + b"\n\n"
        if not isinstance(obj, dict):
            return b"data: " + data + b"\n\n"
        obj["id"], obj["model"] = call.completion_id, name
        usage = obj.get("usage")
        if isinstance(usage, dict):
            call.tokens_in = int(usage.get("prompt_tokens") or call.tokens_in)
            call.tokens_out = int(usage.get("completion_tokens") or call.tokens_out)
        choices = obj.get("choices") or []
        for choice in choices:
            content = (choice.get("delta") or {}).get("content")
            if isinstance(content, str) and content:
                if call.first_token_ms is None:
                    call.first_token_ms = (time.perf_counter() - call.started) * 1000
                call.answer.append(content)
        if not choices and drop_usage_only and usage is not None:
            return None  # the usage chunk we asked for; the client did not
        if drop_usage_only:
            obj.pop("usage", None)
        return b"data: " + json.dumps(obj, ensure_ascii=False).encode() + b"\n\n"

    def _record(self, call: Call) -> None:
        if call.recorded:
            return
        call.recorded = True
        if call.completion_id and call.target and call.status in ("ok", "failover"):
            self.recent[call.completion_id] = call.target
            if len(self.recent) > RECENT_COMPLETIONS:
                self.recent.popitem(last=False)
        if self.writer is None:
            return
        a = call.assignment
        answer = "".join(call.answer) if call.keep_text else None
        if call.stream and not call.tokens_out:
            call.tokens_out = len(call.answer)  # no usage from the backend: one chunk is about one token
        self.writer.put(Record(self.project_id, call.completion_id, call.target, call.routing_number, a.bucket, a.assigned_by, call.client,
                               call.status, call.stream, round((time.perf_counter() - call.started) * 1000, 3),
                               round(call.first_token_ms, 3) if call.first_token_ms is not None else None, call.tokens_in, call.tokens_out,
                               call.prompt, answer, call.keep_text, json.dumps(call.detail, ensure_ascii=False) if call.detail else ""))

    # ---------------------------------------------------------------- feedback
    async def feedback(self, request: Request) -> Response:
        snap = self.snapshot
        got = await self._json(request, snap)
        if isinstance(got, JSONResponse):
            return got
        client, payload = got
        cid, thumbs, ticket = payload.get("completion_id"), payload.get("thumbs"), payload.get("ticket_id")
        if not isinstance(cid, str) or not cid.startswith("chatcmpl-") or len(cid) > 64:
            return api_error(request, 400, Msg("serve.api.feedback_completion"), "invalid_request")
        if thumbs not in ("up", "down", None) or (thumbs is None and ticket is None):
            return api_error(request, 400, Msg("serve.api.feedback_thumbs"), "invalid_request")
        if ticket is not None and (not isinstance(ticket, str) or not ticket.strip() or len(ticket) > 120):
            return api_error(request, 400, Msg("serve.api.bad_ticket"), "invalid_request")
        target = self.recent.get(cid)
        if target is None:
            target = await asyncio.to_thread(self._target_of, cid)
        if target is None:
            return api_error(request, 404, Msg("serve.api.unknown_completion", completion_id=cid), "completion_not_found")
        vote = {"up": 1, "down": -1}.get(thumbs) if thumbs else None
        row_id = await asyncio.to_thread(self._store_feedback, cid, target, vote, ticket.strip() if ticket else None, client)
        return JSONResponse({"object": "feedback", "id": row_id, "completion_id": cid, "target": target, "thumbs": thumbs,
                             "ticket_id": ticket}, headers={"x-atlas-version": target})

    def _target_of(self, completion_id: str) -> str | None:
        if self.writer is not None:
            self.writer.wait_idle(2.0)  # ours may still be queued
        with self.ws.unit_of_work() as s:
            return s.execute(select(TelemetryEvent.target).where(TelemetryEvent.project_id == self.project_id,
                                                                 TelemetryEvent.completion_id == completion_id,
                                                                 TelemetryEvent.target != "").limit(1)).scalar_one_or_none()

    def _store_feedback(self, completion_id: str, target: str, thumbs: int | None, ticket: str | None, client: str) -> int:
        with self.ws.unit_of_work() as s:
            row = ServingFeedback(project_id=self.project_id, completion_id=completion_id, target=target, thumbs=thumbs, ticket_id=ticket,
                                  client=client[:120])
            s.add(row)
            s.flush()
            return row.id


def _check_chat(payload: dict[str, Any]) -> Msg | None:
    if not isinstance(payload.get("model"), str):
        return Msg("serve.api.bad_field", field="model", expected="string")
    messages = payload.get("messages")
    if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) and isinstance(m.get("role"), str) for m in messages):
        return Msg("serve.api.bad_messages")
    for key, kinds, expected in (("stream", (bool,), "boolean"), ("user", (str,), "string")):
        if payload.get(key) is not None and not isinstance(payload[key], kinds):
            return Msg("serve.api.bad_field", field=key, expected=expected)
    return None


# ------------------------------------------------------------------ what a target serves
def model_folder(ws: Workspace, project_id: int, target: str) -> Path:
    """The model folder a local backend serves for ``target``: "base" is the base model of the
    project's production line (the version in production's, else the newest version's); "vN" is
    that version's adapter merged into its base model (once; merge.py)."""
    from atlas_desktop.core.child import run_child
    from atlas_desktop.core.evaluation.runs import candidate_ref
    from atlas_desktop.core.jobs import CancelToken
    from atlas_desktop.core.serving.merge import is_merged, merged_folder

    with ws.unit_of_work() as s:
        q = select(ModelVersion).where(ModelVersion.project_id == project_id)
        if target == routing.BASE:
            mv = (s.execute(q.where(ModelVersion.stage == "production").order_by(ModelVersion.number.desc()).limit(1)).scalar_one_or_none()
                  or s.execute(q.order_by(ModelVersion.number.desc()).limit(1)).scalar_one_or_none())
            if mv is None:
                raise NotFoundError(Msg("serve.no_model", project=s.get(Project, project_id).name))
            bm = s.get(BaseModelRecord, mv.base_model_id)
            return ws.paths.home / bm.path
        mv = s.execute(q.where(ModelVersion.number == int(target.lstrip("v")))).scalar_one_or_none()
        if mv is None:
            raise NotFoundError(Msg("serve.no_model", project=s.get(Project, project_id).name))
        ref = candidate_ref(ws, s, mv)
        out = merged_folder(ws.paths.models, mv.adapter_sha256)
        config = {"base_path": str(ref.base_path), "adapter_path": str(ref.adapter_path), "out": str(out), "target": target,
                  "adapter_sha256": mv.adapter_sha256}
    if not is_merged(out):
        run_child("atlas_desktop.core.serving.merge:merge_job", config, lambda p: None, CancelToken(), log_path=ws.paths.logs / "merge.log")
    return out


# ------------------------------------------------------------------ the app and the server
def create_app(ws: Workspace, project: str, config: GatewayConfig | None = None) -> Starlette:
    gateway = Gateway(ws, project, config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await gateway.startup()
        try:
            yield
        finally:
            await gateway.shutdown()

    async def not_found(request: Request, exc: Exception) -> Response:
        if isinstance(exc, HTTPException) and exc.status_code == 405:
            return api_error(request, 405, Msg("serve.api.method", method=request.method, path=request.url.path), "method_not_allowed")
        return api_error(request, 404, Msg("serve.api.no_route", path=request.url.path), "not_found")

    async def failed(request: Request, exc: Exception) -> Response:
        return api_error(request, 500, Msg("serve.api.internal", error=type(exc).__name__), "internal_error", kind="server_error")

    app = Starlette(routes=[
        Route("/v1/chat/completions", gateway.chat, methods=["POST"]),
        Route("/v1/models", gateway.models, methods=["GET"]),
        Route("/v1/feedback", gateway.feedback, methods=["POST"]),
        Route("/health", gateway.health, methods=["GET"]),
    ], exception_handlers={404: not_found, 405: not_found, Exception: failed}, lifespan=lifespan)
    app.state.gateway = gateway
    return app


def check_host(host: str, allow_remote: bool) -> None:
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not allow_remote:
        raise ValidationError(Msg("serve.host_not_loopback", host=host), hint=Msg("serve.host_not_loopback.hint"))


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections only when the listening
    # socket says TCP; without it every answer waits ~40 ms for a delayed ACK (measured).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ValidationError(Msg("serve.port_in_use", host=host, port=port, reason=(exc.strerror or str(exc)).lower())) from None
    sock.set_inheritable(True)
    return sock


def server(app: Starlette, log_level: str = "warning") -> Any:
    import uvicorn

    # Clients' idle connections stay open 75 s (nginx's default), longer than their pools keep them
    # (httpx: 5 s), so a client never reuses one the gateway is closing at that moment.
    return uvicorn.Server(uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on", timeout_graceful_shutdown=10,
                                         backlog=4096, timeout_keep_alive=75))


def serve(ws: Workspace, project: str, host: str = "127.0.0.1", port: int = 8800, allow_remote: bool = False,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Run the gateway until SIGINT or SIGTERM (then: backends stopped, telemetry flushed)."""
    check_host(host, allow_remote)
    sock = bind(host, port)
    try:
        app = create_app(ws, project)
    except BaseException:
        sock.close()
        raise
    srv = server(app)
    if on_ready:
        on_ready(f"http://{host}:{sock.getsockname()[1]}/v1")
    srv.run(sockets=[sock])
