"""`make bench`: kg against raw pyoxigraph, side by side in one run, and issue 11's targets.

Sections (``--only`` picks some):

- ``warm``: warm p50 of every documented example (docs/language.md), on the page graph;
- ``cold``: cold ``kg query`` against a raw pyoxigraph script (same files, same SPARQL);
- ``remote``: the SPARQL endpoint's overhead per statement (Oxigraph server on loopback),
  and cold `kg query` on a server holding each generated graph;
- ``completion``: REPL completion per keystroke, on the page and at 100k triples;
- ``load`` and ``statements``: a generated graph at 100k and 1M triples (bench/generate.py,
  cached in bench/.cache/): load time and peak memory, and representative statements
  three ways (kg, raw pyoxigraph on kg's SPARQL, raw pyoxigraph on hand-written SPARQL).
  kg's SPARQL is every query kg sends for the statement (a cut's or a check's queries
  first), as the executor fills them.

Contenders alternate run by run; every figure is a median (of ``--runs``, at least 5)
and every ratio is against a reference measured in the same run.

    python -m bench               # everything (about 4 to 5 minutes on 2 cores)
    python -m bench --quick       # 100k only (about 1.5 minutes)
    python -m bench --only statements --scales 1000000
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import pyoxigraph

from bench.report import print_targets, say

SECTIONS = ("warm", "cold", "remote", "completion", "load", "statements")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k triples only (no 1M)")
    parser.add_argument("--scales", default=None,
                        help="comma-separated graph sizes in triples (default 100000,1000000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per contender (default 5)")
    parser.add_argument("--budget", type=float, default=40.0,
                        help="seconds one statement's contender may take in all; a slower "
                             "one runs fewer times (default 40)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections (default all: {','.join(SECTIONS)})")
    args = parser.parse_args(argv)
    args.sections = set(args.only.split(","))
    unknown = args.sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    default = "100000" if args.quick else "100000,1000000"
    args.scale_list = [int(s) for s in (args.scales or default).split(",") if s]
    return args


def page_sections(args: argparse.Namespace) -> None:
    if "warm" in args.sections:
        from bench.warm import warm_section

        warm_section()
    if "cold" in args.sections:
        from bench.cold import cold_section

        cold_section(max(args.runs, 10))
    if "remote" in args.sections:
        from bench.remote import remote_section

        remote_section(args.runs)
    if "completion" in args.sections:
        from bench.completion import completion_section

        completion_section(None, "page")


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    say(f"# kg benchmarks (Python {platform.python_version()}, pyoxigraph "
        f"{pyoxigraph.__version__}, {platform.machine()}, {os.cpu_count()} CPUs)\n")
    say("## The page graph\n")
    page_sections(args)
    if args.sections & {"load", "statements", "completion"}:
        from bench.scale import run_scale

        for triples in args.scale_list:
            run_scale(triples, args.runs, args.budget, args.sections)
    if "remote" in args.sections:
        from bench.remote import remote_scale_section

        for triples in args.scale_list:
            remote_scale_section(triples)
    print_targets()
    say(f"\n(bench took {time.perf_counter() - started:,.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
