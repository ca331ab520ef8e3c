"""The Schools page, the school card and the import of the coordinator's list."""
