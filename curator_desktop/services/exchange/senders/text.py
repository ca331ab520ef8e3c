"""A package's sender in words, the same in the import preview and on the command line:
«Соколова Марина Викторовна, ЛОИРО (Ленинградская область), пакет от 7 декабря 2026 г.», the
signature (the key's fingerprint or «без подписи») and the warnings to read before importing."""

from __future__ import annotations

from curator_desktop.i18n import _, format_date
from curator_desktop.services.exchange.senders.check import SenderCheck


def sender_line(check: SenderCheck) -> str:
    """Who made the package, where they work and when."""
    profile = check.profile
    parts = [profile.full_name or _("an unnamed sender")]
    if profile.organisation and profile.region:
        parts.append(
            _("{organisation} ({region})").format(
                organisation=profile.organisation, region=profile.region
            )
        )
    elif profile.organisation or profile.region:
        parts.append(profile.organisation or profile.region)
    day = check.created_at.astimezone().date()
    return _("{sender}, package of {date}").format(sender=", ".join(parts), date=format_date(day))


def signature_text(check: SenderCheck) -> str:
    """«отпечаток ключа 3F2A 9C1B 77D0 E5A4» or «без подписи»."""
    if check.fingerprint is None:
        return _("unsigned")
    return _("key fingerprint {fingerprint}").format(fingerprint=check.fingerprint)


def conflict_text(check: SenderCheck) -> str:
    """What the package's name conflicts with ("" when nothing)."""
    if not check.conflict:
        return ""
    if check.same_store:
        text = _(
            "This package of your store names the curator «{name}», but this store's profile "
            "says «{known}»."
        )
    else:
        text = _(
            "This package names its sender «{name}», but earlier packages from the same store "
            "named «{known}»: make sure it is the same person."
        )
    return text.format(name=check.profile.full_name, known=check.known_name)


def warnings(check: SenderCheck) -> list[str]:
    """What to read before importing: an unsigned package, a key seen for the first time, a
    name that conflicts."""
    lines = []
    if not check.signed:
        lines.append(
            _(
                "The package is unsigned (an earlier version of Curator Desktop made it): "
                "nothing proves who made it."
            )
        )
    elif check.first_seen:
        if check.same_store:
            text = _(
                "This package comes from a copy of this store on another computer that signs "
                "with a key of its own: the sender's key is remembered for the first time. "
                "Compare its fingerprint with the one shown on that computer."
            )
        else:
            text = _(
                "First package from this sender: the sender's key is remembered for the first "
                "time. Compare its fingerprint with the sender's (by phone, for example): later "
                "packages must be signed with the same key."
            )
        lines.append(text)
    if check.conflict:
        lines.append(conflict_text(check))
    if check.namesake:
        lines.append(
            _(
                "Another sender already sends packages as «{name}» (key {known}); this package "
                "comes from a different store: make sure it is really the same person (a new "
                "computer set up without the old store?) before importing."
            ).format(name=check.profile.full_name, known=check.namesake)
        )
    return lines
