"""The several-process launcher on one machine: gloo and NCCL are told to use the loopback
interface (a site's own choice kept)."""

from __future__ import annotations

import sys

import pytest

from atlas_desktop.core.training.runner import launcher_env, launcher_for


def test_one_process_needs_no_launcher() -> None:
    assert launcher_for(1) is None and launcher_env(1) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loopback interface is named lo on Linux")
def test_several_processes_meet_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    cmd = launcher_for(2)
    assert cmd[cmd.index("--num_processes") + 1] == "2"
    monkeypatch.delenv("GLOO_SOCKET_IFNAME", raising=False)
    monkeypatch.setenv("NCCL_SOCKET_IFNAME", "ib0")  # a site's own choice is kept
    env = launcher_env(2)
    assert env["GLOO_SOCKET_IFNAME"] == "lo" and env["NCCL_SOCKET_IFNAME"] == "ib0"
