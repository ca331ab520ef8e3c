"""The demo store: deterministic synthetic data that shows a newcomer what the app holds."""
