"""The visit's own fields a completion needs (purpose, a participant, a finding where the school
has risks), filled as a curator would before pressing «Complete visit»."""

from __future__ import annotations

from curator_desktop.services.visits.service import VisitService

PURPOSE = "Проверка реализации антирисковых программ"
PARTICIPANT = ("Матвеева Валентина Петровна", "Директор", "Руководитель рабочей группы")
FINDING = "Программа выполняется по графику"


def fill_visit_fields(service: VisitService, visit_id: str) -> None:
    """Purpose, one named participant and, when the school has risk factors this year, a finding
    on the first one (only what is still empty)."""
    state = service.load(visit_id)
    if not state.visit.purpose.strip():
        service.update_visit(visit_id, purpose=PURPOSE)
    if not any(p.full_name.strip() for p in state.participants):
        name, position, role = PARTICIPANT
        service.add_participant(visit_id, full_name=name, position=position, role=role)
    if state.factors and not any(text.strip() for text in state.findings.values()):
        service.set_finding(visit_id, state.factors[0].code, FINDING)
