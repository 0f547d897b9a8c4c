"""The real server in a subprocess, driven with headless Chromium (Debian's package).

An index of ``seeds/`` is built in a temp dir with the deterministic hash embedder
(``LIXIA_MODEL=hash``: fast, no model download), then ``lixia-qa serve`` runs over it on
a free port. Screenshots go to ``build/screenshots/`` (ignored by git) as artifacts;
curated copies live in ``docs/``.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
QUESTION = "社会消费品零售总额增长目标是多少？"
TIMEOUT_MS = 20_000
ADMIN_KEY = "browser-test-key"


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.skip("chromium is not installed (apt-get install chromium fonts-wqy-microhei)")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.fail(f"no healthy server at {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chromium_path()  # skip before building anything
    work = tmp_path_factory.mktemp("ui-server")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIXIA_")}
    docs = work / "docs"  # a copy: the staff test uploads into it
    shutil.copytree(ROOT / "seeds", docs)
    env.update(
        LIXIA_MODEL="hash",
        LIXIA_FEEDBACK_DB=str(work / "feedback.sqlite"),
        GRADIO_ANALYTICS_ENABLED="False",
        LIXIA_DOCS_DIR=str(docs),
        LIXIA_ADMIN_KEY=ADMIN_KEY,
    )
    cli = [sys.executable, "-m", "app.cli"]
    index = str(work / "index")
    subprocess.run(
        [*cli, "ingest", str(docs), "--index", index],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    port, log = free_port(), work / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*cli, "serve", "--port", str(port), "--index", index],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc, log, timeout=120)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


def open_page(browser: Any, url: str, viewport: dict[str, int]) -> Any:
    from playwright.sync_api import expect

    page = browser.new_page(viewport=viewport)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/", timeout=60_000)
    expect(page.locator(".app-header .status")).to_contain_text("已收录 5 篇文档")
    return page


def ask(page: Any, question: str) -> float:
    """Type a question, press Enter, wait for the source cards; the seconds it took."""
    page.fill("#question textarea", question)
    t0 = time.perf_counter()
    page.press("#question textarea", "Enter")
    page.locator("#sources .card").first.wait_for()
    return time.perf_counter() - t0


@pytest.mark.parametrize(
    ("viewport", "shot"),
    [(DESKTOP, "desktop_chat"), (PHONE, "phone_chat")],
    ids=["desktop", "phone"],
)
def test_chat_shows_cited_answer_and_source_cards(
    browser: Any, server_url: str, viewport: dict[str, int], shot: str
) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, viewport)
    try:
        seconds = ask(page, QUESTION)
        logger.info("answer shown after %.2f s at %s", seconds, viewport)
        expect(page.locator("#chat")).to_contain_text("[1]")
        card = page.locator("#sources .card").first
        expect(card.locator(".title")).not_to_be_empty()
        sentence = card.locator("mark.hl").inner_text()
        assert "社会消费品零售总额" in sentence
        # no horizontal overflow: everything wraps at the viewport width
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"page is {width}px wide at {viewport['width']}px"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)

        card.locator(".open-doc").click()  # the 文档 tab opens with the sentence highlighted
        mark = page.locator("#doc-view mark.hl")
        expect(mark).to_be_visible()
        assert mark.inner_text() == sentence
    finally:
        page.close()


def test_commitments_filter_by_unit_and_open_row(browser: Any, server_url: str) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, DESKTOP)
    try:
        page.get_by_role("tab", name="责任分工").click()
        page.get_by_label("单位（牵头或责任）").fill("商务局")
        page.click("#c-search")
        table = page.locator("#commitments-table")
        cell = table.get_by_text("区商务局").filter(visible=True).first
        expect(cell).to_be_visible()
        expect(page.get_by_text("导出 CSV")).to_be_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "desktop_commitments.png"), full_page=True)

        cell.click()  # a row opens its place in the document
        expect(page.locator("#doc-view mark.hl")).to_be_visible()
        expect(page.locator("#doc-view mark.hl")).to_contain_text("商务局")
    finally:
        page.close()


def test_staff_panel_uploads_and_deletes(browser: Any, server_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, DESKTOP)
    try:
        page.get_by_role("tab", name="工作人员").click()
        panel = page.locator("#staff")
        panel.locator(".staff-key").fill("wrong")
        panel.locator("[data-act=login]").click()
        expect(panel.locator(".staff-status")).to_contain_text("403")
        panel.locator(".staff-key").fill(ADMIN_KEY)
        panel.locator("[data-act=login]").click()
        expect(panel.locator(".staff-tools")).to_be_visible()
        doc = tmp_path / "staff_upload.txt"
        doc.write_text("测试通知\n\n星湖图书馆将于2024年开放。\n", encoding="utf-8")
        panel.locator(".staff-file").set_input_files(str(doc))
        panel.locator("[data-act=upload]").click()
        expect(panel.locator(".staff-status")).to_contain_text("索引已更新", timeout=60_000)
        expect(panel.locator(".staff-docs")).to_contain_text("staff_upload.txt")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "desktop_staff.png"), full_page=True)
        panel.locator(".staff-docs").select_option("staff_upload.txt")
        page.once("dialog", lambda d: d.accept())
        panel.locator("[data-act=delete]").click()
        # the status still reads 索引已更新 from the upload until the delete's job is
        # polled: wait for the list itself, as long as a re-index may take
        expect(panel.locator(".staff-docs")).not_to_contain_text("staff_upload.txt", timeout=60_000)
    finally:
        page.close()
