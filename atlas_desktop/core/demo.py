"""The demo workspace a newcomer's first launch shows: a real banking project."""

from __future__ import annotations

from pathlib import Path

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.projects import ProjectFields, create_project, list_projects
from atlas_desktop.core.workspace import Workspace

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SAMPLES = RESOURCES / "samples"
SAMPLE_CONVERSATIONS = SAMPLES / "banking_conversations.jsonl"
EVAL_SUITE = RESOURCES / "eval" / "banking_eval_suite.jsonl"

DEMO_PROJECT = ProjectFields(
    name="المساعد المصرفي — Banking assistant",
    description="مساعد لخدمة عملاء البنك يجيب عن أسئلة الدعم والسياسات والمنتجات والعمليات بالفصحى واللهجات الخليجية والمصرية.",
    system_prompt=(
        "أنت مساعد مصرفي لبنك الأطلس. أجب بالعربية وباللهجة التي يكتب بها العميل، بإيجاز ووضوح.\n"
        "لا تطلب أبداً رقم البطاقة كاملاً أو الرمز السري (PIN) أو كلمة المرور.\n"
        "إذا لم تكن متأكداً من سياسة أو رسوم، اطلب من العميل التواصل مع الفرع أو مركز الاتصال على 8001240000."
    ),
    intents=("support", "policy", "product", "operations"),
    dialects=("msa", "gulf", "egyptian"),
)


def resource_root() -> Path:
    """resources/ beside the package in a checkout, or inside a PyInstaller bundle."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else RESOURCES


def ensure_demo_project(ws: Workspace) -> tuple[str, bool]:
    """Create the demo project if no project exists yet; (name, created)."""
    with ws.unit_of_work() as s:
        existing = list_projects(s)
        if existing:
            return existing[0].name, False
        try:
            p = create_project(s, DEMO_PROJECT, ws.user.login)
        except ValidationError:
            return DEMO_PROJECT.name, False
    if not ws.settings.current_project:
        ws.settings.current_project = p.name
        ws.save_settings()
    return p.name, True


DEMO_SUITE = "banking"
DEMO_QUICK_SUITE = "banking-quick"  # the demo's first evaluation: a few items of each intent, minutes on a CPU
DEMO_QUICK_PER_INTENT = 2
DEMO_EVAL_SETTINGS = {"holdout_items": 4, "calibration_items": 4, "decoding": {"max_new_tokens": 128, "batch_size": 16}}


def quick_suite_items(items: list) -> list:
    """The first ``DEMO_QUICK_PER_INTENT`` items of each intent, in the suite's order."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        if seen.get(item.intent, 0) < DEMO_QUICK_PER_INTENT:
            seen[item.intent] = seen.get(item.intent, 0) + 1
            out.append(item)
    return out


def prepare_demo(ws: Workspace, report=lambda p: None, say=lambda text: None) -> dict:  # noqa: ANN001
    """Take the demo project as far as a newcomer should see it: the sample data as a dataset
    version, a finished Quick run (a model version), the demo suites, and that model's evaluation
    against the base model with its blind review queue. Each step is skipped when already done."""
    from atlas_desktop.core.data.pipeline import import_files, list_versions
    from atlas_desktop.core.evaluation.runs import list_evaluations, run_evaluation
    from atlas_desktop.core.evaluation.settings import set_settings
    from atlas_desktop.core.evaluation.suites import import_suite, list_suites, parse_suite, save_items
    from atlas_desktop.core.messages import Msg, dumps
    from atlas_desktop.core.registry.model_store import DEMO_MODEL_NAME
    from atlas_desktop.core.training.recipe import preset
    from atlas_desktop.core.training.runner import create_run, execute_run, list_model_versions

    project, _ = ensure_demo_project(ws)
    done: dict = {"project": project}
    if not list_versions(ws, project):
        say("Importing the sample conversations")
        import_files(ws, project, [SAMPLE_CONVERSATIONS], report=report)
    done["dataset_version"] = list_versions(ws, project)[-1].number
    if not list_model_versions(ws, project):
        say("Training the Quick preset on the sample data")
        run = create_run(ws, project, preset("quick", DEMO_MODEL_NAME))
        finished = execute_run(ws, run.run_id, report)
        if finished.status != "finished":
            from atlas_desktop.core.errors import AtlasError

            raise AtlasError(finished.message)
    model = list_model_versions(ws, project)[0]
    done["model_version"] = model.name
    if not {s.name for s in list_suites(ws, project)} >= {DEMO_SUITE, DEMO_QUICK_SUITE}:
        import_suite(ws, project, EVAL_SUITE, name=DEMO_SUITE)
        items = parse_suite(EVAL_SUITE.read_text(encoding="utf-8"), EVAL_SUITE.name)
        save_items(ws, project, DEMO_QUICK_SUITE, quick_suite_items(items), note=dumps(Msg("eval.suite.demo_quick", n=DEMO_QUICK_PER_INTENT)))
        set_settings(ws, project, DEMO_EVAL_SETTINGS)
    if not list_evaluations(ws, project, model.number):
        say(f"Evaluating {model.name} against {model.base_model} on the {DEMO_QUICK_SUITE} suite")
        run_evaluation(ws, project, model.number, DEMO_QUICK_SUITE, report=report)
    done["evaluation"] = list_evaluations(ws, project, model.number)[0].id
    return done
