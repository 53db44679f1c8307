"""Release commands: ``atlas models alias|history``, ``atlas release plan|start|status|tick|promote|
pause|resume|rollback|sign``, ``atlas users list|grant``. Each is a thin call into core.release;
errors are one plain line (see cli.main)."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


def _cli() -> Any:
    from atlas_desktop import cli

    return cli


def cmd_models_alias(args: argparse.Namespace) -> int:
    from atlas_desktop.core.release.aliases import set_alias, target_name

    cli = _cli()
    move = set_alias(cli._workspace(), args.project, args.alias, None if args.remove else args.model, args.reason or "")
    if args.json:
        cli._print_json(move.to_json() if move else {"alias": args.alias, "unchanged": True})
    elif move is None:
        print(f"{args.alias} already points at {args.model}.")
    else:
        print(f"{move.alias}: {target_name(move.from_number) if move.from_number is not None else '—'} -> "
              f"{target_name(move.to_number) if move.to_number is not None else '(removed)'}")
    return 0


def _when(text: str) -> datetime:
    from atlas_desktop.core.errors import ValidationError
    from atlas_desktop.core.messages import Msg

    try:
        at = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(Msg("release.bad_time", text=text)) from None
    return at.astimezone(timezone.utc)  # a time without an offset is this machine's local time


def cmd_models_history(args: argparse.Namespace) -> int:
    from atlas_desktop.core.release.aliases import history, serving_at, target_name

    cli = _cli()
    ws = cli._workspace()
    if args.at:
        now = serving_at(ws, args.project, _when(args.at))
        if args.json:
            cli._print_json(now.to_json())
        else:
            shares = ", ".join(f"{t} {v / 100:g}%" for t, v in now.shares.items())
            print(f"At {now.at.isoformat(timespec='seconds')}: production {target_name(now.production)}; routing revision "
                  f"{now.routing_number}: {shares}{' (kill switch)' if now.kill_switch else ''}")
        return 0
    moves = history(ws, args.project, args.alias)
    if args.json:
        cli._print_json([m.to_json() for m in moves])
        return 0
    for m in moves:
        frm = target_name(m.from_number) if m.from_number is not None else "—"
        to = target_name(m.to_number) if m.to_number is not None else "(removed)"
        rel = f"\trelease {m.release_id}" if m.release_id else ""
        print(f"{m.moved_at.isoformat(timespec='seconds')}\t{m.alias}\t{frm} -> {to}\t{m.moved_by}\t{cli._t(m.reason)}{rel}")
    if not moves:
        print("No alias has moved yet.")
    return 0


def _show(st: Any, as_json: bool) -> None:
    cli = _cli()
    if as_json:
        cli._print_json(st.to_json() if hasattr(st, "to_json") else st)
        return
    if st is None:
        print("No release yet.")
        return
    shares = ", ".join(f"{t} {v / 100:g}%" for t, v in st.shares.items())
    print(f"Release {st.number}: {st.model} ({st.model_name}) replacing {st.previous}; {st.state}; "
          f"stage {st.stage + 1} of {len(st.plan.stages)} ({st.current.traffic}%). Routing: {shares}.")
    for c in st.results:
        print(f"  {c.check}: {c.state}: {cli._t(c.reason)}")
    if st.failures and any(st.failures.values()):
        print("  failed evaluations in a row: " + ", ".join(f"{k} {v}" for k, v in st.failures.items() if v))


def cmd_release_plan(args: argparse.Namespace) -> int:
    from atlas_desktop.core.release.controller import check_plan
    from atlas_desktop.core.release.plan import load_plan

    cli = _cli()
    plan = load_plan(Path(args.file))
    number, name, _evaluation = check_plan(cli._workspace(), args.project, plan)  # the model, its gate: refused with the line
    model = f"v{number} {name}"
    if args.json:
        cli._print_json({**plan.to_dict(), "version": model, "sha256": plan.sha256})
        return 0
    print(f"Plan for {plan.model} = {model}; checks re-evaluated every {plan.interval:g} s.")
    for i, s_ in enumerate(plan.stages, 1):
        print(f"  stage {i}: {s_.traffic}% of traffic; checks {', '.join(s_.checks) or 'none'}; watched at least {s_.watch / 60:g} min; "
              f"{s_.min_requests} answered requests per side; rollback after {s_.max_failures} failed evaluations; promote {s_.promote}")
    return 0


def cmd_release_settings(args: argparse.Namespace) -> int:
    from atlas_desktop.cli_monitor import _assignment
    from atlas_desktop.core.release import settings as release_settings

    cli = _cli()
    ws = cli._workspace()
    changes = dict(_assignment(a) for a in args.set or [])
    conf = release_settings.set_settings(ws, args.project, changes) if changes else release_settings.get_settings(ws, args.project)
    if args.json:
        cli._print_json(conf)
    else:
        for key, value in conf.items():
            print(f"{key}\t{value}")
    return 0


def cmd_release_start(args: argparse.Namespace) -> int:
    from atlas_desktop.core.release.controller import start
    from atlas_desktop.core.release.plan import load_plan

    cli = _cli()
    _show(start(cli._workspace(), args.project, load_plan(Path(args.file))), args.json)
    return 0


def cmd_release_status(args: argparse.Namespace) -> int:
    from atlas_desktop.core.release.controller import status

    cli = _cli()
    _show(status(cli._workspace(), args.project, args.number), args.json)
    return 0


def cmd_release_tick(args: argparse.Namespace) -> int:
    from atlas_desktop.core.release.controller import status, tick

    cli = _cli()
    ws = cli._workspace()
    _show(tick(ws, args.project, force=True) or status(ws, args.project), args.json)
    return 0


def _action(name: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from atlas_desktop.core.release import controller

        cli = _cli()
        ws = cli._workspace()
        rev = getattr(args, "expect_revision", None)
        if name == "promote":
            st = controller.promote(ws, args.project, rev, args.note or "")
        elif name == "pause":
            st = controller.pause(ws, args.project, args.reason or "", rev)
        elif name == "resume":
            st = controller.resume(ws, args.project, args.reason or "", rev)
        elif name == "rollback":
            st = controller.rollback(ws, args.project, args.reason, rev, drill=args.drill)
        else:
            st = controller.sign(ws, args.project, args.note, rev)
        _show(st, args.json)
        return 0

    return run


def cmd_checklist(args: argparse.Namespace) -> int:
    from atlas_desktop.core.messages import Msg
    from atlas_desktop.core.release.checklist import checklist

    cli = _cli()
    lines = checklist(cli._workspace(), args.project)
    if args.json:
        cli._print_json({"done": all(x.done for x in lines), "lines": [{"key": x.key, "done": x.done, "title": cli._t(Msg(f"checklist.{x.key}")),
                                                                        "detail": cli._t(x.detail)} for x in lines]})
    else:
        for x in lines:
            print(f"[{'x' if x.done else ' '}] {cli._t(Msg(f'checklist.{x.key}'))}: {cli._t(x.detail)}")
    return 0 if all(x.done for x in lines) or not args.strict else 1


def cmd_users_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.users import list_users

    cli = _cli()
    with cli._workspace().unit_of_work() as s:
        users = list_users(s)
    if args.json:
        cli._print_json([{"login": u.login, "roles": list(u.roles)} for u in users])
    else:
        for u in users:
            print(f"{u.login}\t{', '.join(u.roles)}")
    return 0


def cmd_users_grant(args: argparse.Namespace) -> int:
    from atlas_desktop.core.users import grant_role

    cli = _cli()
    ws = cli._workspace()
    with ws.unit_of_work() as s:
        u = grant_role(s, ws.user, args.login, args.role, grant=not args.remove)
    print(f"{u.login}\t{', '.join(u.roles)}")
    return 0


def add_parsers(sub: Any, parser_class: type, models: Any) -> None:
    al = models.add_parser("alias", help="point a team's name at a model version (or --remove it); audited, kept in the history")
    al.add_argument("--project", required=True)
    al.add_argument("alias", help="the name, such as mx4-atlas-core-v2")
    al.add_argument("model", nargs="?", help="the version: v2, 2, its name or another alias")
    al.add_argument("--remove", action="store_true")
    al.add_argument("--reason")
    al.add_argument("--json", action="store_true")
    al.set_defaults(func=cmd_models_alias)
    hi = models.add_parser("history", help="every alias move (who, when, from, to, why), or what was serving at a time (--at)")
    hi.add_argument("--project", required=True)
    hi.add_argument("--alias", help="only this alias (production, candidate or a team's name)")
    hi.add_argument("--at", help="a time (ISO 8601, such as 2026-11-30T14:00): production then and the routing in force")
    hi.add_argument("--json", action="store_true")
    hi.set_defaults(func=cmd_models_history)

    re_ = sub.add_parser("release", help="staged releases: plan, start, status, promote, pause, resume, rollback, sign")
    rs = re_.add_subparsers(dest="sub", required=True, parser_class=parser_class)
    for name, fn, hlp in (("plan", cmd_release_plan, "check a release YAML and show the plan with its defaults"),
                          ("start", cmd_release_start, "start a release (only after the candidate's gate passed)")):
        p = rs.add_parser(name, help=hlp)
        p.add_argument("--project", required=True)
        p.add_argument("--file", required=True, help="the release YAML (the playbook's works as written)")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=fn)
    se = rs.add_parser("settings", help="the project's release defaults (latency_margin: how far above production's p95 the candidate's may be)")
    se.add_argument("--project", required=True)
    se.add_argument("--set", action="append", metavar="KEY=VALUE", help="change one (audited), e.g. latency_margin=0.3")
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=cmd_release_settings)
    st = rs.add_parser("status", help="the newest release (or --number N): stage, checks, routing")
    st.add_argument("--project", required=True)
    st.add_argument("--number", type=int)
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_release_status)
    tk = rs.add_parser("tick", help="evaluate the running stage's checks now (the gateway does this every interval)")
    tk.add_argument("--project", required=True)
    tk.add_argument("--json", action="store_true")
    tk.set_defaults(func=cmd_release_tick)
    for name, hlp in (("promote", "promote the stage (every check must have passed)"), ("pause", "hold the stage where it is"),
                      ("resume", "carry on after a pause or a rollback drill"),
                      ("rollback", "all traffic back to the previous production version, in one step"),
                      ("sign", "sign the final review (a release manager who neither trained the candidate nor started the release)")):
        p = rs.add_parser(name, help=hlp)
        p.add_argument("--project", required=True)
        if name in ("promote", "sign"):
            p.add_argument("--note", required=name == "sign")
        else:
            p.add_argument("--reason", required=name == "rollback")
        if name == "rollback":
            p.add_argument("--drill", action="store_true", help="a rollback on purpose; `atlas release resume` ends it")
        p.add_argument("--expect-revision", type=int, help="refuse if the release changed since this revision (the window passes it)")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=_action(name))

    ck = sub.add_parser("checklist", help="the playbook's launch checklist, computed from the project's real state")
    ck.add_argument("--project", required=True)
    ck.add_argument("--strict", action="store_true", help="exit 1 unless every line is done")
    ck.add_argument("--json", action="store_true")
    ck.set_defaults(func=cmd_checklist)

    us = sub.add_parser("users", help="who may do what").add_subparsers(dest="sub", required=True, parser_class=parser_class)
    ul = us.add_parser("list", help="the workspace's users and their roles")
    ul.add_argument("--json", action="store_true")
    ul.set_defaults(func=cmd_users_list)
    ug = us.add_parser("grant", help="give a user a role (release managers only); --remove takes it away")
    ug.add_argument("login")
    ug.add_argument("role", help="analyst, reviewer or release_manager")
    ug.add_argument("--remove", action="store_true")
    ug.set_defaults(func=cmd_users_grant)
