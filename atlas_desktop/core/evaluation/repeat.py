"""Is the evaluation repeatable? Answer the newest evaluation's items again with the candidate,
from scratch (not from the answer cache), under the decoding it was answered with, and compare
the texts one by one. The outcome is an audit event (``eval.repeated``) that the launch checklist
reads: "evaluation suite stored and repeatable". Greedy decoding on the same weights, the same
prompts and the same software gives the same tokens; a difference says something changed (the
model files, the library versions, sampling left on)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from atlas_desktop.core.child import run_child
from atlas_desktop.core.evaluation.runs import GENERATE, candidate_ref, latest_evaluation_row
from atlas_desktop.core.evaluation.suites import item_from_dict
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import EvalAnswers, ModelVersion
from atlas_desktop.core.workspace import Workspace


@dataclass(frozen=True)
class RepeatResult:
    evaluation_id: int
    model: str
    items: int
    identical: bool
    differing: list[str]  # item ids whose answer changed

    def to_json(self) -> dict[str, Any]:
        return {"evaluation": self.evaluation_id, "model": self.model, "items": self.items, "identical": self.identical,
                "differing": self.differing}


def repeat_evaluation(ws: Workspace, project: str, model: str | int, report: Reporter = lambda p: None,
                      cancel: CancelToken | None = None) -> RepeatResult:
    with ws.unit_of_work() as s:
        ev = latest_evaluation_row(s, project, model)
        mv = s.get(ModelVersion, ev.model_version_id)
        ref = candidate_ref(ws, s, mv)
        stored = s.get(EvalAnswers, ev.candidate_answers_id)
        items = [item_from_dict(d, d.get("id", "")) for d in ev.items]
        before = {a["item_id"]: a.get("text", "") for a in stored.answers}
        decoding = dict(stored.decoding)
        system_prompt = project_record(s, project).system_prompt or ""
        ev_id, name = ev.id, mv.name
    config = {"models": [{"model_path": str(ref.base_path), "adapter_path": str(ref.adapter_path) if ref.adapter_path else None,
                          "label": ref.name}], "conversations": [i.messages(system_prompt) for i in items], "decoding": decoding}
    value = run_child(GENERATE, config, lambda p: report(Progress(p.step, len(items), p.message, p.metrics)), cancel or CancelToken(),
                      log_path=ws.paths.logs / "generation.log")
    again: list[str | None] = [a.get("text", "") for a in value["models"][0]["answers"]]
    again += [None] * (len(items) - len(again))  # an answer missing counts as changed
    differing = [i.id for i, text in zip(items, again) if text is None or before.get(i.id) != text]
    result = RepeatResult(ev_id, name, len(items), not differing, differing)
    with ws.unit_of_work() as s:
        audit.append(s, ws.user.login, "eval.repeated", "evaluation", ev_id, {"project": project, **result.to_json()})
    return result
