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


def test_a_known_term_is_cut_out_of_jieba_s_guesses(tokenizer: ChineseTokenizer) -> None:
    """A term the caller keeps whole (社零, 固投) straddling a word jieba guessed and a
    character it left alone (五年后社零: 后社|零; 2022年固投: 年固|投) is cut out; a
    reading of dictionary words (公社|区长, 哪一|产业) stands."""
    whole = {"社零", "固投", "社区", "一产", "旧小区"}
    assert "社零" in tokenizer.words("顺庆五年后社零总额想冲到多少", whole=whole)
    assert "固投" in tokenizer.words("青禾2022年固投搞了多少钱", whole=whole)
    assert "社区" not in tokenizer.words("公社区长是谁", whole=whole)
    assert "一产" not in tokenizer.words("韩国哪一产业比重最高", whole=whole)
    assert "旧小区" not in tokenizer.words("要完成多大面积的老旧小区改造", whole=whole)
    assert tokenizer.words("顺庆五年后社零总额", whole=()) == tokenizer.words("顺庆五年后社零总额")
