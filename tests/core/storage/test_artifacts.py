import hashlib
import os

from atlas_desktop.core.storage.artifacts import ArtifactStore


def test_content_addressed_idempotent_and_read_only(tmp_path) -> None:
    store = ArtifactStore(tmp_path / "artifacts")
    src = tmp_path / "data.jsonl"
    data = "سطر عربي\n".encode() * 1000
    src.write_bytes(data)
    before = src.stat().st_mtime_ns
    sha, size = store.put_file(src)
    assert sha == hashlib.sha256(data).hexdigest() and size == len(data)
    assert store.put_bytes(data) == (sha, size)
    path = store.path_for(sha)
    assert path.read_bytes() == data and not os.access(path, os.W_OK) or os.geteuid() == 0
    assert not (path.stat().st_mode & 0o222)
    assert store.verify(sha)
    assert src.stat().st_mtime_ns == before  # the user's file is never modified
    assert list((tmp_path / "artifacts" / "tmp").iterdir()) == []
