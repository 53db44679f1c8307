"""A fake OpenAI-compatible inference server that answers at once (or slowly, to test streams):
Starlette on uvicorn, in a thread of the test (``FakeBackend.start()``) or as its own process
(``python -m tests.helpers.fake_backend --port N``, for the gateway's child-process backends).
It keeps what it was asked and counts streams its client closed before the end."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import threading
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


class FakeBackend:
    def __init__(self, name: str = "fake", chunks: int = 3, delay: float = 0.0, usage: bool = True) -> None:
        self.name = name
        self.chunks = chunks
        self.delay = delay
        self.usage = usage
        self.requests: list[dict[str, Any]] = []
        self.closed_early = 0
        self.finished_streams = 0
        self.url = ""
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.app = Starlette(routes=[Route("/v1/chat/completions", self.chat, methods=["POST"]), Route("/health", self.health)])

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "offline": {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}})

    def words(self) -> list[str]:
        return [f"{self.name}-{i} " for i in range(self.chunks)]

    async def chat(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.requests.append(body)
        usage = {"prompt_tokens": 7, "completion_tokens": self.chunks, "total_tokens": 7 + self.chunks}
        if not body.get("stream"):
            if self.delay:
                await asyncio.sleep(self.delay)
            out = {"id": "up-1", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(self.words())}, "finish_reason": "stop"}]}
            if self.usage:
                out["usage"] = usage
            return JSONResponse(out)

        async def events() -> Any:
            done = False
            try:
                base = {"id": "up-1", "object": "chat.completion.chunk", "created": int(time.time()), "model": body.get("model")}
                yield "data: " + json.dumps({**base, "choices": [{"index": 0, "delta": {"role": "assistant"}}]}) + "\n\n"
                for w in self.words():
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    yield "data: " + json.dumps({**base, "choices": [{"index": 0, "delta": {"content": w}}]}, ensure_ascii=False) + "\n\n"
                last: dict[str, Any] = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                if self.usage:
                    last["usage"] = usage
                yield "data: " + json.dumps(last) + "\n\n"  # like transformers serve: no [DONE]
                done = True
            finally:
                if done:
                    self.finished_streams += 1
                else:
                    self.closed_early += 1

        return StreamingResponse(events(), media_type="text/event-stream")

    # ---------------------------------------------------------------- running it
    def start(self) -> "FakeBackend":
        self._server, self._thread, self.url = serve_in_thread(self.app)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(10)  # type: ignore[union-attr]


def serve_in_thread(app: Any, host: str = "127.0.0.1") -> tuple[Any, threading.Thread, str]:
    """Run an ASGI app on uvicorn in a daemon thread on a free port; (server, thread, http://host:port)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio sets TCP_NODELAY (see gateway.bind)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", backlog=4096))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    return server, thread, f"http://{host}:{sock.getsockname()[1]}"


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--name", default="child")
    parser.add_argument("--delay", type=float, default=0.0)
    args, _ = parser.parse_known_args()
    uvicorn.run(FakeBackend(args.name, delay=args.delay).app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
