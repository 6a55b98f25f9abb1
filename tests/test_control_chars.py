"""Terminal escape codes and other control characters in the data never reach a text format
raw: every format shows them as visible escapes (``\\x1b``), and JSON as JSON escapes."""

from __future__ import annotations

import json
import re

import pytest

from kg.output import Format, OutputContext, write
from kg.output.cells import printable
from kg.session import Graph

EVIL = "Evil\x1b[31mRed\x07Bell\rBack\x9bCsi\u202eRtl\u2028Ls\x85Nel\u200bZw\ufeffBom"
#: what no format writes raw (hunt139 F5: a zero-width space showed as `?`, or not at all)
_RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]")


@pytest.fixture(scope="module")
def evil_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path = tmp_path_factory.mktemp("evil") / "evil.ttl"
    escaped = EVIL.encode("unicode_escape").decode().replace("\\x", "\\u00")
    path.write_text(f"""
@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/azml-kg/id/Evil> a kg:VMSeries ; rdfs:label "{escaped}"@en ;
    kg:category <https://w3id.org/azml-kg/id/GPU> .
""")
    return Graph.open([path])


def test_the_data_holds_the_raw_characters(evil_graph: Graph) -> None:
    result = evil_graph.query('VMSeries | where name ~ "Evil" | show name')
    assert [str(v) for (v,) in result.rows] == [EVIL]


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.CSV, Format.TSV, Format.MD, Format.MERMAID,
                                 Format.DOT, Format.GRAPHML, Format.JSON, Format.JSONL,
                                 Format.HTML])
def test_no_format_writes_a_control_character(evil_graph: Graph, fmt: Format) -> None:
    result = evil_graph.query('VMSeries | where name ~ "Evil" | show name, category')
    text = write(result, fmt, OutputContext(evil_graph.context, "en", width=200))
    assert not _RAW.search(text), repr(text)
    if fmt in (Format.JSON, Format.JSONL):
        records = [json.loads(line) for line in text.splitlines()] if fmt is Format.JSONL \
            else json.loads(text)
        assert records[0]["name"] == EVIL  # escaped as JSON, the same string
    else:
        assert "\\x1b[31mRed" in text and "\\x07Bell" in text and "\\x9bCsi" in text
        assert "u200bZw" in text and "ufeffBom" in text


@pytest.mark.parametrize("fmt", [Format.TURTLE, Format.TRIG, Format.NT, Format.NQUADS,
                                 Format.JSONLD])
def test_no_rdf_format_writes_a_control_character(evil_graph: Graph, fmt: Format,
                                                  tmp_path_factory: pytest.TempPathFactory
                                                  ) -> None:
    """The RDF formats write C1 controls and bidirectional overrides as ``\\u`` escapes
    (pyoxigraph and json wrote them raw), and a line separator inside a string stays one:
    each export reads back (rdflib) to the very label."""
    import rdflib

    result = evil_graph.query('VMSeries | where name ~ "Evil" | show name, category')
    text = write(result, fmt, OutputContext(evil_graph.context, "en", width=200))
    assert not _RAW.search(text), repr(text)
    read = rdflib.Dataset()
    read.parse(data=text, format={Format.TURTLE: "turtle", Format.TRIG: "trig",
                                  Format.NT: "nt", Format.NQUADS: "nquads",
                                  Format.JSONLD: "json-ld"}[fmt])
    labels = {str(o) for _, _, o, _ in read.quads((None, rdflib.RDFS.label, None, None))}
    assert EVIL in labels


@pytest.fixture(scope="module")
def evil_iris(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """A series whose IRI holds a bidirectional override and a line separator (IRIs may;
    pyoxigraph refuses C0 and C1 controls in them)."""
    path = tmp_path_factory.mktemp("eviliri") / "eviliri.ttl"
    path.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "<https://w3id.org/azml-kg/id/Iri\\u202ERlo\\u2028Ls> a kg:VMSeries ;\n"
                    '    rdfs:label "EvilIri"@en .\n')
    return Graph.open([path])


_IRI = "https://w3id.org/azml-kg/id/Iri\u202eRlo\u2028Ls"


@pytest.mark.parametrize("fmt", [Format.CSV, Format.TSV, Format.NT, Format.NQUADS,
                                 Format.TURTLE, Format.TRIG, Format.JSONLD])
def test_an_iri_is_escaped_as_a_label_is(evil_iris: Graph, fmt: Format) -> None:
    """CSV and TSV with --ids write an IRI's bidirectional override as an escape (the @id
    column wrote it raw), and the RDF formats its line separator too (rdflib could not read
    the N-Triples back)."""
    import rdflib

    result = evil_iris.query('VMSeries | where name = "EvilIri" | show name')
    text = write(result, fmt, OutputContext(evil_iris.context, "en", width=200, ids=True))
    if fmt in (Format.CSV, Format.TSV):  # a line separator is text there, as in a label
        assert not re.search("[\u202a-\u202e]", text) and "Iri\\u202eRlo" in text, repr(text)
        return
    assert not re.search("[\u202a-\u202e\u2028\u2029]", text), repr(text)
    read = rdflib.Dataset()
    read.parse(data=text, format={Format.TURTLE: "turtle", Format.TRIG: "trig", Format.NT: "nt",
                                  Format.NQUADS: "nquads", Format.JSONLD: "json-ld"}[fmt])
    assert rdflib.URIRef(_IRI) in {s for s, _, _, _ in read.quads((None, None, None, None))}


def test_html_shows_a_lone_carriage_return_as_an_escape(evil_graph: Graph) -> None:
    """As every format does (it was a line break in the result's cells, \\x0d in the facts)."""
    result = evil_graph.query('VMSeries | where name ~ "Evil" | show name')
    text = write(result, Format.HTML, OutputContext(evil_graph.context, "en", width=200))
    assert "Bell\\x0dBack" in text and "Bell<br/>Back" not in text


def test_a_header_is_escaped_too(evil_graph: Graph) -> None:
    result = evil_graph.query('VMSeries | where name ~ "Evil" | show name as "a\\u001bb"')
    for fmt in (Format.CSV, Format.MD, Format.TABLE):
        text = write(result, fmt, OutputContext(evil_graph.context, "en", width=200))
        assert not _RAW.search(text), repr(text)


def test_printable_keeps_line_breaks() -> None:
    assert printable("a\r\nb\nc\rd\te") == "a\nb\nc\\x0dd\te"
    assert printable("ä €") == "ä €"


def test_the_escaper_is_translate_by_its_table() -> None:
    """escaper(table) (one regex search) gives what ``str.translate(table)`` gives, for every
    character of the Basic Multilingual Plane, each alone and all in one text."""
    from kg.output.cells import _CONTROLS, _UNSEEN, escaper

    every = "".join(chr(c) for c in range(0xD800)) + "".join(chr(c) for c in range(0xE000, 0x10000))
    for table in (_CONTROLS, _UNSEEN):
        escape = escaper(table)
        assert escape(every) == every.translate(table)
        assert all(escape(c) == c.translate(table) for c in every[:0x2100])
        assert escape("plain text, no control") == "plain text, no control"


def test_validate_writes_a_data_files_escapes_as_escapes(tmp_path_factory: pytest.TempPathFactory
                                                         ) -> None:
    """`kg validate` quotes the values it objects to (an ill-typed literal, an alias of two
    entities) and the IRIs: each escaped, as every other text output (hunt129 F1: an OSC 52
    clipboard write reached the terminal raw)."""
    import io

    from kg.cli import main

    path = tmp_path_factory.mktemp("evilvalid") / "evil.ttl"
    path.write_text(
        "@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/azml-kg/id/v1\\u202Eexe> a kg:VMSeries ;\n"
        '    rdfs:label "Esc\\u001B]0;T\\u0007\\u009B31m"@en ;\n'
        '    kg:order "1\\u001B]52;c;cm0K\\u0007"^^xsd:integer .\n'
        "<https://w3id.org/azml-kg/id/v2> a kg:VMSeries ; rdfs:label \"Other\"@en ;\n"
        '    skos:altLabel "Esc\\u001B]0;T\\u0007\\u009B31m" .\n')
    out, err = io.StringIO(), io.StringIO()
    main(["--data", str(path), "validate"], out, err)
    text = out.getvalue()
    assert "52;c;cm0K" in text and "also names" in text, text  # the findings are there
    assert not _RAW.search(text), repr(text)
    assert "\\x1b]52;c;cm0K\\x07" in text and "v1\\u202eexe" in text


def test_the_note_of_a_revision_shows_its_labels_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The note `--as-of` a day inside a revision gets names the revision and its later
    parts by their labels, which a server (`--endpoint`) supplies: written raw to stderr
    (hunt129 F1's follow-up; a data file may not relabel kg's revisions)."""
    import io

    from kg.cli import main
    from kg.revisions import Revision

    monkeypatch.setattr(Revision, "label", lambda self, lang="en": "rev\x1b]0;T\x07\u202e")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--as-of", "2024-06-01", "query", "VMSeries | count"], out, err) == 0
    assert "from the rev\\x1b]0;T\\x07\\u202e; part of it" in err.getvalue(), err.getvalue()
    assert not _RAW.search(err.getvalue())
