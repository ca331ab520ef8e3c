"""The Settings page: language, the curator's profile, catalogs, backups."""
