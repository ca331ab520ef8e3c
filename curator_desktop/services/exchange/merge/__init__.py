"""Merging an incoming package into the store: reconcile, then apply (one or many packages)."""
