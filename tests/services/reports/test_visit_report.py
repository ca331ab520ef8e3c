"""The visit справка on real stores and real PDFs: every section and key value in Russian and in
English, page numbers, a 200-item checklist over several pages with its header repeated, the QR
code, photos (EXIF-rotated), PT fonts only, and the draft mark."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func
from sqlmodel import col, select

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.i18n import _, format_date
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.form.meta import data_hash
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChecklistTemplate,
    CuratorProfile,
    LessonObservation,
    RiskFactor,
    School,
    Visit,
    VisitParticipant,
)
from tests.services.reports.report_helpers import (
    TODAY,
    Rendered,
    check_page_numbers,
    flat,
    render_pdf,
)
from tests.services.visits.visit_fields import fill_visit_fields

LONG_COMMENT = " ".join(f"слово{n}" for n in range(120))


def render(db: Database, visit_id: str, folder: Path, *, name: str = "report") -> Rendered:
    """Collect and render the visit's справка under ``folder/name`` (attachments in ``folder``)."""
    data = visit_report.collect(db, visit_id, attachments_dir=folder / "attachments")
    return render_pdf(
        visit_report,
        data,
        folder / name,
        folder / "print-copies",
        kind="visit",
        document_number="СП-2026-0001",
        draft=not data.completed,
    )


def demo_visit(db: Database) -> Visit:
    """The completed demo visit with the most observed lessons."""
    with db.session() as session:
        lessons = (
            select(func.count())
            .select_from(LessonObservation)
            .where(col(LessonObservation.visit_id) == Visit.id)
            .scalar_subquery()
        )
        visit = session.exec(
            select(Visit)
            .where(col(Visit.status) == VisitStatus.COMPLETED.value)
            .order_by(lessons.desc(), col(Visit.actual_date))
        ).first()
        session.expunge(visit)
    return visit


def check_common(report: Rendered, db: Database, visit: Visit) -> None:
    """What every справка shows, in the current language."""
    text = report.text
    check_page_numbers(report)
    assert report.pages >= 2
    for title in visit_report.section_titles():
        assert title in text
    with db.session() as session:
        school = session.get(School, visit.school_id)
        profile = session.exec(select(CuratorProfile)).one()
        people = session.exec(
            select(VisitParticipant.full_name).where(col(VisitParticipant.visit_id) == visit.id)
        ).all()
        assert school is not None
        values = [school.full_name, school.region, school.address, profile.full_name]
        values += [profile.organisation, format_date(visit.actual_date), *people]
    for value in [*values, flat(visit.purpose)]:
        assert flat(value) in text, value
    data = report.data
    assert data.checklist is not None and data.lessons and data.findings and data.risk_rows
    for section in data.checklist.sections:
        assert flat(f"{section.number}. {section.title}") in text
        assert flat(section.score) in text
    assert flat(data.checklist.total_score) in text
    for lesson in data.lessons:
        assert flat(lesson.teacher) in text
        assert flat(_("Lesson score: {score}").format(score=lesson.score)) in text
    for row in [*data.findings, *data.risk_rows, *data.recommendations]:
        for value in vars(row).values():
            if isinstance(value, str):  # not the flags
                assert flat(value) in text, value
    assert _("I have read the report:") in report.texts[-1]
    assert flat(profile.full_name) in report.texts[-1]


def test_demo_visit_report_in_russian(demo: Database, tmp_path: Path, russian: None) -> None:
    visit = demo_visit(demo)
    report = render(demo, visit.id, tmp_path)
    check_common(report, demo, visit)
    text = report.text
    assert re.fullmatch(r"\d{1,2} [а-я]+ 2026 г\.", flat(format_date(visit.actual_date)))
    assert re.search(r"[А-Я][а-я]+", VisitType.label_for(visit.visit_type))
    assert VisitType.label_for(visit.visit_type) in text and "Да" in text
    with demo.session() as session:
        names = session.exec(select(RiskFactor.name_ru)).all()
    assert sum(flat(name) in text for name in names) >= 8
    assert not report.meta.draft and "DRAFT" not in text


def test_demo_visit_report_in_english(demo: Database, tmp_path: Path) -> None:
    visit = demo_visit(demo)
    report = render(demo, visit.id, tmp_path)
    check_common(report, demo, visit)
    text = report.text
    assert report.data.language == "en"
    assert "Visit report" in report.texts[0]
    assert visit.actual_date.strftime("%B %Y").lstrip("0") in text
    with demo.session() as session:
        names = session.exec(select(RiskFactor.name_en)).all()
    assert sum(flat(name) in text for name in names) >= 8
    assert "Yes" in text and "Confirmed" in text


# --- a built visit: 200 checklist items, photos, a verified risk ---------------------------------


def big_template(count: int = 200, per_section: int = 20) -> dict:
    sections = []
    for s in range(count // per_section):
        items = []
        for i in range(per_section):
            n = s * per_section + i + 1
            items.append(
                {
                    "key": f"s{s}.i{i}",
                    "text": {
                        "ru": f"Показатель {n} работы школы",
                        "en": f"Indicator {n} of the school",
                    },
                    "type": "yes_no_partly",
                    "required": False,
                    "comment": "optional",
                    "attachments": "optional",
                }
            )
        sections.append(
            {
                "key": f"s{s}",
                "title": {"ru": f"Раздел {s + 1}", "en": f"Block {s + 1}"},
                "items": items,
            }
        )
    return {
        "format": 1,
        "id": "big-visit",
        "version": 1,
        "purpose": "visit",
        "title": {"ru": "Большой чек-лист", "en": "Big checklist"},
        "visit_types": ["planned"],
        "sections": sections,
    }


def make_photo(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    Image.new("RGB", size, (30, 90, 160)).save(path, "JPEG", quality=90, exif=exif)
    return path


@pytest.fixture
def built(database: Database, tmp_path: Path) -> tuple[VisitService, str]:
    """An in-progress planned visit with a 200-item checklist, three photos and advice."""
    install_builtin_catalogs(database)
    with database.session() as session:
        content = big_template()
        session.add(
            ChecklistTemplate(
                template_key="big-visit",
                title_ru="Большой чек-лист",
                title_en="Big checklist",
                purpose="visit",
                content=content,
                source="test",
            )
        )
        school = School(full_name="МБОУ «Тестовая СОШ № 7»", short_name="Тестовая СОШ № 7")
        school.region, school.address = "Тестовая область", "ул. Школьная, д. 1"
        session.add(school)
        session.add(CuratorProfile(full_name="Петрова Анна Ивановна", organisation="ИРО"))
    service = VisitService(database, attachments_dir=tmp_path / "attachments")
    visit_id = service.create_visit(school.id, "planned", TODAY, template_key="big-visit")
    service.update_visit(visit_id, actual_date=TODAY, purpose="Проверка", agenda="1. Беседа")
    for n, (s, i) in enumerate((s, i) for s in range(10) for i in range(20)):
        service.set_answer(visit_id, f"s{s}.i{i}", ("yes", "no", "partly", "na")[n % 4])
    service.set_comment(visit_id, "s3.i5", LONG_COMMENT)
    service.add_participant(visit_id, full_name="Иванов Пётр Сергеевич", position="директор")
    service.add_recommendation(
        visit_id, text="Провести педсовет", responsible="Иванов П. С.", deadline=TODAY
    )
    service.attach(visit_id, make_photo(tmp_path / "a.jpg", (640, 480)), caption="Кабинет")
    service.attach(
        visit_id, make_photo(tmp_path / "b.jpg", (400, 300), orientation=6), caption="Стенд"
    )
    service.attach(
        visit_id, make_photo(tmp_path / "c.jpg", (500, 500)), item_key="s0.i1", caption="Журнал"
    )
    RiskProfileService(database, today=TODAY).save_factor(
        school.id,
        TODAY.year,
        "R02",
        {"questionnaire_level": "high", "verdict": "adjusted", "adjusted_level": "medium"}
        | {"activated": True, "justification": "Вакансии закрыты"},
    )
    return service, visit_id


def test_200_items_span_pages_with_the_header_repeated(
    built: tuple[VisitService, str], tmp_path: Path
) -> None:
    service, visit_id = built
    report = render(service.database, visit_id, tmp_path)
    header = " ".join((_("No."), _("Question"), _("Answer"), _("Comment")))
    item_pages = [page for page in report.texts if "Indicator" in page]
    assert len(item_pages) >= 4
    assert all(header in page for page in item_pages)
    for n in (1, 100, 200):
        assert f"Indicator {n} of the school" in report.text
    words = report.text.split()
    assert all(f"слово{n}" in words for n in range(120))  # wrapped (maybe split), not clipped
    assert "10. Block 10" in report.text
    assert report.data.checklist is not None  # a template of no scored scale: no points
    assert report.data.checklist.total_score == ""
    assert _("Total score") not in report.text and "75 of 150" not in report.text


def test_photos_appear_upright_and_qr_decodes(
    built: tuple[VisitService, str], tmp_path: Path
) -> None:
    service, visit_id = built
    report = render(service.database, visit_id, tmp_path)
    reader = PdfReader(report.path)
    sizes = sorted(image.image.size for page in reader.pages for image in page.images)
    assert sizes == [(300, 400), (500, 500), (640, 480)]  # the EXIF-rotated photo stands up
    assert "Кабинет" in report.text and "Стенд" in report.text
    context = _("checklist item {number}").format(number="1.2")
    assert f"Журнал ({context})" in report.text
    page = pypdfium2.PdfDocument(report.path)[0]
    decoded = [code.text for code in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil())]
    assert decoded == [report.meta.qr_payload()]
    assert report.meta.report_id in report.texts[0]
    assert report.meta.data_sha256 in report.texts[0]


def test_fonts_are_pt_and_risk_verification_is_shown(
    built: tuple[VisitService, str], tmp_path: Path, russian: None
) -> None:
    service, visit_id = built
    report = render(service.database, visit_id, tmp_path)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(report.path).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("PTSans" in f or "PTSerif" in f for f in fonts), fonts
    assert not any("Helvetica" in f for f in fonts)
    (row,) = report.data.risk_rows
    assert (row.questionnaire_level, row.adjusted_level, row.activated) == (
        "Высокий",
        "Средний",
        "Да",
    )
    assert flat(f"{row.factor} {row.questionnaire_level} {row.verdict}") in report.text
    assert "Показатель 200 работы школы" in report.text and "Большой чек-лист" in report.text


def test_draft_until_completed(built: tuple[VisitService, str], tmp_path: Path) -> None:
    service, visit_id = built
    draft = render(service.database, visit_id, tmp_path, name="draft")
    assert not draft.data.completed and draft.meta.draft
    assert all(_("DRAFT") in page for page in draft.texts)
    fill_visit_fields(service, visit_id)  # the finding on R02 a completion needs
    service.complete(visit_id)
    final = render(service.database, visit_id, tmp_path, name="final")
    assert final.data.completed and not final.meta.draft
    assert not any(_("DRAFT") in page for page in final.texts)
    assert final.meta.data_sha256 != draft.meta.data_sha256  # the status is printed


def test_the_data_hash_does_not_depend_on_where_the_store_lives() -> None:
    from curator_desktop.services.reports.visit.types import PhotoData

    here = PhotoData("ab" * 32, "Стенд «500+»", "/home/curator/data/attachments/ab/x")
    there = PhotoData("ab" * 32, "Стенд «500+»", "D:/Curator/data/attachments/ab/x")
    assert data_hash(here) == data_hash(there)
    assert data_hash(here) != data_hash(PhotoData("cd" * 32, "Стенд «500+»", here.source))


def test_an_empty_optional_field_is_left_out_and_a_missing_purpose_shows(
    built: tuple[VisitService, str], tmp_path: Path, russian: None
) -> None:
    """No agenda, time or notes: no «Повестка», «Время» or «Примечания» and no «Не указано»
    in the справка; a draft without its purpose (required) says it is not stated."""
    import datetime as dt

    service, visit_id = built
    service.update_visit(visit_id, agenda="", start_time=None, end_time=None, notes="")
    text = render(service.database, visit_id, tmp_path, name="empty").text
    assert "Цель" in text and "Проверка" in text
    for word in ("Не указано", "Повестка", "Время", "Примечания"):
        assert word not in text, word

    service.update_visit(visit_id, purpose="")
    text = render(service.database, visit_id, tmp_path, name="no-purpose").text
    assert "Цель Не указано." in text and "Повестка" not in text

    service.update_visit(
        visit_id,
        purpose="Проверка",
        agenda="1. Беседа с директором",
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 30),
        notes="Кабинет химии на ремонте",
    )
    text = render(service.database, visit_id, tmp_path, name="full").text
    for value in ("Повестка 1. Беседа с директором", "Время 10:00–12:30", "Примечания Кабинет"):
        assert value in text, value
    assert "Не указано" not in text
