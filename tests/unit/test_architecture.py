"""The shape of the house: funnel/ knows no screen, its modules import each other without
cycles, and the arrows point the way docs/ARCHITECTURE.md draws them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "funnel"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, everywhere: bool) -> set[str]:
    """The funnel modules ``path`` imports: at module level only, or also inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree) if everywhere else iter(tree.body)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # "from funnel import queries" imports the module funnel.queries
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _graph(everywhere: bool) -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {m for m in _imports(path, everywhere) if m in modules and m != name}
        for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (as a path), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_funnel_never_imports_streamlit() -> None:
    offenders = sorted(
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(path, True))
    )
    assert offenders == []


def test_importing_the_domain_loads_no_streamlit() -> None:
    code = (
        "import sys, funnel.cli, funnel.services, funnel.queries, funnel.exports, funnel.demo;"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_the_domain_modules_import_each_other_without_a_cycle() -> None:
    # module-level imports: a cycle here breaks "import funnel.x" depending on which comes first
    assert _cycle(_graph(everywhere=False)) is None


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        # the rules and the storage never reach up to the operations or the screens' reads
        ("funnel.stages", "funnel.services"),
        ("funnel.stages", "funnel.queries"),
        ("funnel.stages", "funnel.db"),
        ("funnel.rights", "funnel.services"),
        ("funnel.rights", "funnel.queries"),
        ("funnel.metrics", "funnel.services"),
        ("funnel.metrics", "funnel.queries"),
        ("funnel.imports", "funnel.services"),
        ("funnel.queries", "funnel.services"),
        ("funnel.directory", "funnel.services"),
        ("funnel.db", "funnel.services"),
        ("funnel.models", "funnel.services"),
    ],
)
def test_the_arrows_point_down(lower: str, higher: str) -> None:
    graph = _graph(everywhere=True)
    reachable, todo = set(), [lower]
    while todo:
        for target in graph[todo.pop()]:
            if target not in reachable:
                reachable.add(target)
                todo.append(target)
    assert higher not in reachable


def test_the_cycle_finder_finds_a_cycle() -> None:
    # the checks above are only worth something if the finder can say yes
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
