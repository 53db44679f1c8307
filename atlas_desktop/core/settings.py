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
            raise ValidationError(f"Setting 'language' must be one of {', '.join(LANGUAGES)}, not {self.language!r}.")
        if not 7 <= int(self.font_size) <= 32:
            raise ValidationError(f"Setting 'font_size' must be between 7 and 32, not {self.font_size}.")
        if self.digits not in DIGIT_STYLES:
            raise ValidationError(f"Setting 'digits' must be one of {', '.join(DIGIT_STYLES)}, not {self.digits!r}.")
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
            f"The settings file was written by a newer Atlas (schema {version}); this one reads up to {SCHEMA_VERSION}.",
            hint="Update Atlas, or move the settings file aside to start with defaults.",
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(
            f"The settings file {path} is not valid JSON ({exc}).",
            hint="Fix it or delete it to start with defaults.",
        ) from None
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
