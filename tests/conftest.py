"""Shared fixtures. Every test gets its own data folder; Qt runs offscreen; the
network is blocked (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

POSTGRES_ENV = "ATLAS_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def atlas_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "atlas-home"
    monkeypatch.setenv("ATLAS_HOME", str(home))
    monkeypatch.setenv("ATLAS_USER", "tester")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # QSettings
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)
    return home


def _postgres_admin_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_ENV} is not set: CI must test storage against a real PostgreSQL server (see build/test.sh).")
    return None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    admin = _postgres_admin_url()
    if admin is None:
        pytest.skip(f"no PostgreSQL server ({POSTGRES_ENV} unset); build/test.sh starts one")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"atlas_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin.replace("postgresql://", "postgresql+psycopg://", 1)).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, atlas_home: Path) -> str:
    """Run a storage test on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{atlas_home / 'atlas.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def workspace(database_url: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A workspace on each back-end; child processes and `atlas` subprocesses use the same database."""
    from atlas_desktop.core.workspace import Workspace

    if not database_url.startswith("sqlite"):
        monkeypatch.setenv("ATLAS_DATABASE_URL", database_url)
    ws = Workspace.open(database_url=database_url)
    yield ws
    ws.close()


@pytest.fixture
def sqlite_workspace():  # noqa: ANN201
    from atlas_desktop.core.workspace import Workspace

    ws = Workspace.open()
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama-style model with a tokenizer trained on the sample data (seconds)."""
    from tests.helpers.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def trained_home(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    """A data folder with model version v1 (the tiny model, 2 steps), the small suite and short
    decoding, built once; tests use a copy (``eval_ws``)."""
    from tests.helpers.eval_homes import build_home

    return build_home(tmp_path_factory.mktemp("trained") / "atlas-home", tiny_model_dir, evaluate=False)


@pytest.fixture(scope="session")
def evaluated_home(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    """The same, with v1 evaluated once (its blind review queue stored); tests use a copy (``evaluated_ws``)."""
    from tests.helpers.eval_homes import build_home

    return build_home(tmp_path_factory.mktemp("evaluated") / "atlas-home", tiny_model_dir, evaluate=True)


def _copied_workspace(src: Path, atlas_home: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN202
    import shutil

    from atlas_desktop.core.demo import DEMO_PROJECT
    from atlas_desktop.core.workspace import Workspace

    shutil.copytree(src, atlas_home)
    root = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH", "")])))
    ws = Workspace.open()
    ws.demo_project = DEMO_PROJECT.name
    return ws


@pytest.fixture
def eval_ws(trained_home: Path, atlas_home: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A copy of ``trained_home`` (SQLite): v1 ready to evaluate."""
    ws = _copied_workspace(trained_home, atlas_home, monkeypatch)
    yield ws
    ws.close()


@pytest.fixture
def evaluated_ws(evaluated_home: Path, atlas_home: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A copy of ``evaluated_home`` (SQLite): v1 evaluated once."""
    ws = _copied_workspace(evaluated_home, atlas_home, monkeypatch)
    yield ws
    ws.close()
