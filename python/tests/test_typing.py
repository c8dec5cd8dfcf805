"""The package's type hints hold: `mypy --strict` over the source, as users' editors and type
checkers will read it through py.typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(ROOT / ".venv" / ".mypy_cache"),
         str(ROOT / "src" / "keito")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_py_typed_ships_with_the_package() -> None:
    import keito

    assert (Path(keito.__file__).parent / "py.typed").is_file()
