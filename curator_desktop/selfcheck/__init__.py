"""The self-check of an installation (``curator-desktop selfcheck``)."""
