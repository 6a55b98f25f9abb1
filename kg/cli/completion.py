"""`kg completion bash|zsh|fish`: a shell completion script, made from the parser itself.

The script completes commands, options, formats, languages, revision names, saved-query
names (asked of ``kg list`` when completing, so your own saved queries appear too) and
file names where an option takes a file. It is generated from :func:`build_parser`, so a
new command or option completes with no change here.
"""

from __future__ import annotations

import argparse
import functools
import textwrap
from typing import TextIO

from kg.cli.registry import build_parser, command
from kg.errors import ExitStatus
from kg.i18n import LANGUAGES
from kg.output import Format
from kg.records import record

__all__ = ["script", "command_options"]

SHELLS = ("bash", "zsh", "fish")
#: Values an option takes, by its long flag (the rest take free text).
_FILES = {"--data", "--output", "--tables"}
_SAVED = {"--saved"}
#: Commands whose first argument is a saved query's name.
_SAVED_ARG = {"run", "show"}


@record
class _Option:
    flags: tuple[str, ...]
    takes_value: bool
    help: str
    formats: tuple[str, ...] | None = None  #: the formats a command's --format takes


def _options(parser: argparse.ArgumentParser) -> list[_Option]:
    out = []
    for action in parser._actions:  # noqa: SLF001 - argparse has no public list of actions
        if action.option_strings and action.help != argparse.SUPPRESS:  # (one it refuses:
            out.append(_Option(tuple(action.option_strings), action.nargs != 0,
                               (action.help or "").split(";")[0],
                               getattr(action, "formats", None)))  # hunt81 F3)
    return out


def command_options() -> tuple[list[_Option], dict[str, tuple[str, list[_Option]]]]:
    """``kg``'s own options, and each command's help and options, as the parser has them."""
    parser = build_parser()
    sub = next(a for a in parser._actions  # noqa: SLF001
               if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    helps = {a.dest: a.help or "" for a in sub._choices_actions}  # noqa: SLF001
    commands = {name: (helps.get(name, ""), _options(p)) for name, p in sub.choices.items()}
    return _options(parser), commands


def _values(flag: str) -> str | None:
    """The words an option's value completes from (a shell expression for saved queries)."""
    return {"--format": " ".join(f.value for f in Format), "--lang": " ".join(LANGUAGES),
            "--as-of": " ".join(revision_names()), "--shell": " ".join(SHELLS)}.get(flag)


@functools.lru_cache(maxsize=1)
def revision_names() -> list[str]:
    """The names `--as-of` takes (dates aside), from the embedded graph, as
    `kg revisions --names` prints them; `latest` alone if the graph cannot be read."""
    from kg.errors import KgError
    from kg.revisions import names_of
    from kg.store import OxigraphStore

    try:
        return names_of(OxigraphStore.open(()).revisions)
    except KgError:
        return names_of([])


def script(shell: str) -> str:
    """The completion script for ``shell``."""
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell]()


#: The saved-query names, asked of the kg being completed (`~/venv/bin/kg run …`: that kg,
#: not whatever `kg` the PATH finds, or none: the names were silently empty, hunt51 #12).
_SAVED_LIST = '"$(_kg_self)" list --names 2>/dev/null'
_KG_SELF = """_kg_self() {  # the kg typed, a leading ~/ as the home
    local kg="${COMP_WORDS[0]}"
    [[ "$kg" == "~/"* ]] && kg="$HOME/${kg#\\~/}"
    printf '%s' "$kg"
}
"""


def _bash() -> str:
    globals_, commands = command_options()
    cases = [_bash_formats(commands),
             *_bash_cases([*globals_, *(o for _, opts in commands.values() for o in opts)])]
    per_command = "\n".join(
        f'        {name}) opts="{" ".join(f for o in opts for f in o.flags)}";;'
        for name, (_, opts) in commands.items())
    top = " ".join([*commands, *(f for o in globals_ for f in o.flags)])
    valued = " ".join(sorted({f for o in [*globals_, *(o for _, opts in commands.values() for o in opts)]
                              if o.takes_value for f in o.flags}))
    names = f'COMPREPLY=($(compgen -W "$({_SAVED_LIST})" -- "$cur"))'
    return f"""# kg completion for bash. Load it with:  eval "$(kg completion bash)"
# or save it:  kg completion bash > ~/.local/share/bash-completion/completions/kg
{_KG_SELF}_kg() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local commands="{' '.join(commands)}" cmd="" i
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case " $commands " in *" ${{COMP_WORDS[i]}} "*) cmd="${{COMP_WORDS[i]}}"; break;; esac
    done
    case "$prev" in
{chr(10).join(cases)}
    esac
    if [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W "{top}" -- "$cur")); return
    fi
    if [[ "$cur" != -* ]]; then
        local n=0 j  # the command's arguments typed before this one (not options, nor their values)
        for ((j = i + 1; j < COMP_CWORD; j++)); do
            [[ "${{COMP_WORDS[j]}}" == -* ]] && continue
            case " {valued} " in *" ${{COMP_WORDS[j-1]}} "*) continue;; esac
            n=$((n + 1))
        done
        case "$cmd" in
            {"|".join(sorted(_SAVED_ARG))}) ((n == 0)) && {names}; return;;
            completion) ((n == 0)) && COMPREPLY=($(compgen -W "{' '.join(SHELLS)}" -- "$cur")); return;;
            diff) ((n < 2)) && COMPREPLY=($(compgen -W "{' '.join(revision_names())}" -- "$cur")); return;;
        esac
    fi
    local opts=""
    case "$cmd" in
{per_command}
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}}
complete -o default -F _kg kg
"""


def _bash_formats(commands: dict[str, tuple[str, list[_Option]]]) -> str:
    """The `case` of --format: the formats of the command being typed."""
    by_formats: dict[tuple[str, ...], list[str]] = {}
    for name, (_, opts) in commands.items():
        for o in opts:
            if o.formats is not None:
                by_formats.setdefault(o.formats, []).append(name)
    inner = " ".join(f'{"|".join(names)}) words="{" ".join(formats)}";;'
                     for formats, names in by_formats.items())
    return (f'        --format|-f) local words=""; case "$cmd" in {inner} esac; '
            'COMPREPLY=($(compgen -W "$words" -- "$cur")); return;;')


def _bash_cases(options: list[_Option]) -> list[str]:
    """One `case` line per option that takes a value: the words its value completes from."""
    cases: list[str] = []
    seen: set[tuple[str, ...]] = {("--format", "-f")}  # --format: by command (_bash_formats)
    for o in options:
        if not o.takes_value or o.flags in seen:
            continue
        seen.add(o.flags)
        flags, long = "|".join(o.flags), next((f for f in o.flags if f.startswith("--")), "")
        values = _values(long)
        if values:
            reply = f'COMPREPLY=($(compgen -W "{values}" -- "$cur")); '
        elif long in _FILES:  # one word a name, spaces and all; a folder ends in /
            reply = ('compopt -o filenames 2>/dev/null; local IFS=$\'\\n\'; '
                     'COMPREPLY=($(compgen -f -- "$cur")); ')
        elif long in _SAVED:
            reply = f'COMPREPLY=($(compgen -W "$({_SAVED_LIST})" -- "$cur")); '
        else:
            reply = ""
        cases.append(f"        {flags}) {reply}return;;")
    return cases


def _zsh() -> str:
    return ("# kg completion for zsh. Load it with:  eval \"$(kg completion zsh)\"\n"
            "# (zsh runs the bash completion through bashcompinit)\n"
            # compinit only where the user's setup has not run it (it rewrote their dump,
            # and with no HOME wrote /.zcompdump: hunt68 F9)
            "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n"
            "autoload -U +X bashcompinit && bashcompinit\n"
            # (zsh's bashcompinit has no compopt: a folder is offered without its /, and
            # `-o filenames` for every word made `kg do` Tab `kg docs/` beside a docs folder)
            + _bash().split("\n", 2)[2])


def _fish() -> str:
    globals_, commands = command_options()
    lines = ["# kg completion for fish. Load it with:  kg completion fish | source",
             "# or save it:  kg completion fish > ~/.config/fish/completions/kg.fish",
             "function __kg_saved  # the saved-query names of the kg typed (~/ as the home)",
             "    set -l kg (string replace -r '^~(?=/)' -- $HOME (commandline -opc)[1])",
             "    $kg list --names 2>/dev/null",
             "end",
             "complete -c kg -f"]
    names = " ".join(commands)
    for name, (help, _) in commands.items():
        lines.append(f"complete -c kg -n 'not __fish_seen_subcommand_from {names}' "
                     f"-a {name} -d '{_fish_quoted(help)}'")
    saved = "(__kg_saved)"
    lines.append(f"complete -c kg -n '__fish_seen_subcommand_from {' '.join(sorted(_SAVED_ARG))}; "
                 f"and not __fish_seen_subcommand_from {saved}' -a '{saved}'")  # one name
    lines.append(f"complete -c kg -n '__fish_seen_subcommand_from completion' -a '{' '.join(SHELLS)}'")
    lines.append(f"complete -c kg -n '__fish_seen_subcommand_from diff' -a '{' '.join(revision_names())}'")
    for scope, opts in [("", globals_), *((name, opts) for name, (_, opts) in commands.items())]:
        cond = f" -n '__fish_seen_subcommand_from {scope}'" if scope else ""
        for o in opts:
            lines.append(f"complete -c kg{cond}{_fish_flags(o)}")
    return "\n".join(lines) + "\n"


def _fish_quoted(text: str) -> str:
    """``text`` inside fish's single quotes ("a saved query's file" lost its apostrophe)."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


def _fish_flags(o: _Option) -> str:
    parts = []
    for f in o.flags:
        parts.append(f" -l {f[2:]}" if f.startswith("--") else f" -s {f[1:]}")
    long = next((f for f in o.flags if f.startswith("--")), "")
    values = " ".join(o.formats) if o.formats is not None else _values(long)
    if values:
        parts.append(f" -x -a '{values}'")
    elif long in _SAVED:
        parts.append(" -x -a '(__kg_saved)'")
    elif long in _FILES or "-o" in o.flags:
        parts.append(" -r -F")
    elif o.takes_value:
        parts.append(" -x")
    if o.help:
        parts.append(f" -d '{_fish_quoted(textwrap.shorten(o.help, 60, placeholder='…'))}'")
    return "".join(parts)


def _completion_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


@command("completion", "print a shell completion script (bash, zsh or fish)",
         args=_completion_args, unused=("--data", "--as-of", "--endpoint", "--lang"),
         examples=('eval "$(kg completion bash)"', 'eval "$(kg completion zsh)"',
                   "kg completion fish | source"))
def _completion(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(script(args.shell))
    return ExitStatus.OK
