import os
import socket
import subprocess
import sys

import pytest
from pytest_socket import SocketBlockedError

from atlas_desktop.core.offline import OFFLINE_ENV, is_offline


def test_hugging_face_is_offline_before_any_import() -> None:
    code = ("import os; os.environ['HF_HUB_OFFLINE'] = '0'\n"
            "import atlas_desktop\n"
            "import huggingface_hub.constants as c\n"
            "assert c.HF_HUB_OFFLINE, 'hub not offline'\n"
            "assert os.environ['DO_NOT_TRACK'] == '1' and os.environ['HF_HUB_DISABLE_TELEMETRY'] == '1'\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]


def test_offline_mode_is_on_in_this_process() -> None:
    assert is_offline()
    for key, value in OFFLINE_ENV.items():
        assert os.environ[key] == value


def test_network_sockets_are_blocked_in_tests() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
