"""Column widths that fit the table's width: no sideways scrolling while the columns can give.

The widest columns give first, each down to its minimum (its title, at least), until the row
fits; room left over goes to the column that names the row (the first, unless told). Only when
every column is at its minimum does the table scroll sideways.
"""

from __future__ import annotations

from collections.abc import Sequence


def fitted_widths(
    natural: Sequence[int], minimum: Sequence[int], available: int, *, name: int = 0
) -> list[int]:
    """Widths for columns whose content wants ``natural`` and can take no less than
    ``minimum``, in ``available`` pixels; the room left over goes to column ``name``."""
    floors = [min(want, least) for want, least in zip(natural, minimum, strict=True)]
    total = sum(natural)
    if not natural or available <= 0:
        return list(natural)
    if total <= available:
        widths = list(natural)
        widths[name] += available - total
        return widths
    if sum(floors) >= available:
        return floors

    def width_at(cap: int) -> list[int]:
        return [max(floor, min(want, cap)) for want, floor in zip(natural, floors, strict=True)]

    low, high = 0, max(natural)
    while low < high:  # the largest cap at which the row still fits
        middle = (low + high + 1) // 2
        if sum(width_at(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    widths = width_at(low)
    widths[name] += available - sum(widths)  # the pixels the whole-pixel cap left over
    return widths
