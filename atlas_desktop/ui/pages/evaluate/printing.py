"""The evaluation report on paper: the HTML report (core.evaluation.report.render_html) as an A4
PDF printed by Qt, and a page of it as an image (to look at without a PDF viewer).

Qt's rich text reads a subset of HTML and CSS: no inline SVG, no ``<bdi>``, no ``dir="auto"``,
no logical CSS properties. :func:`print_html` makes the variant it reads: the charts and their
legends left out (every figure is in the tables beside them), ``<bdi>`` as the isolates Qt's
bidi algorithm knows (FSI … PDI), each block in the page's direction, and a plain style sheet.

The PDF and the image come from one layout (:class:`Printout`, design metrics at 300 dpi) painted
page by page, so the image shows the PDF's line and page breaks.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextOption

from atlas_desktop.ui.fonts import content_font, ui_font

DPI = 300
MARGIN_MM = 16
FOOTER_PT = 8

_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_LEGEND = re.compile(r'<p class="legend"[^>]*>.*?</p>', re.S)
_EMPTY_CELL = re.compile(r"<t([dh])>\s*</t\1>")
_STYLE = re.compile(r"<style>.*?</style>", re.S)
_BDI = re.compile(r"<bdi>(.*?)</bdi>", re.S)
_TABLE = re.compile(r"<table>")
_ROW = re.compile(r"(<tr>)(.*?)(</tr>)", re.S)
_CELL = re.compile(r"<t[dh]\b.*?</t[dh]>", re.S)

PRINT_STYLE = """<style>
body { color: #1f2328; }
h1 { font-size: 16pt; color: #14365d; }
h2 { font-size: 12.5pt; color: #14365d; margin-top: 14px; }
p { margin-top: 3px; margin-bottom: 3px; }
th { background-color: #eef1f4; font-weight: 600; }
small { color: #59636e; }
td.n { white-space: nowrap; }
.note { background-color: #fff8c5; }
.pass { color: #1a7f37; }
.fail { color: #cf222e; }
.verdict { font-weight: 600; }
ul.gate { margin-top: 2px; }
</style>"""


def print_html(html: str, rtl: bool) -> str:
    """The report's page as Qt's rich text reads it (see the module's note)."""
    direction = "rtl" if rtl else "ltr"
    html = _SVG.sub("", html)
    html = _LEGEND.sub("", html)
    html = _EMPTY_CELL.sub("", html)  # the charts' columns, empty once the charts are gone
    html = _STYLE.sub(PRINT_STYLE, html)
    html = _BDI.sub("\u2068\\1\u2069", html)
    html = html.replace("<br><small>", "&nbsp; <small>")  # a difference and its interval on one line: a row is never split by a page
    html = html.replace('dir="auto"', f'dir="{direction}"')
    html = _TABLE.sub(f'<table dir="{direction}" width="100%" border="1" cellspacing="0" cellpadding="4" '
                      f'style="border-collapse: collapse; border-color: #d0d7de;">', html)
    html = html.replace('<ul class="gate">', f'<ul class="gate" dir="{direction}" style="list-style-type: none;">')
    return html


def _font(rtl: bool) -> QFont:
    font = content_font(8) if rtl else ui_font(8)  # Naskh for Arabic text, as the window's content
    font.setPointSizeF(9.5)
    return font


def page_size_px() -> QSizeF:
    """The printable area of an A4 page at DPI, inside the margins (less the footer line)."""
    a4 = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Inch)
    margin = MARGIN_MM / 25.4 * DPI
    return QSizeF(a4.width() * DPI - 2 * margin, a4.height() * DPI - 2 * margin - FOOTER_PT / 72 * DPI * 2.2)


class Printout:
    """The print variant laid out on A4 pages at DPI, with design metrics: the same line and page
    breaks on whatever device it is painted (the PDF writer, an image)."""

    def __init__(self, html: str, rtl: bool) -> None:
        self.rtl = rtl
        self.doc = QTextDocument()
        self.doc.setUseDesignMetrics(True)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(_font(rtl))
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setHtml(print_html(html, rtl))
        # the layout's own device (kept as long as the document): DPI dots per inch, so that a point
        # is as large on paper as in the image
        self.device = QImage(1, 1, QImage.Format.Format_RGB32)
        self.device.setDotsPerMeterX(round(DPI / 0.0254))
        self.device.setDotsPerMeterY(round(DPI / 0.0254))
        self.doc.documentLayout().setPaintDevice(self.device)
        self.doc.setPageSize(page_size_px())

    @property
    def pages(self) -> int:
        return self.doc.pageCount()

    def paint(self, painter: QPainter, index: int, footer: str) -> None:
        """Page ``index`` at the painter's origin (the page's top-left corner, at DPI), and its footer line."""
        margin = MARGIN_MM / 25.4 * DPI
        size = self.doc.pageSize()
        painter.save()
        painter.translate(margin, margin)
        painter.setClipRect(QRectF(0, 0, size.width(), size.height()))
        painter.translate(0, -index * size.height())
        self.doc.drawContents(painter, QRectF(0, index * size.height(), size.width(), size.height()))
        painter.restore()
        painter.save()
        font = _font(self.rtl)
        font.setPixelSize(round(FOOTER_PT / 72 * DPI))  # pixels of the page at DPI, whatever the device's own resolution
        painter.setFont(font)
        painter.setPen(QColor("#59636e"))
        line_h = FOOTER_PT / 72 * DPI * 2
        rect = QRectF(margin, margin + size.height() + line_h * 0.1, size.width(), line_h)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), footer)
        painter.restore()


def write_pdf(html: str, path: Path, rtl: bool, footer: Callable[[int, int], str]) -> int:
    """Print the report to ``path`` as an A4 PDF, whole or not at all (a temporary file renamed into
    place); the number of pages. ``footer(n, total)`` is page n's footer line. OSError when it
    cannot be written."""
    out = Printout(html, rtl)
    tmp = path.with_name(f".{path.name}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setCreator("Atlas Desktop")
    painter = QPainter()
    if not painter.begin(writer):  # Qt says no more than that (a folder that does not exist, no permission)
        del writer
        tmp.unlink(missing_ok=True)
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    try:
        for i in range(out.pages):
            if i:
                writer.newPage()
            out.paint(painter, i, footer(i + 1, out.pages))
    finally:
        painter.end()
        del writer  # closes the file
    try:
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return out.pages


def page_image(html: str, rtl: bool, footer: Callable[[int, int], str], index: int = 0, dpi: int = 110) -> QImage:
    """Page ``index`` as the PDF shows it, as an image at ``dpi`` (to look at without a PDF viewer)."""
    out = Printout(html, rtl)
    a4 = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Inch)
    image = QImage(round(a4.width() * dpi), round(a4.height() * dpi), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(dpi / DPI, dpi / DPI)
    out.paint(painter, index, footer(index + 1, out.pages))
    painter.end()
    return image
