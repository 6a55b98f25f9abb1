"""The REPL as typed: Ctrl-R, Ctrl-C on a running statement, pastes, page revisions; and
robustness (big inputs, a missing home, a dumb terminal) through a pipe or a pseudo-terminal."""

from __future__ import annotations

import _thread
import io
import os
import select
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kg.cli import main
from kg.limits import MAX_QUERY_CHARS
from kg.repl.app import handle, run_repl
from kg.repl.highlight import HIGHLIGHT_CHARS, KgLexer, tokens
from kg.repl.history import open_history
from kg.repl.keys import is_incomplete
from kg.repl.state import PROMPT, ReplState
from kg.repl.suggest import suggest
from kg.result import Result
from kg.session import Graph
from tests import repl_fixtures
from tests.conftest import SEED
from tests.repl_fixtures import output

#: The REPL tests' shared fixtures (tests/repl_fixtures.py).
graph, state = repl_fixtures.graph, repl_fixtures.state

ROOT = Path(__file__).resolve().parent.parent



def session(keys: str, tmp_path: Path, *, history: str = "") -> tuple[int, str, str]:
    """A whole REPL session on ``keys`` typed into a pipe (written from a thread, so a big
    paste cannot block on the pipe's buffer). The keys end with Ctrl-C, Ctrl-C, Ctrl-D so
    a session never waits for more input, whatever state a key left it in."""
    path = tmp_path / "history"
    path.write_text(history)
    out, err = io.StringIO(), io.StringIO()
    with create_pipe_input() as pipe:
        writer = threading.Thread(target=pipe.send_text, args=(keys + "\x03\x03\x04",),
                                  daemon=True)
        writer.start()
        status = run_repl(input=pipe, output=DummyOutput(), out=out, err=err, as_of=SEED,
                          history=path)
    return status, out.getvalue(), err.getvalue()


HISTORY = "\n# 2024-01-01\n+VMSeries | where category = GPU | count\n\n# 2024-01-02\n+VMSize\n"


def test_ctrl_o_lays_a_complete_statement_out_over_lines(tmp_path: Path) -> None:
    """hunt120 F7: Enter, Ctrl-J and Alt-Enter all ran a complete statement, so one from the
    history could not be laid out over lines; Ctrl-O starts a new line at the cursor."""
    status, out, _ = session("VMSeries | where category = GPU | count"
                             + "\x1b[D" * len("| count") + "\x0f\r", tmp_path)
    history = (tmp_path / "history").read_text()
    assert status == 0 and "+VMSeries | where category = GPU \n+  | count\n" in history
    assert "(1 row)" in out  # run by the Enter after it


class TestHistorySearch:
    def test_enter_takes_the_entry_found(self, tmp_path: Path) -> None:
        """Ctrl-R, a few letters, Enter: the entry is in the line; Enter again runs it."""
        status, out, err = session("\x12category\r\r", tmp_path, history=HISTORY)
        assert status == 0 and err == ""
        assert out.startswith("count\n-----\n   10\n")

    def test_ctrl_c_after_several_searches_puts_back_the_line(self, tmp_path: Path) -> None:
        """Ctrl-R three times, then Ctrl-C: the line typed before the search is back (the
        entry the second to last Ctrl-R showed was left, and Enter ran it: hunt32-repl #6)."""
        history = "".join(f"\n# 2024-01-0{i}\n+{q}\n" for i, q in enumerate(
            ("GPUArchitecture | count", "VMSize | count", "TrainingTarget | count"), 1))
        for give_up in ("\x03", "\x07"):
            status, out, err = session(f"VMSeries | where category = GPU\x12count\x12\x12"
                                       f"{give_up} | count\r", tmp_path, history=history)
            assert err == "" and "   10" in out, (give_up, out, err)

    def test_ctrl_c_gives_up_the_search(self, tmp_path: Path) -> None:
        status, out, err = session("\x12category\x03VMSeries | where category = GPU | count\r",
                                   tmp_path, history=HISTORY)
        assert status == 0 and err == "" and "   10" in out


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Ctrl-C as in a terminal. ``interrupt_main`` does nothing where SIGINT is ignored: a
    shell without job control starts a background command (and pytest in it) so."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class TestCancel:
    @pytest.mark.usefixtures("ctrl_c")
    def test_ctrl_c_cancels_a_running_statement(self, state: ReplState,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C while a statement runs: back within a second, "cancelled", no traceback;
        the abandoned work stops at its next step, and the session goes on."""
        store = state.graph.store

        def slow(text: str, params: object = None, **kwargs: object) -> Result:
            for _ in range(600):  # 30 s in small steps, each reading rows from the store
                time.sleep(0.05)
                _, rows = store.solutions("SELECT * WHERE { ?s ?p ?o } LIMIT 3")
                list(rows)
            raise AssertionError("not cancelled")

        monkeypatch.setattr(state.graph, "query", slow)
        session = state.graph
        timer = threading.Timer(0.3, _thread.interrupt_main)
        started = time.monotonic()
        timer.start()
        status = handle(state, "VMSeries | count")
        elapsed = time.monotonic() - started
        timer.join()
        out, err = output(state)
        assert (status, err, out) == (130, "cancelled\n", "") and elapsed < 1.3
        assert state.last_result is None
        assert state.graph is session  # stopped at its next row: the session's caches kept
        end = time.monotonic() + 2
        while any(t.name == "kg-statement" for t in threading.enumerate()):
            assert time.monotonic() < end, "the abandoned statement did not stop"
            time.sleep(0.05)
        monkeypatch.undo()
        assert handle(state, "VMSeries | where category = GPU | count") == 0
        assert "   10" in output(state)[0]

    @pytest.mark.usefixtures("ctrl_c")
    def test_a_statement_that_runs_on_leaves_the_session_to_it(self, state: ReplState) -> None:
        """Ctrl-C while a statement is where no checkpoint stops it (the engine's native code,
        here a wait): it keeps the session it started on, caches and all, and the next
        statements run on a fork of it (the same store and ontology, caches of their own),
        so the two never fill or read one cache at once."""
        session = state.graph
        caches = session.context
        release = threading.Event()

        def native(text: str, params: object = None, **kwargs: object) -> Result:
            release.wait(10)  # no checkpoint here
            caches.labels.wanted.add("https://example.org/abandoned")  # what it still does
            raise AssertionError("abandoned")

        session.query = native  # type: ignore[method-assign]
        timer = threading.Timer(0.3, _thread.interrupt_main)
        timer.start()
        try:
            assert handle(state, "VMSeries | count") == 130
        finally:
            timer.join()
            release.set()
        del session.query
        assert state.graph is not session
        assert state.graph.store is session.store and state.graph.ontology is session.ontology
        assert state.graph.context is not caches
        assert handle(state, "VMSeries | where category = GPU | count") == 0
        assert "   10" in output(state)[0]
        assert "https://example.org/abandoned" not in state.graph.context.labels.wanted

    def test_errors_in_the_worker_are_reported(self, state: ReplState) -> None:
        assert handle(state, "VMSeries | wher x") == 3
        assert "unexpected name `wher`" in output(state)[1]


class TestEnter:
    def test_a_string_left_open_runs_at_once(self, tmp_path: Path) -> None:
        """Enter on a string left open runs the statement, whose error says to add the
        quote: it opened a `..>` line that nothing typed could complete (hunt23 #2)."""
        status, out, err = session('VMSeries | where name = "Av1\r', tmp_path)
        assert 'unclosed string: add the closing "' in err and out == ""


class TestTab:
    def test_tab_goes_into_a_folder(self, tmp_path: Path) -> None:
        """`.read …/di` Tab Tab: the folder, then the one file in it, then Enter reads it
        (a menu of one stayed open and the second Tab went back to `…/di`, hunt23 #5)."""
        folder = tmp_path / "dir with space"
        folder.mkdir()
        (folder / "q ü.kgq").write_text("VMSeries | where category = GPU | count\n")
        status, out, err = session(f".read {tmp_path}/di\t\t\r", tmp_path)
        assert err == "" and "   10" in out


class TestPaste:
    def test_a_paste_too_long_is_refused(self, tmp_path: Path) -> None:
        big = "VMSeries | where name = NCv3 or " * (MAX_QUERY_CHARS // 32 + 100)
        keys = f"\x1b[200~{big}\x1b[201~VMSeries | where category = GPU | count\r"
        status, out, err = session(keys, tmp_path)
        assert (f"paste refused: the statement on its line 1 would have {len(big):,} "
                f"characters, and a statement has at most {MAX_QUERY_CHARS:,}") in err
        assert "   10" in out and "Traceback" not in err

    def test_a_paste_of_statements_longer_than_one_together_runs(self, tmp_path: Path) -> None:
        """Three statements of 40,000 characters each were refused: "a statement has at
        most 100,000" (hunt32-repl #3); `.read` of the same text runs them."""
        one = 'VMSeries | where name ~ "' + "ab " * 13_300 + '" | count'
        paste = "\r\n\r\n".join([one] * 3)
        status, out, err = session(f"\x1b[200~{paste}\x1b[201~\r", tmp_path)
        assert "refused" not in err, err[:300]
        assert [line for line in out.splitlines() if line.strip().isdigit()] == ["    0"] * 3

    def test_a_paste_with_lines_is_one_statement(self, tmp_path: Path) -> None:
        keys = "\x1b[200~VMSeries\r\n  | where category = GPU\r\n  | count\x1b[201~\r"
        status, out, err = session(keys, tmp_path)
        assert err == "" and "   10" in out


    def test_a_paste_of_several_statements_runs_each(self, tmp_path: Path) -> None:
        """Lines copied from a script run as `.read` runs them, statement by statement (a
        blank line ended nothing: one statement, "unexpected name `InferenceTarget`");
        a failed one says its line, and the rest run (hunt23 #4)."""
        paste = ("TrainingTarget | count\r\n\r\nInferenceTarget\r\n  | count\r\n"
                 "Bogus | count\r\nVMSeries | where category = GPU | count")
        status, out, err = session(f"\x1b[200~{paste}\x1b[201~\r", tmp_path)
        assert [line for line in out.splitlines() if line.strip().isdigit()] == [
            "   11", "    4", "   10"]
        assert "unknown class or entity `Bogus`" in err and "(the statement at line 5)" in err
        assert "InferenceTarget`: expected" not in err
        named = [line for line in err.splitlines() if line.startswith("→ ")]  # above each
        assert named == ["→ TrainingTarget | count", "→ InferenceTarget | count",  # result,
                         "→ Bogus | count", "→ VMSeries | where category = GPU | count"]
        # which said not whose it was (hunt88 #12); one statement alone is not named
        assert "→" not in session("VMSeries | count\r", tmp_path)[2]

    def test_a_pasted_statement_of_several_lines_stays_one(self, tmp_path: Path) -> None:
        """A statement laid out over lines (a saved query's body, `show a,` with the next
        column below, `and` at a line's start) is one statement, not one per line: cut
        as a script, it printed a wrong table, then failed on the rest (hunt25 F1)."""
        body = "".join(line for line in (ROOT / "queries" / "gpu-series.kgq").read_text()
                       .splitlines(keepends=True) if not line.startswith("#"))
        for paste, rows in ((body.replace("\n", "\r\n"), "(10 rows)"),
                            ("VMSeries | show name,\r\n  category | limit 2", "(2 rows)"),
                            ("VMSeries | where category = GPU\r\nand has architecture\r\n"
                             "| count", "   10")):
            status, out, err = session(f"\x1b[200~{paste}\x1b[201~\r", tmp_path)
            assert rows in out and err == "", (paste, out, err)

class TestRevisions:
    def test_prompt_shows_an_older_revision(self, graph: Graph, state: ReplState) -> None:
        assert state.prompt() == f"kg {SEED}> "
        assert ReplState(Graph.open(), out=io.StringIO()).prompt() == PROMPT

    def test_revisions_and_as_of(self, state: ReplState) -> None:
        """`.revisions` lists them; `.as-of` reopens the graph, and the answers change."""
        assert handle(state, ".revisions") == 0
        assert handle(state, "VMSeries | where category = GPU | count") == 0
        assert handle(state, ".as-of latest") == 0
        assert state.prompt() == PROMPT
        assert handle(state, "VMSeries | where category = GPU | count") == 0
        assert handle(state, ".as-of seed") == 0
        out, err = output(state)
        assert err == ""
        rows = [line for line in out.splitlines() if line.startswith("20")]
        assert [row.split(" | ")[-1].strip() for row in rows[:3]] == ["true", "false", "false"]
        assert rows[0].startswith("2024-01-23 | 2024, seed | 0eea71caf55c |")  # (12 digits)
        assert "   10" in out and "   14" in out
        handle(state, ".format json")  # JSON and what .export writes: the whole commit, as
        handle(state, ".revisions")  # `kg revisions` (hunt102 F5)
        assert '"commit": "0eea71caf55c6e7bdbfa9b0b3664288200817f6d"' in output(state)[0]
        assert state.last_result is not None and state.last_result.rows[0][2] == \
            "0eea71caf55c6e7bdbfa9b0b3664288200817f6d"
        handle(state, ".format table")
        out, err = output(state)
        assert "as of 2026-03-31 (2026, the latest)" in out
        assert "as of 2024-01-23 (2024, seed)" in out
        assert state.prompt() == f"kg {SEED}> "
        assert handle(state, ".as-of 2024-03-01") == 0  # a part of the seed is younger
        out, err = output(state)
        assert "as of 2024-01-23 (2024, seed)" in out
        assert "part of it is dated later: retiring-vms.md (retired VM series include) of " \
            "2024-10-17" in err

    def test_as_of_keeps_loaded_files(self, state: ReplState, tmp_path: Path) -> None:
        extra = tmp_path / "extra.ttl"
        extra.write_text('<https://w3id.org/azml-kg/id/Gen1> a '
                         '<https://w3id.org/azml-kg/ontology#VMSeries> ; '
                         '<http://www.w3.org/2000/01/rdf-schema#label> "Gen1"@en .\n')
        state.graph = Graph.open(as_of=SEED)
        assert handle(state, f".load {extra}") == 0
        assert handle(state, ".as-of 2025") == 0
        assert handle(state, "VMSeries | where name = Gen1 | count") == 0
        assert "    1" in output(state)[0]

    def test_as_of_says_it_reads_the_loaded_files_again(self, state: ReplState,
                                                       tmp_path: Path) -> None:
        """A file edited since its `.load` changed the answers after `.as-of` with no word,
        and one deleted made it fail with no word of why it was read (hunt67 F6)."""
        from kg.errors import ExitStatus

        extra = tmp_path / "extra.ttl"
        extra.write_text('<https://w3id.org/azml-kg/id/Gen1> a '
                         '<https://w3id.org/azml-kg/ontology#VMSeries> ; '
                         '<http://www.w3.org/2000/01/rdf-schema#label> "Gen1"@en .\n')
        assert handle(state, f".load {extra}") == 0
        output(state)
        assert handle(state, ".as-of 2025") == 0
        assert "the data files are read again, as they are now: extra.ttl" in output(state)[1]
        extra.unlink()
        assert handle(state, ".as-of seed") == ExitStatus.DATA
        assert ".as-of opens the session's graph again, with every data file as it is now; " \
            "the session stays as it was" in output(state)[1]
        assert state.prompt() == "kg 2025-11-13> "

    def test_diff_as_kg_diff_says_it(self, state: ReplState) -> None:
        """hunt45 #9: the REPL had no `kg diff`. `.diff OLD NEW` is `kg diff`'s result; with
        OLD alone, against the revision answering."""
        import contextlib

        from kg.cli import main
        from kg.errors import ExitStatus

        expected = io.StringIO()
        with contextlib.redirect_stderr(io.StringIO()):
            assert main(["diff", "seed", "2025", "-f", "csv"], expected, io.StringIO()) == 0
        assert handle(state, ".format csv") == 0
        assert handle(state, ".diff seed 2025") == 0
        assert output(state)[0] == expected.getvalue()
        assert handle(state, ".as-of 2025") == 0
        assert handle(state, ".diff seed") == 0
        assert output(state)[0].endswith("as of 2025-11-13 (2025)\n" + expected.getvalue())
        assert handle(state, ".diff seed nowhere") == ExitStatus.USAGE
        assert "revision 'nowhere' is neither a date" in output(state)[1]
        assert handle(state, ".diff") == ExitStatus.USAGE
        assert handle(state, ".diff seed seed") == 0  # an empty table said nothing of why
        assert "seed and seed are the same revision, as of 2024-01-23: nothing changed " \
               "between them" in "".join(output(state))

    def test_diff_leads_with_its_revisions_in_a_table_and_expanded(self, state: ReplState) -> None:
        """hunt80 F4: a diff's table names the two revisions it compares, and so does the
        REPL's expanded display of it on a terminal (it alone did not)."""
        from tests.repl_fixtures import on_terminal

        for expanded in ("off", "on"):
            assert handle(state, f".expanded {expanded}") == 0
            on_terminal(state)  # (its output alone from here)
            assert handle(state, ".diff seed 2025") == 0
            assert output(state)[0].startswith(
                "page revision of 2024-01-23 (seed) → page revision of 2025-11-13\n\n"), expanded

    def test_export_writes_the_table_of_diff_and_revisions(self, state: ReplState,
                                                           tmp_path: Path) -> None:
        """hunt50 #1: `.export` after `.diff` or `.revisions` wrote the statement before
        them, though the hint under a long `.diff` table sends one to `.export`."""
        assert handle(state, "GPUArchitecture") == 0
        assert handle(state, ".diff seed 2025") == 0
        assert handle(state, f".export csv {tmp_path / 'diff.csv'}") == 0
        assert (tmp_path / "diff.csv").read_text().splitlines()[0].startswith("change,")
        assert handle(state, ".revisions") == 0
        assert handle(state, f".export csv {tmp_path / 'revisions.csv'}") == 0
        assert (tmp_path / "revisions.csv").read_text().splitlines()[0] \
            == "date,names,commit,revision,parts dated later,current"
        assert handle(state, f".export {tmp_path / 'revisions.ttl'}") == 2  # no facts behind
        assert "a table of .diff or .revisions has none" in output(state)[1]  # it: an empty
        assert not (tmp_path / "revisions.ttl").exists()  # file was written (hunt52 F5)
        assert handle(state, ".diff seed 2025") == 0
        assert handle(state, f".export nt {tmp_path / 'diff.nt'}") == 2
        output(state)

    def test_the_facts_of_a_result_are_not_exported_from_another_revision(
            self, state: ReplState, tmp_path: Path) -> None:
        """hunt120 F1: after `.as-of`, `.export FILE.ttl` wrote the facts of the new
        revision behind the result of the old one, which is neither's answer, unsaid; after
        `.load` the same. Its table is still its own; the statement run again exports."""
        statement = "VMSeries | where has retiredOn | show name, retiredOn"
        assert handle(state, statement) == 0
        assert handle(state, ".as-of latest") == 0
        for fmt in ("ttl", "html", "dot"):
            assert handle(state, f".export {tmp_path / ('after.' + fmt)}") == 2
            assert "the graph changed since it answered (.as-of, .load)" in output(state)[1]
            assert not (tmp_path / f"after.{fmt}").exists()
        assert handle(state, f".export {tmp_path / 'after.csv'}") == 0  # the result's own
        assert handle(state, statement) == 0
        assert handle(state, ".as-of latest") == 0  # as of the one it answered (refused
        assert handle(state, f".export {tmp_path / 'after.ttl'}") == 0  # for a store opened
        # again: hunt122 F6)
        extra = tmp_path / "extra.ttl"
        extra.write_text('<https://w3id.org/azml-kg/id/x> '
                         '<http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n')
        assert handle(state, f".load {extra}") == 0
        assert handle(state, f".export {tmp_path / 'loaded.ttl'}") == 2
        assert handle(state, ".lang de") == 0  # the same facts, in other words
        assert handle(state, statement) == 0 and handle(state, ".lang en") == 0
        assert handle(state, f".export {tmp_path / 'loaded.ttl'}") == 0
        assert handle(state, f".load {extra}") == 0  # again: it may say other things now
        assert handle(state, f".export {tmp_path / 'again.ttl'}") == 2
        output(state)

    def test_save_says_how_kg_answers_as_the_session(self, state: ReplState, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
        """hunt120 F2: a query saved as of an older revision, or naming an entity of a
        `.load`ed file, answered otherwise in `kg run` (or failed), and `.save` said
        nothing. The note's command answers as the session did."""
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        extra = tmp_path / "my facts.ttl"
        extra.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                         "<https://w3id.org/azml-kg/id/t1> a kg:VMSeries ; "
                         "<http://www.w3.org/2000/01/rdf-schema#label> \"t1\"@en .\n")
        assert handle(state, ".as-of latest") == 0
        assert handle(state, "VMSeries | count") == 0 and handle(state, ".save plain") == 0
        assert "note: a saved query keeps" not in output(state)[1]
        for step, options, statement in (
                (".as-of seed", f"--as-of {SEED}", "VMSeries | where has retiredOn | count"),
                (f".load '{extra}'", f"--as-of {SEED} --data '{extra}'",
                 "VMSeries | where name in [t1, NCv3] | count")):
            assert handle(state, step) == 0
            assert handle(state, statement) == 0
            shown = output(state)[0].split()
            assert handle(state, ".save mine --replace") == 0
            err = output(state)[1]
            assert (f"note: a saved query keeps no revision, data file, endpoint or language: "
                    f"`kg {options} run mine` answers as this session does") in err
        assert main([*shlex.split(options), "run", "mine", "-f", "csv"]) == 0
        assert capsys.readouterr().out.split() == ["count", "2"] and "2" in shown
        assert handle(state, ".lang de") == 0 and handle(state, ".save mine --replace") == 0
        state.graph.lang = "en"  # (the names and words too: hunt122 F10)
        assert f"`kg {options} --lang de run mine`" in output(state)[1]

    def test_bad_as_of(self, state: ReplState) -> None:
        assert handle(state, ".as-of 1999-01-01") == 2
        assert handle(state, ".as-of yesterday") == 2
        err = output(state)[1]
        assert "no revision of the page is as old as 1999-01-01" in err
        assert ".as-of 'yesterday' is neither a date" in err and "--as-of" not in err
        assert state.prompt() == f"kg {SEED}> "


class TestBigInputs:
    """Every keystroke stays fast whatever is in the line (each of these took seconds to
    minutes before the bounds)."""

    def test_a_long_word_does_not_slow_completion(self, graph: Graph) -> None:
        text = "VMSeries | where " + "a" * 60_000 + " x"
        started = time.perf_counter()
        suggest(text, graph.ontology)
        suggest("VMSeries | where " + "a" * 9_000 + " | sh", graph.ontology)
        assert time.perf_counter() - started < 1.0

    def test_completion_still_works_near_a_long_word(self, graph: Graph) -> None:
        text = "VMSeries | where name = " + '"' + "a" * 3000 + '" | sh'
        assert "show" in suggest(text, graph.ontology).kinds[-1].words  # type: ignore[union-attr]

    def test_many_bad_characters_lex_fast(self) -> None:
        text = "@" * 20_000
        started = time.perf_counter()
        assert "".join(t for _, t in tokens(text)) == text
        assert not is_incomplete(text)
        assert time.perf_counter() - started < 1.0

    def test_a_megabyte(self, state: ReplState) -> None:
        text = "VMSeries | where name = NCv3 or " * 33_000
        started = time.perf_counter()
        assert KgLexer().lex_document(Document(text))(0) == [("", text)]
        assert len(text) > HIGHLIGHT_CHARS
        assert not is_incomplete(text)
        assert suggest(text, state.graph.ontology).kinds == ()
        assert handle(state, text) == 3
        assert time.perf_counter() - started < 1.0
        assert "the input is too long (1,056,000 characters" in output(state)[1]

    def test_too_long_statements_stay_out_of_the_history(self, tmp_path: Path) -> None:
        history = open_history(tmp_path / "h", print)
        history.store_string("x" * (MAX_QUERY_CHARS + 1))
        history.store_string("VMSeries")
        assert (tmp_path / "h").read_text().count("\n+") == 1


def test_no_home_no_history_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and no password entry: history in memory, with a warning."""
    import pwd

    def no_entry(uid: int) -> object:
        raise KeyError(uid)

    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    warnings: list[str] = []
    assert isinstance(open_history(None, warnings.append), InMemoryHistory)
    assert "history is kept in memory" in warnings[0]


def _pty_session(env: dict[str, str], keys: list[str], expect: str) -> str:
    """Run ``kg repl`` in a pseudo-terminal, type ``keys`` one line at a time, and return
    what the terminal showed once ``expect`` appeared (and the REPL left on Ctrl-D)."""
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "repl", "--as-of", SEED], cwd=ROOT,
                            stdin=child, stdout=child, stderr=child, env=env,
                            start_new_session=True)
    os.close(child)
    shown = b""

    def read(seconds: float, until: Callable[[], bool] = lambda: False) -> None:
        """Read what the terminal shows for ``seconds``, or until ``until()``."""
        nonlocal shown
        end = time.monotonic() + seconds
        while not until() and time.monotonic() < end:
            ready, _, _ = select.select([main], [], [], 0.1)
            if ready:
                try:
                    shown += os.read(main, 65536)
                except OSError:
                    return

    try:
        read(30, lambda: b"Ctrl-D to leave" in shown)
        for key in keys:
            os.write(main, key.encode())
            read(0.3)
        read(30, lambda: expect.encode() in shown)
        assert expect.encode() in shown, shown.decode(errors="replace")[-2000:]
        read(1.5)  # the next prompt is up (this terminal answers no cursor-position requests)
        os.write(main, b"\x04")
        read(20, lambda: proc.poll() is not None)  # reading on, so the REPL never waits
        assert proc.wait(timeout=5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    return shown.decode(errors="replace")


@pytest.mark.parametrize("term", ["dumb", "xterm-256color"])
def test_real_terminal_without_home(tmp_path: Path, term: str) -> None:
    """In a pseudo-terminal, with TERM=dumb or not and HOME unset: statements run, `help`
    works without its dot, nothing ends in a traceback."""
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_STATE_HOME")}
    env |= {"TERM": term, "NO_COLOR": "1", "PAGER": "", "COLUMNS": "100", "LINES": "40"}
    shown = _pty_session(env, ["VMSeries | where category = GPU | count;\r", "help\r"],
                         "help, exit and quit work without the dot")
    assert "   10" in shown and "Traceback" not in shown


def test_the_names_are_ready_before_the_first_prompt(state: ReplState) -> None:
    """The name index that highlighting and the menu read is built before the first prompt,
    where Ctrl-C can end it, not at the first keystroke in raw mode (4.3 s on 1M triples)."""
    from kg.repl.app import _names_ready, build_session
    from kg.repl.completer import KgCompleter

    with create_pipe_input() as pipe:
        session = build_session(state, input=pipe, output=DummyOutput())
        completer = session.completer
        assert isinstance(completer, KgCompleter) and completer._index is None
        _names_ready(session)
        assert completer._index is not None and completer._index.onto is state.graph.ontology
        assert "class" in completer._index.kinds_of_name("VMSeries")


def test_the_names_are_ready_again_after_a_statement_changes_them(state: ReplState) -> None:
    """After `.lang` (or `.load`, `.as-of`) the new names are indexed before the next prompt,
    not at its first keystroke; a statement that changes nothing builds nothing."""
    from kg.repl.app import _loop, build_session
    from kg.repl.completer import KgCompleter

    with create_pipe_input() as pipe:
        session = build_session(state, input=pipe, output=DummyOutput())
        completer = session.completer
        assert isinstance(completer, KgCompleter)
        pipe.send_text("VMSeries | count\r")
        pipe.send_text("\x04")
        _loop(state, session)
        first = completer._index
        assert first is not None and completer.ready and first.lang == "en"
        pipe.send_text("VMSeries | count\r.lang de\r\x04")
        state.done = False
        _loop(state, session)
        assert completer._index is not first and completer._index is not None
        assert completer._index.lang == "de" and completer.ready


def test_ctrl_c_while_the_names_are_read_says_the_command_stands(
        state: ReplState, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt120 F3: on a large graph the names took seconds after `.lang` with nothing on
    screen, and Ctrl-C then said "cancelled", though the language had changed. It says it
    reads them first, and, on Ctrl-C, that the command stands."""
    import kg.repl.app
    from kg.repl.app import _loop, build_session
    from kg.repl.completer import KgCompleter

    def interrupted(self: KgCompleter) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.repl.app, "MANY_NAMES", 1)
    with create_pipe_input() as pipe:
        session = build_session(state, input=pipe, output=DummyOutput())
        monkeypatch.setattr(KgCompleter, "warm", interrupted)
        pipe.send_text(".lang de\r\x04")
        _loop(state, session)
    out, err = output(state)
    assert state.lang == "de"
    state.graph.lang = "en"
    assert "reading the names completion offers (Ctrl-C: read at the first key instead)" in err
    assert "completion's names are read at the first key instead (what the command did " \
           "stands)" in err and "cancelled" not in err
