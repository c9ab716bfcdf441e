// The web chat page. Everything shown is set with textContent: nothing a person, an operator or
// an article wrote is ever read as HTML. The conversation's secret lives in sessionStorage only.
const SECRET = 'c';
const LANGUAGE = 'l';
const $ = (id) => document.getElementById(id);
const exitLink = $('exit');
const log = $('log');

// --- Quick exit: first, so it works even if the rest fails. ---
function quickExit(event) {
  if (event) event.preventDefault();
  try { localStorage.clear(); } catch (e) { /* storage blocked */ }
  try { sessionStorage.clear(); } catch (e) { /* storage blocked */ }
  const url = exitLink.href;
  document.title = '';
  document.body.replaceChildren();
  try { if (window.top !== window) window.top.location.replace(url); } catch (e) { /* cross-origin */ }
  location.replace(url);
}
exitLink.addEventListener('click', quickExit);
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') quickExit(e); });

// --- State ---
let secret = read(SECRET);
let language = 'en';
let texts = {};
let cursor = 0;
let streaming = false;
let polling = null;
const shown = new Map();   // entry id -> element
const pending = [];        // person's messages not yet confirmed

function read(key) { try { return sessionStorage.getItem(key); } catch (e) { return null; } }
function keep(key, value) { try { sessionStorage.setItem(key, value); } catch (e) { /* private mode */ } }
function forget(key) { try { sessionStorage.removeItem(key); } catch (e) { /* private mode */ } }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- Texts and language ---
function wanted() {
  const asked = new URLSearchParams(location.search).get('lang');
  return [asked, read(LANGUAGE), ...(navigator.languages || [navigator.language])]
    .filter(Boolean).map((l) => l.toLowerCase().split('-')[0]);
}

async function loadTexts(code) {
  const res = await fetch(`/chat/api/texts/${encodeURIComponent(code)}`);
  return res.json();
}

async function chooseLanguage() {
  const candidates = wanted();
  let page = await loadTexts(candidates[0] || 'en');
  const spoken = page.languages.map((l) => l.code);
  const best = candidates.find((c) => spoken.includes(c));
  if (best && best !== page.language) page = await loadTexts(best);
  apply(page);
}

function apply(page) {
  language = page.language;
  texts = page.texts;
  document.documentElement.lang = language;
  document.documentElement.dir = page.dir;
  document.title = texts.title || 'Chat';
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = texts[el.dataset.t] || el.textContent; });
  document.querySelectorAll('[data-tp]').forEach((el) => { el.placeholder = texts[el.dataset.tp] || el.placeholder; });
  const select = $('language');
  select.replaceChildren(...page.languages.map((l) => {
    const option = document.createElement('option');
    option.value = l.code;
    option.textContent = l.name;
    option.selected = l.code === language;
    return option;
  }));
}

function say(key, values = {}) {
  let text = texts[key] || key;
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, value);
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = false;
}
function quiet() { $('notice').hidden = true; }

// --- The API ---
function auth() { return { Authorization: `Bearer ${secret}` }; }

async function post(path, body) {
  const key = newKey();
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(`/chat/api/${path}`, {
        method: 'POST',
        headers: { ...auth(), 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ ...body, language }),
      });
    } catch (e) {
      say('offline');
      await sleep(Math.min(15000, 1000 * attempt));
      continue;   // the same key: the service handles it once
    }
    if (res.ok) { quiet(); fetchNew(); return res.json(); }
    const problem = await res.json().catch(() => ({}));
    if (res.status === 503 && attempt < 5) { await sleep(1000 * attempt); continue; }
    if (res.status === 401) { lost(); } else if (problem.code === 'too_fast') {
      say('too_fast', { seconds: problem.retryAfter || res.headers.get('Retry-After') });
    } else if (problem.code === 'too_long') {
      say('too_long', { limit: problem.limit });
    } else if (problem.code === 'button_gone') {
      say('button_gone');
    } else { say('offline'); }
    throw new Error(problem.code || String(res.status));
  }
}

async function open() {
  const res = await fetch('/chat/api/conversations', { method: 'POST' });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    if (problem.code === 'too_fast') say('too_fast', { seconds: problem.retryAfter });
    return false;
  }
  secret = (await res.json()).secret;
  keep(SECRET, secret);
  return true;
}

function lost() {
  secret = null;
  forget(SECRET);
  say('unknown_code');
}

// --- Showing entries ---
function render(entry) {
  if (shown.has(entry.id)) return;
  let el;
  if (entry.from === 'person') {
    const i = pending.findIndex((p) => p.textContent === entry.text);
    if (i >= 0) { el = pending.splice(i, 1)[0]; el.classList.remove('pending'); }
  }
  if (!el) {
    el = document.createElement('div');
    el.className = `msg ${entry.from}`;
    if (entry.from === 'person') el.textContent = entry.text;
    else fill(el, entry);
    log.append(el);
  }
  el.dataset.id = entry.id;
  shown.set(entry.id, el);
  log.scrollTop = log.scrollHeight;
}

function fill(el, entry) {
  for (const run of entry.runs || []) {
    let part;
    if (run.href && /^(https?:|tel:)/i.test(run.href)) {
      part = document.createElement('a');
      part.href = run.href;
      part.rel = 'noopener noreferrer';
      part.target = '_blank';
    } else {
      part = document.createElement('span');
    }
    for (const style of ['b', 'i', 'u', 's', 'code', 'pre', 'quote']) if (run[style]) part.classList.add(style);
    part.textContent = run.text;
    el.append(part);
  }
  if (entry.buttons) {
    const box = document.createElement('div');
    box.className = 'buttons';
    for (const row of entry.buttons) {
      const line = document.createElement('div');
      for (const b of row) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = b.label;
        button.addEventListener('click', () => press(entry.id, b.data));
        line.append(button);
      }
      box.append(line);
    }
    el.append(box);
  }
}

function take(batch) {
  batch.entries.forEach(render);
  cursor = Math.max(cursor, batch.cursor);
  const present = new Set(batch.present);
  for (const [id, el] of shown) {
    // only what this batch could see: an entry past its cursor came after it was read (a reply
    // the live stream showed while an older answer was on its way) and stays
    if (id <= batch.cursor && !present.has(id)) { el.remove(); shown.delete(id); }
  }
}

// --- Live: server-sent events read through fetch (so the secret stays in a header), else polling ---
async function fetchNew() {
  if (!secret) return;
  const res = await fetch(`/chat/api/messages?after=${cursor}`, { headers: auth(), cache: 'no-store' }).catch(() => null);
  if (!res) return;
  if (res.status === 401) { lost(); return; }
  if (res.ok) take(await res.json());
}

async function stream() {
  if (streaming) return;
  streaming = true;
  let failures = 0;
  while (secret && failures < 3) {
    try {
      const res = await fetch(`/chat/api/events?after=${cursor}`, { headers: auth(), cache: 'no-store' });
      if (res.status === 401) { lost(); break; }
      if (!res.ok || !res.body || typeof TextDecoderStream === 'undefined') throw new Error('no stream');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      failures = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of event.split('\n')) if (line.startsWith('data: ')) take(JSON.parse(line.slice(6)));
        }
      }
    } catch (e) {
      failures++;
      await sleep(1000 * failures);
    }
  }
  streaming = false;
  if (secret && !polling) polling = setInterval(fetchNew, 3000);
}

// --- What the person does ---
// Everything the person sends goes one request at a time, in order: with several replicas
// behind the page, two messages in flight at once could be handled side by side and answered
// out of order.
let outgoing = Promise.resolve();
function inOrder(work) {
  const done = outgoing.then(work);
  outgoing = done.catch(() => {});
  return done;
}

async function send(text) {
  const el = document.createElement('div');
  el.className = 'msg person pending';
  el.textContent = text;
  log.append(el);
  pending.push(el);
  log.scrollTop = log.scrollHeight;
  try {
    await inOrder(() => post('messages', { text }));
  } catch (e) {
    const i = pending.indexOf(el);
    if (i >= 0) pending.splice(i, 1);
    el.remove();
    $('text').value = text;
  }
}

function press(messageId, data) { inOrder(() => post('presses', { messageId, data })).catch(() => {}); }
function command(name) { inOrder(() => post('commands', { command: name })).catch(() => {}); }

async function begin(fresh) {
  shown.forEach((el) => el.remove());
  shown.clear();
  cursor = 0;
  if (!secret && !(await open())) return;
  $('secret').textContent = secret;
  if (fresh) await command('start');
  await fetchNew();
  stream();
}

$('compose').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text || !secret) return;
  $('text').value = '';
  send(text);
});
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('compose').requestSubmit(); }
});
document.querySelectorAll('[data-command]').forEach((b) => b.addEventListener('click', () => command(b.dataset.command)));
$('language').addEventListener('change', async (e) => {
  keep(LANGUAGE, e.target.value);
  apply(await loadTexts(e.target.value));
  // The same as choosing a language in the chat's own language menu.
  if (secret) inOrder(() => post('presses', { data: `lang:${language}` })).catch(() => {});
});
$('resume').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = $('resume-code').value.trim();
  if (!code) return;
  secret = code;
  keep(SECRET, secret);
  $('resume-code').value = '';
  quiet();
  begin(false);
});

chooseLanguage().catch(() => {}).then(() => begin(!secret));
