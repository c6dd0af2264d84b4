"""Benchmarks (not tests): corpus builder, accuracy and speed scripts."""
