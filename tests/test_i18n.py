"""Catalogs are complete and current; dates, numbers and plurals follow the language."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from curator_desktop import i18n

ROOT = Path(__file__).resolve().parents[1]


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_installer"] = module
    spec.loader.exec_module(module)
    return module


def _catalog(lang: str):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "curator.po").open("rb") as fh:
        return read_po(fh)


def _code_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set:
    build = _load_build_script()
    template = tmp_path / "curator.pot"
    monkeypatch.setattr(build, "TEMPLATE", template)
    build.extract()
    with template.open("rb") as fh:
        return {message.id for message in read_po(fh) if message.id}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_marked_string_is_translated(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_code = _code_messages(tmp_path, monkeypatch)
    catalog = _catalog(lang)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated[message.id] = not message.fuzzy and all(strings)
    missing = sorted(str(m) for m in in_code if m not in translated)
    untranslated = sorted(str(m) for m in in_code if m in translated and not translated[m])
    assert missing == [], (
        f"not in the {lang} catalog (run i18n-extract and i18n-update): {missing[:10]}"
    )
    assert untranslated == [], f"untranslated or fuzzy in {lang}: {untranslated[:10]}"


def test_russian_catalog_keeps_placeholders() -> None:
    import re

    problems = []
    for message in _catalog("ru"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w+)\}", ids[-1]))
        for text in strings:
            if set(re.findall(r"\{(\w+)\}", text)) != wanted and wanted:
                problems.append((ids[0], text))
    assert problems == []


def test_russian_is_default_and_translates() -> None:
    i18n.set_language("ru")
    assert i18n.current_language() == "ru"
    assert i18n._("Schools") == "Школы"
    i18n.set_language("xx")
    assert i18n.current_language() == "ru"


def test_russian_plurals() -> None:
    i18n.set_language("ru")
    forms = [i18n.ngettext("{n} school", "{n} schools", n).format(n=n) for n in (1, 2, 5, 21, 11)]
    assert forms == ["1 школа", "2 школы", "5 школ", "21 школа", "11 школ"]


def test_dates_and_numbers_by_language() -> None:
    day = dt.date(2026, 11, 22)
    i18n.set_language("ru")
    assert i18n.format_date(day) == "22 ноября 2026\u00a0г."
    assert i18n.format_date(day, "short") == "22.11.2026"
    assert i18n.format_number(5000) == "5\u00a0000"
    i18n.set_language("en")
    assert i18n.format_date(day) == "22 November 2026"
    assert i18n.format_number(5000) == "5,000"


def test_catalog_compiled_on_first_use_into_cache(tmp_path: Path) -> None:
    i18n.set_language("ru")
    cached = list((tmp_path / "cache" / "translations" / "ru").glob("curator-*.mo"))
    beside = ROOT / "translations" / "ru" / "LC_MESSAGES" / "curator.mo"
    assert cached or beside.exists()


def test_an_edited_catalog_is_recompiled_even_when_its_file_time_is_older(tmp_path: Path) -> None:
    import os

    source = tmp_path / "source"
    po = source / "ru" / "LC_MESSAGES" / "curator.po"
    po.parent.mkdir(parents=True)
    po.write_bytes((ROOT / "translations" / "ru" / "LC_MESSAGES" / "curator.po").read_bytes())
    first = i18n.ensure_compiled("ru", source)
    assert first is not None and first.exists()
    assert i18n.ensure_compiled("ru", source) == first  # unchanged: compiled once

    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Школы"', 'msgstr "Мои школы"', 1), encoding="utf-8")
    os.utime(po, (1_000_000, 1_000_000))  # as an unpacked archive might leave it: long ago
    second = i18n.ensure_compiled("ru", source)
    assert second is not None and second != first
    import gettext

    with second.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Schools") == "Мои школы"
