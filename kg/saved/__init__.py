"""Saved queries: ``queries/*.kgq`` files with a header of typed parameters.

A saved query is a plain KGQ file whose leading comment lines are its header::

    # name: series-by-architecture
    # description: VM series built on one GPU architecture
    # param arch: GPUArchitecture = Volta
    VMSeries | where architecture = $arch | show name, category

A parameter's type is an ontology class (the value must name an entity of that
class) or one of ``string``, ``number``, ``version``, ``boolean``, ``date``.
Values reach the query through the checker's parameters, so they bind as graph
terms or typed literals, never as text pasted into the query. One loader serves
``kg run``, ``kg list``, ``kg show``, ``kg export --saved`` and the REPL.

:mod:`~kg.saved.model` holds the types, :mod:`~kg.saved.files` finds and reads the
files, :mod:`~kg.saved.writing` writes them, :mod:`~kg.saved.binding` checks parameter
values and runs a query.
"""

from __future__ import annotations

from kg.saved.binding import (
                              SCALAR_TYPES,
                              bind,
                              check_saved,
                              missing_source,
                              run_saved,
                              scalar_ok,
                              stream_saved,
)
from kg.saved.files import list_saved, load_saved, parse_saved, saved_names
from kg.saved.folders import queries_dir
from kg.saved.model import Param, SavedQuery
from kg.saved.writing import save_query

__all__ = ["Param", "SavedQuery", "SCALAR_TYPES", "queries_dir", "list_saved", "saved_names",
           "load_saved", "parse_saved", "bind", "check_saved", "missing_source", "run_saved", "stream_saved",
           "save_query", "scalar_ok"]
