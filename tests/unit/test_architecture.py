"""The shape of the house: funnel/ knows no screen, its modules import each other without
cycles, and the arrows point the way docs/ARCHITECTURE.md draws them."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from funnel import store

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


# --- one write path per table (issue 7) -----------------------------------------------------------

#: A write in SQL: the table after INSERT INTO / REPLACE INTO / UPDATE / DELETE FROM (upper case,
#: as this code base writes SQL); a computed name ("{table}") is kept as written.
_SQL_WRITE = re.compile(
    r"(?<!DO )\b(?:INSERT(?: OR \w+)? INTO|REPLACE INTO|UPDATE(?: OR \w+)?|DELETE FROM)\s+"
    r"(?:main\.)?(\{[^}]*\}|\w+)"
)
#: What a trigger's header says after UPDATE (AFTER UPDATE ON t, UPDATE OF c ON t): no write.
_NOT_A_TABLE = {"ON", "OF", "SET"}
#: sqlite-utils' writing methods of a table (db.table("t").update(...), db["t"].insert(...)).
_TABLE_WRITES = {"insert", "insert_all", "upsert", "upsert_all", "update", "delete", "delete_where"}


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's with each placeholder as ``{expression}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"  # type: ignore[attr-defined]
            for v in node.values
        )
    return None


def writes_of(source: str, module: str) -> set[tuple[str, str, int]]:
    """Every table ``source`` writes: (module, table, line); a computed table name as written
    ("{table}"). SQL in strings (not docstrings), sqlite-utils table methods, insert_row."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found: set[tuple[str, str, int]] = set()
    parts_of_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in parts_of_fstrings:
            continue
        text = _text(node)
        if text is not None:
            for match in _SQL_WRITE.finditer(text):
                if match.group(1) not in _NOT_A_TABLE:
                    found.add((module, match.group(1), node.lineno))  # type: ignore[attr-defined]
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "insert_row" and len(node.args) > 1:
            name = _text(node.args[1]) or "{" + ast.unparse(node.args[1]) + "}"
            found.add((module, name, node.lineno))
        if isinstance(func, ast.Attribute) and func.attr in _TABLE_WRITES:
            target = func.value
            if (
                isinstance(target, ast.Call)
                and isinstance(target.func, ast.Attribute)
                and target.func.attr == "table"
                and target.args
            ):
                name = _text(target.args[0]) or "{" + ast.unparse(target.args[0]) + "}"
                found.add((module, name, node.lineno))
            elif isinstance(target, ast.Subscript):
                name = _text(target.slice) or "{" + ast.unparse(target.slice) + "}"
                found.add((module, name, node.lineno))
    return found


#: Modules that write tables by a computed name, and which tables those are.
COMPUTED_WRITES = {
    "funnel.db": {"*"},  # insert_row (its callers name the table) and the schema's triggers
    "funnel.directory": {"organisations", "persons"},  # merge / undo: _TABLES[entity]
    "funnel.plan": {"*"},  # replays the planned copy: PLANNED_TABLES
    "funnel.store": set(store.FREE_TEXT_TABLES),  # replace_free_text
}


def violations(writes: set[tuple[str, str, int]]) -> list[str]:
    """Each write by a module that does not own the table (and is not a listed exception)."""
    found = []
    for module, table, line in sorted(writes):
        if table.startswith("{"):
            tables = COMPUTED_WRITES.get(module)
            if tables is None:
                found.append(f"{module}:{line} writes a table by a computed name ({table})")
                continue
        else:
            tables = {table}
        for name in sorted(tables):
            if name == "*" and (module, "*") in store.NOT_OWNER_WRITES:
                continue
            owner = store.OWNERS.get(name)
            if owner is None:
                found.append(f"{module}:{line} writes {name}, which has no owner in store.OWNERS")
            elif owner != module and not {(module, name), (module, "*")} & set(
                store.NOT_OWNER_WRITES
            ):
                found.append(f"{module}:{line} writes {name}, owned by {owner}")
    return found


def _funnel_writes() -> set[tuple[str, str, int]]:
    found: set[tuple[str, str, int]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        found |= writes_of(path.read_text(encoding="utf-8"), _module_name(path))
    return found


def test_every_table_is_written_by_its_owner_only() -> None:
    assert violations(_funnel_writes()) == []


def test_every_table_of_the_schema_has_an_owner() -> None:
    from funnel import db as storage

    database = storage.connect(":memory:")
    tables = {r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables - set(store.OWNERS) - {"sqlite_sequence"} == set()


def test_the_owners_are_the_writers() -> None:
    # each owner writes its table (a stale map would let anyone hide behind it)
    writers = {(module, table) for module, table, _ in _funnel_writes()}
    for table, owner in store.OWNERS.items():
        if table == "sign_in_failures_new":  # a migration's rebuilt table, written in SQL
            continue
        assert (owner, table) in writers, (table, owner)


@pytest.mark.parametrize(
    "planted",
    [
        'def f(db):\n    db.execute("INSERT INTO attendance (activity_id) VALUES (?)", [1])\n',
        'def f(db, i):\n    db.execute(f"DELETE FROM use_cases WHERE id = {i}")\n',
        'def f(db):\n    db.table("organisations").update(1, {"kind": "company"})\n',
        'def f(db):\n    db["intakes"].insert({"notes": ""})\n',
        'def f(db):\n    insert_row(db, "stage_events", {"note": ""})\n',
        'def f(db):\n    db.conn.executemany("UPDATE persons SET name = ? WHERE id = ?", [])\n',
        'def f(db, table):\n    db.execute(f"UPDATE {table} SET note = ? WHERE id = ?", ["", 1])\n',
    ],
)
def test_a_second_writer_is_found(planted: str) -> None:
    # the check is only worth something if it can say no: a write planted in services (or in
    # imports) of a table another module owns
    for module in ("funnel.services", "funnel.imports"):
        assert violations(writes_of(planted, module)), (module, planted)
    owner_write = 'def f(db):\n    db.execute("DELETE FROM attendance WHERE id = ?", [1])\n'
    assert violations(writes_of(owner_write, "funnel.store")) == []
    docstring = 'def f(db):\n    """Every INSERT INTO attendance goes through here."""\n'
    assert violations(writes_of(docstring, "funnel.services")) == []
