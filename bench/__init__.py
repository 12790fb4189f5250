"""Benchmarks: each prints its figures and the ratio to its baseline (see README.md)."""
