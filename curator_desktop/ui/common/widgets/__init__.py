"""Small widgets shared by the features: date fields, empty states, list tables, filters."""
