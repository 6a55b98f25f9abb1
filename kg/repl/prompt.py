"""The prompt the REPL reads from: one prompt_toolkit ``PromptSession`` with kg's lexer,
completer, history, suggestions, keys and style (:func:`build_session`)."""

from __future__ import annotations

from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.input import Input
from prompt_toolkit.layout.processors import TabsProcessor
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.shortcuts import CompleteStyle

from kg.paths import dumb_terminal
from kg.repl.completer import KgCompleter
from kg.repl.highlight import KgLexer
from kg.repl.history import open_history
from kg.repl.keys import bindings
from kg.repl.state import CONTINUATION, ReplState, no_color
from kg.repl.style import repl_style

__all__ = ["build_session", "MENU_ROWS"]


#: The rows kept free below the prompt for the completion menu (prompt_toolkit's 8 left a
#: window of 7 rows only "Window too small...", the results unseen: hunt88 #1; pgcli's 4)
MENU_ROWS = 4


def build_session(state: ReplState, *, input: Input | None = None,
                  output: Output | None = None, history: Path | None = None) -> PromptSession[str]:
    """The one PromptSession: lexer, completer, history, suggestions, keys and style."""
    completer = KgCompleter(state)
    plain = dumb_terminal()  # prompt_toolkit's plain mode only prints what is typed: a
    # completion or suggestion taken showed one text and ran another (hunt88 #3); none there
    return PromptSession(
        state.prompt,
        multiline=True,
        prompt_continuation=_continuation,
        lexer=KgLexer(lambda name: completer.index.kinds_of_name(name)),
        completer=None if plain else completer,
        complete_while_typing=not plain,
        complete_style=CompleteStyle.COLUMN,
        reserve_space_for_menu=MENU_ROWS,
        history=open_history(history, state.warn),
        auto_suggest=None if plain else AutoSuggestFromHistory(),
        key_bindings=bindings(state.warn),
        style=repl_style(),
        include_default_pygments_style=False,
        color_depth=ColorDepth.MONOCHROME if no_color() else None,
        input=input,
        output=output,
        enable_suspend=True,  # Ctrl-Z, as in a shell (it typed a ^Z: hunt58 F3)
        input_processors=[TabsProcessor(char1=" ", char2=" ")],  # a tab in a paste as white
    )  # space, as in the file it came from (it showed `^I`: hunt88 #10)


def _continuation(width: int, line_number: int, is_soft_wrap: int) -> StyleAndTextTuples:
    """``..>`` under the prompt on a statement's next lines; blank where a long line wraps.
    The bracket the lines before leave open shows in it, as psql's ``db(#``: ``(.>``,
    ``[.>`` (a blank line did not end such a statement, and nothing said why: hunt109 F10)."""
    if is_soft_wrap:
        return [("class:continuation", " " * width)]
    return [("class:continuation", (_opened(line_number) + CONTINUATION[1:]).rjust(width))]


def _opened(line_number: int) -> str:
    """The bracket the lines before ``line_number`` leave open, else ``.``."""
    from prompt_toolkit.application import get_app

    from kg.textscan import scan

    try:
        lines = get_app().current_buffer.document.lines[:line_number]
    except Exception:  # noqa: BLE001 - no application (a test's call): the plain prompt
        return CONTINUATION[0]
    text = "\n".join(lines)
    found = scan(text)
    while found.string_at is not None:  # a string ends at its line (KGQ's grammar): what
        end = text.find("\n", found.string_at)  # keeps the statement open is a bracket
        text = text[: found.string_at] + ("" if end < 0 else text[end:])  # (hunt112 F5)
        found = scan(text)
    return text[found.brackets[-1]] if found.brackets else CONTINUATION[0]
