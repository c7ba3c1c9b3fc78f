"""Every file in examples/ runs; the flagship's HTML report loads in a real headless browser
(Debian's chromium, driven by Playwright) with all its plots and no console errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from qonnect.cli.app import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = "/usr/bin/chromium"
ALL = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def _is_network_file(path: Path) -> bool:
    return "nodes" in (yaml.safe_load(path.read_text()) or {})


def test_there_are_examples() -> None:
    assert "ibm-cisco-2030.yaml" in ALL and len(ALL) >= 3


@pytest.mark.parametrize("name", ALL)
def test_example_runs(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / name
    if _is_network_file(path):
        assert main(["network", str(path), "--duration", "0.05", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["pairs"]["balance"] == 0
    else:
        assert main(["run", str(path), "--out", str(tmp_path), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert Path(data["report"]).is_file()
        assert data["variants"]


def _browse(report: Path) -> tuple[int, int, list[str], str]:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        shown = page.evaluate(
            "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"
        )
        total = page.evaluate("document.images.length")
        title = page.title()
        browser.close()
    return int(shown), int(total), errors, title


def test_flagship_report_in_a_headless_browser(tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists(), "make test installs chromium (Debian package)"
    assert main(["run", str(EXAMPLES / "ibm-cisco-2030.yaml"), "--out", str(tmp_path)]) == 0
    shown, total, errors, title = _browse(tmp_path / "report.html")
    assert errors == []
    assert total >= 4  # topology, link curves, one timeline per variant
    assert shown == total
    assert "ibm-cisco-2030" in title
