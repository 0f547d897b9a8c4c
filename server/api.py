"""A thin FastAPI service: the index loads once in lifespan; errors map to precise statuses.

Public: health, search, ask, documents, commitments, voting and the OpenAI-compatible
``/v1`` routes. Admin (``Authorization: Bearer <LIXIA_ADMIN_KEY>``): the feedback export,
document upload and delete.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from lixia_qa.errors import BadDocumentError, FileTooLargeError, NotFoundError
from lixia_qa.settings import Settings, get_settings
from server import documents as files
from server.auth import AdminDep
from server.errors import NotReadyError, install, not_ready_message, responses
from server.feedback import FeedbackIn, FeedbackStore
from server.limits import BodyLimit, MethodFallback
from server.openai_compat import router as openai_router
from server.openapi import FILTER_TEXT, QUERY_TEXT
from server.openapi import install as install_openapi
from server.runtime import IndexRuntime, index_version
from server.schemas import (
    MAX_TEXT_CHARS,
    AdminOut,
    AnswerOut,
    AskIn,
    CommitmentOut,
    DocumentChangeOut,
    DocumentOut,
    HealthErrorOut,
    HealthOut,
    HitOut,
    JobOut,
    SearchOut,
)
from server.service import QAService

logger = logging.getLogger(__name__)


def get_service(request: Request) -> QAService:
    service: QAService | None = getattr(request.app.state, "service", None)
    if service is None:
        raise NotReadyError(not_ready_message(request.app.state))
    return service


def get_feedback(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.feedback
    return store


def get_runtime(request: Request) -> IndexRuntime:
    runtime: IndexRuntime = request.app.state.runtime
    return runtime


ServiceDep = Annotated[QAService, Depends(get_service)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback)]
RuntimeDep = Annotated[IndexRuntime, Depends(get_runtime)]
router = APIRouter(prefix="/api")
NOT_READY = responses(503)


@router.get("/health", responses={503: {"model": HealthErrorOut, "description": "not ready"}})
def health(request: Request, runtime: RuntimeDep, store: FeedbackDep) -> Any:
    """200 when the index is served, else 503 with the reason and the command to run."""
    feedback_error = store.check()
    feedback = {"ok": feedback_error is None, "error": feedback_error}
    reindex = runtime.reindex_state()
    service = runtime.service
    if service is None:
        body = HealthErrorOut(
            detail=not_ready_message(request.app.state), feedback=feedback, reindex=reindex
        )
        return JSONResponse(body.model_dump(), status_code=503)
    m = service.manifest
    counts = m.get("counts", {})
    return HealthOut(
        status="ok" if feedback_error is None and runtime.last_error is None else "degraded",
        documents=counts.get("documents", 0),
        chunks=counts.get("chunks", 0),
        model=m.get("model", ""),
        created=m.get("created", ""),
        version=index_version(m),
        store=service.store.kind,
        feedback=feedback,
        reindex=reindex,
        index_error=runtime.last_error,
    )


@router.get("/search", responses=NOT_READY)
def search(
    service: ServiceDep,
    q: Annotated[
        str,
        Query(
            description="the query, in Chinese",
            min_length=1,
            max_length=MAX_TEXT_CHARS,
            json_schema_extra=QUERY_TEXT,
        ),
    ],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
) -> SearchOut:
    hits = service.search(q, k)
    docs = service.store.documents({h.chunk.doc_id for h in hits})
    return SearchOut(query=q.strip(), hits=[HitOut.of(h, docs[h.chunk.doc_id]) for h in hits])


@router.post("/ask", responses=responses(400, 503))
def ask(service: ServiceDep, body: AskIn) -> AnswerOut:
    answer = service.ask(body.question, k=body.k, year=body.year, history=body.history)
    return AnswerOut.of(answer, service.owner_records(body.question, answer))


@router.get("/documents", responses=NOT_READY)
def documents(service: ServiceDep) -> list[DocumentOut]:
    return [DocumentOut.of(d) for d in service.documents()]


@router.get("/documents/{doc_id:path}", responses=responses(404, 503))
def document(service: ServiceDep, doc_id: str) -> DocumentOut:
    return DocumentOut.of(service.document(doc_id), with_text=True)


@router.post(
    "/documents",
    status_code=202,
    responses=responses(400, 401, 403, 413, 415, 503),
    dependencies=[AdminDep],
)
def upload_document(
    request: Request,
    runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="a document (.txt, .md, …) up to the size limit")],
) -> DocumentChangeOut:
    """Add or replace a document (admin); the index is rebuilt in the background."""
    settings: Settings = request.app.state.settings
    doc_id = files.check_name(file.filename or "")
    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise FileTooLargeError(
            f"文件「{doc_id}」超过 {settings.max_upload_bytes:,} 字节的上传上限"
            "（LIXIA_MAX_UPLOAD_BYTES）：请拆分文件，或请管理员调高上限"
        )
    if not data.strip():
        raise BadDocumentError(f"文件「{doc_id}」是空的：请上传有文字内容的文件")
    files.write_document(settings.docs_dir, doc_id, data)
    return _change(runtime, "upload", doc_id)


@router.delete(
    "/documents/{doc_id:path}",
    status_code=202,
    responses=responses(401, 403, 404, 503),
    dependencies=[AdminDep],
)
def delete_document(request: Request, runtime: RuntimeDep, doc_id: str) -> DocumentChangeOut:
    """Remove a document (admin); the index is rebuilt in the background."""
    settings: Settings = request.app.state.settings
    try:
        doc_id = files.check_name(doc_id)
        files.remove_document(settings.docs_dir, doc_id)
    except BadDocumentError as exc:  # not a name a document can have: there is none
        raise NotFoundError(f"没有文档「{doc_id}」：{exc}") from None
    return _change(runtime, "delete", doc_id)


def _change(runtime: IndexRuntime, action: str, doc_id: str) -> DocumentChangeOut:
    job = runtime.submit(action, doc_id)
    return DocumentChangeOut(
        doc_id=doc_id, job=JobOut(**job.out()), status_url=f"/api/jobs/{job.id}"
    )


@router.get("/admin", responses=responses(401, 403), dependencies=[AdminDep])
def admin(request: Request, runtime: RuntimeDep) -> AdminOut:
    """Check an admin key (the staff panel's login); the documents folder and re-index state."""
    settings: Settings = request.app.state.settings
    return AdminOut(
        docs_dir=str(settings.docs_dir),
        index_dir=str(settings.index_dir),
        reindex=runtime.reindex_state(),
    )


@router.get("/jobs/{job_id}", responses=responses(401, 403, 404), dependencies=[AdminDep])
def job(runtime: RuntimeDep, job_id: str) -> JobOut:
    """A re-index started by an upload or delete (admin)."""
    found = runtime.job(job_id)
    if found is None:
        raise NotFoundError(f"没有任务「{job_id}」：只保留最近 100 个任务")
    return JobOut(**found.out())


@router.get("/commitments", responses=NOT_READY)
def commitments(
    service: ServiceDep,
    q: Annotated[str | None, Query(max_length=500, json_schema_extra=FILTER_TEXT)] = None,
    leader: Annotated[str | None, Query(max_length=100, json_schema_extra=FILTER_TEXT)] = None,
    unit: Annotated[str | None, Query(max_length=100, json_schema_extra=FILTER_TEXT)] = None,
) -> list[CommitmentOut]:
    return [CommitmentOut.of(c) for c in service.commitments(q, leader, unit)]


@router.post("/feedback", status_code=201, responses=responses(400, 503))
def add_feedback(store: FeedbackDep, body: FeedbackIn) -> dict[str, int]:
    return {"id": store.add(body)}


@router.get(
    "/feedback.csv",
    dependencies=[AdminDep],
    responses=responses(401, 403, 503),
    response_class=Response,
)
def export_feedback(store: FeedbackDep) -> Response:
    """Every vote as CSV (admin); cells are neutralised against spreadsheet formulas."""
    return Response(
        store.export_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


Cleanup = Callable[[], None]


def create_api(settings: Settings | None = None, service: QAService | None = None) -> FastAPI:
    """The API under /api and /v1 (``app.web.create_app`` mounts the UI on it)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime: IndexRuntime = app.state.runtime
        if runtime.service is None:
            await asyncio.to_thread(runtime.load)
        watcher = asyncio.create_task(runtime.watch(), name="index-watch")
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            for cleanup in app.state.cleanups:
                cleanup()

    app = FastAPI(title="lixia-qa", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.service = service
    app.state.load_error = None
    app.state.cleanups = []
    app.state.runtime = IndexRuntime(settings, app.state, service.embedder if service else None)
    app.state.feedback = FeedbackStore(settings.feedback_db)
    app.include_router(router)
    app.include_router(openai_router)
    install(app)
    install_openapi(app, settings)
    MethodFallback.install(app, prefixes=("/api/", "/v1/"))
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    return app
