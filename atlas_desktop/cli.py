"""The `atlas` command: every command is a thin call into core.

Exit codes: 0 success, 1 a check failed or an unexpected error, 2 bad input
(one plain line on stderr). A traceback only with --debug.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from atlas_desktop import __version__
from atlas_desktop.core.errors import AtlasError, ValidationError
from atlas_desktop.core.messages import Msg, render, to_json

PAGES = ("projects", "data", "train", "evaluate", "review", "release", "monitor")
MESSAGE_LANGUAGE = ["en"]  # set by the global --lang: the language errors, warnings and progress are printed in


def _t(message: object) -> str:
    """A core message (a Msg, its JSON form, or plain text) in the language chosen with --lang."""
    return render(message, MESSAGE_LANGUAGE[0])


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one plain line, not a usage block
        sys.stderr.write(f"atlas: {message} (see `{self.prog} --help`)\n")
        sys.exit(2)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _workspace():  # noqa: ANN202 - deferred import keeps --version instant
    from atlas_desktop.core.workspace import Workspace

    return Workspace.open()


def _cli_report(quiet: bool) -> Callable[[Any], None]:
    def report(p: Any) -> None:
        if quiet:
            return
        total = f"/{p.total}" if p.total else ""
        print(f"  [{p.step}{total}] {_t(p.message)}", file=sys.stderr)

    return report


# ----------------------------------------------------------------------------- commands


def cmd_doctor(args: argparse.Namespace) -> int:
    from atlas_desktop.core.doctor import format_doctor, run_doctor

    report = run_doctor()
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_doctor(report, MESSAGE_LANGUAGE[0]))
    return 0 if report["database"]["ok"] else 1


def _split(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(v.strip() for v in value.replace("،", ",").split(",") if v.strip())


def _project_dict(p: Any) -> dict[str, Any]:
    return {"name": p.name, "description": p.description, "system_prompt": p.system_prompt, "intents": list(p.intents),
            "dialects": list(p.dialects), "created_by": p.created_by, "created_at": p.created_at.isoformat()}


def cmd_project_create(args: argparse.Namespace) -> int:
    from atlas_desktop.core.projects import DEFAULT_INTENTS, ProjectFields, create_project

    ws = _workspace()
    fields = ProjectFields(args.name, args.description or "", args.system_prompt or "",
                           _split(args.intents) or DEFAULT_INTENTS, _split(args.dialects) or ("msa",))
    with ws.unit_of_work() as s:
        p = create_project(s, fields, ws.user.login)
    if args.json:
        _print_json(_project_dict(p))
    else:
        print(f"Created project {p.name!r} (intents: {', '.join(p.intents)}; dialects: {', '.join(p.dialects)}).")
    return 0


def cmd_project_edit(args: argparse.Namespace) -> int:
    from atlas_desktop.core.projects import ProjectFields, get_project, update_project

    ws = _workspace()
    with ws.unit_of_work() as s:
        cur = get_project(s, args.name)
        fields = ProjectFields(args.rename or cur.name,
                               cur.description if args.description is None else args.description,
                               cur.system_prompt if args.system_prompt is None else args.system_prompt,
                               _split(args.intents) or cur.intents, _split(args.dialects) or cur.dialects)
        p = update_project(s, args.name, fields, ws.user.login)
    if args.json:
        _print_json(_project_dict(p))
    else:
        print(f"Saved project {p.name!r}.")
    return 0


def cmd_project_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.projects import list_projects

    ws = _workspace()
    with ws.unit_of_work() as s:
        projects = list_projects(s)
    if args.json:
        _print_json([_project_dict(p) for p in projects])
    elif not projects:
        print("No projects yet. Create one with: atlas project create NAME")
    else:
        for p in projects:
            print(f"{p.name}\t{', '.join(p.intents)}\t{', '.join(p.dialects)}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from atlas_desktop.core.storage.audit import verify_chain

    ws = _workspace()
    with ws.unit_of_work() as s:
        r = verify_chain(s, anchor=args.anchor)
    if args.json:
        _print_json({"ok": r.ok, "checked": r.checked, "bad_seq": r.bad_seq, "reason": str(r.reason), "reason_code": to_json(r.reason) or None})
    elif r.ok:
        print(_t(Msg("audit.intact", checked=r.checked)))
    else:
        print(_t(Msg("audit.broken", seq=r.bad_seq, reason=r.reason, checked=r.checked)), file=sys.stderr)
    return 0 if r.ok else 1


def cmd_audit_anchor(args: argparse.Namespace) -> int:
    from atlas_desktop.core.storage.audit import anchor

    ws = _workspace()
    with ws.unit_of_work() as s:
        a = anchor(s)
    _print_json({"anchor": a}) if args.json else print(a)
    return 0


def cmd_audit_log(args: argparse.Namespace) -> int:
    from atlas_desktop.core.storage.audit import recent

    ws = _workspace()
    with ws.unit_of_work() as s:
        events = recent(s, args.limit)
    if args.json:
        _print_json([e.__dict__ for e in events])
    else:
        for e in events:
            print(f"{e.seq}\t{e.at}\t{e.actor}\t{e.action}\t{e.entity_type}:{e.entity_id}")
    return 0


def _model_dict(m: Any) -> dict[str, Any]:
    return {"name": m.name, "path": str(m.path), "sha256": m.sha256, "architecture": m.architecture, "parameters": m.parameters,
            "size_bytes": m.size_bytes, "has_chat_template": m.has_chat_template, "source": m.source, "created_at": m.created_at.isoformat()}


def cmd_models_import_base(args: argparse.Namespace) -> int:
    from atlas_desktop.core.registry.model_store import import_base

    ws = _workspace()
    m = import_base(ws, Path(args.path), args.name, _cli_report(args.json))
    if args.json:
        _print_json(_model_dict(m))
    else:
        print(f"Registered base model {m.name!r} ({m.architecture}, {m.parameters / 1e6:.0f}M parameters) at {m.path}.")
    return 0


def cmd_models_import_demo(args: argparse.Namespace) -> int:
    from atlas_desktop.core.registry.model_store import import_demo

    ws = _workspace()
    m, new = import_demo(ws, _cli_report(args.json))
    if args.json:
        _print_json({**_model_dict(m), "newly_imported": new})
    else:
        print(f"{'Registered' if new else 'Already registered:'} demo base model {m.name!r} ({m.parameters / 1e6:.0f}M parameters).")
    return 0


def cmd_models_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.registry.model_store import list_models

    models = list_models(_workspace())
    if args.json:
        _print_json([_model_dict(m) for m in models])
    elif not models:
        print("No base models yet. Register the demo with: atlas models import-demo")
    else:
        for m in models:
            print(f"{m.name}\t{m.architecture}\t{m.parameters / 1e6:.0f}M\t{m.sha256[:12]}")
    return 0


def cmd_db_info(args: argparse.Namespace) -> int:
    from atlas_desktop.core.storage.db import describe_url

    ws = _workspace()
    info = {"url": describe_url(ws.db.url), "dialect": ws.db.dialect, "schema_revision": ws.db.revision, "data_folder": str(ws.paths.home)}
    _print_json(info) if args.json else print("\n".join(f"{k}: {v}" for k, v in info.items()))
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from atlas_desktop.core.storage.db import backup_sqlite

    ws = _workspace()
    if ws.db.dialect != "sqlite":
        raise ValidationError(Msg("cli.backup_postgresql"))
    print(f"Backed up to {backup_sqlite(ws.paths.database, ws.paths, 'manual')}")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from atlas_desktop.core.paths import data_paths
    from atlas_desktop.core.storage import audit
    from atlas_desktop.core.storage.db import restore_sqlite

    paths = data_paths().ensure()
    target = restore_sqlite(Path(args.backup), paths)
    ws = _workspace()
    with ws.unit_of_work() as s:  # in the restored database: its trail says it was restored, from what, by whom
        audit.append(s, ws.user.login, "database.restored", "database", str(target), {"backup": str(Path(args.backup).resolve())})
    print(f"Restored {args.backup} to {target}; the replaced file was kept beside it.")
    return 0


def cmd_demo_init(args: argparse.Namespace) -> int:
    from atlas_desktop.core.demo import ensure_demo_project
    from atlas_desktop.core.errors import NotFoundError
    from atlas_desktop.core.registry.model_store import import_demo

    ws = _workspace()
    name, created = ensure_demo_project(ws)
    print(f"{'Created' if created else 'Using'} project {name!r}.")
    if not args.skip_model:
        try:
            m, new = import_demo(ws, _cli_report(False))
            print(f"{'Registered' if new else 'Using'} demo base model {m.name!r}.")
        except NotFoundError as exc:
            print(f"Demo model not registered: {_t(exc.full())}", file=sys.stderr)
            return 0
        if not args.skip_evaluation:
            import time

            from atlas_desktop.core.demo import prepare_demo

            start = time.monotonic()
            done = prepare_demo(ws, _cli_report(True), lambda text: print(f"{text}…", flush=True))
            print(f"Demo ready in {time.monotonic() - start:.0f} s: dataset v{done['dataset_version']}, model {done['model_version']}, "
                  f"evaluation {done['evaluation']} with its review queue.")
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    from atlas_desktop.core.data.redact import redact_jsonl

    summary = redact_jsonl(Path(args.input), Path(args.output), Path(args.report) if args.report else None)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(summary["counts"].items())) or "nothing sensitive found"
    print(f"Redacted {summary['records']} records ({summary['redacted_records']} had sensitive values: {counts}) into {args.output}.", file=sys.stderr)
    for bad in summary["invalid"][:20]:
        print(f"  skipped {args.input} line {bad['line']}: {_t(bad['reason_code'])}", file=sys.stderr)
    if len(summary["invalid"]) > 20:
        print(f"  ... and {len(summary['invalid']) - 20} more skipped lines (see --report)", file=sys.stderr)
    return 0


def _parse_map(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    out = {}
    for part in value.split(","):
        key, sep, col = part.partition("=")
        if not sep or not key.strip() or not col.strip():
            raise ValidationError(Msg("cli.bad_map", part=part))
        out[key.strip()] = col.strip()
    return out


def cmd_data_import(args: argparse.Namespace) -> int:
    from atlas_desktop.core.data.pipeline import ImportSettings, import_files

    ws = _workspace()
    settings = ImportSettings(holdout_ratio=args.holdout, seed=args.seed, mapping=_parse_map(args.map), keep_per_cluster=args.keep_per_cluster)
    version, st = import_files(ws, args.project, [Path(f) for f in args.files], settings, _cli_report(args.json))
    invalid, warnings = st["invalid_records"], st["warnings"]
    if args.json:
        _print_json({"dataset_version": version.number, "sha256": version.sha256, "conversations": st["conversations"], "kept": st["kept"],
                     "invalid": invalid, "redactions": st["redactions"], "duplicates": st["duplicates"], "holdout": st["holdout"],
                     "train": st["train"], "intents": st["intents"], "dialects": st["dialects"],
                     "warnings": [_t(w) for w in warnings], "warning_codes": warnings})
    else:
        red = ", ".join(f"{k} {v}" for k, v in sorted(st["redactions"].items())) or "none"
        dup = st["duplicates"]
        print(f"Dataset {version.label} of {args.project!r}: {st['kept']} conversations kept of {st['conversations']} read "
              f"({dup['exact']} exact and {dup['near']} near duplicates removed, in {dup['clusters']} clusters, the largest of "
              f"{dup['largest_cluster']}), {st['train']} for training, {st['holdout']} held out; {len(invalid)} records skipped; redactions: {red}.")
        for w in warnings:
            print(f"  warning: {_t(w)}")
    return 0


def cmd_data_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.data.pipeline import list_versions

    versions = list_versions(_workspace(), args.project)
    if args.json:
        _print_json([{"dataset_version": v.number, "sha256": v.sha256, "created_at": v.created_at.isoformat(), "created_by": v.created_by,
                      "sources": [s["name"] for s in v.sources], **{k: v.stats.get(k) for k in ("conversations", "kept", "train", "holdout")}}
                     for v in versions])
    elif not versions:
        print(f"No dataset versions in {args.project!r} yet. Import data with: atlas data import FILE --project NAME")
    else:
        for v in versions:
            print(f"{v.label}\t{v.sha256[:12]}\t{v.stats.get('kept')} kept\t{v.stats.get('train')} train / {v.stats.get('holdout')} holdout\t"
                  f"{', '.join(s['name'] for s in v.sources)}")
    return 0


def cmd_data_resplit(args: argparse.Namespace) -> int:
    from atlas_desktop.core.data.pipeline import resplit_version

    v = resplit_version(_workspace(), args.project, args.dataset, args.holdout, args.seed, _cli_report(args.json))
    if args.json:
        _print_json({"dataset_version": v.number, "sha256": v.sha256, "resplit_of": args.dataset, "train": v.stats["train"],
                     "holdout": v.stats["holdout"]})
    else:
        print(f"Dataset {v.label} of {args.project!r}: v{args.dataset} split again with a holdout of {args.holdout:g}: "
              f"{v.stats['train']} for training, {v.stats['holdout']} held out.")
    return 0


def cmd_data_purge_raw(args: argparse.Namespace) -> int:
    from atlas_desktop.core.data.pipeline import purge_raw

    n = purge_raw(_workspace(), args.project)
    print(f"Removed the raw originals of {n} dataset versions of {args.project!r}; the redacted versions are unchanged.")
    return 0


def _load_recipe(ws: Any, path: Path) -> Any:
    """A recipe file, checked against the models registered in ``ws``."""
    from atlas_desktop.core.registry.model_store import list_models
    from atlas_desktop.core.training.recipe import load_recipe

    return load_recipe(path, registered_models=[m.name for m in list_models(ws)])


def cmd_recipe_check(args: argparse.Namespace) -> int:
    from atlas_desktop.core.training.runner import split_problem

    ws = _workspace()
    recipe = _load_recipe(ws, Path(args.file))
    if args.project:
        extra = split_problem(ws, args.project, recipe, args.dataset)
        if extra:
            recipe.problems.append(extra)
    if args.json:
        _print_json({"ok": not recipe.errors, "errors": [{"key": p.key, "message": _t(p.message)} for p in recipe.errors],
                     "warnings": [{"key": p.key, "message": _t(p.message)} for p in recipe.warnings], "recipe": recipe.to_dict()})
    else:
        for p in recipe.problems:
            print(f"{'error' if p.blocking else 'warning'}: {_t(p.message)}", file=sys.stderr if p.blocking else sys.stdout)
        if not recipe.errors:
            print(f"{args.file}: the recipe is valid.")
    return 2 if recipe.errors else 0


def cmd_recipe_preset(args: argparse.Namespace) -> int:
    from atlas_desktop.core.training.recipe import preset

    print(preset(args.name, args.model).to_yaml(), end="")
    return 0


def _train_printer(json_events: bool) -> Callable[[dict[str, Any]], None]:
    from atlas_desktop.core.training.runner import TERMINAL_CHILD_EVENTS

    def on_event(ev: dict[str, Any]) -> None:
        kind = ev.get("event")
        if kind in TERMINAL_CHILD_EVENTS:
            return  # the run's own started/finished/failed/cancelled are printed by cmd_train
        if json_events:
            print(json.dumps(ev, ensure_ascii=False, default=str), flush=True)
        elif kind == "step":
            print(f"step {ev['step']}/{ev['total_steps']}  loss {ev['loss']:.4f}  lr {ev['learning_rate']:.2e}  "
                  f"{ev['tokens_per_second']:.0f} tokens/s", file=sys.stderr)
        elif kind == "eval":
            print(f"step {ev['step']}  holdout loss {ev['eval_loss']:.4f} (first {ev['rows']} rows)", file=sys.stderr)
        elif kind == "evaluating":
            print(f"step {ev['step']}  measuring the holdout loss on all {ev['rows']} rows...", file=sys.stderr)
        elif kind == "final_eval":
            print(f"step {ev['step']}  holdout loss {ev['eval_loss']:.4f} (all {ev['rows']} rows)", file=sys.stderr)
        elif kind == "checkpoint":
            print(f"checkpoint saved at step {ev['step']}", file=sys.stderr)
        elif kind == "prepared":
            print(f"{ev['rows']} rows of up to {ev.get('max_seq_length', '')} tokens, {ev['total_steps']} steps, micro-batch "
                  f"{ev['micro_batch']} x {ev['accumulation']} accumulation x {ev['world']} process(es), {ev['precision']} on {ev['device']}",
                  file=sys.stderr)
        elif kind == "log":
            print(_t(ev.get("message") or ev.get("line", "")), file=sys.stderr)  # a note of the run's (a code), or a library's line

    return on_event


def _message_fields(message: Any) -> dict[str, Any]:
    """A core message in JSON output: ``message`` in English for scripts, ``message_code`` (its code and
    parameters) for any language; a text stored before the codes has no code."""
    return {"message": str(message), "message_code": to_json(message) if isinstance(message, Msg) else None}


def _outcome_event(done: Any) -> dict[str, Any]:
    """The last line of `atlas train --json-events`: finished, paused, cancelled or failed."""
    return {"finished": {"event": "finished", "step": done.step, "model_version": done.model_version},
            "cancelled": {"event": "cancelled", "step": done.step},
            "paused": {"event": "paused", "step": done.step}}.get(done.status, {"event": "failed", **_message_fields(done.message)})


def cmd_train(args: argparse.Namespace) -> int:
    import signal

    from atlas_desktop.core.jobs import CancelToken
    from atlas_desktop.core.training.runner import create_run, execute_run, get_run

    ws = _workspace()
    if args.resume:
        run = get_run(ws, args.resume)
    else:
        if not args.project or not args.recipe:
            raise ValidationError(Msg("cli.train_needs_recipe"))
        run = create_run(ws, args.project, _load_recipe(ws, Path(args.recipe)), args.dataset, args.devices)
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    signal.signal(signal.SIGTERM, lambda *_: cancel.cancel())
    emit = _train_printer(args.json_events)
    if args.json_events:
        print(json.dumps({"event": "started", "run_id": run.run_id, "resumed": bool(args.resume)}), flush=True)
    else:
        print(f"{'Resuming' if args.resume else 'Starting'} run {run.run_id} (Ctrl-C saves a checkpoint and stops).", file=sys.stderr)
    done = execute_run(ws, run.run_id, cancel=cancel, resume=bool(args.resume), on_event=emit)
    outcome = _outcome_event(done)
    if args.json_events:
        print(json.dumps({**outcome, "run_id": run.run_id}, ensure_ascii=False), flush=True)
    else:
        print(f"Run {run.run_id}: {_t(done.message)}", file=sys.stderr if done.status != "finished" else sys.stdout)
    return 0 if done.status in ("finished", "cancelled", "paused") else 1


def cmd_runs_list(args: argparse.Namespace) -> int:
    from atlas_desktop.core.training.runner import list_runs

    runs = list_runs(_workspace(), args.project)
    if args.json:
        _print_json([{"run_id": r.run_id, "project": r.project, "status": r.status, "step": r.step, "total_steps": r.total_steps,
                      "dataset_version": r.dataset_version, "base_model": r.base_model, "model_version": r.model_version,
                      "resumable": r.resumable, **_message_fields(r.message), "created_at": r.created_at.isoformat()} for r in runs])
    elif not runs:
        print("No training runs yet. Start one with: atlas train --project NAME --recipe RECIPE.yaml")
    for r in runs if not args.json else []:
        print(f"{r.run_id}\t{r.status}\t{r.step}/{r.total_steps}\tv{r.dataset_version}\t{r.base_model}\t{r.model_version or ''}\t{_t(r.message)}")
    return 0


def cmd_models_versions(args: argparse.Namespace) -> int:
    from atlas_desktop.core.training.runner import list_model_versions

    versions = list_model_versions(_workspace(), args.project)
    if args.json:
        _print_json([{"name": v.name, "project": v.project, "stage": v.stage, "run_id": v.run_id, "base_model": v.base_model,
                      "dataset_version": v.dataset_version, "dataset_sha256": v.dataset_sha256, "adapter_sha256": v.adapter_sha256,
                      "metrics": {k: v.metrics.get(k) for k in ("train_loss", "eval_loss", "tokens_per_second", "duration_s")}}
                     for v in versions])
    for v in versions if not args.json else []:
        print(f"{v.name}\t{v.stage}\trun {v.run_id}\tdata v{v.dataset_version}\tholdout loss {v.metrics.get('eval_loss')}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    if args.page and args.page not in PAGES:
        raise ValidationError(Msg("cli.unknown_page", page=args.page, choices=", ".join(PAGES)))
    if args.lang and args.lang not in ("en", "ar"):
        raise ValidationError(Msg("cli.unknown_language", lang=args.lang))
    from atlas_desktop.ui.app import run_gui

    return run_gui(screenshot=Path(args.screenshot) if args.screenshot else None, page=args.page, lang=args.lang, size=args.size,
                   check_glyphs=args.check_glyphs)


# ----------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="atlas", description="Atlas Desktop: fine-tune an Arabic language model on-prem.")
    p.add_argument("--version", action="version", version=f"atlas {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("--lang", dest="message_lang", choices=("en", "ar"), default="en",
                   help="language of errors, warnings and progress (en or ar; default en)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    d = sub.add_parser("doctor", help="check this machine: compute, database, fonts, offline mode")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_doctor)

    proj = sub.add_parser("project", help="create, edit and list projects").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    c = proj.add_parser("create", help="create a project")
    c.add_argument("name")
    for opt in ("--description", "--system-prompt"):
        c.add_argument(opt)
    c.add_argument("--intents", help="comma-separated, default support,policy,product,operations")
    c.add_argument("--dialects", help="comma-separated from msa,gulf,egyptian,levantine,maghrebi (default msa)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_project_create)
    e = proj.add_parser("edit", help="change a project")
    e.add_argument("name")
    e.add_argument("--rename")
    for opt in ("--description", "--system-prompt", "--intents", "--dialects"):
        e.add_argument(opt)
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_project_edit)
    ls = proj.add_parser("list", help="list projects")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_project_list)

    au = sub.add_parser("audit", help="the audit trail").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    v = au.add_parser("verify", help="check the signed hash chain (exit 1 naming the first bad row)")
    v.add_argument("--anchor", metavar="SEQ:HASH", help="an anchor printed earlier by `atlas audit anchor`: prove nothing up to it was rewritten")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_audit_verify)
    an = au.add_parser("anchor", help="print the chain's head, to write down or send elsewhere")
    an.add_argument("--json", action="store_true")
    an.set_defaults(func=cmd_audit_anchor)
    lg = au.add_parser("log", help="show the newest events")
    lg.add_argument("--limit", type=int, default=20)
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(func=cmd_audit_log)

    mo = sub.add_parser("models", help="the local model store").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    ib = mo.add_parser("import-base", help="register a local model folder or GGUF file")
    ib.add_argument("path")
    ib.add_argument("--name", required=True)
    ib.add_argument("--json", action="store_true")
    ib.set_defaults(func=cmd_models_import_base)
    idm = mo.add_parser("import-demo", help="register the demo model (SmolLM2-135M-Instruct)")
    idm.add_argument("--json", action="store_true")
    idm.set_defaults(func=cmd_models_import_demo)
    mv = mo.add_parser("versions", help="list fine-tuned model versions")
    mv.add_argument("--project")
    mv.add_argument("--json", action="store_true")
    mv.set_defaults(func=cmd_models_versions)
    ml = mo.add_parser("list", help="list base models")
    ml.add_argument("--json", action="store_true")
    ml.set_defaults(func=cmd_models_list)

    db = sub.add_parser("db", help="database information, backup and restore").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    di = db.add_parser("info")
    di.add_argument("--json", action="store_true")
    di.set_defaults(func=cmd_db_info)
    db.add_parser("upgrade", help="upgrade the schema (also done on start)").set_defaults(func=cmd_db_info, json=False)
    db.add_parser("backup", help="back up the SQLite database").set_defaults(func=cmd_db_backup)
    dr = db.add_parser("restore", help="put a backup in place of the SQLite database")
    dr.add_argument("backup")
    dr.set_defaults(func=cmd_db_restore)

    demo = sub.add_parser("demo", help="the demo workspace").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    dm = demo.add_parser("init", help="create the demo project, register the demo model, train a Quick run and evaluate it")
    dm.add_argument("--skip-model", action="store_true", help="only the project (no model, so no training or evaluation)")
    dm.add_argument("--skip-evaluation", action="store_true", help="register the model but do not train or evaluate")
    dm.set_defaults(func=cmd_demo_init)

    data = sub.add_parser("data", help="import data into dataset versions").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    di_ = data.add_parser("import", help="read, validate, redact, deduplicate and split files into a new dataset version")
    di_.add_argument("files", nargs="+")
    di_.add_argument("--project", required=True)
    di_.add_argument("--map", help="column mapping for CSV/XLSX, e.g. question=السؤال,answer=الجواب,intent=الفئة")
    di_.add_argument("--holdout", type=float, default=0.15, help="holdout ratio (default 0.15, the seed recipe's)")
    di_.add_argument("--seed", type=int, default=13)
    di_.add_argument("--keep-per-cluster", type=int, default=1, metavar="N",
                     help="conversations kept of each duplicate cluster (default 1; more keeps the first near copies)")
    di_.add_argument("--json", action="store_true")
    di_.set_defaults(func=cmd_data_import)
    dl = data.add_parser("list", help="list a project's dataset versions")
    dl.add_argument("--project", required=True)
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(func=cmd_data_list)

    drs = data.add_parser("resplit", help="a new dataset version: a version's conversations split again with another holdout share")
    drs.add_argument("--project", required=True)
    drs.add_argument("--dataset", type=int, required=True, metavar="N")
    drs.add_argument("--holdout", type=float, required=True, help="the holdout share, e.g. the recipe's validation.holdout_ratio")
    drs.add_argument("--seed", type=int)
    drs.add_argument("--json", action="store_true")
    drs.set_defaults(func=cmd_data_resplit)

    dp = data.add_parser("purge-raw", help="delete the original values kept for redaction review")
    dp.add_argument("--project", required=True)
    dp.set_defaults(func=cmd_data_purge_raw)

    rd = sub.add_parser("redact", help="redact sensitive values in a messages JSONL file")
    rd.add_argument("--input", required=True)
    rd.add_argument("--output", required=True)
    rd.add_argument("--report", help="JSON report: every redaction's kind, line, position, detector, confidence")
    rd.set_defaults(func=cmd_redact)

    rc = sub.add_parser("recipe", help="tuning recipes").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    rcc = rc.add_parser("check", help="validate a recipe YAML (exit 0, or 2 with the problems)")
    rcc.add_argument("file")
    rcc.add_argument("--project", help="also check the project's dataset version against the recipe's validation section")
    rcc.add_argument("--dataset", type=int, metavar="N", help="the dataset version a run would use (default: the newest)")
    rcc.add_argument("--json", action="store_true")
    rcc.set_defaults(func=cmd_recipe_check)
    rcp = rc.add_parser("preset", help="print a preset recipe: quick, standard or thorough")
    rcp.add_argument("name", choices=("quick", "standard", "thorough"))
    rcp.add_argument("--model", default="smollm2-135m-instruct")
    rcp.set_defaults(func=cmd_recipe_preset)

    tr_ = sub.add_parser("train", help="fine-tune a base model with LoRA on a dataset version (or --resume a run)")
    tr_.add_argument("--project")
    tr_.add_argument("--recipe", help="recipe YAML")
    tr_.add_argument("--dataset", type=int, help="dataset version number (default: the project's newest)")
    tr_.add_argument("--devices", type=int, help="processes to train with (default: every GPU, or 1 on CPU); more than 1 starts accelerate launch")
    tr_.add_argument("--resume", metavar="RUN_ID", help="continue an interrupted, paused or cancelled run")
    tr_.add_argument("--json-events", action="store_true", help="print one JSON object per line for each event")
    tr_.set_defaults(func=cmd_train)

    ru = sub.add_parser("runs", help="training runs").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    rl = ru.add_parser("list", help="list training runs")
    rl.add_argument("--project")
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(func=cmd_runs_list)

    from atlas_desktop.cli_eval import add_parsers as add_eval_parsers

    add_eval_parsers(sub, _Parser)

    from atlas_desktop.cli_serve import add_parsers as add_serve_parsers

    add_serve_parsers(sub, _Parser)

    from atlas_desktop.cli_monitor import add_parsers as add_monitor_parsers

    add_monitor_parsers(sub, _Parser)

    from atlas_desktop.cli_release import add_parsers as add_release_parsers

    add_release_parsers(sub, _Parser, mo)

    g = sub.add_parser("gui", help="open the desktop app")
    g.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    g.add_argument("--page", help=f"page to show: {', '.join(PAGES)}")
    g.add_argument("--lang", help="ui language: en or ar")
    g.add_argument("--size", default="1280x800", help="window size for --screenshot, WxH")
    g.add_argument("--check-glyphs", action="store_true",
                   help="with --screenshot: exit 1 naming every character shown that no installed or bundled font can draw")
    g.set_defaults(func=cmd_gui)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    parser = build_parser()
    args = parser.parse_args(argv)
    MESSAGE_LANGUAGE[0] = args.message_lang
    try:
        return int(args.func(args) or 0)
    except AtlasError as exc:
        if debug:
            raise
        print(f"atlas: {exc.render(args.message_lang)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("atlas: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback without --debug
        if debug:
            raise
        print(f"atlas: unexpected error ({type(exc).__name__}: {exc}). Run again with --debug for details.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy's: the command modules (cli_eval,
    # cli_serve, cli_release...) import atlas_desktop.cli, and --lang must be set where they look.
    from atlas_desktop.cli import main as _main

    sys.exit(_main())
