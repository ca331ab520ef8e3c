"""A school without ИНН is matched by name and municipality only when the user confirms the
pair the preview proposed: ``ExchangeService.import_(confirmed=…)``. Real stores that imported
the same list of schools, real packages."""

from __future__ import annotations

from pathlib import Path

import pytest
from identity_helpers import (
    NO_INN_NAME,
    add_visit,
    export,
    import_list,
    list_csv,
    live_schools,
    visits_of,
)
from identity_helpers import new_store as make_store

from tests.services.exchange.exchange_helpers import Store


@pytest.fixture
def stores(tmp_path: Path, migrated_store_template: Path):  # type: ignore[no-untyped-def]
    csv = list_csv(tmp_path / "список школ.csv")
    a, coordinator = (
        make_store(migrated_store_template, tmp_path / n, f"dev-{n}") for n in ("a", "c")
    )
    for store in (a, coordinator):
        import_list(store, csv)
    yield a, coordinator
    for store in (a, coordinator):
        store.close()


def test_without_confirmation_the_schools_stay_apart(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, coordinator = stores
    theirs = live_schools(a.database)[NO_INN_NAME][0]
    add_visit(a.database, theirs, "Посещение")
    package = export(a, tmp_path / "usb", "a.curator")
    mine = live_schools(coordinator.database)[NO_INN_NAME][0]
    result = coordinator.service.import_(package)
    assert sorted(live_schools(coordinator.database)[NO_INN_NAME]) == sorted([theirs, mine])
    (proposal,) = result.reconciliation.identity.proposals  # still proposed, never applied
    assert proposal.incoming_id == theirs


def test_a_confirmed_proposal_maps_the_school_onto_the_local_one(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, coordinator = stores
    theirs = live_schools(a.database)[NO_INN_NAME][0]
    mine = live_schools(coordinator.database)[NO_INN_NAME][0]
    visit = add_visit(a.database, theirs, "Посещение малой школы")
    package = export(a, tmp_path / "usb", "a.curator")
    (proposal,) = coordinator.service.preview(package).reconciliation.identity.proposals
    assert (proposal.incoming_id, proposal.local_id) == (theirs, mine)

    coordinator.service.import_(package, confirmed=[(theirs, mine)])

    assert live_schools(coordinator.database)[NO_INN_NAME] == [mine]
    assert visits_of(coordinator.database, mine) == {visit}


def test_a_pair_that_was_not_proposed_is_not_applied(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, coordinator = stores
    theirs = live_schools(a.database)[NO_INN_NAME][0]
    other = next(ids[0] for key, ids in live_schools(coordinator.database).items() if key.isdigit())
    visit = add_visit(a.database, theirs, "Посещение малой школы")
    package = export(a, tmp_path / "usb", "a.curator")

    coordinator.service.import_(package, confirmed=[(theirs, other)])

    assert visits_of(coordinator.database, other) == set()
    assert len(live_schools(coordinator.database)[NO_INN_NAME]) == 2
    assert visits_of(coordinator.database, theirs) == {visit}
