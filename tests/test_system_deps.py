"""`scripts/install-system-deps.sh --check` names every system package a machine lacks.

CI runs the check before the tests, so a machine that did not get a package fails at once with its
name instead of failing (or skipping) somewhere in the suite. The machine is made to lack things
for real: a PATH without the programs, a fontconfig configuration that knows only DejaVu.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "install-system-deps.sh"
KEPT_PROGRAMS = ("bash", "python3", "grep", "make", "fc-match", "ldconfig", "cat", "env")


def check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash") or "/bin/bash"
    return subprocess.run([bash, str(SCRIPT), "--check"], capture_output=True, text=True, env=env, timeout=60)


def path_without_ocr_browser_and_poppler(tmp_path: Path) -> str:
    """A PATH holding only a few ordinary programs: no tesseract, chromium or pdftoppm."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in KEPT_PROGRAMS:
        found = shutil.which(name) or shutil.which(name, path="/sbin:/usr/sbin")
        if found:
            (bin_dir / name).symlink_to(found)
    return str(bin_dir)


def test_check_names_every_missing_package(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": path_without_ocr_browser_and_poppler(tmp_path)}
    result = check(env)
    assert result.returncode == 1
    for package in ("tesseract-ocr", "tesseract-ocr-vie", "tesseract-ocr-eng", "poppler-utils", "chromium"):
        assert f"Thiếu gói hệ thống {package}:" in result.stderr, result.stderr
    assert "apt-get install" in result.stderr


def test_check_names_the_font_when_times_new_roman_resolves_to_another_family(tmp_path: Path) -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed")
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("DejaVu fonts are not installed")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n',
        encoding="utf-8",
    )
    result = check({**os.environ, "FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "Thiếu gói hệ thống fonts-liberation2: fc-match \"Times New Roman\" cho 'DejaVu" in result.stderr
    assert "không phải Liberation Serif" in result.stderr


def test_every_package_the_check_names_is_one_the_install_step_installs() -> None:
    """One list serves both modes: the packages probed are exactly those installed."""
    text = SCRIPT.read_text(encoding="utf-8")
    listed = text.split("PACKAGES=(", 1)[1].split(")", 1)[0].split()
    probed = [line.strip().split(")")[0] for line in text.split("probe() {", 1)[1].split("esac", 1)[0].splitlines()
              if line.strip() and ")" in line and not line.strip().startswith(("case", "*"))]
    assert sorted(listed) == sorted(probed)
    assert "fonts-liberation2" in listed and "tesseract-ocr-vie" in listed
