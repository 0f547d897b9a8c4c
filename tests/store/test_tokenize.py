"""The tokenizer's reading of jieba's general dictionary."""

from store.tokenize import ChineseTokenizer, is_place_name


def test_place_names_from_the_general_dictionary() -> None:
    for place in ("济南", "山东", "北京"):
        assert is_place_name(place), place
    for word in ("落实", "下雨", "公交", "全市", "青山区新城"):
        assert not is_place_name(word), word


def test_function_words_are_not_tokens() -> None:
    assert ChineseTokenizer().tokens("我们的公园在哪里") == ["公园"]
