"""Catalog files as data: built-in ids, the risk-factor catalog's and the templates' checks, JSON
places."""
