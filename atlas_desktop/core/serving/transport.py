"""A lean HTTP/1.1 transport for httpx, for the gateway's calls to its backends over plain http.

Why: the gateway's own work per request is small; httpx's default transport (httpcore, h11 and
anyio's cancel scopes) cost about 1.3 ms of CPU per request on the 2-CPU build machine, more than
the rest of the gateway together, which put the routing overhead at 2 ms (measured: 2.1 ms of
CPU per request in the gateway's event loop against 0.4 ms in the backend it forwards to).
This transport keeps the httpx API (``Request``, streamed ``Response``, timeouts, httpx's
exceptions) and does only what the gateway needs: one request and its body in one write, the
status line and headers read at once, a body framed by Content-Length, chunked encoding or the
end of the connection, streamed as it arrives, and kept-alive connections per origin (a plain
list: no scan of every connection on every request). A response closed before its end closes
its connection, which is how a backend learns that the client went away. https goes to httpx's
own transport.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx

MAX_HEAD = 64 * 1024


class _Conn:
    __slots__ = ("reader", "writer", "idle_since")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer, self.idle_since = reader, writer, 0.0

    def usable(self, expiry: float) -> bool:
        return (not self.writer.is_closing() and not self.reader.at_eof() and not self.reader._buffer  # noqa: SLF001 - nothing unread
                and time.monotonic() - self.idle_since < expiry)

    def close(self) -> None:
        try:
            self.writer.close()
        except Exception:  # noqa: BLE001 - the connection is going anyway
            pass


class LeanTransport(httpx.AsyncBaseTransport):
    def __init__(self, keepalive_expiry: float = 2.0, max_idle_per_origin: int = 64) -> None:
        self.keepalive_expiry = keepalive_expiry
        self.max_idle = max_idle_per_origin
        self._idle: dict[tuple[str, int], list[_Conn]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout", {})
        host, port = request.url.host, request.url.port or 80
        conn = self._take((host, port))
        if conn is None:
            try:
                async with asyncio.timeout(timeouts.get("connect")):
                    reader, writer = await asyncio.open_connection(host, port, limit=MAX_HEAD)
            except TimeoutError:
                raise httpx.ConnectTimeout("connect timed out", request=request) from None
            except OSError as exc:
                raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from None
            conn = _Conn(reader, writer)
        try:
            body = await request.aread()
            target = request.url.raw_path.decode("ascii")
            head = [f"{request.method} {target} HTTP/1.1".encode("ascii")]
            head += [k + b": " + v for k, v in request.headers.raw]
            conn.writer.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
            async with asyncio.timeout(timeouts.get("write")):
                await conn.writer.drain()
            async with asyncio.timeout(timeouts.get("read")):
                raw = await conn.reader.readuntil(b"\r\n\r\n")
        except TimeoutError:
            conn.close()
            raise httpx.ReadTimeout("no answer in time", request=request) from None
        except asyncio.IncompleteReadError:
            conn.close()
            raise httpx.RemoteProtocolError("the server closed the connection without an answer", request=request) from None
        except (asyncio.LimitOverrunError, ValueError):
            conn.close()
            raise httpx.RemoteProtocolError("the answer's headers are too long", request=request) from None
        except OSError as exc:
            conn.close()
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from None
        except BaseException:
            conn.close()
            raise
        lines = raw[:-4].split(b"\r\n")
        try:
            version, status, *_ = lines[0].split(b" ", 2)
            code = int(status)
            headers = [tuple(line.split(b":", 1)) for line in lines[1:] if line]
            headers = [(k.strip(), v.strip()) for k, v in headers]
        except ValueError:
            conn.close()
            raise httpx.RemoteProtocolError(f"not an HTTP answer: {lines[0][:80]!r}", request=request) from None
        stream = _Body(self, (host, port), conn, headers, version, request, timeouts.get("read"))
        return httpx.Response(code, headers=headers, stream=stream, request=request, extensions={"http_version": version})

    def _take(self, origin: tuple[str, int]) -> _Conn | None:
        idle = self._idle.get(origin)
        while idle:
            conn = idle.pop()
            if conn.usable(self.keepalive_expiry):
                return conn
            conn.close()
        return None

    def _give_back(self, origin: tuple[str, int], conn: _Conn) -> None:
        idle = self._idle.setdefault(origin, [])
        if len(idle) >= self.max_idle:
            conn.close()
            return
        conn.idle_since = time.monotonic()
        idle.append(conn)

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for conn in idle:
                conn.close()
        self._idle.clear()


class _Body(httpx.AsyncByteStream):
    """A response body as it arrives; its connection goes back to the pool only if it was read to
    the end and the server keeps it open."""

    def __init__(self, transport: LeanTransport, origin: tuple[str, int], conn: _Conn, headers: list[tuple[bytes, bytes]],
                 version: bytes, request: httpx.Request, read_timeout: float | None) -> None:
        self.transport, self.origin, self.conn, self.request, self.timeout = transport, origin, conn, request, read_timeout
        h = {k.lower(): v for k, v in headers}
        self.chunked = b"chunked" in h.get(b"transfer-encoding", b"").lower()
        length = h.get(b"content-length")
        self.length = int(length) if length is not None and not self.chunked else None
        self.reusable = (version == b"HTTP/1.1" and h.get(b"connection", b"").lower() != b"close"
                         and (self.chunked or self.length is not None))
        self.done = False

    async def _read(self, coro: Any) -> Any:
        try:
            async with asyncio.timeout(self.timeout):
                return await coro
        except TimeoutError:
            raise httpx.ReadTimeout("no answer in time", request=self.request) from None
        except asyncio.IncompleteReadError:
            raise httpx.RemoteProtocolError("the server closed the connection mid-answer", request=self.request) from None
        except (OSError, asyncio.LimitOverrunError, ValueError) as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=self.request) from None

    async def __aiter__(self) -> AsyncIterator[bytes]:
        reader = self.conn.reader
        if self.chunked:
            while True:
                size_line = await self._read(reader.readuntil(b"\r\n"))
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while (await self._read(reader.readuntil(b"\r\n"))) != b"\r\n":  # trailers, then the blank line
                        pass
                    break
                data = await self._read(reader.readexactly(size + 2))
                yield data[:-2]
        elif self.length is not None:
            left = self.length
            while left > 0:
                data = await self._read(reader.read(min(left, 65536)))
                if not data:
                    raise httpx.RemoteProtocolError("the server closed the connection mid-answer", request=self.request)
                left -= len(data)
                yield data
        else:
            while data := await self._read(reader.read(65536)):
                yield data
        self.done = True

    async def aclose(self) -> None:
        conn, self.conn = self.conn, None  # type: ignore[assignment]
        if conn is None:
            return
        if self.done and self.reusable:
            self.transport._give_back(self.origin, conn)  # noqa: SLF001
        else:
            conn.close()  # not read to the end (the client left): the backend sees its connection close
