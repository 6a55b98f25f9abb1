"""What kg says of a path it reads or writes that is not a plain file's (hunt83): a symbolic
link that loops, a FIFO or a folder where a file should be, a name ending in `/` or holding
a NUL, a folder it may not read. Each is a data error (exit 4) of one line naming the path,
never an internal error."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from kg.errors import DataError, ExitStatus
from kg.repl.app import handle
from kg.repl.state import ReplState
from kg.session import Graph
from tests.repl_fixtures import graph, output, state  # noqa: F401  (fixtures)

KG = "https://w3id.org/azml-kg/ontology#"
LAB = (f'<https://example.org/lab/box1> a <{KG}VMSeries> ; '
       '<http://www.w3.org/2000/01/rdf-schema#label> "LabBox"@en, "LabBox"@de .\n')


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), out.getvalue(), err.getvalue()


def _loop(folder: Path, name: str) -> Path:
    """A symbolic link in ``folder`` that points to itself."""
    link = folder / name
    link.symlink_to(name)
    return link


@pytest.mark.parametrize("command", [["query", "VMSeries | count"], ["validate"], ["list"]])
def test_a_data_file_that_is_a_symbolic_link_loop_is_a_data_error(tmp_path: Path,
                                                                  command: list[str]) -> None:
    """F2: Python 3.11's Path.resolve raises RuntimeError on a loop: "internal error", 70."""
    loop = _loop(tmp_path, "loop.ttl")
    status, _, err = _run("--data", str(loop), *command)
    assert status == ExitStatus.DATA
    assert err == f"error: {loop}: cannot read: Too many levels of symbolic links\n"


def test_the_repl_load_of_a_symbolic_link_loop_is_a_data_error(state: ReplState,  # noqa: F811
                                                               tmp_path: Path) -> None:
    data = tmp_path / "lab.ttl"
    data.write_text(LAB, encoding="utf-8")
    loop = _loop(tmp_path, "loop.ttl")
    for _ in range(2):  # before a file is loaded and after (Graph.loaded resolves the name)
        assert handle(state, f".load {loop}") == ExitStatus.DATA
        assert output(state)[1].endswith(f"error: {loop}: cannot read: Too many levels of "
                                         "symbolic links\n")
        assert handle(state, f".load {data}") == 0


def test_a_data_file_that_became_a_loop_is_told_apart_from_one_of_its_name(
        tmp_path: Path) -> None:
    """Two files of one name are told apart by where they lead: one of them a loop now."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "lab.ttl", tmp_path / "b" / "lab.ttl"
    first.write_text(LAB, encoding="utf-8")
    second.write_text(LAB.replace("box1", "box2"), encoding="utf-8")
    session = Graph.open(data=[first])
    first.unlink()
    _loop(first.parent, "lab.ttl")
    session.load(second)  # (the names of the files loaded resolved: RuntimeError)
    assert len(session.query('VMSeries | where name = "LabBox"').rows) == 2


def test_a_restart_with_a_data_file_that_became_a_loop_is_made(graph: Graph,  # noqa: F811
                                                               tmp_path: Path) -> None:
    """The fresh REPL's command line names the file; opening it says it loops."""
    from kg.repl.restart import command_line

    loop = _loop(tmp_path, "loop.ttl")
    line = command_line(ReplState(graph, data=(str(loop),), endpoint=None))
    assert line[line.index("--data") + 1] == str(loop)


def test_a_loop_on_the_python_path_does_not_stop_a_restart(graph: Graph,  # noqa: F811
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.repl import restart

    loop = _loop(tmp_path, "lib")
    monkeypatch.setenv("PYTHONPATH", f"{loop}{os.pathsep}{tmp_path}")
    line, env = restart._fresh(ReplState(graph, endpoint=None), "")
    assert line[0] == sys.executable and str(loop) in env["PYTHONPATH"]


def test_validate_names_a_data_file_that_became_a_loop(tmp_path: Path) -> None:
    """The validator reads each file again to say where a finding is: a loop is none."""
    from kg.store import OxigraphStore
    from kg.validate import validate

    data = tmp_path / "lab.ttl"
    data.write_text(LAB.replace('"LabBox"@de', '"LabBox"@fr'), encoding="utf-8")
    store = OxigraphStore.open([data])
    data.unlink()
    _loop(tmp_path, "lab.ttl")
    report = validate(store)
    assert [f.focus for f in report.problems] == ["<https://example.org/lab/box1>"]  # no @de
    with pytest.raises(DataError, match="Too many levels"):
        OxigraphStore.open([data])


@pytest.mark.parametrize("command", [".export json {}", ".export {}"])
@pytest.mark.parametrize("name", ["a\0b.json", "a\0b/c.json"])
def test_the_repl_export_of_a_name_with_a_nul_is_a_data_error(state: ReplState,  # noqa: F811
                                                              tmp_path: Path, command: str,
                                                              name: str) -> None:
    """F5: a script's `.export` of such a name: "internal error: ValueError: embedded null
    byte" (exit 70)."""
    assert handle(state, "VMSeries | count") == 0
    assert handle(state, command.format(tmp_path / name)) == ExitStatus.DATA
    said = f"error: cannot write {tmp_path}/a\\x00b{name[3:]}: a NUL character in its name"
    assert said in output(state)[1]
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("args", [["export", "-o", "{}/a\0b.json", "VMSeries | count"],
                                  ["export", "-o", "{}/a\0b/c.json", "VMSeries | count"],
                                  ["export", "--tables", "{}/t\0b"]])
def test_a_write_to_a_name_with_a_nul_is_a_data_error(tmp_path: Path, args: list[str]) -> None:
    """No shell passes such a name; the Python API may (`kg.cli.main`, a notebook)."""
    status, _, err = _run(*(a.format(tmp_path) for a in args))
    assert status == ExitStatus.DATA
    assert err.startswith("error: cannot write ") and err.endswith(
        ": a NUL character in its name (no file may have one)\n")
    assert os.listdir(tmp_path) == []


def test_the_tables_and_the_site_refuse_a_folder_with_a_nul(graph: Graph,  # noqa: F811
                                                           tmp_path: Path) -> None:
    from kg.errors import ExportError
    from kg.site.files import write_site
    from kg.tables import export_tables

    for write in (export_tables, write_site):
        with pytest.raises(ExportError, match="a NUL character in its name"):
            write(tmp_path / "x\0y", graph)
    assert os.listdir(tmp_path) == []


def _bound_by_modes() -> list[str]:
    """What runs a command bound by file modes: as root, ``setpriv`` without the capabilities
    that pass them by; as anyone else, nothing."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root may read anything, and setpriv is missing")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.mark.parametrize(("mode", "why"), [
    (0o000, "Permission denied"),
    (0o644, "Permission denied (the folder may be read, not entered)"),
])
@pytest.mark.parametrize("command", [["list", "-f", "csv"], ["run", "gpu-series"]])
def test_a_kg_queries_folder_kg_may_not_read_says_so(tmp_path: Path, mode: int, why: str,
                                                     command: list[str]) -> None:
    """F11: it was "$KG_QUERIES names a folder with no saved query (*.kgq)" of a folder of
    38; now as the user's own folder in that state is said."""
    from kg.paths import shipped_queries_dir

    folder = tmp_path / "kq"
    shutil.copytree(shipped_queries_dir(), folder)
    folder.chmod(mode)
    try:
        done = subprocess.run([*_bound_by_modes(), sys.executable, "-m", "kg", *command],
                              capture_output=True, text=True, check=False, timeout=120,
                              cwd=Path(__file__).parent.parent,
                              env={**os.environ, "KG_QUERIES": str(folder)})
    finally:
        folder.chmod(0o755)
    assert (done.returncode, done.stderr) == (
        ExitStatus.DATA, f"error: {folder}: cannot read the folder of saved queries: {why}\n")


_NOT_A_FOLDER = "not a folder (a name ending in / names one)"


@pytest.mark.parametrize("slash", ["/", "/."])
def test_a_data_file_named_with_a_slash_after_it_is_refused(tmp_path: Path, slash: str) -> None:
    """F16: `--data clean.ttl/` loaded clean.ttl (`Path` drops the slash), where `cat` says
    "Not a directory" and every write of kg refuses such a name."""
    data = tmp_path / "clean.ttl"
    data.write_text(LAB, encoding="utf-8")
    status, out, err = _run("--data", f"{data}{slash}", "query", "-f", "csv", "VMSeries | count")
    assert (status, out, err) == (ExitStatus.DATA, "", f"error: {data}{slash}: cannot read: "
                                                       f"{_NOT_A_FOLDER}\n")
    with pytest.raises(DataError, match=re.escape(f"clean.ttl/: cannot read: {_NOT_A_FOLDER}")):
        Graph.open().load(f"{data}/")
    status, _, err = _run("--data", f"{tmp_path}/", "query", "VMSeries | count")  # a folder:
    assert status == ExitStatus.DATA and "is a folder; give an RDF file in it" in err  # as before


@pytest.mark.parametrize("command", [["run"], ["show"], ["export", "--saved"]])
def test_a_saved_query_file_named_with_a_slash_after_it_is_refused(tmp_path: Path,
                                                                   command: list[str]) -> None:
    saved = tmp_path / "mine.kgq"
    saved.write_text("# name: mine\nVMSeries | count\n", encoding="utf-8")
    status, out, err = _run(*command, f"{saved}/")
    assert (status, out, err) == (ExitStatus.DATA, "", f"error: {saved}/: cannot read the "
                                                       f"saved-query file: {_NOT_A_FOLDER}\n")


def test_the_repl_refuses_a_file_named_with_a_slash_after_it(state: ReplState,  # noqa: F811
                                                            tmp_path: Path) -> None:
    data, script, saved = tmp_path / "clean.ttl", tmp_path / "s.kgs", tmp_path / "mine.kgq"
    data.write_text(LAB, encoding="utf-8")
    script.write_text("VMSeries | count\n", encoding="utf-8")
    saved.write_text("# name: mine\nVMSeries | count\n", encoding="utf-8")
    for command, said in [(f".load {data}/", f"error: {data}/: cannot read: "),
                          (f".read {script}/", f"error: .read {script}/: "),
                          (f".run {saved}/", f"error: {saved}/: cannot read the saved-query file: "),
                          (f".show {saved}/", f"error: {saved}/: cannot read the saved-query file: ")]:
        assert handle(state, command) == ExitStatus.DATA, command
        assert output(state)[1].endswith(f"{said}{_NOT_A_FOLDER}\n"), command
    assert output(state)[0] == ""  # nothing loaded, read or run


def _ontology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped ontology folder, which $KG_ONTOLOGY names."""
    from kg.paths import ontology_dir

    root = tmp_path / "onto"
    shutil.copytree(ontology_dir(), root)
    monkeypatch.setenv("KG_ONTOLOGY", str(root))
    return root


_KINDS = {"a FIFO": os.mkfifo, "a folder": os.mkdir,
          "a symbolic link that loops": lambda p: os.symlink(os.path.basename(p), p),
          "a link to nothing": lambda p: os.symlink("gone", p),
          "a device": lambda p: os.symlink("/dev/zero", p)}


@pytest.mark.parametrize("kind", list(_KINDS))
def test_a_schema_file_that_is_no_file_is_said_to_be_what_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """F15: a FIFO, a folder or a loop named kg.ttl was "has no kg.ttl"; shapes.ttl, "SHACL
    shapes not found" of what is there."""
    root = _ontology(tmp_path, monkeypatch)
    for name in ("kg.ttl", "shapes.ttl"):
        (root / name).rename(root / f"{name}.kept")
        _KINDS[kind](str(root / name))
        status, _, err = _run("validate")
        said = (f"ontology folder {root} (set by $KG_ONTOLOGY): its kg.ttl is {kind}, not a "
                "file: it is not kg's graph (kg reads kg.ttl, cardinality.ttl, compat.ttl and "
                "facts/*.trig)" if name == "kg.ttl" else
                f"{root}/shapes.ttl: the SHACL shapes are {kind}, not a file")
        assert (status, err) == (ExitStatus.DATA, f"error: {said}\n")
        (root / name).rmdir() if kind == "a folder" else (root / name).unlink()
        (root / f"{name}.kept").rename(root / name)
    os.unlink(root / "kg.ttl")  # missing: as it was said
    assert _run("query", "VMSeries | count")[2] == (
        f"error: ontology folder {root} (set by $KG_ONTOLOGY) has no kg.ttl: it is not kg's "
        "graph (kg reads kg.ttl, cardinality.ttl, compat.ttl and facts/*.trig)\n")


def test_an_ontology_folder_or_its_facts_that_loop_are_said_to(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _ontology(tmp_path, monkeypatch)
    (root / "facts").rename(tmp_path / "facts")
    (root / "facts").symlink_to("facts")
    assert _run("query", "VMSeries | count")[2] == (
        f"error: ontology folder {root} (set by $KG_ONTOLOGY): its facts is a symbolic link "
        "that loops, not a folder: it is not kg's graph (kg reads kg.ttl, cardinality.ttl, "
        "compat.ttl and facts/*.trig)\n")
    loop = _loop(tmp_path, "loop")  # it was "not found"
    monkeypatch.setenv("KG_ONTOLOGY", str(loop))
    assert _run("query", "VMSeries | count")[2] == (
        f"error: ontology folder is no folder (a symbolic link that loops): {loop} (set by "
        "$KG_ONTOLOGY)\n")


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.symlink_to(p.name), "a symbolic link that loops"),  # "a link to nothing"
    (lambda p: p.mkdir(), "it is a folder, not a file"),  # "is not a file"
    (lambda p: os.mkfifo(p), "it is a FIFO, not a file"),
])
def test_a_saved_query_file_that_is_no_file_is_said_to_be_what_it_is(tmp_path: Path, make: Any,
                                                                     said: str) -> None:
    saved = tmp_path / "mine.kgq"
    make(saved)
    for command in (["run"], ["show"]):
        assert _run(*command, str(saved)) == (
            ExitStatus.DATA, "", f"error: {saved}: cannot read the saved-query file: {said}\n")


@pytest.mark.parametrize(("make", "said"), [
    (lambda w: _loop(w, "loopd"), "{w}/loopd: it is a symbolic link that loops"),
    (lambda w: (w / "loopd").symlink_to(w / "missing"), "{w}/loopd: it is a link to nothing"),
    (lambda w: (w / "loopd").write_text("x"), "{w}/loopd: a file of that name exists"),
])
def test_a_folder_an_export_cannot_make_says_what_is_in_its_way(tmp_path: Path, make: Any,
                                                                said: str) -> None:
    """F15: a link that loops or leads to nothing where a folder is made was "a file of that
    name exists"; one deeper was "Not a directory" or "Too many levels of symbolic links"."""
    make(tmp_path)
    status, _, err = _run("export", "-o", f"{tmp_path}/loopd/x.json", "VMSeries | count")
    assert (status, err) == (ExitStatus.DATA, f"error: cannot create the folder "
                                              f"{said.format(w=tmp_path)}\n")
    status, _, err = _run("export", "-o", f"{tmp_path}/loopd/a/b/x.json", "VMSeries | count")
    what = said.format(w=tmp_path).split(": ")[1].removeprefix("it is ").replace(
        "a file of that name exists", "a file")
    assert (status, err) == (ExitStatus.DATA, f"error: cannot create the folder {tmp_path}/"
                                              f"loopd/a/b: {tmp_path}/loopd is {what}\n")


def test_a_folder_too_long_to_make_is_named_short(tmp_path: Path) -> None:
    """F15: a path of 20 names of 240 characters each gave a message of 4,893 characters."""
    folder = tmp_path.joinpath(*["d" * 240] * 20)
    status, _, err = _run("export", "-o", f"{folder}/x.json", "VMSeries | count")
    assert status == ExitStatus.DATA and len(err) < 200
    assert err.startswith("error: cannot create the folder ")
    assert err.endswith("…dddddddddddddddddddddddddddddd: the path is too long\n")


def test_a_netrc_file_that_is_no_utf_8_is_said_so(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """F15: it was Python's "'utf-8' codec can't decode byte 0xe9 in position 27"."""
    from kg.credentials import server

    netrc = tmp_path / "netrc"
    netrc.write_bytes(b"machine kg.example.org login caf\xe9 password x\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with pytest.raises(DataError) as caught:
        server("https://kg.example.org/q")
    assert str(caught.value) == (f"{netrc}: cannot read it: it is not UTF-8 text (kg reads a "
                                 "netrc file as UTF-8)")


@pytest.mark.parametrize("data", [False, True])
def test_a_shipped_file_kg_cannot_read_is_said_alike_with_data_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bool) -> None:
    """With a --data file the shipped files were loaded by name: a malformed kg.ttl was an
    internal error (SyntaxError, exit 70), and a FIFO among the facts hung kg."""
    root = _ontology(tmp_path, monkeypatch)
    lab = tmp_path / "lab.ttl"
    lab.write_text(LAB, encoding="utf-8")
    extra = ["--data", str(lab)] if data else []
    schema = (root / "kg.ttl").read_bytes()
    (root / "kg.ttl").write_text("this is not turtle .\n", encoding="utf-8")
    status, _, err = _run(*extra, "query", "VMSeries | count")
    assert (status, err) == (ExitStatus.DATA, f"error: {root}/kg.ttl: line 1, column 1: this is "
                                              "not a valid subject or graph name\n  this is not "
                                              "turtle .\n  ^\n")
    (root / "kg.ttl").write_bytes(schema)
    fifo = root / "facts" / "zz.trig"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "kg", *extra, "query", "VMSeries | count"],
                          capture_output=True, text=True, check=False, timeout=60,
                          cwd=Path(__file__).parent.parent, env=os.environ.copy())
    assert (done.returncode, done.stderr) == (
        ExitStatus.DATA, f"error: {fifo}: cannot read: not a regular file\n")
