"""Benchmarks of kg: `make bench` (python -m bench). Results are ratios against a
reference measured in the same run, never absolute timings asserted in tests."""
