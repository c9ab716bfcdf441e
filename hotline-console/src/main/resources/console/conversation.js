// One conversation: the history (right-to-left text shown right-to-left: every message has
// dir="auto"), the reasons it was raised, what the operator can do (claim, release, transfer,
// close), the reply box with canned replies, internal notes, and each reply's delivery state.
// New messages and delivery changes arrive from the live feed; everything is shown as text.
import { debounce, el, time } from './dom.js';

const OUTCOMES = ['supported', 'referred', 'emergency-services', 'no-reply', 'not-needed', 'duplicate'];
const CATEGORIES = ['trafficking-labour', 'trafficking-sexual', 'forced-begging', 'child-marriage',
  'forced-marriage', 'violence', 'self-harm', 'child-at-risk', 'deceptive-recruitment', 'other', 'none'];

export function mountConversation(container, { api, language, t, live, me, navigate }, id) {
  const isOperator = (me.roles || []).includes('operator');
  const isSupervisor = (me.roles || []).includes('supervisor');
  const message = el('p', { className: 'error', role: 'alert', hidden: true });
  const header = el('div', { className: 'conversation-header' });
  const actions = el('div', { className: 'actions' });
  const messages = el('ol', { id: 'messages', className: 'messages', 'aria-live': 'polite' });
  const replyArea = el('div');
  const notesList = el('ul', { id: 'notes', className: 'notes' });
  const notesArea = el('div');
  let view = null;
  let canned = [];
  let cannedLanguage = null;
  let operators = [];

  container.append(
    el('h2', { text: t('conversation.title') }),
    message, header, actions,
    el('section', { 'aria-labelledby': 'history-title' },
      el('h3', { id: 'history-title', text: t('conversation.history') }), messages),
    replyArea,
    el('section', { 'aria-labelledby': 'notes-title' },
      el('h3', { id: 'notes-title', text: t('notes.title') }), notesList, notesArea),
  );

  function say(text) {
    message.textContent = text || '';
    message.hidden = !text;
  }

  async function act(action) {
    say('');
    try {
      await action();
      await load();
    } catch (error) {
      say(error.message);
    }
  }

  function renderHeader() {
    const e = view.escalation;
    header.replaceChildren(
      el('dl', { className: 'facts' },
        el('dt', { text: t('col.language') }), el('dd', { id: 'conversation-language', text: view.language || '—' }),
        e ? [el('dt', { text: t('col.level') }), el('dd', {}, el('span', { className: `level level-${e.level}`, text: t(`level.${e.level}`) })),
          el('dt', { text: t('col.status') }), el('dd', { id: 'escalation-status', text: t(`status.${e.status}`) })] : null),
      e ? el('div', {}, el('h3', { text: t('col.reasons') }),
        el('ul', { id: 'reasons', className: 'reasons' }, e.reasons.map((reason) => el('li', {},
          el('span', { className: 'indicator', text: reason.indicator }),
          reason.category ? ` (${reason.category})` : '',
          (reason.words || []).length ? ': ' : '',
          el('span', { className: 'words', dir: 'auto', text: (reason.words || []).join(', ') }))))) : null,
      view.erased ? el('p', { className: 'error', text: t('conversation.erased') }) : null);
  }

  function renderActions() {
    const e = view.escalation;
    actions.replaceChildren();
    if (!e || !isOperator) return;
    if (e.status === 'waiting') {
      actions.append(el('button', { type: 'button', id: 'claim', text: t('claim'),
        onclick: () => act(() => api('POST', `/api/escalations/${e.id}/claim`)) }));
    }
    if (view.heldByMe) {
      actions.append(
        el('button', { type: 'button', id: 'release', text: t('release'),
          onclick: () => act(() => api('POST', `/api/escalations/${e.id}/release`)) }),
        transferForm(e), closeForm(e));
    }
  }

  function transferForm(e) {
    // to a colleague, or back to the queue of a language
    const to = el('select', { name: 'to', required: true },
      el('option', { value: '', text: t('transfer.choose') }),
      operators.filter((o) => o.id !== me.id).map((o) =>
        el('option', { value: `operator:${o.id}`, text: `${o.displayName} (${o.languages.join(', ')})` })),
      ['ar', 'en', 'fa', 'ru', 'tr', 'uk'].map((l) => el('option', { value: `language:${l}`, text: `${t('transfer.toLanguage')}: ${l}` })));
    return el('form', { id: 'transfer-form', className: 'inline', onsubmit: (event) => {
      event.preventDefault();
      const [kind, value] = to.value.split(':');
      act(async () => {
        await api('POST', `/api/escalations/${e.id}/transfer`, kind === 'operator' ? { operatorId: value } : { language: value });
        navigate('#/queue');
      });
    } }, el('label', {}, t('transfer'), ' ', to), ' ', el('button', { type: 'submit', text: t('transfer') }));
  }

  function closeForm(e) {
    const outcome = el('select', { name: 'outcome', required: true },
      OUTCOMES.map((o) => el('option', { value: o, text: t(`outcome.${o}`) })));
    const category = el('select', { name: 'category', required: true },
      CATEGORIES.map((c) => el('option', { value: c, text: t(`category.${c}`), selected: c === e.category })));
    return el('form', { id: 'close-form', className: 'inline', onsubmit: (event) => {
      event.preventDefault();
      act(async () => {
        await api('POST', `/api/escalations/${e.id}/close`, { outcome: outcome.value, category: category.value });
        navigate('#/queue');
      });
    } },
    el('label', {}, t('col.outcome'), ' ', outcome), ' ',
    el('label', {}, t('col.category'), ' ', category), ' ',
    el('button', { type: 'submit', text: t('close') }));
  }

  function renderMessages() {
    messages.replaceChildren(...view.messages.map((m) => {
      const who = m.author === 'operator' ? (m.operatorName || t('author.operator')) : t(`author.${m.author}`);
      const media = m.kind && m.kind !== 'text' && m.kind !== 'command' && m.kind !== 'callback';
      return el('li', { className: `message from-${m.author}`, 'data-message': m.id },
        el('p', { className: 'meta' },
          el('span', { className: 'author', text: who }), ' · ',
          el('time', { datetime: m.at, text: time(m.at, language) }),
          m.delivery ? [' · ', el('span', { className: `delivery delivery-${m.delivery}`, text: t(`delivery.${m.delivery}`) })] : null),
        media ? el('p', { className: 'media', text: `[${t(`kind.${m.kind}`)}]` }) : null,
        m.text === null ? el('p', { className: 'text erased', text: t('message.erased') })
          : m.text ? el('p', { className: 'text', dir: 'auto', text: m.text }) : null);
    }));
  }

  function renderReply() {
    replyArea.replaceChildren();
    if (!view.heldByMe || view.erased) return;
    const textarea = el('textarea', { id: 'reply-text', name: 'text', dir: 'auto', rows: 4, maxlength: 3500, required: true });
    const picker = el('select', { id: 'canned', 'aria-label': t('canned.choose') },
      el('option', { value: '', text: t('canned.choose') }),
      canned.map((c, i) => el('option', { value: String(i), text: c.title })));
    picker.addEventListener('change', () => {
      if (picker.value !== '') textarea.value = canned[Number(picker.value)].text;
      textarea.focus();
    });
    const form = el('form', { id: 'reply-form', onsubmit: (event) => {
      event.preventDefault();
      act(async () => {
        await api('POST', `/api/conversations/${id}/replies`, { text: textarea.value });
        form.reset();
      });
    } },
    el('label', { for: 'reply-text', text: t('reply.label') }),
    canned.length ? picker : null,
    textarea,
    el('button', { type: 'submit', id: 'send-reply', text: t('reply.send') }));
    replyArea.append(el('section', { 'aria-labelledby': 'reply-title' }, el('h3', { id: 'reply-title', text: t('reply.title') }), form));
  }

  function renderNotes(notes) {
    notesList.replaceChildren(...notes.map((n) => el('li', {},
      el('p', { className: 'meta' }, el('span', { text: n.author }), ' · ', el('time', { datetime: n.at, text: time(n.at, language) })),
      el('p', { className: 'text', dir: 'auto', text: n.text }))));
    notesArea.replaceChildren();
    if (view.heldByMe || isSupervisor) {
      const textarea = el('textarea', { id: 'note-text', dir: 'auto', rows: 2, maxlength: 4000, required: true });
      notesArea.append(el('form', { onsubmit: (event) => {
        event.preventDefault();
        act(() => api('POST', `/api/conversations/${id}/notes`, { text: textarea.value }));
      } }, el('label', { for: 'note-text', text: t('notes.add') }), textarea, el('button', { type: 'submit', text: t('notes.save') })));
    }
  }

  async function load() {
    try {
      view = await api('GET', `/api/conversations/${id}`);
      if (view.heldByMe && view.language && cannedLanguage !== view.language) {
        canned = (await api('GET', `/api/canned-replies?language=${encodeURIComponent(view.language)}`)).items;
        cannedLanguage = view.language;
      }
      if (view.heldByMe && !operators.length) {
        operators = (await api('GET', '/api/operators')).items;
      }
      renderHeader();
      renderActions();
      renderMessages();
      // keep what the operator is typing when new messages arrive
      const typing = replyArea.querySelector('textarea');
      const draft = typing ? typing.value : '';
      renderReply();
      const again = replyArea.querySelector('textarea');
      if (again && draft) again.value = draft;
      renderNotes((await api('GET', `/api/conversations/${id}/notes`)).items);
    } catch (error) {
      if (error.status === 404) {
        container.replaceChildren(el('h2', { text: t('conversation.title') }), el('p', { role: 'alert', text: t('conversation.gone') }));
      } else {
        say(error.message);
      }
    }
  }

  const reload = debounce(load, 150);
  const stopLive = live.on((frame) => {
    const about = frame.conversationId || (frame.escalation && frame.escalation.conversation);
    if (frame.type === 'live.open' || about === id) reload();
  });
  load();
  return stopLive;
}
