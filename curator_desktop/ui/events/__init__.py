"""The «Мероприятия» page: events a curator attends (seminars, webinars, meetings, councils)."""
