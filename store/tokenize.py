"""Chinese tokenisation for BM25: jieba with the corpus's own names kept whole."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path

import jieba

logger = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

# Function words that carry no meaning for retrieval (general Chinese, not corpus-specific).
STOPWORDS = frozenset(
    """的 了 是 在 和 与 及 或 等 也 都 就 还 又 而 并 将 把 被 让 给 向 从 对 为 以 于 之 其
    这 那 这个 那个 这些 那些 哪 哪个 哪些 什么 怎么 怎样 如何 吗 呢 吧 啊 呀 嘛 哦 么
    我 你 他 她 它 我们 你们 他们 咱们 大家 有 没有 没 不 是否 请问 一下 知道 告诉 想
    个 位 多少 几 谁 要 会 能 可以 一个 哪里 到底 具体 情况 方面 有关 相关 进行 开展""".split()
)
_TOKEN_RE = re.compile(r"[\w%.]+", re.UNICODE)
_PUNCT_ONLY = re.compile(r"^[\W_]+$", re.UNICODE)
USER_DICT_FREQ = 2000  # log(2000 / 6e7) beats any split of a name into 2+ dictionary words
# what jieba can match as one word: its own pattern, whole
_JIEBA_WORD_RE = re.compile(rf"^(?:{jieba.re_han_default.pattern})$")


@lru_cache(maxsize=1)
def _dictionary_tags() -> dict[str, str]:
    import jieba.posseg

    return dict(jieba.posseg.dt.word_tag_tab)  # read from jieba's dictionary once


@lru_cache(maxsize=1)
def pos_tagger() -> jieba.posseg.POSTokenizer:
    """A part-of-speech tagger on a private tokenizer of jieba's general dictionary
    (no words added to it), made once per process."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_new_jieba())


def pos_tags(text: str) -> list[tuple[str, str]]:
    """``text``'s words with their part-of-speech tags by jieba's general dictionary
    (nr: a person's name, ns: a place's)."""
    return [(w.word, w.flag) for w in pos_tagger().cut(text)]


def is_word(word: str) -> bool:
    """``word`` is in jieba's general dictionary."""
    return word in _dictionary_tags()


def is_place_name(word: str) -> bool:
    """jieba's general dictionary tags ``word`` as a place name (ns: 济南, 泉城, 山东)."""
    return _dictionary_tags().get(word) == "ns"


@lru_cache(maxsize=1)
def _general_dictionary() -> tuple[dict[str, int], int]:
    """jieba's general dictionary as (prefix frequencies, total), read once per process:
    reading it takes about a second, and every index build and load makes tokenizers."""
    base = jieba.Tokenizer()
    base.tmp_dir = tempfile.gettempdir()
    base.initialize()
    return base.FREQ, base.total


def _new_jieba() -> jieba.Tokenizer:
    """A jieba tokenizer over its own copy of the general dictionary (``add_word``
    changes the copy only)."""
    freq, total = _general_dictionary()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = dict(freq), total, True
    return tok


def jieba_with(words: Iterable[str], freq: int) -> jieba.Tokenizer:
    """A jieba tokenizer over the general dictionary and those of ``words`` it lacks,
    each at frequency ``freq``."""
    tok = _new_jieba()
    for word in words:
        if not tok.FREQ.get(word):
            tok.add_word(word, freq=freq)
    return tok


class ChineseTokenizer:
    """jieba search-mode tokens, lower-cased, without punctuation and function words."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self.user_words = sorted(set(user_words))
        self._jieba = _new_jieba()
        for word in self.user_words:
            self._jieba.add_word(word, freq=2000)

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        for token in self._jieba.cut_for_search(text.lower()):
            token = token.strip()
            if not token or token in STOPWORDS or _PUNCT_ONLY.match(token):
                continue
            out.append(token)
        return out

    def words(self, text: str, whole: Collection[str] = ()) -> list[str]:
        """Precise-mode words (no overlapping sub-words), for analysing questions.
        Consecutive words that together spell one of ``whole`` (lower-case) are kept as
        that one word, longest first: jieba cuts 外卖小哥 into 外卖 + 小哥, and a caller
        that knows 外卖小哥 as a term keeps it."""
        raw = [t.strip() for t in self._jieba.cut(text.lower())]
        raw = [t for t in raw if t]
        if whole:
            raw = _recut_unknown(raw, whole, self._jieba.FREQ)
        merged = _merge_runs(raw, whole) if whole else raw
        return [t for t in merged if t and t not in STOPWORDS and not _PUNCT_ONLY.match(t)]

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Precise-mode words with their offsets, nothing dropped."""
        return [(w, a, b) for w, a, b in self._jieba.tokenize(text.lower())]

    def batch(self, texts: Iterable[str]) -> list[list[str]]:
        return [self.tokens(t) for t in texts]

    @classmethod
    def from_file(cls, path: Path) -> ChineseTokenizer:
        words = [line.split(" ")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        return cls(w for w in words if w)


MERGE_SPAN = 4  # most jieba words one kept-whole word may span


def _merge_runs(tokens: list[str], whole: Collection[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MERGE_SPAN, len(tokens) - i), 1, -1):
            if "".join(tokens[i : i + n]) in whole:
                out.append("".join(tokens[i : i + n]))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


def _recut_unknown(tokens: list[str], whole: Collection[str], known: dict[str, int]) -> list[str]:
    """``tokens`` cut again where one of ``whole`` (Chinese) straddles a boundary between
    jieba's guesses: a word its dictionary lacks and a character left alone (五年后社零总额
    cut 后社|零: 后|社零); a reading of words jieba knows (公社|区长, 哪一|产业, 老旧|小区)
    stands, and so does a word inside one of its words."""
    text = "".join(tokens)
    keys = sorted(
        (k for k in whole if len(k) > 1 and k in text and _HAN_ONLY.match(k)), key=len, reverse=True
    )
    for key in keys:
        at = text.find(key)
        while at >= 0:
            tokens = _recut_at(tokens, at, at + len(key), known)
            at = text.find(key, at + 1)
    return tokens


def _recut_at(tokens: list[str], start: int, end: int, known: dict[str, int]) -> list[str]:
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t)
    over = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
    first, last = over[0], over[-1]
    aligned = spans[first][0] == start and spans[last][1] == end
    parts = [tokens[i] for i in over]
    guessed = any(not known.get(t) for t in parts) and any(len(t) == 1 for t in parts)
    if aligned or len(over) == 1 or not guessed:
        return tokens
    joined = "".join(tokens[first : last + 1])
    offset = spans[first][0]
    pieces = [
        joined[: start - offset],
        joined[start - offset : end - offset],
        joined[end - offset :],
    ]
    return [*tokens[:first], *(p for p in pieces if p), *tokens[last + 1 :]]


def user_dict_words(names: Iterable[str]) -> list[str]:
    """``names`` that jieba can match as one token, sorted (spaces, ``·`` and other
    punctuation fall outside its word pattern)."""
    words = sorted({n.strip() for n in names if n.strip()})
    kept = [w for w in words if _JIEBA_WORD_RE.match(w)]
    if len(kept) < len(words):
        logger.debug("skipped %d names jieba cannot match whole", len(words) - len(kept))
    return kept


def write_user_dict(names: Iterable[str], path: Path) -> None:
    """Write ``names`` in jieba's user-dictionary format, ``word freq`` per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{w} {USER_DICT_FREQ}\n" for w in user_dict_words(names))
    path.write_text(lines, encoding="utf-8")
