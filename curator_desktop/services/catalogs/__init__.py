"""Catalogs in the store: the built-in risk catalog and templates, and the coordinator's files."""
