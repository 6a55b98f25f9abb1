"""The documentation stays true: every example runs, every keyword, command and format
is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import COMMANDS, EPILOG, build_parser
from kg.errors import KgError
from kg.output import Format
from kg.paths import ENVIRONMENT
from kg.session import Graph

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```kgq\n(.*?)```", LANGUAGE, flags=re.S)
GRAMMAR = (ROOT / "kg" / "grammar.lark").read_text(encoding="utf-8")
KEYWORDS = sorted({k.lower() for k in re.findall(r'"([a-z]+)"i', GRAMMAR)})


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.strip()[:50] for e in EXAMPLES])
def test_every_example_runs(graph: Graph, example: str) -> None:
    try:
        result = graph.query(example)
    except KgError as exc:  # pragma: no cover - the message is the point
        pytest.fail(f"{example!r} fails:\n{exc.render()}")
    assert result.rows, f"{example!r} answers nothing"


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_every_keyword_is_documented(keyword: str) -> None:
    assert re.search(rf"`[^`]*\b{keyword}\b[^`]*`", LANGUAGE, flags=re.I), keyword


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_every_keyword_is_in_the_repl_help(keyword: str) -> None:
    from kg.repl.commands import TOPICS

    assert re.search(rf"\b{keyword}\b", TOPICS["kgq"](), flags=re.I), keyword


@pytest.mark.parametrize("op", ["=", "!=", "<", "<=", ">", ">=", "~", "^", "$name", "#"])
def test_every_operator_is_documented(op: str) -> None:
    assert f"`{op}" in LANGUAGE or f" {op} " in LANGUAGE


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_every_output_format_is_documented(fmt: str) -> None:
    """In the README, in `kg --help` (one line each, saying what it writes), and in the
    --format help of every command that writes a result."""
    assert f"`{fmt}`" in README
    assert re.search(rf"^  {fmt} +\S", build_parser().format_help(), flags=re.M), fmt
    for command in ("query", "run", "export"):
        assert re.search(rf"\b{fmt}\b", _subcommand_help(command)), (command, fmt)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command: str) -> None:
    assert f"kg {command}" in README, f"README does not mention `kg {command}`"
    assert command in build_parser().format_help()


def _repl_commands() -> list[str]:
    from kg.repl.commands import COMMANDS as REPL_COMMANDS

    return sorted(REPL_COMMANDS)


@pytest.mark.parametrize("name", _repl_commands())
def test_every_dot_command_is_documented(name: str) -> None:
    """The README's REPL section shows each dot-command's usage and names its aliases."""
    from kg.repl.commands import COMMANDS as REPL_COMMANDS

    section = README.split("\n## The REPL\n", 1)[1].split("\n## ", 1)[0]
    command = REPL_COMMANDS[name]
    assert f"`{command.usage.replace('|', chr(92) + '|')}`" in section \
        or f"`{command.usage}" in section, f"the README's REPL section lacks `{command.usage}`"
    for alias in command.aliases:
        assert f"`.{alias}`" in section, f"the README does not name .{alias} (.{name})"


def test_exit_codes_are_documented() -> None:
    for code in range(6):
        assert re.search(rf"^\|? *`?{code}`? *\|", README, flags=re.M), code
        assert re.search(rf"^  {code}  ", EPILOG, flags=re.M), code


def _variables_read() -> set[str]:
    """Every environment variable kg's source reads (``os.environ.get("X")``,
    ``"X" in os.environ``, ``os.getenv("X")``)."""
    found: set[str] = set()
    for path in (ROOT / "kg").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'(?:environ\.get|getenv)\(\s*"([A-Z_]+)"', text))
        found |= set(re.findall(r'"([A-Z_]+)" (?:not )?in os\.environ', text))
    return found


def test_every_environment_variable_is_documented() -> None:
    """What kg reads from the environment is in ``kg.paths.ENVIRONMENT``, which `kg --help`
    lists, and in the README's table."""
    read = _variables_read()
    assert {"KG_ONTOLOGY", "KG_QUERIES", "KG_ENDPOINT", "NETRC", "NO_COLOR"} <= read
    assert read <= set(ENVIRONMENT), read - set(ENVIRONMENT)
    table = README.split("### Environment", 1)[1].split("\n\n", 2)[1]
    for name in ENVIRONMENT:
        assert re.search(rf"^  {name} +\S", EPILOG, flags=re.M), f"kg --help lacks {name}"
        assert f"| `{name}` |" in table, f"the README's table lacks {name}"


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:600]
    assert "make repl" in head and "make test" in head


def _subcommand_help(name: str) -> str:
    parser = build_parser()
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict) and name in choices:
            return str(choices[name].format_help())
    return ""
