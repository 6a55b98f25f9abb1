"""``python -m fuzz``: run the fuzz target; exit 1 listing every finding."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from fuzz.mix import statements
from fuzz.run import KINDS, Finding, run_api, run_cli


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__)
    p.add_argument("--count", type=int, default=100_000, help="statements through the Python API")
    p.add_argument("--cli", type=int, default=3_000, help="statements through `kg query`")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same statements")
    p.add_argument("--limit", type=float, default=1.0, help="CPU seconds a statement may take")
    p.add_argument("--cli-limit", type=float, default=5.0,
                   help="wall seconds a `kg query` run may take (start-up included)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconds before a hang is killed")
    p.add_argument("--jobs", type=int, default=2, help="CLI runs at a time")
    p.add_argument("--report", metavar="FILE", help="write every finding as JSON to FILE")
    args = p.parse_args(argv)
    started = time.monotonic()
    texts, params = statements(max(args.count, args.cli), args.seed)
    say = _progress(started)
    findings = run_api(texts[: args.count], params, limit=args.limit, timeout=args.timeout,
                       seed=args.seed, progress=lambda n: say("api", n, args.count),
                       found=lambda f: print(f.line(160), file=sys.stderr))
    cli = [t for t in texts[: args.count or args.cli]][:: max(1, (args.count or 1) // max(1, args.cli))]
    findings += run_cli(cli[: args.cli], params, limit=args.cli_limit, timeout=2 * args.timeout,
                        jobs=args.jobs, seed=args.seed, progress=lambda n: say("cli", n, args.cli))
    return report(findings, args.count, min(args.cli, len(cli)), time.monotonic() - started,
                  args.report)


def _progress(started: float):  # type: ignore[no-untyped-def]
    last = [0.0]

    def say(what: str, n: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 10 or n == total:
            last[0] = now
            print(f"  {what}: {n:,}/{total:,} ({now - started:.0f} s)", file=sys.stderr)

    return say


def report(findings: list[Finding], count: int, cli: int, seconds: float,
           path: str | None = None) -> int:
    """Print the summary and every finding; the exit status (1 when anything was found)."""
    print(f"fuzz: {count:,} statements in-process, {cli:,} through the CLI, {seconds:.0f} s")
    kinds = Counter(f.kind for f in findings)
    for kind, n in kinds.most_common():
        print(f"  {n:>5} {kind}: {KINDS[kind]}")
    for f in findings:
        print(f.line())
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump([f.__dict__ for f in findings], handle, ensure_ascii=True, indent=1)
    print("fuzz: " + ("FAILED" if findings else "passed"))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
