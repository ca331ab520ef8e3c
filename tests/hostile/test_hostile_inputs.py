"""Every reader against hostile files, through the real CLI in Russian (issue #18).

A file that must be **refused** gets: a non-zero exit, a message in Russian (no untranslated
English phrase), no traceback nor an exception's name, the store byte for byte as it was, within
:data:`TIME_CEILING` seconds and :data:`MEMORY_CEILING_MB` of peak memory (guards against a hang
or an inflated bomb, not performance targets: the figures are written to /tmp/hostile_figures.md).
A file that is unusual but legitimate (**read**: a UTF-16 list, a roadmap in UTF-16, a backup with
another page size) may be read or refused, cleanly; what it must be read as is checked when it
is. **control** files — the same generators without the hostile part — must be accepted: they
prove a refusal is for the hostile part.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from . import office_files as office
from . import package_files as packages
from . import store_files as stores
from .cli_run import (
    MEMORY_CEILING_MB,
    TIME_CEILING,
    Ran,
    english_phrases,
    python_words,
    run_cli,
    speaks_russian,
    store_state,
    table_counts,
)

REFUSED, READ, CONTROL = "refused", "read or refused", "control"
COMMANDS = {
    "package": ("import",),
    "list": ("schools", "import"),
    "roadmap": ("roadmap", "import"),
    "template": ("templates", "import"),
    "catalog": ("catalog", "import"),
    "backup": ("db", "restore"),
}


@dataclass(frozen=True)
class Case:
    """One hostile file: what reads it, how it is made, what must happen."""

    reader: str
    name: str
    suffix: str
    make: Callable[[Any, Path], Path]
    expected: str = REFUSED
    when_read: Callable[[Path], str] | None = None
    """For a file that may be read: '' when the store holds what it should, else why not."""
    read_codes: tuple[int, ...] = (0,)
    """Exit codes that mean «read» (a school list: 1 is «imported, some rows skipped»)."""

    @property
    def id(self) -> str:
        return f"{self.reader}-{self.name}"


def _package(make: Callable[..., Path], **options: Any) -> Callable[[Any, Path], Path]:
    return lambda inputs, target: make(inputs.sender, target, inputs.receiver, **options)


def _plain(make: Callable[[Path], Path]) -> Callable[[Any, Path], Path]:
    return lambda inputs, target: make(target)


def _backup(make: Callable[[Path, Path], Path]) -> Callable[[Any, Path], Path]:
    return lambda inputs, target: make(inputs.receiver / "curator.sqlite3", target)


def _listing(data_dir: Path) -> list[dict[str, Any]]:
    ran = run_cli("list", "schools", "--json", "--data-dir", data_dir)
    return json.loads(ran.stdout) if ran.code == 0 else []


def _has_the_list(data_dir: Path) -> str:
    names = {school["full_name"] for school in _listing(data_dir)}
    wanted = {row[1] for row in office.list_rows()[1:]}
    return "" if wanted <= names else f"schools read as {sorted(names)[:3]}"


def _db_check_ok(data_dir: Path) -> str:
    ran = run_cli("db", "check", "--data-dir", data_dir)
    return "" if ran.code == 0 else f"db check exit {ran.code}: {ran.message()}"


def _formulas_as_text(data_dir: Path) -> str:
    problem = _db_check_ok(data_dir)
    if problem:
        return problem
    names = {school["full_name"] for school in _listing(data_dir)}
    return "" if names <= set(office.FORMULAS) | {""} else f"names changed: {sorted(names)[:2]}"


P, L, R, T, C, B = "package", "list", "roadmap", "template", "catalog", "backup"
CASES = [
    Case(P, "control", ".curator", _package(packages.control), CONTROL),
    Case(P, "zip-bomb", ".curator", _package(packages.zip_bomb)),
    Case(P, "150k-members", ".curator", _package(packages.many_members)),
    Case(P, "stored-500mb-member", ".curator", _package(packages.stored_500mb)),
    Case(P, "deep-manifest", ".curator", _package(packages.deep_manifest)),
    Case(P, "deep-record", ".curator", _package(packages.deep_record)),
    Case(
        P, "5m-history", ".curator", _package(packages.history_rows, thousands=5_000, counted=True)
    ),
    Case(
        P,
        "2m-history-counted-as-1000",
        ".curator",
        _package(packages.history_rows, thousands=2_000, counted=False),
    ),
    Case(P, "version-1e40", ".curator", _package(packages.version_1e40)),
    Case(P, "wrong-type", ".curator", _package(packages.wrong_type)),
    Case(P, "bad-inn", ".curator", _package(packages.bad_inn)),
    Case(P, "negative-count", ".curator", _package(packages.negative_count)),
    Case(P, "unknown-status", ".curator", _package(packages.unknown_status)),
    Case(P, "year-9999", ".curator", _package(packages.year_9999)),
    Case(P, "790k-name", ".curator", _package(packages.huge_name)),
    Case(P, "wrong-answer-type", ".curator", _package(packages.wrong_answer_type)),
    Case(P, "garbage-template-snapshot", ".curator", _package(packages.garbage_snapshot)),
    Case(P, "tampered-signature", ".curator", _package(packages.tampered_manifest)),
    Case(P, "tampered-member", ".curator", _package(packages.tampered_member)),
    Case(P, "receivers-store-id", ".curator", _package(packages.receivers_store_id)),
    Case(P, "path-traversal", ".curator", _package(packages.traversal)),
    Case(P, "truncated", ".curator", _package(packages.truncated)),
    Case(P, "not-a-zip", ".curator", _package(packages.not_a_zip)),
    Case(L, "control", ".csv", _plain(office.list_control), CONTROL, _has_the_list),
    Case(L, "utf16-unicode-text", ".csv", _plain(office.list_utf16), READ, _has_the_list),
    Case(
        L, "formulas-csv", ".csv", _plain(office.list_formulas_csv), READ, _formulas_as_text, (0, 1)
    ),
    Case(
        L,
        "formulas-xlsx",
        ".xlsx",
        _plain(office.list_formulas_xlsx),
        READ,
        _formulas_as_text,
        (0, 1),
    ),
    Case(L, "xlsx-inflating-1gb", ".xlsx", _plain(office.list_xlsx_inflating)),
    Case(L, "xlsx-malformed-xml", ".xlsx", _plain(office.list_xlsx_malformed)),
    Case(L, "xlsx-billion-laughs", ".xlsx", _plain(office.list_xlsx_laughs)),
    Case(L, "xlsx-truncated", ".xlsx", _plain(office.list_xlsx_truncated)),
    Case(L, "csv-noise", ".csv", _plain(office.list_csv_noise)),
    Case(L, "csv-1mb-field", ".csv", _plain(office.list_csv_huge_field)),
    Case(L, "csv-300mb", ".csv", _plain(office.list_csv_oversize)),
    Case(R, "control", ".txt", _plain(office.roadmap_control), CONTROL),
    Case(R, "txt-utf16", ".txt", _plain(office.roadmap_txt_utf16), READ, _db_check_ok),
    Case(R, "txt-noise", ".txt", _plain(office.roadmap_txt_noise)),
    Case(R, "txt-300mb", ".txt", _plain(office.roadmap_txt_oversize)),
    Case(R, "csv-noise", ".csv", _plain(office.roadmap_csv_noise)),
    Case(R, "csv-300mb", ".csv", _plain(office.roadmap_csv_oversize)),
    Case(R, "docx-inflating-1gb", ".docx", _plain(office.roadmap_docx_inflating)),
    Case(R, "docx-malformed-xml", ".docx", _plain(office.roadmap_docx_malformed)),
    Case(R, "docx-billion-laughs", ".docx", _plain(office.roadmap_docx_laughs)),
    Case(R, "docx-not-a-zip", ".docx", _plain(office.roadmap_docx_not_zip)),
    Case(R, "docx-truncated", ".docx", _plain(office.roadmap_docx_truncated)),
    Case(R, "xlsx-inflating-1gb", ".xlsx", _plain(office.roadmap_xlsx_inflating)),
    Case(R, "xlsx-malformed-xml", ".xlsx", _plain(office.roadmap_xlsx_malformed)),
    Case(T, "control", ".json", _plain(stores.template_control), CONTROL),
    Case(T, "depth-100000", ".json", _plain(stores.template_deep)),
    Case(T, "1gb", ".json", _plain(stores.template_huge)),
    Case(T, "noise", ".json", _plain(stores.template_noise)),
    Case(T, "wrong-types", ".json", _plain(stores.template_wrong_types)),
    Case(T, "version-1e40", ".json", _plain(stores.template_big_number)),
    Case(T, "nan", ".json", _plain(stores.template_nan)),
    Case(C, "control", ".json", _plain(stores.catalog_control), CONTROL),
    Case(C, "depth-100000", ".json", _plain(stores.catalog_deep)),
    Case(C, "1gb", ".json", _plain(stores.catalog_huge)),
    Case(C, "wrong-types", ".json", _plain(stores.catalog_wrong_types)),
    Case(C, "numbers-1e40", ".json", _plain(stores.catalog_big_number)),
    Case(C, "infinity", ".json", _plain(stores.catalog_nan)),
    Case(B, "control", ".sqlite3", _backup(stores.backup_control), CONTROL, _db_check_ok),
    Case(B, "trigger", ".sqlite3", _backup(stores.backup_trigger)),
    Case(B, "view-hiding-school", ".sqlite3", _backup(stores.backup_view)),
    Case(B, "dropped-table", ".sqlite3", _backup(stores.backup_dropped_table)),
    Case(B, "orphaned-fk", ".sqlite3", _backup(stores.backup_orphan)),
    Case(B, "newer-revision", ".sqlite3", _backup(stores.backup_newer)),
    Case(B, "page-size-1024", ".sqlite3", _backup(stores.backup_page_size), READ, _db_check_ok),
    Case(B, "truncated", ".sqlite3", _backup(stores.backup_truncated)),
    Case(B, "not-sqlite", ".sqlite3", _backup(stores.backup_noise)),
]


@dataclass
class Inputs:
    """What the generators start from (the sender is built only for package cases)."""

    request: pytest.FixtureRequest
    receiver: Path

    @property
    def sender(self) -> packages.Sender:
        return self.request.getfixturevalue("sender")


def judge(case: Case, ran: Ran, before: str, after: str, data_dir: Path, counts: dict) -> list[str]:
    """Everything wrong with how the CLI treated the file (empty: all is well)."""
    problems = []
    if ran.hung:
        return [f"hung: killed after {ran.seconds:.0f} s"]
    if words := python_words(ran.text):
        problems.append(f"leaks {', '.join(words[:3])}: {_traceback_tail(ran)}")
    if ran.seconds > TIME_CEILING:
        problems.append(f"took {ran.seconds:.0f} s")
    if ran.peak_mb > MEMORY_CEILING_MB:
        problems.append(f"peak memory {ran.peak_mb:.0f} MB")
    refused = ran.code not in case.read_codes
    if case.expected == CONTROL and refused:
        problems.append(f"control refused (exit {ran.code}): {ran.message()}")
    elif case.expected == REFUSED and not refused:
        problems.append("accepted (exit 0)")
    if refused and case.expected != CONTROL:
        if not speaks_russian(ran.text):
            problems.append(f"no message in Russian: {ran.message()!r}")
        if english := english_phrases(ran.stderr):
            problems.append(f"untranslated words in the message: {english[0]!r}")
        if after != before:
            changed = {k: v for k, v in table_counts(data_dir).items() if counts.get(k) != v}
            problems.append(f"store changed by a refusal: {changed or 'bytes'}")
    elif not refused and case.when_read is not None and (problem := case.when_read(data_dir)):
        problems.append(f"read wrongly: {problem}")
    return problems


def _traceback_tail(ran: Ran) -> str:
    lines = [line.strip() for line in ran.text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_file(
    case: Case,
    receiver: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    figures: list[dict[str, Any]],
) -> None:
    hostile = case.make(Inputs(request, receiver), tmp_path / f"hostile{case.suffix}")
    before, counts = store_state(receiver), table_counts(receiver)
    ran = run_cli(*COMMANDS[case.reader], hostile, "--data-dir", receiver)
    problems = judge(case, ran, before, store_state(receiver), receiver, counts)
    figures.append(
        {
            "case": case.id, "expected": case.expected, "exit": ran.code,
            "seconds": ran.seconds, "peak_mb": ran.peak_mb, "message": ran.message(),
            "problems": "; ".join(problems),
        }
    )  # fmt: skip
    assert not problems, f"{case.id}: " + "; ".join(problems)
