"""Cleaning rules for what reprint and mirror sites add to a government page.

A page copied by a mirror or reprint site carries the site's own adverts and links, and
sometimes a promotion written into the article itself (a company's chairman and the
titles he gives himself, put where the article named an official). Each rule is a pure
``str -> str`` function with its own test; they run in :data:`ingest.clean.RULES`.

* :func:`strip_spam_lines` deletes short lines that are adverts or spam links: a web
  address or a long hexadecimal id with no sentence around it, the words of an
  advert (扫码领取, 加微信, 博彩, 代开发票 …), or a string of adult-site keywords;
* :func:`strip_promotions` deletes, inside a sentence, a self-promotion put before a
  person's name: a company role (…有限公司董事长, 法人) together with a stacked honorary
  title (…协会会员, 特邀讲师); the sentence reads as the article wrote it
  (``据…有限公司法人、…协会会员赵某介绍，…`` -> ``据介绍，…``);
* :func:`strip_pinyin_glosses` deletes the pinyin a mirror site writes after some of the
  characters it converted (``發(fā)布``, ``關(guān)于``), so the words read as written;
* :func:`strip_lost_characters` deletes the question marks a wrong re-encoding left for
  characters it lost (``综??合``, a line of ``?`` alone);
* :func:`strip_footnote_marks` deletes footnote marks glued to a word (``生产总值②达到``,
  ``第三产业[3]增加值``), so a figure reads as it is quoted and no mark reads as an
  answer's citation; a mark opening a line (a list item, a reference) stays.
"""

from __future__ import annotations

import re

from ingest.tables import is_table_row
from lixia_qa.zh import (
    CLAUSE_END,
    COMMAS,
    HAN,
    SEMICOLONS,
    SENTENCE_END,
    SURNAMES,
    chinese_only,
)

_MAX_SPAM = 200  # a longer line is running text
_URL_RE = re.compile(r"(?:https?://|www\.)[\w./?=&%#:~+-]+", re.I)
_HEX_ID_RE = re.compile(r"\b[0-9a-f]{24,}\b")
# a call to act on an advert, or a reprint site's boilerplate: enough on its own
_AD_RE = re.compile(
    r"扫码(?:领取|关注|添加|下载|进群)|加微信|微信号\s*[:：]|加\s*(?:QQ|qq)|QQ群|免费领取|限时优惠|"
    r"点击(?:进入|查看|购买|下载|领取)|立即(?:下载|购买|注册)|广告(?:位|合作|投放)|"
    r"本站(?:声明|不承担)|转载请注明|版权归原作者"
)
# spam trades: words government text also uses (福利彩票, 不动产办证), so only with a
# way to contact the advertiser on the same line
_TRADE_RE = re.compile(r"博彩|彩票|棋牌|赌场|代开发票|办证|刷单|贷款秒批|无抵押贷款")
# a mirror site's adult-content keywords (国产精品|麻豆|…): two different ones on a line,
# since government text may name one (打击淫秽色情)
_ADULT_RE = re.compile(r"国产精品|自拍|麻豆|成人(?:电影|视频|影院|网站)|伦理片|色情|无码|一区二区")
_CONTACT_RE = re.compile(r"微信|QQ|qq|电话|手机|联系|咨询|https?://|www\.", re.I)
_SENTENCE_RE = re.compile(f"[{chinese_only(COMMAS + SENTENCE_END + SEMICOLONS)}]")
_LABELLED_RE = re.compile(rf"^[{HAN}A-Za-z]{{1,8}}\s*[:：]")  # 来源URL：… is a field, not spam
_COMPANY = r"(?:有限责任公司|股份有限公司|有限公司|集团|工作室|事务所|研究院|商行)"
_ROLE = r"(?:法定代表人|法人|董事长|执行董事|总经理|创始人|CEO|董事|合伙人)"
_HONOUR = r"(?:会员|特邀讲师|客座教授|特聘教授|代言人|形象大使)"  # honours anyone can claim
# the promoted person's name, up to what the article says they did
_NAME = (
    rf"[{''.join(sorted(SURNAMES))}][{HAN}]{{1,2}}"
    r"(?=介绍|表示|成员|说|指出|认为|谈到|强调|称|等|，|。|、)"
)
_PIECE = rf"[^{chinese_only(CLAUSE_END + SENTENCE_END)}\s“”《》]{{2,40}}?"
# a company role and an honorary title, stacked with 、 before a name, in either order
_PROMOTION_RE = re.compile(
    rf"{_PIECE}{_COMPANY}{_ROLE}(?:、{_PIECE}{_HONOUR})+{_NAME}"
    rf"|{_PIECE}{_HONOUR}(?:、{_PIECE}{_COMPANY}{_ROLE})+{_NAME}"
)
_FOOTNOTE_RE = re.compile(
    rf"(?<=[{HAN}）)”%\d])[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[{HAN}）)])\[\d{{1,2}}\]"
)
# question marks standing for characters a re-encoding lost: two or more inside a word,
# or a line of them alone (a lone ? between characters may be a question's mark)
_LOST_RE = re.compile(rf"(?<=[{HAN}])\?{{2,}}(?=[{HAN}])|^[ \t?]*\?[ \t?]*(?:\n|$)", re.M)


def _is_spam(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_SPAM or is_table_row(text):
        return False
    if _AD_RE.search(text) or (_TRADE_RE.search(text) and _CONTACT_RE.search(text)):
        return True
    if len(set(_ADULT_RE.findall(text))) >= 2:
        return True
    if _LABELLED_RE.match(text):
        return False  # 来源URL：… is a field of the page
    junk = _URL_RE.sub("", _HEX_ID_RE.sub("", text))
    has_junk = junk != text
    return has_junk and not _SENTENCE_RE.search(junk)


def strip_spam_lines(text: str) -> str:
    """Delete adverts and spam links on lines of their own (see the module docstring)."""
    return "\n".join(line for line in text.split("\n") if not _is_spam(line))


# what the article itself wrote before the promotion: a preposition (据, 由) or a group
# the person was put into (参访团, 专家组), a few characters at most
_KEPT_LEAD_RE = re.compile(r"^.{0,4}?(?:据|由|经|团|组|队)")


def _keep_lead(match: re.Match[str]) -> str:
    lead = _KEPT_LEAD_RE.match(match.group())
    return lead.group() if lead else ""


def strip_promotions(text: str) -> str:
    """Delete a self-promotion written before a person's name (see the module docstring):
    the name goes too, so ``据…董事长、…会员赵某介绍`` reads ``据介绍``."""
    return _PROMOTION_RE.sub(_keep_lead, text) if "、" in text else text


def strip_footnote_marks(text: str) -> str:
    """Delete footnote marks (``①``, ``²``) glued after a word, a figure or a bracket."""
    return _FOOTNOTE_RE.sub("", text)


# a syllable of pinyin with its tone mark, in brackets right after a Han character
_PINYIN_GLOSS_RE = re.compile(rf"(?<=[{HAN}])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


MIRROR_GLOSSES = 3  # a mirror glosses many characters; a text glossing one or two keeps them


def strip_pinyin_glosses(text: str) -> str:
    """Delete pinyin a mirror site glosses characters with: ``發(fā)布`` -> ``發布``. Only
    a tone-marked syllable in brackets right after a character is a gloss, and only a
    text with :data:`MIRROR_GLOSSES` or more is a mirror's: one that glosses a rare
    character or two (``荨(qián)麻``, ``亳(bó)州``) keeps them."""
    if len(_PINYIN_GLOSS_RE.findall(text)) < MIRROR_GLOSSES:
        return text
    return _PINYIN_GLOSS_RE.sub("", text)


def strip_lost_characters(text: str) -> str:
    """Delete question marks a wrong re-encoding left for lost characters (often the
    spaces that spread a short heading: ``综??合`` -> ``综合``); a line of them alone goes."""
    return _LOST_RE.sub("", text)
