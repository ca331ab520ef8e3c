"""The regional roadmap (план-график) as an imported document: reading its table, deadlines,
editions, and which items concern the curator."""
