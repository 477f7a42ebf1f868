"""The direction of dependencies (DESIGN.md section 8): import-linter's contracts in
pyproject.toml hold, and an import inside a function says why it is not at the top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_PACKAGES = ["handbook_site", "api", "content", "accounts", "companies", "methods", "core"]


def product_modules() -> list[Path]:
    return sorted(
        path
        for package in PRODUCT_PACKAGES
        if (ROOT / package).is_dir()
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def function_level_imports(path: Path) -> tuple[list[int], list[str]]:
    """The lines of every import inside a function body, and the module's lines."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    found = {
        node.lineno
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
        if isinstance(node, (ast.Import, ast.ImportFrom))
    }
    return sorted(found), source.splitlines()


def unexplained_imports(path: Path) -> list[int]:
    """Lines of function-level imports without a `# ` comment line right above them. The
    comment may belong to a run of imports: consecutive import lines share the one above."""
    bad = []
    linenos, lines = function_level_imports(path)
    for lineno in linenos:
        index = lineno - 2  # the line above, 0-based
        while index >= 0 and lines[index].strip().startswith(("import ", "from ")):
            index -= 1
        if index < 0 or not lines[index].strip().startswith("# "):
            bad.append(lineno)
    return bad


def test_every_function_level_import_says_why_it_is_not_at_the_top():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in product_modules()
        for line in unexplained_imports(path)
    ]
    assert offenders == []


def test_the_checker_finds_an_unexplained_import_and_accepts_an_explained_one(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "import os\n"
        "\n"
        "def bare():\n"
        "    import json\n"
        "\n"
        "def explained():\n"
        "    # Loaded only when the rare export runs.\n"
        "    import csv\n"
        "    import io\n"
        "\n"
        "def after_code():\n"
        "    x = 1\n"
        "    from decimal import Decimal\n"
    )
    assert unexplained_imports(module) == [4, 13]


def test_import_linter_contracts_hold():
    result = subprocess.run(  # noqa: S603 - a fixed command from the project's own venv
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout
