"""What a script hands `kg` (hunt34-cli): digits of other scripts are no numbers (they
matched nothing, exit 0), `--data` before and after the command both load (the first were
dropped), and stdin is read no further than a statement may be long (/dev/zero took 9 GB)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ExitStatus


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("digits", ["\uff11", "\u0661", "\U0001d7cf"])  # １, Arabic-Indic 1, 𝟏
def test_digits_outside_0_to_9_are_no_number(digits: str) -> None:
    status, out, err = _run("query", "-f", "csv", f"VMSize | where gpuCount >= {digits} | count")
    assert status == ExitStatus.QUERY and out == "", err
    status, out, err = _run("query", "-f", "csv", "VMSize | where gpuCount >= $n | count",
                            "--param", f"n={digits}")
    assert status == ExitStatus.QUERY and "is not a number" in err
    assert _run("query", "-f", "csv", "VMSize | where gpuCount >= 1 | count")[1] != "count\n0\n"


def test_data_before_and_after_the_command_both_load(tmp_path: Path) -> None:
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.ttl"
        path.write_text(f'<https://example.org/{name}> a <https://w3id.org/azml-kg/ontology#VMSeries> ; '
                        f'<http://www.w3.org/2000/01/rdf-schema#label> "Series {name}"@en .\n')
        files.append(str(path))
    status, out, err = _run("--data", files[0], "query", "--data", files[1], "-f", "csv",
                            'VMSeries | where name ~ "Series " | show name')
    assert status == ExitStatus.OK, err
    assert out.splitlines()[1:] == ["Series a", "Series b"]


def test_a_data_path_starting_with_a_tilde_is_the_home_s(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`--data=~/x.ttl` (no shell expands it there) was `~/x.ttl: no such file`, where the
    REPL's `.load ~/x.ttl` loads it (hunt51 #12)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "x.ttl").write_text('<https://example.org/x> a <https://w3id.org/azml-kg/'
                                    'ontology#VMSeries> ; <http://www.w3.org/2000/01/rdf-schema#'
                                    'label> "Series x"@en .\n')
    status, out, err = _run("--data=~/x.ttl", "query", "-f", "csv",
                            'VMSeries | where name = "Series x" | count')
    assert (status, out) == (ExitStatus.OK, "count\n1\n"), err


def test_an_output_path_starting_with_a_tilde_is_the_home_s(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--output=~/x.csv`, `--tables=~/t` and `kg docs '~/site'` made a folder named `~` in
    the working folder (which `rm -rf ~` then deletes the home for), where `--data=~/…` is
    the home's (hunt64 F3)."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    assert _run("export", "--output=~/x.csv", "VMSeries | count")[0] == ExitStatus.OK
    assert _run("export", "--tables=~/t")[0] == ExitStatus.OK
    assert _run("docs", "~/site", "--as-of", "seed")[0] == ExitStatus.OK
    assert (home / "x.csv").read_text() == "count\n34\n"
    assert (home / "t" / "cuda.md").is_file() and (home / "site" / "index.html").is_file()
    assert list(work.iterdir()) == []
    monkeypatch.setenv("HOME", "")  # no home: ~/x was the root's /x (hunt66 R5)
    status, _, err = _run("export", "--output=~/y.csv", "VMSeries | count")
    assert (status, err) == (ExitStatus.USAGE, "error: ~/y.csv: there is no home folder for ~ "
                             "(HOME is empty or names no folder); give the path without ~\n")
    assert not Path("/y.csv").exists()


def test_stdin_is_read_no_further_than_a_statement_may_be_long() -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([sys.executable, "-m", "kg", "query", "-"], stdin=zero,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == ExitStatus.QUERY
    assert done.stderr.startswith("error: the query on stdin is too long (more than 100,000")


def test_kg_alone_in_a_pipe_writes_its_help_to_stderr() -> None:
    """Exit 2, a usage error, wrote the whole help to stdout (hunt34-cli M1)."""
    status, out, err = _run()
    assert status == ExitStatus.USAGE and out == "" and err.startswith("usage: kg ")


def test_a_servers_words_reach_no_terminal_raw(monkeypatch: pytest.MonkeyPatch) -> None:
    """`kg publish --dry-run` wrote a server's ESC to the terminal (hunt34-cli M2)."""
    import kg.publish
    from kg.errors import ExecutionError

    def down(url: str) -> list[str] | None:
        raise ExecutionError("the graph store answered 500: boom\x1b[31m")

    monkeypatch.setattr(kg.publish, "read_manifest", down)
    status, _, err = _run("publish", "--store", "http://127.0.0.1:9/store", "--dry-run")
    assert status == ExitStatus.OK and "\x1b" not in err and "boom\\x1b[31m" in err


def test_export_says_what_is_wrong_first(tmp_path: Path) -> None:
    """hunt51 #12: a missing saved query was `--format is required …`; `-o ''` was
    `cannot write .: it is a folder`; a folder where no file can be made said `No such
    file or directory` of the file."""
    status, out, err = _run("export", "--saved", "nosuch")
    assert (status, out) == (ExitStatus.QUERY, "") and "no saved query `nosuch`" in err
    status, out, err = _run("export", "-o", "", "-f", "csv", "VMSeries")
    assert status == ExitStatus.USAGE and "-o needs a file name" in err
    status, out, err = _run("export", "-o", "/proc/x.json", "VMSeries")
    assert status == ExitStatus.DATA and not Path("/proc/x.json").exists()
    assert "cannot create a file in the folder /proc" in err and "renames it to x.json" in err


def test_a_file_name_that_is_no_utf8_shows_its_byte(tmp_path: Path) -> None:
    """`/tmp/\\xe4x.ttl`, as `ls -b` shows it, not Python's `/tmp/\\udce4x.ttl` (hunt51 #12):
    on the command line and in the REPL."""
    path = os.fsdecode(os.fsencode(str(tmp_path)) + b"/\xe4x.ttl")
    status, out, err = _run("--data", path, "query", "VMSeries")
    assert status == ExitStatus.DATA and "\\xe4x.ttl: cannot read" in err and "\\udc" not in err
    done = subprocess.run([sys.executable, "-m", "kg", "repl"], input=f".load {path}\n".encode(
        "utf-8", "surrogateescape"), capture_output=True)
    assert b"\\xe4x.ttl: cannot read" in done.stderr and b"\\udc" not in done.stderr


def test_data_with_kg_endpoints_server_says_whose_it_is(tmp_path: Path) -> None:
    """`--data` with a server is refused; where the server is $KG_ENDPOINT's, the refusal
    says so, as a server's error does (hunt55 F6: a user who set it long ago)."""
    data = tmp_path / "x.ttl"
    data.write_text("")
    env = {**os.environ, "KG_ENDPOINT": "http://127.0.0.1:9/query"}
    done = subprocess.run([sys.executable, "-m", "kg", "--data", str(data), "query",
                           "VMSeries | count"], capture_output=True, text=True, env=env)
    assert done.returncode == ExitStatus.USAGE and "publish them to the server" in done.stderr
    assert "$KG_ENDPOINT's: --endpoint '' uses the embedded graph" in done.stderr


@pytest.mark.slow  # (builds the site, its diagrams through Graphviz)
def test_a_site_whose_language_folders_are_one_is_refused(tmp_path: Path) -> None:
    """`DIR/de` a link to `DIR`: the German pages replaced the English ones, exit 0 (hunt83
    F17); and the folder a site went to is said without a terminal escape in its name (F14)."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "de").symlink_to(".")
    status, _, err = _run("docs", str(tmp_path / "site"))
    assert status == ExitStatus.DATA and not (tmp_path / "site" / "index.html").exists()
    assert err == (f"error: cannot write the site: {tmp_path / 'site' / 'de'} is the folder "
                   f"{tmp_path / 'site'} (through a link), so one language's pages would replace "
                   "the other's: remove the link, or write the site elsewhere\n")
    status, _, err = _run("docs", str(tmp_path / "b\x1b[32mq"), "--as-of", "seed")
    assert status == ExitStatus.OK and "\x1b" not in err and "b\\x1b[32mq (en)" in err


def test_a_statement_comes_from_a_pipe_or_a_file_not_from_dev_null(tmp_path: Path) -> None:
    """hunt89 F8: `kg export` reads a piped statement as `kg query` does (it wanted `-`);
    a command missing its statement with /dev/null for stdin (cron, `ssh -n`) is a usage
    error, exit 2, as on a terminal (it read an empty statement: exit 3); `-` still reads
    /dev/null, and a statement in a file on stdin is read."""
    def kg(*args: str, stdin: object = subprocess.DEVNULL, text: str | None = None
           ) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kg", *args], stdin=None if text else stdin,
                              input=text, capture_output=True, text=True, check=False)

    piped = kg("export", "-f", "csv", "-o", "-", text="VMSeries | count\n")
    assert (piped.returncode, piped.stdout) == (0, "count\n34\n"), piped.stderr
    for args in (["query", "-f", "csv"], ["export", "-f", "csv"]):
        done = kg(*args)
        assert done.returncode == ExitStatus.USAGE, (args, done.stderr)
        assert "from stdin" in done.stderr and "empty query" not in done.stderr
    assert kg("query", "-", "-f", "csv").returncode == ExitStatus.QUERY  # asked for: read
    statement = tmp_path / "count.kgq"
    statement.write_text("VMSeries | count\n", encoding="utf-8")
    with statement.open() as file:
        done = kg("query", "-f", "csv", stdin=file)
    assert (done.returncode, done.stdout) == (0, "count\n34\n"), done.stderr


def test_explain_takes_no_option_for_a_result() -> None:
    """hunt89 F10: `--explain` prints SPARQL; `--format`, `--ids` or `--fail-empty` beside
    it were ignored without a word. They are a usage error, naming what does not go."""
    status, out, err = _run("query", "--explain", "-f", "json", "VMSeries | count")
    assert (status, out) == (ExitStatus.USAGE, "")
    assert err == "error: --explain prints the compiled SPARQL, not a result: --format does " \
        "not go with it\n"
    status, _, err = _run("query", "--explain", "--ids", "--fail-empty", "VMSeries | count")
    assert status == ExitStatus.USAGE and "--ids and --fail-empty do not go with it" in err
    status, out, _ = _run("query", "--explain", "VMSeries | count")
    assert status == 0 and "?x0 rdf:type kg:VMSeries ." in out


def test_a_piped_statement_is_parsed_before_the_graph_opens() -> None:
    """hunt95 #7: `kg export` read a piped statement after opening the graph, so a typo
    with the server down was exit 5, a server's fault a CI job retries; `kg query` says 3."""
    for command in (["query", "-f", "csv"], ["export", "-f", "csv"]):
        done = subprocess.run([sys.executable, "-m", "kg", "--endpoint", "http://127.0.0.1:9/query",
                               *command], input="VMSeries | wher x\n", capture_output=True,
                              text=True, check=False)
        assert done.returncode == ExitStatus.QUERY, (command, done.stderr)
        assert "did you mean `where`?" in done.stderr
