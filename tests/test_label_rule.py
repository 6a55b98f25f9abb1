"""One rule for the label a cell shows, in every stage (hunt136 #1, #2, #4): among an
entity's labels, or a text cell's, those in the session's language, else English (an exact
tag before a region's), else any language, else the untagged ones (kg.i18n.pick). `show`,
`where`, `count by`, `collect … by`, `sort` and an entity's cell all use it. Before, a
column admitted only the session's language, English and untagged labels: in English an
entity named only in German or Italian had a blank `show name`, fell in `collect`'s blank
group and sorted first, while `where name ~` and `count by name` found it by that name;
and a sort key took any English or untagged label, not the one the cell shows (a row
sorted by an untagged "Alpha" beside its "Zeta"@en)."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from kg.i18n import pick
from kg.literals import natural_key
from kg.result import cell_values
from kg.session import Graph
from tests.test_text_paths import lab_graph, labelled

Labels = list[tuple[str, "str | None"]]

#: series named in one language, in a third, untagged beside tagged, in a region's, …
SERIES: dict[str, Labels] = {
    "uno": [("Serie Uno", "it")], "deutsch": [("Nur Deutsch", "de")],
    "zeta": [("Zeta", "en"), ("Alpha", None)], "plain": [("Plain Only", None)],
    "due": [("Plain Two", None), ("Due", "it")], "colour": [("Colour", "en-GB"), ("Color", "en")],
    "wien": [("Wien Eins", "de-AT"), ("Ding", "de")], "both": [("Both", "en"), ("Beide", "de")],
    "brit": [("Brit Only", "en-GB"), ("Aaa Plain", None)],
}
#: targets, and which support each series (the cells of `supportedBy`)
TARGETS: dict[str, Labels] = {
    "t-it": [("Bersaglio", "it")], "t-en": [("Target English", "en")],
    "t-de": [("Ziel Deutsch", "de")], "t-gb": [("Aardvark", "en-GB")],
    "t-mix": [("Mid", "en"), ("Zwischen", "de")], "t-plain": [("Target Plain", None)],
}
SUPPORTED = {"uno": ["t-it"], "deutsch": ["t-de", "t-it"], "zeta": ["t-en", "t-gb"],
             "plain": ["t-plain"], "due": ["t-mix"], "colour": ["t-gb"],
             "wien": ["t-de", "t-mix"], "both": [], "brit": ["t-it", "t-plain"]}
LAB = '| where category = "Rule Lab"'  #: the lab's series alone
WORDS = ("Uno", "Deutsch", "Zeta", "Alpha", "Plain", "Due", "Colo", "Wien", "Ding", "Both",
         "Beide", "Brit", "Bersaglio", "English", "Ziel", "Aardvark", "Mid", "Zwischen")




def _data() -> list[str]:
    lines = ['ent:rule-cat a kg:VMCategory ; rdfs:label "Rule Lab"@en , "Regel Labor"@de .']
    lines += [f"ent:rule-{key} a kg:ManagedCompute{labelled(names)} ."
              for key, names in TARGETS.items()]
    for key, names in SERIES.items():
        targets = "".join(f" ; kg:supportedBy ent:rule-{t}" for t in SUPPORTED[key])
        lines.append(f"ent:rule-{key} a kg:VMSeries ; kg:category ent:rule-cat"
                     f"{labelled(names)}{targets} .")
    return lines


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return lab_graph(tmp_path_factory, "rule", "rule.ttl", _data())


def _shown(names: Labels, lang: str) -> list[str]:
    """The texts kg.i18n.pick keeps of ``names``, least first."""
    return [lit.value for lit in pick([ox.Literal(v, language=t) if t else ox.Literal(v)
                                       for v, t in names], lang)]


def _name(key: str, lang: str) -> str:
    """The series's least shown name (its row's, and its entity cell's)."""
    return _shown(SERIES[key], lang)[0]




def _first(cell: object) -> str:
    """The least text of a cell (several: a tuple, least first)."""
    return str(cell[0]) if isinstance(cell, tuple) else str(cell)


def _target_texts(key: str, lang: str) -> list[str]:
    """The texts the series's `supportedBy.name` cell shows: one pick over all of them."""
    return _shown([n for t in SUPPORTED[key] for n in TARGETS[t]], lang)


def _ours(graph: Graph, text: str, lang: str) -> list[str]:
    """The names of the lab's series a statement on `VMSeries` keeps, in its order."""
    ours = {_name(k, lang) for k in SERIES}
    return [_first(row[0]) for row in graph.query(text, lang=lang).rows
            if _first(row[0]) in ours]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_cell_shows_the_label_conditions_and_groups_find(graph: Graph, lang: str) -> None:
    """`show name` is the pick (a German-only name in English too); `where name ~ w` keeps
    the rows whose cell holds w; `count by name` and `collect … by name` group by the
    cells; an entity cell shows each entity by its pick."""
    cells = {cell_values(row[0]): sorted(getattr(t, "label", t) for t in cell_values(row[1]))
             for row in graph.query(f"VMSeries {LAB} | show name, supportedBy", lang=lang).rows}
    assert cells == {tuple(_shown(SERIES[k], lang)): sorted(
        _shown(TARGETS[t], lang)[0] for t in SUPPORTED[k]) for k in SERIES}
    for word in WORDS:
        kept = sorted(_ours(graph, f'VMSeries | where name ~ "{word}" | show name', lang))
        assert kept == sorted(_name(k, lang) for k in SERIES
                              if any(word in n for n in _shown(SERIES[k], lang))), word
        by_entity = _ours(graph, f'VMSeries | where supportedBy ~ "{word}" | show name', lang)
        assert sorted(by_entity) == sorted(
            _name(k, lang) for k in SERIES
            if any(word in _shown(TARGETS[t], lang)[0] for t in SUPPORTED[k])), word
    counted = {str(g): n for g, n in graph.query(f"VMSeries {LAB} | count by name",
                                                 lang=lang).rows}
    assert counted == Counter(n for k in SERIES for n in _shown(SERIES[k], lang))
    grouped = graph.query(f"VMSeries {LAB} | collect name by supportedBy.name",
                          lang=lang).rows
    expected: dict[tuple[object, ...], set[str]] = {}
    for k in SERIES:
        expected.setdefault(tuple(_target_texts(k, lang)), set()).update(_shown(SERIES[k], lang))
    assert {cell_values(key): {str(n) for n in cell_values(members)} for key, members in grouped} == expected


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("desc", [False, True])
def test_rows_sort_by_what_their_cells_show(graph: Graph, lang: str, desc: bool) -> None:
    """`sort name` and `sort supportedBy.name` order by the least (greatest, `desc`) text
    the cell shows, rows with none first (last, `desc`): not by a label the cell leaves
    out, an untagged or a regional one beside an exact tag, or another target's."""
    way = " desc" if desc else ""
    for path, texts in (("name", lambda k, lang: _shown(SERIES[k], lang)),
                        ("supportedBy.name", _target_texts), ("supportedBy", None)):
        order = _ours(graph, f"VMSeries {LAB} | sort {path}{way} | show name",
                      lang)
        by_key = {_name(k, lang): (texts(k, lang) if texts else
                                   [_shown(TARGETS[t], lang)[0] for t in SUPPORTED[k]])
                  for k in SERIES}
        keys = [(bool(v), (max if desc else min)(map(natural_key, v), default=""))
                for v in (by_key[n] for n in order)]
        assert keys == sorted(keys, reverse=desc), (path, order)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_count_by_an_entity_names_each_group_by_its_pick(graph: Graph, lang: str) -> None:
    """`count by supportedBy` names each group by the label its entity's cell shows (the
    labels read once a group, after grouping: `kg.planner.count._labelled`), and counts
    the series without one in a group of its own, with no name."""
    rows = graph.query(f"VMSeries {LAB} | count by supportedBy", lang=lang).rows
    got = Counter({(getattr(g, "label", None), n) for g, n in rows})
    expected = Counter(_shown(TARGETS[t], lang)[0] for k in SERIES for t in SUPPORTED[k])
    assert got == Counter({(name, n) for name, n in expected.items()}
                          | {(None, sum(1 for k in SERIES if not SUPPORTED[k]))})
    category = graph.query('VMSeries | where name = "Serie Uno" | count by category',
                          lang=lang).rows
    assert [(getattr(g, "label", g), n) for g, n in category] == [(("Rule Lab" if lang == "en"
                                                                  else "Regel Labor"), 1)]
