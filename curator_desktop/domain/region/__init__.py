"""The coordinator's view of a region: one row per school and per curator (#24)."""
