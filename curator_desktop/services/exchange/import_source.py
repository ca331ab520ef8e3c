"""Opening a package for import: decrypting it when it is password-protected, checking it, and
turning it into the :class:`Incoming` a merge works on.

An encrypted package is decrypted into a private temporary folder first (never beside the
package, which may be on a USB stick), opened and checked from there, and removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _
from curator_desktop.services.exchange.authors import with_authors
from curator_desktop.services.exchange.merge.apply import Incoming
from curator_desktop.services.exchange.package.format import HISTORY_TABLE
from curator_desktop.services.exchange.package.reader import Package, open_package

PROFILE_TABLE = "curator_profile"


class PasswordRequiredError(ValidationError):
    """The package is password-protected and no password was given."""

    def __init__(self) -> None:
        super().__init__(
            _("The package is protected by a password: enter it to open the package."),
            field="password",
        )


class SelfImportError(ValidationError):
    """The package was exported from this very store on this computer."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This package was exported from this store on this computer: everything in it "
                "is already here, so there is nothing to import."
            )
        )


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is a password-protected package."""
    from curator_desktop.services.exchange import crypto

    return crypto.is_encrypted(Path(path))


@contextmanager
def opened_package(
    path: Path,
    *,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[Package]:
    """The checked package at ``path``, decrypted first when it is protected.

    Raises PasswordRequiredError, crypto's WrongPasswordError / TamperedPackageError, and the
    reader's PackageError for anything wrong with the package itself.
    """
    path = Path(path)
    if not is_encrypted(path):
        with open_package(path, progress=progress, cancelled=cancelled) as package:
            yield package
        return
    if not password:
        raise PasswordRequiredError()
    from curator_desktop.services.exchange import crypto

    folder = Path(tempfile.mkdtemp(prefix="curator-import-"))
    try:
        plain = folder / path.name
        crypto.decrypt_file(path, plain, password, cancelled=cancelled)
        with open_package(plain, progress=progress, cancelled=cancelled) as package:
            yield package
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def incoming_of(
    package: Package, *, same_store: bool = False, include_profile: bool = True
) -> Incoming:
    """The package's records, its history, its members and the package itself as the source
    of files. The sender's profile comes as a person naming the sender's store (another store's
    curator never becomes this store's owner: see :mod:`.authors`), and the records of an older
    package get the sender as their author. ``same_store``: the package is this store's (from
    its other computer). ``include_profile=False`` leaves profiles out."""
    records = {
        table: package.records(table)
        for table in package.tables
        if table != HISTORY_TABLE and (include_profile or table != PROFILE_TABLE)
    }
    return Incoming(
        records=with_authors(records, package.manifest.store_id, same_store=same_store),
        history=package.history(),
        members=tuple(package.manifest.members),
        files=package,
    )
