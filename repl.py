#!/usr/bin/env python3
"""Start the kg REPL on the embedded graph: `python repl.py [--data FILE] [--lang de]`."""

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["repl", *sys.argv[1:]]))
