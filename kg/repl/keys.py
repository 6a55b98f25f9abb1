"""Key bindings of the REPL; each binding's docstring is its line in ``.help keys``.

Enter runs a complete statement and inserts a newline in an incomplete one (a trailing
``|``, an open bracket: :func:`~kg.repl.script.is_incomplete`, the rule ``.read`` cuts a
script by; a string left open is no reason to go on, as no line can close it). While
Ctrl-R searches the history, Enter and Ctrl-C are the search's own: Enter takes the
entry found into the line, Ctrl-C gives up the search.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from prompt_toolkit import search
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.completion import CompleteEvent, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import (
    Condition,
    has_completions,
    is_read_only,
    is_searching,
    vi_navigation_mode,
)
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.key_binding.vi_state import InputMode
from prompt_toolkit.keys import Keys

from kg.limits import MAX_PASTE_CHARS, MAX_QUERY_CHARS
from kg.repl.script import is_incomplete, script_lines, script_statements

__all__ = ["bindings", "is_incomplete", "describe_keys", "complete_or_take"]


def bindings(warn: Callable[[str], None] | None = None) -> KeyBindings:
    """The REPL's own keys (prompt_toolkit's Emacs keys stay: Ctrl-R, Ctrl-A, …);
    ``warn`` prints a message above the prompt (default: to stderr)."""
    kb = KeyBindings()
    menu = has_completions & Condition(_menu_has_selection)

    @kb.add("enter", filter=menu & ~is_searching)
    def _accept_completion(event: KeyPressEvent) -> None:
        """Enter (in the completion menu): take the highlighted candidate."""
        buffer = event.current_buffer
        buffer.complete_state = None

    @kb.add("enter", filter=~menu & ~is_searching)
    def _enter(event: KeyPressEvent) -> None:
        """Enter: run the statement, or start a new line while it is incomplete (on a
        blank line, one only the grammar finds unfinished runs, as in a script)."""
        buffer = event.current_buffer
        if is_incomplete(buffer.text):
            if _in_word(buffer.document):  # the line goes on after the text, not in the word
                buffer.cursor_position = len(buffer.text)  # (`w` / `here`: hunt70 F13)
            buffer.newline(copy_margin=False)
            buffer.insert_text("  ")
        else:
            buffer.validate_and_handle()

    _add_lines(kb)
    _add_change_word(kb)

    @kb.add("c-c", filter=~is_searching)
    def _cancel(event: KeyPressEvent) -> None:
        """Ctrl-C: drop what is typed, which stays on the screen above a fresh prompt, as in
        bash; while a statement runs, cancel it."""
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")  # (it was wiped,
        # with no copy anywhere: hunt88 #4)

    _add_completion(kb)
    _add_search(kb)

    @kb.add("c-x", "c-e", filter=~is_searching)
    def _edit(event: KeyPressEvent) -> None:
        """Ctrl-X Ctrl-E: edit the statement in $VISUAL or $EDITOR, then run what it saves."""
        from kg.repl.editor import edit

        edit(event.current_buffer, warn or _stderr)

    _add_paste(kb, warn or _stderr)
    return kb


def _add_completion(kb: KeyBindings) -> None:
    @kb.add("tab", filter=~is_searching)
    def _tab(event: KeyPressEvent) -> None:
        """Tab: complete (again: the next candidate); a single one is taken, the next Tab goes on."""
        complete_or_take(event.current_buffer)

    @kb.add("c-space")
    def _complete(event: KeyPressEvent) -> None:
        """Ctrl-Space: show what may come next (as Tab does)."""
        event.current_buffer.start_completion(select_first=False)


def _add_paste(kb: KeyBindings, warn: Callable[[str], None]) -> None:
    @kb.add(Keys.BracketedPaste)
    def _paste(event: KeyPressEvent) -> None:
        """Paste: inserted whole; one that would make a statement, or the line, too long is refused."""
        # several short statements that added up to more than one statement's limit were
        # refused: a statement's limit, and MAX_PASTE_CHARS for the line (hunt32-repl #3)
        data = event.data.replace("\r\n", "\n").replace("\r", "\n")
        buffer = event.current_buffer
        message = too_long_paste(buffer.document.text_before_cursor + data
                                 + buffer.document.text_after_cursor, len(data))
        if message is None:
            buffer.insert_text(data)
            return
        run_in_terminal(lambda: warn(message))


def _add_search(kb: KeyBindings) -> None:
    """Ctrl-R searches the history as prompt_toolkit does; Ctrl-C or Ctrl-G while searching
    gives up and puts back the line as it was before the search. prompt_toolkit's own put
    back the line after one Ctrl-R, but after two or more left the entry the one before the
    last showed, so Enter ran a statement no one chose (hunt32-repl #6)."""
    before: dict[int, tuple[int, Document]] = {}  # buffer → where it was, for the search on

    @kb.add("c-r", filter=~is_searching)
    def _search(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        before[id(buffer)] = (buffer.working_index, buffer.document)
        search.start_search(direction=search.SearchDirection.BACKWARD)

    @kb.add("c-c", filter=is_searching, eager=True)
    @kb.add("c-g", filter=is_searching, eager=True)
    def _give_up(event: KeyPressEvent) -> None:
        search.stop_search()
        buffer = event.app.current_buffer
        was = before.pop(id(buffer), None)
        if was is not None:
            buffer.working_index, buffer.document = was[0], was[1]


def too_long_paste(text: str, pasted: int) -> str | None:
    """Why a paste of ``pasted`` characters that makes the line ``text`` is refused: a
    statement in it is too long, or the line; None when it is not."""
    if len(text) > MAX_PASTE_CHARS:
        return (f"paste refused: {pasted:,} characters, and one paste puts at most "
                f"{MAX_PASTE_CHARS:,} in the line (.read FILE runs a longer script)")
    if len(text) <= MAX_QUERY_CHARS:
        return None
    for line, statement in script_statements(script_lines(text)):
        if len(statement) > MAX_QUERY_CHARS:
            return (f"paste refused: the statement on its line {line} would have "
                    f"{len(statement):,} characters, and a statement has at most "
                    f"{MAX_QUERY_CHARS:,}")
    return None


def complete_or_take(buffer: Buffer) -> None:
    """Tab: a single candidate is inserted and the menu closed, as bash and pgcli do (a menu
    of one stayed open, so the next Tab went back to the text typed instead of into the
    folder just completed); else prompt_toolkit's Tab: the common part, then the menu, then
    the next candidate."""
    state = buffer.complete_state
    if state is not None:
        candidates = state.completions
    elif buffer.completer is not None:
        event = CompleteEvent(completion_requested=True)
        candidates = list(islice(buffer.completer.get_completions(buffer.document, event), 2))
    else:
        candidates = []
    if len(candidates) == 1 and not _does_nothing(buffer, candidates[0]):
        buffer.apply_completion(candidates[0])
    elif state is not None:
        buffer.complete_next()
    else:
        buffer.start_completion(insert_common_part=True)


def _does_nothing(buffer: Buffer, candidate: Completion) -> bool:
    """Would ``candidate`` leave the text as it is (the word typed is the candidate)?"""
    before = (buffer.complete_state.original_document if buffer.complete_state
              else buffer.document).text_before_cursor
    return before[len(before) + candidate.start_position:] == candidate.text


def _stderr(text: str) -> None:
    import sys

    print(text, file=sys.stderr)


def _menu_has_selection() -> bool:
    from prompt_toolkit.application.current import get_app

    state = get_app().current_buffer.complete_state
    return bool(state and state.current_completion is not None)


_FIXED = (
    "Shift-Tab: the previous candidate",
    "Up/Down: history · →: take the grey (italic) suggestion",
    "Ctrl-R: search the history (again: older) · Enter: take the entry found · Ctrl-C or "
    "Ctrl-G: give up, the line as it was",
    "Ctrl-D: leave (on an empty line) · Ctrl-Z: stop the REPL (fg: back)",
)


def _add_lines(kb: KeyBindings) -> None:
    """Alt-Enter and Ctrl-O: run now, or go on over lines, whatever Enter would do."""

    @kb.add("escape", "enter", filter=~is_searching)
    def _run_now(event: KeyPressEvent) -> None:
        """Alt-Enter: run the statement as it is, even when it looks incomplete."""
        event.current_buffer.validate_and_handle()

    @kb.add("c-o", filter=~is_searching)
    def _new_line(event: KeyPressEvent) -> None:
        """Ctrl-O: a new line at the cursor, the statement not run (as in IPython)."""
        # (Enter ran a complete one: one from the history could not be laid out over lines,
        # hunt120 F7)
        event.current_buffer.newline(copy_margin=False)
        event.current_buffer.insert_text("  ")


def _add_change_word(kb: KeyBindings) -> None:
    @kb.add("c", "w", filter=vi_navigation_mode & ~is_read_only)
    def _change_word(event: KeyPressEvent) -> None:
        """c w (vi): change to the end of the word, keeping the space after it, as vim does."""
        # (prompt_toolkit's `w` took the space too, as `dw` does: hunt109 F11, hunt120 F5)
        buffer = event.current_buffer
        doc = buffer.document
        if doc.current_char.isspace() or not doc.current_char:  # on a blank: as `dw`
            end = doc.find_next_word_beginning(count=event.arg) or len(doc.text_after_cursor)
        else:
            end = doc.find_next_word_ending(include_current_position=True, count=event.arg) or 0
        event.app.clipboard.set_text(buffer.delete(count=end))
        event.app.vi_state.input_mode = InputMode.INSERT


def describe_keys() -> str:
    """The keys, one per line: the bindings' own docstrings, then prompt_toolkit's."""
    kb = bindings()
    lines = [" ".join((b.handler.__doc__ or "").split()) for b in kb.bindings]  # (a docstring
    # of two lines showed its indent)
    return "\n".join([line for line in lines if line] + list(_FIXED))


def _in_word(doc: Document) -> bool:
    """Whether the cursor is inside a word (a name, a keyword, a number), a character of
    one on each side."""
    return all(ch and (ch.isalnum() or ch in "_-.$")
               for ch in (doc.char_before_cursor, doc.current_char))
