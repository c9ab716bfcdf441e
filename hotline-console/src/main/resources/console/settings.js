// The admins' hotline settings: opening hours, their time zone and the retention period. Each
// either follows the environment's value (shown) or holds one set here; the server checks a value
// as it checks the environment's, and a refusal names the field, which gets the focus.
import { el, feedback } from './dom.js';

const FIELDS = [
  { name: 'hours', label: 'settings.hours', help: 'settings.hoursHelp', maxlength: 1000 },
  { name: 'timezone', label: 'settings.timezone', help: 'settings.timezoneHelp', maxlength: 64, list: 'time-zones' },
  { name: 'retention', label: 'settings.retention', help: 'settings.retentionHelp', maxlength: 64 },
];

export function mountSettings(container, { api, t }) {
  const note = feedback();
  const form = el('form', { id: 'settings-form' });
  const zones = el('datalist', { id: 'time-zones' },
    (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : []).map((zone) => el('option', { value: zone })));
  const inputs = new Map();

  container.append(
    el('h2', { text: t('settings.title') }),
    el('p', { text: t('settings.help') }),
    ...note.nodes,
    form, zones);

  function render(settings) {
    inputs.clear();
    form.replaceChildren(...FIELDS.map((field) => {
      const helpId = `settings-${field.name}-help`;
      const overridden = settings.overridden.includes(field.name);
      const input = el('input', { name: field.name, id: `settings-${field.name}`, maxlength: field.maxlength,
        required: true, autocomplete: 'off', spellcheck: 'false', dir: 'ltr', list: field.list,
        'aria-describedby': helpId, value: settings[field.name] });
      const useDefault = el('input', { type: 'checkbox', name: `${field.name}-default`, checked: !overridden });
      input.disabled = !overridden;
      useDefault.addEventListener('change', () => {
        input.disabled = useDefault.checked;
        if (useDefault.checked) input.value = settings.defaults[field.name];
        else input.focus();
      });
      inputs.set(field.name, { input, useDefault });
      return el('div', { className: 'setting' },
        el('label', {}, el('span', { text: t(field.label) }), input),
        el('p', { id: helpId, className: 'help', text: t(field.help) }),
        el('label', { className: 'inline' }, useDefault, ' ', t('settings.useDefault'), ' ',
          el('code', { dir: 'ltr', text: settings.defaults[field.name] })));
    }), el('button', { type: 'submit', text: t('settings.save') }));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [name, { input, useDefault }] of inputs) {
      input.removeAttribute('aria-invalid');
      body[name] = useDefault.checked ? null : input.value.trim();
    }
    try {
      render(await api('PUT', '/api/settings', body));
      note.done(t('settings.saved'));
    } catch (error) {
      note.fail(error.message);
      const field = error.problem && error.problem.errors && error.problem.errors[0];
      const named = field && inputs.get(String(field.location || '').replace(/^\//, ''));
      if (named) {
        named.input.setAttribute('aria-invalid', 'true');
        named.input.focus();
      }
    }
  });

  api('GET', '/api/settings').then(render).catch((error) => note.fail(error.message));
}
