"""`kg diff OLD NEW`: the facts added, removed and changed between two page revisions, each
in its section (a source's name: a table rewritten in a revision is a new graph of that
name). A fact that moved to another section showed no change: the 2025 split of the
training table into SDK/CLI v2 and v1 tables did not appear (hunt31 F1)."""

from __future__ import annotations

import io

import pytest

from kg.cli import main
from kg.diff import diff_revisions
from kg.errors import ExitStatus

V1, TRAINING = "Training targets table (SDK/CLI v1)", "Training targets table"


def _rows(old: str, new: str) -> list[tuple[str, ...]]:
    return [tuple(str(c) if c is not None else "" for c in row)
            for row in diff_revisions(old, new).rows]


def test_a_row_that_moves_to_another_table_leaves_one_and_joins_the_other() -> None:
    rows = _rows("seed", "2025")
    local = [(change, prop, source) for change, subject, prop, _, _, source in rows
             if subject == "Local computer" and prop == "supports"]
    assert sorted(local) == [("added", "supports", V1), ("removed", "supports", TRAINING)]
    assert not [r for r in rows if r[1] == "Azure Machine Learning serverless compute"
                and r[5] == V1]  # the v1 table has no serverless row


def test_a_value_changed_within_a_section_is_one_changed_row() -> None:
    rows = _rows("seed", "2025")
    assert ("changed", "Azure Machine Learning serverless compute", "order", "3", "2",
            TRAINING) in rows


def test_the_recreate_note_keeps_nc_promo_from_the_seed_to_2025() -> None:
    """hunt97 F2: the note's series change from the seed to 2025 by NCv3, added; NC Promo (of
    the "Azure NC-series" item in both) was said to change into NCv3."""
    rows = _rows("seed", "2025")
    about = [(change, old, new) for change, subject, prop, old, new, _ in rows
             if subject == "Recreate compute based on a retired VM series" and prop == "about"]
    assert about == [("added", "", "NCv3")]
    assert not [r for r in _rows("2025", "latest") if r[1] == "Recreate compute based on a retired VM series"]


def test_no_change_between_a_revision_and_itself() -> None:
    assert _rows("2025", "2025") == []
    assert _rows("latest", "2026") == []
    out, err = io.StringIO(), io.StringIO()  # an empty table said nothing of why (hunt50)
    assert main(["diff", "latest", "2026", "-f", "csv"], out, err) == ExitStatus.OK
    assert out.getvalue() == "change,subject,property,old,new,source\n"
    assert err.getvalue() == ("note: latest and 2026 are the same revision, as of 2026-03-31: "
                              "nothing changed between them\n")


def test_a_new_tables_rows_copied_from_another_are_not_listed() -> None:
    """The v1 table of 2025 repeats the rows of the v2 table: its names, types and features
    were listed as added, 120 rows that buried the moves. What it says of its own (its
    order, its links, the Local computer row) is."""
    rows = _rows("seed", "2025")
    v1 = {(r[1], r[2]) for r in rows if r[5] == V1 and r[0] == "added"}
    assert ("Azure Machine Learning compute cluster", "name") not in v1
    assert ("Automated machine learning", "name") not in v1
    assert ("Local computer", "name") in v1 and ("Azure Batch", "order") in v1
    assert len(rows) < 120


def test_a_source_is_cited_as_firm_as_it_is() -> None:
    """The row of 2025 kept, unverified, for 2026 read as a change the 2026 page made."""
    adla = [r for r in _rows("2025", "2026") if r[1] == "Azure Data Lake Analytics"]
    assert ("removed", "supports", V1) in {(r[0], r[2], r[5]) for r in adla}
    kept = {r[5] for r in adla if r[0] == "added"}
    assert kept == {"Training targets table (SDK/CLI v1): the Azure Data Lake Analytics row "
                    "of 2025 (unverified)"}


def test_a_german_diff_is_written_in_german() -> None:
    """`kg --lang de diff … --format html` titled its page "Result": the command writes
    without a graph, and the result did not say its language."""
    import io

    from kg.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", "de", "diff", "seed", "2025", "--format", "html"], out, err) == 0, err
    assert "<title>Ergebnis</title>" in out.getvalue()
    assert diff_revisions("seed", "2025", lang="de").lang == "de"


def test_every_language_is_tagged() -> None:
    """hunt40 #9: the English label was `Local computer`, the German one `Lokaler Computer
    @de`: a script matching diff rows could not rely on the tag."""
    result = diff_revisions("seed", "2025")
    names = {str(row[4]) for row in result.rows
             if str(row[1]) == "Local computer" and str(row[2]) == "name" and row[4]}
    assert names == {"Local computer @en", "Lokaler Computer @de"}


@pytest.mark.parametrize("args", [
    ["--as-of", "foo", "diff", "seed", "2025"],
    ["--as-of", "2025", "diff", "seed", "2026"],
    ["--as-of", "2025", "publish", "--store", "http://127.0.0.1:9/store", "--dry-run"],
])
def test_a_command_that_chooses_no_revision_refuses_as_of(args: list[str]) -> None:
    """hunt45 #3: `kg diff` and `kg publish` ignored `--as-of`, even `--as-of foo` (exit 0)."""
    out, err = io.StringIO(), io.StringIO()
    assert main(args, out, err) == ExitStatus.USAGE
    assert "--as-of chooses nothing here" in err.getvalue() and not out.getvalue()


@pytest.mark.parametrize("as_of", ["2025-W46", "20251113", "2025W464", "2025-11-13T00:00"])
def test_as_of_takes_a_date_as_yyyy_mm_dd_alone(as_of: str) -> None:
    """hunt45 #4: Python's `date.fromisoformat` took a week date and `YYYYMMDD`."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["--as-of", as_of, "query", "VMSeries | count"], out, err) == ExitStatus.USAGE
    assert "is neither a date (YYYY-MM-DD) nor a revision" in err.getvalue()


def test_a_day_not_on_the_calendar_is_said_before_a_server_is_asked() -> None:
    """hunt45 #3: with an endpoint that is down, `--as-of 2024-02-30` was exit 5."""
    out, err = io.StringIO(), io.StringIO()
    args = ["--endpoint", "http://127.0.0.1:9/query", "--as-of", "2024-02-30", "query", "VMSeries | count"]
    assert main(args, out, err) == ExitStatus.USAGE
    assert "is no day of the calendar" in err.getvalue()


def test_a_diff_says_which_revisions_it_compares() -> None:
    """A changelog (`kg diff seed 2025 -f md > CHANGES.md`) and the table named neither
    revision (hunt80 F4): both lead with them, in the language asked for; a day before a
    part of its revision says so, as --as-of does, in a note as every note."""
    out = io.StringIO()
    assert main(["diff", "seed", "2025", "-f", "md"], out, io.StringIO()) == ExitStatus.OK
    assert out.getvalue().startswith("page revision of 2024-01-23 (seed) → page revision of "
                                     "2025-11-13\n\n| change | subject |")
    out = io.StringIO()
    assert main(["--lang", "de", "diff", "2025", "2026", "-f", "table"], out,
                io.StringIO()) == ExitStatus.OK
    assert out.getvalue().startswith("Seitenrevision vom 13.11.2025 → Seitenrevision vom "
                                     "31.03.2026 (gerenderte Kopie)\n\nchange")
    out = io.StringIO()
    assert main(["diff", "seed", "2025", "-f", "csv"], out, io.StringIO()) == ExitStatus.OK
    assert out.getvalue().startswith("change,subject,")  # data formats: the rows alone
    err = io.StringIO()
    assert main(["diff", "2024-06-01", "2026", "-f", "csv"], io.StringIO(), err) == ExitStatus.OK
    assert err.getvalue() == (
        "note: as of 2024-06-01 kg answers from the page revision of 2024-01-23 (seed); part of "
        "it is dated later: retiring-vms.md (retired VM series include) of 2024-10-17\n")


def test_validate_says_which_revision_it_checked() -> None:
    out = io.StringIO()
    assert main(["--as-of", "seed", "validate"], out, io.StringIO()) == ExitStatus.OK
    assert out.getvalue().rstrip().endswith(", as of the page revision of 2024-01-23 (seed)")


def test_a_diff_takes_dates_and_years_as_values_too() -> None:
    """`diff_revisions(datetime.date(2024, 6, 1), "2024")` failed once notes were said of its
    arguments (hunt81 F4); a year as a number names its revision, as `as_of=` takes it; a
    note of one revision's two names is in the language asked for (hunt81 F9)."""
    import datetime

    from kg.diff import diff_revisions

    notes: list[str] = []
    assert diff_revisions(datetime.date(2024, 6, 1), "2024", notes=notes).rows == []  # type: ignore[arg-type]
    assert notes[0].startswith("as of 2024-06-01 kg answers from the page revision of 2024-01-23")
    assert diff_revisions(2024, 2026).rows == diff_revisions("2024", "2026").rows  # type: ignore[arg-type]
    notes = []
    diff_revisions("seed", "2024", lang="de", notes=notes)
    assert notes == ["seed und 2024 sind dieselbe Revision, vom 23.01.2024: zwischen ihnen hat "
                     "sich nichts geändert"]
