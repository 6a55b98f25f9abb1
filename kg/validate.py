"""Validate the graph: the SHACL shapes of ``ontology/shapes.ttl`` and the project's rules.

SHACL runs in pyshacl over the union of all graphs (rdflib is imported only here, off the
query path); on a graph of more than ``SHACL_MAX_TRIPLES`` it runs on kg's own graph only
(pyshacl takes about a minute per 100,000 triples) and the report says so. The project
rules are SPARQL on the store, over the whole graph: provenance, sources, labels, dangling
references and ambiguous aliases (see each rule's docstring).
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.datafiles import unreadable
from kg.errors import DataError
from kg.fileread import what_is
from kg.findings_where import Locator
from kg.paths import ontology_dir
from kg.rdfbridge import to_rdflib
from kg.records import record
from kg.shipped import shipped_files
from kg.store import OxigraphStore
from kg.vocab import PREFIXES, term_name

__all__ = ["Finding", "Report", "validate", "SHACL_MAX_TRIPLES"]

SHACL_MAX_TRIPLES = 200_000  #: above this, SHACL checks kg's own graph only (with a note)

_SH = "http://www.w3.org/ns/shacl#"
_NEWLINE = b"\n"
_HEAD = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@record
class Finding:
    """One problem: the rule it breaks, the node it is about, and where that node's facts are."""

    rule: str
    focus: str
    message: str
    file: str | None = None
    graph: str | None = None

    def render(self) -> str:
        where = "; ".join(w for w in (self.file, self.graph and f"graph {self.graph}") if w)
        return f"  {self.focus}: {self.message}" + (f"  [{where}]" if where else "")


@record(frozen=False)
class Report:
    """The outcome of :func:`validate`: the problems, and the size of the graph checked."""

    problems: list[Finding]
    triples: int
    entities: int
    notes: list[str] = field(default_factory=list)  #: what was not checked, and why
    shapes_in_part: bool = False  #: the shapes checked kg's own triples, not the data's
    revision: str = ""  #: the page revision checked (its label), where the graph has them

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        """The problems grouped by rule, then a summary line."""
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.problems:
            groups[finding.rule].append(finding)
        lines: list[str] = []
        for rule in sorted(groups):
            lines.append(f"{rule} ({len(groups[rule])})")
            lines += [f.render() for f in sorted(groups[rule], key=lambda f: (f.focus, f.message))]
        lines += [f"note: {note}" for note in self.notes]
        n, state = len(self.problems), "valid" if self.ok else "invalid"
        if self.ok and self.shapes_in_part:  # not "valid": the data met no shape (hunt67 F5)
            state = "valid by kg's rules (the data was not checked against the shapes)"
        lines.append(f"graph is {state}: {self.triples:,} triples, {self.entities:,} entities, "
                     f"{n:,} problem{'' if n == 1 else 's'}"  # which revision (hunt80 F4)
                     + (f", as of the {self.revision}" if self.revision else ""))
        return "\n".join(lines)


def validate(store: OxigraphStore) -> Report:
    """Check ``store`` against the shapes and the project rules."""
    where = Locator(store)  # (built at the first problem to place: hunt125 F4)
    triples, entities = _counts(store)
    notes = []
    shapes_in_part = triples > SHACL_MAX_TRIPLES
    if shapes_in_part:  # (pyshacl checks the union: each triple once; a graph of 103k
        # triples, each in two graphs, was cut as "more than 200,000": hunt82 F2)
        own = OxigraphStore.open()
        shapes_on = list(own.quads())
        notes.append(f"the SHACL shapes checked kg's own {_counts(own)[0]:,} triples only, "  # counted
                     f"not the {triples:,} of the whole graph (more than "
                     f"{SHACL_MAX_TRIPLES:,}); kg's rules checked them all")  # as the summary counts (F5)
    else:
        shapes_on = list(store.quads())
    problems = _shacl(shapes_on, where) + _sources(store)
    labelled = {f.focus for f in problems if f.rule == "shacl Labelled"}  # said once (F5)
    for rule in (_provenance, _labels, _dangling, _ambiguity):
        problems += [f for f in rule(store, where)
                     if not (f.rule == "labels" and f.focus in labelled)]
    revision = store.revision
    return Report(problems=problems, triples=triples, entities=entities, notes=notes,
                  shapes_in_part=shapes_in_part,
                  revision=revision.label("en") if revision is not None else "")


def _counts(store: OxigraphStore) -> tuple[int, int]:
    """The distinct triples of ``store`` (each once, in however many graphs) and its ent:
    entities, counted by the engine (sets of a million triples in Python: hunt125 F4)."""
    _, rows = store.select(_HEAD + f"""SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?e) AS ?m) WHERE {{
      {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o }} }}
      BIND(IF({_ENT.format(v="s")}, ?s, ?unbound) AS ?e) }}""")
    return int(rows[0][0].value), int(rows[0][1].value)  # type: ignore[union-attr]


def _shacl(quads: list[ox.Quad], where: Locator) -> list[Finding]:
    """pyshacl over the union of all graphs, with the schema files as the ontology graph.

    No RDFS inference: sh:class already follows rdfs:subClassOf in the data graph, and
    inference would also apply rdfs:range, typing every object of kg:supports a kg:Feature
    so that no sh:class check could fail.
    """
    import rdflib

    shapes_path = ontology_dir() / "shapes.ttl"
    if not shapes_path.is_file():  # (a FIFO or a loop was "not found": hunt83 F15)
        what = what_is(shapes_path)
        raise DataError(f"SHACL shapes not found: {shapes_path}" if what == "no such file" else
                        f"{shapes_path}: the SHACL shapes are {what}, not a file")
    data, back = rdflib.Graph(), dict[Any, Any]()
    for q in quads:  # (a weird boolean's warning: kg.rdfbridge.to_rdflib keeps it quiet)
        triple = tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object))
        back.update(zip(map(_as_written, triple), (q.subject, q.predicate, q.object),
                        strict=True))
        data.add(triple)
    try:  # rdflib asks for it parsing any file (a deleted one was "cannot write the output")
        os.getcwd()
    except FileNotFoundError:
        raise DataError("the working folder no longer exists, and validating needs one "
                        "(rdflib asks for it): change to another folder") from None
    ont = rdflib.Graph()
    for path in (p for p in shipped_files() if p.suffix == ".ttl"):
        _parse(ont, path)
    shapes = _parse(rdflib.Graph(), shapes_path)
    results = _results(data, shapes, ont, shapes_path)
    kind = rdflib.URIRef(_SH + "ValidationResult")
    return [_shacl_finding(results, r, shapes, back, where)
            for r in results.subjects(rdflib.RDF.type, kind)]


def _results(data: Any, shapes: Any, ont: Any, path: Path) -> Any:
    """pyshacl's results graph of ``data`` against ``shapes`` (read from ``path``); a shape
    it cannot use (a literal as a path, a pattern or a SPARQL query that does not parse) is
    a data error naming the file, in one line (an internal error: hunt83 F3)."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    logging.getLogger("pyshacl-validate").addFilter(_no_errors)  # said once, below
    try:
        return pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                advanced=True, allow_warnings=True)[1]
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyshacl raises what it will of such a shape
        said = exc.message if isinstance(exc, ReportableRuntimeError) else str(exc)  # (not
        said = " ".join(str(said).split())  # the link a ShapeLoadError adds on a line of its own)
        said = said if len(said) <= 300 else said[:299] + "…"
        raise DataError(f"{path}: SHACL cannot use these shapes: "
                        f"{said or type(exc).__name__}") from None


def _no_errors(record: logging.LogRecord) -> bool:
    """pyshacl logs the error it raises on stderr, with its own handler (kg says it)."""
    return record.levelno < logging.ERROR


def _parse(graph: Any, path: Path) -> Any:
    """``graph`` with the Turtle file ``path``, read here: rdflib given the path lost a name
    that is no UTF-8 ("No such file" of a file there: hunt75 F9). A file the parser refuses
    is a data error naming it (an internal error: hunt83 F3)."""
    text, base = path.read_bytes(), path.absolute().as_uri()
    try:
        return graph.parse(data=text, format="turtle", publicID=base)
    except (SyntaxError, ValueError) as exc:  # (rdflib's BadSyntax is a SyntaxError; no
        raise _refused(path, text, base, exc) from None  # UTF-8, a bad language: ValueErrors)


def _refused(path: Path, text: bytes, base: str, exc: Exception) -> DataError:
    """The error for the Turtle file ``path`` (``text``) that rdflib refused with ``exc``:
    where and why as pyoxigraph finds it wrong (as kg.ttl's are said), else rdflib's words,
    on one line (what pyoxigraph takes: RDF 1.2's triple terms, a byte that is no UTF-8 in
    a comment)."""
    try:
        for _ in ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=base):
            pass
    except (SyntaxError, ValueError, OSError, MemoryError) as found:
        return unreadable(path, found)
    lines = getattr(exc, "lines", None)  # a BadSyntax's, from 0
    where, why = (f"line {lines + 1}: " if isinstance(lines, int) else "",
                  " ".join(str(getattr(exc, "_why", exc)).split()))
    if isinstance(exc, UnicodeDecodeError):
        where = f"line {text.count(_NEWLINE, 0, exc.start) + 1}: "
        why = f"not UTF-8 text (byte {exc.start})"
    return DataError(f"{path}: {where}{why} (rdflib, which SHACL reads the file with, does "
                     "not take it)")


def _as_written(term: Any) -> Any:
    """A key for ``term`` that tells literals apart as written: rdflib takes ``"yes"`` and
    ``"0"`` as booleans for the same false, and a finding named the other value."""
    import rdflib

    if isinstance(term, rdflib.Literal):
        return ("literal", str(term), term.datatype, term.language)
    return term


def _shacl_finding(results: Any, result: Any, shapes: Any, back: dict[Any, Any],
                   where: Locator) -> Finding:
    import rdflib

    def get(graph: Any, node: Any, key: str) -> Any:
        return graph.value(node, rdflib.URIRef(_SH + key))

    focus, path, value, shape = (get(results, result, k)
                                 for k in ("focusNode", "resultPath", "value", "sourceShape"))
    owner = shape if isinstance(shape, rdflib.URIRef) else shapes.value(
        None, rdflib.URIRef(_SH + "property"), shape)
    rule = "shacl " + (str(owner).rsplit("#", 1)[-1] if owner is not None else "shape")
    message = str(get(results, result, "resultMessage") or "does not conform to the shapes")
    pred = back.get(path) if isinstance(path, rdflib.URIRef) else None
    obj = back.get(_as_written(value)) if pred is not None and value is not None else None
    if obj is not None:
        message += f" (found {term_name(pred)} {term_name(obj)})"
    node = back.get(focus) or (ox.BlankNode(str(focus)) if isinstance(focus, rdflib.BNode)
                               else ox.NamedNode(str(focus)))
    return Finding(rule, term_name(node), message, *where.find(node, pred, obj))


# The project rules: SPARQL on the store.
_ENT = "isIRI(?{v}) && STRSTARTS(STR(?{v}), STR(ent:))"

# "in no source" as an OPTIONAL that binds ?sourced, not FILTER NOT EXISTS, which Oxigraph
# evaluates without the triple bound: 2.3 s against 0.26 s at 100k triples
_PROVENANCE = f"""SELECT ?s ?p ?o ?g WHERE {{
  ?s ?p ?o . FILTER({_ENT.format(v="s")})
  OPTIONAL {{ GRAPH ?h {{ ?s ?p ?o }} ?h a kg:Source BIND(true AS ?sourced) }}
  FILTER(!BOUND(?sourced))
  OPTIONAL {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"""

_SOURCES = """SELECT ?g ?typed (SAMPLE(?class) AS ?below) WHERE {
  { SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } }
  FILTER NOT EXISTS { ?g a kg:Source ; dcterms:source|dcterms:isPartOf|prov:wasDerivedFrom ?x }
  BIND(EXISTS { ?g a kg:Source } AS ?typed)
  OPTIONAL { ?g a ?class . ?class rdfs:subClassOf+ kg:Source } } GROUP BY ?g ?typed"""

_LABELS = f"""SELECT ?e ?en ?de WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ ?e ?p ?o FILTER({_ENT.format(v="e")}) }} }}
  BIND(EXISTS {{ ?e rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "en")) }} AS ?en)
  BIND(EXISTS {{ ?e rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "de")) }} AS ?de)
  FILTER(!?en || !?de) }}"""

_DANGLING = f"""SELECT ?o ?s ?p ?typed ?labelled WHERE {{
  ?s ?p ?o . FILTER({_ENT.format(v="o")})
  BIND(EXISTS {{ ?o a ?t }} AS ?typed)
  BIND(EXISTS {{ ?o rdfs:label ?l }} AS ?labelled)
  FILTER(!?typed || !?labelled) }}"""

_ALIASES = f"""SELECT DISTINCT ?a ?alias WHERE {{
  ?a skos:altLabel|skos:hiddenLabel ?alias FILTER({_ENT.format(v="a")}) }}"""
#: every name of an entity, and whether it is an alias kg's own sources alone give it
_NAMES = f"""SELECT ?b ?name (MIN(?ours) AS ?shipped) (MAX(?label) AS ?labelled) WHERE {{
  GRAPH ?g {{ ?b ?p ?name }} VALUES ?p {{ rdfs:label skos:altLabel skos:hiddenLabel }}
  FILTER({_ENT.format(v="b")})
  BIND(STRSTARTS(STR(?g), STR(src:)) AS ?ours) BIND(?p = rdfs:label AS ?label)
}} GROUP BY ?b ?name"""


def _rows(store: OxigraphStore, query: str) -> list[tuple[Any, ...]]:
    return store.select(_HEAD + query)[1]


def _true(term: Any) -> bool:  # an EXISTS flag
    return getattr(term, "value", None) == "true"


def _provenance(store: OxigraphStore, where: Locator) -> list[Finding]:
    """Facts about ent: entities that sit in no named graph described as a kg:Source."""
    cells: dict[tuple[Any, Any], list[tuple[Any, Any]]] = defaultdict(list)
    for s, p, o, g in _rows(store, _PROVENANCE):
        cells[(s, g)].append((p, o))
    out = []
    for (s, g), facts in cells.items():
        place = "the default graph" if g is None else f"graph {term_name(g)}, not a described source"
        (p, o), graph = facts[0], "default" if g is None else term_name(g)
        message = f"{len(facts)} fact(s) in {place}, e.g. {term_name(p)} {term_name(o)}"
        out.append(Finding("provenance", term_name(s), message, where.find(s, p, o)[0], graph))
    return out


def _sources(store: OxigraphStore) -> list[Finding]:
    """Named graphs not described as a kg:Source that says where it comes from."""
    out = []
    for g, typed, below in _rows(store, _SOURCES):
        message = ("source has no dcterms:source, dcterms:isPartOf or prov:wasDerivedFrom"
                   if _true(typed) else "named graph is not described as a kg:Source" + (
                       f" (it is a {term_name(below)}, a class below kg:Source, but kg finds a "
                       "source by kg:Source itself: type it so too)" if below else ""))
        out.append(Finding("sources", term_name(g), message, graph=term_name(g)))
    return out


def _labels(store: OxigraphStore, where: Locator) -> list[Finding]:
    """ent: entities without an English or a German rdfs:label."""
    out = []
    for e, en, de in _rows(store, _LABELS):
        missing = " and ".join(lang for lang, has in (("@en", en), ("@de", de)) if not _true(has))
        out.append(Finding("labels", term_name(e), f"no rdfs:label {missing}", *where.find(e)))
    return out


def _dangling(store: OxigraphStore, where: Locator) -> list[Finding]:
    """ent: IRIs used as objects that have no rdf:type or no rdfs:label anywhere."""
    refs: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for o, s, p, typed, labelled in _rows(store, _DANGLING):
        refs[o].append((s, p, _true(typed), _true(labelled)))
    out = []
    for o, uses in refs.items():
        s, p, t, lab = uses[0]
        lacks = " and ".join(w for w, ok in (("rdf:type", t), ("rdfs:label", lab)) if not ok)
        more = f" (and {len(uses) - 1} more reference(s))" if len(uses) > 1 else ""
        message = f"has no {lacks}, yet {term_name(s)} {term_name(p)} it{more}"
        out.append(Finding("dangling", term_name(o), message, *where.find(s, p, o)))
    return out


def _ambiguity(store: OxigraphStore, where: Locator) -> list[Finding]:
    """Aliases (alt or hidden labels) equal, case-insensitively, to another entity's name,
    which would make that name ambiguous; but not an alias kg's own sources alone give two
    entities, as no one's label: the page's shorthand ("A100" for both A100 GPUs), which a
    statement reports as ambiguous, naming both (hunt90 F1). A data file's alias that is
    one of those is reported (a "V100" of a file's: hunt91 F3)."""
    names: dict[str, set[tuple[Any, Any, bool]]] = defaultdict(set)  # joined here, in
    for b, name, shipped, labelled in _rows(store, _NAMES):  # linear time
        names[name.value.lower()].add((b, name, _true(shipped) and not _true(labelled)))
    shorthand = {key: {b for b, _, ours in found if ours} for key, found in names.items()}
    clashes: dict[tuple[Any, Any], set[str]] = defaultdict(set)
    for a, alias in _rows(store, _ALIASES):
        key = alias.value.lower()
        for b, name, ours in names.get(key, ()):
            if b != a and not (ours and a in shorthand[key]):
                clashes[(a, alias)].add(f"{term_name(b)} ({term_name(name)})")
    return [
        Finding("ambiguity", term_name(a), f"alias {term_name(alias)} also names {', '.join(sorted(bs))}",
                *where.find(a, obj=alias))
        for (a, alias), bs in clashes.items()
    ]
