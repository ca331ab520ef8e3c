"""Translations and locale-aware formatting: the one place every user-visible string goes through.

Source strings are English; Russian is the default language. ``set_language`` is called once by
the composition root (or the CLI) before the first string is shown. Catalogs are compiled from
``translations/<lang>/LC_MESSAGES/curator.po`` on first use when no up-to-date ``.mo`` exists, so
a fresh checkout runs in Russian without a build step.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
from functools import lru_cache
from pathlib import Path

from curator_desktop import paths

log = logging.getLogger(__name__)

DOMAIN = "curator"
DEFAULT_LANGUAGE = "ru"
SUPPORTED_LANGUAGES: tuple[str, ...] = ("ru", "en")
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}

_NARROW_NBSP = "\u202f"
_NBSP = "\u00a0"

_state: dict[str, object] = {"lang": DEFAULT_LANGUAGE, "translations": gettext.NullTranslations()}


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark a constant with a context (the same English word means different things)."""
    return (context, message)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form for ``n`` (Russian has three)."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` disambiguated by ``context``."""
    return _translations().pgettext(context, message)


def current_language() -> str:
    """The language code in use (``ru`` or ``en``)."""
    return str(_state["lang"])


def set_language(lang: str, *, translations_dir: Path | None = None) -> str:
    """Switch to ``lang`` (falling back to Russian for unknown codes); return the code used."""
    if lang not in SUPPORTED_LANGUAGES:
        log.warning("Unsupported language %r, using %s", lang, DEFAULT_LANGUAGE)
        lang = DEFAULT_LANGUAGE
    source_dir = translations_dir or paths.translations_dir()
    mo_file = ensure_compiled(lang, source_dir)
    if mo_file is None:
        translations: gettext.NullTranslations = gettext.NullTranslations()
    else:
        with mo_file.open("rb") as fh:
            translations = gettext.GNUTranslations(fh)
    _state["lang"] = lang
    _state["translations"] = translations
    return lang


def ensure_compiled(lang: str, source_dir: Path) -> Path | None:
    """Return an up-to-date compiled catalog for ``lang``, compiling it when needed.

    A ``.mo`` beside the ``.po`` (a build or installer compiled it) wins when it is newer; otherwise
    the catalog is compiled into the user's cache directory, under a name carrying the hash of the
    ``.po`` (file times lie after a copy or an unpacked archive; the content does not).
    """
    po_file = source_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    beside = po_file.with_suffix(".mo")
    if beside.exists() and (
        not po_file.exists() or beside.stat().st_mtime >= po_file.stat().st_mtime
    ):
        return beside
    if not po_file.exists():
        log.error("No catalog for %s in %s", lang, source_dir)
        return None
    import hashlib

    digest = hashlib.sha256(po_file.read_bytes()).hexdigest()[:16]
    cached = paths.cache_root() / "translations" / lang / f"{DOMAIN}-{digest}.mo"
    if cached.exists():
        return cached
    compile_catalog(po_file, cached)
    return cached


def compile_catalog(po_file: Path, mo_file: Path) -> None:
    """Compile one ``.po`` into ``.mo`` with babel (pure Python), atomically."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as fh:
        catalog = read_po(fh)
    mo_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo_file.with_suffix(".mo.tmp")
    with tmp.open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    tmp.replace(mo_file)


def _translations() -> gettext.NullTranslations:
    return _state["translations"]  # type: ignore[return-value]


def _babel_locale() -> str:
    return {"ru": "ru_RU", "en": "en_GB"}.get(current_language(), "ru_RU")


def _printable(text: str) -> str:
    """Replace the narrow no-break space babel emits (PT Sans has no glyph for it)."""
    return text.replace(_NARROW_NBSP, _NBSP)


def format_date(value: dt.date | None, fmt: str = "long") -> str:
    """``22 ноября 2026 г.`` (long) or ``22.11.2026`` (short); an em dash for no date."""
    if value is None:
        return "—"
    from babel.dates import format_date as babel_format_date

    if fmt == "short":
        return (
            value.strftime("%d.%m.%Y") if current_language() == "ru" else value.strftime("%d/%m/%Y")
        )
    return _printable(babel_format_date(value, format=fmt, locale=_babel_locale()))


def format_datetime(value: dt.datetime | None) -> str:
    """A local date and time such as ``22.11.2026, 14:05``."""
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone()
    return f"{format_date(value.date(), 'short')}, {value:%H:%M}"


def format_number(value: float | int) -> str:
    """Group digits the local way (``5 000`` in Russian)."""
    locale = _babel_locale()
    if type(value) is int or (type(value) is float and value != 0):
        return _remembered_number(value, locale)
    return _babel_number(value, locale)


def _babel_number(value: float | int, locale: str) -> str:
    from babel.numbers import format_decimal

    return _printable(format_decimal(value, locale=locale))


_remembered_number = lru_cache(maxsize=4096, typed=True)(_babel_number)
"""babel takes ≈45 µs a number and reports print the same few over and over, so ints and floats
are remembered per locale. Only those: equal values of them print alike, except 0.0 and -0.0
(equal keys, printed «0» and «-0»), which go to babel each time like any other type."""
