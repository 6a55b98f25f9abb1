"""The seeds of the fuzz: every documented example (``docs/language.md``) and every saved
query (``queries/*.kgq``), with the values of their parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: A value for each parameter name the seeds use (a saved query's own default wins).
PARAMS = {"series": "NCv3", "arch": "Volta", "cuda": "CUDA 12.1", "target": "Kubernetes",
          "feature": "AutoML", "release": "PyTorch 2.4", "p": "Volta", "name": "NCv3",
          "framework": "PyTorch", "category": "GPU", "x": "1"}


@dataclass(frozen=True)
class Vocabulary:
    """The names statements are built from: the graph's classes, properties and entities."""

    classes: list[str]
    properties: list[str]
    entities: list[str] = field(default_factory=list)  #: labels (quoted where they must be)


def examples() -> list[str]:
    """Every KGQ example of docs/language.md."""
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    return [e.strip() for e in re.findall(r"```kgq\n(.*?)```", text, flags=re.S)]


def saved_queries() -> tuple[list[str], dict[str, str]]:
    """The text of every saved query (comments kept), and the defaults of their parameters."""
    texts, params = [], dict(PARAMS)
    for path in sorted((ROOT / "queries").glob("*.kgq")):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        for name, default in re.findall(r"^# param (\w+):[^=\n]*=\s*(.+)$", text, flags=re.M):
            params.setdefault(name, default.strip().strip('"'))
    return texts, params


def seeds() -> tuple[list[str], dict[str, str]]:
    """All seeds, and a value for every parameter they use."""
    texts, params = saved_queries()
    return examples() + texts, params


def vocabulary() -> Vocabulary:
    """The names of the embedded graph (opened once, to read its ontology)."""
    from kg.session import Graph

    onto = Graph.open().ontology
    classes = sorted({c.name for c in onto.classes.values()})
    properties = sorted({p.name for p in onto.properties.values()})
    labels = sorted({e.label("en") for e in onto.entities.values()})
    entities = [label if re.fullmatch(r"[A-Za-z_][\w\-]*", label) else _quote(label)
                for label in labels]
    return Vocabulary(classes, properties, entities)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
