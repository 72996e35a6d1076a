"""The package's shape: imports point one way, without cycles, and no module grows too big.

``cli → document / compare → contract → model and the modules beside it``; ``compare``
may import ``document`` to render, ``amend`` (avenants) ``compare`` and ``document``, and ``follow`` (the follow-up and the bilan) ``contract``
and ``document``. Imports inside functions count: a cycle through a lazy
import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "csi_gen"
# What each subpackage may import besides itself and the top-level modules.
MAY_IMPORT = {
    "cli": {"contract", "document", "compare", "amend", "follow"},
    "amend": {"contract", "document", "compare"},
    "follow": {"contract", "document"},
    "compare": {"contract", "document"},
    "document": {"contract"},
    "contract": set(),
    "": set(),  # the top-level modules: model, wording, formatting, errors…
}
MAX_MODULE_LINES, MAX_CLASS_LINES, MAX_FUNCTION_LINES = 400, 250, 60
BEING_REWRITTEN: set[str] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def subpackage(module: str) -> str:
    """« contract » for csi_gen.contract.rules; « » for csi_gen.model; « cli » for python -m."""
    if module == "csi_gen.__main__":
        return "cli"
    parts = module.split(".")[1:]
    return parts[0] if parts and (PACKAGE / parts[0]).is_dir() else ""


def imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("csi_gen"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
    return found - {module}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_one_way(module):
    allowed = MAY_IMPORT[subpackage(module)] | {subpackage(module), ""}

    wrong = sorted(i for i in imports(module) if subpackage(i) not in allowed and i != "csi_gen")

    assert wrong == [], f"{module} imports {wrong}"


def test_no_import_cycle():
    graph = {module: imports(module) & set(MODULES) for module in MODULES}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in visiting:
            cycle = visiting[visiting.index(module) :]
            raise AssertionError(" → ".join([*cycle, module]))
        if module in done:
            return
        visiting.append(module)
        for imported in sorted(graph[module]):
            if not module.startswith(f"{imported}.") and imported != "csi_gen":
                visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if subpackage(m) not in BEING_REWRITTEN)
)
def test_modules_classes_and_functions_stay_small(module):
    text = MODULES[module].read_text(encoding="utf-8")
    too_big = (
        [f"{len(text.splitlines())} lines"] if len(text.splitlines()) > MAX_MODULE_LINES else []
    )
    for node in ast.walk(ast.parse(text)):
        limit = {ast.ClassDef: MAX_CLASS_LINES, ast.FunctionDef: MAX_FUNCTION_LINES}.get(type(node))
        if limit is not None and node.end_lineno - node.lineno + 1 > limit:
            too_big.append(f"{node.name}: {node.end_lineno - node.lineno + 1} lines")

    assert too_big == [], module


def test_each_subpackage_says_what_it_owns():
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, init
