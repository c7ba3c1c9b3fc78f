"""The CLI's contract: exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest

from qonnect.cli.app import main


def test_version_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["qonnect"]


def test_unknown_option_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version", "--no-such-option"]) == 2
    err = capsys.readouterr().err.strip()
    assert "no-such-option" in err
    assert len(err.splitlines()) == 1


def test_unknown_command_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
