"""The serving commands: ``atlas serve`` (run the gateway), ``atlas serve keys create|list|revoke``,
``atlas serve route`` (set shares by hand, or the kill switch) and ``atlas serve settings``.
Each is a thin call into core.serving; errors are one plain line (see cli.main)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def _cli() -> Any:
    from atlas_desktop import cli

    return cli


def cmd_serve(args: argparse.Namespace) -> int:
    from atlas_desktop.core.errors import ValidationError
    from atlas_desktop.core.messages import Msg
    from atlas_desktop.core.serving.gateway import check_host, serve

    if not args.project:
        raise ValidationError(Msg("serve.cli.needs_project"))
    check_host(args.host, args.allow_remote)  # before opening anything
    from atlas_desktop.core.serving.keys import list_keys

    cli = _cli()
    ws = cli._workspace()
    if not list_keys(ws, args.project, include_revoked=False):
        print(f"atlas: {cli._t(Msg('serve.cli.no_keys', project=args.project))}", file=sys.stderr, flush=True)

    def ready(url: str) -> None:
        print(f"Atlas gateway for {args.project} on {url} (Ctrl-C stops it).", flush=True)

    serve(ws, args.project, args.host, args.port, args.allow_remote, on_ready=ready)
    return 0


def _key_dict(k: Any) -> dict[str, Any]:
    return {"id": k.id, "name": k.name, "prefix": k.prefix, "active": k.active, "created_by": k.created_by,
            "created_at": k.created_at.isoformat(), "revoked_by": k.revoked_by, "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None}


def cmd_keys_create(args: argparse.Namespace) -> int:
    from atlas_desktop.core.serving.keys import create_key

    info, secret = create_key(_cli()._workspace(), args.project, args.name)
    if args.json:
        _cli()._print_json({**_key_dict(info), "key": secret})
    else:
        print(f"Key {info.id} for {info.name!r} (shown once, keep it now):\n{secret}")
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.serving.keys import list_keys

    keys = list_keys(_cli()._workspace(), args.project)
    if args.json:
        _cli()._print_json([_key_dict(k) for k in keys])
    else:
        for k in keys:
            state = "active" if k.active else f"revoked {k.revoked_at:%Y-%m-%d %H:%M} by {k.revoked_by}"
            print(f"{k.id}\t{k.prefix}…\t{k.name}\t{k.created_at:%Y-%m-%d %H:%M}\t{k.created_by}\t{state}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from atlas_desktop.core.serving.keys import revoke_key

    info = revoke_key(_cli()._workspace(), args.project, args.key)
    if args.json:
        _cli()._print_json(_key_dict(info))
    else:
        print(f"Revoked key {info.id} ({info.prefix}…, {info.name}); gateways refuse it within a second.")
    return 0


def _print_table(table: Any, as_json: bool) -> None:
    if as_json:
        _cli()._print_json(table.to_dict())
        return
    shares = ", ".join(f"{t} {s / 100:g}%" for t, s in table.shares().items())
    print(f"Routing revision {table.number}{' (kill switch)' if table.kill_switch else ''}: {shares}; production is {table.production}.")


def cmd_route(args: argparse.Namespace) -> int:
    from atlas_desktop.core.messages import Msg
    from atlas_desktop.core.serving import routing

    cli = _cli()
    ws = cli._workspace()
    if args.kill_switch:
        table = routing.kill_switch(ws, args.project, args.reason or cli._t(Msg("serve.route.default_reason")))
    elif args.share:
        table = routing.set_shares(ws, args.project, routing.parse_shares(args.share), args.reason or "")
    else:
        table = routing.get_table(ws, args.project)
    _print_table(table, args.json)
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from atlas_desktop.core.serving import settings

    ws = _cli()._workspace()
    changes: dict[str, Any] = {}
    if args.model_name is not None:
        changes["model_name"] = args.model_name
    if args.keep_text is not None:
        changes["keep_text"] = args.keep_text == "on"
    if args.max_request_bytes is not None:
        changes["max_request_bytes"] = args.max_request_bytes
    if args.upstream or args.no_upstream:
        ups = dict(settings.get_settings(ws, args.project)["upstreams"])
        for spec in args.upstream or []:
            target, _, url = spec.partition("=")
            ups[target.strip()] = url.strip()
        for target in args.no_upstream or []:
            ups.pop(target.strip(), None)
        changes["upstreams"] = ups
    for key in ("device", "dtype"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.continuous_batching is not None:
        changes["continuous_batching"] = args.continuous_batching == "on"
    current = settings.set_settings(ws, args.project, changes) if changes else settings.get_settings(ws, args.project)
    print(json.dumps(current, ensure_ascii=False, indent=2))
    return 0


def add_parsers(sub: Any, parser_class: type) -> None:
    sv = sub.add_parser("serve", help="the OpenAI-compatible gateway: run it, its client keys, its routing")
    sv.add_argument("--project", help="the project whose model versions it serves")
    sv.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1; another needs --allow-remote)")
    sv.add_argument("--port", type=int, default=8800)
    sv.add_argument("--allow-remote", action="store_true", help="listen on a non-loopback address (put TLS in front of it)")
    sv.set_defaults(func=cmd_serve)
    ss = sv.add_subparsers(dest="sub", required=False, parser_class=parser_class)

    ks = ss.add_parser("keys", help="client applications' API keys").add_subparsers(dest="sub2", required=True, parser_class=parser_class)
    kc = ks.add_parser("create", help="a new key (printed once; only its hash is kept)")
    kc.add_argument("--project", required=True)
    kc.add_argument("--name", required=True, help="the client application it is for")
    kc.add_argument("--json", action="store_true")
    kc.set_defaults(func=cmd_keys_create)
    kl = ks.add_parser("list", help="the project's keys, revoked ones too")
    kl.add_argument("--project", required=True)
    kl.add_argument("--json", action="store_true")
    kl.set_defaults(func=cmd_keys_list)
    kr = ks.add_parser("revoke", help="revoke a key (by id, prefix or name)")
    kr.add_argument("--project", required=True)
    kr.add_argument("key")
    kr.add_argument("--json", action="store_true")
    kr.set_defaults(func=cmd_keys_revoke)

    rt = ss.add_parser("route", help="show the routing, set shares by hand, or pull the kill switch")
    rt.add_argument("--project", required=True)
    rt.add_argument("--share", action="append", metavar="TARGET=SHARE",
                    help="e.g. v2=1000 (basis points: 1000 = 10%%); repeat for several; production takes the rest")
    rt.add_argument("--kill-switch", action="store_true", help="send everything back to production now")
    rt.add_argument("--reason", help="recorded with the revision")
    rt.add_argument("--json", action="store_true")
    rt.set_defaults(func=cmd_route)

    st = ss.add_parser("settings", help="show or change the project's serving settings")
    st.add_argument("--project", required=True)
    st.add_argument("--model-name", help="the public model name clients send (default atlas)")
    st.add_argument("--keep-text", choices=("on", "off"), help="keep redacted prompt and answer text in telemetry")
    st.add_argument("--max-request-bytes", type=int)
    st.add_argument("--upstream", action="append", metavar="TARGET=URL", help="serve a target from an OpenAI-compatible URL (vLLM)")
    st.add_argument("--no-upstream", action="append", metavar="TARGET", help="serve a target locally again")
    st.add_argument("--device", help="device of the local transformers serve children (auto, cpu, cuda:0)")
    st.add_argument("--dtype", help="dtype of the local transformers serve children (auto, float32, bfloat16)")
    st.add_argument("--continuous-batching", choices=("on", "off"),
                    help="transformers serve's continuous batching: more requests/s with several clients, slower alone")
    st.set_defaults(func=cmd_settings)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_cli().main())
