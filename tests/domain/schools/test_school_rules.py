"""The rules a school's fields must meet, and turning typed or imported text into fields."""

from __future__ import annotations

import types

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.domain.schools.rules import (
    FieldErrors,
    SchoolFields,
    normalize_levels,
    parse_int_field,
    validate_school,
)

VALID_INN = make_inn("471000123")


def _valid(**changes: object) -> SchoolFields:
    base = SchoolFields(
        full_name="МОУ «Ёршовская средняя общеобразовательная школа»",
        short_name="Ёршовская СОШ",
        inn=VALID_INN,
        director_phone="+7 (81370) 2-15-40",
        director_email="school@example.ru",
        levels=("noo", "ooo"),
        students_count=420,
        students_ovz_count=30,
        teachers_count=35,
        cohort_year=2024,
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_a_complete_school_is_valid() -> None:
    assert validate_school(_valid()) == {}
    assert validate_school(SchoolFields(full_name="СОШ № 1")) == {}


@pytest.mark.parametrize("name", ["", "   "])
def test_full_name_is_required(name: str) -> None:
    assert set(validate_school(_valid(full_name=name))) == {"full_name"}


def test_short_name_at_most_120_characters() -> None:
    assert validate_school(_valid(short_name="Ш" * 120)) == {}
    errors = validate_school(_valid(short_name="Ш" * 121))
    assert set(errors) == {"short_name"} and "120" in errors["short_name"]


@pytest.mark.parametrize("inn", ["", VALID_INN, "7707083893", f"  {VALID_INN} "])
def test_inn_optional_and_valid(inn: str) -> None:
    assert "inn" not in validate_school(_valid(inn=inn))


@pytest.mark.parametrize(
    "inn", ["770708389", "77070838931", "770708389312", "77070838a3", "７７０７０８３８９３"]
)
def test_inn_of_wrong_shape_must_be_ten_digits(inn: str) -> None:
    assert validate_school(_valid(inn=inn)) == {"inn": "The INN must be exactly 10 digits."}


@pytest.mark.parametrize("inn", ["1234567890", "7707083894"])
def test_inn_with_wrong_check_digit_asks_for_a_typo(inn: str) -> None:
    message = validate_school(_valid(inn=inn))["inn"]
    assert "check digit" in message and "typo" in message
    assert message != validate_school(_valid(inn="123"))["inn"]


@pytest.mark.parametrize("email", ["a@b.ru", "школа@почта.рф", "first.last@mail.example.com"])
def test_plausible_emails_pass(email: str) -> None:
    assert validate_school(_valid(deputy_email=email)) == {}


@pytest.mark.parametrize("email", ["school", "a@b", "a@.ru", "a b@c.ru", "a@b..ru", "@b.ru"])
def test_implausible_emails_fail(email: str) -> None:
    assert set(validate_school(_valid(deputy_email=email))) == {"deputy_email"}


@pytest.mark.parametrize("phone", ["8 812 123-45-67", "+7 (812) 123-45-67", "12345", "1" * 20])
def test_phones_pass(phone: str) -> None:
    assert validate_school(_valid(deputy_phone=phone)) == {}


def test_phone_characters_and_digit_count() -> None:
    chars = validate_school(_valid(director_phone="8-812-CALL-ME"))["director_phone"]
    assert "only digits" in chars
    for phone in ("1234", "1" * 21, "+()-"):
        digits = validate_school(_valid(director_phone=phone))["director_phone"]
        assert "5 to 20 digits" in digits


@pytest.mark.parametrize("name", ["students_count", "students_ovz_count", "teachers_count"])
def test_counts_cannot_be_negative(name: str) -> None:
    errors = validate_school(_valid(**{name: -1}))
    assert set(errors) == {name} and "negative" in errors[name]


def test_counts_have_a_sanity_limit() -> None:
    assert set(validate_school(_valid(teachers_count=1_000_000))) == {"teachers_count"}


def test_ovz_students_cannot_outnumber_all_students() -> None:
    assert validate_school(_valid(students_count=30, students_ovz_count=30)) == {}
    errors = validate_school(_valid(students_count=30, students_ovz_count=31))
    assert set(errors) == {"students_ovz_count"} and "(30)" in errors["students_ovz_count"]
    assert validate_school(_valid(students_count=None, students_ovz_count=31)) == {}


@pytest.mark.parametrize(
    ("year", "valid"), [(2019, False), (2020, True), (2100, True), (2101, False)]
)
def test_cohort_year_range(year: int, valid: bool) -> None:
    assert ("cohort_year" not in validate_school(_valid(cohort_year=year))) is valid


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("programme", "600plus"),
        ("status", "closed"),
        ("settlement_type", "hamlet"),
        ("levels", ("noo", "poo")),
    ],
)
def test_choices_must_come_from_the_lists(name: str, value: object) -> None:
    assert set(validate_school(_valid(**{name: value}))) == {name}


def test_every_invalid_field_is_reported_in_form_order() -> None:
    errors = validate_school(
        _valid(full_name="", inn="123", deputy_email="x", teachers_count=-5, cohort_year=1999)
    )
    assert list(errors) == ["full_name", "inn", "deputy_email", "teachers_count", "cohort_year"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("  ", None),
        (None, None),
        ("42", 42),
        (" 1 200 ", 1200),
        ("1\u00a0200", 1200),
        ("45.0", 45),
        ("45,0", 45),
        (45.0, 45),
        (7, 7),
        ("-3", -3),
    ],
)
def test_parse_int_field_accepts_numbers(text: object, value: int | None) -> None:
    assert parse_int_field(text) == value


@pytest.mark.parametrize("text", ["сорок", "4.5", "4,5", "12a", 4.5, True, "1-2"])
def test_parse_int_field_refuses_non_integers(text: object) -> None:
    with pytest.raises(ValueError, match="whole number"):
        parse_int_field(text)


def test_from_strings_converts_a_row() -> None:
    fields = SchoolFields.from_strings(
        {
            "full_name": "  МБОУ «Кировская СОШ» ",
            "inn": 105012345,  # a spreadsheet cell that lost its leading zero
            "levels": "НОО, ООО;soo",
            "students_count": "512",
            "students_ovz_count": 40.0,
            "cohort_year": "2025",
            "settlement_type": "Village",
            "programme": "minpros_school",
            "unknown_column": "ignored",
        }
    )
    assert fields.full_name == "МБОУ «Кировская СОШ»"
    assert fields.inn == "0105012345"
    assert fields.levels == ("noo", "ooo", "soo")
    assert (fields.students_count, fields.students_ovz_count, fields.cohort_year) == (512, 40, 2025)
    assert (fields.settlement_type, fields.programme, fields.status) == (
        "village",
        "minpros_school",
        "active",
    )
    assert fields.conversion_errors == {}


def test_from_strings_reports_conversion_errors_as_field_messages() -> None:
    fields = SchoolFields.from_strings(
        {"full_name": "СОШ", "students_count": "много", "teachers_count": "12,5", "inn": "123"}
    )
    assert fields.students_count is None and fields.teachers_count is None
    errors = validate_school(fields)
    assert set(errors) == {"inn", "students_count", "teachers_count"}
    assert "whole number" in errors["students_count"]


def test_from_strings_keeps_unknown_choices_for_validation() -> None:
    fields = SchoolFields.from_strings({"full_name": "СОШ", "status": "закрыта", "levels": "ПОО"})
    assert fields.status == "закрыта" and fields.levels == ("ПОО",)
    assert set(validate_school(fields)) == {"status", "levels"}


def test_levels_written_in_russian_are_normalised() -> None:
    assert normalize_levels(["СОО", "НОО", "noo"]) == ("noo", "soo")


def test_from_record_and_as_columns_round_trip() -> None:
    row = types.SimpleNamespace()
    for name, value in _valid().as_columns().items():
        setattr(row, name, value)
    row.levels = ["НОО", "ООО"]
    fields = SchoolFields.from_record(row)
    assert fields == _valid()
    assert fields.as_columns()["levels"] == ["noo", "ooo"]


def test_field_errors_carry_every_message() -> None:
    errors = validate_school(_valid(full_name="", inn="1234567890"))
    exc = FieldErrors(errors)
    assert isinstance(exc, ValidationError)
    assert exc.errors == errors and exc.field == "full_name"
    assert "Correct 2 fields" in exc.user_message
    assert "INN: " in exc.user_message and errors["inn"] in exc.user_message
