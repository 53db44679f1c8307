"""The installer's sizes: the CPU bundle as built, its packages, and the CUDA bundle expected from
the spec (the CPU bundle with torch's CUDA build and NVIDIA's libraries in place of the CPU torch,
counted from the wheels' own file lists with the spec's exclusions applied).

    .venv/bin/python bench/installer_size.py [--bundle build/dist/atlas-desktop] [--wheels DIR ...]

Prints the figures and saves them to bench/results/installer_size.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXCLUDED = (".h", ".hpp", ".cuh", ".pyi", ".cmake", ".lib", ".cpp")  # as installer/atlas.spec drops them


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def wheel_payload(wheel: Path) -> int:
    """Bytes a wheel puts in the bundle: its files, less headers, tests and metadata."""
    total = 0
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            name = info.filename
            parts = name.split("/")
            if name.endswith(EXCLUDED) or ".dist-info/" in name or (parts[0] == "torch" and len(parts) > 1 and parts[1] in ("include", "share", "test")):
                continue
            total += info.file_size
    return total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path, default=ROOT / "build" / "dist" / "atlas-desktop")
    ap.add_argument("--packages", type=Path, default=ROOT / "build" / "packages")
    ap.add_argument("--wheels", type=Path, nargs="*", default=[Path("/opt/pypi-more/files"), Path("/opt/pypi/files")],
                    help="folders holding torch's CUDA wheel and NVIDIA's wheels")
    args = ap.parse_args()
    bundle = args.bundle
    if not (bundle / "atlas").is_file():
        raise SystemExit(f"no bundle at {bundle}; run: bash installer/build.sh")
    result: dict = {"benchmark": "installer_size", "date": time.strftime("%Y-%m-%d"), "variant": (bundle / "VARIANT").read_text().strip()}
    result["bundle_mb"] = round(folder_size(bundle) / 1e6)
    torch_dir = bundle / "_internal" / "torch"
    result["bundle_torch_mb"] = round(folder_size(torch_dir) / 1e6)
    biggest = sorted(((folder_size(p), p.name) for p in (bundle / "_internal").iterdir() if p.is_dir()), reverse=True)[:8]
    result["largest_folders_mb"] = {name: round(size / 1e6) for size, name in biggest}
    for pkg in sorted(args.packages.glob("*")) if args.packages.is_dir() else []:
        if pkg.suffix in (".deb", ".gz"):
            result.setdefault("packages_mb", {})[pkg.name] = round(pkg.stat().st_size / 1e6)
            if pkg.suffix == ".deb":
                size = subprocess.run(["dpkg-deb", "-f", str(pkg), "Installed-Size"], capture_output=True, text=True).stdout.strip()
                if size:
                    result.setdefault("installed_mb", {})[pkg.name] = round(int(size) * 1024 / 1e6)

    # torch's CUDA build needs NVIDIA's libraries (cuda-toolkit's parts, cuDNN, NCCL, cuSPARSELt,
    # NVSHMEM) and cuda-bindings: their wheels lie beside it where pip takes it from.
    wheels = {p.name.split("-")[0].lower(): p for folder in args.wheels if folder.is_dir() for p in folder.glob("*.whl")}
    cuda_torch = next((p for folder in args.wheels if folder.is_dir() for p in sorted(folder.glob("torch-*.whl"))
                       if "+cpu" not in p.name), None)
    if cuda_torch:
        found = {n: w for n, w in wheels.items() if n.startswith(("nvidia_", "cuda_"))}  # triton: excluded by the spec
        extra = sum(wheel_payload(w) for w in found.values())
        expected = folder_size(bundle) - folder_size(torch_dir) + wheel_payload(cuda_torch) + extra
        result["cuda_expected"] = {"torch_wheel": cuda_torch.name, "nvidia_wheels": sorted(w.name for w in found.values()),
                                   "bundle_mb": round(expected / 1e6),
                                   "torch_mb": round(wheel_payload(cuda_torch) / 1e6), "nvidia_mb": round(extra / 1e6)}
    out = HERE / "results" / "installer_size.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
