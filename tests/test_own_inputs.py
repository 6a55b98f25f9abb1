"""A write onto a file the same command reads is refused before anything runs, and the file
stays as it was (`kg --data lab.ttl export -o lab.ttl …` replaced the data, exit 0, and
the file left did not load: hunt83 F1)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ExitStatus
from kg.repl.app import handle
from kg.repl.state import ReplState
from tests.repl_fixtures import graph, output, state  # noqa: F401

LAB = """@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/lab/box1> a kg:VMSeries ; rdfs:label "LabBox"@en , "LabBox"@de .
<https://example.org/lab/box2> a kg:VMSeries ; rdfs:label "LabBox2"@en , "LabBox2"@de .
"""


def cli(*argv: str) -> tuple[int, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    return main(list(argv), stdout, stderr), stderr.getvalue()


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    path = tmp_path / "lab.ttl"
    path.write_text(LAB, encoding="utf-8")
    return path


def test_an_export_onto_its_data_file_is_refused(lab: Path, tmp_path: Path) -> None:
    (tmp_path / "link.ttl").symlink_to(lab.name)
    for target in (lab, tmp_path / "link.ttl"):  # the file, or a link to it
        status, err = cli("--data", str(lab), "export", "-o", str(target),
                          'VMSeries | where name = "LabBox"')
        assert status == ExitStatus.DATA
        assert err == (f"error: cannot write {target}: it is a data file the graph is read "
                       "from (writing would lose it): write the output to another file\n")
        assert lab.read_text(encoding="utf-8") == LAB
    status, _ = cli("--data", str(lab), "export", "-o", str(tmp_path / "out.ttl"),
                    'VMSeries | where name = "LabBox"')
    assert status == 0 and "LabBox" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


def test_an_export_onto_its_saved_query_or_kgs_own_files_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from kg.paths import ontology_dir
    from kg.shipped import shipped_files

    shutil.copytree(ontology_dir(), tmp_path / "ontology")  # (a copy: no test may write
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path / "ontology"))  # kg's own, fix or none)
    mine = tmp_path / "mine.kgq"
    text = "# name: mine\n# description: my query\nVMSeries | where category = GPU | show name\n"
    mine.write_text(text, encoding="utf-8")
    status, err = cli("export", "--saved", str(mine), "-f", "md", "-o", str(mine))
    assert status == ExitStatus.DATA and "it is the saved query being run" in err
    assert mine.read_text(encoding="utf-8") == text
    facts = shipped_files()[-1]
    assert facts.is_relative_to(tmp_path)
    before = facts.read_bytes()
    status, err = cli("export", "-o", str(facts), "VMSeries | count")
    assert status == ExitStatus.DATA and "it is a file of kg's graph" in err
    assert facts.read_bytes() == before


@pytest.mark.parametrize("setting", ["home", "kg_queries"])
def test_a_new_query_in_a_folder_not_made_yet_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    """hunt140 F4: with a HOME not made yet (a fresh CI container), or a $KG_QUERIES not
    made yet, `-o` made the folder and a `.kgq` in it, and the next `kg list` read it as a
    saved query and failed (exit 3)."""
    fresh = tmp_path / "fresh"
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    if setting == "home":
        monkeypatch.setenv("HOME", str(fresh))
        target = fresh / ".local" / "share" / "kg" / "queries" / "x.kgq"
    else:
        monkeypatch.setenv("KG_QUERIES", str(fresh))
        target = fresh / "z.kgq"
    status, err = cli("export", "-f", "csv", "-o", str(target), "VMSeries | count")
    assert status == ExitStatus.DATA and "it would be read as a saved query" in err, err
    assert not fresh.exists()
    if setting == "home":  # the REPL's files there too, as where HOME is made (hunt123 F4)
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
        monkeypatch.delenv("XDG_STATE_HOME", raising=False)
        for where, what in ((".config/kg/replrc", "start-up file"), (".local/state/kg/history",
                                                                     "history")):
            status, err = cli("export", "-f", "csv", "-o", str(fresh / where), "VMSeries | count")
            assert status == ExitStatus.DATA and f"it is the REPL's {what}" in err, err
        assert not fresh.exists()


def test_an_export_onto_a_saved_query_it_does_not_run_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt99 F7: `-o …/queries/gpu-series.kgq` replaced a saved query with a CSV, and `kg
    list` failed after; yours and kg's are refused, as kg's graph files are. A .kgq file
    elsewhere is written."""
    import shutil

    from kg.paths import shipped_queries_dir

    shutil.copytree(shipped_queries_dir(), tmp_path / "queries")  # (a copy: no test may
    monkeypatch.setenv("KG_QUERIES", str(tmp_path / "queries"))  # write kg's own)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yours = tmp_path / "data" / "kg" / "queries" / "mine.kgq"
    yours.parent.mkdir(parents=True)
    yours.write_text("# name: mine\nVMSeries | count\n", encoding="utf-8")
    for target, what in ((tmp_path / "queries" / "gpu-series.kgq", "a saved query of kg's"),
                         (yours, "your saved query")):
        before = target.read_bytes()
        status, err = cli("export", "-f", "csv", "-o", str(target), "VMSeries | count")
        assert status == ExitStatus.DATA and f"it is {what} (writing would lose it)" in err, err
        assert target.read_bytes() == before
    assert cli("export", "-f", "csv", "-o", str(tmp_path / "elsewhere.kgq"), "VMSeries | count")[0] == 0
    status, err = cli("export", "-f", "csv", "-o", str(yours.parent / "new.kgq"), "VMSeries | count")
    assert status == ExitStatus.DATA and "it would be read as a saved query" in err  # (F4)
    assert not (yours.parent / "new.kgq").exists()  # (hunt102 F4: kg list failed after)
    link = tmp_path / "link.csv"  # through a link, as a data file's (hunt101 F1)
    link.symlink_to(yours)
    before = yours.read_bytes()
    status, err = cli("export", "-f", "csv", "-o", str(link), "VMSeries | count")
    assert status == ExitStatus.DATA and "it is your saved query" in err
    assert yours.read_bytes() == before
    from kg.repl.app import handle as repl_handle  # the REPL's .export too (hunt101 F2)
    from kg.session import Graph

    repl = ReplState(Graph.open(), out=io.StringIO(), err=io.StringIO())
    assert repl_handle(repl, "VMSeries | count") == 0
    assert repl_handle(repl, f".export csv {yours}") == ExitStatus.DATA
    assert "it is your saved query" in repl.err.getvalue()  # type: ignore[attr-defined]
    assert yours.read_bytes() == before


def test_a_new_file_among_the_graphs_facts_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt106 F8: `-o …/facts/new.trig` was written, and every later answer read it as part
    of kg's graph; the CLI's export and the REPL's .export refuse it, as a new .kgq among
    saved queries. Another extension there, or a .trig elsewhere, is written."""
    import shutil

    from kg.paths import ontology_dir
    from kg.session import Graph

    shutil.copytree(ontology_dir(), tmp_path / "ontology")  # (a copy: no test may write kg's)
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path / "ontology"))
    target = tmp_path / "ontology" / "facts" / "new.trig"
    status, err = cli("export", "-o", str(target), "VMSeries | limit 1")
    assert status == ExitStatus.DATA and "it would be read as part of kg's graph" in err, err
    repl = ReplState(Graph.open(), out=io.StringIO(), err=io.StringIO())
    assert handle(repl, "VMSeries | limit 1") == 0
    assert handle(repl, f".export trig {target}") == ExitStatus.DATA
    assert not target.exists()
    assert cli("export", "-o", str(tmp_path / "new.trig"), "VMSeries | limit 1")[0] == 0
    assert cli("export", "-o", str(target.with_suffix(".csv")), "VMSeries | limit 1")[0] == 0
    schema = tmp_path / "ontology" / "new.ttl"  # beside the schema: read too (hunt108 F5)
    status, err = cli("export", "-o", str(schema), "VMSeries | limit 1")
    assert status == ExitStatus.DATA and "it would be read as part of kg's graph" in err, err


def test_export_fails_empty_where_asked(tmp_path: Path) -> None:
    """hunt99 F5: `kg export` had no --fail-empty, and a CI job could not fail on an empty
    artifact; with it, exit 1, the file written all the same."""
    out = tmp_path / "none.ttl"
    statement = 'VMSeries | where name = "zz"'
    assert cli("export", "-o", str(out), statement)[0] == 0
    assert cli("export", "--fail-empty", "-o", str(out), statement)[0] == ExitStatus.EMPTY
    assert out.is_file()
    assert cli("export", "--fail-empty", "-o", str(out), "VMSeries | count")[0] == 0


def test_an_export_onto_the_file_its_statement_comes_from_is_refused(tmp_path: Path) -> None:
    """`kg export -o /dev/stdin - < q.txt`: the statement's own file (a real process: stdin
    is the file)."""
    query = tmp_path / "q.txt"
    query.write_text("VMSeries | count\n", encoding="utf-8")
    with query.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "kg", "export", "-f", "json", "-o",
                               "/dev/stdin", "-"], stdin=stdin, capture_output=True, text=True,
                              check=False)
    assert done.returncode == ExitStatus.DATA, done.stderr
    assert "it is the file the statement is read from (stdin)" in done.stderr
    assert query.read_text(encoding="utf-8") == "VMSeries | count\n"


def test_the_repl_exports_onto_no_file_it_loaded_or_runs(state: ReplState,  # noqa: F811
                                                         lab: Path, tmp_path: Path) -> None:
    from kg.session import Graph

    state.graph = Graph.open()
    assert handle(state, f".load {lab}") == 0
    assert handle(state, "VMSeries | count") == 0
    assert handle(state, f".export csv {lab}") == ExitStatus.DATA
    assert "it is a data file the graph is read from" in output(state)[1]
    assert lab.read_text(encoding="utf-8") == LAB
    script = tmp_path / "s.kgs"
    text = f"VMSeries | count\n\n.export csv {script}\n"
    script.write_text(text, encoding="utf-8")
    handle(state, f".read {script}")
    assert "it is the script .read is running" in output(state)[1]
    assert script.read_text(encoding="utf-8") == text


def test_the_repl_exports_onto_no_script_it_reads_on_stdin(tmp_path: Path) -> None:
    """`kg repl < s.kgs` whose `.export` names s.kgs replaced the script (hunt84 F2)."""
    script = tmp_path / "s.kgs"
    text = f"VMSeries | count\n\n.export csv {script}\n"
    script.write_text(text, encoding="utf-8")
    with script.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "kg", "repl"], stdin=stdin,
                              capture_output=True, text=True, check=False)
    assert done.returncode == ExitStatus.DATA, done.stderr
    assert "it is the script the REPL reads (stdin)" in done.stderr
    assert script.read_text(encoding="utf-8") == text


def test_another_hard_link_of_an_input_is_written(lab: Path, tmp_path: Path) -> None:
    """kg writes in a name's place (by rename): another hard link of a data file keeps the
    data, so writing it is no loss (it was refused: hunt84 F4)."""
    other = tmp_path / "hard.ttl"
    os.link(lab, other)
    status, err = cli("--data", str(lab), "export", "-o", str(other),
                      'VMSeries | where name = "LabBox"')
    assert status == 0, err
    assert lab.read_text(encoding="utf-8") == LAB and other.read_text(encoding="utf-8") != LAB
