"""The evaluation loop on a real (tiny) model in a child process: answers, cache, scores, blind
review, flags, the quota, out-of-date evaluations."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.evaluation import review
from atlas_desktop.core.evaluation.runs import evaluation_data, list_evaluations, run_evaluation
from atlas_desktop.core.evaluation.types import METRIC_NAMES
from atlas_desktop.core.messages import render
from atlas_desktop.core.storage.models import EvalAnswers
from tests.helpers.eval_homes import SMALL_SUITE_ITEMS

FULL = {"format": 4, "faithfulness": 3, "task_success": 5}


def _rating(verdict: str = "A", **kw) -> review.RatingInput:  # noqa: ANN003
    return review.RatingInput(sides={"A": dict(FULL), "B": {"format": 2, "faithfulness": 2, "task_success": 1}}, verdict=verdict, **kw)


def test_an_evaluation_answers_scores_and_caches(eval_ws) -> None:  # noqa: ANN001
    ws = eval_ws
    seen = []
    info = run_evaluation(ws, ws.demo_project, "v1", report=seen.append)
    assert info.items == SMALL_SUITE_ITEMS + 3 and info.production == "tiny" and not info.out_of_date
    assert seen[-1].step == seen[-1].total == 2 * info.items
    data = evaluation_data(ws, info.id)
    for side in ("candidate", "production"):
        assert set(data["answers"][side]) == {i.id for i in data["items"]}
        for item_id, metrics in data["scores"][side].items():
            assert set(metrics) == set(METRIC_NAMES)
            status = data["answers"][side][item_id].status
            assert status in ("ok", "empty", "truncated")
            if status != "ok":  # labelled, never silently scored
                assert all(m["score"] is None for m in metrics.values())
    # the same model, items and decoding again: the cached answers, identical, no child process
    again = run_evaluation(ws, ws.demo_project, "v1", report=lambda p: None)
    assert evaluation_data(ws, again.id)["answers"] == data["answers"]
    with ws.unit_of_work() as s:
        assert s.execute(select(func.count()).select_from(EvalAnswers)).scalar() == 2
    assert [e.id for e in list_evaluations(ws, ws.demo_project)] == [again.id, info.id]


def test_the_cli_runs_twice_with_the_same_answers_and_reports_metrics_only(evaluated_ws, capsys, tmp_path) -> None:  # noqa: ANN001
    import json

    from atlas_desktop.cli import main

    ws = evaluated_ws
    answers = []
    for _ in range(2):
        assert main(["eval", "run", "--project", ws.demo_project, "--model", "v1", "--json-events"]) == 0
        capsys.readouterr()
        assert main(["eval", "report", "--project", ws.demo_project, "--model", "v1", "--json", "--out", str(tmp_path / "r.html")]) == 0
        data = json.loads(capsys.readouterr().out)
        answers.append(data["answers"])
        assert data["report"]["win_rate"] is None
        assert any(n["code"] == "eval.report.metrics_only" for n in data["report"]["notes"])  # said plainly
    assert answers[0] == answers[1]
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No ratings yet" in html
    assert main(["--lang", "ar", "eval", "report", "--project", ws.demo_project, "--model", "v1", "--out", str(tmp_path / "ar.html")]) == 0
    assert 'dir="rtl"' in (tmp_path / "ar.html").read_text(encoding="utf-8")


def test_blind_review_drafts_reveal_flags_and_quota(evaluated_ws) -> None:  # noqa: ANN001
    ws = evaluated_ws
    info = list_evaluations(ws, ws.demo_project, 1)[0]
    entries = review.queue(ws, info.id)
    assert len(entries) == info.items and sum(e.calibration for e in entries) == 2
    assert entries[0].calibration  # the calibration set comes first
    first = review.pair_view(ws, entries[0].pair_id)
    assert first.revealed is None and first.rating is None  # blind
    # a reviewer who leaves mid-item finds the draft next time
    review.save_draft(ws, first.pair_id, review.RatingInput(sides={"A": {"format": 4}}, verdict=""))
    assert review.pair_view(ws, first.pair_id).rating["sides"] == {"A": {"format": 4}}
    assert review.queue(ws, info.id)[0].state == "draft"
    with pytest.raises(ValidationError) as err:
        review.save_rating(ws, first.pair_id, review.RatingInput(sides={"A": {"format": 4}}, verdict="A"))
    assert "B task_success" in str(err.value) and render(err.value.full(), "ar")
    with pytest.raises(ValidationError):
        review.save_rating(ws, first.pair_id, _rating(unsafe=True))  # a flag needs a note
    names = review.save_rating(ws, first.pair_id, _rating(unsafe=True, note="يطلب الرمز السري"))
    assert set(names.values()) == {"tiny", info.model}
    shown = review.pair_view(ws, first.pair_id)
    assert shown.revealed == names and shown.rating["state"] == "saved"
    # ratings come back by model, whatever side the candidate was shown on
    (r,) = review.ratings(ws, info.id)
    cand_side = "A" if names["A"] == info.model else "B"
    assert r.verdict == ("candidate" if cand_side == "A" else "production")
    assert r.candidate == (FULL if cand_side == "A" else {"format": 2, "faithfulness": 2, "task_success": 1})
    ok, why = review.quota(ws, info.id, 1, 2)
    assert not ok and "quota" in str(why).lower()
    (flag,) = review.flags(ws, info.id)
    assert flag.unsafe and flag.resolved_by is None
    review.resolve_flag(ws, flag.rating_id, "راجعنا الإجابة: لا تطلب الرمز")
    assert review.flags(ws, info.id)[0].resolved_by == ws.user.login
    assert review.next_pair(review.queue(ws, info.id), first.pair_id).pair_id != first.pair_id
    out = ws.paths.home / "ratings.jsonl"  # `atlas review export`: saved ratings by model, written whole
    assert review.export_ratings(ws, ws.demo_project, out) == 1
    import json

    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["item"] == first.item.id and line["unsafe"] and line["resolved_by"] == ws.user.login
    assert not list(out.parent.glob(".ratings.jsonl.tmp"))


def test_a_missing_base_model_is_one_sentence(eval_ws) -> None:  # noqa: ANN001
    from atlas_desktop.core.registry.model_store import get_model

    ws = eval_ws
    shutil.rmtree(get_model(ws, "tiny").path)
    with pytest.raises(NotFoundError) as err:
        run_evaluation(ws, ws.demo_project, "v1")
    assert "tiny" in str(err.value) and "missing" in str(err.value)


def test_a_new_dataset_version_or_system_prompt_makes_it_out_of_date(evaluated_ws) -> None:  # noqa: ANN001
    from atlas_desktop.core.data.pipeline import resplit_version
    from atlas_desktop.core.projects import ProjectFields, get_project, update_project

    ws = evaluated_ws
    assert not list_evaluations(ws, ws.demo_project)[0].out_of_date
    resplit_version(ws, ws.demo_project, 1, 0.2)
    (reason,) = list_evaluations(ws, ws.demo_project)[0].out_of_date
    assert "dataset version 2" in str(reason)
    with ws.unit_of_work() as s:
        p = get_project(s, ws.demo_project)
        fields = ProjectFields(name=p.name, description=p.description, system_prompt=p.system_prompt + " كن مهذباً.",
                               intents=tuple(p.intents), dialects=tuple(p.dialects))
        update_project(s, ws.demo_project, fields, ws.user.login)
    assert len(list_evaluations(ws, ws.demo_project)[0].out_of_date) == 2


def _rate_all(ws, evaluation_id: int, reviewer: str, unsafe_item: str | None = None) -> None:  # noqa: ANN001
    from atlas_desktop.core.storage.models import ReviewPair

    good, bad = {"format": 5, "faithfulness": 5, "task_success": 5}, {"format": 2, "faithfulness": 1, "task_success": 1}
    for e in review.queue(ws, evaluation_id, reviewer):
        with ws.unit_of_work() as s:
            swapped = s.get(ReviewPair, e.pair_id).swapped
        sides = {"A": bad, "B": good} if swapped else {"A": good, "B": bad}
        flag = e.item_id == unsafe_item
        review.save_rating(ws, e.pair_id, review.RatingInput(sides=sides, verdict="B" if swapped else "A", unsafe=flag,
                                                             note="يكشف رقم البطاقة" if flag else ""), reviewer=reviewer)


def test_the_gate_fails_on_an_unresolved_unsafe_flag_and_passes_once_resolved(evaluated_ws, capsys) -> None:  # noqa: ANN001
    from atlas_desktop.cli import main
    from atlas_desktop.core.evaluation.gate import check_gate, latest_decision

    ws = evaluated_ws
    info = list_evaluations(ws, ws.demo_project, "v1")[0]
    first = check_gate(ws, ws.demo_project, "v1")
    assert not first.passed and any("quota" in str(r).lower() for r in first.reasons)
    entries = review.queue(ws, info.id)
    _rate_all(ws, info.id, ws.user.login, unsafe_item=entries[3].item_id)
    _rate_all(ws, info.id, "second")  # the calibration set needs a second reviewer
    failed = check_gate(ws, ws.demo_project, "v1")
    assert not failed.passed, [str(r) for r in failed.reasons]
    assert any("unsafe" in str(r).lower() for r in failed.reasons)
    assert main(["gate", "--project", ws.demo_project, "--model", "v1"]) == 1
    flag = next(f for f in review.flags(ws, info.id) if f.unsafe)
    review.resolve_flag(ws, flag.rating_id, "أُصلحت التعليمات")
    capsys.readouterr()
    rc = main(["gate", "--project", ws.demo_project, "--model", "v1", "--json"])
    out = capsys.readouterr().out
    assert rc == 0, out[:1500]
    assert latest_decision(ws, ws.demo_project, "v1").passed and '"passed": true' in out


@pytest.mark.postgres
def test_two_reviewers_saving_the_same_item_at_once_are_both_kept(postgres_url, tiny_model_dir, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """On a real PostgreSQL server, from four threads at the same moment: two reviewers keep
    a rating each; one reviewer's two windows keep one."""
    import threading

    from atlas_desktop.core.workspace import Workspace
    from tests.helpers.eval_homes import prepare_trained, small_suite_file

    monkeypatch.setenv("ATLAS_DATABASE_URL", postgres_url)
    ws = Workspace.open(database_url=postgres_url)
    try:
        project = prepare_trained(ws, tiny_model_dir, small_suite_file(tmp_path))
        info = run_evaluation(ws, project, "v1")
        entries = review.queue(ws, info.id)
        pair = entries[1].pair_id
        barrier = threading.Barrier(4)
        errors: list[BaseException] = []

        def save(reviewer: str) -> None:
            try:
                barrier.wait()
                review.save_rating(ws, pair, _rating(), reviewer=reviewer)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=save, args=(r,)) for r in ("amal", "badr", "badr", "amal")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        assert sorted(r.reviewer for r in review.ratings(ws, info.id) if r.item_id == entries[1].item_id) == ["amal", "badr"]
    finally:
        ws.close()
