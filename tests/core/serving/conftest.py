from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def monitor_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.helpers.telemetry import build_monitor_home

    return build_monitor_home(tmp_path_factory.mktemp("monitor") / "atlas-home")


@pytest.fixture
def monitor_ws(monitor_home: Path, atlas_home: Path):  # noqa: ANN201
    """A copy of ``monitor_home``: the demo project, dataset v1 and five days of telemetry."""
    from tests.helpers.telemetry import copy_workspace

    ws = copy_workspace(monitor_home, atlas_home)
    yield ws
    ws.close()
