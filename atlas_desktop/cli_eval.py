"""The evaluation loop's commands: ``atlas eval suite|run|report``, ``atlas review export``, ``atlas gate``.
Each is a thin call into core.evaluation; errors are one plain line (see cli.main)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any


def _cli() -> Any:
    from atlas_desktop import cli

    return cli


def _note(info: Any) -> str:
    """A suite version's note: a message (stored as its JSON form) in the CLI's language, or the text as written."""
    from atlas_desktop.core.messages import loads

    return _cli()._t(loads(info.note))


def _suite_dict(info: Any) -> dict[str, Any]:
    return {"name": info.name, "version": info.number, "sha256": info.sha256, "items": info.item_count, "note": _note(info),
            "created_by": info.created_by, "created_at": info.created_at.isoformat()}


def cmd_suite_import(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.suites import import_suite

    info, created = import_suite(_cli()._workspace(), args.project, Path(args.file), args.name)
    if args.json:
        _cli()._print_json({**_suite_dict(info), "created": created})
    else:
        print(f"{'Stored' if created else 'Unchanged:'} suite {info.label} ({info.item_count} items).")
    return 0


def cmd_suite_export(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.suites import export_suite

    info = export_suite(_cli()._workspace(), args.project, Path(args.out), args.name, args.version)
    print(f"Wrote suite {info.label} ({info.item_count} items) to {args.out}.")
    return 0


def cmd_suite_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.suites import list_suites

    suites = list_suites(_cli()._workspace(), args.project)
    if args.json:
        _cli()._print_json([_suite_dict(s) for s in suites])
    else:
        for s in suites:
            print(f"{s.label}\t{s.item_count} items\t{s.created_at:%Y-%m-%d %H:%M}\t{s.created_by}\t{_note(s)}")
    return 0


def _evaluation_dict(info: Any) -> dict[str, Any]:
    t = _cli()._t
    return {"evaluation": info.id, "model": info.model, "production": info.production, "suite": info.suite, "items": info.items,
            "summary": info.summary, "answers": info.statuses, "out_of_date": [t(r) for r in info.out_of_date],
            "created_by": info.created_by, "created_at": info.created_at.isoformat()}


def cmd_eval_run(args: argparse.Namespace) -> int:
    from atlas_desktop.core.jobs import CancelToken
    from atlas_desktop.core.evaluation.runs import run_evaluation

    cli = _cli()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    signal.signal(signal.SIGTERM, lambda *_: cancel.cancel())

    def report(p: Any) -> None:
        if args.json_events:
            print(json.dumps({"event": "progress", "step": p.step, "total": p.total, "message": cli._t(p.message), **p.metrics},
                             ensure_ascii=False), flush=True)
        else:
            cli._cli_report(False)(p)

    info = run_evaluation(cli._workspace(), args.project, args.model, args.suite, args.suite_version, report, cancel)
    out = _evaluation_dict(info)
    if args.json_events:
        print(json.dumps({"event": "finished", **out}, ensure_ascii=False, default=str), flush=True)
    else:
        print(f"Evaluation {info.id}: {info.model} against {info.production} on {info.suite} ({info.items} items).")
        for side in ("candidate", "production"):
            scores = ", ".join(f"{m} {v:.3f}" if v is not None else f"{m} —" for m, v in info.summary[side].items())
            print(f"  {side}: {scores}; answers {info.statuses[side]}")
    return 0


def cmd_eval_repeat(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.repeat import repeat_evaluation
    from atlas_desktop.core.jobs import CancelToken

    cli = _cli()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    result = repeat_evaluation(cli._workspace(), args.project, args.model, cli._cli_report(False), cancel)
    if args.json:
        cli._print_json(result.to_json())
    elif result.identical:
        print(f"Evaluation {result.evaluation_id}: {result.model} answered all {result.items} items again word for word: repeatable.")
    else:
        print(f"Evaluation {result.evaluation_id}: {len(result.differing)} of {result.items} answers changed "
              f"({', '.join(result.differing[:8])}): not repeatable; check the model files, library versions and decoding.")
    return 0 if result.identical else 1


def cmd_eval_report(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.gate import build
    from atlas_desktop.core.evaluation.report import render_html

    cli = _cli()
    rep, inputs, _conf = build(cli._workspace(), args.project, args.model)
    if args.out:
        from atlas_desktop.core.training.checkpoints import atomic_write_text

        atomic_write_text(Path(args.out), render_html(rep, args.report_lang or cli.MESSAGE_LANGUAGE[0]))
    if args.json:
        data = rep.to_json() if hasattr(rep, "to_json") else asdict(rep)
        cli._print_json({"evaluation": _evaluation_dict(inputs["info"]), "report": data,
                         "answers": {side: {k: asdict(a) for k, a in inputs["answers"][side].items()} for side in ("candidate", "production")}})
    elif args.out:
        print(f"Wrote the report of evaluation {inputs['info'].id} to {args.out}.")
    return 0


def cmd_review_export(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.review import export_ratings

    n = export_ratings(_cli()._workspace(), args.project, Path(args.out))
    print(f"Wrote {n} ratings to {args.out}.")
    return 0


def _setting(text: str) -> tuple[str, Any]:
    """KEY=VALUE, the value a number where it reads as one ("decoding.max_new_tokens=12")."""
    from atlas_desktop.core.errors import ValidationError

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValidationError(f"--set {text}: write KEY=VALUE, for example holdout_items=0 or decoding.max_new_tokens=64.")
    try:
        return key.strip(), json.loads(value)
    except json.JSONDecodeError:
        return key.strip(), value


def cmd_eval_settings(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.settings import get_settings, set_settings

    ws = _cli()._workspace()
    changes: dict[str, Any] = {}
    for key, value in map(_setting, args.set or []):
        top, _, sub = key.partition(".")
        if sub:
            changes.setdefault(top, dict(get_settings(ws, args.project).get(top) or {}))[sub] = value
        else:
            changes[top] = value
    settings = set_settings(ws, args.project, changes) if changes else get_settings(ws, args.project)
    if args.json:
        _cli()._print_json(settings)
    else:
        for key, value in settings.items():
            print(f"{key}\t{json.dumps(value, ensure_ascii=False)}")
    return 0


def cmd_gate(args: argparse.Namespace) -> int:
    from atlas_desktop.core.evaluation.gate import check_gate

    cli = _cli()
    result = check_gate(cli._workspace(), args.project, args.model)
    if args.json:
        cli._print_json({"model": result.model, "evaluation": result.evaluation_id, "passed": result.passed,
                         "reasons": [cli._t(r) for r in result.reasons], "figures": result.figures})
    else:
        print(f"{result.model}: {'PASS' if result.passed else 'FAIL'}")
        for r in result.reasons:
            print(f"  - {cli._t(r)}")
    return 0 if result.passed else 1


def add_parsers(sub: Any, parser_class: type) -> None:
    ev = sub.add_parser("eval", help="evaluation suites, evaluations and their reports").add_subparsers(dest="sub", required=True,
                                                                                                         parser_class=parser_class)
    su = ev.add_parser("suite", help="evaluation suites (versioned per project)").add_subparsers(dest="sub2", required=True,
                                                                                                 parser_class=parser_class)
    si = su.add_parser("import", help="store a JSONL suite as a new version (line-numbered errors, nothing stored on error)")
    si.add_argument("--project", required=True)
    si.add_argument("file")
    si.add_argument("--name", help="the suite's name (default: the file's name)")
    si.add_argument("--json", action="store_true")
    si.set_defaults(func=cmd_suite_import)
    se = su.add_parser("export", help="write a suite version as JSONL")
    se.add_argument("--project", required=True)
    se.add_argument("--name")
    se.add_argument("--version", type=int)
    se.add_argument("--out", required=True)
    se.set_defaults(func=cmd_suite_export)
    sl = su.add_parser("list", help="list a project's suite versions")
    sl.add_argument("--project", required=True)
    sl.add_argument("--json", action="store_true")
    sl.set_defaults(func=cmd_suite_list)
    er = ev.add_parser("run", help="answer a suite with a model version and production, and score both")
    er.add_argument("--project", required=True)
    er.add_argument("--model", required=True, help="the model version: v3, 3 or its name")
    er.add_argument("--suite", help="the suite's name (default: the newest suite)")
    er.add_argument("--suite-version", type=int)
    er.add_argument("--json-events", action="store_true", help="progress and the outcome as JSON lines on stdout")
    er.set_defaults(func=cmd_eval_run)
    rr = ev.add_parser("repeat", help="answer the newest evaluation's items again from scratch and compare (exit 1 if any answer changed)")
    rr.add_argument("--project", required=True)
    rr.add_argument("--model", required=True)
    rr.add_argument("--json", action="store_true")
    rr.set_defaults(func=cmd_eval_repeat)
    es = ev.add_parser("settings", help="show or change the project's evaluation settings (quota, gate, holdout items, decoding)")
    es.add_argument("--project", required=True)
    es.add_argument("--set", action="append", metavar="KEY=VALUE", help="e.g. holdout_items=0 or decoding.max_new_tokens=64 (repeatable)")
    es.add_argument("--json", action="store_true")
    es.set_defaults(func=cmd_eval_settings)

    rp = ev.add_parser("report", help="the comparison with production: HTML file and/or JSON")
    rp.add_argument("--project", required=True)
    rp.add_argument("--model", required=True)
    rp.add_argument("--out", help="write the report as HTML")
    rp.add_argument("--report-lang", choices=("en", "ar"), help="the HTML's language (default: --lang)")
    rp.add_argument("--json", action="store_true")
    rp.set_defaults(func=cmd_eval_report)
    rv = sub.add_parser("review", help="reviewers' ratings").add_subparsers(dest="sub", required=True, parser_class=parser_class)
    rx = rv.add_parser("export", help="write every saved rating as JSONL")
    rx.add_argument("--project", required=True)
    rx.add_argument("--out", required=True)
    rx.set_defaults(func=cmd_review_export)
    g = sub.add_parser("gate", help="the release gate of a model version (exit 0 pass, 1 fail, with the reasons)")
    g.add_argument("--project", required=True)
    g.add_argument("--model", required=True)
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_gate)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_cli().main())
