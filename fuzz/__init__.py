"""The fuzz target of kg: generated and mutated KGQ statements, through the Python API and
the command line, that must each end in a result or kg's own error, quickly.

``python -m fuzz`` (``make fuzz``) runs 100,000 statements in-process and 3,000 through
``kg query``; ``--count``, ``--cli`` and ``--seed`` change that. It fails (exit 1) listing
every statement that raised an exception that is not a :class:`kg.errors.KgError`, made the
engine fail (exit 5 on the embedded graph), took more than a second of CPU, hung, crashed
the interpreter, or (through the CLI) ended with a traceback or an undocumented exit code.

* :mod:`fuzz.corpus`: the seeds, every documented example and saved query;
* :mod:`fuzz.generate`: statements from the grammar (``kg/grammar.lark``), rule by rule;
* :mod:`fuzz.mutate`: token deletion, duplication, swaps, random bytes, deep nesting, huge
  numbers, long pipelines and long ``or`` chains;
* :mod:`fuzz.run`: the runners, each statement timed, in a worker process that a hang or a
  crash cannot take down the run with.
"""
