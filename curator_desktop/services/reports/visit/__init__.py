"""«Справка по итогам посещения»: the report of one visit."""
