"""The coordinator's pages: the region's schools («Регион») and its curators («Кураторы»)."""
