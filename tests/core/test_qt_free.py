"""The core never imports Qt: an import-linter contract and a fresh interpreter prove it."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import atlas_desktop.core

ROOT = Path(__file__).resolve().parents[2]


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(atlas_desktop.core.__path__, "atlas_desktop.core.")
                  if ".migrations" not in m.name)


def test_import_linter_contract_holds() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "KEPT" in out.stdout and "BROKEN" not in out.stdout


def test_every_core_module_imports_without_pyside6() -> None:
    modules = core_modules()
    assert "atlas_desktop.core.storage.db" in modules and "atlas_desktop.core.child" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph') or m.startswith('atlas_desktop.ui'))\n"
        "print(','.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, f"Qt arrived in the core through: {out.stdout} {out.stderr[-2000:]}"


def test_gui_start_path_does_not_import_heavy_ml_libraries() -> None:
    """The window must open fast: nothing on its start path imports torch or transformers."""
    code = (
        "import sys\n"
        "from atlas_desktop.ui import app, main_window\n"
        "from atlas_desktop.core import workspace, projects\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'datasets', 'peft', 'accelerate') if m in sys.modules)\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr[-2000:]
