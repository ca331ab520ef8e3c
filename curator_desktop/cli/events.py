"""``curator-desktop events list`` and ``events add``: the events a curator attends (seminars,
webinars, meetings, councils) from the command line, checked by the same rules as the dialog.

Services are imported inside each handler, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.reports import parse_date
from curator_desktop.cli.store import EXIT_OK, device_id, open_current
from curator_desktop.domain.events import Attendance, EventFormat, EventKind
from curator_desktop.i18n import _, format_date
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.domain.events import Event


def parse_time(text: str) -> dt.time:
    """An argparse type: ``15:00`` (a usage error, exit 2, otherwise)."""
    try:
        return dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a time: write it as HH:MM.").format(text=text)
        ) from None


def add_events_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    events = commands.add_parser(
        "events", help=_("events the curator attends: seminars, webinars, meetings, councils")
    )
    actions = events.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list the recorded events"))
    listing.add_argument("--from", dest="date_from", type=parse_date, metavar="DATE",
                         help=_("the first day"))  # fmt: skip
    listing.add_argument("--to", dest="date_to", type=parse_date, metavar="DATE",
                         help=_("the last day"))  # fmt: skip
    listing.add_argument("--json", action="store_true", help=_("one JSON array, for scripts"))
    common(listing)

    adding = actions.add_parser(
        "add",
        help=_("record an event"),
        epilog=_("Exit codes: 0 — recorded; 2 — a rule was broken and nothing was written."),
    )
    adding.add_argument("--date", dest="day", type=parse_date, required=True, metavar="DATE",
                        help=_("the day of the event"))  # fmt: skip
    adding.add_argument("--topic", required=True, help=_("what the event is about"))
    adding.add_argument("--kind", choices=[k.value for k in EventKind], default="seminar")
    adding.add_argument("--format", dest="event_format", choices=[f.value for f in EventFormat],
                        default="in_person")  # fmt: skip
    adding.add_argument("--attendance", choices=[a.value for a in Attendance], default="planned")
    adding.add_argument("--time", dest="start_time", type=parse_time, metavar="HH:MM",
                        help=_("when it starts"))  # fmt: skip
    adding.add_argument("--organiser", default="", help=_("who holds it"))
    adding.add_argument("--notes", default="")
    adding.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    common(adding)


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "day": event.day.isoformat(),
        "start_time": event.start_time.strftime("%H:%M") if event.start_time else None,
        "kind": event.kind,
        "topic": event.topic,
        "organiser": event.organiser,
        "format": event.event_format,
        "attendance": event.attendance,
        "plan_item_id": event.plan_item_id,
        "analyses": [{"school_id": a.school_id, "text": a.text} for a in event.analyses],
    }


def _line(event: Event) -> str:
    parts = [
        format_date(event.day, "short"),
        event.start_time.strftime("%H:%M") if event.start_time else "",
        EventKind.label_for(event.kind),
        event.topic,
        EventFormat.label_for(event.event_format),
        Attendance.label_for(event.attendance),
    ]
    return " · ".join(p for p in parts if p)


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- handlers -----------------------------------------------------------------------------------


def events_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.events import EventService

    with open_current(paths, write=False) as database:
        events = EventService(database).events(args.date_from, args.date_to)
    if args.json:
        _print_json([event_json(e) for e in events])
        return EXIT_OK
    if not events:
        print(_("No events are recorded."))
    for event in events:
        print(_line(event))
    return EXIT_OK


def events_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.domain.events import Event
    from curator_desktop.services.events import EventService

    event = Event(
        id="",
        day=args.day,
        topic=args.topic.strip(),
        kind=args.kind,
        event_format=args.event_format,
        attendance=args.attendance,
        start_time=args.start_time,
        organiser=args.organiser.strip(),
        notes=args.notes.strip(),
    )
    with open_current(paths, write=True) as database:
        stored = EventService(database, device_id=device_id(paths)).create(event)
    if args.json:
        _print_json(event_json(stored))
    else:
        print(_("Recorded: {event}").format(event=_line(stored)))
    return EXIT_OK
