"""The kinds of thing completion can offer: what :func:`kg.repl.suggest.suggest` returns.

Step one of completion names these; step two (:data:`kg.repl.completer.MATCHERS`)
turns each into candidates.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

from kg.checked import Kind
from kg.literals import LiteralKind, is_literal
from kg.names import find_named
from kg.records import record

if TYPE_CHECKING:
    from kg.ontology import Ontology

__all__ = [
    "Keyword", "ClassName", "EntityName", "PropertyName", "Literal", "Parameter",
    "DotCommand", "CommandArg", "Kinds", "Suggestion",
]


@record
class Keyword:
    """Keywords and operators the grammar accepts here."""

    words: tuple[str, ...]
    operators: tuple[str, ...] = ()


@record
class ClassName:
    """A class name (a source, ``is``, ``schema``); of ``within`` alone where given (`where
    is`: the classes the rows' instances have, :meth:`~kg.repl.index.NameIndex.overlapping`)."""

    within: frozenset[str] = frozenset()


@record
class SourceName:
    """A source (a page section or table, an outside document), after ``from``."""


@record
class EntityName:
    """An entity, of ``classes`` when given (any entity otherwise); ``as_name``: compared
    with a ``name`` (`where name =`), where a quoted text is text as written, so an alias
    only names the entity bare (`NC_Promo`), and one that needs quotes gives way to the
    entity's label (`"12.0"` matched nothing: hunt139 F1)."""

    classes: frozenset[str] = frozenset()
    as_name: bool = False
    #: the names a list holds already (`in [GPU, `: GPU was offered again), casefolded
    listed: frozenset[str] = frozenset()


@record
class PropertyName:
    """A property of what a path has reached (walked backwards when ``inverse``)."""

    kind: Kind
    inverse: bool = False
    to_entities: bool = False  #: only those whose values are entities (`follow`)


@record
class Literal:
    """A closed set of literal values (``true``/``false``, the verdicts of `check with`)."""

    words: tuple[str, ...]
    meta: str = "boolean"  #: what the menu says they are


@record
class Parameter:
    """A ``$name`` set with ``.set``; where a value of ``kind`` is due, those whose value is
    one alone (a `$arch` of Volta was offered, and taken on Tab, after `retiredOn >`:
    hunt109 F2)."""

    kind: Kind | None = None
    #: where one of a closed set of words is due (a verdict, a support cell's yes or no)
    words: tuple[str, ...] = ()

    def takes(self, onto: Ontology, value: object) -> bool:
        """May a parameter of ``value`` stand here?"""
        kind, text = self.kind, str(value)
        if self.words:
            return text.strip().casefold() in {w.strip('"').casefold() for w in self.words}
        if kind is None:
            return True
        if not kind.is_entity:
            return is_literal(kind.tag.literal, text)
        if kind.compares_by is not None and is_literal(LiteralKind.VERSION, text):
            return True
        return any(not kind.classes or any(onto.is_a(e.iri, c) for c in kind.classes)
                   for e in find_named(onto, text, kind.classes))


@record
class DotCommand:
    """A REPL command name after a leading ``.``."""


@record
class CommandArg:
    """The ``position``-th argument of the dot-command ``command``, after ``before``."""

    command: str
    position: int
    before: tuple[str, ...] = ()


Kinds = (ClassName | SourceName | EntityName | PropertyName | Keyword | Literal | Parameter | DotCommand
         | CommandArg)


@record
class Suggestion:
    """The word being typed (replaced by a completion) and what may replace it.

    ``longer`` reads the last few bare words as one name typed without quotes
    (``describe Azure Cont`` → ``"Azure Container Instances"``).
    """

    word: str
    kinds: tuple[Kinds, ...] = field(default_factory=tuple)
    longer: Suggestion | None = None
    #: the longer reading's candidates before this one's; not after a whole name and a
    #: space (`neighbors NCv3 `: `depth` first, not longer names that would replace NCv3)
    longer_first: bool = True
