"""One load, in a fresh process, for its time and peak memory:

    python -m bench.loadproc kg  DATA            # kg.open_graph(data=[DATA])
    python -m bench.loadproc raw FILE... DATA    # pyoxigraph Store().load of every file

Prints one JSON object: ``seconds`` (the load alone, imports excluded), ``quads``,
``base_kb`` (peak resident memory before loading, after imports) and ``peak_kb`` (after).
"""

from __future__ import annotations

import json
import resource
import sys
import time

__all__ = ["main"]


def _rss_kb() -> int:
    """Peak resident memory of this process in KiB: VmHWM (Linux; reset by exec, unlike
    ru_maxrss, which a child started by a big parent inherits), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _load_kg(files: list[str]) -> int:
    import kg

    return len(kg.open_graph(data=files).store.store)  # type: ignore[union-attr]


def _load_raw(files: list[str]) -> int:
    import pyoxigraph as ox

    store = ox.Store()
    for path in files:
        fmt = ox.RdfFormat.TRIG if path.endswith(".trig") else ox.RdfFormat.TURTLE
        store.load(path=path, format=fmt)
    return len(store)


def main(argv: list[str]) -> int:
    who, files = argv[0], argv[1:]
    if who == "kg":
        import kg.session  # noqa: F401 - imports (all of the pipeline) are not part of the load
    else:
        import pyoxigraph  # noqa: F401
    base = _rss_kb()
    start = time.perf_counter()
    quads = _load_kg(files) if who == "kg" else _load_raw(files)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "quads": quads, "base_kb": base, "peak_kb": _rss_kb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
