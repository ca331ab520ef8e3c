"""The coordinator's region set-up package for one curator, and the curator's one-step import."""
