"""CLI commands over the store itself (``demo create``,
``db check|backup|restore|upgrade|repair-twins``).

Also the helpers other commands share to reach the store: :func:`open_current` opens it only
when its schema is current, locked and stamped with this device when writing. Heavy modules
(SQLModel, Alembic) are imported inside the functions, so the CLI starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.domain.errors import NotFoundError, StoreError, ValidationError
from curator_desktop.i18n import _, ngettext
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.store.database import Database

EXIT_OK = 0
EXIT_PROBLEM = 1


def device_id(paths: AppPaths) -> str:
    """This device's id from the settings (saved on first use)."""
    from curator_desktop.settings import load_settings, save_settings

    settings = load_settings(paths.settings_file)
    if not paths.settings_file.exists():
        save_settings(settings, paths.settings_file)
    return settings.device_id


def require_store(paths: AppPaths) -> None:
    """Refuse when there is no store in the data folder."""
    if not paths.store_file.exists():
        raise NotFoundError(_("There is no store in {path}.").format(path=paths.data_dir))


def require_current(paths: AppPaths) -> None:
    """Refuse when the store is missing, too new or needs an upgrade."""
    from curator_desktop.store import schema

    require_store(paths)
    schema.refuse_if_too_new(paths.store_file)
    if schema.schema_state(paths.store_file) is not schema.SchemaState.CURRENT:
        raise StoreError(
            _("The store in {path} needs an upgrade: run «curator-desktop db upgrade».").format(
                path=paths.data_dir
            )
        )


@contextmanager
def open_current(paths: AppPaths, *, write: bool) -> Iterator[Database]:
    """The store, which must be current; for ``write`` locked and stamped with this device."""
    from curator_desktop.store.database import Database
    from curator_desktop.store.lock import StoreLock

    require_current(paths)
    with StoreLock(paths.lock_file) if write else nullcontext():
        if write:
            from curator_desktop.store.aside import clean_leftovers

            clean_leftovers(paths)  # what a killed import left (we hold the lock)
        device = {"device_id": device_id(paths)} if write else {}
        database = Database(paths.store_file, **device)
        try:
            yield database
        finally:
            database.close()


DEFAULT_REGION_CURATORS = 3
"""Curators merged by ``demo create --role coordinator`` when ``--curators`` is not given."""


def add_demo_options(create: argparse.ArgumentParser) -> None:
    """``demo create``'s options: a seeded curator, or a coordinator's region."""
    create.add_argument(
        "--role",
        choices=("curator", "coordinator"),
        default="curator",
        help=_("whose store: a curator's (the default) or a coordinator's demo region"),
    )
    create.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help=_(
            "a seeded curator: the same seed gives the same schools (by INN); without it the "
            "demo is the usual one. For a region: the first curator's seed"
        ),
    )
    create.add_argument(
        "--curator",
        metavar="NAME",
        help=_("the seeded curator's full name (else one drawn from the seed; seed 1 if none)"),
    )
    create.add_argument(
        "--curators",
        type=int,
        metavar="N",
        help=_("a coordinator's region: how many seeded curators' packages to merge (3)"),
    )


def demo_create(args: argparse.Namespace, paths: AppPaths) -> int:
    """``demo create [--seed N] [--curator NAME]``: a store filled with demo data;
    ``--role coordinator [--curators N]``: a demo region merged from seeded curators."""
    from curator_desktop.services.demo.builder import DemoCurator, create_demo_store
    from curator_desktop.services.store_opening import open_store

    if getattr(args, "role", "curator") == "coordinator":
        return _demo_region(args, paths)
    if getattr(args, "curators", None) is not None:
        raise ValidationError(
            _("--curators is for a coordinator's region: add --role coordinator.")
        )
    seed, name = getattr(args, "seed", None), getattr(args, "curator", None)
    curator = None
    if seed is not None or name:
        from curator_desktop.services.demo.region import DEFAULT_SEED

        curator = DemoCurator(DEFAULT_SEED if seed is None else seed, (name or "").strip())
    opened = open_store(paths, device_id=device_id(paths), daily_backup=False)
    try:
        summary = create_demo_store(opened.database, curator=curator)
        from curator_desktop.services.demo.photos import add_demo_photos

        add_demo_photos(opened.database, paths.attachments_dir)
    finally:
        opened.close()
    print(_("Demo store created in {path}.").format(path=paths.data_dir))
    print(summary)
    return EXIT_OK


def _demo_region(args: argparse.Namespace, paths: AppPaths) -> int:
    """``demo create --role coordinator [--curators N] [--seed N]``."""
    from curator_desktop.services.demo.region import create_demo_region

    if getattr(args, "curator", None):
        raise ValidationError(_("--curator names a curator's store: leave it out for a region."))
    curators = DEFAULT_REGION_CURATORS if args.curators is None else args.curators
    region = create_demo_region(
        paths, device_id=device_id(paths), curators=curators, seed=args.seed
    )
    print(
        ngettext(
            "Demo region created in {path}: {count} curator's package merged.",
            "Demo region created in {path}: {count} curators' packages merged.",
            len(region.curators),
        ).format(path=paths.data_dir, count=len(region.curators))
    )
    for name in region.curators:
        print(f"  {name}")
    for reason in region.refused:
        print(_("Refused: {reason}").format(reason=reason), file=sys.stderr)
    return EXIT_PROBLEM if region.refused else EXIT_OK


def db_check(args: argparse.Namespace, paths: AppPaths) -> int:
    """``db check``: integrity, schema version and row counts."""
    from curator_desktop.store.integrity import check_store, format_check

    check = check_store(paths.store_file)
    print(paths.store_file)
    for line in format_check(check):
        print(line)
    for problem in check.problems:
        print(_("Problem: {problem}").format(problem=problem), file=sys.stderr)
    files_ok = _attachment_files_ok(paths)
    return EXIT_OK if check.ok and files_ok else EXIT_PROBLEM


def _attachment_files_ok(paths: AppPaths) -> bool:
    """Check and print every attachment's file (present, SHA-256 intact); True when all are
    (or there is no store file to read them from)."""
    from curator_desktop.services.visits.file_check import check_attachment_files

    if not paths.store_file.is_file():
        return True
    check = check_attachment_files(paths.store_file, paths.attachments_dir)
    print(check.summary())
    for problem in check.messages():
        print(_("Problem: {problem}").format(problem=problem), file=sys.stderr)
    if advice := check.advice():
        print(advice, file=sys.stderr)
    return check.ok


def db_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    """``db backup``: take a manual backup now."""
    from curator_desktop.store.backups import take_backup

    require_store(paths)
    backup = take_backup(paths.store_file, paths.backup_dir, reason="manual")
    print(_("Backup saved: {path}").format(path=backup))
    return EXIT_OK


def db_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    """``db restore FILE``: replace the store with a backup (upgrading it if old)."""
    from curator_desktop.store import schema
    from curator_desktop.store.aside import clean_leftovers
    from curator_desktop.store.backups import restore_backup, take_backup
    from curator_desktop.store.lock import StoreLock

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise NotFoundError(_("The file {path} does not exist.").format(path=source))
    paths.ensure()
    with StoreLock(paths.lock_file):
        clean_leftovers(paths)  # what a killed restore or backup left (we hold the lock)
        safety = restore_backup(source, paths.store_file, paths.backup_dir)
        if schema.schema_state(paths.store_file) is schema.SchemaState.OUTDATED:
            take_backup(paths.store_file, paths.backup_dir, reason="pre-migration")
            schema.upgrade(paths.store_file)
    print(_("The store was restored from {path}.").format(path=source))
    if safety:
        print(_("The previous store was saved as {path}.").format(path=safety))
    return EXIT_OK


def db_upgrade(args: argparse.Namespace, paths: AppPaths) -> int:
    """``db upgrade``: apply pending migrations after a backup."""
    from curator_desktop.store import schema
    from curator_desktop.store.aside import clean_leftovers
    from curator_desktop.store.backups import take_backup
    from curator_desktop.store.lock import StoreLock

    require_store(paths)
    with StoreLock(paths.lock_file):
        clean_leftovers(paths)  # what a killed upgrade's backup left (we hold the lock)
        schema.refuse_if_too_new(paths.store_file)
        if schema.schema_state(paths.store_file) is schema.SchemaState.CURRENT:
            print(
                _("The store is up to date ({revision}).").format(
                    revision=schema.shipped_revisions().head
                )
            )
            return EXIT_OK
        backup = take_backup(paths.store_file, paths.backup_dir, reason="pre-migration")
        schema.upgrade(paths.store_file)
    print(
        _("The store was upgraded to {revision}; backup: {path}").format(
            revision=schema.shipped_revisions().head, path=backup
        )
    )
    return EXIT_OK


def _field_label(name: str) -> str:
    from curator_desktop.domain.schools.rules import field_label

    return _("In the archive") if name == "archived_at" else field_label(name)


def db_repair_twins(args: argparse.Namespace, paths: AppPaths) -> int:
    """``db repair-twins [--dry-run]``: merge the schools held twice (same valid ИНН) into one,
    after a backup; ``--dry-run`` only lists them."""
    from curator_desktop.i18n import format_datetime, ngettext
    from curator_desktop.services.schools import twins

    with open_current(paths, write=not args.dry_run) as database:
        groups = twins.find_twins(database)
        if not groups:
            print(_("No school is held twice in this store."))
            return EXIT_OK
        for group in groups:
            kept = group.survivor
            print(
                _("INN {inn}: {name} (added {date}) is kept").format(
                    inn=group.inn, name=kept.name, date=format_datetime(kept.created_at)
                )
            )
            for twin in group.twins:
                print(
                    "  "
                    + ngettext(
                        "{name} (added {date}) is merged into it: {count} record points at it",
                        "{name} (added {date}) is merged into it: {count} records point at it",
                        twin.children,
                    ).format(
                        name=twin.name, date=format_datetime(twin.created_at), count=twin.children
                    )
                )
            if group.differences:
                fields = ", ".join(_field_label(d.field) for d in group.differences)
                print("  " + _("Fields that differ: {fields}").format(fields=fields))
        if args.dry_run:
            print(_("Nothing was changed (--dry-run)."))
            return EXIT_OK
        repair = twins.merge_twins(database, paths.backup_dir)
    moved = sum(repair.moved.values())
    print(
        ngettext(
            "{count} twin school was merged; records moved to the school kept: {moved}.",
            "{count} twin schools were merged; records moved to the schools kept: {moved}.",
            repair.twins,
        ).format(count=repair.twins, moved=moved)
    )
    if repair.assessments_merged:
        print(
            ngettext(
                "{count} risk verification held twice was merged.",
                "{count} risk verifications held twice were merged.",
                repair.assessments_merged,
            ).format(count=repair.assessments_merged)
        )
    if repair.backup is not None:
        print(_("Backup saved: {path}").format(path=repair.backup))
    return EXIT_OK
