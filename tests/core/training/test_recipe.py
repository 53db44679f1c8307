"""The seed's recipe loads exactly as written, and its learning rate is caught."""

from __future__ import annotations

import pytest

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import render
from atlas_desktop.core.training.recipe import PRESETS, parse_recipe, preset
from tests.core.test_messages import english_words
from tests.core.training.conftest import SEED_RECIPE


def test_seed_recipe_loads_and_learning_rate_blocks() -> None:
    r = parse_recipe(SEED_RECIPE, registered_models=["smollm2-135m-instruct"])
    assert r.model == "mx4-atlas-core"
    assert r.train["epochs"] == 3 and r.train["learning_rate"] == 1.0 and r.train["batch_size"] == "auto"
    assert r.validation == {"holdout_ratio": 0.15, "metrics": ["format", "faithfulness", "task_success"]}
    keys = {p.key: p for p in r.errors}
    assert "train.learning_rate" in keys and "1e-4 to 2e-4" in str(keys["train.learning_rate"])
    assert "diverges" in str(keys["train.learning_rate"])
    assert "model" in keys and "smollm2-135m-instruct" in str(keys["model"])  # lists the registered ones
    with pytest.raises(ValidationError, match="learning_rate"):
        r.raise_if_blocked()


def test_override_turns_the_learning_rate_into_a_warning() -> None:
    text = SEED_RECIPE.replace("batch_size: auto", "batch_size: auto\n  override_learning_rate_check: true")
    r = parse_recipe(text, registered_models=["mx4-atlas-core"])
    assert not r.errors
    assert [p.key for p in r.warnings] == ["train.learning_rate"]


def test_defaults_are_filled_in_and_documented_keys_accepted() -> None:
    r = parse_recipe("model: m\ntrain:\n  learning_rate: 2e-4\n  max_steps: 10\nlora:\n  rank: 8\n  target_modules: all-linear\n",
                     registered_models=["m"])
    assert not r.problems
    assert r.train["learning_rate"] == pytest.approx(2e-4)  # YAML reads 2e-4 as a string; we accept it
    assert r.train["max_seq_length"] == 512 and r.train["seed"] == 42 and r.lora["alpha"] == 32
    assert r.lora["target_modules"] == "all-linear"
    again = parse_recipe(r.to_yaml(), registered_models=["m"])
    assert again.to_dict() == r.to_dict()


@pytest.mark.parametrize(("text", "key", "words"), [
    ("model: m\ntrain:\n  epoch: 3\n", "train.epoch", "Unknown key"),
    ("model: m\ntrain:\n  epochs: three\n", "train.epochs", "whole number"),
    ("model: m\ntrain:\n  epochs: 0\n", "train.epochs", "between 1"),
    ("model: m\ntrain:\n  batch_size: big\n", "train.batch_size", "'auto' or a whole number"),
    ("model: m\ntrain:\n  scheduler: wavy\n", "train.scheduler", "cosine"),
    ("model: m\ntrain:\n  packing: 1\n", "train.packing", "true or false"),
    ("model: m\nlora:\n  dropout: 2\n", "lora.dropout", "between 0"),
    ("model: m\nlora:\n  target_modules: []\n", "lora.target_modules", "list of module names"),
    ("model: m\nvalidation:\n  holdout_ratio: 0.9\n", "validation.holdout_ratio", "between 0 and 0.5"),
    ("model: m\nvalidation:\n  metrics: [vibes]\n", "validation.metrics", "unknown metric"),
    ("model: m\nepochs: 3\n", "epochs", "Unknown key"),
])
def test_bad_values_name_their_key(text: str, key: str, words: str) -> None:
    r = parse_recipe(text, registered_models=["m"])
    assert [p.key for p in r.errors] == [key]
    assert words in str(r.errors[0]) and key in str(r.errors[0])
    arabic = render(r.errors[0].message, "ar")  # the same problem in Arabic: the key and the values as written, no English
    assert key in arabic and not english_words(arabic), arabic


def test_the_learning_rate_problem_in_arabic() -> None:
    lr = {p.key: p for p in parse_recipe(SEED_RECIPE, registered_models=["mx4-atlas-core"]).errors}["train.learning_rate"]
    assert lr.message.code == "recipe.lr_diverges" and render(lr.message, "ar").startswith("قيمة 'train.learning_rate' هي ١، وهي على الأرجح خاطئة")


def test_unreadable_yaml_is_one_sentence() -> None:
    with pytest.raises(ValidationError, match=r"r.yaml is not valid YAML at line \d"):
        parse_recipe("model: m\ntrain: [\n", source_name="The recipe r.yaml")


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_are_valid(name: str) -> None:
    r = preset(name, "m")
    assert not r.problems
    assert r.train["learning_rate"] <= 2e-4
