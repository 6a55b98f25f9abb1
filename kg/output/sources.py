"""Where the facts behind a result come from: each source (a named graph) with its label,
section and firmness, and the documents (a file in a repository at a commit, or a web page)
it was derived from, as footnotes name them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.context import Context
from kg.i18n import pick
from kg.output.subgraph import descriptions
from kg.records import record
from kg.vocab import DCTERMS, KG, PROV, RDFS

__all__ = ["Document", "SourceInfo", "describe_sources", "WEB_SCHEMES"]


@record
class Document:
    """A document a source comes from: a file in a repository at a commit, or a web page."""

    iri: str
    label: str
    repository: str | None = None
    path: str | None = None
    commit: str | None = None
    url: str | None = None  #: where to read it (``dcterms:source``), if known


@record
class SourceInfo:
    """A source (a named graph): its label and section in the output's language, how firm it
    is, and the documents it was derived from."""

    iri: str
    label: str
    section: str | None
    firmness: str
    documents: tuple[Document, ...]
    url: str | None = None  #: the source's own address (``dcterms:source``: a web page's)


def describe_sources(ctx: Context, graphs: Iterable[str], lang: str) -> dict[str, SourceInfo]:
    """Each source in ``graphs`` (named graph IRIs), described from the default graph."""
    wanted = sorted(set(graphs))
    about: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list))
    for s, p, o in descriptions(ctx, wanted):
        about[s.value][p.value].append(o)
    out = {}
    current = ctx.store.revision.iri if ctx.store.revision else None
    of_revisions = _revision_documents(ctx) if current else {}
    for g in wanted:
        props = about.get(g, {})
        docs = sorted({o.value for o in props.get(PROV.wasDerivedFrom.value, [])
                       if isinstance(o, ox.NamedNode)})
        # a source of several revisions: the documents of the one answered as of (a site as
        # of the seed cited the commits of 2025 and 2026: hunt34-docs M1)
        # (but a row carried from an earlier revision cites that one: its only evidence)
        docs = [d for d in docs if d not in of_revisions or current in of_revisions[d]] or docs
        out[g] = SourceInfo(g, _text(props.get(RDFS.label.value), lang) or ctx.source_label(g, lang),
                            _text(props.get(KG.section.value), lang),
                            str(ctx.firmness(g)),  # as `check` weighs it
                            tuple(_document(d, about.get(d, {}), lang) for d in docs),
                            _web_address(props))
    return out


def _revision_documents(ctx: Context) -> dict[str, set[str]]:
    """Each page revision and each document it has as part (``dcterms:hasPart``) → the
    revisions it belongs to."""
    _, rows = ctx.store.select(f"SELECT ?r ?d WHERE {{ ?r a {KG.Revision} . "
                               f"OPTIONAL {{ ?r {DCTERMS.hasPart} ?d }} }}")
    out: dict[str, set[str]] = {}
    for r, d in rows:
        for doc in (r, d):
            if isinstance(doc, ox.NamedNode):
                out.setdefault(doc.value, set()).add(r.value)  # type: ignore[union-attr]
    return out


def _text(values: Sequence[object] | None, lang: str) -> str | None:
    literals = pick([v for v in values or () if isinstance(v, ox.Literal)], lang)
    return literals[0].value if literals else None


def _document(iri: str, props: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]],
              lang: str) -> Document:
    return Document(iri, _text(props.get(RDFS.label.value), lang) or iri.rsplit("/", 1)[-1],
                    _text(props.get(KG.repository.value), lang), _text(props.get(KG.filePath.value), lang),
                    _text(props.get(KG.commit.value), lang), _web_address(props))


#: The addresses a footnote links to: a page on the web. A data file may name any IRI as
#: its source (`javascript:…` would be a link that runs a script; `file:///home/…` the
#: builder's own path): those are no link (hunt44 #1, #6).
WEB_SCHEMES = ("https://", "http://")


def _web_address(props: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]) -> str | None:
    """The first web address among a source's or document's ``dcterms:source`` IRIs."""
    urls = sorted(o.value for o in props.get(DCTERMS.source.value, [])
                  if isinstance(o, ox.NamedNode) and o.value.lower().startswith(WEB_SCHEMES))
    return urls[0] if urls else None
