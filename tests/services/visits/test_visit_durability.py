"""Autosave survives a killed process: every answer acknowledged before SIGKILL is in the store."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlmodel import select

from curator_desktop.domain.checklists.items import iter_items
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChecklistAnswer, School, Visit

ROOT = Path(__file__).resolve().parents[3]
ACKNOWLEDGED_BEFORE_KILL = 60

WRITER = """
import json, sys
from pathlib import Path
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database

store, attachments, visit_id, plan = sys.argv[1:5]
service = VisitService(Database(Path(store), device_id="killed"), attachments_dir=Path(attachments))
for number, (key, value) in enumerate(json.loads(Path(plan).read_text(encoding="utf-8"))):
    service.set_answer(visit_id, key, value)
    print(number, flush=True)
"""


def _plan(content: dict[str, Any], rounds: int) -> list[tuple[str, Any]]:
    """Every item answered in turn, round after round, with values that change each round."""
    plan: list[tuple[str, Any]] = []
    for round_ in range(rounds):
        for item in iter_items(content):
            kind = item["type"]
            if kind in ("text", "long_text"):
                value: Any = f"Запись {round_}"
            elif kind == "yes_no_partly":
                value = ("yes", "no", "partly", "na")[round_ % 4]
            elif kind == "scale":
                value = item["scale"]["min"] + round_ % 2
            elif kind == "number":
                value = (item.get("min") or 0) + round_ % 2
            elif kind == "date":
                value = (dt.date(2026, 1, 1) + dt.timedelta(days=round_)).isoformat()
            elif kind == "choice":
                value = item["options"][round_ % len(item["options"])]["value"]
            else:
                value = [item["options"][round_ % len(item["options"])]["value"]]
            plan.append((item["key"], value))
    return plan


def test_acknowledged_answers_survive_sigkill(database: Database, tmp_path: Path) -> None:
    install_builtin_catalogs(database)
    with database.session() as session:
        school = School(full_name="МБОУ «Тестовая СОШ»")
        session.add(school)
    service = VisitService(database, attachments_dir=tmp_path / "attachments")
    visit_id = service.create_visit(school.id, "primary", dt.date(2026, 11, 20))
    plan = _plan(service.load(visit_id).visit.template, rounds=200)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    database.close()

    stderr = (tmp_path / "writer.err").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(database.path),
            str(tmp_path / "attachments"),
            visit_id,
            str(plan_file),
        ],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acknowledged = -1
    assert process.stdout is not None
    try:
        while acknowledged + 1 < ACKNOWLEDGED_BEFORE_KILL:
            line = process.stdout.readline()
            if not line:
                stderr.seek(0)
                raise AssertionError(f"the writer stopped early: {stderr.read()}")
            acknowledged = int(line)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        for line in process.stdout.read().splitlines():  # printed before the kill: acknowledged
            acknowledged = int(line)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert acknowledged + 1 < len(plan)  # killed mid-way, not after the last answer

    reopened = Database(database.path, device_id="after")
    try:
        assert reopened.pragma("integrity_check") == "ok"
        with reopened.session() as session:
            rows = session.exec(
                select(ChecklistAnswer).where(ChecklistAnswer.visit_id == visit_id)
            ).all()
            status = session.get(Visit, visit_id).status
    finally:
        reopened.close()
    stored = {row.item_key: row.value for row in rows}
    assert len(rows) == len(stored)  # one row per item however often it was answered
    assert status == "in_progress"
    last_acknowledged: dict[str, int] = {}
    for position in range(acknowledged + 1):
        last_acknowledged[plan[position][0]] = position
    in_flight = plan[acknowledged + 1]  # committed, maybe, but killed before it was printed
    for key, position in last_acknowledged.items():
        allowed = [plan[position][1]]
        if in_flight[0] == key:
            allowed.append(in_flight[1])
        assert stored[key] in allowed, key
    assert stored.keys() <= {key for key, _value in plan[: acknowledged + 2]}
