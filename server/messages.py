"""Chinese messages for the errors a person can see: validation errors and HTTP statuses.

pydantic and Starlette write their messages in English ("Field required", "String should
have at most 2000 characters") and locate union members by Python reprs
(``function-after[...]``). Here each validation error becomes a sentence in Chinese that
says what to change, built from its machine fields (``type``, ``loc``, ``ctx``), which
the response keeps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lixia_qa.zh import HAN_RE

# the names of the fields people send, as a person would call them
FIELD_NAMES: Mapping[str, str] = {
    "question": "问题",
    "history": "历史问题",
    "k": "返回段落数 k",
    "year": "年份",
    "q": "关键词",
    "leader": "牵头领导",
    "unit": "单位",
    "messages": "消息列表",
    "content": "消息内容",
    "role": "消息角色",
    "text": "文字",
    "type": "类型",
    "model": "模型名",
    "stream": "stream（是否流式返回）",
    "vote": "评价",
    "answer": "回答",
    "citations": "引用",
    "comment": "留言",
    "file": "文件",
    "body": "请求内容",
}
# what one item of a list field is called (第2条历史问题)
ITEM_NAMES: Mapping[str, str] = {"messages": "消息", "history": "历史问题", "citations": "引用"}
_PLAIN_PART = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def is_plain_loc(part: object) -> bool:
    """A field name or list index, not a pydantic union member tag such as
    ``function-after[no_surrogates(), str]`` (a Python repr a person should not see)."""
    return isinstance(part, int) or (isinstance(part, str) and bool(_PLAIN_PART.match(part)))


def field_name(loc: Sequence[object]) -> str:
    """How a message names the field at ``loc``: its Chinese name, or 「name」, with the
    list position when the error is in one item (第2条历史问题)."""
    parts = [p for p in loc if is_plain_loc(p) and p not in ("body", "query", "path")]
    index = next((p for p in reversed(parts) if isinstance(p, int)), None)
    names = [p for p in parts if isinstance(p, str)]
    if not names:
        return "请求内容"
    name = names[-1]
    if index is not None and parts.index(name) < parts.index(index):
        return f"第{index + 1}条{ITEM_NAMES.get(name, FIELD_NAMES.get(name, name))}"
    return FIELD_NAMES.get(name, f"字段「{name}」")


def _expected(ctx: Mapping[str, Any]) -> str:
    text = str(ctx.get("expected", ctx.get("expected_tags", "")))
    return "、".join(re.findall(r"'([^']*)'", text)) or text


def _limit(ctx: Mapping[str, Any], *keys: str) -> str:
    return next((str(ctx[k]) for k in keys if k in ctx), "")


Rule = Callable[[str, Mapping[str, Any]], str]


def _too_long(field: str, ctx: Mapping[str, Any]) -> str:
    if ctx.get("text"):
        return f"{field}太长：最多{_limit(ctx, 'max_length')}个字，请删减后再试"
    return f"{field}最多{_limit(ctx, 'max_length')}项，请删减后再试"


RULES: Mapping[str, Rule] = {
    "missing": lambda f, c: f"缺少{f}，请补上后再试",
    "string_too_short": lambda f, c: (
        f"{f}不能为空，请输入内容"
        if str(c.get("min_length")) == "1"
        else f"{f}至少需要{_limit(c, 'min_length')}个字"
    ),
    "string_too_long": lambda f, c: f"{f}太长：最多{_limit(c, 'max_length')}个字，请删减后再试",
    "string_type": lambda f, c: f"{f}必须是文字",
    "string_unicode": lambda f, c: f"{f}含有无效字符，请重新输入",
    "string_pattern_mismatch": lambda f, c: f"{f}含有不允许的字符，请删除控制字符后再试",
    "int_type": lambda f, c: f"{f}必须是整数",
    "int_parsing": lambda f, c: f"{f}必须是整数",
    "int_from_float": lambda f, c: f"{f}必须是整数，不能带小数",
    "float_type": lambda f, c: f"{f}必须是数字",
    "float_parsing": lambda f, c: f"{f}必须是数字",
    "finite_number": lambda f, c: f"{f}必须是有限的数字（不能是 NaN 或无穷大）",
    "greater_than_equal": lambda f, c: f"{f}不能小于{_limit(c, 'ge')}",
    "greater_than": lambda f, c: f"{f}必须大于{_limit(c, 'gt')}",
    "less_than_equal": lambda f, c: f"{f}不能大于{_limit(c, 'le')}",
    "less_than": lambda f, c: f"{f}必须小于{_limit(c, 'lt')}",
    "too_short": lambda f, c: f"{f}至少需要{_limit(c, 'min_length')}项",
    "too_long": _too_long,
    "list_type": lambda f, c: f"{f}必须是列表（JSON 数组）",
    "dict_type": lambda f, c: f"{f}必须是 JSON 对象",
    "model_type": lambda f, c: f"{f}必须是 JSON 对象",
    "model_attributes_type": lambda f, c: f"{f}必须是 JSON 对象",
    "bool_type": lambda f, c: f"{f}必须是 true 或 false",
    "bool_parsing": lambda f, c: f"{f}必须是 true 或 false",
    "literal_error": lambda f, c: f"{f}只能是以下之一：{_expected(c)}",
    "enum": lambda f, c: f"{f}只能是以下之一：{_expected(c)}",
    "union_tag_invalid": lambda f, c: (
        f"{f}的取值「{c.get('tag', '')}」不支持，可用：{_expected(c)}"
    ),
    "union_tag_not_found": lambda f, c: f"{f}缺少「{c.get('discriminator', '')}」字段",
    "json_invalid": lambda f, c: "请求内容不是有效的 JSON，请检查括号、引号和逗号",
    "json_type": lambda f, c: "请求内容必须是 JSON 文本",
    "extra_forbidden": lambda f, c: f"不支持{f}，请删除它",
    "none_required": lambda f, c: f"{f}必须留空",
}


def validation_message(error: Mapping[str, Any]) -> str:
    """The Chinese sentence for one pydantic/FastAPI validation error.

    A ``value_error`` raised by this project's validators already says what to do in
    Chinese; one without Chinese text (a library's) gets a general sentence instead.
    """
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") if isinstance(error.get("ctx"), Mapping) else {}
    field = field_name(list(error.get("loc", ())))
    rule = RULES.get(kind)
    if rule is not None:
        return rule(field, {**(ctx or {}), "text": isinstance(error.get("input"), str)})
    msg = str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if HAN_RE.search(msg):
        return msg
    return f"{field}的值无效，请检查后再试"


STATUS_MESSAGES: Mapping[int, str] = {
    400: "请求有误，请检查后再试",
    401: "需要管理密钥：请在请求头中加上 Authorization: Bearer <管理密钥>",
    403: "没有权限执行这个操作",
    404: "找不到请求的内容",
    405: "不支持这种请求方法",
    413: "请求内容太大",
    415: "不支持这种文件类型",
    422: "请求内容有误，请检查后再试",
    429: "请求太频繁，请稍后再试",
}


def status_message(status: int) -> str:
    """A Chinese sentence for an HTTP status whose own detail is a library's English."""
    return STATUS_MESSAGES.get(status, "请求未能完成，请稍后再试")
