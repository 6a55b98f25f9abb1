"""The footnotes link to pages on the web alone: a data file names any IRI as its source,
and a `javascript:` one became a link that runs a script in a published site, a local
file's path a link to the builder's home (hunt44 #1, #6)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ExitStatus
from kg.session import Graph
from kg.site import build_site

DATA = """\
@prefix kg: <https://w3id.org/azml-kg/ontology#> . @prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix ex: <https://example.org/lab/> .
ex:src a kg:Source ; rdfs:label "Lab notes"@en ; dcterms:source <javascript:alert(document.domain)> ;
  kg:firmness "primary" ; prov:wasDerivedFrom ex:doc , ex:web ; dcterms:isPartOf ex:doc .
ex:doc a kg:Document ; rdfs:label "Doc"@en ; dcterms:source <javascript:alert(2)> ;
  kg:repository "r" ; kg:filePath "p`x``y" ; kg:commit "0123456789abcdef" .
ex:web a kg:Document ; rdfs:label "Web"@en ; dcterms:source <https://example.org/a_(b)> .
ex:src { ent:js-series a kg:VMSeries ; rdfs:label "JSSeries"@en, "JSSeries"@de ;
  kg:category ent:gpu-category ; kg:architecture ent:Volta ; kg:supportedBy ent:compute-cluster ;
  kg:order 300 . }
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("links") / "lab.trig"
    path.write_text(DATA)
    return path


def test_an_export_links_no_address_but_a_web_page(data: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(data), "export", "-f", "html", "describe JSSeries"],
                out, err) == ExitStatus.OK, err.getvalue()
    text = out.getvalue()
    assert "Lab notes" in text and "Doc" in text
    assert "javascript:" not in text
    assert "file:" not in text  # the data file's own source is named, not linked
    assert '<a href="https://example.org/a_(b)">Web</a>' in text


def test_a_site_links_no_address_but_a_web_page(data: Path) -> None:
    pages = build_site(Graph.open(data=[data]))
    assert any("Lab notes" in text for text in pages.values())
    links = {m for text in pages.values() for m in re.findall(r'href="([^"#]+)"', text)}
    links |= {m for text in pages.values() for m in re.findall(r"\]\(([^)#\s]+)\)", text)}
    assert {link.split(":")[0] for link in links if ":" in link} <= {"https", "http"}, links
    md = "".join(text for name, text in pages.items() if name.endswith(".md"))
    # an address with parentheses stays one link; a path with backticks one code span
    assert "[Web](https://example.org/a_%28b%29)" in md
    assert "```r/p`x``y```" in md


@pytest.mark.parametrize(("statement", "source"), [
    ('GPUArchitecture from "CUDA table" | where name = Ampere | show name, minCuda',
     "CUDA table"),
    ('TrainingTarget from "Training targets table" | sort order | show name, supports(AutoML)',
     "Training targets table"),
])
def test_a_statement_from_a_source_cites_that_source(statement: str, source: str) -> None:
    """hunt44 #2: under `from`, a cell cited every source stating its fact: the page's CUDA
    table a secondary copy of Wikipedia, the v2 training table the v1 table and its
    unverified row of 2025. What the statement read, it read in its source."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "-f", "html", statement], out, err) == ExitStatus.OK, err.getvalue()
    cited = re.findall(r'<li id="fn-\d+"><span class="source">([^<]*)</span>', out.getvalue())
    assert cited == [source]


def test_a_cell_cites_the_fact_of_its_column() -> None:
    """hunt45 #1: Av1 retired on 2024-08-31 (the page) with the deadline 2024-08-31 (Azure's
    retirement page): each date cell cited both sources, since a value was matched by its
    text alone. A column titled by its property cites that property's fact."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", "retired-series", "-f", "html"], out, err) == ExitStatus.OK
    row = re.search(r"<tr><th scope=\"row\">Av1<.*?</tr>", out.getvalue())
    assert row is not None
    cells = re.findall(r"<td>2024-08-31(.*?)</td>", row.group(0))
    cited = [re.findall(r'href="#fn-(\d+)"', c) for c in cells]
    assert len(cited) == 2 and all(len(c) == 1 for c in cited) and cited[0] != cited[1], cited


@pytest.mark.parametrize("shown", ["retiredOn as retirementDeadline, retirementDeadline as d",
                                   'retiredOn as "Retired", retirementDeadline as deadline'])
def test_a_cell_cites_its_own_fact_whatever_its_title(shown: str) -> None:
    """hunt47 #1: the property was read from the column's title, so `retiredOn as
    retirementDeadline` cited the deadline's source, and `as deadline` both again."""
    out, err = io.StringIO(), io.StringIO()
    statement = f"VMSeries | where name = Av1 | show name, {shown}"
    assert main(["export", "-f", "html", statement], out, err) == ExitStatus.OK
    row = re.search(r"<tr><th scope=\"row\">Av1<.*?</tr>", out.getvalue())
    assert row is not None
    cited = [re.findall(r'href="#fn-(\d+)"', c) for c in re.findall(r"<td>(.*?)</td>", row.group(0))]
    notes = {n: re.sub(r"<[^>]+>", "", text) for n, text in
             re.findall(r'<li id="fn-(\d+)"><span class="source">(.*?)</span>', out.getvalue())}
    assert [[notes[n] for n in c] for c in cited] == [
        ["Series retired on August 31, 2024"],
        ["Av1-series retirement: August 31, 2024 (Azure VM docs)"]]


def _cited(statement: str) -> list[list[str]]:
    """Each table cell's footnotes, by source label, row by row."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "-f", "html", statement], out, err) == ExitStatus.OK, err.getvalue()
    notes = {n: re.sub(r"<[^>]+>", "", text) for n, text in
             re.findall(r'<li id="fn-(\d+)"><span class="source">(.*?)</span>', out.getvalue())}
    table = out.getvalue().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[", ".join(notes[n] for n in re.findall(r'href="#fn-(\d+)"', cell))
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table)]


def test_a_collected_group_cites_the_fact_of_its_key() -> None:
    """hunt48 #1: after `collect … by retiredOn`, a date cited the deadline pages too (the
    reshaped result had lost which property each column shows)."""
    rows = _cited("VMSeries | where has retiredOn | collect name by retiredOn")
    assert rows and all("deadline" not in row[0] for row in rows), rows


def test_a_cell_of_a_two_step_path_cites_its_last_step() -> None:
    """hunt48 #2: `build.buildCuda` cited nothing: the release's own `cudaBuild` fact was
    found first, and then dropped as another property's."""
    rows = _cited("FrameworkRelease | where framework = PyTorch | show name, build, build.buildCuda "
                  "| limit 1")
    assert rows[0][2], rows
