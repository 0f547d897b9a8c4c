"""The place the served documents belong to, named on the page (LIXIA_SITE_NAME, or read
from the documents' issuing bodies).

An issuing body is a document's publisher line when it is a government unit
(``某某市某某区人民政府办公室``); its place prefix (``某某市某某区``) is the site. The
place most documents' issuers share wins; without an issuer, the place most documents are
about (``Document.place``, read at ingest); without either, no name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from answer.records import unit_core
from lixia_qa.types import Document

_UNIT_END = re.compile(r"(?:政府|办公室|委员会|局|委|办|厅|院|中心|人大常委会|政协)$")
_PLACE_END = re.compile(r"[省市区县旗]$")


_GOVERNMENT = re.compile(r"^(.{2,12}?[省市区县旗])(?:人民政府|政府|人大常委会|政协)")


def issuer_place(source: str) -> str:
    """``某某市某某区`` of ``某某市某某区人民政府办公室``; ``""`` when ``source`` is not a
    government unit with a place in its name (a reporter's byline, a bare ``区商务局``)."""
    name = "".join(source.split()).removeprefix("中共")
    if not _UNIT_END.search(name):
        return ""
    government = _GOVERNMENT.match(name)  # 某某省人民政府: the place is all before it
    if government:
        return government.group(1)
    core = unit_core(name)
    place = name[: len(name) - len(core)] if name.endswith(core) else ""
    return place if len(place) >= 3 and _PLACE_END.search(place) else ""


def site_name(documents: Iterable[Document]) -> str | None:
    """The documents' place: their issuers' most common one, else the most common place
    they are about; None when neither is known."""
    docs = list(documents)
    issuers = Counter(p for p in (issuer_place(d.source) for d in docs) if p)
    if issuers:
        return issuers.most_common(1)[0][0]
    places = Counter("".join(d.place.names) for d in docs if d.place)
    return places.most_common(1)[0][0] if places else None
