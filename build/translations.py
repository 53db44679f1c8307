"""Collect every tr("...") literal of the ui into resources/translations/atlas_ar.ts
and compile it to atlas_ar.qm with pyside6-lrelease.

    python build/translations.py          # update .ts (new strings marked unfinished) and build .qm
    python build/translations.py --check  # exit 1 if a string has no Arabic translation

The .ts file is the source of truth for the Arabic text; edit it with
pyside6-linguist or by hand.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "atlas_desktop" / "ui"
TS = ROOT / "resources" / "translations" / "atlas_ar.ts"
QM = TS.with_suffix(".qm")
CONTEXT = "Atlas"


def ui_strings() -> list[str]:
    found: dict[str, None] = {}
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    return list(found)


def read_ts(path: Path = TS) -> dict[str, str]:
    if not path.exists():
        return {}
    out = {}
    for msg in ET.parse(path).getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr_el = msg.find("translation")
        if tr_el is not None and tr_el.get("type") not in ("unfinished", "obsolete") and tr_el.text:
            out[src] = tr_el.text
    return out


def write_ts(strings: list[str], translations: dict[str, str], path: Path = TS) -> None:
    ts = ET.Element("TS", version="2.1", language="ar_SA", sourcelanguage="en_US")
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for s in strings:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = s
        t = ET.SubElement(msg, "translation")
        if s in translations:
            t.text = translations[s]
        else:
            t.set("type", "unfinished")
    ET.indent(ts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(ts, encoding="unicode") + "\n", encoding="utf-8")


def lrelease() -> None:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    subprocess.run([exe, "-silent", str(TS), "-qm", str(QM)], check=True)


def main(argv: list[str]) -> int:
    strings = ui_strings()
    translations = read_ts()
    missing = [s for s in strings if s not in translations]
    if "--check" in argv:
        for s in missing:
            print(f"untranslated: {s!r}")
        return 1 if missing else 0
    write_ts(strings, translations)
    lrelease()
    print(f"{len(strings)} strings, {len(missing)} untranslated; wrote {TS.name} and {QM.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
