"""What checking one statement shares: the ontology, the parameter values, the problems
found so far, and name resolution with "did you mean"."""

from __future__ import annotations

import time
from dataclasses import field

import pyoxigraph as ox

from kg import ast
from kg.checked import Kind
from kg.errors import Problem, Span, quote
from kg.hints import close_matches
from kg.names import find_named, nearest_versions
from kg.ontology import ClassInfo, Entity, Ontology, local_name
from kg.parser import quote_name
from kg.records import record
from kg.revisions import revisions_naming
from kg.vocab import GENID, KG

__all__ = ["Scope", "quote"]


def elsewhere(onto: Ontology, name: str, within: frozenset[str] = frozenset()) -> str | None:
    """A hint for an unknown name that names something all the same: in another revision of
    the page, or a blank node (only when a name is unknown)."""
    return _other_revision(onto, name, within) or _blank_named(onto, name)


def _other_revision(onto: Ontology, name: str, within: frozenset[str]) -> str | None:
    """A name the revision the session answers as of has not, but another revision of the
    page has (`describe Av2` as of the seed): read from the shipped page (a server's from
    the server)."""
    current = onto.store.revision
    if current is None:
        return None
    classes = frozenset(c for top in within for c in onto.subclasses(top)) if within else None
    found = [r for r in revisions_naming(onto.store.select_every, name, classes)  # a server's
             if r.iri != current.iri]  # page is the server's (hunt55 F5)
    if not found:
        return None
    where = " and ".join(f"{r.date} (--as-of {(r.names or (r.date.isoformat(),))[0]})"
                         for r in found)
    return (f"{quote(name)} is on the page as of {where}, not as of {current.date} "
            "(in the REPL: .as-of)")


def _blank_named(onto: Ontology, name: str) -> str | None:
    """Why a name of a blank node (`_:b rdfs:label "BlankSeries"` in a data file) names no
    entity, which a class's rows and counts still hold (it was "unknown entity", no more:
    hunt123 F5); on a server, where kg published it as an IRI under GENID, alike (it got
    "did you mean" another entity there: hunt142 F2)."""
    _, rows = onto.store.select(
        "SELECT ?b WHERE { ?b <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        f"FILTER((isBlank(?b) || STRSTARTS(STR(?b), {ox.Literal(GENID)})) "
        f"&& LCASE(STR(?l)) = {ox.Literal(name.strip().lower())}) }} LIMIT 1")
    return (f"{quote(name)} names a blank node of a data file, which has no IRI: kg names "
            "entities by IRI (a class's rows and counts hold it, but no statement can name "
            "it); give it an IRI in the data file") if rows else None


#: How long one statement's errors may spend on "did you mean" (later ones go without)
SUGGESTING = 1.0


@record(frozen=False)
class Scope:
    """The ontology, the parameters, and every problem found in one statement."""

    onto: Ontology
    params: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    checked: bool = False  #: a `check with` stage ran: verdict, confidence, why are columns
    lang: str = "en"  #: the session's language: an entity it suggests goes by its name in it
    #: seconds spent finding names close to unknown ones in this statement (see did_you_mean)
    suggesting: float = 0.0

    def fail(self, message: str, span: Span | None, hint: str | None = None) -> None:
        self.problems.append(Problem(message, span, hint))

    def nearest(self, text: str, within: frozenset[str], kinds: str = "e",
                pool: list[str] | None = None) -> str | None:
        """A hint for an unknown entity: the versions nearest to one written with a version
        (``CUDA 12.7`` → 12.6, 12.8), else the closest names (from ``pool`` if given)."""
        versions = nearest_versions(self.onto, text, within or None)
        if versions:
            return self._hint(versions)
        return self.did_you_mean(text, kinds, pool, within)

    def did_you_mean(self, text: str, kinds: str, pool: list[str] | None = None,
                     within: frozenset[str] = frozenset()) -> str | None:
        """A hint naming the closest names: from ``pool``, else the ontology's ``kinds``
        (c classes, p properties, e entities; those of the classes ``within`` where given).
        None once a statement spent :data:`SUGGESTING` seconds on them: each compares the name
        with every other, and ten misspelt names took 8.5 s at 1M triples (hunt125 F5)."""
        if self.suggesting > SUGGESTING:
            return None
        start = time.perf_counter()
        if pool is not None:  # in another case, or begun, first: `Archit` is `architecture`
            close = close_matches(text, pool, n=3, cutoff=0.6)
        else:
            close = self.onto.suggest(text, kinds=kinds, within=within, lang=self.lang)
        self.suggesting += time.perf_counter() - start
        return self._hint(close) if close else None

    @staticmethod
    def _hint(names: list[str]) -> str:
        return "did you mean " + " or ".join(quote(n) for n in names) + "?"

    # --- parameters ---------------------------------------------------------------

    def param(self, value: ast.Value) -> str | None:
        """The text of a ``$parameter``'s value; a problem when it has none."""
        if value.text in self.params:
            return self.params[value.text]
        known = sorted(self.params)
        close = close_matches(value.text, known, n=3, cutoff=0.6) if known else []
        hint = self._hint(["$" + k for k in close]) if close else None  # `$arch`, not `arch`
        hint = hint or (f"known parameters: {', '.join('$' + k for k in known)}" if known
                        else f"give it a value: --param {value.text}=VALUE (in the REPL: "
                             f".set {value.text} VALUE; in Python: "
                             f"params={{{value.text!r}: VALUE}})")
        self.fail(f"parameter {quote('$' + value.text)} has no value", value.span, hint)
        return None

    def text(self, value: ast.Value) -> str | None:
        """What a value says: its text, or a parameter's value."""
        return self.param(value) if value.kind is ast.ValueKind.PARAM else value.text

    def compared_text(self, value: ast.Value) -> str | None:
        """:meth:`text`, compared with a text (`name = $v`, `~ $v`): a parameter given an
        entity (an ``EntityRef``, passed by its IRI) is its name, as `name = NCv3` is; its
        IRI as text matched nothing, without a word (hunt68 F1)."""
        text = self.text(value)
        if value.kind is ast.ValueKind.PARAM and text is not None and "://" in text:
            found = [e for e in find_named(self.onto, text) if e.iri == text]
            if len(found) == 1:
                return found[0].label(self.lang)
        return text

    # --- names --------------------------------------------------------------------

    def cls(self, name: ast.Name) -> str | None:
        found = self.onto.find_class(name.text)
        if not found:
            entity = find_named(self.onto, name.text)
            hint = (f"{quote(name.text)} is an entity ({self.class_label(entity[0])}): "
                    f"`describe {quote_name(entity[0].label(self.lang))}` lists its facts"
                    if len(entity) == 1 else self.did_you_mean(name.text, "c"))
            self.fail(f"unknown class {quote(name.text)}", name.span, hint)
            return None
        return found[0].iri

    def shares_an_entitys_name(self, cls: ClassInfo, name: ast.Name) -> bool:
        """Does a class not kg's own (a data file's) share its ``name`` with an entity? That is
        ambiguous, as two entities' shared name is, not the class (a data file's class labelled
        "Volta" took the architecture's name, and `Volta.^architecture` failed: hunt124 F2);
        kg's own classes keep their names."""
        entities = [] if KG.owns(cls.iri) else self.onto.find_entity(name.text)
        if entities:
            self.fail(f"{quote(name.text)} is ambiguous: it names the class {cls.iri} and "
                    + " and ".join(f"the {self.class_label(e)} {e.iri}" for e in entities[:3]),
                    name.span, "give the class a name of its own in the data file (an rdfs:label "
                    f"or its local name `{local_name(cls.iri)}`), or name the entity by its IRI "
                    "in quotes")
        return bool(entities)

    def source(self, value: ast.Value) -> str | None:
        """A source (named graph) for `from`, by label or local name (or a parameter's value:
        `from $a` looked up a source called `a`, hunt57 F9)."""
        text = self.text(value)
        if text is None:
            return None
        value = ast.Value(ast.ValueKind.STRING, text, value.span)
        found = self.onto.find_source(value.text)
        if len(found) == 1:
            return found[0]
        if not found:
            pool = sorted({local_name(s) for s in self.onto.sources}
                          | {v for labels in self.onto.sources.values() for v in labels.values()})
            other = value.text.strip().casefold() in self.onto.store.dropped_names
            self.fail(f"unknown source {quote(value.text)}", value.span,
                      f"{quote(value.text)} is a source of another revision of the page than "
                      "this one (`kg revisions` lists them; --as-of, in the REPL .as-of, picks "
                      "one)" if other else self.did_you_mean(value.text, "", pool))
        else:
            self.fail(f"{quote(value.text)} is ambiguous: it names the sources "
                      + ", ".join(quote(local_name(s)) for s in found), value.span)
        return None

    def entity(self, value: ast.Value, within: frozenset[str] = frozenset(),
               what: str = "entity", *, param: bool = False) -> Entity | None:
        """The entity ``value`` names (``param``: the value of a parameter, given as it is)."""
        text = self.text(value)
        if text is None:
            return None
        found = find_named(self.onto, text, within or None)
        if not found:
            hint = elsewhere(self.onto, text, within)
            if not hint and self.onto.find_class(text):  # `describe VMSeries` (hunt71 F4)
                label = quote_name(text)
                self.fail(f"{quote(text)} is a class, not {'an' if what[0] in 'aeiou' else 'a'} "
                          f"{what}", value.span, self.listed(within) if what == "feature" else
                          f"`{label}` lists its instances, `schema {label}` its properties")
                return None
            hint = hint or self.nearest(text, within, "ce" if what == "class or entity" else "e")
            self.fail(f"unknown {what} {quote(text)}", value.span,
                      hint or (self.listed(within) if what == "feature" else None))
            return None
        if len(found) > 1:
            locals_ = [local_name(e.iri) for e in found]
            shared = len(set(locals_)) < len(locals_)  # data files in two namespaces: the IRI
            names = ", ".join(f"{quote(e.label())} ({self.class_label(e)}, "
                              f"{f'<{e.iri}>' if shared else local}" + ")"
                              for e, local in zip(found, locals_))
            param = param or value.kind is ast.ValueKind.PARAM  # a parameter's value is given
            iris = [e.iri if param else f'"{e.iri}"' for e in found[:3]]  # as it is: quoted,
            # it was refused (hunt57 F15)
            by_iri = "its IRI" if param else "its IRI in quotes"
            self.fail(f"{quote(text)} is ambiguous: it names {names}", value.span,
                      "they share their local name too: give each a name of its own (a label "
                      f"or an alias in the data file), or name one by {by_iri}" if shared
                      else f"use a more specific name, or one's IRI{'' if param else ' in quotes'}: "
                      + " or ".join(iris))
            return None
        return found[0]

    def class_label(self, e: Entity) -> str:
        cls = self.onto.class_of(e.iri)
        return self.onto.label(cls, self.lang) if cls else "entity"

    def feature(self, value: ast.Value) -> str | None:
        """A feature a target may support (the range of ``kg:supports``)."""
        prop = self.onto.properties.get(KG.supports.value)
        within = frozenset(prop.ranges) if prop else frozenset()
        e = self.entity(value, within, what="feature")
        if e is None:
            return None
        if within and not any(self.onto.is_a(e.iri, c) for c in within):
            self.fail(f"{quote(e.label())} is not a feature", value.span,
                      self.did_you_mean(value.text, "e", within=within) or self.listed(within))
            return None
        return e.iri

    def listed(self, within: frozenset[str]) -> str | None:
        """The features (the entities of the classes ``within``), when they are a few."""
        named = sorted(f.label(self.lang) for f in self.onto.entities.values()
                       if any(self.onto.is_a(f.iri, c) for c in within))
        return ("the features: " + ", ".join(quote(n) for n in named)
                if 0 < len(named) <= 12 else None)

    def describe(self, kind: Kind) -> str:
        """What a path holds, in words: "VM category entities", "dates"."""
        if kind.is_entity and kind.classes and not kind.compares_by:
            names = " or ".join(self.onto.label(c) for c in sorted(kind.classes))
            return f"{names} entities"
        return kind.describe()
