import json

import pytest

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.settings import SCHEMA_VERSION, Settings, load_settings, save_settings


def test_defaults_round_trip(tmp_path) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path) == Settings()
    s = Settings(language="ar", font_size=14)
    save_settings(path, s)
    assert load_settings(path) == s
    assert load_settings(path).uses_arabic_digits()


def test_old_schema_is_migrated(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "locale": "ar_SA", "font_size": 12}))
    s = load_settings(path)
    assert (s.schema_version, s.language, s.digits, s.font_size) == (SCHEMA_VERSION, "ar", "auto", 12)


def test_newer_schema_and_bad_values_are_refused_plainly(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 99}))
    with pytest.raises(ValidationError, match="newer Atlas"):
        load_settings(path)
    path.write_text("{not json")
    with pytest.raises(ValidationError, match=str(path).replace("\\", "\\\\")) as err:
        load_settings(path)
    assert "a property name in double quotes was expected at column 2" in str(err.value)  # json's complaint as a code
    assert "كان يُنتظر اسم حقل بين علامتَي تنصيص مزدوجتين عند العمود ٢" in err.value.render("ar")  # not Python's English
    path.write_text("[1, 2]")
    with pytest.raises(ValidationError, match="not a JSON object"):
        load_settings(path)
    with pytest.raises(ValidationError, match="font_size"):
        Settings(font_size=99).validate()
