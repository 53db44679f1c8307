"""Monitoring's commands: ``atlas telemetry export``, ``atlas tickets import|summary``, ``atlas drift``.
Each is a thin call into core.serving; errors are one plain line (see cli.main)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _cli() -> Any:
    from atlas_desktop import cli

    return cli


def cmd_telemetry_export(args: argparse.Namespace) -> int:
    from atlas_desktop.core.messages import Msg
    from atlas_desktop.core.serving.export import export

    cli = _cli()
    result = export(cli._workspace(), args.project, Path(args.policy), Path(args.out))
    if args.json:
        cli._print_json({"file": str(result.path), "level": result.level, "fields": list(result.fields), "rows": result.rows,
                         "sha256": result.sha256})
    else:
        print(cli._t(Msg("monitor.export.done", rows=result.rows, level=result.level, path=str(result.path))))
    return 0


def cmd_tickets_import(args: argparse.Namespace) -> int:
    from atlas_desktop.core.serving.tickets import import_tickets

    cli = _cli()
    result = import_tickets(cli._workspace(), args.project, Path(args.file))
    if args.json:
        cli._print_json({"linked": result.linked, "known": result.known, "by_target": result.by_target})
    else:
        print(cli._t(result.message()))
    return 0


def cmd_tickets_summary(args: argparse.Namespace) -> int:
    from atlas_desktop.core.serving.tickets import support_summary

    cli = _cli()
    summary = support_summary(cli._workspace(), args.project)
    if args.json:
        cli._print_json(summary)
        return 0
    print("target\tconversations\tthumbs up\tthumbs down\tthumbs-down rate\ttickets\tper 1,000")
    for target, s in summary.items():
        rate = "—" if s["thumbs_down_rate"] is None else f"{s['thumbs_down_rate']:.1%}"
        per = "—" if s["tickets_per_1000"] is None else f"{s['tickets_per_1000']:.2f}"
        print(f"{target}\t{s['conversations']}\t{s['thumbs_up']}\t{s['thumbs_down']}\t{rate}\t{s['tickets']}\t{per}")
    return 0


def _assignment(text: str) -> tuple[str, Any]:
    from atlas_desktop.core.errors import ValidationError
    from atlas_desktop.core.messages import Msg

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValidationError(Msg("monitor.settings.bad_assignment", text=text))
    try:
        number: Any = float(value) if "." in value else int(value)
    except ValueError:
        raise ValidationError(Msg("monitor.settings.bad_assignment", text=text)) from None
    return key.strip(), number


def cmd_drift(args: argparse.Namespace) -> int:
    from atlas_desktop.core.messages import Msg
    from atlas_desktop.core.serving import drift_settings
    from atlas_desktop.core.serving.drift import compute_drift

    cli = _cli()
    ws = cli._workspace()
    if args.set:
        changes: dict[str, Any] = {}
        for text in args.set:
            key, value = _assignment(text)
            if key.startswith("thresholds."):
                changes.setdefault("thresholds", dict(drift_settings.get_settings(ws, args.project)["thresholds"]))[key[11:]] = value
            else:
                changes[key] = value
        drift_settings.set_settings(ws, args.project, changes)
    report = compute_drift(ws, args.project, target=args.target)
    if args.json:
        cli._print_json(report.to_json())
    else:
        if report.source is None:
            print(cli._t(Msg("monitor.reference.none")))
            return 0
        print(cli._t(Msg("monitor.drift.summary", requests=report.requests, reference=report.source.describe())))
        for f in report.features:
            value = "—" if f.psi is None else f"{f.psi:.3f}"
            jsd = "—" if f.jsd is None else f"{f.jsd:.3f}"
            print(f"  {cli._t(Msg(f'monitor.feature.{f.feature}'))}: PSI {value} (threshold {f.threshold:g}), JSD {jsd}, "
                  f"{cli._t(Msg(f'monitor.drift.state.{f.state}'))}")
        for m in report.alert_messages():
            print(cli._t(m), file=sys.stderr)
    return 1 if report.alerts and args.fail_on_drift else 0


def add_parsers(sub: Any, parser_class: type) -> None:
    te = sub.add_parser("telemetry", help="the gateway's local telemetry").add_subparsers(dest="sub", required=True, parser_class=parser_class)
    tx = te.add_parser("export", help="write what a policy allows (aggregates by default, raw text never unless allowed); an audit event")
    tx.add_argument("--project", required=True)
    tx.add_argument("--policy", required=True, help="policy YAML: level (aggregates or rows), fields, since, until")
    tx.add_argument("--out", required=True, help="the file to write: .csv, .jsonl, or JSON otherwise")
    tx.add_argument("--json", action="store_true")
    tx.set_defaults(func=cmd_telemetry_export)

    ti = sub.add_parser("tickets", help="help-desk tickets linked to requests").add_subparsers(dest="sub", required=True, parser_class=parser_class)
    tim = ti.add_parser("import", help="link a help desk's tickets (CSV: ticket_id, completion_id or conversation_id, created_at) to requests")
    tim.add_argument("--project", required=True)
    tim.add_argument("file")
    tim.add_argument("--json", action="store_true")
    tim.set_defaults(func=cmd_tickets_import)
    ts = ti.add_parser("summary", help="per target: thumbs-down rate and tickets per 1,000 conversations")
    ts.add_argument("--project", required=True)
    ts.add_argument("--json", action="store_true")
    ts.set_defaults(func=cmd_tickets_summary)

    dr = sub.add_parser("drift", help="request drift against the training data of the version in production")
    dr.add_argument("--project", required=True)
    dr.add_argument("--target", help="only the requests one target answered (a model version, or base)")
    dr.add_argument("--set", action="append", metavar="KEY=VALUE",
                    help="change a setting first: psi, window_requests, window_hours, min_requests, thresholds.FEATURE (audited)")
    dr.add_argument("--fail-on-drift", action="store_true", help="exit 1 when a feature has drifted")
    dr.add_argument("--json", action="store_true")
    dr.set_defaults(func=cmd_drift)
