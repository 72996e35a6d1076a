"""The .docx bytes: identical for identical inputs (fixed times, fixed member order)."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def to_bytes(document: Document) -> bytes:
    """The .docx bytes, identical for identical inputs: fixed times, fixed member order.

    Written here rather than by ``Document.save`` then rewritten: each XML part is
    serialised straight into the zip (a large contract's document.xml never sits whole in
    memory), with python-docx's own content types and relationships.
    """
    from docx.opc.part import XmlPart
    from docx.opc.pkgwriter import _ContentTypesItem
    from lxml import etree

    package = document.part.package
    parts = list(package.iter_parts())
    members: dict[str, Any] = {
        "[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        members[part.partname.membername] = (
            part._element if isinstance(part, XmlPart) else part.blob
        )
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name in sorted(members, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = members[name]
            if isinstance(content, bytes):
                target.writestr(info, content)
                continue
            with target.open(info, "w") as stream:  # python-docx's serialize_part_xml, streamed
                etree.ElementTree(content).write(stream, encoding="UTF-8", standalone=True)
    return output.getvalue()
