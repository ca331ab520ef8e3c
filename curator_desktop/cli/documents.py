"""CLI commands over a school's documents (#21): list them, receive a version, record a review,
mark an upload to ИС МЭДК, attach a confirmation document; and ``report review``.

``documents list [--school ID] [--year Y] [--as-of DATE] [--json]``
``documents receive SCHOOL_ID --year Y --kind K [--direction CODE] [--file FILE] --date D
[--from WHO] [--title T]``
``documents review VERSION_ID --date D [--mark CRITERION=RESULT[:COMMENT] …] [--conclusion accept|
revise] [--deadline D] [--remarks TEXT] [--reason TEXT] [--started D]``
``documents uploaded VERSION_ID --date D``
``documents confirm SCHOOL_ID --year Y [--document ID] --title T --measure M --stage S [--file F]
[--date D] [--uploaded D]``

Services are imported inside each handler, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.reports import parse_date
from curator_desktop.cli.store import EXIT_OK, device_id, open_current
from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.i18n import _, format_date
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.domain.documents import CriterionMark, DocumentSummary
    from curator_desktop.services.documents import DocumentService
    from curator_desktop.store.database import Database


def add_documents_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``documents`` command and its actions."""
    documents = commands.add_parser("documents", help=_("a school's documents and their reviews"))
    actions = documents.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        help=_("the expected and received documents with their state"),
        description=_(
            "One line per document a school is expected to submit (concept, medium-term "
            "programme, an antirisk programme per activated direction, the development "
            "programme under «School of the Ministry of Education») and any other it submitted: "
            "kind, direction, versions, latest conclusion, status and revision deadline."
        ),
    )
    listing.add_argument("--school", metavar="SCHOOL_ID", help=_("only this school"))
    listing.add_argument("--year", type=int, metavar="YEAR", help=_("the cycle year"))
    listing.add_argument(
        "--as-of", type=parse_date, metavar="DATE", help=_("the state on this day (default: today)")
    )
    listing.add_argument("--json", action="store_true", help=_("one JSON array, for scripts"))
    common(listing)

    receive = actions.add_parser("receive", help=_("record a received version with its file"))
    receive.add_argument("school_id", metavar="SCHOOL_ID", help=_("the school's id"))
    receive.add_argument(
        "--year", type=int, required=True, metavar="YEAR", help=_("the cycle year")
    )
    receive.add_argument(
        "--kind",
        required=True,
        choices=(
            "concept",
            "medium_term_programme",
            "antirisk_programme",
            "development_programme",
            "roadmap",
        ),
        help=_("the kind of document"),
    )
    receive.add_argument(
        "--direction", metavar="CODE", help=_("the risk factor of an antirisk programme")
    )
    receive.add_argument("--file", type=Path, metavar="FILE", help=_("the document's file"))
    receive.add_argument(
        "--date", type=parse_date, required=True, metavar="DATE", help=_("the day it was received")
    )
    receive.add_argument("--from", dest="received_from", default="", help=_("who sent it"))
    receive.add_argument("--title", default="", help=_("the document's title"))
    common(receive)

    review = actions.add_parser(
        "review",
        help=_("record the review of a version (criteria, conclusion)"),
        epilog=_(
            "Results: meets, partly, not_meets. Accepting with a criterion not met needs "
            "--reason; returning for revision needs --deadline."
        ),
    )
    review.add_argument("version_id", metavar="VERSION_ID", help=_("the version's id"))
    review.add_argument(
        "--started", type=parse_date, metavar="DATE", help=_("the day the review began")
    )
    review.add_argument(
        "--date",
        type=parse_date,
        required=True,
        metavar="DATE",
        help=_("the day of the conclusion"),
    )
    review.add_argument(
        "--mark", action="append", default=[], metavar="CRITERION=RESULT[:COMMENT]",
        help=_("a criterion's result (repeat for each)"),
    )  # fmt: skip
    review.add_argument("--conclusion", choices=("accept", "revise"), help=_("the conclusion"))
    review.add_argument("--deadline", type=parse_date, metavar="DATE", help=_("revision deadline"))
    review.add_argument("--remarks", help=_("the remarks sent to the school"))
    review.add_argument(
        "--reason", default="", help=_("why it is accepted although a criterion is not met")
    )
    common(review)

    uploaded = actions.add_parser("uploaded", help=_("mark a version uploaded to IS MEDK"))
    uploaded.add_argument("version_id", metavar="VERSION_ID", help=_("the version's id"))
    uploaded.add_argument(
        "--date", type=parse_date, required=True, metavar="DATE", help=_("the day of the upload")
    )
    common(uploaded)

    confirm = actions.add_parser("confirm", help=_("attach a confirmation document of a measure"))
    confirm.add_argument("school_id", metavar="SCHOOL_ID", help=_("the school's id"))
    confirm.add_argument(
        "--year", type=int, required=True, metavar="YEAR", help=_("the cycle year")
    )
    confirm.add_argument("--document", metavar="DOCUMENT_ID", help=_("the programme's id"))
    confirm.add_argument("--title", required=True, help=_("what the document is"))
    confirm.add_argument("--measure", default="", help=_("the measure it confirms"))
    confirm.add_argument("--stage", default="", help=_("the stage"))
    confirm.add_argument("--file", type=Path, metavar="FILE", help=_("the document's file"))
    confirm.add_argument("--date", type=parse_date, metavar="DATE", help=_("the document's date"))
    confirm.add_argument(
        "--uploaded", type=parse_date, metavar="DATE", help=_("the day it was uploaded to IS MEDK")
    )
    common(confirm)


def _service(database: Database, paths: AppPaths) -> DocumentService:
    from curator_desktop.services.documents import DocumentService

    return DocumentService(
        database, attachments_dir=paths.attachments_dir, device_id=device_id(paths)
    )


def summary_json(row: DocumentSummary) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "document_id": row.document_id,
        "school_id": row.school_id,
        "school": row.school_name,
        "year": row.year,
        "kind": row.kind,
        "direction": row.factor_code,
        "title": row.title,
        "versions": row.versions,
        "latest_conclusion": row.latest_conclusion,
        "status": row.status.value,
        "status_on": day(row.status_on),
        "revision_deadline": day(row.revision_deadline),
        "overdue": row.overdue,
        "medk_uploaded_on": day(row.medk_uploaded_on),
    }


def _line(row: DocumentSummary) -> str:
    from curator_desktop.domain.enums import DocumentType, ReviewConclusion

    parts = [
        row.document_id,
        str(row.year),
        row.school_name,
        DocumentType.label_for(row.kind) + (f" {row.factor_code}" if row.factor_code else ""),
        _("versions: {n}").format(n=row.versions),
        ReviewConclusion.label_for(row.latest_conclusion) if row.latest_conclusion else "—",
        row.status.label,
    ]
    if row.revision_deadline:
        deadline = _("deadline {date}").format(date=format_date(row.revision_deadline, "short"))
        parts.append(deadline + (" " + _("(overdue)") if row.overdue else ""))
    if row.medk_uploaded_on:
        parts.append(format_date(row.medk_uploaded_on, "short"))
    return "  ".join(parts)


def documents_list(args: argparse.Namespace, paths: AppPaths) -> int:
    """``documents list``: one line (or JSON object) per expected or received document."""
    import datetime as dt

    as_of = args.as_of or dt.date.today()
    with open_current(paths, write=False) as database:
        rows = _service(database, paths).summaries(
            school_id=args.school, year=args.year, as_of=as_of
        )
    if args.json:
        json.dump([summary_json(row) for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for row in rows:
            print(_line(row))
    return EXIT_OK


def documents_receive(args: argparse.Namespace, paths: AppPaths) -> int:
    """``documents receive``: prints the new version's id."""
    with open_current(paths, write=True) as database:
        version = _service(database, paths).receive_version(
            school_id=args.school_id,
            year=args.year,
            kind=args.kind,
            factor_code=args.direction,
            source=args.file.expanduser() if args.file else None,
            received_on=args.date,
            received_from=args.received_from,
            title=args.title,
        )
    print(_("Version {number} received: {id}").format(number=version.number, id=version.id))
    return EXIT_OK


def parse_mark(text: str) -> CriterionMark:
    """``criterion=result[:comment]`` as a mark (``ValidationError`` when malformed)."""
    from curator_desktop.domain.documents import CriterionMark

    key, sep, rest = text.partition("=")
    result, _colon, comment = rest.partition(":")
    if not sep or not key.strip() or not result.strip():
        raise ValidationError(
            _("«{text}» is not a mark: write CRITERION=RESULT[:COMMENT].").format(text=text),
            field="mark",
        )
    return CriterionMark(key.strip(), result.strip(), comment.strip())


def documents_review(args: argparse.Namespace, paths: AppPaths) -> int:
    """``documents review``: starts the version's review, saves the marks, concludes it; all or
    nothing (a broken rule leaves the review as it was)."""
    marks = [parse_mark(text) for text in args.mark]
    if args.conclusion is None and not marks and args.remarks is None:
        raise CuratorError(_("Nothing to record: give --mark, --remarks or --conclusion."))
    with open_current(paths, write=True) as database:
        service = _service(database, paths)
        from curator_desktop.domain.documents.rules import check_conclusion

        if args.conclusion:  # checked before anything is written
            check_conclusion(
                args.conclusion,
                marks,
                accept_reason=args.reason,
                revision_deadline=args.deadline if args.conclusion == "revise" else None,
                reviewed_on=args.date,
            )
        review = service.start_review(args.version_id, started_on=args.started or args.date)
        if marks or args.remarks is not None:
            service.save_review(review.id, marks=marks or None, remarks=args.remarks)
        if args.conclusion:
            review = service.set_conclusion(
                review.id,
                conclusion=args.conclusion,
                reviewed_on=args.date,
                revision_deadline=args.deadline,
                accept_reason=args.reason,
            )
    print(_("Review recorded: {id}").format(id=review.id))
    return EXIT_OK


def documents_uploaded(args: argparse.Namespace, paths: AppPaths) -> int:
    """``documents uploaded VERSION_ID --date D``."""
    with open_current(paths, write=True) as database:
        version = _service(database, paths).mark_uploaded(args.version_id, uploaded_on=args.date)
    print(
        _("Version {number} uploaded to IS MEDK on {date}.").format(
            number=version.number, date=format_date(args.date, "short")
        )
    )
    return EXIT_OK


def documents_confirm(args: argparse.Namespace, paths: AppPaths) -> int:
    """``documents confirm``: prints the confirmation document's id."""
    with open_current(paths, write=True) as database:
        record = _service(database, paths).attach_confirmation(
            school_id=args.school_id,
            year=args.year,
            document_id=args.document,
            measure=args.measure,
            stage=args.stage,
            title=args.title,
            source=args.file.expanduser() if args.file else None,
            dated_on=args.date,
            medk_uploaded_on=args.uploaded,
        )
    print(_("Confirmation document recorded: {id}").format(id=record.id))
    return EXIT_OK


def report_review(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report review REVIEW_ID -o FILE``: the «Экспертное заключение» of one review, kept in
    the store's reports register like every report and copied to ``FILE``."""
    from curator_desktop.cli.reports import make_report
    from curator_desktop.services.reports.review import build_review_report

    output = Path(args.output).expanduser()
    return make_report(
        args,
        paths,
        lambda service: build_review_report(service, args.review_id, output, language=args.lang),
        copy=False,
    )
