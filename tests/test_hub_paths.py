"""Texts through a path that fans out and comes back through a shared node
(`architecture.^architecture.name`, `category.^category.architecture.name`): the walk is
joined at that node (kg.planner.texts._through_hub), not walked as (row, entity) pairs that
grow as the square of the entities sharing it (hunt132: 6.9 s at 100k triples for `VMSeries
| where category.^category.architecture.name ~ "3"`, 50 s at 1M for `where architecture.
^architecture.name ~ "9"`). The rows are those of the pattern before, which these tests
compute by switching the joined walk off (kg.planner.builder.hub finding no node)."""

from __future__ import annotations

import pytest

import kg.planner.builder as builder
from kg.plans import explain
from kg.session import Graph
from tests.test_text_paths import HEAD, lab_file

#: architectures named in one language, two, a region's, a third, untagged, and one with
#: an IRI where its name should be (no text: hunt63 F2)
ARCHS = {"a-en": '"Arch English"@en', "a-de": '"Arch Deutsch"@de',
         "a-both": '"Arch Both"@en , "Arch Beide"@de', "a-at": '"Arch Wien"@de-AT',
         "a-it": '"Arch Italiano"@it', "a-plain": '"Arch Plain"', "a-iri": "ent:lab-a-en"}
#: each series: its category, its architectures, its names
SERIES = {"HubOne": ("c1", ["a-en"], '"HubOne"@en'),
          "HubTwo": ("c1", ["a-de", "a-at"], '"HubTwo"@en , "NabeZwei"@de'),
          "HubThree": ("c2", ["a-it", "a-plain"], '"HubThree"@en'),
          "HubFour": ("c2", ["a-plain"], '"NabeVier"@de'),
          "HubFive": ("c3", ["a-both", "a-iri"], '"HubFive"@en-GB'),
          "HubSix": ("c3", [], '"HubSix"'),
          "HubSeven": ("c4", ["a-at"], '"HubSeven"@en , "NabeSieben"@de-AT'),
          "HubEight": ("c4", ["a-at", "a-it"], '"HubEight"@it'),
          "HubNine": ("c5", [], '"HubNine"@en')}
WORDS = ("Arch", "English", "Deutsch", "Beide", "Wien", "Italiano", "Plain", "Hub", "Nabe", "Zwei")


#: descriptions of some architectures, for a sort key
DESCRIBED = {"a-en": '"Zeta"@en', "a-de": '"Alpha"@de', "a-at": '"Beta"@de-AT , "Omega"@en',
             "a-it": '"Gamma"@it', "a-plain": '"Delta"'}


def _data() -> str:
    lines = [f"ent:lab-{a} a kg:GPUArchitecture ; rdfs:label {said} ." for a, said in ARCHS.items()]
    lines += [f"ent:lab-{a} kg:description {said} ." for a, said in DESCRIBED.items()]
    for n, (category, archs, said) in enumerate(SERIES.values()):
        arch = "".join(f" ; kg:architecture ent:lab-{a}" for a in archs)
        lines.append(f"ent:lab-s{n} a kg:VMSeries ; rdfs:label {said} ; "
                     f"kg:category ent:lab-{category}{arch} .")
        lines.append(f'ent:lab-{category} a kg:VMCategory ; rdfs:label "Cat {category}"@en .')
    return HEAD + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return Graph.open([lab_file(tmp_path_factory, "hubs", "hubs.ttl", _data())])


def _statements() -> list[str]:
    said = []
    for path in ("category.^category.architecture.name", "architecture.^architecture.name"):
        said += [f'VMSeries | where {path} ~ "{w}" | show name' for w in WORDS]
        said += [f'VMSeries | where not ({path} ~ "{w}") | show name' for w in WORDS[:4]]
        said += [f'VMSeries | where {path} = "Arch Wien" | show name',
                 f'VMSeries | where {path} in ["Arch Plain", "HubOne"] | show name',
                 f'VMSeries | where {path} > "Arch E" | show name',
                 f'VMSeries | where {path} ~ "Arch" or name ~ "Six" | show name',
                 f"VMSeries | count by {path}", f"VMSeries | sort {path}, name | show name",
                 f"VMSeries | show name, {path}"]
    for path, one, two in (("category.^category.architecture", "lab-a-at", "lab-a-it"),
                           ("architecture.^architecture", "lab-s1", "lab-s3")):
        said += [f"VMSeries | show name, {path}", f"VMSeries | where has {path} | show name",
                 f"VMSeries | where not (has {path}) | show name", f"VMSeries | count by {path}",
                 f"VMSeries | sort {path}.name desc, name | show name", f"VMSeries | follow {path}",
                 f"VMSeries | collect name by {path}", f"VMSeries | show {path}.name",
                 f"VMSeries | where {path} = {one} | show name",
                 f"VMSeries | where {path} in [{one}, {two}] | show name",
                 f"VMSeries | where {path} = {one} or name ~ \"Six\" | show name"]
    return said + ["VMSeries | show name, supportedBy.supports.^supports.supports",
                   "VMSeries | where supportedBy.supports.^supports.supports = AutoML | show name",
                   "NCv3.architecture.^architecture.gpu.name", "NCv3.category.^category.name",
                   "VMSeries | where name = NCv3 | follow category.^category.architecture",
                   "VMSeries | where architecture.^architecture.architecture = Ampere | count",
                   'VMSeries | where supportedBy.^supportedBy.name ~ "9" | count',
                   'VMSeries | where category.^category.^series.name ~ "v3" | count',
                   "VMSeries | count by category.^category.architecture.name",
                   "VMSeries | sort category.^category.architecture.description, name | show name",
                   "VMSeries | sort architecture.^architecture.architecture.description desc, name"
                   " | show name",
                   "VMSeries | sort category.^category.^about.text, name | show name",
                   'VMSize | where series.^series.series.name ~ "NC" | count',
                   'GPUArchitecture | where ^architecture.architecture.name ~ "Ampere" | show name']


def _rows(graph: Graph, text: str, lang: str) -> list[tuple[str, ...]]:
    rows = [tuple(str(c) for c in row) for row in graph.query(text, lang=lang).rows]
    return rows if "sort" in text else sorted(rows)


def _before(graph: Graph, text: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The rows of the pattern before the walk was joined at its shared node."""
    with monkeypatch.context() as m:
        m.setattr(builder, "hub", lambda path: None)  # (texts ask the builder)
        return _rows(graph, text, lang)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_path_through_a_shared_node_gives_the_rows_it_gave(
        hubs: Graph, graph: Graph, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Conditions (`~`, `=`, `in`, `>`, `not`, in an `or`), `count by`, sort keys and
    columns: the same rows, in English and German, on mixed-language cells (regions, a
    third language, untagged names, an IRI where a name should be) and on the page."""
    joined = 0
    for g in (hubs, graph):
        for text in (t for t in _statements() if g is hubs or "lab-" not in t):
            rows = _rows(g, text, lang)
            assert rows == _before(g, text, lang, monkeypatch), (text, lang)
            joined += "MAX(?hb" in explain(g.compile(text, lang=lang))
    assert joined >= 2 * 30


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_path_through_a_shared_node_read_from_a_source_gives_the_rows_it_gave(
        hubs: Graph, graph: Graph, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `from`, too, the walk is joined at the node (a path's steps read in the source,
    its names anywhere, however long the path: kg.planner.builder.NAME), with the rows of
    the walk by pairs, which took 10 s for 3,000 series of a data file read `from` it."""
    joined = 0
    for g, source in ((hubs, "hubs.ttl"), (graph, "Supported VM series table")):
        for text in (t for t in _statements() if t.startswith("VMSeries |")
                     and (g is hubs or "lab-" not in t)):
            text = text.replace("VMSeries |", f'VMSeries from "{source}" |', 1)
            rows = _rows(g, text, lang)
            assert rows == _before(g, text, lang, monkeypatch), (text, lang)
            joined += "MAX(?hb" in explain(g.compile(text, lang=lang))
    assert joined >= 2 * 30


def test_the_lab_cells_are_those_of_the_pick(hubs: Graph) -> None:
    """A few answers said outright: the best language among all the cell's names."""
    def names(text: str, lang: str) -> list[str]:
        return sorted(str(row[0]) for row in hubs.query(text, lang=lang).rows)

    arch = "VMSeries | where architecture.^architecture.name ~ \"{}\" | show name"
    # the cell of HubTwo, HubSeven and HubEight (sharing Arch Wien) holds HubTwo's and
    # HubSeven's English names, NabeZwei (de) and NabeSieben (de-AT); HubEight, named in
    # Italian only, shows that name (no label in the language or English: any language)
    assert names(arch.format("Seven"), "en") == ["HubEight", "HubSeven", "HubTwo"]
    assert names(arch.format("Seven"), "de") == names(arch.format("Sieben"), "de") == []
    assert names(arch.format("Zwei"), "de") == ["HubEight", "NabeSieben", "NabeZwei"]
    assert names(arch.format("Vier"), "en") == []  # HubThree's English name beside it
    assert names(arch.format("Vier"), "de") == ["HubThree", "NabeVier"]
    assert names(arch.format("Five"), "de") == ["HubFive"]  # en-GB, no German beside it
    by = "VMSeries | count by category.^category.architecture.name"

    def counted(lang: str) -> dict[str, int]:  # (the page's series beside the lab's)
        return {str(g): n for g, n in hubs.query(by, lang=lang).rows if str(g).startswith("Arch")}
    assert counted("de") == {"Arch Deutsch": 2, "Arch Italiano": 2, "Arch Beide": 2, "Arch Wien": 2}
    assert counted("en") == {"Arch English": 2, "Arch Italiano": 4, "Arch Both": 2, "Arch Wien": 2}
