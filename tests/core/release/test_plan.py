"""The release plan: the playbook's YAML exactly as printed (and indented), documented defaults,
and one sentence naming the line for each mistake."""

from __future__ import annotations

import pytest

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.release.plan import STAGE_DEFAULTS, parse_plan
from tests.helpers.release import SEED_RELEASE, SEED_RELEASE_INDENTED


@pytest.mark.parametrize("text", [SEED_RELEASE, SEED_RELEASE_INDENTED], ids=["as-printed", "indented"])
def test_the_playbooks_plan_reads_as_written(text: str) -> None:
    plan = parse_plan(text)
    assert plan.model == "mx4-atlas-core-v2"
    assert [(s.traffic, s.checks) for s in plan.stages] == [
        (10, ("quality", "latency")), (50, ("quality", "support_tickets")), (100, ("final_review",))]
    assert all(s.watch == STAGE_DEFAULTS["watch"] and s.min_requests == 200 and s.max_failures == 2 and s.promote == "auto"
               for s in plan.stages)
    assert plan.sha256 and plan.to_dict() == type(plan).from_dict(plan.to_dict()).to_dict()


def test_optional_settings_per_plan_and_per_stage() -> None:
    plan = parse_plan("""release:
  model: v2
  watch: 10m
  min_requests: 50
  interval: 5s
  stages:
    - traffic: 25%
      checks: [latency]
      latency_margin: 0.1
      promote: manual
    - traffic: 100%
      checks: []
      watch: 2h
""")
    a, b = plan.stages
    assert (a.watch, a.min_requests, a.latency_margin, a.promote) == (600, 50, 0.1, "manual")
    assert (b.watch, b.min_requests, b.checks) == (7200, 50, ())
    assert plan.interval == 5


@pytest.mark.parametrize(("text", "line", "words"), [
    ("release:\n  model: v2\n  stages:\n    - traffic: 10%\n      checks: [quality, speed]\n    - traffic: 100%\n", 5, '"speed" is not a check'),
    ("release:\n  model: v2\n  stages:\n    - traffic: 50%\n    - traffic: 10%\n    - traffic: 100%\n", 5, "does not rise above the stage before (50%)"),
    ("release:\n  model: v2\n  stages:\n    - traffic: 10%\n    - traffic: 60%\n", 5, "a plan ends at traffic: 100%"),
    ("release:\n  model: v2\n  stages:\n    - traffic: ten percent\n    - traffic: 100%\n", 4, 'traffic "ten percent" is not a percentage'),
    ("release:\n  model: v2\n  stages:\n    - traffic: 150%\n", 4, 'traffic "150%" is not a percentage'),
    ("release:\n  model: v2\n  stagse:\n    - traffic: 100%\n", 3, '"stagse" is not a release setting'),
    ("release:\n  model: v2\n  stages:\n    - traffic: 100%\n      wach: 5m\n", 5, '"wach" is not a stage setting'),
    ("release:\n  model: v2\n  stages:\n    - traffic: 100%\n      watch: soon\n", 5, '"watch: soon" is not a valid value'),
    ("release:\n  stages:\n    - traffic: 100%\n", 1, "name the model version"),
    ("model: v2\n", 1, 'starts with "release:"'),
    ("release:\n  model: v2\n  stages: [\n", 4, "not valid YAML"),
    ("release:\n  model: v2\n  stages:\n    - traffic: 10%\n      traffic: 20%\n    - traffic: 100%\n", 5, '"traffic" is given twice (first on line 4)'),
    ("release:\n  model: v2\n  stages:\n    - traffic: 100%\n      checks: [latency]\n", 5, "latency compare the candidate with production"),
    ("release:\n  model: v2\n  stages:\n    - traffic: 100%\n  min_requests: 0\n", 5, '"min_requests: 0" is not a valid value'),
])
def test_each_mistake_is_one_sentence_naming_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_plan(text, "plan.yaml")
    said = str(err.value)
    assert said.startswith(f"plan.yaml, line {line}: ") and words in said and "\n" not in said


def test_the_printed_plan_with_a_comment_before_it_still_reads() -> None:
    plan = parse_plan("# from the playbook, section 5\n\n" + SEED_RELEASE)
    assert [s.traffic for s in plan.stages] == [10, 50, 100] and plan.model_line == 4
