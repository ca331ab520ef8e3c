"""The window's colours, named by what they mean, and the rule they keep: text at least 4.5:1
against its background (WCAG 2.1, level AA), so a tired eye on a cheap screen reads it.

Every colour the window sets is one of these (hex, for style sheets and ``QColor``), or a role of
the application's palette, which :func:`apply_palette` makes readable: hints (``palette
(placeholder-text)``) and disabled text are a grey dark enough, a selected row's text is white on
a blue dark enough. A hint is styled with :data:`HINT_STYLE`, never with a frame colour such as
``palette(mid)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

MIN_CONTRAST = 4.5
"""WCAG 2.1 AA for normal text."""

ATTENTION = "#b3261e"
"""Red text: overdue, high risk, errors and problems."""
WARNING_TEXT = "#8a5300"
"""Brown text: a warning that is not an error yet."""
NOTICE_BACKGROUND = "#fff4ce"
"""A banner's soft yellow (the archive, schools held twice, too many directions)."""
NOTICE_TEXT = "#5c4400"
"""Text on :data:`NOTICE_BACKGROUND` when it is not the window's text colour."""
CAUTION_BACKGROUND = "#fff1c2"
"""A cell that will need action soon."""
CAUTION_TEXT = "#4d3800"
"""Text on :data:`CAUTION_BACKGROUND`."""
DONE = "#2b6e2f"
"""Green text: done."""
PLANNED = "#1f5fbf"
"""Blue text: planned."""
MUTED_TEXT = "#5f5f5f"
"""Grey text for what is not there yet («not verified»): still 5.5:1 on the window."""
ADDED_BACKGROUND = "#e3f4e1"
"""A row an import would add."""
MISSING_BACKGROUND = "#fdf0ef"
"""A required answer still missing."""

HINT_STYLE = "color: palette(placeholder-text);"
"""A hint under a field or a heading: the palette's hint grey (readable, see the module)."""
ERROR_STYLE = f"color: {ATTENTION};"
"""A message saying what is wrong."""
NOTICE_STYLE = f"background: {NOTICE_BACKGROUND}; color: {NOTICE_TEXT}; padding: 6px;"
"""A banner."""

Colour = QColor | str
Rgb = tuple[float, float, float]


def contrast_ratio(foreground: Colour, background: Colour) -> float:
    """WCAG contrast of ``foreground`` (its transparency laid over ``background``) against
    ``background``: 1 (none) to 21 (black on white)."""
    front, back = _colour(foreground), _colour(background)
    shown = _mixed(_rgb(front), _rgb(back), front.alphaF())
    return _ratio(shown, _rgb(back))


def muted(text: Colour, backgrounds: Iterable[Colour], minimum: float = MIN_CONTRAST) -> QColor:
    """The palest mix of ``text`` into the first background that every background still sets
    off by ``minimum`` (with a little to spare): the grey of hints and disabled text."""
    ink, grounds = _rgb(_colour(text)), [_rgb(_colour(colour)) for colour in backgrounds]
    for step in range(50, 101, 2):
        colour = _mixed(ink, grounds[0], step / 100)
        if all(_ratio(colour, ground) >= minimum + 0.1 for ground in grounds):
            return QColor.fromRgbF(*colour)
    return _colour(text)


def readable_background(background: Colour, text: Colour) -> QColor:
    """``background`` darkened (or lightened) until ``text`` on it reads (a selection's blue)."""
    ground, ink = _rgb(_colour(background)), _rgb(_colour(text))
    towards = (0.0, 0.0, 0.0) if _luminance(ink) > 0.5 else (1.0, 1.0, 1.0)
    for step in range(0, 101, 4):
        candidate = _mixed(towards, ground, step / 100)
        if _ratio(ink, candidate) >= MIN_CONTRAST + 0.1:
            return QColor.fromRgbF(*candidate)
    return _colour(background)


def text_roles() -> tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...]:
    """Each text role of a palette and a background it is drawn on."""
    role = QPalette.ColorRole
    return (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.Text, role.AlternateBase),
        (role.ButtonText, role.Button),
        (role.PlaceholderText, role.Base),
        (role.PlaceholderText, role.Window),
        (role.HighlightedText, role.Highlight),
        (role.ToolTipText, role.ToolTipBase),
        (role.Link, role.Base),
    )


def colour_groups() -> tuple[QPalette.ColorGroup, ...]:
    group = QPalette.ColorGroup
    return (group.Active, group.Inactive, group.Disabled)


def make_readable(palette: QPalette) -> None:
    """Change ``palette`` so that every text role of :func:`text_roles` reads on its
    background: hints and disabled text a readable grey, the selection dark enough for its
    text."""
    role = QPalette.ColorRole
    disabled = QPalette.ColorGroup.Disabled
    for group in colour_groups():
        enabled = QPalette.ColorGroup.Active if group == disabled else group
        grounds = [palette.color(group, r) for r in (role.Base, role.Window, role.AlternateBase)]
        grey = muted(palette.color(enabled, role.Text), grounds)
        roles = (role.PlaceholderText,)
        if group == disabled:
            roles += (role.WindowText, role.Text, role.ButtonText)
        highlight = readable_background(
            palette.color(group, role.Highlight), palette.color(group, role.HighlightedText)
        )
        for text in roles:
            palette.setColor(group, text, grey)
        palette.setColor(group, role.Highlight, highlight)


def apply_palette(app: QApplication) -> None:
    """Make the application's palette readable (kept when the style changes later)."""
    palette = app.palette()  # a copy
    make_readable(palette)
    app.setPalette(palette)


def _colour(colour: Colour) -> QColor:
    """A ``QColor`` (``QColor(text)`` would set up every enum of Qt's namespace first, ≈20 ms
    before the first paint)."""
    return colour if isinstance(colour, QColor) else QColor.fromString(colour)


def _rgb(colour: QColor) -> Rgb:
    return colour.redF(), colour.greenF(), colour.blueF()


def _mixed(first: Rgb, second: Rgb, share: float) -> Rgb:
    """``share`` of ``first`` and the rest of ``second``."""
    return (
        first[0] * share + second[0] * (1 - share),
        first[1] * share + second[1] * (1 - share),
        first[2] * share + second[2] * (1 - share),
    )


def _ratio(first: Rgb, second: Rgb) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: Rgb) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = colour
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
