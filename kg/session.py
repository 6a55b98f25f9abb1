"""A session: one loaded graph, its ontology, and the pipeline over them.

``Graph.query`` runs parse → check → plan → execute; render is the caller's.
"""

from __future__ import annotations

import datetime
import math
import numbers
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.answers import answered_by
from kg.checked import RStatement
from kg.checker import check
from kg.collector import kept
from kg.context import Context
from kg.datafiles import data_path
from kg.errors import DataError, QueryError, UsageError
from kg.executor import STREAM_ROWS, execute, stream
from kg.i18n import LANGUAGES, check_lang
from kg.limits import MAX_QUERY_CHARS
from kg.literals import MAX_INT, NUMBER_DIGITS, TOO_MANY_DIGITS
from kg.ontology import Ontology
from kg.parser import parse
from kg.planner import plan
from kg.plans import Plan, explain
from kg.records import record
from kg.result import EntityRef, Result, ResultKind
from kg.store import OxigraphStore

if TYPE_CHECKING:  # urllib, http.client and ssl load only for a session with an endpoint
    from kg.endpoint import EndpointStore

__all__ = ["Graph", "LANGUAGES", "MAX_PLANS", "param_text"]

#: How many compiled statements a session keeps (a long-running REPL must not grow).
MAX_PLANS = 256


@record(frozen=False)
class Graph:
    """The compute-target graph, ready to answer KGQ.

    >>> g = Graph.open(as_of="seed")
    >>> g.query("VMSeries | where category = GPU | count").rows
    [[10]]
    >>> Graph.open().query("VMSeries | where category = GPU | count").rows  # the latest page
    [[14]]
    """

    store: OxigraphStore | EndpointStore
    ontology: Ontology
    lang: str = "en"
    _context: Context | None = field(default=None, repr=False)
    #: the plans compiled lately, for the ontology they were checked against (bounded LRU)
    _plans: dict[tuple[object, ...], Plan] = field(default_factory=dict, repr=False, compare=False)
    _plans_for: Ontology | None = field(default=None, repr=False, compare=False)

    def __setattr__(self, name: str, value: object) -> None:
        if name == "lang":  # `g.lang = "fr"` answered in English, unsaid (hunt110 F13)
            check_lang(value)  # type: ignore[arg-type]
        super().__setattr__(name, value)

    @property
    def endpoint(self) -> str | None:
        """The URL of the SPARQL endpoint it answers from, without credentials; None for
        the embedded graph."""
        return getattr(self.store, "url", None)  # (an EndpointStore's)

    def explain(self, text: str, params: Mapping[str, object] | None = None, *,
                ordered: bool = True) -> str:
        """What ``--explain`` prints for ``text``: its SPARQL (with an endpoint, with the
        graphs it is asked over as ``FROM``), or what runs instead. ``ordered``: as
        :meth:`stream` sends it, its rows in their final order (the order `kg query -f json`
        prints, which a pasted text without it did not give: hunt96 F1); else as
        :meth:`query` sends it, which sorts in Python."""
        return explain(self.compile(text, params, ordered=ordered),
                       getattr(self.store, "dataset", None))

    def __repr__(self) -> str:
        """What it answers from, as of when, in which language: the dataclass's repr was
        145 KB of revisions and sources, a server's credentials among them (hunt76 F1)."""
        data = [str(p) for p in getattr(self.store, "data", ())]
        where = f"endpoint={self.endpoint!r}" if self.endpoint else \
            f"data={data!r}" if data else "embedded"
        revision = self.store.revision
        return f"Graph({where}, as_of={revision.date if revision else 'every revision'}, " \
               f"lang={self.lang!r})"

    @classmethod
    def open(cls, data: Sequence[str | Path] | str | Path = (), *, lang: str = "en",
             as_of: str | datetime.date | None = None, endpoint: str | None = None,
             names_alone: bool = False) -> Graph:
        """Load the embedded graph, then each extra RDF file in ``data`` (one file, or a
        list of them), as of the page revision current at ``as_of`` (a date or a revision's
        name; default: the latest). With ``endpoint`` (a SPARQL 1.1 query endpoint's URL),
        every statement runs on that server instead; nothing is loaded locally.
        ``names_alone`` is for a graph that answers one statement or a few: the names they
        use are looked up alone, not in the table of every entity's names
        (:attr:`kg.ontology.Ontology.names_alone`), and a small store makes no merged copy
        of its graphs (:mod:`kg.store`)."""
        check_lang(lang)
        data = _files(data)
        if endpoint is not None and not isinstance(endpoint, str):
            raise UsageError(f"endpoint is a URL, not {endpoint!r}")
        store: OxigraphStore | EndpointStore
        if endpoint:
            if data:
                raise UsageError("--data loads files into the embedded graph; with an "
                                 "endpoint, publish them to the server first (kg publish)")
            from kg.endpoint import EndpointStore

            store = EndpointStore.open(endpoint, as_of=as_of)
        else:
            store = OxigraphStore.open(data, as_of=as_of, merge=not names_alone)
        with answered_by(store):
            onto = kept(lambda: Ontology.from_store(store, names_alone=names_alone))
        return cls(store, onto, lang)

    def fork(self, lang: str | None = None) -> Graph:
        """A session on the same store and ontology with caches of its own (names read,
        facts for `check`, compiled plans), in ``lang`` (default: this one's): the REPL's,
        once Ctrl-C abandoned a statement that still runs in the old one and may still fill
        its caches; the site's other languages (:func:`kg.site.write_site`)."""
        return Graph(self.store, self.ontology, lang or self.lang)  # (its lang checked as set:
        # "fr" was taken, hunt68 F4; "" is this one's, as before)

    @property
    def context(self) -> Context:
        if self._context is None:
            self._context = Context(self.store, self.ontology)
        return self._context

    def load(self, path: str | Path) -> bool:
        """Load one more RDF file into the session (the REPL's ``.load``); True if it was
        loaded before (then the graph is opened again, every data file as it is now)."""
        if not isinstance(self.store, OxigraphStore):
            raise UsageError("cannot load files into a SPARQL endpoint: publish them "
                             "(kg publish) and reconnect")
        if not isinstance(path, (str, Path)) or path == "":  # (5 was a TypeError: hunt68 F4)
            raise UsageError(f"a file to load is a path, not {path!r}")
        path = data_path(path)  # (`x.ttl/` loaded x.ttl: hunt83 F16)
        again = self.store.loaded(path)
        if again:  # every file as it is now
            try:
                self.store = kept(self.store.reopened)
            except DataError as exc:  # another file's: say why it was read
                raise DataError(f"{exc} (loading {path} again opens the session's graph again, "
                                "with every data file as it is now)") from None
        else:
            self.store.load_checked(path)
        alone = self.ontology.names_alone
        self.ontology = kept(lambda: Ontology.from_store(self.store, names_alone=alone))
        self._context = None
        return again

    def checked(self, text: str, params: Mapping[str, object] | None = None) -> RStatement:
        """Parse and check ``text``: every name resolved, every value typed (its input
        taken as :meth:`compile` takes it: an int or None was an AttributeError, hunt68 F4)."""
        return check(parse(_statement(text)), self.ontology, param_texts(params), text, self.lang)

    def compile(self, text: str, params: Mapping[str, object] | None = None,
                *, lang: str | None = None, ordered: bool = False) -> Plan:
        """Parse, check and plan ``text`` (``kg.plans.sparql_of(plan)`` is its SPARQL);
        a statement compiled lately is not compiled again (plans are immutable). With
        ``ordered``, the engine gives a pipeline's rows in their final order (for
        :meth:`stream`)."""
        _statement(text)
        if lang is not None:
            check_lang(lang)
        texts = param_texts(params)  # a number, a date, an entity: as KGQ writes it
        onto = self.ontology
        if self._plans_for is not onto:
            self._plans.clear()
            self._plans_for = onto
        key = (text, tuple(sorted(texts.items())) if texts else (), lang or self.lang, ordered)
        found = self._plans.pop(key, None)
        if found is None:
            shown = lang or self.lang
            found = plan(check(parse(text), onto, texts, text, shown), shown, ordered=ordered)
            if len(self._plans) >= MAX_PLANS:
                self._plans.pop(next(iter(self._plans)), None)  # the least recently used
        if self._plans_for is onto:  # not a plan of the ontology before a `.load` meanwhile
            self._plans[key] = found
        return found

    def query(self, text: str, params: Mapping[str, object] | None = None,
              *, lang: str | None = None) -> Result:
        """Run one KGQ statement and return its columns and rows."""
        return replace(self.run(self._compiled(text, params, lang)), lang=lang or self.lang)

    def run(self, planned: Plan) -> Result:
        """Run a plan made outside the session (a page table's, from its saved query),
        asking for kg's graph on a server as :meth:`query` asks (the page tables skipped
        the check: a server that lost the graph gave empty tables)."""
        self.store.verify()
        return self._found(execute(planned, self.context), 0)

    def _compiled(self, text: str, params: Mapping[str, object] | None, lang: str | None,
                  ordered: bool = False) -> Plan:
        """:meth:`compile`, kg's graph on a server asked for first (every 30 s), and again
        where the statement names what the session cannot find (a server that lost the
        graph said "unknown entity `NCv3`", exit 3: hunt108 F3; a server restarted in memory
        answered each statement with nothing: hunt104 F2; the embedded graph asks nothing)."""
        self.store.verify()
        try:
            return self.compile(text, params, lang=lang, ordered=ordered)
        except QueryError:
            self.store.verify(force=True)
            raise

    def stream(self, text: str, params: Mapping[str, object] | None = None,
               *, lang: str | None = None, rows: int = STREAM_ROWS) -> Iterator[Result]:
        """Run one KGQ statement and give its result in parts of up to ``rows`` rows, each
        as soon as it is made; together they are :meth:`query`'s result, in its order. The
        statement is compiled (and any error in it raised) before this returns. A result
        that needs every row before its first (``collect``, ``transpose``, and statements
        other than pipelines) comes as one part."""
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
            raise UsageError(f"rows is a number of rows, at least 1, not {rows!r}")
        shown = lang or self.lang
        planned = self._compiled(text, params, lang, ordered=True)
        parts = stream(planned, self.context, rows)
        return (self._found(replace(part, lang=shown), i) for i, part in enumerate(parts))

    def _found(self, part: Result, index: int) -> Result:
        """A statement's ``index``-th part; the first with nothing in it, after asking
        whether kg's graph is still on the server (as :meth:`query` asks)."""
        if index == 0 and (not part.rows or part.rows == [[0]] or (
                part.kind is ResultKind.SCHEMA and not any(
                    n for row in part.rows for n in row if isinstance(n, int)))):
            self.store.verify(force=True)  # (a schema of no instances: hunt108 F3)
        return part


def _statement(text: object) -> str:
    """``text``, a statement (a UsageError for anything else, as bytes or None)."""
    if not isinstance(text, str):
        raise UsageError(f"a statement is text, not {type(text).__name__}")
    return text


def _files(data: object) -> list[str | Path]:
    """``data``, the files to load, as a list: one file may be given alone.

    Raises:
        UsageError: ``data`` is neither a file nor a list of files.
    """
    if data is None:
        return []
    files = [data] if isinstance(data, (str, Path)) else list(data) \
        if isinstance(data, Iterable) and not isinstance(data, (bytes, Mapping)) else None
    if files is None or not all(isinstance(f, (str, Path)) for f in files):
        raise UsageError(f"data is a file or a list of files (paths), not {data!r}")
    if any(f == "" for f in files):
        raise UsageError("data: an empty text names no file")
    return files


def _numpy_scalar(name: str, value: Any) -> object:
    """A numpy value from a DataFrame as Python's: a number, a truth value or a day
    (``numpy.int64``, ``numpy.bool_``, ``numpy.datetime64``).

    Raises:
        UsageError: an array, or a kind of value KGQ has none of (a time span).
    """
    kind = getattr(getattr(value, "dtype", None), "kind", "")
    if getattr(value, "ndim", 1) != 0 or kind not in "biufM" or not kind:
        raise UsageError(f"parameter ${name}: {value!r} is not a value (give text, a number, a "
                         "date, a truth value or an entity)")
    if kind == "M":  # a datetime64 of any unit: its day (with a time of day: refused, as a
        try:  # datetime's: hunt118 F3)
            day = value.astype("datetime64[D]")
            timed = value == value and value != day
            found = datetime.date.fromisoformat(str(day))
        except (ValueError, OverflowError):  # NaT, a year past 9999, a unit finer than ns
            raise UsageError(f"parameter ${name}: {value!r} is not a date") from None
        if timed:
            raise _timed(name, value)
        return found
    if kind == "f" and math.isfinite(value):  # a float32's own digits: 12.1, not 12.1000003…
        return Decimal(str(value))
    return value.item()


def _timed(name: str, shown: object) -> UsageError:
    return UsageError(f"parameter ${name}: {shown} has a time of day; kg compares days: give a date")


def param_texts(params: Mapping[str, object] | None) -> dict[str, str] | None:
    """Each parameter's :func:`param_text`.

    Raises:
        UsageError: ``params`` is not a mapping of names to values, or holds no value.
    """
    if params is None:
        return None
    if not isinstance(params, Mapping):  # a pandas row (a Series: its truth value was
        items = getattr(params, "items", None)  # pandas' own ValueError: hunt110 F2)
        if not callable(items) or isinstance(params, (str, bytes)):
            raise UsageError(f"parameters are a mapping of names to values ({{'arch': "
                             f"'Volta'}}), not {type(params).__name__}")
        params = dict(items())
    params = {n: v for n, v in params.items() if not _absent(v)}  # a row's empty cells:
    if not params:  # let be, as any a statement does not use (hunt110 F6)
        return None
    for name in params:
        if not isinstance(name, str):
            raise UsageError(f"a parameter's name is text, not {name!r}")
        if name.startswith("$"):  # it got "did you mean `$$n`?" (hunt94 #5)
            bare = name.lstrip("$")
            raise UsageError(f"a parameter's name is given without its $: {{{bare!r}: …}}, "
                             f"not {{{name!r}: …}}" if bare else
                             f"a parameter's name is letters, digits and _, not {name!r}")
    return {name: param_text(name, value) for name, value in params.items()}


def _absent(value: object) -> bool:
    """Is ``value`` no value: None, pandas' NA or NaT, a float's NaN?"""
    return value is None or type(value).__name__ in ("NAType", "NaTType") or (
        isinstance(value, float) and math.isnan(value))


def param_text(name: str, value: object) -> str:
    """A parameter's value as KGQ reads it (what ``--param`` gives as text): text as it is,
    an entity by its IRI (the entity itself, where a data file's entity shares its label:
    hunt54 F4), a truth value, number or date as KGQ writes it.

    Raises:
        UsageError: a value of none of those kinds (``None``, a list): it would match
            nothing, or everything, without a word.
    """
    if isinstance(value, EntityRef):
        value = value.iri or value.label  # (its text bounded too: hunt118 F8)
    if isinstance(value, str):  # text that is not Unicode: kg.checker.check says so
        if len(value) > MAX_QUERY_CHARS:  # (10**8 characters took 6.5 s: hunt110 F12)
            raise UsageError(f"parameter ${name}: a value has at most {MAX_QUERY_CHARS:,} "
                             "characters, as a statement")
        return value
    if type(value).__module__ == "numpy":
        value = _numpy_scalar(name, value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        if value != value:  # pandas' NaT, a datetime that is no day
            raise UsageError(f"parameter ${name}: {value!r} is not a date")
        if isinstance(value, datetime.datetime) and (value.time() != datetime.time()
                                                     or value.utcoffset()):
            raise _timed(name, value.isoformat())  # (it was cut off: hunt110 F10)
        return value.isoformat()[:10]
    if isinstance(value, Decimal):  # its size first: 1e999999999 was written out, 2 GB
        if value.is_finite() and value.is_zero():
            return "0"  # (0E+20 is 0: refused as too long, hunt116 F5)
        if value.is_finite() and (value.adjusted() >= NUMBER_DIGITS
                                  or int(value.as_tuple().exponent) < -NUMBER_DIGITS):
            raise UsageError(f"parameter ${name}: {TOO_MANY_DIGITS}")  # (hunt110 F5)
        return format(value, "f")
    if isinstance(value, numbers.Integral):
        if int(value).bit_length() > MAX_INT.bit_length():
            raise UsageError(f"parameter ${name}: a number is at most {MAX_INT:,}")
        return str(int(value))
    if isinstance(value, numbers.Real):  # as KGQ writes it: 1e-05 is 0.00001
        number = float(value)
        return format(Decimal(repr(number)), "f") if math.isfinite(number) else repr(number)
    raise UsageError(f"parameter ${name}: {value!r} is not a value (give text, a number, a "
                     "date, a truth value or an entity)")
