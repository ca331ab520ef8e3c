"""Events a curator attends (#23): seminars, webinars, meetings, councils — recorded, listed,
made in series from a recurring plan item, linked to the plan item they fulfil."""

from curator_desktop.services.events.records import attended_in
from curator_desktop.services.events.service import EventService, PlanChoice

__all__ = ["EventService", "PlanChoice", "attended_in"]
