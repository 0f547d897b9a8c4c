"""The web app: the API (``server``) with the chat UI (``ui``) mounted at ``/``, on one port.

This is the one module that knows both: the server never imports the UI, and the UI
reaches the service only through the app state the server sets up.
"""

from __future__ import annotations

from fastapi import FastAPI

from lixia_qa.settings import Settings, get_settings
from server.api import create_api
from server.service import QAService
from ui.app import mount_ui


def create_app(
    settings: Settings | None = None, service: QAService | None = None, with_ui: bool = True
) -> FastAPI:
    """The API under /api and /v1 and, with ``with_ui``, the Gradio UI at /."""
    app = create_api(settings, service)
    return mount_ui(app) if with_ui else app


def app_from_env() -> FastAPI:
    """The app of one worker of `lixia-qa serve --workers N`: settings from the
    environment, which the parent process set."""
    settings = get_settings()
    return create_app(settings, with_ui=settings.serve_ui)
