"""The Visits page, planning a new visit, and the visit editor."""
