"""The staff panel without a browser: its HTML (escaping, limits), its buttons and
their handlers, and the admin API routes its script calls (checked against the server's
routes). tests/ui/test_browser.py drives it in Chromium."""

from __future__ import annotations

import re

import pytest

from server.api import router
from ui.staff import STAFF_CSS, STAFF_JS, panel_html


def test_the_panel_states_the_accepted_files_and_the_size_limit() -> None:
    html = panel_html([".txt", ".pdf"], 20_000_000)
    assert 'accept=".txt,.pdf"' in html
    assert 'data-max="20000000"' in html
    assert "支持 .txt .pdf，不超过 20 MB" in html
    assert "不超过 1.5 MB" in panel_html([".txt"], 1_500_000)


def test_the_panel_escapes_what_it_is_given() -> None:
    html = panel_html(['.x"><script>alert(1)</script>'], 1000)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&quot;&gt;" in html


def test_every_button_has_a_handler_and_every_handler_a_button() -> None:
    buttons = set(re.findall(r'data-act="(\w+)"', panel_html([".txt"], 1000)))
    body = STAFF_JS.split("const actions = {", 1)[1].split("\n};", 1)[0]
    handlers = set(re.findall(r"^  (\w+): ", body, flags=re.M))
    assert buttons == handlers == {"login", "logout", "upload", "delete", "export"}


def test_the_classes_the_script_uses_are_in_the_panel() -> None:
    html = panel_html([".txt"], 1000)
    used = set(re.findall(r"\$\('\.([\w-]+)'\)", STAFF_JS))
    assert used == {"staff-status", "staff-tools", "staff-key", "staff-docs", "staff-file"}
    for name in used:
        assert f'class="{name}' in html or f" {name}" in html
    assert ".staff-status.error" in STAFF_CSS  # a failed action is shown as an error


def _routes() -> set[tuple[str, str]]:
    return {(m, getattr(r, "path", "")) for r in router.routes for m in getattr(r, "methods", ())}


def _calls() -> list[tuple[str, str]]:
    """(method, path) of every request the script makes; a path built with `+` keeps
    its literal start."""
    calls = re.findall(r"call\('(\w+)', '([^']+)'", STAFF_JS)
    calls += [("GET", p) for p in re.findall(r"fetch\('([^']+)'\)", STAFF_JS)]
    return calls


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/admin"),
        ("GET", "/api/documents"),
        ("POST", "/api/documents"),
        ("DELETE", "/api/documents/"),
        ("GET", "/api/jobs/"),
        ("GET", "/api/feedback.csv"),
    ],
)
def test_the_script_calls_routes_the_server_has(method: str, path: str) -> None:
    assert (method, path) in _calls()
    routes = _routes()
    if path.endswith("/"):  # an id follows: a route with a parameter there
        assert any(m == method and p.startswith(path) and "{" in p for m, p in routes), path
    else:
        assert (method, path) in routes


def test_the_script_makes_no_other_calls() -> None:
    assert set(_calls()) == {
        ("GET", "/api/admin"),  # at login and when a kept key is checked again
        ("GET", "/api/documents"),
        ("POST", "/api/documents"),
        ("DELETE", "/api/documents/"),
        ("GET", "/api/jobs/"),
        ("GET", "/api/feedback.csv"),
    }


def test_without_a_key_the_panel_says_how_to_switch_staff_functions_on() -> None:
    html = panel_html([".txt"], 1000, enabled=False)
    assert "工作人员功能未开启" in html and "LIXIA_ADMIN_KEY" in html and "重启" in html
    assert "data-act" not in html  # nothing to press that would only answer 403
    shown = re.sub(r"<[^>]+>", "", html)
    assert set(re.findall(r"[A-Za-z_]{2,}", shown)) == {"LIXIA_ADMIN_KEY", "env"}  # .env


def test_job_states_and_outcomes_are_said_in_chinese() -> None:
    assert "queued: '排队等候'" in STAFF_JS and "running: '正在重建索引'" in STAFF_JS
    assert "upload: '已收录'" in STAFF_JS and "delete: '已删除'" in STAFF_JS
    assert "trigger('click', {act: 'refresh'})" in STAFF_JS  # the header and 文档 follow
