"""A thin FastAPI service: the index loads once in lifespan; errors map to precise statuses."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from lixia_qa.errors import BadQueryError, LixiaError, NotFoundError
from lixia_qa.settings import Settings, get_settings
from server.feedback import FeedbackIn, FeedbackStore
from server.schemas import (
    AnswerOut,
    AskIn,
    CommitmentOut,
    DocumentOut,
    HealthOut,
    HitOut,
    SearchOut,
)
from server.service import QAService

logger = logging.getLogger(__name__)


class NotReadyError(LixiaError):
    """The index is not loaded (yet, or it failed to load)."""


def get_service(request: Request) -> QAService:
    service: QAService | None = getattr(request.app.state, "service", None)
    if service is None:
        reason = getattr(request.app.state, "load_error", None) or "the index is still loading"
        raise NotReadyError(f"service not ready: {reason}")
    return service


def get_feedback(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.feedback
    return store


ServiceDep = Annotated[QAService, Depends(get_service)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback)]
router = APIRouter(prefix="/api")


@router.get("/health")
def health(service: ServiceDep) -> HealthOut:
    m = service.index.manifest
    return HealthOut(
        status="ok", documents=len(service.index.documents), chunks=len(service.index.chunks),
        model=m.get("model", ""), created=m.get("created", ""),
    )


@router.get("/search")
def search(
    service: ServiceDep,
    q: Annotated[str, Query(description="the query, in Chinese")],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
) -> SearchOut:
    hits = service.search(q, k)
    docs = service.index.documents
    return SearchOut(query=q.strip(), hits=[HitOut.of(h, docs[h.chunk.doc_id]) for h in hits])


@router.post("/ask")
def ask(service: ServiceDep, body: AskIn) -> AnswerOut:
    return AnswerOut.of(service.ask(body.question, k=body.k, year=body.year, history=body.history))


@router.get("/documents")
def documents(service: ServiceDep) -> list[DocumentOut]:
    return [DocumentOut.of(d) for d in service.documents()]


@router.get("/documents/{doc_id:path}")
def document(service: ServiceDep, doc_id: str) -> DocumentOut:
    return DocumentOut.of(service.document(doc_id), with_text=True)


@router.get("/commitments")
def commitments(
    service: ServiceDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    leader: Annotated[str | None, Query(max_length=100)] = None,
    unit: Annotated[str | None, Query(max_length=100)] = None,
) -> list[CommitmentOut]:
    return [CommitmentOut.of(c) for c in service.commitments(q, leader, unit)]


@router.post("/feedback", status_code=201)
def add_feedback(store: FeedbackDep, body: FeedbackIn) -> dict[str, int]:
    return {"id": store.add(body)}


@router.get("/feedback.csv")
def export_feedback(store: FeedbackDep) -> Response:
    buf = io.StringIO()
    writer = csv.writer(buf)
    rows = store.export()
    writer.writerow(FeedbackStore.COLUMNS)
    writer.writerows(rows)
    return Response(
        "\ufeff" + buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


def _error(status: int):  # type: ignore[no-untyped-def]
    def handler(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status)

    return handler


def create_app(
    settings: Settings | None = None, service: QAService | None = None, with_ui: bool = True
) -> FastAPI:
    """The app: API under /api and (with_ui) the Gradio UI at /, on one port."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.service is None:
            try:
                app.state.service = QAService.load(settings)
            except LixiaError as exc:
                app.state.load_error = str(exc)
                logger.error("index not loaded: %s", exc)
        yield

    app = FastAPI(title="lixia-qa", version="0.1.0", lifespan=lifespan)
    app.state.service = service
    app.state.load_error = None
    app.state.feedback = FeedbackStore(settings.feedback_db)
    app.include_router(router)
    app.add_exception_handler(BadQueryError, _error(422))
    app.add_exception_handler(NotFoundError, _error(404))
    app.add_exception_handler(NotReadyError, _error(503))
    app.add_exception_handler(LixiaError, _error(503))
    if with_ui:
        from ui.app import mount_ui

        app = mount_ui(app)
    return app
