"""`atlas doctor`: what this machine is and whether Atlas can work on it."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from atlas_desktop.core.messages import Msg, render, to_json
from atlas_desktop.core.offline import is_offline, offline_status

ARABIC_FONT_PREFERENCE = ("Noto Naskh Arabic", "Noto Sans Arabic", "Noto Kufi Arabic", "Amiri", "DejaVu Sans")


def arabic_fonts() -> list[str]:
    """Font families that cover Arabic, via fontconfig (no Qt needed)."""
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=ar", "family"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        fams = sorted({f.split(",")[0].strip() for f in out.splitlines() if f.strip()})
        return fams
    found = set()
    for root in (Path("/usr/share/fonts"), Path.home() / ".fonts", Path("C:/Windows/Fonts"), Path("/Library/Fonts")):
        if root.is_dir():
            found.update(p.stem for p in root.rglob("*Arabic*"))
    return sorted(found)


def bundled_font_files() -> list[Path]:
    """The fonts a packaged Atlas carries (resources/fonts in the bundle), so that a machine
    without Arabic fonts installed still shapes Arabic; none in a source checkout."""
    from atlas_desktop.core.demo import resource_root

    folder = resource_root() / "fonts"
    return sorted(folder.glob("*.ttf")) if folder.is_dir() else []


def font_family(file: Path) -> str:
    """'NotoNaskhArabic-Bold.ttf' -> 'Noto Naskh Arabic', 'DejaVuSans.ttf' -> 'DejaVu Sans'."""
    import re

    stem = file.stem.split("-")[0]
    return " ".join(re.findall(r"DejaVu|[A-Z][a-z]*", stem))


def bundle_info() -> dict[str, Any]:
    """Whether this is the packaged app, where it lives and which torch it carries."""
    if not getattr(sys, "frozen", False):
        return {"frozen": False}
    root = Path(sys.executable).resolve().parent
    variant = root / "VARIANT"
    return {"frozen": True, "folder": str(root), "variant": variant.read_text().strip() if variant.is_file() else ""}


def torch_info() -> dict[str, Any]:
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 - doctor reports, never fails
        return {"installed": False, "error": str(exc), "device": "none"}
    info: dict[str, Any] = {"installed": True, "version": torch.__version__, "cuda_build": torch.version.cuda or "", "device": "cpu", "gpus": []}
    if torch.cuda.is_available():
        info["device"] = "cuda"
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            free, total = torch.cuda.mem_get_info(i)
            info["gpus"].append({"index": i, "name": props.name, "memory_total_gb": round(total / 2**30, 1),
                                 "memory_free_gb": round(free / 2**30, 1), "bf16": torch.cuda.is_bf16_supported()})
    elif getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        info["device"] = "mps"
    info["cpu_threads"] = torch.get_num_threads()
    return info


def run_doctor(home: Path | None = None) -> dict[str, Any]:
    from atlas_desktop import __version__
    from atlas_desktop.core.errors import AtlasError
    from atlas_desktop.core.registry.model_store import DEMO_MODEL_NAME, demo_gguf_path
    from atlas_desktop.core.storage.db import describe_url
    from atlas_desktop.core.workspace import Workspace

    bundled = bundled_font_files()
    report: dict[str, Any] = {
        "atlas": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "torch": torch_info(),
        "offline": is_offline(),
        "offline_env": offline_status(),
        "arabic_fonts": sorted(set(arabic_fonts()) | {font_family(f) for f in bundled if "Arabic" in f.stem}),
        "bundled_fonts": sorted({font_family(f) for f in bundled}),
        "bundle": bundle_info(),
    }
    try:
        ws = Workspace.open(home)
    except AtlasError as exc:
        report["database"] = {"ok": False, "error": str(exc), "error_code": to_json(exc.full())}
        return report
    try:
        from atlas_desktop.core.registry.model_store import list_models

        models = [m.name for m in list_models(ws)]
        report["data_folder"] = str(ws.paths.home)
        report["database"] = {"ok": True, "url": describe_url(ws.db.url), "dialect": ws.db.dialect, "schema_revision": ws.db.revision}
        report["user"] = {"login": ws.user.login, "roles": list(ws.user.roles)}
        report["models"] = models
        report["demo_model"] = {"registered": DEMO_MODEL_NAME in models, "package_installed": demo_gguf_path() is not None}
    finally:
        ws.close()
    return report


def doctor_lines(r: dict[str, Any]) -> list[Msg]:
    """The report of :func:`run_doctor` as lines for people (message codes)."""
    t = r["torch"]
    if t.get("installed"):
        gpus = [Msg("doctor.gpu", name=g["name"], free=g["memory_free_gb"], total=g["memory_total_gb"]) for g in t["gpus"]]
        device = Msg("doctor.device_gpus", device=t["device"].upper(), gpus=gpus) if gpus else t["device"].upper()
        compute = Msg("doctor.torch", library="torch", version=t["version"], device=device)
    else:
        compute = Msg("doctor.torch_missing", library="torch", error=t.get("error"))
    db = r["database"]
    database = (Msg("doctor.database", url=db["url"], revision=db["schema_revision"]) if db["ok"]
                else Msg("doctor.database_unusable", error=db.get("error_code") or db["error"]))
    offline = {"variable": "HF_HUB_OFFLINE", "value": r["offline_env"]["HF_HUB_OFFLINE"]}
    lines = [
        Msg("doctor.header", version=r["atlas"], python=r["python"], platform=r["platform"], cpus=r["cpu_count"]),
        Msg("doctor.compute", value=compute),
        database,
        Msg("doctor.data_folder", path=r.get("data_folder", "-")),
        Msg("doctor.offline_on" if r["offline"] else "doctor.offline_off", **offline),
        Msg("doctor.fonts", fonts=", ".join(r["arabic_fonts"]) if r["arabic_fonts"] else Msg("doctor.no_fonts")),
    ]
    if "models" in r:
        lines.append(Msg("doctor.models", models=", ".join(r["models"]) or Msg("doctor.no_models")))
    return lines


def format_doctor(r: dict[str, Any], lang: str = "en", arabic_digits: bool | None = None) -> str:
    return "\n".join(render(line, lang, arabic_digits) for line in doctor_lines(r))
