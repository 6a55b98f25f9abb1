"""The page's tables, regenerated from the saved queries named ``table-*``.

``kg export --tables DIR [--lang de]`` writes one Markdown file per table (German ones into
``DIR/de/``). Column headers (:func:`headers`, the site's too) are the labels, in the
chosen language, of what each column shows: the property (or the property an ``as``
alias names), the feature of ``supports(…)``, for ``name`` the class of the rows, after
``transpose`` the class of the rows' entities; in English a title the query gives a
column itself (``as "Minimum CUDA"``) heads it. The cells are the query's result as it
stands, written by the one Markdown writer (:mod:`kg.output.markdown`), but for a column
of the texts of notes about the rows (``^about.text``), which is no column of the page's:
a note's text qualifies the cell before it, as a supports cell's qualifier does its yes
(:func:`qualified`: "Real-time inference (Recommended for dev/test purposes only)").
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kg import checked as r
from kg.errors import ExportError
from kg.fileio import write_all
from kg.i18n import DEFAULT_LANG, yes_no
from kg.links import refuse_links_out
from kg.ontology import Ontology
from kg.output.cells import LIST_JOIN, value_text
from kg.output.markdown import table
from kg.own_inputs import refuse_others
from kg.planner import plan
from kg.result import Cell, EntityRef, Result
from kg.saved import SavedQuery, bind, list_saved, missing_source, queries_dir
from kg.saved.binding import in_file
from kg.vocab import KG

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["TABLE_PREFIX", "GENERATED", "page_tables", "table_markdown", "export_tables", "headers",
           "page_table", "page_columns", "saved_table", "source_columns", "qualified"]

T = TypeVar("T")

TABLE_PREFIX = "table-"


def is_page_table(saved: SavedQuery) -> bool:
    """Is ``saved`` one of kg's page tables (a shipped `table-…` query), which a document
    shows as the page does? A user's query, whatever its name, is shown as `kg run` shows
    it (its `^about.text` column was made qualifiers of another: hunt101 F3)."""
    if not saved.name.startswith(TABLE_PREFIX) or saved.path is None:
        return False
    return os.path.realpath(saved.path.parent) == os.path.realpath(queries_dir())


def page_tables(directory: Path | None = None) -> list[SavedQuery]:
    """The saved queries that regenerate a table of the page, by name: the shipped ones
    (or those in ``directory``), never a user's of the same name (which `kg run` runs)."""
    return [q for q in list_saved(directory or queries_dir()) if q.name.startswith(TABLE_PREFIX)]


def _show_headers(stmt: r.RStatement | None, titles: list[str], onto: Ontology, lang: str,
                  held: Sequence[str | None] = ()) -> list[str]:
    """Column headers: the label of what each column of a query's last ``show`` holds (of
    a column whose path may reach several classes, the class ``held`` names for it)."""
    if not isinstance(stmt, r.RQuery):
        return titles
    shows = [s for s in stmt.stages if isinstance(s, r.RShow)]
    if not shows or len(shows[-1].columns) != len(titles):
        return titles
    return [_capital(_header(expr, stmt, onto, lang, held[i] if i < len(held) else None))
            for i, expr in enumerate(shows[-1].columns)]


def _held(result: Result, column: int, expr: r.RExpr, stmt: r.RQuery,
          onto: Ontology) -> str | None:
    """The one class every entity a column shows is of, among those its path may reach
    (``^architecture`` from an architecture reaches GPUs and VM series; a table of series is
    headed so); of a ``name`` column, the rows' own entities."""
    if not isinstance(expr, r.RPath):
        return None
    if expr.steps == (r.RStep(r.LABEL),):  # after `follow`, the classes its path reaches
        follows = [st.path for st in stmt.stages if isinstance(st, r.RFollow)]
        iris = {f for f in result.focus if f}
        classes = follows[-1].kind.classes if follows else stmt.focus.classes
    else:
        cells = [row[column] for row in result.rows]
        iris = {v.iri for cell in cells for v in (cell if isinstance(cell, tuple) else (cell,))
                if isinstance(v, EntityRef)}
        classes = expr.kind.classes
    fits = [c for c in sorted(classes) if iris and all(onto.is_a(i, c) for i in iris)]
    return fits[0] if len(fits) == 1 else None


def _header(expr: r.RExpr, q: r.RQuery, onto: Ontology, lang: str,
            held: str | None = None) -> str:
    if isinstance(expr, r.RSupports):
        return onto.label(expr.feature, lang)
    steps = expr.steps
    if steps == (r.RStep(r.LABEL),) and expr.title.casefold() == "name":
        classes = [q.cls] if q.cls and not any(isinstance(s, r.RFollow) for s in q.stages) \
            else [held] if held else sorted(q.focus.classes)
        return onto.label(classes[0], lang) if classes else expr.title
    named = onto.find_property(expr.title)
    if named:
        return onto.label(named[0].iri, lang)
    if not steps:
        return expr.title
    last = steps[-1]
    if last.iri == r.LABEL:
        return onto.label(steps[-2].iri, lang) if len(steps) > 1 else expr.title
    if last.inverse and expr.kind.classes:
        return onto.label(held or sorted(expr.kind.classes)[0], lang)
    return onto.label(last.iri, lang)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def headers(result: Result, stmt: r.RStatement | None, onto: Ontology, lang: str) -> list[str]:
    """Column headers in ``lang`` (the site's and ``--tables``'): in English the query's own
    titles where it names a column (``as "Minimum CUDA"``), else the label of what the
    column shows; after `transpose`, the class of the rows' entities and the column
    entities' names."""
    if not isinstance(stmt, r.RQuery):
        return list(result.columns)
    if any(isinstance(s, r.RTranspose) for s in stmt.stages):
        return [_transposed_head(result, stmt, onto, lang), *result.columns[1:]]
    exprs = _expressions(stmt)
    shown = [exprs.get(title) for title in result.columns]
    if any(e is None for e in shown):
        return list(result.columns)
    stages = tuple(s for s in stmt.stages if isinstance(s, r.RFollow))
    plain = tuple(replace(e, title="name") if isinstance(e, r.RPath) and e.steps == (r.RStep(r.LABEL),)
                  else e for e in shown)  # a renamed `name` is still headed by the rows' class
    held = [_held(result, i, e, stmt, onto) for i, e in enumerate(shown)]  # type: ignore[arg-type]
    labels = _show_headers(replace(stmt, stages=(*stages, r.RShow(plain))),  # type: ignore[arg-type]
                           list(result.columns), onto, lang, held)
    return [title if lang == "en" and _named(e, onto) else label  # type: ignore[arg-type]
            for title, label, e in zip(result.columns, labels, shown, strict=True)]


def _expressions(stmt: r.RQuery) -> dict[str, r.RExpr]:
    """The expression behind each column title the query's stages make."""
    found: dict[str, r.RExpr] = {}
    for stage in stmt.stages:
        if isinstance(stage, r.RShow):
            found.update({e.title: e for e in stage.columns})
        elif isinstance(stage, r.RCollect):
            found.update({e.title: e for e in (*stage.by, stage.value)})
        elif isinstance(stage, r.RCount):
            found.update({e.title: e for e in stage.by})
    return found


def _named(expr: r.RExpr, onto: Ontology) -> bool:
    """Did the query name this column itself (``as "Minimum CUDA"``)? A property's name
    (``as minCuda``) names the value, not the header: the property's label heads it."""
    if not isinstance(expr, r.RPath) or onto.find_property(expr.title):
        return False
    parts = ["name" if s.iri == r.LABEL else ("^" if s.inverse else "") + _local(s.iri, onto)
             for s in expr.steps]
    return expr.title != ".".join(parts)


def _local(iri: str, onto: Ontology) -> str:
    prop = onto.properties.get(iri)
    return prop.name if prop is not None else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _transposed_head(result: Result, stmt: r.RQuery, onto: Ontology, lang: str) -> str:
    """The first column of a transposed table: its title in English, else the class of the
    entities its rows name (a feature)."""
    title = next((s.title for s in stmt.stages if isinstance(s, r.RTranspose)), None)
    if title and lang == "en":
        return title
    found = onto.find_entity(str(result.rows[0][0])) if result.rows else []
    cls = onto.class_of(found[0].iri) if len(found) == 1 else None
    label = onto.label(cls, lang) if cls else (title or result.columns[0])
    return label[:1].upper() + label[1:]


def table_markdown(saved: SavedQuery, graph: Graph, lang: str | None = None) -> str:
    """One page table as Markdown: a comment naming its saved query, then the pipe table."""
    lang = lang or graph.lang
    stmt = in_file(saved, graph.checked, bind(saved, {}, graph.ontology, lang))  # an error names
    # its file (it named none of the nine: hunt83 F10)
    result, head = page_table(graph.run(plan(stmt, lang)), stmt, graph.ontology, lang)
    origin = saved.path.name if saved.path else saved.name
    about = saved.description.replace("--", "–")
    revision = graph.store.revision
    of = f", as of the {revision.label()}" if revision else ""  # "page revision of 2024-01-23 (seed)"
    note = f"<!-- {about} {GENERATED} from {origin} ({lang}{of}). -->"
    return note + "\n\n" + table(result, head)


def page_table(result: Result, stmt: r.RStatement | None, onto: Ontology,
               lang: str) -> tuple[Result, list[str]]:
    """A page table's ``result`` as a document shows it, and its headers: its
    :func:`page_columns`, booleans in words (yes, ja). The one way `--tables` and a saved
    table written as md or html make it (`--saved` gave `true` and the seed's empty GPU
    column: hunt100 F2); the site, which cites each cell, takes the columns alone."""
    result, _ = page_columns(result, stmt)
    return _spoken(result, lang), headers(result, stmt, onto, lang)


def page_columns(result: Result, stmt: r.RStatement | None,
                 facts_of: Callable[[Result], list[list[T]]] | None = None,
                 ) -> tuple[Result, list[list[T]] | None]:
    """The columns of ``result`` a page table shows: those its source fills
    (:func:`source_columns`), a column of notes drawn into the cell before it
    (:func:`qualified`); with the facts ``facts_of`` gives of its cells, drawn alike."""
    result = source_columns(result)
    return qualified(result, stmt, facts_of(result) if facts_of else None)


def saved_table(saved: SavedQuery, result: Result, graph: Graph,
                given: dict[str, str] | None = None) -> Result:
    """``result`` of ``saved`` as its page table is in ``--tables`` and on the site
    (:func:`page_table`), headed as there, in the graph's language (`kg --lang de export
    --saved table-cuda-page -f md` kept the query's English titles over German rows:
    hunt92 F9)."""
    stmt = in_file(saved, graph.checked, bind(saved, given or {}, graph.ontology, graph.lang))
    result, heads = page_table(result, stmt, graph.ontology, graph.lang)
    named = dict(zip(result.columns, heads, strict=True))
    if len(set(named.values())) < len(named):  # two columns of one header: as they are
        return result
    return replace(result, columns=[named[c] for c in result.columns],
                   many=tuple(named[c] for c in result.many),
                   stacked=tuple(named[c] for c in result.stacked))


def source_columns(result: Result) -> Result:
    """A page table read `from` one source, with the columns that source fills: one it
    fills in no row is not one of its table's (the VM-series table names each series' GPU
    from the revision of 2026-03-31 on, and the seed's has no such column: hunt56 F4). The
    first column, the rows' names, stays; so does every column of a transposed table."""
    if result.within is None or result.many_rows is not None or not result.rows:
        return result
    keep = [i for i in range(len(result.columns))
            if i == 0 or any(row[i] not in (None, (), "") for row in result.rows)]
    if len(keep) == len(result.columns):
        return result
    return result.keeping(keep)


_NOTE_TEXT = (r.RStep(KG.about.value, inverse=True), r.RStep(KG.text.value))  #: `^about.text`


def qualified(result: Result, stmt: r.RStatement | None,
              facts: list[list[T]] | None = None) -> tuple[Result, list[list[T]] | None]:
    """``result`` (and the facts of its cells, ``facts``, as the site cites them) with each
    column of the texts of notes about its rows (a path ending ``^about.text``) drawn into
    the cell before it, as that cell's qualifier: the page's v1 inference table reads "Real-time
    inference <br> Recommended for dev/test purposes only." in one cell, which the graph
    states as the use case and a note of the table's source (hunt100 F1). The merged cell
    cites the facts of both."""
    exprs = _expressions(stmt) if isinstance(stmt, r.RQuery) else {}
    notes = [i for i, title in enumerate(result.columns) if i > 0 and _note_text(exprs.get(title))]
    notes = [i for i in notes if i - 1 not in notes]
    if not notes or result.many_rows is not None:
        return result, facts
    keep = [i for i in range(len(result.columns)) if i not in notes]

    def merged(row: list[Any], join: Callable[[Any, Any], Any]) -> list[Any]:
        row = list(row)
        for i in notes:
            row[i - 1] = join(row[i - 1], row[i])
        return [row[i] for i in keep]

    out = result.keeping(keep, [merged(row, _qualify) for row in result.rows])
    return out, None if facts is None else [merged(row, _joined) for row in facts]


def _note_text(expr: r.RExpr | None) -> bool:
    return isinstance(expr, r.RPath) and expr.steps[-2:] == _NOTE_TEXT


def _qualify(cell: Cell, note: Cell) -> Cell:
    """A cell with the texts of its notes as its qualifier, in parentheses (a note's own
    closing full stop left out there)."""
    texts = [value_text(v).strip() for v in (note if isinstance(note, tuple) else (note,))
             if v is not None]
    qualifier = "; ".join(t.removesuffix(".") for t in texts if t)
    if not qualifier:
        return cell
    if cell is None or cell == ():
        return qualifier
    values = cell if isinstance(cell, tuple) else (cell,)
    return f"{LIST_JOIN.join(value_text(v) for v in values)} ({qualifier})"


def _joined(a: list[Any], b: list[Any]) -> list[Any]:
    return [*a, *b]


#: How each table file says kg wrote it (a file of a table another revision has, found
#: so, is kg's to remove).
GENERATED = "Generated by `kg export --tables`"


def _spoken(result: Result, lang: str) -> Result:
    """``result`` with its booleans as the page writes them, yes or no in ``lang`` (as the
    site's tables and HTML show them), not JSON's ``true``."""
    def said(cell: Cell) -> Cell:
        if isinstance(cell, bool):
            return yes_no(cell, lang)
        if isinstance(cell, tuple):
            return tuple(yes_no(v, lang) if isinstance(v, bool) else v
                         for v in cell)
        return cell

    return replace(result, rows=[[said(c) for c in row] for row in result.rows])


def export_tables(directory: str | Path, graph: Graph, *, lang: str | None = None,
                  queries: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Write every page table to ``directory/NAME.md`` (NAME without ``table-``), creating
    ``directory`` when it is missing. Tables in another language than English go to
    ``directory/LANG/``, so a German export never overwrites the English files. A table
    that reads a source this revision has not (the SDK/CLI v1 training table as of the
    seed, whose page had one training table) is not one of its tables, and its file kg
    wrote there before (as of another revision) is removed: the folder holds one revision's
    tables. Every table is rendered before any is written, and then all are written or
    none (:func:`kg.fileio.write_all`). Returns the files written and those removed.

    Raises:
        ExportError: ``directory`` cannot be created or written, or there are no table queries.
    """
    lang = lang or graph.lang
    folder = Path(directory) / (lang if lang != DEFAULT_LANG else "")
    tables = page_tables(queries)
    if not tables:
        raise ExportError("no saved queries named table-* to export")
    paths = {saved.name: folder / f"{saved.name.removeprefix(TABLE_PREFIX)}.md" for saved in tables}
    tables = [t for t in tables if missing_source(t, graph.ontology) is None]  # this revision's
    files = {paths[saved.name]: table_markdown(saved, graph, lang) for saved in tables}
    refuse_links_out(files, directory)  # no table outside DIR, nor through a dangling link (hunt129 F3)
    refuse_others(files, _written_by_kg, "table `kg export --tables`", "a page of `kg docs`",
                  "tables")
    stale = [path for path in paths.values() if path not in files and _written_by_kg(path)]
    write_all(files, folders=[folder])
    for path in stale:
        path.unlink(missing_ok=True)
    return list(files), stale


def _written_by_kg(path: Path) -> bool:
    """Is ``path`` a table file `kg export --tables` wrote (its first line says so)?"""
    try:
        if not path.is_file():  # a FIFO would never answer (hunt47 #4), a folder is no table
            return False
        with path.open(encoding="utf-8", errors="replace") as f:
            first = f.readline(4096)
    except OSError:  # none, or one kg may not read: not kg's to remove
        return False
    return first.startswith("<!-- ") and GENERATED in first
