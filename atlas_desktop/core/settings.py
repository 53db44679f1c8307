"""Typed user settings with a schema version and migrations.

Window geometry alone lives in QSettings (ui); everything else is here so the
CLI and the ui agree.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Callable

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.private import private_dirs, private_opener

SCHEMA_VERSION = 2
LANGUAGES = ("en", "ar")
DIGIT_STYLES = ("auto", "latin", "arabic")


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    language: str = "en"
    font_size: int = 11
    digits: str = "auto"  # auto: Eastern Arabic digits when the ui speaks Arabic
    database_url: str = ""  # empty: the SQLite file in the data folder
    current_project: str = ""

    def validate(self) -> "Settings":
        if self.language not in LANGUAGES:
            raise ValidationError(Msg("settings.language", choices=", ".join(LANGUAGES), value=self.language))
        if not 7 <= int(self.font_size) <= 32:
            raise ValidationError(Msg("settings.font_size", value=self.font_size))
        if self.digits not in DIGIT_STYLES:
            raise ValidationError(Msg("settings.digits", choices=", ".join(DIGIT_STYLES), value=self.digits))
        return self

    def uses_arabic_digits(self) -> bool:
        return self.digits == "arabic" or (self.digits == "auto" and self.language == "ar")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # v1 called the ui language "locale" and had no digit style.
    data = dict(data)
    data["language"] = data.pop("locale", "en")[:2]
    data.setdefault("digits", "auto")
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = int(data.get("schema_version", 1))
    if version > SCHEMA_VERSION:
        raise ValidationError(
            Msg("settings.newer_schema", version=version, known=SCHEMA_VERSION),
            hint=Msg("settings.newer_schema.hint"),
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    from atlas_desktop.core.data.readers import json_problem

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        detail = None if isinstance(data, dict) else Msg("data.record.not_object")
    except UnicodeDecodeError:
        detail = Msg("data.record.not_utf8")
    except ValueError as exc:
        detail = json_problem(exc)  # what json found, at which column, in the user's language
    if detail is not None:
        raise ValidationError(Msg("settings.bad_json", path=str(path), detail=detail), hint=Msg("settings.bad_json.hint"))
    data = migrate(data)
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known}).validate()


def save_settings(path: Path, settings: Settings) -> None:
    settings.validate()
    private_dirs(path.parent)
    tmp = path.with_suffix(".json.tmp")
    with open(tmp, "w", encoding="utf-8", opener=private_opener) as fh:  # 0600: it can hold a database URL with a password
        fh.write(json.dumps(asdict(settings), indent=2, ensure_ascii=False))
    os.replace(tmp, path)
