"""The exchange package's layout, manifest, scope and limits (see docs/exchange-format.md).

A package (``*.curator``) is a zip: ``manifest.json``; ``data/<table>.json`` (a JSON array of
records per synced table, plus ``data/change_log.json``); ``attachments/<sha256>`` (file bytes);
``reports/<id>.pdf``; in a package for moving the store to another computer,
``store/keys.json`` (its signing key, format 2). The manifest names every other member with its
SHA-256 and is signed (:mod:`~curator_desktop.services.exchange.package.signature`). The JSON
Schemas the reader enforces are in :mod:`curator_desktop.services.exchange.package.schema`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.i18n import _
from curator_desktop.services.exchange.package.signature import Signature
from curator_desktop.services.exchange.records import HISTORY_TABLE, TABLE_ORDER
from curator_desktop.services.limits.zips import ZipLimits
from curator_desktop.services.limits.zips import format_size as format_size  # one way to say it
from curator_desktop.services.visits.files import MAX_ATTACHMENT_BYTES

FORMAT = 2
"""The newest package format this program reads (a newer one is refused)."""
BASE_FORMAT = 1
"""The format of every package but one carrying the store's keys: an older reader opens it."""
KEYS_FORMAT = 2
"""The format of a package carrying ``store/keys.json``: an older reader would refuse that
member as unknown, so the format tells it that a newer program is needed."""
SUFFIX = ".curator"
MANIFEST = "manifest.json"
KEYS_MEMBER = "store/keys.json"
"""The store's signing key and the senders' keys it knows (a package for moving the store)."""
KEYS_MAX_BYTES = 16 * 1024**2
"""``store/keys.json`` is read whole: a few KB per sender a store knows."""
DATA_DIR = "data/"
ATTACHMENTS_DIR = "attachments/"
REPORTS_DIR = "reports/"
DIRECTORIES = (DATA_DIR, ATTACHMENTS_DIR, REPORTS_DIR, "store/")
DATA_TABLES: tuple[str, ...] = (*TABLE_ORDER, HISTORY_TABLE)
"""Every ``data/<table>.json`` member, in the order they are written and applied."""
CHUNK_BYTES = 1024 * 1024
"""Files are streamed in and out of the package in pieces of this size."""

SCOPE_FULL = "full"
SCOPE_SINCE = "since"
SCOPE_SELECTION = "selection"
SCOPE_SETUP = "setup"
"""A coordinator's region set-up package for one curator (:mod:`..setup`)."""

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REPORT_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    """What a reader accepts before it trusts a package (defences against zip bombs and
    members too large to check): judged from the zip's directory and the manifest first, then
    while each member streams past."""

    max_members: int = 100_000
    max_total_bytes: int = 20 * 1024**3
    max_ratio: int = 200
    ratio_from_bytes: int = 1024 * 1024
    """Only members larger than this (uncompressed) have their compression ratio checked."""
    max_json_bytes: int = 512 * 1024**2
    """A ``data/*.json`` member, uncompressed."""
    max_manifest_bytes: int = 64 * 1024**2
    """``manifest.json`` is read whole: about 150 bytes per member it lists."""
    max_file_bytes: int = MAX_ATTACHMENT_BYTES
    """An attachment or a report's PDF: no larger than a file that can be attached."""
    max_records: int = 2_000_000
    """Records in one ``data/*.json`` member (its byte limit holds about this many)."""
    max_record_bytes: int = 16 * 1024**2
    """One record, as JSON text."""

    def zip_limits(self) -> ZipLimits:
        """The shared zip check's share of these limits."""
        return ZipLimits(
            max_members=self.max_members,
            max_directory_bytes=self.max_members * 1024,
            max_member_bytes=max(self.max_json_bytes, self.max_file_bytes),
            max_total_bytes=self.max_total_bytes,
            max_ratio=self.max_ratio,
            ratio_from_bytes=self.ratio_from_bytes,
        )


LIMITS = Limits()


class PackageError(ValidationError):
    """A file that is not a valid exchange package; ``member`` names the culprit if one does."""

    def __init__(self, message: str, *, member: str | None = None) -> None:
        super().__init__(message, field=member)
        self.member = member


class PackageCancelled(CuratorError):
    """The user cancelled writing or checking a package; nothing was left behind."""


def data_member(table: str) -> str:
    return f"{DATA_DIR}{table}.json"


def attachment_member(sha256: str) -> str:
    return f"{ATTACHMENTS_DIR}{sha256}"


def report_member(report_id: str) -> str:
    return f"{REPORTS_DIR}{report_id}.pdf"


_DATA_MEMBERS = {data_member(table): table for table in DATA_TABLES}
HISTORY_MEMBER = data_member(HISTORY_TABLE)


def table_of(member: str) -> str | None:
    """The table a ``data/…`` member holds (None for any other name)."""
    return _DATA_MEMBERS.get(member)


def is_unsafe_name(name: str) -> bool:
    """A name that could escape the folder it is unpacked into, or means different things on
    different systems: absolute, a drive letter, a backslash, «..», empty parts, NUL."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


def is_known_member(name: str) -> bool:
    """Whether ``name`` belongs to the layout (the manifest, a data table, an attachment named
    by its SHA-256, a report named by its id)."""
    if name in (MANIFEST, KEYS_MEMBER) or name in _DATA_MEMBERS:
        return True
    if name.startswith(ATTACHMENTS_DIR):
        return bool(_SHA256.match(name.removeprefix(ATTACHMENTS_DIR)))
    if name.startswith(REPORTS_DIR) and name.endswith(".pdf"):
        return bool(_REPORT_ID.match(name.removeprefix(REPORTS_DIR).removesuffix(".pdf")))
    return False


def utc_text(value: dt.datetime) -> str:
    """A UTC time as records write it: ``2026-11-20T09:30:00.123456Z``."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"


def parse_utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Scope:
    """Which records a package carries: the whole store, the changes since a time, or selected
    schools (with visits in an optional period)."""

    kind: str = SCOPE_FULL
    since: dt.datetime | None = None
    school_ids: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    curator_name: str = ""
    """For a set-up package: the curator it is meant for (their name as the coordinator has it)."""
    curator_store_id: str = ""
    """For a set-up package: the curator's store id when the coordinator knows it ("" if not)."""
    criteria: str = ""
    """For a set-up package: the coordinator's review criteria file, when one is installed."""

    @classmethod
    def full(cls) -> Scope:
        return cls()

    @classmethod
    def changes_since(cls, since: dt.datetime) -> Scope:
        """Records written after ``since`` (timezone-aware), with the history after it."""
        if since.tzinfo is None:
            raise ValueError("a naive datetime given as a watermark")
        return cls(kind=SCOPE_SINCE, since=since.astimezone(dt.UTC))

    @classmethod
    def selection(
        cls,
        school_ids: list[str] | tuple[str, ...],
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> Scope:
        """Selected schools and what hangs from them; visits only in the period if one is given."""
        ids = tuple(dict.fromkeys(school_ids))
        if not ids:
            raise ValidationError(_("Choose at least one school to export."), field="school_ids")
        if date_from is not None and date_to is not None and date_from > date_to:
            raise ValidationError(_("The period must not end before it begins."), field="date_to")
        return cls(kind=SCOPE_SELECTION, school_ids=ids, date_from=date_from, date_to=date_to)

    @classmethod
    def setup(
        cls,
        school_ids: tuple[str, ...],
        curator_name: str,
        curator_store_id: str = "",
        criteria: str = "",
    ) -> Scope:
        """A set-up package for the curator named ``curator_name``: their assigned schools
        (with the catalogs, templates and the roadmap that every set-up package carries)."""
        return cls(
            kind=SCOPE_SETUP,
            school_ids=tuple(dict.fromkeys(school_ids)),
            curator_name=curator_name,
            curator_store_id=curator_store_id,
            criteria=criteria,
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.since is not None:
            data["since"] = utc_text(self.since)
        if self.kind in (SCOPE_SELECTION, SCOPE_SETUP):
            data["school_ids"] = list(self.school_ids)
        if self.kind == SCOPE_SETUP:
            data["curator"] = {"name": self.curator_name, "store_id": self.curator_store_id}
            if self.criteria:
                data["criteria"] = self.criteria
        if self.date_from is not None:
            data["date_from"] = self.date_from.isoformat()
        if self.date_to is not None:
            data["date_to"] = self.date_to.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scope:
        """The scope of a manifest already checked against the schema."""

        def day(key: str) -> dt.date | None:
            return dt.date.fromisoformat(data[key]) if data.get(key) else None

        since = parse_utc(data["since"]) if data.get("since") else None
        curator = data.get("curator") or {}
        return cls(
            kind=data["kind"],
            since=since,
            school_ids=tuple(data.get("school_ids") or ()),
            date_from=day("date_from"),
            date_to=day("date_to"),
            curator_name=str(curator.get("name") or ""),
            curator_store_id=str(curator.get("store_id") or ""),
            criteria=str(data.get("criteria") or ""),
        )


SENDER_FIELDS = ("full_name", "position", "organisation", "region")
SENDER_MAX = 200
"""The longest value of a sender's field (a profile field's limit)."""
_NOT_ONE_LINE = re.compile("[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` as a manifest's name field takes it: control characters, line breaks and
    text-direction overrides become spaces, and it is cut to :data:`SENDER_MAX` characters."""
    return _NOT_ONE_LINE.sub(" ", text)[:SENDER_MAX]


@dataclass(frozen=True)
class SenderProfile:
    """``manifest.sender``: the curator's profile in the store the package comes from."""

    full_name: str = ""
    position: str = ""
    organisation: str = ""
    region: str = ""

    def to_json(self, store_id: str) -> dict[str, str]:
        return {
            "store_id": store_id,
            "full_name": self.full_name,
            "position": self.position,
            "organisation": self.organisation,
            "region": self.region,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SenderProfile:
        return cls(**{key: str(data.get(key) or "") for key in SENDER_FIELDS})


@dataclass(frozen=True)
class Manifest:
    """``manifest.json``: who made the package, when, of what, and the SHA-256 of every member;
    ``signature`` is None for a package of the previous format (unsigned)."""

    app_version: str
    store_id: str
    device_id: str
    curator: str
    created_at: dt.datetime
    scope: Scope
    counts: dict[str, int] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)
    format: int = BASE_FORMAT
    sender_profile: SenderProfile | None = None
    """None in a package of the previous format: :attr:`sender` falls back to ``curator``."""
    signature: Signature | None = None

    @property
    def sender(self) -> SenderProfile:
        """Who made the package: the manifest's sender, else (an older package) its curator."""
        return self.sender_profile or SenderProfile(full_name=self.curator)

    def to_json(self) -> dict[str, Any]:
        """The manifest as written (the signature, if any, last)."""
        data: dict[str, Any] = {
            "format": self.format,
            "app_version": self.app_version,
            "store_id": self.store_id,
            "device_id": self.device_id,
            "curator": self.curator,
            "created_at": utc_text(self.created_at),
            "scope": self.scope.to_json(),
            "counts": dict(self.counts),
            "members": dict(sorted(self.members.items())),
        }
        if self.sender_profile is not None:
            data["sender"] = self.sender_profile.to_json(self.store_id)
        if self.signature is not None:
            data["signature"] = self.signature.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """The manifest from JSON already checked against the schema (unknown keys ignored)."""
        sender = data.get("sender")
        signature = data.get("signature")
        return cls(
            format=int(data["format"]),
            app_version=data["app_version"],
            store_id=data["store_id"],
            device_id=data["device_id"],
            curator=data["curator"],
            created_at=parse_utc(data["created_at"]),
            scope=Scope.from_json(data["scope"]),
            counts={str(k): int(v) for k, v in data["counts"].items()},
            members={str(k): str(v) for k, v in data["members"].items()},
            sender_profile=SenderProfile.from_json(sender) if sender is not None else None,
            signature=Signature.from_json(signature) if signature is not None else None,
        )
