"""The compatibility page's matrix: each GPU series checked with common CUDA versions and
framework releases (:data:`~kg.site.pages.MATRIX`), one saved query per column, every
verdict linked to its why, and every step of the why citing its sources."""

from __future__ import annotations

import re

from kg.evidence import Evidence
from kg.output.html import escape
from kg.output.markdown import literal as md_escape
from kg.output.markdown import pipe_table
from kg.result import Cell, Result
from kg.session import Graph
from kg.site.blocks import Block, Notes, run
from kg.site.pages import MATRIX, WORDS, say

__all__ = ["matrix_block"]

_VERDICT_CLASS = {"compatible": "yes", "not compatible": "no", "unknown": "unknown"}


def _slug(text: str) -> str:
    """``text`` as a part of an id: its letters and digits, of any script (a series named
    日本 was `why--cuda-11-8`: hunt44 #8), each run of others one hyphen."""
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")


def _series_ids(series: list[str]) -> dict[str, str]:
    """Each series' part of its anchors, unique on the page: "NC Promo" and "NC_Promo"
    slug alike, so the second is numbered ("nc-promo-2")."""
    ids: dict[str, str] = {}
    for name in series:
        base = found = _slug(name)
        number = 1
        while found in ids.values():
            number += 1
            found = f"{base}-{number}"
        ids[name] = found
    return ids


def _anchor(series_id: str, value: str) -> str:
    return f"why-{series_id}-{_slug(value)}"


def _verdict(verdict: str, confidence: str, lang: str) -> str:
    text = say(verdict, lang) if verdict in WORDS else verdict
    return text if confidence == "primary" or confidence not in WORDS \
        else f"{text} ({say(confidence, lang)})"


def matrix_block(graph: Graph, notes: Notes) -> Block:
    """The matrix, then the why of every verdict."""
    lang = graph.lang
    columns = [(value, run(graph, saved, {param: value})[0]) for saved, param, value in MATRIX]
    series = [str(row[0]) for row in columns[0][1].rows]
    ids = _series_ids(series)
    cells = {(str(row[0]), value): (row, result.evidence[i])
             for value, result in columns for i, row in enumerate(result.rows)}
    heads = [say("series", lang), *(value for value, _ in columns)]
    html = ["<table>", f"<caption>{escape(say('verdicts', lang))}</caption>",
            "<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
            + "</tr></thead>", "<tbody>"]
    md_rows = []
    for name in series:
        tds, texts = [], []
        for value, _ in columns:
            row, _ = cells[(name, value)]
            verdict, confidence = str(row[1]), str(row[2])
            text = _verdict(verdict, confidence, lang)
            anchor = _anchor(ids[name], value)
            tds.append(f'<td class="{_VERDICT_CLASS.get(verdict, "unknown")}">'
                       f'<a href="#{anchor}">{escape(text)}</a></td>')
            texts.append(f"[{md_escape(text)}](#{anchor})")
        html.append(f'<tr><th scope="row">{escape(name)}</th>' + "".join(tds) + "</tr>")
        md_rows.append([md_escape(name), *texts])
    html.append("</tbody>\n</table>\n")
    md = pipe_table(heads, []) + "".join("| " + " | ".join(r) + " |\n" for r in md_rows)
    why_html, why_md = _whys(ids, columns, cells, notes, lang)
    return Block("\n".join(html) + why_html, f"**{md_escape(say('verdicts', lang))}**\n\n{md}\n{why_md}")


def _whys(ids: dict[str, str], columns: list[tuple[str, Result]],
          cells: dict[tuple[str, str], tuple[list[Cell], Evidence]], notes: Notes,
          lang: str) -> tuple[str, str]:
    html = [f"<h2>{escape(say('why', lang))}</h2>"]
    md = [f"## {md_escape(say('why', lang))}", ""]
    for name, series_id in ids.items():
        html.append(f"<h3>{escape(name)}</h3>")
        md += [f"### {md_escape(name)}", ""]
        for value, _ in columns:
            row, evidence = cells[(name, value)]
            anchor = _anchor(series_id, value)
            verdict = _verdict(str(row[1]), str(row[2]), lang)
            html.append(f'<p id="{anchor}"><strong>{escape(value)}: {escape(verdict)}</strong></p>')
            md += [f'<a id="{anchor}"></a>**{md_escape(value)}: {md_escape(verdict)}**', ""]
            items = []
            for step in evidence.steps:
                items.append(f'<li class="{step.kind.value}">{escape(step.text)}'
                             f"{notes.html.html_ref(step.graphs)}</li>")
                md.append(f"- {md_escape(step.text)}{notes.md.md_ref(step.graphs)}")
            html.append('<ul class="why">' + "".join(items) + "</ul>")
            md.append("")
    return "\n".join(html) + "\n", "\n".join(md) + "\n"
