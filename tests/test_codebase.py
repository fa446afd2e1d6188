"""The house rules hold: ruff, mypy (strict on app) and the import-linter contracts in pyproject."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the venv the suite runs in (.venv/bin under `make test`)


def run_tool(*args: str) -> None:
    exe = BIN / args[0]
    if not exe.exists():
        pytest.fail(f"{exe} is missing: run `make setup` (it installs the test extra)")
    proc = subprocess.run(
        [str(exe), *args[1:]],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        pytest.fail(f"`{' '.join(args)}` exited {proc.returncode}:\n{output}", pytrace=False)


def test_ruff() -> None:
    run_tool("ruff", "check", "--no-cache", "app", "ui", "plugins", "tests")


def test_mypy() -> None:
    run_tool("mypy")  # files and strictness come from [tool.mypy] in pyproject.toml


def test_mypy_for_windows_where_the_code_branches_on_it() -> None:
    run_tool("mypy", "--platform", "win32", "app/datadir.py")  # the Windows bundle's folder lock


def test_import_contracts() -> None:
    run_tool("lint-imports", "--no-cache", "--no-logo")
