// The admins' audit log: newest events first, a page at a time (time, who, what, to what, and the
// details: identifiers and reasons, never what a person wrote), narrowed by who acted, the action
// (or its start) and the target, and the hash chain's verification.
import { el, feedback, time } from './dom.js';

const PAGE = 50;

export function mountAudit(container, { api, language, t }) {
  const note = feedback();
  const result = el('p', { id: 'audit-result', role: 'status' });
  const rows = el('tbody', { id: 'audit-rows' });
  const older = el('button', { type: 'button', id: 'audit-older', text: t('audit.older'), hidden: true });
  const newest = el('button', { type: 'button', id: 'audit-newest', text: t('audit.newest') });
  const verify = el('button', { type: 'button', id: 'audit-verify', text: t('audit.verify') });
  const columns = ['seq', 'time', 'actor', 'action', 'target', 'details'];
  const field = (name, label) => el('label', {}, el('span', { text: label }),
    el('input', { name, maxlength: name === 'target' ? 128 : 64, autocomplete: 'off', spellcheck: 'false', dir: 'ltr' }));
  const filter = el('form', { id: 'audit-filter', className: 'inline', role: 'search' },
    field('actor', t('col.actor')), field('action', t('audit.actionPrefix')), field('target', t('col.target')),
    el('button', { type: 'submit', text: t('audit.filter') }),
    el('button', { type: 'reset', text: t('audit.clear') }));
  let nextBefore = null;
  let query = '';

  container.append(
    el('h2', { text: t('audit.title') }),
    ...note.nodes,
    el('div', { className: 'actions' }, verify, newest),
    result,
    filter,
    el('table', { id: 'audit-table' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: t(`col.${c}`) })))),
      rows),
    older);

  // Details are identifiers and reasons: shown as "key: value" pairs, as text.
  function detailsText(details) {
    const object = typeof details === 'string' ? JSON.parse(details || '{}') : details || {};
    return Object.entries(object)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join('; ');
  }

  function row(event) {
    let details;
    try {
      details = detailsText(event.details);
    } catch {
      details = String(event.details);
    }
    return el('tr', { 'data-seq': String(event.seq) },
      el('td', { text: String(event.seq) }),
      el('td', {}, el('time', { datetime: event.at, text: time(event.at, language) })),
      el('td', { className: 'actor', dir: 'auto', text: event.actor }),
      el('td', { className: 'action', text: event.action }),
      el('td', { className: 'target', dir: 'auto', text: event.target || '' }),
      el('td', { className: 'details', dir: 'ltr', text: details }));
  }

  async function load(before) {
    try {
      const page = await api('GET', `/api/audit?limit=${PAGE}${query}${before ? `&before=${before}` : ''}`);
      const found = page.events.map(row);
      if (before) rows.append(...found);
      else rows.replaceChildren(...found);
      if (!rows.children.length) rows.append(el('tr', {}, el('td', { colspan: columns.length, text: t('audit.empty') })));
      nextBefore = page.nextBefore || null;
      older.hidden = !nextBefore;
      note.done('');
    } catch (error) {
      note.fail(error.message);
    }
  }

  verify.addEventListener('click', async () => {
    result.textContent = '';
    result.className = '';
    try {
      const outcome = await api('GET', '/api/audit/verification');
      if (outcome.intact) {
        result.textContent = `${t('audit.intact')} ${outcome.checked}`;
        result.className = 'status';
      } else {
        result.textContent = `${t('audit.broken')} ${outcome.firstBrokenSeq ?? '?'}${outcome.problem ? `: ${outcome.problem}` : ''}`;
        result.className = 'error';
      }
    } catch (error) {
      note.fail(error.message);
    }
  });
  // The filter's words go into the query encoded: they are data, never part of the address.
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(filter)) {
      if (value.trim()) params.set(name, value.trim());
    }
    query = params.toString() ? `&${params}` : '';
    load(null);
  });
  filter.addEventListener('reset', () => {
    query = '';
    load(null);
  });
  older.addEventListener('click', () => load(nextBefore));
  newest.addEventListener('click', () => load(null));
  load(null);
}
