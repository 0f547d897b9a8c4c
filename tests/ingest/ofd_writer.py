"""Writes OFD files for the tests: OFD.xml, a Document.xml and one Content.xml a page,
each text line one TextObject with one TextCode, placed as a layout program would."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"

# a line: (text, x, baseline y, font size) in millimetres, or a raw TextObject's XML
Line = tuple[str, float, float, float] | str


def text_object(text: str, x: float, y: float, size: float, oid: int, delta: str = "") -> str:
    """One line of ``text`` with its baseline at ``y``; ``delta`` is its DeltaX (by
    default every glyph advances one font size)."""
    advances = delta or " ".join([f"{size}"] * (len(text) - 1))
    width = size * len(text)
    return (
        f'<ofd:TextObject ID="{oid}" Font="1" Size="{size}" Boundary="{x} {y - size} {width} {size * 1.2}">'
        f'<ofd:TextCode X="0" Y="{size}" DeltaX="{advances}">{escape(text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def _content(lines: Sequence[Line]) -> str:
    objects = "".join(
        line if isinstance(line, str) else text_object(*line, oid=100 + i)
        for i, line in enumerate(lines)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">'
        "<ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>"
        f'<ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def image_object(resource: int, box: tuple[float, float, float, float]) -> str:
    """An image placed in ``box`` (x, y, width, height, millimetres)."""
    x, y, w, h = box
    return (
        f'<ofd:ImageObject ID="{500 + resource}" ResourceID="{resource}" '
        f'Boundary="{x} {y} {w} {h}" CTM="{w} 0 0 {h} 0 0"/>'
    )


def build_ofd(
    pages: Sequence[Sequence[Line]],
    template: Sequence[Line] = (),
    images: dict[int, bytes] | None = None,
) -> bytes:
    """An OFD file of ``pages``; ``template`` lines go on a template page every page
    uses (as a letterhead does); ``images`` (resource ID -> PNG bytes) are the document's
    image resources, under ``Res/`` (as a page's ImageObject, see :func:`image_object`,
    refers to them)."""
    images = images or {}
    page_refs = "".join(
        f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml">'
        + ('<ofd:Template TemplateID="9"/>' if template else "")
        + "</ofd:Page>"
        for i in range(len(pages))
    )
    template_ref = '<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
        f"<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>{template_ref}"
        + ("<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if images else "")
        + "</ofd:CommonData>"
        f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
    )
    root = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", root)
        z.writestr("Doc_0/Document.xml", document)
        for i, lines in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _content(lines))
        if template:
            z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", _content(template))
        if images:
            media = "".join(
                f'<ofd:MultiMedia ID="{rid}" Type="Image"><ofd:MediaFile>image_{rid}.png'
                "</ofd:MediaFile></ofd:MultiMedia>"
                for rid in images
            )
            z.writestr(
                "Doc_0/DocumentRes.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                f"<ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>",
            )
            for rid, png in images.items():
                z.writestr(f"Doc_0/Res/image_{rid}.png", png)
    return buffer.getvalue()
