"""The result formats of the output layer, as exact text, from results built by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kg.errors import ExitStatus, UsageError
from kg.output import RESULT_FORMATS, Format, OutputContext, write
from kg.result import EntityRef, Result, Version


def render(result: Result, fmt: Format, *, width: int | None = None, color: bool = False,
           max_rows: int | None = None) -> str:
    """The result in ``fmt``, as ``kg query`` writes it (no graph: result formats only)."""
    return write(result, fmt, OutputContext(width=width, color=color, max_rows=max_rows))

#: One row of every kind of value, and one of empty cells and a troublesome string.
MIXED = Result(
    columns=["target", "cc", "since", "price", "gpu", "regions", "note"],
    rows=[
        [
            EntityRef("Compute cluster", "https://example.org/kg/ComputeCluster"),
            Version("8.6"),
            datetime.date(2024, 1, 31),
            Decimal("1.50"),
            True,
            ("eastus", "westeurope"),
            "Größe",
        ],
        [
            EntityRef("Kubernetes", "https://example.org/kg/Kubernetes"),
            None,
            None,
            7,
            False,
            (),
            'a|b\nsecond, "quoted"',
        ],
    ],
)

#: Five numbered rows, for cutting the table short.
FIVE = Result(columns=["n", "name"], rows=[[i, f"item {i}"] for i in range(1, 6)])

EMPTY = Result(columns=["a"], rows=[])


class TestFormat:
    @pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
    def test_parse_round_trips(self, fmt: Format) -> None:
        """Every format parses from its own name, in any case."""
        assert Format.parse(fmt.value) is fmt
        assert Format.parse(fmt.value.upper()) is fmt

    def test_parse_unknown(self) -> None:
        """An unknown name is a usage error listing every format."""
        with pytest.raises(UsageError) as info:
            Format.parse("xml")
        assert str(info.value) == (
            "unknown format 'xml'; expected one of: table, json, jsonl, csv, tsv, md, turtle, "
            "trig, nt, nquads, jsonld, dot, mermaid, svg, graphml, html"
        )
        assert info.value.status is ExitStatus.USAGE

    @pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
    def test_every_format_renders_deterministically(self, fmt: Format) -> None:
        """Every format has a renderer, and rendering twice gives the same text."""
        first = render(MIXED, fmt, width=80)
        assert first == render(MIXED, fmt, width=80)
        assert first.endswith("\n")


class TestTable:
    def test_wide(self) -> None:
        """Aligned columns, numbers on the right, lists joined, None empty, booleans as words."""
        assert render(MIXED, Format.TABLE, width=120) == (
            "target          | cc  | since      | price | gpu   | regions            | note\n"
            "----------------+-----+------------+-------+-------+--------------------+-----------------\n"
            "Compute cluster | 8.6 | 2024-01-31 |  1.50 | true  | eastus, westeurope | Größe\n"
            "Kubernetes      |     |            |     7 | false |                    | a|b\n"
            "                |     |            |       |       |                    | "
            'second, "quoted"\n'
            "(2 rows)\n"
        )

    def test_narrow_wraps_the_widest_columns(self) -> None:
        """Too wide: the widest columns shrink and their cells go on continuation lines."""
        assert render(MIXED, Format.TABLE, width=60) == (
            "target   | cc  | since   | price | gpu   | regions | note\n"
            "---------+-----+---------+-------+-------+---------+--------\n"
            "Compute  | 8.6 | 2024-01 |  1.50 | true  | eastus, | Größe\n"
            "cluster  |     | -31     |       |       | westeur |\n"
            "         |     |         |       |       | ope     |\n"
            "Kubernet |     |         |     7 | false |         | a|b\n"
            "es       |     |         |       |       |         | second,\n"
            '         |     |         |       |       |         | "quoted\n'
            '         |     |         |       |       |         | "\n'
            "(2 rows)\n"
        )

    @pytest.mark.parametrize("width", [25, 30, 40, 50, 60, 70, 80, 100])
    def test_lines_fit_the_width(self, width: int) -> None:
        """No line is wider than asked, as long as each column can keep one character."""
        text = render(MIXED, Format.TABLE, width=width, max_rows=1)
        assert all(len(line) <= width for line in text.splitlines())

    def test_columns_stay_aligned_when_wrapped(self) -> None:
        """Every line of the grid puts its column separators at the same offsets."""
        grid = render(MIXED, Format.TABLE, width=40).splitlines()[:-1]
        rule = grid[3]
        assert set(rule) == {"-", "+"}
        crosses = [i for i, ch in enumerate(rule) if ch == "+"]
        for line in grid:
            assert all(line[i] in "|+" for i in crosses if i < len(line))

    def test_default_width_is_the_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without a width, the table fits the terminal ($COLUMNS when not a TTY)."""
        monkeypatch.setenv("COLUMNS", "30")
        text = render(MIXED, Format.TABLE)
        assert max(len(line) for line in text.splitlines()) <= 30

    def test_max_rows(self) -> None:
        """Cut short: a line says how many rows are left, the footer counts them all."""
        assert render(FIVE, Format.TABLE, width=80, max_rows=2) == (
            "n | name\n"
            "--+-------\n"
            "1 | item 1\n"
            "2 | item 2\n"
            "… 3 more rows (use limit, or --format to get all)\n"
            "(5 rows)\n"
        )

    def test_max_rows_one_left(self) -> None:
        """One row left is "1 more row"."""
        text = render(FIVE, Format.TABLE, width=80, max_rows=4)
        assert text.endswith(
            "4 | item 4\n… 1 more row (use limit, or --format to get all)\n(5 rows)\n"
        )

    def test_max_rows_not_reached(self) -> None:
        """No note when every row fits."""
        assert "more" not in render(FIVE, Format.TABLE, width=80, max_rows=5)

    def test_one_row(self) -> None:
        """The footer is singular for one row."""
        one = Result(columns=["ok"], rows=[[True]])
        assert render(one, Format.TABLE, width=80) == "ok\n----\ntrue\n(1 row)\n"

    def test_no_rows(self) -> None:
        """An empty result still shows its header."""
        assert render(EMPTY, Format.TABLE, width=80) == "a\n-\n(0 rows)\n"

    def test_color_bolds_the_header(self) -> None:
        """With color, the header (and only the header) is bold."""
        text = render(FIVE, Format.TABLE, width=80, color=True, max_rows=1)
        assert text.splitlines()[:3] == ["\x1b[1mn | name\x1b[0m", "--+-------", "1 | item 1"]

    def test_no_color_by_default(self) -> None:
        """Without color, no escape sequences at all."""
        assert "\x1b" not in render(MIXED, Format.TABLE, width=80)

    def test_control_characters_are_neutralised(self) -> None:
        """Tabs become spaces and escape sequences in data cannot reach the terminal."""
        odd = Result(columns=["x"], rows=[["a\tb\x1b[31m"]])
        assert render(odd, Format.TABLE, width=80) == "x\n-----------\na b\\x1b[31m\n(1 row)\n"

    def test_decimal_exponent_is_written_out(self) -> None:
        """A decimal in exponent notation is shown as plain digits."""
        big = Result(columns=["n"], rows=[[Decimal("1E+2")]])
        assert render(big, Format.TABLE, width=80) == "  n\n---\n100\n(1 row)\n"


class TestJson:
    def test_json(self) -> None:
        """An indented array of objects, keys in column order, unicode kept."""
        assert render(MIXED, Format.JSON) == (
            "[\n"
            "  {\n"
            '    "target": "Compute cluster",\n'
            '    "cc": "8.6",\n'
            '    "since": "2024-01-31",\n'
            '    "price": 1.5,\n'
            '    "gpu": true,\n'
            '    "regions": [\n'
            '      "eastus",\n'
            '      "westeurope"\n'
            "    ],\n"
            '    "note": "Größe"\n'
            "  },\n"
            "  {\n"
            '    "target": "Kubernetes",\n'
            '    "cc": null,\n'
            '    "since": null,\n'
            '    "price": 7,\n'
            '    "gpu": false,\n'
            '    "regions": [],\n'
            '    "note": "a|b\\nsecond, \\"quoted\\""\n'
            "  }\n"
            "]\n"
        )

    def test_jsonl(self) -> None:
        """One compact object per line."""
        assert render(MIXED, Format.JSONL) == (
            '{"target":"Compute cluster","cc":"8.6","since":"2024-01-31","price":1.5,'
            '"gpu":true,"regions":["eastus","westeurope"],"note":"Größe"}\n'
            '{"target":"Kubernetes","cc":null,"since":null,"price":7,'
            '"gpu":false,"regions":[],"note":"a|b\\nsecond, \\"quoted\\""}\n'
        )

    def test_empty(self) -> None:
        """No rows: an empty array, and no lines at all."""
        assert render(EMPTY, Format.JSON) == "[]\n"
        assert render(EMPTY, Format.JSONL) == ""


class TestDelimited:
    def test_csv(self) -> None:
        """Header first, lists joined with "; ", quoting by the csv module, \\n line ends."""
        assert render(MIXED, Format.CSV) == (
            "target,cc,since,price,gpu,regions,note\n"
            "Compute cluster,8.6,2024-01-31,1.50,true,eastus; westeurope,Größe\n"
            'Kubernetes,,,7,false,,"a|b\n'
            'second, ""quoted"""\n'
        )

    def test_tsv(self) -> None:
        """The same with tabs."""
        assert render(MIXED, Format.TSV) == (
            "target\tcc\tsince\tprice\tgpu\tregions\tnote\n"
            "Compute cluster\t8.6\t2024-01-31\t1.50\ttrue\teastus; westeurope\tGröße\n"
            'Kubernetes\t\t\t7\tfalse\t\t"a|b\n'
            'second, ""quoted"""\n'
        )

    def test_empty(self) -> None:
        """No rows: the header alone."""
        assert render(EMPTY, Format.CSV) == "a\n"


class TestMarkdown:
    def test_md(self) -> None:
        """A pipe table: | escaped, newlines as <br>, lists joined with ", "."""
        assert render(MIXED, Format.MD) == (
            "| target | cc | since | price | gpu | regions | note |\n"
            "| --- | --- | --- | --- | --- | --- | --- |\n"
            "| Compute cluster | 8.6 | 2024-01-31 | 1.50 | true | eastus, westeurope | Größe |\n"
            '| Kubernetes |  |  | 7 | false |  | a\\|b<br>second, "quoted" |\n'
        )

    def test_empty(self) -> None:
        """No rows: the header and the rule, and says so (hunt74 F9)."""
        assert render(EMPTY, Format.MD) == "| a |\n| --- |\n\nNo rows.\n"


def test_stacked_columns_show_one_value_per_line() -> None:
    result = Result(["verdict", "why"], [["compatible", ("fact one [a]", "fact two [b]")]],
                    stacked=("why",))
    assert render(result, Format.TABLE, width=80) == (
        "verdict    | why\n"
        "-----------+-------------\n"
        "compatible | fact one [a]\n"
        "           | fact two [b]\n"
        "(1 row)\n")
    assert render(result, Format.MD) == (
        "| verdict | why |\n| --- | --- |\n| compatible | fact one [a]<br>fact two [b] |\n")
    assert render(result, Format.CSV) == 'verdict,why\ncompatible,fact one [a]; fact two [b]\n'


def test_a_narrow_table_wraps_between_words_not_inside_them() -> None:
    from kg.result import Result

    text = "Standard_NC24rs_v3 supersedes Standard_NC24r and Standard_NC24 for RDMA workloads"
    result = Result(columns=["name", "note"], rows=[["Standard_ND96amsr_A100_v4", text]])
    out = render(result, "table", width=50)
    assert max(len(line) for line in out.splitlines()) <= 50
    cells = " ".join(line.split(" | ", 1)[1] for line in out.splitlines()[2:-1])
    assert cells.split() == text.split()  # every word whole
    assert "Standard_ND96amsr_A100_v4" in out


def test_words_break_only_when_the_terminal_is_narrower_than_them() -> None:
    from kg.result import Result

    result = Result(columns=["a", "b"], rows=[["x" * 30, "y" * 30]])
    out = render(result, "table", width=40)
    assert max(len(line) for line in out.splitlines()) <= 40


def test_wide_characters_take_two_cells() -> None:
    """Cells were padded by characters: a Japanese name's `|` stood 7 columns right of the
    header's, and a table of them overflowed its width (hunt32-repl #4)."""
    from kg.result import Result
    from kg.textscan import display_width

    names = ["日本語シリーズ", "NVv3", "Größe Cafe\u0301", "日本語 シリーズ " * 6]
    result = Result(columns=["name", "n"], rows=[[n, 1] for n in names])
    for width in (80, 30):
        lines = render(result, "table", width=width).splitlines()[:-1]
        assert all(display_width(line) <= width for line in lines), width
        bars = {display_width(line.split("|")[0]) for line in lines if "|" in line}
        assert len(bars) == 1, (width, lines)  # every `|` in one column
    assert "日本語シリーズ" in render(result, "table", width=80)


def test_a_zero_width_joiner_is_kept_in_a_table() -> None:
    from kg.result import Result

    family = "\U0001f469\u200d\U0001f467"
    assert family in render(Result(columns=["name"], rows=[[family]]), "table", width=40)


def test_markdown_makes_no_link_or_footnote_of_a_label() -> None:
    """`[x](javascript:…)` in a data file's label was a live link in `--format md`, and
    `[^1]` a footnote reference (hunt34 M4); a bracket alone stays as it is."""
    from kg.result import Result

    result = Result(columns=["name"], rows=[["[x](javascript:alert(1)) [^1] [a][b] [CUDA table]"]])
    md = render(result, "md")
    assert "[x\\](javascript:alert(1)) \\[^1] [a\\][b] [CUDA table]" in md
