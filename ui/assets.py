"""The page's CSS and the small scripts its HTML components run (``js_on_load``).

Each script is the body Gradio runs with ``element`` (the component's element),
``trigger`` (fire a Python event), ``watch`` (re-run after a new value) and, where the
component has server functions, ``server``.
"""

from __future__ import annotations

FONT_STACK = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "PingFang SC",
    "Microsoft YaHei",
    "sans-serif",
)
NARROW = "(max-width: 600px)"  # phones: sources under each answer, the table as cards

# Gradio's own words its Chinese (zh-CN) dictionary lacks, for the parts this page uses
# (the status announcements of events, the table's toolbar); the page runs in zh-CN
# (ui.guards.ChineseLocale)
GRADIO_ZH = {
    "common.complete": "已完成",
    "common.progress": "进度",
    "common.error": "出错了",
    "common.loading": "加载中",
    "status.queue_position": "排队位置",
    "dataframe.filter": "筛选",
    "dataframe.clear_filter": "清除筛选",
    "dataframe.search": "搜索",
    "dataframe.sort_ascending": "升序排列",
    "dataframe.sort_descending": "降序排列",
    "dataframe.clear_sort": "取消排序",
}

# Click on any [data-doc] element inside the component -> Python click event with the span.
OPEN_DOC_JS = """
element.addEventListener('click', (event) => {
  const el = event.target.closest('[data-doc]');
  if (!el || !element.contains(el)) return;
  event.preventDefault();
  trigger('click', {doc: el.dataset.doc, start: Number(el.dataset.start || 0),
                    end: Number(el.dataset.end || 0)});
});
"""

# Show the highlighted span: scroll the text box to centre it, then bring the box into view.
SCROLL_TO_MARK_JS = """
const reveal = () => setTimeout(() => {
  const mark = element.querySelector('mark.hl');
  const box = element.querySelector('.doc-text');
  if (!mark || !box || mark.offsetParent === null) return;
  box.scrollTop = Math.max(mark.offsetTop - box.clientHeight / 3, 0);
  element.scrollIntoView({block: 'nearest'});
}, 120);
reveal();
watch('value', reveal);
"""

# A look-up chip -> Python click event with its filter (q, leader or unit).
LOOKUP_JS = """
element.addEventListener('click', (event) => {
  const chip = event.target.closest('button.example-chip');
  if (!chip || !element.contains(chip)) return;
  trigger('click', {q: chip.dataset.q || '', leader: chip.dataset.leader || '',
                    unit: chip.dataset.unit || ''});
});
"""

# The browser tab shows the header's title (the place's name comes with the index).
HEADER_JS = """
const retitle = () => {
  const head = element.querySelector('.app-header');
  if (head && head.dataset.title) document.title = head.dataset.title;
};
retitle();
watch('value', retitle);
"""

# The conversation: [n] scrolls to its source card (beside the chat when it shows this
# answer, else under the answer), the tools copy and vote, the records link opens the
# 责任分工 tab; a new answer is scrolled into view.
CHAT_JS = (
    """
const narrow = () => window.matchMedia('__NARROW__').matches;
const flash = (card) => {
  card.scrollIntoView({block: 'center', behavior: 'smooth'});
  card.classList.add('flash');
  card.focus({preventScroll: true});
  setTimeout(() => card.classList.remove('flash'), 1600);
};
const reveal = (turn, n) => {
  let card = narrow() ? null : document.getElementById(`src-${turn}-${n}`);
  if (!card) {
    const box = element.querySelector(`.turn-sources[data-turn="${turn}"]`);
    if (box && !(narrow() && n === '1')) box.classList.add('open');
    card = document.getElementById(`isrc-${turn}-${n}`);
  }
  if (card) flash(card);
};
const say = (tools, text) => {
  const box = tools.querySelector('.tool-status');
  box.textContent = text;
  setTimeout(() => { if (box.textContent === text) box.textContent = ''; }, 4000);
};
const copy = async (text) => {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
};
const act = async (button) => {
  const tools = button.closest('.tools');
  const what = button.dataset.act;
  if (what === 'more') { button.closest('.turn-sources').classList.add('open'); return; }
  if (what === 'records') {
    trigger('click', {act: 'records', leader: button.dataset.leader || '',
                      unit: button.dataset.unit || ''});
    return;
  }
  if (what === 'copy') {
    try { await copy(tools.dataset.copy); say(tools, '已复制'); }
    catch (e) { say(tools, '复制失败，请手动选择文字复制'); }
    return;
  }
  const ok = await server.vote([tools.dataset.feedback, what]).catch(() => false);
  tools.querySelectorAll('[data-act="up"], [data-act="down"]').forEach((b) =>
    b.setAttribute('aria-pressed', String(ok && b === button)));
  say(tools, ok ? '感谢您的反馈！' : '反馈暂时无法保存，请稍后再试。');
};
element.addEventListener('click', (event) => {
  const cite = event.target.closest('a.cite');
  if (cite && element.contains(cite)) {
    event.preventDefault();
    reveal(cite.dataset.turn, cite.dataset.n);
    return;
  }
  const doc = event.target.closest('[data-doc]');
  if (doc && element.contains(doc)) {
    trigger('click', {act: 'doc', doc: doc.dataset.doc, start: Number(doc.dataset.start || 0),
                      end: Number(doc.dataset.end || 0)});
    return;
  }
  const button = event.target.closest('button[data-act]');
  if (button && element.contains(button)) act(button);
});
watch('value', () => {
  const turns = element.querySelectorAll('.turn');
  const last = turns[turns.length - 1];
  if (last) last.scrollIntoView({block: 'start', behavior: 'smooth'});
});
"""
).replace("__NARROW__", NARROW)

# Gradio scopes the `css` it is given to the content area; page-level rules go in <head>.
PAGE_HEAD = """<style>
@media (max-width: 600px) {
  .gradio-container .main.app { padding-left: 8px !important; padding-right: 8px !important; }
}
</style>"""

CSS = """
.gradio-container, .sources, .doc-view, .doc-list, .conversation { font-family: __FONTS__; }
.gradio-container { width: 100%; max-width: 1180px !important; margin: 0 auto; }
.app-header h1 { margin: 0.2em 0 0.1em; font-size: 1.6rem; color: #9f1d20; }
.app-header .status { color: #555; font-size: 0.95rem; }
.sources, .doc-list, .doc-view, .conversation { overflow-wrap: anywhere; word-break: break-word; }
.sources-title { font-weight: 600; margin: 0.6em 0 0.3em; }
.card { border: 1px solid #e3e3e3; border-left: 4px solid #9f1d20; border-radius: 8px;
  padding: 0.6em 0.8em; margin: 0.5em 0; background: #fff; scroll-margin: 80px; }
.card.related { border-left-color: #b5b5b5; }
.card.related .num { color: #777; }
.card.flash { box-shadow: 0 0 0 3px #ffd666; transition: box-shadow 0.3s; }
.card-head { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: baseline; }
.card-head .num { color: #9f1d20; font-weight: 700; }
.card-head .title { font-weight: 600; flex: 1 1 12em; }
.card-head .date, .card .heading, .doc-view .meta, .doc-item .meta { color: #666; font-size: 0.88em; }
.card .snippet { margin: 0.35em 0; line-height: 1.7; }
mark.hl { background: #ffe58a; color: inherit; padding: 0 1px; border-radius: 2px; }
.open-doc, .tools button, .more-sources, .records-link, .example-chip {
  border: 1px solid #9f1d20; color: #9f1d20; background: #fff; border-radius: 6px;
  padding: 0.15em 0.7em; cursor: pointer; font-size: 0.9em; }
.open-doc:hover, .tools button:hover, .more-sources:hover, .records-link:hover { background: #fbeaea; }
.tools button[aria-pressed="true"] { background: #9f1d20; color: #fff; }
.notice { border-radius: 8px; padding: 0.6em 0.8em; margin: 0.5em 0; background: #eef4ff;
  border: 1px solid #c9d9f5; }
.notice.abstain { background: #fff7e6; border: 1px dashed #d48806; }
.notice.abstain strong { display: block; color: #ad6800; margin-bottom: 0.2em; }
.notice.error { background: #fff1f0; border-color: #ffa39e; }
.more summary { cursor: pointer; color: #444; margin: 0.4em 0; }
.conversation { max-height: 62vh; overflow-y: auto; padding: 0.2em 0.3em; }
.turn { margin: 0.4em 0 1em; scroll-margin-top: 8px; }
.msg { display: flex; flex-direction: column; margin: 0.35em 0; }
.msg.user { align-items: flex-end; }
.msg .bubble { border-radius: 10px; padding: 0.55em 0.8em; line-height: 1.75; max-width: 92%; }
.msg .bubble p { margin: 0; white-space: pre-line; }  /* a list answer: one item a line */
.msg.user .bubble { background: #fbeaea; }
.msg.bot .bubble { background: #f6f6f6; border: 1px solid #e8e8e8; }
.msg.bot.abstain .bubble { background: #fff7e6; border: 1px dashed #d48806; }
.msg.bot.abstain strong { display: block; color: #ad6800; }
.msg.bot.error .bubble { background: #fff1f0; border-color: #ffa39e; }
a.cite { color: #9f1d20; font-weight: 600; text-decoration: underline; padding: 0 1px;
  cursor: pointer; }
.records-note { margin-top: 0.4em !important; color: #444; }
.tools { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; margin: 0.3em 0; }
.tool-status { color: #666; font-size: 0.88em; }
.turn-sources { display: none; margin: 0.2em 0 0.2em 0.6em; }
.turn-sources.open { display: block; }
.turn-sources.open .more-sources { display: none; }
.doc-list { list-style: none; padding: 0; margin: 0; }
.doc-item { display: block; width: 100%; text-align: left; background: #fff; cursor: pointer;
  border: 1px solid #e3e3e3; border-radius: 8px; padding: 0.5em 0.8em; margin: 0.3em 0; }
.doc-item:hover { border-color: #9f1d20; }
.doc-item .title { display: block; font-weight: 600; }
.doc-view h2 { font-size: 1.25rem; margin: 0.3em 0; }
.doc-view .located { color: #ad6800; font-size: 0.9em; margin: 0.3em 0; }
.doc-view .doc-text { white-space: pre-wrap; line-height: 1.8; margin-top: 0.6em;
  position: relative; max-height: 72vh; overflow-y: auto; padding-right: 0.4em; }
#commitments-table table { table-layout: auto; }
#commitments-table td, #commitments-table th { white-space: normal !important;
  overflow-wrap: anywhere; }
.card.commitment .task { margin-bottom: 0.3em; line-height: 1.6; }
.card.commitment .who { font-size: 0.92em; }
.card.commitment .label { color: #666; margin-right: 0.4em; }
.lookups { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; margin: 0.3em 0; }
#commitment-cards { display: none; }
@media __NARROW__ {
  #commitments-table { display: none !important; }
  #commitment-cards { display: block; }
  #sources-column { display: none !important; }
  .conversation { max-height: none; overflow: visible; }
  .turn-sources { display: block; }
  .turn-cards > .card:not(:first-child) { display: none; }
  .turn-sources.open .card { display: block; }
  .turn-sources[data-count="1"] .more-sources { display: none; }
  .app-header h1 { font-size: 1.3rem; }
  .card { padding: 0.5em 0.6em; }
  .msg .bubble { max-width: 100%; }
}
""".replace("__FONTS__", ", ".join(f'"{f}"' if " " in f else f for f in FONT_STACK)).replace(
    "__NARROW__", NARROW
)
