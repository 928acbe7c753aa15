"""The package layout is the flow: each stage imports only from the stages before it, and
every module can be imported on its own (no import cycle hides behind an import order)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "planner"

# What each stage may import, besides itself and the shared top level (errors, i18n, files,
# collector). Exporters (calendar, reports, publish, analysis) read the plan, never the engine.
ALLOWED = {
    "schedule": set(),
    "days": {"schedule"},
    "plan": {"schedule", "days"},
    "labels": {"schedule", "days", "plan"},
    "engine": {"schedule", "days", "plan"},
    "calendar": {"schedule", "plan", "labels", "days.names"},
    "reports": {"schedule", "plan", "labels", "days.names"},
    "publish": {"schedule", "plan", "labels", "calendar"},
    "analysis": {"schedule", "plan", "labels", "calendar"},
    "cli": {"*"},
    "__init__": {"schedule", "plan", "engine", "calendar"},
    "__main__": {"cli"},
}
SHARED = {"errors", "i18n", "files", "collector"}


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(module: str) -> set[str]:
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("planner"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("planner"))
    return {name for name in found if _is_module(name)}


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _allowed(importer: str, imported: str) -> bool:
    stage, target = _stage(importer), _stage(imported)
    rest = imported.split(".", 1)[1] if "." in imported else ""
    allowed = ALLOWED.get(stage, set())
    return (target == stage or target in SHARED or target == "__init__" and stage == "__main__"
            or "*" in allowed or target in allowed or rest in allowed
            or any(rest.startswith(name + ".") for name in allowed))


def test_each_stage_imports_only_the_stages_before_it() -> None:
    wrong = [f"{module} imports {imported}" for module in _modules()
             for imported in sorted(_imports(module))
             if imported != "planner" and not _allowed(module, imported)]
    assert not wrong, "\n".join(wrong)


def test_no_cli_module_imports_a_sibling_command_module() -> None:
    wrong = [f"{module} imports {imported}" for module in _modules() if module.startswith("planner.cli.")
             for imported in sorted(_imports(module))
             if imported.startswith("planner.cli") and imported not in ("planner.cli.options",)]
    assert not wrong, "\n".join(wrong)


def test_every_module_imports_on_its_own() -> None:
    # One fresh interpreter per module: an import cycle shows only when its module comes first.
    script = ("import importlib, subprocess, sys\n"
              "failed = []\n"
              "for name in sys.argv[1:]:\n"
              "    done = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True,"
              " text=True)\n"
              "    if done.returncode:\n"
              "        failed.append(name + ': ' + done.stderr.strip().splitlines()[-1])\n"
              "print('\\n'.join(failed))\n")
    modules = [name for name in _modules() if name != "planner.__main__"]  # it runs the CLI
    done = subprocess.run([sys.executable, "-c", script, *modules], capture_output=True, text=True,
                          cwd=PACKAGE.parent, check=True)
    assert not done.stdout.strip(), done.stdout
