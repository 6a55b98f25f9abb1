"""Colors of the REPL: token classes from :mod:`kg.repl.highlight`, the menu, the prompt."""

from __future__ import annotations

from prompt_toolkit.styles import Style

__all__ = ["repl_style"]

_RULES = {
    "prompt": "bold",
    "continuation": "ansibrightblack",
    "kgq.keyword": "ansiblue bold",
    "kgq.operator": "ansibrightblack",
    "kgq.class": "ansigreen bold",
    "kgq.property": "ansicyan",
    "kgq.entity": "ansiyellow",
    "kgq.name": "",
    "kgq.string": "ansiyellow",
    "kgq.number": "ansimagenta",
    "kgq.param": "ansimagenta bold",
    "kgq.comment": "ansibrightblack italic",
    "kgq.command": "ansimagenta",
    "kgq.error": "bg:ansired ansiwhite",
    "completion-menu.completion": "bg:#303030 #dddddd",
    "completion-menu.completion.current": "bg:#5f87af #ffffff bold",
    "completion-menu.meta.completion": "bg:#404040 #aaaaaa",
    "completion-menu.meta.completion.current": "bg:#5f87af #eeeeee",
    # italic too: under NO_COLOR (no colors at all) a grey suggestion looked typed, and Enter
    # ran what was typed without it (hunt32-repl #5)
    "auto-suggestion": "ansibrightblack italic",
}


def repl_style() -> Style:
    """The REPL's style (NO_COLOR is honoured by the color depth, in :mod:`kg.repl.app`)."""
    return Style.from_dict(_RULES)
