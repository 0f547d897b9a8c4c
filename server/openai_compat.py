"""OpenAI-compatible chat: ``POST /v1/chat/completions`` and ``GET /v1/models``.

The last user message is the question and earlier user messages are its history; the
reply is the cited answer, its sources listed under the text and returned as data
(``sources`` on the message and at top level). ``stream: true`` sends the same reply as
server-sent events ending with ``data: [DONE]``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from lixia_qa.errors import BadQueryError
from lixia_qa.types import Answer
from server.errors import NotReadyError, not_ready_message, responses
from server.openapi import QUERY_TEXT
from server.schemas import MAX_TEXT_CHARS, Text
from server.service import QAService

MODEL_ID = "lixia-qa"
MAX_MESSAGES = 50
MAX_MESSAGE_CHARS = 20_000  # assistant/system turns may be long; the question is checked too
router = APIRouter(prefix="/v1", tags=["openai"])


def _service(request: Request) -> QAService:
    service: QAService | None = getattr(request.app.state, "service", None)
    if service is None:
        raise NotReadyError(not_ready_message(request.app.state))
    return service


class TextPart(BaseModel):
    type: Literal["text"]
    text: Text = Field(..., max_length=MAX_MESSAGE_CHARS)


class UserTextPart(TextPart):
    text: Text = Field(..., max_length=MAX_TEXT_CHARS, json_schema_extra=QUERY_TEXT)


class _Message(BaseModel):
    model_config = ConfigDict(extra="ignore")

    def text(self) -> str:
        content = getattr(self, "content", None)
        if isinstance(content, list):
            return "".join(part.text for part in content)
        return content or ""


class UserMessage(_Message):
    """A question: within the question limits (the last one is answered)."""

    role: Literal["user"]
    content: (
        Annotated[Text, Field(max_length=MAX_TEXT_CHARS, json_schema_extra=QUERY_TEXT)]
        | Annotated[list[UserTextPart], Field(min_length=1, max_length=1)]
    )


class OtherMessage(_Message):
    """System, assistant and tool turns: accepted and not used."""

    role: Literal["system", "developer", "assistant", "tool"]
    content: Text | list[TextPart] | None = Field(None, max_length=MAX_MESSAGE_CHARS)


ChatMessage = Annotated[UserMessage | OtherMessage, Field(discriminator="role")]
HAS_USER: dict[str, Any] = {
    "contains": {"type": "object", "properties": {"role": {"const": "user"}}, "required": ["role"]}
}


class ChatIn(BaseModel):
    """The fields of OpenAI's request this service uses; other fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str | None = Field(None, max_length=200, description=f"any; answered by {MODEL_ID}")
    messages: list[ChatMessage] = Field(
        ...,
        min_length=1,
        max_length=MAX_MESSAGES,
        json_schema_extra=HAS_USER,
        description="the conversation; the last user message is answered",
    )
    stream: StrictBool = False

    @model_validator(mode="after")
    def _has_user_message(self) -> ChatIn:
        if not any(m.role == "user" for m in self.messages):
            raise ValueError("消息列表中至少要有一条 role 为 user 的消息（用户的问题）")
        return self


class SourceOut(BaseModel):
    n: int
    doc_id: str
    title: str
    date: str | None
    snippet: str
    heading: str = ""


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str
    sources: list[SourceOut]


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatOut(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    sources: list[SourceOut]
    abstained: bool


class ModelOut(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelsOut(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelOut]


def sources_of(answer: Answer) -> list[SourceOut]:
    return [
        SourceOut(
            n=c.n, doc_id=c.doc_id, title=c.title, date=c.date, snippet=c.snippet, heading=c.heading
        )
        for c in (answer.citations or answer.related)
    ]


def reply_text(answer: Answer, sources: list[SourceOut]) -> str:
    """The answer with a source list under it, for chat front-ends that show only text."""
    if not sources:
        return answer.text
    label = "相关段落" if answer.abstained or not answer.citations else "来源"
    lines = [f"[{s.n}] {s.title}" + (f"（{s.date}）" if s.date else "") for s in sources]
    return answer.text + f"\n\n{label}：\n" + "\n".join(lines)


def ask_from_chat(service: QAService, body: ChatIn) -> Answer:
    users = [(i, m) for i, m in enumerate(body.messages) if m.role == "user"]
    last_index, last = users[-1]
    history = [m.text() for _, m in users[:-1]][-service.settings.max_history :]
    try:
        return service.ask(last.text(), history=history)
    except BadQueryError as exc:
        loc: tuple[str | int, ...] = ("body", "messages", last_index, "content")
        if exc.loc and exc.loc[1] == "history":
            loc = ("body", "messages")
        raise BadQueryError(str(exc), loc) from exc


def _chunk(
    cid: str,
    created: int,
    delta: dict[str, Any],
    finish: str | None,
    extra: dict[str, Any] | None = None,
) -> str:
    payload = {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **(extra or {}),
    }
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def stream_reply(cid: str, created: int, text: str, sources: list[SourceOut]) -> Iterator[str]:
    yield _chunk(cid, created, {"role": "assistant", "content": ""}, None)
    for i in range(0, len(text), 40):
        yield _chunk(cid, created, {"content": text[i : i + 40]}, None)
    srcs = [s.model_dump() for s in sources]
    yield _chunk(cid, created, {}, "stop", {"sources": srcs})
    yield "data: [DONE]\n\n"


@router.post(
    "/chat/completions",
    response_model=ChatOut,
    responses={
        **responses(400, 503),
        200: {"content": {"text/event-stream": {}}, "description": "the reply (JSON or SSE)"},
    },
)
def chat_completions(service: Annotated[QAService, Depends(_service)], body: ChatIn) -> Any:
    answer = ask_from_chat(service, body)
    sources = sources_of(answer)
    text = reply_text(answer, sources)
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if body.stream:
        return StreamingResponse(
            stream_reply(cid, created, text, sources), media_type="text/event-stream"
        )
    prompt = sum(len(m.text()) for m in body.messages)
    return ChatOut(
        id=cid,
        created=created,
        model=MODEL_ID,
        choices=[Choice(message=AssistantMessage(content=text, sources=sources))],
        usage=Usage(
            prompt_tokens=prompt, completion_tokens=len(text), total_tokens=prompt + len(text)
        ),
        sources=sources,
        abstained=answer.abstained,
    )


@router.get("/models")
def models() -> ModelsOut:
    return ModelsOut(data=[ModelOut(id=MODEL_ID, created=0, owned_by="lixia-qa")])
