"""Why the operating system refused a file, in the user's language.

``OSError.strerror`` is the C library's English text («No such file or directory»); a message
built from it would mix languages. The common reasons are said here; others keep the system's.
"""

from __future__ import annotations

import errno

from curator_desktop.i18n import N_, _

_REASONS = {
    errno.ENOENT: N_("the file does not exist (it may have been moved or renamed)"),
    errno.EACCES: N_("access is denied"),
    errno.EPERM: N_("access is denied"),
    errno.EISDIR: N_("this is a folder, not a file"),
    errno.ENOTDIR: N_("a folder on the way does not exist"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EBUSY: N_("the file is in use by another program"),
}


def os_reason(exc: OSError) -> str:
    """The reason for ``exc`` to put after «cannot be opened:» in a message."""
    reason = _REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is not None:
        return _(reason)
    return exc.strerror or str(exc)
