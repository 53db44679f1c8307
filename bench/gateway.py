"""The gateway under load, on 127.0.0.1 only, with bounded loops.

    .venv/bin/python bench/gateway.py [--quick] [--real]

A throwaway data folder gets a project with model versions v1 and v2 whose targets ("base", v1,
v2) are all served by one fake OpenAI-compatible backend that answers at once (its own process);
the gateway is `atlas serve` (its own process); this process is the client (httpx). Measured:

1. routing overhead: one client, requests one after the other, straight to the backend and
   through the gateway, interleaved in rounds; the overhead is the difference of the p50s and of
   the p99s (targets: p50 < 2 ms, p99 < 10 ms);
2. 500 concurrent streaming clients (twice): errors (target 0), time to the whole answer;
3. 10,000 users split 90/10 (each user's version from the X-Atlas-Version header): the share of
   v1 (target 10% ± 2 points); then 50/50: the share again, and whether every user of v1 stayed
   on v1 (target: all), and how many users changed version in all (the 40% that had to);
4. a routing change and the kill switch under sustained load (32 clients, streamed and not):
   failed requests (target 0) and how long until the gateway routed by the new table;
5. telemetry: after the gateway is stopped (SIGTERM), one row per request sent (no loss).

``--real`` adds the demo model (SmolLM2-135M-Instruct, `atlas models import-demo` must work)
served by `transformers serve` behind the gateway: requests per second and latency at 1, 4 and
16 concurrent clients (short answers). Prints the figures and saves bench/results/gateway.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
PROJECT = "bench"
MESSAGES = [{"role": "user", "content": "ما هي رسوم تحويل الأموال إلى الخارج؟"}]


# ------------------------------------------------------------------ the fake backend (its own process)
def fake_backend_main(port: int) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    words = [f"كلمة{i} " for i in range(20)]

    async def chat(request: Request) -> Response:
        body = json.loads(await request.body())
        base = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body.get("model")}
        if not body.get("stream"):
            return JSONResponse({**base, "object": "chat.completion", "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": "".join(words)}}],
                                 "usage": {"prompt_tokens": 9, "completion_tokens": 20, "total_tokens": 29}})

        async def events():  # noqa: ANN202
            for w in words:
                yield "data: " + json.dumps({**base, "choices": [{"index": 0, "delta": {"content": w}}]}, ensure_ascii=False) + "\n\n"
            yield "data: " + json.dumps({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                                         "usage": {"prompt_tokens": 9, "completion_tokens": 20, "total_tokens": 29}}) + "\n\n"
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    app = Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"]), Route("/health", health)])
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, backlog=4096)).run(sockets=[sock])


# ------------------------------------------------------------------ helpers
def client_pool(n: int, timeout: float = 120):  # noqa: ANN201
    """The gateway's own sharded httpx clients (one httpx pool with hundreds of connections
    costs the square of their number in CPU: the client, not the gateway, would be measured)."""
    import httpx

    from atlas_desktop.core.serving.gateway import Clients

    return Clients(16, timeout=timeout, limits=httpx.Limits(max_connections=n, max_keepalive_connections=n), trust_env=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{url}: the process exited ({proc.returncode})")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url}: no answer in {timeout} s")


def add_versions(ws, project: str = PROJECT, base_model_id: int | None = None) -> None:  # noqa: ANN001
    """A project with model version rows v1 and v2 (no weights: the fake backend answers for them;
    with ``base_model_id`` their base model is a real one, which "base" then serves)."""
    from atlas_desktop.core.projects import ProjectFields, create_project, project_record
    from atlas_desktop.core.storage.models import BaseModelRecord, DatasetVersionRecord, ModelVersion

    with ws.unit_of_work() as s:
        create_project(s, ProjectFields(project), ws.user.login)
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        if base_model_id is None:
            bm = BaseModelRecord(name="none", path="models/none", sha256="b" * 64)
            s.add(bm)
            s.flush()
            base_model_id = bm.id
        bm = s.get(BaseModelRecord, base_model_id)
        dv = DatasetVersionRecord(project_id=p.id, number=1, sha256="d" * 64, train_sha256="t" * 64, holdout_sha256="h" * 64,
                                  report_sha256="r" * 64, sources=[], settings={}, stats={}, created_by="bench")
        s.add(dv)
        s.flush()
        for n in (1, 2):
            s.add(ModelVersion(project_id=p.id, number=n, name=f"bench-v{n}", run_id=f"r{n}", base_model_id=bm.id, base_model_sha256=bm.sha256,
                               dataset_version_id=dv.id, dataset_sha256=dv.sha256, recipe={}, recipe_sha256="c" * 64,
                               adapter_path=f"runs/r{n}/adapter", adapter_sha256=str(n) * 64, created_by="bench"))


class Gateway:
    """`atlas serve` in its own process."""

    def __init__(self, env: dict[str, str], log: Path, project: str = PROJECT) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "atlas_desktop.cli", "serve", "--project", project, "--port", str(self.port)],
                                     env=env, cwd=ROOT, stdout=open(log, "wb"), stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/health", self.proc)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(60)


# ------------------------------------------------------------------ 1. overhead
def overhead(gw_url: str, fake_url: str, key: str, rounds: int, per_round: int) -> dict:
    import httpx

    body = {"model": "atlas", "messages": MESSAGES, "user": "same-user"}
    direct, through = [], []
    with httpx.Client(timeout=30) as c:
        auth = {"Authorization": f"Bearer {key}"}
        for _ in range(50):  # warm both paths
            c.post(f"{fake_url}/v1/chat/completions", json=body)
            c.post(f"{gw_url}/v1/chat/completions", json=body, headers=auth)
        for _ in range(rounds):
            for url, headers, out in ((fake_url, {}, direct), (gw_url, auth, through)):
                for _ in range(per_round):
                    t = time.perf_counter()
                    r = c.post(f"{url}/v1/chat/completions", json=body, headers=headers)
                    out.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200, r.text
    res = {"requests_each": len(direct), "direct_p50_ms": pct(direct, 50), "direct_p99_ms": pct(direct, 99),
           "gateway_p50_ms": pct(through, 50), "gateway_p99_ms": pct(through, 99)}
    res["overhead_p50_ms"] = res["gateway_p50_ms"] - res["direct_p50_ms"]
    res["overhead_p99_ms"] = res["gateway_p99_ms"] - res["direct_p99_ms"]
    return res


# ------------------------------------------------------------------ 2. concurrent streams
async def streams(gw_url: str, key: str, clients: int, rounds: int) -> dict:
    errors, times, chunks_seen = 0, [], []
    reasons: dict[str, int] = {}
    pool = client_pool(clients + 16)
    try:
        async def one(i: int) -> None:
            nonlocal errors
            t = time.perf_counter()
            try:
                async with pool.pick().stream("POST", f"{gw_url}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                                              json={"model": "atlas", "messages": MESSAGES, "stream": True, "user": f"s{i}"}) as r:
                    if r.status_code != 200:
                        errors += 1
                        reasons[f"status {r.status_code}"] = reasons.get(f"status {r.status_code}", 0) + 1
                        return
                    n, done = 0, False
                    async for line in r.aiter_lines():
                        if line.startswith("data: "):
                            if line == "data: [DONE]":
                                done = True
                            else:
                                n += 1
                    if not done or n < 20:
                        errors += 1
                        reasons["short answer"] = reasons.get("short answer", 0) + 1
                    chunks_seen.append(n)
            except Exception as exc:  # noqa: BLE001 - counted, by kind
                errors += 1
                reasons[type(exc).__name__] = reasons.get(type(exc).__name__, 0) + 1
                return
            times.append((time.perf_counter() - t) * 1000)

        t0 = time.perf_counter()
        for _ in range(rounds):
            await asyncio.gather(*(one(i) for i in range(clients)))
        wall = time.perf_counter() - t0
    finally:
        await pool.aclose()
    return {"clients": clients, "rounds": rounds, "streams": clients * rounds, "errors": errors, "wall_s": wall,
            "answer_p50_ms": pct(times, 50), "answer_p99_ms": pct(times, 99), "min_chunks": min(chunks_seen) if chunks_seen else 0,
            "error_kinds": reasons}


# ------------------------------------------------------------------ 3. 10,000 users
async def versions_of(gw_url: str, key: str, users: list[str], concurrency: int = 64) -> dict[str, str]:
    out: dict[str, str] = {}
    sem = asyncio.Semaphore(concurrency)
    pool = client_pool(concurrency + 16)
    try:
        async def one(u: str) -> None:
            async with sem:
                r = await pool.pick().post(f"{gw_url}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                                 json={"model": "atlas", "messages": MESSAGES, "user": u})
                assert r.status_code == 200, r.text
                out[u] = r.headers["x-atlas-version"]

        await asyncio.gather(*(one(u) for u in users))
    finally:
        await pool.aclose()
    return out


def split(ws, gw_url: str, key: str, users: int) -> dict:  # noqa: ANN001
    from atlas_desktop.core.serving import routing

    names = [f"customer-{i}" for i in range(users)]
    routing.set_shares(ws, PROJECT, {"v1": 1000})
    time.sleep(1.2)
    t = time.perf_counter()
    ninety = asyncio.run(versions_of(gw_url, key, names))
    first_s = time.perf_counter() - t
    routing.set_shares(ws, PROJECT, {"v1": 5000})
    time.sleep(1.2)
    fifty = asyncio.run(versions_of(gw_url, key, names))
    on_v1 = [u for u in names if ninety[u] == "v1"]
    return {"users": users, "requests_per_s": users / first_s,
            "v1_share_at_10": sum(v == "v1" for v in ninety.values()) / users,
            "v1_share_at_50": sum(v == "v1" for v in fifty.values()) / users,
            "v1_users_at_10": len(on_v1), "v1_users_kept_at_50": sum(fifty[u] == "v1" for u in on_v1),
            "users_who_changed": sum(ninety[u] != fifty[u] for u in names) / users}


# ------------------------------------------------------------------ 4. changes under load
async def under_load(ws, gw_url: str, key: str, seconds: float, clients: int) -> dict:  # noqa: ANN001
    from atlas_desktop.core.serving import routing

    routing.set_shares(ws, PROJECT, {"v1": 0})  # all production to start
    await asyncio.sleep(1.2)
    failed, sent, seen = 0, 0, []  # seen: (time, version, stream)
    stop_at = time.perf_counter() + seconds
    pool = client_pool(clients + 16)
    try:
        async def client(i: int) -> None:
            nonlocal failed, sent
            n = 0
            while time.perf_counter() < stop_at:
                n += 1
                stream = n % 2 == 0
                body = {"model": "atlas", "messages": MESSAGES, "user": f"load-{i}-{n % 50}", "stream": stream}
                sent += 1
                try:
                    c = pool.pick()
                    if stream:
                        async with c.stream("POST", f"{gw_url}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"}, json=body) as r:
                            text = "".join([line async for line in r.aiter_lines()])
                            ok = r.status_code == 200 and "[DONE]" in text and "error" not in text
                            version = r.headers.get("x-atlas-version", "")
                    else:
                        r = await c.post(f"{gw_url}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"}, json=body)
                        ok, version = r.status_code == 200, r.headers.get("x-atlas-version", "")
                except Exception:  # noqa: BLE001 - counted
                    ok, version = False, ""
                if not ok:
                    failed += 1
                seen.append((time.perf_counter(), version))

        async def operator() -> dict:
            await asyncio.sleep(seconds / 3)
            t_change = time.perf_counter()
            await asyncio.to_thread(routing.set_shares, ws, PROJECT, {"v1": 3000})
            await asyncio.sleep(seconds / 3)
            t_kill = time.perf_counter()
            await asyncio.to_thread(routing.kill_switch, ws, PROJECT, "bench")
            return {"t_change": t_change, "t_kill": t_kill}

        marks, *_ = await asyncio.gather(operator(), *(client(i) for i in range(clients)))
    finally:
        await pool.aclose()
    first_v1 = min((t for t, v in seen if v == "v1" and t > marks["t_change"]), default=None)
    last_v1 = max((t for t, v in seen if v == "v1"), default=None)
    return {"clients": clients, "seconds": seconds, "requests": sent, "failed": failed, "requests_per_s": sent / seconds,
            "change_seen_after_ms": (first_v1 - marks["t_change"]) * 1000 if first_v1 else None,
            "kill_switch_complete_after_ms": max(0.0, (last_v1 - marks["t_kill"]) * 1000) if last_v1 else None}


# ------------------------------------------------------------------ 6. the real backend
async def real_backend(gw_url: str, key: str, levels: tuple[int, ...], per_client: int, max_tokens: int) -> dict:
    import httpx

    out = {}
    async with httpx.AsyncClient(timeout=600) as c:
        async def one(i: int, lat: list[float], count: int = per_client) -> None:
            for _ in range(count):
                t = time.perf_counter()
                r = await c.post(f"{gw_url}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                                 json={"model": "atlas", "messages": MESSAGES, "max_tokens": max_tokens, "user": f"r{i}"})
                assert r.status_code == 200, r.text
                lat.append((time.perf_counter() - t) * 1000)

        t = time.perf_counter()
        await one(0, [], 1)  # the first request starts the model server
        out["first_request_s"] = time.perf_counter() - t
        async with c.stream("POST", f"{gw_url}/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                            json={"model": "atlas", "messages": MESSAGES, "max_tokens": max_tokens, "stream": True}) as r:
            assert r.status_code == 200
            out["stream_chunks"] = sum(1 for line in [x async for x in r.aiter_lines()] if line.startswith("data: {"))
        for n in levels:
            lat: list[float] = []
            t0 = time.perf_counter()
            await asyncio.gather(*(one(i, lat) for i in range(n)))
            wall = time.perf_counter() - t0
            out[str(n)] = {"requests": len(lat), "requests_per_s": len(lat) / wall, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95)}
    return out


class _Skip(Exception):
    pass


def telemetry_rows(ws) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from atlas_desktop.core.storage.models import TelemetryEvent

    with ws.unit_of_work() as s:
        return s.execute(select(func.count()).select_from(TelemetryEvent)).scalar_one()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    ap.add_argument("--real", action="store_true", help="also the demo model behind transformers serve")
    ap.add_argument("--real-only", action="store_true", help="only the demo model (keeps the other figures of gateway.json)")
    ap.add_argument("--clients", type=int, default=500, help="concurrent streaming clients (default 500)")
    ap.add_argument("--users", type=int, default=10_000, help="users for the split (default 10,000; --quick 2,000)")
    ap.add_argument("--load-clients", type=int, default=32, help="clients of the sustained load (default 32)")
    ap.add_argument("--keep", action="store_true", help="keep the throwaway data folder and the logs (printed at the end)")
    ap.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)  # saves apart: a check that the script runs
    ap.add_argument("--fake-backend", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fake_backend:
        fake_backend_main(args.fake_backend)
        return
    from startup import machine

    home = Path(tempfile.mkdtemp(prefix="atlas-bench-gateway-"))
    env = {**os.environ, "ATLAS_HOME": str(home / "home"), "ATLAS_USER": "bench",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    env.pop("ATLAS_DATABASE_URL", None)
    os.environ.update({k: env[k] for k in ("ATLAS_HOME", "ATLAS_USER")})
    from atlas_desktop.core.serving.keys import create_key
    from atlas_desktop.core.serving.settings import set_settings
    from atlas_desktop.core.workspace import Workspace

    ws = Workspace.open()
    add_versions(ws)
    fake_port = free_port()
    fake = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--fake-backend", str(fake_port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=open(home / "fake.log", "wb"))
    fake_url = f"http://127.0.0.1:{fake_port}"
    wait_http(f"{fake_url}/health", fake)
    set_settings(ws, PROJECT, {"upstreams": {t: f"{fake_url}/v1" for t in ("base", "v1", "v2")}})
    _, key = create_key(ws, PROJECT, "bench")
    quick = args.quick
    results: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "quick": quick}
    out = HERE / "results" / ("gateway.json" if not args.smoke else "gateway_smoke.json")
    if args.real_only:
        results = {**json.loads(out.read_text(encoding="utf-8")), "real_date": time.strftime("%Y-%m-%d")}
        args.real = True
    gw = Gateway(env, home / "gateway.log")
    sent = 0
    try:
        if args.real_only:
            raise _Skip
        print("1. routing overhead (one client, sequential) ...", flush=True)
        results["overhead"] = o = overhead(gw.url, fake_url, key, rounds=4 if quick else 10, per_round=100 if quick else 300)
        sent += 50 + o["requests_each"]
        print(f"   direct p50 {o['direct_p50_ms']:.2f} ms p99 {o['direct_p99_ms']:.2f} ms; through the gateway p50 {o['gateway_p50_ms']:.2f} ms "
              f"p99 {o['gateway_p99_ms']:.2f} ms; overhead p50 {o['overhead_p50_ms']:.2f} ms, p99 {o['overhead_p99_ms']:.2f} ms")
        print(f"2. {args.clients} concurrent streaming clients ...", flush=True)
        results["streams"] = st = asyncio.run(streams(gw.url, key, args.clients, 1 if quick else 2))
        sent += st["streams"]
        print(f"   {st['streams']} streams, {st['errors']} errors {st['error_kinds'] or ''}, {st['wall_s']:.1f} s; whole answer p50 "
              f"{st['answer_p50_ms']:.0f} ms p99 {st['answer_p99_ms']:.0f} ms")
        print("3. users split 90/10, then 50/50 ...", flush=True)
        results["split"] = sp = split(ws, gw.url, key, min(args.users, 2000) if quick else args.users)
        sent += 2 * sp["users"]
        print(f"   v1 {sp['v1_share_at_10']:.2%} at 10%, {sp['v1_share_at_50']:.2%} at 50%; v1's users kept "
              f"{sp['v1_users_kept_at_50']}/{sp['v1_users_at_10']}; users who changed version {sp['users_who_changed']:.2%}")
        print("4. routing change and kill switch under load ...", flush=True)
        results["under_load"] = ul = asyncio.run(under_load(ws, gw.url, key, 6.0 if quick else 15.0, args.load_clients))
        sent += ul["requests"]
        print(f"   {ul['requests']} requests ({ul['requests_per_s']:.0f}/s), {ul['failed']} failed; change seen after "
              f"{ul['change_seen_after_ms']:.0f} ms; kill switch complete after {ul['kill_switch_complete_after_ms']:.0f} ms")
    except _Skip:
        pass
    finally:
        gw.stop()
        fake.send_signal(signal.SIGTERM)
        fake.wait(30)
    if not args.real_only:
        rows = telemetry_rows(ws)
        results["telemetry"] = {"requests_sent": sent, "rows": rows}
        print(f"5. telemetry: {rows} rows for {sent} requests sent")

    if args.real:
        from sqlalchemy import select

        from atlas_desktop.core.registry.model_store import import_demo
        from atlas_desktop.core.storage.models import BaseModelRecord

        print("6. the demo model behind transformers serve ...", flush=True)
        info, _ = import_demo(ws)
        with ws.unit_of_work() as s:
            base_id = s.execute(select(BaseModelRecord.id).where(BaseModelRecord.name == info.name)).scalar_one()
        add_versions(ws, "bench-real", base_id)  # no upstreams, no routing: "base" (the demo model) on a local transformers serve
        _, real_key = create_key(ws, "bench-real", "bench")
        results["real"] = {}
        for batching in (False, True):
            set_settings(ws, "bench-real", {"continuous_batching": batching})
            gw = Gateway(env, home / f"gateway-real-{batching}.log", "bench-real")
            try:
                rb = asyncio.run(real_backend(gw.url, real_key, (1, 4, 16), 2 if quick else 4, 16))
            finally:
                gw.stop()
            results["real"]["continuous_batching" if batching else "one_at_a_time"] = rb
            print(f"   {'continuous batching' if batching else 'one request at a time'}: first request (starts transformers serve) "
                  f"{rb['first_request_s']:.1f} s; streamed answer: {rb['stream_chunks']} chunks")
            for n, r in rb.items():
                if isinstance(r, dict):
                    print(f"   {n:>2} clients: {r['requests_per_s']:.2f} requests/s, p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms")
    ws.close()
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"saved {out}")
    if args.keep:
        print(f"data folder and logs: {home}")
    else:
        import shutil

        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
