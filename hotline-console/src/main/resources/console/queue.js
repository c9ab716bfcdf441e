// The queue: waiting escalations, most urgent first, with why they were raised (indicators and
// the words that matched) and how long the person has waited; and the conversations the operator
// holds. Refreshed on every queue event from the live feed, without reloading the page.
import { debounce, duration, el } from './dom.js';

export function mountQueue(container, { api, t, live, me, navigate }) {
  const isOperator = (me.roles || []).includes('operator');
  const all = el('input', { type: 'checkbox', id: 'all-languages' });
  const mineBody = el('tbody');
  const queueBody = el('tbody', { id: 'queue-rows' });
  const message = el('p', { className: 'error', role: 'alert', hidden: true });
  let items = [];
  let loadedAt = Date.now();

  container.append(
    el('h2', { text: t('queue.title') }),
    message,
    isOperator ? el('section', { 'aria-labelledby': 'mine-title' },
      el('h3', { id: 'mine-title', text: t('queue.mine') }),
      table(['level', 'language', 'held', ''], mineBody)) : null,
    el('section', { 'aria-labelledby': 'waiting-title' },
      el('h3', { id: 'waiting-title', text: t('queue.waiting') }),
      el('label', { className: 'inline' }, all, ' ', t('queue.allLanguages')),
      table(['level', 'language', 'waited', 'reasons', ''], queueBody)),
  );

  function table(columns, body) {
    return el('table', {},
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: c ? t(`col.${c}`) : '' })))),
      body);
  }

  function say(text) {
    message.textContent = text || '';
    message.hidden = !text;
  }

  function reasons(list) {
    return el('ul', { className: 'reasons' }, (list || []).map((reason) =>
      el('li', {},
        el('span', { className: 'indicator', text: reason.indicator }),
        (reason.words || []).length ? ': ' : '',
        el('span', { className: 'words', dir: 'auto', text: (reason.words || []).join(', ') }))));
  }

  function levelCell(level) {
    return el('td', {}, el('span', { className: `level level-${level}`, text: t(`level.${level}`) }));
  }

  function render() {
    const elapsed = (Date.now() - loadedAt) / 1000;
    queueBody.replaceChildren(...items.map((item) => {
      const open = el('button', { type: 'button', className: 'open', text: t('open'),
        onclick: () => navigate(`#/conversation/${item.conversationId}`) });
      const claim = isOperator ? el('button', { type: 'button', className: 'claim', text: t('claim'),
        onclick: async () => {
          try {
            await api('POST', `/api/escalations/${item.id}/claim`);
            navigate(`#/conversation/${item.conversationId}`);
          } catch (error) {
            say(error.message);
            load();
          }
        } }) : null;
      return el('tr', { 'data-escalation': item.id },
        levelCell(item.level),
        el('td', { text: item.language || '—' }),
        el('td', { className: 'waited', text: duration(item.waitingSeconds + elapsed) }),
        el('td', {}, reasons(item.reasons)),
        el('td', { className: 'actions' }, claim, ' ', open));
    }));
    if (!items.length) {
      queueBody.append(el('tr', {}, el('td', { colspan: 5, text: t('queue.empty') })));
    }
  }

  async function load() {
    try {
      const [queue, mine] = await Promise.all([
        api('GET', `/api/queue?languages=${all.checked ? 'all' : 'mine'}`),
        isOperator ? api('GET', '/api/my/conversations') : Promise.resolve({ items: [] }),
      ]);
      items = queue.items;
      loadedAt = Date.now();
      render();
      mineBody.replaceChildren(...mine.items.map((item) => el('tr', { 'data-escalation': item.id },
        levelCell(item.level),
        el('td', { text: item.language || '—' }),
        el('td', { text: item.claimedAt ? duration((Date.now() - Date.parse(item.claimedAt)) / 1000) : '' }),
        el('td', {}, el('a', { href: `#/conversation/${item.conversationId}`, text: t('open') })))));
      say('');
    } catch (error) {
      say(error.message);
    }
  }

  const reload = debounce(load, 150);
  all.addEventListener('change', load);
  const stopLive = live.on((frame) => {
    if (frame.type.startsWith('escalation.') || frame.type === 'live.open' || frame.type === 'conversation.erased') reload();
  });
  const ticker = setInterval(render, 15000);
  load();

  return () => {
    stopLive();
    clearInterval(ticker);
  };
}
