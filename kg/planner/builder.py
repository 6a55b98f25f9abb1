"""The state of one SELECT being compiled: fresh variables, the source scope (`from`),
and the parameters bound so far."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import field

import pyoxigraph as ox

from kg import checked as r
from kg.literals import sparql_version_key, version_key
from kg.planner.sparql import iri, ppath, term
from kg.plans import slot
from kg.records import record

__all__ = ["Builder", "SET_STEPS", "hub", "cut"]

#: A path of this many steps or more is walked as a set, hop by hop (:meth:`Builder.walk`).
SET_STEPS = 4
#: The step to an entity's names, which a source read `from` does not scope (docs/language.md:
#: "Entities keep their names"): a name is the entity's, whichever source gave it.
NAME = r.RStep(r.LABEL)


def hub(path: r.RPath) -> int | None:
    """How many steps of ``path`` lead to a node it comes back through, a step and its
    inverse (`architecture.^architecture.name`, `category.^category.architecture`: 1),
    with a step after them; None for a path that does not."""
    steps = path.steps
    for i in range(len(steps) - 2):
        if (steps[i].iri == steps[i + 1].iri != r.LABEL
                and steps[i].inverse != steps[i + 1].inverse):
            return i + 1
    return None


def cut(path: r.RPath, at: int) -> tuple[r.RPath, r.RPath]:
    """``path`` as its first ``at`` steps, to an entity, and the rest (``at`` -1: the last
    step alone), whose kind is the path's."""
    return (r.RPath(path.steps[:at], r.ENTITY, path.title),
            r.RPath(path.steps[at:], path.kind, path.title))


@record(frozen=False)
class Builder:
    """Variables and scoping for one compiled query."""

    lang: str
    graph: str | None = None  #: read facts from this named graph only (`from`)
    #: the query orders every row itself, names too (for streaming; see kg.executor.stream)
    ordered: bool = False
    checks: int = 0  #: `check with` stages compiled so far (the last one's columns are in scope)
    cuts: int = 0  #: `limit` stages by names or versions compiled so far (planner.query._cut)
    joins: int = 0  #: conditions joined into the query so far (see planner.conditions)
    conds: set[object] = field(default_factory=set)  #: (focus, condition) already in the query
    read: set[str] = field(default_factory=set)  #: the `check with` slots patterns read so far
    #: a joined condition on a path with several values gives the focus several solutions
    #: (planner.conditions.where_lines): the next pattern joins it once
    repeats: bool = False
    #: EXISTS patterns of the condition being compiled, as probes: (variable, pattern)
    #: (planner.conditions.where_lines binds each variable where its pattern matches)
    probes: list[tuple[str, str]] = field(default_factory=list)
    probed: int = 0  #: probes made so far in this query (at most conditions.MAX_PROBES)
    #: the pattern being compiled goes inside a FILTER's EXISTS (conditions._exists), where
    #: Virtuoso 7 answers a subquery wrongly (texts.shown_texts)
    nested: bool = False
    _fresh: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def var(self, stem: str) -> str:
        """A variable name not used before in this query."""
        return f"{stem}{next(self._fresh)}"

    def scoped(self, pattern: str) -> str:
        """A pattern over facts: inside the query's source graph when it names one (`from`)."""
        return f"GRAPH {iri(self.graph)} {{ {pattern} }}" if self.graph else pattern

    def typed(self, focus: str, cls: str, subclasses: tuple[str, ...] = (),
              var: str | None = None) -> str:
        """``?focus`` an instance of ``cls`` or of one of its ``subclasses`` (the checker's,
        from the ontology; ``cls`` among them): by its ``rdf:type`` alone. (Walking
        ``rdfs:subClassOf*`` in the engine would ask more of it, and Virtuoso 7 answers
        nothing when that path meets a pattern whose property is a variable.)"""
        classes = subclasses or (cls,)
        if len(classes) == 1:
            return self.scoped(f"?{focus} rdf:type {iri(classes[0])} .")
        t = var or self.var("t")
        listed = " ".join(iri(c) for c in classes)
        return f"VALUES ?{t} {{ {listed} }} " + self.scoped(f"?{focus} rdf:type ?{t} .")

    def walk(self, subject: str, path: r.RPath, obj: str) -> str:
        """``?subject`` along ``path`` to ``obj``; labels are names, never scoped to a source."""
        if not path.steps:
            return f"BIND(?{subject} AS {obj})"
        if (check := r.check_column(path)) is not None:  # the last check's rows, as facts
            self.read.add(slot(self.checks, check))
            return f"VALUES (?{subject} {obj}) {{ {slot(self.checks, check)} }}"
        if (parts := self.joined_at_hub(path)) is not None:
            return self._walk_through_hub(subject, *parts, obj)
        if len(path.steps) >= SET_STEPS:
            return self._walk_as_set(subject, path, obj)
        if self.graph is not None and len(path.steps) > 1 and path.steps[-1] == NAME:
            node = self.var("n")  # (`from`: the entity reached in the source, its names anywhere)
            head, name = cut(path, -1)
            return f"{self.walk(subject, head, f'?{node}')} {self.walk(node, name, obj)}"
        pattern = f"?{subject} {ppath(path)} {obj} ."
        return pattern if path.steps == (NAME,) else self.scoped(pattern)

    def _walk_as_set(self, subject: str, path: r.RPath, obj: str) -> str:
        """:meth:`walk` of a long path: each (subject, node) pair once at every hop, a
        subquery a hop. As one property path, a path back and forth (`supportedBy.supports.
        ^supports.supports…`) multiplies its solutions by each hop's fan-out: eight steps in
        a condition, six in a cell or seven in a sort key took minutes."""
        *hops, last = path.steps
        pairs, node = "", subject  # the (subject, node) pairs so far, as a subquery
        for step in hops:
            nxt = self.var("m")
            hop = self.walk(node, r.RPath((step,), r.ENTITY, path.title), f"?{nxt}")
            pairs, node = f"{{ SELECT DISTINCT ?{subject} ?{nxt} WHERE {{ {pairs}{hop} }} }} ", nxt
        return pairs + self.walk(node, r.RPath((last,), path.kind, path.title), obj)

    def joined_at_hub(self, path: r.RPath) -> tuple[r.RPath, r.RPath] | None:
        """The path to its shared node (:func:`hub`) and the path on from it, where a walk
        of ``path`` is joined at that node (:meth:`_walk_through_hub`); else None."""
        at = None if self.nested else hub(path)
        return None if at is None else cut(path, at)

    def node_pairs(self, subject: str, head: r.RPath, node: str) -> str:
        """Each (``?subject``, ``?node``) pair ``head`` walks, once: a subquery."""
        return f"{{ SELECT DISTINCT ?{subject} ?{node} WHERE {{ {self.walk(subject, head, f'?{node}')} }} }}"

    def _walk_through_hub(self, subject: str, head: r.RPath, tail: r.RPath, obj: str) -> str:
        """:meth:`walk` of a path that comes back through a shared node (:func:`hub`),
        joined at that node: each (subject, node) pair once, each (node, end) pair once.
        As one property path or hop by hop, the (subject, entity) pairs past the node grow
        as the square of the entities sharing it (`VMSeries | sort category.^category.
        architecture.name` took 32 s at 100k triples, `show category.^category.architecture`
        12.6 s: hunt132). Each (subject, end) pair once, not once a way between them: every
        pattern that reads a walk keeps distinct rows or values. Not inside a FILTER's
        EXISTS (no subquery there: Virtuoso 7, :attr:`nested`)."""
        h = self.var("h")
        end = f" {obj}" if obj.startswith("?") else ""
        return (f"{self.node_pairs(subject, head, h)} "
                f"{{ SELECT DISTINCT ?{h}{end} WHERE {{ {self.walk(h, tail, obj)} }} }}")

    def checked_focus(self, focus: str) -> str:
        """The entities of the last check, as the pattern after it starts: ``VALUES ?focus``
        (a slot the executor fills)."""
        return f"VALUES ?{focus} {{ {slot(self.checks, 'focus')} }}"

    def reads(self, expr: r.RExpr) -> bool:
        """Does a pattern so far read the values of ``expr``, the last check's column?"""
        check = r.check_column(expr)
        return check is not None and slot(self.checks, check) in self.read

    def value(self, t: r.RTerm, *, key: bool = False) -> str:
        """The value's SPARQL text, a parameter's as any other: the graph term, serialized
        (never pasted text); with ``key``, its version key (a string that sorts like the
        version). (Bound by ``VALUES`` instead, a parameter is a variable that Jena does not
        see inside a FILTER within ``EXISTS``: tests/test_jena.py.)"""
        return term(ox.Literal(version_key(t.term.value)) if key else t.term)

    @staticmethod
    def key(var: str) -> str:
        """The version key of the literal in ``?var``, in plain SPARQL."""
        return sparql_version_key(var)
