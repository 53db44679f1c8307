"""`atlas doctor`: what this machine is and whether Atlas can work on it."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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

    report: dict[str, Any] = {
        "atlas": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "torch": torch_info(),
        "offline": is_offline(),
        "offline_env": offline_status(),
        "arabic_fonts": arabic_fonts(),
    }
    try:
        ws = Workspace.open(home)
    except AtlasError as exc:
        report["database"] = {"ok": False, "error": str(exc)}
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


def format_doctor(r: dict[str, Any]) -> str:
    t = r["torch"]
    if t.get("installed"):
        dev = t["device"].upper()
        if t["gpus"]:
            dev += " (" + "; ".join(f"{g['name']}, {g['memory_free_gb']}/{g['memory_total_gb']} GB free" for g in t["gpus"]) + ")"
        torch_line = f"torch {t['version']} on {dev}"
    else:
        torch_line = f"torch not usable: {t.get('error')}"
    db = r["database"]
    lines = [
        f"Atlas Desktop {r['atlas']}  (Python {r['python']}, {r['platform']}, {r['cpu_count']} CPUs)",
        f"Compute:       {torch_line}",
        f"Database:      {db['url'] + ' at schema ' + db['schema_revision'] if db['ok'] else 'NOT USABLE: ' + db['error']}",
        f"Data folder:   {r.get('data_folder', '-')}",
        f"Offline mode:  {'on' if r['offline'] else 'OFF'} (HF_HUB_OFFLINE={r['offline_env']['HF_HUB_OFFLINE']})",
        f"Arabic fonts:  {', '.join(r['arabic_fonts']) if r['arabic_fonts'] else 'none found (install fonts-noto-core)'}",
    ]
    if "models" in r:
        lines.append(f"Base models:   {', '.join(r['models']) or 'none (run `atlas models import-demo`)'}")
    return "\n".join(lines)
