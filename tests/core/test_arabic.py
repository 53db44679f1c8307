from datetime import datetime

from atlas_desktop.core.arabic import LRO, PDF, isolate_ltr_runs, dominant_direction, format_date, format_number, normalize_for_matching, to_eastern_digits, to_latin_digits


def test_direction_comes_from_the_dominant_script_not_the_first_character() -> None:
    assert dominant_direction("IBAN حسابي هو رقم الآيبان المكتوب في الشهادة") == "rtl"
    assert dominant_direction("Please note أن") == "ltr"
    assert dominant_direction("كيف أفتح حساباً؟") == "rtl"
    assert dominant_direction("12,500.00 - 3%") == "neutral"


def test_digits_round_trip() -> None:
    assert to_eastern_digits("2026-11-23") == "٢٠٢٦-١١-٢٣"
    assert to_latin_digits("٠٥٥ ۱۲۳") == "055 123"
    assert format_number(12500, arabic_digits=True) == "١٢٬٥٠٠"
    assert format_number(12500) == "12,500"


def test_dates_read_the_same_in_either_direction() -> None:
    d = datetime(2026, 11, 23)
    assert format_date(d) == "23 Nov 2026"
    assert format_date(d, "ar", True) == "٢٣ نوفمبر ٢٠٢٦"


def test_normalization_folds_variants_for_matching_only() -> None:
    a = "كَيْفَ أفتــح حساباً؟ ٣"
    b = "كيف افتح حسابا؟ 3"
    assert normalize_for_matching(a) == normalize_for_matching(b)
    assert a != b  # the stored text is never touched


def test_number_runs_are_isolated_for_display() -> None:
    text = "تواصلوا معي على +966 55 273 2887 أو الآيبان SA03 8000 0000 6080 1016 7519 والمبلغ 500 ريال"
    shown = isolate_ltr_runs(text)
    assert f"{LRO}+966 55 273 2887{PDF}" in shown and f"{LRO}SA03 8000 0000 6080 1016 7519{PDF}" in shown
    assert f"{LRO}500" not in shown  # a lone number needs nothing
    assert isolate_ltr_runs("٠٥٥ ١٢٣ ٤٥٦٧").startswith(LRO)
    assert shown.replace(LRO, "").replace(PDF, "") == text
