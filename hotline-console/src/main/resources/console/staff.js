// The admins' staff accounts: the list (roles, languages, display name, console language, whether
// disabled, locked out or still setting up), a new account (its one-time password shown once, as
// the API returns it), changes, disabling and enabling, and resets of password and second factor.
import { el, feedback, languageCodes, time } from './dom.js';

const ROLES = ['operator', 'supervisor', 'editor', 'admin'];
const UI_LANGUAGES = { en: 'English', tr: 'Türkçe', ar: 'العربية' };

export function mountStaff(container, { api, language, t }) {
  const note = feedback();
  const rows = el('tbody', { id: 'staff-rows' });
  const oneTime = el('section', { id: 'one-time', className: 'one-time', hidden: true });
  const editing = el('section', { id: 'staff-edit', hidden: true, 'aria-labelledby': 'staff-edit-title' });
  const columns = ['username', 'displayName', 'roles', 'languages', 'uiLanguage', 'state', 'actions'];

  container.append(
    el('h2', { text: t('staff.title') }),
    ...note.nodes,
    oneTime,
    el('table', { id: 'staff-table' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: t(`col.${c}`) })))),
      rows),
    editing,
    el('section', { 'aria-labelledby': 'staff-new-title' },
      el('h3', { id: 'staff-new-title', text: t('staff.new') }),
      accountForm('staff-new', null, create)),
  );

  function accountForm(id, account, onSave) {
    const roleBoxes = ROLES.map((role) => el('label', { className: 'inline' },
      el('input', { type: 'checkbox', name: 'role', value: role, checked: account && account.roles.includes(role) }),
      ' ', t(`role.${role}`)));
    const form = el('form', { id, className: 'account-form' },
      account ? null : el('label', {}, el('span', { text: t('staff.username') }),
        el('input', { name: 'username', required: true, maxlength: 64, autocomplete: 'off', spellcheck: 'false', dir: 'ltr',
          pattern: '[a-z0-9][a-z0-9._\\-]{1,63}' })),
      el('label', {}, el('span', { text: t('staff.displayName') }),
        el('input', { name: 'displayName', maxlength: 128, required: !!account, dir: 'auto',
          value: account ? account.displayName : undefined })),
      el('fieldset', {}, el('legend', { text: t('staff.roles') }), roleBoxes),
      el('label', {}, el('span', { text: t('staff.languages') }),
        el('input', { name: 'languages', autocomplete: 'off', spellcheck: 'false', dir: 'ltr',
          value: account ? account.languages.join(', ') : undefined })),
      el('label', {}, el('span', { text: t('staff.uiLanguage') }),
        el('select', { name: 'uiLanguage' }, Object.entries(UI_LANGUAGES).map(([code, name]) =>
          el('option', { value: code, text: name, lang: code,
            selected: (account ? account.uiLanguage : language) === code })))),
      el('div', { className: 'actions' },
        el('button', { type: 'submit', text: account ? t('staff.save') : t('staff.create') }),
        account ? el('button', { type: 'button', className: 'cancel', text: t('form.cancel'), onclick: closeEditor }) : null));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const values = {
        displayName: (data.get('displayName') || '').trim() || undefined,
        roles: data.getAll('role'),
        languages: languageCodes(data.get('languages')),
        uiLanguage: data.get('uiLanguage'),
      };
      if (!account) values.username = (data.get('username') || '').trim();
      try {
        await onSave(values, form);
      } catch (error) {
        note.fail(error.message);
      }
    });
    return form;
  }

  async function create(values, form) {
    const created = await api('POST', '/api/staff', values);
    form.reset();
    showOneTime(created.account.username, created.oneTimePassword);
    note.done(t('staff.created'));
    await load();
  }

  // Shown once, as the API gave it; hidden (and forgotten by the page) once handed over.
  function showOneTime(username, password) {
    const title = el('h3', { id: 'one-time-title', tabindex: '-1' }, t('staff.oneTimeFor'), ' ', username);
    oneTime.replaceChildren(
      title,
      el('p', {}, el('code', { id: 'one-time-password', text: password })),
      el('p', { text: t('staff.oneTimeHelp') }),
      el('button', { type: 'button', id: 'one-time-done', text: t('staff.oneTimeDone'), onclick: () => {
        oneTime.replaceChildren();
        oneTime.hidden = true;
      } }));
    oneTime.setAttribute('aria-labelledby', 'one-time-title');
    oneTime.hidden = false;
    title.focus();
  }

  function openEditor(account) {
    const title = el('h3', { id: 'staff-edit-title', tabindex: '-1' }, t('staff.editing'), ': ', account.username);
    editing.replaceChildren(title, accountForm('staff-edit-form', account, async (values) => {
      await api('PATCH', `/api/staff/${account.id}`, values);
      closeEditor();
      note.done(t('form.saved'));
      await load();
    }));
    editing.hidden = false;
    title.focus();
  }

  function closeEditor() {
    editing.replaceChildren();
    editing.hidden = true;
  }

  function state(account) {
    const states = [];
    if (account.disabled) states.push(t('state.disabled'));
    if (account.lockedUntil && Date.parse(account.lockedUntil) > Date.now()) {
      states.push(`${t('state.lockedUntil')} ${time(account.lockedUntil, language)}`);
    }
    if (account.mustChangePassword) states.push(t('state.oneTimePassword'));
    if (!account.totpEnabled) states.push(t('state.noTotp'));
    return states.length ? states.join('; ') : t('state.active');
  }

  function action(label, account, className, run) {
    return el('button', { type: 'button', className, text: label, 'aria-label': `${label}: ${account.username}`,
      onclick: async () => {
        try {
          await run();
        } catch (error) {
          note.fail(error.message);
        }
      } });
  }

  function row(account) {
    const path = `/api/staff/${account.id}`;
    return el('tr', { 'data-username': account.username },
      el('td', { text: account.username }),
      el('td', { dir: 'auto', text: account.displayName }),
      el('td', { className: 'roles', text: account.roles.map((role) => t(`role.${role}`)).join(', ') }),
      el('td', { className: 'languages', text: account.languages.join(', ') || '—' }),
      el('td', { text: UI_LANGUAGES[account.uiLanguage] || account.uiLanguage }),
      el('td', { className: 'state', text: state(account) }),
      el('td', { className: 'actions' },
        action(t('form.edit'), account, 'edit', async () => openEditor(account)),
        account.disabled
          ? action(t('staff.enable'), account, 'enable', async () => {
            await api('POST', `${path}/enable`);
            note.done(t('staff.enabledDone'));
            await load();
          })
          : action(t('staff.disable'), account, 'disable', async () => {
            if (!window.confirm(t('staff.confirmDisable'))) return;
            await api('POST', `${path}/disable`);
            note.done(t('staff.disabledDone'));
            await load();
          }),
        action(t('staff.resetPassword'), account, 'reset-password', async () => {
          if (!window.confirm(t('staff.confirmResetPassword'))) return;
          const reset = await api('POST', `${path}/password-reset`);
          showOneTime(reset.account.username, reset.oneTimePassword);
          await load();
        }),
        action(t('staff.resetTotp'), account, 'reset-totp', async () => {
          if (!window.confirm(t('staff.confirmResetTotp'))) return;
          await api('POST', `${path}/totp-reset`);
          note.done(t('staff.totpResetDone'));
          await load();
        })));
  }

  async function load() {
    try {
      const list = await api('GET', '/api/staff');
      rows.replaceChildren(...list.staff.map(row));
    } catch (error) {
      note.fail(error.message);
    }
  }

  load();
  return () => oneTime.replaceChildren();
}
