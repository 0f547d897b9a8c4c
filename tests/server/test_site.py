"""The place named on the page: a setting, else the documents' issuing body."""

from __future__ import annotations

import pytest

from lixia_qa.types import Document, Place
from server.site import issuer_place, site_name


@pytest.mark.parametrize(
    ("source", "place"),
    [
        ("青州市青川区人民政府办公室", "青州市青川区"),
        ("青川区人民政府", "青川区"),
        ("中共青川县委办公室", "青川县"),
        ("青川区教育和体育局", "青川区"),
        ("青山省人民政府", "青山省"),
        ("记者 王小明", ""),  # a byline
        ("区商务局", ""),  # no place named
        ("青川区", ""),  # a place, not a unit
    ],
)
def test_the_place_of_an_issuing_body(source: str, place: str) -> None:
    assert issuer_place(source) == place


def doc(n: int, source: str = "", place: Place | None = None) -> Document:
    return Document(f"{n}.txt", "标题", "正文。", source=source, place=place or Place())


def test_the_issuers_place_wins_then_the_place_written_about() -> None:
    docs = [doc(1, "记者 王小明"), doc(2, "青川区人民政府办公室"), doc(3, "青川区商务局")]
    assert site_name(docs) == "青川区"
    about = [doc(1, place=Place(city="青州市", county="白塔区")), doc(2, "记者 李华")]
    assert site_name(about) == "青州市白塔区"
    assert site_name([doc(1, "记者 李华")]) is None


def test_the_service_names_the_test_corpus_place(service) -> None:  # type: ignore[no-untyped-def]
    assert service.site_name == "青山区"  # 青山区人民政府办公室 issues the notice


def test_the_setting_wins(settings, built) -> None:  # type: ignore[no-untyped-def]
    from server.service import QAService

    named = QAService.load(settings.model_copy(update={"site_name": "白塔区"}))
    assert named.site_name == "白塔区"
