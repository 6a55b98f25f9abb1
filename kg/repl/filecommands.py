"""The dot-commands that read or write files: ``.save``, ``.run``, ``.export``, ``.load``.

Saved queries (:mod:`kg.saved`) and exports (:mod:`kg.export`) are imported
when a command runs, so the REPL starts without them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.repl.commands import command
from kg.repl.runner import run_statement
from kg.repl.state import ReplState

__all__ = ["saved_names", "export_formats"]

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def saved_names() -> list[str]:
    """The names ``.run`` accepts: every ``queries/*.kgq`` here and in the project."""
    folders = {Path.cwd() / "queries", Path(__file__).resolve().parents[2] / "queries"}
    names = {p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.kgq")}
    return sorted(names, key=str.casefold)


def export_formats() -> list[str]:
    """The formats ``.export`` accepts (empty when exports are not installed)."""
    try:
        from kg import export
    except ImportError:
        return []
    enum = getattr(export, "Format", None) or getattr(export, "ExportFormat", None)
    return [str(getattr(f, "value", f)) for f in enum] if enum is not None else []


@command("save", ".save NAME", "save the last statement as queries/NAME.kgq")
def _save(state: ReplState, args: list[str]) -> None:
    if len(args) != 1:
        raise UsageError("usage: .save NAME")
    if state.last_text is None:
        raise UsageError("nothing to save yet: run a statement first")
    from kg.saved import save_query

    used = {name: state.params[name] for name in _PARAM.findall(state.last_text)
            if name in state.params}
    path = save_query(args[0], state.last_text, used)
    state.say(f"saved to {path}")


@command("run", ".run NAME [NAME=VALUE …]", "run a saved query, with values for its parameters",
         complete=("saved", "param-value"))
def _run(state: ReplState, args: list[str]) -> None:
    if not args:
        names = ", ".join(saved_names()) or "none yet (.save NAME saves one)"
        raise UsageError(f"usage: .run NAME [NAME=VALUE …]; saved queries: {names}")
    from kg.saved import load_saved

    saved = load_saved(args[0])
    given: dict[str, str] = {}
    for item in args[1:]:
        name, sep, value = item.partition("=")
        if not sep or not name.lstrip("$").isidentifier():
            raise UsageError(f"expected NAME=VALUE, not {item!r}")
        given[name.lstrip("$")] = value
    params = {**_defaults(saved), **state.params, **given}
    run_statement(state, saved.text, params)


def _defaults(saved: Any) -> dict[str, str]:
    """Declared defaults of a saved query's parameters, whatever shape kg.saved gives them."""
    declared = getattr(saved, "params", None) or {}
    items = declared.values() if isinstance(declared, dict) else declared
    out: dict[str, str] = {}
    for param in items:
        default = getattr(param, "default", None)
        if default is not None:
            out[str(param.name)] = str(default)
    return out


@command("export", ".export FMT FILE", "write the last result (and the facts behind it) to FILE",
         complete=("export", "file"))
def _export(state: ReplState, args: list[str]) -> None:
    if len(args) != 2:
        raise UsageError("usage: .export FMT FILE")
    if state.last_result is None:
        raise UsageError("nothing to export yet: run a statement first")
    from kg.export import export

    text = export(state.last_result, args[0], graph=state.graph)
    path = Path(args[1]).expanduser()
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        from kg.errors import ExportError

        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    state.say(f"wrote {path} ({len(text.splitlines())} lines)")


@command("load", ".load FILE", "load an RDF file (.ttl, .trig, .nt, .jsonld) on top of the graph",
         complete=("file",))
def _load(state: ReplState, args: list[str]) -> None:
    if len(args) != 1:
        raise UsageError("usage: .load FILE")
    before = len(state.graph.store)
    state.graph.load(Path(args[0]).expanduser())
    added = len(state.graph.store) - before
    state.say(f"loaded {args[0]}: {added} new statements, "
              f"{len(state.graph.ontology.entities)} entities")
