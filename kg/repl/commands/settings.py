"""The dot-commands that show help or change the session: ``.help .schema .format .lang
.explain .timing .rows .x .pager .set .params .quit``."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from kg.credentials import shown
from kg.errors import UsageError
from kg.i18n import LANGUAGES
from kg.output import RESULT_FORMATS
from kg.output.cells import printable
from kg.params import NAME_RULE, is_param_name
from kg.paths import dumb_terminal
from kg.repl.commands.registry import COMMANDS, SWITCH_WORDS, arity, command, lookup, switch
from kg.repl.commands.revisions import describe_revision
from kg.repl.index import quote_name
from kg.repl.output import emit
from kg.repl.pager import pager_command, pager_problem
from kg.repl.runner import run_statement
from kg.repl.state import EXPANDED, ReplState
from kg.textscan import quoted_if_needed

__all__ = ["TOPICS", "STAGES"]

ALL_ROWS = 10**9  #: `.rows all`: more rows than any result shows

_KGQ = """\
A query is a source, then stages joined by `|`; every prefix is a valid query.
  VMSeries | where category = GPU | show name, architecture | sort name
A line that starts with `|` goes on from the last statement that ran.
sources     a class (VMSeries), an entity (NCv3, "NC Promo"), a path
            (NCv3.architecture.minCuda) · … from SOURCE: one source's facts
paths       a.b.c · ^a walks back (GPUArchitecture | show name, ^architecture)
            supports(FEATURE): a table's cell (yes, no, "not stated", "yes (…)")
stages      where COND · show EXPR [as NAME], … · sort EXPR [asc|desc], …
            limit N · count · count by EXPR, … · collect EXPR by EXPR, …
            follow PATH · distinct · transpose [as NAME] (last)
            check with X (then where verdict = …, show why …)
            NAME may be quoted: show minCuda as "Minimum CUDA"
conditions  = != < <= > >= · ~ "text" (contains, any case) · in [A, B]
            supports FEATURE · has PATH · is CLASS · not · and · or · ( … )
values      names (Volta, "NC Promo") · versions (12.1) · numbers · true, false
            dates (2024-01-23) · $name: the value of .set name VALUE
statements  describe X · path X to Y · neighbors X [depth N] · schema [Class]
            check X with Y
Keywords in any case; # starts a comment. The keys of the prompt: .help keys."""


#: KGQ's stages and statements, each in a line and an example that runs (`.help where`
#: said "no help", `.help show` gave the `.show` command alone: hunt120 F9, hunt109 F8)
STAGES: dict[str, tuple[str, str]] = {
    "where": ("where COND: keep the rows COND holds for (= != < <= > >=, ~ \"text\", in [A, B], "
              "supports F, has PATH, is CLASS, not, and, or)",
              "VMSeries | where category = GPU and has retiredOn"),
    "show": ("show EXPR [as NAME], …: the columns, each a path, supports(F) or a check's "
             "verdict, confidence or why", "VMSeries | show name, architecture.minCuda as cuda"),
    "sort": ("sort EXPR [asc|desc], …: the rows in order (versions as versions)",
             "GPUArchitecture | sort minCuda desc, name"),
    "limit": ("limit N: the first N rows", "VMSeries | sort name | limit 3"),
    "count": ("count: how many rows; count by EXPR, …: how many of each",
              "VMSeries | count by category"),
    "collect": ("collect EXPR by EXPR, …: one row per group, its values gathered",
                "VMSeries | where has architecture | collect name by architecture"),
    "follow": ("follow PATH: the entities PATH leads to, as the new rows",
               "VMSeries | where category = GPU | follow architecture"),
    "distinct": ("distinct: each row once", "VMSeries | show category | distinct"),
    "transpose": ("transpose [as NAME]: rows become columns (the last stage)",
                  "TrainingTarget | show name, supports(AutoML) | transpose"),
    "check": ("check X with Y: are X and Y compatible, and why; … | check with Y: each row",
              "VMSeries | where category = GPU | check with \"CUDA 12.1\""),
    "describe": ("describe X: every fact about X, with its sources", "describe NCv3"),
    "path": ("path X to Y: the shortest ways from X to Y through the graph", "path NCv3 to Volta"),
    "neighbors": ("neighbors X [depth N]: what X links to, and back", "neighbors Volta depth 1"),
    "schema": ("schema [CLASS]: the classes with counts, or one class's properties",
               "schema VMSeries"),
    "from": ("CLASS from \"S\": the facts one source states alone",
             "GPUArchitecture from \"CUDA table\" | show name, minCuda"),
    "supports": ("supports(F): a table's cell for feature F; where supports F: the rows that "
                 "support it", "TrainingTarget | where supports AutoML | show name"),
}


def _keys() -> str:
    from kg.repl.keys import describe_keys

    return describe_keys()


#: Help topics besides the commands: name → a function giving the text.
TOPICS: dict[str, Callable[[], str]] = {"kgq": lambda: _KGQ, "keys": _keys}


def _hanging(line: str) -> str:
    """Where a help line goes on when wrapped: under its text where it has a term before
    it (`sources     a class …`: it went on two columns in, under the terms), else
    indented as it is and two more."""
    term = _TERM.match(line)
    return " " * (term.end() if term else len(line) - len(line.lstrip()) + 2)


_TERM = re.compile(r"\S+ {2,}(?=\S)")  #: a term, then its text after two spaces or more


@command("help", ".help [COMMAND|kgq|keys|STAGE]", "this list, or help on one command, topic or stage",
         aliases=("?",), complete=("topic",))
def _help(state: ReplState, args: list[str]) -> None:
    arity(args, ".help [COMMAND|kgq|keys|STAGE]", 0, 1)
    if args:  # each line wrapped as the list's are (they broke words: hunt70 F7, hunt73 R10),
        width = max(40, state.width())
        emit(state, "\n".join(
            wrapped for line in _topic(state, args[0]).splitlines()
            for wrapped in (textwrap.wrap(line, width, break_long_words=False,
                                          subsequent_indent=_hanging(line)) or [""])))
        return
    width = max(len(c.usage) for c in COMMANDS.values())
    lines = ["Type a KGQ statement (Tab completes, Enter runs it) or a command:"]
    for c in COMMANDS.values():
        lines += textwrap.wrap(f"  {c.usage.ljust(width)}  {c.describe(state)}",
                               max(40, state.width()),
                               subsequent_indent=" " * (width + 4), break_long_words=False)
    also = "; ".join(f"{', '.join('.' + a for a in c.aliases)} for .{c.name}"
                     for c in COMMANDS.values() if c.aliases)  # (`.help` named none: hunt78 F6)
    lines += textwrap.wrap(f"also: {also}.", max(40, state.width()), break_long_words=False)
    lines.append("help, exit and quit work without the dot; a trailing ; is fine.")
    lines.append(".help kgq: the query language in one screen · .help where (any stage or "
                 "statement) · .help keys: the keys")
    emit(state, "\n".join(lines))


def _topic(state: ReplState, name: str) -> str:
    """The help on one command or topic."""
    topic = name.lstrip(".").lower()
    found = lookup(topic)
    command = None
    if found is not None:
        also = ", ".join("." + a for a in found.aliases)
        command = f"{found.usage}  {found.describe(state)}" + (f"  (also: {also})" if also else "")
    if topic in STAGES and not name.startswith("."):  # `.help .show` is the command's alone
        said, example = STAGES[topic]
        return "\n".join([said, f"example: {example}",
                          *([f"the command: {command}"] if command else [])])
    if command is not None:
        return command
    if topic in TOPICS:
        return TOPICS[topic]()
    topics = dict.fromkeys([*COMMANDS, *TOPICS, *STAGES])
    raise UsageError(f"no help on {name!r}; topics: {', '.join(topics)}")


@command("schema", ".schema [CLASS]", "the classes with counts, or one class's properties",
         complete=("class",))
def _schema(state: ReplState, args: list[str]) -> None:
    arity(args, ".schema [CLASS]", 0, 1)
    run_statement(state, "schema" + (f" {quote_name(args[0])}" if args else ""))


@command("format", ".format [FMT]",
         "how results print: " + ", ".join(f.value for f in RESULT_FORMATS), complete=("format",))
def _format(state: ReplState, args: list[str]) -> None:
    arity(args, ".format [FMT]", 0, 1)
    if args:
        state.fmt = RESULT_FORMATS.parse(args[0])
    _say(state, "format")


@command("lang", ".lang [en|de]", "the language of labels in results and of completion",
         complete=("lang",))
def _lang(state: ReplState, args: list[str]) -> None:
    arity(args, ".lang [en|de]", 0, 1)
    if args:
        if args[0].lower() not in LANGUAGES:
            known = ", ".join(LANGUAGES)
            raise UsageError(f"unknown language {args[0]!r}; expected one of: {known}")
        state.graph.lang = args[0].lower()
    _say(state, "language")


@command("explain", ".explain [on|off]",
         "print the compiled SPARQL before each result (alone: switches it, as psql's)",
         complete=("switch",))
def _explain(state: ReplState, args: list[str]) -> None:
    state.explain = switch(args, ".explain [on|off]", state.explain)
    _say(state, "explain")


@command("timing", ".timing [on|off]",
         "print how long each statement takes (alone: switches it, as psql's)",
         complete=("switch",))
def _timing(state: ReplState, args: list[str]) -> None:
    state.timing = switch(args, ".timing [on|off]", state.timing)
    _say(state, "timing")


@command("rows", ".rows [N|all|auto]", "table rows shown before \"… N more rows\" (auto: a "
         "screenful, or 1000 through the pager; every row to a file or a pipe)",
         complete=("rows",))
def _rows(state: ReplState, args: list[str]) -> None:
    arity(args, ".rows [N|all|auto]", 0, 1)
    if args:
        word = args[0].lower()
        if word == "auto":
            state.max_rows = None
        elif word == "all":
            state.max_rows = ALL_ROWS
        elif word.isdigit() and int(word) > 0:
            state.max_rows = int(word)
        else:
            raise UsageError("usage: .rows [N|all|auto]")
    _say(state, "rows")


@command("x", ".x [on|off|auto]", "expanded rows: one field per line (auto: when a table "
         "does not fit the terminal; alone: on, or off where on, as psql's \\x)",
         aliases=("expanded",), complete=("expanded",))
def _expanded(state: ReplState, args: list[str]) -> None:
    arity(args, ".x [on|off|auto]", 0, 1)
    word = args[0].lower() if args else "off" if state.expanded == "on" else "on"  # (it only
    word = SWITCH_WORDS.get(word, word)  # (`.x yes`, as psql: hunt109 F12)
    if word not in EXPANDED:  # said the setting: hunt70 F8)
        raise UsageError("usage: .x [on|off|auto]")
    state.expanded = word
    _say(state, "expanded")


@command("pager", ".pager [on|off]",
         "long output through $PAGER (default: less -SRXF; alone: switches it)",
         complete=("switch",))
def _pager(state: ReplState, args: list[str]) -> None:
    state.pager = switch(args, ".pager [on|off]", state.pager)
    _say(state, "pager")


@command("vi", ".vi [on|off]", "vi's editing keys at the prompt (Esc, then h, w, dd, …), "
         "not Emacs's (alone: switches them; put .vi on in the start-up file, .settings names "
         "it)", complete=("switch",))
def _vi(state: ReplState, args: list[str]) -> None:
    state.vi = switch(args, ".vi [on|off]", state.vi)
    _say(state, "keys")


def _startup_said() -> str:
    """The start-up file, and whether there is one (:mod:`kg.repl.startup`)."""
    from kg.paths import startup_file

    path = startup_file()
    if path is None:
        return "none (no home folder)"
    return f"{path}{'' if path.is_file() else ' (not a file)' if path.exists() else ' (none there)'}"


@command("set", ".set [NAME VALUE]", "give $NAME a value for the queries that follow "
         "(alone: list them, as .params)", complete=("param-name", "param-set", "nothing"))
def _set(state: ReplState, args: list[str]) -> None:
    if not args:  # psql's \set: the values set
        _params(state, args)
        return
    if len(args) < 2:
        raise UsageError("usage: .set NAME VALUE (then use $NAME in a query; .unset NAME "
                         "forgets it)")
    name = _param_name(args[0])
    state.params[name] = " ".join(args[1:])
    state.set_since.add(name)  # a `|` line goes on with this value, not the one the last
    # statement ran with (it took the old one, unsaid: hunt88 #2)
    state.note(f"${name} = {quoted_if_needed(state.params[name])}")


@command("unset", ".unset NAME", "forget the value .set gave $NAME",
         complete=("param", "nothing"))
def _unset(state: ReplState, args: list[str]) -> None:
    arity(args, ".unset NAME", 1)
    name = _param_name(args[0])
    if state.params.pop(name, None) is None:
        known = ", ".join(f"${n}" for n in sorted(state.params)) or "none"
        raise UsageError(f"${name} has no value to forget; set: {known}")
    state.set_since.add(name)  # (as .set: a `|` line goes on without it; not when refused:
    # hunt91 F4)
    state.note(f"${name} forgotten")


def _param_name(text: str) -> str:
    name = text.lstrip("$")
    if not is_param_name(name):
        raise UsageError(f"{text!r} is not a parameter name ({NAME_RULE})")
    return name


@command("params", ".params", "the parameters set with .set")
def _params(state: ReplState, args: list[str]) -> None:
    arity(args, ".params", 0)
    if not state.params:
        state.say("no parameters (set one with .set NAME VALUE)")
    for name, value in sorted(state.params.items()):
        state.say(f"${name} = {quoted_if_needed(value)}")


@command("settings", ".settings", lambda state: "every setting at once: "
         f"{', '.join(_SETTINGS)} (as sqlite3's .show)")
def _settings(state: ReplState, args: list[str]) -> None:
    arity(args, ".settings", 0)  # (each setting's command alone switches it: hunt70 F12)
    state.say(printable("\n".join(f"{name}: {said(state)}"  # a file name's escapes (hunt129 F7)
                                   for name, said in _SETTINGS.items())))


def _say(state: ReplState, name: str) -> None:
    """What a setting's command says after it: the setting, as `.settings` lists it."""
    state.note(f"{name}: {_SETTINGS[name](state)}")


def _on(flag: bool) -> str:
    return "on" if flag else "off"


def _pager_said(state: ReplState) -> str:
    pager = " ".join(pager_command())
    if pager:
        return f"{_on(state.pager)} ({pager})"
    why = "TERM=dumb" if dumb_terminal() else pager_problem() or "$PAGER is empty"
    return f"none ({why}): a screenful of rows, as with .pager off"  # "on (none …)" said both
    # (hunt77 R14, hunt78 F1)


#: Each setting as its command and `.settings` say it, in `.settings`' order.
_SETTINGS: dict[str, Callable[[ReplState], str]] = {
    "format": lambda state: state.fmt.value,
    "language": lambda state: state.lang,
    "revision": lambda state: describe_revision(state).removeprefix("as of "),
    "rows": lambda state: "auto (fits the screen)" if state.max_rows is None else (
        "all" if state.max_rows >= ALL_ROWS else str(state.max_rows)),
    "expanded": lambda state: state.expanded,
    "pager": _pager_said,
    "timing": lambda state: _on(state.timing),
    "explain": lambda state: _on(state.explain),
    "keys": lambda state: "vi" if state.vi else "emacs",
    "start-up file": lambda state: _startup_said() + (" (not read: --no-rc)" if state.no_rc
                                                     else ""),
    "data files": lambda state: ", ".join(state.data) or "none",
    "endpoint": lambda state: shown(state.endpoint) if state.endpoint else "none (the embedded "
                              "graph)",  # (its user and password: not said, hunt85 F2)
    "parameters": lambda state: ", ".join(f"${n}" for n in sorted(state.params)) or "none",
}


@command("quit", ".quit", "leave (also Ctrl-D)", aliases=("exit", "q"))
def _quit(state: ReplState, args: list[str]) -> None:
    if args:  # `.exit 3` left with 0, as if its status were taken (hunt39 #7)
        raise UsageError("usage: .quit (no argument: a script's exit status is its last "
                         "failed statement's)")
    state.done = True
