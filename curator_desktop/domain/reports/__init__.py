"""Generated reports as the app lists them."""
