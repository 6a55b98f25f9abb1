"""The shape of the code: the pipeline's layers only import downwards, nothing imports
in a circle, and no module, class or function grows past its limit (issue 9)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent / "kg"

#: Layers from the bottom up; a module may import only from its own layer or below.
#: Each entry is a module or package prefix under ``kg``.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "vocab", "i18n", "literals", "textscan", "paths", "limits", "rdfbridge", "records",
     "collector", "worker", "name_queries", "links", "tempfiles", "specialfiles", "fileio", "fileread", "own_inputs",
     "datafiles", "shipped", "transport"),
    ("ast", "evidence", "result", "checked", "hints", "parse_errors", "credentials"),
    ("store", "graphstore", "answers", "revisions", "value_ranges", "catalog", "ontology", "parser", "endpoint",
     "guard"),
    ("labels", "kinds", "context", "facts", "network", "plans", "names", "findings_where"),
    ("checker", "planner", "cells", "compat"),
    ("executor", "statement_runners", "steps", "reshape", "grouping", "filled_cells"),
    ("session", "validate", "diff", "params"),
    ("output", "saved", "tables", "docs", "publish"),
    ("site",),
    ("repl", "cli", "notebook", "__init__", "__main__"),
]
MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 400, 300, 50


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The kg modules ``path`` imports at run time (``if TYPE_CHECKING:`` blocks aside);
    ``from kg import ast`` imports the module ``kg.ast``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kg")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in modules else node.module)
    return found


def _graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    g = nx.DiGraph()
    for name, path in modules.items():
        g.add_node(name)
        for target in _imports(path, set(modules)):
            if target in modules and target != name:
                g.add_edge(name, target)
    return g


def _layer(module: str) -> int:
    rest = module.split(".", 1)[1] if "." in module else "__init__"
    top = rest.split(".", 1)[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_no_import_cycles() -> None:
    cycles = [c for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_imports_only_run_down() -> None:
    g = _graph()
    upward = [(a, b) for a, b in g.edges if _layer(b) > _layer(a)
              and not b.startswith(a + ".")]  # a package may import its own modules
    assert not upward, f"imports that run back up the layers: {sorted(upward)}"


#: The pipeline's stages, in order: none imports a later one, nor the parser the graph
#: (the layers above share a layer between stages: `planner` → `checker` would pass them,
#: hunt113 F7). ``compat`` is the check's rules, which the checker asks whether two kinds
#: relate; it is no stage.
STAGES = ("parser", "checker", "planner", "executor", "output")
_PARSER_KNOWS_NOT = ("store", "graphstore", "catalog", "ontology", "endpoint", "context")


def _top(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_no_stage_imports_a_later_one() -> None:
    g = _graph()
    later = [(a, b) for a, b in g.edges if _top(a) in STAGES and _top(b) in STAGES
             and STAGES.index(_top(b)) > STAGES.index(_top(a))]
    assert not later, f"a stage imports a later stage: {sorted(later)}"
    knows = [(a, b) for a, b in g.edges if _top(a) == "parser" and _top(b) in _PARSER_KNOWS_NOT]
    assert not knows, f"the parser imports the graph: {sorted(knows)}"


def test_every_module_has_a_layer() -> None:
    for module in _graph().nodes:
        _layer(module)


def _sizes() -> list[tuple[str, str, int, int]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT.parent))
        found.append((name, "module", len(source.splitlines()), MAX_MODULE))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                limit = MAX_CLASS if isinstance(node, ast.ClassDef) else MAX_FUNCTION
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((f"{name}:{node.lineno} {node.name}", "block", size, limit))
    return found


@pytest.mark.parametrize("kind", ["module", "block"])
def test_nothing_grows_past_its_limit(kind: str) -> None:
    too_big = [(n, s, limit) for n, k, s, limit in _sizes() if k == kind and s > limit]
    assert not too_big, f"over the limit (name, lines, limit): {too_big}"


def test_commands_without_a_statement_leave_the_pipeline_unloaded() -> None:
    """`kg --help`, `kg completion` and `kg list --names` (a shell runs them as you press
    Tab) import neither the session nor the stages after the parser, nor the ontology:
    ``kg.Graph`` loads when first asked for. (`kg list` and `kg show` check each saved query
    against the graph, as `kg run` would: they load them.)"""
    import subprocess
    import sys

    code = """
import io, sys
from kg.cli import main
for argv in (["completion", "bash"], ["list", "--names"]):
    assert main(argv, io.StringIO(), io.StringIO()) == 0, argv
try:
    main(["--help"], io.StringIO(), io.StringIO())
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if m.startswith("kg."))))
import kg
assert kg.Graph is kg.session.Graph and "kg.session" in sys.modules
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=False)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "kg.cli" in loaded
    assert not loaded & {"kg.session", "kg.checker", "kg.planner", "kg.executor", "kg.ontology",
                         "kg.compat", "kg.network", "kg.parser"}, loaded  # the parser: lark,
    # 25 ms (kg.params imported it with kg.cli, for every command, until the review of 5f018f1)


def test_the_pipeline_loads_no_json_reader_of_a_data_file() -> None:
    """kg.datafiles reads a JSON-LD file's language tags with json: imported when one is
    read, not at every statement's start (it imported json with kg.store, 1.2 ms)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys, kg.session; "
                           "print('json' in sys.modules)"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr
