// Sign-in and account setup. The session cookie is HttpOnly; this script only keeps the CSRF
// token (in memory) and sends it on every request that changes something. Everything a person
// typed or the server returned is shown with textContent, never as HTML.
import { api, setCsrfToken, setFailedText } from './api.js';
import { chooseLanguage, text, translate } from './i18n.js';

let language = chooseLanguage(null);
let app = null;

const $ = (id) => document.getElementById(id);
const screens = ['sign-in', 'change-password', 'enrol-totp', 'signed-in'];

function show(screen) {
  for (const id of screens) $(id).hidden = id !== screen;
}

function say(message) {
  $('message').textContent = message || '';
  $('message').hidden = !message;
}

function render(me) {
  if (me.csrfToken) setCsrfToken(me.csrfToken);
  language = chooseLanguage(me.uiLanguage);
  translate(language);
  setFailedText(text(language, 'failed'));
  const setup = me.setupRequired || [];
  if (setup.includes('changePassword')) {
    show('change-password');
  } else if (setup.includes('enrolTotp')) {
    startEnrolment();
  } else {
    $('who').textContent = me.displayName;
    $('roles').textContent = (me.roles || []).join(', ');
    show('signed-in');
    // The working screens load only once someone is signed in.
    import('./app.js').then((module) => {
      app = module.startApp($('app'), me, language);
    });
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
  setCsrfToken(signedIn.csrfToken);
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
    setCsrfToken(null);
    if (app) app.stop();
    app = null;
    show('sign-in');
  }
}

$('sign-out').addEventListener('click', () => signOut('/api/session'));
$('sign-out-everywhere').addEventListener('click', () => signOut('/api/me/sessions'));

translate(language);
api('GET', '/api/me')
  .then(render)
  .catch(() => show('sign-in'));
