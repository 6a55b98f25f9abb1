"""Binding a saved query's parameters, each value checked against its declared type, and
running it.

A class-typed parameter takes the name of an entity of that class, found as a statement
finds it (:func:`kg.names.find_named`: label, alias or local name, else a loose spelling
or a version written short or long); a scalar one takes a literal of its kind
(:mod:`kg.literals`). The values are returned as text for the checker, which binds each
as a graph term or typed literal of the kind its use in the query needs: never pasted
into the query.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from kg.errors import Problem, QueryError, SavedQueryError, a, quote
from kg.hints import close_matches
from kg.literals import LiteralKind, is_literal, past_limit, unicode_value
from kg.saved.model import Param, SavedQuery
from kg.textscan import composed

if TYPE_CHECKING:
    from kg.ontology import Entity, Ontology
    from kg.result import Result
    from kg.session import Graph

__all__ = ["SCALAR_TYPES", "bind", "refuse_given", "check_saved", "missing_source", "scalar_ok",
           "run_saved", "stream_saved", "in_file"]

T = TypeVar("T")

#: The scalar parameter types, by the name a header gives them.
SCALAR_TYPES: dict[str, LiteralKind] = {kind.value: kind for kind in (
    LiteralKind.STRING, LiteralKind.NUMBER, LiteralKind.VERSION, LiteralKind.BOOLEAN,
    LiteralKind.DATE)}


def scalar_ok(type_: str, value: str) -> bool:
    """Does ``value`` have the scalar ``type_`` (string, number, version, boolean, date)?"""
    return is_literal(SCALAR_TYPES[type_], value)


def bind(saved: SavedQuery, given: Mapping[str, str], ontology: Ontology,
         lang: str = "en") -> dict[str, str]:
    """The value of every parameter: given, else its default; each checked against its type,
    taken as it is (a default quoted with spaces keeps them, as a statement's value does;
    `kg run` drops the white space around a ``--param`` value before it comes here). A
    class-typed value given by another spelling of its entity (an alias, a local name) is
    the entity's name in ``lang``, the language of the names the query compares.

    Returns:
        ``{name: value}`` for the checker (which binds each as a term of the kind its use needs).

    Raises:
        SavedQueryError: an unknown parameter, a missing required one, or a value that is not
            of the parameter's type or class (with did-you-mean for entities).
    """
    _refuse_unknown(saved, given)
    return {p.name: _checked(saved, p, _value(saved, p, given, ontology), ontology, lang)
            for p in saved.params}


def refuse_given(saved: SavedQuery, given: Mapping[str, str]) -> None:
    """What :func:`bind` refuses of ``given`` that needs no graph: an unknown parameter, a
    value that is not Unicode text or not of its scalar type. `kg run` asks it before it
    opens the graph: a typo was exit 5 where the SPARQL endpoint was down (hunt89 F4).

    Raises:
        SavedQueryError, UsageError: as :func:`bind` would.
    """
    _refuse_unknown(saved, given)
    for p in saved.params:
        if p.type in SCALAR_TYPES:  # (a class's value, and what it accepts, need the graph)
            _checked(saved, p, _value(saved, p, given, None), None)


def _value(saved: SavedQuery, p: Param, given: Mapping[str, str], onto: Ontology | None) -> str:
    """``p``'s value: given, else its default, as a statement reads it (composed).

    Raises:
        SavedQueryError: it has neither (saying what it accepts: a class's, in ``onto``).
        UsageError: the value is not Unicode text.
    """
    value = given.get(p.name, p.default)
    if value is None:
        raise SavedQueryError(f"{saved.where}: parameter `{p.name}` is required; it accepts "
                              f"{_accepts(p, onto, saved)}. Give it with --param {p.name}=VALUE")
    return composed(unicode_value(p.name, value))


def _refuse_unknown(saved: SavedQuery, given: Mapping[str, str]) -> None:
    declared = {p.name: p for p in saved.params}
    for name in given:
        if name not in declared:
            close = close_matches(name, declared, n=1) or [
                d for d in declared if name.startswith(d) or d.startswith(name)][:1]
            hint = f"did you mean `{close[0]}`? " if close else ""
            known = ", ".join(f"`{p}`" for p in saved.params) or "none"
            raise SavedQueryError(f"{saved.where}: unknown parameter {quote(name)}; {hint}"
                                  f"its parameters are: {known}")


#: A value of each scalar type, to compile a saved query whose parameter has no default.
_SAMPLES = {LiteralKind.STRING: "text", LiteralKind.NUMBER: "1", LiteralKind.VERSION: "1.0",
            LiteralKind.BOOLEAN: "true", LiteralKind.DATE: "2000-01-01"}


def check_saved(graph: Graph, saved: SavedQuery) -> None:
    """What `kg run` would find wrong with ``saved`` whatever its values: a parameter's
    unknown type or bad default, and a use of a parameter its type does not fit. The query
    is compiled (not run) with each parameter's default, or a value of its type.

    Raises:
        SavedQueryError: the first problem, naming the file and line.
    """
    onto = graph.ontology
    values: dict[str, str] = {}
    for p in saved.params:
        if p.default is not None:
            values[p.name] = _checked(saved, p, p.default, onto)
        elif p.type in SCALAR_TYPES:
            values[p.name] = _SAMPLES[SCALAR_TYPES[p.type]]
        else:
            some = _instances(onto, _class(p, onto, saved))
            if not some:
                return  # no entity of its class to compile with: the declarations are checked
            values[p.name] = some[0].label()
    text = saved.source or saved.text
    try:
        graph.compile(text, values)
    except QueryError as exc:
        sampled = {p.name: values[p.name] for p in saved.params
                   if p.default is None and p.type in SCALAR_TYPES}
        strings = {p.name for p in saved.params if SCALAR_TYPES.get(p.type) is LiteralKind.STRING}
        real = [p for p in exc.problems if not _of_sample(p, text, sampled, strings)]
        if exc.problems and not real:
            return  # a string's made-up value alone: only its value at `kg run` decides
        shown = dataclasses.replace(exc, problems=real or exc.problems)  # (that value's
        # problem beside a real one was said too: hunt59 R13)
        raise _sampled(saved, shown, sampled if any(
            _of_sample(p, text, sampled, set(sampled)) for p in shown.problems) else {}) from None


def _of_sample(problem: Problem, text: str, sampled: dict[str, str], names: set[str]) -> bool:
    """Is ``problem`` about the made-up value of one of ``names``, at a use of it? A string
    may name an entity or be a date: a working query was called broken for "unknown entity
    `text`" (hunt57 F4); another fault at the `$` is the query's (hunt59 R7)."""
    span = problem.span
    if span is None or not text[span.start:span.end].startswith("$"):
        return False
    name = text[span.start + 1:span.end]
    return name in sampled.keys() & names and f"`{sampled[name]}`" in problem.message


def _sampled(saved: SavedQuery, exc: QueryError, sampled: dict[str, str]) -> SavedQueryError:
    """The error, in the file, saying which values were made up to compile it with."""
    said = f"{saved.where}: " + exc.render().removeprefix("error: ")
    if sampled:
        said += ("\n(compiled with a value of each parameter that has no default: "
                 + ", ".join(f"{name} = {value}" for name, value in sampled.items()) + ")")
    return SavedQueryError(said)


def missing_source(saved: SavedQuery, onto: Ontology) -> str | None:
    """The source a saved query reads ``from`` when the graph has no source of that name
    but another page revision has: a table of that revision (``table-training-targets-v1``
    as of the seed, whose page had one training table). None when the graph has it, the
    query reads no ``from``, or no revision has it (a misspelt name: an error to report)."""
    from kg.ast import ValueKind
    from kg.parser import parse  # as check_saved's compile would

    try:
        within = getattr(parse(saved.source or saved.text), "within", None)
    except QueryError:
        return None  # check_saved says what is wrong with it
    if within is None or within.kind is ValueKind.PARAM or onto.find_source(within.text):
        return None
    other = onto.store.dropped_names  # else misspelt
    return str(within.text) if str(within.text).casefold() in other else None


def run_saved(graph: Graph, saved: SavedQuery, given: Mapping[str, str] | None = None,
              *, lang: str | None = None) -> Result:
    """Bind ``given`` and run the query; errors in its text name the file, line and column."""
    return _saved(graph.query, graph, saved, given, lang)


def stream_saved(graph: Graph, saved: SavedQuery, given: Mapping[str, str] | None = None,
                 *, lang: str | None = None) -> Iterator[Result]:
    """:func:`run_saved`, the result in parts as they come (:meth:`Graph.stream`)."""
    return _saved(graph.stream, graph, saved, given, lang)


def _saved(run: Callable[..., T], graph: Graph, saved: SavedQuery,
           given: Mapping[str, str] | None, lang: str | None) -> T:
    return in_file(saved, run, bind(saved, given or {}, graph.ontology, lang or graph.lang),
                   lang=lang)


def in_file(saved: SavedQuery, run: Callable[..., T], params: dict[str, str],
             **options: object) -> T:
    """``run(the query's text, params)``; an error in the text names the file, line and
    column."""
    try:
        return run(saved.source or saved.text, params, **options)
    except QueryError as exc:
        raise SavedQueryError(f"{saved.where}: " + exc.render().removeprefix("error: ")) from None


def _accepts(p: Param, onto: Ontology | None, saved: SavedQuery | None = None) -> str:
    if p.type in SCALAR_TYPES:
        return SCALAR_TYPES[p.type].accepts
    assert onto is not None, "a class is read from a graph"
    cls = _class(p, onto, saved)  # (with the file that declares it: hunt65 F2)
    names = sorted({e.label() for e in _instances(onto, cls)}, key=str.casefold)
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"a {onto.label(cls)} ({shown})" if names else f"a {onto.label(cls)}"


def _class(p: Param, onto: Ontology, saved: SavedQuery | None) -> str:
    found = onto.find_class(p.type)
    if not found:  # `Strng` is `string` before a class (it was `TrainingTarget`: hunt65 F2)
        close = close_matches(p.type, SCALAR_TYPES, n=1, cutoff=0.8) or onto.suggest(  # a
            p.type, kinds="c")  # near miss alone: `CudaVersio` is a class's (hunt66 R6)
        hint = f"; did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else ""
        types = ", ".join(SCALAR_TYPES)
        where = saved.where if saved else "saved query"
        raise SavedQueryError(f"{where}: line {p.line}: parameter `{p.name}` has an unknown type "
                              f"`{p.type}`: expected a class or one of {types}{hint}")
    return found[0].iri


def _instances(onto: Ontology, cls: str) -> list[Entity]:
    return [e for e in onto.entities.values() if onto.is_a(e.iri, cls)]


def _checked(saved: SavedQuery, p: Param, value: str, onto: Ontology | None,
             lang: str = "en") -> str:
    """``value``, checked against ``p``'s type (a class's in ``onto``: None for a scalar)."""
    if not value.strip() and SCALAR_TYPES.get(p.type) is not LiteralKind.STRING:  # it said
        raise SavedQueryError(f"{saved.where}: parameter `{p.name}`: the value is empty; it "  # ``
                              f"accepts {_accepts(p, onto, saved)}")  # names no … (hunt58 F14)
    if p.type in SCALAR_TYPES:
        if not scalar_ok(p.type, value):
            limit = past_limit(SCALAR_TYPES[p.type], value)
            raise SavedQueryError(f"{saved.where}: parameter `{p.name}` accepts "
                                  f"{SCALAR_TYPES[p.type].accepts}; {quote(value)} is not one"
                                  + (f": {limit}" if limit else ""))
        return value.lower() if p.type == LiteralKind.BOOLEAN else value
    from kg.names import find_named  # with a class-typed value: `kg list --names` loads none

    assert onto is not None, "a class-typed value is checked in a graph"

    cls = _class(p, onto, saved)

    def named(text: str) -> list[Entity]:
        return [e for e in find_named(onto, text, frozenset({cls})) if onto.is_a(e.iri, cls)]

    found = named(value)
    if not found and value.strip().isdigit():  # `cuda=12`, as `CUDA 12` is CUDA 12.0: a bare
        short = f"{value.strip()}.0"  # number is no version in a statement, but a parameter
        found = named(short)  # of a versioned class says what it is (hunt89 F5)
        if len(found) == 1:
            return _as_named(found[0], short, lang, named)
    if len(found) == 1:
        return _as_named(found[0], value, lang, named)
    if len(found) > 1:
        names = ", ".join(f"{quote(e.label())} ({e.iri})" for e in found)  # (`Volta`,
        raise SavedQueryError(f"{saved.where}: parameter `{p.name}`: {quote(value)} is ambiguous; "
                              f"it names {names}: give one's IRI, --param "  # `Volta`: hunt57 F15)
                              f"{p.name}={found[0].iri}")
    raise SavedQueryError(f"{saved.where}: parameter `{p.name}`: {_not_found(p, value, cls, onto)}")


def _as_named(entity: Entity, value: str, lang: str,
              named: Callable[[str], list[Entity]]) -> str:
    """``value`` as ``entity``'s name in ``lang`` where it is another spelling of it (an
    alias, a local name, a version written short): `where name = $s` compares names, and
    `s=NC_Promo` found nothing, exit 0 (hunt95 #3). As given where that name alone would
    not find the entity (a name two entities of the class share)."""
    label = entity.label(lang)
    if value == label:
        return value
    return label if [e.iri for e in named(label)] == [entity.iri] else value


def _not_found(p: Param, value: str, cls: str, onto: Ontology) -> str:
    """Why ``value`` names no entity of ``cls``, with the nearest names that would: the
    nearest versions to a version, else the closest spellings."""
    from kg.names import find_named, nearest_versions

    what = onto.label(cls)
    others = find_named(onto, value)
    if others:
        kind = onto.label(onto.class_of(others[0].iri) or "")
        problem = f"{quote(value)} is {a(kind)}, not {a(what)}"
    else:
        from kg.checker.scope import elsewhere

        problem = f"{quote(value)} names no {what}"
        later = elsewhere(onto, value, frozenset({cls}))  # `Av2` as of the seed: hunt45 #2
        if later:
            return f"{problem}: {later}"
    names = nearest_versions(onto, value, frozenset({cls})) or _closest(value, cls, onto)
    hint = f"; did you mean {' or '.join(quote(n) for n in names)}?" \
        if names else f"; it accepts {_accepts(p, onto)}"
    return problem + hint


def _closest(value: str, cls: str, onto: Ontology) -> list[str]:
    """The entities of ``cls`` spelt closest to ``value``, each by its spelling closest to
    it (a German name misspelt gets the German name, not the English label)."""
    pool: dict[str, tuple[str, str]] = {}
    for e in _instances(onto, cls):
        for n in (*e.labels.values(), *e.aliases):
            pool.setdefault(n.casefold(), (e.iri, n))
    close = difflib.get_close_matches(value.casefold(), list(pool), n=6, cutoff=0.6)
    spelt: dict[str, str] = {}
    for c in close:  # a thing once, by its closest spelling
        spelt.setdefault(*pool[c])
    return list(spelt.values())[:3]
