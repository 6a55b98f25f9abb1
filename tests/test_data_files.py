"""Data files given with ``--data`` (or the REPL's ``.load``) may not write into the sources
kg ships: a TriG, N-Quads or JSON-LD file naming one of the page's graphs had its facts
cited as the page's (`describe Volta`: "minimum CUDA 12.0 [CUDA table]") and changed
`check`'s verdict, with exit 0 (hunt27 F1)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import DataError, ExitStatus
from kg.session import Graph
from kg.shipped import page_store

SRC = "https://w3id.org/azml-kg/source/"
ENT = "https://w3id.org/azml-kg/id/"
KG = "https://w3id.org/azml-kg/ontology#"
FACT = f"<{ENT}Volta> <{KG}minCuda> <{ENT}cuda-12.0>"


def _files(tmp_path: Path, graph: str) -> list[Path]:
    """The same forged fact in the graph ``graph``, as N-Quads, TriG and JSON-LD."""
    nq, trig, jsonld = tmp_path / "f.nq", tmp_path / "f.trig", tmp_path / "f.jsonld"
    nq.write_text(f"{FACT} <{graph}> .\n")
    trig.write_text(f"<{graph}> {{ {FACT} . }}\n")
    jsonld.write_text(json.dumps({"@id": graph, "@graph": [
        {"@id": f"{ENT}Volta", f"{KG}minCuda": {"@id": f"{ENT}cuda-12.0"}}]}))
    return [nq, trig, jsonld]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("source", ["page-cuda-table-2026", "page-cuda-table"])  # latest; seed
def test_a_data_file_may_not_state_facts_in_a_shipped_source(tmp_path: Path, source: str) -> None:
    assert {f"{SRC}page-cuda-table-2026", f"{SRC}page-cuda-table"} <= {
        g.value for g in page_store().named_graphs()}  # type: ignore[union-attr]
    for path in _files(tmp_path, SRC + source):
        status, out, err = _run("query", "--data", str(path), "-f", "csv", "describe Volta")
        assert status == ExitStatus.DATA, (path, out)
        assert err == (f"error: {path}: it states facts in the graph <{SRC}{source}>, one of the "
                       "page's sources that kg ships: a data file may not add to them (its facts "
                       "would be cited as the page's); put its facts in a graph of its own\n")
        assert out == ""


def test_a_data_file_may_not_say_what_a_shipped_source_is(tmp_path: Path) -> None:
    path = tmp_path / "relabel.trig"
    path.write_text(f'<{SRC}page-cuda-table-2026> <{KG}firmness> "unverified" .\n'
                    f"<http://example.org/mine> {{ {FACT} . }}\n")
    status, _, err = _run("query", "--data", str(path), "VMSeries | count")
    assert status == ExitStatus.DATA
    assert err.startswith(f"error: {path}: it says what <{SRC}page-cuda-table-2026> is, one of "
                          "the page's sources, revisions or documents that kg ships")


def test_a_graph_of_its_own_is_its_own_source(tmp_path: Path) -> None:
    path = tmp_path / "mine.trig"
    path.write_text(f"<http://example.org/mine> {{ {FACT} . }}\n")
    status, out, _ = _run("query", "--data", str(path), "-f", "csv", "describe Volta")
    assert status == ExitStatus.OK
    rows = [line for line in out.splitlines() if "CUDA 12.0" in line and "minimum" in line]
    # a source with no name: its IRI, and the file's (hunt123 F1)
    assert rows == ['out,minimum CUDA,CUDA 12.0,"<http://example.org/mine>, file mine.trig"']


def test_the_repl_load_of_a_refused_file_leaves_the_session_as_it_was(tmp_path: Path) -> None:
    graph = Graph.open()
    before = graph.query('check NCv3 with "CUDA 11.0"').rows
    size = len(graph.store)  # type: ignore[arg-type]
    for path in _files(tmp_path, SRC + "page-cuda-table-2026"):
        with pytest.raises(DataError, match="one of the page's sources"):
            graph.load(path)
        assert len(graph.store) == size  # type: ignore[arg-type]
    assert graph.query('check NCv3 with "CUDA 11.0"').rows == before
    assert before[0][0] == "compatible"


def test_two_files_of_one_name_are_told_apart(tmp_path: Path) -> None:
    """`--data d1/extra.ttl --data d2/extra.ttl`: both were cited as "file extra.ttl"
    (hunt27 graph F9); the second names its folder too."""
    for folder, version in (("d1", "11.0"), ("d2", "12.0")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "extra.ttl").write_text(
            f"<{ENT}Volta> <{KG}minCuda> <{ENT}cuda-{version}> .\n")
    first, second = tmp_path / "d1" / "extra.ttl", tmp_path / "d2" / "extra.ttl"
    status, out, _ = _run("query", "--data", str(first), "--data", str(second), "-f", "csv",
                          "describe Volta")
    assert status == ExitStatus.OK
    assert "out,minimum CUDA,CUDA 11.0,file extra.ttl" in out.splitlines()
    assert "out,minimum CUDA,CUDA 12.0,file d2/extra.ttl" in out.splitlines()
    graph = Graph.open(data=[first])
    graph.load(second)  # the REPL's .load: the same
    rows = graph.query("describe Volta").rows
    assert any(row[-1] == "file d2/extra.ttl" and row[2].label == "CUDA 12.0" for row in rows)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_kgs_own_export_loads_back(tmp_path: Path, fmt: str) -> None:
    """An export of kg's facts states them in the page's sources as the shipped files do:
    it adds nothing, and loads (it was refused, hunt28 #1); one fact more in it is not."""
    path = tmp_path / f"ncv3.{'trig' if fmt == 'trig' else 'nq'}"
    assert _run("export", "describe NCv3", "--format", fmt, "-o", str(path))[0] == ExitStatus.OK
    status, out, _ = _run("query", "--data", str(path), "-f", "csv", "describe NCv3")
    assert status == ExitStatus.OK
    assert out == _run("query", "-f", "csv", "describe NCv3")[1]
    graph = Graph.open()
    graph.load(path)  # the REPL's .load
    assert [str(c) for row in graph.query("NCv3.architecture").rows for c in row] == ["Volta"]
    quads = ox.parse(path=path, format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
    source = next(q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)
                  and q.graph_name.value.startswith(SRC))
    forged = tmp_path / "forged.nq"
    forged.write_text(f"{FACT} {source} .\n")
    assert _run("query", "--data", str(forged), "VMSeries | count")[0] == ExitStatus.DATA


def test_a_data_file_may_not_name_its_source_as_a_page_source(tmp_path: Path) -> None:
    """A graph of its own named "CUDA table" had its facts cited as the CUDA table's, with
    the firmness it claimed (hunt28 #2); a name of its own is fine."""
    text = (f'<http://example.org/f3> <http://www.w3.org/2000/01/rdf-schema#label> "NAME"@en ; '
            f'<{KG}firmness> "primary" ; a <{KG}Source> .\n'
            f"<http://example.org/f3> {{ <{ENT}NCv3> <{KG}architecture> <{ENT}Hopper> . }}\n")
    forged, own = tmp_path / "forged.trig", tmp_path / "own.trig"
    forged.write_text(text.replace("NAME", "cuda TABLE"))
    own.write_text(text.replace("NAME", "My CUDA notes"))
    status, _, err = _run("query", "--data", str(forged), "describe NCv3")
    assert status == ExitStatus.DATA
    assert 'it names the source <http://example.org/f3> "cuda TABLE", as one of the page' in err
    status, out, _ = _run("query", "--data", str(own), "-f", "csv", "describe NCv3")
    assert status == ExitStatus.OK and "out,architecture,Hopper,\"My CUDA notes, file own.trig\"" in out


NAMED = '"CUDA table"@en'
FORGERIES = {  # hunt29 #1: each had a fact cited as the CUDA table's, exit 0
    "own-label.ttl": (f"<{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> .\n"
                      f'<> <http://www.w3.org/2000/01/rdf-schema#label> {NAMED} ; <{KG}firmness> "primary" .\n',
                      "inside the graph"),
    "inside.trig": (f"<http://example.org/evil> {{ <{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> . "
                    f"<http://example.org/evil> <http://www.w3.org/2000/01/rdf-schema#label> {NAMED} . }}\n",
                    "inside the graph"),
    "blank.trig": (f"_:g {{ <{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> . }}\n"
                   f"_:g <http://www.w3.org/2000/01/rdf-schema#label> {NAMED} .\n",
                   "as one of the page's sources is named"),
    "rename.ttl": (f"<{SRC}page-cuda-table-2026> <http://www.w3.org/2000/01/rdf-schema#label> "
                   '"A forged name"@en .\n', "it says what"),
    "supersede.ttl": (f"<{SRC}page-cuda-table-2026> <{KG}supersededBy> <{SRC}page-cuda-table> .\n",
                      "it says what"),
    # a page entity renamed: "AAA fake" sorted before "NCv3" and stood in check's why, under
    # the CUDA table's citation, and in the page's tables (hunt67 F2)
    "relabel.ttl": (f'<{ENT}NCv3> <http://www.w3.org/2000/01/rdf-schema#label> "AAA fake"@en .\n',
                    "a data file may not rename the page's entities"),
    # a page class or property made something else: 43 GPU architectures of 9, with exit 0
    # and `kg validate` content (hunt123 F3)
    **{f"reshape-{i}.ttl": (f"<{KG}{s}> <{p}> <{o}> .\n", "but not change what they are")
       for i, (s, p, o) in enumerate([
           ("VMSeries", "http://www.w3.org/2000/01/rdf-schema#subClassOf", f"{KG}GPUArchitecture"),
           ("architecture", "http://www.w3.org/2000/01/rdf-schema#range", f"{KG}VMSeries"),
           ("architecture", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "http://www.w3.org/2002/07/owl#DatatypeProperty"),
           ("supportedBy", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "http://www.w3.org/2002/07/owl#FunctionalProperty")])},
    # a name of another class, in a language the page has none in: "VM series" counted the
    # 9 GPU architectures (hunt126 #4)
    "rename-class.ttl": (f'<{KG}GPUArchitecture> <http://www.w3.org/2000/01/rdf-schema#label> '
                         '"VM series"@fr .\n', "that is kg:VMSeries's name"),
    # a class of the file's own in kg's namespace, named as one of kg's: `kg:Rack` sorted
    # first and took "VM series", which counted 0, exit 0, kg validate content (hunt145 F1)
    **{f"new-class-{i}.ttl": (f"<{KG}Rack> a <http://www.w3.org/2002/07/owl#Class> ; "
                              f"<{name}> {label} .\n", "which is kg:VMSeries's name")
       for i, (name, label) in enumerate([
           ("http://www.w3.org/2000/01/rdf-schema#label", '"VM series"@en'),
           ("http://www.w3.org/2004/02/skos/core#altLabel", '"vm-serie"@de')])},
    # a graph named as the page, its English document or a revision: a fact there was cited
    # as "What are compute targets … (German page)" (hunt67 F1)
    **{f"document-{name}.trig": (f"<{SRC}{name}> {{ <{ENT}NCv3> <{KG}retiredOn> "
                                 '"2019-01-01"^^<http://www.w3.org/2001/XMLSchema#date> . }\n',
                                 "one of the page's revisions or documents")
       for name in ("page", "aidocs-retiring-vms", "rev-2026-03-31")},
}


@pytest.mark.parametrize("name", sorted(FORGERIES))
def test_no_way_past_the_page_sources(tmp_path: Path, name: str) -> None:
    text, said = FORGERIES[name]
    path = tmp_path / name
    path.write_text(text)
    status, out, err = _run("query", "--data", str(path), 'check NCv3 with "CUDA 8.0"')
    assert status == ExitStatus.DATA, out
    assert said in err
    graph = Graph.open()
    with pytest.raises(DataError, match=said):
        graph.load(path)


def test_a_page_entity_may_have_a_name_of_a_files_as_an_alias_or_in_another_language(
        tmp_path: Path) -> None:
    """What renaming a page entity is refused for (hunt67 F2) still loads: another name as
    an alias, a name in a language the page does not name it in, the page's own name."""
    path = tmp_path / "names.ttl"
    path.write_text(f'<{ENT}NCv3> <http://www.w3.org/2004/02/skos/core#altLabel> "AAA fake"@en ; '
                    '<http://www.w3.org/2000/01/rdf-schema#label> "NCv3 (fr)"@fr , "NCv3"@en .\n'
                    f'<{KG}VMSeries> <http://www.w3.org/2000/01/rdf-schema#label> "série VM"@fr ; '
                    '<http://www.w3.org/2000/01/rdf-schema#comment> "une série"@fr .\n'
                    # what an RDFS reasoner restates (hunt126 #5), and a note
                    f'<{KG}VMSeries> a <http://www.w3.org/2000/01/rdf-schema#Class> ; '
                    f'<http://www.w3.org/2000/01/rdf-schema#subClassOf> <{KG}VMSeries> , '
                    '<http://www.w3.org/2002/07/owl#Thing> ; '
                    '<http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://example.org/> .\n'
                    f'<{KG}architecture> a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property> .\n'
                    f'<{KG}gpu> <http://www.w3.org/2000/01/rdf-schema#label> "GPU"@fr .\n')
    status, out, err = _run("query", "--data", str(path), "-f", "csv",
                            '"AAA fake" | show name')
    assert (status, out) == (ExitStatus.OK, "name\nNCv3\n"), err


def test_a_load_is_checked_with_the_session(tmp_path: Path) -> None:
    """`.load` of a file naming the graph of one loaded before as a page source is named
    (it was checked alone, and `--data A --data B` refused what `.load A`, `.load B` took)."""
    first, second = tmp_path / "b1.trig", tmp_path / "b2.trig"
    first.write_text(f"<http://example.org/g2> {{ <{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> . }}\n")
    second.write_text(f"<http://example.org/g2> <http://www.w3.org/2000/01/rdf-schema#label> {NAMED} .\n")
    graph = Graph.open()
    graph.load(first)
    with pytest.raises(DataError, match="as one of the page's sources is named"):
        graph.load(second)
    assert _run("query", "--data", str(first), "--data", str(second), "VMSeries | count")[0] \
        == ExitStatus.DATA


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_kgs_export_in_triples_loads_back(tmp_path: Path, fmt: str) -> None:
    """A triple format puts the page's descriptions in the file's own graph: the same
    statements, so they load (they were refused, hunt30 #1)."""
    path = tmp_path / f"e.{ {'turtle': 'ttl', 'ntriples': 'nt', 'jsonld': 'jsonld'}[fmt] }"
    assert _run("export", "describe NCv3", "--format", fmt, "-o", str(path))[0] == ExitStatus.OK
    assert _run("query", "--data", str(path), "VMSeries | count")[0] == ExitStatus.OK


def test_every_name_export_takes_for_an_rdf_format_is_one_data_files_take() -> None:
    """The store's suffixes and the export's names for the same formats are two tables
    (kg.datafiles sits below the output layer): a name added to one is added to the other."""
    from kg.datafiles import RDF_SUFFIXES
    from kg.output import _ALIASES, Format

    rdf = {Format.TURTLE, Format.TRIG, Format.NT, Format.NQUADS, Format.JSONLD}
    names = {n for n in (*_ALIASES, *(f.value for f in Format)) if Format.parse(n) in rdf}
    assert {f".{n}" for n in names} <= set(RDF_SUFFIXES)


@pytest.mark.parametrize("suffix", ["nquads", "n-quads", "ntriples", "n-triples", "json-ld"])
def test_a_file_named_as_export_names_its_format_loads(tmp_path: Path, suffix: str) -> None:
    """`kg export -o x.nquads` writes N-Quads (the extension names the format), and
    `--data x.nquads` was "unknown RDF file type" (hunt64 F6): each name export takes for
    an RDF format, `--data` and `.load` take too."""
    path = tmp_path / f"e.{suffix}"
    assert _run("export", "describe NCv3", "-o", str(path))[0] == ExitStatus.OK
    status, out, err = _run("query", "--data", str(path), "-f", "csv", "VMSeries | count")
    assert (status, out) == (ExitStatus.OK, "count\n34\n"), err
    Graph.open().load(path)  # the REPL's .load


def test_two_loads_cannot_forge_a_source_between_them(tmp_path: Path) -> None:
    """One file names `ex:g2` "CUDA table", the next puts facts in it (hunt30 #2)."""
    first, second = tmp_path / "n1.trig", tmp_path / "n2.trig"
    first.write_text(f"<http://example.org/g2> <http://www.w3.org/2000/01/rdf-schema#label> {NAMED} .\n")
    second.write_text(f"<http://example.org/g2> a <{KG}Source> .\n"
                      f"<http://example.org/g2> {{ <{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> . }}\n")
    graph = Graph.open()
    graph.load(first)
    with pytest.raises(DataError, match="as one of the page's sources is named"):
        graph.load(second)


@pytest.mark.parametrize("name", ["CUDA\u00a0table", "CUDA table ", "CUDA\u200b table",
                                  "\uff23\uff35\uff24\uff21 table",
                                  "\u0421UDA t\u0430ble", "\u0421UDA \u03c4able"])
def test_a_look_alike_name_is_the_name(tmp_path: Path, name: str) -> None:
    """A non-breaking, trailing or zero-width space, full-width letters (hunt30 #5), and
    Cyrillic or Greek letters drawn as Latin ones: "СUDA tаble" was cited as the page's
    table, primary (hunt36-data #3)."""
    path = tmp_path / "alike.trig"
    path.write_text(f'<http://example.org/g> <http://www.w3.org/2000/01/rdf-schema#label> "{name}"@en .\n'
                    f"<http://example.org/g> {{ <{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> . }}\n")
    assert _run("query", "--data", str(path), "VMSeries | count")[0] == ExitStatus.DATA


def test_a_data_file_declares_no_revision(tmp_path: Path) -> None:
    """A revision dated 2099 took the page away (`VMSeries | count` gave 4), and a source
    of a data file put in the 2026 revision showed as a page change (hunt30 #3)."""
    rev = tmp_path / "rev.trig"
    rev.write_text(f"<http://example.org/r> a <{KG}Revision> ; <{KG}revisionDate> "
                   '"2099-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n')
    mine = tmp_path / "mine.trig"
    mine.write_text(f"<http://example.org/mine> <{KG}revision> <{SRC}rev-2026-03-31> .\n"
                    f"<http://example.org/mine> {{ <{ENT}Volta> <{KG}minCuda> <{ENT}cuda-8.0> . }}\n")
    for path in (rev, mine):
        status, _, err = _run("query", "--data", str(path), "VMSeries | count")
        assert status == ExitStatus.DATA and "revision" in err


def test_a_load_keeps_the_sessions_revision(tmp_path: Path) -> None:
    """`.load` of a latest export in a seed session brought 2025 facts in (hunt30 #4)."""
    path = tmp_path / "latest.trig"
    assert _run("export", "describe NCv3", "--format", "trig", "-o", str(path))[0] == ExitStatus.OK
    seed = Graph.open(as_of="seed")
    before = seed.query("NCv3.retiredOn").rows
    seed.load(path)
    assert seed.query("NCv3.retiredOn").rows == before


def _verdict(graph: Graph, text: str) -> tuple[str, str]:
    verdict, confidence, _ = graph.query(text).rows[0]
    return str(verdict), str(confidence)


def test_a_graph_no_one_describes_is_unverified(tmp_path: Path) -> None:
    """A fact in a named graph that nothing describes (an N-Quads, TriG or JSON-LD file's)
    made `check` say "compatible, primary": a source that says nothing of its firmness is
    at most unverified, in `check`'s confidence and in the footnotes alike."""
    data = tmp_path / "g.nq"
    x9, g = "<https://example.org/lab/x9>", "<https://example.org/lab/g>"
    data.write_text(f"{x9} <{KG}architecture> <{ENT}Volta> {g} .\n"
                    f"{x9} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}VMSeries> {g} .\n"
                    f'{x9} <http://www.w3.org/2000/01/rdf-schema#label> "X9"@en {g} .\n',
                    encoding="utf-8")
    graph = Graph.open([data])
    assert _verdict(graph, 'check X9 with "CUDA 12.1"') == ("compatible", "unverified")
    assert graph.context.firmness("https://example.org/lab/g").value == "unverified"


def test_a_second_file_cannot_make_a_source_firmer(tmp_path: Path) -> None:
    """A data file described as unverified stays so when another file's default graph
    calls its source primary: that file is refused (hunt87 F4: it may not describe
    another file's source), in either order; it was loaded, the weaker firmness winning."""
    first, second = tmp_path / "x8.ttl", tmp_path / "raise.trig"
    first.write_text(f"<https://example.org/lab/x8> a <{KG}VMSeries> ; "
                     f'<http://www.w3.org/2000/01/rdf-schema#label> "X8"@en ; '
                     f"<{KG}architecture> <{ENT}Volta> .\n", encoding="utf-8")
    second.write_text(f'<{first.resolve().as_uri()}> <{KG}firmness> "primary" .\n',
                      encoding="utf-8")
    for order in ([first, second], [second, first]):
        with pytest.raises(DataError, match='firmness "primary"'):
            Graph.open(order)
    assert _verdict(Graph.open([first]), 'check X8 with "CUDA 12.1"') == ("compatible", "unverified")


@pytest.mark.parametrize(("said", "refusal"), [
    ("<{SRC}azdocs-ncv3-series> <http://purl.org/dc/terms/source> <https://evil.example/> .",
     "it says what <{SRC}azdocs-ncv3-series> is, one of the page's sources, revisions or "
     "documents"),
    ('<{SRC}aidocs-concept-compute-target> <http://www.w3.org/2000/01/rdf-schema#label> '
     '"EVIL"@en .', "it says what <{SRC}aidocs-concept-compute-target> is"),
    ("<https://example.org/lab/mine> a <https://w3id.org/azml-kg/ontology#Source> ; "
     "<http://www.w3.org/ns/prov#wasDerivedFrom> <{SRC}aidocs-concept-compute-target> .",
     "it says <https://example.org/lab/mine> comes from <{SRC}aidocs-concept-compute-target>"),
    ("<https://example.org/lab/mine> <http://purl.org/dc/terms/isPartOf> <{SRC}page> .\n"
     "<https://example.org/lab/mine> {{ <https://example.org/lab/x> a <http://o/T> . }}",
     "it says <https://example.org/lab/mine> comes from <{SRC}page>"),
])
def test_a_data_file_may_not_touch_the_pages_documents(tmp_path: Path, said: str,
                                                       refusal: str) -> None:
    """The documents the page's sources come from are the page's as much as its sources:
    one triple re-pointed their links, and every page fact was cited "from" another URL
    (the site too); a data file's source claimed to be part of the page, derived from its
    English source at its commit."""
    src = "https://w3id.org/azml-kg/source/"
    data = tmp_path / "docs.trig"
    data.write_text(said.format(SRC=src) + "\n", encoding="utf-8")
    status, _, err = _run("query", "--data", str(data), "NCv3 | count")
    assert status == ExitStatus.DATA and refusal.format(SRC=src) in err


def test_a_file_loaded_again_replaces_what_it_said(tmp_path: Path) -> None:
    """The REPL's `.load` of a file edited since: its facts are what it says now (the old
    ones stayed, cited to the file that no longer states them; `.as-of latest` then
    changed the answer). A TriG file's own graphs are replaced too."""
    ttl, trig = tmp_path / "zz.ttl", tmp_path / "zz.trig"
    series = f'a <{KG}VMSeries> ; <http://www.w3.org/2000/01/rdf-schema#label> "ZZ4"@en ; '
    ttl.write_text(f"<{ENT}ZZ4> {series}<{KG}architecture> <{ENT}Volta> .\n", encoding="utf-8")
    trig.write_text(f"<http://example.org/g1> {{ <{ENT}ZZ4> <{KG}gpu> <{ENT}tesla-v100> . }}\n",
                    encoding="utf-8")
    graph = Graph.open()
    graph.load(ttl)
    graph.load(trig)
    ttl.write_text(ttl.read_text().replace("Volta", "Hopper"), encoding="utf-8")
    trig.write_text(f"<http://example.org/g2> {{ <{ENT}ZZ4> <{KG}gpu> <{ENT}h100> . }}\n",
                    encoding="utf-8")
    graph.load(ttl)
    graph.load(trig)
    row = graph.query("ZZ4 | show architecture, gpu").rows[0]
    assert [str(row[0]), str(row[1])] == ["Hopper", "NVIDIA H100"]
    assert len(graph.store.files) == len(Graph.open().store.files) + 2  # each once


def test_a_decomposed_label_is_named_as_typed(tmp_path: Path) -> None:
    """A label written decomposed (`e` and a combining accent, as macOS writes) could never
    be named, typed either way: a data file is read in NFC, as a statement is."""
    import unicodedata

    data = tmp_path / "nfd.ttl"
    data.write_text(f"<https://example.org/lab/cb> a <{KG}VMSeries> ; "
                    f"<http://www.w3.org/2000/01/rdf-schema#label> "
                    f'"{unicodedata.normalize("NFD", "Café Box")}"@en .\n', encoding="utf-8")
    graph = Graph.open([data])
    for typed in ("NFC", "NFD"):
        name = unicodedata.normalize(typed, "Café Box")  # type: ignore[arg-type]
        assert graph.query(f'"{name}"').rows == [["Café Box"]]
        assert graph.query(f'VMSeries | where name = "{name}" | count').rows == [[1]]


def test_schema_lists_a_data_files_classes_and_counts_its_properties(tmp_path: Path) -> None:
    """A data file's class (queryable and completable) was missing from `schema`, and its
    own property counted 0 instances."""
    data = tmp_path / "quantum.ttl"
    lab = "https://example.org/lab/"
    data.write_text(
        f"<{lab}QuantumSeries> a <http://www.w3.org/2002/07/owl#Class> ; "
        f"<http://www.w3.org/2000/01/rdf-schema#subClassOf> <{KG}VMSeries> ; "
        f'<http://www.w3.org/2000/01/rdf-schema#label> "Quantum series"@en .\n'
        f"<{lab}qubits> a <http://www.w3.org/2002/07/owl#DatatypeProperty> ; "
        f'<http://www.w3.org/2000/01/rdf-schema#label> "qubits"@en ; '
        f"<https://schema.org/domainIncludes> <{lab}QuantumSeries> .\n"
        f'<{lab}q1> a <{lab}QuantumSeries> ; <http://www.w3.org/2000/01/rdf-schema#label> '
        f'"Q1"@en ; <{lab}qubits> 53 .\n', encoding="utf-8")
    graph = Graph.open([data])
    classes = {str(row[0]): row[2] for row in graph.query("schema").rows}
    assert classes["QuantumSeries"] == 1 and "Class" not in classes  # not OWL's own
    properties = {str(row[0]): row[3] for row in graph.query("schema QuantumSeries").rows}
    assert properties["qubits"] == 1
    assert len(Graph.open().query("schema").rows) == len(graph.query("schema").rows) - 1


@pytest.mark.parametrize("suffix", ["trig", "nq"])
def test_facts_outside_any_graph_are_the_files(tmp_path: Path, suffix: str) -> None:
    """A TriG or N-Quads file's facts outside any graph sat in no source: `where
    architecture = Volta` kept the series while `check` said "no fact gives the GPU
    architecture", and `describe` cited nothing. They are the file's now, as a Turtle
    file's are; what it says of its own sources stays where kg reads it."""
    zz, mine = f"<{ENT}ZZ3>", "<https://example.org/lab/mine>"
    data = tmp_path / f"outside.{suffix}"
    data.write_text(
        f"{zz} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}VMSeries> .\n"
        f'{zz} <http://www.w3.org/2000/01/rdf-schema#label> "ZZ3"@en .\n'
        f"{zz} <{KG}architecture> <{ENT}Volta> .\n"
        f"{mine} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Source> .\n"
        f'{mine} <{KG}firmness> "secondary" .\n'
        + (f"{mine} {{ {zz} <{KG}gpu> <{ENT}tesla-v100> . }}\n" if suffix == "trig"
           else f"{zz} <{KG}gpu> <{ENT}tesla-v100> {mine} .\n"), encoding="utf-8")
    graph = Graph.open([data])
    verdict, confidence, why = graph.query('check ZZ3 with "CUDA 12.1"').rows[0]
    assert (str(verdict), str(confidence)) == ("compatible", "unverified")
    assert f"ZZ3 has architecture Volta [file outside.{suffix} (unverified)]" in str(why)
    sources = {str(r[1]): str(r[3]) for r in graph.query("describe ZZ3").rows}
    assert sources["architecture"] == f"file outside.{suffix}" and sources["GPU"] == f"{mine}, file outside.{suffix}"
    assert graph.context.firmness(mine.strip("<>")).value == "secondary"


def test_loading_again_leaves_other_files_facts_and_takes_every_change(tmp_path: Path) -> None:
    """Two TriG files stating facts in one graph: loading one again (unchanged) took the
    other's facts out of it; and what a file says outside its graphs (its source's
    firmness) stayed as it was when loaded first (hunt37 #1, #2)."""
    a, b = tmp_path / "a.trig", tmp_path / "b.trig"
    shared = "<http://example.org/shared>"
    describe_as = f'{shared} a <{KG}Source> ; <{KG}firmness> "{{}}" .\n'
    a.write_text(describe_as.format("secondary")
                 + f"{shared} {{ <{ENT}ZZ5> a <{KG}VMSeries> ; <{KG}architecture> <{ENT}Volta> . }}\n",
                 encoding="utf-8")
    b.write_text(f"{shared} {{ <{ENT}ZZ5> <{KG}gpu> <{ENT}tesla-v100> . }}\n", encoding="utf-8")
    graph = Graph.open([a])
    graph.load(b)
    before = graph.query("ZZ5 | show architecture, gpu").rows
    graph.load(a)
    assert graph.query("ZZ5 | show architecture, gpu").rows == before
    assert [str(v) for v in before[0]] == ["Volta", "NVIDIA Tesla V100"]
    a.write_text(a.read_text().replace("secondary", "doubtful"), encoding="utf-8")
    graph.load(a)
    assert graph.context.firmness(shared.strip("<>")).value == "doubtful"


def test_loading_again_reads_the_files_loaded_wherever_the_session_went(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading a file again opens the session's graph again: it read a data file given by a
    relative path from the folder the session had moved to (another file of that name,
    silently); and a file gone since is named with why it was read (hunt38 #1, #2)."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    fact = "<{0}NCv3> <{1}order> {2} .\n"
    (first / "lab.ttl").write_text(fact.format(ENT, KG, 99), encoding="utf-8")
    (second / "lab.ttl").write_text(fact.format(ENT, KG, 11), encoding="utf-8")
    other = tmp_path / "other.ttl"
    other.write_text(fact.format(ENT, KG, 7), encoding="utf-8")
    monkeypatch.chdir(first)
    graph = Graph.open(["lab.ttl"])
    graph.load(other)
    monkeypatch.chdir(second)
    graph.load(other)
    orders = {str(v) for v in graph.query("NCv3 | show order").rows[0][0]}
    assert {"99", "7"} <= orders and "11" not in orders
    (first / "lab.ttl").unlink()
    with pytest.raises(DataError, match=r"lab.ttl: cannot read.*\(loading .*other.ttl again "
                                        r"opens the session's graph again"):
        graph.load(other)


def test_a_json_ld_value_with_no_language_tag_is_refused(tmp_path: Path) -> None:
    """JSON-LD drops a value whose `@language` is no tag: the series lost its name, without
    a word (hunt36-data #12). A tag of the right shape loads."""
    data = tmp_path / "g3.jsonld"
    body = ('{{"@id": "https://example.org/lab/g3", "@type": "{kg}VMSeries", '
            '"http://www.w3.org/2000/01/rdf-schema#label": {{"@value": "G3", '
            '"@language": "{tag}"}}}}')
    data.write_text(body.format(kg=KG, tag="en_US!"), encoding="utf-8")
    status, _, err = _run("query", "--data", str(data), "VMSeries | count")
    assert status == ExitStatus.DATA and "'en_US!' is no language tag" in err
    data.write_text(body.format(kg=KG, tag="en-US"), encoding="utf-8")
    assert Graph.open([data]).query("VMSeries | where name = G3 | count").rows == [[1]]


def test_an_entity_with_no_label_is_named_by_its_local_name(tmp_path: Path) -> None:
    """hunt36 #8: a data file's unlabelled series is named by its local name; its `name`
    cell stays empty, as `sort name` and `count by name` read it (hunt42 #2: a cell that
    showed the local name sorted and grouped as empty)."""
    data = tmp_path / "boxes.ttl"
    data.write_text(f"<https://example.org/lab/box1> a <{KG}VMSeries> ; "
                    f"<{KG}architecture> <{ENT}Volta> .\n", encoding="utf-8")
    graph = Graph.open([data])
    name, arch = graph.query("box1 | show name, architecture").rows[0]
    assert (name, str(arch)) == (None, "Volta")
    described = graph.query("describe box1").rows
    assert any(str(r[1]) == "architecture" and str(r[2]) == "Volta" for r in described)
    assert graph.query("NCv3 | show name").rows == [["NCv3"]]


@pytest.mark.parametrize(("name", "text"), [
    ("esc.ttl", '<https://example.org/lab/x2> a <{kg}VMSeries> ; '
                '<http://www.w3.org/2000/01/rdf-schema#label> "Bare\\u0301 series"@en .\n'),
    ("esc.nt", '<https://example.org/lab/x2> <http://www.w3.org/2000/01/rdf-schema#label> '
               '"Bare\\U00000301 series"@en .\n'),
    ("esc.jsonld", '{{"@id": "https://example.org/lab/x2", "@type": "{kg}VMSeries", '
                   '"http://www.w3.org/2000/01/rdf-schema#label": "Bar\\u0065\\u0301 series"}}'),
])
def test_a_decomposed_label_in_escapes_is_named_as_typed(tmp_path: Path, name: str,
                                                        text: str) -> None:
    """hunt37 #10: a label decomposed in ``\\u`` escapes (ASCII, so the NFC reading of the
    file's text passed it by) could never be named; an escaped backslash stays text."""
    data = tmp_path / name
    data.write_text(text.format(kg=KG), encoding="utf-8")
    graph = Graph.open([data])
    assert [str(c) for c in graph.query('"Baré series"').rows[0]] == ["Baré series"]
    kept = tmp_path / "kept.ttl"
    kept.write_text('<https://example.org/lab/x3> <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"a\\\\u0301 b"@en .\n', encoding="utf-8")
    rows = Graph.open([kept]).query('describe "https://example.org/lab/x3"').rows
    assert any(r[2] == "a\\u0301 b @en" for r in rows), rows


def test_a_remote_json_ld_context_is_refused_in_words(tmp_path: Path) -> None:
    """hunt36 #11: a JSON-LD file whose @context is a URL failed with pyoxigraph's "No
    LoadDocumentCallback has been set to load remote contexts"."""
    data = tmp_path / "remote.jsonld"
    data.write_text('{"@context": "https://schema.org/", "@id": "https://example.org/x", '
                    '"name": "X"}', encoding="utf-8")
    status, out, err = _run("--data", str(data), "query", "VMSeries | count")
    assert status == ExitStatus.DATA and out == ""
    assert "@context is a URL" in err and "LoadDocumentCallback" not in err


def test_kgs_own_export_loaded_back_adds_no_statement_rows(tmp_path: Path) -> None:
    """hunt43 #3: a Turtle export cites each fact with a reified statement (`rdf:subject`,
    `rdf:object`); loaded back, `describe` listed them as facts pointing to the entity
    (`← subject _:…`, 22 rows)."""
    exported = tmp_path / "ncv3.ttl"
    assert main(["export", "-o", str(exported), "describe NCv3"], io.StringIO(),
                io.StringIO()) == 0
    assert "rdf:Statement" in exported.read_text(encoding="utf-8")
    rows = Graph.open([exported]).query("describe NCv3").rows
    assert rows and not [r for r in rows if str(r[1]) in ("subject", "object", "predicate")]
    assert not [r for r in rows if str(r[2]).startswith("_:")]


def test_an_unreadable_ontology_folder_says_so(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt43 #5: as another user, an unreadable facts/ folder seemed empty: "has no
    facts/*.trig: it is not kg's graph"."""
    import os

    from kg.shipped import shipped_files

    root = tmp_path / "onto"
    (root / "facts").mkdir(parents=True)
    (root / "kg.ttl").write_text("", encoding="utf-8")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: Path(p).name != "facts"
                        and real(p, mode, **kw))
    with pytest.raises(DataError, match="facts: cannot read the folder: Permission denied"):
        shipped_files(root)


def test_a_second_load_of_a_name_with_a_nul_is_a_data_error(tmp_path: Path) -> None:
    """review: once a data file was loaded, `.load` of a name holding a NUL raised a bare
    ValueError (`path.resolve()` before the file was read)."""
    first = tmp_path / "one.ttl"
    first.write_text(f"<https://example.org/x> a <{KG}VMSeries> .\n", encoding="utf-8")
    graph = Graph.open()
    graph.load(first)
    with pytest.raises(DataError):
        graph.load(Path("a\x00b.ttl"))


def test_a_weird_boolean_warns_in_no_export(tmp_path: Path) -> None:
    """rdflib's "Parsing weird boolean" was silenced in `kg validate` alone; a JSON-LD
    export of such a fact printed Python's warning."""
    import warnings

    data = tmp_path / "yes.ttl"
    data.write_text(f"<https://example.org/s8> a <{KG}VMSize> ; <{KG}rdma> "
                    '"yes"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n', encoding="utf-8")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        status, out, _ = _run("--data", str(data), "export", "-f", "jsonld",
                              '"https://example.org/s8"')
    assert status == 0 and "example.org/s8" in out
    assert not [w for w in seen if "weird boolean" in str(w.message)]


def test_a_malformed_file_is_shown_where_it_fails(tmp_path: Path) -> None:
    """hunt39, hunt50: `line 4, column 11: Parser error between line 4 column 11 and line
    5 column 1: …` gave the place twice and no line of the file; it is said once, with the
    line and a caret under the column."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix kg: <https://w3id.org/azml-kg/ontology#> .\nkg:a kg:b kg:c ;\n'
                   '  kg:d kg:e .\nkg:x kg:y "unterminated .\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        Graph.open([bad])
    assert str(info.value) == (f"{bad}: line 4, column 11: Unexpected end of file\n"
                               '  kg:x kg:y "unterminated .\n'
                               "            ^")
    one = tmp_path / "one.ttl"  # pyoxigraph's "at line 3 between columns 16 and 20" (hunt52
    one.write_text("@prefix ex: <http://e/> .\nex:x ex:y ex:z .\n\tex:a ex:b ex:c ex:d .\n",
                   encoding="utf-8")  # F4), and a tab shown as a space (F9), not `?`
    with pytest.raises(DataError) as info:
        Graph.open([one])
    assert str(info.value) == (f"{one}: line 3, column 17: A dot is expected at the end of "
                               "statements\n   ex:a ex:b ex:c ex:d .\n                  ^")
    long = tmp_path / "long.ttl"
    long.write_text("<urn:a> <urn:b> " + '"x", ' * 100 + ". .\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        Graph.open([long])
    shown = str(info.value).splitlines()
    assert len(shown) == 3 and shown[1].startswith("  …") and len(shown[1]) < 110
    assert shown[2].index("^") == shown[1].index(". .")


def test_a_syntax_error_after_escapes_kg_composes_is_placed_as_the_file_has_it(
        tmp_path: Path) -> None:
    """A file whose `\\u` escapes spell a combining accent is read composed (NFC); its
    syntax error's column was the composed text's, 58 where the file has 76, and the caret
    pointed into another token (hunt67 F4)."""
    path = tmp_path / "e.ttl"
    line = ('ent:X <http://a/b> "cafe\\u0301 cafe\\u0301 cafe\\u0301" ; <http://a/c> '
            "ent:Y ent:Z .")
    path.write_text(f"@prefix ent: <{ENT}> .\n{line}\n")
    status, _, err = _run("query", "--data", str(path), "VMSeries | count")
    assert status == ExitStatus.DATA
    assert "line 2, column 76: " in err
    shown, caret = err.splitlines()[1:3]
    assert shown.strip() == line and shown[caret.index("^")] == "e"  # at `ent:Z`


def test_the_characters_that_join_the_one_before() -> None:
    """JOINS_BACK is every character of combining class 0 that composes with one before it
    (Unicode's NFC_QC=Maybe among them): what the canonical decompositions end in, and
    Hangul's medial and final jamo."""
    import sys
    import unicodedata

    from kg.datafiles import JOINS_BACK

    ends = set()
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            ends.add(chr(int(parts[1], 16)))
    hangul = {chr(c) for c in range(0x1100, 0x1200)
              if len(unicodedata.normalize("NFC", "\u1100" + chr(c))) == 1
              or len(unicodedata.normalize("NFC", "\uac00" + chr(c))) == 1}
    assert {c for c in ends | hangul if not unicodedata.combining(c)} == JOINS_BACK


@pytest.mark.parametrize("text", [
    "Grafikprozessor für Inferenz", "Echtzeitru\u0308ckschluss", "\u212b", "\u1100\u1161",
    "\u0b47\u0b3e", "a\u0328\u0301", "日本語 ß", "ok \udcff", "e\u0301", "\uac00\u11a8",
])
def test_a_file_is_left_as_it_is_only_when_it_is_nfc(text: str) -> None:
    """kg.datafiles.composed leaves a file's bytes as they are exactly when its text is
    NFC: the test by distinct characters (_plainly_composed) never takes one that is not."""
    import unicodedata

    from kg.datafiles import _plainly_composed, composed

    raw = text.encode("utf-8", "surrogateescape")
    nfc = unicodedata.is_normalized("NFC", text)
    assert (composed(raw) is raw) == nfc
    assert not _plainly_composed(raw) or nfc
    assert _plainly_composed(raw) == (text in ("Grafikprozessor für Inferenz", "日本語 ß", "ok \udcff"))


LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@pytest.mark.parametrize("kind", ["a Turtle file's source", "a TriG file's graph"])
@pytest.mark.parametrize("forger_first", [False, True])
def test_a_data_file_may_not_describe_another_data_files_source(
        tmp_path: Path, kind: str, forger_first: bool) -> None:
    """hunt87 F4: a TriG file's default graph named another data file's source "Microsoft
    Learn VM sizes", and that file's facts were cited so (exit 0, in either order and by
    `.load`). Refused now, whichever comes first, naming the file and what it said."""
    if kind == "a Turtle file's source":
        lab = tmp_path / "lab.ttl"
        lab.write_text(f'<{ENT}labbox> a <{KG}VMSeries> ; {LABEL} "LabBox"@en .\n')
        source = lab.resolve().as_uri()
    else:
        lab, source = tmp_path / "lab.trig", "urn:example:lab-notes"
        lab.write_text(f'<{source}> a <{KG}Source> ; {LABEL} "My lab notes"@en .\n'
                       f'<{source}> {{ <{ENT}labbox> a <{KG}VMSeries> ; {LABEL} "LabBox"@en . }}\n')
    forger = tmp_path / "relabel.trig"  # (typed a source too: it stood, loaded first: hunt91 F1)
    forger.write_text(f'<{source}> a <{KG}Source> ; {LABEL} "Microsoft Learn VM sizes"@en .\n')
    first, second = (forger, lab) if forger_first else (lab, forger)
    status, out, err = _run("--data", str(first), "--data", str(second), "query", "-f", "csv",
                            "describe LabBox")
    assert status == ExitStatus.DATA, out
    said = "loaded before it" if forger_first else "the source of another data file"
    assert err.startswith(f"error: {second}: ") and said in err and "Microsoft Learn" in err
    graph = Graph.open(data=[first])  # the REPL's `.load`
    with pytest.raises(DataError, match=said):
        graph.load(second)
    assert graph.query('VMSeries | where name = "LabBox" | count').rows == [  # (a bare
        [int(not forger_first)]]  # name naming nothing is an error: hunt90 F6)
    if not forger_first:  # (else LabBox is not loaded)
        assert {row[-1] for row in graph.query("describe LabBox").rows} == {
            "file lab.ttl" if kind == "a Turtle file's source" else "My lab notes, file lab.trig"}


def test_a_trig_files_own_source_is_cited_with_the_file(tmp_path: Path) -> None:
    """hunt105 F9: a TriG file's source was cited by the name the file gives it alone ("[My
    lab notes]", primary as it says), so a why did not say whose it is; a Turtle file's
    facts say "file lab.ttl". Its name now comes with the file's, in each language."""
    lab = tmp_path / "lab.trig"
    lab.write_text(f'<urn:example:lab> a <{KG}Source> ; {LABEL} "My lab notes"@en ; '
                   f'<{KG}firmness> "primary" ; '  # (a file it names is not the file: hunt108 F6)
                   '<http://purl.org/dc/terms/source> <file:///x/cuda-support.trig> .\n'
                   f'<urn:example:lab> {{ <{ENT}Volta> <{KG}removedInCuda> <{ENT}cuda-12.0> . }}\n')
    for lang, said in (("en", "[My lab notes, file lab.trig]"), ("de", "[My lab notes, Datei lab.trig]")):
        graph = Graph.open(data=[lab], lang=lang)
        why = "\n".join(graph.query('check NCv3 with "CUDA 12.1"').rows[0][2])  # type: ignore[arg-type]
        assert said in why and "cuda-support" not in why, why


def test_a_data_file_named_with_a_byte_that_is_not_utf8(tmp_path: Path) -> None:
    """hunt89 F2: its source's name ("file w\\xff.ttl", as kg names a data file's source)
    was a literal no engine holds: exit 70. The byte is shown escaped; the IRI encodes it."""
    lab = Path(os.fsdecode(bytes(tmp_path) + b"/w\xff.ttl"))
    lab.write_text(f'<{ENT}labbox> a <{KG}VMSeries> ; {LABEL} "LabBox"@en .\n')
    status, out, err = _run("--data", str(lab), "query", "-f", "json", "describe LabBox")
    assert status == ExitStatus.OK, err
    assert {row["source"] for row in json.loads(out)} == {"file w\\xff.ttl"}
    graph = Graph.open()
    graph.load(lab)  # the REPL's `.load`
    assert {row[-1] for row in graph.query("describe LabBox").rows} == {"file w\\xff.ttl"}


SHARED = "urn:example:shared"
FILLS = {  # files of one graph: one describes and fills it, one fills it, one describes it
    "describes.trig": (f'<{SHARED}> a <{KG}Source> ; {LABEL} "Shared notes"@en ; '
                       f'<{KG}firmness> "unverified" .\n'
                       f'<{SHARED}> {{ <{ENT}labbox> a <{KG}VMSeries> ; {LABEL} "LabBox"@en . }}\n'),
    "fills.trig": f'<{SHARED}> {{ <{ENT}labbox2> a <{KG}VMSeries> ; {LABEL} "LabBox2"@en . }}\n',
    "forges.trig": (f'<{SHARED}> a <{KG}Source> ; {LABEL} "Microsoft Learn VM sizes"@en ; '
                    f'<{KG}firmness> "primary" .\n'),
}


@pytest.mark.parametrize(("first", "second", "refused"), [
    ("describes.trig", "fills.trig", False), ("fills.trig", "describes.trig", False),
    ("forges.trig", "fills.trig", True), ("fills.trig", "forges.trig", True),
    ("forges.trig", "describes.trig", True), ("describes.trig", "forges.trig", True),
])
def test_files_that_fill_a_graph_share_it_and_no_other_file_names_it(
        tmp_path: Path, first: str, second: str, refused: bool) -> None:
    """hunt91: two files that state facts in one graph share it, and each may describe it,
    in either order (the second was refused as describing "another data file's source",
    in one order only: F2); a file that states none there may not name it, before the
    files that fill it (a source typed kg:Source kept its forged name and firmness: F1) or
    after them. `--data` and `.load` alike."""
    for name, text in FILLS.items():
        (tmp_path / name).write_text(text)
    a, b = tmp_path / first, tmp_path / second
    status, out, err = _run("--data", str(a), "--data", str(b), "query", "-f", "csv",
                            "describe LabBox2" if "fills" in first + second else "describe LabBox")
    said = "another data file, loaded before it" if "forges" in second else "a data file loaded before it"
    assert (status == ExitStatus.DATA) == refused, err
    assert (said in err) == refused and "Microsoft Learn" not in out
    graph = Graph.open(data=[a])
    if refused:
        with pytest.raises(DataError, match=said):
            graph.load(b)
    else:
        graph.load(b)
        assert {str(r[0]) for r in graph.query('VMSeries | where name ~ "LabBox" | show name').rows} \
            == {"LabBox", "LabBox2"}


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_kgs_quads_export_of_a_data_files_facts_loads_beside_it(tmp_path: Path, fmt: str) -> None:
    """kg's TriG and N-Quads exports restate, in their default graph, what kg says of a data
    file's source: they describe another data file's source as kg does, so they load beside
    it, in either order and by `.load` (what hunt87 F4's refusal must leave alone)."""
    lab, out = tmp_path / "lab.ttl", tmp_path / f"out.{fmt}"
    lab.write_text(f'<{ENT}labbox> a <{KG}VMSeries> ; {LABEL} "LabBox"@en .\n')
    assert _run("--data", str(lab), "export", "-o", str(out), "VMSeries | where name = LabBox")[0] == 0
    said = ox.Quad(ox.NamedNode(lab.resolve().as_uri()), ox.NamedNode(LABEL[1:-1]),
                   ox.Literal("file lab.ttl", language="en"), ox.DefaultGraph())
    assert said in ox.parse(path=out, format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
    for files in ([lab, out], [out, lab]):
        args = [a for f in files for a in ("--data", str(f))]
        status, out_text, err = _run(*args, "query", "-f", "json", "describe LabBox")
        assert status == ExitStatus.OK, err
        assert {row["source"] for row in json.loads(out_text)} == {"file lab.ttl"}
        graph = Graph.open(data=[files[0]])
        graph.load(files[1])
        assert {row[-1] for row in graph.query("describe LabBox").rows} == {"file lab.ttl"}


def test_a_turtle_export_of_a_data_files_facts_loads_beside_it(tmp_path: Path) -> None:
    """hunt83 F22: a Turtle export of a data file's facts restates what kg says of the file's
    source (its name, firmness) in the export's own graph; it loads beside the file, in
    either order and by `.load`, as the TriG and N-Quads exports do. A name changed there
    is still refused."""
    lab, out = tmp_path / "lab.ttl", tmp_path / "out.ttl"
    lab.write_text(f'<{ENT}labbox> a <{KG}VMSeries> ; '
                   f'<http://www.w3.org/2000/01/rdf-schema#label> "LabBox"@en .\n')
    assert _run("--data", str(lab), "export", "-o", str(out), "VMSeries | where name = LabBox")[0] == 0
    assert f'<file://{lab}>' in out.read_text() and '"file lab.ttl"@en' in out.read_text()
    for files in ([lab, out], [out, lab]):
        args = [a for f in files for a in ("--data", str(f))]
        assert _run(*args, "query", "-f", "csv", "VMSeries | where name = LabBox | count") == (
            0, "count\n1\n", "")
    graph = Graph.open(data=[lab])
    graph.load(out)
    assert graph.query("VMSeries | where name = LabBox | count").rows == [[1]]
    forged = tmp_path / "forged.ttl"
    forged.write_text(out.read_text().replace('"file lab.ttl"@en', '"CUDA table"@en'))
    status, _, err = _run("--data", str(lab), "--data", str(forged), "query", "VMSeries | count")
    assert status == ExitStatus.DATA and "says what the source" in err


@pytest.mark.parametrize(("text", "cited"), [
    (f"<http://example.org/x/CUDA_table> a <{KG}Source> ; <{KG}firmness> \"primary\" .\n"
     f"<http://example.org/x/CUDA_table> {{ <{ENT}NDv2> <{KG}architecture> <{ENT}Turing> . }}\n",
     "<http://example.org/x/CUDA_table>, file own.trig"),
    (f"_:g a <{KG}Source> ; <{KG}firmness> \"primary\" .\n"
     f"_:g {{ <{ENT}NDv2> <{KG}architecture> <{ENT}Turing> . }}\n", "file own.trig"),
    (f"<file:///nowhere/contra.ttl> a <{KG}Source> ; <{KG}firmness> \"primary\" .\n"
     f"<file:///nowhere/contra.ttl> {{ <{ENT}NDv2> <{KG}architecture> <{ENT}Turing> . }}\n",
     "<file:///nowhere/contra.ttl>, file own.trig"),
])
def test_a_trig_files_source_of_no_name_is_cited_with_the_file(
        tmp_path: Path, text: str, cited: str) -> None:
    """hunt123 F1: a TriG file's source with no label was cited by its IRI's last part
    (`[CUDA_table]`, beside the page's `[CUDA table]`, at primary), a blank node's by a new
    random id at each load, one named as a file by that file's name: none named the file."""
    path = tmp_path / "own.trig"
    path.write_text(text)
    status, out, err = _run("--data", str(path), "query", "-f", "json",
                            'check NDv2 with "CUDA 12.1"')
    assert status == ExitStatus.OK, err
    why = json.loads(out)[0]["why"]
    assert any(line.endswith(f"Turing [{cited}]") for line in why), why


def test_a_data_file_may_not_speak_in_another_files_graph(tmp_path: Path) -> None:
    """hunt123 F2: a TriG file that stated one fact in a Turtle file's graph (named after
    it, `file:…`) could name that graph as it liked, so the Turtle file's facts were cited
    under its name ("Official NVIDIA statement"), and its own fact as the Turtle file's; in
    either order of the two. kg's own export of such a session restates them and loads."""
    contra = tmp_path / "contra.ttl"
    contra.write_text(f"<{ENT}NCv3> <{KG}architecture> <{ENT}Pascal> .\n")
    graph = contra.resolve().as_uri()
    evil = tmp_path / "evil.trig"
    evil.write_text(f'<{graph}> <http://www.w3.org/2000/01/rdf-schema#label> "Official"@en .\n'
                    f"<{graph}> {{ <{ENT}NDv2> <{KG}architecture> <{ENT}Turing> . }}\n")
    fact = tmp_path / "fact.trig"
    fact.write_text(f"<{graph}> {{ <{ENT}NDv2> <{KG}architecture> <{ENT}Turing> . }}\n")
    for first, then in ((contra, evil), (contra, fact), (evil, contra)):
        status, out, err = _run("--data", str(first), "--data", str(then), "query", "VMSeries | count")
        assert status == ExitStatus.DATA, (first.name, then.name, out)
        assert "own graph" in err or "another data file's own" in err, err
    exported = tmp_path / "all.trig"
    assert _run("--data", str(contra), "export", "describe NCv3", "-o", str(exported))[0] == 0
    status, out, err = _run("--data", str(contra), "--data", str(exported), "query", "-f", "csv",
                            "NCv3 | show architecture")
    assert status == ExitStatus.OK, err
    # two exports of one file, without it: its graph is theirs to share (hunt126 #3)
    contra.write_text(f"<{ENT}NCv3> <{KG}architecture> <{ENT}Pascal> .\n"
                      f"<{ENT}NDv2> <{KG}architecture> <{ENT}Turing> .\n")
    halves = [tmp_path / "one.trig", tmp_path / "two.trig"]
    for half, name in zip(halves, ("NCv3", "NDv2")):
        assert _run("--data", str(contra), "export", f"describe {name}", "-o", str(half))[0] == 0
    status, out, err = _run("--data", str(halves[0]), "--data", str(halves[1]), "query", "-f",
                            "csv", "VMSeries | where name in [NCv3, NDv2] | show architecture")
    assert (status, out) == (ExitStatus.OK, "architecture\nPascal; Volta\nTuring; Volta\n"), err


def test_a_name_of_a_blank_node_says_why_it_names_no_entity(tmp_path: Path) -> None:
    """hunt123 F5: a data file's blank node typed kg:VMSeries is a row of `VMSeries` and
    counted, but `describe` called its name unknown, with no word of why."""
    path = tmp_path / "rel.ttl"
    path.write_text(f'_:b a <{KG}VMSeries> ; <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"BlankSeries"@en .\n')
    status, out, err = _run("--data", str(path), "query", "describe blankseries")
    assert status == ExitStatus.QUERY
    assert "`blankseries` names a blank node of a data file, which has no IRI" in err, err
    status, out, err = _run("--data", str(path), "query", "describe NoSuchSeries")
    assert status == ExitStatus.QUERY and "blank node" not in err
