"""The Exchange page: export, import preview, conflicts and package passwords."""
