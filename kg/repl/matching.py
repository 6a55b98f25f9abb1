"""Which names a word typed at the prompt completes: one candidate per thing, best first
(:func:`match_names`, the completer's for classes, properties, entities and sources)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator

from kg.repl.index import Name, NameList
from kg.textscan import LOOSE

__all__ = ["match_names", "MAX_CANDIDATES"]

MAX_CANDIDATES = 120  #: a longer menu helps nobody, and costs time on every keystroke
#: Prefix matches after which `match_names` stops: enough for a full menu even when
#: every candidate an earlier matcher offered is among them.
_ENOUGH = 2 * MAX_CANDIDATES


def match_names(names: Iterable[Name], word: str) -> list[Name]:
    """One candidate per thing: names starting with ``word``, then names containing it
    (from two characters on).

    While nothing is typed only main labels are offered. Among the spellings of one
    thing the main label wins, then a spelling matching ``word``'s own case.
    """
    typed = word.lstrip("\"'")
    folded = typed.casefold()
    if not folded:
        return [n for n in names if n.primary]
    best: dict[str, tuple[tuple[int, int, int], int, Name]] = {}
    prefixed: set[str] = set()  #: texts of the things done so far that match by prefix
    last = None
    # a name is named with spaces, hyphens and underscores alike (`"ND H100 v5"` names
    # ND-H100-v5): typed with one, the spellings with another begin with it too
    spelt = {folded, *(LOOSE.sub(sep, folded) for sep in (" ", "-", "_"))} \
        if LOOSE.search(folded) else {folded}
    found = (_merged(names, spelt, folded) if isinstance(names, NameList) else enumerate(names))
    for order, n in found:
        if n.key != last:  # a thing's spellings are adjacent: the previous thing is done
            done = best.get(last) if last is not None else None
            if done is not None and done[0][0] == 0:
                prefixed.add(done[2].text)
                if len(prefixed) >= _ENOUGH:  # later things would only sort after these
                    break
            last = n.key
        if n.fold.startswith(folded) or (len(spelt) > 1 and n.fold.startswith(tuple(spelt))):
            where = 0
        elif len(folded) > 1 and folded in n.fold:
            where = 1
        else:
            continue
        exact = 0 if n.text.lstrip("\"'").startswith(typed) else 1
        rank = (where, 0 if n.primary else 1 + exact, exact)
        if n.key not in best or rank < best[n.key][0]:
            best[n.key] = (rank, order, n)
    ranked = sorted(best.values(), key=lambda item: (item[0][0], item[1]))
    return [n for _, _, n in ranked]


def _merged(names: NameList, spelt: set[str], folded: str) -> Iterator[tuple[int, Name]]:
    """The names :meth:`NameList.matching` finds for ``folded`` (anywhere, from two
    characters on) and, by prefix, for its other spellings ``spelt``, in menu order."""
    if len(spelt) == 1:
        yield from names.matching(folded, len(folded) > 1)
        return
    # merged lazily, in menu order, each name once: the caller stops after enough (a
    # list of every match was 9 ms a keystroke for `"Gen ` at 100k triples)
    last = -1
    for i, name in heapq.merge(names.matching(folded, len(folded) > 1),
                               *(names.matching(other, False) for other in sorted(spelt - {folded})),
                               key=lambda item: item[0]):
        if i != last:
            last = i
            yield i, name
