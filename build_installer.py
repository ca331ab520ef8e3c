#!/usr/bin/env python3
"""Maintainer tasks for Curator Desktop: translation catalogs and installers.

    python build_installer.py i18n-extract   # scan the code into translations/curator.pot
    python build_installer.py i18n-update    # merge the template into ru and en catalogs
    python build_installer.py i18n-compile   # compile every .po into .mo beside it
    python build_installer.py i18n-check     # fail when a catalog misses or fuzzes a string
    python build_installer.py build          # compile the catalogs, bundle and pack this OS
    python build_installer.py smoke [DIR]    # start the bundle headless: self-check, size, times

A plain script (like a PyInstaller spec), runnable from a checkout with only babel installed;
``build`` also needs PyInstaller (``pip install pyinstaller``). The bundling and packing code
lives in ``installer/``; ``build`` writes to ``build/`` and ``dist/``, both ignored by git.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "curator_desktop"
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "curator.pot"
LANGUAGES = ("ru", "en")
KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "curator.po"


def extract() -> None:
    """Collect every marked string of the package into the template."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    from curator_desktop import __version__

    catalog = Catalog(project="Curator Desktop", version=__version__, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(f"curator_desktop/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    print(f"{len(catalog)} messages → {TEMPLATE}")


def update() -> None:
    """Merge the template into each language; English gets the source text as translation."""
    from babel.messages.pofile import read_po, write_po

    with TEMPLATE.open("rb") as fh:
        template = read_po(fh)
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=lang, project="Curator Desktop", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _set_header(catalog, lang)
        if lang == "en":
            for message in catalog:
                if (message.id and not message.string) or (
                    isinstance(message.string, tuple) and not any(message.string)
                ):
                    message.string = message.id
                message.flags.discard("fuzzy")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, sort_output=True)
        missing = untranslated(path)
        print(f"{lang}: {len(catalog)} messages, {len(missing)} untranslated")


def _set_header(catalog: Catalog, lang: str) -> None:
    """A truthful header: no placeholder names, not fuzzy (the catalog is reviewed)."""
    from curator_desktop import __version__

    catalog.header_comment = (
        f"# {'Russian' if lang == 'ru' else 'English'} messages of Curator Desktop.\n"
        "# Maintained with build_installer.py i18n-extract / i18n-update."
    )
    catalog.fuzzy = False
    catalog.revision_date = datetime.datetime.now(datetime.UTC)
    catalog.version = __version__
    catalog.last_translator = "Curator Desktop team"
    catalog.language_team = f"Curator Desktop ({lang})"
    catalog.msgid_bugs_address = ""


def untranslated(path: Path) -> list[str]:
    """Messages of a catalog that are empty or fuzzy."""
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def compile_all() -> None:
    """Compile each catalog to ``.mo`` next to its ``.po`` (bundles and wheels ship these)."""
    sys.path.insert(0, str(ROOT))
    from curator_desktop.i18n import compile_catalog

    for lang in LANGUAGES:
        compile_catalog(po_path(lang), po_path(lang).with_suffix(".mo"))
        print(f"compiled {po_path(lang).with_suffix('.mo').relative_to(ROOT)}")


def check() -> int:
    status = 0
    for lang in LANGUAGES:
        missing = untranslated(po_path(lang))
        for message in missing:
            print(f"{lang}: untranslated or fuzzy: {message!r}")
        status |= bool(missing)
    return status


def installer_command(command: str, directory: str | None) -> int:
    """``build`` (catalogs, bundle, packages) or ``smoke [DIR]`` for the current platform."""
    from installer.bundle import BuildError, build
    from installer.names import BuildNames
    from installer.smoke import smoke

    names = BuildNames.current(ROOT)
    if command == "smoke":
        default = names.app_bundle if names.system == "macos" else names.bundle_dir
        return smoke(Path(directory) if directory else default)
    compile_all()
    try:
        build(names)
    except BuildError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "command",
        choices=("i18n-extract", "i18n-update", "i18n-compile", "i18n-check", "build", "smoke"),
    )
    parser.add_argument(
        "dir", nargs="?", help="smoke: the bundle folder (default: this version's, in dist/)"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.command in ("build", "smoke"):
        return installer_command(args.command, args.dir)
    if args.command == "i18n-extract":
        extract()
    elif args.command == "i18n-update":
        update()
    elif args.command == "i18n-compile":
        compile_all()
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
