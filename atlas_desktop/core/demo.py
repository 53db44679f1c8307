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
