"""The regional roadmap (план-график) as an imported document: reading its table, deadlines,
editions."""
