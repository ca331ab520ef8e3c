"""Packages received by a coordinator: the log of import attempts and the review of reports."""
