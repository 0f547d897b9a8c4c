"""The tokenizer's reading of jieba's general dictionary."""

import jieba

from store.tokenize import ChineseTokenizer, is_place_name


def test_place_names_from_the_general_dictionary() -> None:
    for place in ("济南", "山东", "北京"):
        assert is_place_name(place), place
    for word in ("落实", "下雨", "公交", "全市", "青山区新城"):
        assert not is_place_name(word), word


def test_function_words_are_not_tokens(tokenizer: ChineseTokenizer) -> None:
    assert tokenizer.tokens("我们的公园在哪里") == ["公园"]


def test_tokenizers_share_the_dictionary_but_not_their_words() -> None:
    text = "星湖片区新建青藤路与星湖图书馆"
    fresh = jieba.Tokenizer()  # reads the dictionary itself
    assert ChineseTokenizer().words(text) == [
        w for w in fresh.lcut(text.lower()) if w.strip() and w not in ("与",)
    ]
    named = ChineseTokenizer(["青藤路", "星湖图书馆"])
    assert {"青藤路", "星湖图书馆"} <= set(named.words(text))
    assert "星湖图书馆" not in ChineseTokenizer().words(text)  # the words stay in `named`
