"""Benchmarks for boilerstrip: accuracy against human-marked truth (``python -m
benchmarks.accuracy``) and the helpers the CI accuracy gate shares with it."""
