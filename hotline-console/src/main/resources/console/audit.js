// The admins' audit log: newest events first, a page at a time (time, who, what, to what, and the
// details: identifiers and reasons, never what a person wrote), and the hash chain's verification.
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
  let nextBefore = null;

  container.append(
    el('h2', { text: t('audit.title') }),
    ...note.nodes,
    el('div', { className: 'actions' }, verify, newest),
    result,
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
      const query = before ? `?limit=${PAGE}&before=${before}` : `?limit=${PAGE}`;
      const page = await api('GET', `/api/audit${query}`);
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
  older.addEventListener('click', () => load(nextBefore));
  newest.addEventListener('click', () => load(null));
  load(null);
}
