"""The tuning recipe: the seed's YAML, loaded exactly as written, plus documented defaults.

The playbook's recipe::

    model: mx4-atlas-core
    train:
      epochs: 3
      learning_rate: 1.0
      batch_size: auto
    validation:
      holdout_ratio: 0.15
      metrics: ["format", "faithfulness", "task_success"]

Every further key has a default: :data:`FIELDS` describes each key once (type, limits, default,
label and help), for the check here and for the Train page's form.
:func:`check_recipe` speaks plain language: each problem names its key. A
learning rate far outside what LoRA tolerates is a *blocking* problem unless
``train.override_learning_rate_check: true`` says the user means it.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg

KNOWN_METRICS = ("format", "faithfulness", "task_success", "tone", "dialect_match", "safety", "bleu", "chrf")
# LoRA is usually trained at 1e-4 to 2e-4; far outside [LR_LOW, LR_HIGH] it either learns nothing or diverges.
LR_TYPICAL = ("1e-4", "2e-4")
LR_LOW, LR_HIGH = 1e-6, 1e-2
AUTO_BATCH_START = 8  # rows per micro-batch that `batch_size: auto` starts probing from (effective batch = 8 x accumulation)

_INT, _FLOAT, _BOOL, _CHOICE, _NAMES = "int", "float", "bool", "choice", "names"


@dataclass(frozen=True)
class Field:
    """One key of a recipe: its type, limits and default, and (as message codes) its label and help.
    The one description of a recipe: the check reads its types and limits, the Train page builds its
    form from it, and the defaults below come from it."""

    section: str  # train, lora, validation
    key: str
    kind: str  # int, float, bool, choice (one of ``choices``), names (a list of names, or a word such as all-linear)
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    step: float = 1  # the form's step
    decimals: int = 2  # a float's decimals in the form
    special: str = ""  # a word the key also takes instead of a number ("auto")
    form: bool = True  # shown in the form (False: in the YAML view only)

    @property
    def path(self) -> str:
        return f"{self.section}.{self.key}"

    @property
    def label(self) -> Msg:
        return Msg(f"recipe.field.{self.section}.{self.key}")

    @property
    def help(self) -> Msg:
        return Msg(f"recipe.help.{self.section}.{self.key}")


FIELDS: tuple[Field, ...] = (
    Field("train", "epochs", _INT, 3, 1, 1000),  # passes over the train split
    Field("train", "learning_rate", _FLOAT, 2e-4, 0.0, None),  # the adapter's peak learning rate
    Field("train", "override_learning_rate_check", _BOOL, False),
    Field("train", "batch_size", _INT, "auto", 1, 4096, special="auto"),  # rows per micro-batch, or the largest that fits
    Field("train", "max_seq_length", _INT, 512, 16, 131072, step=64),  # tokens per row; longer conversations are cut at a turn or left out
    Field("train", "max_steps", _INT, None, 1, 10_000_000),  # a cap on optimizer steps (quick runs); None = no cap
    Field("train", "gradient_accumulation", _INT, 1, 1, 4096),  # micro-batches per step (auto raises it when the batch is halved)
    Field("train", "warmup_ratio", _FLOAT, 0.05, 0.0, 0.5, step=0.01),
    Field("train", "scheduler", _CHOICE, "cosine", choices=("cosine", "linear", "constant")),
    Field("train", "weight_decay", _FLOAT, 0.0, 0.0, 1.0, step=0.01),
    Field("train", "max_grad_norm", _FLOAT, 1.0, 0.0, 1000.0, step=0.1),  # gradient clipping
    Field("train", "eval_every_steps", _INT, 50, 1, 10_000_000, step=10),  # holdout loss every N steps (and at the end)
    Field("train", "save_every_steps", _INT, 50, 1, 10_000_000, step=10),  # a checkpoint every N steps (and on Cancel or Pause)
    Field("train", "early_stopping_patience", _INT, 0, 0, 1000),  # evaluations without a better holdout loss; 0 = never stop early
    Field("train", "seed", _INT, 42, 0, 2**32 - 1),  # same seed, same data order, same result
    Field("train", "precision", _CHOICE, "auto", choices=("auto", "bf16", "fp16", "fp32")),  # auto: bf16 where the GPU has it, else fp16; fp32 on CPU
    Field("train", "packing", _BOOL, True),  # conversations packed into rows (position ids keep them apart)
    Field("lora", "rank", _INT, 16, 1, 1024),
    Field("lora", "alpha", _FLOAT, 32, 0.0, 4096.0, decimals=1),
    Field("lora", "dropout", _FLOAT, 0.05, 0.0, 0.9, step=0.05),
    Field("lora", "target_modules", _NAMES, ["q_proj", "k_proj", "v_proj", "o_proj"], special="all-linear"),
    Field("validation", "holdout_ratio", _FLOAT, 0.15, 0.01, 0.49, step=0.05),
    Field("validation", "metrics", _NAMES, ["format", "faithfulness", "task_success"], choices=KNOWN_METRICS, form=False),
)
FIELD = {f.path: f for f in FIELDS}


def _defaults(section: str) -> dict[str, Any]:
    return {f.key: copy.deepcopy(f.default) for f in FIELDS if f.section == section}


def _types(section: str) -> dict[str, tuple[str, float | None, float | None]]:
    """(type, minimum, maximum) of the keys the generic check handles (numbers and switches)."""
    return {f.key: (f.kind, f.low, f.high) for f in FIELDS if f.section == section and f.kind in (_INT, _FLOAT, _BOOL) and not f.special}


TRAIN_DEFAULTS, LORA_DEFAULTS, VALIDATION_DEFAULTS = _defaults("train"), _defaults("lora"), _defaults("validation")
TRAIN_TYPES, LORA_TYPES = _types("train"), _types("lora")
SCHEDULERS, PRECISIONS = FIELD["train.scheduler"].choices, FIELD["train.precision"].choices
TOP_KEYS = {"model", "train", "lora", "validation", "name", "description"}

PRESETS: dict[str, dict[str, Any]] = {
    # A few minutes on a laptop CPU with the demo model: enough to watch the loss fall.
    "quick": {"train": {"epochs": 1, "learning_rate": 2e-4, "batch_size": 1, "max_seq_length": 512, "max_steps": 20,
                        "warmup_ratio": 0.1, "eval_every_steps": 10, "save_every_steps": 10}, "lora": {"rank": 8, "alpha": 16}},
    "standard": {"train": {"epochs": 3, "learning_rate": 2e-4, "batch_size": "auto", "max_seq_length": 1024,
                           "eval_every_steps": 50, "save_every_steps": 100}, "lora": {"rank": 16, "alpha": 32}},
    "thorough": {"train": {"epochs": 5, "learning_rate": 1e-4, "batch_size": "auto", "max_seq_length": 2048,
                           "eval_every_steps": 50, "save_every_steps": 100, "early_stopping_patience": 3},
                 "lora": {"rank": 32, "alpha": 64, "target_modules": "all-linear"}},
}


@dataclass(frozen=True)
class Problem:
    key: str
    message: Msg | str  # a message code (rendered in the ui's or the CLI's language); str() is the English
    blocking: bool = True  # False: a warning the run may go ahead with

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class Recipe:
    """A recipe with every default filled in. ``source`` is the YAML as the user wrote it."""

    model: str
    train: dict[str, Any]
    lora: dict[str, Any]
    validation: dict[str, Any]
    name: str = ""
    source: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.model, "train": dict(self.train), "lora": dict(self.lora), "validation": dict(self.validation)}
        if self.name:
            out["name"] = self.name
        return out

    def to_yaml(self) -> str:
        return dump_yaml(self.to_dict())

    def raise_if_blocked(self, where: Msg | str | None = None) -> None:
        if self.errors:
            raise ValidationError(Msg("recipe.blocked", where=where or Msg("recipe.the"), problems=[p.message for p in self.errors]))


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _number(value: Any, kind: str) -> Any:
    """YAML reads ``2e-4`` (no dot) as a string; accept it as the number it plainly is."""
    if isinstance(value, bool):
        raise TypeError
    if kind == _INT:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().lstrip("+").isdigit():
            return int(value)
        raise TypeError
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return float(value.strip())  # ValueError -> caller
    raise TypeError


def _shown(value: Any) -> Any:
    """A value as a message parameter: a number plainly (Eastern digits in Arabic) unless it needs an
    exponent (1e-07), which stays as written, like anything else (quoted: 'three')."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value if "e" not in repr(value) else f"{value:g}"


def _check_section(section: str, given: Any, defaults: dict[str, Any], types: dict[str, tuple[str, float | None, float | None]],
                   problems: list[Problem]) -> dict[str, Any]:
    out = copy.deepcopy(defaults)
    if given is None:
        return out
    if not isinstance(given, dict):
        problems.append(Problem(section, Msg("recipe.section_not_mapping", section=section, kind=type(given).__name__)))
        return out
    for key, value in given.items():
        path = f"{section}.{key}"
        if key not in defaults:
            problems.append(Problem(path, Msg("recipe.unknown_key", path=path, section=section, known=", ".join(sorted(defaults)))))
            continue
        if key in types:
            kind, lo, hi = types[key]
            if value is None and defaults[key] is None:
                out[key] = None
                continue
            if kind == _BOOL:
                if not isinstance(value, bool):
                    problems.append(Problem(path, Msg("recipe.not_bool", path=path, value=_shown(value))))
                    continue
                out[key] = value
                continue
            try:
                num = _number(value, kind)
            except (TypeError, ValueError):
                code = "recipe.not_whole_number" if kind == _INT else "recipe.not_number"
                problems.append(Problem(path, Msg(code, path=path, value=_shown(value))))
                continue
            if isinstance(num, float) and not math.isfinite(num):
                problems.append(Problem(path, Msg("recipe.not_finite", path=path, value=_shown(value))))
                continue
            if (lo is not None and num < lo) or (hi is not None and num > hi):
                limits = {"low": _shown(float(lo))} if hi is None else {"low": _shown(float(lo)), "high": _shown(float(hi))}
                code = "recipe.below_minimum" if hi is None else "recipe.out_of_range"
                problems.append(Problem(path, Msg(code, path=path, value=_shown(num), **limits)))
                continue
            out[key] = num
        else:
            out[key] = value
    return out


def _check_train_special(train: dict[str, Any], given: dict[str, Any], problems: list[Problem]) -> None:
    bs = given.get("batch_size", TRAIN_DEFAULTS["batch_size"]) if isinstance(given, dict) else "auto"
    if bs != "auto":
        try:
            bs = _number(bs, _INT)
            if not 1 <= bs <= 4096:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(Problem("train.batch_size", Msg("recipe.bad_batch_size", value=_shown(bs))))
            bs = "auto"
    train["batch_size"] = bs
    for key, choices in (("scheduler", SCHEDULERS), ("precision", PRECISIONS)):
        if train[key] not in choices:
            problems.append(Problem(f"train.{key}", Msg("recipe.bad_choice", path=f"train.{key}", value=_shown(train[key]), choices=", ".join(choices))))
    lr = train["learning_rate"]
    if isinstance(lr, float) and not any(p.key == "train.learning_rate" for p in problems):
        if lr <= 0:
            problems.append(Problem("train.learning_rate", Msg("recipe.lr_not_positive")))
        elif not LR_LOW <= lr <= LR_HIGH:
            msg = Msg("recipe.lr_diverges" if lr > LR_HIGH else "recipe.lr_too_low", lr=_shown(lr), low=LR_TYPICAL[0], high=LR_TYPICAL[1])
            problems.append(Problem("train.learning_rate", msg, blocking=not train["override_learning_rate_check"]))


def _check_lora(lora: dict[str, Any], problems: list[Problem]) -> None:
    tm = lora["target_modules"]
    if tm == "all-linear":
        return
    if isinstance(tm, str):
        tm = [t.strip() for t in tm.split(",") if t.strip()]
    if not isinstance(tm, list) or not tm or not all(isinstance(t, str) and t for t in tm):
        problems.append(Problem("lora.target_modules", Msg("recipe.bad_target_modules")))
        return
    lora["target_modules"] = tm


def _check_validation(validation: dict[str, Any], problems: list[Problem]) -> None:
    ratio = validation["holdout_ratio"]
    try:
        ratio = _number(ratio, _FLOAT)
        if not 0.0 < ratio < 0.5:
            raise ValueError
        validation["holdout_ratio"] = ratio
    except (TypeError, ValueError):
        problems.append(Problem("validation.holdout_ratio", Msg("recipe.bad_holdout_ratio", value=_shown(ratio))))
    metrics = validation["metrics"]
    if not isinstance(metrics, list) or not all(isinstance(m, str) for m in metrics):
        problems.append(Problem("validation.metrics", Msg("recipe.metrics_not_list", known=", ".join(KNOWN_METRICS))))
        return
    unknown = [m for m in metrics if m not in KNOWN_METRICS]
    if unknown:
        problems.append(Problem("validation.metrics", Msg("recipe.unknown_metrics", unknown=", ".join(unknown), known=", ".join(KNOWN_METRICS))))


def parse_recipe(text: str, *, source_name: Msg | str | None = None, registered_models: list[str] | None = None) -> Recipe:
    """Read recipe YAML. Structural problems that make it unreadable raise; the rest become ``problems``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Msg("recipe.bad_yaml.at_line", line=mark.line + 1) if mark is not None else ""
        raise ValidationError(Msg("recipe.bad_yaml", source=source_name or Msg("recipe.the"), where=where,
                                  detail=str(getattr(exc, "problem", None) or exc))) from None
    if not isinstance(data, dict):
        raise ValidationError(Msg("recipe.not_a_mapping", source=source_name or Msg("recipe.the")))
    problems: list[Problem] = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(Problem(str(key), Msg("recipe.unknown_top_key", key=str(key), known=", ".join(sorted(TOP_KEYS)))))
    model = data.get("model")
    if not isinstance(model, str) or not model.strip():
        problems.append(Problem("model", Msg("recipe.no_model")))
        model = ""
    elif registered_models is not None and model not in registered_models:
        listed = ", ".join(registered_models) or Msg("recipe.no_models_yet")
        problems.append(Problem("model", Msg("recipe.model_not_registered", model=model, listed=listed)))
    given_train = data.get("train") or {}
    train = _check_section("train", given_train, TRAIN_DEFAULTS, TRAIN_TYPES, problems)
    _check_train_special(train, given_train, problems)
    lora = _check_section("lora", data.get("lora"), LORA_DEFAULTS, LORA_TYPES, problems)
    _check_lora(lora, problems)
    validation = _check_section("validation", data.get("validation"), VALIDATION_DEFAULTS, {}, problems)
    _check_validation(validation, problems)
    name = data.get("name") or ""
    return Recipe(model=model, train=train, lora=lora, validation=validation, name=str(name), source=text, problems=problems)


def load_recipe(path: Path, *, registered_models: list[str] | None = None) -> Recipe:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(Msg("recipe.file_missing", path=str(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(Msg("recipe.file_unreadable", path=str(path), detail=str(exc))) from None
    return parse_recipe(text, source_name=Msg("recipe.named", name=path.name), registered_models=registered_models)


def preset(name: str, model: str) -> Recipe:
    if name not in PRESETS:
        raise ValidationError(Msg("recipe.no_preset", name=name, choices=", ".join(PRESETS)))
    data = {"model": model, **copy.deepcopy(PRESETS[name])}
    return parse_recipe(dump_yaml(data))


def recipe_for_run(recipe: Recipe) -> dict[str, Any]:
    """The plain dict the training child receives."""
    return recipe.to_dict()
