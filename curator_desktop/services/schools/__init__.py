"""Schools over the store: the card's writes and the import of the coordinator's list."""
