"""`kg`'s argument parser adds a command's own arguments when that command's parser is first
used (a cold `kg query` built all 13): parsing, help and usage errors are those of the parser
built whole."""

from __future__ import annotations

import argparse
import io
import re

import pytest

from kg.cli import COMMANDS, build_parser, main
from kg.errors import UsageError

LINES = [
    ["query", "VMSeries | count", "--format", "json"],
    ["--lang", "de", "query", "--data", "a.ttl", "VMSeries", "-f", "csv", "--data", "b.ttl"],
    ["run", "gpu-series", "--param", "n=2", "--as-of", "seed"],
    ["export", "-o", "x.ttl", "--format", "ttl", "VMSeries"],
    ["--endpoint", "http://127.0.0.1:1/q", "validate"],
    ["list", "--names"],
]


@pytest.mark.parametrize("argv", LINES, ids=lambda a: " ".join(a))
def test_a_lazy_parser_parses_as_the_whole_one(argv: list[str]) -> None:
    assert build_parser(lazy=True).parse_known_args(argv) == build_parser().parse_known_args(argv)


def test_only_the_command_given_is_built() -> None:
    parser = build_parser(lazy=True)
    parser.parse_known_args(["query", "VMSeries"])
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    built = {name for name, p in sub.choices.items() if len(p._actions) > 1}  # noqa: SLF001
    assert built == {"query"}
    whole = build_parser()
    sub = next(a for a in whole._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    assert all(len(p._actions) > 1 for p in sub.choices.values())  # noqa: SLF001


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_commands_help_is_whole(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`kg CMD --help` (through main, which parses lazily) prints the whole parser's help."""
    assert main([name, "--help"], io.StringIO(), io.StringIO()) == 0
    printed = capsys.readouterr().out
    whole = build_parser()
    sub = next(a for a in whole._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    assert printed == sub.choices[name].format_help()
    assert ("--lang" in printed) != ("--lang" in COMMANDS[name].unused) and "exit" in printed


def test_a_commands_usage_error_names_its_own_options() -> None:
    with pytest.raises(UsageError, match=r"--lang: invalid choice: 'fr' .*\n\(see `kg query --help`\)"):
        build_parser(lazy=True).parse_known_args(["query", "VMSeries", "--lang", "fr"])
    with pytest.raises(UsageError, match="the following arguments are required: OLD, NEW"):
        build_parser(lazy=True).parse_known_args(["diff"])


@pytest.mark.parametrize("argv, said", [
    (["--as-of", "2025", "query", "--as-of", "seed"], "--as-of is given twice ('2025' and 'seed')"),
    (["query", "--as-of", "seed", "--as-of", "2026"], "--as-of is given twice ('seed' and '2026')"),
    (["--lang", "de", "query", "--lang", "en"], "--lang is given twice ('de' and 'en')"),
    # a command's format and output file too (hunt99 F9: `-f json -f csv` wrote CSV)
    (["query", "--format", "json"], "-f is given twice ('json' and 'csv')"),
    (["export", "-o", "a.csv", "-o", "b.csv"], "-o is given twice ('a.csv' and 'b.csv')"),
    # what to export, and where to publish, too (the last won: hunt121 F5)
    (["export", "--saved", "gpu-series", "--saved", "retired-series"],
     "--saved is given twice ('gpu-series' and 'retired-series')"),
    (["export", "--tables", "a", "--tables", "b"], "--tables is given twice ('a' and 'b')"),
    (["publish", "--store", "http://127.0.0.1:9/a", "--store", "http://127.0.0.1:9/b"],
     "--store is given twice ('http://127.0.0.1:9/a' and 'http://127.0.0.1:9/b')"),
    (["--endpoint", "http://u:secret@127.0.0.1:9/q", "query", "--endpoint", "http://127.0.0.1:9/r"],
     "--endpoint is given twice ('http://127.0.0.1:9/q' and 'http://127.0.0.1:9/r')"),
])
def test_a_global_option_given_twice_with_two_values_is_refused(argv: list[str], said: str) -> None:
    """The last one won without a word (`kg --as-of 2025 query --as-of seed` answered as of
    the seed: hunt80 F6); as a parameter given twice, it is a usage error, a URL's password
    not shown. The same value twice is one value."""
    err = io.StringIO()
    assert main([*argv, "VMSeries | count", "-f", "csv"], io.StringIO(), err) == 2
    assert said in err.getvalue() and "secret" not in err.getvalue()
    once, twice = io.StringIO(), io.StringIO()
    statement = ["VMSeries | where category = GPU | show name", "-f", "csv"]
    assert main(["--as-of", "seed", "--lang", "de", "query", *statement], once) == 0
    assert main(["--as-of", "seed", "--lang", "de", "query", "--as-of", "seed", "--lang", "de",
                 *statement], twice) == 0
    assert twice.getvalue() == once.getvalue() and "NC Promo" in once.getvalue()


@pytest.mark.parametrize("name", ["diff", "publish"])
def test_a_commands_help_offers_no_as_of_it_refuses(name: str) -> None:
    """`kg diff --help` and `kg publish --help` offered --as-of, which both refuse (hunt80
    F5). (`kg completion` and `kg list --names` take it and read no revision: a script or
    an alias that gives every command `--as-of` goes on working.)"""
    sub = next(a for a in build_parser()._actions  # noqa: SLF001
               if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    text = sub.choices[name].format_help()
    assert "--as-of" not in text and "--help" in text
    assert "--as-of" in sub.choices["query"].format_help()


@pytest.mark.parametrize("argv, said", [
    (["run", "gpu-series", "--explain"], "unrecognized option: --explain (--explain is an option "
                                         "of kg query)"),
    (["list", "--store", "x"], "--store is an option of kg publish"),
    (["query", "--formt", "json", "VMSeries"], "(did you mean --format?)"),
    # a parameter given as `.run` takes it (hunt99 F10: "unrecognized argument" alone)
    (["run", "retired-by", "date=2024-01-01"], "unrecognized argument: date=2024-01-01 (a "
                                               "parameter's value is given as --param "
                                               "date=2024-01-01)"),
    (["export", "--saved", "retired-by", "date=2024-01-01", "-f", "csv"],
     "(a parameter's value is given as --param date=2024-01-01)"),  # (hunt101 F7)
    (["check", "NCv3", "with", '"CUDA 12.1"'], """as in: kg query 'check NCv3 with "CUDA 12.1"'"""),
    (["check", "NCv3", "with", "CUDA 12.1"], """as in: kg query 'check NCv3 with "CUDA 12.1"'"""),
])
def test_a_usage_error_points_the_right_way(argv: list[str], said: str) -> None:
    """An option of another command is named as that command's, not as the nearest
    spelling of this one (`kg run --explain`: "did you mean --lang?"), and a statement
    typed as a command whose quotes the shell kept is quoted once (hunt79)."""
    err = io.StringIO()
    assert main(argv, io.StringIO(), err) == 2
    assert said in err.getvalue()


def test_the_notebooks_options_are_given_once() -> None:
    """`%kgq --as-of seed --as-of 2025 …` took the last, as `kg` did (hunt80 F6)."""
    from kg.notebook import parse_line

    assert parse_line("--lang de --lang de").lang == "de" and parse_line("").lang == "en"
    for line, said in (("--lang de --lang en", "%%kgq: --lang is given twice ('de' and 'en')"),
                       ("--as-of seed --as-of=2025", "%%kgq: --as-of is given twice ('seed' and '2025')"),
                       ("-f csv --format json", "%%kgq: --format is given twice ('csv' and 'json')"),
                       ("--lan de", "%%kgq: unrecognized arguments: --lan de")):
        with pytest.raises(UsageError, match=re.escape(said)):
            parse_line(line)


@pytest.mark.parametrize("argv, said", [
    (["--endpoint", "http://u:secret@127.0.0.1:9/q", "VMSeries | count"],
     "as in: kg --endpoint http://127.0.0.1:9/q query 'VMSeries | count'"),
    (["--endpoint=http://u:secret@127.0.0.1:9/q", "--endpoint", "http://u:other@127.0.0.1:9/q",
      "VMSeries | count"], "--endpoint is given twice ('http://127.0.0.1:9/q', with two users"),
    (["--lang", "de", "--lang", "en", "VMSeries | count"], "--lang is given twice ('de' and 'en')"),
    (["--endpoint", "", "--endpoint", "http://127.0.0.1:9/q", "query", "VMSeries"],
     "--endpoint is given twice ('' and 'http://127.0.0.1:9/q')"),
    (["check NCv3 with \"CUDA 12.1\""], "`check NCv3 with \"CUDA 12.1\"` is no command: a statement "
                                        "is given to kg query, as in: kg query 'check NCv3 with "),
])
def test_what_a_command_line_error_says(argv: list[str], said: str) -> None:
    """An endpoint's password is in no hint (it was: hunt81 F1), an option given twice is
    said as such before any hint (hunt81 F6), an empty value shows (F7), and a statement
    given whole as the command is one statement (it was quoted again, or not recognised)."""
    err = io.StringIO()
    assert main(argv, io.StringIO(), err) == 2
    assert said in err.getvalue() and "secret" not in err.getvalue() and "other" not in err.getvalue()


def test_completion_offers_no_option_a_command_refuses() -> None:
    from kg.cli.completion import command_options, script

    _, commands = command_options()
    assert not any("--as-of" in o.flags for o in commands["diff"][1])
    assert any("--as-of" in o.flags for o in commands["query"][1])
    assert "SUPPRESS" not in script("fish") + script("bash") + script("zsh")


def test_no_command_off_a_terminal_says_so_in_an_error_line() -> None:
    """`echo VMSeries | kg`: 136 lines of help on stderr, exit 2, and no `error:` line
    saying what was wrong (hunt106 F5): the usage, then the error, as argparse's own."""
    err = io.StringIO()
    assert main([], io.StringIO(), err) == 2
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("usage: kg ") and len(lines) < 10
    assert lines[-1] == ("error: no command given: `kg query -` runs the statement on stdin, "
                         "`kg repl` a script of them (see `kg --help`)")


@pytest.mark.parametrize(("name", "left_out"), [("publish", ("--endpoint", "--lang", "--as-of")),
                                                ("diff", ("--as-of",)),
                                                ("completion", ("--data", "--as-of", "--endpoint",
                                                                "--lang"))])
def test_a_commands_help_offers_no_global_option_that_chooses_nothing_for_it(
        name: str, left_out: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    """`kg publish --help` offered --endpoint, which it refuses, and --lang, which does
    nothing; `kg completion --help` --data, --as-of and --endpoint (hunt104 F6)."""
    assert main([name, "--help"]) == 0
    shown = capsys.readouterr().out.split("\nexit status")[0].split("environment")[0]
    assert not [flag for flag in left_out if f"{flag} " in shown or f"{flag}\n" in shown], shown


@pytest.mark.parametrize("name", ["validate", "diff"])
def test_a_command_of_the_embedded_graph_alone_offers_endpoint_empty(
        name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`kg validate` and `kg diff` refuse $KG_ENDPOINT's server, saying "give --endpoint ''":
    their help offers it, saying that is all it takes (it was left out: hunt141 F4)."""
    assert main([name, "--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "--endpoint URL '' alone: the embedded graph, whatever $KG_ENDPOINT says" in shown
    monkeypatch.setenv("KG_ENDPOINT", "http://127.0.0.1:9/query")
    out, err = io.StringIO(), io.StringIO()
    assert main([name, *(["seed", "seed"] if name == "diff" else []), "--endpoint", ""],
                out, err) == 0
