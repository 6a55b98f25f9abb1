"""`kg`'s argument parser adds a command's own arguments when that command's parser is first
used (a cold `kg query` built all 13): parsing, help and usage errors are those of the parser
built whole."""

from __future__ import annotations

import argparse
import io

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
    assert "--lang" in printed and "exit" in printed


def test_a_commands_usage_error_names_its_own_options() -> None:
    with pytest.raises(UsageError, match=r"--lang: invalid choice: 'fr' .*\n\(see `kg query --help`\)"):
        build_parser(lazy=True).parse_known_args(["query", "VMSeries", "--lang", "fr"])
    with pytest.raises(UsageError, match="the following arguments are required: OLD, NEW"):
        build_parser(lazy=True).parse_known_args(["diff"])
