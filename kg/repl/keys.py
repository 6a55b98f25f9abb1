"""Key bindings of the REPL; each binding's docstring is its line in ``.help keys``.

Enter runs a complete statement and inserts a newline in an incomplete one
(a trailing ``|``, an open bracket, a string left open on the last line).
"""

from __future__ import annotations

from prompt_toolkit.filters import Condition, has_completions
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from kg.repl.highlight import tokens
from kg.textscan import scan

__all__ = ["bindings", "is_incomplete", "describe_keys"]

_SKIPPED = {"WS", "COMMENT"}


def is_incomplete(text: str) -> bool:
    """Does ``text`` need more lines: a trailing ``|``, an open bracket or string?

    >>> is_incomplete("VMSeries |"), is_incomplete("VMSeries | count")
    (True, False)
    >>> is_incomplete("VMSeries | where architecture in [Volta,")
    True
    """
    if not text.strip() or text.lstrip().startswith("."):
        return False
    significant = [(t, s) for t, s in tokens(text) if t not in _SKIPPED]
    if not significant:
        return False
    last_type = significant[-1][0]
    if last_type == "OPEN_STRING":
        return "\n" not in text[text.rfind(significant[-1][1]):]
    return last_type == "VBAR" or bool(scan(text).brackets)


def bindings() -> KeyBindings:
    """The REPL's own keys (prompt_toolkit's Emacs keys stay: Ctrl-R, Ctrl-A, …)."""
    kb = KeyBindings()

    @kb.add("enter", filter=has_completions & Condition(_menu_has_selection))
    def _accept_completion(event: KeyPressEvent) -> None:
        """Enter (in the completion menu): take the highlighted candidate."""
        buffer = event.current_buffer
        buffer.complete_state = None

    @kb.add("enter", filter=~(has_completions & Condition(_menu_has_selection)))
    def _enter(event: KeyPressEvent) -> None:
        """Enter: run the statement, or start a new line while it is incomplete."""
        buffer = event.current_buffer
        if is_incomplete(buffer.text):
            buffer.newline(copy_margin=False)
            buffer.insert_text("  ")
        else:
            buffer.validate_and_handle()

    @kb.add("escape", "enter")
    def _run_now(event: KeyPressEvent) -> None:
        """Alt-Enter: run the statement as it is, even when it looks incomplete."""
        event.current_buffer.validate_and_handle()

    @kb.add("c-c")
    def _cancel(event: KeyPressEvent) -> None:
        """Ctrl-C: clear the line (a running statement is cancelled too)."""
        buffer = event.current_buffer
        if buffer.text:
            buffer.reset()
        else:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @kb.add("c-space")
    def _complete(event: KeyPressEvent) -> None:
        """Ctrl-Space: show what may come next (as Tab does)."""
        event.current_buffer.start_completion(select_first=False)

    return kb


def _menu_has_selection() -> bool:
    from prompt_toolkit.application.current import get_app

    state = get_app().current_buffer.complete_state
    return bool(state and state.current_completion is not None)


_FIXED = (
    "Tab: complete (again: next candidate) · Shift-Tab: previous candidate",
    "Up/Down: history · Ctrl-R: search the history · →: take the grey suggestion",
    "Ctrl-D: leave (on an empty line)",
)


def describe_keys() -> str:
    """The keys, one per line: the bindings' own docstrings, then prompt_toolkit's."""
    kb = bindings()
    lines = [(b.handler.__doc__ or "").strip() for b in kb.bindings]
    return "\n".join([line for line in lines if line] + list(_FIXED))
