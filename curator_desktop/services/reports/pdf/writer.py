"""Writing a finished report to its file: reportlab's own PDF objects, cross-reference table and
trailer, written object by object, with the photos' JPEG data copied straight from their print
copies.

reportlab builds the whole file in memory: each photo is read into a bytes object, copied into
its stream, into its object, into the joined file, and only then written; for a visit report
with six photos (3 MB) that was four copies of every photo byte and a third of the report's
time. Here a photo is registered as a :class:`FileJpeg` (its size and colour space known, its
data not read) and its bytes go from the print copy to the report file by the operating system
(``os.sendfile``; a buffered copy where that is missing). Every other object is formatted by
reportlab itself, in the order and with the numbers reportlab gives them, so the file is the
one ``Canvas.save`` writes. Documents this writer does not know (encrypted or signed ones, PDF
comments on) are saved by reportlab as before, :class:`FileJpeg` then reading its file.

Two jobs run on the side thread (:mod:`.side_thread`) while the objects are formatted: the font
subsets (about 85 KB of glyphs each, which deflate slowly) are deflated ahead, and the file's
SHA-256 is taken as it is written (:class:`.file_digest.FollowingDigest`), so :func:`save_pdf`
returns it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc

from curator_desktop.services.reports.form.styles import deflate, fast_flate
from curator_desktop.services.reports.pdf.file_digest import FollowingDigest
from curator_desktop.services.reports.pdf.side_thread import side_thread

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

COLOUR_SPACES = {"RGB": "DeviceRGB", "L": "DeviceGray"}
"""Image modes whose JPEG data a PDF shows as it is (print copies are RGB)."""
_CHUNK = 1 << 20
DEFLATE_AHEAD = 32 * 1024
"""Streams at least this long (font subsets) are deflated on the side thread."""


class FileJpeg(pdfdoc.PDFImageXObject):
    """An image XObject whose stream is a JPEG file's bytes, copied when the PDF is written."""

    def __init__(self, name: str, path: Path, width: int, height: int, mode: str) -> None:
        super().__init__(name)
        self.path = Path(path)
        self.width, self.height = width, height
        self.bitsPerComponent = 8
        self.colorSpace = COLOUR_SPACES[mode]
        self._filters = ("DCTDecode",)
        self.mask = None
        self.length = self.path.stat().st_size

    @property  # type: ignore[override]
    def streamContent(self) -> bytes:
        """The JPEG bytes (read only when reportlab formats this object itself)."""
        data = self.path.read_bytes()
        if len(data) != self.length:
            raise OSError(f"{self.path} changed while the report was written")
        return data

    @streamContent.setter
    def streamContent(self, _value: bytes) -> None:
        """``PDFImageXObject.__init__`` sets a placeholder image: ignored."""

    def head(self, document: pdfdoc.PDFDocument) -> bytes:
        """The stream's dictionary and ``stream`` keyword, as ``format`` would write them."""
        dictionary = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("XObject"),
                "Subtype": pdfdoc.PDFName("Image"),
                "Width": self.width,
                "Height": self.height,
                "BitsPerComponent": self.bitsPerComponent,
                "ColorSpace": pdfdoc.PDFName(self.colorSpace),
                "Filter": pdfdoc.PDFArray([pdfdoc.PDFName(f) for f in self._filters]),
                "Length": self.length,
            }
        )
        return pdfdoc.format(dictionary, document) + b"\nstream\n"


def draw_jpeg(
    canvas: Canvas, path: Path, size: tuple[int, int], mode: str, box: tuple[float, float]
) -> None:
    """Draw the JPEG file at ``path`` (``size`` pixels, PIL ``mode``) filling ``box`` (width,
    height in points) at the canvas's origin; the file is embedded once per document."""
    doc = canvas._doc
    name = f"Photo.{path.name}"
    internal = doc.getXObjectName(name)
    if internal not in doc.idToObject:
        doc.Reference(FileJpeg(name, path, *size, mode), internal)
    canvas._currentPageHasImages = 1
    canvas._formsinuse.append(name)
    canvas._code.append(f"q {fp_str(box[0])} 0 0 {fp_str(box[1])} 0 0 cm /{internal} Do Q")


def _plain(doc: pdfdoc.PDFDocument) -> bool:
    """Whether the document is one this writer writes as reportlab would."""
    return (
        isinstance(doc.encrypt, pdfdoc.NoEncryption)
        and not getattr(doc, "_digiSigs", None)
        and not (rl_config.pdfComments and not rl_config.invariant)
    )


class _Output:
    """The file being written, with the offset of the next byte, hashed as it is written."""

    def __init__(self, raw: BinaryIO, digest: FollowingDigest) -> None:
        self._raw = raw
        self._digest = digest
        self._pending: list[bytes] = []
        self.offset = 0

    def add(self, data: bytes) -> None:
        self._pending.append(data)
        self.offset += len(data)

    def add_file(self, path: Path, length: int) -> None:
        self.flush()
        with path.open("rb") as source:
            if os.fstat(source.fileno()).st_size != length:
                raise OSError(f"{path} changed while the report was written")
            _copy(source, self._raw, length)
        self.offset += length
        self._digest.written_to(self.offset)

    def flush(self) -> None:
        if self._pending:
            self._raw.write(b"".join(self._pending))
            self._pending.clear()

    def finish(self) -> str:
        """Write what is left; the file's SHA-256."""
        self.flush()
        return self._digest.hexdigest(self.offset)


def _copy(source: BinaryIO, target: BinaryIO, length: int) -> None:
    """``length`` bytes from ``source`` to the end of ``target`` (both unbuffered files)."""
    done = 0
    if hasattr(os, "sendfile"):
        try:
            while done < length:
                sent = os.sendfile(target.fileno(), source.fileno(), done, length - done)
                if not sent:
                    break
                done += sent
        except OSError:
            if done:
                raise
    buffer = bytearray(min(_CHUNK, max(length - done, 1)))
    source.seek(done)
    while done < length:
        count = source.readinto(memoryview(buffer)[: min(len(buffer), length - done)])
        if not count:
            raise OSError(f"{source.name} ended early")
        target.write(memoryview(buffer)[:count])
        done += count


def save_pdf(canvas: Canvas) -> str | None:
    """What ``Canvas.save`` does once every page is shown: write the document to the canvas's
    file (the steps of reportlab's ``PDFDocument.GetPDFData`` and ``format``), its streams
    deflated fast (:func:`.styles.fast_flate`). Returns the file's SHA-256 (hex), or None when
    reportlab wrote a document this writer does not know."""
    doc: pdfdoc.PDFDocument = canvas._doc
    with fast_flate():
        target = canvas._filename
        if isinstance(target, str | os.PathLike) and _plain(doc):
            return _write(canvas, doc, target)
        from reportlab.pdfgen.canvas import Canvas as PlainCanvas

        PlainCanvas.save(canvas)  # reportlab's own (the caller may override ``save``)
        return None


def _write(canvas: Canvas, doc: pdfdoc.PDFDocument, target: str | os.PathLike[str]) -> str:
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    doc.encrypt.prepare(doc)
    with (
        open(target, "wb", buffering=0) as raw,
        FollowingDigest(target) as digest,
        _deflating_ahead(doc) as deflated,
    ):
        out = _Output(raw, digest)
        out.add(pdfdoc.PDFFile(doc._pdfVersion).strings[0])
        ids = _write_objects(doc, out, deflated)
        xref = pdfdoc.PDFCrossReferenceTable()
        xref.addsection(0, ids)
        start = out.offset
        out.add(xref.format(doc))
        trailer = pdfdoc.PDFTrailer(
            startxref=start,
            Size=len(doc.numberToId) + 1,
            Root=doc.Reference(doc.Catalog),
            Info=doc.Reference(doc.info),
            ID=doc.ID(),
        )
        out.add(trailer.format(doc))
        return out.finish()


@contextmanager
def _deflating_ahead(doc: pdfdoc.PDFDocument) -> Iterator[dict[str, Future[bytes]]]:
    """Long streams of ``doc`` that reportlab would deflate, being deflated on the side thread
    (``zlib`` lets Python threads run meanwhile): object id → the deflated content. What is
    not used (an error stopped the writing) is let go."""
    jobs = {
        oid: side_thread().submit(deflate, obj.content)
        for oid, obj in list(doc.idToObject.items())
        if isinstance(obj, pdfdoc.PDFStream)
        and obj.filters == [pdfdoc.PDFZCompress]
        and "Filter" not in obj.dictionary.dict
        and isinstance(obj.content, bytes)
        and len(obj.content) >= DEFLATE_AHEAD
    }
    try:
        yield jobs
    finally:
        for job in jobs.values():
            job.cancel()


def _deflated(stream: pdfdoc.PDFStream, content: Future[bytes]) -> None:
    """Give ``stream`` its deflated ``content`` and filter, as ``PDFStream.format`` would."""
    stream.content = content.result()
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])


def _write_objects(
    doc: pdfdoc.PDFDocument, out: _Output, deflated: dict[str, Future[bytes]]
) -> list[str]:
    """Every object in number order (objects may add more while they are formatted)."""
    ids = []
    counter = 1
    while counter in doc.numberToId:
        oid = doc.numberToId[counter]
        obj = doc.idToObject[oid]
        if oid in deflated:
            _deflated(obj, deflated[oid])
        doc.idToOffset[oid] = out.offset
        if isinstance(obj, FileJpeg):
            number, version = doc.idToObjectNumberAndVersion[oid]
            doc.encrypt.register(number, version)
            out.add(b"%d %d obj\n" % (number, version) + obj.head(doc))
            out.add_file(obj.path, obj.length)
            out.add(b"endstream\nendobj\n")
        else:
            out.add(pdfdoc.PDFIndirectObject(oid, obj).format(doc))
        ids.append(oid)
        counter += 1
    if counter - 1 != len(doc.numberToId):
        raise ValueError("the PDF's objects are not numbered one after another")
    return ids
