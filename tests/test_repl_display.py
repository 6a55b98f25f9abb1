"""The REPL's output: tables or expanded records, cut-off hints, the pager, the hints for
statements written in another query language."""

from __future__ import annotations

import io
import os
import shlex
import sys
from pathlib import Path

import pytest

from kg.hints import hint_for
from kg.output import Format
from kg.output.expanded import expanded, unbroken_width
from kg.repl.app import as_typed, handle
from kg.repl.pager import height, pager_command, wants_pager
from kg.repl.state import ReplState
from kg.session import Graph
from tests import repl_fixtures
from tests.repl_fixtures import on_terminal, output

#: The REPL tests' shared fixtures (tests/repl_fixtures.py).
graph, state = repl_fixtures.graph, repl_fixtures.state


class Tty(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True



WIDE = "VMSeries | where architecture = Volta | show name, link, supportedBy, category"


class TestExpanded:
    def test_auto_expands_a_table_that_cannot_fit(self, state: ReplState) -> None:
        """At 100 columns the links cannot share a line with the rest: one field per line."""
        handle(on_terminal(state), WIDE)
        out, err = output(state)
        assert err == ""
        lines = out.splitlines()
        assert lines[0] == "-[ RECORD 1 ]" + "-" * (len(lines[0]) - 13)
        assert lines[1] == "name        | NCv3"
        assert "link        | https://learn.microsoft.com/azure/virtual-machines/ncv3-series" in out
        assert "-[ RECORD 2 ]" in out and out.endswith("(2 rows)\n")

    def test_auto_keeps_a_table_that_fits(self, state: ReplState) -> None:
        handle(state, "VMSeries | where architecture = Volta | show name, category")
        out, _ = output(state)
        assert out.startswith("name | category\n-----+---------\nNCv3 | GPU")

    def test_on_and_off(self, state: ReplState) -> None:
        """`.x on` expands every table; `.x off` draws the table wider than the terminal
        rather than break a word."""
        handle(state, ".x on")
        handle(state, "VMSeries | where architecture = Volta | show name")
        handle(state, ".x off")
        handle(state, WIDE)
        out, err = output(state)
        assert out.startswith("-[ RECORD 1 ]-\nname | NCv3\n-[ RECORD 2 ]-\nname | NDv2\n")
        assert "(2 rows)\nname | link " in out and err == "expanded: on\nexpanded: off\n"
        assert "https://learn.microsoft.com/azure/virtual-machines/ncv3-series |" in out

    def test_off_draws_a_wide_table_a_row_a_line(self, state: ReplState) -> None:
        """hunt98 F4: with `.x off` a table too wide for the terminal was drawn wider and its
        cells wrapped to their longest word as well: rows five lines tall, still scrolled.
        It is drawn as psql draws it, each row on one line; a table that fits still wraps."""
        handle(on_terminal(state), ".x off")
        handle(state, "VMSize | where series = NCv3 | show name, series, series.category, "
                      "series.architecture, series.gpu, isolated, rdma, series.retiredOn, "
                      "series.supportedBy | limit 2")
        out, _ = output(state)
        rows = [line for line in out.splitlines() if line.startswith("Standard_")]
        assert len(rows) == 2 and all(r.endswith("Azure Machine Learning compute cluster, Azure "
                                                 "Machine Learning compute instance") for r in rows)
        lines = out.splitlines()
        assert len(lines[lines.index("expanded: off") + 1:]) == 2 + 2 + 1, out  # header, rule,
        # two rows, the count
        assert len(rows[0]) > state.width()

    def test_alone_it_switches(self, state: ReplState) -> None:
        """hunt70 F8: `.x` alone only said the setting; psql's `\\x` switches, as `.timing`."""
        for _ in range(3):
            handle(state, ".x")
        handle(state, ".x auto")
        assert output(state)[1] == "expanded: on\nexpanded: off\nexpanded: on\nexpanded: auto\n"

    def test_bad_setting(self, state: ReplState) -> None:
        assert handle(state, ".x sometimes") == 2
        assert "usage: .x [on|off|auto]" in output(state)[1]

    def test_records_wrap_at_word_boundaries(self) -> None:
        text = expanded(["name", "text"], [["NCv3", "one two three four five six"]], 22)
        assert text.splitlines() == ["-[ RECORD 1 ]---------", "name | NCv3",
                                     "text | one two three", "     | four five six"]
        wide = expanded(["architecture"], [["Volta"]], 40)
        assert wide.splitlines() == ["-[ RECORD 1 ]+------", "architecture | Volta"]

    def test_unbroken_width(self) -> None:
        """Each column needs its longest word; wider columns are capped at the longest word
        of the table."""
        assert unbroken_width(["a", "b"], [["xx", "one two three"]]) == 2 + 3 + 5
        assert unbroken_width(["a", "b"], [["abcdefghij", "one two"]]) == 10 + 3 + 7


class TestNarrowTerminals:
    @pytest.mark.parametrize("width", [20, 30, 45, 60])
    def test_no_word_is_broken(self, state: ReplState, width: int) -> None:
        """In every width, each word of every cell comes out whole."""
        state.size = lambda: os.terminal_size((width, 40))
        handle(state, "Note | show name, text | limit 5")
        out, _ = output(state)
        words = set(out.split())
        for row in state.graph.query("Note | show name, text | limit 5").rows:
            for cell in row:
                for word in str(cell).split():
                    assert word in words, (width, word)


class TestCutOff:
    def test_hint_names_repl_commands(self, state: ReplState) -> None:
        """A cut-off table says what `.rows all` and `.format` do, not CLI flags."""
        total = len(state.graph.query("VMSize").rows)
        handle(state, ".rows 3")
        handle(state, "VMSize")
        out, _ = output(state)
        assert f"… {total - 3} more rows (.rows all shows every row; .format csv or " \
               ".export FILE writes them all)" in out
        assert f"({total} rows)" in out and "--format" not in out and "limit" not in out

    def test_expanded_is_cut_too(self, state: ReplState) -> None:
        handle(state, ".rows 2")
        handle(state, ".x on")
        handle(state, "VMSize")
        out, _ = output(state)
        assert "-[ RECORD 2 ]" in out and "-[ RECORD 3 ]" not in out
        assert "more rows (.rows all" in out

    def test_rows_all(self, state: ReplState) -> None:
        total = len(state.graph.query("VMSize").rows)
        handle(state, ".rows all")
        handle(state, "VMSize")
        out, _ = output(state)
        assert "more rows" not in out and len(out.splitlines()) == 2 + total + 1


class TestPager:
    def test_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("PAGER", raising=False)
        assert pager_command() == ["less", "-SRXF"]
        monkeypatch.setenv("PAGER", "more -d")
        assert pager_command() == ["more", "-d"]
        monkeypatch.setenv("PAGER", "")
        assert pager_command() == []

    def test_height_counts_wrapped_lines(self) -> None:
        assert height("a\n" + "b" * 25 + "\n\x1b[1mc\x1b[0m", 10) == 1 + 3 + 1

    def test_only_on_a_terminal_and_only_when_taller(self, graph: Graph) -> None:
        size = os.terminal_size((80, 10))
        tty = ReplState(graph, out=Tty(), size=lambda: size)
        pipe = ReplState(graph, out=io.StringIO(), size=lambda: size)
        tall, short = "x\n" * 20, "x\n" * 5
        assert wants_pager(tty, tall) and not wants_pager(tty, short)
        assert not wants_pager(pipe, tall)
        tty.pager = False
        assert not wants_pager(tty, tall)

    def test_long_output_goes_through_the_pager(self, graph: Graph, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
        """A table taller than the terminal goes to $PAGER whole (all rows up to 1,000);
        a short one is printed."""
        paged = tmp_path / "paged.txt"
        script = f"import sys; open({str(paged)!r}, 'a').write(sys.stdin.read())"
        monkeypatch.setenv("PAGER", f"{shlex.quote(sys.executable)} -c \"{script}\"")
        size = os.terminal_size((100, 12))
        state = ReplState(graph, out=Tty(), err=io.StringIO(), size=lambda: size)
        handle(state, "VMSize")
        handle(state, "VMSeries | where architecture = Volta | show name")
        total = len(graph.query("VMSize").rows)
        text = paged.read_text()
        assert text.count("Standard_") == total and f"({total} rows)" in text
        assert "more rows" not in text
        assert "NCv3" not in text and "NCv3" in state.out.getvalue()

    @pytest.mark.parametrize(("pager", "says", "stays_on"), [
        ("no-such-pager-kg", "cannot run the pager 'no-such-pager-kg'", False),
        # hunt43 #2: `PAGER=false` ended at once, and the rows went nowhere, without a word
        ("false", "the pager 'false' ended with status 1; the output follows without it", True),
    ])
    def test_a_pager_that_fails_loses_no_result(self, graph: Graph,
                                                monkeypatch: pytest.MonkeyPatch, pager: str,
                                                says: str, stays_on: bool) -> None:
        monkeypatch.setenv("PAGER", pager)
        size = os.terminal_size((100, 12))
        state = ReplState(graph, out=Tty(), err=io.StringIO(), size=lambda: size)
        assert handle(state, "VMSize") == 0
        assert "Standard_NC6" in state.out.getvalue()
        assert says in state.err.getvalue()
        assert state.pager is stays_on

    def test_a_pager_that_is_no_command_line_is_said(self, graph: Graph,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt75 F6: `PAGER="less -R '"` turned paging off without a word, and `.pager`
        said "$PAGER is empty"."""
        monkeypatch.setenv("PAGER", "less -R '")
        size = os.terminal_size((100, 12))
        state = ReplState(graph, out=Tty(), err=io.StringIO(), size=lambda: size)
        assert handle(state, "VMSize") == 0 and "Standard_NC6" in state.out.getvalue()
        assert state.err.getvalue() == ("warning: $PAGER (less -R ') is no command line: No "
                                        "closing quotation; paging is off (mend $PAGER and "
                                        "start kg again: .pager on reads the same one)\n")
        assert state.pager is False
        handle(state, ".settings")
        assert "pager: none ($PAGER (less -R ') is no command line: No closing quotation): a " \
            "screenful of rows, as with .pager off" \
            in state.out.getvalue()

    @pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"PAGER": "less '"}, {"PAGER": ""}])
    def test_with_no_pager_to_run_a_screenful_is_shown(self, graph: Graph, env: dict[str, str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt78 F1: with no pager to run (TERM=dumb, a $PAGER that is no command line),
        `.rows auto` printed up to 1,000 rows at once, not a screenful."""
        monkeypatch.setenv("TERM", "xterm")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        size = os.terminal_size((100, 20))
        state = ReplState(graph, out=Tty(), err=io.StringIO(), size=lambda: size)
        assert state.row_limit() == 14 and not state.paging()
        handle(state, "VMSize")
        assert "more rows" in state.out.getvalue() and len(state.out.getvalue().splitlines()) < 20

    @pytest.mark.parametrize(("command", "less", "passes"), [
        (["less", "-SRXF"], None, True), (["less"], "-SRXF", True), (["less"], "-i", False),
        (["less", "-R"], "-i", True), (["/usr/bin/less"], "-iM", False), (["more"], "-R", False),
        (["less", "--RAW-CONTROL-CHARS"], "", True), (["less"], "--ignore-case", False),
        (["less", "--quit-if-one-screen"], None, False), (["less"], "SRXF", True),
        (["less"], "--ignore-case -R", True)])
    def test_colours_go_only_to_a_pager_that_shows_them(self, command: list[str],
                                                        less: str | None, passes: bool) -> None:
        """hunt75 F7: with a user's `LESS=-i`, less showed `ESC[1m` in every table header."""
        from kg.repl.pager import _colors_pass

        assert _colors_pass(command, {} if less is None else {"LESS": less}) is passes

    def test_a_pager_that_shows_no_colours_is_sent_none(self, graph: Graph, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
        paged = tmp_path / "paged.txt"
        script = f"import sys; open({str(paged)!r}, 'a').write(sys.stdin.read())"
        monkeypatch.setenv("PAGER", f"{shlex.quote(sys.executable)} -c \"{script}\"")
        size = os.terminal_size((100, 12))
        state = ReplState(graph, out=Tty(), err=io.StringIO(), size=lambda: size)
        state.color = True
        handle(state, "VMSize")
        assert "Standard_NC6" in paged.read_text() and "\x1b[" not in paged.read_text()

    def test_a_dumb_terminal_gets_no_pager(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """less stopped every long result at "WARNING: terminal is not fully functional"
        on `TERM=dumb` (hunt58 F5)."""
        from kg.repl.pager import pager_command

        monkeypatch.delenv("PAGER", raising=False)
        monkeypatch.setenv("TERM", "xterm")
        assert pager_command()[0] == "less"
        monkeypatch.setenv("TERM", "dumb")
        assert pager_command() == []

    def test_pager_command(self, state: ReplState) -> None:
        handle(state, ".pager off")
        handle(state, ".pager")
        _, err = output(state)  # what a command did: on stderr, as the output is no terminal
        assert "pager: off" in err and "pager: on" in err


class TestTyping:
    @pytest.mark.parametrize(("typed", "runs"), [
        ("VMSeries | count;", "VMSeries | count"),
        ("VMSeries | count ;; ", "VMSeries | count"),
        ("help", ".help"),
        ("HELP kgq", ".HELP kgq"),
        ("exit", ".exit"),
        ("quit;", ".quit"),
        ("exit now", "exit now"),
        ('describe "a;"', 'describe "a;"'),
    ])
    def test_as_typed(self, typed: str, runs: str) -> None:
        assert as_typed(typed) == runs

    def test_help_and_quit_without_the_dot(self, state: ReplState) -> None:
        assert handle(state, "help") == 0
        assert handle(state, "VMSeries | where category = GPU | count;") == 0
        assert not state.done
        assert handle(state, "quit") == 0 and state.done
        out, err = output(state)
        assert ".help [COMMAND|kgq|keys|STAGE]" in out and "10" in out and err == ""


class TestHints:
    @pytest.mark.parametrize(("text", "names"), [
        ("VMSeries | where name == NCv3", "single `=`"),
        ("VMSeries | filter category = GPU", "`where`"),
        ("select name from VMSeries", "`show`"),
        ("MATCH (s:VMSeries) RETURN s.name", "not `match`"),
        ("VMSeries | where category = GPU | return name", "`show`"),
        ("VMSeries | order by name", "`sort`"),
        ("VMSeries | group by category", "`count by`"),
        ("VMSeries | where a = 1 && b = 2", "`and`"),
        ("VMSeries | count; VMSize | count", "one statement at a time"),
    ])
    def test_hint(self, text: str, names: str) -> None:
        hint = hint_for(text)
        assert hint is not None and names in hint

    @pytest.mark.parametrize("text", [
        'VMSeries | where name = "select"',
        "VMSeries | where name = NCv3  # no filter here, nor ==",
        "VMSeries | count;",
        "VMSeries | wher x",
        "x" * 200_000,
    ])
    def test_no_hint(self, text: str) -> None:
        assert hint_for(text) is None

    def test_failed_statement_gets_the_hint(self, state: ReplState) -> None:
        assert handle(state, "VMSeries | filter category == GPU") == 3
        err = output(state)[1]
        assert "error: line 1, column 12: unexpected name `filter`" in err
        assert "hint: KGQ keeps rows with `where`" in err
        assert "hint: KGQ compares with a single `=`" in err
        assert handle(state, "select name from VMSeries") == 3
        assert "hint: KGQ picks columns with `show`" in output(state)[1]


def test_expanded_records_count_terminal_cells() -> None:
    """The REPL's expanded layout (what a table too wide turns into) counted characters:
    CJK titles put the `|` out of line and a long CJK value ran past the terminal
    (hunt33 M2)."""
    from kg.textscan import display_width

    text = expanded(["名前", "アーキ", "order"],
                    [["日本語シリーズ 大きな名前の長いシリーズ名です とても長い" * 2, "Volta", ""]],
                    40)
    lines = text.splitlines()[1:]
    assert all(display_width(line) <= 40 for line in lines), lines
    assert len({display_width(line.split("|")[0]) for line in lines}) == 1, lines
    assert unbroken_width(["名前"], [["日本語"]]) == 6


def test_the_describe_card_counts_terminal_cells(tmp_path: Path) -> None:
    """The REPL's describe card padded by characters: CJK values put the source marks out
    of line and ran past the terminal (hunt33 M2)."""
    from kg.repl.card import describe_card
    from kg.session import Graph
    from kg.textscan import display_width

    data = tmp_path / "cjk.ttl"
    data.write_text(
        "@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://example.org/j> a kg:VMSeries ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> \"日本語シリーズ\"@en ;\n"
        f"  skos:altLabel \"{'別名のとても長い名前' * 5}\" , \"短い\" .\n", encoding="utf-8")
    card = describe_card(Graph.open([data]).query('describe "日本語シリーズ"'), 50)
    lines = card.splitlines()
    assert all(display_width(line) <= 50 for line in lines), card
    marks = {display_width(line[: line.index("[1]")]) for line in lines
             if line.endswith("[1]") and not line.startswith("  [1]")}
    assert len(marks) == 1, card


def test_a_value_on_two_lines_keeps_its_column_and_its_marks(tmp_path: Path) -> None:
    """hunt109 F5, hunt139 F4: a description with a line break put its second line at
    column 0 of the card, and the facts' source marks out of line."""
    from kg.repl.card import describe_card
    from kg.session import Graph

    data = tmp_path / "nl.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "<https://example.org/n> a kg:VMSeries ; "
                    "<http://www.w3.org/2000/01/rdf-schema#label> \"Newline Series\"@en ;\n"
                    '  kg:description "first line\\nsecond line" .\n', encoding="utf-8")
    lines = describe_card(Graph.open([data]).query('describe "Newline Series"'), 60).splitlines()
    first = next(line for line in lines if "first line" in line)
    second = next(line for line in lines if "second line" in line)
    assert second.index("second") == first.index("first") and first.rstrip().endswith("[1]")


class TestCommandLineTable:
    """`kg query -f table` (hunt40 #8): on a terminal too narrow for the words, one field per
    line, as the REPL's `.x auto`, not words broken in the middle (`categ`/`ory`); to a file
    or a pipe, as wide as its cells: $COLUMNS is a terminal's width."""

    STATEMENT = "VMSeries | where name = DSv2 | show name, category, supportedBy"

    def _emitted(self, graph: Graph, monkeypatch: pytest.MonkeyPatch, columns: str,
                 out: io.StringIO) -> str:
        from kg.cli.writing import emit

        monkeypatch.setenv("COLUMNS", columns)
        monkeypatch.setenv("NO_COLOR", "1")
        emit(graph.query(self.STATEMENT), Format.TABLE, out, graph)
        return out.getvalue()

    def test_a_narrow_terminal_gets_one_field_per_line(self, graph: Graph,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
        text = self._emitted(graph, monkeypatch, "30", Tty())
        assert text.startswith("-[ RECORD 1 ]") and "category    | General purpose" in text
        assert all(len(line) <= 30 for line in text.splitlines()), text
        assert text.endswith("(1 row)\n")

    def test_a_wide_terminal_gets_the_table(self, graph: Graph,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
        text = self._emitted(graph, monkeypatch, "200", Tty())
        assert text.splitlines()[0].split() == ["name", "|", "category", "|", "supportedBy"]

    def test_a_file_gets_lines_as_wide_as_the_cells(self, graph: Graph,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
        row = self._emitted(graph, monkeypatch, "30", io.StringIO()).splitlines()[2]
        assert row.startswith("DSv2 | General purpose | Azure Machine Learning compute cluster, ")


def test_one_field_per_line_makes_control_characters_harmless() -> None:
    """hunt42 #1: a title (a data file's label, after `transpose`) went to the terminal raw
    in the one-field-per-line view: an OSC sequence set the window's title."""
    text = expanded(["Evil\x1b]0;pwned\x07 name", "b"], [["x\x1b[31mred", "y"]], 30)
    assert "\x1b" not in text and "\x07" not in text
    assert "Evil?]0;pwned? name" in text and "x?[31mred" in text


def test_warnings_and_notes_wrap_between_words(graph: Graph, tmp_path: Path) -> None:
    """A warning or a note on a terminal was cut by the terminal mid-word (`50 n` / `ew
    statements`; `[Errno 21] I` / `s a directory`: hunt58 F9): wrapped between words, in
    the system's words; an unclosed quote in a command is said as such."""
    size = os.terminal_size((40, 20))
    state = ReplState(graph, out=repl_fixtures._Terminal(), err=repl_fixtures._Terminal(),
                      size=lambda: size)
    state.pager = False
    long = "loaded /tmp/some folder/wëird ü.trig: 50 new statements, 678 entities"
    state.note(long)
    state.warn("warning: " + long)
    out, err = output(state)
    for text in (out, err):
        assert all(len(line) <= 40 for line in text.splitlines()), text
        assert " ".join(text.split()).endswith("50 new statements, 678 entities")
    handle(state, '.set a "b c')
    assert "a quotation is not closed" in " ".join(output(state)[1].split())


def test_a_note_on_a_terminal_shows_a_file_names_escapes(graph: Graph, tmp_path: Path) -> None:
    """hunt129 F7: `.load`'s "loaded FILE" (a note) went to the terminal raw: a file name
    in a shared folder turned the terminal's reverse video on. It is escaped as a warning
    is, and so are `.settings`' data files."""
    evil = tmp_path / "n\x1b[7mrev\u202e.ttl"
    evil.write_text('<https://w3id.org/azml-kg/id/NCv3> <http://www.w3.org/2000/01/'
                    'rdf-schema#comment> "loaded in a test" .\n')
    state = ReplState(Graph.open(as_of="2024-01-23"), out=repl_fixtures._Terminal(),
                      err=repl_fixtures._Terminal(), size=lambda: os.terminal_size((400, 40)))
    state.pager = False
    assert handle(state, f".load {shlex.quote(str(evil))}") == 0
    handle(state, ".settings")
    out, err = output(state)
    assert f"loaded {tmp_path}/n\\x1b[7mrev\\u202e.ttl: 1 new statement" in out, out
    assert f"data files: {tmp_path}/n\\x1b[7mrev\\u202e.ttl" in out, out
    assert "\x1b" not in out + err and "\u202e" not in out + err
