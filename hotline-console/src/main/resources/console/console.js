// Sign-in and account setup. The session cookie is HttpOnly; this script only keeps the CSRF
// token (in memory) and sends it on every request that changes something. Everything a person
// typed or the server returned is shown with textContent, never as HTML.
import { chooseLanguage, text, translate } from './i18n.js';

let csrfToken = null;
let language = chooseLanguage(null);

const $ = (id) => document.getElementById(id);
const screens = ['sign-in', 'change-password', 'enrol-totp', 'signed-in'];

function show(screen) {
  for (const id of screens) $(id).hidden = id !== screen;
}

function say(message) {
  $('message').textContent = message || '';
  $('message').hidden = !message;
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || text(language, 'failed'));
    error.status = response.status;
    throw error;
  }
  return data;
}

function render(me) {
  if (me.csrfToken) csrfToken = me.csrfToken;
  language = chooseLanguage(me.uiLanguage);
  translate(language);
  const setup = me.setupRequired || [];
  if (setup.includes('changePassword')) {
    show('change-password');
  } else if (setup.includes('enrolTotp')) {
    startEnrolment();
  } else {
    $('who').textContent = me.displayName;
    $('roles').textContent = (me.roles || []).join(', ');
    show('signed-in');
  }
}

async function startEnrolment() {
  const enrolment = await api('POST', '/api/me/totp');
  $('qr').src = enrolment.qrCode;
  $('secret').textContent = enrolment.secret;
  show('enrol-totp');
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function onSubmit(id, action) {
  $(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    say('');
    try {
      await action(formValues(event.target), event.target);
    } catch (error) {
      say(error.message);
    }
  });
}

onSubmit('sign-in', async (values, form) => {
  const body = { username: values.username, password: values.password };
  if (values.totp) body.totp = values.totp;
  const signedIn = await api('POST', '/api/session', body);
  form.reset();
  csrfToken = signedIn.csrfToken;
  render(signedIn.me);
});

onSubmit('change-password', async (values, form) => {
  const me = await api('POST', '/api/me/password', values);
  form.reset();
  render(me);
});

onSubmit('confirm-totp', async (values, form) => {
  const me = await api('POST', '/api/me/totp/confirmation', { code: values.code });
  form.reset();
  render(me);
});

async function signOut(path) {
  try {
    await api('DELETE', path);
  } finally {
    csrfToken = null;
    show('sign-in');
  }
}

$('sign-out').addEventListener('click', () => signOut('/api/session'));
$('sign-out-everywhere').addEventListener('click', () => signOut('/api/me/sessions'));

translate(language);
api('GET', '/api/me')
  .then(render)
  .catch(() => show('sign-in'));
