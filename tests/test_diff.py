"""`kg diff OLD NEW`: the facts added, removed and changed between two page revisions, each
in its section (a source's name: a table rewritten in a revision is a new graph of that
name). A fact that moved to another section showed no change: the 2025 split of the
training table into SDK/CLI v2 and v1 tables did not appear (hunt31 F1)."""

from __future__ import annotations

from kg.diff import diff_revisions

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


def test_no_change_between_a_revision_and_itself() -> None:
    assert _rows("2025", "2025") == []
    assert _rows("latest", "2026") == []
