"""Benchmarks: quality on ../shared/bench/aeb and speed against peers."""
