"""The installer's parts that run without building the bundle: the frozen entry point's Python
command lines, the bundled fonts and the demo-model add-on as the app finds them, the Debian
files, and the Windows installer script (it cannot be compiled on Linux; its structure is checked)."""

from __future__ import annotations

import configparser
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _entry():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("atlas_entry", INSTALLER / "entry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_frozen_entry_answers_the_python_command_lines_atlas_starts_children_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _entry()
    (tmp_path / "smoke_child.py").write_text(
        "import sys, pathlib\npathlib.Path(sys.argv[2]).write_text(__name__ + ' ' + ' '.join(sys.argv[1:2]))\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    out = tmp_path / "ran.txt"
    # As core/child.py starts a child, and as torch's elastic agent starts one under accelerate.
    assert entry._python_command(["-u", "-m", "smoke_child", "a1", str(out)])
    assert out.read_text() == "__main__ a1"
    assert entry._python_command(["-m", "smoke_child", "b2", str(out)]) and out.read_text() == "__main__ b2"
    assert entry._python_command(["-c", f"import pathlib; pathlib.Path({str(out)!r}).write_text('from -c')"])
    assert out.read_text() == "from -c"
    # The app's own command lines are not Python's.
    for argv in ([], ["--version"], ["gui", "--page", "data"], ["-m"], ["data", "import", "-m"]):
        assert not entry._python_command(argv)


def test_the_bundled_fonts_are_found_reported_and_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # noqa: ANN001
    from atlas_desktop.core import doctor

    fonts = tmp_path / "bundle" / "resources" / "fonts"
    fonts.mkdir(parents=True)
    source = next(Path("/usr/share/fonts").rglob("NotoNaskhArabic-Regular.ttf"), None)
    if source is None:
        pytest.fail("fonts-noto-core is not installed (build/setup.sh installs it)")
    shutil.copy(source, fonts)
    assert doctor.bundled_font_files() == []  # a checkout carries none
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert [f.name for f in doctor.bundled_font_files()] == ["NotoNaskhArabic-Regular.ttf"]
    assert doctor.font_family(fonts / "NotoNaskhArabic-Regular.ttf") == "Noto Naskh Arabic"
    assert doctor.font_family(Path("NotoSans-Bold.ttf")) == "Noto Sans" and doctor.font_family(Path("DejaVuSans.ttf")) == "DejaVu Sans"
    report = doctor.run_doctor()
    assert report["bundled_fonts"] == ["Noto Naskh Arabic"] and "Noto Naskh Arabic" in report["arabic_fonts"]
    assert report["bundle"] == {"frozen": False}

    from atlas_desktop.ui import fonts as ui_fonts

    monkeypatch.setattr(ui_fonts, "_LOADED", [])
    assert "Noto Naskh Arabic" in ui_fonts.load_bundled_fonts()
    assert ui_fonts.load_bundled_fonts() == ui_fonts._LOADED  # once only


def test_the_demo_model_add_on_is_found_where_its_package_puts_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from atlas_desktop.core.registry import model_store

    addon = tmp_path / "atlas-desktop-demo-model"
    addon.mkdir()
    (addon / "SmolLM2-135M-Instruct.Q8_0.gguf").write_bytes(b"GGUF")
    monkeypatch.setenv("ATLAS_DEMO_MODEL_DIR", str(addon))
    assert model_store.demo_gguf_path() == addon / "SmolLM2-135M-Instruct.Q8_0.gguf"
    exe = tmp_path / "atlas-desktop" / "atlas"  # the tarball unpacked beside the add-on
    monkeypatch.delenv("ATLAS_DEMO_MODEL_DIR")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert model_store.demo_addon_folders()[0] == addon


def test_eval_settings_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from atlas_desktop.cli import main
    from atlas_desktop.core.demo import DEMO_PROJECT
    from atlas_desktop.core.projects import create_project
    from atlas_desktop.core.workspace import Workspace

    ws = Workspace.open()
    with ws.unit_of_work() as s:
        create_project(s, DEMO_PROJECT, ws.user.login)
    ws.close()
    project = DEMO_PROJECT.name
    assert main(["eval", "settings", "--project", project, "--set", "holdout_items=0", "--set", "decoding.max_new_tokens=12", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["holdout_items"] == 0 and shown["decoding"]["max_new_tokens"] == 12 and shown["decoding"]["batch_size"] == 8
    assert main(["eval", "settings", "--project", project, "--set", "holdout_items"]) == 2
    assert capsys.readouterr().err.strip() == "atlas: --set holdout_items: write KEY=VALUE, for example holdout_items=0 or decoding.max_new_tokens=64."
    assert main(["eval", "settings", "--project", project, "--set", "holdout_items=-3"]) == 2
    assert "holdout_items" in capsys.readouterr().err


def test_the_debian_files() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(INSTALLER / "linux" / "atlas-desktop.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"] == "atlas-desktop" and entry["Icon"] == "atlas-desktop"
    assert entry["Name"] == "Atlas Desktop" and entry["Name[ar]"] == "أطلس" and entry["Comment[ar]"]
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(INSTALLER / "linux" / "atlas-desktop.desktop")], capture_output=True, text=True)
        assert done.returncode == 0 and "error" not in done.stdout, done.stdout
    control = (INSTALLER / "linux" / "control").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.M))
    assert fields["Package"] == "atlas-desktop" and fields["Architecture"] == "amd64" and "libxcb-cursor0" in fields["Depends"]
    assert all(len(line) <= 80 for line in control.splitlines() if line.startswith(" "))  # the long description
    assert (ROOT / "resources" / "icons" / "atlas-desktop.svg").is_file() and (ROOT / "resources" / "icons" / "atlas-desktop.ico").is_file()


def _iss_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_the_windows_installer_script() -> None:
    """Inno Setup cannot run here; the script's structure is what can be checked: both programs,
    an Arabic setup language that is right to left, and disk spanning for the CUDA variant."""
    raw = (INSTALLER / "windows" / "atlas.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup reads UTF-8 only with its BOM
    sections = _iss_sections(raw.decode("utf-8-sig"))
    assert {"Setup", "Languages", "CustomMessages", "Tasks", "Files", "Icons", "Run", "Code"} <= set(sections)
    setup = sections["Setup"]
    keys = {line.split("=", 1)[0] for line in setup if "=" in line and not line.startswith("#")}
    assert {"AppId", "AppName", "AppVersion", "DefaultDirName", "OutputBaseFilename", "ArchitecturesInstallIn64BitMode",
            "SetupIconFile", "DiskSpanning", "DiskSliceSize"} <= keys
    block = "\n".join(setup)
    cuda = re.search(r'#if Variant == "cuda"(.*?)#else(.*?)#endif', block, re.S)
    assert cuda and "DiskSpanning=yes" in cuda.group(1) and "DiskSpanning=no" in cuda.group(2)
    slice_size = int(re.search(r"DiskSliceSize=(\d+)", cuda.group(1)).group(1))
    assert slice_size < 2**31  # each slice stays under Inno Setup's 2.1 GB limit
    languages = "\n".join(sections["Languages"])
    assert 'Name: "arabic"; MessagesFile: "compiler:Default.isl,Arabic.isl"' in languages
    arabic = (INSTALLER / "windows" / "Arabic.isl").read_bytes()
    assert arabic.startswith(b"\xef\xbb\xbf")
    isl = _iss_sections(arabic.decode("utf-8-sig"))
    assert "RightToLeft=yes" in isl["LangOptions"] and "LanguageID=$0401" in isl["LangOptions"]
    assert any(line.startswith("ButtonNext=") for line in isl["Messages"])
    files = "\n".join(sections["Files"])
    assert 'Source: "{#Bundle}\\*"' in files and "recursesubdirs" in files
    icons = "\n".join(sections["Icons"])
    assert "atlas-desktop.exe" in icons
    custom = sections["CustomMessages"]
    names = {line.split(".", 1)[1].split("=", 1)[0] for line in custom}
    for name in names:  # every custom message in both languages
        assert any(line.startswith(f"english.{name}=") for line in custom) and any(line.startswith(f"arabic.{name}=") for line in custom)


def test_missing_glyphs_names_what_no_font_can_draw(qapp) -> None:  # noqa: ANN001
    """What the frozen app's screenshots are checked with: glyph boxes, found from the text the
    window shows rather than from its pixels."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    from atlas_desktop.ui.fonts import missing_glyphs

    root = QWidget()
    layout = QVBoxLayout(root)
    label = QLabel("<b>البطاقة</b> → ١٢٣ &amp; Ctrl+−")
    layout.addWidget(label)
    button = QPushButton("أ\u200f")  # a direction mark is not drawn, so never missing
    layout.addWidget(button)
    root.show()
    assert missing_glyphs(root) == ""
    button.setText("\U0010fffd")  # private use: no font has it
    assert missing_glyphs(root) == "\U0010fffd"
    root.close()
