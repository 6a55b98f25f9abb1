"""Plans: what the planner hands the executor, one frozen type per statement kind.

Each plan holds only its own fields; the executor picks its runner by the plan's
type. SPARQL plans carry their query text (``sparql``); the others name the graph
algorithm's inputs.
"""

from __future__ import annotations

import re
from typing import Union

from kg.checked import Kind
from kg.records import record

__all__ = ["Column", "CheckStep", "CutStep", "BY_NAMES", "BY_VERSIONS", "Step", "slot", "fill",
           "Finish", "SelectPlan", "CountPlan", "DescribePlan", "PathPlan", "NeighborsPlan",
           "CheckPlan", "SchemaPlan", "Plan", "sparql_of", "explain", "NAMES_APART", "ESCAPED",
           "MEMBERS", "OTHERS", "unescaped", "Dataset"]

#: Between the names (and IRIs) the engine gathers into one text for the executor: a sort
#: key's names, a gathered cell's values. None holds it: each is escaped (``ESCAPED``).
NAMES_APART = " "
#: The variables of a `collect` the engine grouped (``kg.planner.grouped``) that are no
#: column's: each group's entities' IRIs, gathered, and how many of them are no IRI.
MEMBERS, OTHERS = "members", "others"

#: What a gathered name or IRI holds in place of each character, escaped in this order
#: (the planner's ``REPLACE``s) and read back in the other (:func:`unescaped`): two plain
#: replacements, where a URI decoder took 5 ms for the 2,200 labels of one cell.
ESCAPED = (("%", "%25"), (NAMES_APART, "%20"))


def unescaped(text: str) -> str:
    """A gathered name or IRI as it was (:data:`ESCAPED` undone)."""
    if "%" not in text:  # most names
        return text
    for char, escape in reversed(ESCAPED):
        text = text.replace(escape, char)
    return text


@record
class Column:
    """One output column: its title, the SPARQL variable holding its values, its kind."""

    title: str
    var: str
    kind: Kind
    label_var: str | None = None  #: the variable holding an entity's label, if any
    supports: str | None = None  #: a `supports(FEATURE)` column: the feature's IRI
    check: str | None = None  #: a column of a `check with` stage (``check:why`` …)
    many: bool = False  #: may hold several values per row (JSON shows it as an array)
    #: a `check with` column that nothing in the query reads: not in the query, the
    #: executor fills it from the check's verdicts (no need to send them to the engine)
    evidence: bool = False
    #: entities, several a row, gathered by the engine into one text a row (``var``):
    #: each value's IRI, a label's language tag and the label after ``=`` (``%`` and
    #: spaces escaped; nothing: no label), each followed by ``NAMES_APART``
    #: (see kg.planner.columns.gathered_cell, kg.planner.several.gather)
    gathered: bool = False
    #: the property whose facts state the column's values (its path's last step, forward):
    #: what a cell cites (:func:`kg.output.provenance.cell_facts`)
    prop: str | None = None
    #: a path of several steps, each a property's IRI and whether it is walked backwards,
    #: from the row's entity: a cell cites the facts along it (NCv3 → Volta → CUDA 9.0 for
    #: `architecture.minCuda`, whose cells cited nothing: hunt121 F1); () for one step
    path: tuple[tuple[str, bool], ...] = ()


@record
class Finish:
    """What happens to the rows after the query: `collect`'s grouping, then the `sort` and
    `limit` that follow it (on its columns), then `transpose`."""

    group: int = 0  #: `collect`: rows group by their first ``group`` cells (0: no grouping)
    sort: tuple[tuple[int, bool], ...] = ()  #: (column, descending) after `collect`
    limit: int | None = None  #: groups kept after `collect`
    pick: tuple[int, ...] = ()  #: the columns a `show` after `count by`/`collect` keeps, in order
    transpose: bool = False
    transpose_title: str | None = None  #: the first column's title after `transpose`
    #: `collect` with no `sort` before it: each group's values in their own order (names
    #: by their natural keys), not in their entities' (whose order the rows had)
    ordered_values: bool = False
    #: `count by` over the rows' cells: each group counts its rows (an entity with several
    #: values of a key in the group of each), no column collected
    counted: bool = False
    #: the `show` after the grouping put another column first, and no `sort` came after
    #: the grouping: the rows go by it (they stayed in the groups' order: hunt54 F2)
    by_first: bool = False

    @property
    def idle(self) -> bool:
        return not (self.group or self.pick or self.transpose)

    def describe(self, grouped: bool = False) -> str:
        """The steps in words, as SPARQL comments (``--explain`` prints them after the query);
        ``grouped``: the engine made the groups (``SelectPlan.grouped``)."""
        steps = []
        if self.group and grouped:
            steps.append("# then: name each group's keys and entities (the engine grouped "
                         "them; groups listing the same keys are one)")
        elif self.group:
            steps.append(f"# then: group the rows by their first {self.group} column(s), "
                         + ("counting each group's rows" if self.counted
                            else "collecting the last column's values"))
        if self.group:
            steps += [f"# then: sort by column {i + 1}{' descending' if d else ''}"
                      for i, d in self.sort]
            if self.limit is not None:
                steps.append(f"# then: keep the first {self.limit} groups")
        if self.pick:
            steps.append(f"# then: keep columns {', '.join(str(i + 1) for i in self.pick)}")
        if self.by_first:
            steps.append("# then: sort by the first of them")
        if self.transpose:
            title = f" as {self.transpose_title!r}" if self.transpose_title else ""
            steps.append(f"# then: transpose (columns become rows){title}")
        return "\n".join(steps)


#: A slot in a plan's SPARQL that the executor fills with a `check with` stage's results:
#: NUL never appears in a SPARQL term kg writes (literals escape it), so no value can fake one.
_SLOT = re.compile("\x00([^\x00]*)\x00")


def slot(check: int, what: str) -> str:
    """The slot for the ``what`` values (``focus``, ``check:verdict`` …) of check ``check``."""
    return f"\x00{check} {what}\x00"


def fill(sparql: str, values: dict[str, str]) -> str:
    """``sparql`` with each filled slot replaced by its ``VALUES`` rows."""
    return _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), sparql)


@record
class CheckStep:
    """A `check with` stage: ``sparql`` selects the entities to check (``?focus``); their
    verdicts fill the slots of check number ``number`` in the plan's query."""

    number: int
    sparql: str
    focus: str
    other: str


#: What a cut orders its candidates by: names, by their natural keys
#: (``kg.literals.natural_key``), or versions, component by component
#: (``kg.literals.engine_version_key``).
BY_NAMES, BY_VERSIONS = "names", "versions"


@record
class CutStep:
    """A `limit` by names or versions: ``sparql`` gives the candidate entities (``?focus``),
    one solution per name or version they sort by (``?key``, as ``by`` says); the first
    ``count`` in the order of those keys (``desc``: greatest first) fill the slot of cut
    number ``number``."""

    number: int
    sparql: str
    focus: str
    key: str
    desc: bool
    count: int
    by: str = BY_NAMES


Step = Union[CheckStep, CutStep]  #: what runs before a plan's query and fills its slots


@record
class SelectPlan:
    """A pipeline's rows: one SELECT, grouped by the row entity (``focus``)."""

    sparql: str
    columns: tuple[Column, ...]
    focus: str  #: the variable of each row's entity
    lang: str
    distinct: bool = False
    post_limit: int | None = None  #: a `limit` after `distinct`, applied to the rows
    steps: tuple[Step, ...] = ()  #: `check with` stages and cuts, run first, in order
    finish: Finish = Finish()
    #: (key variable, descending) of each sort key the executor orders rows by: each key
    #: gathers names (`NAMES_APART` between them), ordered by their natural key
    by_gathered: tuple[tuple[str, bool], ...] = ()
    #: … versions instead (percent-encoded), ordered by their version keys
    by_versions: bool = False
    #: the rows are ordered by the names of their first column (the default order), which
    #: the executor reads from that column's own cells
    by_first: bool = False
    #: one solution per `collect` group (``kg.planner.grouped``): its keys' and its
    #: entities' IRIs gathered, for the executor to name and order; the plan as rows, which
    #: it runs instead where a group holds an entity that is no IRI
    grouped: SelectPlan | None = None
    #: the source the query reads its facts from (`from`), None for every source: a blank
    #: `supports` cell says "no" only in that source's own table
    #: (:meth:`kg.context.Context.table_rows`)
    graph: str | None = None
    #: a `check with` that ends the pipeline (the entity it checks with): the executor checks
    #: the rows' entities after the query, which no later stage reads (no query of its own)
    check_after: str | None = None


@record
class CountPlan:
    """`count` / `count by`: one SELECT with aggregates."""

    sparql: str
    columns: tuple[Column, ...]
    lang: str
    finish: Finish = Finish()
    steps: tuple[Step, ...] = ()  #: `check with` stages and cuts, run first, in order
    graph: str | None = None  #: the source it reads its facts from (`from`), if one


@record
class DescribePlan:
    entity: str
    sparql: str
    lang: str


@record
class PathPlan:
    start: str
    end: str
    lang: str


@record
class NeighborsPlan:
    entity: str
    depth: int
    lang: str


@record
class CheckPlan:
    left: str
    right: str
    lang: str


@record
class SchemaPlan:
    """`schema` (every class, from the ontology) or `schema CLASS` (with a usage query)."""

    cls: str | None
    sparql: str
    lang: str


Plan = Union[SelectPlan, CountPlan, DescribePlan, PathPlan, NeighborsPlan, CheckPlan, SchemaPlan]


def sparql_of(plan: Plan) -> str | None:
    """The SPARQL a plan runs, if it runs any."""
    return getattr(plan, "sparql", None) or None


def _step_comment(step: Step) -> str:
    if isinstance(step, CutStep):
        which = "greatest" if step.desc else "least"
        order = "in their natural order" if step.by == BY_NAMES else "as versions"
        return (f"# first, cut {step.number}: the {step.count} ?{step.focus} of this query with "
                f"the {which} {step.by} ?{step.key} ({order}) fill the slot "
                f"[{step.number} cut]\n")
    return (f"# first, check {step.number}: check each ?{step.focus} of this query with "
            f"<{step.other}>; its results fill the slots [{step.number} …]\n")


def _filled_comment(plan: Plan) -> str:
    """The `check with` columns the executor fills from the verdicts (not in the query)."""
    filled = [c.title for c in getattr(plan, "columns", ()) if c.evidence]
    if other := getattr(plan, "check_after", None):
        return (f"# then: check each ?{getattr(plan, 'focus', '')} of the rows with <{other}>: "
                f"{', '.join(filled)} from its verdicts")
    return (f"# then: {', '.join(filled)} from the last check's verdicts (nothing in the "
            "query reads them)") if filled else ""


#: The graphs a query is asked over on a server: the default graph's, then the named ones
#: (the SPARQL 1.1 Protocol's ``default-graph-uri`` and ``named-graph-uri``)
Dataset = tuple[tuple[str, ...], tuple[str, ...]]


def explain(plan: Plan, dataset: Dataset | None = None) -> str:
    """What ``--explain`` prints: the SPARQL, or what runs instead of it. With the
    ``dataset`` a server is asked over, each query says it as ``FROM`` and (where it reads
    a named graph) ``FROM NAMED``, so the text runs as kg sends it (it ran over the
    server's whole dataset: 0 GPU series, where kg answers 14: hunt93 F1)."""
    sparql = sparql_of(plan)
    if sparql:
        finish = getattr(plan, "finish", Finish()).describe(bool(getattr(plan, "grouped", None)))
        after = "\n".join(filter(None, (_filled_comment(plan), finish)))
        text = _over(sparql, dataset).rstrip("\n") + (f"\n{after}" if after else "")
        steps: tuple[Step, ...] = getattr(plan, "steps", ())
        for step in reversed(steps):
            text = _step_comment(step) + _over(step.sparql, dataset).rstrip("\n") + "\n\n" + text
        return _SLOT.sub(lambda m: f"[{m.group(1)}]", text)
    what = type(plan).__name__.removesuffix("Plan").lower()
    return f"-- `{what}` runs as a graph algorithm, not SPARQL"


def _over(sparql: str, dataset: Dataset | None) -> str:
    """``sparql`` with ``dataset`` as ``FROM`` lines before its first ``WHERE``."""
    if dataset is None:
        return sparql
    default, named = dataset
    graphs = [f"FROM <{g}>" for g in default]
    if "GRAPH " in sparql:
        graphs += [f"FROM NAMED <{g}>" for g in named]
    head, where, rest = sparql.partition(" WHERE {")
    if not where or not graphs:
        return sparql
    return head + "\n" + "\n".join(graphs) + "\nWHERE {" + rest
