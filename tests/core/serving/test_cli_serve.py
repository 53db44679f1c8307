"""`atlas serve`'s commands: keys, routing by hand, settings, and the refusals (a non-loopback
host without --allow-remote, a port in use, no project)."""

from __future__ import annotations

import json
import socket

import pytest

from atlas_desktop.cli import main
from tests.core.serving.conftest import PROJECT


def test_keys_route_and_settings_from_the_command_line(serving_ws, capsys) -> None:  # noqa: ANN001
    assert main(["serve", "keys", "create", "--project", PROJECT, "--name", "helpdesk", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["key"].startswith("atlas-") and created["active"]
    assert main(["serve", "keys", "list", "--project", PROJECT, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [k["name"] for k in listed] == ["helpdesk"] and "key" not in listed[0]
    assert main(["serve", "keys", "revoke", "--project", PROJECT, created["prefix"]]) == 0
    assert "Revoked key" in capsys.readouterr().out

    assert main(["serve", "route", "--project", PROJECT, "--share", "v2=1000", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["number"] == 1 and table["shares"] == {"base": 9000, "v2": 1000}
    assert main(["serve", "route", "--project", PROJECT, "--kill-switch"]) == 0
    assert "kill switch" in capsys.readouterr().out
    assert main(["serve", "route", "--project", PROJECT, "--share", "v2:1000"]) == 2
    assert "TARGET=SHARE" in capsys.readouterr().err

    assert main(["serve", "settings", "--project", PROJECT, "--upstream", "v2=http://gpu-box:8000/v1", "--keep-text", "on"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["keep_text"] is True and shown["upstreams"]["v2"] == {"url": "http://gpu-box:8000/v1", "model": "v2", "api_key_env": ""}
    assert main(["serve", "settings", "--project", PROJECT, "--upstream", "v2=ftp://x"]) == 2
    assert "upstreams" in capsys.readouterr().err


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_serve_refuses_what_it_should(serving_ws, capsys) -> None:  # noqa: ANN001
    assert main(["serve", "--project", PROJECT, "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "not a loopback address" in err and "--allow-remote" in err
    assert main(["--lang", "ar", "serve", "--project", PROJECT, "--host", "192.168.1.5"]) == 2
    assert "حلقة محلية" in capsys.readouterr().err
    assert main(["serve"]) == 2
    assert "--project" in capsys.readouterr().err
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", "--project", PROJECT, "--port", str(taken.getsockname()[1])]) == 2
    assert "Cannot listen on 127.0.0.1" in capsys.readouterr().err
