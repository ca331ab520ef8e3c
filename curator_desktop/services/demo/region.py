"""A demo region: a coordinator's store filled the real way, by merging seeded curators' packages.

:func:`create_demo_region` makes ``curators`` seeded curators' stores (seeds ``seed``,
``seed + 1``, …; neighbours share a school: :mod:`~curator_desktop.services.demo.seeded`) in a
temporary folder, exports each one's full package and imports them all into the coordinator's
store with :meth:`ExchangeService.import_many`, as a coordinator would.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.profile import ProfileFields, Role
from curator_desktop.i18n import _
from curator_desktop.paths import AppPaths
from curator_desktop.services.demo.builder import DemoCurator, create_demo_store
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.store import schema

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge.reconcile import RecordKey, Resolution
    from curator_desktop.services.exchange.results import BatchItem
    from curator_desktop.services.exchange.service import ExchangeService

DEFAULT_SEED = 1
"""The first curator's seed when none is given."""


@dataclass(frozen=True)
class DemoRegion:
    """What :func:`create_demo_region` merged: each curator's name and package, and the
    packages that were refused (none expected)."""

    curators: tuple[str, ...]
    packages: tuple[str, ...]
    refused: tuple[str, ...]


def coordinator_profile() -> ProfileFields:
    """The demo region's coordinator (the demo curator's region and organisation)."""
    curator = load_demo_seeds().people.curator
    return ProfileFields(
        full_name="Лебедева Ольга Николаевна",
        position="региональный координатор",
        organisation=curator.organisation,
        region=curator.region,
        email=f"coordinator@{curator.email.rpartition('@')[2]}",
        role=Role.COORDINATOR.value,
    )


def curator_package(
    folder: Path, curator: DemoCurator, *, today: dt.date, empty: Path | None = None
) -> tuple[str, Path]:
    """A seeded curator's store made in ``folder`` and its full package (name, path).
    ``empty``: a migrated empty store file to start from (saves migrating each store)."""
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.services.profile.service import ProfileService
    from curator_desktop.services.store_opening import open_store

    paths = AppPaths.resolve(folder)
    if empty is not None:
        paths.store_file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(empty, paths.store_file)
    opened = open_store(paths, device_id=str(uuid.uuid4()), daily_backup=False, today=today)
    try:
        create_demo_store(opened.database, today=today, curator=curator)
        profile = ProfileService(opened.database).current()
        name = profile.full_name if profile is not None else ""
        package = folder.parent / f"{folder.name}.curator"
        ExchangeService.for_paths(opened.database, paths).export(package)
    finally:
        opened.close()
    return name, package


def create_demo_region(
    paths: AppPaths,
    *,
    device_id: str,
    curators: int,
    seed: int | None = None,
    today: dt.date | None = None,
    keep_in: Path | None = None,
) -> DemoRegion:
    """Fill the empty coordinator's store under ``paths`` with ``curators`` seeded curators'
    packages (made in a temporary folder, removed after; ``keep_in``: made in this folder, as
    ``curator-0``, ``curator-1``, … with their packages beside, and kept)."""
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.services.profile.service import ProfileService
    from curator_desktop.services.store_opening import open_store

    if curators < 1:
        raise ValidationError(_("Give at least one curator."), field="curators")
    today = today or dt.date.today()
    first = DEFAULT_SEED if seed is None else seed
    opened = open_store(paths, device_id=device_id, daily_backup=False, today=today)
    try:
        profiles = ProfileService(opened.database)
        if profiles.current() is not None:
            raise ValidationError(
                _("The demo region can only be created in a new store; this one has a profile.")
            )
        profiles.save(coordinator_profile())
        folder = (
            tempfile.TemporaryDirectory(prefix="curator-demo-region-")
            if keep_in is None
            else nullcontext(str(keep_in))
        )
        with folder as temp:
            empty = Path(temp) / "empty.sqlite3"
            schema.upgrade(empty)
            made = [
                curator_package(
                    Path(temp) / f"curator-{n}", DemoCurator(first + n), today=today, empty=empty
                )
                for n in range(curators)
            ]
            empty.unlink()
            service = ExchangeService.for_paths(opened.database, paths)
            service.backup_dir = None  # a new store: nothing to back up
            items = service.import_many([package for _name, package in made])
            refused = [_keeping_mine(service, item) for item in items if item.error is not None]
    finally:
        opened.close()
    return DemoRegion(
        curators=tuple(name for name, _package in made),
        packages=tuple(package.name for _name, package in made),
        refused=tuple(reason for reason in refused if reason),
    )


def _keeping_mine(service: ExchangeService, item: BatchItem) -> str:
    """Import a package :meth:`ExchangeService.import_many` left for the user's choice: a shared
    school's risk profile verified by both its curators keeps the first one's, as a
    coordinator would choose; "" when imported, else why it was refused."""
    from curator_desktop.services.exchange.merge.apply import ConflictsPendingError

    error = item.error
    resolutions: dict[RecordKey, Resolution] = {}
    while isinstance(error, ConflictsPendingError):
        pending = {conflict.key for conflict in error.conflicts} - resolutions.keys()
        if not pending:
            break
        resolutions |= dict.fromkeys(pending, "mine")
        try:
            service.import_(item.path, resolutions=resolutions)
        except ConflictsPendingError as again:  # more than the batch saw: later packages'
            error = again
        else:
            return ""
    return f"{item.path.name}: {error.user_message}" if error is not None else ""
