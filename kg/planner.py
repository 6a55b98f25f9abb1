"""Plan: a checked statement → SPARQL (or a graph-algorithm step) the executor runs.

Values enter the SPARQL as serialized graph terms (pyoxigraph escapes them) or,
for parameters, as variables bound at execution time: never as pasted text.
Nothing compiled here writes or reaches the network: only SELECT, no SERVICE.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import checked as r
from kg.store import version_key
from kg.vocab import FN_NS, KG_NS, PREFIXES

__all__ = ["Plan", "Column", "plan"]

_VERSION = KG_NS + "version"
_HEADER_PREFIXES = ("rdf", "rdfs", "kg", "ent", "fn")
_TOKEN_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@dataclass(frozen=True)
class Column:
    """One output column: its title, the SPARQL variable holding its values, its kind."""

    title: str
    var: str
    kind: r.Kind
    label_var: str | None = None
    supports: bool = False


@dataclass(frozen=True)
class Plan:
    kind: str  #: "rows", "count", "describe", "path", "neighbors", "check", "schema"
    sparql: str = ""
    columns: tuple[Column, ...] = ()
    bindings: dict[str, ox.NamedNode | ox.Literal] = field(default_factory=dict)
    focus: str = "x0"
    distinct: bool = False
    post_limit: int | None = None
    lang: str = "en"
    statement: r.RStatement | None = None
    check_with: str | None = None  #: check each row's entity with this one


def plan(stmt: r.RStatement, *, lang: str = "en") -> Plan:
    """Compile a checked statement. Queries become one SELECT; the rest name their step."""
    if isinstance(stmt, r.RQuery):
        return _QueryCompiler(lang).compile(stmt)
    if isinstance(stmt, r.RDescribe):
        return Plan("describe", _describe_sparql(stmt.entity), lang=lang, statement=stmt)
    kind = {r.RPathStmt: "path", r.RNeighbors: "neighbors", r.RCheck: "check",
            r.RSchema: "schema"}[type(stmt)]
    return Plan(kind, lang=lang, statement=stmt)


def term(t: ox.NamedNode | ox.Literal) -> str:
    """A term as SPARQL text: a prefixed name where one reads well, else escaped N-Triples."""
    if isinstance(t, ox.NamedNode):
        for prefix in _HEADER_PREFIXES:
            base = PREFIXES[prefix]
            local = t.value[len(base):]
            if t.value.startswith(base) and local and set(local) <= _TOKEN_SAFE \
                    and not local[0].isdigit() and not local.startswith("-"):
                return f"{prefix}:{local}"
    return str(t)


def _string(text: str) -> str:
    return str(ox.Literal(text))


def _header() -> str:
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in _HEADER_PREFIXES)


def _ppath(path: r.RPath) -> str:
    parts = []
    for step in path.steps:
        iri = PREFIXES["rdfs"] + "label" if step.iri == r.LABEL else step.iri
        parts.append(("^" if step.inverse else "") + term(ox.NamedNode(iri)))
    return "/".join(parts)


class _QueryCompiler:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.fresh = itertools.count(1)
        self.bindings: dict[str, ox.NamedNode | ox.Literal] = {}
        self.graph: str | None = None

    def var(self, stem: str) -> str:
        return f"{stem}{next(self.fresh)}"

    def scoped(self, pattern: str) -> str:
        """A pattern over facts: inside the query's source graph when it names one (`from`)."""
        return f"GRAPH {term(ox.NamedNode(self.graph))} {{ {pattern} }}" if self.graph else pattern

    def walk(self, subject: str, path: r.RPath, obj: str) -> str:
        """``?subject`` along ``path`` to ``obj``; labels are names, never scoped to a source."""
        if not path.steps:
            return f"BIND(?{subject} AS {obj})"
        pattern = f"?{subject} {_ppath(path)} {obj} ."
        return pattern if path.steps == (r.RStep(r.LABEL),) else self.scoped(pattern)

    # --- the focus pattern ------------------------------------------------------

    def compile(self, q: r.RQuery) -> Plan:
        focus = "x0"
        self.graph = q.within
        lines: list[str] = []
        if q.cls is not None and len(q.subclasses) <= 1:
            lines.append(self.scoped(f"?{focus} rdf:type {term(ox.NamedNode(q.cls))} ."))
        elif q.cls is not None:
            classes = " ".join(term(ox.NamedNode(c)) for c in q.subclasses)
            lines.append(f"VALUES ?t0 {{ {classes} }} " + self.scoped(f"?{focus} rdf:type ?t0 ."))
        else:
            lines.append(f"VALUES ?{focus} {{ {term(ox.NamedNode(q.entity or ''))} }}")
        if q.walk is not None:
            nxt = self.var("x")
            lines.append(self.walk(focus, q.walk, f"?{nxt}"))
            focus = nxt
        kind = q.focus
        sort: tuple[tuple[r.RExpr | r.RColumn, bool], ...] = ()
        columns: tuple[r.RExpr, ...] | None = None
        distinct, limit, post_limit = False, None, None
        check_with: str | None = None
        for stage in q.stages:
            if isinstance(stage, r.RWhere):
                before = set(self.bindings)
                text = self.cond(stage.cond, focus)
                lines.extend(self.values(set(self.bindings) - before))
                lines.append(f"FILTER({text})")
            elif isinstance(stage, r.RFollow):
                nxt = self.var("x")
                lines.append(self.walk(focus, stage.path, f"?{nxt}"))
                focus, kind = nxt, stage.path.kind
            elif isinstance(stage, r.RSort):
                sort = stage.items
            elif isinstance(stage, r.RLimit):
                if distinct:
                    post_limit = stage.count
                elif columns is None:
                    lines = [self.limited(lines, focus, kind, sort, stage.count)]
                else:
                    limit = stage.count
            elif isinstance(stage, r.RShow):
                columns = stage.columns
            elif isinstance(stage, r.RDistinct):
                distinct = columns is not None
            elif isinstance(stage, r.RCheckWith):
                check_with = stage.entity
            elif isinstance(stage, r.RCount):
                return self.count(lines, focus, stage, q, sort, limit_after(q.stages, stage))
        if columns is None:
            columns = (_default_column(kind, q),)
        compiled = self.rows(lines, focus, columns, sort, limit, distinct, post_limit, q)
        return dataclasses.replace(compiled, check_with=check_with)

    def limited(self, lines: list[str], focus: str, kind: r.Kind,
                sort: tuple[tuple[r.RExpr | r.RColumn, bool], ...], n: int) -> str:
        keys, key_lines = self.sort_keys(focus, sort, (_default_column(kind, None),))
        select = " ".join([f"?{focus}", *(f"({agg}(?{v}) AS ?{k})" for v, k, agg, _ in keys)])
        order = " ".join([*(f"{d}(?{k})" for _, k, _, d in keys), f"?{focus}"])
        body = "\n    ".join([*lines, *key_lines])
        return (f"{{ SELECT {select} WHERE {{\n    {body}\n  }} GROUP BY ?{focus} "
                f"ORDER BY {order} LIMIT {n} }}")

    # --- rows --------------------------------------------------------------------

    def rows(self, lines: list[str], focus: str, exprs: tuple[r.RExpr, ...],
             sort: tuple[tuple[r.RExpr | r.RColumn, bool], ...], limit: int | None,
             distinct: bool, post_limit: int | None, q: r.RQuery) -> Plan:
        keys, key_lines = self.sort_keys(focus, sort, exprs)
        inner_select = " ".join([f"?{focus}", *(f"({agg}(?{v}) AS ?{k})" for v, k, agg, _ in keys)])
        order = " ".join([*(f"{d}(?{k})" for _, k, _, d in keys), f"?{focus}"])
        body = "\n      ".join([*lines, *key_lines])
        inner = (f"{{ SELECT {inner_select} WHERE {{\n      {body}\n    }} GROUP BY ?{focus}"
                 f" ORDER BY {order}{f' LIMIT {limit}' if limit is not None else ''} }}")
        columns, cell_lines = [], []
        for i, expr in enumerate(exprs):
            col, pattern = self.cell(focus, expr, f"c{i}")
            columns.append(col)
            cell_lines.append(pattern)
        projected = [f"?{focus}", *(f"?{k}" for _, k, _, _ in keys)]
        for c in columns:
            projected.append(f"?{c.var}")
            if c.label_var:
                projected.append(f"?{c.label_var}")
        sparql = (_header() + f"SELECT {' '.join(projected)} WHERE {{\n  {inner}\n  "
                  + "\n  ".join(cell_lines) + f"\n}}\nORDER BY {order}\n")
        return Plan("rows", sparql, tuple(columns), self.bindings, focus, distinct, post_limit,
                    self.lang, q)

    def cell(self, focus: str, expr: r.RExpr, var: str,
             label_lang: str | None = None) -> tuple[Column, str]:
        if isinstance(expr, r.RSupports):
            qual = self.var("q")
            feature = term(ox.NamedNode(expr.feature))
            supports = self.scoped(f"?{focus} kg:supports {feature} .")
            qualified = self.scoped(f"?{qual} kg:target ?{focus} ; kg:feature {feature} ; "
                                    f"kg:qualifier ?{var}l .")
            pattern = (f"OPTIONAL {{ {supports} BIND(true AS ?{var}) }}\n  "
                       f"OPTIONAL {{ {qualified} }}")
            return Column(expr.title, var, expr.kind, f"{var}l", supports=True), pattern
        label = f"{var}l" if expr.kind.kind == "entity" else None
        walk = self.walk(focus, expr, f"?{var}")
        if label:
            only = f" FILTER(LANGMATCHES(LANG(?{label}), {_string(label_lang)}))" if label_lang else ""
            walk += f" OPTIONAL {{ ?{var} rdfs:label ?{label} .{only} }}"
        return Column(expr.title, var, expr.kind, label), f"OPTIONAL {{ {walk} }}"

    # --- sorting ---------------------------------------------------------------

    def sort_keys(self, focus: str, sort: tuple[tuple[r.RExpr | r.RColumn, bool], ...],
                  columns: tuple[r.RExpr, ...]) -> tuple[list[tuple[str, str, str, str]], list[str]]:
        """(value var, key var, aggregate, direction) per key, and the patterns binding them."""
        items = [(columns[i.index] if isinstance(i, r.RColumn) else i, d) for i, d in sort]
        if not items and columns:
            items = [(columns[0], False)]
        keys, lines = [], []
        for expr, desc in items:
            v = self.var("s")
            lines.append(self.key_pattern(focus, expr, v))
            keys.append((v, self.var("k"), "MAX" if desc else "MIN", "DESC" if desc else "ASC"))
        return keys, lines

    def key_pattern(self, focus: str, expr: r.RExpr, v: str) -> str:
        if isinstance(expr, r.RSupports):
            feature = term(ox.NamedNode(expr.feature))
            return f"OPTIONAL {{ {self.scoped(f'?{focus} kg:supports {feature} .')} BIND(0 AS ?{v}) }}"
        raw = self.var("v")
        walk = self.walk(focus, expr, f"?{raw}")
        kind = expr.kind
        if kind.kind == "entity" and kind.compares_by:
            n = self.var("n")
            cmp = term(ox.NamedNode(kind.compares_by))
            return (f"OPTIONAL {{ {walk} ?{raw} {cmp} ?{n} . "
                    f"BIND(<{FN_NS}versionKey>(?{n}) AS ?{v}) }}")
        if kind.kind == "entity":
            lab = self.var("l")
            return (f"OPTIONAL {{ {walk} ?{raw} rdfs:label ?{lab} . "
                    f"FILTER(LANGMATCHES(LANG(?{lab}), {_string(self.lang)})) "
                    f"BIND(LCASE(STR(?{lab})) AS ?{v}) }}")
        if kind.kind == "version":
            return f"OPTIONAL {{ {walk} BIND(<{FN_NS}versionKey>(?{raw}) AS ?{v}) }}"
        if kind.kind == "string":
            lang_ok = f"(LANG(?{raw}) = \"\" || LANGMATCHES(LANG(?{raw}), {_string(self.lang)}))"
            return f"OPTIONAL {{ {walk} FILTER({lang_ok}) BIND(LCASE(STR(?{raw})) AS ?{v}) }}"
        return f"OPTIONAL {{ {walk} BIND(?{raw} AS ?{v}) }}"

    # --- count -----------------------------------------------------------------

    def count(self, lines: list[str], focus: str, stage: r.RCount, q: r.RQuery,
              sort: tuple[tuple[r.RExpr | r.RColumn, bool], ...], limit: int | None) -> Plan:
        body = "\n  ".join(lines)
        count_col = Column("count", "count", r.Kind("number"))
        if not stage.by:
            sparql = (_header() + f"SELECT (COUNT(DISTINCT ?{focus}) AS ?count) WHERE {{\n  "
                      f"{body}\n}}\n")
            return Plan("count", sparql, (count_col,), self.bindings, focus, lang=self.lang,
                        statement=q)
        columns, group_lines, group_vars = [], [], []
        for i, expr in enumerate(stage.by):
            col, pattern = self.cell(focus, expr, f"g{i}", label_lang=self.lang)
            columns.append(col)
            group_lines.append(pattern)
            group_vars.append(f"?{col.var}")
        labels = [f"(SAMPLE(?{c.label_var}) AS ?{c.label_var}s)" for c in columns if c.label_var]
        columns = [Column(c.title, c.var, c.kind, f"{c.label_var}s" if c.label_var else None,
                          c.supports) for c in columns]
        sort_after = limit_sort(q.stages, stage)
        order = []
        for ref, desc in sort_after:
            idx = ref.index if isinstance(ref, r.RColumn) else -1
            target = "?count" if idx >= len(columns) or idx < 0 else \
                f"?{columns[idx].label_var or columns[idx].var}"
            order.append(f"{'DESC' if desc else 'ASC'}({target})")
        order += [f"ASC(?{c.label_var or c.var})" for c in columns]
        sparql = (_header() + f"SELECT {' '.join(group_vars)} {' '.join(labels)} "
                  f"(COUNT(DISTINCT ?{focus}) AS ?count) WHERE {{\n  {body}\n  "
                  + "\n  ".join(group_lines) + f"\n}}\nGROUP BY {' '.join(group_vars)}\n"
                  f"ORDER BY {' '.join(order)}\n" + (f"LIMIT {limit}\n" if limit is not None else ""))
        return Plan("count", sparql, (*columns, count_col), self.bindings, focus,
                    lang=self.lang, statement=q)

    # --- conditions --------------------------------------------------------------

    def cond(self, cond: r.RCond, focus: str) -> str:
        if isinstance(cond, r.RNot):
            return f"!({self.cond(cond.cond, focus)})"
        if isinstance(cond, r.RAnd):
            return "(" + " && ".join(self.cond(c, focus) for c in cond.conds) + ")"
        if isinstance(cond, r.ROr):
            return "(" + " || ".join(self.cond(c, focus) for c in cond.conds) + ")"
        if isinstance(cond, r.RIs):
            cls = term(ox.NamedNode(cond.cls))
            return f"EXISTS {{ {self.scoped(f'?{focus} rdf:type/rdfs:subClassOf* {cls} .')} }}"
        if isinstance(cond, r.RHas):
            return f"EXISTS {{ {self.walk(focus, cond.path, '?' + self.var('v'))} }}"
        if isinstance(cond, r.RContains):
            return self.contains(cond, focus)
        if isinstance(cond, r.RIn):
            return "(" + " || ".join(self.compare(cond.path, "=", v, focus)
                                     for v in cond.values) + ")" if cond.values else "false"
        return self.compare(cond.path, cond.op, cond.value, focus)

    def contains(self, cond: r.RContains, focus: str) -> str:
        needle = f"LCASE({_string(cond.text)})"
        v = self.var("v")
        if isinstance(cond.expr, r.RSupports):
            q = self.var("q")
            feature = term(ox.NamedNode(cond.expr.feature))
            qualified = self.scoped(f"?{q} kg:target ?{focus} ; kg:feature {feature} ; "
                                    f"kg:qualifier ?{v} .")
            return f"EXISTS {{ {qualified} FILTER(CONTAINS(LCASE(STR(?{v})), {needle})) }}"
        walk = self.walk(focus, cond.expr, f"?{v}")
        if cond.expr.kind.kind == "entity":
            lab = self.var("l")
            walk += f" ?{v} rdfs:label ?{lab} ."
            v = lab
        return f"EXISTS {{ {walk} FILTER(CONTAINS(LCASE(STR(?{v})), {needle})) }}"

    def values(self, names: set[str]) -> list[str]:
        """Parameters enter as VALUES rows of graph terms (serialized by pyoxigraph)."""
        return [f"VALUES ?{n} {{ {term(self.bindings[n])} }}" for n in sorted(names)]

    def value(self, t: r.RTerm, transform: str = "") -> str:
        """The value's SPARQL text: a bound variable for a parameter, else the term."""
        val = t.term
        if transform == "key":
            val = ox.Literal(version_key(val.value))
        if t.param is not None:
            name = f"p_{t.param}" + ("_key" if transform == "key" else "")
            self.bindings[name] = val
            return f"?{name}"
        return term(val)

    def compare(self, path: r.RPath, op: str, t: r.RTerm, focus: str) -> str:
        v = self.var("v")
        walk = self.walk(focus, path, f"?{v}")
        kind = path.kind
        is_version_literal = isinstance(t.term, ox.Literal) and t.term.datatype.value == _VERSION
        if kind.kind == "entity" and kind.compares_by and (is_version_literal or op not in ("=", "!=")):
            n = self.var("n")
            cmp = term(ox.NamedNode(kind.compares_by))
            if is_version_literal:
                rhs = self.value(t, "key")
            else:
                m = self.var("m")
                walk += f" {self.value(t)} {cmp} ?{m} ."
                rhs = f"<{FN_NS}versionKey>(?{m})"
            return (f"EXISTS {{ {walk} ?{v} {cmp} ?{n} . "
                    f"FILTER(<{FN_NS}versionKey>(?{n}) {op} {rhs}) }}")
        if kind.kind == "version":
            return f"EXISTS {{ {walk} FILTER(<{FN_NS}versionKey>(?{v}) {op} {self.value(t, 'key')}) }}"
        if kind.kind == "string":
            return (f"EXISTS {{ {walk} FILTER(LCASE(STR(?{v})) {op} "
                    f"LCASE(STR({self.value(t)}))) }}")
        if kind.kind == "entity" and op == "=" and t.param is None:
            return f"EXISTS {{ {self.walk(focus, path, self.value(t))} }}" if path.steps else \
                f"(?{focus} = {self.value(t)})"
        return f"EXISTS {{ {walk} FILTER(?{v} {op} {self.value(t)}) }}"


def _default_column(kind: r.Kind, q: r.RQuery | None) -> r.RExpr:
    if kind.kind == "entity":
        return r.RPath((r.RStep(r.LABEL),), r.Kind("string"), "name")
    title = q.walk.title.rsplit(".", 1)[-1] if q is not None and q.walk is not None else "value"
    return r.RPath((), kind, title)


def limit_after(stages: tuple[r.RStage, ...], count: r.RCount) -> int | None:
    after = stages[stages.index(count) + 1:]
    limits = [s.count for s in after if isinstance(s, r.RLimit)]
    return limits[0] if limits else None


def limit_sort(stages: tuple[r.RStage, ...], count: r.RCount) -> tuple[tuple[r.RExpr | r.RColumn, bool], ...]:
    after = stages[stages.index(count) + 1:]
    sorts = [s.items for s in after if isinstance(s, r.RSort)]
    return sorts[-1] if sorts else ()


def _describe_sparql(entity: str) -> str:
    e = term(ox.NamedNode(entity))
    return _header() + f"""SELECT ?dir ?p ?o ?g WHERE {{
  {{ GRAPH ?g {{ {e} ?p ?o }} BIND("out" AS ?dir) }}
  UNION
  {{ GRAPH ?g {{ ?o ?p {e} }} BIND("in" AS ?dir) }}
}}
ORDER BY ?dir ?p ?o ?g
"""
