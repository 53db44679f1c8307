"""The release commands as a release manager types them: the playbook's YAML verbatim, aliases
and their history, what served at a time, errors as one line naming the file and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers.release import SEED_RELEASE, pass_gate


def _atlas(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atlas_desktop.cli", *args], capture_output=True, text=True, timeout=180)


def test_plan_alias_start_status_history_rollback(evaluated_ws, tmp_path: Path) -> None:  # noqa: ANN001
    ws = evaluated_ws
    project = ws.settings.current_project
    plan = tmp_path / "release.yaml"
    plan.write_text(SEED_RELEASE, encoding="utf-8")

    unknown = _atlas("release", "plan", "--project", project, "--file", str(plan))
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert unknown.stderr.startswith('atlas: release.yaml, line 2: "mx4-atlas-core-v2" is neither a model version nor an alias')
    assert "atlas models alias" in unknown.stderr

    moved = _atlas("models", "alias", "--project", project, "mx4-atlas-core-v2", "v1", "--reason", "the team's name")
    assert moved.returncode == 0 and moved.stdout.strip() == "mx4-atlas-core-v2: — -> v1", moved.stderr
    no_gate = _atlas("release", "plan", "--project", project, "--file", str(plan))
    assert no_gate.returncode == 2 and no_gate.stderr.startswith("atlas: release.yaml, line 2: Model ") and "no evaluation gate decision" in no_gate.stderr
    pass_gate(ws, project, passed=False)
    failed = _atlas("release", "plan", "--project", project, "--file", str(plan))
    assert failed.returncode == 2 and "did not pass its evaluation gate, so it cannot be released" in failed.stderr
    pass_gate(ws, project)
    shown = _atlas("release", "plan", "--project", project, "--file", str(plan), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["model"] == "mx4-atlas-core-v2" and data["version"].startswith("v1 ") and [s["traffic"] for s in data["stages"]] == [10, 50, 100]

    started = _atlas("release", "start", "--project", project, "--file", str(plan), "--json")
    assert started.returncode == 0, started.stderr
    st = json.loads(started.stdout)
    assert (st["state"], st["stage"], st["traffic"], st["routing"]) == ("running", 1, 10, {"base": 90.0, "v1": 10.0})

    status = _atlas("release", "status", "--project", project)
    assert status.stdout.startswith("Release 1: v1 (") and "stage 1 of 3 (10%)" in status.stdout
    at = _atlas("models", "history", "--project", project, "--at", "2020-01-01T00:00")
    assert at.returncode == 0 and "production base" in at.stdout and "routing revision 0" in at.stdout
    history = _atlas("models", "history", "--project", project, "--json")
    assert [(m["alias"], m["to"]) for m in json.loads(history.stdout)] == [("mx4-atlas-core-v2", "v1"), ("candidate", "v1")]

    same = _atlas("release", "sign", "--project", project, "--note", "ok")
    assert same.returncode == 2 and "Stage 1 has no final review" in same.stderr
    back = _atlas("release", "rollback", "--project", project, "--reason", "on demand")
    assert back.returncode == 0 and "rolled_back" in back.stdout
    none = _atlas("release", "rollback", "--project", project, "--reason", "again")
    assert none.returncode == 2 and none.stderr.startswith("atlas: There is no previous production version to roll back to")

    bad = tmp_path / "bad.yaml"
    bad.write_text(SEED_RELEASE.replace("- traffic: 50%", "- traffic: 5%"), encoding="utf-8")
    wrong = _atlas("release", "plan", "--project", project, "--file", str(bad))
    assert wrong.returncode == 2 and wrong.stderr.startswith("atlas: bad.yaml, line 6: traffic 5% does not rise above the stage before (10%)")
