"""Proof of the sender over real stores and real packages: a sender's key is remembered the first
time, a package that claims a known sender but is not signed with its key is refused in plain
words, a package claiming the receiving store's own id is refused unless it is that store's,
an unsigned package of the previous format still imports (marked), a sender whose name changed
is shown and never merged unseen, and moving a store carries its id and its key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from exchange_helpers import (
    Store,
    copy_store,
    dump,
    files_around_store,
    fill_small,
    folder_paths,
)
from sender_helpers import claiming, meta, old_format, pin, profiles, remake, set_profile

from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.services.exchange.package import signature
from curator_desktop.services.exchange.package.format import KEYS_MEMBER
from curator_desktop.services.exchange.senders import text
from curator_desktop.services.exchange.senders.check import (
    SenderConflictError,
    SenderKeyError,
    StoreIdentityError,
)
from curator_desktop.services.exchange.store_move import create_store_from_package
from curator_desktop.store.repositories.profile import ROLE_KEY
from curator_desktop.store.tables import StoreMeta

SOKOLOVA = "Соколова Марина Викторовна"


@pytest.fixture
def stores(tmp_path: Path, migrated_store_template: Path) -> Iterator[tuple[Store, Store]]:
    """A curator's store and the coordinator's, each with its schools and profile."""
    curator = copy_store(migrated_store_template, tmp_path / "curator", "dev-curator")
    coordinator = copy_store(migrated_store_template, tmp_path / "coordinator", "dev-coord")
    fill_small(curator.database)
    fill_small(coordinator.database)
    set_profile(curator.database, full_name=SOKOLOVA, organisation="ЛОИРО", region="Лен. обл.")
    set_profile(coordinator.database, full_name="Петров Пётр Петрович")
    for store in (curator, coordinator):
        store.service.store_id()
    (tmp_path / "usb").mkdir()
    yield curator, coordinator
    curator.close()
    coordinator.close()


def export(store: Store, name: str, **options: object) -> Path:
    return store.service.export(store.paths.data_dir.parent / "usb" / name, **options).path


def refused_leaving_nothing(store: Store, package: Path, error: type[CuratorError]) -> str:
    """Preview and import both refuse ``package``; the store and its files stay as they were."""
    before, files_before = dump(store.database), files_around_store(store.paths)
    message = ""
    for attempt in (store.service.preview, store.service.import_):
        with pytest.raises(error) as caught:
            attempt(package)
        message = caught.value.user_message
        assert caught.value.exit_code == 2
        assert dump(store.database) == before
        assert files_around_store(store.paths) == files_before
    (item,) = store.service.import_many([package])
    assert isinstance(item.error, error)
    assert dump(store.database) == before
    return message


def test_the_first_package_from_a_sender_pins_its_key(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    curator, coordinator = stores
    package = export(curator, "first.curator")
    before = dump(coordinator.database)
    preview = coordinator.service.preview(package)
    assert dump(coordinator.database) == before  # a preview remembers nothing
    sender = preview.sender
    assert sender is not None and sender.signed and sender.first_seen and not sender.conflict
    assert sender.fingerprint == curator.service.signing_fingerprint()
    assert "remembered for the first time" in " ".join(text.warnings(sender))

    result = coordinator.service.import_(package)
    assert result.written and result.sender is not None and result.sender.first_seen
    pinned = pin(coordinator.database, curator.service.store_id())
    assert pinned is not None and pinned["full_name"] == SOKOLOVA
    assert signature.fingerprint(pinned["public_key"]) == curator.service.signing_fingerprint()

    set_profile(curator.database, position="методист")
    again = coordinator.service.preview(export(curator, "second.curator"))
    assert again.sender is not None and not again.sender.first_seen
    assert text.warnings(again.sender) == []


def test_a_known_sender_not_signed_with_its_key_is_refused(
    stores: tuple[Store, Store], tmp_path: Path, migrated_store_template: Path
) -> None:
    curator, coordinator = stores
    coordinator.service.import_(export(curator, "genuine.curator"))
    curator_id = curator.service.store_id()
    impostor = copy_store(migrated_store_template, tmp_path / "impostor", "dev-impostor")
    try:
        fill_small(impostor.database)
        own = export(impostor, "impostor.curator")
    finally:
        impostor.close()
    forged_key = signature.new_private_key()
    as_sokolova = claiming(curator_id, name=SOKOLOVA)

    forged = remake(own, tmp_path / "forged.curator", as_sokolova, sign_with=forged_key)
    message = refused_leaving_nothing(coordinator, forged, SenderKeyError)
    assert f"claims to come from {SOKOLOVA}" in message
    assert "not signed with the key remembered for this sender" in message
    assert curator.service.signing_fingerprint() in message
    assert signature.fingerprint(signature.public_key_text(forged_key)) in message

    unsigned = remake(own, tmp_path / "unsigned.curator", as_sokolova)
    message = refused_leaving_nothing(coordinator, unsigned, SenderKeyError)
    assert "it is not signed" in message


def test_an_unsigned_package_of_the_previous_format_imports_marked_unsigned(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    curator, coordinator = stores
    old = remake(export(curator, "new.curator"), tmp_path / "old.curator", old_format)
    preview = coordinator.service.preview(old)
    sender = preview.sender
    assert sender is not None and not sender.signed and sender.fingerprint is None
    assert not sender.first_seen and sender.profile.full_name == SOKOLOVA  # from «curator»
    assert text.signature_text(sender) == "unsigned"
    assert "unsigned" in text.warnings(sender)[0]
    result = coordinator.service.import_(old)
    assert result.written and result.reconciliation.counts["school"].new == 3
    assert pin(coordinator.database, curator.service.store_id())["public_key"] is None
    # the first signed package of that sender then pins its key
    later = coordinator.service.preview(export(curator, "signed.curator"))
    assert later.sender is not None and later.sender.first_seen


def test_a_package_claiming_the_receiving_stores_id_is_refused(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    """A package exported from store A with its manifest's store id rewritten to B's, imported
    into B: it passed the self-import guard (another device id) and added a second profile."""
    a, b = stores
    from_a = export(a, "a.curator")
    b_id = b.service.store_id()
    kept = remake(from_a, tmp_path / "kept.curator", claiming(b_id), keep_signature=True)
    assert "changed after it was signed" in refused_leaving_nothing(b, kept, CuratorError)

    unsigned = remake(from_a, tmp_path / "unsigned.curator", claiming(b_id))
    message = refused_leaving_nothing(b, unsigned, SenderKeyError)
    assert "claims to come from this store" in message and "it is not signed" in message

    resigned = remake(
        from_a, tmp_path / "resigned.curator", claiming(b_id), sign_with=signature.new_private_key()
    )
    message = refused_leaving_nothing(b, resigned, SenderKeyError)
    assert "not signed with this store's key" in message
    assert profiles(b.database) == ["Петров Пётр Петрович"]


def test_a_package_of_this_store_holding_another_stores_profile_is_refused(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    """Even where a copy of the store may sign with a key of its own (the store wrote a full
    export without its key), the content must be the store's: its profile, not another."""
    a, b = stores
    export(b, "full-without-key.curator")  # some computer may now hold a copy of b
    forged = remake(
        export(a, "a.curator"), tmp_path / "forged.curator", claiming(b.service.store_id())
    )
    message = refused_leaving_nothing(b, forged, StoreIdentityError)
    assert f"the curator's profile in it («{SOKOLOVA}») is not this store's" in message
    assert profiles(b.database) == ["Петров Пётр Петрович"]


def test_a_sender_whose_name_changed_is_shown_and_never_merged_unseen(
    stores: tuple[Store, Store],
) -> None:
    curator, coordinator = stores
    coordinator.service.import_(export(curator, "first.curator"))
    set_profile(curator.database, full_name="Соколова-Белова Марина Викторовна")
    package = export(curator, "renamed.curator")

    preview = coordinator.service.preview(package)
    sender = preview.sender
    assert sender is not None and sender.conflict and sender.known_name == SOKOLOVA
    shown = " ".join(text.warnings(sender))
    assert "«Соколова-Белова Марина Викторовна»" in shown and f"«{SOKOLOVA}»" in shown

    before = dump(coordinator.database)
    (item,) = coordinator.service.import_many([package])
    assert isinstance(item.error, SenderConflictError)
    assert "import it alone" in item.error.user_message.lower()
    assert dump(coordinator.database) == before

    # imported alone, after the preview showed it: the new name is remembered
    coordinator.service.import_(package)
    assert pin(coordinator.database, curator.service.store_id())["full_name"] == (
        "Соколова-Белова Марина Викторовна"
    )
    assert not coordinator.service.preview(export(curator, "third.curator")).sender.conflict


def test_moving_with_the_signing_key_keeps_the_store_id_and_the_key(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    curator, coordinator = stores
    curator.service.import_(export(coordinator, "from-coordinator.curator"))
    with pytest.raises(ValidationError):
        export(curator, "no-password.curator", with_signing_key=True)
    package = export(curator, "move.curator", with_signing_key=True, password="пароль")

    new = create_store_from_package(
        folder_paths(tmp_path / "new-laptop"), package, device_id="dev-new", password="пароль"
    )
    assert new.created_store
    from exchange_helpers import open_folder

    laptop = open_folder(tmp_path / "new-laptop", "dev-new")
    try:
        assert laptop.service.store_id() == curator.service.store_id()
        assert laptop.service.signing_fingerprint() == curator.service.signing_fingerprint()
        assert meta(laptop.database)["signing_key"] == meta(curator.database)["signing_key"]
        # the senders the old computer knew are known here too
        assert pin(laptop.database, coordinator.service.store_id()) == pin(
            curator.database, coordinator.service.store_id()
        )
        set_profile(laptop.database, position="методист")
        from_laptop = export(laptop, "from-laptop.curator")
        preview = curator.service.preview(from_laptop)
        assert preview.same_store and not preview.sender.first_seen
        assert preview.sender.fingerprint == curator.service.signing_fingerprint()
        coordinator.service.import_(export(curator, "c1.curator"))
        assert not coordinator.service.preview(from_laptop).sender.first_seen
    finally:
        laptop.close()


def test_a_moving_package_whose_key_is_not_its_signers_is_refused(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    import hashlib
    import json

    from sender_helpers import contents

    from curator_desktop.services.exchange import crypto

    curator, _coordinator = stores
    locked = export(curator, "move.curator", with_signing_key=True, password="пароль")
    plain = tmp_path / "plain.curator"
    crypto.decrypt_file(locked, plain, "пароль")
    members, manifest = contents(plain)
    assert manifest["format"] == 2 and KEYS_MEMBER in manifest["members"]
    document = json.loads(members[KEYS_MEMBER])
    other = signature.new_private_key()
    document["signing_key"]["private_key"] = signature.private_key_text(other)
    members[KEYS_MEMBER] = json.dumps(document).encode()
    own_key = signature.private_key_from(meta(curator.database)["signing_key"])

    def rehash(manifest: dict) -> None:
        manifest["members"][KEYS_MEMBER] = hashlib.sha256(members[KEYS_MEMBER]).hexdigest()

    swapped = remake(
        plain, tmp_path / "swapped.curator", rehash, sign_with=own_key, members=members
    )
    target = folder_paths(tmp_path / "new-laptop")
    with pytest.raises(CuratorError) as caught:
        create_store_from_package(target, swapped, device_id="dev-new")
    assert "not the one it was signed with" in caught.value.user_message
    assert not target.store_file.exists()


def test_a_copy_moved_without_the_key_is_taken_once_then_held_to_its_key(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    curator, _coordinator = stores
    plain = export(curator, "plain-full.curator")  # the first export: the whole store, no key
    create_store_from_package(folder_paths(tmp_path / "office"), plain, device_id="dev-office")
    from exchange_helpers import open_folder

    office = open_folder(tmp_path / "office", "dev-office")
    try:
        # the office knows the key that signed the package it was made from
        assert not office.service.preview(export(curator, "c.curator")).sender.first_seen
        set_profile(office.database, position="методист")
        from_office = export(office, "o.curator")
        preview = curator.service.preview(from_office)
        assert preview.same_store and preview.sender.first_seen  # the copy's own key, once
        curator.service.import_(from_office)
        assert not curator.service.preview(export(office, "o2.curator")).sender.first_seen
        third = remake(
            from_office,
            tmp_path / "third.curator",
            lambda manifest: None,
            sign_with=signature.new_private_key(),
        )
        assert "not signed with this store's key" in refused_leaving_nothing(
            curator, third, SenderKeyError
        )
    finally:
        office.close()


def test_a_new_sender_under_a_known_senders_name_is_pointed_out(
    stores: tuple[Store, Store], tmp_path: Path, migrated_store_template: Path
) -> None:
    curator, coordinator = stores
    coordinator.service.import_(export(curator, "genuine.curator"))
    namesake = copy_store(migrated_store_template, tmp_path / "namesake", "dev-namesake")
    try:
        fill_small(namesake.database)
        set_profile(namesake.database, full_name=SOKOLOVA)
        package = export(namesake, "namesake.curator")
    finally:
        namesake.close()
    sender = coordinator.service.preview(package).sender
    assert sender is not None and sender.first_seen and not sender.conflict
    assert sender.namesake == curator.service.signing_fingerprint()
    warning = text.warnings(sender)[-1]
    assert f"already sends packages as «{SOKOLOVA}»" in warning
    assert curator.service.signing_fingerprint() in warning


def test_an_older_store_gets_its_signing_key_when_it_is_first_opened(
    stores: tuple[Store, Store],
) -> None:
    from curator_desktop.services.store_opening import open_store

    curator, _coordinator = stores
    curator.close()
    assert "signing_key" not in meta(curator.database)  # as an earlier version left it
    opened = open_store(curator.paths, device_id="dev-curator", daily_backup=False)
    try:
        assert meta(opened.database)["signing_key"]
        assert meta(opened.database)["signing_key_origin"] == "created"
    finally:
        opened.close()


def test_a_coordinator_moving_to_a_new_computer_stays_a_coordinator(
    stores: tuple[Store, Store], tmp_path: Path
) -> None:
    _curator, coordinator = stores
    with coordinator.database.session() as session:
        session.merge(StoreMeta(key=ROLE_KEY, value="coordinator"))
    package = export(coordinator, "move.curator", with_signing_key=True, password="пароль")
    create_store_from_package(
        folder_paths(tmp_path / "new-pc"), package, device_id="dev-new", password="пароль"
    )
    from exchange_helpers import open_folder

    moved = open_folder(tmp_path / "new-pc", "dev-new")
    try:
        assert meta(moved.database)[ROLE_KEY] == "coordinator"
    finally:
        moved.close()
