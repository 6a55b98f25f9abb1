"""Names people type, beyond the exact label, alias or local name.

When no entity has the exact name, kg tries, in order:

1. the same name with spaces, hyphens and underscores ignored (``ND H100 v5`` is
   ``ND-H100-v5``, ``ncads h100 v5`` is ``NCads_H100_v5``);
2. a version completed or cut to a release that exists (``CUDA 12`` is ``CUDA 12.0``,
   ``PyTorch 2.4.1`` is ``PyTorch 2.4`` when 2.4.1 has no entity of its own; a bare
   ``12.0.1`` is what the alias ``12.0`` names, a bare ``12`` is no version).

:func:`find_named` is the one way a name typed anywhere (a statement, a saved query's
parameter) finds its entities: exactly, else as above.

And when nothing fits, :func:`nearest_versions` names the versions nearest to the one
typed (``CUDA 12.3`` → ``CUDA 12.2``, ``CUDA 12.4``; a bare ``12.3`` among the versions of
the classes asked for), not the closest strings.

>>> loose_key("ND H100 v5") == loose_key("nd-h100_v5")
True
>>> version_forms("CUDA 12"), version_forms("PyTorch 2.4.1"), version_forms("12.0.1")
(['CUDA 12.0'], ['PyTorch 2.4'], ['12.0'])
"""

from __future__ import annotations

import re
from itertools import zip_longest

from kg.ontology import Entity, Ontology, loose_key

__all__ = ["find_named", "find_loosely", "loose_key", "version_forms", "nearest_versions"]

_VERSIONED = re.compile(r"(.*?)\s*v?([0-9]+(?:\.[0-9]+)*)")
_MAX_PARTS = 3  #: the most parts of a version a name is cut from (major.minor.patch)
#: Longer names are never read for a version (the match would cost quadratic time).
_MAX_VERSIONED = 200


def version_forms(name: str) -> list[str]:
    """Other spellings of a versioned name: ``X 12`` → ``X 12.0``; ``X 2.4.1`` → ``X 2.4``."""
    m = _versioned(name, bare=True)
    if not m:
        return []
    prefix, parts = m.group(1).rstrip(), m.group(2).split(".")
    if len(parts) > _MAX_PARTS:  # no release has one: 12.0.1.5 was CUDA 12.0
        return []
    if not prefix:  # a bare number is not read as a version; a bare 12.0.1 is one
        return [".".join(parts[:n]) for n in range(len(parts) - 1, 1, -1)]
    if len(parts) == 1:
        return [f"{prefix} {parts[0]}.0"]
    return [f"{prefix} {'.'.join(parts[:n])}" for n in range(len(parts) - 1, 1, -1)]


_IRI = re.compile(r"(?:https?|urn|file):\S+$")  #: an absolute IRI, as a name may be one


def find_named(onto: Ontology, name: str, within: frozenset[str] | None = None) -> list[Entity]:
    """The entities ``name`` names, those of the classes ``within`` first: by its IRI
    (an entity two others' names make ambiguous can be named so), by an exact label,
    alias or local name, else loosely (:func:`find_loosely`)."""
    if _IRI.match(name):
        record = onto.record(name)
        if record is not None:  # of another class too, as a label finds it: that it is none
            return [record]  # of theirs is the caller's to say (not "unknown": hunt127 N1)
    return onto.find_entity(name, within) or find_loosely(onto, name, within)


def find_loosely(onto: Ontology, name: str, within: frozenset[str] | None = None) -> list[Entity]:
    """Entities ``name`` means when no entity has that exact name (see the module doc).
    What loose names ignore lies between words: a name starting or ending with a hyphen
    or an underscore is taken exactly (`-12.0` named CUDA 12.0, by its alias `12.0`)."""
    for text in (name, *version_forms(name)):
        found = (onto.find_entity(text, within) if text != name else []) \
            or (onto.find_entity(text, within, loose=True) if _between(text) else [])
        found = [e for e in found if text == name or _release_of(e.label(), name)]
        if found:
            return found
    return []


def _release_of(label: str, name: str) -> bool:
    """May ``name``, a version cut to a release's alias, mean the entity labelled ``label``?
    Its version must be one the label's extends (``PyTorch 2.4`` is the release of 2.4.1),
    not another patch level (``TensorFlow 2.16`` is the alias of TensorFlow 2.16.1, which
    is not 2.16.0: no fact of kg is about 2.16.0, hunt49 F5)."""
    have, typed = _versioned(label, bare=True), _versioned(name, bare=True)
    if not have or not typed:
        return True
    mine, wanted = _numbers(have.group(2)), _numbers(typed.group(2))
    return wanted[:len(mine)] == mine or mine == _padded(wanted, len(mine))


def _between(name: str) -> bool:
    """Are the separators a loose name ignores all between its words?"""
    text = name.strip()
    return not (text[:1] in _EDGES or text[-1:] in _EDGES)


_EDGES = frozenset("-_")


def nearest_versions(onto: Ontology, name: str, within: frozenset[str] | None = None,
                     limit: int = 3) -> list[str]:
    """Names of the same family whose versions are nearest to the one in ``name`` (a bare
    version: of any family, among the entities of the classes ``within`` where given)."""
    m = _versioned(name, bare=True)  # (`check NCv3 with 12.10`: 12.1 first, by its text)
    if not m or not (m.group(1) or "." in m.group(2) or within):  # a bare 7 is no version,
        return []  # but among the entities of a class (`cuda=14`: hunt89 F5)
    family, wanted = loose_key(m.group(1)), _numbers(m.group(2))
    scope = set().union(*(onto.subclasses(c) for c in within)) if within else None
    found: list[tuple[tuple[int, ...], str]] = []
    for e in onto.entities.values():
        if scope is not None and not e.types & scope:
            continue
        label = e.label()
        em = _versioned(label)
        if em and (loose_key(em.group(1)) == family if family else  # a bare version: of a
                   "." in em.group(2) and not any(ch.isdigit() for ch in em.group(1))):
            # name and a dotted version alone (not a build's `PyTorch 2.8 + CUDA 12.9`, DSv3)
            found.append((_numbers(em.group(2)), label))
    width = max((len(v) for v, _ in found), default=0) + len(wanted)
    key = _padded(wanted, width)
    below = sorted(((_padded(v, width), label) for v, label in found if _padded(v, width) <= key),
                   reverse=True)
    above = sorted((_padded(v, width), label) for v, label in found if _padded(v, width) > key)
    # the neighbours in version order first, either side: 12.10 lies between 12.9 and 13.0
    mixed = [x for pair in zip_longest(below, above) for x in pair if x is not None]
    if len(wanted) > 2:  # another patch of the same release first (2.16.0: 2.16.1)
        line = _padded(wanted[:-1], width)[:len(wanted) - 1]
        mixed.sort(key=lambda x: x[0][:len(wanted) - 1] != line)
    return list(dict.fromkeys(label for _, label in mixed))[:limit]


def _padded(version: tuple[int, ...], width: int) -> tuple[int, ...]:
    return (version + (0,) * width)[:width]


def _versioned(name: str, *, bare: bool = False) -> re.Match[str] | None:
    """A name's family and version, when it ends in one (and is not absurdly long); with
    ``bare``, also a version alone (``12.0.1``: no family)."""
    text = name.strip()
    if len(text) > _MAX_VERSIONED:
        return None
    m = _VERSIONED.fullmatch(text)
    return m if m and (m.group(1) or (bare and text[:1].isdigit())) else None


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))
