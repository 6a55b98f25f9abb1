"""`kg run`, `kg list`, `kg show` and `kg export` as a script or CI job sees them: separate
processes, pipes, stdout, stderr and exit codes."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

KG = f"{shlex.quote(sys.executable)} -m kg --as-of seed"  # the spec's answers: the seed page
PY = shlex.quote(sys.executable)


def sh(command: str, cwd: Path | None = None, env: dict[str, str] | None = None,
       ) -> subprocess.CompletedProcess[str]:
    """Run a shell pipeline with pipefail, as a CI step would."""
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                          text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


@pytest.fixture
def needs_arch(tmp_path: Path) -> Path:
    path = tmp_path / "by-arch.kgq"
    path.write_text("# name: by-arch\n# description: series of one architecture\n"
                    "# param arch: GPUArchitecture\n"
                    "VMSeries | where architecture = $arch | show name\n", encoding="utf-8")
    return path


def test_run_json_into_python() -> None:
    check = ("import json, sys; rows = json.load(sys.stdin); "
             "assert [r['name'] for r in rows] == ['NCv2', 'ND'], rows; "
             "print(len(rows))")
    done = sh(f"{KG} run series-by-architecture --param arch=Pascal --format json"
              f" | {PY} -c {shlex.quote(check)}")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2\n", "")


def test_run_german_labels() -> None:
    done = sh(f"{KG} run series-by-category --param category=Speicheroptimiert --lang de -f json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == [{"name": "LSv2", "supportedBy": [
        "Azure Machine Learning Compute-Cluster", "Azure Machine Learning-Computeinstanz"]}]


def test_missing_required_parameter_fails_the_pipeline(needs_arch: Path) -> None:
    done = sh(f"{KG} run {needs_arch} -f json | {PY} -c 'import sys; sys.stdin.read()'")
    assert done.returncode == 3
    assert "parameter `arch` is required; it accepts a GPU architecture" in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_parameter() -> None:
    done = sh(f"{KG} run series-by-architecture --param architecture=Volta -f json")
    assert done.returncode == 3 and done.stdout == ""
    assert "unknown parameter `architecture`; did you mean `arch`?" in done.stderr


def test_wrong_class_with_did_you_mean(needs_arch: Path) -> None:
    done = sh(f"{KG} run {needs_arch} --param arch=Ampre -f json")
    assert done.returncode == 3
    assert "`Ampre` names no GPU architecture; did you mean `Ampere`?" in done.stderr


def test_broken_file_names_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.kgq"
    path.write_text("# name: broken\n# param when: dat\nVMSeries | where retiredOn = $when\n")
    done = sh(f"{KG} run {path} --param when=2024-01-01")
    assert done.returncode == 3
    assert f"{path}: line 2: parameter `when` has an unknown type `dat`" in done.stderr


def test_an_unknown_type_of_a_required_parameter_names_the_file_and_the_scalar_type(
        tmp_path: Path) -> None:
    """Given no value, the error said "saved query: line 2" for the file's path, and `Strng`
    was "did you mean `TrainingTarget`?" (hunt65 F2)."""
    path = tmp_path / "typo.kgq"
    path.write_text("# name: typo\n# param a: Strng\nVMSeries | where name = $a\n")
    done = sh(f"{KG} run {path}")
    assert done.returncode == 3
    assert (f"{path}: line 2: parameter `a` has an unknown type `Strng`" in done.stderr
            and done.stderr.rstrip().endswith("did you mean `string`?")), done.stderr
    path.write_text("# name: typo\n# param a: CudaVersio\nVMSeries | where name = $a\n")
    done = sh(f"{KG} run {path}")  # a class's near miss is the class's (`version`: hunt66 R6)
    assert done.stderr.rstrip().endswith("did you mean `CudaVersion`?"), done.stderr


def test_a_saved_query_file_under_a_home_that_is_not_there_is_refused(tmp_path: Path) -> None:
    """`kg run '~/x.kgq'` with HOME empty ran /x.kgq (hunt69), as --output did (hunt66 R5)."""
    done = sh(f"HOME= {KG} run '~/x.kgq'", cwd=tmp_path)
    assert done.returncode == 2 and "there is no home folder for ~" in done.stderr, done.stderr


def test_an_empty_default_among_your_queries_is_one_broken_file_for_kg_list(
        tmp_path: Path) -> None:
    """`# param a: GPUArchitecture =` was an internal error (exit 70) for `kg run`, and
    `kg list` listed nothing (hunt65 F1): now the others are listed, this one said broken."""
    folder = tmp_path / "kg" / "queries"
    folder.mkdir(parents=True)
    (folder / "e2.kgq").write_text("# name: e2\n# param a: GPUArchitecture =\n"
                                   "VMSeries | where architecture = $a | count\n")
    done = sh(f"XDG_DATA_HOME={tmp_path} {KG} list -f csv")
    assert done.returncode == 3 and "series-by-architecture" in done.stdout
    assert "e2.kgq: line 2: the default is empty" in done.stderr


def test_unknown_saved_query() -> None:
    done = sh(f"{KG} run retired-seires")
    assert done.returncode == 3 and "did you mean `retired-series`" in done.stderr


def test_fail_empty() -> None:
    done = sh(f"{KG} run retired-by --param date=2000-01-01 --format json --fail-empty")
    assert (done.returncode, json.loads(done.stdout)) == (1, [])


def test_param_syntax_is_a_usage_error() -> None:
    done = sh(f"{KG} run retired-by --param 2000-01-01")
    assert done.returncode == 2 and "--param expects NAME=VALUE" in done.stderr
    # hunt39 #3: a name no statement can use (`$ü`: "unexpected character '$'")
    done = sh(f"{KG} query -p ü=4 'VMSize | count'")
    assert done.returncode == 2 and "--param 'ü' is not a parameter name (ASCII letters, " \
        "digits and _, not a digit first)" in done.stderr


def test_list_and_show() -> None:
    listed = sh(f"{KG} list --format json")
    assert listed.returncode == 0
    rows = {r["name"]: r for r in json.loads(listed.stdout)}
    assert rows["series-by-architecture"] == {
        "name": "series-by-architecture",
        "description": "VM series built on one GPU architecture",
        "parameters": ["arch: GPUArchitecture = Volta"], "whose": "kg's"}
    shown = sh(f"{KG} show series-by-architecture")
    assert shown.returncode == 0
    assert shown.stdout.startswith("# name: series-by-architecture\n")
    assert "$arch" in shown.stdout


def test_show_says_a_graph_it_cannot_open_before_printing() -> None:
    """`kg show` printed the query, then failed: exit 5 with a server down, exit 2 with
    `--data` and an endpoint (hunt55 F7); as `kg list`, it prints nothing then."""
    down = sh(f"{KG} --endpoint http://127.0.0.1:9/query show gpu-series")
    assert down.returncode == 5 and down.stdout == "" and "cannot reach" in down.stderr
    both = sh(f"{KG} --endpoint http://127.0.0.1:9/query --data x.ttl show gpu-series")
    assert both.returncode == 2 and both.stdout == ""


def test_list_names_reads_no_file(tmp_path: Path) -> None:
    """`kg list --names` (what shell completion asks at every Tab) gives the names `kg run`
    takes, the user's beside the shipped ones, from the file names alone: a broken file
    is listed (`kg run` reports it), where `kg list` lists the others and reports it."""
    env = {"XDG_DATA_HOME": str(tmp_path)}
    names = sh(f"{KG} list --names", env=env)
    assert names.returncode == 0 and names.stderr == ""
    listed = json.loads(sh(f"{KG} list --format json", env=env).stdout)
    assert names.stdout.splitlines() == [r["name"] for r in listed]
    mine = tmp_path / "kg" / "queries"
    mine.mkdir(parents=True)
    (mine / "my-gpus.kgq").write_text("VMSeries | where category = GPU\n", encoding="utf-8")
    (mine / "broken.kgq").write_text("VMSeries | where\n", encoding="utf-8")
    (mine / "not a name.kgq").write_text("VMSeries\n", encoding="utf-8")
    names = sh(f"{KG} list --names", env=env)
    assert names.returncode == 0
    got = names.stdout.splitlines()
    assert got == sorted(got) and {"my-gpus", "broken"} <= set(got)
    assert "not a name" not in got and "series-by-architecture" in got
    listing = sh(f"{KG} list --format json", env=env)  # the others, then the broken file
    assert listing.returncode == 3 and "broken.kgq" in listing.stderr
    assert {"my-gpus", "series-by-architecture"} <= {r["name"] for r in json.loads(listing.stdout)}
    both = sh(f"{KG} list --names --format json", env=env)
    assert both.returncode == 2 and "--names" in both.stderr


def test_export_to_a_file_infers_the_format(tmp_path: Path) -> None:
    out = tmp_path / "gpu.mmd"
    done = sh(f"{KG} export --saved gpu-series -o {out}")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert out.read_text().startswith("flowchart LR\n")


def test_export_query_from_stdin() -> None:
    done = sh(f"echo 'VMSize | where isolated and rdma' | {KG} export - --format csv")
    assert (done.returncode, done.stdout) == (0, "name\nStandard_NC24rs_v3\n")


def test_export_is_byte_identical_across_processes() -> None:
    outs = [sh(f"{KG} export --saved gpu-series --format {fmt}",
               env={"PYTHONHASHSEED": seed}).stdout
            for fmt in ("turtle", "jsonld") for seed in ("1", "2")]
    assert outs[0] == outs[1] and outs[2] == outs[3] and outs[0] and outs[2]


def test_export_to_a_missing_folder(tmp_path: Path) -> None:
    """-o creates the folders it needs (issue 12 §2); a file in the way is a data error."""
    target = tmp_path / "missing" / "deeper" / "gpu.ttl"
    done = sh(f"{KG} export --saved gpu-series --format turtle -o {target}")
    assert done.returncode == 0 and target.read_text().startswith("@prefix")
    (tmp_path / "file").write_text("x")
    blocked = sh(f"{KG} export --saved gpu-series --format turtle -o {tmp_path / 'file' / 'gpu.ttl'}")
    assert blocked.returncode == 4 and "cannot create the folder" in blocked.stderr


def test_export_unknown_format_and_bad_usage() -> None:
    done = sh(f"{KG} export 'VMSeries' --format png")
    assert done.returncode == 2 and "expected one of: table, json, jsonl, csv, tsv, md, turtle" in done.stderr
    assert sh(f"{KG} export 'VMSeries'").returncode == 2  # no format, no -o
    assert sh(f"{KG} export 'VMSeries' --saved gpu-series -f md").returncode == 2


def test_export_to_dash_is_stdout_and_an_empty_folder_name_is_refused(tmp_path: Path) -> None:
    """`-o -` writes to stdout (no file named "-"); an empty DIR for `--tables` or `kg docs`
    is a usage error, not the current folder."""
    done = sh(f"cd {tmp_path} && {KG} export -f csv -o - 'VMSeries | count'")
    assert (done.returncode, done.stdout) == (0, "count\n33\n")
    assert sh(f"cd {tmp_path} && {KG} export -o - 'VMSeries | count'").returncode == 2
    for command in (f"{KG} export --tables ''", f"{KG} docs ''"):
        refused = sh(f"cd {tmp_path} && {command}")
        assert refused.returncode == 2 and "not an empty name" in refused.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_tables(tmp_path: Path) -> None:
    done = sh(f"{KG} export --tables {tmp_path} --lang de")
    assert done.returncode == 0
    german = tmp_path / "de"  # German tables never overwrite the English ones
    assert sorted(p.name for p in german.iterdir()) == [
        "cuda-page.md", "cuda.md", "inference-v1.md", "inference-v2.md", "managed-features.md",
        "managed-page.md", "training-targets.md", "vm-series.md"]
    assert "| Ampere | NDasrA100_v4 | 11.0 |" in (german / "cuda.md").read_text()
    missing = sh(f"{KG} export --tables {tmp_path / 'new' / 'folder'}")  # missing folders are made
    assert missing.returncode == 0 and (tmp_path / "new" / "folder" / "cuda.md").is_file()


def test_a_parameter_the_statement_never_uses_is_a_query_error_as_in_kg_run() -> None:
    """Exit 3 both ways: a --param of the wrong statement is a query error, not usage."""
    statement = sh(f"{KG} query --param nope=1 'VMSeries | count'")
    saved = sh(f"{KG} run gpu-series --param nope=1")
    assert (statement.returncode, saved.returncode) == (3, 3)
    assert "never uses $nope" in statement.stderr and "`nope`" in saved.stderr


def test_export_and_a_param_given_twice_as_kg_query_says() -> None:
    """`kg query` trims a --param's value as `kg run` does (it said " 2024-01-01 " is not a
    date); `kg export` refuses a --param its statement never uses (exit 3), as `kg query`
    does (it ran); a --param given twice is a usage error (exit 2) in every command (the
    last value won, silently)."""
    spaced = sh(f"{KG} query -f csv -p 'd= 2024-01-01 ' 'VMSeries | where retiredOn <= $d | count'")
    assert (spaced.returncode, spaced.stdout) == (  # the value trimmed, as `kg run` binds it
        0, sh(f"{KG} query -f csv -p d=2024-01-01 'VMSeries | where retiredOn <= $d | count'").stdout)
    export = sh(f"{KG} export -f json --param nope=1 'VMSeries | count'")
    assert export.returncode == 3 and "never uses $nope" in export.stderr
    for command in ("run retired-by", "query 'VMSeries | where retiredOn <= $date | count'",
                    "export -f json 'VMSeries | where retiredOn <= $date | count'"):
        twice = sh(f"{KG} {command} -p date=2024-01-01 -p date=2023-01-01")
        assert twice.returncode == 2, command
        assert twice.stderr == ("error: --param date is given twice ('2024-01-01' and "
                                "'2023-01-01'): give it once\n"), command


def test_a_saved_query_is_named_as_its_file(tmp_path: Path) -> None:
    """A user's file whose `# name:` is not its file's name: `kg list` reports it (exit 3)
    and `kg run` refuses it, where list showed the header's name and run found none by it,
    and a user's file named as a shipped query hid the shipped one from the list alone."""
    folder = tmp_path / "kg" / "queries"
    folder.mkdir(parents=True)
    (folder / "mine.kgq").write_text("# name: rdma-sizes\n# description: mine\n"
                                     "VMSeries | count\n", encoding="utf-8")
    env = f"XDG_DATA_HOME={tmp_path}"
    listed = sh(f"{env} {KG} list -f json")
    assert listed.returncode == 3
    assert "`# name: rdma-sizes` is not the file's name `mine`" in listed.stderr
    shipped = [r for r in json.loads(listed.stdout) if r["name"] == "rdma-sizes"]
    assert shipped and shipped[0]["description"] != "mine"
    assert sh(f"{env} {KG} run mine").returncode == 3
    assert sh(f"{env} {KG} run rdma-sizes -f json").returncode == 0


def test_kg_list_finds_what_kg_run_would(tmp_path: Path) -> None:
    """`kg list` (a CI step's lint of saved queries) reports the files `kg run` refuses
    whatever their values: an unknown type, a default not of its type, a use its type does
    not fit (it listed them, exit 0); the good ones are listed."""
    folder = tmp_path / "kg" / "queries"
    folder.mkdir(parents=True)
    header = "# description: x\n"
    for name, body in (("bad-type", "# param a: Nonsense = Volta\nVMSeries | where architecture = $a"),
                       ("bad-default", "# param a: GPUArchitecture = NCv3\n"
                                       "VMSeries | where architecture = $a"),
                       ("wrong-use", "# param a: date\nVMSeries | where architecture = $a"),
                       ("good", "# param d: date\nVMSeries | where retiredOn <= $d | count")):
        (folder / f"{name}.kgq").write_text(f"# name: {name}\n{header}{body}\n", encoding="utf-8")
    listed = sh(f"XDG_DATA_HOME={tmp_path} {KG} list -f json")
    assert listed.returncode == 3
    names = {r["name"] for r in json.loads(listed.stdout)}
    assert "good" in names and not names & {"bad-type", "bad-default", "wrong-use"}
    for name, says in (("bad-type", "unknown type `Nonsense`"),
                       ("bad-default", "`NCv3` is a VM series, not a GPU architecture"),
                       ("wrong-use", "wrong-use.kgq: line 4")):
        assert f"{name}.kgq" in listed.stderr and says in listed.stderr, name


def test_small_things_a_user_may_type(tmp_path: Path) -> None:
    """`latest` in any case, as the revisions' names are; `kg diff` names its own argument;
    a byte order mark before a statement or a saved query is no text; a folder named like
    a saved query is none, and is said to be there (hunt75 F5)."""
    assert sh(f"{PY} -m kg --as-of Latest query 'VMSeries | count' -f csv").stdout == "count\n34\n"
    diff = sh(f"{PY} -m kg diff garbage seed")
    assert diff.returncode == 2 and diff.stderr.startswith("error: revision 'garbage'")
    bom = sh(f"printf '\\xef\\xbb\\xbfVMSeries | count' | {KG} query - -f csv")
    assert (bom.returncode, bom.stdout) == (0, "count\n33\n")
    saved = tmp_path / "bom.kgq"
    saved.write_bytes(b"\xef\xbb\xbf# name: bom\n# description: a BOM first\nVMSeries | count\n")
    assert sh(f"{KG} run {saved} -f csv").stdout == "count\n33\n"
    (tmp_path / "kg" / "queries" / "dir.kgq").mkdir(parents=True)
    env = {"XDG_DATA_HOME": str(tmp_path)}
    assert "dir" not in sh(f"{KG} list --names", env=env).stdout.split()
    missing = sh(f"{KG} run dir", env=env)
    assert (missing.returncode, missing.stderr) == (4, f"error: {tmp_path}/kg/queries/dir.kgq: "
                                                   "cannot read the saved query: it is a folder, "
                                                   "not a file\n")


def test_an_ontology_folder_that_is_not_kgs_is_a_data_error(tmp_path: Path) -> None:
    """KG_ONTOLOGY naming a folder without kg.ttl (an empty one) is a data error saying so,
    not an unknown class in every statement."""
    for env in ({"KG_ONTOLOGY": str(tmp_path)}, {"KG_ONTOLOGY": str(tmp_path / "missing")}):
        done = sh(f"{KG} query 'VMSeries | count'", env=env)
        assert done.returncode == 4 and str(tmp_path) in done.stderr
        assert "unknown class" not in done.stderr


@pytest.mark.parametrize("missing", ["cardinality.ttl", "compat.ttl", "empty kg.ttl",
                                     "comments kg.ttl"])
def test_an_ontology_folder_lacking_a_schema_file_is_refused(tmp_path: Path, missing: str) -> None:
    """hunt75 F4: without cardinality.ttl every JSON column became an array and `validate`
    said the graph was valid; without compat.ttl `validate` blamed 20 facts; an empty kg.ttl
    was "unknown class `VMSeries`", exit 3."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "ontology", tmp_path / "o")
    if missing.endswith("kg.ttl"):  # nothing, or comments and blank lines (hunt77 R12)
        (tmp_path / "o" / "kg.ttl").write_text("" if missing.startswith("empty") else
                                               "# the schema\n\n   # goes here\n", encoding="utf-8")
        said = f"{tmp_path / 'o' / 'kg.ttl'} (set by $KG_ONTOLOGY): the schema is empty: it is not kg's graph"
    else:
        (tmp_path / "o" / missing).unlink()
        said = f"ontology folder {tmp_path / 'o'} (set by $KG_ONTOLOGY) has no {missing}: " \
            "it is not kg's graph (kg reads kg.ttl, cardinality.ttl, compat.ttl and facts/*.trig)"
    for command in ("query 'VMSeries | count'", "validate"):
        done = sh(f"{KG} {command}", env={"KG_ONTOLOGY": str(tmp_path / "o")})
        assert (done.returncode, done.stderr) == (4, f"error: {said}\n"), done


def test_an_ontology_folder_without_facts_or_a_file_is_refused(tmp_path: Path) -> None:
    """hunt40 #1: a folder with kg.ttl and no facts/*.trig gave an empty graph, `count 0`
    and "graph is valid", exit 0; a file named as the folder was "not found"."""
    import shutil

    for schema in Path(__file__).resolve().parent.parent.joinpath("ontology").glob("*.ttl"):
        shutil.copy(schema, tmp_path / schema.name)
    (tmp_path / "facts").mkdir()
    for command in ("query 'VMSeries | count'", "validate"):
        done = sh(f"{KG} {command}", env={"KG_ONTOLOGY": str(tmp_path)})
        assert done.returncode == 4, done
        assert f"ontology folder {tmp_path} (set by $KG_ONTOLOGY) has no facts/*.trig" \
            in done.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    done = sh(f"{KG} query 'VMSeries | count'", env={"KG_ONTOLOGY": str(tmp_path / "file")})
    assert done.returncode == 4 and "ontology folder is no folder: " in done.stderr


@pytest.mark.parametrize(("command", "says"), [
    ("run series-by-architecture -p \"arch=$(printf 'Volta\\nPascal')\"",
     "parameter `arch`: `Volta\\nPascal` names no GPU architecture; did you mean `Pascal`?"),
    ("run retired-by -p \"date=$(printf '2024\\n01')\"",
     "parameter `date` accepts a date (YYYY-MM-DD); `2024\\n01` is not one"),
    ("query -p \"a=$(printf 'Volta\\nPascal')\" 'VMSeries | where architecture = $a'",
     "line 1, column 33: unknown entity `Volta\\nPascal`"),
])
def test_a_line_break_in_a_param_value_is_shown_escaped(command: str, says: str) -> None:
    """The error stays one line: a --param value's line break shows as `\\n` (hunt21 F12:
    the message broke after `` `Volta``)."""
    done = sh(f"{KG} {command}")
    first = done.stderr.splitlines()[0]
    assert done.returncode == 3 and first.startswith("error: ") and first.endswith(says), first
    if command.startswith("run"):
        assert done.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["list", "run gpu-series", "docs {tmp}/site",
                                     "export --tables {tmp}/tables"])
def test_missing_shipped_queries_are_one_error_for_every_command(tmp_path: Path,
                                                                 command: str) -> None:
    """hunt40 #2: a wrong $KG_QUERIES was exit 4 for `list`/`run`, exit 3 for `docs` and
    `--tables` ("no saved query `table-training-targets` (see `kg list`)")."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for where in (tmp_path / "missing", tmp_path / "file"):
        done = sh(f"{KG} {command.format(tmp=tmp_path)}", env={"KG_QUERIES": str(where)})
        assert done.returncode == 4, done
        assert done.stderr == (f"error: $KG_QUERIES names no folder of saved queries: {where} "
                               "(point it to one, or unset it for the queries kg ships)\n")
    empty = tmp_path / "empty"  # a folder of none: `kg list` said [], exit 0 (hunt51 #4)
    empty.mkdir()
    done = sh(f"{KG} {command.format(tmp=tmp_path)}", env={"KG_QUERIES": str(empty)})
    assert done.returncode == 4, done
    assert done.stderr == (f"error: $KG_QUERIES names a folder with no saved query (*.kgq): "
                           f"{empty} (point it to one, or unset it for the queries kg ships)\n")
    assert not (tmp_path / "site").exists() and not (tmp_path / "tables").exists()


def test_a_bare_major_version_names_its_dot_zero_in_a_versioned_parameter() -> None:
    """hunt89 F5: `-p cuda=12` named no CUDA version (`CUDA 12` and `12.0.1` did), and the
    suggestions put 13.2 first, 12.0 nowhere; one with no .0 gets the nearest versions."""
    twelve = sh(f"{KG} run check-series-cuda -f csv -p cuda=12")
    assert twelve.returncode == 0, twelve.stderr
    assert twelve.stdout == sh(f"{KG} run check-series-cuda -f csv -p cuda=12.0").stdout
    none = sh(f"{KG} run check-series-cuda -f csv -p cuda=14")
    assert none.returncode == 3
    assert none.stderr.endswith("parameter `cuda`: `14` names no CUDA version; did you mean "
                                "`CUDA 13.4` or `CUDA 13.2` or `CUDA 13.0`?\n"), none.stderr
    arch = sh(f"{KG} run series-by-architecture -f csv -p arch=12")  # no version class
    assert arch.returncode == 3 and "`12` names no GPU architecture" in arch.stderr


def test_a_listing_of_queries_without_parameters_has_an_array_of_none(tmp_path: Path) -> None:
    """hunt89 F3: `parameters` was null where no query listed had one, [] beside one that
    had: `jq '.[].parameters[]'` failed on a folder of the user's. An array in every row."""
    (tmp_path / "a.kgq").write_text("# name: a\n# description: x\nVMSeries | count\n")
    done = sh(f"{KG} list -f json", env={"KG_QUERIES": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"name": "a", "description": "x", "parameters": [],
                                        "whose": "kg's"}]


def test_export_tables_of_another_revision_leave_none_of_the_last(tmp_path: Path) -> None:
    """hunt44 #4: `--tables` as of 2026, then as of the seed into the same folder, left the
    2026 `training-targets-v1.md` beside the seed's tables, and no file said its revision.
    kg's own file of a table the revision has not is removed (and said); a file of the
    user's own stays, as does one of that name kg did not write."""
    assert sh(f"{PY} -m kg --as-of 2026 export --tables {tmp_path}").returncode == 0
    assert (tmp_path / "training-targets-v1.md").is_file()
    (tmp_path / "notes.md").write_text("mine\n")
    seed = sh(f"{KG} export --tables {tmp_path}")  # as of the seed
    assert seed.returncode == 0
    assert f"removed {tmp_path / 'training-targets-v1.md'}: a table of another page revision" \
        in seed.stderr
    assert not (tmp_path / "training-targets-v1.md").exists()
    assert (tmp_path / "notes.md").read_text() == "mine\n"
    assert "as of the page revision of 2024-01-23 (seed)" in (tmp_path / "cuda.md").read_text()
    (tmp_path / "training-targets-v1.md").write_text("# my own v1 table\n")
    assert sh(f"{KG} export --tables {tmp_path}").returncode == 0
    assert (tmp_path / "training-targets-v1.md").read_text() == "# my own v1 table\n"


def test_a_saved_query_that_is_a_link_to_nothing_is_said_not_left_out(tmp_path: Path) -> None:
    """hunt75 F5: a user's saved query linked from a dotfiles folder that is gone was left out
    of `kg list` (exit 0) and `kg run` said "no saved query"; a hidden one (an editor's lock
    link, `.#x.kgq`) is none."""
    folder = tmp_path / "kg" / "queries"
    folder.mkdir(parents=True)
    (folder / "gpu-mine.kgq").symlink_to(tmp_path / "dotfiles" / "gpu-mine.kgq")
    (folder / ".#gpu-mine.kgq").symlink_to("root@host.1234")
    env = {"XDG_DATA_HOME": str(tmp_path)}
    said = f"error: {folder}/gpu-mine.kgq: cannot read the saved query: a link to nothing\n"
    listed = sh(f"{KG} list -f csv", env=env)
    assert listed.returncode == 4 and listed.stderr.endswith(said) and "table-cuda" in listed.stdout
    assert listed.stderr.count("error:") == 1
    ran = sh(f"{KG} run gpu-mine", env=env)
    assert (ran.returncode, ran.stderr) == (4, said)


def test_list_names_says_a_folder_it_cannot_read(tmp_path: Path) -> None:
    """hunt75 F13: `kg list --names` printed the shipped names, exit 0, where `kg list` said
    the user's folder cannot be read, exit 4."""
    (tmp_path / "kg").write_text("a file where the folder goes", encoding="utf-8")
    env = {"XDG_DATA_HOME": str(tmp_path)}
    said = f"error: {tmp_path}/kg/queries: cannot read the folder of saved queries: not a folder\n"
    names = sh(f"{KG} list --names", env=env)
    assert (names.returncode, names.stderr) == (4, said) and "table-cuda" in names.stdout.split()
    assert sh(f"{KG} list -f csv", env=env).stderr.endswith(said)


@pytest.mark.slow
def test_validate_runs_where_other_commands_do(tmp_path: Path) -> None:
    """hunt75 F8, F9: `kg validate` in a deleted working folder said "cannot write the
    output" (rdflib asks for the folder); on a KG_ONTOLOGY whose path is no UTF-8 it said "No
    such file" of a file there. Every other command works in both."""
    import shutil

    gone = tmp_path / "gone"
    gone.mkdir()
    done = sh(f"cd {gone} && rmdir {gone} && {KG} validate")
    assert (done.returncode, done.stderr) == (4, "error: the working folder no longer exists, "
                                              "and validating needs one (rdflib asks for it): "
                                              "change to another folder\n")
    odd = os.fsdecode(bytes(tmp_path) + b"/\xffonto")
    shutil.copytree(Path(__file__).resolve().parent.parent / "ontology", odd)
    done = sh(f"{KG} validate", env={"KG_ONTOLOGY": odd})
    assert done.returncode == 0 and "graph is valid" in done.stdout, done.stderr


def test_a_broken_query_of_yours_says_whose_name_it_takes(tmp_path: Path) -> None:
    """hunt77 R13: a link to nothing named as a shipped query hid it, and said nothing of it."""
    folder = tmp_path / "kg" / "queries"
    folder.mkdir(parents=True)
    (folder / "gpu-series.kgq").symlink_to(tmp_path / "gone.kgq")
    ran = sh(f"{KG} run gpu-series", env={"XDG_DATA_HOME": str(tmp_path)})
    shipped = Path(__file__).resolve().parent.parent / "queries" / "gpu-series.kgq"
    assert (ran.returncode, ran.stderr) == (4, f"error: {folder}/gpu-series.kgq: cannot read the "
                                            f"saved query: a link to nothing (it takes the name "
                                            f"of {shipped}: mend it, or remove it to run that "
                                            "one)\n")


def test_a_shipped_query_is_named_not_its_file(tmp_path: Path) -> None:
    """hunt94 #11: a wrong value for a query kg ships, run by name, named its file deep in
    site-packages; the query is named as kg's. One of the user's own (KG_QUERIES, or a
    file given) is still named by its path."""
    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kg", "run", *args], capture_output=True,
                              text=True, env={**os.environ, **env}, check=False)

    done = run("check-series-cuda", "-p", "cuda=foo")
    assert done.returncode == 3
    assert done.stderr.startswith("error: saved query `check-series-cuda` (kg's): parameter "
                                  "`cuda`: `foo` names no CUDA version"), done.stderr
    mine = tmp_path / "check-series-cuda.kgq"
    mine.write_text((Path(__file__).parent.parent / "queries" / mine.name).read_text("utf-8"),
                    encoding="utf-8")
    for done in (run("check-series-cuda", "-p", "cuda=foo", KG_QUERIES=str(tmp_path)),
                 run(str(mine), "-p", "cuda=foo")):
        assert done.stderr.startswith(f"error: {mine}: parameter `cuda`"), done.stderr
