"""The core speaks through codes: every code has English and Arabic, and no user-facing error is raw English."""

from __future__ import annotations

import ast
import re
import string
from collections import Counter
from pathlib import Path

import pytest

from atlas_desktop.core.catalogue import CATALOGUE
from atlas_desktop.core.errors import AtlasError, StorageError, ValidationError
from atlas_desktop.core.messages import Msg, from_json, render, to_json

CORE = Path(__file__).resolve().parents[2] / "atlas_desktop" / "core"
ERROR_CLASSES = {"AtlasError", "ValidationError", "StorageError", "NotFoundError", "TrainingError", "ChildFailed"}

# Raise sites still to convert to a Msg: file -> how many. None are left: a raise of English text fails the test.
STILL_TO_CONVERT: dict[str, int] = {}

# Technical words an Arabic template may keep in Latin letters (formats, products, options, commands).
LATIN_OK = re.compile(r"`[^`]*`|'[^'\n]*'|[\w*]+\.(json|model|bin|safetensors|gguf|xlsx)\b|Hugging Face|\bv\b|--?[a-z][\w-]*|[a-z]+=[\w,=]*|\b(JSONL|JSON|CSV|XLSX|xlsx|UTF-8|Excel|SQLite|PostgreSQL|YAML|GGUF|gguf|LoRA|"
                      r"ATLAS_HOME|ATLAS_DATABASE_URL|atlas db restore|messages|conversations|instruction/output|system|user|assistant|"
                      r"postgresql://user:password@host/dbname|hex|NaN|bf16|fp16|fp32|config\.json|safetensors|e)\b")


def english_words(arabic: str) -> list[str]:
    """Latin words (three letters or more) left in an Arabic rendering once the technical words
    LATIN_OK allows and the parameters isolated in their own direction (file names, keys, values
    and words quoted as written) are taken out: an English sentence from the core shows here."""
    return re.findall(r"[A-Za-z]{3,}", LATIN_OK.sub("", re.sub("\u2068[^\u2069]*\u2069", "", arabic)))


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_english_and_arabic_with_the_same_placeholders(code: str) -> None:
    entry = CATALOGUE[code]
    assert set(entry) == {"en", "ar"}, code
    assert entry["en"].strip() and entry["ar"].strip(), code
    assert _fields(entry["en"]) == _fields(entry["ar"]), code
    assert re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)+", code), code


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_arabic_rendering_has_no_latin_letters_outside_parameters(code: str) -> None:
    params = {f.split(".")[0].split("[")[0]: "" for f in _fields(CATALOGUE[code]["ar"])}
    text = render(Msg(code, **params), "ar")
    leftover = LATIN_OK.sub("", text)
    assert not re.search(r"[A-Za-z]", leftover), f"{code}: {text}"


def test_render_english_arabic_digits_json_and_plain_text() -> None:
    m = Msg("project.name_too_long", length=1234, maximum=80)
    assert str(m) == "The project name is 1234 characters long; keep it to 80."
    assert "١٢٣٤" in render(m, "ar") and "80" in render(m, "ar", arabic_digits=False)
    assert render(to_json(m), "ar") == render(m, "ar") and from_json(to_json(m)) == m
    assert render("plain words", "ar") == "plain words"


def test_errors_keep_english_str_and_carry_the_msg() -> None:
    exc = StorageError(Msg("db.not_a_backup", path="/x.db"), hint=Msg("db.not_a_backup.hint"))
    assert str(exc) == "/x.db is not a SQLite backup made by Atlas. Pick a file from the backups folder."
    assert exc.msg.code == "db.not_a_backup" and exc.hint.code == "db.not_a_backup.hint"
    assert "/x.db" in exc.render("ar") and not re.search(r"[A-Za-z]{4,}", exc.render("ar").replace("/x.db", "").replace("SQLite", ""))
    with pytest.raises(KeyError):
        Msg("no.such.code")
    assert isinstance(ValidationError(Msg("data.settings.keep_per_cluster")), AtlasError)


def _uncoded_raises() -> Counter[str]:
    """Calls of an AtlasError class whose message is a string literal, an f-string or a sum of them."""
    found: Counter[str] = Counter()
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERROR_CLASSES):
                continue
            first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "message"), None)
            hint = next((k.value for k in node.keywords if k.arg == "hint"), None)
            if any(isinstance(a, (ast.Constant, ast.JoinedStr, ast.BinOp)) and not (isinstance(a, ast.Constant) and a.value is None)
                   for a in (first, hint) if a is not None):
                found[path.relative_to(CORE.parent.parent).as_posix()] += 1
    return found


def test_core_raises_no_user_facing_error_without_a_code() -> None:
    found = _uncoded_raises()
    assert dict(found) == STILL_TO_CONVERT, (
        "Raise an AtlasError with a Msg (atlas_desktop/core/messages.py), not English text; "
        f"uncoded raise sites per file: {dict(found)}")


def test_arabic_templates_write_their_own_numbers_in_eastern_digits() -> None:
    """Numbers written in a template (not parameters, commands or codes) read as the rest of the sentence."""
    import re

    from atlas_desktop.core.catalogue import CATALOGUE

    latin = [code for code, t in CATALOGUE.items() if re.search(r"[0-9]", re.sub(r"`[^`]*`|\{[^}]*\}|[A-Za-z_][\w.\-/]*", "", t["ar"]))]
    assert latin == []
