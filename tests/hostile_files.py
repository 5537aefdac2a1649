"""Hostile documents, made on demand: what an attacker or a broken converter might upload.

Shared by the CLI tests (``test_hostile_files.py``) and the web upload tests
(``test_web_fuzz.py``). PDFs are written by hand because no PDF library writes JavaScript
actions or launchable attachments on request.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RESOLUTION_LINES = [
    "NGHỊ QUYẾT",
    "Về kế hoạch phát triển kinh tế - xã hội năm 2024",
    "(1) Thu ngân sách nhà nước trên địa bàn đạt 3.150 tỷ đồng.",
]
PAYLOAD_MARK = "ma-doc-khong-duoc-xuat-hien"  # text only hostile parts carry


@dataclass(frozen=True)
class Hostile:
    make: Callable[[Path, int], Path]  # (directory, port nobody may connect to) → file
    refused_with: str | None  # a word of the refusal, or None when the file is read safely
    must_read: str | None = None  # text that must survive when the file is read


def _base_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in RESOLUTION_LINES:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _rewrite_docx(d: Path, name: str, replace: dict[str, Callable[[bytes], bytes]],
                  extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    base = _base_docx(d / f"goc-{name}")
    path = d / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", compression) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename in replace:
                data = replace[item.filename](data)
            dst.writestr(item.filename, data)
        for member, data in (extra or {}).items():
            dst.writestr(member, data)
    return path


def _body(xml: bytes) -> bytes:
    return xml.split(b"?>", 1)[1]


def docx_xxe(d: Path, port: int) -> Path:
    """External entities naming /etc/passwd and a local URL; the figure sits after them."""
    def inject(xml: bytes) -> bytes:
        dtd = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document ['
               b'<!ENTITY xxe SYSTEM "file:///etc/passwd">'
               b'<!ENTITY net SYSTEM "http://127.0.0.1:%d/bi-mat">]>\n' % port)
        return dtd + _body(xml).replace(b"3.150", b"&xxe;&net;3.150", 1)

    return _rewrite_docx(d, "xxe.docx", {"word/document.xml": inject})


def docx_laughs(d: Path, _port: int) -> Path:
    """Billion laughs: ten levels of entities, each ten times the one below."""
    def inject(xml: bytes) -> bytes:
        ents = b'<!ENTITY l0 "' + PAYLOAD_MARK.encode() + b'">' + b"".join(
            b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 10)
        )
        return (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [' + ents + b"]>\n"
                + _body(xml).replace(b"3.150", b"&l9;3.150", 1))

    return _rewrite_docx(d, "cuoi-ty-lan.docx", {"word/document.xml": inject})


def _nest(xml: bytes) -> bytes:
    deep = b"<w:r>" * 100_000 + b"</w:r>" * 100_000
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + _body(xml).replace(b"<w:body>", b"<w:body><w:p>" + deep + b"</w:p>", 1)


def docx_deep_compressed(d: Path, _port: int) -> Path:
    return _rewrite_docx(d, "long-sau-nen.docx", {"word/document.xml": _nest})


def docx_deep_stored(d: Path, _port: int) -> Path:
    """The same 100k-deep XML stored uncompressed, so the ZIP ratio check does not see it."""
    return _rewrite_docx(d, "long-sau.docx", {"word/document.xml": _nest}, compression=zipfile.ZIP_STORED)


def docx_macro(d: Path, _port: int) -> Path:
    """A vbaProject.bin part with an auto-run macro; the marker file it names must never appear."""
    marker = d / "macro-da-chay"
    macro = f'Sub AutoOpen()\nShell "touch {marker}"\nEnd Sub\n' f"' {PAYLOAD_MARK}\n"
    types = lambda xml: xml.replace(  # noqa: E731
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    return _rewrite_docx(d, "co-macro.docx", {"[Content_Types].xml": types},
                         {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + macro.encode() * 20})


def build_pdf(pages: list[bytes], catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A minimal valid PDF: Helvetica text pages, then ``extra_objects`` numbered from 4 + 2×pages."""
    objects: dict[int, bytes] = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    number = 4
    for text in pages:
        content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
        objects[number] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objects[number + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                               b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % number)
        kids.append(b"%d 0 R" % (number + 1))
        number += 2
    for body in extra_objects:
        objects[number] = body
        number += 1
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


PDF_LINE = b"Thu ngan sach nha nuoc dat 3.150 ty dong trong nam 2024."


def pdf_javascript(d: Path, port: int) -> Path:
    js = (b"app.launchURL\\(\"http://127.0.0.1:%d/\"\\); this.print\\(\\); /* " % port) + PAYLOAD_MARK.encode() + b" */"
    catalog = (b"/OpenAction << /S /JavaScript /JS (" + js + b") >> "
               b"/Names << /JavaScript << /Names [(tu-chay) << /S /JavaScript /JS (" + js + b") >>] >> >>")
    path = d / "co-javascript.pdf"
    path.write_bytes(build_pdf([PDF_LINE], catalog))
    return path


def pdf_embedded_file(d: Path, _port: int) -> Path:
    marker = d / "tep-dinh-kem-da-chay"
    payload = f"#!/bin/sh\ntouch {marker}\n# {PAYLOAD_MARK}\n".encode()
    objects = (b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream",
               b"<< /Type /Filespec /F (chay.sh) /EF << /F 6 0 R >> >>")
    catalog = b"/Names << /EmbeddedFiles << /Names [(chay.sh) 7 0 R] >> >> /OpenAction << /S /Launch /F (chay.sh) >>"
    path = d / "co-tep-dinh-kem.pdf"
    path.write_bytes(build_pdf([PDF_LINE], catalog, objects))
    return path


def pdf_huge_page_tree(d: Path, _port: int) -> Path:
    """300,000 page-tree entries pointing at one page: a 2 MB file claiming 300k pages."""
    data = build_pdf([PDF_LINE])
    data = data.replace(b"/Kids [5 0 R] /Count 1", b"/Kids [" + b"5 0 R " * 300_000 + b"] /Count 300000")
    path = d / "ba-tram-nghin-trang.pdf"
    path.write_bytes(data)
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_over_our_limit(d: Path, _port: int) -> Path:
    """15000×15000 (225 Mpx): under Pillow's hard limit, over ours."""
    ihdr = struct.pack(">IIBBBBB", 15000, 15000, 8, 0, 0, 0, 0)
    path = d / "anh-225mpx.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
                     + _png_chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + _png_chunk(b"IEND", b""))
    return path


def gif_absurd(d: Path, _port: int) -> Path:
    """65535×65535 (4.3 Gpx) declared in 30 bytes: Pillow's own bomb error."""
    size = struct.pack("<HH", 65535, 65535)
    path = d / "anh-4-ty-diem.gif"
    path.write_bytes(b"GIF89a" + size + b"\x00\x00\x00" + b",\x00\x00\x00\x00" + size + b"\x00\x02\x02\x44\x01\x00;")
    return path


def markdown_long_line(d: Path, _port: int) -> Path:
    """A 5 MB Markdown file with no line break after its heading."""
    filler = "vùng đồi núi phía tây có nhiều tiềm năng phát triển "
    line = (filler * (5_000_000 // len(filler) + 1))[:5_000_000]
    path = d / "mot-dong-5mb.md"
    path.write_text("# Báo cáo\n\n" + line + " Thu ngân sách đạt 3.150 tỷ đồng.\n", encoding="utf-8")
    return path


def many_list_markers(d: Path, _port: int) -> Path:
    path = d / "muoi-nghin-muc.txt"
    path.write_text("\n".join(RESOLUTION_LINES[:2]) + "\n" + "(1) " * 5000 + "\n" + "(1)\n" * 5000
                    + RESOLUTION_LINES[2] + "\n", encoding="utf-8")
    return path


HOSTILE: dict[str, Hostile] = {
    "docx-xxe": Hostile(docx_xxe, None, "3.150 tỷ đồng"),
    "docx-billion-laughs": Hostile(docx_laughs, "hỏng"),
    "docx-100k-nested-compressed": Hostile(docx_deep_compressed, "nén"),
    "docx-100k-nested-stored": Hostile(docx_deep_stored, "hỏng"),
    "docx-macro": Hostile(docx_macro, None, "3.150 tỷ đồng"),
    "pdf-javascript": Hostile(pdf_javascript, None, "3.150 ty dong"),
    "pdf-embedded-file": Hostile(pdf_embedded_file, None, "3.150 ty dong"),
    "pdf-300k-pages": Hostile(pdf_huge_page_tree, "quá nhiều trang"),
    "png-225-megapixels": Hostile(png_over_our_limit, "quá lớn"),
    "gif-4-gigapixels": Hostile(gif_absurd, "quá lớn"),
    "markdown-5mb-line": Hostile(markdown_long_line, None, "3.150 tỷ đồng"),
    "10k-list-markers": Hostile(many_list_markers, None, "3.150 tỷ đồng"),
}
