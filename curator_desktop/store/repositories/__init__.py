"""Repositories: queries over a Database that return plain objects."""
