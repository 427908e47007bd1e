"""Benchmarks: ``make bench`` runs bench/benchmark.py."""
