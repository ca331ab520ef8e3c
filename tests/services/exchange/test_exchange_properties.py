"""Property: random edits on two computers, exchanged both ways, lose no committed edit, and
conflicts are reported exactly for the records both sides changed differently."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Store, content, copy_folder, copy_store, edit, fill_small
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator_desktop.services.exchange.merge.reconcile import content as record_content
from curator_desktop.services.exchange.store_move import create_store_from_package
from curator_desktop.store.tables import ChecklistAnswer, Recommendation, School

TEXT = st.sampled_from(["", "Да", "Нет", "Проверено на выезде", "Уточнить у директора"])
FIELDS: dict[str, tuple[type[Any], dict[str, st.SearchStrategy[Any]]]] = {
    "school": (
        School,
        {
            "notes": TEXT,
            "director_name": st.sampled_from(["", "Иванова А. А.", "Петров П. П."]),
            "students_count": st.one_of(st.none(), st.sampled_from([120, 340])),
        },
    ),
    "recommendation": (
        Recommendation,
        {
            "status": st.sampled_from(["open", "cancelled", "done"]),
            "progress_note": TEXT,
            "deleted": st.booleans(),
        },
    ),
    "checklist_answer": (
        ChecklistAnswer,
        {"value": st.sampled_from(["yes", "no", None, "partly"]), "comment": TEXT},
    ),
}


@st.composite
def an_edit(draw: st.DrawFn) -> tuple[str, str, int, str, Any]:
    side = draw(st.sampled_from(["a", "b"]))
    table = draw(st.sampled_from(sorted(FIELDS)))
    index = draw(st.integers(0, 2))
    field = draw(st.sampled_from(sorted(FIELDS[table][1])))
    return side, table, index, field, draw(FIELDS[table][1][field])


@pytest.fixture(scope="module")
def base_pair(
    tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path
) -> tuple[Path, Path, dict[str, list[str]]]:
    """Folders of a small store (laptop) and of the same store moved to an office computer."""
    root = tmp_path_factory.mktemp("pair")
    laptop = copy_store(migrated_store_template, root / "a", "dev-a")
    ids = fill_small(laptop.database)
    (root / "usb").mkdir()
    package = laptop.service.export(root / "usb" / "move.curator").path
    create_store_from_package(
        laptop.paths.__class__(root / "b", root / "b" / "config", root / "b" / "logs"),
        package,
        device_id="dev-b",
    )
    laptop.close()
    return root / "a", root / "b", ids


def _apply(store: Store, ids: dict[str, list[str]], edits: list[Any], side: str) -> None:
    for who, table, index, field, value in edits:
        if who == side:
            model = FIELDS[table][0]
            edit(store.database, model, ids[table][index], **{field: value})


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (table, record_id)
        for table, rows in after.items()
        for record_id, record in rows.items()
        if before[table][record_id]["revision"] != record["revision"]
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(an_edit(), max_size=8))
def test_random_edits_exchanged_both_ways(base_pair: Any, edits: list[Any]) -> None:
    folder_a, folder_b, ids = base_pair
    work = Path(tempfile.mkdtemp(prefix="exchange-property-"))
    a = copy_folder(folder_a, work / "a", "dev-a")
    b = copy_folder(folder_b, work / "b", "dev-b")
    try:
        base = content(a.database)
        _apply(a, ids, edits, "a")
        _apply(b, ids, edits, "b")
        mine_a, mine_b = content(a.database), content(b.database)
        on_a, on_b = _changed(base, mine_a), _changed(base, mine_b)
        expected = {
            (table, rid)
            for table, rid in on_a & on_b
            if record_content(mine_a[table][rid]) != record_content(mine_b[table][rid])
        }
        (work / "usb").mkdir()
        from_a = a.service.export(work / "usb" / "a.curator").path
        from_b = b.service.export(work / "usb" / "b.curator").path
        assert {c.key for c in b.service.preview(from_a).conflicts} == expected
        assert {c.key for c in a.service.preview(from_b).conflicts} == expected

        b.service.import_(from_a, resolutions=dict.fromkeys(expected, "mine"))
        back = b.service.export(work / "usb" / "b2.curator").path
        assert not a.service.preview(back).conflicts
        a.service.import_(back)

        final_a, final_b = content(a.database), content(b.database)
        assert final_a == final_b
        for table, rid in on_a | on_b:
            kept = mine_b if (table, rid) in on_b else mine_a
            assert record_content(final_a[table][rid]) == record_content(kept[table][rid])
    finally:
        a.close()
        b.close()
        shutil.rmtree(work, ignore_errors=True)
