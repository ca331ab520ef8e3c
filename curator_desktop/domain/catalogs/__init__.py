"""Catalog files as data: built-in ids and the checks of the risk-factor catalog and of the
templates."""
