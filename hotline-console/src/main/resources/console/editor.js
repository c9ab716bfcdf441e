// The knowledge-base editor: articles by topic and language, editing with a preview rendered by the
// server, publication, history with diff and restore, "what would the bot answer", the gap report,
// import and export. An ES module the console's shell mounts:
//
//   import { mountEditor } from './editor.js';
//   mountEditor(element, { api, language });
//
// `api(method, path, body)` is the shell's fetch wrapper: it sends the CSRF token, returns the
// parsed JSON and throws an Error with `status` (and, when it keeps it, the problem document as
// `problem`) on a refusal. `language` is the console's language: en, tr or ar.
//
// Everything people or editors wrote is put on the page as text (textContent). The only HTML shown
// is the server's rendering of Markdown (raw HTML already escaped there), and even that is rebuilt
// here element by element from an allow-list, never assigned with innerHTML.
import { RIGHT_TO_LEFT, t } from './editor-i18n.js';

const STATUSES = ['draft', 'published', 'archived'];
const ALLOWED_TAGS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'A', 'CODE', 'PRE',
  'BLOCKQUOTE', 'BR', 'HR', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD',
]);
const DROPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED']);
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

/** An element with attributes and children; strings become text nodes, never markup. */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** Appends the server's sanitised HTML to `target`, keeping only allow-listed elements and links. */
export function appendSafeHtml(target, html) {
  const parsed = new DOMParser().parseFromString(String(html), 'text/html');
  const copy = (from, into) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        into.append(document.createTextNode(node.data));
      } else if (node.nodeType === Node.ELEMENT_NODE && !DROPPED_TAGS.has(node.tagName)) {
        if (!ALLOWED_TAGS.has(node.tagName)) {
          copy(node, into);
          continue;
        }
        const element = document.createElement(node.tagName.toLowerCase());
        const href = node.tagName === 'A' ? node.getAttribute('href') || '' : '';
        if (SAFE_LINK.test(href)) {
          element.setAttribute('href', href);
          element.setAttribute('rel', 'noopener noreferrer');
          element.setAttribute('target', '_blank');
        }
        copy(node, element);
        into.append(element);
      }
    }
  };
  copy(parsed.body, target);
}

function ensureStylesheet() {
  const href = new URL('./editor.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) {
    document.head.append(el('link', { rel: 'stylesheet', href }));
  }
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function lines(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Mounts the editor into `container`; returns an object whose unmount() empties it again. */
export function mountEditor(container, { api, language = 'en' }) {
  const lang = ['en', 'tr', 'ar'].includes(language) ? language : 'en';
  const say = (key, values) => t(lang, key, values);
  ensureStylesheet();
  container.replaceChildren();
  container.classList.add('kb-editor');
  container.lang = lang;
  container.dir = RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr';

  const state = { articles: [], topics: [], languages: [], current: null };
  const message = el('p', { class: 'kb-message', role: 'status', 'aria-live': 'polite', hidden: true });
  const notify = (text, isError = false) => {
    message.textContent = text || '';
    message.hidden = !text;
    message.classList.toggle('kb-error', isError);
  };
  const failed = (error) => notify(error && error.message ? error.message : say('failed'), true);
  const guarded = (action) => async (event) => {
    if (event) event.preventDefault();
    notify('');
    try {
      await action(event);
    } catch (error) {
      if (!error.handled) failed(error);
    }
  };

  // --- tabs ---------------------------------------------------------------------------------
  const panels = {};
  const tabs = el('div', { class: 'kb-tabs', role: 'tablist' });
  const showTab = (name) => {
    for (const [key, panel] of Object.entries(panels)) {
      panel.hidden = key !== name;
      tabs.querySelector(`[data-tab="${key}"]`).setAttribute('aria-selected', String(key === name));
    }
  };
  for (const name of ['articles', 'preview', 'gaps', 'transfer']) {
    tabs.append(el('button', {
      type: 'button', role: 'tab', 'data-tab': name, text: say(name), onclick: () => showTab(name),
    }));
    panels[name] = el('section', { class: `kb-panel kb-${name}`, role: 'tabpanel' });
  }
  container.append(el('h2', { text: say('editor') }), tabs, message, ...Object.values(panels));

  const select = (name, options, { any = false, value = '' } = {}) => {
    const field = el('select', { name });
    if (any) field.append(el('option', { value: '', text: say('any') }));
    for (const option of options) {
      field.append(el('option', { value: option.value ?? option, text: option.label ?? option }));
    }
    field.value = value;
    return field;
  };
  const labelled = (key, field) => el('label', {}, el('span', { text: say(key) }), field);
  const languageOptions = () => state.languages.map((code) => ({ value: code, label: code }));

  // --- articles -------------------------------------------------------------------------------
  const filters = el('form', { class: 'kb-filters' });
  const list = el('div', { class: 'kb-list' });
  const editor = el('div', { class: 'kb-article', hidden: true });
  const creator = el('form', { class: 'kb-create', hidden: true });
  panels.articles.append(
    filters,
    el('button', { type: 'button', class: 'kb-new', text: say('newArticle'), onclick: () => openCreator() }),
    creator, editor, list);

  function renderFilters(values = {}) {
    filters.replaceChildren(
      labelled('topic', select('topic', state.topics, { any: true, value: values.topic || '' })),
      labelled('language', select('language', languageOptions(), { any: true, value: values.language || '' })),
      labelled('status', select('status', STATUSES.map((s) => ({ value: s, label: say(s) })), { any: true, value: values.status || '' })),
      el('label', { class: 'kb-check' }, el('input', { type: 'checkbox', name: 'needsReview', checked: values.needsReview === 'true' }), el('span', { text: say('review') })),
      el('button', { type: 'submit', text: say('filter') }));
  }
  const filterValues = () => {
    const form = new FormData(filters);
    return {
      topic: form.get('topic') || '', language: form.get('language') || '',
      status: form.get('status') || '', needsReview: form.get('needsReview') ? 'true' : '',
    };
  };
  filters.addEventListener('submit', guarded(() => loadList(filterValues())));

  async function loadList(values = {}) {
    const { articles } = await api('GET', `/api/kb/articles${query(values)}`);
    if (!state.topics.length) {
      state.topics = [...new Set(articles.map((a) => a.topic))].sort();
      state.languages = [...new Set(articles.map((a) => a.language))].sort();
      renderFilters(values);
      renderPreviewForm();
    }
    state.articles = articles;
    renderList();
  }

  function renderList() {
    if (!state.articles.length) {
      list.replaceChildren(el('p', { text: say('noArticles') }));
      return;
    }
    const rows = state.articles.map((a) => el('tr', { 'data-article': `${a.topic}/${a.language}` },
      el('td', { text: a.topic }),
      el('td', { text: a.language }),
      el('td', {}, el('button', {
        type: 'button', class: 'kb-link', dir: 'auto', lang: a.language, text: a.title,
        onclick: guarded(() => openArticle(a.topic, a.language)),
      })),
      el('td', {}, el('span', { class: `kb-status kb-${a.status}`, text: say(a.status) })),
      el('td', { text: String(a.version) }),
      el('td', {}, a.needsReview ? el('span', { class: 'kb-flag', title: a.reviewNote || '', text: say('review') }) : null)));
    list.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ...['topic', 'language', 'title', 'status', 'version', 'review'].map((k) => el('th', { scope: 'col', text: say(k) })))),
      el('tbody', {}, ...rows)));
  }

  function openCreator() {
    creator.hidden = false;
    creator.replaceChildren(
      labelled('topic', select('topic', state.topics)),
      labelled('language', select('language', languageOptions(), { value: lang })),
      labelled('title', el('input', { name: 'title', required: true, maxlength: 200, dir: 'auto' })),
      labelled('body', el('textarea', { name: 'body', required: true, rows: 8, maxlength: 10000, dir: 'auto' })),
      el('button', { type: 'submit', text: say('create') }),
      el('button', { type: 'button', text: say('close'), onclick: () => { creator.hidden = true; } }));
  }
  creator.addEventListener('submit', guarded(async () => {
    const form = new FormData(creator);
    const created = await api('POST', '/api/kb/articles', {
      topic: form.get('topic'), language: form.get('language'),
      title: form.get('title'), body: form.get('body'),
    });
    creator.hidden = true;
    await loadList(filterValues());
    showArticle(created);
  }));

  // --- one article ----------------------------------------------------------------------------
  async function openArticle(topic, articleLanguage) {
    showArticle(await api('GET', `/api/kb/articles/${topic}/${articleLanguage}`));
  }

  const articlePath = () => `/api/kb/articles/${state.current.topic}/${state.current.language}`;

  function showArticle(article) {
    state.current = article;
    const textField = (tag, name, value, extra = {}) => el(tag, {
      name, dir: 'auto', lang: article.language, ...extra, ...(tag === 'input' ? { value } : {}),
    });
    const body = textField('textarea', 'body', '', { rows: 16, maxlength: 10000, required: true });
    body.value = article.body;
    const questions = textField('textarea', 'questions', '', { rows: 4 });
    questions.value = article.questions.join('\n');
    const rendered = el('div', { class: 'kb-rendered', dir: 'auto', lang: article.language, hidden: true });
    const history = el('div', { class: 'kb-history' });
    const form = el('form', { class: 'kb-edit' },
      labelled('title', textField('input', 'title', article.title, { required: true, maxlength: 200 })),
      labelled('body', body),
      labelled('keywords', textField('input', 'keywords', article.keywords.join(', '))),
      labelled('questions', questions),
      el('label', { class: 'kb-check' }, el('input', { type: 'checkbox', name: 'needsReview', checked: article.needsReview }), el('span', { text: say('review') })),
      labelled('reviewNote', textField('input', 'reviewNote', article.reviewNote || '', { maxlength: 2000 })),
      el('div', { class: 'kb-actions' },
        el('button', { type: 'submit', 'data-action': 'save', text: say('save') }),
        el('button', { type: 'button', 'data-action': 'render', text: say('showPreview'), onclick: guarded(() => renderMarkdown(body.value, rendered)) }),
        el('button', { type: 'button', 'data-action': 'publish', text: say('publish'), onclick: guarded(() => changeStatus('publish')) }),
        el('button', { type: 'button', 'data-action': 'archive', text: say('archive'), onclick: guarded(() => changeStatus('archive')) }),
        el('button', { type: 'button', 'data-action': 'history', text: say('history'), onclick: guarded(() => showHistory(history)) }),
        el('button', { type: 'button', text: say('close'), onclick: () => { editor.hidden = true; state.current = null; } })));
    form.addEventListener('submit', guarded(async () => {
      await saveIfChanged(form);
      notify(say('saved'));
    }));
    editor.replaceChildren(
      el('h3', {}, el('span', { text: `${article.topic} / ${article.language} · ` }),
        el('span', { class: `kb-status kb-${article.status}`, text: say(article.status) }),
        el('span', { text: ` · ${say('version')} ${article.version}` })),
      form, rendered, history);
    editor.hidden = false;
    editor.scrollIntoView({ block: 'start' });
    editor.querySelector('input[name="title"]').focus({ preventScroll: true });
  }

  function edited(form) {
    const values = new FormData(form);
    return {
      title: String(values.get('title')).trim(),
      body: String(values.get('body')).trim(),
      keywords: String(values.get('keywords')).split(',').map((k) => k.trim()).filter(Boolean),
      questions: lines(String(values.get('questions'))),
      needsReview: values.get('needsReview') !== null,
      reviewNote: String(values.get('reviewNote') || ''),
    };
  }

  /** Saves the form as a new version when it differs from the version opened. */
  async function saveIfChanged(form) {
    const change = edited(form);
    const current = state.current;
    const same = change.title === current.title && change.body === current.body.trim()
      && change.keywords.join(',') === current.keywords.join(',')
      && change.questions.join('\n') === current.questions.join('\n')
      && change.needsReview === current.needsReview && change.reviewNote === (current.reviewNote || '');
    if (same) return;
    await conflictAware(() => api('PUT', articlePath(), { basedOn: current.version, ...change }));
  }

  async function changeStatus(action) {
    await saveIfChanged(editor.querySelector('form.kb-edit'));
    await conflictAware(() => api('POST', `${articlePath()}/${action}`, { basedOn: state.current.version }));
    notify(say(action === 'publish' ? 'published' : 'archived'));
  }

  /** Runs a change; on success shows the new version, on 409 offers to reload. */
  async function conflictAware(change) {
    try {
      showArticle(await change());
      await loadList(filterValues());
    } catch (error) {
      if (error.status !== 409) throw error;
      const { topic, language: articleLanguage } = state.current;
      notify(say('conflict'), true);
      message.append(' ', el('button', { type: 'button', text: say('reload'), onclick: guarded(() => openArticle(topic, articleLanguage)) }));
      const stop = new Error(say('conflict'));
      stop.handled = true;
      throw stop;
    }
  }

  async function renderMarkdown(markdown, into) {
    const { html } = await api('POST', '/api/kb/rendering', { markdown });
    into.replaceChildren();
    appendSafeHtml(into, html);
    into.hidden = false;
  }

  async function showHistory(into) {
    const { versions } = await api('GET', `${articlePath()}/versions`);
    const current = state.current.version;
    const diffView = el('div', { class: 'kb-diff-view' });
    const rows = versions.map((v) => el('tr', {},
      el('td', { text: String(v.version) }),
      el('td', { text: v.change }),
      el('td', { text: v.author }),
      el('td', {}, el('time', { datetime: v.at, text: new Date(v.at).toLocaleString(lang) })),
      el('td', {}, el('span', { dir: 'auto', lang: state.current.language, text: v.article.title })),
      el('td', {}, v.version === current ? null : el('button', {
        type: 'button', 'data-action': 'diff', text: say('diff'),
        onclick: guarded(() => showDiff(v.version, current, diffView)),
      }), v.version === current ? null : el('button', {
        type: 'button', 'data-action': 'restore', text: say('restore'),
        onclick: guarded(() => conflictAware(() => api('POST', `${articlePath()}/versions/${v.version}/restore`, { basedOn: current }))),
      }))));
    into.replaceChildren(
      el('h4', { text: say('history') }),
      el('table', {},
        el('thead', {}, el('tr', {}, ...['version', 'change', 'author', 'when', 'title', ''].map((k) => el('th', { scope: 'col', text: k ? say(k) : '' })))),
        el('tbody', {}, ...rows)),
      diffView);
  }

  async function showDiff(from, to, into) {
    const diff = await api('GET', `${articlePath()}/diff${query({ from, to })}`);
    const marks = { same: ' ', removed: '−', added: '+' };
    into.replaceChildren(
      el('h4', { text: say('diffTitle', { from, to }) }),
      el('div', { class: 'kb-diff', lang: state.current.language },
        ...diff.lines.map((line) => el('div', { class: `kb-diff-${line.op}`, dir: 'auto' },
          el('span', { class: 'kb-diff-mark', 'aria-hidden': 'true', text: marks[line.op] }),
          el('span', { text: line.text })))));
  }

  // --- what would the bot answer -------------------------------------------------------------
  const previewForm = el('form', { class: 'kb-ask' });
  const previewResult = el('div', { class: 'kb-answer', 'aria-live': 'polite' });
  panels.preview.append(previewForm, previewResult);

  function renderPreviewForm() {
    previewForm.replaceChildren(
      labelled('question', el('textarea', { name: 'question', rows: 3, maxlength: 2000, required: true, dir: 'auto' })),
      labelled('language', select('language', languageOptions(), { value: state.languages.includes(lang) ? lang : state.languages[0] })),
      el('button', { type: 'submit', text: say('ask') }));
  }
  previewForm.addEventListener('submit', guarded(async () => {
    const form = new FormData(previewForm);
    const preview = await api('POST', '/api/kb/preview', { question: form.get('question'), language: form.get('language') });
    const hitRow = (hit) => el('tr', {},
      el('td', { text: hit.topic }),
      el('td', { text: hit.language + (hit.fallback ? ` (${say('fallback')})` : '') }),
      el('td', { dir: 'auto', lang: hit.language, text: hit.title }),
      el('td', { text: `${Math.round(hit.confidence * 100)}%` }));
    const answer = el('div', { class: 'kb-rendered', dir: 'auto' });
    if (preview.answer) {
      answer.lang = preview.answer.language;
      answer.append(el('h4', { dir: 'auto', text: preview.answer.title }));
      appendSafeHtml(answer, preview.answer.html);
    }
    previewResult.replaceChildren(
      el('p', { class: `kb-outcome kb-outcome-${preview.outcome}` },
        el('strong', { text: `${say('outcome')}: ` }), el('span', { text: say(preview.outcome) })),
      preview.answer ? answer : null,
      preview.hits.length ? el('table', {},
        el('thead', {}, el('tr', {}, ...['topic', 'language', 'title', 'confidence'].map((k) => el('th', { scope: 'col', text: say(k) })))),
        el('tbody', {}, ...preview.hits.map(hitRow))) : null);
  }));

  // --- gap report -----------------------------------------------------------------------------
  const gapResult = el('div', { class: 'kb-gap-report' });
  panels.gaps.append(
    el('p', { text: say('gapsHelp') }),
    el('button', { type: 'button', 'data-action': 'gaps', text: say('showGaps'), onclick: guarded(loadGaps) }),
    gapResult);

  async function loadGaps() {
    const report = await api('GET', '/api/kb/gaps');
    if (!report.languages.length) {
      gapResult.replaceChildren(el('p', { text: say('noGaps') }));
      return;
    }
    gapResult.replaceChildren(...report.languages.map((group) => el('section', {},
      el('h3', { text: `${group.language} · ${group.count}` }),
      el('ul', {}, ...group.groups.map((g) => el('li', {},
        el('details', {},
          el('summary', {},
            el('span', { dir: 'auto', lang: group.language, text: g.wording }),
            el('span', { class: 'kb-count', text: ` · ${g.count} ${say('times')}` }),
            g.bestTopic ? el('span', { class: 'kb-count', text: ` · ${say('bestTopic')}: ${g.bestTopic}` }) : null),
          el('ul', {}, ...g.questions.map((q) => el('li', { dir: 'auto', lang: group.language, text: q }))))))))));
  }

  // --- import and export ----------------------------------------------------------------------
  const transferResult = el('div', { class: 'kb-transfer-result', 'aria-live': 'polite' });
  const fileInput = el('input', { type: 'file', multiple: true, accept: '.json,.md', name: 'files' });
  const folderInput = el('input', { type: 'file', webkitdirectory: true, name: 'folder' });
  panels.transfer.append(
    el('button', { type: 'button', 'data-action': 'export', text: say('exportAll'), onclick: guarded(exportAll) }),
    el('h3', { text: say('importFiles') }),
    el('p', { text: say('importHelp') }),
    fileInput, folderInput,
    el('button', { type: 'button', 'data-action': 'import', text: say('importFiles'), onclick: guarded(importChosen) }),
    transferResult);

  async function exportAll() {
    const exported = await api('GET', '/api/kb/export');
    const blob = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: `knowledge-base-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function importChosen() {
    const files = {};
    for (const file of [...fileInput.files, ...folderInput.files]) {
      if (file.name.endsWith('.json')) {
        Object.assign(files, JSON.parse(await file.text()).files || {});
      } else if (file.name.endsWith('.md')) {
        const parts = (file.webkitRelativePath || file.name).split('/');
        files[parts.slice(-2).join('/')] = await file.text();
      }
    }
    try {
      const result = await api('POST', '/api/kb/import', { files });
      transferResult.replaceChildren(el('p', { text: say('imported', result) }));
      await loadList(filterValues());
    } catch (error) {
      const problems = (error.problem && error.problem.errors) || [];
      transferResult.replaceChildren(
        el('p', { class: 'kb-error', text: problems.length ? say('problems') : error.message }),
        el('ul', {}, ...problems.map((p) => el('li', {}, el('code', { text: p.location }), el('span', { text: `: ${p.error}` })))));
    }
  }

  // --- start ----------------------------------------------------------------------------------
  showTab('articles');
  renderFilters();
  renderPreviewForm();
  list.replaceChildren(el('p', { text: say('loading') }));
  loadList().catch(failed);

  return {
    unmount() {
      container.replaceChildren();
      container.classList.remove('kb-editor');
    },
  };
}
