"""The person a store belongs to: the profile's fields, the one rule set they must meet, and
the store's role (curator or coordinator).

The first-run dialog, the Settings page and ``curator-desktop init`` all check a profile with
:func:`profile_problems` (through :func:`validate_profile` outside the window), so the three
accept and refuse the same values. :func:`surname_and_initials` is how a full name is shortened
where space is short (file names).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

from curator_desktop.domain.enums import LabelledEnum
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import N_, NP_, _, ngettext, pgettext


class Role(LabelledEnum):
    """What the store's owner does: a curator visits schools, a coordinator collects the
    curators' packages."""

    CURATOR = "curator"
    COORDINATOR = "coordinator"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "curator": NP_("role", "Curator"),
            "coordinator": NP_("role", "Coordinator"),
        }

    @classmethod
    def parse(cls, value: object) -> Role | None:
        """The role named by its code or its label in the current language; None if unknown."""
        text = str(value).strip().casefold() if value is not None else ""
        for member in cls:
            if text in (member.value, member.label.casefold()):
                return member
        return None


MAX_LENGTH = 200
"""The longest value any profile field takes (the form's fields stop typing there)."""

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "full_name": NP_("person", "Full name"),
    "position": ("", N_("Position")),
    "organisation": ("", N_("Organisation")),
    "region": ("", N_("Region")),
    "email": ("", N_("E-mail")),
    "phone": ("", N_("Phone")),
    "role": NP_("profile", "Role"),
}
"""Field → (translation context or "", English label), translated where shown."""


@dataclass(frozen=True)
class ProfileFields:
    """A profile as typed or stored: the ``curator_profile`` columns and the store's role."""

    full_name: str = ""
    position: str = ""
    organisation: str = ""
    region: str = ""
    email: str = ""
    phone: str = ""
    role: str = Role.CURATOR.value

    @classmethod
    def from_strings(cls, values: Mapping[str, object]) -> ProfileFields:
        """Fields from typed text (surrounding whitespace removed; unknown keys ignored). A role
        given by its label becomes its code; an empty one means curator."""
        known = {f.name for f in fields(cls)}
        text = {
            name: "" if value is None else str(value).strip()
            for name, value in values.items()
            if name in known
        }
        role = text.get("role", "")
        parsed = Role.parse(role)
        text["role"] = parsed.value if parsed is not None else role or Role.CURATOR.value
        return cls(**text)

    @classmethod
    def column_names(cls) -> tuple[str, ...]:
        """The fields stored in the ``curator_profile`` table (the role is the store's)."""
        return tuple(f.name for f in fields(cls) if f.name != "role")

    def columns(self) -> dict[str, str]:
        """Column → value for the ``curator_profile`` table."""
        return {name: getattr(self, name) for name in self.column_names()}

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def field_label(name: str) -> str:
    """The translated label of a profile field."""
    context, label = FIELD_LABELS.get(name, ("", name))
    return pgettext(context, label) if context else _(label)


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in text)


def profile_problems(profile: ProfileFields) -> dict[str, str]:
    """Field → what is wrong with it, in form order (empty when the profile may be stored); each
    message names its field, so it reads alone."""
    problems: dict[str, str] = {}
    for name in (f.name for f in fields(ProfileFields)):
        value = getattr(profile, name)
        if len(value) > MAX_LENGTH:
            problems[name] = ngettext(
                "{field} is too long: at most {limit} character, {count} given.",
                "{field} is too long: at most {limit} characters, {count} given.",
                MAX_LENGTH,
            ).format(field=field_label(name), limit=MAX_LENGTH, count=len(value))
        elif _has_control_characters(value):
            problems[name] = _(
                "{field}: write it on one line, without tabs or control characters."
            ).format(field=field_label(name))
    if "full_name" not in problems and not profile.full_name:
        problems["full_name"] = _("Enter your full name: it is printed on every report.")
    if "email" not in problems and profile.email and "@" not in profile.email:
        problems["email"] = _("The e-mail address must contain «@».")
    if "role" not in problems and Role.parse(profile.role) is None:
        choices = ", ".join(f"{role.value} ({role.label})" for role in Role)
        problems["role"] = _("Unknown role «{value}»: choose one of {choices}.").format(
            value=profile.role, choices=choices
        )
    return problems


class ProfileErrors(ValidationError):
    """A profile breaks its rules; ``errors`` maps each field to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        lines = "\n".join(f"• {text}" for text in self.errors.values())
        head = ngettext(
            "Correct {n} field of the profile:", "Correct {n} fields of the profile:", len(errors)
        ).format(n=len(errors))
        super().__init__(f"{head}\n{lines}", field=next(iter(self.errors), None))


def validate_profile(profile: ProfileFields) -> ProfileFields:
    """``profile`` when it meets every rule; else :class:`ProfileErrors` naming each field."""
    problems = profile_problems(profile)
    if problems:
        raise ProfileErrors(problems)
    return profile


def surname_and_initials(full_name: str) -> tuple[str, tuple[str, ...]]:
    """«Соколова Мария Викторовна» → («Соколова», («М», «В»)); «Соколова М. В.» gives the same.
    The surname is the first word; an initial is the first letter in each later word."""
    words = full_name.split()
    if not words:
        return "", ()
    letters = (next((char for char in word if char.isalpha()), "") for word in words[1:])
    return words[0], tuple(letter.upper() for letter in letters if letter)
