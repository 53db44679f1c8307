"""The gateway's lean HTTP/1.1 transport under httpx: bodies framed by Content-Length, chunked
encoding or the end of the connection; kept-alive connections reused; a response closed early
closes its connection; errors are httpx's (so failover and the one retry see what they expect)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from atlas_desktop.core.serving.transport import LeanTransport

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


class RawServer:
    """Answers each request on a connection with the next canned bytes (None: close the connection
    without answering, as a server whose keep-alive timeout struck just then); counts connections."""

    def __init__(self, answers: list[bytes | None], close_after: bool = False, delay: float = 0.0) -> None:
        self.answers, self.close_after, self.delay = list(answers), close_after, delay
        self.connections = 0
        self.requests: list[bytes] = []
        self.closed_by_client = asyncio.Event()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while self.answers:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")), 0)
                self.requests.append(head + await reader.readexactly(length))
                await asyncio.sleep(self.delay)
                answer = self.answers.pop(0)
                if answer is None:
                    return
                writer.write(answer)
                await writer.drain()
                if self.close_after:
                    break
            if not self.close_after:
                await reader.read()  # until the client closes
                self.closed_by_client.set()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            self.closed_by_client.set()
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=LeanTransport(keepalive_expiry=5), timeout=httpx.Timeout(2.0))


def test_bodies_by_length_chunks_and_connection_end_and_connections_reused() -> None:
    async def run() -> None:
        sized = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\": \"b\"}\n"
        chunked = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   b"5\r\ndata:\r\n5;ext=1\r\n hi\n\n\r\n0\r\nX-Trailer: 1\r\n\r\n")
        srv = RawServer([sized, chunked, sized])
        async with srv as url, _client() as c:
            r = await c.post(f"{url}/v1/chat/completions", content=b'{"x": 1}', headers={"content-type": "application/json"})
            assert r.status_code == 200 and r.json() == {"a": "b"}
            async with c.stream("POST", f"{url}/v1/chat/completions", content=b"{}") as r:
                assert [p async for p in r.aiter_raw()] == [b"data:", b" hi\n\n"]
            r = await c.get(f"{url}/health")
            assert r.text == '{"a": "b"}\n'
        assert srv.connections == 1  # one kept-alive connection for all three
        assert srv.requests[0].startswith(b"POST /v1/chat/completions HTTP/1.1\r\n") and b"host: 127.0.0.1" in srv.requests[0].lower()
        assert srv.requests[0].endswith(b'\r\n\r\n{"x": 1}')

        closing = RawServer([b"HTTP/1.0 200 OK\r\n\r\nuntil the end"], close_after=True)
        async with closing as url, _client() as c:
            assert (await c.get(url)).text == "until the end"

    asyncio.run(run())


def test_a_response_closed_early_closes_its_connection() -> None:
    async def run() -> None:
        endless = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"5\r\nhello\r\n" * 3
        srv = RawServer([endless])
        async with srv as url, _client() as c:
            async with c.stream("POST", url, content=b"{}") as r:
                async for _ in r.aiter_raw():
                    break
            await asyncio.wait_for(srv.closed_by_client.wait(), 2)  # the backend sees the client go

    asyncio.run(run())


def test_errors_are_httpx_errors() -> None:
    async def run() -> None:
        async with _client() as c:
            with pytest.raises(httpx.ConnectError):
                await c.get("http://127.0.0.1:9/")
        gone = RawServer([b""], close_after=True)  # closes without an answer
        async with gone as url, _client() as c:
            with pytest.raises(httpx.RemoteProtocolError):
                await c.get(url)
        slow = RawServer([b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"], delay=1.0)
        async with slow as url, httpx.AsyncClient(transport=LeanTransport(), timeout=httpx.Timeout(0.2)) as c:
            with pytest.raises(httpx.ReadTimeout):
                await c.get(url)
        cut = RawServer([b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"], close_after=True)
        async with cut as url, _client() as c:
            with pytest.raises(httpx.RemoteProtocolError):
                await c.get(url)

    asyncio.run(run())


def test_the_gateway_asks_once_more_when_a_kept_alive_connection_closes_under_its_request(serving_ws) -> None:  # noqa: ANN001
    from atlas_desktop.core.serving.backends import Endpoint
    from atlas_desktop.core.serving.gateway import Clients, Gateway
    from tests.core.serving.conftest import PROJECT

    ok = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"

    async def run() -> None:
        gw = Gateway(serving_ws, PROJECT)
        gw.clients = Clients(count=1, keepalive_expiry=5)
        srv = RawServer([ok, None, ok])
        async with srv as url:
            ep = Endpoint(f"{url}/v1", "m")
            for _ in range(2):
                r = await gw._send(ep, {"model": "m", "messages": []})  # noqa: SLF001
                assert r.status_code == 200 and await r.aread() == b"{}"
                await r.aclose()
        assert srv.connections == 2 and len(srv.requests) == 3  # the second request went twice, on a new connection
        await gw.clients.aclose()

    asyncio.run(run())
