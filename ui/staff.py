"""The staff panel (工作人员 tab): upload and remove documents, export the feedback.

It is plain HTML and JavaScript that call the admin API (``/api/documents``,
``/api/jobs/{id}``, ``/api/feedback.csv``) with ``Authorization: Bearer <key>``: the key is
entered once and kept in the tab's ``sessionStorage`` (gone when the tab closes), the
server checks it on every call, and no file goes through Gradio's upload route (which
:mod:`ui.guards` switches off). When the server has no key, the panel says how to set
one. Once a change is served, the panel fires ``click`` so that the page's header and
document list follow without a reload, and says what happened (已收录 / 已删除).
"""

from __future__ import annotations

from collections.abc import Sequence

from ui.render import esc

SWITCHED_OFF = """
<div class="staff">
  <div class="notice error"><strong>工作人员功能未开启。</strong>
  上传、删除文档和导出用户反馈需要管理密钥。请管理员在服务器的环境变量或项目目录的 .env 文件中设置
  <code>LIXIA_ADMIN_KEY</code>（一串足够长的随机字符），然后重启服务，再在这里输入该密钥登录。</div>
</div>
"""


def panel_html(suffixes: Sequence[str], max_bytes: int, enabled: bool = True) -> str:
    """The panel; ``enabled``: the server has an admin key (else: how to set one)."""
    if not enabled:
        return SWITCHED_OFF
    accept = ",".join(suffixes)
    mb = max_bytes / 1_000_000
    return f"""
<div class="staff" data-max="{int(max_bytes)}">
  <div class="notice">工作人员使用：输入管理密钥（服务器的 LIXIA_ADMIN_KEY）后可上传、删除文档并导出用户反馈。
  密钥只保存在本浏览器标签页中，关闭标签页即失效。</div>
  <div class="staff-row staff-login">
    <input type="password" class="staff-key" placeholder="管理密钥" aria-label="管理密钥" autocomplete="off">
    <button type="button" class="staff-btn" data-act="login">登录</button>
    <button type="button" class="staff-btn" data-act="logout" hidden>退出</button>
  </div>
  <div class="staff-tools" hidden>
    <div class="staff-row">
      <input type="file" class="staff-file" accept="{esc(accept)}" aria-label="选择要上传的文档">
      <button type="button" class="staff-btn" data-act="upload">上传文档</button>
      <span class="staff-hint">支持 {esc(" ".join(suffixes))}，不超过 {mb:g} MB；同名文件会被替换。</span>
    </div>
    <div class="staff-row">
      <select class="staff-docs" aria-label="选择要删除的文档"></select>
      <button type="button" class="staff-btn" data-act="delete">删除所选文档</button>
    </div>
    <div class="staff-row">
      <button type="button" class="staff-btn" data-act="export">导出用户反馈（CSV）</button>
    </div>
  </div>
  <div class="staff-status notice" aria-live="polite"></div>
</div>
"""


STAFF_JS = """
const $ = (sel) => element.querySelector(sel);
const KEY = 'lixia-admin-key';
const status = (text, bad) => {
  const box = $('.staff-status');
  box.textContent = text;
  box.classList.toggle('error', !!bad);
};
const call = async (method, path, body) => {
  const headers = {Authorization: 'Bearer ' + (sessionStorage.getItem(KEY) || '')};
  const r = await fetch(path, {method, headers, body});
  if (!r.ok) {
    let detail = '服务器返回错误（' + r.status + '），请稍后再试';
    try {
      const j = await r.json();
      detail = Array.isArray(j.detail) ? j.detail.map((d) => d.msg).join('；') : j.detail;
    } catch (e) {}
    throw new Error(detail);
  }
  return r;
};
const STATES = {queued: '排队等候', running: '正在重建索引'};
const showTools = (on) => {
  $('.staff-tools').hidden = !on;
  element.querySelector('[data-act="logout"]').hidden = !on;
  element.querySelector('[data-act="login"]').hidden = on;
  $('.staff-key').hidden = on;
};
const loadDocs = async () => {
  const docs = await (await fetch('/api/documents')).json();
  const select = $('.staff-docs');
  select.replaceChildren(...docs.map((d) => {
    const o = document.createElement('option');
    o.value = d.doc_id;
    o.textContent = d.doc_id + '  ' + d.title;
    return o;
  }));
  return docs.length;
};
const DONE = {upload: '已收录', delete: '已删除'};
const follow = async (job) => {
  for (let i = 0; i < 600; i++) {
    const j = await (await call('GET', '/api/jobs/' + job.id)).json();
    if (j.state === 'done') {
      const count = await loadDocs();
      status((DONE[j.action] || '已更新') + '「' + j.doc_id + '」，现共收录 ' + count + ' 篇文档。');
      trigger('click', {act: 'refresh'});
      return;
    }
    if (j.state === 'failed') { status('重建索引失败，文档未更新：' + j.error, true); return; }
    status((STATES[j.state] || '正在处理') + '：' + j.doc_id + ' …');
    await new Promise((ok) => setTimeout(ok, 1000));
  }
};
const login = async () => {
  sessionStorage.setItem(KEY, $('.staff-key').value.trim());
  await call('GET', '/api/admin');
  $('.staff-key').value = '';
  showTools(true);
  await loadDocs();
  status('已登录。');
};
const actions = {
  login: () => login().catch((e) => { sessionStorage.removeItem(KEY); throw e; }),
  logout: async () => { sessionStorage.removeItem(KEY); showTools(false); status('已退出。'); },
  upload: async () => {
    const file = $('.staff-file').files[0];
    if (!file) { status('请先选择文件。', true); return; }
    if (file.size > Number(element.querySelector('.staff').dataset.max)) {
      status('文件太大，无法上传。', true); return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    const job = (await (await call('POST', '/api/documents', form)).json()).job;
    await follow(job);
  },
  delete: async () => {
    const id = $('.staff-docs').value;
    if (!id || !confirm('删除文档 ' + id + '？')) return;
    const job = (await (await call('DELETE', '/api/documents/' + id.split('/').map(encodeURIComponent).join('/'))).json()).job;
    await follow(job);
  },
  export: async () => {
    const blob = await (await call('GET', '/api/feedback.csv')).blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'feedback.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    status('已导出用户反馈。');
  },
};
element.addEventListener('click', (event) => {
  const button = event.target.closest('[data-act]');
  if (!button || !element.contains(button)) return;
  button.disabled = true;
  actions[button.dataset.act]()
    .catch((e) => status('操作失败：' + e.message, true))
    .finally(() => { button.disabled = false; });
});
if (sessionStorage.getItem(KEY) && $('.staff-tools')) {
  call('GET', '/api/admin').then(() => { showTools(true); return loadDocs(); })
    .catch(() => sessionStorage.removeItem(KEY));
}
"""

STAFF_CSS = """
.staff-row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 10px 0; }
.staff-btn { padding: 4px 12px; border: 1px solid var(--border-color-primary); border-radius: 6px;
  background: var(--button-secondary-background-fill); cursor: pointer; }
.staff-key, .staff-docs { min-width: 240px; padding: 4px 8px; }
.staff-hint { color: var(--body-text-color-subdued); font-size: 0.9em; }
.staff-status.error { color: #b91c1c; }
"""
