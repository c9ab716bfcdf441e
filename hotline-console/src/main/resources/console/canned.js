// The supervisors' canned replies, by language: what operators pick from in a conversation. Add,
// change and delete (each change is audited on the server); the text is shown as text.
import { el, feedback, languageCodes } from './dom.js';

export function mountCanned(container, { api, t, me }) {
  const note = feedback();
  const show = el('select', { id: 'canned-show' });
  const list = el('div', { id: 'canned-list' });
  const editing = el('section', { id: 'canned-edit', 'aria-labelledby': 'canned-form-title' });
  let items = [];
  let current = null; // the reply being changed, or null for a new one

  container.append(
    el('h2', { text: t('canned.title') }),
    ...note.nodes,
    el('label', { className: 'inline' }, t('canned.show'), ' ', show),
    list,
    editing);

  function languages() {
    return [...new Set([...(me.languages || []), ...items.map((item) => item.language)])].sort();
  }

  function renderForm() {
    const title = el('h3', { id: 'canned-form-title', tabindex: '-1', text: current ? t('canned.editing') : t('canned.new') });
    const form = el('form', { id: 'canned-form' },
      el('label', {}, el('span', { text: t('canned.language') }),
        el('input', { name: 'language', required: true, pattern: '[a-z]{2,3}', maxlength: 3, autocomplete: 'off', dir: 'ltr',
          spellcheck: 'false', list: 'canned-languages', value: current ? current.language : (me.languages || [])[0] })),
      el('datalist', { id: 'canned-languages' }, languages().map((code) => el('option', { value: code }))),
      el('label', {}, el('span', { text: t('canned.titleField') }),
        el('input', { name: 'title', required: true, maxlength: 120, dir: 'auto', value: current ? current.title : undefined })),
      el('label', {}, el('span', { text: t('canned.text') }),
        el('textarea', { name: 'text', required: true, maxlength: 3500, rows: 5, dir: 'auto', text: current ? current.text : '' })),
      el('div', { className: 'actions' },
        el('button', { type: 'submit', text: t('canned.save') }),
        current ? el('button', { type: 'button', className: 'cancel', text: t('form.cancel'), onclick: () => {
          current = null;
          renderForm();
        } }) : null));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const body = {
        language: languageCodes(data.get('language'))[0] || '',
        title: data.get('title').trim(),
        text: data.get('text'),
      };
      try {
        if (current) await api('PUT', `/api/canned-replies/${current.id}`, body);
        else await api('POST', '/api/canned-replies', body);
        current = null;
        note.done(t('form.saved'));
        await load();
        renderForm();
      } catch (error) {
        note.fail(error.message);
      }
    });
    editing.replaceChildren(title, form);
    return title;
  }

  function renderList() {
    const chosen = show.value;
    const options = [el('option', { value: '', text: t('queue.allLanguages') }),
      ...languages().map((code) => el('option', { value: code, text: code }))];
    show.replaceChildren(...options);
    show.value = languages().includes(chosen) ? chosen : '';
    const shown = items.filter((item) => !show.value || item.language === show.value);
    const byLanguage = new Map();
    for (const item of shown) {
      if (!byLanguage.has(item.language)) byLanguage.set(item.language, []);
      byLanguage.get(item.language).push(item);
    }
    if (!shown.length) {
      list.replaceChildren(el('p', { text: t('canned.empty') }));
      return;
    }
    list.replaceChildren(...[...byLanguage].map(([code, replies]) => el('section', { 'aria-labelledby': `canned-${code}` },
      el('h3', { id: `canned-${code}`, lang: code, text: code }),
      el('table', {},
        el('thead', {}, el('tr', {}, ['title', 'text', 'actions'].map((c) => el('th', { scope: 'col', text: t(`col.${c}`) })))),
        el('tbody', {}, replies.map((reply) => el('tr', { 'data-canned': reply.id },
          el('td', { className: 'canned-title', dir: 'auto', text: reply.title }),
          el('td', { className: 'canned-text', dir: 'auto', text: reply.text }),
          el('td', { className: 'actions' },
            el('button', { type: 'button', className: 'edit', text: t('form.edit'), 'aria-label': `${t('form.edit')}: ${reply.title}`,
              onclick: () => {
                current = reply;
                renderForm().focus();
              } }),
            el('button', { type: 'button', className: 'delete', text: t('form.delete'), 'aria-label': `${t('form.delete')}: ${reply.title}`,
              onclick: async () => {
                if (!window.confirm(t('canned.confirmDelete'))) return;
                try {
                  await api('DELETE', `/api/canned-replies/${reply.id}`);
                  if (current && current.id === reply.id) {
                    current = null;
                    renderForm();
                  }
                  note.done(t('canned.deleted'));
                  await load();
                } catch (error) {
                  note.fail(error.message);
                }
              } })))))))));
  }

  async function load() {
    try {
      items = (await api('GET', '/api/canned-replies')).items;
      renderList();
    } catch (error) {
      note.fail(error.message);
    }
  }

  show.addEventListener('change', renderList);
  renderForm();
  load();
}
