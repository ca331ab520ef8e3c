"""Hostile inputs for every reader, made at test time, given to the real CLI (issue #18)."""
