"""The report file as written by the PDF writer: a valid cross-reference table, photos embedded
byte for byte from their print copies (once each), photos in rows across pages with their
captions, and reportlab's own saving where the writer does not apply."""

from __future__ import annotations

import hashlib
import io
import random
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from curator_desktop.services.reports.form.layout import build_pdf
from curator_desktop.services.reports.form.photo_grid import Photo, PhotoGrid
from curator_desktop.services.reports.form.styles import report_styles
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.pdf.images import PrintImage, print_copy
from curator_desktop.services.reports.pdf.writer import FileJpeg, draw_jpeg, save_pdf
from tests.services.reports.report_helpers import sample_meta


def photo(folder: Path, n: int, size: tuple[int, int] = (640, 480)) -> PrintImage:
    """A print copy of a noisy photo (every one different)."""
    rng = random.Random(n)
    small = Image.frombytes("RGB", (32, 24), rng.randbytes(32 * 24 * 3))
    source = folder / f"photo-{n}.jpg"
    small.resize(size).save(source, "JPEG", quality=90)
    copy = print_copy(source, folder / "cache")
    assert copy is not None
    return copy


def cells(images: list[PrintImage]) -> list[list]:
    caption = report_styles().small.clone("caption", alignment=1, spaceBefore=2)
    return [
        [Photo(image, 200, 150), TextBlock(f"Фото {n}: урок", caption)]
        for n, image in enumerate(images, 1)
    ]


def image_streams(path: Path) -> list[bytes]:
    """The raw data of every image the pages show, each image object once."""
    found: dict[int, bytes] = {}
    for page in PdfReader(path).pages:
        for reference in page["/Resources"].get("/XObject", {}).values():
            image = reference.get_object()
            if image["/Subtype"] == "/Image":
                found[reference.idnum] = image._data
    return list(found.values())


def check_xref(path: Path) -> int:
    """Every entry of the cross-reference table points at its object; returns the count."""
    data = path.read_bytes()
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))
    assert data[start : start + 5] == b"xref\n"
    header = re.match(rb"xref\n0 (\d+)\n", data[start:])
    count = int(header.group(1))
    entries = data[start + header.end() :].split(b"\n")[:count]
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    return count


def test_photos_are_embedded_byte_for_byte_once_each(tmp_path: Path) -> None:
    images = [photo(tmp_path, n) for n in range(3)]
    target = tmp_path / "photos.pdf"
    story = [PhotoGrid(cells([*images, images[0]]), [240, 240])]  # the first one twice
    build_pdf(target, sample_meta(), story)
    assert check_xref(target) > 10
    embedded = image_streams(target)
    assert sorted(embedded) == sorted(image.path.read_bytes() for image in images)
    assert len(PdfReader(target, strict=True).pages) == 1


def test_photos_are_copied_without_sendfile_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no ``os.sendfile``: the buffered copy writes the same bytes."""
    images = [photo(tmp_path, n, size=(1600, 1200)) for n in range(2)]
    monkeypatch.delattr("os.sendfile", raising=False)
    target = tmp_path / "buffered.pdf"
    build_pdf(target, sample_meta(), [PhotoGrid(cells(images), [240, 240])])
    check_xref(target)
    assert sorted(image_streams(target)) == sorted(image.path.read_bytes() for image in images)


def test_photos_in_rows_across_pages_with_their_captions(tmp_path: Path) -> None:
    images = [photo(tmp_path, n, (480, 640) if n % 2 else (640, 480)) for n in range(9)]
    target = tmp_path / "many.pdf"
    pages = build_pdf(target, sample_meta(), [PhotoGrid(cells(images), [240, 240])]).pages
    reader = PdfReader(target)
    assert pages == len(reader.pages) >= 2
    texts = [page.extract_text() for page in reader.pages]
    assert all(sum(f"Фото {n}:" in t for t in texts) == 1 for n in range(1, 10))
    on_pages = [len(page.images) for page in reader.pages]
    assert sum(on_pages) == 9 and all(count % 2 == 0 for count in on_pages[:-1])  # whole rows


def test_a_print_copy_changed_under_the_writer_is_an_error(tmp_path: Path) -> None:
    image = photo(tmp_path, 1)
    canvas = Canvas(str(tmp_path / "changed.pdf"))
    draw_jpeg(canvas, image.path, (image.width, image.height), image.mode, (100, 75))
    canvas.showPage()
    image.path.write_bytes(image.path.read_bytes() + b"\0")
    with pytest.raises(OSError, match="changed"):
        save_pdf(canvas)


def test_reportlab_saves_what_the_writer_does_not_write(tmp_path: Path) -> None:
    """A canvas writing to a file object is saved by reportlab, the photo read then."""
    image = photo(tmp_path, 2)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    draw_jpeg(canvas, image.path, (image.width, image.height), image.mode, (100, 75))
    canvas.showPage()
    save_pdf(canvas)
    target = tmp_path / "buffer.pdf"
    target.write_bytes(buffer.getvalue())
    assert image_streams(target) == [image.path.read_bytes()]
    check_xref(target)


def test_file_jpeg_reads_its_file_only_when_formatted(tmp_path: Path) -> None:
    image = photo(tmp_path, 3)
    jpeg = FileJpeg("x", image.path, image.width, image.height, "RGB")
    assert jpeg.length == image.path.stat().st_size
    assert jpeg.streamContent == image.path.read_bytes()
    assert jpeg.colorSpace == "DeviceRGB" and jpeg._filters == ("DCTDecode",)


def test_a_photo_that_is_no_rgb_or_grey_jpeg_goes_through_reportlab(tmp_path: Path) -> None:
    source = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (64, 48), (0, 200, 200, 0)).save(source, "JPEG")
    target = tmp_path / "cmyk.pdf"
    build_pdf(target, sample_meta(), [Photo(PrintImage(source, 64, 48, "CMYK"), 64, 48)])
    reader = PdfReader(target)
    assert len(reader.pages[0].images) == 1


def test_font_subsets_deflated_ahead_give_reportlabs_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three font subsets (over 32 KB each) are deflated on the writer's second thread, and the
    file is byte for byte the one reportlab's own ``save`` writes (invariant mode: no dates)."""
    from reportlab import rl_config

    from curator_desktop.services.reports.form.styles import SANS, SERIF, fast_flate, register_fonts
    from curator_desktop.services.reports.pdf import writer as pdf_writer

    register_fonts()
    monkeypatch.setattr(rl_config, "invariant", 1)
    ahead: list[int] = []

    def counted(data: bytes) -> bytes:
        ahead.append(len(data))
        return deflate(data)

    deflate = pdf_writer.deflate
    monkeypatch.setattr(pdf_writer, "deflate", counted)

    def drawn(target: Path) -> Canvas:
        canvas = Canvas(str(target), invariant=1)
        for font in (SANS, SANS + " Bold", SERIF):
            canvas.setFont(font, 10)
            canvas.drawString(50, 700, "".join(map(chr, range(0x21, 0x7F))))
            canvas.drawString(50, 680, "".join(map(chr, range(0x410, 0x450))) + "ёЁ№«»—–")
            canvas.showPage()
        return canvas

    ours, theirs = tmp_path / "ours.pdf", tmp_path / "reportlab.pdf"
    digest = save_pdf(drawn(ours))
    with fast_flate():
        Canvas.save(drawn(theirs))
    assert len(ahead) == 3 and min(ahead) >= pdf_writer.DEFLATE_AHEAD
    assert ours.read_bytes() == theirs.read_bytes()
    assert digest == hashlib.sha256(ours.read_bytes()).hexdigest()
