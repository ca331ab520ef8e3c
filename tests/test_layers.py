"""Imports point down: the import-linter contracts hold, and the headless layers import with
PySide6 blocked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "curator_desktop"
HEADLESS = ("domain", "store", "services", "cli", "selfcheck")


def _headless_modules() -> list[str]:
    modules = [
        "curator_desktop.durable",
        "curator_desktop.i18n",
        "curator_desktop.paths",
        "curator_desktop.settings",
        "curator_desktop.logging_setup",
    ]
    for layer in HEADLESS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(PACKAGE.parent).with_suffix("")
            modules.append(".".join(relative.parts).removesuffix(".__init__"))
    return modules


def _assert_runs_cleanly(code: str) -> None:
    """Run ``code`` in a fresh interpreter (nothing imported yet) and require success."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr


def test_import_contracts_hold() -> None:
    """The ``[tool.importlinter]`` contracts of pyproject.toml (layers, Qt only in ui and app.py,
    reportlab only in services.reports, no SQL in ui, a pure domain), as ``lint-imports`` runs
    them: from the checkout root, which it puts first on ``sys.path``, so an installed copy of
    the package is not what gets checked."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            str(ROOT / "pyproject.toml"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


def test_heavy_libraries_stay_lazy_on_the_gui_side() -> None:
    """Ruff's TID253 (``banned-module-level-imports`` in pyproject.toml): sqlmodel, sqlalchemy,
    alembic and reportlab are imported inside functions in ui/, app.py and the root modules."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--select",
            "TID253",
            "--no-cache",
            "curator_desktop",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_headless_layers_import_without_qt() -> None:
    modules = _headless_modules()
    assert any(name.startswith("curator_desktop.store.") for name in modules)
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('Qt imported by a headless module')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    _assert_runs_cleanly(code)


def test_no_qt_import_statement_outside_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui" or relative.name in ("app.py", "__main__.py"):
            continue
        if "PySide6" in path.read_text(encoding="utf-8"):
            offenders.append(str(relative))
    assert offenders == []


def test_first_window_needs_no_store_layer() -> None:
    """SQLModel/SQLAlchemy (≈0.5 s) and Alembic load only after the window is shown."""
    code = (
        "import sys\n"
        "import curator_desktop.app, curator_desktop.ui.shell.main_window\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlmodel', 'sqlalchemy', 'alembic', 'reportlab')]\n"
        "assert not heavy, heavy[:5]\n"
    )
    _assert_runs_cleanly(code)
