"""The real server in a subprocess, driven with headless Chromium (Debian's package) at
1280 and 390 px, with the browser set to English: the page must still be all Chinese.

The test corpus (tests/conftest.py, about 青山区) is indexed with the deterministic hash
embedder (``LIXIA_MODEL=hash``: fast, no model download), then ``lixia-qa serve`` runs over
it on a free port. Screenshots go to ``build/screenshots/`` (ignored by git) as artifacts;
curated copies live in ``docs/``.
"""

from __future__ import annotations

import logging
import os
import re
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
SHOTS = ROOT / "build" / "screenshots"
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
VIEWPORTS = [pytest.param(DESKTOP, id="1280px"), pytest.param(PHONE, id="390px")]
PLACE = "青山区"  # the test corpus's issuing body: 青山区人民政府办公室
QUESTION = "社会消费品零售总额增长目标是多少？"
OWNER_QUESTION = "周敏牵头哪些工作？"
# more records of one leader than an answer lists (three), so that it says 共N条
MORE_TASKS = """青山区民生任务分解

新建社区食堂5处。（牵头领导：周敏；责任单位：区民政局）
改造农贸市场3个。（牵头领导：周敏；责任单位：区商务局）
增设公共充电桩200个。（牵头领导：周敏；责任单位：区发展和改革局）
新建口袋公园8个。（牵头领导：周敏；责任单位：区城市管理局）
"""
TIMEOUT_MS = 20_000
ADMIN_KEY = "browser-test-key"
# Latin words the page may show: identifiers a person types or reads as such
ALLOWED = {"CSV", "LIXIA_ADMIN_KEY", "MB"}
# every text a person sees or hears: visible text, and the labels of visible elements
SCAN_JS = """() => {
  const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const out = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    if (!shown(el)) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
  }
  return out.join('\\n');
}"""


FILE_NAME = re.compile(r"[\w/-]*\.(?:txt|md|pdf|docx|html?|xlsx|csv)\b")


def english(text: str) -> set[str]:
    """Latin words in ``text`` but file names and suffixes (notice.txt, .pdf: names a
    person gave) and the allowed identifiers."""
    words = set(re.findall(r"(?<![.\w])[A-Za-z][A-Za-z_]+", FILE_NAME.sub(" ", text)))
    return words - ALLOWED


def test_english_finds_words_but_not_file_names_or_identifiers() -> None:
    assert english("Copy message 复制") == {"Copy", "message"}
    assert english("支持 .txt .pdf，不超过 10 MB；LIXIA_ADMIN_KEY；导出 CSV") == set()
    assert english("已收录「staff_upload.txt」 sub/culture_2022.txt") == set()


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
def server_url(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[str]:
    chromium_path()  # skip before building anything
    work = tmp_path_factory.mktemp("ui-server")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIXIA_")}
    docs = work / "docs"  # a copy: the staff test uploads into it
    shutil.copytree(corpus_dir, docs)
    (docs / "tasks_2023.txt").write_text(MORE_TASKS, encoding="utf-8")
    env.update(
        LIXIA_MODEL="hash",
        LIXIA_FEEDBACK_DB=str(work / "feedback.sqlite"),
        GRADIO_ANALYTICS_ENABLED="False",
        LIXIA_DOCS_DIR=str(docs),
        LIXIA_ADMIN_KEY=ADMIN_KEY,
        LIXIA_CHUNK_SIZE="120",
        LIXIA_CHUNK_OVERLAP="20",
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
    """The page in a browser set to English (Gradio would follow it)."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport=viewport, locale="en-US")
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/", timeout=60_000)
    expect(page.locator(".app-header .status")).to_contain_text("已收录")
    return page


def documents_shown(page: Any) -> int:
    status = page.locator(".app-header .status").inner_text()
    found = re.search(r"已收录 (\d+) 篇文档", status)
    assert found, status
    return int(found.group(1))


def ask(page: Any, question: str) -> float:
    """Type a question, press Enter, wait for its answer; the seconds it took."""
    before = page.locator("#chat .turn").count()
    page.fill("#question textarea", question)
    t0 = time.perf_counter()
    page.press("#question textarea", "Enter")
    page.locator("#chat .turn").nth(before).wait_for()
    return time.perf_counter() - t0


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_english(page: Any, where: str) -> None:
    found = english(page.evaluate(SCAN_JS))
    assert not found, f"English on the page ({where}): {sorted(found)}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_place_is_named_in_the_page_and_the_tab(
    browser: Any, server_url: str, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, viewport)
    try:
        expect(page.locator(".app-header h1")).to_have_text(f"{PLACE}政务文档问答")
        expect(page).to_have_title(f"{PLACE}政务文档问答")
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        no_english(page, "on opening")
    finally:
        page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_each_marker_reaches_its_source(
    browser: Any, server_url: str, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, viewport)
    phone = viewport is PHONE
    try:
        seconds = ask(page, QUESTION)
        logger.info("answer shown after %.2f s at %s", seconds, viewport)
        answer = page.locator("#chat .turn").last
        markers = answer.locator("a.cite")
        expect(markers.first).to_have_text("[1]")
        if phone:  # the first source right under the answer, before the input box
            first = answer.locator("#isrc-0-1")
            expect(first).to_be_visible()
            box, field = first.bounding_box(), page.locator("#question").bounding_box()
            assert box["y"] < field["y"], "the first source is not under the answer"
        sentence = page.locator("#src-0-1 mark.hl, #isrc-0-1 mark.hl").first.inner_text()
        assert "社会消费品零售总额" in sentence
        for i in range(markers.count()):
            n = markers.nth(i).get_attribute("data-n")
            page.evaluate("window.scrollTo(0, 0)")
            markers.nth(i).click()
            card = page.locator(f"#isrc-0-{n}" if phone else f"#src-0-{n}")
            expect(card).to_be_in_viewport()
            expect(card).to_have_class(re.compile("flash"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"page is {width}px wide at {viewport['width']}px"
        answer.locator("[data-act=up]").click()
        expect(answer.locator(".tool-status")).to_have_text("感谢您的反馈！")
        no_english(page, "after an answer and a vote")
        shot(page, "phone_chat" if phone else "desktop_chat")

        card = page.locator("#isrc-0-1" if phone else "#src-0-1")
        card.locator(".open-doc").click()  # the 文档 tab opens with the sentence highlighted
        mark = page.locator("#doc-view mark.hl")
        expect(mark).to_be_visible()
        assert mark.inner_text() == sentence
        no_english(page, "in the 文档 tab")
    finally:
        page.close()


def listed(page: Any) -> int:
    """How many records the 责任分工 tab says it lists."""
    summary = page.locator("#commitments-summary").inner_text()
    found = re.search(r"共 (\d+) 条", summary)
    assert found, summary
    return int(found.group(1))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_staff_look_ups_and_the_full_list_of_an_owner(
    browser: Any, server_url: str, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, viewport)
    phone = viewport is PHONE
    shown = page.locator("#commitment-cards" if phone else "#commitments-table")
    summary = page.locator("#commitments-summary")
    try:
        page.get_by_role("tab", name="责任分工").click()
        expect(page.locator("#lookups .example-chip").first).to_be_visible()
        expect(summary).to_contain_text("全部任务共")  # filled on open, before any search
        expect(shown).to_contain_text("区商务局")
        everything = listed(page)
        page.locator("#lookups .example-chip[data-unit]").first.click()
        expect(summary).to_contain_text("符合「")
        expect(page.get_by_text("导出 CSV")).to_be_visible()
        page.get_by_label("单位（牵头或责任，可用简称）").fill("住建局")  # a short form
        page.click("#c-search")
        expect(summary).to_contain_text("符合「住建局」")
        expect(shown).to_contain_text("区住房和城市建设局")
        assert 0 < listed(page) < everything
        no_english(page, "in the 责任分工 tab")
        shot(page, "phone_commitments" if phone else "desktop_commitments")
        if not phone:
            cell = shown.get_by_text("区住房和城市建设局").filter(visible=True).first
            cell.click()  # a row opens its place in the document
            expect(page.locator("#doc-view mark.hl")).to_be_visible()

        page.get_by_role("tab", name="问答").click()
        ask(page, OWNER_QUESTION)
        turn = page.locator("#chat .turn").last  # more records than it lists: 共N条
        expect(turn.locator(".records-note")).to_contain_text("这里列出前3条")
        link = turn.locator(".records-link")
        total = int(re.search(r"全部(\d+)条", link.inner_text()).group(1))  # type: ignore[union-attr]
        assert total > 3
        link.click()  # the full list in the 责任分工 tab
        expect(page.get_by_label("牵头领导")).to_have_value("周敏")
        expect(summary).to_contain_text(f"共 {total} 条")
    finally:
        page.close()


def test_staff_changes_show_without_a_reload(browser: Any, server_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server_url, DESKTOP)
    try:
        before = documents_shown(page)
        page.get_by_role("tab", name="工作人员").click()
        panel = page.locator("#staff")
        panel.locator(".staff-key").fill("wrong")
        panel.locator("[data-act=login]").click()
        expect(panel.locator(".staff-status")).to_contain_text("管理密钥不正确")
        panel.locator(".staff-key").fill(ADMIN_KEY)
        panel.locator("[data-act=login]").click()
        expect(panel.locator(".staff-tools")).to_be_visible()
        doc = tmp_path / "staff_upload.txt"
        doc.write_text("测试通知\n\n星湖图书馆将于2024年开放。\n", encoding="utf-8")
        panel.locator(".staff-file").set_input_files(str(doc))
        panel.locator("[data-act=upload]").click()
        status = panel.locator(".staff-status")
        expect(status).to_contain_text("已收录「staff_upload.txt」", timeout=60_000)
        expect(page.locator(".app-header .status")).to_contain_text(f"已收录 {before + 1} 篇")
        no_english(page, "in the 工作人员 tab")
        shot(page, "desktop_staff")
        page.get_by_role("tab", name="文档").click()
        expect(page.locator("#doc-list .doc-item")).to_have_count(before + 1)

        page.get_by_role("tab", name="工作人员").click()
        panel.locator(".staff-docs").select_option("staff_upload.txt")
        page.once("dialog", lambda d: d.accept())
        panel.locator("[data-act=delete]").click()
        expect(status).to_contain_text("已删除「staff_upload.txt」", timeout=60_000)
        expect(page.locator(".app-header .status")).to_contain_text(f"已收录 {before} 篇")
        expect(panel.locator(".staff-docs")).not_to_contain_text("staff_upload.txt")
    finally:
        page.close()
