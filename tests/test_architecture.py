"""The house as docs/architecture.md draws it, read from the code's imports: packages by pipeline
step and domain, dependencies pointing one way, no import circles (not even for type checking),
no module too large to read, and the build's top function one screen."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "civicsite"

# Who may import whom: a package may import its own modules and those of the layers below it.
LAYERS = [
    {"core"},
    {"markdown", "contacts", "hours", "events", "images"},   # domains
    {"content"},                                             # steps 1–3
    {"render"},                                              # step 4
    {"output"},                                              # step 5 (may import core only)
    {"editor"},
    {"build"},
    {"preview"},                                             # the preview's parts
    {"serve"},                                               # the preview server
    {"cli"},                                                 # the command line
]
ONLY_CORE = {"output"}  # writing files needs nothing of the content model
MAX_LINES = 400
# Known to be over, each with the reason it is not split yet. Empty this, do not grow it.
OVERSIZE: dict[str, str] = {}
TOP_FUNCTION = ("build/pipeline.py", "run", 45)


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Every civicsite module ``path`` imports, wherever the import stands (in a function, under
    TYPE_CHECKING): each is a dependency a reader has to follow."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for candidate in [target] + [f"{target}.{a.name}" for a in node.names]:
                if candidate in modules and candidate != name:
                    out.add(candidate)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modules and a.name != name}
    return out


MODULES = _modules()
GRAPH = {name: _imports(path, name, MODULES) for name, path in MODULES.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _layer(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def test_every_package_has_a_layer_and_says_what_it_holds():
    packages = {_package(m) for m in MODULES if _package(m)}
    unplaced = [p for p in packages if not any(p in layer for layer in LAYERS)]
    assert not unplaced, f"add them to LAYERS (and docs/architecture.md): {unplaced}"
    for package in packages:
        init = PACKAGE / package / "__init__.py"
        if init.exists():
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc and "import" in doc.lower(), f"{init}: say what it holds and what it may import"


def test_dependencies_point_down_the_pipeline():
    wrong = []
    for module, targets in GRAPH.items():
        here = _package(module)
        if not here:
            continue
        for target in targets:
            there = _package(target)
            if there == here or not there:
                continue
            allowed = there == "core" if here in ONLY_CORE else _layer(there) < _layer(here)
            if not allowed:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_circles():
    index, low, stack, on_stack, circles = {}, {}, [], set(), []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert not circles


def test_the_checks_above_would_fail(monkeypatch):
    """The graph is real: it has edges, and a planted upward import is caught."""
    assert sum(len(t) for t in GRAPH.values()) > 100
    assert "civicsite.content.pages" in GRAPH["civicsite.content.parses"]
    monkeypatch.setitem(GRAPH, "civicsite.core.errors", {"civicsite.render.pages"})
    with pytest.raises(AssertionError):
        test_dependencies_point_down_the_pipeline()


@pytest.mark.parametrize("module", sorted(MODULES), ids=lambda m: m)
def test_no_module_too_large_to_read(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    if module in OVERSIZE:
        assert lines > MAX_LINES, f"{module} fits now: remove it from OVERSIZE"
        return
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it by what it does"


def test_the_build_reads_like_a_table_of_contents():
    rel, name, most = TOP_FUNCTION
    tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    assert function.end_lineno - function.lineno + 1 <= most
    nested = [n.name for n in ast.walk(function) if n is not function
              and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
              and not isinstance(n, ast.Lambda)]
    assert not nested, f"{name} defines functions inside itself: {nested}"
