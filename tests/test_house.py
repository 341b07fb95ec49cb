"""The shape of the house: no import circles in the library, no module too long to read, no
Streamlit in the library, and no test that checks nothing.

The import graph is read from the source (every import, including the lazy ones inside
functions and those under TYPE_CHECKING), so a circle cannot hide behind a lazy import.
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

LIBRARY = ROOT / "bodymap"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(LIBRARY.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The library modules `name` imports (a package's own __init__ counts as the package)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
                break
    return found


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                out.append(sorted([v, *group]))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_library_has_no_import_circle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph["bodymap.model"] >= {"bodymap.poses.skeleton"}, "the graph is read (the model checks poses)"
    assert _circles(graph) == []


def test_a_circle_is_found():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_content_model_does_not_load_drawing_code():
    modules = _modules()
    assert _imports("bodymap.model", modules["bodymap.model"], modules) <= {"bodymap.poses.skeleton", "bodymap.poses"}


def test_no_library_module_is_longer_than_500_lines():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()}
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}


def test_the_library_never_imports_streamlit():
    users = [name for name, path in _modules().items()
             if any(isinstance(node, (ast.Import, ast.ImportFrom))
                    and any((alias.name if isinstance(node, ast.Import) else node.module or "").startswith("streamlit")
                            for alias in node.names)
                    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert users == []


# ---------------------------------------------------------------- every test checks something

TESTS = ROOT / "tests"
CHECKS = {"expect", "raises", "fail"}  # playwright's expect, pytest.raises, pytest.fail


def _called(node: ast.AST) -> set[str]:
    return {call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
            for call in ast.walk(node) if isinstance(call, ast.Call)
            and isinstance(call.func, (ast.Attribute, ast.Name))}


def _functions() -> dict[str, list[ast.FunctionDef]]:
    found: dict[str, list[ast.FunctionDef]] = {}
    for path in TESTS.rglob("*.py"):
        if "node_modules" not in path.parts:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef):
                    found.setdefault(node.name, []).append(node)
    return found


def _unchecked(functions: dict[str, list[ast.FunctionDef]]) -> list[str]:
    """Tests with no assert, expect, pytest.raises or pytest.fail, in them or in a helper of
    the test suite they call (helpers are found by name)."""
    checks: dict[str, bool] = {}

    def checked(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name not in checks:
            if name in seen or name not in functions:
                return False
            nodes = functions[name]
            checks[name] = any(isinstance(n, ast.Assert) for node in nodes for n in ast.walk(node)) or any(
                callee in CHECKS or checked(callee, seen | {name}) for node in nodes for callee in _called(node))
        return checks[name]

    return sorted(name for name in functions if name.startswith("test_") and not checked(name))


def test_every_test_checks_something():
    assert _unchecked(_functions()) == []


def test_a_test_that_only_waits_is_found():
    source = """
def helper(page):
    assert page
def test_waits(page):
    page.locator("h2").wait_for()
def test_through_a_helper(page):
    helper(page)
def test_expects(page):
    expect(page).to_have_title("x")
"""
    functions: dict[str, list[ast.FunctionDef]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            functions.setdefault(node.name, []).append(node)
    assert _unchecked(functions) == ["test_waits"]
