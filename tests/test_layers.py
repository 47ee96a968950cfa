"""The package's import graph keeps its shape (read from the source with ``ast``, nothing run).

Every import counts, also those inside functions and under ``TYPE_CHECKING``: a lazy import
is still a dependency a reader must follow, and a type-only cycle is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cadre_desk"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports: ``from a.b import c`` names ``a.b.c`` when that is a
    module, else ``a.b``; relative imports are resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                child = f"{target}.{alias.name}"
                found.add(child if child in modules else target)
    return {module for module in found if module in modules and module != name}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_walk_sees_known_imports(graph: dict[str, set[str]]) -> None:
    # Guards the walker itself: a broken resolver would make every rule below pass vacuously.
    assert "cadre_desk.storage.database" in graph["cadre_desk.app"]
    assert "cadre_desk.services.inbox" in graph["cadre_desk.ui.inbox.page"]
    assert "cadre_desk.storage.base" in graph["cadre_desk.storage.models"]
    assert len(graph) > 200


def test_ui_reaches_storage_and_sources_only_through_services(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _in(module, "cadre_desk.ui")
        for target in targets
        if _in(target, "cadre_desk.storage") or _in(target, "cadre_desk.sources")
    )
    assert wrong == []


def test_domain_imports_nothing_of_the_project(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _in(module, "cadre_desk.domain")
        for target in targets
        if not _in(target, "cadre_desk.domain")
    )
    assert wrong == []


def test_nothing_below_ui_imports_ui(graph: dict[str, set[str]]) -> None:
    lower = ("domain", "storage", "sources", "services", "platform", "server")
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if any(_in(module, f"cadre_desk.{layer}") for layer in lower)
        for target in targets
        if _in(target, "cadre_desk.ui")
    )
    assert wrong == []


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_cycle_finder_finds_a_cycle() -> None:
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    assert import_cycles(graph) == []


MAX_MODULE_LINES = 600  # house style: a module a newcomer can read in one sitting


def test_no_module_is_over_600_lines() -> None:
    too_long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts  # generated, one revision a file
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not too_long, f"split these modules: {too_long}"
