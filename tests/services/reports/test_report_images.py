"""Print copies of photos: upright by EXIF, scaled down once, cached by hash, never upscaled."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from curator_desktop.services.reports.pdf.images import PRINT_PX, cache_path, print_copy

ORIENTATION = 0x0112


def make_jpeg(path: Path, size: tuple[int, int], *, orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((40, 40, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


def test_exif_rotated_photo_is_upright(tmp_path: Path) -> None:
    source = make_jpeg(tmp_path / "rotated.jpg", (400, 300), orientation=6)
    copy = print_copy(source, tmp_path / "print-copies")
    assert copy is not None
    assert (copy.width, copy.height) == (300, 400)
    with Image.open(copy.path) as image:
        assert image.size == (300, 400)
        assert image.format == "JPEG"
        assert ORIENTATION not in image.getexif()
        # rotated 90° clockwise: the blue left half is now on top
        red, _green, blue = image.getpixel((150, 50))
        assert blue > red


def test_large_photo_is_scaled_to_print_size_and_cached(tmp_path: Path) -> None:
    source = make_jpeg(tmp_path / "big.jpg", (3600, 2400))
    cache = tmp_path / "print-copies"
    copy = print_copy(source, cache, sha256="ab" * 32)
    assert copy is not None
    assert copy.path == cache_path(cache, "ab" * 32) == cache / f"{'ab' * 32}-{PRINT_PX}.jpg"
    assert (copy.width, copy.height) == (PRINT_PX, 800)
    assert copy.path.stat().st_size < source.stat().st_size
    made = copy.path.stat().st_mtime_ns
    source.unlink()  # the cached copy is reused: the original is not read again
    again = print_copy(source, cache, sha256="ab" * 32)
    assert again == copy
    assert again.path.stat().st_mtime_ns == made


def test_small_png_with_transparency_becomes_a_white_backed_jpeg(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    image = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (60, 0, 120, 80))
    image.save(source)
    copy = print_copy(source, tmp_path / "print-copies")
    assert copy is not None
    assert (copy.width, copy.height) == (120, 80)  # never upscaled
    with Image.open(copy.path) as printed:
        assert printed.mode == "RGB"
        assert min(printed.getpixel((10, 40))) > 240  # transparent → white
        assert printed.getpixel((100, 40))[1] > 100


def test_unreadable_file_gives_none(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not an image at all")
    cache = tmp_path / "print-copies"
    assert print_copy(broken, cache) is None
    assert print_copy(tmp_path / "missing.jpg", cache) is None
    assert not cache.exists() or not any(cache.iterdir())
