"""Curator Desktop: an offline workbench for curators of school-support programmes."""

__version__ = "0.1.0"
APP_NAME = "Curator Desktop"
APP_ID = "curator-desktop"
