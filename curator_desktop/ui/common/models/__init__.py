"""Qt table models shared by the features: rows as data, paged ids, search filtering."""
