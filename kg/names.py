"""Names people type, beyond the exact label, alias or local name.

When no entity has the exact name, kg tries, in order:

1. the same name with spaces, hyphens and underscores ignored (``ND H100 v5`` is
   ``ND-H100-v5``, ``ncads h100 v5`` is ``NCads_H100_v5``);
2. a version completed or cut to a release that exists (``CUDA 12`` is ``CUDA 12.0``,
   ``PyTorch 2.4.1`` is ``PyTorch 2.4`` when 2.4.1 has no entity of its own).

And when nothing fits, :func:`nearest_versions` names the versions nearest to the one
typed (``CUDA 12.3`` → ``CUDA 12.2``, ``CUDA 12.4``), not the closest strings.

>>> loose_key("ND H100 v5") == loose_key("nd-h100_v5")
True
>>> version_forms("CUDA 12"), version_forms("PyTorch 2.4.1")
(['CUDA 12.0'], ['PyTorch 2.4'])
"""

from __future__ import annotations

import re
from collections import OrderedDict

from kg.ontology import Entity, Ontology, local_name
from kg.vocab import SRC

__all__ = ["find_loosely", "loose_key", "version_forms", "nearest_versions"]

_SEPARATORS = re.compile(r"[\s_\-]+")
_VERSIONED = re.compile(r"(.*?)\s*v?(\d+(?:\.\d+)*)")
_VERSIONED_CHARS = 200  #: longer names are no versioned names (the match is quadratic)
#: Loose-name indexes of the last few ontologies (a process rarely holds more than two).
_INDEXES: OrderedDict[int, tuple[Ontology, dict[str, list[str]]]] = OrderedDict()


def loose_key(name: str) -> str:
    """A name with case, spaces, hyphens and underscores ignored."""
    return _SEPARATORS.sub("", name.casefold())


def version_forms(name: str) -> list[str]:
    """Other spellings of a versioned name: ``X 12`` → ``X 12.0``; ``X 2.4.1`` → ``X 2.4``."""
    m = _VERSIONED.fullmatch(name.strip()) if len(name) <= _VERSIONED_CHARS else None
    if not m or not m.group(1):
        return []
    prefix, parts = m.group(1).rstrip(), m.group(2).split(".")
    if len(parts) == 1:
        return [f"{prefix} {parts[0]}.0"]
    return [f"{prefix} {'.'.join(parts[:n])}" for n in range(len(parts) - 1, 1, -1)]


def find_loosely(onto: Ontology, name: str, within: frozenset[str] | None = None) -> list[Entity]:
    """Entities ``name`` means when no entity has that exact name (see the module doc)."""
    for text in (name, *version_forms(name)):
        found = onto.find_entity(text, within) if text != name else []
        if not found:
            found = _scoped(onto, [onto.entities[i] for i in _index(onto).get(loose_key(text), [])],
                            within)
        if found:
            return found
    return []


def nearest_versions(onto: Ontology, name: str, within: frozenset[str] | None = None,
                     limit: int = 3) -> list[str]:
    """Names of the same family whose versions are nearest to the one in ``name``."""
    m = _VERSIONED.fullmatch(name.strip()) if len(name) <= _VERSIONED_CHARS else None
    if not m or not m.group(1):
        return []
    family, wanted = loose_key(m.group(1)), _numbers(m.group(2))
    close: list[tuple[tuple[int, ...], str]] = []
    for e in _scoped(onto, list(onto.entities.values()), within):
        label = e.label()
        em = _VERSIONED.fullmatch(label)
        if em and em.group(1) and loose_key(em.group(1)) == family:
            have = _numbers(em.group(2))
            width = max(len(have), len(wanted))
            pad = (have + (0,) * width)[:width], (wanted + (0,) * width)[:width]
            close.append((tuple(abs(a - b) for a, b in zip(*pad)), label))
    close.sort()
    return [label for _, label in close[:limit]]


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def _scoped(onto: Ontology, found: list[Entity], within: frozenset[str] | None) -> list[Entity]:
    if not within or not found:
        return found
    wanted = set().union(*(onto.subclasses(c) for c in within))
    return [e for e in found if e.types & wanted] or found


def _index(onto: Ontology) -> dict[str, list[str]]:
    """Loose key → entity IRIs, built once per ontology."""
    cached = _INDEXES.get(id(onto))
    if cached is not None and cached[0] is onto:
        _INDEXES.move_to_end(id(onto))
        return cached[1]
    index: dict[str, list[str]] = {}
    for e in onto.entities.values():
        if e.iri.startswith(SRC):
            continue  # sources are named exactly
        for n in {*e.labels.values(), *e.aliases, local_name(e.iri)}:
            iris = index.setdefault(loose_key(n), [])
            if e.iri not in iris:
                iris.append(e.iri)
    _INDEXES[id(onto)] = (onto, index)
    while len(_INDEXES) > 4:
        _INDEXES.popitem(last=False)
    return index
