"""Names people type: abbreviations, spaces for hyphens, versions written short or long,
and suggestions that rank the nearest version first."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg import Graph
from kg.catalog import read_named, read_named_many
from kg.errors import QueryError
from kg.name_queries import FOLD_TO_ASCII, LOOSE_DROPPED
from kg.names import loose_key, version_forms
from kg.ontology import Ontology
from kg.vocab import local_name


def _iri(graph: Graph, name: str) -> str:
    return graph.query(f'describe "{name}"').subject.iri  # type: ignore[union-attr]


@pytest.mark.parametrize(("typed", "meant"), [
    ("CUDA 12", "CUDA 12.0"),
    ("cuda 11", "CUDA 11.0"),
    ("PyTorch 2.4.1", "PyTorch 2.4"),
    ("12.0.1", "CUDA 12.0"),
    ("ND H100 v5", "ND-H100-v5"),
    ("nd h200 v5", "ND-H200-v5"),
    ("NCads H100 v5", "NCads_H100_v5"),
    ("ACI", "Azure Container Instances"),
    ("AKS", "Azure Kubernetes Service"),
])
def test_a_name_people_type_means_the_entity(latest: Graph, typed: str, meant: str) -> None:
    assert _iri(latest, typed) == _iri(latest, meant)


def test_the_check_of_a_typed_name_is_the_check_of_the_entity(latest: Graph) -> None:
    typed = latest.query('check "ND H100 v5" with "PyTorch 2.4.1"')
    exact = latest.query('check ND-H100-v5 with "PyTorch 2.4"')
    assert typed.rows == exact.rows


@pytest.mark.parametrize(("model", "gpus", "series"), [
    ("A100", ("NVIDIA A100 40 GB", "NVIDIA A100 80 GB PCIe"), ("NCads_A100_v4", "NDasrA100_v4")),
    ("H100", ("NVIDIA H100", "NVIDIA H100 NVL"), ("NCads_H100_v5", "ND-H100-v5")),
])
def test_the_pages_model_name_of_two_gpus_is_ambiguous(latest: Graph, model: str,
                                                       gpus: tuple[str, ...],
                                                       series: tuple[str, ...]) -> None:
    """hunt90 F1: the 2026 page's "GPU (A100)" names two GPU entities; `A100` named the 40 GB
    one alone, and `where gpu = A100` left NCads_A100_v4 out, unsaid. It is an error that
    names both (spec §1); each by its own name, and the model text, finds its series."""
    with pytest.raises(QueryError) as raised:
        latest.query(f"VMSeries | where gpu = {model} | show name")
    said = str(raised.value)
    assert f"`{model}` is ambiguous" in said and all(f"`{g}`" in said for g in gpus)
    found = {str(r[0]) for g in gpus
             for r in latest.query(f'VMSeries | where gpu = "{g}" | show name').rows}
    assert found == set(series)
    assert {str(r[0]) for r in latest.query(
        f'VMSeries | where gpu ~ "{model}" | show name').rows} == set(series)


def test_an_exact_name_wins_over_a_loose_one(latest: Graph) -> None:
    assert _iri(latest, "CUDA 12.0") != _iri(latest, "CUDA 12.1")
    assert _iri(latest, "12.1") == _iri(latest, "CUDA 12.1")  # an alias, exactly


def test_an_unknown_version_suggests_the_nearest_versions(latest: Graph) -> None:
    with pytest.raises(QueryError) as info:
        latest.query('check NCv3 with "CUDA 12.7"')
    assert info.value.problems[0].hint == "did you mean `CUDA 12.6` or `CUDA 12.8` or `CUDA 12.5`?"
    with pytest.raises(QueryError) as info:
        latest.query('check NCv3 with "PyTorch 2.19"')
    assert info.value.problems[0].hint is not None
    assert info.value.problems[0].hint.startswith("did you mean `PyTorch 2.14`")
    # the neighbours in version order, either side: 12.10 lies between 12.9 and 13.0
    # (each part's difference had ranked 12.8 and 12.6 before 13.0), 9.5 between 9.2 and 10.0
    for written, hint in (("CUDA 12.10", "`CUDA 12.9` or `CUDA 13.0` or `CUDA 12.8`"),
                          ("CUDA 9.5", "`CUDA 9.2` or `CUDA 10.0` or `CUDA 9.1`"),
                          ("CUDA 99", "`CUDA 13.4` or `CUDA 13.2` or `CUDA 13.0`")):
        with pytest.raises(QueryError) as info:
            latest.query(f'describe "{written}"')
        assert info.value.problems[0].hint == f"did you mean {hint}?"


def test_a_name_that_means_nothing_is_still_unknown(latest: Graph) -> None:
    with pytest.raises(QueryError, match="unknown entity `Nonsense 12`"):
        latest.query('describe "Nonsense 12"')


@pytest.mark.parametrize("written", ["-12.0", '"-12.0"', '"12.0-"', '"_NCv3"', "12.0.1.5",
                                     '"CUDA 12.0.1.5"'])
def test_a_sign_or_a_fourth_part_is_no_loose_spelling(latest: Graph, written: str) -> None:
    """What a loose name ignores lies between its words, and a version is cut to a release
    from three parts at most: `-12.0` and `12.0.1.5` were CUDA 12.0 (hunt49 F5), and
    `where architecture.minCuda = -9.0` kept NCv3."""
    with pytest.raises(QueryError, match="unknown entity|is not a version"):
        latest.query(f"check NCv3 with {written}")
    if "12.0.1.5" not in written:  # (9.0.1.5 unquoted is a version, compared as one)
        with pytest.raises(QueryError, match="unknown entity|is not a version"):
            latest.query(f"NCv3 | where architecture.minCuda = {written.replace('12.0', '9.0')}")
    assert latest.query('check "ND H100 v5" with 12.0.1').rows[0][0] == "compatible"


@pytest.mark.parametrize(("written", "first"), [
    ("TensorFlow 2.16.0", "TensorFlow 2.16.1"), ("TensorFlow 2.15.3", "TensorFlow 2.15.0")])
def test_another_patch_of_a_release_known_by_its_patch_names_nothing(
        latest: Graph, written: str, first: str) -> None:
    """`TensorFlow 2.16` is the alias of TensorFlow 2.16.1, so 2.16.0 was cut to it and
    answered about 2.16.1's wheel without a word (hunt49 F5): no fact is about 2.16.0.
    The other patch of the release is suggested first."""
    with pytest.raises(QueryError, match=f"unknown entity `{written}`") as info:
        latest.query(f'check NCv3 with "{written}"')
    assert info.value.problems[0].hint.startswith(f"did you mean `{first}`")
    # what a release's own name extends still means it: PyTorch 2.4 is the release of 2.4.1
    assert _iri(latest, "TensorFlow 2.16") == _iri(latest, "TensorFlow 2.16.1")
    assert _iri(latest, "PyTorch 2.4.1") == _iri(latest, "PyTorch 2.4.0") == _iri(latest,
                                                                                  "PyTorch 2.4")


def test_the_abbreviations_have_a_source(latest: Graph) -> None:
    rows = latest.query("describe ACI").rows
    (alias,) = [r for r in rows if str(r[1]) == "also called" and r[2] == "ACI"]
    assert "ACI and AKS" in str(alias[3])


def test_rules() -> None:
    assert loose_key("ND H100 v5") == loose_key("nd-h100_v5") == "ndh100v5"
    assert version_forms("CUDA 12") == ["CUDA 12.0"]
    assert version_forms("PyTorch 2.4.1") == ["PyTorch 2.4"]
    assert version_forms("TensorFlow 2.16.1") == ["TensorFlow 2.16"]
    assert version_forms("TensorFlow 2.16.1.3") == [] and version_forms("12.0.1.5") == []
    assert version_forms("Volta") == [] and version_forms("12") == []
    assert version_forms("12.0.1") == ["12.0"] and version_forms("12.0") == []


# -- a name looked up alone (over an endpoint, before the entity table is read) ------------

class _Remote:
    """A store that is not the embedded one: its ontology looks names up alone."""

    def __init__(self, graph: Graph) -> None:
        self.select = graph.store.select


def _spellings(onto: Ontology) -> list[str]:
    names = sorted({n for e in onto.entities.values()
                    for n in (*e.labels.values(), *e.aliases, local_name(e.iri))})
    return [v for n in names for v in (n, n.upper(), f" {n.swapcase()} ", n[:-1])
            if v.strip().casefold().isascii()]


@pytest.mark.slow
def test_a_name_looked_up_alone_finds_what_the_table_finds(latest: Graph) -> None:
    """ASCII spellings of the entities (one in twelve of all of them, in other cases and cut
    short), within no class and within each class in turn, find the same entities alone
    as in the table of all names, and the table is never read."""
    table = latest.ontology
    alone = Ontology.from_store(_Remote(latest))  # type: ignore[arg-type]
    classes = sorted(table.classes)
    typed = _spellings(table)[::12]
    assert len(typed) > 500
    for i, text in enumerate([*typed, "nothing of the kind", "", "compute-cluster"]):
        for within in (None, [classes[i % len(classes)]]):
            assert alone.find_entity(text, within) == table.find_entity(text, within), text
    assert alone._entities is None


def test_a_name_alone_finds_labels_that_casefold_to_it(tmp_path: Path) -> None:
    """A label with "ß" or the Kelvin sign is found by its casefolded ASCII spelling, and
    a local name within the classes asked for wins over a label outside them, as in the
    table of all names."""
    data = tmp_path / "names.ttl"
    data.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:gross a kg:VMSeries ; rdfs:label "Stra\u00dfe"@de , "\u212aepler Street"@en .
ent:Volta-Street a kg:GPUArchitecture ; rdfs:label "Something else"@en .
ent:volta-street-series a kg:VMSeries ; rdfs:label "Volta-Street"@en .
""", encoding="utf-8")
    graph = Graph.open(data=[data])
    alone = Ontology.from_store(_Remote(graph))  # type: ignore[arg-type]
    arch = "https://w3id.org/azml-kg/ontology#GPUArchitecture"
    for text, within in [("STRASSE", None), ("kepler street", None), ("volta-street", None),
                         ("volta-street", [arch])]:
        found = alone.find_entity(text, within)
        assert found == graph.ontology.find_entity(text, within), text
        assert found, text
    assert [e.iri for e in alone.find_entity("volta-street", [arch])] == [
        "https://w3id.org/azml-kg/id/Volta-Street"]
    assert alone._entities is None


@pytest.mark.parametrize("by_local_name", [False, True])
def test_names_read_together_are_what_each_reads_alone(latest: Graph, by_local_name: bool) -> None:
    """read_named_many (a statement's names in one query) gives each name what read_named
    gives it alone: ASCII spellings of the entities, in other cases and cut short, with
    spaces, hyphens, dots, parentheses and slashes."""
    keys = sorted({t.strip().casefold() for t in _spellings(latest.ontology)[::40]}
                  | {"a (b)", "x/y", "cuda-12.0", "nd-h100-v5", "ncv3", "compute-cluster"})
    keys = [k for k in keys if k]
    assert len(keys) > 100
    together = read_named_many(latest.store, keys, by_local_name=by_local_name)
    assert together == {k: read_named(latest.store, k, by_local_name=by_local_name)
                        for k in keys}
    assert sum(map(bool, together.values())) > 50


def _scans(graph: Graph) -> list[str]:
    """The scans of the names ``graph`` makes from now on (read_named's queries)."""
    scans: list[str] = []
    real = graph.store.select

    def select(sparql: str) -> object:
        if "VALUES ?q" in sparql:
            scans.append(sparql)
        return real(sparql)

    graph.store.select = select  # type: ignore[method-assign]
    return scans


def test_a_statement_reads_its_names_in_one_query(latest: Graph) -> None:
    """Names looked up alone (`kg query` at scale, an endpoint): the names a statement
    holds are read in one scan of the names, and one of local names when some are not
    labels, not a scan each (0.17 and 0.3 s at 1M triples), with the answers of a session
    that has the table."""
    text = ('ManagedCompute | where name in ["Azure Machine Learning compute cluster", '
            '"Azure Machine Learning compute instance"] | show name, '
            'supports(single-or-multi-node-cluster), supports(autoscales-on-job-submission), '
            'supports(automatic-cluster-management), supports(cpu-and-gpu-support)')
    graph = kg.open_graph(names_alone=True)
    scans = _scans(graph)
    assert graph.query(text).records() == latest.query(text).records()
    assert len(scans) == 2 and "rdf:type" in scans[1]  # by spelling, then by local name
    assert graph.ontology._entities is None


def test_the_characters_that_casefold_to_ascii() -> None:
    """FOLD_TO_ASCII is every character beyond ASCII whose casefolding is ASCII."""
    assert {c for c in map(chr, range(0x80, 0x110000)) if c.casefold().isascii()} == \
        set(FOLD_TO_ASCII)


def test_the_characters_a_loose_key_leaves_out() -> None:
    """LOOSE_DROPPED (the XPath class an endpoint's loose lookup removes) is every
    character loose_key leaves out: Python's spaces, the underscore and the hyphen."""
    import re

    dropped = {c for c in map(chr, range(0x110000)) if loose_key(c) == ""}
    assert dropped == {c for c in map(chr, range(0x110000)) if re.fullmatch(LOOSE_DROPPED, c)}
    assert dropped == {c for c in map(chr, range(0x110000)) if c.isspace() or c in "-_"}
    assert loose_key("a\u00a0B-c_d\u3000E") == "abcde"  # dropped inside a name too


def test_a_graph_for_one_statement_looks_names_up_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """``names_alone`` (`kg query`, `kg run`): a statement that names entities, spelled
    exactly or loosely, reads their names and the records it shows, not the table of every
    entity's names (8 ms on the page, 1.2 s at 1M triples), and answers as a session that
    has the table."""
    from bench.spec import SPEC_STATEMENTS
    from tests.test_compat import CASES

    texts = [*SPEC_STATEMENTS, *(f"check {a} with {b}" for a, b, _, _ in CASES),
             'VMSeries | where category = GPU | check with "CUDA 12.0" | count by verdict',
             "describe nd-h100_v5", 'check "ND H100 v5" with "PyTorch 2.4.1"',
             'describe "cuda 12"', "describe ACI"]
    session = Graph.open()
    expected = {text: session.query(text).records() for text in texts}
    assert session.ontology._entities is not None  # a session reads the table, once
    for text in texts:
        alone = kg.open_graph(names_alone=True)
        assert alone.query(text).records() == expected[text], text
        # a path is a graph algorithm over every entity: it reads the table
        assert (alone.ontology._entities is None) == (not text.startswith("path")), text
    alone = Graph.open(names_alone=True)  # what needs every name still has it: suggestions
    with pytest.raises(QueryError, match=r"(?s)NCv9.*did you mean `NCv3`"):
        alone.query("describe NCv9")
    assert alone.ontology._entities is not None


def test_every_documented_example_answers_alike_with_names_alone() -> None:
    """The language reference's examples, each in a graph of its own with ``names_alone``
    (as `kg query` runs them), give what one session with the table gives them, in
    English and in German; only the statements about the whole graph read the table
    (`path` and `neighbors` walk every entity's links, `schema` counts every class)."""
    from bench.warm import documented_examples

    for lang in ("en", "de"):
        session = Graph.open(lang=lang)
        for text in documented_examples():
            alone = Graph.open(lang=lang, names_alone=True)
            assert alone.query(text).records() == session.query(text).records(), (lang, text)
            whole = text.startswith(("path ", "neighbors ", "schema"))
            assert (alone.ontology._entities is not None) == whole, (lang, text)


@pytest.mark.parametrize("argv", [
    ["query", "describe NCv3", "--format", "json"],
    ["query", "check NCT4_v3 with \"PyTorch 2.8\"", "--format", "csv"],
    ["run", "series-by-architecture", "--param", "arch=Volta", "--format", "json"],
    ["export", "--format", "ttl", "VMSeries | where architecture = Pascal"],
])
def test_commands_that_run_one_statement_read_no_name_table(
        argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`kg query`, `kg run` and `kg export` of a statement open their graph with
    ``names_alone``, and print what they printed with the table read."""
    import io

    import kg.ontology
    from kg.cli import main

    def run() -> str:
        out, err = io.StringIO(), io.StringIO()
        assert main(argv, out, err) == 0, err.getvalue()
        return out.getvalue()

    opened = Graph.open.__func__  # type: ignore[attr-defined]
    with monkeypatch.context() as patched:  # as before: every graph reads its table
        patched.setattr(Graph, "open", classmethod(
            lambda cls, *args, names_alone=False, **kwargs: opened(cls, *args, **kwargs)))
        expected = run()
    reads: list[object] = []
    real = kg.ontology.read_entities
    monkeypatch.setattr(kg.ontology, "read_entities", lambda store: reads.append(store) or real(store))
    assert run() == expected
    assert reads == []


def test_the_names_expected_are_the_statements_only_while_it_is_checked() -> None:
    """After a statement is checked, a name looked up alone is read alone: the names the
    statement held are not read again with it."""
    graph = kg.open_graph(names_alone=True)
    graph.query('VMSeries | where supportedBy in ["compute cluster", "compute instance"] | count')
    assert graph.ontology._expected == frozenset()
    scans = _scans(graph)
    assert graph.ontology.find_entity("NCv3")
    assert len(scans) == 1 and "compute instance" not in scans[0] and '"ncv3"' in scans[0]


def test_a_bare_version_suggests_the_nearest_versions(latest: Graph) -> None:
    """hunt49 F6: `check NCv3 with 12.10` suggested CUDA 12.1 first, the closest text; a
    bare version suggests by version, of names with a version alone (no build's)."""
    with pytest.raises(QueryError) as info:
        latest.query("check NCv3 with 12.10")
    assert info.value.problems[0].hint == "did you mean `CUDA 12.9` or `CUDA 13.0` or `CUDA 12.8`?"


@pytest.mark.parametrize(("lang", "text"), [("en", 'schema "VM size"'), ("de", 'schema "VM-Größe"'),
                                            ("en", "schema VMSize")])
def test_schema_takes_a_class_by_the_label_completion_offers(lang: str, text: str) -> None:
    """Completion after `schema` offered `"VM size"`, which `schema` refused: "the `schema`
    statement ends before it" (hunt58 F13)."""
    from kg.session import Graph

    result = Graph.open(lang=lang).query(text)
    assert result.rows and "gpuCount" in {str(row[0]) for row in result.rows}


def test_an_ambiguous_parameter_value_says_what_to_give(tmp_path: Path) -> None:
    """`kg run` listed "`Volta`, `Volta`"; `kg query -p` said to give the IRI in quotes,
    which `-p` then refused (hunt57 F15): each candidate with its IRI, and a parameter's
    IRI as it is given."""
    from kg.errors import QueryCheckError, SavedQueryError
    from kg.saved import load_saved, run_saved
    from kg.session import Graph

    data = tmp_path / "amb.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "<https://example.org/lab/Volta2> a kg:GPUArchitecture ; "
                    '<http://www.w3.org/2000/01/rdf-schema#label> "Volta"@en .\n')
    graph = Graph.open([data])
    with pytest.raises(SavedQueryError, match=r"names `Volta` \(https://example.org/lab/Volta2\), "
                                              r"`Volta` \(https://w3id.org/azml-kg/id/Volta\): give "
                                              r"one's IRI, --param arch=https://"):
        run_saved(graph, load_saved("series-by-architecture"), {"arch": "Volta"})
    text = "VMSeries | where architecture = $a | show name"
    with pytest.raises(QueryCheckError) as caught:
        graph.query(text, {"a": "Volta"})
    said = caught.value.render()
    assert "one's IRI: https://example.org/lab/Volta2 or" in said and '"https' not in said
    assert graph.query(text, {"a": "https://w3id.org/azml-kg/id/Volta"}).rows
    with pytest.raises(QueryCheckError, match="one's IRI in quotes"):
        graph.query("VMSeries | where architecture = Volta")


def test_a_parameter_in_from_and_in_supports() -> None:
    """`from $a` looked up a source called `a`, and `supports($a)` was titled `supports(a)`,
    as if a feature `a` were asked (hunt57 F9)."""
    from kg.session import Graph

    graph = Graph.open()
    read = graph.query("InferenceTarget from $a | show name",
                       {"a": "Inference targets table (SDK/CLI v2)"})
    assert read.rows == graph.query('InferenceTarget from "Inference targets table (SDK/CLI v2)" '
                                    "| show name").rows
    shown = graph.query("TrainingTarget | show name, supports($a) | sort supports($a)",
                        {"a": "Designer"})
    assert shown.columns == ["name", "supports($a)"]


def test_the_sources_are_read_when_a_statement_needs_them() -> None:
    """The sources' labels (147 on the page) are read when first needed, not when a graph
    opens: a statement that names none and shows none does not wait for them, one that
    reads `from` a source finds it, and a misspelt one is suggested from them."""
    text = 'InferenceTarget from "Inference targets table (SDK/CLI v1)" | sort order | show name'
    expected = Graph.open().query(text).records()
    alone = Graph.open(names_alone=True)
    alone.query("VMSeries | where category = GPU | show name, architecture")
    assert alone.ontology._sources is None
    assert alone.query(text).records() == expected and alone.ontology._sources
    with pytest.raises(QueryError, match="Inference targets table"):
        Graph.open(names_alone=True).query(text.replace("targets", "target"))


def test_did_you_mean_has_a_budget_per_statement_and_reads_its_names_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt125 F5: each unknown name was compared with every name of the graph, which was
    read afresh each time: ten misspelt names took 8.5 s at 1M triples. The names are read
    once per kind; once a statement spent SUGGESTING seconds, later names go without."""
    import kg.checker.scope
    from kg.errors import QueryCheckError
    from kg.ontology import Ontology

    graph = Graph.open()
    pools: list[object] = []
    real = Ontology._pool
    monkeypatch.setattr(Ontology, "_pool", lambda self, *a: pools.append(a) or real(self, *a))
    text = 'VMSeries | where architecture in [Voltaa, Amperre, Hoper]'
    with pytest.raises(QueryCheckError) as caught:
        graph.query(text)
    assert [p.hint for p in caught.value.problems] == [
        "did you mean `Volta`?", "did you mean `Ampere`?", "did you mean `Hopper`?"]
    assert len(pools) == 1
    monkeypatch.setattr(kg.checker.scope, "SUGGESTING", 0.0)
    with pytest.raises(QueryCheckError) as caught:
        graph.query(text.replace("Voltaa", "Voltta"))
    assert [p.hint for p in caught.value.problems] == ["did you mean `Volta`?", None, None]


def test_a_long_name_is_looked_up_by_no_long_regex(tmp_path: Path) -> None:
    """hunt129 F2: a name became one SPARQL REGEX of its length; at 20,000 characters that
    took pyoxigraph 30 s (a CPU-minute's DoS from one statement or `-p` value, and on a
    shared server). No pattern sent is longer than 2,000 characters; a longer name is
    tested by STRENDS, many short ones by several patterns: the same entities are found."""
    import re

    data = tmp_path / "long.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    f"<https://w3id.org/azml-kg/id/{'Ab' * 1500}> a kg:VMSeries ; "
                    'rdfs:label "Long one"@en .\n', encoding="utf-8")
    graph = Graph.open(data=[data])
    scans = _scans(graph)
    long, many = "ab" * 1500, [f"key-{i:04d}" for i in range(400)]
    found = read_named_many(graph.store, [long, "ncv3", *many], by_local_name=True)
    assert list(found[long]) == [f"https://w3id.org/azml-kg/id/{'Ab' * 1500}"]
    assert list(found["ncv3"]) == ["https://w3id.org/azml-kg/id/NCv3"]
    patterns = [p.replace("\\\\", "\\") for p in  # (as the server reads the literal)
                re.findall(r'REGEX\(STR\(\?e\), "((?:[^"\\]|\\.)*)", "i"\)', scans[-1])]
    assert len(patterns) > 1 and max(map(len, patterns)) <= 2000 + len("[/#]()$"), \
        [len(p) for p in patterns]
    assert "key\\\\-0399" in scans[-1] and f'STRENDS(LCASE(STR(?e)), "/{long}")' in scans[-1]
