"""Visits as plain records, and the visits list's filter."""
