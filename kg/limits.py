"""The documented limits of what kg accepts, so no input can hang or exhaust it (what a
statement asks the engine for is not an input: the README's Limits say so).

Every limit is a clear error (a query error, exit 3, or a data error, exit 4) naming
the limit; docs/language.md and the README list them.
"""

from __future__ import annotations

__all__ = ["MAX_QUERY_CHARS", "MAX_DEPTH", "MAX_STEPS", "MAX_STAGES", "MAX_TERMS", "MAX_PROBLEMS",
           "MAX_DATA_BYTES", "MAX_CUTS", "MAX_SCRIPT_BYTES", "MAX_DEPTH_READ", "MAX_PASTE_CHARS",
           "MAX_SAVED_BYTES", "MAX_JSON_DEPTH", "LIMITS"]

MAX_QUERY_CHARS = 100_000  #: characters in one statement
MAX_DEPTH = 64  #: nesting of conditions and parentheses in one statement
MAX_STEPS = 64  #: steps in one path (`series.architecture.minCuda` has three)
MAX_STAGES = 100  #: stages in one pipeline
MAX_TERMS = 1000  #: conditions and listed values in one statement
MAX_CUTS = 4  #: `limit`s before `show` with other stages between them (each nests a query)
MAX_PROBLEMS = 20  #: problems one error reports (the rest are counted)
MAX_DATA_BYTES = 2 * 1024**3  #: bytes in one --data file
MAX_SCRIPT_BYTES = 16 * 1024**2  #: bytes in one file the REPL's .read runs
MAX_SAVED_BYTES = 1024**2  #: bytes in one saved-query file (a statement's 100,000 characters and a header)
MAX_DEPTH_READ = 16  #: files read by .read from files read by .read
MAX_JSON_DEPTH = 500  #: levels of objects and arrays in one JSON-LD data file
MAX_PASTE_CHARS = 1_000_000  #: characters of statements one paste puts in the REPL's line

#: Each limit and what it bounds, for the documentation.
LIMITS: dict[str, tuple[int, str]] = {
    "statement size": (MAX_QUERY_CHARS, "characters in one statement"),
    "nesting": (MAX_DEPTH, "levels of nested conditions and parentheses"),
    "path steps": (MAX_STEPS, "steps in one path (`series.architecture.minCuda` has three)"),
    "stages": (MAX_STAGES, "stages in one pipeline"),
    "terms": (MAX_TERMS, "conditions and listed values in one statement"),
    "cuts": (MAX_CUTS, "`limit` stages before `show` with other stages between them"),
    "problems": (MAX_PROBLEMS, "problems listed in one error message"),
    "data file": (MAX_DATA_BYTES, "bytes in one --data file (regular files only)"),
    "script file": (MAX_SCRIPT_BYTES, "bytes in one file the REPL's `.read` runs (regular files "
                    "only)"),
    "saved-query file": (MAX_SAVED_BYTES, "bytes in one saved-query file (`.kgq`; regular "
                         "files only): it is refused before it is read"),
    "JSON-LD nesting": (MAX_JSON_DEPTH, "levels of objects and arrays within each other in "
                        "one JSON-LD data file"),
    ".read nesting": (MAX_DEPTH_READ, "files read by `.read` from a file `.read` runs"),
    "paste": (MAX_PASTE_CHARS, "characters one paste puts in the REPL's line, each of its "
              "statements within the statement size (`.read` runs more)"),
}
