import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]


def test_every_ui_string_has_an_arabic_translation() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "build" / "translations.py"), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_compiled_translations_load_and_are_current(qapp) -> None:  # noqa: ANN001
    qm = ROOT / "resources" / "translations" / "atlas_ar.qm"
    ts = qm.with_suffix(".ts")
    t = QTranslator()
    assert t.load(str(qm))
    assert t.translate("Atlas", "Projects") == "المشاريع"
    assert qm.stat().st_mtime >= ts.stat().st_mtime - 1, "run: python build/translations.py"
