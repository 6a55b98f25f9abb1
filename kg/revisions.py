"""Page revisions: which revision of the page a session answers as of.

The page's sources (its sections and tables, each a named graph) name the revisions
that contain them (``kg:revision``); outside sources hold in every revision. Opening
the graph as of a date keeps the sources of the revision current at that date and
drops the others, so every statement (and every engine) reads one revision.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from kg.errors import UsageError
from kg.i18n import day_in, pick, word
from kg.literals import LiteralKind, is_literal, past_limit
from kg.records import record
from kg.result import Result, ResultKind
from kg.vocab import DCTERMS, ENT, KG, RDF, RDFS, SKOS, curie

__all__ = ["Revision", "EveryRevision", "ALL_REVISIONS", "read_revisions", "revisions_from_rows", "choose",
           "calendar_day", "sources_revisions", "undescribed", "names_of", "other_sources",
           "superseded_sources", "left_out", "source_names", "Select", "revisions_naming",
           "LISTING_COLUMNS", "listing"]

#: A part of a revision with a date of its own: the date, and its names by language.
Part = tuple[datetime.date, tuple[tuple[str, str], ...]]

#: What reading revisions needs of a store: its ``select``.
Select = Callable[[str], tuple[list[str], list[tuple[Any, ...]]]]


@record
class Revision:
    """One revision of the page: its document at a commit, and the date it carries."""

    iri: str
    date: datetime.date
    labels: dict[str, str]
    names: tuple[str, ...]  #: what users may call it besides its date (``seed``)
    commit: str = ""
    repository: str = ""
    path: str = ""
    comment: str = ""
    #: the revision whose German page gave this one's German texts, where it is another
    #: (no German page of this revision was found: kg:germanTextsFrom)
    german_from: str = ""
    #: the parts of it (``dcterms:hasPart``: an include) that carry a later date of their
    #: own, each as (its date, its labels by language), oldest first: the seed's list of
    #: retired series is the include of 2024-10-17 (hunt62 F2)
    later: tuple[Part, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.date.isoformat()

    def later_parts(self, lang: str = "en", after: datetime.date | None = None) -> list[str]:
        """Its parts dated after ``after`` (default: its own date), as ``NAME of DATE``."""
        day = after or self.date
        return [word("part of", lang).format(name=dict(labels).get(lang) or dict(labels).get("en") or "",
                                             date=day_in(date, lang))
                for date, labels in self.later if date > day]

    def later_said(self, lang: str = "en") -> str:
        """That part of it is dated later, and which, as a sentence ("" where none is): what
        a page as of it says (the seed's retired series, an include of 2024-10-17, were
        unsaid on a site "as of 2024-01-23": hunt74 F6)."""
        later = self.later_parts(lang)
        return word("later parts", lang).format(parts=", ".join(later)) if later else ""

    def later_note(self, as_of: str | datetime.date | None, lang: str = "en") -> str:
        """What to say of answering ``--as-of`` (or ``.as-of``) ``as_of`` from this revision,
        where that is a day and part of the revision is dated after it (nothing otherwise,
        nor for its own date: a revision's date names it, as ``seed`` does, and `kg
        revisions` lists its later parts)."""
        if isinstance(as_of, int) and not isinstance(as_of, bool):
            as_of = str(as_of)  # (a year, as choose() takes it)
        if isinstance(as_of, datetime.datetime):
            as_of = as_of.date()
        day = as_of if isinstance(as_of, datetime.date) else calendar_day(as_of) if as_of else None
        parts = self.later_parts(lang, day) if day is not None and day != self.date else []
        if day is None or not parts:
            return ""
        return word("later note", lang).format(day=day_in(day, lang), revision=self.label(lang),
                                               parts=", ".join(parts))

    def __hash__(self) -> int:
        return hash(self.iri)


_Q_REVISIONS = f"""SELECT ?r ?p ?o WHERE {{
  {{ ?r {RDF.type} {KG.Revision} ; ?p ?o .
    FILTER(?p IN ({KG.revisionDate}, {RDFS.label}, {SKOS.altLabel}, {KG.commit}, {KG.repository},
                  {KG.filePath}, {RDFS.comment}, {DCTERMS.source}, {KG.germanTextsFrom})) }}
  UNION
  {{ ?r {RDF.type} {KG.Revision} ; {DCTERMS.hasPart} ?part . ?part {DCTERMS.date} ?date ;
       {RDFS.label} ?name .
    BIND({DCTERMS.hasPart} AS ?p)
    BIND(STRLANG(CONCAT(STR(?date), " ", STR(?part), " ", STR(?name)), LANG(?name)) AS ?o) }}
}}"""


def read_revisions(select: Select) -> list[Revision]:
    """Every revision the store describes, oldest first."""
    _, rows = select(_Q_REVISIONS)
    return revisions_from_rows(rows)


def revisions_from_rows(rows: list[tuple[Any, ...]]) -> list[Revision]:
    """Revisions from ``(revision, property, value)`` rows, oldest first."""
    props: dict[str, dict[str, list[ox.Literal]]] = {}
    for r, p, o in rows:
        props.setdefault(r.value, {}).setdefault(p.value, []).append(o)
    out = []
    for iri, p in props.items():
        dates = p.get(KG.revisionDate.value)
        if not dates:
            continue
        labels = {lit.language or "en": lit.value for lit in pick(p.get(RDFS.label.value, []), "en")}
        labels |= {lit.language: lit.value for lit in p.get(RDFS.label.value, []) if lit.language}
        first = {k: pick(v, "en")[0].value for k, v in p.items() if v}
        day = datetime.date.fromisoformat(dates[0].value)
        out.append(Revision(
            iri, day, labels,
            tuple(sorted(lit.value for lit in p.get(SKOS.altLabel.value, []))),
            first.get(KG.commit.value, ""), first.get(KG.repository.value, ""),
            first.get(KG.filePath.value, ""), first.get(RDFS.comment.value, ""),
            first.get(KG.germanTextsFrom.value, ""), _later(p.get(DCTERMS.hasPart.value, []), day)))
    return sorted(out, key=lambda r: (r.date, r.iri))


def names_of(revisions: list[Revision]) -> list[str]:
    """The names :func:`choose` takes besides dates: each revision's, then ``latest``."""
    return [*(name for r in revisions for name in r.names), "latest"]


class EveryRevision:
    """``as_of`` that keeps every revision's sources, for comparing them (`kg diff`, `kg
    publish`): an object, not a name a user can give (`--as-of all` mixed revisions in one
    answer, exit 0: hunt80 F1)."""

    def __repr__(self) -> str:
        return "ALL_REVISIONS"


ALL_REVISIONS = EveryRevision()


#: The columns of ``kg revisions`` and the REPL's ``.revisions``.
LISTING_COLUMNS = ("date", "names", "commit", "revision", "parts dated later", "current")


def listing(revisions: list[Revision], current: Revision | None, lang: str = "en", *,
            commit_digits: int | None = None) -> Result:
    """The revisions as a table: ``names`` and ``parts dated later`` are arrays in JSON
    (``[]`` for none), ``current`` a boolean (they were joined text and ``"yes"``/``null``,
    which a script had to split and compare as text: hunt89 F7)."""
    rows: list[list[object]] = [
        [r.date, tuple(r.names), r.commit[:commit_digits] or None, r.label(lang),
         tuple(r.later_parts(lang)), current is not None and r.iri == current.iri]
        for r in revisions]
    return Result(list(LISTING_COLUMNS), rows, ResultKind.LISTING,  # type: ignore[arg-type]
                  many=("names", "parts dated later"))


def choose(revisions: list[Revision], as_of: str | datetime.date | None,
           what: str = "--as-of") -> Revision | None:
    """The revision current at ``as_of`` (a date, ``latest``, or a revision's name or IRI's
    last part, in any case); the latest when ``as_of`` is None; None when the graph has no
    revisions. ``what`` names the argument in errors (`kg diff` takes two revisions).

    Raises:
        UsageError: ``as_of`` is before the first revision, or names none.
    """
    if isinstance(as_of, int) and not isinstance(as_of, bool):  # a year, as the revisions'
        as_of = str(as_of)  # names are (`as_of=2025` was refused: hunt80 F8)
    if isinstance(as_of, str) and as_of.strip().casefold() == "latest":
        as_of = None
    if not revisions:
        if as_of is not None:
            raise UsageError(f"{what}: this graph describes no page revisions")
        return None
    if as_of is None:
        return revisions[-1]
    if isinstance(as_of, str):
        key = as_of.strip().casefold()
        for r in revisions:
            names = {n.casefold() for n in (*r.names, *r.labels.values())}
            if key in names or key == r.iri.rsplit("/", 1)[-1].casefold():
                return r
        day = calendar_day(as_of, what)
        if day is None:
            known = ", ".join(f"{r.date} ({', '.join(r.names) or r.label()})" for r in revisions)
            raise UsageError(f"{what} {as_of!r} is neither a date (YYYY-MM-DD) nor a revision; "
                             f"the revisions are: {known}, or latest")
        as_of = day
    if isinstance(as_of, datetime.datetime):  # a datetime is a date too: its day
        as_of = as_of.date()
    if not isinstance(as_of, datetime.date):
        raise UsageError(f"{what} {as_of!r} is neither a date nor a revision's name (give "
                         "a datetime.date or a text: YYYY-MM-DD, seed, latest, …)")
    current = [r for r in revisions if r.date <= as_of]
    if not current:
        raise UsageError(f"no revision of the page is as old as {as_of}; the first is "
                         f"{revisions[0].date}")
    return current[-1]


def calendar_day(text: str, what: str = "--as-of") -> datetime.date | None:
    """The day ``text`` writes as YYYY-MM-DD; None for a text of another form (a revision's
    name; Python's `fromisoformat` took `20251113` and `2025-W46` too).

    Raises:
        UsageError: ``text`` has the form but is no day (`2025-02-30`): said before a server
            is asked for its revisions.
    """
    text = text.strip()
    if is_literal(LiteralKind.DATE, text):  # a date as KGQ reads one
        return datetime.date.fromisoformat(text)
    if past_limit(LiteralKind.DATE, text):
        raise UsageError(f"{what} {text!r} is no day of the calendar")
    return None


def sources_revisions(select: Select) -> dict[Any, set[Any]]:
    """Each source (named graph) that names page revisions (``kg:revision``), with them:
    read once, for :func:`undescribed` and :func:`other_sources`."""
    _, rows = select(f"SELECT DISTINCT ?g ?r WHERE {{ ?g {KG.revision} ?r }}")
    found: dict[Any, set[Any]] = {}
    for g, r in rows:
        found.setdefault(g, set()).add(r)
    return found


def undescribed(of_sources: dict[Any, set[Any]], revisions: list[Revision]) -> list[str]:
    """The revisions sources name (:func:`sources_revisions`) that ``revisions`` does not
    hold (a graph folder without its revisions file: every revision's facts at once, hunt80
    F2)."""
    named = {str(getattr(r, "value", r)) for rs in of_sources.values() for r in rs}
    return [curie(iri) for iri in sorted(named - {r.iri for r in revisions})]


def other_sources(of_sources: dict[Any, set[Any]], revision: Revision) -> list[Any]:
    """The sources (named graphs) that belong to page revisions (:func:`sources_revisions`),
    but not to ``revision``. (Each source's revisions are read, and the rest done here: a
    ``FILTER NOT EXISTS`` took a server 2.2 s at 4M triples, the plain pattern 51 ms.)"""
    this = ox.NamedNode(revision.iri)
    return [g for g, of in of_sources.items() if this not in of]


def superseded_sources(select: Select, gone: Iterable[ox.NamedNode]) -> list[ox.NamedNode]:
    """The sources a later source replaces (``kg:supersededBy``: a plan later changed,
    release notes later edited), where that source is not one of ``gone`` (another
    revision's, :func:`other_sources`). A session reads no facts of theirs, so no statement
    answers from them beside the facts that replaced them; what they are (their
    description) stays, as does their graph for ``kg diff`` and ``kg publish``."""
    out = set(gone)
    _, rows = select(f"SELECT DISTINCT ?g ?later WHERE {{ ?g {KG.supersededBy} ?later }}")
    return sorted({g for g, later in rows if later not in out and g not in out}, key=str)


def left_out(select: Select, revision: Revision, of_sources: dict[Any, set[Any]] | None = None
             ) -> tuple[list[Any], list[ox.NamedNode]]:
    """What a session as of ``revision`` leaves out, as the embedded store and an endpoint
    both read it: the sources of other revisions (:func:`other_sources`: their facts and
    what they are) and the sources later ones replace (:func:`superseded_sources`: their
    facts alone). ``of_sources``: :func:`sources_revisions`, where read already."""
    gone = other_sources(sources_revisions(select) if of_sources is None else of_sources,
                         revision)
    return gone, superseded_sources(select, gone)


def source_names(select: Select, graphs: Iterable[ox.NamedNode]) -> frozenset[str]:
    """The names ``from`` knows ``graphs`` by (their labels in any language and their local
    names, casefolded): read before a revision's session drops them, so a saved query
    reading one (a table of another revision) is told from a misspelt ``from``."""
    graphs = list(graphs)
    if not graphs:
        return frozenset()
    values = " ".join(str(g) for g in graphs)
    _, rows = select(f"SELECT ?l WHERE {{ VALUES ?g {{ {values} }} ?g {RDFS.label} ?l }}")
    local = {g.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for g in graphs}
    return frozenset(n.casefold() for n in {*(r[0].value for r in rows if r[0] is not None),
                                            *local})


def revisions_naming(select: Select, name: str,
                     classes: frozenset[str] | None = None) -> list[Revision]:
    """The revisions whose sources (``select`` reads every revision: the shipped page)
    name an entity ``name``, by a label, an alias or a local name, in any case: for a name
    the revision a session answers as of has not (`describe Av2` as of the seed)."""
    key = name.strip().casefold()
    if not key or len(key) > 200:
        return []
    text = ox.Literal(key)
    _, rows = select(f"""SELECT DISTINCT ?r ?t WHERE {{
  GRAPH ?g {{ ?e ?p ?o }} ?g {KG.revision} ?r . OPTIONAL {{ ?e a ?t }}
  FILTER((?p IN ({RDFS.label}, {SKOS.altLabel}) && LCASE(STR(?o)) = {text})
         || (isIRI(?e) && LCASE(STR(?e)) = {ox.Literal(ENT.casefold() + key)}))
}}""")
    found = {r[0].value for r in rows if r[0] is not None
             and (classes is None or (r[1] is not None and r[1].value in classes))}
    return [rev for rev in read_revisions(select) if rev.iri in found]


def _later(parts: list[Any], day: datetime.date) -> tuple[Part, ...]:
    """The parts dated after ``day``, from ``DATE IRI NAME`` texts (one per name, tagged
    with its language)."""
    found: dict[tuple[datetime.date, str], dict[str, str]] = {}
    for text in parts:
        date, iri, name = (getattr(text, "value", "").split(" ", 2) + ["", ""])[:3]
        when = _day(date)
        if when is not None and when > day:
            found.setdefault((when, iri), {})[getattr(text, "language", None) or "en"] = name
    return tuple((when, tuple(sorted(names.items())))
                 for (when, _), names in sorted(found.items()))


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
