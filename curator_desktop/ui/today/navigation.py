"""Going from a «Сегодня» entry to its place in the window: the visit editor, the school's card
(on its documents), the plan's item, the event, a page; and the empty day's commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from curator_desktop.services.plan.relations import RelationFilter
from curator_desktop.services.today.agenda import Place, Target
from curator_desktop.ui.today.empty_day import IMPORT_ROADMAP, IMPORT_SCHOOLS, NEW_SCHOOL, NEW_VISIT

if TYPE_CHECKING:
    from curator_desktop.ui.events.page import EventsPage
    from curator_desktop.ui.plan.page import PlanPage
    from curator_desktop.ui.shell.main_window import MainWindow


def open_target(window: MainWindow, target: Target) -> None:
    """Open ``target`` in ``window``."""
    match target.place:
        case Place.VISIT:
            window.visit_windows.open(target.id)
        case Place.SCHOOL:
            window.open_school(target.school_id)
        case Place.DOCUMENTS:
            window.open_school_documents(target.school_id)
        case Place.PLAN_ITEM:
            show_plan_item(window, target.id)
        case Place.EVENT:
            show_event(window, target.id)
        case Place.PAGE:
            window.show_page(target.id)


def show_plan_item(window: MainWindow, item_id: str) -> None:
    """Show the Plan page with the item selected (clearing a search, roadmap or relation filter
    that hides it: «Сегодня» lists the curator's own items), the keyboard in its list."""
    window.show_page("plan")
    page = cast("PlanPage", window.page("plan"))
    views = page.views
    if views is None:
        return
    if not views.reveal(item_id):
        page.filters.show_everything()
        if not views.reveal(item_id):  # hidden by «Участвую»: «Мои» holds it
            page.filters.set_relation_filter(RelationFilter.MINE)
            views.reveal(item_id)
    views.table.view.setFocus()


def show_event(window: MainWindow, event_id: str) -> None:
    """Show the Events page with the event selected, and open its dialog."""
    window.show_page("events")
    page = cast("EventsPage", window.page("events"))
    if page.select_event(event_id):
        page.edit_event(event_id)


def run_command(window: MainWindow, command: str) -> None:
    """An empty day's button: import or add schools, import a roadmap, plan a visit."""
    actions = {
        IMPORT_SCHOOLS: window.import_schools,
        NEW_SCHOOL: window.new_school,
        IMPORT_ROADMAP: window.import_roadmap,
        NEW_VISIT: window.new_visit,
    }
    action = actions.get(command)
    if action is not None:
        action()
